"""Ingest: read seller exports into the accounts table and the identifier table.

Entry point: :func:`read_inputs`. See :mod:`auditor.tables` for the two tables.

Formats: CSV/TSV/TXT (UTF-8, UTF-8 with BOM, GB18030/GBK — detected, or
``encoding=``), XLSX (every sheet, or ``sheet=``), JSON (an array of records or a
wrapper like AdsPower's ``{"data": {"list": [...]}}``), JSON Lines and Parquet. Every
cell is read as text.

Each table (a file, or a sheet of a workbook) has one of four forms, told apart by
its columns:

- ``adspower`` — an AdsPower profile list (:mod:`auditor.ingest.adspower`);
- ``long`` — ``account, kind, value[, time][, source]`` (:mod:`auditor.ingest.long`);
- ``events`` — an account column, identifier columns and a time column;
- ``wide`` — one row per account (:mod:`auditor.ingest.wide`).

Headers map to roles by synonyms (:mod:`auditor.ingest.headers`); the user's
``[columns]`` config overrides them. Columns holding passwords, tokens or cookies are
dropped as they are read and never stored. Every input row is used or reported: a row
without an account id, an unknown kind or a bad time is a :class:`~auditor.result.Problem`;
a file that cannot be read at all is an :class:`~auditor.errors.InputError`.

A file with a header but no data rows is read (with a warning) rather than refused, so
one empty export in a folder does not stop an audit; a 0-byte file is an error. Times
without a UTC offset are taken to be UTC (:mod:`auditor.ingest.times`).

>>> from auditor.ingest import read_inputs
>>> data = read_inputs(["samples/accounts.xlsx"])        # doctest: +SKIP
>>> data.identifiers[["account", "kind", "raw"]].head(2)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from auditor.ingest.adspower import is_adspower, read_adspower
from auditor.ingest.common import NoAccountColumn, Part, empty_part_identifiers
from auditor.ingest.dataset import Dataset, FileReport
from auditor.ingest.files import expand_paths
from auditor.ingest.headers import map_headers
from auditor.ingest.long import read_long
from auditor.ingest.merge import merge_parts
from auditor.ingest.readers import RawTable, read_file
from auditor.ingest.wide import read_wide
from auditor.result import Problem
from auditor.tables import empty_accounts

__all__ = ["Dataset", "FileReport", "read_inputs", "read_table"]


def read_inputs(
    paths: Sequence[str | Path],
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    column_map: Mapping[str, str | None] | None = None,
) -> Dataset:
    """Read every file (directories: their data files, not recursive) into a :class:`Dataset`.

    ``encoding`` overrides detection for text files; ``sheet`` reads only that sheet of
    workbooks; ``column_map`` (header → role, or None to ignore the column) overrides
    the header synonyms. The identifier table has every column of
    :data:`auditor.tables.IDENTIFIER_COLUMNS`; the normalised ones are still None.
    """
    cmap = dict(column_map or {})
    files, problems = expand_paths(paths)
    parts: list[Part] = []
    for file in files:
        tables = read_file(file, encoding=encoding, sheet=sheet, column_map=cmap)
        file_parts: list[Part] = []
        first_error: NoAccountColumn | None = None
        for table in tables:
            try:
                part = read_table(table, cmap)
            except NoAccountColumn as exc:
                if len(tables) == 1:
                    raise
                first_error = first_error or exc
                problems.extend(table.problems)
                problems.append(table.problem(
                    "no account-id column: sheet skipped (found headers "
                    f"{', '.join(map(str, table.frame.columns))})"))
                continue
            file_parts.append(part)
            problems.extend(part.problems)
        if first_error is not None and not file_parts:
            raise first_error
        parts.extend(file_parts)
    accounts, identifiers, merged, merge_problems = merge_parts(parts)
    return Dataset(
        accounts=accounts,
        identifiers=identifiers,
        files=[p.report for p in parts],
        problems=problems + merge_problems,
        merged_accounts=merged,
    )


def read_table(table: RawTable, column_map: Mapping[str, str | None] | None = None) -> Part:
    """Read one table in the form its columns show; its problems come first in the part."""
    headers = [str(c) for c in table.frame.columns]
    if not headers and table.frame.empty:  # JSON "[]" or a records-less Parquet file
        report = FileReport(str(table.file.path), table.sheet, 0, {}, "wide", table.source,
                            table.encoding)
        accounts = empty_accounts().assign(from_name=[])
        return Part(report, accounts, empty_part_identifiers(), list(table.problems))
    if is_adspower(headers):
        part = read_adspower(table)
    else:
        hm = map_headers(headers, dict(column_map or {}))
        if hm.columns("kind") and hm.columns("value"):
            part = read_long(table, hm)
        else:
            part = read_wide(table, hm, events=bool(hm.columns("time")))
    extra: list[Problem] = []
    if part.report.rows == 0 and headers:
        extra.append(table.problem("has a header but no data rows"))
    part.problems = table.problems + extra + part.problems
    part.report.secrets = list(table.secrets)
    return part
