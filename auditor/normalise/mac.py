"""MAC addresses (48-bit EUI).

"The same value" is the same 48 bits, written ``aa:bb:cc:dd:ee:ff``: the notation does
not matter (``AA-BB-CC-DD-EE-FF``, ``aabb.ccdd.eeff``, ``aabbccddeeff``, ``0:1b:63:…``
with dropped leading zeros, mixed case, full-width characters). EUI-64 and anything
other than 12 hex digits is ``invalid``.

``non_linking``: the null address ``00:00:00:00:00:00``, broadcast ``ff:ff:ff:ff:ff:ff``,
multicast addresses (I/G bit set — never a device), ``02:00:00:00:00:00`` (what Android
6+ reports to every app instead of the real address), and Docker's default container
addresses ``02:42:ac:1x:…`` (derived from the container's private IP, so the same on
unrelated hosts).

Locally administered addresses (U/L bit set: randomised "private Wi-Fi" addresses of
phones and laptops, VPN and VM adapters) still link: 46 random bits do not collide by
chance, so two accounts sharing one were on the same device — in the same session
or network profile, since the address rotates. They carry "locally administered
(randomised)" in ``note`` so scoring and the analyst can weigh them as a
session-level rather than hardware-level tie. Universally administered addresses carry
the vendor registered for their OUI (offline IEEE registry shipped with netaddr).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

import netaddr
import pandas as pd

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking

LOCALLY_ADMINISTERED: Final = "locally administered (randomised)"

_SEPARATORS: Final = re.compile(r"[:\-.\s]+")
_HEX: Final = frozenset("0123456789abcdef")
_ANDROID_HIDDEN: Final = 0x020000000000


def normalise_mac_value(text: str) -> Normalised:
    """Normalise one MAC address as written.

    >>> normalise_mac_value("00-1B-63-84-45-E6").value
    '00:1b:63:84:45:e6'
    >>> normalise_mac_value("001b.6384.45e6").note
    'Apple, Inc.'
    >>> normalise_mac_value("ff:ff:ff:ff:ff:ff").reason
    'broadcast address'
    """
    number = _parse(text)
    if number is None:
        return invalid("not a MAC address (expected 12 hex digits)")
    value = ":".join(f"{number:012x}"[i : i + 2] for i in range(0, 12, 2))
    first_octet = number >> 40
    if number == 0:
        return non_linking(value, "null address")
    if number == 0xFFFFFFFFFFFF:
        return non_linking(value, "broadcast address")
    if first_octet & 0x01:
        return non_linking(value, "multicast address")
    if number == _ANDROID_HIDDEN:
        return non_linking(value, "placeholder address (Android hides the real one)")
    if number >> 20 == 0x0242AC1:
        return non_linking(value, "Docker default container address", note=LOCALLY_ADMINISTERED)
    if first_octet & 0x02:
        return Normalised(value, note=LOCALLY_ADMINISTERED)
    return Normalised(value, note=vendor(number >> 24))


def normalise_mac(raw: pd.Series) -> pd.DataFrame:
    """Normalise a column of MAC addresses (see the module docstring for the rules).

    >>> import pandas as pd
    >>> normalise_mac(pd.Series(["AABB.CCDD.EEFF", "aa:bb:cc:dd:ee:ff"]))["value"].tolist()
    ['aa:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:ff']
    """
    return map_unique(raw, normalise_mac_value)


@lru_cache(maxsize=65536)
def vendor(oui: int) -> str | None:
    """The organisation registered for a 24-bit OUI, or None if it is not registered."""
    try:
        registration = netaddr.OUI(oui).registration(0)
    except netaddr.NotRegisteredError:
        return None
    org = str(registration.org).strip()
    if org.lower() == "private":
        return "vendor withheld (private registration)"
    return org or None


def _parse(text: str) -> int | None:
    folded = unicodedata.normalize("NFKC", text).strip().strip("\"'").lower()
    if folded.startswith("0x"):
        folded = folded[2:]
    groups = [g for g in _SEPARATORS.split(folded) if g]
    if not groups or any(not _HEX.issuperset(g) for g in groups):
        return None
    sizes = [len(g) for g in groups]
    if len(groups) == 6 and max(sizes) <= 2:
        digits = "".join(g.zfill(2) for g in groups)
    elif len(groups) == 3 and min(sizes) == max(sizes) == 4:
        digits = "".join(groups)
    elif len(groups) == 1 and sizes[0] == 12:
        digits = groups[0]
    else:
        return None
    return int(digits, 16)


__all__ = ["LOCALLY_ADMINISTERED", "normalise_mac", "normalise_mac_value", "vendor"]
