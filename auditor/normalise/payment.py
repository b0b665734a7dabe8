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
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from stdnum import iban, luhn
from stdnum.exceptions import ValidationError
from stdnum.us import rtn
from stdnum.util import get_cc_module

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking
from auditor.normalise._fast import distinct, fill_slow, fixed_width, new_table, spread
from auditor.normalise.text import PLACEHOLDERS, SCIENTIFIC_RE, fold, is_placeholder
from auditor.tables import NORMALISED_COLUMNS, STATUS_INVALID, STATUS_NON_LINKING, STATUS_OK

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


def normalise_bank(raw: pd.Series, *, fast: bool = True) -> pd.DataFrame:
    """Normalise bank and payout account numbers (see the module docstring).

    The result is :func:`normalise_bank_value` applied to every distinct value.
    ``fast=False`` does exactly that; the default reads plain digit groups with array
    operations and checks each IBAN once, and leaves the rest to
    :func:`normalise_bank_value`.

    >>> normalise_bank(pd.Series(["6222 0202 0011 2233 445", "尾号3445"]))["partial"].tolist()
    ['3445', '3445']
    """
    if not fast:
        return map_unique(raw, normalise_bank_value)
    codes, uniques, texts = distinct(raw)
    table, done = new_table(len(uniques))
    _fast_accounts(texts, table, done)
    _fast_ibans(texts, table, done)
    fill_slow(table, done, uniques, normalise_bank_value)
    return spread(table, codes, raw.index)


def normalise_card(raw: pd.Series, *, fast: bool = True) -> pd.DataFrame:
    """Normalise payment card numbers (see the module docstring).

    The result is :func:`normalise_card_value` applied to every distinct value.
    ``fast=False`` does exactly that; the default reads plain digit groups that pass
    the Luhn check, and numbers masked with ``*``, with array operations, and leaves
    the rest to :func:`normalise_card_value`.

    >>> normalise_card(pd.Series(["4111-1111-1111-1111"])).loc[0, "value"]
    '4111111111111111'
    """
    if not fast:
        return map_unique(raw, normalise_card_value)
    codes, uniques, texts = distinct(raw)
    table, done = new_table(len(uniques))
    _fast_cards(texts, table, done)
    _fast_masked(texts, table, done)
    fill_slow(table, done, uniques, normalise_card_value)
    return spread(table, codes, raw.index)


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


# --- the array path -----------------------------------------------------------------------
#
# Digit groups: a value of ASCII digits in groups separated by one space or dash is its
# own fold(); is_placeholder() looks at its digits (spaces and dashes are not word
# characters); it has no "e+", no mask, no IBAN (no letters) and is one _RUN_RE run.
# So normalise_card_value() reads all its digits as the number when they pass the Luhn
# check (_card_digits() keeps them whole), and normalise_bank_value() reads them as the
# account number unless the first group could be a US routing number (9 digits). The
# rest of both is a few tests on the digits, done here on arrays in the same order.
# Masked cards ("**** **** **** 1234", "622202******1234"): ASCII digits, "*", spaces
# and dashes ending in 4 digits take _masked(), whose last run of digits is those 4.
# IBANs: an ASCII value that is exactly _IBAN_RE (upper-cased) and not a mask or
# placeholder once folded is what normalise_bank_value() hands to _iban() whole.
_GROUPS: Final = r"^[0-9]+(?:[ \-][0-9]+)*$"
_MASKED_CARD: Final = r"^[0-9 \-*]*\*[0-9 \-*]*[0-9]{4}$"
_CARD_LENGTHS: Final = range(12, 20)
_COL: Final = {name: i for i, name in enumerate(NORMALISED_COLUMNS)}
_ONE_DIGIT: Final = "one repeated digit, a placeholder"


def _fast_cards(
    texts: pa.Array, table: npt.NDArray[np.object_], done: npt.NDArray[np.bool_]
) -> None:
    rows, digits = _digit_groups(texts)
    lengths = pc.utf8_length(digits).to_numpy(zero_copy_only=False)
    luhn_ok = np.zeros(len(rows), dtype=bool)
    for length in _CARD_LENGTHS:
        these = np.flatnonzero(lengths == length)
        luhn_ok[these] = _luhn(fixed_width(digits.take(these), length))
    rows, digits = rows[luhn_ok], digits.filter(pa.array(luhn_ok))
    numbers = digits.to_numpy(zero_copy_only=False)
    repeated = _repeated(digits)
    heads = pc.utf8_slice_codeunits(digits, 0, 4).to_numpy(zero_copy_only=False)
    brands = np.array([_brand(head) for head in heads], dtype=object)
    last4 = pc.utf8_slice_codeunits(digits, -4, 2**31 - 1).to_numpy(zero_copy_only=False)
    _fill(table, rows, repeated, numbers, last4, brands, "a placeholder, not a card number")
    done[rows] = True


def _fast_accounts(
    texts: pa.Array, table: npt.NDArray[np.object_], done: npt.NDArray[np.bool_]
) -> None:
    rows, digits = _digit_groups(texts)
    lengths = pc.utf8_length(digits).to_numpy(zero_copy_only=False)
    first = pc.utf8_length(pc.extract_regex(texts.take(rows), r"^(?P<first>[0-9]+)").field(0))
    many = pc.match_substring_regex(texts.take(rows), r"[ \-]").to_numpy(zero_copy_only=False)
    routing = many & (first.to_numpy(zero_copy_only=False) == 9)  # maybe "routing / account"
    keep = ~routing & (lengths >= _MIN_ACCOUNT) & (lengths <= _MAX_ACCOUNT)
    rows, digits = rows[keep], digits.filter(pa.array(keep))
    numbers = digits.to_numpy(zero_copy_only=False)
    last4 = pc.utf8_slice_codeunits(digits, -4, 2**31 - 1).to_numpy(zero_copy_only=False)
    notes = np.full(len(rows), None, dtype=object)
    _fill(table, rows, _repeated(digits), numbers, last4, notes, "")
    done[rows] = True


def _fast_masked(
    texts: pa.Array, table: npt.NDArray[np.object_], done: npt.NDArray[np.bool_]
) -> None:
    rows = _rows(texts, _MASKED_CARD)
    shown = pc.replace_substring_regex(texts.take(rows), "[^0-9]", "")
    real = pc.invert(pc.is_in(shown, pa.array(sorted(PLACEHOLDERS), type=pa.large_string())))
    real_rows = real.to_numpy(zero_copy_only=False)
    rows = rows[real_rows]
    table[_COL["partial"], rows] = pc.utf8_slice_codeunits(
        texts.take(rows), -4, 2**31 - 1
    ).to_numpy(zero_copy_only=False)
    table[_COL["note"], rows] = "masked"
    table[_COL["status"], rows] = STATUS_OK
    done[rows] = True


def _fast_ibans(
    texts: pa.Array, table: npt.NDArray[np.object_], done: npt.NDArray[np.bool_]
) -> None:
    rows = _rows(texts, r"^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 \-]+$")
    for row, text in zip(rows.tolist(), texts.take(rows).to_pylist(), strict=True):
        upper = text.upper()
        if _IBAN_RE.fullmatch(upper) is None:
            continue
        folded = text.lower()  # fold() of ASCII text
        if _MASK_RE.search(folded) or is_placeholder(folded):
            continue
        compact = upper.replace(" ", "").replace("-", "")  # iban.compact()
        last4 = compact[-4:]
        laid_out = _iban_layout(compact[:2], compact[4:].translate(_LAYOUT))
        if laid_out is None:  # the country checks more: ask stdnum about this one
            table[:, row] = _iban_columns(upper)
        elif laid_out and int((compact[4:] + compact[:4]).translate(_BASE36)) % 97 == 1:
            table[:, row] = (compact, None, last4, f"IBAN ({compact[:2]})", STATUS_OK, None)
        else:
            table[:, row] = (None, None, last4, None, STATUS_INVALID, _BAD_IBAN)
        done[row] = True


# iban.validate(compact) checks, in turn: mod 97 over the number moved 4 characters
# (letters as 10…35: mod_97_10), that the registry knows the country (its first two
# letters), that the rest follows the country's layout (digits, upper-case letters or
# either, position by position), and for some countries a national rule. The layout
# test sees only the country, the length and which positions are digits.
_BASE36: Final = str.maketrans({chr(c): str(c - ord("A") + 10) for c in range(65, 91)})
_LAYOUT: Final = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "n" * 10 + "a" * 26)
_BAD_IBAN: Final = "not a valid IBAN (fails its check digits or length)"


@lru_cache(maxsize=65536)
def _iban_layout(country: str, layout: str) -> bool | None:
    """Whether stdnum accepts the country and the layout of the part after the check
    digits ("n": digit, "a": letter), or None if it checks the country's numbers further."""
    if get_cc_module(country.lower(), "iban") is not None:
        return None
    body = "".join("0" if kind == "n" else "A" for kind in layout)
    number = country + iban.calc_check_digits(country + "00" + body) + body
    return iban.is_valid(number)


@lru_cache(maxsize=65536)
def _iban_columns(candidate: str) -> tuple[str | None, ...]:
    result = _iban(candidate)
    return tuple(getattr(result, column) for column in NORMALISED_COLUMNS)


def _digit_groups(texts: pa.Array) -> tuple[npt.NDArray[np.intp], pa.Array]:
    """Values that are digit groups (see above), and their digits, placeholders aside."""
    rows = _rows(texts, _GROUPS)
    digits = pc.replace_substring_regex(texts.take(rows), "[ \\-]", "")
    real = pc.invert(pc.is_in(digits, pa.array(sorted(PLACEHOLDERS), type=pa.large_string())))
    return rows[real.to_numpy(zero_copy_only=False)], digits.filter(real)


def _fill(
    table: npt.NDArray[np.object_],
    rows: npt.NDArray[np.intp],
    repeated: npt.NDArray[np.bool_],
    numbers: npt.NDArray[np.object_],
    last4: npt.NDArray[np.object_],
    notes: npt.NDArray[np.object_],
    placeholder: str,
) -> None:
    """Digits as the value, or one repeated digit: non_linking with ``placeholder``."""
    del placeholder
    numbers, last4, notes = numbers.copy(), last4.copy(), notes.copy()
    numbers[repeated] = last4[repeated] = notes[repeated] = None
    status = np.array([STATUS_OK, STATUS_NON_LINKING], dtype=object)[repeated.astype(np.intp)]
    reason = np.full(len(rows), None, dtype=object)
    reason[repeated] = _ONE_DIGIT
    table[_COL["value"], rows] = numbers
    table[_COL["partial"], rows] = last4
    table[_COL["note"], rows] = notes
    table[_COL["status"], rows] = status
    table[_COL["reason"], rows] = reason


def _luhn(digits: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """luhn.is_valid() of each row of an n × width matrix of ASCII digits."""
    values = digits.astype(np.int64) - ord("0")
    doubled = values[:, -2::-2] * 2  # every second digit from the right
    total = values[:, ::-2].sum(axis=1) + (doubled - 9 * (doubled > 9)).sum(axis=1)
    result: npt.NDArray[np.bool_] = total % 10 == 0
    return result


def _repeated(digits: pa.Array) -> npt.NDArray[np.bool_]:
    """Whether each string is one character repeated."""
    first = pc.utf8_slice_codeunits(digits, 0, 1)
    same = pc.equal(pc.binary_repeat(first, pc.utf8_length(digits)), digits)
    result: npt.NDArray[np.bool_] = same.to_numpy(zero_copy_only=False)
    return result


@lru_cache(maxsize=16384)
def _brand(head: str) -> str | None:
    """card_brand() of a number, from its first 4 digits (its longest prefix range)."""
    return card_brand(head)


def _rows(texts: pa.Array, pattern: str) -> npt.NDArray[np.intp]:
    matched = pc.fill_null(pc.match_substring_regex(texts, pattern), False)
    return np.flatnonzero(matched.to_numpy(zero_copy_only=False))




