"""Postal addresses, with the unit (room, suite, flat, floor) kept apart from the building.

Both forms start with NFKC (full-width → ASCII), case folding and Latin accents stripped.

**Latin addresses** are read as a bag of elements, so the order they are written in does
not matter. Abbreviations are spelled out (Rd → road, St → street, Ave → avenue, Blvd,
Dr, Ln, Hwy, Dist → district, Ind → industrial, Ctr/Centre → center…), "No."/"Number"/"#"
before a number are dropped ("No. 88" = "88"), and markers bind the identifier after
them: Room/Rm/Suite/Ste/Apt/Apartment/Flat/Unit → ``unit 1203`` (all one kind: "Rm 1203"
= "Suite 1203"), Floor/Fl/"12F"/"12/F"/"12th floor" → ``floor 12``, Building/Bldg/Block/
Blk/Tower → ``building b``; "#4" after a street name is a unit (US style). Provinces,
"province", countries ("China", "P.R. China") and 6-digit postcodes are dropped (the
postcode goes to ``note``); cities stay.

**Han addresses** keep their written (big-endian) order: punctuation and spaces are
dropped, the country and province prefix is dropped (中国广东省), a known city is written
with 市 (深圳 → 深圳市), 第 is dropped and Chinese numerals before a building or floor
marker become digits ("第二座" = "2座", "十二楼" = "12楼"), 座/幢/号楼/栋 → 栋 ("B座" =
"B栋"), 楼/层/F after a number → 层, 室/房/房间/号房 → 室, a bare number after the
building or the street number is the room ("B栋1203" = "B座1203室"), and a street number
gets its 号 ("科苑路88" = "科苑路88号").

In both, a floor is dropped when the room number starts with it ("12F, Room 1203" =
"Room 1203"; the floor goes to ``note``).

**Contract** (the linker relies on it):

- ``value``: the full address including the unit. Latin: the building elements sorted
  and joined by spaces, then ", " and the unit elements sorted — "Room 1203, Block B,
  No. 88 Keyuan Rd, Nanshan Dist, Shenzhen" and "Rm 1203, Bldg B, 88 Keyuan Road, Nanshan
  District, Shenzhen" are both ``"88 building b district keyuan nanshan road shenzhen,
  unit 1203"``. Han: building then unit — "广东省深圳市南山区科苑路88号B栋1203" and
  "深圳市南山区科苑路88号B座1203室" are both ``"深圳市南山区科苑路88号b栋1203室"``.
- ``partial``: the building — the same without the unit (``"88 building b district
  keyuan nanshan road shenzhen"``, ``"深圳市南山区科苑路88号b栋"``). Equal partials with
  different values mean "same building, different unit".
- ``key``: fuzzy key of the full address: Latin — every word of the value, sorted, joined
  by spaces; Han — the value.

Han and Latin addresses never meet (nothing is translated). **non_linking**:
placeholders, a unit with no street or building, and a bare city/district/region.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

import pandas as pd

from auditor.normalise._base import Normalised, map_unique, non_linking
from auditor.normalise.text import (
    HAN_CHARS,
    HAN_CITY_RE,
    HAN_PLACE_PREFIX_RE,
    HAN_PROVINCE_PREFIX_RE,
    fold,
    has_han,
    is_placeholder,
    join_place_phrases,
    latin_cities,
    latin_districts,
    latin_provinces,
    words,
)

ADDRESS_PLACEHOLDERS: Final = frozenset({"地址", "address", "sameasabove", "见上", "同上"})

#: Abbreviation → canonical word. Unit markers all become "unit".
ABBREVIATIONS: Final = {
    "rd": "road", "st": "street", "str": "street", "ave": "avenue", "av": "avenue",
    "blvd": "boulevard", "dr": "drive", "drv": "drive", "ln": "lane", "hwy": "highway",
    "ct": "court", "sq": "square", "pkwy": "parkway", "cir": "circle", "ter": "terrace",
    "plz": "plaza", "dist": "district", "distr": "district", "ind": "industrial",
    "indus": "industrial", "pk": "park", "ctr": "center", "cntr": "center",
    "centre": "center", "sci": "science", "tech": "technology", "vlg": "village",
    "twp": "township", "prov": "province", "bldg": "building", "bld": "building",
    "blk": "building", "block": "building", "tower": "building", "twr": "building",
    "rm": "unit", "room": "unit", "ste": "unit", "suite": "unit", "apt": "unit",
    "apartment": "unit", "flat": "unit", "fl": "floor", "flr": "floor", "nos": "no",
    "number": "no", "num": "no",
}
STREET_TYPES: Final = frozenset(
    {"road", "street", "avenue", "boulevard", "drive", "lane", "highway", "court", "square",
     "parkway", "circle", "terrace", "plaza", "way", "place"}
)
#: Words that say where, not which: an address made only of these and place names is
#: too vague to link on.
VAGUE_WORDS: Final = frozenset(
    {"district", "city", "county", "town", "township", "village", "new", "area", "zone",
     "street", "road"}
)
# Municipalities and SARs are cities: they stay in a Latin address.
_CITY_LIKE_PROVINCES: Final = frozenset(
    {"beijing", "shanghai", "tianjin", "chongqing", "hongkong", "hk", "macau", "macao",
     "aomen", "xianggang"}
)
_MARKERS: Final = frozenset({"unit", "floor", "building", "no", "#"})

_GLUED_RE: Final = re.compile(
    r"(rm|room|ste|suite|apt|unit|flat|fl|flr|floor|bldg|blk|block|tower|no)(\d+[a-z]?)"
)
_SLASH_F_RE: Final = re.compile(r"(?<=[\dgb])\s*/\s*f\b")
_FLOOR_TOKEN_RE: Final = re.compile(r"(\d+|[gb]\d?)f")  # 12F, 12/F, G/F, B1F
_SEGMENT_RE: Final = re.compile(r"[,;|\n]")
_ID_RE: Final = re.compile(r"(?=[a-z]*\d)[a-z0-9]{1,8}|[a-z]")
_ORDINAL_RE: Final = re.compile(r"(\d+)(?:st|nd|rd|th)")
_POSTCODE_RE: Final = re.compile(r"\d{6}")

# --- Han --------------------------------------------------------------------------------
_H: Final = f"[{HAN_CHARS}]"
_HAN_NUMERAL_RE: Final = re.compile(
    r"([一二两三四五六七八九十]{1,3})(?=号楼|号馆|座|幢|栋|层|楼|单元)"
)
_HAN_DIGITS: Final = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_HAN_BUILDING_RE: Final = re.compile(
    r"(?:([a-z0-9]+)(?:号楼|号馆|号栋|座|幢|栋)|([a-z0-9]*[a-z])楼)"
)
_HAN_FLOOR_RE: Final = re.compile(r"(-?\d+)(?:楼层|层|楼|f)(?!栋)")
_HAN_ROOM_RE: Final = re.compile(r"([a-z]?\d+[a-z]?)(?:号房|房间|房|室)")
_HAN_STREET_NO_RE: Final = re.compile(
    r"(路|街|道|巷|弄|大道|大街)(\d+)(?=$|[^\d号a-z栋座幢楼层室房单])"
)
_HAN_POSTCODE_RE: Final = re.compile(
    f"(?<={_H})(?:邮编|邮政编码)?\\d{{6}}$|^(?:邮编|邮政编码)?\\d{{6}}(?={_H})"
)
# After a building or street number a bare number is the room; after a named area
# (…园, …花园, …广场) the room must say 室 (else "科技园88号" would be room 88).
_STRONG_ANCHOR_RE: Final = re.compile(r"栋|\d+号(?![室层])|大厦|大楼|公寓")
_AREA_ANCHOR_RE: Final = re.compile("园|苑|花园|小区|广场|中心|城|村|基地")
_STRONG_TAIL_RE: Final = re.compile(
    r"(?:(?P<entrance>\d+)单元)?(?:(?P<floor>-?\d+)层)?(?:(?P<room>[a-z]?\d+[a-z]?)(?:室|号)?)?"
)
_AREA_TAIL_RE: Final = re.compile(
    r"(?:(?P<entrance>\d+)单元)?(?:(?P<floor>-?\d+)层)?(?:(?P<room>[a-z]?\d+[a-z]?)室)?"
)


def normalise_address(raw: pd.Series) -> pd.DataFrame:
    """Normalise postal addresses (see the module docstring for the contract).

    >>> normalise_address(pd.Series(["Rm 1203, 88 Keyuan Rd"])).loc[0, "partial"]
    '88 keyuan road'
    """
    return map_unique(raw, normalise_address_value)


def normalise_address_value(raw: str) -> Normalised:
    """Normalise one address.

    >>> normalise_address_value("Room 5, 1 Main St").value
    '1 main street, unit 5'
    >>> normalise_address_value("深圳市南山区科苑路88号B座1203室").partial
    '深圳市南山区科苑路88号b栋'
    """
    text = fold(raw)
    if is_placeholder(text) or "".join(words(text)) in ADDRESS_PLACEHOLDERS:
        return non_linking(None, "a placeholder, not an address")
    if has_han(text):
        return _han_address(text)
    return _latin_address(text)


# --- Latin ------------------------------------------------------------------------------


def _latin_address(text: str) -> Normalised:
    text = _SLASH_F_RE.sub("f", text)  # 12/F → 12f
    units: list[str] = []
    floors: list[str] = []
    buildings: list[str] = []
    rest: list[str] = []
    for segment in _SEGMENT_RE.split(text):  # a marker binds within its own segment
        tokens = [ABBREVIATIONS.get(t, t) for t in _latin_tokens(segment)]
        i = 0
        while i < len(tokens):
            token = tokens[i]
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            after_id = _ID_RE.fullmatch(after) is not None
            ordinal = _ORDINAL_RE.fullmatch(token)
            if token == "unit" and after_id:
                units.append(after)
            elif token == "floor" and (after_id or _ORDINAL_RE.fullmatch(after)):
                floors.append(_ORDINAL_RE.sub(r"\1", after))
            elif after == "floor" and (ordinal or _ID_RE.fullmatch(token)):
                floors.append(ordinal.group(1) if ordinal else token)
            elif token == "building" and after_id:
                buildings.append(after)
            elif floor_token := _FLOOR_TOKEN_RE.fullmatch(token):
                floors.append(floor_token.group(1))
                i += 1
                continue
            elif token == "#" and after_id and rest and rest[-1] in STREET_TYPES:
                units.append(after)
            else:
                if token not in _MARKERS:
                    rest.append(token)
                i += 1
                continue
            i += 2
    return _latin_result(rest, buildings, units, floors)


def _latin_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for token in words(text, keep="#"):
        glued = _GLUED_RE.fullmatch(token)
        tokens.extend(glued.groups() if glued else (token,))
    return join_place_phrases(tokens)


def _latin_result(
    rest: list[str], buildings: list[str], units: list[str], floors: list[str]
) -> Normalised:
    facts: list[str] = []
    # Sorting puts words side by side; read place phrases again ("kong, hong" → hongkong)
    # so that normalising a value gives that value back.
    while (joined := join_place_phrases(sorted(rest))) != sorted(rest):
        rest = joined
    drop, cities, vague_words = _latin_place_sets()
    kept: list[str] = []
    for token in rest:
        if token in drop or (token == "city" and kept and kept[-1] in cities):
            continue
        if _POSTCODE_RE.fullmatch(token):
            facts.append(f"postcode {token}")
            continue
        kept.append(token)
    floors = _drop_floors_in_rooms(floors, units, facts)
    building = " ".join(sorted([f"building {b}" for b in buildings] + kept))
    unit = " ".join(sorted([f"unit {u}" for u in units] + [f"floor {f}" for f in floors]))
    note = "; ".join(facts) or None
    if not building:
        if unit:
            return non_linking(None, "only a unit, no street or building", note=note)
        return non_linking(None, "only a region, not an address", note=note)
    if not buildings and not any(c.isalpha() for t in kept for c in t):
        return non_linking(None, "only numbers, no street or building name", note=note)
    if not buildings and len(kept) < 2:
        return non_linking(None, "a single word, too little to be an address", note=note)
    if vague_words.issuperset(kept) and not buildings and not unit:
        return non_linking(None, "only a city or district, not an address", note=note)
    value = f"{building}, {unit}" if unit else building
    if is_placeholder(value):
        return non_linking(None, "a placeholder, not an address", note=note)
    key = " ".join(sorted(value.replace(",", "").split()))
    return Normalised(value, key=key, partial=building, note=note)


@cache
def _latin_place_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words dropped from an address, city words, words too vague to be an address)."""
    drop = (latin_provinces() - _CITY_LIKE_PROVINCES) | {"province"}
    cities = latin_cities() | _CITY_LIKE_PROVINCES
    return drop, cities, cities | latin_districts() | VAGUE_WORDS


def _drop_floors_in_rooms(floors: list[str], rooms: list[str], facts: list[str]) -> list[str]:
    kept = []
    for floor in floors:
        if any(r.startswith(floor) and len(r) > len(floor) for r in rooms):
            facts.append(f"floor {floor}")
        else:
            kept.append(floor)
    return kept


# --- Han --------------------------------------------------------------------------------


def _han_address(text: str) -> Normalised:
    s = "".join(words(text)).replace("第", "")  # 第二座 = 二座, 第一工业区 = 一工业区
    s = _HAN_STREET_NO_RE.sub(r"\1\2号", s)
    s = _HAN_NUMERAL_RE.sub(lambda m: _han_number(m.group(1)), s)
    s = _HAN_BUILDING_RE.sub(lambda m: f"{m.group(1) or m.group(2)}栋", s)
    s = _HAN_FLOOR_RE.sub(r"\1层", s)
    s = _HAN_ROOM_RE.sub(r"\1室", s)
    facts: list[str] = []
    while (postcode := _HAN_POSTCODE_RE.search(s)) is not None:
        facts.append("postcode " + re.sub(r"\D", "", postcode.group()))
        s = s[: postcode.start()] + s[postcode.end() :]
    while (stripped := HAN_PROVINCE_PREFIX_RE.sub("", s)) != s:  # 中国广东省…
        s = stripped
    city = HAN_CITY_RE.match(s)
    if city is not None and city.group() not in ("香港", "澳门"):
        after = s[city.end() :]
        if not after.startswith(("市", "特别行政区", "路", "街", "道", "巷", "大道")):
            s = f"{city.group()}市{after}"
    if not has_han(HAN_PLACE_PREFIX_RE.sub("", s)):
        return non_linking(None, "only a city or district, not an address")
    building, unit = _split_han_unit(s, facts)
    if not building:
        return non_linking(None, "only a unit, no street or building")
    note = "; ".join(facts) or None
    if is_placeholder(building + unit):
        return non_linking(None, "a placeholder, not an address", note=note)
    return Normalised(building + unit, key=building + unit, partial=building, note=note)


def _han_number(numeral: str) -> str:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23 (building and floor numbers)."""
    tens, _, units = numeral.rpartition("十")
    if "十" not in numeral:
        return "".join(str(_HAN_DIGITS[c]) for c in numeral)
    return str(_HAN_DIGITS.get(tens, 1) * 10 + _HAN_DIGITS.get(units, 0))


def _split_han_unit(s: str, facts: list[str]) -> tuple[str, str]:
    """Split a canonical Han address into (building, unit) at the last anchor that works."""
    anchors = [(m.end(), _STRONG_TAIL_RE) for m in _STRONG_ANCHOR_RE.finditer(s)]
    anchors += [(m.end(), _AREA_TAIL_RE) for m in _AREA_ANCHOR_RE.finditer(s)]
    for end, tail_re in sorted(anchors, reverse=True):
        tail = tail_re.fullmatch(s, end)
        if tail is None or end == len(s):
            continue
        entrance, floor, room = tail.group("entrance", "floor", "room")
        floors = _drop_floors_in_rooms([floor] if floor else [], [room] if room else [], facts)
        unit = (f"{entrance}单元" if entrance else "") + "".join(f"{f}层" for f in floors)
        return s[:end], unit + (f"{room}室" if room else "")
    return s, ""
