"""Machine-readable outputs: audit.json, pairs.csv and clusters.csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO

import orjson

from auditor.pair_list import pairs_in_chunks
from auditor.result import AuditResult


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
    head, tail = frame.split(_PAIRS_SLOT)
    fh.write(head)
    if len(result.pairs):
        fh.write(_CHUNK_HEAD[1:])
        for n, chunk in enumerate(pairs_in_chunks(result.pairs)):
            text = orjson.dumps({"pairs": chunk}, option=orjson.OPT_INDENT_2)
            if n:
                fh.write(b",")
            fh.write(memoryview(text)[len(_CHUNK_HEAD) : -len(_CHUNK_TAIL)])
        fh.write(b"\n  ]")
    else:
        fh.write(_PAIRS_SLOT)
    fh.write(tail)
    fh.write(b"\n")


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
        for p in result.pairs:
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
