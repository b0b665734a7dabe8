"""Long tables: one observation per row — ``account, kind, value[, time][, source]``.

``kind`` names an identifier kind in any of the header synonyms (``IP``, ``邮箱``,
``tax_id``…). Rows with an unknown kind are skipped and reported, one problem per
distinct kind. A value is one value (not split). The optional ``source`` column (where
the observation came from: "seller central", "adspower"…) is written to the identifier
table's ``column`` field, so it shows wherever the value is shown; without it,
``column`` is the value column's header.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from auditor.ingest.common import (
    Part,
    account_rows,
    any_nonblank,
    column_problems,
    drop_blank,
    empty_part_identifiers,
    finish_identifiers,
    nonblank,
    pick_account_column,
    row_problems,
    stripped,
)
from auditor.ingest.dataset import FileReport
from auditor.ingest.headers import HeaderMap, kind_of_label
from auditor.ingest.readers import RawTable
from auditor.ingest.times import parse_times
from auditor.kinds import KINDS


def read_long(table: RawTable, hm: HeaderMap) -> Part:
    """Accounts and observations of a long table."""
    frame = table.frame
    id_column, from_name, problems = pick_account_column(table, hm)
    kind_column, value_column = hm.columns("kind")[0], hm.columns("value")[0]
    time_column = next(iter(hm.columns("time")), None)
    source_column = next(iter(hm.columns("source")), None)
    attribute_columns = [hm.columns(r)[0] for r in ("account_name", "status", "marketplace")
                         if hm.columns(r)]
    used = {id_column, kind_column, value_column, *attribute_columns}
    used |= {c for c in (time_column, source_column) if c}
    account = stripped(frame[id_column])
    content = any_nonblank(frame, sorted(used))
    keep = account != ""
    problems += row_problems(table, content & ~keep, "no account id: row skipped",
                             column=id_column)

    labels = frame[kind_column].astype("str").str.strip()
    codes, uniques = pd.factorize(labels)
    known = np.array([kind_of_label(str(u)) for u in uniques] + [None], dtype=object)
    kinds = known[codes]
    has_value = nonblank(frame[value_column])
    has_kind = labels.to_numpy(dtype=object) != ""
    unknown = keep & has_kind & (kinds == None)  # noqa: E711 (element-wise)
    for code in np.unique(codes[unknown]):
        rows = np.flatnonzero(unknown & (codes == code))
        problems.append(table.problem(
            f"{uniques[code]!r} is not an identifier kind ({', '.join(KINDS)}): "
            f"{len(rows)} row(s) skipped", row=int(table.rows[rows[0]]), column=kind_column))
    problems += row_problems(table, keep & ~has_kind & has_value, "no kind: row skipped",
                             column=kind_column)
    problems += row_problems(table, keep & has_kind & ~has_value,
                             "no value: only the account is kept", column=value_column,
                             severity="info")
    take = keep & has_value & (kinds != None)  # noqa: E711

    times = None
    if time_column:
        times = parse_times(frame[time_column])
        bad = take & nonblank(frame[time_column]) & times.isna().to_numpy(dtype=bool)
        problems += row_problems(
            table, bad, lambda v: f"{v!r} is not a time (value kept without a time)",
            column=time_column, cells=frame[time_column])
    if take.any():
        obs = pd.DataFrame({
            "account": account[take],
            "kind": kinds[take],
            "raw": frame[value_column].to_numpy(dtype=object)[take],
            "row": table.rows[take],
            "column": (stripped(frame[source_column])[take] if source_column
                       else value_column),
        })
        if source_column:
            obs["column"] = obs["column"].where(obs["column"] != "", value_column)
        if times is not None:
            obs["time"] = times.array[take]
        identifiers = finish_identifiers(drop_blank(obs), table)
    else:
        identifiers = empty_part_identifiers()
    accounts = account_rows(table, account, keep, hm, from_name=from_name,
                            name=account if from_name else None)
    roles, column_issues = column_problems(table, hm, used)
    report = FileReport(
        path=str(table.file.path), sheet=table.sheet, rows=int(content.sum()), columns=roles,
        form="long", source=table.source, encoding=table.encoding, accounts=len(accounts),
    )
    return Part(report, accounts, identifiers, column_issues + problems)
