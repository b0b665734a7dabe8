"""Login events (one row per login: account, time, IP, MAC, user agent) and the AdsPower
browser-profile list derived from them.

Besides each account's own logins, the log holds the evidence and the decoys that only
time can tell apart: two accounts of one operator on one office IP on the same day,
commercial proxy exits used by dozens of unrelated sellers on different days, a café's
IP used by two strangers months apart, and router or carrier-NAT addresses that loggers
record instead of the public one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from auditor.sample import names
from auditor.sample.columns import (
    BAD_TIME,
    CAFE,
    DECOY,
    DECOY_LABELS,
    KIND,
    PLACEHOLDER_MAC,
    PRIVATE_IP,
    PROXY_EXIT,
    coded,
    labelled,
)
from auditor.sample.contacts import Emails, Phones
from auditor.sample.network import Ips, Macs
from auditor.sample.strings import (
    BoolArray,
    IntArray,
    StrArray,
    T,
    cat,
    char_str,
    chunks,
    column,
    pick,
    strs,
)

#: The log covers 2025-01-01 to 2025-09-30 (UTC).
START: Final = int(np.datetime64("2025-01-01T00:00:00", "s").astype(np.int64))
DAYS: Final = 273
DAY: Final = 86_400
#: Loggers write Beijing time.
OFFSET: Final = 8 * 3600
#: Times that do not parse (a handful per log).
BAD_TIMES: Final = ("昨天 14:32", "2025-02-30 25:61", "2025/13/01 09:15")

_CODE: Final = {label: i for i, label in enumerate(DECOY_LABELS)}
_USER_AGENT_DTYPE: Final = pd.CategoricalDtype(list(names.USER_AGENTS))
#: Local (Beijing) dates of the log's days, and times of day, as ISO 8601 text.
_DATES: Final = np.datetime_as_string(
    np.datetime64("2025-01-01") + np.arange(DAYS + 1), unit="D").astype(T)
_CLOCK: Final = strs([f"T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}+08:00"
                      for s in range(DAY)])


@dataclass(frozen=True, slots=True)
class Decoys:
    """Accounts of planted network decoys: ``hubs[h]`` use proxy exit IP entity
    ``hub_ips[h]``; ``cafes[g]`` use café IP entity ``cafe_ips[g]``."""

    hub_ips: IntArray
    hubs: list[IntArray]
    cafe_ips: IntArray
    cafes: list[IntArray]
    private: IntArray


def login_events(rng: np.random.Generator, *, account_ids: StrArray, has_events: BoolArray,
                 ip_slots: IntArray, mac_slots: IntArray, ip_pairs: IntArray, ips: Ips,
                 macs: Macs, decoys: Decoys, account_dtype: pd.CategoricalDtype) -> pd.DataFrame:
    """The login log, sorted by time: account, time (UTC), time_text (as written), ip,
    ip_value, ip_entity, mac, mac_value, user_agent, decoy.

    Rows are kept as numbers (account, second, entity ids, decoy codes) until they are
    sorted; only then are they written as text.
    """
    n = len(account_ids)
    with_events = np.flatnonzero(has_events)
    acc = np.repeat(with_events, rng.integers(5, 21, len(with_events)))
    t = START + rng.integers(0, DAYS * DAY, len(acc))
    weights = np.array([0.6, 0.25, 0.15]) * (ip_slots[acc] >= 0)
    slot = (rng.random(len(acc))[:, None] * weights.sum(axis=1)[:, None]
            > np.cumsum(weights, axis=1)).sum(axis=1)
    ip = ip_slots[acc, np.minimum(slot, 2)]
    code = np.zeros(len(acc), dtype=np.int64)  # index into DECOY_LABELS

    # Same office IP, same day: the parent's primary address for each (child, parent).
    pairs = np.repeat(ip_pairs, rng.integers(1, 3, len(ip_pairs)), axis=0)
    day = START + rng.integers(0, DAYS, len(pairs)) * DAY
    t1 = day + rng.integers(3600, 14 * 3600, len(pairs))
    t2 = np.clip(t1 + rng.integers(-90 * 60, 90 * 60, len(pairs)), day + 1800, day + 15 * 3600)
    shared_ip = ip_slots[pairs[:, 1], 0]
    parts = [(acc, t, ip, code), (pairs[:, 0], t1, shared_ip, np.zeros(len(pairs), np.int64)),
             (pairs[:, 1], t2, shared_ip, np.zeros(len(pairs), np.int64))]
    for hub_ip, users in zip(decoys.hub_ips.tolist(), decoys.hubs, strict=True):
        days = rng.choice(DAYS, size=len(users), replace=False)
        parts.append((users, START + days * DAY + rng.integers(0, DAY, len(users)),
                      np.full(len(users), hub_ip), np.full(len(users), _CODE[PROXY_EXIT])))
    for cafe_ip, users in zip(decoys.cafe_ips.tolist(), decoys.cafes, strict=True):
        gaps = rng.integers(60, 91, len(users))
        first = int(rng.integers(0, DAYS - 91 * (len(users) - 1)))
        days = first + np.concatenate([[0], np.cumsum(gaps[1:])])
        parts.append((users, START + days * DAY + rng.integers(0, DAY, len(users)),
                      np.full(len(users), cafe_ip), np.full(len(users), _CODE[CAFE])))
    acc, t, ip, code = (np.concatenate(column_) for column_ in zip(*parts, strict=True))
    order = np.lexsort((acc, t))
    acc, t, ip, code = acc[order], t[order], ip[order], code[order]
    e = len(acc)

    # Router and carrier-NAT addresses instead of the public one, for some accounts.
    private = np.zeros(n, dtype=bool)
    private[decoys.private] = True
    private_row = private[acc] & (code == 0) & (rng.random(e) < 0.25)
    private_ip = rng.integers(0, len(names.NON_PUBLIC_IPS), e)
    ip = np.where(private_row, -1, ip)
    code[private_row] = _CODE[PRIVATE_IP]

    mac_pick = np.where((mac_slots[acc, 1] >= 0) & (rng.random(e) < 0.35), 1, 0)
    mac = np.where(rng.random(e) < 0.04, -1, mac_slots[acc, mac_pick])
    placeholder_acc = rng.random(n) < 0.03
    placeholder = placeholder_acc[acc] & (rng.random(e) < 0.2) & (code == 0)
    code[placeholder] = _CODE[PLACEHOLDER_MAC]
    # A few times nobody can parse: only on ordinary logins, so no evidence is lost.
    paired = np.zeros(n, dtype=bool)
    paired[ip_pairs.ravel()] = True
    candidates = np.flatnonzero((code == 0) & ~paired[acc])
    bad = rng.choice(candidates, size=min(3, len(candidates), max(1, n // 20)), replace=False)
    code[bad] = _CODE[BAD_TIME]

    style = rng.integers(0, 5, n)  # each account's logger writes MACs its own way
    which = rng.integers(0, len(names.PLACEHOLDER_MACS), e)
    ua_source = np.where(mac >= 0, mac, mac_slots[acc, 0])
    user_agent = (ua_source * 7 + 3) % len(names.USER_AGENTS)
    bad_text = pick(rng, BAD_TIMES, len(bad))
    text: dict[str, list[StrArray]] = {c: [] for c in ("time_text", "ip", "ip_value", "mac",
                                                       "mac_value")}
    for part in chunks(e):
        rows = np.arange(e)[part]
        for name, values in _event_text(rng, rows, acc, t, ip, mac, placeholder, private_row,
                                        private_ip, which, style, ips, macs).items():
            text[name].append(values)
    time_text = np.concatenate(text["time_text"]) if e else strs([])
    time_text[bad] = bad_text
    ns = (t * 1_000_000_000).astype("datetime64[ns]")
    ns[bad] = np.datetime64("NaT")
    return pd.DataFrame({
        "account": coded(acc, account_dtype),
        "time": pd.to_datetime(ns, utc=True),
        "time_text": column(time_text),
        "ip": column(text["ip"]),
        "ip_value": column(text["ip_value"]),
        "ip_entity": ip,
        "mac": column(text["mac"]),
        "mac_value": column(text["mac_value"]),
        "user_agent": pd.Categorical.from_codes(user_agent, dtype=_USER_AGENT_DTYPE),
        "decoy": coded(code, DECOY),
    })


def _event_text(rng: np.random.Generator, rows: IntArray, acc: IntArray, t: IntArray,
                ip: IntArray, mac: IntArray, placeholder: BoolArray, private_row: BoolArray,
                private_ip: IntArray, which: IntArray, style: IntArray, ips: Ips,
                macs: Macs) -> dict[str, StrArray]:
    """The text of the log rows ``rows``."""
    k = len(rows)
    acc, ip, mac = acc[rows], ip[rows], mac[rows]
    placeholder, private_row = placeholder[rows], private_row[rows]
    mac_text = np.full(k, "", dtype=T)
    mac_value = np.full(k, "", dtype=T)
    has_mac = (mac >= 0) & ~placeholder
    mac_text[has_mac] = macs.render(mac[has_mac], style[acc[has_mac]])
    mac_value[has_mac] = macs.canonical[mac[has_mac]]
    dummy = Macs(strs(names.PLACEHOLDER_MACS))
    mac_text[placeholder] = dummy.render(which[rows][placeholder], style[acc[placeholder]])
    mac_value[placeholder] = dummy.canonical[which[rows][placeholder]]
    has_ip = ip >= 0
    ip_text = np.where(private_row, strs(names.NON_PUBLIC_IPS)[private_ip[rows]], "").astype(T)
    ip_value = ip_text.copy()
    ip_text[has_ip] = ips.render(ip[has_ip], rng, "log")
    ip_value[has_ip] = ips.canonical[ip[has_ip]]
    local = t[rows] + OFFSET - START
    return {"time_text": cat(_DATES[local // DAY], _CLOCK[local % DAY]),
            "ip": ip_text, "ip_value": ip_value, "mac": mac_text, "mac_value": mac_value}


def adspower_profiles(rng: np.random.Generator, *, events: pd.DataFrame, account_ids: StrArray,
                      store_names: StrArray, marketplace: StrArray, multi: BoolArray,
                      email_ids: IntArray, emails: Emails, phone_ids: IntArray, phones: Phones,
                      primary_ip: IntArray, ips: Ips, account_dtype: pd.CategoricalDtype,
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """AdsPower's profile list for the accounts kept in AdsPower (most of the
    multi-account operators', some of the others'): one profile per account, named
    by the Seller ID, with the store name as remark and the last exit IP and open time
    of its latest login. Also returns the profiles' observations (account, kind, value,
    raw, entity, linking, decoy): the exit IP, an IP proxy host, the login."""
    n = len(account_ids)
    # Each account's latest login with a public IP (the first such row, if several).
    account = events["account"].cat.codes.to_numpy().astype(np.int64)
    seconds = (events["time"].dt.tz_localize(None).to_numpy().astype("datetime64[s]")
               .astype(np.int64))
    usable = np.flatnonzero((events["ip_entity"].to_numpy() >= 0)
                            & events["time"].notna().to_numpy())
    latest = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(latest, account[usable], seconds[usable])
    at_latest = usable[seconds[usable] == latest[account[usable]]]
    last_row = np.full(n, len(events))
    np.minimum.at(last_row, account[at_latest], at_latest)
    has_login = last_row < len(events)
    kept = has_login & (rng.random(n) < np.where(multi, 0.7, 0.3))
    kept_rows = np.flatnonzero(kept)
    k = len(kept_rows)
    last = events.iloc[last_row[kept_rows]]
    market = {m[0]: m for m in names.MARKETPLACES}
    group = strs([market[str(m)][2] for m in marketplace[kept_rows]])
    group = np.where(rng.random(k) < 0.15, "未分组", group)
    domain = strs([market[str(m)][4] for m in marketplace[kept_rows]])
    use_phone = rng.random(k) < 0.12
    username = np.where(use_phone, phones.render(phone_ids[kept_rows], rng, "log"),
                        emails.render(email_ids[kept_rows], rng, "log"))
    gateway = (ips.v4[primary_ip[kept_rows]] < 0) | (rng.random(k) < 0.25)
    host = np.where(gateway, pick(rng, names.PROXY_GATEWAYS, k),
                    ips.canonical[primary_ip[kept_rows]])
    alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
    user_id = _distinct_codes(rng, k, 6, alnum)
    frame = pd.DataFrame({
        "user_id": cat("j", user_id).astype(object),
        "serial_number": (rng.permutation(k) + 1).astype(str).astype(object),
        "name": account_ids[kept_rows].astype(object),
        "group_name": group.astype(object),
        "ip": last["ip"].to_numpy(dtype=object),
        "ip_country": ips.country[last["ip_entity"].to_numpy()].astype(object),
        "domain_name": domain.astype(object),
        "username": username.astype(object),
        "password": _secrets(rng, k, 10, 16, alnum + alnum.upper() + "!@#$%&*").astype(object),
        "fakey": _secrets(rng, k, 32, 32, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").astype(object),
        "remark": store_names[kept_rows].astype(object),
        "proxy_soft": "other",
        "proxy_type": pick(rng, ["socks5", "http", "https"], k, (0.5, 0.35, 0.15)).astype(object),
        "proxy_host": host.astype(object),
        "proxy_port": pick(rng, ["1080", "7777", "8000", "9000", "12321", "443"], k)
        .astype(object),
        "proxy_user": np.where(rng.random(k) < 0.5, cat("user-", _secrets(rng, k, 8, 8, alnum)),
                               cat("sp", _secrets(rng, k, 8, 8, "0123456789"))).astype(object),
        "proxy_password": _secrets(rng, k, 12, 12, alnum + alnum.upper()).astype(object),
        "last_open_time": ((last["time"] - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1))
        .astype(str).to_numpy(dtype=object),
    })
    frame = frame.sort_values("serial_number", key=lambda s: s.astype(int))
    email_ids, phone_ids = email_ids[kept_rows], phone_ids[kept_rows]
    primary = primary_ip[kept_rows]
    exit_decoy = last["decoy"].astype(str).to_numpy()
    exit_decoy = np.where(np.isin(exit_decoy, [PROXY_EXIT, CAFE]), exit_decoy, "")
    proxied = kept_rows[~gateway]
    observations = pd.DataFrame({
        "account": coded(np.concatenate([kept_rows, proxied, kept_rows]), account_dtype),
        "kind": labelled(np.concatenate([strs(["ip"] * (k + len(proxied))),
                                         np.where(use_phone, "phone", "email").astype(T)]),
                         2 * k + len(proxied), KIND),
        "value": column([strs(last["ip_value"].to_numpy(dtype=object)),
                         ips.canonical[primary[~gateway]],
                         np.where(use_phone, phones.canonical[phone_ids],
                                  emails.value(email_ids))]),
        "raw": column([strs(last["ip"].to_numpy(dtype=object)), host[~gateway], username]),
        "entity": np.concatenate([last["ip_entity"].to_numpy(), primary[~gateway],
                                  np.where(use_phone, phone_ids, email_ids)]),
        "linking": True,
        "decoy": labelled(np.concatenate([strs(exit_decoy), strs([""] * (len(proxied) + k))]),
                          2 * k + len(proxied), DECOY),
    })
    return frame.reset_index(drop=True), observations


def _secrets(rng: np.random.Generator, n: int, low: int, high: int, alphabet: str) -> StrArray:
    codes = rng.integers(0, len(alphabet), (n, high))
    text = char_str(codes, alphabet)
    return np.strings.slice(text, 0, rng.integers(low, high + 1, n))


def _distinct_codes(rng: np.random.Generator, n: int, width: int, alphabet: str) -> StrArray:
    codes = char_str(rng.integers(0, len(alphabet), (n, width)), alphabet)
    while True:
        dup = np.flatnonzero(pd.Series(codes.astype(object)).duplicated().to_numpy())
        if not len(dup):
            return codes
        codes[dup] = char_str(rng.integers(0, len(alphabet), (len(dup), width)), alphabet)


__all__ = ["Decoys", "adspower_profiles", "login_events"]
