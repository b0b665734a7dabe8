"""Self-contained HTML report (placeholder: being written)."""

from __future__ import annotations

from pathlib import Path

from auditor.result import AuditResult


def render_html(result: AuditResult, path: str | Path) -> Path:
    """Write the HTML report for ``result`` to ``path``."""
    raise NotImplementedError
