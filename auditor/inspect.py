"""``auditor inspect``: how each input was read and what its values are worth.

For each file (and sheet): its form, rows read, each column's role and how many values
it gave; per identifier kind: how many values, how many are invalid or non-linking and
why (top reasons, a few examples — bank, card and ID numbers masked); accounts found in
several files; and every problem found while reading.

>>> from auditor.inspect import inspect_inputs
>>> report = inspect_inputs(["samples/"])          # doctest: +SKIP
>>> report.to_dict()["kinds"]["email"]["invalid"]  # doctest: +SKIP
2
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pandas as pd

from auditor.config import Config
from auditor.ingest import Dataset, FileReport, read_inputs
from auditor.kinds import KINDS
from auditor.mask import mask_value
from auditor.normalise import normalise_identifiers
from auditor.result import Problem
from auditor.tables import STATUS_INVALID, STATUS_NON_LINKING, STATUS_OK

#: How many reasons per kind and status, and examples per reason, a report shows.
TOP_REASONS: Final = 5
EXAMPLES: Final = 3


@dataclass(frozen=True, slots=True)
class ReasonCount:
    """Why some values of a kind are invalid or non-linking, how many, and examples."""

    status: str
    reason: str
    count: int
    examples: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason, "count": self.count,
                "examples": list(self.examples)}


@dataclass(frozen=True, slots=True)
class KindSummary:
    """The values of one identifier kind across all inputs."""

    values: int
    distinct: int
    ok: int
    invalid: int
    non_linking: int
    reasons: tuple[ReasonCount, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "values": self.values,
            "distinct": self.distinct,
            "ok": self.ok,
            "invalid": self.invalid,
            "non_linking": self.non_linking,
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass
class InspectReport:
    """What ``auditor inspect`` shows; ``to_dict()`` is what ``--json`` prints.

    ``values`` maps (source, sheet) to {column: number of values read from it}.
    """

    files: list[FileReport]
    kinds: dict[str, KindSummary]
    problems: list[Problem]
    accounts: int = 0
    duplicate_accounts: dict[str, list[str]] = field(default_factory=dict)
    values: dict[tuple[str, str | None], dict[str, int]] = field(default_factory=dict)

    def file_values(self, report: FileReport) -> dict[str, int]:
        """Values read from each column of one file or sheet."""
        return self.values.get((report.source, report.sheet), {})

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": [{**f.to_dict(), "values": self.file_values(f)} for f in self.files],
            "kinds": {kind: s.to_dict() for kind, s in self.kinds.items()},
            "accounts": self.accounts,
            "duplicate_accounts": {a: list(w) for a, w in self.duplicate_accounts.items()},
            "problems": [p.to_dict() for p in self.problems],
        }


def inspect_inputs(
    paths: Sequence[str | Path],
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    config: Config | None = None,
) -> InspectReport:
    """Read and normalise the inputs and summarise how they were read."""
    config = config or Config()
    data = read_inputs(paths, encoding=encoding, sheet=sheet, column_map=config.columns)
    identifiers = normalise_identifiers(data.identifiers, default_region=config.default_region)
    return summarise(data, identifiers)


def summarise(data: Dataset, identifiers: pd.DataFrame) -> InspectReport:
    """The inspect report of a dataset and its normalised identifier table."""
    return InspectReport(
        files=list(data.files),
        kinds=_kind_summaries(identifiers),
        problems=list(data.problems),
        accounts=len(data.accounts),
        duplicate_accounts=dict(data.merged_accounts),
        values=_values_by_column(identifiers),
    )


def _values_by_column(t: pd.DataFrame) -> dict[tuple[str, str | None], dict[str, int]]:
    out: dict[tuple[str, str | None], dict[str, int]] = {}
    if t.empty:
        return out
    keys = t[["source", "sheet", "column"]].astype("object").fillna("")
    counts = keys.groupby(["source", "sheet", "column"], sort=False).size()
    for (source, sheet, column), n in zip(counts.index.tolist(), counts.tolist(), strict=True):
        out.setdefault((str(source), str(sheet) or None), {})[str(column)] = int(n)
    return out


def _kind_summaries(t: pd.DataFrame) -> dict[str, KindSummary]:
    if t.empty:
        return {}
    status = t["status"].astype("object").where(t["status"].notna(), STATUS_OK)
    frame = pd.DataFrame({
        "kind": t["kind"].astype("object"),
        "status": status,
        "reason": t["reason"].astype("object").where(t["reason"].notna(), "(no reason given)"),
        "raw": t["raw"].astype("object"),
        "value": t["value"].astype("object"),
    })
    out: dict[str, KindSummary] = {}
    for kind in [k for k in KINDS if k in set(frame["kind"])]:
        rows = frame[frame["kind"] == kind]
        counts = rows["status"].value_counts()
        bad = rows[rows["status"] != STATUS_OK]
        reasons: list[ReasonCount] = []
        for state in (STATUS_INVALID, STATUS_NON_LINKING):
            of_state = bad[bad["status"] == state]
            top = of_state["reason"].value_counts().sort_index(kind="stable")
            top = top.sort_values(ascending=False, kind="stable").head(TOP_REASONS)
            for reason, n in top.items():
                raw = of_state.loc[of_state["reason"] == reason, "raw"].drop_duplicates()
                examples = tuple(mask_value(kind, str(v)) for v in raw.head(EXAMPLES))
                reasons.append(ReasonCount(state, str(reason), int(n), examples))
        out[kind] = KindSummary(
            values=len(rows),
            distinct=int(rows["value"].nunique()),
            ok=int(counts.get(STATUS_OK, 0)),
            invalid=int(counts.get(STATUS_INVALID, 0)),
            non_linking=int(counts.get(STATUS_NON_LINKING, 0)),
            reasons=tuple(reasons),
        )
    return out
