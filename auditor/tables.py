"""The two tables every stage after ingest works on, and small helpers to build them.

**Accounts table** — one row per account::

    account (str, unique) | name | status | marketplace | source

**Identifier table** — one row per (account, identifier value) observation::

    account  str         the account id (categorical)
    kind     str         one of :data:`auditor.kinds.KINDS`
    raw      str         the value as written in the input
    value    str | None  canonical value; two rows with equal (kind, value) are "the same"
    key      str | None  fuzzy-matching key (company, person, address, email local part)
    partial  str | None  weak-evidence key: IP /24 or /64 prefix, card/bank last 4,
                         address building without its unit
    note     str | None  extra facts for people (MAC vendor, email domain, "masked"…)
    status   str         "ok" | "invalid" | "non_linking"
    reason   str | None  why a value is invalid or non-linking
    time     datetime64[ns, UTC]  when the value was seen (NaT if unknown)
    source   str         file name
    sheet    str | None  sheet name for workbooks
    row      int32       row number as the user sees it (header is row 1 in CSV/XLSX)
    column   str         the input column (header) the value came from

Only rows with ``status == "ok"`` and a non-null ``value`` (or ``partial``/``key``) take
part in linking; the others are reported by ``auditor inspect`` and in the audit.

Storage (what :func:`auditor.ingest.read_inputs` and
:func:`auditor.normalise.normalise_identifiers` return; compare values, not dtypes):
raw, value, key and partial are pandas' Arrow-backed text; account, kind, source, sheet,
column, note, status and reason are categorical (labels repeated on many rows: an
account's id on each of its rows); before normalising, the normalised columns are
all-missing placeholders.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

ACCOUNT_COLUMNS: Final = ("account", "name", "status", "marketplace", "source")

IDENTIFIER_COLUMNS: Final = (
    "account",
    "kind",
    "raw",
    "value",
    "key",
    "partial",
    "note",
    "status",
    "reason",
    "time",
    "source",
    "sheet",
    "row",
    "column",
)

#: Columns a normaliser returns, aligned on the input index.
NORMALISED_COLUMNS: Final = ("value", "key", "partial", "note", "status", "reason")

STATUS_OK: Final = "ok"
STATUS_INVALID: Final = "invalid"
STATUS_NON_LINKING: Final = "non_linking"


def empty_accounts() -> pd.DataFrame:
    """An accounts table with no rows and the right columns."""
    return pd.DataFrame({c: pd.Series([], dtype="object") for c in ACCOUNT_COLUMNS})


def empty_identifiers() -> pd.DataFrame:
    """An identifier table with no rows and the right columns and dtypes."""
    frame = pd.DataFrame({c: pd.Series([], dtype="object") for c in IDENTIFIER_COLUMNS})
    frame["time"] = pd.Series([], dtype="datetime64[ns, UTC]")
    frame["row"] = pd.Series([], dtype="int32")
    return frame
