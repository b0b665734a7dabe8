"""The pairs of an audit as a sequence that makes its :class:`Pair` objects when read.

An audit of a million accounts has millions of pairs and evidence rows. Made into
Python objects all at once they take seconds and gigabytes, while most runs only write
audit.json (which can be written a chunk at a time) and show the top few pairs.
:class:`PairList` keeps the pairs as columns and builds the objects of a slice when it
is read; iterating builds them all once and keeps them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import pyarrow as pa

from auditor.result import Evidence, Pair


@dataclass(frozen=True)
class Labels:
    """A column of few distinct strings: ``names[codes]`` (the last name may be None)."""

    codes: np.ndarray
    names: np.ndarray  # object array of str (and None)

    def take(self, rows: np.ndarray) -> list[Any]:
        """The values at ``rows`` as a list, one Python object per distinct value."""
        return self.names[self.codes[rows]].tolist()  # type: ignore[no-any-return]


@dataclass(frozen=True)
class PairColumns:
    """Pairs (riskiest first) and their evidence (each pair's strongest first) as columns.

    Pair ``i`` is ``ids[a[i]]``–``ids[b[i]]``; its evidence is rows ``ev_start[i]`` to
    ``ev_end[i]`` of the evidence columns. Floats are already rounded to the 4 decimals
    audit.json publishes; values of secret kinds are already masked (unless revealed).
    """

    ids: np.ndarray  # object array of account ids
    a: np.ndarray
    b: np.ndarray
    score: np.ndarray
    level: Labels
    weight: np.ndarray
    ev_start: np.ndarray
    ev_end: np.ndarray
    kind: Labels
    match: Labels
    value_a: pa.Array
    value_b: pa.Array
    similarity: np.ndarray
    ev_weight: np.ndarray
    shared_by: np.ndarray
    detail: Labels
    first_seen: Labels
    last_seen: Labels

    def __len__(self) -> int:
        return len(self.a)

    def build(self, lo: int, hi: int) -> list[Pair]:
        """The :class:`Pair` objects of pairs ``lo`` to ``hi`` (their evidence with them)."""
        starts, ends = self.ev_start[lo:hi], self.ev_end[lo:hi]
        counts = ends - starts
        offsets = np.cumsum(counts) - counts
        rows = np.repeat(starts - offsets, counts) + np.arange(int(counts.sum()), dtype=np.int64)
        taken = pa.array(rows, pa.int64())
        evidence = [
            Evidence(*fields)
            for fields in zip(
                self.kind.take(rows),
                self.match.take(rows),
                self.value_a.take(taken).to_pylist(),
                self.value_b.take(taken).to_pylist(),
                self.similarity[rows].tolist(),
                self.ev_weight[rows].tolist(),
                self.shared_by[rows].tolist(),
                self.detail.take(rows),
                self.first_seen.take(rows),
                self.last_seen.take(rows),
                strict=True,
            )
        ]
        at = np.r_[offsets, len(rows)].tolist()
        return [
            Pair(a, b, s, lvl, w, tuple(evidence[at[k] : at[k + 1]]))
            for k, (a, b, s, lvl, w) in enumerate(
                zip(
                    self.ids[self.a[lo:hi]].tolist(),
                    self.ids[self.b[lo:hi]].tolist(),
                    self.score[lo:hi].tolist(),
                    self.level.take(np.arange(lo, hi)),
                    self.weight[lo:hi].tolist(),
                    strict=True,
                )
            )
        ]

    def level_counts(self) -> dict[str, int]:
        """Pairs per level name."""
        counts = np.bincount(self.level.codes, minlength=len(self.level.names))
        return {str(n): int(c) for n, c in zip(self.level.names, counts, strict=True) if c}


#: Pairs made into objects at a time when a :class:`PairList` is read in chunks.
CHUNK = 20_000


class PairList(Sequence[Pair]):
    """The pairs of an audit, riskiest first, as a read-only sequence of :class:`Pair`.

    Indexing and slicing build only what they return; iterating builds every pair once
    and keeps them; :meth:`chunks` builds them a chunk at a time without keeping them
    (how audit.json is written). Compares equal to a tuple of the same pairs.
    """

    def __init__(self, columns: PairColumns) -> None:
        self._columns = columns
        self._all: tuple[Pair, ...] | None = None

    def __len__(self) -> int:
        return len(self._columns)

    @overload
    def __getitem__(self, index: int) -> Pair: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Pair, ...]: ...

    def __getitem__(self, index: int | slice) -> Pair | tuple[Pair, ...]:
        if self._all is not None:
            return self._all[index]
        n = len(self)
        if isinstance(index, slice):
            lo, hi, step = index.indices(n)
            if step == 1:
                return tuple(self._columns.build(lo, max(lo, hi)))
            return tuple(self[i] for i in range(lo, hi, step))
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("pair index out of range")
        return self._columns.build(i, i + 1)[0]

    def __iter__(self) -> Iterator[Pair]:
        return iter(self.all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (PairList, tuple, list)):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PairList({len(self)} pairs)"

    def all(self) -> tuple[Pair, ...]:
        """Every pair, built once and kept."""
        if self._all is None:
            with _no_cycle_collection():
                self._all = tuple(p for chunk in self.chunks() for p in chunk)
        return self._all

    def chunks(self, size: int | None = None) -> Iterator[list[Pair]]:
        """The pairs in order, ``size`` (default :data:`CHUNK`) at a time, made for the
        caller and not kept."""
        size = size or CHUNK
        if self._all is not None:
            for lo in range(0, len(self._all), size):
                yield list(self._all[lo : lo + size])
            return
        for lo in range(0, len(self), size):
            with _no_cycle_collection():
                chunk = self._columns.build(lo, min(lo + size, len(self)))
            yield chunk

    def level_counts(self) -> dict[str, int]:
        """Pairs per level, from the columns (no objects built)."""
        return self._columns.level_counts()

    @property
    def columns(self) -> PairColumns:
        """The columns the pairs are built from (audit.json is written from them)."""
        return self._columns


class _no_cycle_collection:  # noqa: N801 - used as a context manager
    """Pause the cyclic collector while pair objects are built: they hold no cycles
    (reference counting frees them), and with it on, every few thousand allocations
    start a pass over all of the objects built so far."""

    def __enter__(self) -> None:
        self._was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._was:
            gc.enable()


def pairs_in_chunks(pairs: Sequence[Pair], size: int | None = None) -> Iterator[Sequence[Pair]]:
    """``pairs`` ``size`` (default :data:`CHUNK`) at a time (a :class:`PairList` builds
    each chunk only then)."""
    size = size or CHUNK
    if isinstance(pairs, PairList):
        yield from pairs.chunks(size)
        return
    for lo in range(0, len(pairs), size):
        yield pairs[lo : lo + size]
