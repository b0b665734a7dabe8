"""What ingest hands to the next stage: the two tables, per-file reports and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from auditor.result import Problem
from auditor.tables import empty_accounts, empty_identifiers


@dataclass
class FileReport:
    """How one file (or one sheet of a workbook) was read.

    ``columns`` maps every header to the role it was read as, or None when the column
    was not read (unknown, ignored by the config, or a dropped secret — those are also in
    ``secrets``). ``rows`` counts
    the non-blank data rows; ``source`` is the name used in the tables and in problems.
    """

    path: str
    sheet: str | None
    rows: int
    columns: dict[str, str | None]
    form: str  # "wide" | "long" | "events" | "adspower"
    source: str = ""
    encoding: str | None = None
    accounts: int = 0
    #: Columns dropped unread because they hold passwords or other secrets.
    secrets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "source": self.source,
            "sheet": self.sheet,
            "form": self.form,
            "encoding": self.encoding,
            "rows": self.rows,
            "accounts": self.accounts,
            "columns": dict(self.columns),
            "secret_columns": list(self.secrets),
        }


@dataclass
class Dataset:
    """What ingest read: accounts, raw identifier observations, per-file reports, problems.

    ``merged_accounts`` lists the accounts found in more than one file or sheet (normal:
    they are merged) with where each was found.
    """

    accounts: pd.DataFrame = field(default_factory=empty_accounts)
    identifiers: pd.DataFrame = field(default_factory=empty_identifiers)
    files: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    merged_accounts: dict[str, list[str]] = field(default_factory=dict)
