"""Addresses: abbreviations, order, Chinese markers, and the unit kept apart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.normalise._base import map_unique
from auditor.normalise.address import _address_row, normalise_address, normalise_address_value
from auditor.tables import NORMALISED_COLUMNS
from tests.factories import generated_raw, parametrised_strings

KEYUAN = "88 building b district keyuan nanshan road shenzhen"
KEYUAN_HAN = "深圳市南山区科苑路88号b栋"


@pytest.mark.parametrize(
    ("raw", "value", "partial"),
    [
        ("Room 1203, Block B, No. 88 Keyuan Rd, Nanshan Dist, Shenzhen",
         f"{KEYUAN}, unit 1203", KEYUAN),
        ("Room 5, 1 Main St", "1 main street, unit 5", "1 main street"),
        ("123 Main St #4", "123 main street, unit 4", "123 main street"),
        ("3rd Floor, 5 Elm St", "5 elm street, floor 3", "5 elm street"),
        ("12/F, 5 Elm St", "5 elm street, floor 12", "5 elm street"),
        ("Flat 5, 10 Downing Street, London", "10 downing london street, unit 5",
         "10 downing london street"),
        ("88 Keyuan Rd, Shenzhen", "88 keyuan road shenzhen", "88 keyuan road shenzhen"),
        ("深圳市南山区科苑路88号B座1203室", f"{KEYUAN_HAN}1203室", KEYUAN_HAN),
        ("深圳市龙华区民治街道XX花园3栋2单元501", "深圳市龙华区民治街道xx花园3栋2单元501室",
         "深圳市龙华区民治街道xx花园3栋"),
        ("深圳市南山区科苑路88号", "深圳市南山区科苑路88号", "深圳市南山区科苑路88号"),
        ("上海黄浦区南京东路100号", "上海市黄浦区南京东路100号", "上海市黄浦区南京东路100号"),
        ("南京路100号", "南京路100号", "南京路100号"),  # a street, not the city
    ],
)
def test_address_table(raw: str, value: str, partial: str) -> None:
    result = normalise_address_value(raw)
    assert (result.value, result.partial, result.status) == (value, partial, "ok")


@pytest.mark.parametrize(
    "variants",
    [
        [
            "Room 1203, Block B, No. 88 Keyuan Rd, Nanshan Dist, Shenzhen",
            "Rm 1203, Bldg B, 88 Keyuan Road, Nanshan District, Shenzhen",
            "RM1203, BLDG B, NO.88 KEYUAN RD., NANSHAN DIST., SHENZHEN",
            "Shenzhen, Nanshan District, Keyuan Road 88, Block B, Room 1203",
            "Suite 1203, Tower B, #88 Keyuan Road, Nanshan District, Shenzhen City",
            "Room 1203, Block B, No. 88 Keyuan Rd, Nanshan Dist, Shenzhen, Guangdong, "
            "P.R. China 518057",
            "12F, Room 1203, Block B, 88 Keyuan Rd, Nanshan Dist, Shenzhen",
            "Ｒｏｏｍ　１２０３，Ｂｌｏｃｋ　Ｂ，Ｎｏ．８８　Ｋｅｙｕａｎ　Ｒｄ，"
            "Ｎａｎｓｈａｎ　Ｄｉｓｔ，Ｓｈｅｎｚｈｅｎ",
        ],
        [
            "深圳市南山区科苑路88号B座1203室",
            "广东省深圳市南山区科苑路88号B栋1203",
            "中国广东省深圳市南山区科苑路88号B幢1203房",
            "广东深圳南山区科苑路88号B栋12楼1203",
            "深圳市 南山区 科苑路 88号 B座 1203室",
            "深圳市南山区科苑路88号B座1203室（518057）",
            "深圳市南山区科苑路８８号Ｂ座１２０３室",
            "深圳市南山区科苑路88号B栋1203号",
        ],
        ["123 Main St Apt 4", "123 Main Street, Apartment 4", "123 MAIN ST. #4",
         "Unit 4, 123 Main Street", "123 Main St, Suite 4"],
        ["深圳市宝安区西乡街道XX花园3号楼2单元501室", "深圳宝安区西乡街道XX花园3栋2单元501",
         "深圳市宝安区西乡街道XX花园三号楼二单元501", "深圳市宝安区西乡街道XX花园第3栋2单元501房"],
        ["深圳市福田区中心四路1号嘉里建设广场第二座12层1203",
         "深圳市福田区中心四路1号嘉里建设广场2座1203室",
         "深圳市福田区中心四路1号嘉里建设广场二座十二楼1203室"],
        ["1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA",
         "1600 Amphitheatre Parkway, Mountain View, CA 94043, United States"],
    ],
)
def test_variants_share_value(variants: list[str]) -> None:
    results = [normalise_address_value(v) for v in variants]
    assert len({r.value for r in results}) == 1, [r.value for r in results]
    assert len({r.key for r in results}) == 1
    assert len({r.partial for r in results}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Room 1203, Block B, 88 Keyuan Rd, Shenzhen",
         "Room 1204, Block B, 88 Keyuan Rd, Shenzhen"),
        ("Room 1203, Block B, 88 Keyuan Rd, Shenzhen", "Block B, 88 Keyuan Rd, Shenzhen"),
        ("深圳市南山区科苑路88号B座1203室", "深圳市南山区科苑路88号B座1204室"),
        ("深圳市南山区科苑路88号B座1203室", "深圳市南山区科苑路88号B座"),
    ],
)
def test_same_building_different_unit(a: str, b: str) -> None:
    ra, rb = normalise_address_value(a), normalise_address_value(b)
    assert ra.partial == rb.partial
    assert ra.value != rb.value


def test_floor_is_kept_when_not_part_of_the_room() -> None:
    a = normalise_address_value("3F, Room 5, 1 Main St")
    b = normalise_address_value("4F, Room 5, 1 Main St")
    assert a.value != b.value
    assert a.partial == b.partial


def test_postcode_and_dropped_floor_go_to_note() -> None:
    result = normalise_address_value("12F, Room 1203, 88 Keyuan Rd, Shenzhen 518057")
    assert result.note == "postcode 518057; floor 12"


def test_key_is_token_sorted() -> None:
    result = normalise_address_value("Rm 5, 1 Main St")
    assert result.key == "1 5 main street unit"


@pytest.mark.parametrize(
    "raw",
    ["n/a", "无", "同上", "-", "same as above", "地址", "Shenzhen", "广东省深圳市", "深圳市南山区",
     "Nanshan District, Shenzhen", "Room 1203", "China", "12345"],
)
def test_not_an_address(raw: str) -> None:
    result = normalise_address_value(raw)
    assert result.status == "non_linking"
    assert result.value is None and result.partial is None and result.key is None
    assert result.reason


def test_series_keeps_index_and_handles_missing() -> None:
    raw = pd.Series(["Room 5, 1 Main St", None, np.nan, "Rm 5, 1 Main Street"], index=[7, 3, 5, 1])
    out = normalise_address(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert list(out.index) == [7, 3, 5, 1]
    assert out["value"].tolist() == ["1 main street, unit 5", None, None, "1 main street, unit 5"]
    assert out["status"].tolist() == ["ok", "invalid", "invalid", "ok"]


_STREET = st.sampled_from(["Keyuan", "Main", "Elm", "Shennan", "Huaqiang", "Binhe"])
_TYPE = st.sampled_from([("Rd", "Road"), ("St", "Street"), ("Ave", "Avenue"),
                         ("Blvd", "Boulevard")])
_UNIT = st.sampled_from(["Room", "Rm", "Suite", "Ste", "Apt", "Unit", "Flat"])
_BLDG = st.sampled_from(["Building", "Bldg", "Block", "Blk", "Tower"])


@settings(max_examples=200, deadline=None)
@given(
    number=st.integers(1, 9999),
    street=_STREET,
    street_type=_TYPE,
    unit_word=st.tuples(_UNIT, _UNIT),
    unit=st.one_of(st.none(), st.integers(1, 3000)),
    building=st.one_of(st.none(), st.sampled_from("ABCDE")),
    bldg_word=st.tuples(_BLDG, _BLDG),
    city=st.sampled_from(["Shenzhen", "Guangzhou", "Los Angeles", "Yiwu"]),
    number_marker=st.sampled_from(["", "No. ", "#", "No."]),
    rnd=st.randoms(use_true_random=False),
    upper=st.booleans(),
)
def test_latin_format_variants_meet(
    number: int, street: str, street_type: tuple[str, str], unit_word: tuple[str, str],
    unit: int | None, building: str | None, bldg_word: tuple[str, str], city: str,
    number_marker: str, rnd: object, upper: bool,
) -> None:
    def render(
        short: bool, marker: str, unit_w: str | None, bldg_w: str, order: list[int]
    ) -> str:
        parts = [f"{marker}{number} {street} {street_type[0 if short else 1]}", city]
        if building:
            parts.append(f"{bldg_w} {building}")
        if unit is not None and unit_w is not None:
            parts.append(f"{unit_w} {unit}")
        return ", ".join(parts[i] for i in order if i < len(parts))

    order = [0, 1, 2, 3]
    shuffled = list(order)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a_text = render(True, number_marker, unit_word[0], bldg_word[0], order)
    b_text = render(False, "", unit_word[1], bldg_word[1], shuffled)
    a = normalise_address_value(a_text)
    b = normalise_address_value(b_text.upper() if upper else b_text)
    assert (a.value, a.key, a.partial) == (b.value, b.key, b.partial)
    no_unit = normalise_address_value(render(True, "", None, bldg_word[0], order))
    assert a.partial == no_unit.partial


@settings(max_examples=200, deadline=None)
@given(
    province=st.sampled_from(["", "广东省", "广东", "中国广东省"]),
    city=st.sampled_from(["深圳市", "深圳"]),
    number=st.integers(1, 999),
    building=st.sampled_from("ABC123"),
    marker=st.sampled_from(["座", "栋", "幢"]),
    room=st.integers(101, 3000),
    room_marker=st.sampled_from(["室", "", "房", "号"]),
    spaced=st.booleans(),
)
def test_han_format_variants_meet(
    province: str, city: str, number: int, building: str, marker: str, room: int,
    room_marker: str, spaced: bool,
) -> None:
    sep = " " if spaced else ""
    text = sep.join([province + city + "南山区", f"科苑路{number}号", building + marker,
                     f"{room}{room_marker}"])
    result = normalise_address_value(text)
    expected_building = f"深圳市南山区科苑路{number}号{building.lower()}栋"
    assert result.partial == expected_building
    assert result.value == f"{expected_building}{room}室"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_value_is_idempotent_and_garbage_never_raises(raw: str) -> None:
    result = normalise_address_value(raw.strip() or "x")
    assert result.status in {"ok", "invalid", "non_linking"}
    if result.status == "ok":
        assert result.value and result.partial and result.key
        again = normalise_address_value(result.value)
        assert (again.value, again.partial) == (result.value, result.partial)


# --- the batch path (normalise_address) gives what normalise_address_value gives ------------


def _reference_row(text: str) -> tuple[object, ...]:
    result = normalise_address_value(text)
    return tuple(getattr(result, c) for c in NORMALISED_COLUMNS)


def assert_batch_is_reference(values: list[str]) -> None:
    for value in values:
        text = value.strip()
        if text:
            assert _address_row(text) == _reference_row(text), value
    raw = pd.Series([*values, None, np.nan, "", "  "], dtype=object)
    pd.testing.assert_frame_equal(normalise_address(raw),
                                  map_unique(raw, normalise_address_value))


def test_batch_is_reference_on_generated_and_table_values() -> None:
    values = generated_raw("address") + parametrised_strings(globals())
    values += [v.upper() for v in values[:200]] + [v.replace(", ", ";") for v in values[:200]]
    values += [v.replace(" ", "") for v in values[:200]] + [v.lower() for v in values[:200]]
    values += ["Room\n5, 1 Main St", "Room 5\n1 Main St", "1 Main St|Suite 4",
               "Unit;4, 1 Main St", "1 Main St\n#4", "Main St, #4", "#4, Main St",
               "12/f, 5 elm st", "Floor\n3, 5 Elm St"]
    assert len(values) > 500
    assert_batch_is_reference(values)


_FRAGMENTS = st.sampled_from(
    ["Room", "Rm", "RM1203", "rm12a", "Suite", "Ste", "#", "#4", "Apt", "Unit", "Flat", "Floor",
     "Fl", "12F", "12/F", "G/F", "B1F", "3rd", "12th", "1st", "floor", "Block", "Blk", "Bldg",
     "Tower", "B", "b2", "No.", "No", "Number", "88", "1203", "12", "518057", "Keyuan", "Rd",
     "Road", "St", "Street", "Ave", "Main", "Nanshan", "Dist", "District", "Shenzhen", "City",
     "city", "Guangdong", "Province", "China", "P.R. China", "PRC", "Hong Kong", "Kong", "Hong",
     "Xi'an", "USA", "Beijing", "new", "area", ",", ";", "|", "\n", "-", "深圳市", "深圳",
     "广东省", "广东", "中国", "中华人民共和国", "上海", "香港", "南京", "南山区", "科苑路",
     "南京路", "大道", "街道", "88号", "88", "12", "B座", "b栋", "3号楼", "号馆", "幢", "第二座",
     "第", "二", "十二", "二十三", "十二楼", "12楼", "12层", "-1层", "f", "1203室", "1203房",
     "1203号", "号房", "房间", "2单元", "501", "邮编518057", "（518057）", "518057", "花园",
     "大厦", "大楼", "公寓", "广场", "小区", "中心", "城", "村", "XX", "同上", "地址", "n/a",
     "Ｒｏｏｍ", "１２０３", "Ｂ座", "é", "·", "（", "）"]
)
_SEPARATORS = st.sampled_from(["", " ", ", ", ",", ".", "\u3000", "-", "/", "#", "\n", ";", "|"])


@settings(max_examples=800, deadline=None)
@given(st.lists(st.tuples(_FRAGMENTS, _SEPARATORS), min_size=1, max_size=9))
def test_batch_is_reference_on_assembled_addresses(parts: list[tuple[str, str]]) -> None:
    assert_batch_is_reference(["".join(f + s for f, s in parts)])


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_batch_is_reference_on_any_text(raw: str) -> None:
    assert_batch_is_reference([raw])


# Addresses are read once per shape of their numbers (see normalise/address.py): the same
# shape with other numbers — longer, shorter, sorting the other way, a room that starts
# with the floor — must give what reading it afresh gives.
_SHAPES = st.sampled_from(
    ["Room {0}, Block B, No. {1} Keyuan Rd, Nanshan Dist, Shenzhen {2}",
     "{0}F, Room {1}, {2} Main St", "{0}/F, Flat {1}, {2} Elm Street, Hong Kong",
     "Flat {0}, {1}-{2} Hatton Garden, London, EC{0}N {1}DX",
     "Suite {0}, Tower {1}, #{2} Keyuan Road", "{0}th Floor, {1} Elm St", "{0} Main St Apt {1}",
     "Rm{0}, Bldg {1}, {2} Rd", "{0} {1} {2}", "Unit {0}, Floor {1}, {2} Road, City",
     "Floor {0}, Unit {1}, {2} Road", "No. {0}, {1}", "Block {0}, {1} Road {2}",
     "{0}, {1} Shenzhen City", "Room {0}{1}, {2} Road, Yiwu",
     "广东省深圳市南山区科苑路{0}号B座{1}室",
     "深圳市福田区中心四路{0}号嘉里建设广场第二座{1}层{2}",
     "深圳市南山区科苑路{0}号B座{1}层{2}", "深圳市宝安区西乡街道XX花园{0}栋{1}单元{2}",
     "邮编{0}深圳市南山区科苑路{1}号", "深圳市南山区科苑路{0}号{1}室（{2}）",
     "深圳市南山区科苑路{0}第{1}号", "深圳市南山区科苑路{0}号{1}楼{2}",
     "上海黄浦区南京东路{0}号{1}F{2}", "深圳市{0}号{1}", "{0}{1}{2}"]
)
_NUMBER = st.one_of(st.from_regex(r"[0-9]{1,7}", fullmatch=True), st.sampled_from(
    ["1", "12", "120", "1203", "518057", "0", "00", "000", "9", "99", "2", "3"]))


@settings(max_examples=1500, deadline=None)
@given(_SHAPES, st.lists(_NUMBER, min_size=3, max_size=3))
def test_batch_is_reference_when_only_the_numbers_change(shape: str, numbers: list[str]) -> None:
    assert_batch_is_reference([shape.format(*numbers)])
