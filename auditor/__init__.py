"""auditor — linked-account risk auditor.

>>> import auditor
>>> result = auditor.audit(["samples/"])   # doctest: +SKIP
>>> [c.level for c in result.clusters][:3] # doctest: +SKIP
['high', 'high', 'medium']
"""

from auditor.errors import AuditorError, ConfigError, InputError, UsageError
from auditor.result import AuditResult

__version__ = "0.1.0"

__all__ = [
    "AuditResult",
    "AuditorError",
    "ConfigError",
    "InputError",
    "UsageError",
    "__version__",
]
