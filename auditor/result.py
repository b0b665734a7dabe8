"""The audit result: what every renderer, the appeal and the library API work from.

Renderers never re-score: they read an :class:`AuditResult`. ``to_dict()`` is the
``audit.json`` document (see docs/audit-json.md) and what ``auditor audit --json`` prints.
Values of secret kinds (bank, card, id_number) are already masked here unless the audit
was run with ``reveal=True``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd

from auditor.mask import mask_value

SCHEMA_VERSION: Final = 1

#: Risk levels from weakest to strongest. "none" is never written for a pair.
LEVELS: Final = ("none", "low", "medium", "high")


def level_rank(level: str) -> int:
    """Position of ``level`` in :data:`LEVELS` (higher is riskier)."""
    return LEVELS.index(level)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence between two accounts.

    ``match`` is ``exact`` (same canonical value), ``fuzzy`` (near-duplicate, with
    ``similarity`` < 1 or a cross-script match), ``partial`` (masked card/bank last 4,
    same building with a different unit) or ``prefix`` (same IPv4 /24 or IPv6 /64).
    ``weight`` is the log-odds (natural log) this evidence adds after term-frequency
    adjustment and diminishing returns; ``shared_by`` is how many accounts hold the value.
    """

    kind: str
    match: str
    value_a: str
    value_b: str
    similarity: float
    weight: float
    shared_by: int = 2
    detail: str = ""
    first_seen: str | None = None
    last_seen: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "match": self.match,
            "value_a": self.value_a,
            "value_b": self.value_b,
            "similarity": round(self.similarity, 4),
            "weight": round(self.weight, 4),
            "shared_by": self.shared_by,
            "detail": self.detail,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


@dataclass(frozen=True, slots=True)
class Pair:
    """Two accounts (``a`` < ``b``), the evidence between them, and what it adds up to.

    ``weight`` is the total log-odds including the prior; ``score`` = logistic(weight).
    """

    a: str
    b: str
    score: float
    level: str
    weight: float
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "score": round(self.score, 4),
            "level": self.level,
            "weight": round(self.weight, 4),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Cluster:
    """Accounts connected by pairs at or above the clustering level.

    ``level`` is the strongest pair level inside; ``suspended`` lists members whose
    status is suspended/closed; ``bridges`` are members whose removal splits the cluster;
    ``at_risk`` is true when any member is suspended (every member may be suspended
    as related).
    """

    id: str
    accounts: tuple[str, ...]
    level: str
    suspended: tuple[str, ...]
    bridges: tuple[str, ...]

    @property
    def at_risk(self) -> bool:
        return bool(self.suspended)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "accounts": list(self.accounts),
            "level": self.level,
            "suspended": list(self.suspended),
            "bridges": list(self.bridges),
            "at_risk": self.at_risk,
        }


@dataclass(frozen=True, slots=True)
class Account:
    """An audited account; ``cluster`` is its cluster id, if it is in one."""

    id: str
    name: str = ""
    status: str = ""
    marketplace: str = ""
    cluster: str | None = None
    at_risk: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "marketplace": self.marketplace,
            "cluster": self.cluster,
            "at_risk": self.at_risk,
        }


@dataclass(frozen=True, slots=True)
class Hub:
    """A value held by many accounts (a proxy, an agent's address), kept as one node."""

    kind: str
    value: str
    accounts: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "accounts": list(self.accounts)}


@dataclass(frozen=True, slots=True)
class Problem:
    """A data problem found while reading: a skipped row, an invalid value, an unknown column."""

    source: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    severity: str = "warning"

    def line(self) -> str:
        """``accounts.xlsx, sheet 店铺, row 14, column 邮箱: message``."""
        where = [self.source]
        if self.sheet:
            where.append(f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return ", ".join(where) + ": " + self.message

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier of an account as shown to a person (secret kinds masked)."""

    kind: str
    value: str
    status: str
    reason: str | None = None


@dataclass
class AuditResult:
    """Everything an audit found. Build one with :func:`auditor.audit`.

    >>> import auditor
    >>> result = auditor.audit(["samples/"])            # doctest: +SKIP
    >>> result.pairs[0].level                            # doctest: +SKIP
    'high'
    """

    accounts: tuple[Account, ...]
    #: Riskiest first. From :func:`auditor.audit` a :class:`auditor.pair_list.PairList`
    #: (objects built when read); any sequence of :class:`Pair` works.
    pairs: Sequence[Pair]
    clusters: tuple[Cluster, ...]
    problems: tuple[Problem, ...] = ()
    hubs: tuple[Hub, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    #: The normalised identifier table (see :mod:`auditor.tables`); full values, unmasked.
    identifiers: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    reveal: bool = False

    def account(self, account_id: str) -> Account | None:
        """The account with this id, or None."""
        return self._accounts_by_id().get(account_id)

    def pair(self, a: str, b: str) -> Pair | None:
        """The pair between two accounts in either order, or None."""
        lo, hi = sorted((a, b))
        for p in self.pairs:
            if p.a == lo and p.b == hi:
                return p
        return None

    def cluster(self, cluster_id: str) -> Cluster | None:
        """The cluster with this id, or None."""
        return next((c for c in self.clusters if c.id == cluster_id), None)

    def identifiers_of(self, account_id: str) -> list[Identifier]:
        """The account's identifiers, secret kinds masked unless the audit revealed them."""
        t = self.identifiers
        if t.empty:
            return []
        rows = t[t["account"] == account_id]
        out = []
        for kind, value, raw, status, reason in zip(  # one account: a handful of rows
            rows["kind"], rows["value"], rows["raw"], rows["status"], rows["reason"], strict=True
        ):
            shown = str(raw) if isinstance(raw, str) and raw.strip() else str(value)
            out.append(
                Identifier(
                    str(kind),
                    mask_value(str(kind), shown, reveal=self.reveal),
                    str(status),
                    reason if isinstance(reason, str) else None,
                )
            )
        return sorted(out, key=lambda i: (i.kind, i.value))

    def counts_by_level(self) -> dict[str, int]:
        """Number of pairs at each level."""
        counts = dict.fromkeys(LEVELS[1:], 0)
        from_columns = getattr(self.pairs, "level_counts", None)
        if from_columns is not None:  # a PairList counts without building its pairs
            counts.update(from_columns())
            return counts
        for p in self.pairs:
            counts[p.level] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The ``audit.json`` document; deterministic for the same input."""
        doc = self.document()
        doc["accounts"] = [a.to_dict() for a in self.accounts]
        doc["pairs"] = [p.to_dict() for p in self.pairs]
        doc["hubs"] = [h.to_dict() for h in self.hubs]
        return doc

    def document(self, *, pairs: bool = True, accounts: bool = True) -> dict[str, Any]:
        """:meth:`to_dict` with the accounts, pairs and hubs left as the dataclasses
        themselves, for orjson to serialise natively (field order = key order). Equal to
        :meth:`to_dict` when scores, weights and similarities are already rounded to
        4 decimals, as in every result the pipeline builds. With ``pairs=False`` the
        pairs are left out (an empty list): a writer streams them a chunk at a time;
        likewise the accounts with ``accounts=False``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "settings": self.settings,
            "summary": {
                "accounts": len(self.accounts),
                "pairs": self.counts_by_level(),
                "clusters": {
                    lvl: sum(1 for c in self.clusters if c.level == lvl) for lvl in LEVELS[1:]
                },
                "at_risk_accounts": sum(1 for a in self.accounts if a.at_risk),
                "problems": len(self.problems),
            },
            "accounts": self.accounts if accounts else [],
            "pairs": tuple(self.pairs) if pairs else [],
            "clusters": [c.to_dict() for c in self.clusters],
            "hubs": self.hubs,
            "problems": [p.to_dict() for p in self.problems],
        }

    def _accounts_by_id(self) -> dict[str, Account]:
        cache: dict[str, Account] | None = getattr(self, "_by_id", None)
        if cache is None:
            cache = {a.id: a for a in self.accounts}
            object.__setattr__(self, "_by_id", cache)
        return cache
