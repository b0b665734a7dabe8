"""Helpers shared by the vectorised ("fast") paths of the normalisers.

A fast path works on the distinct values of a column as an Arrow array, fills a table of
normalised columns for the values it can read, leaves the rest to the per-value
function (:func:`fill_slow`, exactly as :func:`~auditor.normalise._base.map_unique`
would) and spreads the table back over the rows (:func:`spread`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

from auditor.normalise._base import EMPTY, Normalised, map_unique
from auditor.tables import NORMALISED_COLUMNS


def new_table(n: int) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.bool_]]:
    """An empty table of normalised columns for ``n`` distinct values plus the missing
    value (last entry), and the mask of values already filled."""
    table = np.full((len(NORMALISED_COLUMNS), n + 1), None, dtype=object)
    return table, np.zeros(n + 1, dtype=bool)


def distinct(raw: pd.Series) -> tuple[npt.NDArray[np.intp], pd.Index, pa.Array]:
    """Codes and distinct values of ``raw`` (grouped as map_unique groups them), and the
    distinct values as an Arrow string array, null where a value is not a ``str``."""
    strings = isinstance(raw.dtype, pd.StringDtype)
    codes, uniques = pd.factorize(raw if strings else raw.astype("object"))
    if strings:
        texts = uniques.array.__arrow_array__()
        if isinstance(texts, pa.ChunkedArray):
            texts = texts.combine_chunks()
        return codes, uniques, texts.cast(pa.large_string())
    # Only str goes the fast way: map_unique reads other values with str().
    texts = pa.array([u if type(u) is str else None for u in uniques], pa.large_string())
    return codes, uniques, texts


def fill_slow(
    table: npt.NDArray[np.object_],
    done: npt.NDArray[np.bool_],
    uniques: pd.Index,
    fn: Callable[[str], Normalised],
) -> None:
    """Fill the columns of the values not ``done`` with ``fn``, the way map_unique does."""
    slow = np.flatnonzero(~done[: len(uniques)])
    if len(slow):
        frame = map_unique(pd.Series(np.asarray(uniques[slow], dtype=object), dtype=object), fn)
        table[:, slow] = frame[list(NORMALISED_COLUMNS)].to_numpy().T
    table[:, len(uniques)] = [getattr(EMPTY, column) for column in NORMALISED_COLUMNS]


def spread(
    table: npt.NDArray[np.object_], codes: npt.NDArray[np.intp], index: pd.Index
) -> pd.DataFrame:
    """The table's columns for every row: code -1 (missing) takes the last entry."""
    columns = {
        column: np.full(len(codes), None, dtype=object)
        if (table[i] == None).all()  # noqa: E711 (element-wise)
        else table[i].take(codes)
        for i, column in enumerate(NORMALISED_COLUMNS)
    }
    return pd.DataFrame(columns, index=index, dtype=object, copy=False)


def fixed_width(strings: pa.Array, width: int) -> npt.NDArray[np.uint8]:
    """ASCII strings all ``width`` long, as an n × width byte matrix."""
    if not len(strings):
        return np.empty((0, width), dtype=np.uint8)
    strings = strings.cast(pa.large_string())
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)
    offsets = offsets[strings.offset : strings.offset + len(strings) + 1]
    if not (np.diff(offsets) == width).all():
        raise ValueError("strings of unequal width")
    data = np.frombuffer(strings.buffers()[2], dtype=np.uint8)
    return data[offsets[0] : offsets[-1]].reshape(len(strings), width)
