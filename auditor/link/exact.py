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
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from auditor.kinds import EXCLUSIVE_KINDS
from auditor.link.groups import (
    distinct_members,
    group_runs,
    pair_index,
    take_objects,
    take_text,
)
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


def _code_column(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (−1 for missing) and the distinct values of a column."""
    codes, uniques = pd.factorize(column)
    return np.asarray(codes, dtype=np.int64), pd.Index(uniques)


def _codes_by_kind(
    column: pd.Series, kind_code: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, pd.Index]:
    """:func:`_code_column` of ``column`` at ``rows``, one kind at a time (codes of later
    kinds offset past the earlier kinds' values): the hash table of one kind's values,
    not of all 13 million at a million accounts. Equal values of different kinds get
    different codes, which grouping by (kind, value) does anyway. ``kind_code`` is per
    row of ``rows``."""
    codes = np.full(len(rows), -1, dtype=np.int64)
    order = np.argsort(kind_code, kind="stable")
    starts, counts = group_runs(kind_code[order])
    pieces: list[pd.Index] = []
    offset = 0
    for lo, n in zip(starts.tolist(), counts.tolist(), strict=True):
        at = order[lo : lo + n]
        part, uniques = _code_column(column.iloc[rows[at]])
        codes[at] = np.where(part >= 0, part + offset, -1)
        pieces.append(uniques)
        offset += len(uniques)
    values = pieces[0].append(pieces[1:]) if pieces else pd.Index([], dtype="str")
    return codes, values


def _time_ints(column: pd.Series) -> tuple[np.ndarray, str] | None:
    """The times as int64 ticks and their unit, or None when no time is known."""
    if column.isna().all():
        return None
    times = pd.to_datetime(column, utc=True)
    unit = np.datetime_data(times.dtype.base)[0]  # type: ignore[union-attr]
    return np.asarray(times.array.asi8, dtype=np.int64), unit  # type: ignore[attr-defined]


def _as_times(ticks: np.ndarray, unit: str) -> pd.Series:
    return pd.Series(ticks.view(f"datetime64[{unit}]")).dt.tz_localize("UTC")


@dataclass
class Members:
    """One entry per (kind, value, account), sorted by value group then account.

    ``row``: the identifier-table row of the account's first observation of the value
    (its raw form is shown); ``first``/``last``: int64 time ticks (``None`` when the
    data has no times), NaT as the minimum int64.
    """

    group: np.ndarray
    acc: np.ndarray
    kind: np.ndarray  # kind code, index into ``kinds``
    value: np.ndarray  # value code, index into ``values``
    row: np.ndarray
    first: np.ndarray | None
    last: np.ndarray | None
    unit: str
    kinds: pd.Index
    values: pd.Index
    flag: np.ndarray | None = None  # ``any_of`` over the member's rows


def value_members(
    ident: pd.DataFrame,
    column: str = "value",
    *,
    rows: np.ndarray | None = None,
    usable: np.ndarray | None = None,
    any_of: np.ndarray | None = None,
) -> Members:
    """Who holds which (kind, ``column``) value, from rows with status ok (and
    ``usable``, a row mask, if given; and among ``rows``, sorted positions, if given);
    ``any_of`` (a row mask) is OR-ed per member.

    ``ident`` needs columns ``acc`` (account code), kind, ``column``, status and time.
    All integer work: one factorize per kind, one sort.
    """
    ok = (ident["status"] == STATUS_OK).to_numpy(dtype=bool)
    if usable is not None:
        ok = ok & usable
    pos = np.flatnonzero(ok) if rows is None else rows[ok[rows]]
    kind_code, kinds = _code_column(ident["kind"].iloc[pos])
    # Only these rows' values are factorized (at a million accounts, the partial keys
    # of 4 kinds are not the 13 million values of all).
    value_code, values = _codes_by_kind(ident[column], kind_code, pos)
    has_value = value_code >= 0
    pos, kind_code, value_code = pos[has_value], kind_code[has_value], value_code[has_value]
    group = kind_code * max(len(values), 1) + value_code
    acc = ident["acc"].to_numpy()[pos].astype(np.int64)
    order, first = distinct_members(group, acc)
    take = order[first]
    ticks = _time_ints(ident["time"].iloc[pos]) if "time" in ident else None
    t_first = t_last = None
    unit = "ns"
    if ticks is not None and len(first):
        t, unit = ticks
        t = t[order]
        nat = t == np.iinfo(np.int64).min
        t_first = np.minimum.reduceat(np.where(nat, np.iinfo(np.int64).max, t), first)
        t_first[t_first == np.iinfo(np.int64).max] = np.iinfo(np.int64).min
        t_last = np.maximum.reduceat(t, first)
    flag = None
    if any_of is not None and len(first):
        flag = np.logical_or.reduceat(any_of[pos][order], first)
    return Members(
        group=group[take],
        acc=acc[take],
        kind=kind_code[take],
        value=value_code[take],
        row=pos[take],
        first=t_first,
        last=t_last,
        unit=unit,
        kinds=kinds,
        values=values,
        flag=flag,
    )


def rows_by_kind(ident: pd.DataFrame) -> list[np.ndarray]:
    """The identifier-row positions of each kind (ascending), one array per kind:
    linking a kind at a time holds one kind's codes and sorts, not all 13 million
    rows' at a million accounts."""
    codes, _ = pd.factorize(ident["kind"])
    codes = np.asarray(codes, dtype=np.int64)
    order = np.argsort(codes, kind="stable")
    starts, counts = group_runs(codes[order])
    return [
        order[lo : lo + n]
        for lo, n in zip(starts.tolist(), counts.tolist(), strict=True)
        if codes[order[lo]] >= 0
    ]


def member_limits(m: Members, limits: Mapping[str, int]) -> np.ndarray:
    """Per member, the largest group of its kind still expanded into pairs (default 2)."""
    limit_of_kind = np.array([limits.get(str(k), 2) for k in m.kinds], dtype=np.int64)
    return limit_of_kind[m.kind] if len(m.kinds) else np.zeros(0, dtype=np.int64)


def link_exact(
    ident: pd.DataFrame, accounts: pd.Index, *, limits: Mapping[str, int], reveal: bool
) -> ExactLinks:
    """Exact-value evidence between accounts; see the module docstring.

    ``limits`` gives per kind the largest group still expanded into pairs (see
    :meth:`auditor.policy.Policy.max_group`); a larger group is a hub. One kind at a
    time (:func:`rows_by_kind`); the evidence is put together column by column.
    """
    pieces: list[dict[str, Any]] = []
    hubs: list[Hub] = []
    ring: list[tuple[np.ndarray, np.ndarray, str]] = []
    for rows in rows_by_kind(ident) or [np.zeros(0, dtype=np.int64)]:
        m = value_members(ident, rows=rows)
        pieces.append(_kind_evidence(ident, m, limits, accounts, reveal, hubs, ring))
        del m
    hubs.sort(key=lambda h: (-len(h.accounts), h.kind, h.value))
    ring_edges = pd.DataFrame(
        {
            "a": np.concatenate([a for a, _, _ in ring]) if ring else np.array([], np.int64),
            "b": np.concatenate([b for _, b, _ in ring]) if ring else np.array([], np.int64),
            "kind": [kind for a, _, kind in ring for _ in range(len(a))],
        }
    )
    evidence = pd.DataFrame({col: _stacked([p.pop(col) for p in pieces]) for col in _BUILT})
    evidence.insert(3, "match", "exact")
    evidence.insert(7, "similarity", 1.0)
    evidence["detail"] = ""
    return ExactLinks(evidence[list(EVIDENCE_COLUMNS)], hubs, ring_edges)


#: Evidence columns :func:`_kind_evidence` builds (the others are constants).
_BUILT = (
    "a",
    "b",
    "kind",
    "value",
    "value_a",
    "value_b",
    "shared_by",
    "first_a",
    "last_a",
    "first_b",
    "last_b",
)


def _stacked(parts: list[Any]) -> Any:
    """One column from per-kind parts: Arrow text stays Arrow (chunks, no copy)."""
    if parts and isinstance(parts[0], pd.api.extensions.ExtensionArray):
        arrays = [pa.chunked_array(pa.array(p)).cast(pa.large_string()) for p in parts]
        chunks = [chunk for a in arrays for chunk in a.chunks]
        return pd.array(pa.chunked_array(chunks, pa.large_string()), dtype="str")
    timed = [p for p in parts if isinstance(p, pd.Series)]
    if timed:  # times: some kinds have them; the others' NaT in the same unit (a
        # nanosecond NaT would make pandas convert far dates it cannot hold)
        unit = timed[0].dt.unit
        return pd.concat(
            [p if isinstance(p, pd.Series) else _as_times(p.view(np.int64), unit) for p in parts],
            ignore_index=True,
        )
    return np.concatenate(parts)


def _kind_evidence(
    ident: pd.DataFrame,
    m: Members,
    limits: Mapping[str, int],
    accounts: pd.Index,
    reveal: bool,
    hubs: list[Hub],
    ring: list[tuple[np.ndarray, np.ndarray, str]],
) -> dict[str, Any]:
    """One kind's evidence columns (:data:`_BUILT`); its hubs and ring edges are added
    to ``hubs`` and ``ring``."""
    limit = member_limits(m, limits)
    i, j, size = pair_index(m.group, max_size=limit)
    raw = ident["raw"]
    nat = np.full(len(i), np.datetime64("NaT"), dtype="datetime64[ns]")

    def times(ticks: np.ndarray | None, at: np.ndarray) -> pd.Series | np.ndarray:
        return nat if ticks is None else _as_times(ticks[at], m.unit)

    columns = {
        "a": m.acc[i],
        "b": m.acc[j],
        "kind": take_objects(m.kinds, m.kind[i]),
        "value": take_text(m.values, m.value[i]),
        "value_a": take_text(raw, m.row[i]),
        "value_b": take_text(raw, m.row[j]),
        "shared_by": size,
        "first_a": times(m.first, i),
        "last_a": times(m.last, i),
        "first_b": times(m.first, j),
        "last_b": times(m.last, j),
    }
    names = accounts.to_numpy()
    starts, sizes = group_runs(m.group)
    big = sizes > limit[starts]
    for start, n in zip(starts[big].tolist(), sizes[big].tolist(), strict=True):
        # A value held by many: one hub (a few hundred at most, so a Python loop is fine).
        kind = str(m.kinds[m.kind[start]])
        codes = m.acc[start : start + n]
        hubs.append(
            Hub(
                kind,
                mask_value(kind, str(raw.iloc[m.row[start]]), reveal=reveal),
                tuple(str(names[c]) for c in codes),
            )
        )
        if kind in EXCLUSIVE_KINDS:  # a ring: keep its accounts together in one cluster
            ring.append((np.full(len(codes) - 1, codes[0]), codes[1:], kind))
    return columns
