"""Parsing the times of observations (login logs, AdsPower's ``last_open_time``) to UTC.

Accepted: ISO 8601 and the usual spreadsheet forms (``2024-03-01 10:00``,
``2024/3/1 10:00:00``, ``2024年3月1日 10:00``), with or without a UTC offset; Unix
seconds (10 digits, optionally with a fraction) and milliseconds (13 digits).
A time without an offset is taken to be **UTC** — write the offset (``+08:00``) when a
log is in Beijing time. Parsing works on the distinct values, so a log that repeats the
same times costs little.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

TIME_DTYPE: Final = "datetime64[ns, UTC]"
_EARLIEST: Final = pd.Timestamp.min.tz_localize("UTC").ceil("s")
_LATEST: Final = pd.Timestamp.max.tz_localize("UTC").floor("s")

# Plain pattern strings, not compiled: pandas hands them to pyarrow's vectorised regex.
_SECONDS = r"\d{9,10}(?:\.\d+)?"
_MILLISECONDS = r"\d{12,13}"
_CJK_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"


def parse_times(texts: pd.Series) -> pd.Series:
    """Times in UTC, aligned on ``texts``; NaT where the text is blank or not a time."""
    codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    strings = pd.Series(uniques, dtype="str").str.strip()
    cjk = strings.str.contains("年", regex=False)
    if cjk.any():
        strings[cjk] = strings[cjk].str.replace(_CJK_DATE, r"\1-\2-\3 ", regex=True).str.strip()
    parsed = pd.Series(pd.NaT, index=strings.index, dtype=TIME_DTYPE)
    seconds = strings.str.fullmatch(_SECONDS)
    millis = strings.str.fullmatch(_MILLISECONDS)
    if seconds.any():
        epoch = strings[seconds].astype(float)
        parsed[seconds] = to_utc(pd.to_datetime(epoch, unit="s", errors="coerce"))
    if millis.any():
        epoch_ms = strings[millis].astype("int64")
        parsed[millis] = to_utc(pd.to_datetime(epoch_ms, unit="ms", errors="coerce"))
    rest = ~(seconds | millis) & (strings != "")
    if rest.any():
        first = pd.to_datetime(strings[rest], utc=True, errors="coerce", format="ISO8601")
        parsed[rest] = to_utc(first)
        retry = rest & parsed.isna()
        if retry.any():
            parsed[retry] = to_utc(
                pd.to_datetime(strings[retry], utc=True, errors="coerce", format="mixed")
            )
    return pd.Series(parsed.array.take(codes, allow_fill=True), index=texts.index)


def to_utc(times: pd.Series) -> pd.Series:
    """As :data:`TIME_DTYPE`: naive times are UTC; times outside 1677–2262 (what a
    nanosecond timestamp holds) become NaT, so they are reported like any bad time."""
    utc = pd.to_datetime(times, utc=True)
    inside = (utc >= _EARLIEST) & (utc <= _LATEST)
    return utc.where(inside).astype(TIME_DTYPE)
