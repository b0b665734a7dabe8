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

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking
from auditor.normalise._fast import distinct, fill_slow, fixed_width, new_table, spread
from auditor.tables import NORMALISED_COLUMNS, STATUS_NON_LINKING, STATUS_OK

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


def normalise_ip(raw: pd.Series, *, fast: bool = True) -> pd.DataFrame:
    """Normalise a column of IP addresses (see the module docstring for the rules).

    The result is :func:`normalise_ip_value` applied to every distinct value.
    ``fast=False`` does exactly that; the default reads plain dotted-decimal IPv4 and
    plain IPv6 with array operations, and leaves the rest to :func:`normalise_ip_value`.

    >>> import pandas as pd
    >>> raw = pd.Series(["1.2.3.4:8080", "::ffff:1.2.3.4", "[::FFFF:1.2.3.4]:443"])
    >>> normalise_ip(raw)["value"].tolist()
    ['1.2.3.4', '1.2.3.4', '1.2.3.4']
    """
    if not fast:
        return map_unique(raw, normalise_ip_value)
    codes, uniques, texts = distinct(raw)
    table, done = new_table(len(uniques))
    _fast_v4(texts, table, done)
    _fast_v6(texts, table, done)
    fill_slow(table, done, uniques, normalise_ip_value)
    return spread(table, codes, raw.index)


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


# --- the array path -----------------------------------------------------------------------
#
# For a value that is exactly a dotted quad in canonical form (no leading zeros, octets
# up to 255), or exactly hex groups and colons in a form ipaddress accepts (eight groups,
# or one "::" and at most seven groups), normalise_ip_value() folds and strips nothing,
# _parse() finds no brackets, port, zone or length and hands the text to ipaddress as it
# is. _fast_v4() and _fast_v6() read the same address and give it the value, partial,
# reason and note of _classify(): the same ranges checked in the same order, and IPv6
# written as ipaddress writes it (RFC 5952). IPv4-mapped and NAT64 addresses are left
# to normalise_ip_value().
_OCTET: Final = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_FAST_V4: Final = rf"^{_OCTET}(?:\.{_OCTET}){{3}}$"
_HEXTET: Final = r"[0-9A-Fa-f]{1,4}"
_V6_FULL: Final = rf"^{_HEXTET}(?::{_HEXTET}){{7}}$"
_V6_HALF: Final = rf"(?:{_HEXTET}(?::{_HEXTET}){{0,6}})?"
_V6_SHORT: Final = rf"^(?P<left>{_V6_HALF})::(?P<right>{_V6_HALF})$"
_HEXTET_COUNT: Final = 8
_COL: Final = {name: i for i, name in enumerate(NORMALISED_COLUMNS)}
_NIBBLE: Final = np.zeros(256, dtype=np.uint64)
for _digits in (b"0123456789abcdef", b"0123456789ABCDEF"):
    _NIBBLE[np.frombuffer(_digits, dtype=np.uint8)] = np.arange(16, dtype=np.uint64)
_HEX_DIGITS: Final = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_U64: Final = np.uint64
_NOTHING: Final = pa.scalar("", type=pa.large_string())
_SLASH_64: Final = pa.scalar("/64", type=pa.large_string())


def _fast_v4(
    texts: pa.Array, table: npt.NDArray[np.object_], done: npt.NDArray[np.bool_]
) -> None:
    rows = np.flatnonzero(_matches(texts, _FAST_V4))
    if not len(rows):
        return
    quads = texts.take(rows)
    octets = pc.split_pattern(quads, ".").flatten().cast(pa.uint64()).to_numpy()
    octets = octets.reshape(len(rows), 4)
    number = (octets[:, 0] << _U64(24)) | (octets[:, 1] << _U64(16)) | (octets[:, 2] << _U64(8))
    number |= octets[:, 3]
    first = np.full(len(rows), len(_V4_BOUNDS))  # the first range holding the address
    for i in range(len(_V4_BOUNDS) - 1, -1, -1):
        low, high, _ = _V4_BOUNDS[i]
        first[(number >= low) & (number <= high)] = i
    reason, linking, documentation = _range_facts(_V4_BOUNDS, first)
    partial = pc.replace_substring_regex(quads, r"\.[0-9]+$", ".0/24")
    value = quads.to_numpy(zero_copy_only=False)  # a canonical quad is its own value
    _fill(table, rows, "ipv4", value, partial, reason, linking, documentation)
    done[rows] = True


def _fast_v6(texts: pa.Array, table: npt.NDArray[np.object_], done: npt.NDArray[np.bool_]) -> None:
    full = np.flatnonzero(_matches(texts, _V6_FULL))
    short = np.flatnonzero(_matches(texts, _V6_SHORT))
    halves = pc.extract_regex(texts.take(short), _V6_SHORT)
    left, right = (halves.field(name) for name in ("left", "right"))
    n_left, n_right = (
        np.where(pc.equal(half, "").to_numpy(zero_copy_only=False), 0,
                 pc.count_substring(half, ":").to_numpy() + 1)
        for half in (left, right)
    )  # fmt: skip
    fits = n_left + n_right < _HEXTET_COUNT  # "::" stands for at least one group
    short, left, right = short[fits], left.filter(fits), right.filter(fits)
    skipped = _HEXTET_COUNT - n_left[fits] - n_right[fits]
    # Written out in eight groups: the groups "::" stands for are zeros.
    zeros = np.array([":".join(["0"] * k) for k in range(_HEXTET_COUNT + 1)], dtype=object)
    spelled = pc.binary_join_element_wise(
        left,
        pa.array(np.where(n_left[fits] > 0, ":", ""), type=pa.large_string()),
        pa.array(zeros[skipped], type=pa.large_string()),
        pa.array(np.where(n_right[fits] > 0, ":", ""), type=pa.large_string()),
        right,
        _NOTHING,
    )
    rows = np.concatenate([full, short])
    if not len(rows):
        return
    groups = pa.concat_arrays([texts.take(full), spelled.cast(pa.large_string())])
    hextets = pc.utf8_lpad(pc.split_pattern(groups, ":").flatten(), width=4, padding="0")
    nibbles = _NIBBLE[fixed_width(hextets, 4)].reshape(len(rows), _HEXTET_COUNT, 4)
    hextets16 = (nibbles << np.array([12, 8, 4, 0], dtype=_U64)).sum(axis=2, dtype=_U64)
    weights = np.array([48, 32, 16, 0], dtype=_U64)
    top = (hextets16[:, :4] << weights).sum(axis=1, dtype=_U64)
    low = (hextets16[:, 4:] << weights).sum(axis=1, dtype=_U64)
    # _parse() reads IPv4-mapped and NAT64 addresses as IPv4: leave those to it.
    mapped = (top == 0) & ((low >> _U64(32)) == 0xFFFF)
    nat64 = (top == 0x0064FF9B00000000) & ((low >> _U64(32)) == 0)
    keep = ~(mapped | nat64)
    rows, top, low, hextets16 = rows[keep], top[keep], low[keep], hextets16[keep]
    if not len(rows):
        return
    # The first range holding the address; then, outside them all, outside 2000::/3
    # (whose top 3 bits of 128 are those of ``top``).
    bounds = (*_V6_BOUNDS, (0, 0, "reserved address (not global unicast)"))
    first = np.full(len(rows), len(bounds))
    for i in range(len(_V6_BOUNDS) - 1, -1, -1):
        start, end, _ = _V6_BOUNDS[i]
        first[_at_least(top, low, start) & ~_at_least(top, low, end + 1)] = i
    unicast = (top >> _U64(61)) == _V6_GLOBAL_UNICAST
    first[(first == len(bounds)) & ~unicast] = len(_V6_BOUNDS)
    reason, linking, documentation = _range_facts(bounds, first)
    network = hextets16.copy()
    network[:, 4:] = 0
    value = _v6_strings(hextets16)
    partial = pc.binary_join_element_wise(
        pa.array(_v6_strings(network), type=pa.large_string()), _SLASH_64, _NOTHING
    )
    _fill(table, rows, "ipv6", value, partial, reason, linking, documentation)
    done[rows] = True


def _at_least(
    top: npt.NDArray[np.uint64], low: npt.NDArray[np.uint64], bound: int
) -> npt.NDArray[np.bool_]:
    """Whether each 128-bit number (top, low) is at least ``bound``."""
    if bound >> 128:
        return np.zeros(len(top), dtype=bool)
    bound_top, bound_low = _U64(bound >> 64), _U64(bound & 0xFFFFFFFFFFFFFFFF)
    result: npt.NDArray[np.bool_] = (top > bound_top) | ((top == bound_top) & (low >= bound_low))
    return result


def _range_facts(
    bounds: tuple[tuple[int, int, str], ...], first: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Reason, linking, documentation for the index of each address's first range
    (``len(bounds)``: none)."""
    reasons: list[str | None] = [reason for _, _, reason in bounds] + [None]
    reason = np.array(reasons, dtype=object)[first]
    linking = np.array([r is None or r == _DOCUMENTATION for r in reasons])[first]
    documentation = np.array([r == _DOCUMENTATION for r in reasons])[first]
    return reason, linking, documentation


def _fill(
    table: npt.NDArray[np.object_],
    rows: npt.NDArray[np.intp],
    version: str,
    value: npt.NDArray[np.object_],
    partial: pa.Array,
    reason: npt.NDArray[np.object_],
    linking: npt.NDArray[np.bool_],
    documentation: npt.NDArray[np.bool_],
) -> None:
    """The columns _classify() gives, from its facts about each address."""
    notes = np.array([version, f"{version}; {_DOCUMENTATION}"], dtype=object)
    statuses = np.array([STATUS_NON_LINKING, STATUS_OK], dtype=object)
    partials = partial.to_numpy(zero_copy_only=False)
    partials[~linking] = None
    reason = reason.copy()
    reason[linking] = None
    table[_COL["value"], rows] = value
    table[_COL["partial"], rows] = partials
    table[_COL["note"], rows] = notes[documentation.astype(np.intp)]
    table[_COL["status"], rows] = statuses[linking.astype(np.intp)]
    table[_COL["reason"], rows] = reason


def _v6_strings(hextets: npt.NDArray[np.uint64]) -> npt.NDArray[np.object_]:
    """Rows of eight 16-bit groups written as ipaddress writes them (RFC 5952).

    As ipaddress._compress_hextets: the first longest run of two or more zero groups
    becomes "::"; the groups are lower-case hex without leading zeros.
    """
    n = len(hextets)
    zero = hextets == 0
    run = np.zeros((n, _HEXTET_COUNT), dtype=np.intp)  # zero groups ending at each group
    run[:, 0] = zero[:, 0]
    for i in range(1, _HEXTET_COUNT):
        run[:, i] = (run[:, i - 1] + 1) * zero[:, i]
    longest = run.max(axis=1)
    end = run.argmax(axis=1) + 1  # the first longest run ends there
    compress = longest > 1
    start = np.where(compress, end - longest, _HEXTET_COUNT)
    end = np.where(compress, end, _HEXTET_COUNT)
    # Each group is a 2-character separator slot then a 4-character digit slot.
    chars = np.zeros((n, _HEXTET_COUNT, 6), dtype=np.uint8)
    keep = np.zeros((n, _HEXTET_COUNT, 6), dtype=bool)
    chars[:, :, 0:2] = ord(":")
    shifts = np.array([12, 8, 4, 0], dtype=_U64)
    chars[:, :, 2:] = _HEX_DIGITS[(hextets[:, :, None] >> shifts) & _U64(15)]
    digits = 1 + (hextets >= 0x10) + (hextets >= 0x100) + (hextets >= 0x1000)
    keep[:, :, 2:] = np.arange(4) >= (4 - digits)[:, :, None]
    keep[:, 1:, 1] = True  # ":" before every group but the first
    group = np.arange(_HEXTET_COUNT)
    inside = (group >= start[:, None]) & (group < end[:, None])
    keep[inside] = False
    # "::" where the run starts; the group after the run loses its own ":".
    at_start = compress[:, None] & (group == start[:, None])
    keep[at_start, 0] = keep[at_start, 1] = True
    after = compress[:, None] & (group == end[:, None])
    keep[after, 1] = False
    lengths = keep.reshape(n, -1).sum(axis=1)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    data = chars.reshape(n, -1)[keep.reshape(n, -1)]
    strings = pa.Array.from_buffers(
        pa.large_string(), n, [None, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data.tobytes())]
    )
    result: npt.NDArray[np.object_] = strings.to_numpy(zero_copy_only=False)
    return result


def _matches(texts: pa.Array, pattern: str) -> npt.NDArray[np.bool_]:
    matched: npt.NDArray[np.bool_] = pc.fill_null(
        pc.match_substring_regex(texts, pattern), False
    ).to_numpy(zero_copy_only=False)
    return matched


__all__ = ["normalise_ip", "normalise_ip_value"]
