"""Building blocks shared by the table forms: the account column, observations, problems."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from auditor.errors import InputError
from auditor.ingest.dataset import FileReport
from auditor.ingest.headers import HeaderMap
from auditor.ingest.readers import MAX_ROW_PROBLEMS, RawTable
from auditor.ingest.times import TIME_DTYPE, to_utc
from auditor.kinds import MULTI_VALUE_KINDS
from auditor.result import Problem

BoolArray = np.ndarray[Any, np.dtype[np.bool_]]

#: Internal accounts-part columns: the accounts table plus whether the id is a name.
PART_ACCOUNT_COLUMNS: Final = ("account", "name", "status", "marketplace", "source", "from_name")
#: Identifier columns ingest fills (the normalised ones come later).
PART_IDENTIFIER_COLUMNS: Final = ("account", "kind", "raw", "time", "source", "sheet", "row",
                                  "column")

#: Cell texts that mean "no value" in a spreadsheet; such cells are treated as empty.
BLANK_VALUES: Final = frozenset({
    "-", "--", "—", "/", "#n/a", "n/a", "na", "none", "null", "nil", "nan", "无", "暂无",
    "没有", "空",
})

# Separators of several values in one wide-form cell (plain strings: pyarrow regex).
# IPs and emails never contain spaces, so spaces separate them too. Names and companies
# contain commas, so only newlines, ";" and "|" separate them. An address often spans
# lines in a spreadsheet cell ("1 Main St" / "Suite 100" / "Newark, DE 19711"), and its
# lines alone would falsely match other addresses, so only ";" and "|" separate addresses.
_SPLIT_SPACE: Final = r"[;,、|；，｜ \t\r\n\x{3000}]+"
_SPLIT_MULTI: Final = r"[;,、|；，｜\r\n]+"
_SPLIT_NAMES: Final = r"[;|；｜\r\n]+"
_SPLIT_ADDRESS: Final = r"[;|；｜]+"
_SPACE_KINDS: Final = frozenset({"ip", "email"})
_BLANK_SET: Final = pa.array(sorted(BLANK_VALUES), pa.large_string())


class NoAccountColumn(InputError):
    """A table has neither an account-id nor an account-name column."""


@dataclass
class Part:
    """What one table contributes: its accounts, observations, report and problems."""

    report: FileReport
    accounts: pd.DataFrame
    identifiers: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)


def where(table: RawTable, column: str | None = None) -> str:
    """``accounts.xlsx, sheet 店铺, column 邮箱`` — the start of an error line."""
    return Problem(table.source, "", table.sheet, None, column).line()[:-2]


def nonblank(column: pd.Series) -> BoolArray:
    """Cells with text other than spaces."""
    return (column.astype("str").str.strip() != "").to_numpy(dtype=bool)


def any_nonblank(frame: pd.DataFrame, headers: Sequence[str]) -> BoolArray:
    """Rows with text in any of ``headers``."""
    mask = np.zeros(len(frame), dtype=bool)
    for h in headers:
        mask |= nonblank(frame[h])
    return mask


def stripped(column: pd.Series) -> np.ndarray[Any, np.dtype[np.object_]]:
    """A column's cells without surrounding spaces, as an object array."""
    return column.astype("str").str.strip().to_numpy(dtype=object)


def row_problems(
    table: RawTable,
    mask: BoolArray,
    message: str | Callable[[str], str],
    *,
    column: str | None = None,
    cells: pd.Series | None = None,
    severity: str = "warning",
) -> list[Problem]:
    """One problem per row in ``mask`` (the first :data:`MAX_ROW_PROBLEMS`), then a count.

    ``message`` may be a function of the row's cell in ``cells``.
    """
    positions = np.flatnonzero(mask)
    out = []
    for i in positions[:MAX_ROW_PROBLEMS]:
        text = message(str(cells.iloc[i])) if callable(message) and cells is not None else message
        out.append(table.problem(str(text), row=int(table.rows[i]), column=column,
                                 severity=severity))
    extra = len(positions) - MAX_ROW_PROBLEMS
    if extra > 0:
        out.append(table.problem(f"… and {extra} more row(s) with the same problem",
                                 column=column, severity=severity))
    return out


def pick_account_column(table: RawTable, hm: HeaderMap) -> tuple[str, bool, list[Problem]]:
    """The column holding account ids: (header, is-a-name, problems).

    Without an account-id column the account *name* is the id (an info problem says so);
    with neither, :class:`NoAccountColumn`.
    """
    ids = hm.columns("account_id")
    problems = [
        table.problem(f"also looks like an account id; not used (the id is column {ids[0]})",
                      column=extra, severity="info")
        for extra in ids[1:]
    ]
    if ids:
        return ids[0], False, problems
    names = hm.columns("account_name")
    if names:
        problems.append(table.problem(
            "no account-id column: the account name is used as the account id",
            column=names[0], severity="info"))
        return names[0], True, problems
    found = ", ".join(str(c) for c in table.frame.columns) or "(none)"
    raise NoAccountColumn(
        f"{where(table)}: no account-id column; found headers {found}; "
        "map one with [columns] in --config"
    )


def check_duplicate_ids(table: RawTable, ids: np.ndarray[Any, Any], keep: BoolArray,
                        column: str) -> None:
    """A wide table has one row per account: a repeated id is an :class:`InputError`."""
    kept = pd.Series(ids[keep])
    repeated = kept.duplicated(keep="first").to_numpy()
    if not repeated.any():
        return
    rows = table.rows[keep]
    first = int(np.flatnonzero(repeated)[0])
    account = kept.iloc[first]
    on = rows[(kept == account).to_numpy()][:5].tolist()
    others = kept[repeated].nunique() - 1
    more = f"; {others} more id(s) repeat too" if others else ""
    listed = ", ".join(str(r) for r in on[:-1]) + f" and {on[-1]}"
    raise InputError(
        f"{where(table, column)}: account id {account!r} is on rows {listed}{more}; "
        "a wide table has one row per account (a log needs a time column)"
    )


def observations(
    table: RawTable,
    account: np.ndarray[Any, Any],
    keep: BoolArray,
    columns: Sequence[tuple[str, str]],
    *,
    times: pd.Series | None = None,
) -> pd.DataFrame:
    """The identifier rows of ``columns`` (header, kind) for the rows in ``keep``.

    Cells are split into their several values; blank cells and placeholders like ``-``
    or ``无`` are not values. Cells stay in Arrow and repeated labels (account, kind,
    column) are categorical codes until the end: no Python object per cell.
    """
    raws: list[pa.Array] = []
    rows_at: list[np.ndarray[Any, Any]] = []
    kinds: list[str] = []
    headers: list[str] = []
    for header, kind in columns:
        cells = table.frame[header]
        at = np.flatnonzero(keep & nonblank(cells))
        if not len(at):
            continue
        # One column at a time: split, trim and drop placeholders while it is small.
        parent, values = _cell_values(arrow_text(cells).take(pa.array(at)), kind)
        raws.append(values)
        rows_at.append(at[parent])
        kinds.append(kind)
        headers.append(header)
    if not raws:
        return empty_part_identifiers()
    at = np.concatenate(rows_at)
    sizes = [len(r) for r in rows_at]
    kind_names = sorted(set(kinds))
    kind_codes = np.repeat([kind_names.index(k) for k in kinds], sizes)
    account_codes, account_names = pd.factorize(account)
    obs = pd.DataFrame(
        {
            "account": labels(np.asarray(account_codes)[at], account_names),
            "kind": labels(kind_codes, kind_names),
            "raw": pd.array(pa.concat_arrays(raws), dtype="str"),
            "row": table.rows[at],
            "column": labels(
                np.repeat([list(dict.fromkeys(headers)).index(h) for h in headers], sizes),
                dict.fromkeys(headers),
            ),
        }
    )
    if times is not None:
        obs["time"] = times.array[at]
    return finish_identifiers(obs, table)


def _split_pattern(kind: str) -> str:
    if kind in _SPACE_KINDS:
        return _SPLIT_SPACE
    if kind in MULTI_VALUE_KINDS:
        return _SPLIT_MULTI
    return _SPLIT_ADDRESS if kind == "address" else _SPLIT_NAMES


def _cell_values(cells: pa.Array, kind: str) -> tuple[np.ndarray[Any, Any], pa.Array]:
    """Every value in ``cells`` (split as ``kind`` is split, trimmed, placeholders and
    blanks dropped) and the position of the cell it came from, in order."""
    lists = pc.split_pattern_regex(cells, _split_pattern(kind))
    parent = pc.list_parent_indices(lists).to_numpy()
    keep, text = _kept_values(pc.list_flatten(lists))
    return parent[keep], text


def _kept_values(values: pa.Array) -> tuple[np.ndarray[Any, Any], pa.Array]:
    """Which values are real (not blank, not a placeholder like ``-`` or ``无``), and
    those values trimmed."""
    text = pc.utf8_trim_whitespace(values.cast(pa.large_string()))
    blank = pc.or_kleene(
        pc.equal(text, ""), pc.is_in(pc.utf8_lower(text), value_set=_BLANK_SET)
    ).fill_null(True).to_numpy(zero_copy_only=False)
    keep = ~blank
    return keep, text.filter(pa.array(keep))


def split_values(obs: pd.DataFrame) -> pd.DataFrame:
    """Split cells holding several values into one row per value (vectorised in Arrow),
    dropping blanks and placeholders; rows keep their order."""
    raw = arrow_text(obs["raw"])
    kind = obs["kind"].astype("str").to_numpy(dtype=object)
    parents, values = [], []
    for name in pd.unique(kind):
        rows = np.flatnonzero(kind == name)
        parent, kept = _cell_values(raw.take(pa.array(rows)), str(name))
        parents.append(rows[parent])
        values.append(kept)
    if not parents:
        return obs
    parent = np.concatenate(parents)
    order = np.argsort(parent, kind="stable")
    return _with_raw(obs, parent[order], pa.concat_arrays(values).take(pa.array(order)))


def drop_blank(obs: pd.DataFrame) -> pd.DataFrame:
    """Strip values and drop blank ones and placeholders (``-``, ``N/A``, ``无``…)."""
    keep, text = _kept_values(arrow_text(obs["raw"]))
    return _with_raw(obs, np.flatnonzero(keep), text)


def arrow_text(column: pd.Series) -> pa.Array:
    """A text column as one Arrow array (pandas may hold it in chunks)."""
    array = pa.array(column.astype("str"))
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def shared_strings(column: pd.Series) -> np.ndarray[Any, Any]:
    """The column as Python strings (None where missing), one object per distinct value:
    a label repeated on a million rows is then one string, not a million (Arrow-backed
    text makes a new object per element; so does reading a CSV)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    names = np.asarray([str(u) for u in uniques] + [None], dtype=object)
    return names[codes]  # type: ignore[no-any-return]


def _with_raw(obs: pd.DataFrame, rows: np.ndarray[Any, Any], raw: pa.Array) -> pd.DataFrame:
    """The rows ``rows`` of ``obs`` (repeated as given) with ``raw`` as their values."""
    out = obs.iloc[rows].reset_index(drop=True)
    out["raw"] = raw.to_pandas(types_mapper=pd.ArrowDtype)
    return pd.DataFrame(out)


#: Identifier columns that repeat a few labels: categorical (a byte or two per row).
LABEL_COLUMNS: Final = ("kind", "source", "sheet", "column")


def finish_identifiers(obs: pd.DataFrame, table: RawTable) -> pd.DataFrame:
    """Add source/sheet/time, set the column types and order the columns."""
    n = len(obs)
    obs["source"] = labels(np.zeros(n, dtype=np.int8), [table.source])
    obs["sheet"] = (
        labels(np.zeros(n, dtype=np.int8), [table.sheet])
        if table.sheet is not None
        else labels(np.full(n, -1, dtype=np.int8), [])
    )
    for column in ("kind", "column"):
        if not isinstance(obs[column].dtype, pd.CategoricalDtype):
            obs[column] = obs[column].astype("category")
    obs["account"] = as_label(obs["account"])
    obs["raw"] = _as_text(obs["raw"])
    if "time" not in obs:
        obs["time"] = pd.Series(pd.NaT, index=obs.index, dtype=TIME_DTYPE)
    else:
        obs["time"] = to_utc(obs["time"])
    obs["row"] = obs["row"].astype("int32")  # 4 bytes a row, not 8 (13M rows at 1M accounts)
    return obs[list(PART_IDENTIFIER_COLUMNS)]


def labels(codes: np.ndarray[Any, Any], names: Any) -> pd.Categorical:
    """A categorical column from integer codes (−1: missing) and the names they stand for."""
    return pd.Categorical.from_codes(
        np.asarray(codes), categories=pd.Index(list(names), dtype="str")
    )


def as_label(column: pd.Series) -> pd.Series:
    """A column as a categorical of text labels (the account id repeats on every one of
    an account's identifier rows: a code each, not a string each)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        if column.cat.categories.dtype == "str":
            return column
        return column.cat.rename_categories(list(column.cat.categories.astype("str")))
    return column.astype("str").astype("category")


def _as_text(column: pd.Series) -> pd.Series:
    """A column as pandas' Arrow-backed text; a categorical one is decoded in Arrow
    (through Python objects it would take a pointer and a string per row)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        names = pa.array(column.cat.categories.astype("str"), pa.large_string())
        codes = pa.array(column.cat.codes.to_numpy(), mask=column.isna().to_numpy())
        return pd.Series(pd.array(names.take(codes), dtype="str"), index=column.index)
    return column.astype("str")


def empty_part_identifiers() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series([], dtype="object") for c in PART_IDENTIFIER_COLUMNS})
    frame["time"] = pd.Series([], dtype=TIME_DTYPE)
    frame["row"] = pd.Series([], dtype="int32")
    return frame


def account_rows(
    table: RawTable,
    account: np.ndarray[Any, Any],
    keep: BoolArray,
    hm: HeaderMap,
    *,
    from_name: bool | BoolArray,
    name: np.ndarray[Any, Any] | None = None,
) -> pd.DataFrame:
    """The accounts of a table, one row per account (first non-empty attribute wins)."""
    attrs: dict[str, Any] = {"account": account[keep]}
    for column, role in (("name", "account_name"), ("status", "status"),
                         ("marketplace", "marketplace")):
        headers = hm.columns(role)
        if column == "name" and name is not None:
            values = name
        elif headers:
            values = stripped(table.frame[headers[0]])
        else:
            values = np.full(len(account), None, dtype=object)
        attrs[column] = values[keep]
    attrs["from_name"] = (from_name[keep] if isinstance(from_name, np.ndarray)
                          else np.full(int(keep.sum()), from_name))
    frame = pd.DataFrame(attrs)
    frame["source"] = table.source
    for column in ("name", "status", "marketplace"):
        frame[column] = frame[column].where(frame[column].astype("str").str.strip() != "", None)
    frame = frame.groupby("account", sort=False, as_index=False).first()
    return frame[list(PART_ACCOUNT_COLUMNS)]


def column_problems(table: RawTable, hm: HeaderMap, used: set[str]) -> tuple[
    dict[str, str | None], list[Problem]
]:
    """The report's header → role map (None for unread columns) and why columns are unread."""
    problems = []
    for header in hm.unknown:
        problems.append(table.problem(
            "not recognised: ignored (map it with [columns] in --config)", column=header,
            severity="info"))
    for header, role in hm.roles.items():
        if role is not None and header not in used:
            problems.append(table.problem(
                f"looks like {role} but is not used in this table", column=header,
                severity="info"))
    roles = {h: (r if h in used else None) for h, r in hm.roles.items()}
    for header in table.secrets:
        roles.setdefault(header, None)
    return roles, problems
