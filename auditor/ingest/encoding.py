"""Decoding text files: UTF-8 (with or without BOM), GB18030/GBK, or what ``--encoding`` says.

Detection order when no encoding is given: a byte-order mark; strict UTF-8; strict
GB18030 (a superset of GBK and GB2312, what Chinese Excel writes as "CSV"); then
charset-normalizer's best guess. Anything else needs ``--encoding``.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from auditor.errors import InputError

_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the encoding it was read with."""

    text: str
    encoding: str
    detected: bool


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8, checked by Arrow without making a Python string
    (a file of a million accounts decoded to ``str`` would take about a gigabyte)."""
    import pyarrow as pa

    offsets = pa.array([0, len(data)], pa.int64()).buffers()[1]
    as_binary = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        as_binary.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start, and no UTF-16 byte-order mark: not a text file."""
    head = data[:_SNIFF_BYTES]
    return b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode_text(data: bytes, source: str, encoding: str | None = None) -> Decoded:
    """Decode a text file, detecting the encoding unless one is given.

    Raises :class:`InputError` naming the line of the first byte that does not decode.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(
                f"{source}: unknown encoding {encoding!r} for --encoding "
                "(try utf-8, gb18030, big5, shift_jis, cp1252)"
            ) from None
        try:
            return Decoded(data.decode(encoding), encoding, detected=False)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{source}, line {_line_of(data, exc.start)}: byte 0x{data[exc.start]:02x} "
                f"is not valid {encoding}; check --encoding (e.g. --encoding gb18030)"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    first_error: UnicodeDecodeError | None = None
    for name in candidates:
        try:
            return Decoded(data.decode(name), name, detected=name not in ("utf-8", "utf-8-sig"))
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    guess = from_bytes(data[:200_000]).best()
    if guess is not None and guess.encoding:
        try:
            return Decoded(data.decode(guess.encoding), guess.encoding, detected=True)
        except (UnicodeDecodeError, LookupError):
            pass
    offset = first_error.start if first_error else 0
    raise InputError(
        f"{source}, line {_line_of(data, offset)}: cannot decode byte 0x{data[offset]:02x} "
        "(not UTF-8 or GB18030); pass the file's encoding with --encoding, e.g. --encoding big5"
    )
