"""Grouping helpers shared by the linkers: an inverted index from values to accounts.

Pairs are only ever made inside a group (the accounts holding one value), and a group
larger than the hub size is never expanded, so the work is linear in the data for a
fixed hub size — no all-pairs loops.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from auditor.ingest.common import arrow_text


def group_runs(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start position and length of each run of equal values in ``group`` (sorted)."""
    n = len(group)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    return starts, np.diff(np.r_[starts, n])


def pair_index(
    group: np.ndarray, *, max_size: int | np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row pairs (i < j) inside each group of 2..``max_size`` rows, all in numpy.

    ``group`` must be sorted (rows of one group together); ``max_size`` is one limit or
    one per row (its group's limit, read at the group's first row). Returns the two row
    positions of every pair and the size of its group. A group of s rows yields
    s(s−1)/2 pairs, so the limit bounds the work: no all-pairs loop.
    """
    starts, sizes = group_runs(group)
    limit = np.broadcast_to(np.asarray(max_size, dtype=np.int64), group.shape)
    keep = (sizes >= 2) & (sizes <= limit[starts])
    size_of_row = np.repeat(sizes, sizes)
    position = np.arange(len(group), dtype=np.int64) - np.repeat(starts, sizes)
    later = np.where(np.repeat(keep, sizes), size_of_row - 1 - position, 0)
    i = np.repeat(np.arange(len(group), dtype=np.int64), later)
    offset = np.arange(len(i), dtype=np.int64) - np.repeat(np.cumsum(later) - later, later)
    return i, i + 1 + offset, size_of_row[i]


def distinct_members(group: np.ndarray, acc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (group, acc) rows, sorted by group then account.

    Returns ``order`` (all rows sorted, stable, so each member's rows keep their input
    order) and ``first``: for each distinct member, its first position in ``order``.
    """
    key = group.astype(np.int64) << 32 | acc.astype(np.int64)
    order = np.argsort(key, kind="stable")
    first, _ = group_runs(key[order])
    return order, first


def pairs_within_groups(members: pd.DataFrame, *, max_size: int | np.ndarray) -> pd.DataFrame:
    """All account pairs inside each group of at most ``max_size`` members.

    ``members`` has integer columns ``group`` and ``acc`` (unique per row); ``max_size``
    is one limit, or one per member row (the limit of its group). Returns columns
    ``group``, ``a``, ``b`` with ``a < b`` and ``size`` (members in the group).
    """
    group = members["group"].to_numpy(dtype=np.int64)
    acc = members["acc"].to_numpy(dtype=np.int64)
    order = np.lexsort((acc, group))
    limit = np.broadcast_to(np.asarray(max_size, dtype=np.int64), group.shape)[order]
    i, j, size = pair_index(group[order], max_size=limit)
    return pd.DataFrame(
        {"group": group[order][i], "a": acc[order][i], "b": acc[order][j], "size": size}
    )


def take_objects(values: pd.Series | pd.Index, positions: np.ndarray) -> np.ndarray:
    """``values`` at ``positions`` as Python objects. Text columns are pyarrow-backed:
    taking first and converting only what is taken costs a fraction of converting all."""
    if isinstance(values, pd.Series):
        return values.iloc[positions].to_numpy(dtype=object)
    return np.asarray(values.take(positions), dtype=object)


def sorted_codes(values: pd.Series, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values at positions, sort=True)`` done by Arrow: int64 codes (−1
    for missing) and the distinct values in sorted order as Python objects.

    Arrow orders text by its UTF-8 bytes, which is code-point order — the order Python
    sorts ``str`` in — and sorts only the distinct values, in C++ (sorting an object
    array compares Python strings one pair at a time).
    """
    taken = arrow_text(values.iloc[positions])
    encoded = pc.dictionary_encode(taken)
    order = pc.array_sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(len(order) + 1, dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    rank[-1] = -1  # missing values: index −1 after fill_null
    codes = rank[np.asarray(encoded.indices.fill_null(-1).to_numpy(), dtype=np.int64)]
    uniques = encoded.dictionary.take(pa.array(order)).to_numpy(zero_copy_only=False)
    return codes, np.asarray(uniques, dtype=object)


def take_text(
    values: pd.Series | pd.Index, positions: np.ndarray
) -> pd.api.extensions.ExtensionArray:
    """``values`` (Arrow-backed text) at ``positions``, still Arrow-backed text: evidence
    values stay out of Python objects (at a million accounts, millions of strings)."""
    taken = values.iloc[positions] if isinstance(values, pd.Series) else values.take(positions)
    return pd.array(taken.array, dtype="str")  # type: ignore[no-any-return]


def unique_int64(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values of an int64 array (a sort, faster here than np.unique)."""
    out = np.sort(values.astype(np.int64, copy=False), kind="quicksort")
    if len(out) < 2:
        return out
    return out[np.r_[True, out[1:] != out[:-1]]]
