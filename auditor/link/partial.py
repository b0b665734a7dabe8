"""Weak links from the ``partial`` column: IP prefixes, card/bank last 4, building.

* ``prefix``: two different public IPs in one IPv4 /24 or IPv6 /64.
* ``partial`` (card, bank): the same last 4 where at least one side is masked — two full
  numbers that differ are different cards, whatever their last 4.
* ``partial`` (address): the same building with a different (or missing) unit.

Pairs that already share the exact value are removed by the caller.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from auditor.link.exact import EVIDENCE_COLUMNS
from auditor.link.groups import factorize_kind_value, pairs_within_groups
from auditor.tables import STATUS_OK

_DETAIL = {"address": "same building, different unit"}


def _members(rows: pd.DataFrame) -> pd.DataFrame:
    gid, kinds, values = factorize_kind_value(rows["kind"], rows["partial"])
    frame = pd.DataFrame(
        {
            "group": gid,
            "acc": rows["acc"].to_numpy(),
            "raw": rows["raw"].to_numpy(),
            "masked": rows["value"].isna().to_numpy(),
        }
    )
    members = (
        frame.groupby(["group", "acc"], sort=False)
        .agg(raw=("raw", "first"), masked=("masked", "any"))
        .reset_index()
    )
    members["kind"] = kinds[members["group"].to_numpy()]
    members["value"] = values[members["group"].to_numpy()]
    return members


def link_partial(
    ident: pd.DataFrame, *, limits: Mapping[str, int], pairs_with_evidence: pd.DataFrame
) -> pd.DataFrame:
    """Weak evidence rows (EVIDENCE_COLUMNS) from shared ``partial`` keys.

    IP prefixes and buildings come from groups of at most ``limits[kind]`` accounts (a
    /24 shared by 30 accounts is an ISP block, not evidence). Last-4 evidence is only
    looked for between the ``pairs_with_evidence`` (columns a, b): alone it proves nothing.
    """
    usable = (ident["status"] == STATUS_OK) & ident["partial"].notna()
    rows = ident.loc[usable & ident["kind"].isin(["ip", "address"])]
    members = _members(rows)
    limit = members["kind"].map(limits).fillna(2).to_numpy(dtype=np.int64)
    pairs = pairs_within_groups(members[["group", "acc"]], max_size=limit)
    cols = ["group", "acc", "kind", "value", "raw", "masked"]
    left = pairs.merge(members[cols], left_on=["group", "a"], right_on=["group", "acc"], how="left")
    right = pairs.merge(
        members[cols], left_on=["group", "b"], right_on=["group", "acc"], how="left"
    )
    kind = left["kind"].to_numpy()
    detail = np.where(
        kind == "ip", "same network prefix " + left["value"].astype(str), _DETAIL["address"]
    )
    evidence = pd.DataFrame(
        {
            "a": pairs["a"].to_numpy(),
            "b": pairs["b"].to_numpy(),
            "kind": kind,
            "match": np.where(kind == "ip", "prefix", "partial"),
            "value": left["value"].to_numpy(),
            "value_a": left["raw"].to_numpy(),
            "value_b": right["raw"].to_numpy(),
            "similarity": 1.0,
            "shared_by": pairs["size"].to_numpy(),
            "first_a": pd.NaT,
            "last_a": pd.NaT,
            "first_b": pd.NaT,
            "last_b": pd.NaT,
            "detail": detail,
        }
    )
    secrets = ident.loc[usable & ident["kind"].isin(["card", "bank"])]
    return pd.concat([evidence, _last4(secrets, pairs_with_evidence)], ignore_index=True)


def _last4(rows: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Same last 4 between accounts that already have other evidence, one side masked."""
    members = _members(rows)
    if members.empty or pairs.empty:
        return pd.DataFrame(columns=list(EVIDENCE_COLUMNS))
    m = members[["acc", "kind", "value", "raw", "masked"]]
    left = pairs[["a", "b"]].merge(m.rename(columns={"acc": "a"}), on="a")
    both = left.merge(
        m.rename(columns={"acc": "b", "raw": "raw_b", "masked": "masked_b"}),
        on=["b", "kind", "value"],
    )
    both = both[both["masked"].to_numpy(dtype=bool) | both["masked_b"].to_numpy(dtype=bool)]
    return pd.DataFrame(
        {
            "a": both["a"].to_numpy(),
            "b": both["b"].to_numpy(),
            "kind": both["kind"].to_numpy(),
            "match": "partial",
            "value": both["value"].to_numpy(),
            "value_a": both["raw"].to_numpy(),
            "value_b": both["raw_b"].to_numpy(),
            "similarity": 1.0,
            "shared_by": 2,
            "first_a": pd.NaT,
            "last_a": pd.NaT,
            "first_b": pd.NaT,
            "last_b": pd.NaT,
            "detail": "same last 4 digits (" + both["value"].astype(str) + "), one side masked",
        }
    )
