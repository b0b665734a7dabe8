"""Tax numbers and ID numbers: known formats checked, unknown ones kept."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc
from stdnum.us import ein

from auditor.normalise._base import map_unique
from auditor.normalise.tax_id import (
    normalise_id_number,
    normalise_id_number_value,
    normalise_tax_id,
    normalise_tax_id_value,
)
from auditor.sample import generate
from auditor.tables import NORMALISED_COLUMNS
from tests.factories import assert_batch_is_reference


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        ("12-3456789", "123456789", "US EIN"),
        ("EIN: 12-3456789", "123456789", "US EIN"),
        ("123456789", "123456789", "US EIN"),
        ("DE 136 695 976", "DE136695976", "DE VAT"),
        ("VAT No.: DE136695976", "DE136695976", "DE VAT"),
        ("USt-IdNr. DE136695976", "DE136695976", "DE VAT"),
        ("FR 40 303 265 045", "FR40303265045", "FR VAT"),
        ("ATU13585627", "ATU13585627", "AT VAT"),
        ("ESB58378431", "ESB58378431", "ES VAT"),
        ("IT00743110157", "IT00743110157", "IT VAT"),
        ("PL5261040828", "PL5261040828", "PL VAT"),
        ("EL094259216", "EL094259216", "EL VAT"),
        ("GB 980 7806 84", "GB980780684", "GB VAT"),
        ("XI980780684", "XI980780684", "XI VAT"),
        ("91110000600037341L", "91110000600037341L", "CN USCC"),
        ("税号：91110000600037341L", "91110000600037341L", "CN USCC"),
        ("统一社会信用代码 91110000 600037341l", "91110000600037341L", "CN USCC"),
        ("９１１１００００６０００３７３４１Ｌ", "91110000600037341L", "CN USCC"),
        ("11010519491231002X", "11010519491231002X", "CN resident ID"),
        ("123-45-6789", "123456789", "US SSN"),
        ("440301123456789", "440301123456789", "format not recognised"),
        ("JP-1234-5678-9012", "JP123456789012", "format not recognised"),
    ],
)
def test_tax_id_table(raw: str, value: str, note: str) -> None:
    result = normalise_tax_id_value(raw)
    assert (result.value, result.note, result.status) == (value, note, "ok")
    assert result.partial == value[-4:]


@pytest.mark.parametrize(
    ("raw", "status", "reason"),
    [
        ("91110000600037341M", "invalid", "CN USCC (统一社会信用代码) fails its check digit"),
        ("DE136695977", "invalid", "DE VAT number fails its check digit"),
        ("GB980780685", "invalid", "GB VAT number fails its check digit"),
        ("07-3456789", "invalid", "not a US EIN: the first two digits are not an IRS prefix"),
        ("ABC", "invalid", "too short for a tax number (3 characters)"),
        ("9.11E+17", "invalid", "written in scientific notation: a spreadsheet dropped its digits"),
        ("n/a", "non_linking", "a placeholder, not a tax number"),
        ("无", "non_linking", "a placeholder, not a tax number"),
        ("000000000", "non_linking", "one repeated digit, a placeholder"),
    ],
)
def test_tax_id_rejects(raw: str, status: str, reason: str) -> None:
    result = normalise_tax_id_value(raw)
    assert (result.value, result.status, result.reason) == (None, status, reason)


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        ("11010519491231002X", "11010519491231002X", "CN resident ID"),
        ("11010519491231002x", "11010519491231002X", "CN resident ID"),
        ("身份证号：110105 19491231 002X", "11010519491231002X", "CN resident ID"),
        ("110105491231002", "11010519491231002X", "CN resident ID (15-digit form converted)"),
        ("A123456(3)", "A1234563", "HK ID"),
        ("a1234563", "A1234563", "HK ID"),
        ("E12345678", "E12345678", "CN passport"),
        ("护照 EA1234567", "EA1234567", "CN passport"),
        ("Passport No. G12345678", "G12345678", "CN passport"),
        ("123-45-6789", "123456789", "US SSN"),
        ("X1234567", "X1234567", "format not recognised"),
    ],
)
def test_id_number_table(raw: str, value: str, note: str) -> None:
    result = normalise_id_number_value(raw)
    assert (result.value, result.note, result.status) == (value, note, "ok")


@pytest.mark.parametrize(
    ("raw", "status", "reason"),
    [
        ("110105194912310021", "invalid", "CN resident ID fails its check digit"),
        ("110105194913310021", "invalid", "CN resident ID has an impossible birth date"),
        ("A123456(4)", "invalid", "HK ID fails its check digit"),
        ("078-05-1120", "invalid", "not a valid US SSN number (wrong length, format or date)"),
        ("AB1", "invalid", "too short for a ID number (3 characters)"),
        ("n/a", "non_linking", "a placeholder, not an ID number"),
    ],
)
def test_id_number_rejects(raw: str, status: str, reason: str) -> None:
    result = normalise_id_number_value(raw)
    assert (result.value, result.status, result.reason) == (None, status, reason)


def test_old_and_new_resident_ids_meet() -> None:
    old = normalise_id_number_value("110105491231002")
    new = normalise_id_number_value("11010519491231002X")
    assert old.value == new.value


def test_series_keeps_index_and_handles_missing() -> None:
    raw = pd.Series(["DE136695976", None, "de 136 695 976", np.nan], index=[4, 3, 2, 1])
    out = normalise_tax_id(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert list(out.index) == [4, 3, 2, 1]
    assert out["value"].tolist() == ["DE136695976", None, "DE136695976", None]
    assert out["status"].tolist() == ["ok", "invalid", "ok", "invalid"]
    ids = normalise_id_number(pd.Series(["11010519491231002x"], index=["k"]))
    assert ids.loc["k", "value"] == "11010519491231002X"


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@settings(max_examples=150, deadline=None)
@given(
    head=st.sampled_from(["91", "92", "93", "11", "12", "51", "52", "53", "59"]),
    region=st.text("0123456789", min_size=6, max_size=6),
    org=st.text(_USCC_CHARS, min_size=9, max_size=9),
    lower=st.booleans(),
    sep=st.sampled_from(["", " ", "-"]),
)
def test_uscc_variants_meet(head: str, region: str, org: str, lower: bool, sep: str) -> None:
    body = head + region + org
    number = body + uscc.calc_check_digit(body)
    assume(len(set(number)) > 1)  # one repeated digit is a placeholder
    text = sep.join([number[:8], number[8:]])
    result = normalise_tax_id_value(text.lower() if lower else text)
    if result.note == "CN resident ID":  # an 18-digit USCC can also read as a resident ID
        return
    assert (result.value, result.note) == (number, "CN USCC")


@settings(max_examples=150, deadline=None)
@given(
    area=st.sampled_from(["110105", "440305", "330782", "310101"]),
    birth=st.dates(min_value=pd.Timestamp("1930-01-01").date(),
                   max_value=pd.Timestamp("2010-12-31").date()),
    seq=st.integers(0, 999),
    spaced=st.booleans(),
)
def test_resident_id_variants_meet(area: str, birth: object, seq: int, spaced: bool) -> None:
    body = f"{area}{birth:%Y%m%d}{seq:03d}"
    number = body + ric.calc_check_digit(body + "0")
    text = f"{number[:6]} {number[6:14]} {number[14:].lower()}" if spaced else number.lower()
    result = normalise_id_number_value(text)
    assert (result.value, result.note) == (number, "CN resident ID")
    assert normalise_tax_id_value(number).note == "CN resident ID"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_garbage_never_raises(raw: str) -> None:
    for normalise in (normalise_tax_id_value, normalise_id_number_value):
        result = normalise(raw.strip() or "x")
        assert result.status in {"ok", "invalid", "non_linking"}
        if result.value is not None:
            assert normalise(result.value).value == result.value


# --- the fast path gives what the per-value functions give ------------------------------

FAST = settings(max_examples=200, deadline=None)


def _table_inputs() -> list[str]:
    """The raw values of this file's table tests."""
    tests = (test_tax_id_table, test_tax_id_rejects, test_id_number_table, test_id_number_rejects)
    return [p[0] for test in tests for mark in vars(test)["pytestmark"] for p in mark.args[1]]


def assert_fast_is_reference(values: Sequence[object]) -> None:
    assert_batch_is_reference(values, normalise_tax_id, normalise_tax_id_value)
    assert_batch_is_reference(values, normalise_id_number, normalise_id_number_value)


def test_fast_path_on_generated_data() -> None:
    ids = generate(2000, seed=5).identifiers
    assert_fast_is_reference(ids.loc[ids["kind"].isin(["tax_id", "id_number"]), "raw"].tolist())


def test_fast_path_on_table_inputs_and_edge_cases() -> None:
    assert_fast_is_reference(_table_inputs())
    assert_fast_is_reference([])
    edges: list[object] = [None, float("nan"), "", " ", 110105194912310021, 12.5, "0" * 18,
                           b"91110000600037341L",
                           "1" * 18, "1" * 17 + "X", "NA", "none", "null", "test", "xxx",
                           "000000000", "000", "91110000600037341L", "91110000600037341l",
                           "91110000 600037341L", "911100006000373410", "110105194912310021",
                           "11010519491231002X", "110105194902300021", "000000000000000000X",
                           "000100000000000000", "ein 12-3456789", "no 123456789",
                           "NO123456789MVA", "id 110105194912310021", "vat DE136695976",
                           "DE136695976", "de 136 695 976", "DE 136695975", "DE036695976",
                           "GB980780684", "GB 980 7806 84", "GB123456789", "XI980780684",
                           "XIGD001", "12-3456789", "07-3456789", "123-45-6789", "912345678",
                           "811628519", "001628519", "E12345678", "A123456(7)", "A1234567",
                           "FR40303265045", "ATU13585627", "EL094259216", "12345"]  # fmt: skip
    assert_fast_is_reference(edges)


_USCC_HEADS = ["91", "92", "93", "11", "12", "51", "52", "53", "59"]


@st.composite
def _eighteen(draw: st.DrawFn) -> str:
    """USCC and resident ID numbers, most with a right check digit, in plain spellings."""
    if draw(st.booleans()):
        body = draw(st.sampled_from(_USCC_HEADS)) + draw(st.text("0123456789", min_size=6,
                                                                 max_size=6))
        body += draw(st.text(_USCC_CHARS + "IOSVZ", min_size=9, max_size=9))
        check = uscc.calc_check_digit(body) if set(body[8:]) <= set(_USCC_CHARS) else "0"
    else:
        birth = draw(st.sampled_from(["19491231", "20000229", "19000229", "19990230", "00000101",
                                      "20101301", "19850615"]))  # fmt: skip
        body = draw(st.text("0123456789", min_size=6, max_size=6)) + birth
        body += draw(st.text("0123456789", min_size=3, max_size=3))
        check = ric.calc_check_digit(body + "0")
    if draw(st.integers(0, 3)) == 0:
        check = draw(st.sampled_from(_USCC_CHARS + "x"))
    number = body + check
    sep = draw(st.sampled_from(["", " ", "-"]))
    text = sep.join([number[:6], number[6:14], number[14:]]) if sep else number
    return text.lower() if draw(st.booleans()) else text


_others = st.one_of(
    st.from_regex(r"(?:DE|GB|XI|FR|NO|NL|AT|EL|ID|de|gb) ?[0-9]{9,12}", fullmatch=True),
    st.from_regex(r"[0-9]{2}-?[0-9]{7}", fullmatch=True),
    st.from_regex(r"[0-9]{3}-[0-9]{2}-[0-9]{4}", fullmatch=True),
    st.from_regex(r"(?:ein|tin|vat|no|id|EIN) ?[:#]? ?[0-9A-Z]{5,12}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9]{1,20}", fullmatch=True),
)


@FAST
@given(st.lists(st.one_of(_eighteen(), _others), max_size=20))
def test_fast_path_on_number_like_values(values: list[str]) -> None:
    assert_fast_is_reference(list(values))


@FAST
@given(st.lists(st.text(alphabet="0123456789X x-ABGDE()[]#:", max_size=24), max_size=20))
def test_fast_path_on_number_like_garbage(values: list[str]) -> None:
    assert_fast_is_reference(list(values))


def test_usual_notations_take_the_array_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(text: str) -> None:
        raise AssertionError(f"{text!r} went to the reference")

    values = ["91110000600037341L", "91110000600037341M", "110105194912310021",
              "110105 19491231 002x", "110105194902300021", "DE136695976", "GB 980 7806 84",
              "12-3456789", "811628519"]  # fmt: skip
    expected_tax = map_unique(pd.Series(values), normalise_tax_id_value)
    expected_id = map_unique(pd.Series(values), normalise_id_number_value)
    monkeypatch.setattr("auditor.normalise.tax_id.normalise_tax_id_value", unexpected)
    monkeypatch.setattr("auditor.normalise.tax_id.normalise_id_number_value", unexpected)
    pd.testing.assert_frame_equal(normalise_tax_id(pd.Series(values)), expected_tax)
    pd.testing.assert_frame_equal(normalise_id_number(pd.Series(values)), expected_id)


def test_ein_validity_is_decided_by_the_first_two_digits() -> None:
    for prefix in range(100):
        verdicts = {ein.is_valid(f"{prefix:02d}{rest:07d}") for rest in (0, 1234567, 9999999)}
        assert len(verdicts) == 1
