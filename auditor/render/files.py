"""Machine-readable outputs: audit.json, pairs.csv and clusters.csv."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import orjson

from auditor import pair_list
from auditor.pair_list import PairList, pairs_in_chunks
from auditor.render.pairs_json import pairs_json_chunks
from auditor.result import AuditResult, Pair


def audit_json_bytes(result: AuditResult) -> bytes:
    """The audit.json document as UTF-8 bytes: deterministic (sorted lists, fixed float
    rounding, no clock), two-space indented. The same bytes as ``result.to_dict()``
    dumped with orjson's two-space indent."""
    out = io.BytesIO()
    _write_document(result, out)
    return out.getvalue()


def audit_json(result: AuditResult) -> str:
    """The audit.json text (see :func:`audit_json_bytes`)."""
    return audit_json_bytes(result).decode("utf-8")


def write_json(result: AuditResult, path: str | Path) -> Path:
    """Write audit.json, the pairs a chunk at a time: at a million accounts the pairs
    as objects, or the document as one string, would take gigabytes."""
    out = Path(path)
    with out.open("wb") as fh:
        _write_document(result, fh)
    return out


_PAIRS_SLOT = b'\n  "pairs": []'
_CHUNK_HEAD = b'{\n  "pairs": ['
_CHUNK_TAIL = b"\n  ]\n}"


def _write_document(result: AuditResult, fh: BinaryIO) -> None:
    """The document without its pairs, dumped by orjson (which writes the dataclasses
    itself), with the pairs written into their place chunk by chunk — each chunk dumped
    at the indentation it has in the whole document."""
    frame = orjson.dumps(result.document(pairs=False), option=orjson.OPT_INDENT_2)
    # A newline inside a string is escaped, so the top-level slot occurs exactly once.
    # Written as views of the frame (a million accounts' frame is 200 MB: no copies).
    slot = frame.index(_PAIRS_SLOT)
    head, tail = memoryview(frame)[:slot], memoryview(frame)[slot + len(_PAIRS_SLOT) :]
    fh.write(head)
    if len(result.pairs):
        fh.write(_CHUNK_HEAD[1:])
        for n, text in enumerate(_pair_chunks(result.pairs)):
            if n:
                fh.write(b",")
            fh.write(text)
        fh.write(b"\n  ]")
    else:
        fh.write(_PAIRS_SLOT)
    fh.write(tail)
    fh.write(b"\n")


def _pair_chunks(pairs: Sequence[Pair]) -> Iterator[bytes | memoryview]:
    """The pairs as the text inside the ``pairs`` list, a chunk at a time: from the
    columns of a :class:`PairList` (no objects made), or by dumping the objects."""
    if isinstance(pairs, PairList):
        columns = pairs.columns
        counts = columns.ev_end - columns.ev_start
        if len(counts) and counts.min() > 0:  # every pair has evidence, as audits make
            yield from pairs_json_chunks(columns, pair_list.CHUNK)
            return
    for chunk in pairs_in_chunks(pairs):
        text = orjson.dumps({"pairs": chunk}, option=orjson.OPT_INDENT_2)
        yield memoryview(text)[len(_CHUNK_HEAD) : -len(_CHUNK_TAIL)]


def write_pairs_csv(result: AuditResult, path: str | Path) -> Path:
    """One row per pair: ids, names, score, level and the evidence in words.

    Written with a BOM so Excel opens the Chinese names correctly.
    """
    out = Path(path)
    names = {a.id: a.name for a in result.accounts}
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["a", "name_a", "b", "name_b", "score", "level", "weight", "kinds", "evidence"]
        )
        for chunk in pairs_in_chunks(result.pairs):  # not kept: a million pairs is a lot
            for p in chunk:
                kinds = sorted({e.kind for e in p.evidence})
                words = "; ".join(
                    f"{e.kind} {e.match}: {e.value_a} / {e.value_b} ({e.weight:+.2f})"
                    for e in p.evidence
                )
                writer.writerow(
                    [
                        p.a,
                        names.get(p.a, ""),
                        p.b,
                        names.get(p.b, ""),
                        f"{p.score:.4f}",
                        p.level,
                        f"{p.weight:.4f}",
                        ",".join(kinds),
                        words,
                    ]
                )
    return out


def write_clusters_csv(result: AuditResult, path: str | Path) -> Path:
    """One row per cluster member: cluster id, level, size, the account and its role."""
    out = Path(path)
    accounts = {a.id: a for a in result.accounts}
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "cluster",
                "level",
                "size",
                "account",
                "name",
                "status",
                "suspended",
                "bridge",
                "at_risk",
            ]
        )
        for c in result.clusters:
            for m in c.accounts:
                acc = accounts.get(m)
                writer.writerow(
                    [
                        c.id,
                        c.level,
                        len(c.accounts),
                        m,
                        acc.name if acc else "",
                        acc.status if acc else "",
                        m in c.suspended,
                        m in c.bridges,
                        c.at_risk,
                    ]
                )
    return out
