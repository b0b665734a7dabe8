"""Placeholder normaliser for phone (being replaced by the full one)."""

from __future__ import annotations

import pandas as pd

from auditor.normalise._base import Normalised, map_unique


def normalise_phone(raw: pd.Series, *, default_region: str = "CN") -> pd.DataFrame:
    """Digits only (placeholder)."""
    return map_unique(raw, lambda s: Normalised("".join(c for c in s if c.isdigit()) or None))
