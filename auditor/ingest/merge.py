"""Merging what every table contributed into one accounts table and one identifier table.

- An account found in several files (or sheets) is one account: its name, status and
  marketplace are the first non-empty ones in input order (arguments in the order
  given, a folder's files by name, a workbook's sheets in workbook order).
- Accounts whose id is only a *name* (AdsPower profiles, tables without an id column)
  are matched to the one account of another input with that exact name (compared
  NFKC, case- and space-insensitively). An ambiguous name stays as it is, with a warning.
- The accounts table lists accounts in order of first appearance.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd

from auditor.ingest.common import LABEL_COLUMNS, Part, as_label, labels, shared_strings
from auditor.result import Problem
from auditor.tables import (
    ACCOUNT_COLUMNS,
    IDENTIFIER_COLUMNS,
    NORMALISED_COLUMNS,
    empty_accounts,
    empty_identifiers,
)


def _name_key(text: object) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).lower().split())


def _resolve_names(accounts: pd.DataFrame) -> tuple[dict[str, str], list[Problem]]:
    """Map name-ids to the account ids of other inputs with that name."""
    from_name = accounts["from_name"].astype(bool)
    if not from_name.any():
        return {}, []
    real = accounts[~from_name]
    named = real[real["name"].notna()]
    wanted = {_name_key(a) for a in accounts.loc[from_name, "account"]}
    keys = (named["name"].astype("str").str.normalize("NFKC").str.lower()
            .str.replace(r"\s+", "", regex=True))
    by_name: dict[str, list[str]] = {}
    hits = keys.isin(wanted).to_numpy(dtype=bool)
    for key, account in zip(keys[hits], named["account"][hits], strict=True):
        ids = by_name.setdefault(key, [])
        if account not in ids:
            ids.append(account)
    real_ids = set(real["account"])
    remap: dict[str, str] = {}
    problems: list[Problem] = []
    guesses = accounts[from_name].drop_duplicates("account")
    matched: dict[str, list[str]] = {}
    for account, source in zip(guesses["account"], guesses["source"], strict=True):
        if account in real_ids:
            continue
        ids = by_name.get(_name_key(account), [])
        if len(ids) == 1:
            remap[account] = ids[0]
            matched.setdefault(source, []).append(f"{account!r} → {ids[0]}")
        elif len(ids) > 1:
            problems.append(Problem(
                source, f"account name {account!r} is the name of several accounts "
                f"({', '.join(ids)}); kept as its own account", severity="warning"))
    for source, pairs in matched.items():
        shown = ", ".join(pairs[:3]) + (f" and {len(pairs) - 3} more" if len(pairs) > 3 else "")
        problems.append(Problem(
            source, f"{len(pairs)} account name(s) matched to account ids by name: {shown}",
            severity="info"))
    return remap, problems


def merge_parts(parts: Sequence[Part]) -> tuple[
    pd.DataFrame, pd.DataFrame, dict[str, list[str]], list[Problem]
]:
    """The accounts table, the identifier table, accounts merged from several places,
    and problems from matching names."""
    if not parts:
        return empty_accounts(), empty_identifiers(), {}, []
    accounts = pd.concat(
        [p.accounts.assign(where=_where(p)) for p in parts], ignore_index=True
    )
    remap, problems = _resolve_names(accounts)
    frames = _same_categories(
        [p.identifiers for p in parts if len(p.identifiers)], ("account", *LABEL_COLUMNS)
    )
    identifiers = (pd.concat(frames, ignore_index=True) if frames
                   else empty_identifiers()[list(parts[0].identifiers.columns)])
    if remap:
        accounts["account"] = accounts["account"].replace(remap)
        identifiers["account"] = identifiers["account"].astype("str").replace(remap)
    identifiers["account"] = as_label(identifiers["account"])

    places = accounts[["account", "where"]].drop_duplicates()
    counts = places["account"].value_counts(sort=False)
    several = places[places["account"].map(counts) > 1]
    merged: dict[str, list[str]] = {}
    for account, place in zip(several["account"], several["where"], strict=True):
        merged.setdefault(str(account), []).append(str(place))

    # A "name" that is just the account id again (AdsPower profiles named after the
    # seller id) gives way to a real store name from any other input.
    table = accounts.groupby("account", sort=False, as_index=False).first()
    id_like = accounts["name"].astype("str") == accounts["account"].astype("str")
    real_names = accounts[~id_like].groupby("account", sort=False)["name"].first()
    better = table["account"].map(real_names)
    table["name"] = better.where(better.notna(), table["name"])
    table = table[list(ACCOUNT_COLUMNS)].astype("object")
    table = table.where(table.notna(), None)
    for column in ("status", "marketplace", "source"):
        # A million accounts' "Active": one string, not a million (60 MB a column).
        table[column] = pd.Series(shared_strings(table[column]), index=table.index, dtype=object)

    for column in LABEL_COLUMNS:  # parts with different labels concatenate as objects
        if not isinstance(identifiers[column].dtype, pd.CategoricalDtype):
            identifiers[column] = identifiers[column].astype("category")
    # Placeholders until normalising fills them: all-missing categoricals (a byte a row).
    nothing = np.full(len(identifiers), -1, dtype=np.int8)
    for column in NORMALISED_COLUMNS:
        identifiers[column] = labels(nothing, [])
    return table.reset_index(drop=True), identifiers[list(IDENTIFIER_COLUMNS)], merged, problems


def _same_categories(frames: list[pd.DataFrame], columns: Sequence[str]) -> list[pd.DataFrame]:
    """The frames with each categorical column given the union of their categories, so
    that concatenating keeps it categorical (pandas makes mismatched ones objects: a
    Python string per row)."""
    if len(frames) < 2:
        return frames
    for column in columns:
        if not all(isinstance(f[column].dtype, pd.CategoricalDtype) for f in frames):
            continue
        union = pd.Index(
            sorted({str(c) for f in frames for c in f[column].cat.categories}), dtype="str"
        )
        frames = [
            f.assign(**{column: f[column].cat.set_categories(union)}) for f in frames
        ]
    return frames


def _where(part: Part) -> str:
    report = part.report
    return f"{report.source}, sheet {report.sheet}" if report.sheet else report.source
