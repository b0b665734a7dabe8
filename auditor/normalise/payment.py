"""Bank / payout accounts and payment cards.

**The same value**: the same digits. Spaces, dashes and dots inside the number, and
words around it ("招商银行 6225 8801 2345 6789", "Payoneer: 1234567890", "Visa 4111…"),
are dropped. ``partial`` is always the last 4 digits, so a masked number can be matched
against a full one as weak evidence.

- **Masked** numbers — ``****1234``, ``6222 **** **** 1234``, ``xxxx-xxxx-xxxx-1234``,
  ``622202******1234``, ``尾号1234``, "ending in 1234" — have no ``value``; ``partial``
  is the last 4 digits shown, ``note`` "masked", status ok. Fewer than 4 digits shown is
  invalid.
- **Bank** (:func:`normalise_bank`): an IBAN is validated with :mod:`stdnum.iban`
  (value = compact upper-case IBAN, note "IBAN (DE)"; a failed check is invalid). Other
  account numbers (Payoneer, PingPong, WorldFirst, Chinese bank cards of 16–19 digits…)
  are digits only and are *not* Luhn-checked: many valid Chinese bank cards fail it. A US
  routing number written before the account ("021000021 / 123456789", the routing number
  passing its ABA check) goes to ``note``; ``value`` is the account number alone, so it
  meets the same account written without its routing number. Fewer than 6 digits is
  invalid; several long numbers in one cell is invalid.
- **Card** (:func:`normalise_card`): 12–19 digits passing the Luhn check
  (:mod:`stdnum.luhn`), else invalid "fails the Luhn check" — except UnionPay (62…),
  whose debit cards often carry no Luhn digit: ok, with a note. An expiry date or CVV
  after the number is ignored. ``note`` is the brand (Visa, Mastercard, UnionPay…).

A number made of one repeated digit ("000000", "1111 1111 1111 1111") is non_linking; one
a spreadsheet wrote in scientific notation ("6.22202E+18") is invalid.
"""

from __future__ import annotations

import re
from typing import Final

import pandas as pd
from stdnum import iban, luhn
from stdnum.exceptions import ValidationError
from stdnum.us import rtn

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking
from auditor.normalise.text import SCIENTIFIC_RE, fold, is_placeholder

_MASK_RE: Final = re.compile(
    r"\*|[•●]|[x×]{2,}|…|\.{3}|尾号|尾数|末四位|后四位|末尾|ending|last\s*(?:4|four)",
    re.IGNORECASE,
)
_RUN_RE: Final = re.compile(r"\d(?:[\d \-.]*\d)?")  # one number, possibly spaced
_CHUNK_RE: Final = re.compile(r"\d+")
_IBAN_RE: Final = re.compile(r"(?<![A-Z0-9])[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]){10,30}(?![A-Z0-9])")
_SCIENTIFIC: Final = "written in scientific notation: a spreadsheet dropped its digits"
_MIN_ACCOUNT: Final = 6
_MAX_TRAILER: Final = 7
_MAX_ACCOUNT: Final = 34

#: (prefix ranges, brand), first match wins.
CARD_BRANDS: Final = (
    ((("34", "34"), ("37", "37")), "American Express"),
    ((("4", "4"),), "Visa"),
    ((("51", "55"), ("2221", "2720")), "Mastercard"),
    ((("62", "62"), ("81", "81")), "UnionPay"),
    ((("6011", "6011"), ("644", "649"), ("65", "65")), "Discover"),
    ((("3528", "3589"),), "JCB"),
    ((("300", "305"), ("36", "36"), ("38", "39")), "Diners Club"),
    ((("5018", "5018"), ("5020", "5020"), ("5038", "5038"), ("6304", "6304"),
      ("6759", "6759"), ("6761", "6763")), "Maestro"),
)


def normalise_bank(raw: pd.Series) -> pd.DataFrame:
    """Normalise bank and payout account numbers (see the module docstring).

    >>> normalise_bank(pd.Series(["6222 0202 0011 2233 445", "尾号3445"]))["partial"].tolist()
    ['3445', '3445']
    """
    return map_unique(raw, normalise_bank_value)


def normalise_card(raw: pd.Series) -> pd.DataFrame:
    """Normalise payment card numbers (see the module docstring).

    >>> normalise_card(pd.Series(["4111-1111-1111-1111"])).loc[0, "value"]
    '4111111111111111'
    """
    return map_unique(raw, normalise_card_value)


def normalise_bank_value(raw: str) -> Normalised:
    """Normalise one bank or payout account number.

    >>> normalise_bank_value("DE89 3704 0044 0532 0130 00").value
    'DE89370400440532013000'
    >>> normalise_bank_value("021000021 / 123456789").note
    'US routing number 021000021'
    """
    text = fold(raw)
    if is_placeholder(text):
        return non_linking(None, "a placeholder, not an account number")
    if SCIENTIFIC_RE.search(text):
        return invalid(_SCIENTIFIC)
    if _MASK_RE.search(text):
        return _masked(text)
    iban_match = _IBAN_RE.search(text.upper())
    if iban_match is not None:
        return _iban(iban_match.group())
    chunks = _CHUNK_RE.findall(text)
    note = None
    if len(chunks) >= 2 and len(chunks[0]) == 9 and rtn.is_valid(chunks[0]):
        note = f"US routing number {chunks[0]}"
        text = text[text.index(chunks[0]) + 9 :]
    runs = [re.sub(r"\D", "", r) for r in _RUN_RE.findall(text)]
    long_runs = [r for r in runs if len(r) >= _MIN_ACCOUNT]
    if len(long_runs) > 1:
        return invalid("more than one account number in one value; list them separately")
    if not long_runs:
        shown = max(runs, key=len, default="")
        return invalid(f"too short for an account number ({len(shown)} digits)")
    digits = long_runs[0]
    if len(digits) > _MAX_ACCOUNT:
        return invalid(f"too long for an account number ({len(digits)} digits)")
    if len(set(digits)) == 1:
        return non_linking(None, "one repeated digit, a placeholder", partial=None)
    return Normalised(digits, partial=digits[-4:], note=note)


def normalise_card_value(raw: str) -> Normalised:
    """Normalise one payment card number.

    >>> normalise_card_value("4111 1111 1111 1111").note
    'Visa'
    >>> normalise_card_value("4111 1111 1111 1112").reason
    'fails the Luhn check'
    """
    text = fold(raw)
    if is_placeholder(text):
        return non_linking(None, "a placeholder, not a card number")
    if SCIENTIFIC_RE.search(text):
        return invalid(_SCIENTIFIC)
    if _MASK_RE.search(text):
        return _masked(text)
    numbers = [_card_digits(run) for run in _RUN_RE.findall(text)]
    long_numbers = [n for n in numbers if len(n) >= 12]
    if len(long_numbers) > 1:
        return invalid("more than one card number in one value; list them separately")
    digits = long_numbers[0] if long_numbers else max(numbers, key=len, default="")
    if not 12 <= len(digits) <= 19:
        return invalid(f"{len(digits)} digits; card numbers have 12 to 19")
    if len(set(digits)) == 1:
        return non_linking(None, "one repeated digit, a placeholder")
    brand = card_brand(digits)
    if not luhn.is_valid(digits):
        if brand != "UnionPay":
            return invalid("fails the Luhn check", partial=digits[-4:])
        brand = "UnionPay (no Luhn check digit)"
    return Normalised(digits, partial=digits[-4:], note=brand)


def card_brand(digits: str) -> str | None:
    """The card brand from the number's leading digits (None if unknown).

    >>> card_brand("6222020200112233445")
    'UnionPay'
    """
    for ranges, brand in CARD_BRANDS:
        for low, high in ranges:
            head = digits[: len(low)]
            if len(head) == len(low) and low <= head <= high:
                return brand
    return None


def _card_digits(run: str) -> str:
    """The card number in a run of digits: an expiry or CVV written after it is dropped."""
    chunks = _CHUNK_RE.findall(run)
    digits = "".join(chunks)
    if 12 <= len(digits) <= 19 and luhn.is_valid(digits):
        return digits
    number = ""
    best = ""
    for chunk in chunks:  # the longest leading group of chunks that is a valid number…
        number += chunk
        if 12 <= len(number) <= 19 and luhn.is_valid(number):
            best = number
    # …followed by no more than an expiry and a CVV (MMYY + 3 digits).
    return best if best and len(digits) - len(best) <= _MAX_TRAILER else digits


def _masked(text: str) -> Normalised:
    runs = [re.sub(r"\D", "", r) for r in _RUN_RE.findall(text)]
    shown = [r for r in runs if len(r) >= 4]
    if not shown:
        return invalid("masked, and fewer than 4 digits are shown")
    return Normalised(None, partial=shown[-1][-4:], note="masked")


def _iban(candidate: str) -> Normalised:
    compact = iban.compact(candidate)
    try:
        iban.validate(compact)
    except ValidationError:
        return invalid("not a valid IBAN (fails its check digits or length)",
                       partial=compact[-4:])
    return Normalised(compact, partial=compact[-4:], note=f"IBAN ({compact[:2]})")
