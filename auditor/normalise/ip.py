"""IP addresses.

"The same value" is the same address: IPv4 in dotted decimal, IPv6 in the RFC 5952
compressed form that :mod:`ipaddress` prints (``2001:0DB8:0:0:0:0:0:1`` is
``2001:db8::1``), and an IPv4-mapped or NAT64 IPv6 address (``::ffff:1.2.3.4``,
``64:ff9b::1.2.3.4``) is the IPv4 address it carries. What is written around the
address is dropped: spaces, brackets, a port (``1.2.3.4:8080``, ``[2001:db8::1]:443``),
an IPv6 zone id (``fe80::1%eth0``), a ``/32`` or ``/128`` suffix, and a location or
carrier after it (``1.2.3.4 广东深圳 电信``). Full-width digits and the ideographic
full stop ``。`` count as their ASCII forms, and zero-padded octets
(``010.001.002.003``) are read as decimal, the way spreadsheets and Windows logs pad
them (not as octal).

Addresses that say nothing about who is behind them are ``non_linking``: private
(RFC 1918) and unique-local, loopback, link-local, carrier-grade NAT (100.64.0.0/10,
shared by thousands of mobile subscribers), multicast, unspecified, broadcast, and
reserved or special-purpose ranges.

The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32,
3fff::/20) are *not* flagged: they never appear in real traffic, so when they do appear
they come from synthetic or consistently anonymised data, where equal values do mean
the same source. They link like public addresses and carry "documentation range" in
``note`` so nobody mistakes them for real ones.

``partial`` is the /24 (IPv4) or /64 (IPv6) network of a linking address — the weak
evidence of a shared subnet (one office, one ISP line with a rotating address, one
IPv6 household). ``note`` is ``ipv4`` or ``ipv6``, followed by ``; …`` facts.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from typing import Final

import pandas as pd

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_DOCUMENTATION: Final = "documentation range"

# (network, reason) in the order they are checked; reason == _DOCUMENTATION links.
# Written out rather than taken from ipaddress.is_private/is_global, whose exact ranges
# changed between Python patch releases: the audit must not depend on the interpreter.
_V4_RANGES: Final = tuple(
    (ipaddress.IPv4Network(net), reason)
    for net, reason in (
        ("0.0.0.0/32", "unspecified address"),
        ("255.255.255.255/32", "broadcast address"),
        ("0.0.0.0/8", "reserved address (this network, RFC 791)"),
        ("10.0.0.0/8", "private address (RFC 1918)"),
        ("172.16.0.0/12", "private address (RFC 1918)"),
        ("192.168.0.0/16", "private address (RFC 1918)"),
        ("100.64.0.0/10", "carrier-grade NAT address (RFC 6598)"),
        ("127.0.0.0/8", "loopback address"),
        ("169.254.0.0/16", "link-local address"),
        ("192.0.0.0/24", "reserved address (IETF protocol assignments)"),
        ("192.0.2.0/24", _DOCUMENTATION),
        ("198.51.100.0/24", _DOCUMENTATION),
        ("203.0.113.0/24", _DOCUMENTATION),
        ("198.18.0.0/15", "reserved address (benchmarking, RFC 2544)"),
        ("224.0.0.0/4", "multicast address"),
        ("240.0.0.0/4", "reserved address (class E)"),
    )
)
_V6_RANGES: Final = tuple(
    (ipaddress.IPv6Network(net), reason)
    for net, reason in (
        ("::/128", "unspecified address"),
        ("::1/128", "loopback address"),
        ("fe80::/10", "link-local address"),
        ("fc00::/7", "unique local address (RFC 4193)"),
        ("ff00::/8", "multicast address"),
        ("2001:db8::/32", _DOCUMENTATION),
        ("3fff::/20", _DOCUMENTATION),
        ("100::/64", "reserved address (discard-only, RFC 6666)"),
    )
)
# NAT64 (RFC 6052 well-known prefix): an IPv6 spelling of a public IPv4 address.
_NAT64: Final = ipaddress.IPv6Network("64:ff9b::/96")
# Everything outside global unicast 2000::/3 is unallocated or special.
_V6_GLOBAL_UNICAST: Final = 0b001  # the top 3 bits of 2000::/3

_V4_BOUNDS: Final = tuple(
    (int(n.network_address), int(n.broadcast_address), reason) for n, reason in _V4_RANGES
)
_V6_BOUNDS: Final = tuple(
    (int(n.network_address), int(n.broadcast_address), reason) for n, reason in _V6_RANGES
)

_V4_WITH_PORT: Final = re.compile(r"(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}")
_BRACKETED: Final = re.compile(r"\[([^\]]*)\](?::\d{1,5})?")
_PADDED_V4: Final = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_FOLD: Final = str.maketrans({"。": ".", "｡": "."})


def normalise_ip_value(text: str) -> Normalised:
    """Normalise one IP address as written.

    >>> normalise_ip_value("[2001:0DB8::0:1]:443").value
    '2001:db8::1'
    >>> r = normalise_ip_value(" 192.168.1.10 ")
    >>> r.status, r.reason
    ('non_linking', 'private address (RFC 1918)')
    >>> normalise_ip_value("8.8.4.4:53").partial
    '8.8.4.0/24'
    """
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).strip()
    address = _parse(folded)
    if address is None:
        tokens = folded.split()
        parsed = [a for a in map(_parse, tokens) if a is not None]
        if len(parsed) > 1:
            return invalid("more than one IP address in one value")
        # "1.2.3.4 广东深圳 电信": an address followed by a location or carrier.
        if len(tokens) > 1 and parsed and _parse(tokens[0]) is not None:
            address = parsed[0]
        else:
            return invalid("not an IP address")
    return _classify(address)


def normalise_ip(raw: pd.Series) -> pd.DataFrame:
    """Normalise a column of IP addresses (see the module docstring for the rules).

    >>> import pandas as pd
    >>> raw = pd.Series(["1.2.3.4:8080", "::ffff:1.2.3.4", "[::FFFF:1.2.3.4]:443"])
    >>> normalise_ip(raw)["value"].tolist()
    ['1.2.3.4', '1.2.3.4', '1.2.3.4']
    """
    return map_unique(raw, normalise_ip_value)


def _parse(text: str) -> IPAddress | None:
    """The address in ``text`` with its decorations removed, or None."""
    text = text.strip().strip("\"'")
    if not text or len(text) > 100:
        return None
    bracketed = _BRACKETED.fullmatch(text)
    if bracketed:
        text = bracketed.group(1)
    else:
        with_port = _V4_WITH_PORT.fullmatch(text)
        if with_port:
            text = with_port.group(1)
    text, _, _zone = text.partition("%")
    text, slash, length = text.partition("/")
    try:
        address: IPAddress = ipaddress.ip_address(text)
    except ValueError:
        if not _PADDED_V4.fullmatch(text):
            return None
        try:
            address = ipaddress.IPv4Address(".".join(str(int(o)) for o in text.split(".")))
        except ValueError:
            return None
    if slash and length != str(address.max_prefixlen):
        return None  # a network, not one address
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def _classify(address: IPAddress) -> Normalised:
    value = str(address)
    number = int(address)
    if isinstance(address, ipaddress.IPv4Address):
        version, bounds, prefix = "ipv4", _V4_BOUNDS, 24
    else:
        version, bounds, prefix = "ipv6", _V6_BOUNDS, 64
    reason = next((r for lo, hi, r in bounds if lo <= number <= hi), None)
    if reason is None and version == "ipv6" and number >> 125 != _V6_GLOBAL_UNICAST:
        reason = "reserved address (not global unicast)"
    if reason is not None and reason != _DOCUMENTATION:
        return non_linking(value, reason, note=version)
    host_bits = address.max_prefixlen - prefix
    network = type(address)(number >> host_bits << host_bits)
    note = version if reason is None else f"{version}; {_DOCUMENTATION}"
    return Normalised(value, partial=f"{network}/{prefix}", note=note)


__all__ = ["normalise_ip", "normalise_ip_value"]
