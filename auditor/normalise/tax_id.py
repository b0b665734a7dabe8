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
from typing import Final

import pandas as pd
from stdnum.cn import ric, uscc
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.gb import vat as gb_vat
from stdnum.us import ein, itin, ssn

from auditor.normalise._base import STATUS_OK, Normalised, invalid, map_unique, non_linking
from auditor.normalise.text import SCIENTIFIC_RE, fold, is_placeholder

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


def normalise_tax_id(raw: pd.Series) -> pd.DataFrame:
    """Normalise tax numbers (see the module docstring).

    >>> normalise_tax_id(pd.Series(["EIN: 12-3456789"])).loc[0, "note"]
    'US EIN'
    """
    return map_unique(raw, normalise_tax_id_value)


def normalise_id_number(raw: pd.Series) -> pd.DataFrame:
    """Normalise personal ID numbers (see the module docstring).

    >>> normalise_id_number(pd.Series(["11010519491231002x"])).loc[0, "value"]
    '11010519491231002X'
    """
    return map_unique(raw, normalise_id_number_value)


def normalise_tax_id_value(raw: str) -> Normalised:
    """Normalise one tax number.

    >>> normalise_tax_id_value("de 136 695 976").value
    'DE136695976'
    >>> normalise_tax_id_value("91110000600037341M").reason
    'CN USCC (统一社会信用代码) fails its check digit'
    """
    text, number = _clean(raw)
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
        return _us_nine_digits(text, number)
    return _unknown(number, "tax number")


def normalise_id_number_value(raw: str) -> Normalised:
    """Normalise one personal ID number.

    >>> normalise_id_number_value("110105491231002").value
    '11010519491231002X'
    >>> normalise_id_number_value("E12345678").note
    'CN passport'
    """
    text, number = _clean(raw)
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


def _us_nine_digits(text: str, number: str) -> Normalised:
    if _SSN_WRITTEN_RE.search(text):
        if itin.is_valid(number):
            return _found(number, "US ITIN")
        return _checked(number, ssn.validate, "US SSN")
    if ein.is_valid(number):
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
