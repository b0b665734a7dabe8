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
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Final, NamedTuple

import pandas as pd

from auditor.normalise._base import Normalised, non_linking
from auditor.normalise.text import (
    HAN_CHARS,
    HAN_CITY_RE,
    HAN_PLACE_PREFIX_RE,
    HAN_PROVINCE_PREFIX_RE,
    HAN_RE,
    MUNICIPALITIES_HAN,
    PLACE_PHRASE_STARTS,
    PLACEHOLDERS,
    PROVINCES_HAN,
    Row,
    compact,
    drop_non_word,
    fold,
    has_han,
    is_placeholder,
    join_place_phrases,
    latin_cities,
    latin_districts,
    latin_provinces,
    map_unique_rows,
    non_linking_row,
    ok_row,
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
    return map_unique_rows(raw, _address_row)


def normalise_address_value(raw: str) -> Normalised:
    """Normalise one address (the reference: :func:`normalise_address` gives the same).

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


# --- fast path ----------------------------------------------------------------------------
#
# :func:`normalise_address` runs this instead of :func:`normalise_address_value`: the same
# steps, with what repeats across addresses computed once — an address is read once per
# shape of its numbers (see below), a Latin segment between commas ("Nanshan District",
# "Block B") once, each token's pattern tests looked up — Han patterns run only from
# where they can match, and each text folded once. Tests check both give the same
# results, also for the same shape with other numbers.

_ASCII_ALPHA_RE: Final = re.compile("[a-zA-Z]")
# Tokens after which the marker loop in _latin_address looks at the next token.
_BINDING: Final = frozenset({"unit", "floor", "building", "#"})
_PLACEHOLDER_ROW: Final = non_linking_row("a placeholder, not an address")


def _address_row(raw: str) -> Row:
    text = fold(raw)
    joined = drop_non_word(text)  # "".join(words(text))
    refolded = fold(text)
    squeezed = joined if refolded == text else drop_non_word(refolded)  # compact(text)
    if not squeezed or squeezed in PLACEHOLDERS or joined in ADDRESS_PLACEHOLDERS:
        return _PLACEHOLDER_ROW
    if text.isascii():
        return _latin_address_by_shape(text)
    if HAN_RE.search(text) is not None:
        return _han_address_by_shape(joined)
    return _latin_address_row(text, lowercase_ascii=False)


# A segment's (other words, (units, floors, buildings) or None when it has none).
_Parts = tuple[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None]
# A segment read further: (other words, kept words, postcode facts, markers as in _Parts,
# plain) — kept: the other words without dropped places and postcodes, as _latin_result
# keeps them, which holds when no word is "city" or starts a place phrase (plain).
_Segment = tuple[
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None,
    bool,
]
# What _latin_finish starts from: kept words, facts, buildings, units, floors.
_LatinParts = tuple[list[str], list[str], list[str], list[str], list[str]]


def _latin_address_row(text: str, *, lowercase_ascii: bool) -> Row:
    """:func:`_latin_address`; ``lowercase_ascii``: ``text`` is ASCII without capitals."""
    parts = _latin_parts(text)
    if parts is not None:
        return _latin_finish(*parts, lowercase_ascii=lowercase_ascii)
    if "/" in text:
        text = _SLASH_F_RE.sub("f", text)  # 12/F → 12f
    segments = _segments(text)
    if "#" in text:  # "#4" reads the words before it, maybe in another segment
        return _latin_address_in_order(segments, lowercase_ascii=lowercase_ascii)
    read = [_segment(segment) for segment in segments]
    units: list[str] = []
    floors: list[str] = []
    buildings: list[str] = []
    for part in read:
        if part[3] is not None:
            units += part[3][0]
            floors += part[3][1]
            buildings += part[3][2]
    rest = [word for part in read for word in part[0]]
    return _latin_result_row(rest, buildings, units, floors, lowercase_ascii=lowercase_ascii)


def _segments(text: str) -> list[str]:
    if ";" in text or "|" in text or "\n" in text:
        return _SEGMENT_RE.split(text)
    return text.split(",")


def _latin_parts(text: str) -> _LatinParts | None:
    """What _latin_address hands _latin_finish, when no "#" and every segment is plain."""
    if "#" in text:
        return None
    if "/" in text:
        text = _SLASH_F_RE.sub("f", text)  # 12/F → 12f
    read = [_segment(segment) for segment in _segments(text)]
    if not all(part[4] for part in read):
        return None
    units: list[str] = []
    floors: list[str] = []
    buildings: list[str] = []
    for part in read:
        if part[3] is not None:
            units += part[3][0]
            floors += part[3][1]
            buildings += part[3][2]
    kept = [word for part in read for word in part[1]]
    facts = [fact for part in read for fact in part[2]]
    return kept, facts, buildings, units, floors


# --- addresses by the shape of their numbers --------------------------------------------
#
# Reading an address up to the point where words are sorted and numbers compared looks at
# where digits are, never at which digits they are: every pattern says \d, [0-9a-z] or
# \d{6}, never "1". And every number — a run of ASCII digits — ends up whole inside one
# word. So an address is read once per *shape* (its digits all written 0: "room 0000, no.
# 00 keyuan road" for "room 1203, no. 88 keyuan road"): read with each number written in
# a digit of its own ("room 0000, no. 11 keyuan road"), the words kept as format templates
# ("room {0}"), and the numbers put back. 100k addresses have about 4k shapes. What does
# look at the digits — sorting, a floor dropped because the room number starts with it,
# placeholder checks — runs after the numbers are back.

_NUMBERS_RE: Final = re.compile("([0-9]+)")
_DIGIT_RUN_RE: Final = re.compile("[0-9]+")
_NONZERO_DIGIT_RE: Final = re.compile("[1-9]")
_DIGITS_ONLY: Final = bytes(b if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_DIGITS_AS_ZERO: Final = bytes.maketrans(b"123456789", b"000000000")
_MASKED_RE: Final = re.compile("0+|1+|2+|3+|4+|5+|6+|7+|8+|9+")
_MASK_DIGITS: Final = "0123456789"
_GROUP: Final = "\x1e"  # separates the lists in a template
_ITEM: Final = "\x1f"  # separates the words of a list


def _shape(text: str) -> tuple[str, list[str]] | None:
    """(``text`` with its digits written 0, its numbers), or None with more than ten.

    The first is the cache key of the shape; _masked writes each number apart.
    """
    if text.isascii():
        data = text.encode("ascii")
        numbers = data.translate(_DIGITS_ONLY).decode("ascii").split()
        zeroed = data.translate(_DIGITS_AS_ZERO).decode("ascii")
    else:
        numbers = _DIGIT_RUN_RE.findall(text)
        zeroed = _NONZERO_DIGIT_RE.sub("0", text)
    if len(numbers) > len(_MASK_DIGITS):
        return None
    return zeroed, numbers


def _masked(zeroed: str) -> str:
    """The first number written with 0s, the next with 1s…: digits that tell them apart."""
    parts = _NUMBERS_RE.split(zeroed)  # text, number, text, number…, text
    parts[1::2] = map(str.__mul__, _MASK_DIGITS, map(len, parts[1::2]))
    return "".join(parts)


def _template(masked: str, read: str) -> str | None:
    """``read`` (made from ``masked``) as a format string with {i} for the i-th number.

    None when a run of digits in ``read`` is not one whole masked number.
    """
    masks = {number[0]: number for number in _NUMBERS_RE.findall(masked)}
    whole = True

    def field(match: re.Match[str]) -> str:
        nonlocal whole
        run = match[0]
        if masks.get(run[0]) != run:
            whole = False
        return f"{{{_MASK_DIGITS.index(run[0])}}}"

    template = _MASKED_RE.sub(field, read.replace("{", "{{").replace("}", "}}"))
    return template if whole else None


def _latin_address_by_shape(text: str) -> Row:
    """:func:`_latin_address_row` of lowercase ASCII ``text``, read once per shape."""
    shape = _shape(text)
    plan = None if shape is None else _latin_plan(shape[0])
    if plan is None or shape is None:
        return _latin_address_row(text, lowercase_ascii=True)
    numbers = shape[1]
    if isinstance(plan, _LatinRow):
        note = None if plan.note is None else plan.note.format(*numbers)
        if plan.reason is not None:
            return non_linking_row(plan.reason, note=note)
        return _latin_value_row(
            plan.value.format(*numbers), plan.building.format(*numbers), note,
            lowercase_ascii=True, key=None if plan.key is None else plan.key.format(*numbers),
        )
    groups = plan.format(*numbers).split(_GROUP)
    kept, facts, buildings, units, floors = [g.split(_ITEM) if g else [] for g in groups]
    return _latin_finish(kept, facts, buildings, units, floors, lowercase_ascii=True)


class _LatinRow(NamedTuple):
    """A Latin address's row as templates (see _latin_plan)."""

    reason: str | None  # non-linking: why
    note: str | None
    value: str
    building: str
    key: str | None  # None: sort the value's words


@lru_cache(maxsize=1 << 14)
def _latin_plan(zeroed: str) -> _LatinRow | str | None:
    """How to read addresses of this shape: None (read each), the row as templates, or
    the template of _latin_finish's lists (when sorting or dropping a floor depends on
    the numbers).

    A list sorts the same with its numbers masked when at most one of its strings has
    digits: digits differ from any other character the same way, whichever they are.
    """
    masked = _masked(zeroed)
    parts = _latin_parts(masked)
    if parts is None:
        return None
    kept, facts, buildings, units, floors = parts
    building_words = [f"building {b}" for b in buildings] + kept
    unit_words = [f"unit {u}" for u in units] + [f"floor {f}" for f in floors]
    if (floors and units) or _with_digits(building_words) > 1 or _with_digits(unit_words) > 1:
        return _template(masked, _GROUP.join(_ITEM.join(words) for words in parts))
    building = " ".join(sorted(building_words))
    unit = " ".join(sorted(unit_words))
    note = _template(masked, "; ".join(facts)) if facts else None
    reason = _too_vague(kept, buildings, building, unit)
    if reason is not None:
        return None if facts and note is None else _LatinRow(reason, note, "", "", None)
    value = f"{building}, {unit}" if unit else building
    value_words = value.replace(",", "").split()
    key = " ".join(sorted(value_words)) if _with_digits(value_words) <= 1 else None
    templates = [_template(masked, text) for text in (value, building, key or "")]
    if None in templates or (facts and note is None):
        return None
    value_t, building_t, key_t = templates
    return _LatinRow(None, note, value_t or "", building_t or "", None if key is None else key_t)


def _with_digits(words: list[str]) -> int:
    return sum(1 for word in words if _NUMBERS_RE.search(word))


def _han_address_by_shape(joined: str) -> Row:
    """:func:`_han_address_row` of ``joined``, read once per shape."""
    shape = _shape(joined)
    read = None if shape is None else _han_template(shape[0])
    if read is None or shape is None:
        return _han_address_row(joined)
    if not isinstance(read, str):
        return read
    building, entrance, floor, room, facts_text = read.format(*shape[1]).split(_GROUP)
    facts = facts_text.split(_ITEM) if facts_text else []
    return _han_finish(joined, building, entrance, floor, room, facts)


@lru_cache(maxsize=1 << 14)
def _han_template(zeroed: str) -> str | Row | None:
    masked = _masked(zeroed)
    read = _han_read(masked)
    if not isinstance(read, _HanSplit):
        return read
    if read.wrote_digits:  # 二座 → 2栋: digits that are none of the numbers
        return None
    return _template(masked, _GROUP.join(
        [read.s[: read.end], read.entrance or "", read.floor or "", read.room or "",
         _ITEM.join(read.facts)]
    ))


def _latin_address_in_order(segments: list[str], *, lowercase_ascii: bool) -> Row:
    units: list[str] = []
    floors: list[str] = []
    buildings: list[str] = []
    rest: list[str] = []
    for segment in segments:
        if "#" in segment:
            _read_segment(_segment_tokens(segment), units, floors, buildings, rest)
            continue
        seg_rest, seg_markers = _segment_parts(segment)
        rest += seg_rest
        if seg_markers is not None:
            units += seg_markers[0]
            floors += seg_markers[1]
            buildings += seg_markers[2]
    return _latin_result_row(rest, buildings, units, floors, lowercase_ascii=lowercase_ascii)


@lru_cache(maxsize=1 << 16)
def _segment(segment: str) -> _Segment:
    """A segment without "#", read: what _segment_parts and _latin_result make of it."""
    tokens = words(segment)  # = words(segment, keep="#") with no "#"
    if not PLACE_PHRASE_STARTS.isdisjoint(tokens):  # (markers glued to numbers are not)
        rest, markers = _segment_parts(segment)
    else:
        units: list[str] = []
        floors: list[str] = []
        buildings: list[str] = []
        read: list[str] = []
        for token in tokens:  # _segment_tokens
            if token.isalpha():
                read.append(ABBREVIATIONS.get(token, token))
            elif token.isdigit():  # no abbreviation has digits
                read.append(token)
            else:
                read += [ABBREVIATIONS.get(t, t) for t in _glued(token)]
        rest_list: list[str] = []
        _read_segment(read, units, floors, buildings, rest_list)
        rest = tuple(rest_list)
        markers = ((tuple(units), tuple(floors), tuple(buildings))
                   if units or floors or buildings else None)
    drop = _latin_place_sets()[0]
    kept: list[str] = []
    facts: list[str] = []
    for token in rest:
        if token in drop:
            continue
        if len(token) == 6 and _POSTCODE_RE.fullmatch(token):
            facts.append(f"postcode {token}")
            continue
        kept.append(token)
    plain = "city" not in rest and PLACE_PHRASE_STARTS.isdisjoint(rest)
    return rest, tuple(kept), tuple(facts), markers, plain


def _segment_parts(segment: str) -> _Parts:
    units: list[str] = []
    floors: list[str] = []
    buildings: list[str] = []
    rest: list[str] = []
    _read_segment(_segment_tokens(segment), units, floors, buildings, rest)
    if units or floors or buildings:
        return tuple(rest), (tuple(units), tuple(floors), tuple(buildings))
    return tuple(rest), None


def _segment_tokens(segment: str) -> list[str]:
    """``_latin_tokens(segment)`` with abbreviations spelled out."""
    tokens: list[str] = []
    for token in words(segment, keep="#"):
        if token.isalpha() or token.isdigit():  # not a marker glued to a number
            tokens.append(token)
        else:
            tokens += _glued(token)
    if not PLACE_PHRASE_STARTS.isdisjoint(tokens):
        tokens = join_place_phrases(tokens)
    return [ABBREVIATIONS.get(t, t) for t in tokens]


@lru_cache(maxsize=1 << 14)
def _glued(token: str) -> tuple[str, ...]:
    glued = _GLUED_RE.fullmatch(token)
    return glued.groups() if glued else (token,)


@lru_cache(maxsize=1 << 14)
def _floor_token(token: str) -> str | None:
    floor_token = _FLOOR_TOKEN_RE.fullmatch(token)
    return None if floor_token is None else floor_token.group(1)


def _read_segment(
    tokens: list[str], units: list[str], floors: list[str], buildings: list[str],
    rest: list[str],
) -> None:
    """The marker loop of :func:`_latin_address` over one segment's tokens."""
    i = 0
    n = len(tokens)
    while i < n:
        token = tokens[i]
        after = tokens[i + 1] if i + 1 < n else ""
        if token not in _BINDING and after != "floor":
            floor = _floor_token(token)
            if floor is not None:
                floors.append(floor)
            elif token not in _MARKERS:
                rest.append(token)
            i += 1
            continue
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


def _latin_result_row(
    rest: list[str], buildings: list[str], units: list[str], floors: list[str], *,
    lowercase_ascii: bool,
) -> Row:
    """:func:`_latin_result`; ``lowercase_ascii``: the tokens are ASCII without capitals."""
    facts: list[str] = []
    if not PLACE_PHRASE_STARTS.isdisjoint(rest):
        ordered = sorted(rest)
        while (joined := join_place_phrases(ordered)) != ordered:
            rest = joined
            ordered = sorted(rest)
    drop, cities, _ = _latin_place_sets()
    kept: list[str] = []
    for token in rest:
        if token in drop or (token == "city" and kept and kept[-1] in cities):
            continue
        if len(token) == 6 and _POSTCODE_RE.fullmatch(token):
            facts.append(f"postcode {token}")
            continue
        kept.append(token)
    return _latin_finish(kept, facts, buildings, units, floors, lowercase_ascii=lowercase_ascii)


def _latin_finish(
    kept: list[str], facts: list[str], buildings: list[str], units: list[str],
    floors: list[str], *, lowercase_ascii: bool,
) -> Row:
    """The end of :func:`_latin_result`, from the kept words and the facts so far."""
    if floors:
        floors = _drop_floors_in_rooms(floors, units, facts)
    building = " ".join(sorted([f"building {b}" for b in buildings] + kept))
    unit = " ".join(sorted([f"unit {u}" for u in units] + [f"floor {f}" for f in floors]))
    note = "; ".join(facts) or None
    reason = _too_vague(kept, buildings, building, unit)
    if reason is not None:
        return non_linking_row(reason, note=note)
    value = f"{building}, {unit}" if unit else building
    return _latin_value_row(value, building, note, lowercase_ascii=lowercase_ascii)


def _too_vague(kept: list[str], buildings: list[str], building: str, unit: str) -> str | None:
    """Why _latin_result finds the address too vague to link, if it does."""
    if not building:
        if unit:
            return "only a unit, no street or building"
        return "only a region, not an address"
    if not buildings:
        letters = "".join(kept)
        if not (
            _ASCII_ALPHA_RE.search(letters)
            if letters.isascii()
            else any(c.isalpha() for c in letters)
        ):
            return "only numbers, no street or building name"
        if len(kept) < 2:
            return "a single word, too little to be an address"
        if not unit and _latin_place_sets()[2].issuperset(kept):
            return "only a city or district, not an address"
    return None


def _latin_value_row(
    value: str, building: str, note: str | None, *, lowercase_ascii: bool,
    key: str | None = None,
) -> Row:
    """The row for ``value`` (key: its words sorted, unless given)."""
    # compact(value): folding changes nothing in lowercase ASCII.
    squeezed = drop_non_word(value) if lowercase_ascii else compact(value)
    if not squeezed or squeezed in PLACEHOLDERS:
        return non_linking_row("a placeholder, not an address", note=note)
    if key is None:
        key = " ".join(sorted(value.replace(",", "").split()))
    return ok_row(value, key=key, partial=building, note=note)


# A Han rewrite below runs only from where its first match can start: a guard pattern finds
# the first run of the characters a match is made of ending in a marker (a match begins at
# the start of such a run, and the patterns look at nothing before their match), so the
# sub scans a short tail instead of the whole address. Replacements are functions, which
# re applies faster than "\\1" templates.
_HAN_STREET_NO_GUARD_RE: Final = re.compile(r"[路街道巷弄]\d+(?=$|[^\d号a-z栋座幢楼层室房单])")
_HAN_BUILDING_GUARD_RE: Final = re.compile("[a-z0-9]+(?:号楼|号馆|号栋|座|幢|栋|楼)")
_HAN_FLOOR_GUARD_RE: Final = re.compile(r"[-\d]+(?:楼层|层|楼|f)")
_HAN_ROOM_GUARD_RE: Final = re.compile(r"[a-z\d]+(?:号房|房|室)")
_SIX_DIGITS_RE: Final = re.compile(r"\d{6}")
# Where a province prefix may start (see HAN_PROVINCE_PREFIX_RE).
_PROVINCE_STARTS: Final = ("中国", "中华人民共和国", *(p for p in PROVINCES_HAN
                                                    if p not in MUNICIPALITIES_HAN))
# The characters a unit tail (_STRONG_TAIL_RE, _AREA_TAIL_RE) is made of, from the end.
_TAIL_RUN_RE: Final = re.compile(r"[\da-z\-单元层室号]*")
_PLAIN_HAN_ADDRESS_RE: Final = re.compile("[a-z0-9\u4e00-\u9fff]*")


def _han_address_row(joined: str) -> Row:
    """:func:`_han_address` of the text whose non-word characters ``joined`` drops."""
    read = _han_read(joined)
    if not isinstance(read, _HanSplit):
        return read
    return _han_finish(joined, read.s[: read.end], read.entrance or "", read.floor or "",
                       read.room or "", read.facts)


class _HanSplit(NamedTuple):
    """A Han address read up to the unit split, before a floor the room starts with goes."""

    s: str
    end: int  # where the building ends
    entrance: str | None
    floor: str | None
    room: str | None
    facts: list[str]
    wrote_digits: bool  # Han numerals became digits


def _han_read(joined: str) -> _HanSplit | Row:
    """_han_address up to the unit split, or the row when it ends before."""
    s = joined.replace("第", "")  # 第二座 = 二座, 第一工业区 = 一工业区
    if _HAN_STREET_NO_GUARD_RE.search(s):
        s = _HAN_STREET_NO_RE.sub(_street_number, s)
    wrote_digits = _HAN_NUMERAL_RE.search(s) is not None
    if wrote_digits:
        s = _HAN_NUMERAL_RE.sub(_han_numeral, s)
    s = _sub_from(_HAN_BUILDING_GUARD_RE, _HAN_BUILDING_RE, _han_building, s)
    s = _sub_from(_HAN_FLOOR_GUARD_RE, _HAN_FLOOR_RE, _han_floor, s)
    s = _sub_from(_HAN_ROOM_GUARD_RE, _HAN_ROOM_RE, _han_room, s)
    facts: list[str] = []
    if _SIX_DIGITS_RE.search(s):
        while (postcode := _HAN_POSTCODE_RE.search(s)) is not None:
            facts.append("postcode " + re.sub(r"\D", "", postcode.group()))
            s = s[: postcode.start()] + s[postcode.end() :]
    while s.startswith(_PROVINCE_STARTS):  # else the prefix pattern strips nothing
        stripped = HAN_PROVINCE_PREFIX_RE.sub("", s)  # 中国广东省…
        if stripped == s:
            break
        s = stripped
    city = HAN_CITY_RE.match(s)
    if city is not None and city.group() not in ("香港", "澳门"):
        after = s[city.end() :]
        if not after.startswith(("市", "特别行政区", "路", "街", "道", "巷", "大道")):
            s = f"{city.group()}市{after}"
    prefix = HAN_PLACE_PREFIX_RE.match(s)  # anchored: sub("", s) is s[prefix.end():]
    if HAN_RE.search(s, 0 if prefix is None else prefix.end()) is None:
        return _ONLY_A_PLACE_ROW
    end, entrance, floor, room = _han_unit(s)
    if not end:
        return _ONLY_A_UNIT_ROW
    return _HanSplit(s, end, entrance, floor, room, facts, wrote_digits)


def _han_finish(
    joined: str, building: str, entrance: str, floor: str, room: str, facts: list[str]
) -> Row:
    """The end of _han_address from the unit split (empty strings for missing parts)."""
    if floor and room and len(room) > len(floor) and room.startswith(floor):
        facts.append(f"floor {floor}")  # _drop_floors_in_rooms
        floor = ""
    unit = (f"{entrance}单元" if entrance else "") + (f"{floor}层" if floor else "")
    unit += f"{room}室" if room else ""
    note = "; ".join(facts) or None
    value = building + unit
    # compact(value): made of the characters of joined and the markers put in, value is
    # left as it is when those are lowercase ASCII letters, digits and CJK ideographs.
    squeezed = value if _PLAIN_HAN_ADDRESS_RE.fullmatch(joined) else compact(value)
    if not squeezed or squeezed in PLACEHOLDERS:
        return non_linking_row("a placeholder, not an address", note=note)
    return ok_row(value, key=value, partial=building, note=note)


_ONLY_A_PLACE_ROW: Final = non_linking_row("only a city or district, not an address")
_ONLY_A_UNIT_ROW: Final = non_linking_row("only a unit, no street or building")


def _sub_from(
    guard: re.Pattern[str], pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str],
    s: str,
) -> str:
    """``pattern.sub(repl, s)``, given that no match starts before ``guard``'s first one."""
    first = guard.search(s)
    if first is None:
        return s
    k = first.start()
    return s[:k] + pattern.sub(repl, s[k:])


def _han_unit(s: str) -> tuple[int, str | None, str | None, str | None]:
    """:func:`_split_han_unit`, as (where the building ends, entrance, floor, room).

    Anchors are looked for only where a unit tail can follow: a tail is made of digits and
    _TAIL_RUN_RE's characters, so an anchor whose tail matches ends at or after the start
    of the last run of those; anchors are at most two characters, or digits and 号 (inside
    the run), so they start at most two characters before it.
    """
    n = len(s)
    run = n - _TAIL_RUN_RE.match(s[::-1]).end()  # type: ignore[union-attr]
    if run == n:
        return n, None, None, None
    start = max(0, run - 2)
    anchors = [(m.end(), _STRONG_TAIL_RE) for m in _STRONG_ANCHOR_RE.finditer(s, start)]
    anchors += [(m.end(), _AREA_TAIL_RE) for m in _AREA_ANCHOR_RE.finditer(s, start)]
    if len(anchors) > 1:
        anchors.sort(reverse=True)
    for end, tail_re in anchors:
        tail = tail_re.fullmatch(s, end)
        if tail is None or end == n:
            continue
        entrance, floor, room = tail.group("entrance", "floor", "room")
        return end, entrance, floor, room
    return n, None, None, None


def _street_number(m: re.Match[str]) -> str:
    return f"{m[1]}{m[2]}号"


def _han_numeral(m: re.Match[str]) -> str:
    return _han_number(m[1])


def _han_building(m: re.Match[str]) -> str:
    return f"{m.group(1) or m.group(2)}栋"


def _han_floor(m: re.Match[str]) -> str:
    return f"{m[1]}层"


def _han_room(m: re.Match[str]) -> str:
    return f"{m[1]}室"
