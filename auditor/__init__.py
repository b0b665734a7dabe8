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

from auditor.errors import AuditorError, ConfigError, InputError, UsageError  # noqa: E402
from auditor.pipeline import audit, audit_tables  # noqa: E402
from auditor.result import Account, AuditResult, Cluster, Evidence, Hub, Pair, Problem  # noqa: E402

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
