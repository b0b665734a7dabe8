"""auditor — linked-account risk auditor.

>>> import auditor
>>> result = auditor.audit(["samples/"])          # doctest: +SKIP
>>> [c.level for c in result.clusters][:3]        # doctest: +SKIP
['high', 'high', 'high']
>>> result.pair("A8HDZ30KTJO6GW", "A9UH8268NPK74V").level   # doctest: +SKIP
'high'
"""

from auditor.memory import use_system_allocator

use_system_allocator()  # before any table is built: see auditor.memory

from typing import TYPE_CHECKING, Any  # noqa: E402

from auditor.errors import AuditorError, ConfigError, InputError, UsageError  # noqa: E402
from auditor.result import Account, AuditResult, Cluster, Evidence, Hub, Pair, Problem  # noqa: E402

if TYPE_CHECKING:
    from auditor.pipeline import audit, audit_tables

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The pipeline (pandas, networkx, rapidfuzz …) is imported on first use, so that a
    # process needing one part — the normalising helper — does not load all of it.
    if name in ("audit", "audit_tables"):
        from auditor import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")

__all__ = [
    "Account",
    "AuditResult",
    "AuditorError",
    "Cluster",
    "ConfigError",
    "Evidence",
    "Hub",
    "InputError",
    "Pair",
    "Problem",
    "UsageError",
    "__version__",
    "audit",
    "audit_tables",
]
