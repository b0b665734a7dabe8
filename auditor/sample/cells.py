"""The account sheets as sellers keep them: one row per account, several values per cell,
and the identifier observations behind every cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from auditor.sample import names
from auditor.sample.columns import DECOY, INVALID, KIND, PLACEHOLDER, coded, labelled
from auditor.sample.strings import BoolArray, IntArray, StrArray, T, column, join_cells, strs
from auditor.sample.world import World

#: Column headers of accounts.csv (English) and 店铺资料.xlsx (Chinese), by kind.
CSV_HEADERS: Final = {
    "account": "Seller ID", "name": "Store name", "status": "Status",
    "marketplace": "Marketplace", "company": "Company", "person": "Legal representative",
    "email": "Email", "phone": "Phone", "address": "Address", "bank": "Bank account",
    "card": "Credit card", "tax_id": "Tax ID", "id_number": "ID number", "ip": "Login IPs",
    "mac": "MAC addresses",
}
XLSX_HEADERS: Final = {
    "account": "店铺ID", "name": "店铺名称", "status": "状态", "marketplace": "站点",
    "company": "公司名称", "person": "法人", "email": "邮箱", "phone": "手机", "address": "地址",
    "ip": "登录IP", "mac": "MAC地址", "bank": "收款账户", "card": "信用卡", "tax_id": "税号",
    "id_number": "身份证号",
}

OBSERVATION_COLUMNS: Final = ("account", "kind", "value", "raw", "entity", "linking", "decoy")
_KIND_CODE: Final = {kind: i for i, kind in enumerate(KIND.categories)}


@dataclass(frozen=True, slots=True)
class Part:
    """Values of one kind, one per row of a sheet ("" in ``raw`` where a row has none)."""

    raw: StrArray
    value: StrArray
    entity: IntArray
    linking: BoolArray
    decoy: StrArray


def _part(raw: StrArray, value: StrArray | str, entity: IntArray | int = -1,
          linking: BoolArray | bool = True, decoy: StrArray | str = "") -> Part:
    n = len(raw)
    return Part(raw, np.broadcast_to(np.asarray(value, dtype=T), n).copy(),
                np.broadcast_to(np.asarray(entity, dtype=np.int64), n).copy(),
                np.broadcast_to(np.asarray(linking, dtype=bool), n).copy(),
                np.broadcast_to(np.asarray(decoy, dtype=T), n).copy())


def account_sheet(world: World, rows: IntArray, style: str,
                  rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sheet of accounts ``rows`` in ``style`` ("csv": English, "xlsx": Chinese),
    and its observations (account, kind, value, raw, entity, linking, decoy)."""
    k = len(rows)
    headers = CSV_HEADERS if style == "csv" else XLSX_HEADERS
    if style == "csv":
        list_sep: StrArray | str = "; "
        email_sep: StrArray | str = ", "
    else:
        list_sep = np.where(rng.random(k) < 0.5, "、", "\n").astype(T)
        email_sep = np.where(rng.random(k) < 0.7, "、", "\n").astype(T)
    columns: dict[str, StrArray] = {}
    found: dict[str, list[np.ndarray]] = {c: [] for c in OBSERVATION_COLUMNS}
    for kind, parts in _parts(world, rows, style, rng).items():
        matrix = np.column_stack([p.raw for p in parts])
        sep = email_sep if kind == "email" else list_sep
        columns[kind] = join_cells(matrix, sep)
        for p in parts:
            has = np.flatnonzero(p.raw != "")
            found["account"].append(rows[has])
            found["kind"].append(np.full(len(has), _KIND_CODE[kind]))
            found["value"].append(p.value[has])
            found["raw"].append(p.raw[has])
            found["entity"].append(p.entity[has])
            found["linking"].append(p.linking[has])
            found["decoy"].append(p.decoy[has])
    joined = {c: np.concatenate(v) for c, v in found.items()}
    observations = pd.DataFrame({
        "account": coded(joined["account"], world.account_dtype),
        "kind": coded(joined["kind"], KIND),
        "value": column(joined["value"]),
        "raw": column(joined["raw"]),
        "entity": joined["entity"],
        "linking": joined["linking"],
        "decoy": labelled(joined["decoy"], len(joined["decoy"]), DECOY),
    })
    status = strs([s[0] if style == "csv" else s[1] for s in names.STATUSES])[world.status[rows]]
    market = world.marketplace[rows]
    if style == "xlsx":
        market = _chinese_market(market)
    sheet = pd.DataFrame({
        headers["account"]: column(world.account_ids[rows]),
        headers["name"]: column(world.store_names[rows]),
        headers["status"]: column(status),
        headers["marketplace"]: column(market),
        **{headers[kind]: column(columns[kind]) for kind in headers if kind in columns},
    })
    return sheet, observations


def _chinese_market(market: StrArray) -> StrArray:
    table = {m[0]: m[2] for m in names.MARKETPLACES}
    return strs([table[str(m)] for m in market.tolist()])


def _blank_or_placeholder(world: World, kind: str, rows: IntArray, part: Part) -> list[Part]:
    """Empty the cells of blank accounts, writing their placeholder if they have one."""
    blank = world.blank.get(kind)
    if blank is None:
        return [part]
    b = blank[rows]
    raw = np.where(b, "", part.raw)
    kept = Part(raw, part.value, part.entity, part.linking, part.decoy)
    text = world.placeholder[kind][rows]
    ph = np.where(b, text, "")
    return [kept, _part(ph, "", -1, False, PLACEHOLDER)]


def _with_extra(world: World, kind: str, rows: IntArray) -> list[Part]:
    extra = world.extra.get(kind)
    if extra is None:
        return []
    return [Part(extra.raw[rows], extra.value[rows], extra.entity[rows], extra.linking[rows],
                 extra.decoy[rows])]


def _entity_part(raw: StrArray, value: StrArray, entity: IntArray) -> Part:
    has = entity >= 0
    return _part(np.where(has, raw, ""), np.where(has, value, ""), entity)


def _parts(world: World, rows: IntArray, style: str,
           rng: np.random.Generator) -> dict[str, list[Part]]:
    s = world.slots
    k = len(rows)
    out: dict[str, list[Part]] = {}

    company = s["company"][rows, 0]
    out["company"] = [_part(world.companies.render(company, rng, style),
                            world.companies.value(company), company)]
    person = s["person"][rows, 0]
    out["person"] = [_part(world.persons.render(person, rng, style),
                           world.persons.value(person), person)]

    parts = []
    email = s["email"][rows]
    for j in range(email.shape[1]):
        ids = np.maximum(email[:, j], 0)
        raw = world.emails.render(ids, rng, style)
        part = _entity_part(raw, world.emails.value(ids), email[:, j])
        if j == 0 and world.invalid_email is not None:
            bad = world.invalid_email[rows]
            typo = world.emails.corrupt(ids, rng)
            part = Part(np.where(bad, typo, part.raw), np.where(bad, "", part.value),
                        np.where(bad, -1, part.entity), part.linking & ~bad,
                        np.where(bad, INVALID, part.decoy))
        parts.append(part)
    out["email"] = parts + _with_extra(world, "email", rows)

    phone = s["phone"][rows]
    parts = []
    for j in range(phone.shape[1]):
        ids = np.maximum(phone[:, j], 0)
        parts.append(_entity_part(world.phones.render(ids, rng, style),
                                  world.phones.canonical[ids], phone[:, j]))
    out["phone"] = _blank_all(world, "phone", rows, parts)

    address = s["address"][rows, 0]
    out["address"] = _blank_or_placeholder(world, "address", rows, _part(
        world.addresses.render(address, rng, style), world.addresses.value(address),
        address))

    ip = s["ip"][rows]
    shown = world.ip_shown[rows] if world.ip_shown is not None else ip >= 0
    parts = []
    for j in range(ip.shape[1]):
        ids = np.maximum(ip[:, j], 0)
        part = _entity_part(world.ips.render(ids, rng, style), world.ips.canonical[ids],
                            np.where(shown[:, j], ip[:, j], -1))
        parts.append(part)
    out["ip"] = _blank_all(world, "ip", rows, parts) + _with_extra(world, "ip", rows) \
        + _with_extra(world, "ip_hub", rows)

    mac = s["mac"][rows]
    forms = rng.integers(0, 5, k)
    parts = []
    for j in range(mac.shape[1]):
        ids = np.maximum(mac[:, j], 0)
        parts.append(_entity_part(world.macs.render(ids, forms), world.macs.canonical[ids],
                                  mac[:, j]))
    out["mac"] = _blank_all(world, "mac", rows, parts) + _with_extra(world, "mac", rows)

    bank = s["bank"][rows, 0]
    out["bank"] = _blank_or_placeholder(world, "bank", rows, _part(
        world.banks.render(bank, rng, style), world.banks.canonical[bank], bank))
    card = s["card"][rows, 0]
    out["card"] = _blank_or_placeholder(world, "card", rows, _part(
        world.cards.render(card, rng), world.cards.canonical[card], card)) \
        + _with_extra(world, "card", rows)

    tax = world.companies.tax[company]
    first = _part(world.companies.render_tax(company, rng, 0), tax[:, 0], company)
    second_raw = np.where(tax[:, 1] != "", world.companies.render_tax(company, rng, 1), "")
    second = _part(second_raw, tax[:, 1], company)
    out["tax_id"] = _blank_all(world, "tax_id", rows, [first, second])

    id_raw = world.persons.render_id(person, rng)
    out["id_number"] = _blank_or_placeholder(world, "id_number", rows, _part(
        id_raw, world.persons.id_number[person], person))
    return out


def _blank_all(world: World, kind: str, rows: IntArray, parts: list[Part]) -> list[Part]:
    """Blank (or placeholder) every slot of ``kind`` for the blank accounts."""
    out: list[Part] = []
    for i, part in enumerate(parts):
        kept = _blank_or_placeholder(world, kind, rows, part)
        out.append(kept[0])
        if i == 0 and len(kept) > 1:
            out.append(kept[1])
    return out
