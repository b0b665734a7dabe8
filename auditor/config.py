"""The user's configuration file (TOML): column mapping overrides and scoring policy.

::

    default_region = "CN"          # phones without a country code

    [columns]                      # header → role ("ignore" to skip a column)
    "收款人账户" = "bank"
    "备注" = "ignore"

    [policy]                       # overrides of auditor/data/policy.toml (see docs/policy.md)
    ...
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import ConfigError
from auditor.kinds import ROLES

#: Column roles of long-form and event files besides the account roles and kinds.
EXTRA_ROLES = ("time", "kind", "value", "source")


@dataclass
class Config:
    """Settings from a ``--config`` file; defaults when no file is given."""

    columns: dict[str, str | None] = field(default_factory=dict)
    default_region: str = "CN"
    policy: dict[str, Any] = field(default_factory=dict)
    path: str | None = None


def load_config(path: str | Path | None) -> Config:
    """Read a configuration file; ``None`` gives the defaults."""
    if path is None:
        return Config()
    p = Path(path)
    try:
        doc = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{p}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc})") from None
    unknown = set(doc) - {"columns", "default_region", "policy"}
    if unknown:
        raise ConfigError(f"{p}: unknown setting(s) {', '.join(sorted(unknown))}")
    columns: dict[str, str | None] = {}
    for header, role in dict(doc.get("columns", {})).items():
        if not isinstance(role, str):
            raise ConfigError(f"{p}: [columns] {header!r} must be a role name")
        if role in ("ignore", ""):
            columns[str(header)] = None
        elif role in ROLES or role in EXTRA_ROLES:
            columns[str(header)] = role
        else:
            raise ConfigError(
                f"{p}: [columns] {header!r} = {role!r} is not a role; "
                f"use one of {', '.join(ROLES + EXTRA_ROLES)} or 'ignore'"
            )
    region = doc.get("default_region", "CN")
    if not isinstance(region, str) or len(region) != 2:
        raise ConfigError(f"{p}: default_region must be a two-letter country code like 'CN'")
    policy = doc.get("policy", {})
    if not isinstance(policy, dict):
        raise ConfigError(f"{p}: [policy] must be a table")
    return Config(columns=columns, default_region=region.upper(), policy=policy, path=str(p))
