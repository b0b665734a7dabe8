"""Masking of bank, card and ID numbers for anything a person reads."""

from __future__ import annotations

from auditor.kinds import SECRET_KINDS


def mask_value(kind: str, value: str | None, *, reveal: bool = False) -> str:
    """Show only the last 4 characters of a secret kind's value.

    >>> mask_value("card", "4111111111111111")
    '****1111'
    >>> mask_value("email", "a@b.com")
    'a@b.com'
    """
    if value is None:
        return ""
    if reveal or kind not in SECRET_KINDS:
        return value
    tail = "".join(c for c in value if c.isalnum())[-4:]
    return "****" + tail
