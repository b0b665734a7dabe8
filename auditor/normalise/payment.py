"""Placeholder normalisers for bank and card (being replaced by the full ones)."""

from __future__ import annotations

import pandas as pd

from auditor.normalise._base import Normalised, map_unique


def _digits(s: str) -> Normalised:
    d = "".join(c for c in s if c.isdigit())
    return Normalised(d or None, partial=d[-4:] or None)


def normalise_bank(raw: pd.Series) -> pd.DataFrame:
    """Digits only (placeholder)."""
    return map_unique(raw, _digits)


def normalise_card(raw: pd.Series) -> pd.DataFrame:
    """Digits only (placeholder)."""
    return map_unique(raw, _digits)
