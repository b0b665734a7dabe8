"""Times of observations: the usual spreadsheet and log forms, to UTC."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.ingest.times import parse_times

T = pd.Timestamp("2024-03-01 10:00", tz="UTC")


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-01 10:00:00", T),  # naive: UTC
    ("2024-03-01T10:00:00Z", T),
    ("2024-03-01T18:00:00+08:00", T),
    ("2024/03/01 10:00", T),
    ("2024/3/1 10:00:00", T),
    ("2024年3月1日 10:00", T),
    ("1709287200", T),  # Unix seconds
    ("1709287200.0", T),
    ("1709287200000", T),  # Unix milliseconds
    ("not a time", None),
    ("", None),
    ("9999999999", None),  # out of range
])
def test_parse_times(text: str, expected: pd.Timestamp | None) -> None:
    got = parse_times(pd.Series([text])).iloc[0]
    assert (pd.isna(got) if expected is None else got == expected), got


def test_alignment_and_missing_values() -> None:
    texts = pd.Series(["1709287200", None, "bad", "1709287200"], index=[10, 11, 12, 13])
    got = parse_times(texts)
    assert list(got.index) == [10, 11, 12, 13]
    assert str(got.dtype) == "datetime64[ns, UTC]"
    assert got.isna().tolist() == [False, True, True, False]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=5))
def test_never_raises(texts: list[str]) -> None:
    got = parse_times(pd.Series(texts, dtype="object"))
    assert len(got) == len(texts)
