"""AdsPower's browser-profile list (``/api/v1/user/list`` JSON or an export of it).

Recognised without configuration by its fields (``user_id`` with ``serial_number`` or
``user_proxy_config``). Each profile is a set of observations of one account:

- **account**: the profile ``name`` — sellers name a profile after the store — or, for
  an unnamed profile, its ``serial_number``, else its ``user_id``. A name that is
  exactly the name of one account of another input (or its id) is that account (see
  :func:`auditor.ingest.merge.merge_parts`); the profile name becomes the account name.
- ``ip`` (the last exit IP AdsPower saw) → ip;
- ``user_proxy_config.proxy_host`` → ip when it is an IP address; a hostname is not
  an identifier auditor links by, so it is skipped with an info problem;
- ``username`` (the store login) → email when it looks like one, phone when it looks
  like a phone number, else skipped with an info problem;
- ``last_open_time`` (Unix seconds, or a date string; ``0`` = never opened) → the time
  of every observation of the profile.

``password``, ``fakey`` (the 2FA key), ``user_proxy_config.proxy_password`` and any
field named like a password, token, cookie or secret are dropped as the file is read
(:mod:`auditor.ingest.readers`): they are never stored and never printed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd

from auditor.ingest.common import (
    Part,
    account_rows,
    empty_part_identifiers,
    finish_identifiers,
    nonblank,
    row_problems,
    split_values,
    stripped,
)
from auditor.ingest.dataset import FileReport
from auditor.ingest.headers import HeaderMap
from auditor.ingest.readers import RawTable
from auditor.ingest.times import parse_times

PROXY_HOST: Final = "user_proxy_config.proxy_host"
_EMAIL: Final = r"[^@\s]+@[^@\s]+\.[^@\s]+"
_PHONE: Final = r"\+?[\d\s\-()]{7,20}"


def is_adspower(columns: Iterable[str]) -> bool:
    """Whether a table's columns are AdsPower's profile fields."""
    names = set(columns)
    return "user_id" in names and (
        "serial_number" in names or any(c.startswith("user_proxy_config.") for c in names)
    )


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def read_adspower(table: RawTable) -> Part:
    """Accounts and observations of an AdsPower profile list."""
    frame = table.frame
    n = len(frame)

    def column(name: str) -> np.ndarray:  # type: ignore[type-arg]
        return stripped(frame[name]) if name in frame else np.full(n, "", dtype=object)

    name, serial, user_id = column("name"), column("serial_number"), column("user_id")
    account = np.where(name != "", name, np.where(serial != "", serial, user_id))
    keep = account != ""
    problems = row_problems(table, ~keep & (frame != "").to_numpy().any(axis=1),
                            "profile has no name, serial_number or user_id: skipped")
    times = None
    if "last_open_time" in frame:
        opened = frame["last_open_time"].astype("str").str.strip()
        opened = opened.where(~opened.isin(["0", "0.0"]), "")
        times = parse_times(opened)
        bad = keep & nonblank(opened) & times.isna().to_numpy(dtype=bool)
        problems += row_problems(
            table, bad, lambda v: f"{v!r} is not a time (profile kept without a time)",
            column="last_open_time", cells=opened)

    used = {"name", "serial_number", "user_id"} & set(frame.columns)
    pieces: list[pd.DataFrame] = []

    def add(mask: np.ndarray, kind: str, values: np.ndarray, header: str) -> None:  # type: ignore[type-arg]
        mask = keep & mask
        if mask.any():
            piece = pd.DataFrame({"account": account[mask], "kind": kind, "raw": values[mask],
                                  "row": table.rows[mask], "column": header})
            if times is not None:
                piece["time"] = times.array[mask]
            pieces.append(piece)
        used.add(header)

    if "ip" in frame:
        ip = column("ip")
        add(ip != "", "ip", ip, "ip")
    if PROXY_HOST in frame:
        host = column(PROXY_HOST)
        codes, uniques = pd.factorize(host)
        host_is_ip = np.array([_is_ip(str(u)) for u in uniques] + [False])[codes]
        add(host_is_ip, "ip", host, PROXY_HOST)
        for value in sorted(set(host[keep & (host != "") & ~host_is_ip])):
            problems.append(table.problem(
                f"proxy host {value!r} is a hostname, not an IP address: not used",
                column=PROXY_HOST, severity="info"))
    if "username" in frame:
        username = frame["username"].astype("str").str.strip()
        email = username.str.fullmatch(_EMAIL).to_numpy(dtype=bool)
        phone = ~email & username.str.fullmatch(_PHONE).to_numpy(dtype=bool)
        values = username.to_numpy(dtype=object)
        add(email, "email", values, "username")
        add(phone, "phone", values, "username")
        other = int((keep & (values != "") & ~email & ~phone).sum())
        if other:
            problems.append(table.problem(
                f"{other} username(s) are neither an email nor a phone number: not used",
                column="username", severity="info"))
    if times is not None:
        used.add("last_open_time")

    identifiers = (finish_identifiers(split_values(pd.concat(pieces, ignore_index=True)), table)
                   if pieces else empty_part_identifiers())
    # The profile's remark usually holds the store name; the profile name is often the
    # seller id itself, which says nothing as a display name.
    remark = column("remark")
    none = np.full(n, None, dtype=object)
    display = np.where(remark != "", remark, np.where(name != "", name, none))
    accounts = account_rows(table, account, keep, HeaderMap(), from_name=name != "",
                            name=display)
    roles: dict[str, str | None] = {}
    for header in frame.columns:
        h = str(header)
        roles[h] = _ROLE.get(h) if h in used else None
    for header in table.secrets:
        roles[header] = None
    unused = [h for h, r in roles.items() if r is None and h not in table.secrets]
    if unused:
        problems.insert(0, table.problem(f"AdsPower fields not used: {', '.join(unused)}",
                                         severity="info"))
    report = FileReport(
        path=str(table.file.path), sheet=table.sheet, rows=int(keep.sum()), columns=roles,
        form="adspower", source=table.source, encoding=table.encoding, accounts=len(accounts),
    )
    return Part(report, accounts, identifiers, problems)


_ROLE: Final[dict[str, str]] = {
    "name": "account_id",
    "serial_number": "account_id",
    "user_id": "account_id",
    "ip": "ip",
    PROXY_HOST: "ip",
    "username": "email",
    "last_open_time": "time",
}
