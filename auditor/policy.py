"""The scoring policy: weights and thresholds, from auditor/data/policy.toml plus overrides.

Every number that decides a risk level lives in the policy file so a user can read it,
question it and override it (``[policy]`` in ``--config``).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from auditor.errors import ConfigError
from auditor.kinds import EXCLUSIVE_KINDS, KINDS
from auditor.result import LEVELS

#: Kinds whose frequency discount is ``discount_contact``: few hands share them.
CONTACT_KINDS = frozenset({"email", "phone", "device", "mac"})


def _default_document() -> dict[str, Any]:
    text = resources.files("auditor").joinpath("data/policy.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key not in base:
            raise ConfigError(f"[policy{where}] has an unknown setting {key!r}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"[policy{where}] {key!r} must be a table")
            merged[key] = _merge(base[key], value, f"{where}.{key}")
        else:
            if isinstance(base[key], (int, float)) and not isinstance(value, (int, float)):
                raise ConfigError(f"[policy{where}] {key!r} must be a number")
            merged[key] = value
    return merged


@dataclass(frozen=True)
class Policy:
    """Weights (natural-log odds) and thresholds used by linking and scoring."""

    prior: float
    high: float
    medium: float
    exact: dict[str, float]
    fuzzy_threshold: dict[str, float]
    fuzzy_min_share: float
    fuzzy_max_share: float
    email_local_part: float
    min_local_part: int
    address_building: float
    last4: float
    ip_prefix: float
    window_days: float
    ip_concurrent: float
    far_days: float
    ip_far: float
    device_concurrent: float
    device_far: float
    tf_discount: float
    tf_discount_contact: float
    hub_size: int
    decay: float
    min_weight: float
    cluster_level: str

    def discount_rate(self, kind: str) -> float:
        """Term-frequency discount per ln(n/2) for ``kind`` (0 for exclusive kinds)."""
        if kind in EXCLUSIVE_KINDS:
            return 0.0
        return self.tf_discount_contact if kind in CONTACT_KINDS else self.tf_discount

    def max_group(self, kind: str, base: float) -> int:
        """Largest number of accounts sharing one value for which evidence of ``kind`` with
        weight ``base`` still weighs at least ``min_weight`` after the term-frequency
        discount (capped at the hub size). Larger groups are hubs: listed, not expanded
        into pairs."""
        rate = self.discount_rate(kind)
        if rate <= 0:
            return self.hub_size
        limit = 2 * math.exp((base - self.min_weight) / rate)
        return max(2, min(self.hub_size, math.ceil(limit) - 1))

    @property
    def high_logit(self) -> float:
        """Total log-odds at or above which a pair is ``high``."""
        return math.log(self.high / (1 - self.high))

    @property
    def medium_logit(self) -> float:
        """Total log-odds at or above which a pair is ``medium``."""
        return math.log(self.medium / (1 - self.medium))

    def to_dict(self) -> dict[str, Any]:
        """The policy as written into audit.json's settings."""
        return {
            "prior": self.prior,
            "levels": {"high": self.high, "medium": self.medium},
            "exact": dict(sorted(self.exact.items())),
            "fuzzy": dict(sorted(self.fuzzy_threshold.items())),
            "hub_size": self.hub_size,
            "window_days": self.window_days,
            "cluster_level": self.cluster_level,
        }


def load_policy(overrides: dict[str, Any] | None = None) -> Policy:
    """The default policy with ``overrides`` (the ``[policy]`` table of a config) applied."""
    doc = _merge(_default_document(), overrides or {}, "")
    try:
        exact = {k: float(doc["exact"][k]) for k in KINDS}
        fuzzy = doc["fuzzy"]
        policy = Policy(
            prior=float(doc["prior"]),
            high=float(doc["levels"]["high"]),
            medium=float(doc["levels"]["medium"]),
            exact=exact,
            fuzzy_threshold={k: float(fuzzy[k]) for k in ("company", "address", "person", "email")},
            fuzzy_min_share=float(fuzzy["min_share"]),
            fuzzy_max_share=float(fuzzy["max_share"]),
            email_local_part=float(fuzzy["email_local_part"]),
            min_local_part=int(fuzzy["min_local_part"]),
            address_building=float(doc["partial"]["address_building"]),
            last4=float(doc["partial"]["last4"]),
            ip_prefix=float(doc["partial"]["ip_prefix"]),
            window_days=float(doc["time"]["window_days"]),
            ip_concurrent=float(doc["time"]["ip_concurrent"]),
            far_days=float(doc["time"]["far_days"]),
            ip_far=float(doc["time"]["ip_far"]),
            device_concurrent=float(doc["time"]["device_concurrent"]),
            device_far=float(doc["time"]["device_far"]),
            tf_discount=float(doc["frequency"]["discount"]),
            tf_discount_contact=float(doc["frequency"]["discount_contact"]),
            hub_size=int(doc["frequency"]["hub_size"]),
            decay=float(doc["repeat"]["decay"]),
            min_weight=float(doc["frequency"]["min_weight"]),
            cluster_level=str(doc["cluster"]["level"]),
        )
    except KeyError as exc:  # pragma: no cover - the default file has every key
        raise ConfigError(f"policy is missing {exc}") from None
    if not 0 < policy.medium < policy.high < 1:
        raise ConfigError("[policy.levels] needs 0 < medium < high < 1")
    if policy.cluster_level not in LEVELS[1:]:
        raise ConfigError(f"[policy.cluster] level must be one of {', '.join(LEVELS[1:])}")
    if policy.hub_size < 2:
        raise ConfigError("[policy.frequency] hub_size must be at least 2")
    return policy
