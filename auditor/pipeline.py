"""The audit pipeline: read → normalise → link → score → cluster → AuditResult.

(Being written: link and score land next.)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from auditor.config import Config
from auditor.errors import InputError
from auditor.result import AuditResult


def audit(
    paths: Sequence[str | Path],
    *,
    events: Sequence[str | Path] = (),
    config: Config | None = None,
    reveal: bool = False,
    cluster_level: str = "medium",
    encoding: str | None = None,
    sheet: str | None = None,
) -> AuditResult:
    """Audit the accounts in ``paths`` (and login ``events``) and return what was found."""
    raise InputError("audit is not implemented yet")
