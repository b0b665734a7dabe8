"""Ingest: read seller exports into the accounts table and the identifier table.

Entry point: :func:`read_inputs`. See :mod:`auditor.tables` for the two tables.
(Placeholder implementation: being replaced by the full reader.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from auditor.errors import InputError
from auditor.result import Problem
from auditor.tables import empty_accounts, empty_identifiers


@dataclass
class FileReport:
    """How one file (or one sheet of a workbook) was read."""

    path: str
    sheet: str | None
    rows: int
    columns: dict[str, str | None]
    form: str  # "wide" | "long" | "events" | "adspower"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sheet": self.sheet, "rows": self.rows,
                "columns": self.columns, "form": self.form}


@dataclass
class Dataset:
    """What ingest read: accounts, raw identifier observations, per-file reports, problems."""

    accounts: pd.DataFrame = field(default_factory=empty_accounts)
    identifiers: pd.DataFrame = field(default_factory=empty_identifiers)
    files: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_inputs(
    paths: Sequence[str | Path],
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    column_map: Mapping[str, str | None] | None = None,
) -> Dataset:
    """Read every file (directories: their data files, not recursive)."""
    raise InputError("ingest not implemented yet")
