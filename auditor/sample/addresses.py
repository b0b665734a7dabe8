"""Postal addresses: Chinese offices, overseas homes, and the shared buildings (business
secretaries, co-working spaces, registered agents, virtual offices) that unrelated
companies register at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from auditor.sample import names
from auditor.sample.strings import (
    IntArray,
    StrArray,
    T,
    apply_forms,
    cat,
    choice,
    full_width_digits,
    number_str,
    pick,
    strs,
)

CN_OWN, US_OWN, UK_OWN, CN_SHARED, US_AGENT, UK_VIRTUAL = range(6)
SHARED_TYPES: Final = (CN_SHARED, US_AGENT, UK_VIRTUAL)

_ROAD_CITY: Final = np.array([[c[0] for c in names.CITIES].index(r[0]) for r in names.ROADS])
_PROVINCE: Final = strs([c[2] + "省" for c in names.CITIES])
_PROVINCE_EN: Final = strs([c[3] for c in names.CITIES])
_CITY: Final = strs([c[0] + "市" for c in names.CITIES])
_CITY_EN: Final = strs([c[1] for c in names.CITIES])
_POSTCODE: Final = strs([c[5] for c in names.CITIES])
_DISTRICT: Final = strs([r[1] for r in names.ROADS])
_DISTRICT_EN: Final = strs([r[2] for r in names.ROADS])
_ROAD: Final = strs([r[3] for r in names.ROADS])
_ROAD_EN: Final = strs([r[4] for r in names.ROADS])
_US: Final = names.US_STREETS
_UK: Final = names.UK_STREETS
_SHARED: Final = {
    CN_SHARED: names.SHARED_OFFICES_CN,
    US_AGENT: names.REGISTERED_AGENTS_US,
    UK_VIRTUAL: names.VIRTUAL_OFFICES_UK,
}

#: How often each sheet writes a Chinese address in each form (see Addresses.render).
CN_FORM_WEIGHTS: Final = {"csv": (0.2, 0.1, 0.05, 0.4, 0.25), "xlsx": (0.6, 0.25, 0.1, 0.03, 0.02)}


@dataclass(frozen=True, slots=True)
class Addresses:
    """Addresses, one per entity id. ``place`` indexes the road, street or shared
    building of the address ``type``; ``unit`` is the room, apartment or suite."""

    type: IntArray
    place: IntArray
    number: IntArray
    building: StrArray
    unit: StrArray
    postcode: StrArray

    @property
    def canonical(self) -> StrArray:
        """The address in its first written form."""
        return self.value(np.arange(len(self.type)))

    def value(self, ids: IntArray) -> StrArray:
        """The addresses ``ids`` in their first written form."""
        return self._write(ids, np.zeros(len(ids), dtype=np.int64))

    def render(self, ids: IntArray, rng: np.random.Generator, style: str) -> StrArray:
        """The addresses ``ids`` as a sheet of ``style`` ("csv"/"xlsx") writes them."""
        forms = choice(rng, 5, len(ids), CN_FORM_WEIGHTS[style])
        other = choice(rng, 3, len(ids), (0.6, 0.25, 0.15))
        return self._write(ids, np.where(self.type[ids] == CN_OWN, forms, other))

    def _write(self, ids: IntArray, forms: IntArray) -> StrArray:
        out = np.full(len(ids), "", dtype=self.unit.dtype)
        writers = {CN_OWN: self._cn, US_OWN: self._us, UK_OWN: self._uk}
        for t in range(6):
            rows = np.flatnonzero(self.type[ids] == t)
            if len(rows):
                writer = writers.get(t, self._shared)
                out[rows] = writer(ids[rows], forms[rows])
        return out

    def _cn(self, ids: IntArray, forms: IntArray) -> StrArray:
        road = self.place[ids]
        city = _ROAD_CITY[road]
        num = number_str(self.number[ids])
        bldg, room = self.building[ids], self.unit[ids]
        has_bldg = bldg != ""
        street = cat(_DISTRICT[road], _ROAD[road], num, "号")
        zuo = np.where(has_bldg, cat(bldg, "座"), "")
        dong = np.where(has_bldg, cat(bldg, "栋"), "")
        standard = cat(_CITY[city], street, zuo, room, "室")
        en_block = np.where(has_bldg, cat("Block ", bldg, ", "), "")
        en_bldg = np.where(has_bldg, cat("Bldg ", bldg, ", "), "")
        road_en = _ROAD_EN[road]
        short_road = np.strings.replace(np.strings.replace(road_en, "Avenue", "Ave"), "Road", "Rd")
        short_district = np.strings.replace(_DISTRICT_EN[road], "District", "Dist")
        return apply_forms(forms, (
            lambda r: cat(_PROVINCE[city[r]], standard[r]),
            lambda r: cat(_CITY[city[r]], street[r], dong[r], room[r]),
            lambda r: full_width_digits(standard[r]),
            lambda r: cat("Room ", room[r], ", ", en_block[r], "No. ", num[r], " ", road_en[r],
                          ", ", _DISTRICT_EN[road[r]], ", ", _CITY_EN[city[r]], ", ",
                          _PROVINCE_EN[city[r]], ", China"),
            lambda r: cat("Rm ", room[r], ", ", en_bldg[r], num[r], " ", short_road[r], ", ",
                          short_district[r], ", ", _CITY_EN[city[r]], " ",
                          self.postcode[ids[r]]),
        ))

    def _us(self, ids: IntArray, forms: IntArray) -> StrArray:
        p = self.place[ids]
        street = strs([s[0] for s in _US])[p]
        full = strs([s[1] for s in _US])[p]
        tail = cat(strs([s[2] for s in _US])[p], ", ", strs([s[3] for s in _US])[p], " ",
                   strs([s[4] for s in _US])[p])
        num, apt = number_str(self.number[ids]), self.unit[ids]
        return apply_forms(forms, (
            lambda r: cat(num[r], " ", street[r], " Apt ", apt[r], ", ", tail[r]),
            lambda r: cat(num[r], " ", full[r], ", Apartment ", apt[r], ", ", tail[r]),
            lambda r: np.strings.upper(cat(num[r], " ", street[r], " #", apt[r], ", ", tail[r])),
        ))

    def _uk(self, ids: IntArray, forms: IntArray) -> StrArray:
        p = self.place[ids]
        street = strs([s[0] for s in _UK])[p]
        city = strs([s[1] for s in _UK])[p]
        post = strs([s[2] for s in _UK])[p]
        num, flat = number_str(self.number[ids]), self.unit[ids]
        return apply_forms(forms, (
            lambda r: cat("Flat ", flat[r], ", ", num[r], " ", street[r], ", ", city[r], " ",
                          post[r]),
            lambda r: cat(num[r], " ", street[r], ", Flat ", flat[r], ", ", city[r], ", ",
                          post[r]),
            lambda r: np.strings.upper(cat("Flat ", flat[r], " ", num[r], " ", street[r], " ",
                                           city[r], " ", post[r])),
        ))

    def _shared(self, ids: IntArray, forms: IntArray) -> StrArray:
        out = np.full(len(ids), "", dtype=self.unit.dtype)
        for t, offices in _SHARED.items():
            mine = self.type[ids] == t
            for i, (text, _) in enumerate(offices):
                rows = np.flatnonzero(mine & (self.place[ids] == i))
                if not len(rows):
                    continue
                before, _, after = text.partition("{}")
                base = cat(before, self.unit[ids[rows]], after) if "{}" in text else strs(
                    [text] * len(rows))
                out[rows] = _shared_form(base, forms[rows], t)
        return out


def building_of(addresses: Addresses, ids: IntArray) -> StrArray:
    """The shared building of each address in ``ids`` (its text, "…" for the unit),
    or "" for an address that is not in a shared building."""
    out = np.full(len(ids), "", dtype=T)
    for t, offices in _SHARED.items():
        for i, (text, _) in enumerate(offices):
            rows = (addresses.type[ids] == t) & (addresses.place[ids] == i)
            out[rows] = text.replace("{}", "…")
    return out


def _shared_form(base: StrArray, forms: IntArray, kind: int) -> StrArray:
    if kind == CN_SHARED:
        alt = (full_width_digits(base), cat("中国", base))
    elif kind == US_AGENT:
        alt = (np.strings.replace(base, " Ste ", " Suite "), np.strings.upper(base))
    else:
        alt = (np.strings.upper(base), np.strings.replace(base, ", ", " "))
    return np.where(forms == 1, alt[0], np.where(forms == 2, alt[1], base))


def make_addresses(rng: np.random.Generator, company_country: IntArray) -> Addresses:
    """One address per company: Chinese offices for Chinese companies (some at a shared
    business-secretary or co-working address), registered agents and virtual offices
    for most US and UK companies."""
    n = len(company_country)
    u = rng.random(n)
    kind = np.select(
        [company_country == 0, company_country == 1],
        [np.where(u < 0.12, CN_SHARED, CN_OWN), np.where(u < 0.6, US_AGENT, US_OWN)],
        np.where(u < 0.6, UK_VIRTUAL, UK_OWN),
    )
    addresses = Addresses(
        type=kind,
        place=np.zeros(n, dtype=np.int64),
        number=np.zeros(n, dtype=np.int64),
        building=np.full(n, "", dtype=T),
        unit=np.full(n, "", dtype=T),
        postcode=np.full(n, "", dtype=T),
    )
    redo = np.arange(n)
    while len(redo):
        _draw(addresses, redo, rng)
        own = np.flatnonzero(np.isin(addresses.type, [CN_OWN, US_OWN, UK_OWN]))
        text = addresses.value(own).astype(object)
        dup = pd.Series(text).duplicated().to_numpy()
        redo = own[dup]
    return addresses


def put_in_shared_building(addresses: Addresses, ids: IntArray, rng: np.random.Generator,
                           *, building: int) -> None:
    """Move ``ids`` into one shared building (index into the shared offices of each
    address's country), each with its own unit where the building has units."""
    for t in SHARED_TYPES:
        rows = ids[np.isin(addresses.type[ids], [t, t - 3])]
        if len(rows):
            addresses.type[rows] = t
            addresses.place[rows] = building % len(_SHARED[t])
            addresses.unit[rows] = _units(rng, t, len(rows))


def _draw(a: Addresses, ids: IntArray, rng: np.random.Generator) -> None:
    k = len(ids)
    t = a.type[ids]
    a.number[ids] = np.where(t == CN_OWN, rng.integers(1, 1000, k),
                             np.where(t == US_OWN, rng.integers(10, 9999, k),
                                      rng.integers(1, 300, k)))
    road = choice(rng, len(names.ROADS), k,
                  np.array(names.CITY_WEIGHTS, dtype=float)[_ROAD_CITY]
                  / np.bincount(_ROAD_CITY)[_ROAD_CITY])
    us = rng.integers(0, len(_US), k)
    uk = rng.integers(0, len(_UK), k)
    shared = np.array([len(_SHARED[x]) if x in _SHARED else 1 for x in range(6)])[t]
    a.place[ids] = np.select([t == CN_OWN, t == US_OWN, t == UK_OWN],
                             [road, us, uk], rng.integers(0, 1 << 30, k) % shared)
    has_bldg = rng.random(k) < 0.6
    a.building[ids] = np.where(has_bldg, pick(rng, list("ABCDEF"), k), "")
    floor = rng.integers(2, 33, k)
    room = cat(number_str(floor), number_str(rng.integers(1, 21, k), 2))
    apt = np.where(rng.random(k) < 0.5,
                   cat(number_str(rng.integers(1, 9, k)), pick(rng, list("ABCDEF"), k)),
                   number_str(rng.integers(1, 40, k)))
    unit = np.select([t == CN_OWN, t == US_OWN, t == UK_OWN],
                     [room, apt, number_str(rng.integers(1, 40, k))], "")
    for x in SHARED_TYPES:
        rows = np.flatnonzero(t == x)
        unit[rows] = _units(rng, x, len(rows))
    a.unit[ids] = unit
    city = _ROAD_CITY[road]
    a.postcode[ids] = cat(_POSTCODE[city], number_str(rng.integers(0, 1000, k), 3))


def _units(rng: np.random.Generator, kind: int, n: int) -> StrArray:
    if kind == CN_SHARED:
        return cat(number_str(rng.integers(2, 31, n)), number_str(rng.integers(1, 31, n), 2))
    if kind == US_AGENT:
        return number_str(rng.integers(100, 1000, n))
    return number_str(rng.integers(1, 1000, n))
