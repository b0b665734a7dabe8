"""Synthetic seller data with ground truth: :func:`generate`.

Every random choice comes from a stream seeded by ``(seed, part)``, so one seed gives
the same data on every run and machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from auditor.errors import UsageError
from auditor.sample import names
from auditor.sample.addresses import make_addresses, put_in_shared_building
from auditor.sample.cells import account_sheet
from auditor.sample.columns import (
    ADSPOWER_FILE,
    CSV_FILE,
    FILE,
    MASKED,
    PLACEHOLDER,
    PLACEHOLDER_MAC,
    PRIVATE_IP,
    PROXY_EXIT,
    SHEET,
    XLSX_FILE,
    account_type,
    labelled,
)
from auditor.sample.companies import CN, US, make_companies, plant_lookalikes
from auditor.sample.contacts import make_emails, make_phones
from auditor.sample.events import Decoys, adspower_profiles, login_events
from auditor.sample.network import Ips, make_ips, make_macs, same_subnet
from auditor.sample.operators import (
    accounts_of_distinct_operators,
    groups_of_distinct_operators,
    make_operators,
    propagate,
)
from auditor.sample.payments import make_banks, make_cards, same_last4
from auditor.sample.people import give_common_names, make_chinese, make_persons
from auditor.sample.strings import (
    BoolArray,
    IntArray,
    StrArray,
    T,
    cat,
    char_str,
    choice,
    chunks,
    distinct,
    pick,
    stream,
    strs,
    title,
)
from auditor.sample.truth import decoy_table, truth_table
from auditor.sample.world import Extra, World

#: At most this many accounts go into the workbook (writing XLSX is slow); the rest
#: are in accounts.csv.
MAX_XLSX_ROWS: Final = 2000

#: Chance that an account's cell of a kind is empty, unless the account needs it to
#: show a value it shares with its operator's other accounts.
BLANK: Final = {
    "bank": 0.04, "card": 0.12, "tax_id": 0.08, "id_number": 0.35, "mac": 0.25,
    "phone": 0.02, "ip": 0.05, "address": 0.02,
}
PLACEHOLDERS: Final = {
    "bank": ("无", "n/a", "-"), "card": ("无", "N/A", "-", "暂无"),
    "tax_id": ("无", "n/a", "N/A"), "id_number": ("无", "-", "/"),
    "mac": ("00:00:00:00:00:00", "无"), "phone": ("无", "00000000000", "13800000000", "n/a"),
    "ip": ("无", "-"), "address": ("同上", "无"),
}
_STATUS_SINGLE: Final = (0.93, 0.04, 0.02, 0.01)
_STATUS_MULTI: Final = (0.82, 0.11, 0.05, 0.02)


@dataclass(frozen=True, slots=True)
class SampleData:
    """A generated sample: the tables written to files, and the truth behind them.

    - ``accounts``: account, name, status, marketplace, operator, files.
    - ``identifiers``: every value in the account sheets and the AdsPower list —
      account, kind, value (the generator's canonical value; "" for placeholders and
      typos), raw (as written), file, sheet, entity, linking (False for values that say
      nothing: placeholders, private IPs, masked cards, typos), decoy (why a value must
      not link accounts by itself, or "").
    - ``events``: the login log — account, time (UTC; NaT where the text does not
      parse), time_text, ip, ip_value, ip_entity, mac, mac_value, user_agent, decoy.
    - ``profiles``: the AdsPower profile list, proxy fields flattened.
    - ``truth``: account, operator, operator_accounts, status, linked_by (strong kinds
      shared with the operator's other accounts), also_shared (weak ones).
    - ``decoys``: decoy, kind, value, account, operator — values that unrelated
      accounts share without being run together.
    - ``csv``, ``workbook``: the account sheets as written (workbook: sheet → table).
    """

    seed: int
    accounts: pd.DataFrame
    identifiers: pd.DataFrame
    events: pd.DataFrame
    profiles: pd.DataFrame
    truth: pd.DataFrame
    decoys: pd.DataFrame
    csv: pd.DataFrame
    workbook: dict[str, pd.DataFrame]


def generate(accounts: int, seed: int = 0) -> SampleData:
    """Generate ``accounts`` seller accounts run by operators, with ground truth.

    >>> data = generate(60, seed=7)
    >>> len(data.truth), data.truth["operator"].nunique() < 60
    (60, True)
    """
    if accounts < 1:
        raise UsageError(f"--accounts must be at least 1 (got {accounts})")
    world = _world(int(accounts), int(seed))
    assert world.shared is not None and world.decoys is not None
    csv, workbook, observations = _sheets(world, stream(seed, "sheets"))
    events = login_events(
        stream(seed, "events"), account_ids=world.account_ids, has_events=_has_events(world),
        ip_slots=world.slots["ip"], mac_slots=world.slots["mac"],
        ip_pairs=world.shared.ip_pairs, ips=world.ips, macs=world.macs, decoys=world.decoys,
        account_dtype=world.account_dtype,
    )
    profiles, profile_obs = adspower_profiles(
        stream(seed, "adspower"), events=events, account_ids=world.account_ids,
        store_names=world.store_names, marketplace=world.marketplace,
        multi=world.ops.account_size > 1, email_ids=world.slots["email"][:, 0],
        emails=world.emails, phone_ids=world.slots["phone"][:, 0], phones=world.phones,
        primary_ip=world.slots["ip"][:, 0], ips=world.ips, account_dtype=world.account_dtype,
    )
    profile_obs["file"] = labelled(ADSPOWER_FILE, len(profile_obs), FILE)
    profile_obs["sheet"] = labelled("", len(profile_obs), SHEET)
    identifiers = pd.concat([*observations, profile_obs], ignore_index=True)[
        ["account", "kind", "value", "raw", "file", "sheet", "entity", "linking", "decoy"]]
    accounts_table = _accounts_table(world)
    truth = truth_table(world, accounts_table, identifiers, events)
    decoys = decoy_table(world, accounts_table, identifiers, events)
    return SampleData(int(seed), accounts_table, identifiers, events, profiles, truth, decoys,
                      csv, workbook)


def _sheets(world: World, rng: np.random.Generator) -> tuple[
        pd.DataFrame, dict[str, pd.DataFrame], list[pd.DataFrame]]:
    """accounts.csv, the workbook's sheets, and the observations behind their cells."""
    csv_rows = np.flatnonzero(world.in_csv)
    csv_rows = csv_rows[rng.permutation(len(csv_rows))]
    pieces = [account_sheet(world, csv_rows[part], "csv", rng) for part in chunks(len(csv_rows))]
    csv = pd.concat([p[0] for p in pieces], ignore_index=True)
    csv_obs = pd.concat([p[1] for p in pieces], ignore_index=True)
    csv_obs["file"] = labelled(CSV_FILE, len(csv_obs), FILE)
    csv_obs["sheet"] = labelled("", len(csv_obs), SHEET)
    workbook: dict[str, pd.DataFrame] = {}
    observations = [csv_obs]
    xlsx_rows = np.flatnonzero(world.in_xlsx)
    xlsx_rows = xlsx_rows[rng.permutation(len(xlsx_rows))]
    region = {m[0]: m[3] for m in names.MARKETPLACES}
    sheet_of = np.array([region[str(m)] for m in world.marketplace[xlsx_rows].tolist()])
    for sheet in dict.fromkeys(m[3] for m in names.MARKETPLACES):
        rows = xlsx_rows[sheet_of == sheet]
        if len(rows) == 0:
            continue
        table, obs = account_sheet(world, rows, "xlsx", rng)
        obs["file"] = labelled(XLSX_FILE, len(obs), FILE)
        obs["sheet"] = labelled(sheet, len(obs), SHEET)
        workbook[sheet] = table
        observations.append(obs)
    csv = _with_blank_row(csv, rng)
    first = next(iter(workbook))
    workbook[first] = _with_blank_row(workbook[first], rng)
    return csv, workbook, observations


def _world(n: int, seed: int) -> World:
    ops = make_operators(stream(seed, "operators"), n)
    rng = stream(seed, "accounts")
    account_ids = _seller_ids(rng, n)
    market = pick(rng, [m[0] for m in names.MARKETPLACES], n, [m[1] for m in names.MARKETPLACES])
    multi = ops.account_size > 1
    status = np.where(multi, choice(rng, 4, n, _STATUS_MULTI), choice(rng, 4, n, _STATUS_SINGLE))
    in_csv, in_xlsx = _files(rng, n)

    persons = make_persons(stream(seed, "persons"), n, latin_share=0.06)
    companies = make_companies(stream(seed, "companies"), market)
    store_names = _store_names(rng, ops.start[ops.of], ops.account_size, companies.brand_py,
                               market)
    addresses = make_addresses(stream(seed, "addresses"), companies.country)
    twice = np.concatenate([np.arange(n), np.arange(n)])
    emails = make_emails(stream(seed, "emails"), persons.family[twice], persons.given[twice],
                         companies.brand_py[twice],
                         strs([i[2] for i in names.INDUSTRIES])[companies.industry[twice]])
    r = stream(seed, "phones")
    us_phone = ((companies.country[twice] == US) & (r.random(2 * n) < 0.5)) | (
        r.random(2 * n) < 0.02)
    phones = make_phones(r, us_phone)
    banks = make_banks(stream(seed, "banks"), np.isin(market, list(names.EU_MARKETPLACES)))
    cards = make_cards(stream(seed, "cards"), n)
    macs = make_macs(stream(seed, "macs"), 2 * n)
    rd = stream(seed, "decoys")
    hub_count = max(2, n // 2000)
    cafe_count = max(2, n // 250)
    ips = _ips(stream(seed, "ips"), market, hub_count, cafe_count)
    world = World(seed, ops, account_ids, store_names, status, market, in_csv, in_xlsx, persons,
                  companies, addresses, emails, phones, banks, cards, macs, ips,
                  _slots(stream(seed, "slots"), n), account_dtype=account_type(account_ids))

    # Decoys are planted on the operators' first accounts, whose own values are never
    # replaced by another account's; then operators share.
    root = ops.local == 0
    han = root & ~persons.latin
    give_common_names(persons, accounts_of_distinct_operators(rd, ops, max(4, n // 40), han), rd)
    buildings = rd.integers(2, 5, max(2, n // 300)).tolist()
    for building, group in enumerate(groups_of_distinct_operators(rd, ops, buildings, root)):
        put_in_shared_building(addresses, group, rd, building=building)
    world.lookalikes = plant_lookalikes(
        companies, _pairs(rd, world, max(2, n // 200), root & (companies.country == CN)), rd)
    pairs = _pairs(rd, world, max(2, n // 200), root)
    same_last4(cards, pairs[:, 0], pairs[:, 1])
    pairs = _pairs(rd, world, max(2, n // 150), root & (ips.v4[:n] >= 0))
    same_subnet(ips, pairs[:, 0], pairs[:, 1], rd)
    hub_size = np.minimum(rd.integers(20, 61, hub_count), max(3, n // 4))
    world.decoys = Decoys(
        hub_ips=np.arange(2 * n, 2 * n + hub_count),
        hubs=groups_of_distinct_operators(rd, ops, hub_size.tolist()),
        cafe_ips=np.arange(2 * n + hub_count, 2 * n + hub_count + cafe_count),
        cafes=groups_of_distinct_operators(rd, ops, rd.integers(2, 4, cafe_count).tolist()),
        private=np.flatnonzero(rd.random(n) < 0.15),
    )
    world.shared = propagate(stream(seed, "links"), ops, world.slots)
    _cells(world, stream(seed, "cells"))
    # A Chinese company's legal representative is nearly always a Chinese citizen.
    foreign = np.flatnonzero(persons.latin & (companies.country == CN))
    owners = stream(seed, "owners")
    make_chinese(persons, foreign[owners.random(len(foreign)) < 0.85], owners)
    return world


def _pairs(rng: np.random.Generator, world: World, k: int,
           eligible: BoolArray | None = None) -> IntArray:
    """Up to ``k`` pairs of accounts, all of different operators."""
    picked = accounts_of_distinct_operators(rng, world.ops, 2 * k, eligible)
    return picked[: len(picked) // 2 * 2].reshape(-1, 2)


def _seller_ids(rng: np.random.Generator, n: int) -> StrArray:
    """Amazon merchant tokens: ``A`` and 12 or 13 capitals and digits."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    def draw(r: np.random.Generator, rows: IntArray) -> StrArray:
        body = char_str(r.integers(0, len(alphabet), (len(rows), 13)), alphabet)
        return cat("A", np.strings.slice(body, 0, r.integers(12, 14, len(rows))))

    return distinct(rng, draw, n)


def _files(rng: np.random.Generator, n: int) -> tuple[BoolArray, BoolArray]:
    """Which accounts are in accounts.csv and which in the workbook: about 40% in the
    workbook (at most :data:`MAX_XLSX_ROWS`), a few in both."""
    only_xlsx = min(round(0.4 * n), MAX_XLSX_ROWS, n - 1)
    both = min(max(1, n // 50), 50, n - only_xlsx)
    order = rng.permutation(n)
    in_xlsx = np.zeros(n, dtype=bool)
    in_xlsx[order[: only_xlsx + both]] = True
    in_csv = np.ones(n, dtype=bool)
    in_csv[order[:only_xlsx]] = False
    return in_csv, in_xlsx


def _store_names(rng: np.random.Generator, root: IntArray, size: IntArray, brand: StrArray,
                 market: StrArray) -> StrArray:
    """Storefront names: the company's trade name, an invented brand (KEDSUM, Zorvimo),
    or two English words; some operators give all their stores one stem."""
    n = len(root)
    letters = "bcdfghjklmnprstvzaeiou"
    codes = np.where(np.arange(7) % 2 == 0, rng.integers(0, 17, (n, 7)),
                     rng.integers(17, 22, (n, 7)))
    invented = np.strings.slice(char_str(codes, letters), 0, rng.integers(5, 8, n))
    invented = np.where(rng.random(n) < 0.6, np.strings.upper(invented), title(invented))
    suffix = pick(rng, names.STORE_SUFFIXES, n)
    brand_forms = choice(rng, 4, n, (0.3, 0.3, 0.2, 0.2))
    branded = np.where(brand_forms == 0, brand,
                       np.where(brand_forms == 1, cat(brand, "-", market),
                                np.where(brand_forms == 2,
                                         cat(np.strings.upper(brand), " ", suffix),
                                         cat(brand, " ", suffix))))
    words = cat(pick(rng, names.STORE_WORDS_A, n), " ", pick(rng, names.STORE_WORDS_B, n))
    style = choice(rng, 3, n, (0.35, 0.45, 0.2))
    own = np.where(style == 0, branded, np.where(style == 1, invented, words))
    stem = (size > 1) & (rng.random(n) < 0.3)[root]
    stemmed = np.where(rng.random(n) < 0.6, cat(invented[root], "-", market),
                       cat(invented[root], " ", suffix))
    return np.where(stem, stemmed, own)


def _ips(rng: np.random.Generator, market: StrArray, hubs: int, cafes: int) -> Ips:
    """IP entities: each account's primary (0…n-1) and secondary (n…2n-1) addresses, then
    the proxy exits and the cafés."""
    n = len(market)
    known = set(names.IPV4_BLOCKS)
    home = strs([m[5] if m[5] in known else "us" for m in names.MARKETPLACES])[
        np.array([[m[0] for m in names.MARKETPLACES].index(str(x)) for x in market.tolist()],
                 dtype=np.int64)] if n else strs([])
    u = rng.random(2 * n)
    country = np.where(u < np.r_[np.full(n, 0.45), np.full(n, 0.5)], "cn",
                       np.concatenate([home, home])).astype(T)
    r6 = rng.random(2 * n)
    v6 = ((country == "cn") & (r6 < np.r_[np.full(n, 0.1), np.full(n, 0.2)])) | (
        (country == "us") & (r6 < 0.05))
    country = np.concatenate([country, strs(["us"] * hubs), strs(["cn"] * cafes)])
    v6 = np.concatenate([v6, np.zeros(hubs + cafes, dtype=bool)])
    proxy = np.concatenate([np.zeros(2 * n, dtype=bool), np.ones(hubs, dtype=bool),
                            np.zeros(cafes, dtype=bool)])
    return make_ips(rng, country, v6, proxy)


def _slots(rng: np.random.Generator, n: int) -> dict[str, IntArray]:
    """Each account's own entity per kind and slot (-1: no such value)."""
    own = np.arange(n)

    def second(p: float) -> IntArray:
        return np.where(rng.random(n) < p, own + n, -1)

    return {
        "email": np.column_stack([own, second(0.3)]),
        "phone": np.column_stack([own, second(0.12)]),
        "mac": np.column_stack([own, second(0.35)]),
        "ip": np.column_stack([own, second(0.5), np.full(n, -1)]),
        **{kind: own[:, None].copy()
           for kind in ("bank", "card", "company", "person", "address")},
    }


def _cells(world: World, rng: np.random.Generator) -> None:
    """Decide what the account sheets leave out and what they add: empty cells and
    placeholders, private IPs, proxy exits, masked cards, a few email typos."""
    n = len(world.account_ids)
    assert world.shared is not None and world.decoys is not None
    shown = world.shared.shown
    for kind, p in BLANK.items():
        blank = rng.random(n) < p
        if kind in shown:
            blank &= ~shown[kind]
        world.blank[kind] = blank
        world.placeholder[kind] = np.where(blank & (rng.random(n) < 0.3),
                                           pick(rng, PLACEHOLDERS[kind], n), "").astype(T)
    ip = world.slots["ip"]
    world.ip_shown = (ip >= 0) & (rng.random(ip.shape) < np.array([1.0, 0.5, 0.5]))
    candidates = np.flatnonzero((world.slots["email"][:, 1] < 0) & ~shown["email"])
    typos = rng.choice(candidates, size=min(3, max(1, n // 20), len(candidates)), replace=False)
    world.invalid_email = np.isin(np.arange(n), typos)

    def extra(mask: BoolArray, raw: StrArray, value: StrArray | str, entity: IntArray | int,
              linking: bool, decoy: str) -> Extra:
        return Extra(np.where(mask, raw, "").astype(T),
                     np.where(mask, value, "").astype(T),
                     np.where(mask, entity, -1).astype(np.int64),
                     np.asarray(mask & linking, dtype=bool),
                     np.where(mask, decoy, "").astype(T))

    junk = pick(rng, ("test@test.com", "123456@qq.com", "none@none.com"), n)
    world.extra["email"] = extra(rng.random(n) < 0.012, junk, "", -1, False, PLACEHOLDER)
    null_mac = pick(rng, ("00:00:00:00:00:00", "00-00-00-00-00-00", "02:00:00:00:00:00"), n)
    world.extra["mac"] = extra(rng.random(n) < 0.03, null_mac, np.strings.replace(
        null_mac, "-", ":"), -1, False, PLACEHOLDER_MAC)
    private = pick(rng, names.NON_PUBLIC_IPS, n)
    world.extra["ip"] = extra(rng.random(n) < 0.08, private, private, -1, False, PRIVATE_IP)
    hub_of = np.full(n, -1)
    for hub_ip, users in zip(world.decoys.hub_ips.tolist(), world.decoys.hubs, strict=True):
        hub_of[users] = hub_ip
    listed = (hub_of >= 0) & (rng.random(n) < 0.3)
    hub_ids = np.maximum(hub_of, 0)
    world.extra["ip_hub"] = extra(listed, world.ips.render(hub_ids, rng, "csv"),
                                  world.ips.canonical[hub_ids], hub_of, True, PROXY_EXIT)
    parent = world.ops.parent
    masked = (parent >= 0) & (rng.random(n) < 0.15)
    parent_card = world.slots["card"][np.maximum(parent, 0), 0]
    world.extra["card"] = extra(masked, world.cards.masked(parent_card, rng), "", -1, False,
                                MASKED)


def _has_events(world: World) -> BoolArray:
    """Accounts with logins in the log: most, and all that need them as evidence."""
    assert world.shared is not None and world.decoys is not None
    n = len(world.account_ids)
    has = stream(world.seed, "has_events").random(n) < 0.9
    has[world.shared.ip_pairs.ravel()] = True
    for group in (*world.decoys.hubs, *world.decoys.cafes):
        has[group] = True
    return has


def _with_blank_row(table: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The table with one empty row somewhere in the middle, as real sheets have."""
    at = int(rng.integers(1, len(table))) if len(table) > 1 else len(table)
    blank = pd.DataFrame([[""] * len(table.columns)], columns=table.columns)
    return pd.concat([table.iloc[:at], blank, table.iloc[at:]], ignore_index=True)


def _accounts_table(world: World) -> pd.DataFrame:
    ops = world.ops
    width = max(4, len(str(len(ops.size))))
    operator = cat("OP", np.strings.zfill((ops.of + 1).astype(T), width))
    files = np.where(world.in_csv & world.in_xlsx, f"{CSV_FILE}; {XLSX_FILE}",
                     np.where(world.in_csv, CSV_FILE, XLSX_FILE))
    table = pd.DataFrame({
        "account": world.account_ids.astype(object),
        "name": world.store_names.astype(object),
        "status": strs([s[0] for s in names.STATUSES])[world.status].astype(object),
        "marketplace": world.marketplace.astype(object),
        "operator": operator.astype(object),
        "files": files.astype(object),
    })
    return table.sort_values("account").reset_index(drop=True)
