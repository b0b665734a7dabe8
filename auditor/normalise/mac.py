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
import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking
from auditor.normalise._fast import distinct, fill_slow, fixed_width, new_table, spread
from auditor.tables import NORMALISED_COLUMNS, STATUS_NON_LINKING, STATUS_OK

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


def normalise_mac(raw: pd.Series, *, fast: bool = True) -> pd.DataFrame:
    """Normalise a column of MAC addresses (see the module docstring for the rules).

    The result is :func:`normalise_mac_value` applied to every distinct value.
    ``fast=False`` does exactly that; the default reads the usual notations — six
    octets with ``:`` or ``-``, three groups of four, twelve bare hex digits — with
    array operations, and leaves the rest to :func:`normalise_mac_value`.

    >>> import pandas as pd
    >>> normalise_mac(pd.Series(["AABB.CCDD.EEFF", "aa:bb:cc:dd:ee:ff"]))["value"].tolist()
    ['aa:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:ff']
    """
    if not fast:
        return map_unique(raw, normalise_mac_value)
    codes, uniques, texts = distinct(raw)
    table, done = _fast_table(texts)
    fill_slow(table, done, uniques, normalise_mac_value)
    return spread(table, codes, raw.index)


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


# --- the array path -----------------------------------------------------------------------
#
# For a value in one of these notations (ASCII, nothing around it), _parse() reads the
# same 12 hex digits as removing the separators and lower-casing does: NFKC and the
# strips change nothing, "0x" cannot start it, and the groups are 6×2, 3×4 or 1×12.
# normalise_mac_value() then depends on the 48-bit number alone, which _fast_table()
# classifies with the same tests in the same order.
_FAST_SHAPE: Final = (
    r"^(?:[0-9A-Fa-f]{2}(?:[:\-][0-9A-Fa-f]{2}){5}"
    r"|[0-9A-Fa-f]{4}(?:[:\-.][0-9A-Fa-f]{4}){2}"
    r"|[0-9A-Fa-f]{12})$"
)
_NIBBLE: Final = np.zeros(256, dtype=np.uint64)
for _digits in (b"0123456789abcdef", b"0123456789ABCDEF"):
    _NIBBLE[np.frombuffer(_digits, dtype=np.uint8)] = np.arange(16, dtype=np.uint64)
_HEX_DIGITS: Final = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_SHIFTS: Final = np.arange(44, -4, -4, dtype=np.uint64)
# Where the 12 hex digits are in each notation of _FAST_SHAPE, by its length.
_DIGIT_COLUMNS: Final = {
    17: [i for i in range(17) if i % 3 != 2],
    14: [i for i in range(14) if i % 5 != 4],
    12: list(range(12)),
}
# The outcomes of normalise_mac_value() in its order: (reason, status, note).
_UNIVERSAL, _NULL, _BROADCAST, _MULTICAST, _ANDROID, _DOCKER, _LOCAL = range(7)
_OUTCOMES: Final = (
    (None, STATUS_OK, None),  # note: the vendor
    ("null address", STATUS_NON_LINKING, None),
    ("broadcast address", STATUS_NON_LINKING, None),
    ("multicast address", STATUS_NON_LINKING, None),
    ("placeholder address (Android hides the real one)", STATUS_NON_LINKING, None),
    ("Docker default container address", STATUS_NON_LINKING, LOCALLY_ADMINISTERED),
    (None, STATUS_OK, LOCALLY_ADMINISTERED),
)
_COL: Final = {name: i for i, name in enumerate(NORMALISED_COLUMNS)}


def _fast_table(texts: pa.Array) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.bool_]]:
    """The normalised columns (rows of a 6 × n table) of the values in a usual notation."""
    table, _ = new_table(len(texts))
    done = pc.fill_null(pc.match_substring_regex(texts, _FAST_SHAPE), False).to_numpy(
        zero_copy_only=False
    )
    rows = np.flatnonzero(done)
    if not len(rows):
        return table, done
    shapes = texts.take(rows)
    lengths = pc.utf8_length(shapes).to_numpy()
    nibbles = np.empty((len(rows), 12), dtype=np.uint64)
    for width, columns in _DIGIT_COLUMNS.items():
        these = np.flatnonzero(lengths == width)
        nibbles[these] = _NIBBLE[fixed_width(shapes.take(these), width)[:, columns]]
    number = (nibbles << _SHIFTS).sum(axis=1, dtype=np.uint64)
    first_octet = number >> np.uint64(40)
    outcome = np.select(
        [
            number == 0,
            number == 0xFFFFFFFFFFFF,
            (first_octet & np.uint64(1)) != 0,
            number == _ANDROID_HIDDEN,
            (number >> np.uint64(20)) == 0x0242AC1,
            (first_octet & np.uint64(2)) != 0,
        ],
        [_NULL, _BROADCAST, _MULTICAST, _ANDROID, _DOCKER, _LOCAL],
        default=_UNIVERSAL,
    )
    reasons, statuses, notes = (
        np.array(column, dtype=object) for column in zip(*_OUTCOMES, strict=True)
    )
    note = notes[outcome]
    universal = np.flatnonzero(outcome == _UNIVERSAL)
    ouis, which = np.unique(number[universal] >> np.uint64(24), return_inverse=True)
    note[universal] = np.array([vendor(int(oui)) for oui in ouis], dtype=object)[which]
    spelled = np.full((len(rows), 17), ord(":"), dtype=np.uint8)
    spelled[:, _DIGIT_COLUMNS[17]] = _HEX_DIGITS[nibbles]
    table[_COL["value"], rows] = _strings(spelled)
    table[_COL["note"], rows] = note
    table[_COL["status"], rows] = statuses[outcome]
    table[_COL["reason"], rows] = reasons[outcome]
    return table, done


def _strings(matrix: npt.NDArray[np.uint8]) -> npt.NDArray[np.object_]:
    """The rows of an n × width ASCII byte matrix as Python strings."""
    n, width = matrix.shape
    offsets = pa.py_buffer(np.arange(0, (n + 1) * width, width, dtype=np.int64).tobytes())
    data = pa.py_buffer(np.ascontiguousarray(matrix).tobytes())
    strings = pa.Array.from_buffers(pa.large_string(), n, [None, offsets, data])
    result: npt.NDArray[np.object_] = strings.to_numpy(zero_copy_only=False)
    return result


__all__ = ["LOCALLY_ADMINISTERED", "normalise_mac", "normalise_mac_value", "vendor"]
