"""Machine-readable outputs: audit.json, pairs.csv and clusters.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import orjson

from auditor.result import AuditResult


def audit_json_bytes(result: AuditResult) -> bytes:
    """The audit.json document as UTF-8 bytes: deterministic (sorted lists, fixed float
    rounding, no clock), two-space indented. orjson writes the pair and evidence
    dataclasses itself (no dict per pair): the same bytes as ``result.to_dict()``."""
    return orjson.dumps(result.document(), option=orjson.OPT_INDENT_2) + b"\n"


def audit_json(result: AuditResult) -> str:
    """The audit.json text (see :func:`audit_json_bytes`)."""
    return audit_json_bytes(result).decode("utf-8")


def write_json(result: AuditResult, path: str | Path) -> Path:
    """Write audit.json (the document is held once in memory: at a million accounts it
    is over a gigabyte, so no ``+ b"\\n"`` copy)."""
    out = Path(path)
    with out.open("wb") as fh:
        fh.write(orjson.dumps(result.document(), option=orjson.OPT_INDENT_2))
        fh.write(b"\n")
    return out


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
