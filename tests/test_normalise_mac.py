from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.normalise._base import map_unique
from auditor.normalise.mac import LOCALLY_ADMINISTERED, normalise_mac, normalise_mac_value, vendor
from auditor.sample import generate
from auditor.tables import NORMALISED_COLUMNS
from tests.factories import assert_batch_is_reference

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


# --- the fast path gives what normalise_mac_value gives ----------------------------------


def _table_inputs() -> list[str]:
    """The raw values of this file's table tests."""
    tests = (test_notations_of_one_universal_address, test_vendor_from_oui,
             test_unregistered_oui_links_without_vendor, test_locally_administered_links_with_note,
             test_non_linking, test_invalid)  # fmt: skip
    values: list[str] = []
    for test in tests:
        for mark in vars(test).get("pytestmark", []):
            values += [p[0] if isinstance(p, tuple) else p for p in mark.args[1]]
    return values


def assert_fast_is_reference(values: Sequence[object]) -> None:
    assert_batch_is_reference(values, normalise_mac, normalise_mac_value)


def test_fast_path_on_generated_data() -> None:
    data = generate(2000, seed=5)
    macs = data.identifiers.loc[data.identifiers["kind"] == "mac", "raw"].tolist()
    assert_fast_is_reference(macs + data.events["mac"].dropna().tolist())


def test_fast_path_on_table_inputs_and_edge_cases() -> None:
    assert_fast_is_reference(_table_inputs())
    assert_fast_is_reference([])
    assert_fast_is_reference([None, float("nan"), "", "  ", 1.5, 12, "00:1B:63:84:45:E6",
                              b"001b638445e6", "001b638445e6"])
    assert_fast_is_reference(["001b638445e6", "001B638445E6", "001b638445e6", None] * 3)


_notations = st.sampled_from(
    ["{o}", "{O}", "{q}", "{Q}", "{d}", "{D}", "{o_dash}", "{O_dash}", "{mixed}", "0x{d}",
     " {o} ", "{o}\t", "{o}:00", "{d}0", "{d_tail}", "{O} ", '"{o}"', "{short}"]
)  # fmt: skip


def _spell(number: int, notation: str) -> str:
    digits = f"{number:012x}"
    octets = [digits[i : i + 2] for i in range(0, 12, 2)]
    quads = [digits[i : i + 4] for i in range(0, 12, 4)]
    return notation.format(
        o=":".join(octets), O=":".join(octets).upper(), q=".".join(quads),
        Q=".".join(quads).upper(), d=digits, D=digits.upper(), o_dash="-".join(octets),
        O_dash="-".join(octets).upper(), mixed=":".join(octets[:3]) + "-" + "-".join(octets[3:]),
        short=":".join(o.lstrip("0") or "0" for o in octets), d_tail=digits[1:],
    )  # fmt: skip


_special = st.sampled_from(
    [0, 2**48 - 1, 0x020000000000, 0x0242AC110002, 0x0242AC1FFFFF, 0x0242AD000000,
     0x001B638445E6, 0x010000000000, 0x030000000000, 0xACDE48001122, 0x040000123456]
)  # fmt: skip


@FAST
@given(st.lists(st.tuples(st.one_of(macs, _special), _notations), max_size=30))
def test_fast_path_on_spellings(cases: list[tuple[int, str]]) -> None:
    assert_fast_is_reference([_spell(number, notation) for number, notation in cases])


@FAST
@given(st.lists(st.text(alphabet="0123456789abcdefABCDEF:-. xX\t", max_size=20), max_size=30))
def test_fast_path_on_mac_like_garbage(values: list[str]) -> None:
    assert_fast_is_reference(list(values))


def test_usual_notations_take_the_array_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(text: str) -> None:
        raise AssertionError(f"{text!r} went to normalise_mac_value")

    values = [_spell(n, notation) for n in (0x001B638445E6, 0, 0xDAA119123456)
              for notation in ("{o}", "{O_dash}", "{q}", "{D}")]  # fmt: skip
    expected = map_unique(pd.Series(values), normalise_mac_value)
    monkeypatch.setattr("auditor.normalise.mac.normalise_mac_value", unexpected)
    pd.testing.assert_frame_equal(normalise_mac(pd.Series(values)), expected)


@pytest.mark.parametrize("dtype", ["object", "str", "string[python]", "string[pyarrow]"])
def test_fast_path_with_each_string_dtype(dtype: str) -> None:
    values = ["00-1B-63-84-45-E6", None, "001b.6384.45e6", "", "junk", "00-1B-63-84-45-E6"]
    raw = pd.Series(values, dtype=dtype)
    pd.testing.assert_frame_equal(normalise_mac(raw), map_unique(raw, normalise_mac_value))
