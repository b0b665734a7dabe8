from __future__ import annotations

import ipaddress
from collections.abc import Sequence

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.normalise._base import map_unique
from auditor.normalise.ip import _V4_RANGES, normalise_ip, normalise_ip_value
from auditor.sample import generate
from auditor.tables import NORMALISED_COLUMNS
from tests.factories import assert_batch_is_reference

FAST = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("raw", "value", "partial"),
    [
        ("8.8.4.4", "8.8.4.4", "8.8.4.0/24"),
        ("  8.8.4.4  ", "8.8.4.4", "8.8.4.0/24"),
        ("8.8.4.4:8080", "8.8.4.4", "8.8.4.0/24"),
        ("[8.8.4.4]", "8.8.4.4", "8.8.4.0/24"),
        ("[8.8.4.4]:443", "8.8.4.4", "8.8.4.0/24"),
        ("8.8.4.4/32", "8.8.4.4", "8.8.4.0/24"),
        ("'8.8.4.4'", "8.8.4.4", "8.8.4.0/24"),
        ("008.008.004.004", "8.8.4.4", "8.8.4.0/24"),  # zero-padded: decimal, not octal
        ("１１４．１１４．１１４．１１４", "114.114.114.114", "114.114.114.0/24"),  # full-width
        ("114。114。114。114", "114.114.114.114", "114.114.114.0/24"),  # ideographic stop
        ("183.14.29.7 广东省深圳市 电信", "183.14.29.7", "183.14.29.0/24"),  # location after
        ("183.14.29.7 (Shenzhen)", "183.14.29.7", "183.14.29.0/24"),
        ("::ffff:8.8.4.4", "8.8.4.4", "8.8.4.0/24"),  # IPv4-mapped
        ("::FFFF:808:404", "8.8.4.4", "8.8.4.0/24"),
        ("[::ffff:8.8.4.4]:443", "8.8.4.4", "8.8.4.0/24"),
        ("64:ff9b::8.8.4.4", "8.8.4.4", "8.8.4.0/24"),  # NAT64
        ("2606:4700:4700::1111", "2606:4700:4700::1111", "2606:4700:4700::/64"),
        (
            "2606:4700:4700:0000:0000:0000:0000:1111",
            "2606:4700:4700::1111",
            "2606:4700:4700::/64",
        ),
        ("2606:4700:4700:0:0:0:0:1111", "2606:4700:4700::1111", "2606:4700:4700::/64"),
        ("2606:4700:4700::1111/128", "2606:4700:4700::1111", "2606:4700:4700::/64"),
        ("[2606:4700:4700::1111]:443", "2606:4700:4700::1111", "2606:4700:4700::/64"),
        ("240E:3B0:1A2B:3C4D:5E6F:7A8B:9C0D:1E2F", "240e:3b0:1a2b:3c4d:5e6f:7a8b:9c0d:1e2f",
         "240e:3b0:1a2b:3c4d::/64"),  # China Telecom mobile IPv6, upper case
        ("2002:c000:204::1", "2002:c000:204::1", "2002:c000:204::/64"),  # 6to4 is public
    ],
)  # fmt: skip
def test_public_addresses(raw: str, value: str, partial: str) -> None:
    result = normalise_ip_value(raw)
    assert (result.value, result.status, result.partial) == (value, "ok", partial)
    assert result.reason is None
    assert result.note is not None and result.note.startswith("ipv6" if ":" in value else "ipv4")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("198.51.100.7:80", "198.51.100.7"),
        ("203.0.113.9", "203.0.113.9"),
        ("2001:0db8:0:0:0:0:0:1", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("3fff::1", "3fff::1"),
    ],
)
def test_documentation_ranges_link_and_say_so(raw: str, value: str) -> None:
    # Only synthetic or anonymised data contains them; there equal values mean the same source.
    result = normalise_ip_value(raw)
    assert (result.value, result.status) == (value, "ok")
    assert result.note is not None and "documentation range" in result.note
    assert result.partial is not None


@pytest.mark.parametrize(
    ("raw", "value", "reason"),
    [
        ("192.168.1.10", "192.168.1.10", "private address (RFC 1918)"),
        ("10.0.0.1", "10.0.0.1", "private address (RFC 1918)"),
        ("172.16.5.4", "172.16.5.4", "private address (RFC 1918)"),
        ("172.31.255.255", "172.31.255.255", "private address (RFC 1918)"),
        ("１９２．１６８．１．１", "192.168.1.1", "private address (RFC 1918)"),
        ("192.168.001.001", "192.168.1.1", "private address (RFC 1918)"),
        ("::ffff:192.168.1.1", "192.168.1.1", "private address (RFC 1918)"),
        ("100.64.0.1", "100.64.0.1", "carrier-grade NAT address (RFC 6598)"),
        ("100.127.255.254", "100.127.255.254", "carrier-grade NAT address (RFC 6598)"),
        ("127.0.0.1", "127.0.0.1", "loopback address"),
        ("127.0.0.1:5000", "127.0.0.1", "loopback address"),
        ("::1", "::1", "loopback address"),
        ("[::1]:8080", "::1", "loopback address"),
        ("169.254.10.20", "169.254.10.20", "link-local address"),
        ("fe80::1%eth0", "fe80::1", "link-local address"),
        ("FE80::1C2D:3E4F:5A6B:7C8D%12", "fe80::1c2d:3e4f:5a6b:7c8d", "link-local address"),
        ("fd12:3456:789a::1", "fd12:3456:789a::1", "unique local address (RFC 4193)"),
        ("224.0.0.251", "224.0.0.251", "multicast address"),
        ("ff02::1", "ff02::1", "multicast address"),
        ("0.0.0.0", "0.0.0.0", "unspecified address"),
        ("::", "::", "unspecified address"),
        ("255.255.255.255", "255.255.255.255", "broadcast address"),
        ("240.1.2.3", "240.1.2.3", "reserved address (class E)"),
        ("0.1.2.3", "0.1.2.3", "reserved address (this network, RFC 791)"),
        ("198.18.0.1", "198.18.0.1", "reserved address (benchmarking, RFC 2544)"),
        ("192.0.0.8", "192.0.0.8", "reserved address (IETF protocol assignments)"),
        ("100::1", "100::1", "reserved address (discard-only, RFC 6666)"),
        ("4000::1", "4000::1", "reserved address (not global unicast)"),
    ],
)
def test_non_linking_addresses(raw: str, value: str, reason: str) -> None:
    result = normalise_ip_value(raw)
    assert (result.value, result.status, result.reason) == (value, "non_linking", reason)
    assert result.partial is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("abc", "not an IP address"),
        ("1.2.3", "not an IP address"),
        ("256.1.1.1", "not an IP address"),
        ("1.2.3.4.5", "not an IP address"),
        ("1.2.3.4:", "not an IP address"),
        ("1.2.3.4:99999999", "not an IP address"),
        ("8.8.8.0/24", "not an IP address"),  # a network, not one address
        ("2001:db8::/32", "not an IP address"),
        ("2001:db8:::1", "not an IP address"),
        ("12345", "not an IP address"),
        ("广东省深圳市", "not an IP address"),
        ("IP 8.8.8.8", "not an IP address"),
        ("8.8.8.8 8.8.4.4", "more than one IP address in one value"),
        ("8.8.8.8 / 8.8.4.4", "more than one IP address in one value"),
    ],
)
def test_invalid(raw: str, reason: str) -> None:
    result = normalise_ip_value(raw)
    assert (result.value, result.status, result.reason) == (None, "invalid", reason)
    assert result.partial is None


def test_series_keeps_index_and_handles_missing_and_duplicates() -> None:
    raw = pd.Series(
        ["8.8.4.4:80", None, "8.8.4.4", float("nan"), "  ", "192.168.0.1", "8.8.4.4"],
        index=[10, 3, 7, "x", 0, 99, 98],
        dtype="object",
    )
    out = normalise_ip(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert out.index.equals(raw.index)
    assert out.loc[[10, 7, 98], "value"].tolist() == ["8.8.4.4"] * 3
    assert out.loc[[3, "x", 0], "status"].tolist() == ["invalid"] * 3
    assert out.loc[[3, "x", 0], "reason"].tolist() == ["empty value"] * 3
    assert out.loc[[3, "x", 0], "value"].isna().all()
    assert out.loc[99, "status"] == "non_linking"


def test_series_of_string_dtype() -> None:
    raw = pd.Series(["8.8.4.4", None, "8.8.4.4"], dtype="string")
    out = normalise_ip(raw)
    assert out["status"].tolist() == ["ok", "invalid", "ok"]


# --- properties ---------------------------------------------------------------------------

STATUSES = {"ok", "invalid", "non_linking"}


@FAST
@given(st.ip_addresses())
def test_idempotent(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    first = normalise_ip_value(str(address))
    assert first.value is not None
    again = normalise_ip_value(first.value)
    assert again == first


def _v4_renderings(address: ipaddress.IPv4Address) -> list[str]:
    text = str(address)
    padded = ".".join(f"{int(o):03d}" for o in text.split("."))
    full_width = text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    return [
        text,
        f" {text} ",
        f"{text}:8080",
        f"[{text}]",
        f"[{text}]:443",
        f"{text}/32",
        padded,
        full_width,
        text.replace(".", "。"),
        f"::ffff:{text}",
        f"::FFFF:{text}",
        f"[::ffff:{text}]:443",
        f"64:ff9b::{text}",
        f"{text} 广东省深圳市 电信",
    ]


def _v6_renderings(address: ipaddress.IPv6Address) -> list[str]:
    return [
        str(address),
        address.exploded,
        address.exploded.upper(),
        str(address).upper(),
        ":".join(g.lstrip("0") or "0" for g in address.exploded.split(":")),
        f"[{address}]",
        f"[{address.exploded}]:443",
        f"{address}/128",
        f"{address}%eth0",
        f" {address} ",
    ]


@FAST
@given(st.ip_addresses(v=4))
def test_ipv4_notations_meet(address: ipaddress.IPv4Address) -> None:
    results = {normalise_ip_value(r) for r in _v4_renderings(address)}
    assert len(results) == 1
    assert results.pop().value == str(address)


@FAST
@given(st.ip_addresses(v=6))
def test_ipv6_notations_meet(address: ipaddress.IPv6Address) -> None:
    results = {normalise_ip_value(r) for r in _v6_renderings(address)}
    assert len(results) == 1
    value = results.pop().value
    assert value is not None
    assert ipaddress.ip_address(value) == (address.ipv4_mapped or _nat64(address) or address)


def _nat64(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address in ipaddress.IPv6Network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


@FAST
@given(st.ip_addresses(v=4))
def test_ipv4_globally_routable_addresses_link(address: ipaddress.IPv4Address) -> None:
    result = normalise_ip_value(str(address))
    # Python counts multicast and parts of 192.0.0.0/24 (IETF protocol assignments) as
    # global; none of them is ever a client's address, so auditor flags them.
    excluded = address.is_multicast or address in ipaddress.ip_network("192.0.0.0/24")
    if address.is_global and not excluded:
        assert result.status == "ok"
    if result.status == "ok":
        assert result.partial is not None
        assert address in ipaddress.ip_network(result.partial)
    else:
        assert result.partial is None
        assert result.reason


@FAST
@given(st.ip_addresses(v=6))
def test_ipv6_partial_is_the_64(address: ipaddress.IPv6Address) -> None:
    result = normalise_ip_value(str(address))
    if result.status == "ok" and result.note and result.note.startswith("ipv6"):
        assert result.partial is not None
        network = ipaddress.ip_network(result.partial)
        assert network.prefixlen == 64 and address in network


@FAST
@given(st.text())
def test_garbage_never_raises(text: str) -> None:
    result = normalise_ip_value(text)
    assert result.status in STATUSES
    assert (result.value is None) == (result.status == "invalid")


@FAST
@given(st.text(alphabet="0123456789abcdefABCDEF.:[]%/ ", max_size=45))
def test_address_like_garbage_never_raises(text: str) -> None:
    result = normalise_ip_value(text)
    assert result.status in STATUSES


# --- the fast path gives what normalise_ip_value gives -----------------------------------


def _table_inputs() -> list[str]:
    """The raw values of this file's table tests."""
    tests = (test_public_addresses, test_documentation_ranges_link_and_say_so,
             test_non_linking_addresses, test_invalid)  # fmt: skip
    return [p[0] for test in tests for mark in vars(test)["pytestmark"] for p in mark.args[1]]


def assert_fast_is_reference(values: Sequence[object]) -> None:
    assert_batch_is_reference(values, normalise_ip, normalise_ip_value)


def test_fast_path_on_generated_data() -> None:
    data = generate(2000, seed=5)
    ips = data.identifiers.loc[data.identifiers["kind"] == "ip", "raw"].tolist()
    assert_fast_is_reference(ips + data.events["ip"].dropna().tolist())


def test_fast_path_on_table_inputs_and_edge_cases() -> None:
    assert_fast_is_reference(_table_inputs())
    assert_fast_is_reference([])
    assert_fast_is_reference([None, float("nan"), "", " ", 8, 8.5, "8.8.8.8", b"8.8.8.8"])
    edges = ["0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4",
             "::", "::1", "::2", "1::", "::ffff:0:0", "::ffff:1.2.3.4", "::ffff:102:304",
             "64:ff9b::102:304", "64:ff9b::1:102:304", "0:0:0:0:0:0:0:0", "1:2:3:4:5:6:7:8",
             "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::8", "1:::8", "1::4::8", ":1:2:3:4:5:6:7",
             "1:2:3:4:5:6:7:8:9", "12345::", "2001:db8::", "3fff:fff::1", "4000::1",
             "fe80::1", "FE80::1", "ff02::1", "100::1", "100:0:0:1::1", "2001:DB8:0:0:1::1",
             "2001:0:0:1:0:0:0:1", "2001:0:0:1:0:0:1:1", "0:0:1:0:0:0:0:1"]  # fmt: skip
    assert_fast_is_reference(edges)


_hextets = st.lists(
    st.one_of(st.just(0), st.just(0), st.integers(0, 0xFFFF), st.sampled_from([1, 0x10, 0xFFFF])),
    min_size=8, max_size=8,
)  # fmt: skip


def _v6_spellings(hextets: list[int]) -> list[str]:
    number = sum(h << (16 * (7 - i)) for i, h in enumerate(hextets))
    address = ipaddress.IPv6Address(number)
    plain = ":".join(f"{h:x}" for h in hextets)
    spellings = [str(address), address.exploded, address.exploded.upper(), plain]
    zeros = [i for i, h in enumerate(hextets) if h == 0]
    if zeros:  # "::" for the first zero group only (not always the longest run)
        i = zeros[0]
        left = ":".join(f"{h:x}" for h in hextets[:i])
        right = ":".join(f"{h:04X}" for h in hextets[i + 1 :])
        spellings.append(f"{left}::{right}")
    return spellings


@FAST
@given(st.lists(_hextets, max_size=10))
def test_fast_path_on_ipv6_spellings(groups: list[list[int]]) -> None:
    assert_fast_is_reference([s for hextets in groups for s in _v6_spellings(hextets)])


_special_v4 = st.sampled_from([n for n, _ in _V4_RANGES]).flatmap(
    lambda net: st.integers(int(net.network_address), int(net.broadcast_address))
).map(ipaddress.IPv4Address)


@FAST
@given(st.lists(st.one_of(st.ip_addresses(v=4), _special_v4), max_size=30))
def test_fast_path_on_ipv4_spellings(addresses: list[ipaddress.IPv4Address]) -> None:
    values = [str(a) for a in addresses]
    values += [".".join(f"{o:03d}" for o in a.packed) for a in addresses[:5]]
    values += [f"{a}:80" for a in addresses[:3]] + [f"::ffff:{a}" for a in addresses[:3]]
    assert_fast_is_reference(values)


@FAST
@given(st.lists(st.text(alphabet="0123456789abcdefABCDEF:.[]%/ ", max_size=24), max_size=30))
def test_fast_path_on_address_like_garbage(values: list[str]) -> None:
    assert_fast_is_reference(list(values))


def test_usual_notations_take_the_array_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(text: str) -> None:
        raise AssertionError(f"{text!r} went to normalise_ip_value")

    values = ["8.8.4.4", "10.1.2.3", "192.0.2.1", "2606:4700:4700::1111", "fe80::1",
              "2408:8207:0b3e:3a7d:0000:0000:0000:a0f2", "::", "2001:db8::1"]  # fmt: skip
    expected = map_unique(pd.Series(values), normalise_ip_value)
    monkeypatch.setattr("auditor.normalise.ip.normalise_ip_value", unexpected)
    pd.testing.assert_frame_equal(normalise_ip(pd.Series(values)), expected)
