from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.normalise.mac import LOCALLY_ADMINISTERED, normalise_mac, normalise_mac_value, vendor
from auditor.tables import NORMALISED_COLUMNS

FAST = settings(max_examples=200, deadline=None)
APPLE = "00:1b:63:84:45:e6"


@pytest.mark.parametrize(
    "raw",
    [
        "00:1b:63:84:45:e6",
        "00:1B:63:84:45:E6",
        "00-1B-63-84-45-E6",
        "00-1b-63-84-45-e6",
        "001b.6384.45e6",  # Cisco
        "001B.6384.45E6",
        "001b638445e6",  # bare hex
        "001B638445E6",
        "0:1b:63:84:45:e6",  # macOS arp drops leading zeros
        "00 1b 63 84 45 e6",
        "001b:6384:45e6",
        "001b-6384-45e6",
        "0x001b638445e6",
        "  00:1b:63:84:45:e6\t",
        '"00:1b:63:84:45:e6"',
        "００－１Ｂ－６３－８４－４５－Ｅ６",  # full-width
        "00:1b-63:84-45:e6",  # mixed separators
    ],
)
def test_notations_of_one_universal_address(raw: str) -> None:
    result = normalise_mac_value(raw)
    assert (result.value, result.status, result.reason) == (APPLE, "ok", None)
    assert result.note == "Apple, Inc."


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        ("00:50:56:C0:00:08", "00:50:56:c0:00:08", "VMware, Inc."),
        ("08-00-27-12-34-56", "08:00:27:12:34:56", "PCS Systemtechnik GmbH"),  # VirtualBox
        ("3C:22:FB:12:34:56", "3c:22:fb:12:34:56", "Apple, Inc."),
        ("a4:50:46:12:34:56", "a4:50:46:12:34:56", "Xiaomi Communications Co Ltd"),
        ("AC:DE:48:00:11:22", "ac:de:48:00:11:22", "vendor withheld (private registration)"),
        ("00:00:01:00:00:01", "00:00:01:00:00:01", "XEROX CORPORATION"),
    ],
)
def test_vendor_from_oui(raw: str, value: str, note: str) -> None:
    result = normalise_mac_value(raw)
    assert (result.value, result.status, result.note) == (value, "ok", note)


def test_unregistered_oui_links_without_vendor() -> None:
    assert vendor(0x04_00_00) is None
    result = normalise_mac_value("04:00:00:12:34:56")
    assert (result.value, result.status, result.note) == ("04:00:00:12:34:56", "ok", None)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("DA:A1:19:12:34:56", "da:a1:19:12:34:56"),  # iOS/Android private Wi-Fi address
        ("aa-bb-cc-dd-ee-ff", "aa:bb:cc:dd:ee:ff"),
        ("0A:00:27:00:00:0C", "0a:00:27:00:00:0c"),  # VirtualBox host-only adapter
        ("06:1a:2b:3c:4d:5e", "06:1a:2b:3c:4d:5e"),
    ],
)
def test_locally_administered_links_with_note(raw: str, value: str) -> None:
    result = normalise_mac_value(raw)
    assert (result.value, result.status, result.note) == (value, "ok", LOCALLY_ADMINISTERED)


@pytest.mark.parametrize(
    ("raw", "value", "reason"),
    [
        ("00:00:00:00:00:00", "00:00:00:00:00:00", "null address"),
        ("00-00-00-00-00-00", "00:00:00:00:00:00", "null address"),
        ("000000000000", "00:00:00:00:00:00", "null address"),
        ("FF:FF:FF:FF:FF:FF", "ff:ff:ff:ff:ff:ff", "broadcast address"),
        ("ffff.ffff.ffff", "ff:ff:ff:ff:ff:ff", "broadcast address"),
        ("01:00:5E:00:00:FB", "01:00:5e:00:00:fb", "multicast address"),
        ("33:33:00:00:00:01", "33:33:00:00:00:01", "multicast address"),
        ("01:80:c2:00:00:0e", "01:80:c2:00:00:0e", "multicast address"),
        ("02:00:00:00:00:00", "02:00:00:00:00:00",
         "placeholder address (Android hides the real one)"),
        ("02:42:ac:11:00:02", "02:42:ac:11:00:02", "Docker default container address"),
        ("02:42:AC:12:00:05", "02:42:ac:12:00:05", "Docker default container address"),
    ],
)  # fmt: skip
def test_non_linking(raw: str, value: str, reason: str) -> None:
    result = normalise_mac_value(raw)
    assert (result.value, result.status, result.reason) == (value, "non_linking", reason)


@pytest.mark.parametrize(
    "raw",
    [
        "00:1b:63:84:45",  # five octets
        "00:1b:63:84:45:e6:00",
        "00:1b:63:84:45:e6:00:11",  # EUI-64
        "00:1b:63:84:45:g6",
        "001b638445e",
        "001b638445e6a",
        "001b.6384.45e",
        "001:b63:844:5e6",
        "000:1b:63:84:45:e6",
        "not a mac",
        "未知",
        "00:1b:63:84:45:e6 00:1b:63:84:45:e7",
        ":::::",
        "0x",
    ],
)
def test_invalid(raw: str) -> None:
    result = normalise_mac_value(raw)
    assert (result.value, result.status) == (None, "invalid")
    assert result.reason == "not a MAC address (expected 12 hex digits)"


def test_series_keeps_index_and_handles_missing_and_duplicates() -> None:
    raw = pd.Series(
        ["00-1B-63-84-45-E6", None, "001b.6384.45e6", float("nan"), "", "junk"],
        index=["r1", "r2", "r3", "r4", "r5", "r6"],
        dtype="object",
    )
    out = normalise_mac(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert out.index.equals(raw.index)
    assert out.loc[["r1", "r3"], "value"].tolist() == [APPLE, APPLE]
    assert out.loc[["r2", "r4", "r5"], "reason"].tolist() == ["empty value"] * 3
    assert out.loc["r6", "status"] == "invalid"


# --- properties ---------------------------------------------------------------------------

macs = st.integers(min_value=0, max_value=2**48 - 1)


def _renderings(number: int) -> list[str]:
    digits = f"{number:012x}"
    octets = [digits[i : i + 2] for i in range(0, 12, 2)]
    quads = [digits[i : i + 4] for i in range(0, 12, 4)]
    return [
        ":".join(octets),
        ":".join(octets).upper(),
        "-".join(octets).upper(),
        "-".join(octets),
        ".".join(quads),
        ".".join(quads).upper(),
        digits,
        digits.upper(),
        ":".join(o.lstrip("0") or "0" for o in octets),
        " ".join(octets),
        "".join(c.upper() if i % 2 else c for i, c in enumerate(":".join(octets))),
        f"  {'-'.join(octets)}  ",
    ]


@FAST
@given(macs)
def test_notations_meet(number: int) -> None:
    results = {normalise_mac_value(r) for r in _renderings(number)}
    assert len(results) == 1
    assert results.pop().value == ":".join(f"{number:012x}"[i : i + 2] for i in range(0, 12, 2))


@FAST
@given(macs)
def test_idempotent(number: int) -> None:
    first = normalise_mac_value(f"{number:012X}")
    assert first.value is not None
    assert normalise_mac_value(first.value) == first


@FAST
@given(macs)
def test_flags_follow_the_address_bits(number: int) -> None:
    result = normalise_mac_value(f"{number:012x}")
    first_octet = number >> 40
    if first_octet & 1:
        assert result.status == "non_linking"
    elif result.status == "ok":
        assert (result.note == LOCALLY_ADMINISTERED) == bool(first_octet & 2)


@FAST
@given(st.text())
def test_garbage_never_raises(text: str) -> None:
    result = normalise_mac_value(text)
    assert result.status in {"ok", "invalid", "non_linking"}
    assert (result.value is None) == (result.status == "invalid")


@FAST
@given(st.text(alphabet="0123456789abcdefABCDEF:-. x", max_size=20))
def test_mac_like_garbage_never_raises(text: str) -> None:
    result = normalise_mac_value(text)
    assert result.status in {"ok", "invalid", "non_linking"}
