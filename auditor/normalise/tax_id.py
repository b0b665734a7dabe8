"""Placeholder normalisers for tax_id and id_number (being replaced by the full ones)."""

from __future__ import annotations

import pandas as pd

from auditor.normalise._base import Normalised, map_unique


def _alnum(s: str) -> Normalised:
    return Normalised("".join(c for c in s.upper() if c.isalnum()) or None)


def normalise_tax_id(raw: pd.Series) -> pd.DataFrame:
    """Upper-case alphanumerics (placeholder)."""
    return map_unique(raw, _alnum)


def normalise_id_number(raw: pd.Series) -> pd.DataFrame:
    """Upper-case alphanumerics (placeholder)."""
    return map_unique(raw, _alnum)
