"""Shared machinery for the per-kind normalisers.

Parsing libraries (phonenumbers, python-stdnum, ipaddress…) work on one string at a
time, so each normaliser is written as a pure function of one raw string and applied
to the *unique* values of a column with :func:`map_unique`: the Python work grows with
the number of distinct values, not with the number of rows (a login log repeats the
same IPs millions of times).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from auditor.tables import NORMALISED_COLUMNS, STATUS_INVALID, STATUS_NON_LINKING, STATUS_OK


@dataclass(frozen=True, slots=True)
class Normalised:
    """What a normaliser says about one raw value (see :mod:`auditor.tables`)."""

    value: str | None
    key: str | None = None
    partial: str | None = None
    note: str | None = None
    status: str = STATUS_OK
    reason: str | None = None


def invalid(reason: str, *, partial: str | None = None, note: str | None = None) -> Normalised:
    """A value that is not a valid identifier of its kind; it never links."""
    return Normalised(None, None, partial, note, STATUS_INVALID, reason)


def non_linking(
    value: str | None,
    reason: str,
    *,
    partial: str | None = None,
    note: str | None = None,
) -> Normalised:
    """A valid value that means nothing for linking (private IP, null MAC, placeholder)."""
    return Normalised(value, None, partial, note, STATUS_NON_LINKING, reason)


EMPTY = invalid("empty value")


def map_unique(raw: pd.Series, fn: Callable[[str], Normalised]) -> pd.DataFrame:
    """Apply ``fn`` once per distinct raw value and spread the results over ``raw``.

    Returns a frame with :data:`auditor.tables.NORMALISED_COLUMNS`, indexed like ``raw``.
    Missing values (None/NaN) and blank strings become :data:`EMPTY`.
    """
    codes, uniques = pd.factorize(raw.astype("object"), use_na_sentinel=True)
    results = [_safe(fn, u) for u in uniques]
    results.append(EMPTY)  # code -1 (missing) picks the last entry
    table = {
        col: np.array([getattr(r, col) for r in results], dtype=object)[codes]
        for col in NORMALISED_COLUMNS
    }
    return pd.DataFrame(table, index=raw.index, dtype=object)


def _safe(fn: Callable[[str], Normalised], raw: object) -> Normalised:
    text = str(raw).strip()
    if not text:
        return EMPTY
    return fn(text)


__all__ = [
    "EMPTY",
    "Normalised",
    "STATUS_INVALID",
    "STATUS_NON_LINKING",
    "STATUS_OK",
    "invalid",
    "map_unique",
    "non_linking",
]
