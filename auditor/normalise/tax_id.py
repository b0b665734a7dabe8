"""Tax numbers (EIN, VAT, China USCC) and personal ID numbers (resident ID, passport).

**The same value**: the same number in its compact, upper-case form — spaces, dashes,
dots, slashes, a leading label ("EIN:", "VAT No.", "税号：", "身份证号") and anything in
brackets are dropped. Where the format is known it is checked with python-stdnum and
``note`` names it; a known format that fails its check is invalid, with the reason.

Tax numbers (:func:`normalise_tax_id`):

- "CN USCC" 统一社会信用代码, 18 characters (:mod:`stdnum.cn.uscc`);
- "<CC> VAT" for EU VAT numbers with their country prefix, value keeps the prefix
  ("DE136695976"; :mod:`stdnum.eu.vat`), and "GB VAT" (value "GB" + digits,
  :mod:`stdnum.gb.vat`);
- "US EIN", 9 digits (:mod:`stdnum.us.ein`: the prefix must be an IRS campus code);
  written as ``12-3456789`` or after an EIN/TIN label a wrong prefix is invalid, plain
  9 digits that are not an EIN are "format not recognised"; "US SSN"/"US ITIN" when
  written ``123-45-6789``;
- "CN resident ID" when a person's ID number is given as the tax number.

ID numbers (:func:`normalise_id_number`):

- "CN resident ID" 身份证, 18 characters with the birth date and check digit verified
  (:mod:`stdnum.cn.ric`; not the birth-place code, as area codes change over the years);
  the old 15-digit form is converted to the 18-digit one, so both meet (note "CN
  resident ID (15-digit form converted)");
- "HK ID" (A123456(7)), when its check digit is right, or invalid when written with the
  check digit in brackets and it is wrong;
- "CN passport" (E12345678, EA1234567, G12345678);
- "US SSN" when written ``123-45-6789``.

Anything else of 5 or more letters and digits is kept as its upper-case alphanumerics
with note "format not recognised" (status ok). Placeholders and one repeated digit are
non_linking; a number in scientific notation ("1.10105E+17") is invalid. No ``key``
(exact match only); ``partial`` is the last 4 characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from stdnum.cn import ric, uscc
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.gb import vat as gb_vat
from stdnum.us import ein, itin, ssn

from auditor.normalise._base import (
    STATUS_OK,
    Normalised,
    invalid,
    map_unique,
    non_linking,
)
from auditor.normalise._fast import distinct, fill_slow, fixed_width, new_table, spread
from auditor.normalise.text import PLACEHOLDERS, SCIENTIFIC_RE, fold, is_placeholder
from auditor.tables import NORMALISED_COLUMNS, STATUS_INVALID

_LABEL_RE: Final = re.compile(
    r"^\s*(?:(?:fein|ein|tin|itin|ssn|vat(?:\s*(?:reg(?:istration)?|id|no|number))*|"
    r"ust-?idnr|ustid|uid|nif|tva|iva|btw|moms|mwst|id\s*(?:card)?|passport|number|no)"
    r"(?:\s*[:.#]+\s*|\s+)|"
    r"(?:税号|纳税人识别号|(?:统一)?(?:社会)?信用代码|身份证号码|身份证号|身份证|护照号码|护照号|护照|"
    r"证件号码|证件号|#)\s*[:.#]*\s*)",
    re.IGNORECASE,
)
_BRACKETED_RE: Final = re.compile(r"\([^()]*\)")
_NOT_ALNUM_RE: Final = re.compile(r"[^0-9A-Z]")
_USCC_SHAPE_RE: Final = re.compile(r"\d{8}[0-9A-HJ-NPQRTUWXY]{10}")
_RIC_SHAPE_RE: Final = re.compile(r"\d{17}[\dX]")
_EIN_WRITTEN_RE: Final = re.compile(r"(?<!\d)\d{2}-\d{7}(?!\d)")
_SSN_WRITTEN_RE: Final = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
_EIN_LABEL_RE: Final = re.compile(r"\b(?:fein|ein|tin)\b", re.IGNORECASE)
_HKID_RE: Final = re.compile(r"([A-Z]{1,2})(\d{6})([0-9A])")
_HKID_WRITTEN_RE: Final = re.compile(r"[a-z]{1,2}\d{6}\[[0-9a]\]")
_CHECK_IN_BRACKETS_RE: Final = re.compile(r"(\d)\s*\(([0-9a])\)")
_CN_PASSPORT_RE: Final = re.compile(r"E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8}|[DSP]E?\d{7}")
_EU_PREFIXES: Final = frozenset(c.upper() for c in eu_vat.MEMBER_STATES) | {"EL", "XI"}
_MIN_LENGTH: Final = 5
_SCIENTIFIC: Final = "written in scientific notation: a spreadsheet dropped its digits"


def normalise_tax_id(raw: pd.Series, *, fast: bool = True) -> pd.DataFrame:
    """Normalise tax numbers (see the module docstring).

    The result is :func:`normalise_tax_id_value` applied to every distinct value.
    ``fast=False`` does exactly that; the default checks USCC and resident ID numbers
    written as plain letters and digits with array operations, skips the cleaning of
    other plain values, and leaves the rest to :func:`normalise_tax_id_value`.

    >>> normalise_tax_id(pd.Series(["EIN: 12-3456789"])).loc[0, "note"]
    'US EIN'
    """
    if not fast:
        return map_unique(raw, normalise_tax_id_value)
    return _fast(raw, normalise_tax_id_value, _fast_tax_id, uscc=True)


def normalise_id_number(raw: pd.Series, *, fast: bool = True) -> pd.DataFrame:
    """Normalise personal ID numbers (see the module docstring).

    The result is :func:`normalise_id_number_value` applied to every distinct value;
    ``fast=False`` does exactly that, the default as :func:`normalise_tax_id` does.

    >>> normalise_id_number(pd.Series(["11010519491231002x"])).loc[0, "value"]
    '11010519491231002X'
    """
    if not fast:
        return map_unique(raw, normalise_id_number_value)
    return _fast(raw, normalise_id_number_value, _id_number, uscc=False)


def normalise_tax_id_value(raw: str) -> Normalised:
    """Normalise one tax number.

    >>> normalise_tax_id_value("de 136 695 976").value
    'DE136695976'
    >>> normalise_tax_id_value("91110000600037341M").reason
    'CN USCC (统一社会信用代码) fails its check digit'
    """
    return _tax_id(*_clean(raw))


def _tax_id(
    text: str, number: str, ein_is_valid: Callable[[str], bool] = ein.is_valid
) -> Normalised:
    """normalise_tax_id_value() of a value that _clean() reads as ``text``, ``number``."""
    if is_placeholder(text) or not number:
        return non_linking(None, "a placeholder, not a tax number")
    if SCIENTIFIC_RE.search(text):
        return invalid(_SCIENTIFIC)
    if len(set(number)) == 1 and number.isdigit():
        return non_linking(None, "one repeated digit, a placeholder")
    if _RIC_SHAPE_RE.fullmatch(number) and _resident_id(number).status == STATUS_OK:
        return _found(number, "CN resident ID")
    if len(number) == 18 and _USCC_SHAPE_RE.fullmatch(number):
        if uscc.is_valid(number):
            return _found(number, "CN USCC")
        return invalid("CN USCC (统一社会信用代码) fails its check digit", note="CN USCC")
    if number[:2] == "GB" or (number[:2] == "XI" and not number[2:].isdigit()):
        return _checked(number[2:], gb_vat.validate, "GB VAT", prefix=number[:2])
    if number[:2] in _EU_PREFIXES and any(c.isdigit() for c in number[2:4]):
        return _checked(number, eu_vat.validate, f"{number[:2]} VAT")
    if len(number) == 9 and number.isdigit():
        return _us_nine_digits(text, number, ein_is_valid)
    return _unknown(number, "tax number")


def normalise_id_number_value(raw: str) -> Normalised:
    """Normalise one personal ID number.

    >>> normalise_id_number_value("110105491231002").value
    '11010519491231002X'
    >>> normalise_id_number_value("E12345678").note
    'CN passport'
    """
    return _id_number(*_clean(raw))


def _id_number(text: str, number: str) -> Normalised:
    """normalise_id_number_value() of a value that _clean() reads as ``text``, ``number``."""
    if is_placeholder(text) or not number:
        return non_linking(None, "a placeholder, not an ID number")
    if SCIENTIFIC_RE.search(text):
        return invalid(_SCIENTIFIC)
    if len(set(number)) == 1 and number.isdigit():
        return non_linking(None, "one repeated digit, a placeholder")
    if _RIC_SHAPE_RE.fullmatch(number):
        return _resident_id(number)
    if len(number) == 15 and number.isdigit() and _valid_yymmdd(number[6:12]):
        body = number[:6] + "19" + number[6:]
        full = body + ric.calc_check_digit(body + "0")  # expects a placeholder check digit
        return _found(full, "CN resident ID (15-digit form converted)")
    hkid = _HKID_RE.fullmatch(number)
    if hkid is not None and _hkid_check(hkid.group(1), hkid.group(2)) == hkid.group(3):
        return _found(number, "HK ID")
    if hkid is not None and _HKID_WRITTEN_RE.search(text):  # A123456(7): surely an HK ID
        return invalid("HK ID fails its check digit", note="HK ID")
    if _CN_PASSPORT_RE.fullmatch(number):
        return _found(number, "CN passport")
    if _SSN_WRITTEN_RE.search(text):
        return _checked(number, ssn.validate, "US SSN")
    return _unknown(number, "ID number")


def _clean(raw: str) -> tuple[str, str]:
    """(folded text without brackets and labels, its compact upper-case alphanumerics)."""
    text = _CHECK_IN_BRACKETS_RE.sub(r"\1[\2]", fold(raw))  # HK ID: A123456(7)
    text = _BRACKETED_RE.sub(" ", text)
    while (label := _LABEL_RE.match(text)) is not None and label.end() > 0:
        text = text[label.end() :]
    return text, _NOT_ALNUM_RE.sub("", text.upper())


def _resident_id(number: str) -> Normalised:
    # stdnum's validate() also wants a known birth-place code; area codes change over
    # the years, so only the check digit and the birth date are held against a number.
    fmt = "CN resident ID"
    if ric.calc_check_digit(number) != number[-1]:
        return invalid(f"{fmt} fails its check digit", note=fmt)
    try:
        ric.get_birth_date(number)
    except ValidationError:
        return invalid(f"{fmt} has an impossible birth date", note=fmt)
    return _found(number, fmt)


def _us_nine_digits(
    text: str, number: str, ein_is_valid: Callable[[str], bool] = ein.is_valid
) -> Normalised:
    if _SSN_WRITTEN_RE.search(text):
        if itin.is_valid(number):
            return _found(number, "US ITIN")
        return _checked(number, ssn.validate, "US SSN")
    if ein_is_valid(number):
        return _found(number, "US EIN")
    if _EIN_WRITTEN_RE.search(text) or _EIN_LABEL_RE.search(text):
        return invalid("not a US EIN: the first two digits are not an IRS prefix",
                       note="US EIN")
    return _unknown(number, "tax number")


def _checked(
    number: str, validate: Callable[[str], str], fmt: str, *, prefix: str = ""
) -> Normalised:
    try:
        compact = validate(number)
    except InvalidChecksum:
        return invalid(f"{fmt} number fails its check digit", note=fmt)
    except ValidationError:
        return invalid(f"not a valid {fmt} number (wrong length, format or date)", note=fmt)
    return _found(prefix + str(compact).upper(), fmt)


def _found(number: str, fmt: str) -> Normalised:
    return Normalised(number, partial=number[-4:], note=fmt)


def _unknown(number: str, what: str) -> Normalised:
    if len(number) < _MIN_LENGTH:
        return invalid(f"too short for a {what} ({len(number)} characters)")
    return Normalised(number, partial=number[-4:], note="format not recognised")


def _valid_yymmdd(digits: str) -> bool:
    try:
        date(1900 + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return False
    return True


def _hkid_check(letters: str, digits: str) -> str:
    """HK identity card check digit (weights 9..2 over a 2-letter-padded prefix)."""
    chars = letters.rjust(2)
    values = [36 if c == " " else ord(c) - ord("A") + 10 for c in chars]
    values += [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


# --- the array path -----------------------------------------------------------------------
#
# A value of ASCII letters and digits in groups separated by one space or dash, that does
# not start with one of _LABEL_RE's labels, is read by _clean() as its lower case (fold()
# of ASCII; no brackets) and its upper-case letters and digits. _fast() skips _clean()
# for those and hands them to _tax_id() / _id_number() — except the 18-character ones
# shaped as resident ID or USCC numbers that are not placeholders (PLACEHOLDERS, one
# repeated digit), whose check digits and birth dates it checks on arrays, the way
# _resident_id() and uscc.is_valid() do, to give the same results.
_PLAIN: Final = r"^[A-Za-z0-9]+(?:[ \-][A-Za-z0-9]+)*$"
_USCC_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # stdnum.cn.uscc
_USCC_WEIGHTS: Final = np.array(
    [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28], dtype=np.int64
)
# ric.calc_check_digit(): (1 - 2 * int(first 17 digits, 13)) % 11.
_RIC_WEIGHTS: Final = np.array([pow(13, 16 - i, 11) for i in range(17)], dtype=np.int64)
_USCC_VALUE: Final = np.full(256, -1, dtype=np.int64)
_USCC_VALUE[np.frombuffer(_USCC_ALPHABET.encode(), dtype=np.uint8)] = np.arange(31)
_RIC: Final = "CN resident ID"
_USCC: Final = "CN USCC"
_COL: Final = {name: i for i, name in enumerate(NORMALISED_COLUMNS)}


def _fast(
    raw: pd.Series,
    reference: Callable[[str], Normalised],
    decide: Callable[[str, str], Normalised],
    *,
    uscc: bool,
) -> pd.DataFrame:
    codes, uniques, texts = distinct(raw)
    table, done = new_table(len(uniques))
    rows = np.flatnonzero(
        pc.fill_null(pc.match_substring_regex(texts, _PLAIN), False).to_numpy(
            zero_copy_only=False
        )
    )
    plain = texts.take(rows)
    lowered = pc.ascii_lower(plain).to_numpy(zero_copy_only=False)
    numbers = pc.replace_substring_regex(pc.ascii_upper(plain), "[ \\-]", "")
    labelled = np.zeros(len(rows), dtype=bool)
    lettered = pc.match_substring_regex(plain, "^[A-Za-z]").to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(lettered):  # labels start with a letter
        labelled[i] = _LABEL_RE.match(lowered[i]) is not None
    rows, lowered, numbers = rows[~labelled], lowered[~labelled], numbers.filter(~labelled)
    # 18 characters shaped as a resident ID or USCC, not a placeholder or one digit.
    lengths = pc.utf8_length(numbers).to_numpy(zero_copy_only=False)
    placeholder = pc.is_in(pc.ascii_lower(numbers), pa.array(sorted(PLACEHOLDERS)))
    first = pc.utf8_slice_codeunits(numbers, 0, 1)
    repeated = pc.equal(pc.binary_repeat(first, pc.utf8_length(numbers)), numbers)
    plain_18 = (
        (lengths == 18)
        & ~placeholder.to_numpy(zero_copy_only=False)
        & ~repeated.to_numpy(zero_copy_only=False)
    )
    checked = np.flatnonzero(plain_18)
    if len(checked):
        _check_18(table, done, rows[checked], numbers.take(checked), uscc=uscc)
    rest = np.flatnonzero(~done[rows])
    texts_left, numbers_left = lowered[rest].tolist(), numbers.take(rest).to_pylist()
    for row, text, number in zip(rows[rest].tolist(), texts_left, numbers_left, strict=True):
        table[:, row] = _columns(decide(text, number))
        done[row] = True
    fill_slow(table, done, uniques, reference)
    return spread(table, codes, raw.index)


def _check_18(
    table: npt.NDArray[np.object_],
    done: npt.NDArray[np.bool_],
    rows: npt.NDArray[np.intp],
    numbers: pa.Array,
    *,
    uscc: bool,
) -> None:
    """Resident ID numbers (and for tax numbers, USCC) among 18-character numbers."""
    chars = fixed_width(numbers, 18)
    digits = chars.astype(np.int64) - ord("0")
    ric_shape = ((digits[:, :17] >= 0) & (digits[:, :17] <= 9)).all(axis=1) & (
        ((digits[:, 17] >= 0) & (digits[:, 17] <= 9)) | (chars[:, 17] == ord("X"))
    )
    ric_digits = np.where(ric_shape[:, None], digits, 0)
    check = (1 - 2 * (ric_digits[:, :17] @ _RIC_WEIGHTS % 11)) % 11
    check_char = np.where(check == 10, ord("X"), check + ord("0"))
    check_ok = ric_shape & (check_char == chars[:, 17])
    year = ric_digits[:, 6:10] @ np.array([1000, 100, 10, 1])
    month = ric_digits[:, 10:12] @ np.array([10, 1])
    day = ric_digits[:, 12:14] @ np.array([10, 1])
    date_ok = check_ok & _valid_dates(year, month, day)
    values = numbers.to_numpy(zero_copy_only=False)
    last4 = pc.utf8_slice_codeunits(numbers, 14, 18).to_numpy(zero_copy_only=False)
    outcome = np.full(len(rows), -1)  # -1: not decided here
    if uscc:
        # _tax_id(): a resident ID if it is a valid one, else a USCC if shaped as one.
        code = _USCC_VALUE[chars]
        uscc_shape = np.asarray(
            (digits[:, :8] >= 0).all(axis=1)
            & (digits[:, :8] <= 9).all(axis=1)
            & (code[:, 8:] >= 0).all(axis=1),
            dtype=bool,
        )
        total = np.where(uscc_shape[:, None], code, 0)[:, :17] @ _USCC_WEIGHTS
        uscc_ok = (31 - total) % 31 == code[:, 17]
        outcome[uscc_shape] = np.where(uscc_ok[uscc_shape], _FOUND_USCC, _BAD_USCC)
        outcome[date_ok] = _FOUND_RIC
    else:
        outcome[ric_shape] = _BAD_CHECK
        outcome[check_ok] = _BAD_DATE
        outcome[date_ok] = _FOUND_RIC
    for kind, (value, partial, note, status, reason) in _OUTCOMES.items():
        these = outcome == kind
        at = rows[these]
        table[_COL["value"], at] = values[these] if value else None
        table[_COL["partial"], at] = last4[these] if partial else None
        table[_COL["note"], at] = note
        table[_COL["status"], at] = status
        table[_COL["reason"], at] = reason
        done[at] = True


def _fast_tax_id(text: str, number: str) -> Normalised:
    return _tax_id(text, number, _ein_is_valid)


def _ein_is_valid(number: str) -> bool:
    """ein.is_valid() of a number of 9 digits: stdnum looks up its first two (the IRS
    campus prefixes of stdnum/us/ein.dat)."""
    nine_digits = len(number) == 9 and number.isascii() and number.isdigit()
    return _ein_prefix_is_valid(number[:2]) if nine_digits else ein.is_valid(number)


@lru_cache(maxsize=128)
def _ein_prefix_is_valid(prefix: str) -> bool:
    return ein.is_valid(prefix + "0000000")


_FOUND_RIC, _BAD_CHECK, _BAD_DATE, _FOUND_USCC, _BAD_USCC = range(5)
#: outcome → (has value, has partial, note, status, reason), as _found() / invalid().
_OUTCOMES: Final = {
    _FOUND_RIC: (True, True, _RIC, STATUS_OK, None),
    _BAD_CHECK: (False, False, _RIC, STATUS_INVALID, f"{_RIC} fails its check digit"),
    _BAD_DATE: (False, False, _RIC, STATUS_INVALID, f"{_RIC} has an impossible birth date"),
    _FOUND_USCC: (True, True, _USCC, STATUS_OK, None),
    _BAD_USCC: (False, False, _USCC, STATUS_INVALID,
                "CN USCC (统一社会信用代码) fails its check digit"),
}  # fmt: skip


def _valid_dates(
    year: npt.NDArray[np.int64], month: npt.NDArray[np.int64], day: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Whether datetime.date(year, month, day) exists (years 1 to 9999)."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(month, 0, 12)]
    days = days + ((month == 2) & leap)
    result: npt.NDArray[np.bool_] = (
        (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= days)
    )
    return result


def _columns(result: Normalised) -> tuple[str | None, ...]:
    return tuple(getattr(result, column) for column in NORMALISED_COLUMNS)


