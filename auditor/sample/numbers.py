"""Check digits, vectorised: Luhn, China USCC and resident ID, IBAN, UK and German VAT.

Each function takes a matrix of digit (or character) values, one number per row, and
returns the check character(s). The tests compare them with python-stdnum.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from auditor.sample.strings import (
    IntArray,
    StrArray,
    cat,
    char_str,
    digit_matrix,
    digit_str,
    number_str,
    strs,
)

Matrix = np.ndarray[Any, Any]

#: Characters of a China Unified Social Credit Code (GB 32100-2015): no I, O, S, V, Z.
USCC_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS: Final = np.array([pow(3, i, 31) for i in range(17)], dtype=np.int64)
_ORG_WEIGHTS: Final = np.array([3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_RIC_WEIGHTS: Final = np.array([pow(2, 17 - i, 11) for i in range(17)], dtype=np.int64)
_RIC_CHECK: Final = "10X98765432"


def luhn_complete(body: Matrix) -> StrArray:
    """The digits of each row followed by its Luhn check digit (cards, bank cards)."""
    n, length = body.shape
    d = body.astype(np.int64)
    doubled = (length - np.arange(length)) % 2 == 1  # every other digit, from the right
    twice = d * 2
    contrib = np.where(doubled, np.where(twice > 9, twice - 9, twice), d)
    check = (10 - contrib.sum(axis=1) % 10) % 10
    return digit_str(np.column_stack([d, check]))


def uscc(division: StrArray, body: Matrix) -> StrArray:
    """Unified Social Credit Codes: ``91`` (enterprise), the 6-digit division code, a
    9-character organisation code (8 characters + GB 11714 check) and the check character.

    ``body`` holds the 8 organisation-code characters as indices into
    :data:`USCC_ALPHABET`.
    """
    org = body.astype(np.int64)
    org_sum = (org * _ORG_WEIGHTS).sum(axis=1) % 11
    org_check = (11 - org_sum) % 11  # 10 is written X (index 30 is Y, so map by hand)
    org_char = np.where(org_check == 10, USCC_ALPHABET.index("X"), org_check)
    head = cat("91", division)
    head_digits = digit_matrix(head, 8)
    values = np.column_stack([head_digits, org, org_char])
    check = (31 - (values * _USCC_WEIGHTS).sum(axis=1) % 31) % 31
    return char_str(np.column_stack([values, check]), USCC_ALPHABET)


def resident_id(area: StrArray, birth: StrArray, sequence: IntArray) -> StrArray:
    """18-character Chinese resident identity numbers (GB 11643) with the check character."""
    body = cat(area, birth, number_str(sequence, 3))
    digits = digit_matrix(body, 17)
    check = (digits * _RIC_WEIGHTS).sum(axis=1) % 11
    return cat(body, strs(list(_RIC_CHECK))[check])


def iban(country: StrArray, bban: StrArray) -> StrArray:
    """IBANs (ISO 13616) from the country code and the BBAN (digits and capitals)."""
    n = len(bban)
    if n == 0:
        return strs([])
    rearranged = cat(bban, country, "00")
    width = int(np.strings.str_len(rearranged).max())
    padded = np.strings.rjust(rearranged, width, "#")  # "#" (35) is skipped below
    chars = np.frombuffer(
        np.ascontiguousarray(padded.astype(f"S{width}")).tobytes(), dtype=np.uint8
    ).reshape(n, width).astype(np.int64)
    rem = np.zeros(n, dtype=np.int64)
    for j in range(width):
        c = chars[:, j]
        letter = c >= 65
        rem = np.where(c == 35, rem,
                       np.where(letter, (rem * 100 + c - 55) % 97, (rem * 10 + c - 48) % 97))
    check = 98 - rem
    return cat(country, number_str(check, 2), bban)


def vat_gb(first7: Matrix) -> StrArray:
    """UK VAT numbers: 7 digits and two check digits making the weighted sum ≡ 0 (mod 97)."""
    d = first7.astype(np.int64)
    total = (d * np.arange(8, 1, -1)).sum(axis=1)
    return cat("GB", digit_str(d), number_str((-total) % 97, 2))


def vat_de(first8: Matrix) -> StrArray:
    """German VAT numbers (USt-IdNr.): 8 digits and an ISO 7064 MOD 11,10 check digit."""
    d = first8.astype(np.int64)
    product = np.full(len(d), 10, dtype=np.int64)
    for j in range(8):
        s = (d[:, j] + product) % 10
        s = np.where(s == 0, 10, s)
        product = (2 * s) % 11
    check = (11 - product) % 10
    return cat("DE", digit_str(np.column_stack([d, check])))
