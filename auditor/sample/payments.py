"""Payout (bank) accounts and credit cards, and the ways sellers write and mask them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from auditor.sample import names
from auditor.sample.numbers import iban, luhn_complete
from auditor.sample.strings import (
    IntArray,
    StrArray,
    apply_forms,
    cat,
    choice,
    digit_matrix,
    digit_str,
    distinct,
    join_cells,
    strs,
)

DEBIT, CORPORATE, IBAN = 0, 1, 2

_DEBIT_BIN: Final = strs([b for b, _ in names.CN_DEBIT_BINS])
_DEBIT_BANK: Final = strs([n for _, n in names.CN_DEBIT_BINS])
_CORP_PREFIX: Final = strs([p for p, _, _ in names.CN_CORPORATE_PREFIXES])
_CORP_BANK: Final = strs([n for _, n, _ in names.CN_CORPORATE_PREFIXES])
_CORP_LEN: Final = np.array([length for _, _, length in names.CN_CORPORATE_PREFIXES])
_CARD_BIN: Final = strs([b for b, _, _ in names.CARD_BINS])
_CARD_LEN: Final = np.array([length for _, _, length in names.CARD_BINS])


def group4(values: StrArray, sep: str) -> StrArray:
    """Digits in groups of four: ``6222 0212 3456 7890 123``."""
    parts = np.column_stack([np.strings.slice(values, i, i + 4) for i in range(0, 36, 4)])
    return join_cells(parts, sep)


@dataclass(frozen=True, slots=True)
class Banks:
    """Payout accounts, one per entity id: Chinese debit cards and corporate accounts
    (digits) and European IBANs; ``bank`` names the bank of a Chinese account."""

    canonical: StrArray
    type: IntArray
    bank: StrArray

    def render(self, ids: IntArray, rng: np.random.Generator, style: str) -> StrArray:
        """Accounts as written: grouped by four, plain, with the bank's name, or dashed."""
        value, bank = self.canonical[ids], self.bank[ids]
        weights = (0.45, 0.35, 0.15, 0.05) if style == "xlsx" else (0.5, 0.4, 0.0, 0.1)
        forms = choice(rng, 4, len(ids), weights)
        forms = np.where((self.type[ids] == IBAN) & (forms >= 2), 0, forms)
        return apply_forms(forms, (
            lambda r: group4(value[r], " "),
            lambda r: value[r],
            lambda r: cat(bank[r], " ", group4(value[r], " ")),
            lambda r: group4(value[r], "-"),
        ))


def make_banks(rng: np.random.Generator, european: np.ndarray[tuple[int], np.dtype[np.bool_]],
               ) -> Banks:
    """One payout account per row; IBANs for a quarter of ``european`` rows."""
    n = len(european)
    kind = np.where(european & (rng.random(n) < 0.25), IBAN,
                    np.where(rng.random(n) < 0.6, DEBIT, CORPORATE))
    debit_bin = rng.integers(0, len(_DEBIT_BIN), n)
    corp = rng.integers(0, len(_CORP_PREFIX), n)
    iban_bank = rng.integers(0, len(names.IBAN_BANKS), n)

    def draw(r: np.random.Generator, rows: IntArray) -> StrArray:
        k = len(rows)
        t = kind[rows]
        debit = luhn_complete(np.column_stack([
            _digits_of(_DEBIT_BIN[debit_bin[rows]], 6), r.integers(0, 10, (k, 12))]))
        body = digit_str(r.integers(0, 10, (k, 20)))
        corporate = cat(_CORP_PREFIX[corp[rows]],
                        np.strings.slice(body, 0, _CORP_LEN[corp[rows]] - 4))
        country = strs([c for c, _ in names.IBAN_BANKS])[iban_bank[rows]]
        code = strs([b for _, b in names.IBAN_BANKS])[iban_bank[rows]]
        gb = country == "GB"
        bban = np.where(gb, cat(code, np.strings.slice(body, 0, 14)),
                        cat(code, np.strings.slice(body, 0, 10)))
        return np.where(t == DEBIT, debit, np.where(t == CORPORATE, corporate,
                                                    iban(country, bban)))

    values = distinct(rng, draw, n)
    bank = np.where(kind == DEBIT, _DEBIT_BANK[debit_bin],
                    np.where(kind == CORPORATE, _CORP_BANK[corp], ""))
    return Banks(values, kind, bank)


@dataclass(frozen=True, slots=True)
class Cards:
    """Credit cards, one per entity id (digits, Luhn-valid)."""

    canonical: StrArray

    def render(self, ids: IntArray, rng: np.random.Generator) -> StrArray:
        """Cards as written: grouped (Amex 4-6-5), plain, or dashed."""
        value = self.canonical[ids]
        amex = np.strings.str_len(value) == 15
        forms = choice(rng, 3, len(ids), (0.55, 0.35, 0.1))
        grouped = np.where(amex, cat(np.strings.slice(value, 0, 4), " ",
                                     np.strings.slice(value, 4, 10), " ",
                                     np.strings.slice(value, 10, None)), group4(value, " "))
        return apply_forms(forms, (
            lambda r: grouped[r],
            lambda r: value[r],
            lambda r: np.where(amex[r], np.strings.replace(grouped[r], " ", "-"),
                               group4(value[r], "-")),
        ))

    def masked(self, ids: IntArray, rng: np.random.Generator) -> StrArray:
        """The cards as payment pages show them: ``**** **** **** 1234``,
        ``************1234`` or ``427020******1234``."""
        value = self.canonical[ids]
        last4 = np.strings.slice(value, -4, None)
        forms = rng.integers(0, 3, len(ids))
        return apply_forms(forms, (
            lambda r: cat("**** **** **** ", last4[r]),
            lambda r: cat("************", last4[r]),
            lambda r: cat(np.strings.slice(value[r], 0, 6), "******", last4[r]),
        ))


def make_cards(rng: np.random.Generator, n: int) -> Cards:
    """``n`` different Luhn-valid credit cards of Visa, Mastercard, UnionPay and Amex BINs."""
    bins = rng.integers(0, len(_CARD_BIN), n)

    def draw(r: np.random.Generator, rows: IntArray) -> StrArray:
        k = len(rows)
        b = bins[rows]
        full = luhn_complete(np.column_stack([_digits_of(_CARD_BIN[b], 6),
                                              r.integers(0, 10, (k, 9))]))
        amex = luhn_complete(np.column_stack([_digits_of(_CARD_BIN[b], 6),
                                              r.integers(0, 10, (k, 8))]))
        return np.where(_CARD_LEN[b] == 15, amex, full)

    return Cards(distinct(rng, draw, n))


def same_last4(cards: Cards, a: IntArray, b: IntArray) -> None:
    """Make card ``b[i]`` end in the same four digits as ``a[i]`` — still a different card."""
    value = cards.canonical[b]
    length = np.strings.str_len(value)
    rows = np.arange(len(b))
    d = digit_matrix(value, 16)
    last = digit_matrix(np.strings.slice(cards.canonical[a], -4, None), 4)
    for k in range(4):
        d[rows, length - 4 + k] = last[:, k]
    # Fix the Luhn sum with the digit just before the last four (it is never doubled).
    d[rows, length - 5] = 0
    from_right = length[:, None] - 1 - np.arange(16)
    known = np.where(d < 0, 0, d)
    twice = known * 2
    doubled = (from_right >= 0) & (from_right % 2 == 1)
    total = np.where(doubled, np.where(twice > 9, twice - 9, twice), known).sum(axis=1)
    d[rows, length - 5] = (10 - total % 10) % 10
    cards.canonical[b] = np.strings.slice(digit_str(np.where(d < 0, 0, d)), 0, length)


def _digits_of(values: StrArray, width: int) -> IntArray:
    return digit_matrix(values, width)


__all__ = ["Banks", "Cards", "make_banks", "make_cards", "same_last4"]
