"""auditor — linked-account risk auditor.

>>> import auditor
>>> result = auditor.audit(["samples/"])          # doctest: +SKIP
>>> [c.level for c in result.clusters][:3]        # doctest: +SKIP
['high', 'high', 'high']
>>> result.pair("A8HDZ30KTJO6GW", "A9UH8268NPK74V").level   # doctest: +SKIP
'high'
"""

from auditor.errors import AuditorError, ConfigError, InputError, UsageError
from auditor.pipeline import audit, audit_tables
from auditor.result import Account, AuditResult, Cluster, Evidence, Hub, Pair, Problem

__version__ = "0.1.0"

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
