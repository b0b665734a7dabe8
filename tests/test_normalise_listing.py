"""Listings: ASIN, ISBN and UPC/EAN/GTIN meet in one canonical form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import ean

from auditor.normalise.listing import normalise_listing, normalise_listing_value
from auditor.tables import NORMALISED_COLUMNS


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        ("B08N5WRWNW", "B08N5WRWNW", "ASIN"),
        ("b08n5wrwnw", "B08N5WRWNW", "ASIN"),
        ("ASIN: B08N5WRWNW", "B08N5WRWNW", "ASIN"),
        ("https://www.amazon.com/dp/B08N5WRWNW?th=1", "B08N5WRWNW", "ASIN"),
        ("https://www.amazon.co.jp/Some-Title/dp/B08N5WRWNW/ref=sr_1_1", "B08N5WRWNW", "ASIN"),
        ("https://www.amazon.co.uk/gp/product/0316769487/", "9780316769488", "ISBN-10"),
        ("0-316-76948-7", "9780316769488", "ISBN-10"),
        ("9780316769488", "9780316769488", "EAN-13"),
        ("012345678905", "0012345678905", "UPC-A"),
        ("UPC: 0 12345 67890 5", "0012345678905", "UPC-A"),
        ("0012345678905", "0012345678905", "EAN-13"),
        ("00012345678905", "0012345678905", "GTIN-14"),
        ("12345678905", "0012345678905", "UPC-A (leading zero restored)"),
        ("10012345678902", "10012345678902", "GTIN-14"),
        ("EAN 4006381333931", "4006381333931", "EAN-13"),
        ("条码：6901234567892", "6901234567892", "EAN-13"),
        ("96385074", "96385074", "EAN-8"),
        ("LY-001", "LY001", "format not recognised"),
        ("SKU-ABC-123", "SKUABC123", "format not recognised"),
    ],
)
def test_listing_table(raw: str, value: str, note: str) -> None:
    result = normalise_listing_value(raw)
    assert (result.value, result.note, result.status) == (value, note, "ok")
    assert result.key is None and result.partial is None


@pytest.mark.parametrize(
    ("raw", "status", "reason"),
    [
        ("4006381333932", "invalid", "fails the EAN-13 check digit"),
        ("012345678906", "invalid", "fails the UPC-A check digit"),
        ("0316769488", "invalid", "fails the ISBN-10 check digit"),
        ("123", "invalid", "3 digits: not a UPC (12), EAN (8, 13) or GTIN (14)"),
        ("red shirt large", "invalid", "not an ASIN, ISBN, UPC, EAN or GTIN"),
        ("4.00638E+12", "invalid",
         "written in scientific notation: a spreadsheet dropped its digits"),
        ("n/a", "non_linking", "a placeholder, not a product code"),
        ("无", "non_linking", "a placeholder, not a product code"),
    ],
)
def test_listing_rejects(raw: str, status: str, reason: str) -> None:
    result = normalise_listing_value(raw)
    assert (result.value, result.status, result.reason) == (None, status, reason)


def test_series_keeps_index_and_handles_missing() -> None:
    raw = pd.Series(["b08n5wrwnw", None, np.nan, "B08N5WRWNW", "012345678905"],
                    index=[9, 8, 7, 6, 5])
    out = normalise_listing(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert list(out.index) == [9, 8, 7, 6, 5]
    assert out["value"].tolist() == ["B08N5WRWNW", None, None, "B08N5WRWNW", "0012345678905"]
    assert out["status"].tolist() == ["ok", "invalid", "invalid", "ok", "ok"]


@settings(max_examples=200, deadline=None)
@given(
    body=st.text("0123456789", min_size=11, max_size=11),
    sep=st.sampled_from(["", " ", "-"]),
    form=st.sampled_from(["upc", "ean13", "gtin14", "excel"]),
)
def test_upc_forms_meet(body: str, sep: str, form: str) -> None:
    upc = body + ean.calc_check_digit(body)
    rendered = {
        "upc": f"{upc[0]}{sep}{upc[1:6]}{sep}{upc[6:11]}{sep}{upc[11]}",
        "ean13": "0" + upc,
        "gtin14": "00" + upc,
        "excel": upc.lstrip("0") if upc.startswith("0") and len(upc.lstrip("0")) == 11 else upc,
    }[form]
    assert normalise_listing_value(rendered).value == "0" + upc


@settings(max_examples=150, deadline=None)
@given(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=8, max_size=8),
       st.booleans())
def test_asin_case_does_not_matter(tail: str, lower: bool) -> None:
    asin = "B0" + tail
    result = normalise_listing_value(asin.lower() if lower else asin)
    assert (result.value, result.note) == (asin, "ASIN")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_value_is_idempotent_and_garbage_never_raises(raw: str) -> None:
    result = normalise_listing_value(raw.strip() or "x")
    assert result.status in {"ok", "invalid", "non_linking"}
    if result.value is not None:
        assert normalise_listing_value(result.value).value == result.value
