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
    """Clusters from a scored pair table (a, b, level as account ids) and ring edges.

    One pass over the whole graph: components, articulation points (the bridges of every
    component at once) and each component's strongest pair level.
    """
    floor = level_rank(level)
    ranks = pairs["level"].map(LEVELS.index)
    strong = pairs[ranks >= floor]
    graph = nx.Graph()
    graph.add_edges_from(zip(strong["a"], strong["b"], strict=True))
    graph.add_edges_from(zip(ring_edges["a"], ring_edges["b"], strict=True))
    components = [tuple(sorted(c)) for c in nx.connected_components(graph)]
    component_of = {m: i for i, members in enumerate(components) for m in members}
    best = [level_rank("medium")] * len(components)
    strong_ranks = strong["level"].map(LEVELS.index).tolist()
    for a, rank in zip(strong["a"].tolist(), strong_ranks, strict=True):
        i = component_of[a]
        if rank > best[i]:
            best[i] = rank
    articulation = set(nx.articulation_points(graph))
    raw = [
        (
            members,
            LEVELS[best[i]],
            tuple(m for m in members if is_suspended(statuses.get(m, ""))),
            tuple(m for m in members if m in articulation),
        )
        for i, members in enumerate(components)
    ]
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
