"""Bank accounts and cards: digits, masks, IBAN, Luhn, last 4."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from auditor.normalise._base import map_unique
from auditor.normalise.payment import (
    card_brand,
    normalise_bank,
    normalise_bank_value,
    normalise_card,
    normalise_card_value,
)
from auditor.sample import generate
from auditor.tables import NORMALISED_COLUMNS
from tests.factories import assert_batch_is_reference


@pytest.mark.parametrize(
    ("raw", "value", "partial", "note"),
    [
        ("6222 0202 0011 2233 445", "6222020200112233445", "3445", None),
        ("6222-0202-0011-2233-445", "6222020200112233445", "3445", None),
        ("６２２２０２０２００１１２２３３４４５", "6222020200112233445", "3445", None),
        ("招商银行 6225 8801 2345 6789", "6225880123456789", "6789", None),
        ("Payoneer: 1234567890", "1234567890", "7890", None),
        ("PingPong账号 88001234567", "88001234567", "4567", None),
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "3000", "IBAN (DE)"),
        ("iban: de89370400440532013000", "DE89370400440532013000", "3000", "IBAN (DE)"),
        ("GB29 NWBK 6016 1331 9268 19", "GB29NWBK60161331926819", "6819", "IBAN (GB)"),
        ("021000021 / 123456789", "123456789", "6789", "US routing number 021000021"),
        ("Routing 021000021 Account 123456789", "123456789", "6789",
         "US routing number 021000021"),
    ],
)
def test_bank_table(raw: str, value: str, partial: str, note: str | None) -> None:
    result = normalise_bank_value(raw)
    assert (result.value, result.partial, result.note, result.status) == (
        value, partial, note, "ok")


@pytest.mark.parametrize(
    "raw",
    ["****1234", "6222 **** **** 1234", "尾号1234", "xxxx-xxxx-xxxx-1234", "622202******1234",
     "ending in 1234", "**** **** **** 1234", "•••• 1234", "XXXX XXXX XXXX 1234", "末四位1234"],
)
@pytest.mark.parametrize("normalise", [normalise_bank_value, normalise_card_value])
def test_masked(raw: str, normalise: object) -> None:
    result = normalise(raw)  # type: ignore[operator]
    assert (result.value, result.partial, result.note, result.status) == (
        None, "1234", "masked", "ok")


@pytest.mark.parametrize(
    ("raw", "status", "reason_part"),
    [
        ("12345", "invalid", "too short"),
        ("**12", "invalid", "fewer than 4 digits"),
        ("DE88 3704 0044 0532 0130 00", "invalid", "IBAN"),
        ("1234567890 / 0987654321", "invalid", "more than one"),
        ("6.22202E+18", "invalid", "scientific notation"),
        ("000000", "non_linking", "repeated digit"),
        ("n/a", "non_linking", "placeholder"),
        ("无", "non_linking", "placeholder"),
    ],
)
def test_bank_rejects(raw: str, status: str, reason_part: str) -> None:
    result = normalise_bank_value(raw)
    assert result.status == status
    assert result.value is None
    assert reason_part in (result.reason or "")


def test_bank_numbers_are_not_luhn_checked() -> None:
    number = "6222020200112233445"
    assert not luhn.is_valid(number)
    assert normalise_bank_value(number).value == number


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        ("4111 1111 1111 1111", "4111111111111111", "Visa"),
        ("4111-1111-1111-1111", "4111111111111111", "Visa"),
        ("Visa 4242424242424242", "4242424242424242", "Visa"),
        ("5555 5555 5555 4444", "5555555555554444", "Mastercard"),
        ("3782 822463 10005", "378282246310005", "American Express"),
        ("6011 1111 1111 1117", "6011111111111117", "Discover"),
        ("3530 1113 3330 0000", "3530111333300000", "JCB"),
        ("6222020200112233445", "6222020200112233445", "UnionPay (no Luhn check digit)"),
        ("4111 1111 1111 1111 12/25", "4111111111111111", "Visa"),
        ("4111111111111111 exp 12/25 cvv 123", "4111111111111111", "Visa"),
    ],
)
def test_card_table(raw: str, value: str, note: str) -> None:
    result = normalise_card_value(raw)
    assert (result.value, result.partial, result.note, result.status) == (
        value, value[-4:], note, "ok")


@pytest.mark.parametrize(
    ("raw", "status", "reason"),
    [
        ("4111 1111 1111 1112", "invalid", "fails the Luhn check"),
        ("1234", "invalid", "4 digits; card numbers have 12 to 19"),
        ("4111 1111 1111 1111 1111 1111", "invalid", "24 digits; card numbers have 12 to 19"),
        ("0000 0000 0000 0000", "non_linking", "one repeated digit, a placeholder"),
        ("4.11111E+15", "invalid",
         "written in scientific notation: a spreadsheet dropped its digits"),
        ("-", "non_linking", "a placeholder, not a card number"),
    ],
)
def test_card_rejects(raw: str, status: str, reason: str) -> None:
    result = normalise_card_value(raw)
    assert (result.value, result.status, result.reason) == (None, status, reason)


def test_card_brand() -> None:
    assert card_brand("2221000000000009") == "Mastercard"
    assert card_brand("9999") is None


def test_series_keeps_index_and_handles_missing() -> None:
    raw = pd.Series(["4111 1111 1111 1111", None, np.nan, "4111111111111111", "****1111"],
                    index=["x", "y", "z", "w", "v"])
    out = normalise_card(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert list(out.index) == ["x", "y", "z", "w", "v"]
    assert out["value"].tolist() == ["4111111111111111", None, None, "4111111111111111", None]
    assert out["partial"].tolist() == ["1111", None, None, "1111", "1111"]
    assert out["status"].tolist() == ["ok", "invalid", "invalid", "ok", "ok"]
    banks = normalise_bank(pd.Series(["6222 0202 0011 2233 445"], index=[42]))
    assert banks.loc[42, "value"] == "6222020200112233445"


def _render(digits: str, sep: str, group: int) -> str:
    return sep.join(digits[i : i + group] for i in range(0, len(digits), group))


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.sampled_from(["4", "51", "55", "37", "6011", "3530"]),
    body=st.text("0123456789", min_size=10, max_size=14),
    sep=st.sampled_from([" ", "-", "", "  ", "."]),
    group=st.sampled_from([4, 5, 6]),
)
def test_card_format_variants_meet(prefix: str, body: str, sep: str, group: int) -> None:
    partial_number = prefix + body
    number = partial_number + luhn.calc_check_digit(partial_number)
    result = normalise_card_value(_render(number, sep, group))
    assert (result.value, result.partial, result.status) == (number, number[-4:], "ok")
    masked = normalise_card_value(f"**** **** **** {number[-4:]}")
    assert masked.partial == result.partial
    wrong = str((int(number[-1]) + 1) % 10)
    assert normalise_card_value(number[:-1] + wrong).reason in {
        "fails the Luhn check", None}  # None only for UnionPay, not generated here


@settings(max_examples=200, deadline=None)
@given(
    number=st.text("0123456789", min_size=6, max_size=19).filter(lambda d: len(set(d)) > 1),
    sep=st.sampled_from([" ", "-", ""]),
    group=st.sampled_from([3, 4]),
    label=st.sampled_from(["", "工商银行 ", "Payoneer: ", "账号："]),
)
def test_bank_format_variants_meet(number: str, sep: str, group: int, label: str) -> None:
    result = normalise_bank_value(label + _render(number, sep, group))
    assert (result.value, result.partial) == (number, number[-4:])
    assert normalise_bank_value(result.value or "").value == result.value


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_garbage_never_raises(raw: str) -> None:
    for normalise in (normalise_bank_value, normalise_card_value):
        result = normalise(raw.strip() or "x")
        assert result.status in {"ok", "invalid", "non_linking"}
        if result.value is not None:
            assert normalise(result.value).value == result.value


# --- the fast path gives what normalise_bank_value / normalise_card_value give -----------

FAST = settings(max_examples=200, deadline=None)


def _table_inputs() -> list[str]:
    """The raw values of this file's table tests."""
    tests = (test_bank_table, test_masked, test_bank_rejects, test_card_table, test_card_rejects)
    values = []
    for test in tests:
        for mark in vars(test)["pytestmark"]:
            if mark.args[0] != "normalise":
                values += [p[0] if isinstance(p, tuple) else p for p in mark.args[1]]
    return values


def assert_fast_is_reference(values: Sequence[object]) -> None:
    assert_batch_is_reference(values, normalise_bank, normalise_bank_value)
    assert_batch_is_reference(values, normalise_card, normalise_card_value)


def test_fast_path_on_generated_data() -> None:
    ids = generate(2000, seed=5).identifiers
    assert_fast_is_reference(ids.loc[ids["kind"].isin(["bank", "card"]), "raw"].tolist())


IBANS = ["DE89370400440532013000", "GB29NWBK60161331926819", "FR1420041010050500013M02606",
         "BE68539007547034", "ES9121000418450200051332", "NO9386011117947",
         "ME25505000012345678951", "NL91ABNA0417164300", "IT60X0542811101000000123456",
         "CH9300762011623852957", "GR1601101250000000012300695", "MT84MALT011000012345MTLCAST001S",
         "XK051212012345678906", "AA110011123Z5678"]  # fmt: skip


def test_fast_path_on_table_inputs_and_edge_cases() -> None:
    assert_fast_is_reference(_table_inputs())
    assert_fast_is_reference([])
    edges: list[object] = [None, float("nan"), "", " ", 6222020200112233445, 1.5,
                           b"4111111111111111",
                           "0000 0000 0000 0000", "1111-1111-1111-1111", "000000", "0", "00",
                           "000", "**** 000", "**** 0000", "*1234", "12*34", "* 1234",
                           "021000021 123456789", "021000021-123456789", "123456789 987654321",
                           "4111 1111 1111 1111 1225 123", "4111111111111111 1225", "12 34",
                           "6" * 35, "6" * 34, "1" * 12, "1" * 11, "62" + "1" * 17,
                           "de89 3704 0044 0532 0130 00", "DE89-3704-0044-0532-0130-00",
                           "GB29NWBK6016133192681", "GB29 XXXX 6016 1331 9268 19",
                           "DE00370400440532013000", "GB29NWBK60161331926819 ending"]  # fmt: skip
    assert_fast_is_reference(edges + IBANS + [i.lower() for i in IBANS])


@st.composite
def _card_like(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["4", "51", "55", "2221", "34", "37", "62", "6011", "65", "3530",
                                   "300", "36", "5018", "6759", "81", "9", "1"]))  # fmt: skip
    body = draw(st.text("0123456789", min_size=6, max_size=17))
    number = prefix + body
    if draw(st.booleans()):
        number += luhn.calc_check_digit(number)
    if draw(st.integers(0, 9)) == 0:
        number = number[0] * len(number)
    sep = draw(st.sampled_from([" ", "-", "", "  ", ".", " - "]))
    group = draw(st.sampled_from([3, 4, 5, 6]))
    text = _render(number, sep, group)
    if draw(st.integers(0, 4)) == 0:  # masked
        keep = draw(st.integers(0, 6))
        text = number[:keep] + draw(st.sampled_from(["*", "x", "•"])) * 6 + number[-4:]
    if draw(st.integers(0, 6)) == 0:
        text += draw(st.sampled_from([" 12/25 123", " 1225", "0", " 12"]))
    return text


@st.composite
def _iban_like(draw: st.DrawFn) -> str:
    number = draw(st.sampled_from(IBANS))
    change = draw(st.integers(0, 5))
    if change == 1:  # other check digits
        number = number[:2] + draw(st.text("0123456789", min_size=2, max_size=2)) + number[4:]
    elif change == 2:  # a character of the account replaced
        at = draw(st.integers(4, len(number) - 1))
        number = number[:at] + draw(st.sampled_from("0123456789ABCXZ")) + number[at + 1 :]
    elif change == 3:  # shorter or longer
        number = number[:-1] if draw(st.booleans()) else number + "7"
    elif change == 4:
        number = draw(st.sampled_from(["DE", "GB", "BE", "NO", "QQ", "XI"])) + number[2:]
    sep = draw(st.sampled_from(["", " ", "-"]))
    text = sep.join(number[i : i + 4] for i in range(0, len(number), 4))
    return text.lower() if draw(st.integers(0, 4)) == 0 else text


@FAST
@given(st.lists(_card_like(), max_size=20))
def test_fast_path_on_card_like_values(values: list[str]) -> None:
    assert_fast_is_reference(list(values))


@FAST
@given(st.lists(_iban_like(), max_size=20))
def test_fast_path_on_iban_like_values(values: list[str]) -> None:
    assert_fast_is_reference(list(values))


@FAST
@given(st.lists(st.text(alphabet="0123456789 -*xX.•DEGBde", max_size=30), max_size=20))
def test_fast_path_on_number_like_garbage(values: list[str]) -> None:
    assert_fast_is_reference(list(values))


def test_usual_notations_take_the_array_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(text: str) -> None:
        raise AssertionError(f"{text!r} went to the reference")

    cards = ["4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111",
             "3782 822463 10005", "**** **** **** 1234", "622202******1234", "************1234",
             "0000 0000 0000 0000"]  # fmt: skip
    banks = ["6222 0202 0011 2233 445", "6222020200112233445", "6222-0202-0011-2233-445",
             "DE89 3704 0044 0532 0130 00", "GB29NWBK60161331926819", "DE00370400440532013000",
             "1111 1111 1111"]  # fmt: skip
    expected_cards = map_unique(pd.Series(cards), normalise_card_value)
    expected_banks = map_unique(pd.Series(banks), normalise_bank_value)
    monkeypatch.setattr("auditor.normalise.payment.normalise_card_value", unexpected)
    monkeypatch.setattr("auditor.normalise.payment.normalise_bank_value", unexpected)
    pd.testing.assert_frame_equal(normalise_card(pd.Series(cards)), expected_cards)
    pd.testing.assert_frame_equal(normalise_bank(pd.Series(banks)), expected_banks)
