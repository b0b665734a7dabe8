"""Device ids and browser fingerprints.

Device ids are opaque: "the same value" is the same string once the wrapping is
removed — surrounding spaces and quotes, GUID braces (``{ABC…}``) and a ``urn:uuid:``
prefix — and, for ids written in hex (GUIDs, Android ids, fingerprint hashes), the
same hex digits in either case (``{9F3A…}`` is ``9f3a…``). Other ids keep their case:
antidetect-browser profile ids and the like are case-sensitive. Full-width
characters count as their ASCII forms and runs of whitespace as one space.

``non_linking``: placeholders ("unknown", "n/a", "null", "-", "未知"…), ids made of
one repeated character (``00000000-0000-0000-0000-000000000000`` is the advertising
id of every device with tracking limited), the Android id ``9774d56d682e549c`` that a
whole generation of Android 2.2 devices shared, and ids shorter than four characters,
too short to identify anything. ``note`` says ``uuid`` or ``hex`` when the id has
that shape.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

import pandas as pd

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking

MIN_LENGTH: Final = 4

_PLACEHOLDERS: Final = frozenset(
    {
        "unknown", "unknow", "n/a", "na", "n.a.", "null", "nil", "none", "undefined",
        "empty", "default", "test", "device", "unknown device", "not available",
        "not set", "(null)", "(none)", "未知", "无", "空", "暂无", "没有", "不详",
    }
)  # fmt: skip
_KNOWN_SHARED: Final = {
    "9774d56d682e549c": "Android id shared by many Android 2.2 devices",
}
_UUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX_LIKE: Final = re.compile(r"(?:0x)?[0-9a-fA-F]+(?:[-:][0-9a-fA-F]+)*")
_SPACES: Final = re.compile(r"\s+")
_SEPARATORS: Final = frozenset("-:_.{}()[]/\\|*#? ")


def normalise_device_value(text: str) -> Normalised:
    """Normalise one device id or fingerprint as written.

    >>> normalise_device_value("{9F3A2B1C-0D4E-4F5A-8B6C-7D8E9F0A1B2C}").value
    '9f3a2b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c'
    >>> normalise_device_value("N/A").status
    'non_linking'
    """
    folded = _unwrap(_SPACES.sub(" ", unicodedata.normalize("NFKC", text)))
    if not folded.isprintable():
        return invalid("control characters in device id")
    hex_like = _HEX_LIKE.fullmatch(folded) is not None
    value = folded.lower() if hex_like else folded
    if not value or set(value) <= _SEPARATORS:
        return non_linking(value or None, "placeholder device id")
    if value.lower() in _PLACEHOLDERS:
        return non_linking(value, "placeholder device id")
    if hex_like and len(set(value.removeprefix("0x")) - _SEPARATORS) == 1:
        return non_linking(value, "placeholder device id (one repeated digit)")
    if value in _KNOWN_SHARED:
        return non_linking(value, _KNOWN_SHARED[value])
    if len(value) < MIN_LENGTH:
        return non_linking(value, "too short to identify a device")
    note = "uuid" if _UUID.fullmatch(value) else "hex" if hex_like else None
    return Normalised(value, note=note)


def normalise_device(raw: pd.Series) -> pd.DataFrame:
    """Normalise a column of device ids (see the module docstring for the rules).

    >>> import pandas as pd
    >>> normalise_device(pd.Series([" {ABCDEF12-0000-4000-8000-000000000001} "]))["value"][0]
    'abcdef12-0000-4000-8000-000000000001'
    """
    return map_unique(raw, normalise_device_value)


def _unwrap(text: str) -> str:
    """Remove quotes, braces and ``urn:uuid:`` around an id, however deeply nested."""
    while True:
        inner = text.strip().strip("\"'").strip()
        if inner.lower().startswith("urn:uuid:"):
            inner = inner[len("urn:uuid:") :]
        pair = inner[:1] + inner[-1:]
        if pair in ("{}", "()", "[]") and _balanced(inner[1:-1], *pair):
            inner = inner[1:-1]
        if inner == text:
            return text
        text = inner


def _balanced(text: str, opening: str, closing: str) -> bool:
    """Whether ``text`` closes no bracket it did not open: "(a)(b)" is not "(…)"-wrapped."""
    depth = 0
    for char in text:
        depth += (char == opening) - (char == closing)
        if depth < 0:
            return False
    return depth == 0


__all__ = ["MIN_LENGTH", "normalise_device", "normalise_device_value"]
