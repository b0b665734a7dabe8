"""Wide tables (one row per account) and event tables (one row per observation, with a time).

*Wide*: an account spreadsheet — an account-id column and identifier columns whose
cells may hold several values (``a@x.com; b@y.com``). The same id on two rows of one
table is an error (two different accounts cannot share an id, and silently merging
the rows would hide a typo).

*Events*: the same shape plus a time column (a login or environment log: account, IP,
MAC, time). Each row is a set of observations at that time; an id repeats freely.
A time that does not parse is reported for its row and the row's values are kept
without a time.
"""

from __future__ import annotations

from auditor.ingest.common import (
    Part,
    account_rows,
    any_nonblank,
    check_duplicate_ids,
    column_problems,
    nonblank,
    observations,
    pick_account_column,
    row_problems,
    stripped,
)
from auditor.ingest.dataset import FileReport
from auditor.ingest.headers import HeaderMap
from auditor.ingest.readers import RawTable
from auditor.ingest.times import parse_times
from auditor.kinds import KINDS


def read_wide(table: RawTable, hm: HeaderMap, *, events: bool = False) -> Part:
    """Accounts and observations of a wide table, or of an event table when ``events``."""
    frame = table.frame
    id_column, from_name, problems = pick_account_column(table, hm)
    account = stripped(frame[id_column])
    kind_columns = [(h, r) for h, r in hm.roles.items() if r in KINDS]
    attribute_columns = [hm.columns(r)[0] for r in ("account_name", "status", "marketplace")
                         if hm.columns(r)]
    used = {id_column, *(h for h, _ in kind_columns), *attribute_columns}
    time_column = hm.columns("time")[0] if events else None
    if time_column:
        used.add(time_column)
    content = any_nonblank(frame, sorted(used))
    keep = account != ""
    problems += row_problems(table, content & ~keep, "no account id: row skipped",
                             column=id_column)
    if not events:
        check_duplicate_ids(table, account, keep, id_column)
    times = None
    if time_column:
        times = parse_times(frame[time_column])
        bad = keep & nonblank(frame[time_column]) & times.isna().to_numpy(dtype=bool)
        problems += row_problems(
            table, bad, lambda v: f"{v!r} is not a time (values kept without a time)",
            column=time_column, cells=frame[time_column])
    identifiers = observations(table, account, keep, kind_columns, times=times)
    accounts = account_rows(table, account, keep, hm, from_name=from_name,
                            name=account if from_name else None)
    roles, column_issues = column_problems(table, hm, used)
    report = FileReport(
        path=str(table.file.path), sheet=table.sheet, rows=int(content.sum()), columns=roles,
        form="events" if events else "wide", source=table.source, encoding=table.encoding,
        accounts=len(accounts),
    )
    return Part(report, accounts, identifiers, column_issues + problems)
