"""Weak links from the ``partial`` column: IP prefixes, card/bank last 4, building.

* ``prefix``: two different public IPs in one IPv4 /24 or IPv6 /64.
* ``partial`` (card, bank): the same last 4 where at least one side is masked — two full
  numbers that differ are different cards, whatever their last 4.
* ``partial`` (address): the same building with a different (or missing) unit.

Pairs that already share the exact value are removed by the caller.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from auditor.link.groups import factorize_kind_value, pairs_within_groups
from auditor.tables import STATUS_OK

_DETAIL = {
    "ip": "same network prefix {value}",
    "card": "same last 4 digits ({value}), one side masked",
    "bank": "same last 4 digits ({value}), one side masked",
    "address": "same building, different unit",
}


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


def link_partial(ident: pd.DataFrame, *, hub_size: int) -> pd.DataFrame:
    """Weak evidence rows (EVIDENCE_COLUMNS) from shared ``partial`` keys."""
    usable = (ident["status"] == STATUS_OK) & ident["partial"].notna()
    rows = ident.loc[usable & ident["kind"].isin(["ip", "card", "bank", "address"])]
    members = _members(rows)
    pairs = pairs_within_groups(members[["group", "acc"]], max_size=hub_size)
    cols = ["group", "acc", "kind", "value", "raw", "masked"]
    left = pairs.merge(members[cols], left_on=["group", "a"], right_on=["group", "acc"], how="left")
    right = pairs.merge(
        members[cols], left_on=["group", "b"], right_on=["group", "acc"], how="left"
    )
    kind = left["kind"].to_numpy()
    secret = np.isin(kind, ["card", "bank"])
    keep = ~secret | left["masked"].to_numpy(dtype=bool) | right["masked"].to_numpy(dtype=bool)
    template = pd.Series(kind).map(_DETAIL)
    detail = [t.format(value=v) for t, v in zip(template, left["value"], strict=True)]
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
    kept: pd.DataFrame = evidence.loc[keep].reset_index(drop=True)
    return kept
