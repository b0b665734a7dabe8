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

from auditor.link.exact import (
    EVIDENCE_COLUMNS,
    Members,
    member_limits,
    rows_by_kind,
    value_members,
)
from auditor.link.groups import pair_index, take_objects, take_text

_DETAIL = {"address": "same building, different unit"}


def link_partial(
    ident: pd.DataFrame, *, limits: Mapping[str, int], pairs_with_evidence: pd.DataFrame
) -> pd.DataFrame:
    """Weak evidence rows (EVIDENCE_COLUMNS) from shared ``partial`` keys, between the
    ``pairs_with_evidence`` (columns a, b) only: alone, weak evidence proves nothing.

    IP prefixes and buildings come from groups of at most ``limits[kind]`` accounts (a
    /24 shared by 30 accounts is an ISP block, not evidence).
    """
    kind = ident["kind"]
    prefix, last4 = [], []
    for rows in rows_by_kind(ident):
        name = str(kind.iloc[rows[0]])
        if name not in ("ip", "address", "card", "bank"):
            continue
        # One kind at a time: its members' codes and sorts, not those of 6 million rows.
        m = value_members(ident, "partial", rows=rows, any_of=_no_value(ident, rows))
        if name in ("card", "bank"):
            last4.append(_last4(ident, m, pairs_with_evidence))
        else:
            prefix.append(_shared_prefix(ident, m, limits, pairs_with_evidence))
    if not prefix and not last4:
        return pd.DataFrame(columns=list(EVIDENCE_COLUMNS))
    return pd.concat([*prefix, *last4], ignore_index=True)


def _no_value(ident: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """Row mask: the rows among ``rows`` without a canonical value (masked numbers)."""
    mask = np.zeros(len(ident), dtype=bool)
    mask[rows] = ident["value"].iloc[rows].isna().to_numpy(dtype=bool)
    return mask


def _shared_prefix(
    ident: pd.DataFrame, m: Members, limits: Mapping[str, int], pairs: pd.DataFrame
) -> pd.DataFrame:
    """Same /24 (/64) or same building between ``pairs`` (a, b), from one kind's members."""
    i, j, size = pair_index(m.group, max_size=member_limits(m, limits))
    wanted = np.isin(
        m.acc[i] << 32 | m.acc[j],
        pairs["a"].to_numpy(dtype=np.int64) << 32 | pairs["b"].to_numpy(dtype=np.int64),
        kind="sort",
    )
    i, j, size = i[wanted], j[wanted], size[wanted]
    kinds = take_objects(m.kinds, m.kind[i])
    values = take_objects(m.values, m.value[i])
    is_ip = kinds == "ip"
    return pd.DataFrame(
        {
            "a": m.acc[i],
            "b": m.acc[j],
            "kind": kinds,
            "match": np.where(is_ip, "prefix", "partial"),
            "value": values,
            "value_a": take_text(ident["raw"], m.row[i]),
            "value_b": take_text(ident["raw"], m.row[j]),
            "similarity": 1.0,
            "shared_by": size,
            "first_a": pd.NaT,
            "last_a": pd.NaT,
            "first_b": pd.NaT,
            "last_b": pd.NaT,
            "detail": np.where(
                is_ip, "same network prefix " + values.astype(str), _DETAIL["address"]
            ),
        }
    )


def _last4(ident: pd.DataFrame, m: Members, pairs: pd.DataFrame) -> pd.DataFrame:
    """Same last 4 between accounts that already have other evidence, one side masked."""
    if not len(m.acc) or pairs.empty:
        return pd.DataFrame(columns=list(EVIDENCE_COLUMNS))
    members = pd.DataFrame(
        {
            "acc": m.acc,
            "group": m.group,
            "row": m.row,
            "masked": m.flag,
            "at": np.arange(len(m.acc)),
        }
    )
    left = pairs[["a", "b"]].merge(members.rename(columns={"acc": "a"}), on="a")
    both = left.merge(
        members.rename(columns={"acc": "b", "row": "row_b", "masked": "masked_b", "at": "at_b"}),
        on=["b", "group"],
    )
    both = both[both["masked"].to_numpy(dtype=bool) | both["masked_b"].to_numpy(dtype=bool)]
    at = both["at"].to_numpy()
    values = take_objects(m.values, m.value[at])
    return pd.DataFrame(
        {
            "a": both["a"].to_numpy(),
            "b": both["b"].to_numpy(),
            "kind": take_objects(m.kinds, m.kind[at]),
            "match": "partial",
            "value": values,
            "value_a": take_text(ident["raw"], both["row"].to_numpy()),
            "value_b": take_text(ident["raw"], both["row_b"].to_numpy()),
            "similarity": 1.0,
            "shared_by": 2,
            "first_a": pd.NaT,
            "last_a": pd.NaT,
            "first_b": pd.NaT,
            "last_b": pd.NaT,
            "detail": "same last 4 digits (" + values.astype(str) + "), one side masked",
        }
    )
