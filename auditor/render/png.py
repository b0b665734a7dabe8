"""PNG graph of linked accounts (placeholder: being written)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from auditor.result import AuditResult


def render_png(
    result: AuditResult,
    path: str | Path,
    *,
    cluster: str | None = None,
    accounts: Sequence[str] | None = None,
) -> Path:
    """Draw the account graph (all, one cluster, or the given accounts) to ``path``."""
    raise NotImplementedError
