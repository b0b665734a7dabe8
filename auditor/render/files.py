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
from auditor.result import Account, AuditResult, Pair


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


_ACCOUNTS_SLOT = b'\n  "accounts": [],'
_PAIRS_SLOT = b'\n  "pairs": []'
_CHUNK_HEAD = b'{\n  "pairs": ['
_CHUNK_TAIL = b"\n  ]\n}"


def _write_document(result: AuditResult, fh: BinaryIO) -> None:
    """The document without its accounts and pairs, dumped by orjson (which writes the
    dataclasses itself), with the accounts and the pairs written into their places a
    chunk at a time — each chunk dumped at the indentation it has in the whole
    document (a million accounts' list is 200 MB of text: never held whole)."""
    frame = orjson.dumps(
        result.document(pairs=False, accounts=False), option=orjson.OPT_INDENT_2
    )
    # A newline inside a string is escaped, so each top-level slot occurs exactly once.
    # Written as views of the frame, not copies.
    view = memoryview(frame)
    at_accounts = frame.index(_ACCOUNTS_SLOT)
    at_pairs = frame.index(_PAIRS_SLOT)
    fh.write(view[:at_accounts])
    _write_list(fh, "accounts", _account_chunks(result.accounts), bool(result.accounts))
    fh.write(b",")
    fh.write(view[at_accounts + len(_ACCOUNTS_SLOT) : at_pairs])
    _write_list(fh, "pairs", _pair_chunks(result.pairs), bool(len(result.pairs)))
    fh.write(view[at_pairs + len(_PAIRS_SLOT) :])
    fh.write(b"\n")


def _write_list(
    fh: BinaryIO, name: str, chunks: Iterator[bytes | memoryview], any_items: bool
) -> None:
    """``"name": [ … ]`` at the top level of the document, from item chunks (each the
    items' text with a newline before the first)."""
    if not any_items:
        fh.write(f'\n  "{name}": []'.encode())
        return
    fh.write(f'\n  "{name}": ['.encode())
    for n, text in enumerate(chunks):
        if n:
            fh.write(b",")
        fh.write(text)
    fh.write(b"\n  ]")


#: Up to this many pairs, audit.json's pair chunks are made by two threads.
THREADED_PAIRS = 500_000

#: Accounts dumped per chunk of audit.json.
ACCOUNT_CHUNK = 50_000


def _account_chunks(accounts: Sequence[Account]) -> Iterator[memoryview]:
    """The accounts as the text inside the ``accounts`` list, a chunk at a time."""
    head = len(b'{\n  "accounts": [')
    size = ACCOUNT_CHUNK
    for lo in range(0, len(accounts), size):
        text = orjson.dumps({"accounts": accounts[lo : lo + size]}, option=orjson.OPT_INDENT_2)
        yield memoryview(text)[head : -len(_CHUNK_TAIL)]


def _pair_chunks(pairs: Sequence[Pair]) -> Iterator[bytes | memoryview]:
    """The pairs as the text inside the ``pairs`` list, a chunk at a time: from the
    columns of a :class:`PairList` (no objects made), or by dumping the objects."""
    if isinstance(pairs, PairList):
        columns = pairs.columns
        counts = columns.ev_end - columns.ev_start
        if len(counts) and counts.min() > 0:  # every pair has evidence, as audits make
            # Two threads overlap Arrow's kernels (0.1 s at 100k accounts); at a million
            # their own malloc arenas held 0.45 GB more for no time saved: one thread.
            threads = 2 if len(columns) <= THREADED_PAIRS else 1
            yield from pairs_json_chunks(columns, pair_list.CHUNK, threads=threads)
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
