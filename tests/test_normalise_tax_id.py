"""Tax numbers and ID numbers: known formats checked, unknown ones kept."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from auditor.normalise.tax_id import (
    normalise_id_number,
    normalise_id_number_value,
    normalise_tax_id,
    normalise_tax_id_value,
)
from auditor.tables import NORMALISED_COLUMNS


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
