"""Which files to read, what to call them, and what format each one is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from auditor.errors import InputError
from auditor.result import Problem

#: File suffix → format.
FORMATS: Final = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "txt",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
SUFFIXES: Final = " ".join(sorted({s for s in FORMATS if s not in (".tab", ".pq")}))

_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0"  # legacy .xls / .doc
_PARQUET_MAGIC: Final = b"PAR1"
_PDF_MAGIC: Final = b"%PDF"


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read: its path, the name it goes by in tables and problems, its format."""

    path: Path
    source: str
    format: str


def expand_paths(paths: Sequence[str | Path]) -> tuple[list[InputFile], list[Problem]]:
    """Files to read, in order: each argument, folders as their data files sorted by name.

    Folders are not searched recursively. Files in a folder that are not data files (and
    Excel's ``~$`` lock files) are skipped with an info problem. The same file named
    twice is read once. Each file's *source* is its name, or its path when two inputs
    share a name.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    if not paths:
        raise InputError("no input files given")
    for given in paths:
        p = Path(given)
        if p.is_dir():
            data = []
            for child in sorted(p.iterdir(), key=lambda c: c.name):
                if not child.is_file():
                    continue
                if child.suffix.lower() in FORMATS and not child.name.startswith(("~$", ".")):
                    data.append(child)
                elif not child.name.startswith("."):
                    problems.append(Problem(str(p), f"{child.name} is not a data file: skipped",
                                            severity="info"))
            if not data:
                raise InputError(f"{p}: folder has no data files ({SUFFIXES})")
            found.extend(data)
        elif p.is_file():
            found.append(p)
        elif p.exists():
            raise InputError(f"{p}: not a regular file")
        else:
            raise InputError(f"{p}: file not found")
    unique: list[Path] = []
    seen: set[Path] = set()
    for p in found:
        resolved = p.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(p)
    names = Counter(p.name for p in unique)
    files = []
    for p in unique:
        source = p.name if names[p.name] == 1 else str(p)
        files.append(InputFile(p, source, detect_format(p, source)))
    return files, problems


def detect_format(path: Path, source: str) -> str:
    """The format by suffix, corrected by the first bytes (an XLSX saved as .csv…)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(f"{source}: cannot read the file ({exc.strerror})") from None
    suffix = path.suffix.lower()
    if not head:
        raise InputError(f"{source}: the file is empty (0 bytes)")
    if head.startswith(_OLE_MAGIC):
        raise InputError(
            f"{source}: legacy Excel .xls (or another Office binary) is not supported; "
            "save it as .xlsx or CSV"
        )
    if head.startswith(_ZIP_MAGIC) and suffix not in (".xlsx", ".xlsm"):
        if suffix in (".csv", ".tsv", ".txt"):
            return "xlsx"  # an Excel workbook renamed to .csv
        raise InputError(f"{source}: a ZIP archive, not a data file ({SUFFIXES})")
    if head.startswith(_PARQUET_MAGIC) and suffix not in (".parquet", ".pq"):
        return "parquet"
    fmt = FORMATS.get(suffix)
    if fmt is None:
        kind = "a PDF document" if head.startswith(_PDF_MAGIC) else f"format {suffix or '(none)'}"
        raise InputError(f"{source}: unknown format: {kind}; auditor reads {SUFFIXES}")
    return fmt
