"""Grouping helpers shared by the linkers: an inverted index from values to accounts.

Pairs are only ever made inside a group (the accounts holding one value), and a group
larger than the hub size is never expanded, so the work is linear in the data for a
fixed hub size — no all-pairs loops.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def pairs_within_groups(members: pd.DataFrame, *, max_size: int | np.ndarray) -> pd.DataFrame:
    """All account pairs inside each group of at most ``max_size`` members.

    ``members`` has integer columns ``group`` and ``acc`` (unique per row); ``max_size``
    is one limit, or one per member row (the limit of its group). Returns columns
    ``group``, ``a``, ``b`` with ``a < b`` and ``size`` (members in the group).
    """
    size = members.groupby("group", sort=False)["acc"].transform("size")
    keep = (size >= 2) & (size <= max_size)
    small = members.loc[keep, ["group", "acc"]].assign(size=size[keep])
    if small.empty:
        return pd.DataFrame({c: pd.Series([], dtype="int64") for c in ("group", "a", "b", "size")})
    left = small.rename(columns={"acc": "a"})
    right = small[["group", "acc"]].rename(columns={"acc": "b"})
    joined = left.merge(right, on="group", how="inner", sort=False)
    joined = joined[joined["a"] < joined["b"]]
    return joined[["group", "a", "b", "size"]].reset_index(drop=True)


def factorize_pairs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One int64 id per (a, b) pair of non-negative int32-range codes."""
    return a.astype(np.int64) << 32 | b.astype(np.int64)


def factorize_kind_value(
    kind: pd.Series, value: pd.Series
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group codes for (kind, value) pairs, and the kind and value of each code."""
    kind_codes, kinds = pd.factorize(kind.astype(str))
    value_codes, values = pd.factorize(value.astype(str))
    combined = kind_codes.astype(np.int64) * max(len(values), 1) + value_codes
    codes, uniques = pd.factorize(combined)
    uniq = np.asarray(uniques, dtype=np.int64)
    n = max(len(values), 1)
    return (
        np.asarray(codes, dtype=np.int64),
        np.asarray(kinds, dtype=object)[uniq // n] if len(uniq) else np.array([], dtype=object),
        np.asarray(values, dtype=object)[uniq % n] if len(uniq) else np.array([], dtype=object),
    )


def unique_int64(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values of an int64 array (a sort, faster here than np.unique)."""
    out = np.sort(values.astype(np.int64, copy=False), kind="quicksort")
    if len(out) < 2:
        return out
    return out[np.r_[True, out[1:] != out[:-1]]]
