"""Phone numbers.

"The same value" is the same number in E.164 (``+8613800138000``), whatever the
notation: spaces, dashes, dots and brackets, ``+86``/``0086``/``86`` or no country code
(then ``default_region`` applies), a ``tel:`` URI, labels and names around it
(``手机：138…``, ``… (张先生)``), full-width digits, a number that a spreadsheet turned
into a float (``13800138000.0``). An extension (``ext. 12``, ``x12``, ``转801``,
``分机801``) is not part of the value — the line is what links — and is kept in
``note``, after the region and number type (``US; fixed line or mobile; ext. 12``).

``0086…`` (the international prefix used in China) is read as ``+86…`` whatever the
default region, since Chinese seller data writes it that way even for foreign
storefronts.

``invalid``: what phonenumbers (Google's libphonenumber metadata) does not accept as a
valid number — wrong length, unknown country code, unassigned range — with the reason.
``non_linking``: unmistakable placeholders — one repeated digit (``00000000000``), a
run of consecutive digits from 0, 1 or 9 (``12345678901``, ``987654321``), or a number
ending in seven zeros (``13800000000``). Real-looking example numbers such as
``13800138000`` are not guessed at: they are valid numbers and link like any other.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

import pandas as pd
import phonenumbers

from auditor.errors import ConfigError
from auditor.normalise._base import Normalised, invalid, map_unique, non_linking

_TYPES: Final = {
    phonenumbers.PhoneNumberType.FIXED_LINE: "fixed line",
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed line or mobile",
    phonenumbers.PhoneNumberType.TOLL_FREE: "toll free",
    phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium rate",
    phonenumbers.PhoneNumberType.SHARED_COST: "shared cost",
    phonenumbers.PhoneNumberType.VOIP: "voip",
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER: "personal number",
    phonenumbers.PhoneNumberType.PAGER: "pager",
    phonenumbers.PhoneNumberType.UAN: "universal access number",
    phonenumbers.PhoneNumberType.VOICEMAIL: "voicemail",
}
_PARSE_ERRORS: Final = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "unknown or missing country code",
    phonenumbers.NumberParseException.NOT_A_NUMBER: "not a phone number",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too short after the country prefix",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "too short to be a phone number",
    phonenumbers.NumberParseException.TOO_LONG: "too long to be a phone number",
}
_LENGTH_ERRORS: Final = {
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "unknown country code",
    phonenumbers.ValidationResult.TOO_SHORT: "too short",
    phonenumbers.ValidationResult.TOO_LONG: "too long",
    phonenumbers.ValidationResult.INVALID_LENGTH: "wrong length",
    phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "local number without area code",
}

_SPREADSHEET_FLOAT: Final = re.compile(r"(\+?\d+)\.0+")
_CHINESE_EXTENSION: Final = re.compile(r"\s*(?:转|分机号?|内线)\s*")
_BRACKETED_TEXT: Final = re.compile(r"[(\[【][^()\[\]【】\d]*[)\]】]")
_CJK: Final = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LEADING_ZERO_ZERO: Final = re.compile(r"[^\d+]*00(?=[1-9])")
_RUNS: Final = ("0123456789012345", "1234567890123456", "9876543210987654")
_MIN_PLACEHOLDER_DIGITS: Final = 6


def normalise_phone_value(text: str, default_region: str = "CN") -> Normalised:
    """Normalise one phone number as written; ``default_region`` applies without ``+``.

    >>> normalise_phone_value("+86 138-0013-8000").value
    '+8613800138000'
    >>> r = normalise_phone_value("(+1) 415 555 2671 ext. 12")
    >>> r.value, r.note
    ('+14155552671', 'US; fixed line or mobile; ext. 12')
    >>> normalise_phone_value("00000000000").status
    'non_linking'
    """
    default_region = default_region.upper()
    cleaned = _clean(text)
    number, error = _parse(cleaned, default_region)
    if number is None:
        return invalid(error)
    valid = phonenumbers.is_valid_number(number)
    value = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    nsn = phonenumbers.national_significant_number(number)
    if number.national_number == 0 or _is_placeholder(nsn):
        return non_linking(value if valid else None, "placeholder number")
    if not valid:
        return invalid(_invalid_reason(number, default_region, "+" in cleaned))
    region = phonenumbers.region_code_for_number(number) or "unknown region"
    facts = [region, _TYPES.get(phonenumbers.number_type(number), "unknown type")]
    if number.extension:
        facts.append(f"ext. {number.extension}")
    return Normalised(value, note="; ".join(facts))


def normalise_phone(raw: pd.Series, *, default_region: str = "CN") -> pd.DataFrame:
    """Normalise a column of phone numbers to E.164 (see the module docstring).

    ``default_region`` is the ISO 3166 country code used for numbers written without a
    country code; an unknown code raises :class:`auditor.errors.ConfigError`.

    >>> import pandas as pd
    >>> s = pd.Series(["0086 13800138000", "１３８００１３８０００", "+86 138 0013 8000"])
    >>> normalise_phone(s)["value"].tolist()
    ['+8613800138000', '+8613800138000', '+8613800138000']
    """
    region = default_region.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigError(
            f"unknown default phone region {default_region!r}: "
            "use a two-letter ISO country code such as CN, US or GB"
        )
    return map_unique(raw, functools.partial(normalise_phone_value, default_region=region))


def _clean(text: str) -> str:
    cleaned = unicodedata.normalize("NFKC", text).strip()
    float_form = _SPREADSHEET_FLOAT.fullmatch(cleaned)
    if float_form:
        cleaned = float_form.group(1)
    cleaned = _CHINESE_EXTENSION.sub(" ext. ", cleaned)
    cleaned = _BRACKETED_TEXT.sub(" ", cleaned)
    return _CJK.sub(" ", cleaned).strip()


def _parse(cleaned: str, region: str) -> tuple[phonenumbers.PhoneNumber | None, str]:
    attempts = [cleaned]
    idd = _LEADING_ZERO_ZERO.match(cleaned)
    if idd:
        attempts.append("+" + cleaned[idd.end() :])
    number = None
    error = "not a phone number"
    for attempt in attempts:
        try:
            number = phonenumbers.parse(attempt, region)
        except phonenumbers.NumberParseException as exc:
            error = _PARSE_ERRORS.get(exc.error_type, "not a phone number")
            continue
        if phonenumbers.is_valid_number(number):
            break
    return number, error


def _invalid_reason(number: phonenumbers.PhoneNumber, region: str, has_plus: bool) -> str:
    possible = phonenumbers.is_possible_number_with_reason(number)
    where = phonenumbers.region_code_for_country_code(number.country_code or 0)
    if possible in _LENGTH_ERRORS:
        reason = f"not a valid phone number ({_LENGTH_ERRORS[possible]} for {where})"
    else:
        reason = f"not a valid phone number for {where} (unassigned range)"
    if where == region and not has_plus:
        reason += f"; read as {region} because no country code is written"
    return reason


def _is_placeholder(digits: str) -> bool:
    if len(digits) < _MIN_PLACEHOLDER_DIGITS:
        return False
    return (
        len(set(digits)) == 1
        or any(run.startswith(digits) for run in _RUNS)
        or digits.endswith("0000000")
    )


__all__ = ["normalise_phone", "normalise_phone_value"]
