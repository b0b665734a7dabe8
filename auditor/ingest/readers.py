"""Reading each file format into :class:`RawTable` objects: headers and string cells.

Every cell is read as text — IDs with leading zeros and card numbers never become
numbers — with ``""`` for an empty cell. Row numbers are what a person sees: in CSV
and XLSX the header is row 1 (or the row it was found on, below a title), in JSON and
Parquet the first record is row 1, in JSON Lines a row is a line of the file.
Columns holding passwords, tokens or cookies are removed here, before anything else
sees them (see :func:`auditor.ingest.headers.is_dropped_secret`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from xml.etree.ElementTree import ParseError

import numpy as np
import pandas as pd

from auditor.errors import InputError
from auditor.ingest.encoding import decode_text, is_utf8, looks_binary
from auditor.ingest.files import InputFile
from auditor.ingest.headers import is_dropped_secret, map_headers
from auditor.result import Problem

#: How many leading rows may sit above the header (a title, notes) in CSV and XLSX.
HEADER_SEARCH_ROWS: Final = 10
#: Cap on problems reported row by row for one cause; the rest are counted in one line.
MAX_ROW_PROBLEMS: Final = 20

_RECORD_KEYS: Final = ("list", "data", "items", "records", "rows", "results", "result")


@dataclass
class RawTable:
    """One table read from a file or a workbook sheet, before its columns are mapped."""

    file: InputFile
    sheet: str | None
    frame: pd.DataFrame
    rows: np.ndarray[Any, np.dtype[np.int64]]
    encoding: str | None = None
    problems: list[Problem] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        return self.file.source

    def problem(
        self,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        severity: str = "warning",
    ) -> Problem:
        """A problem located in this table."""
        return Problem(self.source, message, self.sheet, row, column, severity)


def read_file(
    file: InputFile,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    column_map: Mapping[str, str | None] | None = None,
) -> list[RawTable]:
    """Read one file into one table per sheet (one table for non-workbooks)."""
    cmap = dict(column_map or {})
    if file.format == "xlsx":
        tables = _read_xlsx(file, sheet, cmap)
    elif file.format == "parquet":
        tables = [_read_parquet(file, cmap)]
    elif file.format in ("json", "jsonl"):
        tables = [_read_json(file, encoding, cmap)]
    else:
        tables = [_read_delimited(file, encoding, cmap)]
    for table in tables:
        _drop_secret_columns(table, cmap)
    return tables


# --- delimited text ------------------------------------------------------------------


def _read_bytes(file: InputFile) -> bytes:
    try:
        data = file.path.read_bytes()
    except OSError as exc:
        raise InputError(f"{file.source}: cannot read the file ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{file.source}: the file is empty")
    return data


def _sniff_separator(text: str, fmt: str) -> str:
    if fmt == "tsv":
        return "\t"
    first = text[: text.find("\n")] if "\n" in text else text
    counts = {sep: first.count(sep) for sep in (",", "\t", ";", "|")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > counts[","] else ","


def _width(text: str, sep: str) -> int:
    """Fields in the widest of the first records (a title row may be narrower)."""
    reader = csv.reader(io.StringIO(text[:200_000]), delimiter=sep)
    widest = 1
    try:
        for i, record in enumerate(reader):
            widest = max(widest, len(record))
            if i >= 50:
                break
    except csv.Error:
        pass
    return widest


_FIELDS_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _read_delimited(file: InputFile, encoding: str | None, cmap: dict[str, str | None]) -> RawTable:
    data = _read_bytes(file)
    if looks_binary(data):
        raise InputError(f"{file.source}: binary data, not a text {file.format.upper()} file")
    # The parser gets UTF-8 bytes, not decoded text: a million-account file as a Python
    # string takes a gigabyte (io.StringIO: four bytes a character).
    if encoding is None and is_utf8(data):  # what decode_text would find, without a str
        bom = data.startswith(codecs.BOM_UTF8)
        used, detected = ("utf-8-sig" if bom else "utf-8"), False
        utf8 = data[3:] if bom else data
        head = data[:200_000].decode("utf-8", errors="ignore").lstrip("\ufeff")
    else:
        decoded = decode_text(data, file.source, encoding)
        used, detected = decoded.encoding, decoded.detected
        head = decoded.text[:200_000].lstrip("\ufeff")
        if used in ("utf-8", "utf-8-sig"):
            utf8 = data[3:] if data.startswith(codecs.BOM_UTF8) else data
        else:
            utf8 = decoded.text.lstrip("\ufeff").encode("utf-8")
        del decoded
    sep = _sniff_separator(head, file.format)
    width = _width(head, sep)
    del data
    frame = _parse_regular_csv(utf8, sep, width)
    try:
        frame = frame if frame is not None else pd.read_csv(
            io.BytesIO(utf8),
            encoding="utf-8",
            sep=sep,
            header=None,
            names=list(range(width)),
            dtype=str,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        match = _FIELDS_ERROR.search(str(exc))
        if match:
            expected, line, saw = match.groups()
            raise InputError(
                f"{file.source}, row {line}: {saw} fields where the header has {expected}; "
                f"quote values that contain {sep!r}"
            ) from None
        raise InputError(
            f"{file.source}: not a readable {file.format.upper()} file ({exc})"
        ) from None
    frame = frame.fillna("")
    table = _with_header(file, None, frame, first_row=1, cmap=cmap)
    table.encoding = used
    if detected:
        table.problems.append(table.problem(
            f"read as {used} (detected); pass --encoding if text looks garbled",
            severity="info",
        ))
    return table


def _parse_regular_csv(utf8: bytes, sep: str, width: int) -> pd.DataFrame | None:
    """The file as the pandas parser below would give it, read by Arrow's parser (several
    times faster, on all cores, text kept as Arrow) — or None when the file is not
    regular: a row with another number of fields, or an odd number of quote characters
    (a quote left open would swallow the rest of the file into one cell). The pandas
    parser then reads it, padding short rows and naming the line of a long one or of
    the open quote."""
    if utf8.count(b'"') % 2:
        return None
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    names = [str(i) for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(utf8),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(
                delimiter=sep, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.num_rows == 0:
        return None
    return pd.DataFrame(
        {i: pd.array(table.column(i), dtype="str") for i in range(width)},
        index=pd.RangeIndex(table.num_rows),
    )


# --- workbooks -----------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


_XLSX_ERRORS = (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, ParseError,
                EOFError, IndexError, AttributeError)


def _read_xlsx(file: InputFile, sheet: str | None, cmap: dict[str, str | None]) -> list[RawTable]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    data = _read_bytes(file)
    try:  # from bytes: openpyxl refuses a workbook whose name does not end in .xlsx
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (*_XLSX_ERRORS, InvalidFileException) as exc:
        raise InputError(
            f"{file.source}: not a readable XLSX workbook ({type(exc).__name__}); "
            "open and re-save it in Excel, or export it as CSV"
        ) from None
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise InputError(
                f"{file.source}: no sheet named {sheet!r}; its sheets are {', '.join(names)}"
            )
        tables: list[RawTable] = []
        skipped: list[Problem] = []
        for name in names if sheet is None else [sheet]:
            try:
                cells = [[_cell_text(v) for v in row]
                         for row in book[name].iter_rows(values_only=True)]
            except (*_XLSX_ERRORS, InvalidFileException) as exc:
                raise InputError(
                    f"{file.source}, sheet {name}: cannot read the sheet ({type(exc).__name__})"
                ) from None
            width = max((len(r) for r in cells), default=0)
            frame = pd.DataFrame([r + [""] * (width - len(r)) for r in cells], dtype="str")
            if not (frame != "").to_numpy().any():
                if sheet is not None:
                    raise InputError(f"{file.source}, sheet {name}: the sheet is empty")
                skipped.append(Problem(file.source, "the sheet is empty: skipped", name,
                                       severity="info"))
                continue
            tables.append(_with_header(file, name, frame, first_row=1, cmap=cmap))
    finally:
        book.close()
    if not tables:
        raise InputError(f"{file.source}: the workbook has no data")
    tables[0].problems[:0] = skipped
    return tables


# --- header detection (CSV and XLSX) -------------------------------------------------


def _header_score(cells: list[str], cmap: dict[str, str | None]) -> tuple[bool, int]:
    mapping = map_headers([c for c in cells if c.strip()], cmap)
    roles = {r for r in mapping.roles.values() if r is not None}
    return bool(roles & {"account_id", "account_name"}), len(roles)


def _find_header(frame: pd.DataFrame, cmap: dict[str, str | None]) -> int:
    """Index of the header row: the first non-blank row, unless it and the rows below it
    look like a title or notes (fewer filled cells) above a row that names an account
    column, or failing that two known roles."""
    head = (frame.head(1000) != "").to_numpy()
    counts = [int(n) for n in head.sum(axis=1)]
    candidates = [i for i, n in enumerate(counts) if n][:HEADER_SEARCH_ROWS]
    if not candidates:
        return 0
    scores = [_header_score([str(c) for c in frame.iloc[i]], cmap) for i in candidates]

    def titles_above(n: int) -> bool:
        return all(counts[i] < counts[candidates[n]] for i in candidates[:n])

    for want in ("account", "known"):
        for n, (has_account, known) in enumerate(scores):
            found = has_account if want == "account" else known >= 2
            if found and titles_above(n):
                return candidates[n]
    return candidates[0]


def _unique_headers(cells: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, cell in enumerate(cells):
        name = cell.strip() or f"column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _with_header(
    file: InputFile, sheet: str | None, frame: pd.DataFrame, *, first_row: int,
    cmap: dict[str, str | None],
) -> RawTable:
    """Split a headerless frame into header and data, dropping empty unnamed columns."""
    h = _find_header(frame, cmap)
    problems: list[Problem] = []
    above = [i for i in range(h) if (frame.iloc[i] != "").any()]
    if above:
        shown = ", ".join(str(first_row + i) for i in above)
        problems.append(Problem(
            file.source, f"row(s) {shown} above the header row {first_row + h} skipped "
            "(title or notes)", sheet, severity="info"))
    header_cells = [str(c) for c in frame.iloc[h]] if len(frame) else []
    data = frame.iloc[h + 1:]
    keep = [j for j, c in enumerate(header_cells) if c.strip() or (data.iloc[:, j] != "").any()]
    data = data.iloc[:, keep]
    data.columns = pd.Index(_unique_headers(header_cells[j] for j in keep))
    rows = np.arange(h + 1, len(frame), dtype=np.int64) + first_row
    return RawTable(file, sheet, data.reset_index(drop=True), rows, problems=problems)


# --- JSON ----------------------------------------------------------------------------


def _find_records(doc: Any) -> tuple[list[Any] | None, str]:
    """The list of records in a JSON document: a top-level array, or the first array of
    objects under keys like ``data.list`` (AdsPower's API), ``items``, ``records``…"""
    if isinstance(doc, list):
        return doc, ""
    if not isinstance(doc, dict):
        return None, ""
    for key in _RECORD_KEYS:
        value = doc.get(key)
        if isinstance(value, list) and (not value or isinstance(value[0], dict)):
            return value, key
        if isinstance(value, dict):
            found, where = _find_records(value)
            if found is not None:
                return found, f"{key}.{where}".rstrip(".")
    for key, value in doc.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return value, str(key)
    return None, ""


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _cell_text(value)


def flatten_record(
    record: Mapping[str, Any], cmap: Mapping[str, str | None], secrets: set[str],
    nested: set[str], prefix: str = "",
) -> dict[str, str]:
    """One JSON object as ``{"a.b": "text"}``; secret keys (at any depth) are left out and
    their names added to ``secrets``; lists become newline-separated values."""
    out: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if is_dropped_secret(name, cmap) or is_dropped_secret(str(key), cmap):
            secrets.add(name)
            continue
        if isinstance(value, Mapping):
            out.update(flatten_record(value, cmap, secrets, nested, name + "."))
        elif isinstance(value, list):
            if any(isinstance(v, Mapping | list) for v in value):
                nested.add(name)  # nested records: not read (they could hold anything)
                continue
            out[name] = "\n".join(_scalar_text(v) for v in value if v is not None)
        else:
            out[name] = _scalar_text(value)
    return out


def _records_table(
    file: InputFile, records: list[dict[str, str]], rows: list[int], problems: list[Problem],
    secrets: set[str], nested: set[str],
) -> RawTable:
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    frame = frame.fillna("").astype("str") if len(frame.columns) else frame
    table = RawTable(file, None, frame, np.asarray(rows, dtype=np.int64), "utf-8", problems)
    table.secrets = sorted(secrets)
    for name in sorted(nested):
        problems.append(table.problem("holds nested records: not read", column=name,
                                      severity="info"))
    if not records:
        problems.append(table.problem("no records", severity="warning"))
    return table


def _read_json(file: InputFile, encoding: str | None, cmap: dict[str, str | None]) -> RawTable:
    data = _read_bytes(file)
    if looks_binary(data):
        raise InputError(f"{file.source}: binary data, not a JSON file")
    text = decode_text(data, file.source, encoding).text.lstrip("\ufeff")
    if file.format == "jsonl":
        return _read_json_lines(file, text, cmap)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # one object per line in a .json file
            return _read_json_lines(file, text, cmap)
        raise InputError(f"{file.source}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    found, _ = _find_records(doc)
    if found is None:
        raise InputError(
            f"{file.source}: no list of records found; expected an array of objects, "
            'or a wrapper like {"data": {"list": [...]}}'
        )
    secrets: set[str] = set()
    nested: set[str] = set()
    records, rows, problems = [], [], []
    for i, item in enumerate(found, start=1):
        if isinstance(item, Mapping):
            records.append(flatten_record(item, cmap, secrets, nested))
            rows.append(i)
        else:
            problems.append(Problem(file.source, "not an object: record skipped", row=i))
    return _records_table(file, records, rows, problems, secrets, nested)


def _read_json_lines(file: InputFile, text: str, cmap: dict[str, str | None]) -> RawTable:
    secrets: set[str] = set()
    nested: set[str] = set()
    records, rows = [], []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append((number, f"not valid JSON ({exc.msg}): line skipped"))
            continue
        if isinstance(item, Mapping):
            records.append(flatten_record(item, cmap, secrets, nested))
            rows.append(number)
        else:
            bad.append((number, "not a JSON object: line skipped"))
    if bad and not records:
        number, message = bad[0]
        raise InputError(f"{file.source}, line {number}: {message.split(':')[0]}; "
                         "expected one JSON object per line")
    problems = [Problem(file.source, message, row=number) for number, message in
                bad[:MAX_ROW_PROBLEMS]]
    if len(bad) > MAX_ROW_PROBLEMS:
        problems.append(Problem(file.source, f"… and {len(bad) - MAX_ROW_PROBLEMS} more "
                                "lines that are not JSON objects (skipped)"))
    return _records_table(file, records, rows, problems, secrets, nested)


# --- Parquet -------------------------------------------------------------------------


def _column_text(column: pd.Series) -> pd.Series:
    """A column of any dtype as text, vectorised: integral floats lose their ``.0``."""
    missing = column.isna().to_numpy()
    if pd.api.types.is_bool_dtype(column.dtype):
        text = column.map({True: "true", False: "false"}).astype("str")
    elif pd.api.types.is_float_dtype(column.dtype):
        text = column.astype("str").str.replace(r"\.0$", "", regex=True)
    elif isinstance(column.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(
        column.dtype
    ):
        text = column.astype("str")
    else:
        text = column.astype("str")
    return text.where(~missing, "")


def _read_parquet(file: InputFile, cmap: dict[str, str | None]) -> RawTable:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        arrow = pq.read_table(file.path)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise InputError(f"{file.source}: not a readable Parquet file ({exc})") from None
    nested_types = (pa.types.is_struct, pa.types.is_list, pa.types.is_large_list,
                    pa.types.is_map)
    if any(check(f.type) for f in arrow.schema for check in nested_types):
        secrets: set[str] = set()
        nested: set[str] = set()
        records = [flatten_record(r, cmap, secrets, nested) for r in arrow.to_pylist()]
        numbers = list(range(1, len(records) + 1))
        return _records_table(file, records, numbers, [], secrets, nested)
    keep = [name for name in arrow.column_names if not is_dropped_secret(name, cmap)]
    dropped = [name for name in arrow.column_names if name not in keep]
    frame = arrow.select(keep).to_pandas()
    text = pd.DataFrame({str(c): _column_text(frame[c]) for c in frame.columns})
    rows = np.arange(1, len(text) + 1, dtype=np.int64)
    table = RawTable(file, None, text, rows)
    table.secrets = dropped
    if text.empty:
        table.problems.append(table.problem("no records", severity="warning"))
    return table


# --- secrets -------------------------------------------------------------------------


def _drop_secret_columns(table: RawTable, cmap: Mapping[str, str | None]) -> None:
    """Remove password/token/cookie columns before anything reads them; say so once."""
    dropped = [str(c) for c in table.frame.columns if is_dropped_secret(str(c), cmap)]
    if dropped:
        table.frame = table.frame.drop(columns=dropped)
    for name in sorted({*table.secrets, *dropped}):
        table.problems.append(table.problem(
            "holds passwords or other secrets: dropped, not read", column=name, severity="info"))
    table.secrets = sorted({*table.secrets, *dropped})

