"""The account graph: clusters, bridge accounts and evidence paths (networkx).

Clusters are connected components over pairs at the clustering level or above (plus the
ring edges of exclusive values held by more accounts than the hub size). A cluster's
*bridges* are its articulation points: accounts whose removal splits it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import networkx as nx
import pandas as pd

from auditor.kinds import SUSPENDED_STATUSES
from auditor.result import LEVELS, Cluster, Pair, level_rank

_SUSPENDED_ZH = ("封", "冻结", "暂停", "停用", "关闭", "注销", "受限", "审核", "下架")


def is_suspended(status: str) -> bool:
    """True for statuses meaning the marketplace acted on the account (EN or ZH).

    >>> is_suspended("Suspended"), is_suspended("已封号"), is_suspended("Active")
    (True, True, False)
    """
    text = status.strip().lower()
    if not text:
        return False
    return any(word in text for word in SUSPENDED_STATUSES) or any(z in text for z in _SUSPENDED_ZH)


def find_clusters(
    pairs: pd.DataFrame,
    ring_edges: pd.DataFrame,
    statuses: dict[str, str],
    *,
    level: str,
) -> list[Cluster]:
    """Clusters from a scored pair table (a, b, level as account ids) and ring edges."""
    floor = level_rank(level)
    ranks = pairs["level"].map(LEVELS.index)
    strong = pairs[ranks >= floor]
    graph = nx.Graph()
    graph.add_edges_from(zip(strong["a"], strong["b"], strict=True))
    graph.add_edges_from(zip(ring_edges["a"], ring_edges["b"], strict=True))
    pair_level = dict(zip(zip(strong["a"], strong["b"], strict=True), strong["level"], strict=True))
    ring_nodes = set(ring_edges["a"]) | set(ring_edges["b"])
    raw: list[tuple[tuple[str, ...], str, tuple[str, ...], tuple[str, ...]]] = []
    for component in nx.connected_components(graph):
        members = tuple(sorted(component))
        sub = graph.subgraph(members)
        best = max(
            (level_rank(pair_level.get((min(u, v), max(u, v)), "medium")) for u, v in sub.edges),
            default=level_rank("medium"),
        )
        if ring_nodes.intersection(members):
            best = max(best, level_rank("medium"))
        bridges = tuple(sorted(nx.articulation_points(sub))) if len(members) > 2 else ()
        suspended = tuple(m for m in members if is_suspended(statuses.get(m, "")))
        raw.append((members, LEVELS[best], suspended, bridges))
    raw.sort(key=lambda c: (-level_rank(c[1]), -len(c[0]), c[0][0]))
    width = max(3, len(str(len(raw))))
    return [
        Cluster(f"C{i:0{width}d}", members, lvl, suspended, bridges)
        for i, (members, lvl, suspended, bridges) in enumerate(raw, start=1)
    ]


def evidence_path(pairs: Iterable[Pair], a: str, b: str) -> list[Pair] | None:
    """The most probable chain of pairs joining ``a`` to ``b`` (None if unconnected).

    Each hop costs ``-ln(score)``, so the path maximises the product of pair probabilities.
    """
    graph = nx.Graph()
    for p in pairs:
        graph.add_edge(p.a, p.b, cost=-math.log(max(p.score, 1e-12)), pair=p)
    if a not in graph or b not in graph:
        return None
    try:
        nodes: Sequence[str] = nx.shortest_path(graph, a, b, weight="cost")
    except nx.NetworkXNoPath:
        return None
    return [graph.edges[u, v]["pair"] for u, v in zip(nodes, nodes[1:], strict=False)]
