"""The ``pairs`` of audit.json written straight from a result's pair columns.

:func:`auditor.render.files.write_json` would otherwise make a :class:`Pair` and its
:class:`Evidence` objects for every pair only to dump them. Here each *distinct* value of
a column is dumped once by orjson — so every token is exactly what orjson writes for it —
and the document's text is assembled around those tokens with Arrow string kernels. The
bytes are the same as dumping the objects with ``OPT_INDENT_2`` (tested).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from auditor.pair_list import Labels, PairColumns

_EVIDENCE_FIELDS = (
    "kind",
    "match",
    "value_a",
    "value_b",
    "similarity",
    "weight",
    "shared_by",
    "detail",
    "first_seen",
    "last_seen",
)
_PAIR_FIELDS = ("a", "b", "score", "level", "weight")


def _tokens(values: pa.Array) -> pa.Array:
    """Each value as the JSON token orjson writes for it (``null`` for missing),
    dumping each distinct value once."""
    encoded = pc.dictionary_encode(values)
    distinct = [orjson.dumps(v).decode() for v in encoded.dictionary.to_pylist()]
    texts = pa.array(distinct, pa.large_string()).take(encoded.indices)
    return texts.fill_null("null")


def _label_tokens(labels: Labels, rows: np.ndarray) -> pa.Array:
    names = np.asarray([orjson.dumps(n).decode() for n in labels.names.tolist()], dtype=object)
    return pa.array(names[labels.codes[rows]], pa.large_string())


def _object(indent: str, fields: tuple[str, ...], tokens: list[pa.Array | str]) -> pa.Array:
    """``{ "field": token, … }`` per row, indented as orjson indents at that depth; a
    token given as text (not an array) is written as it is, after its field name."""
    inner = indent + "  "
    parts: list[pa.Array | str] = [indent + "{\n"]
    for n, (name, token) in enumerate(zip(fields, tokens, strict=True)):
        parts.append(f'{inner}"{name}": ' if n == 0 else f',\n{inner}"{name}": ')
        parts.append(token)
    parts.append("\n" + indent + "}")
    return _concat(parts)


def _concat(parts: list[pa.Array | str]) -> pa.Array:
    """Row-wise concatenation of text arrays and constant texts."""
    text = pa.large_string()
    return pc.binary_join_element_wise(
        *(pa.scalar(p, text) if isinstance(p, str) else p for p in parts), pa.scalar("", text)
    )


def _join(texts: pa.Array, offsets: np.ndarray, separator: str) -> pa.Array:
    """Per run ``offsets[k]``..``offsets[k+1]`` of ``texts``, the run joined."""
    lists = pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), texts)
    return pc.binary_join(lists, pa.scalar(separator, pa.large_string()))


def pair_chunk_bytes(columns: PairColumns, lo: int, hi: int) -> bytes:
    """Pairs ``lo`` to ``hi`` as they appear inside audit.json's ``pairs`` list: each
    pair object on its own lines, indented four spaces, separated by ``,`` and a newline,
    with a newline before the first."""
    if hi <= lo:
        return b""
    starts, ends = columns.ev_start[lo:hi], columns.ev_end[lo:hi]
    counts = ends - starts
    offsets = np.cumsum(counts) - counts
    rows = np.repeat(starts - offsets, counts) + np.arange(int(counts.sum()), dtype=np.int64)
    taken = pa.array(rows, pa.int64())
    evidence = _object(
        " " * 8,
        _EVIDENCE_FIELDS,
        [
            _label_tokens(columns.kind, rows),
            _label_tokens(columns.match, rows),
            _tokens(columns.value_a.take(taken)),
            _tokens(columns.value_b.take(taken)),
            _tokens(pa.array(columns.similarity[rows])),
            _tokens(pa.array(columns.ev_weight[rows])),
            _tokens(pa.array(columns.shared_by[rows])),
            _label_tokens(columns.detail, rows),
            _label_tokens(columns.first_seen, rows),
            _label_tokens(columns.last_seen, rows),
        ],
    )
    blocks = _join(evidence, np.r_[offsets, len(rows)], ",\n")
    pair_rows = np.arange(lo, hi)
    ids = columns.ids
    pairs = _object(
        " " * 4,
        (*_PAIR_FIELDS, "evidence"),
        [
            _tokens(pa.array(ids[columns.a[lo:hi]], pa.large_string())),
            _tokens(pa.array(ids[columns.b[lo:hi]], pa.large_string())),
            _tokens(pa.array(columns.score[lo:hi])),
            _label_tokens(columns.level, pair_rows),
            _tokens(pa.array(columns.weight[lo:hi])),
            _concat(["[\n", blocks, "\n      ]"]),
        ],
    )
    whole = _join(pairs, np.array([0, len(pairs)]), ",\n")[0]
    return b"\n" + bytes(whole.as_buffer())


def pairs_json_chunks(columns: PairColumns, size: int, *, threads: int = 2) -> Iterator[bytes]:
    """:func:`pair_chunk_bytes` for the pairs, ``size`` at a time, in order.

    Made by ``threads`` threads, a few chunks ahead of the reader: most of a chunk's
    work is in Arrow's kernels, which let go of the interpreter, so two threads overlap.
    """
    bounds = [(lo, min(lo + size, len(columns))) for lo in range(0, len(columns), size)]
    if threads < 2 or len(bounds) < 2:
        for lo, hi in bounds:
            yield pair_chunk_bytes(columns, lo, hi)
        return
    with ThreadPoolExecutor(threads, thread_name_prefix="auditor-json") as pool:
        ahead: deque[Future[bytes]] = deque()
        for lo, hi in bounds:
            ahead.append(pool.submit(pair_chunk_bytes, columns, lo, hi))
            if len(ahead) > threads:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
