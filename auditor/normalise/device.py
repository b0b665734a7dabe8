"""Placeholder normaliser for device (being replaced by the full one)."""

from __future__ import annotations

import pandas as pd

from auditor.normalise._base import Normalised, map_unique


def normalise_device(raw: pd.Series) -> pd.DataFrame:
    """Lower-case, trimmed value (placeholder)."""
    return map_unique(raw, lambda s: Normalised(s.lower(), key=s.lower()))
