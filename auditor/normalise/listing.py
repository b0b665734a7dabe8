"""Product listings: ASIN, ISBN, UPC / EAN / GTIN.

**The same value**: the same product code in one canonical form, found in a bare code,
a labelled one ("ASIN: B08N5WRWNW", "UPC 0-12345-67890-5") or an Amazon product URL
(``…/dp/B08N5WRWNW?ref=…``):

- ASIN ("B0" + 8 letters/digits): upper case; note "ASIN".
- UPC / EAN / GTIN: digits, check digit verified with :mod:`stdnum.ean` (a failed check
  is invalid). One product has one form: a 12-digit UPC-A becomes its 13-digit EAN with a
  leading 0, a GTIN-14 with indicator 0 drops it, and an 11-digit number that is a UPC-A
  whose leading zero a spreadsheet dropped gets it back — so "012345678905",
  "0012345678905", "00012345678905" and 12345678905 all have value "0012345678905".
  EAN-8 and GTIN-14 with another indicator stay as they are. note "UPC-A", "EAN-13",
  "EAN-8", "GTIN-14".
- ISBN-10 (a book's ASIN): verified and written as its ISBN-13, so it meets the book's
  EAN; note "ISBN-10".

Anything else without spaces (a seller SKU) is kept upper-case without dashes and dots,
with note "format not recognised"; text with spaces is invalid. A number a spreadsheet
wrote in scientific notation ("4.00638E+12") is invalid: its digits are gone. No ``key``
or ``partial``.
"""

from __future__ import annotations

import re
from typing import Final

import pandas as pd
from stdnum import ean, isbn

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking
from auditor.normalise.text import SCIENTIFIC_RE, fold, is_placeholder

_URL_ASIN_RE: Final = re.compile(
    r"/(?:DP|GP/PRODUCT|PRODUCT|ASIN|GP/AW/D)/([A-Z0-9]{10})(?![A-Z0-9])"
)
_ASIN_RE: Final = re.compile(r"(?<![A-Z0-9])B0[A-Z0-9]{8}(?![A-Z0-9])")
_LABEL_RE: Final = re.compile(
    r"^\s*(?:ASIN|ISBN(?:-?1[03])?|UPC(?:-?A)?|EAN(?:-?1[38])?|GTIN(?:-?1[2-4])?|SKU|JAN|"
    r"PRODUCT\s*ID|条码|条形码|商品编码)(?:\s*[:#]\s*|\s+)"
)
_SEPARATORS_RE: Final = re.compile(r"[\s\-.]")
_GTIN_NAMES: Final = {8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"}


def normalise_listing(raw: pd.Series) -> pd.DataFrame:
    """Normalise product codes (see the module docstring).

    >>> normalise_listing(pd.Series(["b08n5wrwnw", "012345678905"]))["value"].tolist()
    ['B08N5WRWNW', '0012345678905']
    """
    return map_unique(raw, normalise_listing_value)


def normalise_listing_value(raw: str) -> Normalised:
    """Normalise one product code.

    >>> normalise_listing_value("https://www.amazon.com/dp/B08N5WRWNW?th=1").value
    'B08N5WRWNW'
    >>> normalise_listing_value("0-316-76948-7").value
    '9780316769488'
    """
    text = fold(raw).upper()
    if is_placeholder(text):
        return non_linking(None, "a placeholder, not a product code")
    if SCIENTIFIC_RE.search(text):
        return invalid("written in scientific notation: a spreadsheet dropped its digits")
    url = _URL_ASIN_RE.search(text)
    if url is not None:
        return _code(url.group(1))
    asin = _ASIN_RE.search(text)
    if asin is not None:
        return Normalised(asin.group(), note="ASIN")
    while (label := _LABEL_RE.match(text)) is not None and label.end() > 0:
        text = text[label.end() :]
    return _code(_SEPARATORS_RE.sub("", text.strip()), spaced=bool(re.search(r"\s", text)))


def _code(code: str, *, spaced: bool = False) -> Normalised:
    if _ASIN_RE.fullmatch(code):
        return Normalised(code, note="ASIN")
    if code.isdigit():
        return _gtin(code)
    if len(code) == 10 and code[:9].isdigit() and code[9] == "X":
        return _isbn10(code)
    if spaced or not code.isalnum():
        return invalid("not an ASIN, ISBN, UPC, EAN or GTIN")
    return Normalised(code, note="format not recognised")


def _gtin(digits: str) -> Normalised:
    if len(digits) == 10:
        return _isbn10(digits)
    restored = len(digits) == 11
    if restored:
        digits = "0" + digits
    name = _GTIN_NAMES.get(len(digits))
    if name is None:
        return invalid(f"{len(digits)} digits: not a UPC (12), EAN (8, 13) or GTIN (14)")
    if not ean.is_valid(digits):
        return invalid(f"fails the {name} check digit", note=name)
    if len(digits) == 12:
        digits = "0" + digits
    elif len(digits) == 14 and digits[0] == "0":
        digits = digits[1:]
    return Normalised(digits, note=name + (" (leading zero restored)" if restored else ""))


def _isbn10(code: str) -> Normalised:
    if not isbn.is_valid(code):
        return invalid("fails the ISBN-10 check digit", note="ISBN-10")
    return Normalised(isbn.to_isbn13(code), note="ISBN-10")
