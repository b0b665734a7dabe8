from __future__ import annotations

import uuid

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from auditor.normalise.device import normalise_device, normalise_device_value
from auditor.tables import NORMALISED_COLUMNS

FAST = settings(max_examples=200, deadline=None)
GUID = "9f3a2b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c"


@pytest.mark.parametrize(
    "raw",
    [
        GUID,
        GUID.upper(),
        f"{{{GUID.upper()}}}",  # Windows registry style
        f"{{{GUID}}}",
        f"  {{{GUID}}}  ",
        f"({GUID})",
        f"[{GUID}]",
        f"urn:uuid:{GUID}",
        f"URN:UUID:{GUID.upper()}",
        f'"{GUID}"',
        f"'{{{GUID}}}'",
        f"{{{{{GUID}}}}}",
        GUID.upper().translate(
            str.maketrans("0123456789ABCDEF-", "０１２３４５６７８９ＡＢＣＤＥＦ－")
        ),
    ],
)
def test_guid_notations(raw: str) -> None:
    result = normalise_device_value(raw)
    assert (result.value, result.status, result.note) == (GUID, "ok", "uuid")


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        ("A1B2C3D4E5F60718", "a1b2c3d4e5f60718", "hex"),  # Android id
        ("  a1b2c3d4e5f60718\n", "a1b2c3d4e5f60718", "hex"),
        ("D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e", "hex"),  # md5
        ("0xDEADBEEF", "0xdeadbeef", "hex"),
        ("AA:BB:CC:DD", "aa:bb:cc:dd", "hex"),
        ("355456789012345", "355456789012345", "hex"),  # IMEI: digits only
        ("jk8s2lq", "jk8s2lq", None),  # antidetect-browser profile ids are case-sensitive
        ("JK8S2LQ", "JK8S2LQ", None),
        ("AdsPower-Profile 12", "AdsPower-Profile 12", None),
        ("Profile   12", "Profile 12", None),
        ("iPhone 13 of 张伟", "iPhone 13 of 张伟", None),
        ("Win10-Chrome120-1920x1080", "Win10-Chrome120-1920x1080", None),
        ("(abc)(def)", "(abc)(def)", None),
    ],
)
def test_other_ids(raw: str, value: str, note: str | None) -> None:
    result = normalise_device_value(raw)
    assert (result.value, result.status, result.note) == (value, "ok", note)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("unknown", "placeholder device id"),
        ("Unknown", "placeholder device id"),
        ("UNKNOWN DEVICE", "placeholder device id"),
        ("n/a", "placeholder device id"),
        ("N/A", "placeholder device id"),
        ("null", "placeholder device id"),
        ("NULL", "placeholder device id"),
        ("(null)", "placeholder device id"),
        ("None", "placeholder device id"),
        ("undefined", "placeholder device id"),
        ("-", "placeholder device id"),
        ("--", "placeholder device id"),
        ("{}", "placeholder device id"),
        ("未知", "placeholder device id"),
        ("无", "placeholder device id"),
        ("暂无", "placeholder device id"),
        ("0", "placeholder device id (one repeated digit)"),
        ("00000000-0000-0000-0000-000000000000", "placeholder device id (one repeated digit)"),
        ("{00000000-0000-0000-0000-000000000000}", "placeholder device id (one repeated digit)"),
        ("ffffffffffffffff", "placeholder device id (one repeated digit)"),
        ("9774d56d682e549c", "Android id shared by many Android 2.2 devices"),
        ("9774D56D682E549C", "Android id shared by many Android 2.2 devices"),
        ("abc", "too short to identify a device"),
        ("12", "too short to identify a device"),
    ],
)
def test_non_linking(raw: str, reason: str) -> None:
    result = normalise_device_value(raw)
    assert (result.status, result.reason) == ("non_linking", reason)


@pytest.mark.parametrize("raw", ["abc\x00def", "dev\x1bice-id"])
def test_control_characters_are_invalid(raw: str) -> None:
    result = normalise_device_value(raw)
    assert (result.value, result.status) == (None, "invalid")


def test_series_keeps_index_and_handles_missing_and_duplicates() -> None:
    raw = pd.Series(
        [f"{{{GUID.upper()}}}", None, GUID, float("nan"), "", "N/A"],
        index=pd.RangeIndex(100, 106),
        dtype="object",
    )
    out = normalise_device(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert out.index.equals(raw.index)
    assert out.loc[[100, 102], "value"].tolist() == [GUID, GUID]
    assert out.loc[[101, 103, 104], "reason"].tolist() == ["empty value"] * 3
    assert out.loc[105, "status"] == "non_linking"


# --- properties ---------------------------------------------------------------------------

STATUSES = {"ok", "invalid", "non_linking"}


@FAST
@given(st.uuids())
def test_uuid_notations_meet(value: uuid.UUID) -> None:
    text = str(value)
    renderings = [
        text,
        text.upper(),
        f"{{{text.upper()}}}",
        f"urn:uuid:{text}",
        value.urn.upper(),
        f" ({text}) ",
    ]
    results = {normalise_device_value(r) for r in renderings}
    assert len(results) == 1
    assert results.pop().value == text


#: Arbitrary text, and text that is mostly device ids (arbitrary text alone rarely is
#: one, and Hypothesis gives up when it has to throw most examples away).
DEVICE_LIKE = st.one_of(
    st.text(),
    st.uuids().map(str),
    st.from_regex(r"[0-9a-fA-F]{8,40}", fullmatch=True),
    st.builds(lambda a, b: a + b, st.from_regex(r"[0-9A-Za-z-]{8,36}", fullmatch=True), st.text()),
)


@FAST
@given(DEVICE_LIKE)
def test_idempotent(text: str) -> None:
    first = normalise_device_value(text)
    assume(first.value is not None)
    assert normalise_device_value(first.value) == first


@FAST
@given(st.from_regex(r"[0-9a-fA-F]{8,40}", fullmatch=True))
def test_hex_ids_ignore_case(text: str) -> None:
    assert normalise_device_value(text.upper()) == normalise_device_value(text.lower())


@FAST
@given(st.text())
def test_garbage_never_raises(text: str) -> None:
    result = normalise_device_value(text)
    assert result.status in STATUSES
    if result.status == "ok":
        assert result.value is not None and len(result.value) >= 4
