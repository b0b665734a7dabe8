"""What the HTML report shows, computed from an AuditResult: template context + page data.

Everything a person reads goes through here, so masking is applied here once more
(``mask_value`` is idempotent): a secret kind's value is never shown in full unless the
audit itself was run with ``reveal``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from auditor.kinds import KINDS, SUSPENDED_STATUSES
from auditor.mask import mask_value
from auditor.render.html_layout import View, build_views, cluster_risk_key, label_width
from auditor.result import (
    LEVELS,
    Account,
    AuditResult,
    Cluster,
    Evidence,
    Identifier,
    Pair,
    level_rank,
)

#: Most pairs listed in the table and carried in the page (riskiest first), plus any
#: pair a graph view draws.
MAX_PAIRS: Final = 5000
#: Most members listed per cluster card, and accounts per hub.
MAX_MEMBERS: Final = 300
MAX_HUB_ACCOUNTS: Final = 60
MAX_PROBLEMS: Final = 1000
#: Accounts named per at-risk cluster in the summary; cluster cards shown in full.
MAX_TIED: Final = 12
MAX_CLUSTER_CARDS: Final = 30

#: Kind → (English label, Chinese label, colour). Colours avoid the node reds/oranges.
KIND_STYLE: Final[dict[str, tuple[str, str, str]]] = {
    "bank": ("Bank / payout account", "收款账户", "#6a3d9a"),
    "card": ("Credit card", "信用卡", "#9467bd"),
    "tax_id": ("Tax ID", "税号", "#393b79"),
    "id_number": ("ID / passport number", "身份证件", "#843c39"),
    "email": ("Email", "邮箱", "#2ca02c"),
    "phone": ("Phone", "手机", "#7aa02c"),
    "device": ("Device / browser profile", "设备指纹", "#0b6e78"),
    "mac": ("MAC address", "MAC地址", "#17a2b8"),
    "ip": ("IP address", "IP地址", "#1f77b4"),
    "company": ("Company name", "公司名称", "#8c564b"),
    "person": ("Legal representative", "法人", "#a6761d"),
    "address": ("Address", "地址", "#d35fb7"),
    "listing": ("Listing (ASIN/UPC)", "商品", "#7f7f7f"),
}
_FALLBACK_STYLE: Final = ("Other", "其他", "#555555")

MATCH_LABELS: Final = {
    "exact": "same value",
    "fuzzy": "near-duplicate",
    "partial": "partly the same",
    "prefix": "same network",
}

ROLE_LABELS: Final = {
    "suspended": "Suspended",
    "at_risk": "At risk (tied to a suspended account)",
    "clustered": "In a cluster",
    "linked": "Low-level link only",
    "unlinked": "No link",
}


def kind_style(kind: str) -> tuple[str, str, str]:
    return KIND_STYLE.get(kind, _FALLBACK_STYLE)


def is_suspended(account: Account) -> bool:
    return account.status.strip().lower() in SUSPENDED_STATUSES


def account_role(account: Account, linked: bool) -> str:
    if is_suspended(account):
        return "suspended"
    if account.at_risk:
        return "at_risk"
    if account.cluster:
        return "clustered"
    return "linked" if linked else "unlinked"


def strongest(pair: Pair) -> Evidence | None:
    """The evidence that weighs most (ties: the kind listed first in KINDS)."""
    if not pair.evidence:
        return None
    order = {k: i for i, k in enumerate(KINDS)}
    return max(pair.evidence, key=lambda e: (e.weight, -order.get(e.kind, len(order))))


@dataclass
class SharedValue:
    """One identifier value (or near-duplicate group) shared inside a cluster."""

    kind: str
    match: str
    values: list[str]
    accounts: list[str]
    detail: str = ""


@dataclass
class _UnionFind:
    parent: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def find(self, x: tuple[str, str]) -> tuple[str, str]:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: tuple[str, str], y: tuple[str, str]) -> None:
        self.parent[self.find(x)] = self.find(y)


def shared_values(pairs: Sequence[Pair], reveal: bool) -> list[SharedValue]:
    """Group the evidence of ``pairs`` into shared values: who holds which value.

    Exact matches of one value across many accounts become one row (A–B and B–C sharing an
    email with different spellings are one email held by A, B, C); weaker matches are
    grouped the same way per (kind, match). Strongest evidence first.
    """
    links: dict[tuple[str, str], list[tuple[tuple[str, str], tuple[str, str], Evidence]]] = {}
    for p in pairs:
        for e in p.evidence:
            a = (p.a, mask_value(e.kind, e.value_a, reveal=reveal))
            b = (p.b, mask_value(e.kind, e.value_b, reveal=reveal))
            links.setdefault((e.kind, e.match), []).append((a, b, e))
    rows: list[tuple[float, SharedValue]] = []
    for (kind, match), items in links.items():
        uf = _UnionFind()
        for a, b, _ in items:
            uf.union(a, b)
        groups: dict[tuple[str, str], list[tuple[tuple[str, str], tuple[str, str], Evidence]]] = {}
        for item in items:
            groups.setdefault(uf.find(item[0]), []).append(item)
        for group in groups.values():
            nodes = {n for a, b, _ in group for n in (a, b)}
            best = max(e.weight for _, _, e in group)
            shared = SharedValue(
                kind=kind,
                match=match,
                values=sorted({v for _, v in nodes}),
                accounts=sorted({acc for acc, _ in nodes}),
                detail="; ".join(sorted({e.detail for _, _, e in group if e.detail})),
            )
            rows.append((best, shared))
    rows.sort(key=lambda r: (-r[0], -len(r[1].accounts), r[1].kind, r[1].match, r[1].values))
    return [shared for _, shared in rows]


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def thresholds(settings: dict[str, Any]) -> dict[str, float]:
    """Log-odds at which a pair becomes medium / high, when the result's settings say."""
    policy = settings.get("policy")
    levels = policy.get("levels") if isinstance(policy, dict) else settings.get("levels")
    out: dict[str, float] = {}
    if isinstance(levels, dict):
        for name in ("medium", "high"):
            p = levels.get(name)
            if isinstance(p, (int, float)) and 0 < p < 1:
                out[name] = round(_logit(float(p)), 4)
    return out


def _pair_order(pair: Pair) -> tuple[int, float, str, str]:
    return (-level_rank(pair.level), -pair.weight, pair.a, pair.b)


@dataclass
class ReportModel:
    """The template context (``context``) and the JSON the page's script reads (``data``)."""

    context: dict[str, Any]
    data: dict[str, Any]


def build_model(result: AuditResult) -> ReportModel:
    reveal = result.reveal
    ordered = sorted(result.pairs, key=_pair_order)
    accounts = {a.id: a for a in result.accounts}
    for p in result.pairs:  # a pair or cluster naming an account the table lacks still renders
        for acc in (p.a, p.b):
            accounts.setdefault(acc, Account(acc))
    for c in result.clusters:
        for acc in c.accounts:
            accounts.setdefault(acc, Account(acc))
    linked = {acc for p in result.pairs for acc in (p.a, p.b)}
    clusters = sorted(result.clusters, key=cluster_risk_key)
    cluster_of = {acc: c.id for c in clusters for acc in c.accounts}
    bridges = {acc for c in clusters for acc in c.bridges}
    widths = {acc: label_width(a.name or acc) for acc, a in accounts.items()}
    views = build_views(clusters, ordered, widths)
    # The page carries the riskiest pairs and every pair a view draws, nothing more.
    keep = sorted(set(range(min(MAX_PAIRS, len(ordered)))) | {i for v in views for i in v.edges})
    renumber = {old: new for new, old in enumerate(keep)}
    pairs = [ordered[i] for i in keep]
    for view in views:
        view.edges = [renumber[i] for i in view.edges]

    # Accounts the page needs details for: linked, suspended, or on a hub.
    hub_accounts = {acc for h in result.hubs for acc in h.accounts}
    wanted = sorted(
        acc
        for acc, a in accounts.items()
        if acc in linked or acc in hub_accounts or is_suspended(a)
    )
    acc_index = {acc: i for i, acc in enumerate(wanted)}
    home_view: dict[str, int] = {}
    for vi, view in enumerate(views):
        for acc in view.positions:
            if acc not in view.outside:
                home_view.setdefault(acc, vi)
    pair_links: dict[str, list[int]] = {}
    for pi, p in enumerate(pairs):
        pair_links.setdefault(p.a, []).append(pi)
        pair_links.setdefault(p.b, []).append(pi)

    def name(acc: str) -> str:
        a = accounts.get(acc)
        return a.name if a is not None and a.name else acc

    def role(acc: str) -> str:
        return account_role(accounts.get(acc, Account(acc)), acc in linked)

    identifiers = _identifiers_by_account(result, wanted)
    data_accounts = []
    for acc in wanted:
        a = accounts[acc]
        data_accounts.append(
            {
                "id": acc,
                "n": a.name,
                "s": a.status,
                "m": a.marketplace,
                "c": a.cluster or cluster_of.get(acc),
                "r": role(acc),
                "b": acc in bridges,
                "v": home_view.get(acc),
                "ids": [[i.kind, i.value, i.status, i.reason] for i in identifiers.get(acc, [])],
                "p": pair_links.get(acc, []),
            }
        )

    data_pairs = [_pair_data(p, acc_index, cluster_of, reveal) for p in pairs]

    pairs_by_cluster: dict[str, list[Pair]] = {}
    for p in result.pairs:
        cid = cluster_of.get(p.a)
        if cid is not None and cid == cluster_of.get(p.b):
            pairs_by_cluster.setdefault(cid, []).append(p)
    shared = {c.id: shared_values(pairs_by_cluster.get(c.id, []), reveal) for c in clusters}

    data_views = [_view_data(v, acc_index, shared, name) for v in views]
    all_kinds = list(KINDS) + sorted(
        (
            {e.kind for p in result.pairs for e in p.evidence}
            | {h.kind for h in result.hubs}
            | _identifier_kinds(result)
        )
        - set(KINDS)
    )
    kinds_present = sorted(
        {e.kind for p in result.pairs for e in p.evidence} | {h.kind for h in result.hubs},
        key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS),
    )
    data = {
        "accounts": data_accounts,
        "pairs": data_pairs,
        "views": data_views,
        "kinds": {k: list(kind_style(k)) for k in all_kinds},
        "matches": MATCH_LABELS,
        "roles": ROLE_LABELS,
        "thresholds": thresholds(result.settings),
    }
    context = {
        "summary": _summary(result, linked),
        "at_risk": _at_risk_rows(result, clusters, cluster_of, name),
        "clusters": [
            _cluster_card(c, accounts, shared[c.id], name) for c in clusters[:MAX_CLUSTER_CARDS]
        ],
        "more_clusters": [
            {
                "id": c.id,
                "level": c.level,
                "size": len(c.accounts),
                "suspended": len(c.suspended),
                "accounts": [(acc, name(acc)) for acc in c.accounts[:8]],
                "more": max(0, len(c.accounts) - 8),
            }
            for c in clusters[MAX_CLUSTER_CARDS:]
        ],
        "all_clusters": [c.id for c in clusters],
        "pairs": [_pair_row(i, p, cluster_of, name) for i, p in enumerate(pairs)],
        "pairs_total": len(result.pairs),
        "hubs": [
            {
                "kind": h.kind,
                "value": mask_value(h.kind, h.value, reveal=reveal),
                "count": len(h.accounts),
                "accounts": [(acc, name(acc)) for acc in sorted(h.accounts)[:MAX_HUB_ACCOUNTS]],
                "more": max(0, len(h.accounts) - MAX_HUB_ACCOUNTS),
            }
            for h in sorted(result.hubs, key=lambda h: (-len(h.accounts), h.kind, h.value))
        ],
        "problems": list(result.problems[:MAX_PROBLEMS]),
        "problems_total": len(result.problems),
        "kinds": [(k, *kind_style(k)) for k in kinds_present],
        "kind_style": {k: kind_style(k) for k in all_kinds},
        "match_labels": MATCH_LABELS,
        "role_labels": ROLE_LABELS,
        "levels": LEVELS[1:][::-1],
        "views": data_views,
        "reveal": reveal,
        "settings": _settings_rows(result.settings),
    }
    return ReportModel(context=context, data=data)


def _pair_data(
    p: Pair, acc_index: dict[str, int], cluster_of: dict[str, str], reveal: bool
) -> dict[str, Any]:
    """A pair for the page's script; evidence strongest first, secret values masked."""
    top = strongest(p)
    same = cluster_of.get(p.a)
    return {
        "a": acc_index[p.a],
        "b": acc_index[p.b],
        "s": round(p.score, 4),
        "l": p.level,
        "w": round(p.weight, 4),
        "k": top.kind if top else None,
        "c": same if same is not None and same == cluster_of.get(p.b) else None,
        "e": [
            [
                e.kind,
                e.match,
                mask_value(e.kind, e.value_a, reveal=reveal),
                mask_value(e.kind, e.value_b, reveal=reveal),
                round(e.similarity, 4),
                round(e.weight, 4),
                e.shared_by,
                e.detail,
                e.first_seen,
                e.last_seen,
            ]
            for e in sorted(p.evidence, key=lambda e: -e.weight)
        ],
    }


def _identifiers_by_account(result: AuditResult, wanted: list[str]) -> dict[str, list[Identifier]]:
    """``result.identifiers_of`` for many accounts: split the table once, not once per account.

    Each account's rows go through ``identifiers_of`` itself, so masking stays in one place.
    """
    table = result.identifiers
    if table.empty or "account" not in table:
        return {}
    table = table[table["account"].isin(wanted)]
    out: dict[str, list[Identifier]] = {}
    for account, rows in table.groupby("account", sort=True):
        out[str(account)] = replace(result, identifiers=rows).identifiers_of(str(account))
    return out


def _identifier_kinds(result: AuditResult) -> set[str]:
    t = result.identifiers
    return set() if t.empty or "kind" not in t else {str(k) for k in t["kind"].unique()}


def _summary(result: AuditResult, linked: set[str]) -> dict[str, Any]:
    return {
        "accounts": len(result.accounts),
        "linked": len(linked),
        "pairs": result.counts_by_level(),
        "pairs_total": len(result.pairs),
        "clusters": {lvl: sum(1 for c in result.clusters if c.level == lvl) for lvl in LEVELS[1:]},
        "clusters_total": len(result.clusters),
        "suspended": sum(1 for a in result.accounts if is_suspended(a)),
        "at_risk": sum(1 for a in result.accounts if a.at_risk and not is_suspended(a)),
        "problems": len(result.problems),
        "hubs": len(result.hubs),
    }


def _at_risk_rows(
    result: AuditResult, clusters: Sequence[Cluster], cluster_of: dict[str, str], name: Any
) -> list[dict[str, Any]]:
    """Suspended accounts and who is tied to them: one row per at-risk cluster, then one
    row per suspended account outside any cluster (with its direct, weaker links)."""
    rows = []
    for c in clusters:
        if not c.at_risk:
            continue
        others = [acc for acc in c.accounts if acc not in set(c.suspended)]
        rows.append(
            {
                "cluster": c.id,
                "level": c.level,
                "size": len(c.accounts),
                "suspended": [(acc, name(acc)) for acc in c.suspended],
                "tied": [(acc, name(acc)) for acc in others[:MAX_TIED]],
                "more": max(0, len(others) - MAX_TIED),
            }
        )
    partners: dict[str, dict[str, str]] = {}
    for p in result.pairs:
        for acc, other in ((p.a, p.b), (p.b, p.a)):
            partners.setdefault(acc, {}).setdefault(other, p.level)
    for a in sorted(result.accounts, key=lambda a: a.id):
        if not is_suspended(a) or a.id in cluster_of:
            continue
        direct = sorted(partners.get(a.id, {}).items(), key=lambda kv: (-level_rank(kv[1]), kv[0]))
        rows.append(
            {
                "cluster": None,
                "level": direct[0][1] if direct else "none",
                "size": 1,
                "suspended": [(a.id, name(a.id))],
                "tied": [(acc, name(acc)) for acc, _ in direct[:MAX_TIED]],
                "more": max(0, len(direct) - MAX_TIED),
            }
        )
    return rows


def _cluster_card(
    cluster: Cluster, accounts: dict[str, Account], shared: list[SharedValue], name: Any
) -> dict[str, Any]:
    members = sorted(
        cluster.accounts,
        key=lambda acc: (acc not in cluster.suspended, acc not in cluster.bridges, acc),
    )
    return {
        "id": cluster.id,
        "level": cluster.level,
        "at_risk": cluster.at_risk,
        "size": len(cluster.accounts),
        "suspended": [(acc, name(acc)) for acc in cluster.suspended],
        "bridges": [(acc, name(acc)) for acc in cluster.bridges],
        "members": [
            {
                "id": acc,
                "name": name(acc),
                "status": accounts.get(acc, Account(acc)).status,
                "marketplace": accounts.get(acc, Account(acc)).marketplace,
                "suspended": acc in cluster.suspended,
                "bridge": acc in cluster.bridges,
            }
            for acc in members[:MAX_MEMBERS]
        ],
        "more_members": max(0, len(members) - MAX_MEMBERS),
        "shared": [
            {
                "kind": s.kind,
                "match": s.match,
                "vals": s.values[:5],
                "more_values": max(0, len(s.values) - 5),
                "accounts": [(acc, name(acc)) for acc in s.accounts[:MAX_MEMBERS]],
                "more_accounts": max(0, len(s.accounts) - MAX_MEMBERS),
                "detail": s.detail,
            }
            for s in shared
        ],
    }


def _pair_row(i: int, p: Pair, cluster_of: dict[str, str], name: Any) -> dict[str, Any]:
    top = strongest(p)
    kinds = sorted({e.kind for e in p.evidence}, key=lambda k: KINDS.index(k) if k in KINDS else 99)
    same = cluster_of.get(p.a) if cluster_of.get(p.a) == cluster_of.get(p.b) else None
    return {
        "index": i,
        "a": (p.a, name(p.a)),
        "b": (p.b, name(p.b)),
        "score": p.score,
        "level": p.level,
        "weight": p.weight,
        "top": top.kind if top else "",
        "kinds": kinds,
        "cluster": same or "",
        "search": " ".join([p.a, name(p.a), p.b, name(p.b), *kinds]).lower(),
    }


def _view_data(
    view: View, acc_index: dict[str, int], shared: dict[str, list[SharedValue]], name: Any
) -> dict[str, Any]:
    order = sorted(view.positions)
    node_pos = {acc: i for i, acc in enumerate(order)}
    group_of = {acc: gi for gi, (_, accs) in enumerate(view.groups) for acc in accs}
    return {
        "id": view.id,
        "t": view.kind,
        "label": view.label,
        "l": view.level,
        "risk": view.at_risk,
        "cluster": view.cluster,
        "members": view.members,
        "hidden": view.hidden,
        "nodes": [
            [
                acc_index[acc],
                round(view.positions[acc][0], 1),
                round(view.positions[acc][1], 1),
                group_of.get(acc, -1),
                acc in view.outside,
            ]
            for acc in order
        ],
        "edges": view.edges,
        "groups": [[g, len(accs)] for g, accs in view.groups],
        "find": " ".join([view.label.lower(), *(f"{acc} {name(acc)}".lower() for acc in node_pos)]),
        "shared": (
            [
                [
                    s.kind,
                    s.match,
                    s.values[:5],
                    [acc_index[a] for a in s.accounts if a in acc_index],
                ]
                for s in shared.get(view.cluster, [])
            ]
            if view.cluster
            else []
        ),
    }


def _settings_rows(settings: dict[str, Any]) -> list[tuple[str, str]]:
    """Top-level scalar settings (run time only if the result carries one)."""
    return [
        (key, str(value))
        for key, value in sorted(settings.items())
        if isinstance(value, (str, int, float, bool))
    ]
