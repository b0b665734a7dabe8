"""IP addresses (real public ranges, IPv4 and IPv6) and MAC addresses (real OUIs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from auditor.sample import names
from auditor.sample.strings import (
    BoolArray,
    IntArray,
    StrArray,
    T,
    apply_forms,
    cat,
    choice,
    hextets,
    octets,
    pick,
)

#: Where a Chinese IP is, as IP-lookup tools append it ("113.116.2.3 广东深圳 电信").
_CN_LOCATIONS: Final = (
    "广东深圳 电信", "广东广州 联通", "浙江杭州 电信", "福建厦门 移动", "广东东莞 电信",
)
_MAC_OUIS: Final = np.array([int(o.replace(":", ""), 16) for o in names.OUIS], dtype=np.int64)
_MAC_HEX: Final = np.array([f"{i:02x}" for i in range(256)], dtype=T)


def _v4_blocks(country: str) -> IntArray:
    blocks = names.IPV4_BLOCKS.get(country, names.IPV4_BLOCKS["us"])
    return np.array([(int(a) << 24) | (int(b) << 16)
                     for a, b in (x.split(".") for x in blocks)], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Ips:
    """IP addresses, one per entity id: ``canonical`` (dotted IPv4, compressed IPv6),
    ``v4`` (the IPv4 address as an integer, -1 for IPv6), the country, and the eight
    16-bit groups of an IPv6 address."""

    canonical: StrArray
    v4: IntArray
    country: StrArray
    groups: IntArray

    def render(self, ids: IntArray, rng: np.random.Generator, style: str) -> StrArray:
        """Addresses as ``style`` writes them: IPv6 compressed or expanded, lower or upper
        case; in the Chinese sheet some IPv4 addresses carry their location."""
        v6 = self.v4[ids] < 0
        g = self.groups[ids]
        weights = {"csv": (0.5, 0.3, 0.1, 0.1), "xlsx": (0.4, 0.3, 0.2, 0.1)}.get(
            style, (0.6, 0.4, 0.0, 0.0))
        forms = np.where(v6, choice(rng, 4, len(ids), weights), -1)
        expanded = apply_forms(forms, (
            lambda r: self.canonical[ids[r]],
            lambda r: _join_groups(g[r], padded=True),
            lambda r: np.strings.upper(_join_groups(g[r], padded=True)),
            lambda r: np.strings.upper(self.canonical[ids[r]]),
        ))
        v4 = self.canonical[ids]
        if style == "xlsx":
            located = (self.country[ids] == "cn") & (rng.random(len(ids)) < 0.12)
            v4 = np.where(located, cat(v4, " ", pick(rng, _CN_LOCATIONS, len(ids))), v4)
        return np.where(v6, expanded, v4)


def _join_groups(groups: IntArray, *, padded: bool) -> StrArray:
    parts = [hextets(groups[:, j], padded=padded) for j in range(8)]
    out = parts[0]
    for p in parts[1:]:
        out = cat(out, ":", p)
    return out


def make_ips(rng: np.random.Generator, country: StrArray, v6: BoolArray,
             proxy: BoolArray) -> Ips:
    """Different public addresses, one per row: IPv4 in the ``country``'s ISP blocks (or
    a proxy provider's network where ``proxy``), IPv6 in its providers' prefixes."""
    n = len(country)
    v4 = np.full(n, -1, dtype=np.int64)
    rows4 = np.flatnonzero(~v6)
    redo = rows4
    while len(redo):
        v4[redo] = _draw_v4(rng, country[redo], proxy[redo])
        taken = v4[rows4]
        redo = rows4[pd.Series(taken).duplicated().to_numpy()]
    groups = np.zeros((n, 8), dtype=np.int64)
    rows6 = np.flatnonzero(v6)
    canonical = np.full(n, "", dtype=T)
    canonical[rows4] = octets(v4[rows4])
    redo = rows6
    while len(redo):
        groups[redo] = _draw_v6(rng, country[redo])
        canonical[redo] = _compressed(groups[redo])
        redo = rows6[pd.Series(canonical[rows6].astype(object)).duplicated().to_numpy()]
    return Ips(canonical, v4, country.astype(T), groups)


def same_subnet(ips: Ips, a: IntArray, b: IntArray, rng: np.random.Generator) -> None:
    """Move IPv4 ``b[i]`` into the /24 of ``a[i]`` (another host of one big ISP's network)."""
    taken = set(ips.v4[ips.v4 >= 0].tolist())
    for i, j in zip(a.tolist(), b.tolist(), strict=True):
        net = int(ips.v4[i]) & ~255
        while True:
            candidate = net | int(rng.integers(1, 255))
            if candidate not in taken:
                break
        taken.discard(int(ips.v4[j]))
        taken.add(candidate)
        ips.v4[j] = candidate
        ips.country[j] = ips.country[i]
    ips.canonical[b] = octets(ips.v4[b])


def _draw_v4(rng: np.random.Generator, country: StrArray, proxy: BoolArray) -> IntArray:
    k = len(country)
    out = np.zeros(k, dtype=np.int64)
    for c in np.unique(country[~proxy]).tolist():
        rows = np.flatnonzero((country == c) & ~proxy)
        blocks = _v4_blocks(str(c))
        host = rng.integers(0, 256, len(rows)) << 8 | rng.integers(1, 255, len(rows))
        out[rows] = blocks[rng.integers(0, len(blocks), len(rows))] | host
    rows = np.flatnonzero(proxy)
    nets = np.array([(int(a) << 24) | (int(b) << 16) | (int(c) << 8)
                     for a, b, c in (x.split(".") for x in names.PROXY_NETWORKS)], dtype=np.int64)
    out[rows] = nets[rng.integers(0, len(nets), len(rows))] | rng.integers(2, 255, len(rows))
    return out


def _draw_v6(rng: np.random.Generator, country: StrArray) -> IntArray:
    k = len(country)
    cn = country == "cn"
    prefixes = {c: np.array([[int(x, 16) for x in p.split(":")] for p in names.IPV6_PREFIXES[c]])
                for c in ("cn", "us")}
    head = np.where(cn[:, None], prefixes["cn"][rng.integers(0, len(prefixes["cn"]), k)],
                    prefixes["us"][rng.integers(0, len(prefixes["us"]), k)])
    middle = rng.integers(1, 0x10000, (k, 2))
    random_iid = rng.integers(1, 0x10000, (k, 4))
    small_iid = np.column_stack([np.zeros((k, 3), dtype=np.int64), rng.integers(1, 0x10000, k)])
    iid = np.where((rng.random(k) < 0.6)[:, None], random_iid, small_iid)
    return np.column_stack([head, middle, iid])


def _compressed(groups: IntArray) -> StrArray:
    """RFC 5952 text of addresses whose only zero groups are groups 4-6 (if any)."""
    full = _join_groups(groups, padded=False)
    small = groups[:, 4] == 0
    head = _join_groups(np.column_stack([groups[:, :4], np.zeros((len(groups), 4), int)]),
                        padded=False)
    head = np.strings.slice(head, 0, np.strings.str_len(head) - 8)  # drop ":0:0:0:0"
    short = cat(head, "::", hextets(groups[:, 7], padded=False))
    return np.where(small, short, full)


@dataclass(frozen=True, slots=True)
class Macs:
    """MAC addresses, one per entity id, canonical ``aa:bb:cc:dd:ee:ff``."""

    canonical: StrArray

    def render(self, ids: IntArray, forms: IntArray) -> StrArray:
        """Addresses in ``forms``: 0 ``AA-BB-CC-DD-EE-FF`` (Windows), 1 ``aa:bb:…``,
        2 ``aabb.ccdd.eeff`` (Cisco), 3 ``AABBCCDDEEFF``, 4 ``AA:BB:…``."""
        value = self.canonical[ids]
        bare = np.strings.replace(value, ":", "")

        def dotted(r: IntArray) -> StrArray:
            b = bare[r]
            return cat(np.strings.slice(b, 0, 4), ".", np.strings.slice(b, 4, 8), ".",
                       np.strings.slice(b, 8, 12))

        return apply_forms(forms, (
            lambda r: np.strings.upper(np.strings.replace(value[r], ":", "-")),
            lambda r: value[r],
            dotted,
            lambda r: np.strings.upper(bare[r]),
            lambda r: np.strings.upper(value[r]),
        ))


def make_macs(rng: np.random.Generator, n: int) -> Macs:
    """``n`` different MAC addresses of real network-adapter vendors."""
    values = rng.integers(0, len(_MAC_OUIS), n) * (1 << 24) + rng.integers(0, 1 << 24, n)
    while True:
        dup = pd.Series(values).duplicated().to_numpy()
        if not dup.any():
            break
        k = int(dup.sum())
        values[dup] = rng.integers(0, len(_MAC_OUIS), k) * (1 << 24) + rng.integers(0, 1 << 24, k)
    oui, low = np.divmod(values, 1 << 24)
    full = _MAC_OUIS[oui] << 24 | low
    parts = [_MAC_HEX[(full >> (8 * (5 - j))) & 255] for j in range(6)]
    out = parts[0]
    for p in parts[1:]:
        out = cat(out, ":", p)
    return Macs(out)


__all__ = ["Ips", "Macs", "make_ips", "make_macs", "same_subnet"]
