from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

import pandas as pd
import phonenumbers
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneMetadata

from auditor.errors import ConfigError
from auditor.normalise._base import map_unique
from auditor.normalise.phone import _DESCS, _Pattern, normalise_phone, normalise_phone_value
from auditor.sample import generate
from auditor.tables import NORMALISED_COLUMNS
from tests.factories import assert_batch_is_reference

FAST = settings(max_examples=200, deadline=None)
MOBILE = "+8613800138000"


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "138.0013.8000",
        "+86 138-0013-8000",
        "+86 13800138000",
        "+8613800138000",
        "(+86) 138 0013 8000",
        "+86-138-0013-8000",
        "0086 13800138000",
        "0086-138-0013-8000",
        "008613800138000",
        "86 13800138000",
        "8613800138000",
        "１３８００１３８０００",  # full-width digits
        "＋８６ １３８ ００１３ ８０００",
        "13800138000.0",  # a spreadsheet float
        "tel:+86-138-0013-8000",
        "手机：13800138000",
        "手机号:138 0013 8000",
        "138 0013 8000 (张先生)",
        "13800138000 张先生",
        "【手机】13800138000",
        "Mob: +86 138 0013 8000",
    ],
)
def test_notations_of_one_chinese_mobile(raw: str) -> None:
    result = normalise_phone_value(raw)
    assert (result.value, result.status, result.reason) == (MOBILE, "ok", None)
    assert result.note == "CN; mobile"


@pytest.mark.parametrize(
    ("raw", "region", "value", "note"),
    [
        ("(+1) 415 555 2671 ext. 12", "CN", "+14155552671", "US; fixed line or mobile; ext. 12"),
        ("+1 (415) 555-2671 x12", "CN", "+14155552671", "US; fixed line or mobile; ext. 12"),
        ("+1 415.555.2671", "CN", "+14155552671", "US; fixed line or mobile"),
        ("(415) 555-2671", "US", "+14155552671", "US; fixed line or mobile"),
        ("415-555-2671", "US", "+14155552671", "US; fixed line or mobile"),
        ("1-415-555-2671", "US", "+14155552671", "US; fixed line or mobile"),
        ("011 86 138 0013 8000", "US", MOBILE, "CN; mobile"),
        ("0086 13800138000", "US", MOBILE, "CN; mobile"),  # 0086 wherever the data is from
        ("0086 13800138000", "GB", MOBILE, "CN; mobile"),
        ("+86 755 8765 4321", "CN", "+8675587654321", "CN; fixed line"),
        ("0755-87654321", "CN", "+8675587654321", "CN; fixed line"),
        ("(0755) 8765 4321", "CN", "+8675587654321", "CN; fixed line"),
        ("0755-87654321转801", "CN", "+8675587654321", "CN; fixed line; ext. 801"),
        ("0755-87654321 分机 801", "CN", "+8675587654321", "CN; fixed line; ext. 801"),
        ("010-62345678", "CN", "+861062345678", "CN; fixed line"),
        ("400-810-8888", "CN", "+864008108888", "CN; shared cost"),
        ("+852 6123 4567", "CN", "+85261234567", "HK; mobile"),
        ("+886 912 345 678", "CN", "+886912345678", "TW; mobile"),
        ("+44 (0)20 7946 0958", "CN", "+442079460958", "GB; fixed line"),
        ("020 7946 0958", "GB", "+442079460958", "GB; fixed line"),
        ("+49 30 901820", "CN", "+4930901820", "DE; fixed line"),
        ("+81 90-1234-5678", "CN", "+819012345678", "JP; mobile"),
        ("090-1234-5678", "JP", "+819012345678", "JP; mobile"),
    ],
)
def test_valid(raw: str, region: str, value: str, note: str) -> None:
    result = normalise_phone_value(raw, region)
    assert (result.value, result.note, result.status) == (value, note, "ok")


@pytest.mark.parametrize(
    "raw",
    [
        "00000000000",
        "000-0000-0000",
        "11111111111",
        "88888888888",
        "12345678901",
        "1234567890",
        "123456789",
        "987654321",
        "13800000000",
        "+86 139 0000 0000",
        "+1 415 000 0000",
    ],
)
def test_placeholders_are_non_linking(raw: str) -> None:
    result = normalise_phone_value(raw)
    assert (result.status, result.reason) == ("non_linking", "placeholder number")


def test_valid_placeholder_keeps_its_value() -> None:
    assert normalise_phone_value("13800000000").value == "+8613800000000"


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",  # a well-known example number is still a real, valid number
        "13888888888",  # lucky numbers are real numbers too
        "13912345678",
    ],
)
def test_not_guessed_as_placeholders(raw: str) -> None:
    assert normalise_phone_value(raw).status == "ok"


@pytest.mark.parametrize(
    ("raw", "region", "reason"),
    [
        ("abc", "CN", "not a phone number"),
        ("张先生", "CN", "not a phone number"),
        ("1", "CN", "not a phone number"),
        ("+", "CN", "not a phone number"),
        ("138001380001", "CN", "not a valid phone number for CN (unassigned range); "
                               "read as CN because no country code is written"),
        ("+86 1380", "CN", "not a valid phone number (too short for CN)"),
        ("+1 415 555", "CN", "not a valid phone number (too short for US)"),
        ("+1 415 555 26711", "CN", "not a valid phone number (too long for US)"),
        ("+86 100 1234 5678", "CN", "not a valid phone number for CN (unassigned range)"),
        ("+999 1234 5678", "CN", "unknown or missing country code"),
        ("12" * 150, "CN", "too long to be a phone number"),
        ("13800138000 / 13900139000", "CN", "too long to be a phone number"),
        ("+1 415 123 4567", "CN", "not a valid phone number for US (unassigned range)"),
        ("415 123 4567", "US", "not a valid phone number for US (unassigned range); "
                               "read as US because no country code is written"),
    ],
)  # fmt: skip
def test_invalid(raw: str, region: str, reason: str) -> None:
    result = normalise_phone_value(raw, region)
    assert (result.value, result.status, result.reason) == (None, "invalid", reason)


def test_default_region_is_a_keyword_and_applies() -> None:
    raw = pd.Series(["(415) 555-2671", "13800138000"])
    us = normalise_phone(raw, default_region="us")
    cn = normalise_phone(raw)
    assert us["value"].tolist()[0] == "+14155552671"
    assert cn["value"].tolist()[1] == MOBILE


def test_unknown_default_region_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown default phone region 'XX'"):
        normalise_phone(pd.Series(["13800138000"]), default_region="XX")


def test_series_keeps_index_and_handles_missing_and_duplicates() -> None:
    raw = pd.Series(
        ["+86 138-0013-8000", None, 13800138000, float("nan"), "", "0086 13800138000", "abc"],
        index=list("abcdefg"),
        dtype="object",
    )
    out = normalise_phone(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert out.index.equals(raw.index)
    assert out.loc[["a", "c", "f"], "value"].tolist() == [MOBILE] * 3
    assert out.loc[["b", "d", "e"], "reason"].tolist() == ["empty value"] * 3
    assert out.loc["g", "status"] == "invalid"


def test_float_column_from_a_spreadsheet() -> None:
    raw = pd.Series([13800138000.0, None, 13900139000.0])
    assert normalise_phone(raw)["value"].tolist()[::2] == [MOBILE, "+8613900139000"]


# --- properties ---------------------------------------------------------------------------

STATUSES = {"ok", "invalid", "non_linking"}
cn_mobiles = st.builds(
    lambda prefix, rest: f"1{prefix}{rest}",
    st.sampled_from(["30", "35", "36", "38", "39", "50", "58", "86", "88", "89", "77", "99"]),
    st.from_regex(r"[0-9]{8}", fullmatch=True),
)


def _cn_renderings(national: str) -> list[str]:
    a, b, c = national[:3], national[3:7], national[7:]
    full_width = national.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return [
        national,
        f"{a} {b} {c}",
        f"{a}-{b}-{c}",
        f"+86 {a} {b} {c}",
        f"+86{national}",
        f"(+86) {a}-{b}-{c}",
        f"0086 {national}",
        f"0086-{a}-{b}-{c}",
        f"86{national}",
        full_width,
        f"{national}.0",
        f"tel:+86-{a}-{b}-{c}",
        f"手机：{national}",
        f"{a} {b} {c} (王女士)",
        f"{national} ext. 8",
        f"{national}转8",
    ]


@FAST
@given(cn_mobiles)
def test_chinese_mobile_notations_meet(national: str) -> None:
    results = {normalise_phone_value(r).value for r in _cn_renderings(national)}
    assert results == {normalise_phone_value(f"+86{national}").value}
    assert len(results) == 1


regions = st.sampled_from(sorted(phonenumbers.SUPPORTED_REGIONS))


@FAST
@given(regions)
def test_every_regions_example_number_in_every_format_meets(region: str) -> None:
    number = phonenumbers.example_number(region)
    assume(number is not None)
    fmt = phonenumbers.PhoneNumberFormat
    renderings = [
        phonenumbers.format_number(number, fmt.E164),
        phonenumbers.format_number(number, fmt.INTERNATIONAL),
        phonenumbers.format_number(number, fmt.RFC3966),
    ]
    national = phonenumbers.format_number(number, fmt.NATIONAL)
    results = {normalise_phone_value(r, "CN") for r in renderings}
    results.add(normalise_phone_value(national, region))
    assert len(results) == 1
    result = results.pop()
    assert result.value == phonenumbers.format_number(number, fmt.E164) or (
        result.status == "non_linking"
    )


@FAST
@given(cn_mobiles, regions)
def test_idempotent(national: str, region: str) -> None:
    first = normalise_phone_value(national)
    assume(first.value is not None)
    assert normalise_phone_value(first.value, region) == first


@FAST
@given(st.text())
def test_garbage_never_raises(text: str) -> None:
    result = normalise_phone_value(text)
    assert result.status in STATUSES
    if result.status == "ok":
        assert result.value is not None and result.value.startswith("+")


@FAST
@given(st.text(alphabet="0123456789+-() .x#转ext０１８", max_size=40), regions)
def test_number_like_garbage_never_raises(text: str, region: str) -> None:
    result = normalise_phone_value(text, region)
    assert result.status in STATUSES


# --- the fast path gives what normalise_phone_value gives --------------------------------


def _table_inputs() -> list[tuple[str, str]]:
    """(raw, default region) of this file's table tests."""
    pairs = [(p[0] if isinstance(p, tuple) else p, "CN")
             for test in (test_notations_of_one_chinese_mobile, test_placeholders_are_non_linking,
                          test_not_guessed_as_placeholders)
             for mark in vars(test)["pytestmark"] for p in mark.args[1]]  # fmt: skip
    pairs += [(p[0], p[1]) for test in (test_valid, test_invalid)
              for mark in vars(test)["pytestmark"] for p in mark.args[1]]  # fmt: skip
    return pairs


def assert_fast_is_reference(values: Sequence[object], region: str = "CN") -> None:
    assert_batch_is_reference(
        values,
        functools.partial(normalise_phone, default_region=region),
        functools.partial(normalise_phone_value, default_region=region),
    )


def test_fast_path_on_generated_data() -> None:
    data = generate(2000, seed=5)
    phones = data.identifiers.loc[data.identifiers["kind"] == "phone", "raw"].tolist()
    for region in ("CN", "US", "GB", "HK"):
        assert_fast_is_reference(phones, region)


def test_fast_path_on_table_inputs_and_edge_cases() -> None:
    by_region: dict[str, list[object]] = {}
    for raw, region in _table_inputs():
        by_region.setdefault(region, []).append(raw)
    for region, values in by_region.items():
        assert_fast_is_reference(values, region)
    assert_fast_is_reference([])
    edges: list[object] = [None, float("nan"), "", " ", 13800138000.0, 13800138000, "+",
                           b"13800138000", "00",
                           "+0", "+86", "0086", "1" * 20, "+" + "1" * 20, "8613800138000",
                           "+86 17912345678", "17912345678", "11912345678", "12345678901",
                           "+86 138 0000 0000", "+86 (138) 0013 8000", "+1 (415) 555-2671",
                           "1 415 555 2671", "+44 20 7946 0958", "020 7946 0958",
                           "+39 06 6982 0000", "06 6982 0000", "+800 1234 5678",
                           "+882 1234 5678", "0011 1 415 555 2671",
                           "011 1 415 555 2671"]  # fmt: skip
    for region in ("CN", "US", "GB", "IT", "AU", "DE"):
        assert_fast_is_reference(edges, region)


regions_fast = st.sampled_from(
    ["CN", "US", "GB", "DE", "HK", "IN", "JP", "AU", "BR", "RU", "FR", "IT", "AR", "MX", "ID",
     "KR", "CA", "SG", "TW", "NL"]
)  # fmt: skip
_types = st.sampled_from(list(phonenumbers.PhoneNumberType.values()))


@st.composite
def _spelled_numbers(draw: st.DrawFn) -> str:
    """A number near a region's example number, written as people write numbers."""
    region = draw(regions)
    example = phonenumbers.example_number_for_type(region, draw(_types))
    if example is None:
        example = phonenumbers.example_number(region)
    assume(example is not None)
    assert example is not None
    national = phonenumbers.national_significant_number(example)
    keep = draw(st.integers(0, len(national)))
    tail = draw(st.text(alphabet="0123456789", min_size=0, max_size=len(national) - keep + 2))
    digits = national[:keep] + tail
    code = str(example.country_code)
    head = draw(st.sampled_from([f"+{code}", f"+{code} ", f"00{code} ", f"{code}", "", "0"]))
    cuts = sorted(draw(st.lists(st.integers(1, max(1, len(digits) - 1)), max_size=4)))
    groups, last = [], 0
    for cut in [*cuts, len(digits)]:
        groups.append(digits[last:cut])
        last = cut
    separator = draw(st.sampled_from([" ", "-", ".", ""]))
    body = separator.join(g for g in groups if g)
    if draw(st.booleans()) and groups and groups[0]:
        body = f"({groups[0]}) " + separator.join(g for g in groups[1:] if g)
    return head + body


@FAST
@given(st.lists(_spelled_numbers(), max_size=20), regions_fast)
def test_fast_path_on_spelled_numbers(values: list[str], region: str) -> None:
    assert_fast_is_reference(list(values), region)


@FAST
@given(st.lists(cn_mobiles, max_size=5), regions_fast)
def test_fast_path_on_chinese_mobile_notations(nationals: list[str], region: str) -> None:
    values = [r for national in nationals for r in _cn_renderings(national)]
    assert_fast_is_reference(values, region)


@FAST
@given(st.lists(st.text(alphabet="0123456789+-() .", max_size=24), max_size=20), regions_fast)
def test_fast_path_on_number_like_garbage(values: list[str], region: str) -> None:
    assert_fast_is_reference(list(values), region)


def test_usual_notations_take_the_array_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(text: str, default_region: str = "CN") -> None:
        raise AssertionError(f"{text!r} went to normalise_phone_value")

    values = ["+86 138 0013 8000", "13800138000", "0086-138-0013-8000", "+8613800138000",
              "138-0013-8000", "+1 415-555-2671", "+1 (415) 555-2671", "001 415 555 2671",
              "+86 100 0000 0000", "13800000000", "+86 170 0000 0000"]  # fmt: skip
    expected = map_unique(pd.Series(values), normalise_phone_value)
    monkeypatch.setattr("auditor.normalise.phone.normalise_phone_value", unexpected)
    pd.testing.assert_frame_equal(normalise_phone(pd.Series(values)), expected)


# --- reading the metadata patterns ------------------------------------------------------


def _metadata_patterns() -> list[str]:
    found = set()
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        for region in regions:
            metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
            assert metadata is not None
            descs = [getattr(metadata, name) for name in _DESCS]
            found |= {d.national_number_pattern for d in descs if d and d.national_number_pattern}
            if metadata.leading_digits:
                found.add(metadata.leading_digits)
    return sorted(found)


PATTERNS = _metadata_patterns()


def test_every_metadata_pattern_is_read() -> None:
    # A pattern _Pattern cannot read sends its country's numbers to normalise_phone_value().
    assert [p for p in PATTERNS if _Pattern.of(p) is None] == []


@FAST
@given(st.sampled_from(PATTERNS), st.data())
def test_pattern_verdicts_hold_for_every_completion(pattern: str, data: st.DataObject) -> None:
    compiled = re.compile(pattern)
    read = _Pattern.of(pattern)
    assert read is not None
    example = data.draw(
        st.one_of(
            st.from_regex(pattern, fullmatch=True, alphabet="0123456789").filter(
                lambda s: 0 < len(s) <= 14
            ),
            st.text("0123456789", min_size=1, max_size=14),
        )
    )
    length = len(example)
    known = data.draw(st.integers(max(0, length - 3), length))
    prefix = example[:known]
    for whole in (True, False):
        verdict = read.verdict(prefix, length, whole=whole)
        test = compiled.fullmatch if whole else compiled.match
        matches = {
            test(prefix + "".join(rest)) is not None
            for rest in itertools.product("0123456789", repeat=length - known)
        }
        if verdict is not None:
            assert matches == {verdict}
        if known == length:  # a whole number is always decided
            assert verdict is not None
