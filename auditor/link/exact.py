"""Exact links: accounts holding the same canonical value of a kind.

An inverted index over (kind, value): every value held by 2..limit accounts yields
its account pairs; a value held by more accounts is kept as one :class:`Hub` with its
member list. The limit is the hub size, or for non-exclusive kinds the group size at
which the term-frequency discount leaves the evidence no weight (a name shared by 30
accounts says nothing about any two of them). Values flagged invalid or non-linking never link.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from auditor.kinds import EXCLUSIVE_KINDS
from auditor.link.groups import factorize_kind_value, pairs_within_groups
from auditor.mask import mask_value
from auditor.result import Hub
from auditor.tables import STATUS_OK

#: Columns of an evidence table (one row per piece of evidence between accounts a < b).
EVIDENCE_COLUMNS = (
    "a",
    "b",
    "kind",
    "match",
    "value",
    "value_a",
    "value_b",
    "similarity",
    "shared_by",
    "first_a",
    "last_a",
    "first_b",
    "last_b",
    "detail",
)


@dataclass
class ExactLinks:
    """Evidence rows, hubs, and the ring edges that tie exclusive-kind hubs together."""

    evidence: pd.DataFrame
    hubs: list[Hub]
    ring_edges: pd.DataFrame  # a, b (codes), kind: keeps a bank shared by 80 accounts one cluster


def value_members(ident: pd.DataFrame) -> pd.DataFrame:
    """One row per (kind, value, account): first raw form and first/last time seen.

    ``ident`` needs columns ``acc`` (account code), kind, value, raw, time.
    """
    rows = ident.loc[(ident["status"] == STATUS_OK) & ident["value"].notna()]
    gid, kinds, values = factorize_kind_value(rows["kind"], rows["value"])
    frame = pd.DataFrame(
        {
            "group": gid,
            "acc": rows["acc"].to_numpy(),
            "raw": rows["raw"].to_numpy(),
            "time": rows["time"].to_numpy(),
        }
    )
    grouped = frame.groupby(["group", "acc"], sort=False)
    members = grouped.agg(raw=("raw", "first"), first=("time", "min"), last=("time", "max"))
    members = members.reset_index()
    members["kind"] = kinds[members["group"].to_numpy()]
    members["value"] = values[members["group"].to_numpy()]
    return members


def link_exact(
    ident: pd.DataFrame, accounts: pd.Index, *, limits: Mapping[str, int], reveal: bool
) -> ExactLinks:
    """Exact-value evidence between accounts; see the module docstring.

    ``limits`` gives per kind the largest group still expanded into pairs (see
    :meth:`auditor.policy.Policy.max_group`); a larger group is a hub.
    """
    members = value_members(ident)
    limit = members["kind"].map(limits).fillna(2).to_numpy(dtype=np.int64)
    pairs = pairs_within_groups(members[["group", "acc"]], max_size=limit)
    cols = ["group", "acc", "kind", "value", "raw", "first", "last"]
    left = pairs.merge(members[cols], left_on=["group", "a"], right_on=["group", "acc"], how="left")
    right = pairs.merge(
        members[cols], left_on=["group", "b"], right_on=["group", "acc"], how="left"
    )
    evidence = pd.DataFrame(
        {
            "a": pairs["a"].to_numpy(),
            "b": pairs["b"].to_numpy(),
            "kind": left["kind"].to_numpy(),
            "match": "exact",
            "value": left["value"].to_numpy(),
            "value_a": left["raw"].to_numpy(),
            "value_b": right["raw"].to_numpy(),
            "similarity": 1.0,
            "shared_by": pairs["size"].to_numpy(),
            "first_a": left["first"].to_numpy(),
            "last_a": left["last"].to_numpy(),
            "first_b": right["first"].to_numpy(),
            "last_b": right["last"].to_numpy(),
            "detail": "",
        }
    )
    sizes = members.groupby("group", sort=False)["acc"].transform("size")
    in_hubs = members.loc[sizes.to_numpy() > limit].sort_values(["group", "acc"])
    hubs: list[Hub] = []
    ring_a: list[np.ndarray] = []
    ring_b: list[np.ndarray] = []
    ring_kind: list[str] = []
    names = accounts.to_numpy()
    for _, rows in in_hubs.groupby("group", sort=True):  # one per value held by many
        kind = str(rows["kind"].iloc[0])
        codes = rows["acc"].to_numpy()
        hubs.append(
            Hub(
                kind,
                mask_value(kind, str(rows["raw"].iloc[0]), reveal=reveal),
                tuple(str(names[c]) for c in codes),
            )
        )
        if kind in EXCLUSIVE_KINDS:  # a ring: keep its accounts together in one cluster
            ring_a.append(np.full(len(codes) - 1, codes[0]))
            ring_b.append(codes[1:])
            ring_kind.extend([kind] * (len(codes) - 1))
    hubs.sort(key=lambda h: (-len(h.accounts), h.kind, h.value))
    ring_edges = pd.DataFrame(
        {
            "a": np.concatenate(ring_a) if ring_a else np.array([], dtype=np.int64),
            "b": np.concatenate(ring_b) if ring_b else np.array([], dtype=np.int64),
            "kind": ring_kind,
        }
    )
    return ExactLinks(evidence, hubs, ring_edges)
