"""The account graph: clusters, bridge accounts and evidence paths (networkx).

Clusters are connected components over pairs at the clustering level or above (plus the
ring edges of exclusive values held by more accounts than the hub size). A cluster's
*bridges* are its articulation points: accounts whose removal splits it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from auditor.kinds import SUSPENDED_STATUSES
from auditor.link.groups import group_runs, unique_int64
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


def component_labels(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label (smallest member code) of each of ``n`` nodes joined
    by the edges ``a``–``b``: hooking and pointer jumping, all in numpy."""
    parent = np.arange(n, dtype=np.int64)
    while True:
        pa, pb = parent[a], parent[b]
        lo, hi = np.minimum(pa, pb), np.maximum(pa, pb)
        differ = lo != hi
        if not differ.any():
            return parent
        np.minimum.at(parent, hi[differ], lo[differ])
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def articulation_mask(n: int, a: np.ndarray, b: np.ndarray, label: np.ndarray) -> np.ndarray:
    """Which of ``n`` nodes (joined by edges ``a``–``b``; ``label`` from
    :func:`component_labels`) are articulation points: nodes whose removal splits
    their component.

    Most components of an audit are trees (a chain of pairs) or complete (a ring where
    everyone shares one value); those are decided in numpy — a tree's articulation
    points are its nodes of degree two or more, a complete graph has none. networkx's
    depth-first search runs on the other components only.
    """
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    edge = unique_int64((lo << 32 | hi)[lo != hi])
    lo, hi = edge >> 32, edge & 0xFFFFFFFF
    nodes = np.bincount(label, minlength=n)[label]
    edges = np.bincount(label[lo], minlength=n)[label]
    degree = np.bincount(lo, minlength=n) + np.bincount(hi, minlength=n)
    tree = edges == nodes - 1
    mask: np.ndarray = tree & (degree >= 2)
    other = ~tree & (edges != nodes * (nodes - 1) // 2)
    in_other = other[lo]
    if in_other.any():
        graph = nx.Graph()
        graph.add_edges_from(zip(lo[in_other].tolist(), hi[in_other].tolist(), strict=True))
        mask[list(nx.articulation_points(graph))] = True
    return mask


def find_clusters(
    pairs: pd.DataFrame,
    ring_edges: pd.DataFrame,
    statuses: Mapping[str, str] | np.ndarray,
    *,
    level: str,
    ids: np.ndarray | None = None,
) -> list[Cluster]:
    """Clusters from a scored pair table (a, b, level) and ring edges (a, b).

    ``a`` and ``b`` are account ids, or — with ``ids`` — integer positions in ``ids``
    (no hashing of millions of id strings). ``statuses``: account id → status, or with
    ``ids`` an array of the status of each account in ``ids``. Components and each
    one's strongest level in numpy; bridges (articulation points) in numpy and
    networkx (:func:`articulation_mask`).
    """
    floor = level_rank(level)
    rank_of = {name: rank for rank, name in enumerate(LEVELS)}
    ranks = pairs["level"].map(rank_of).to_numpy(dtype=np.int64)
    keep = ranks >= floor
    as_type = np.int64 if ids is not None else object
    ends = [
        pairs["a"].to_numpy(dtype=as_type)[keep],
        pairs["b"].to_numpy(dtype=as_type)[keep],
        ring_edges["a"].to_numpy(dtype=as_type),
        ring_edges["b"].to_numpy(dtype=as_type),
    ]
    codes, nodes = pd.factorize(np.concatenate(ends)) if sum(map(len, ends)) else ([], [])
    codes = np.asarray(codes, dtype=np.int64)
    names = np.asarray(nodes if ids is None else ids[np.asarray(nodes, dtype=np.int64)])
    names = names.astype(object)
    n_strong = int(keep.sum())
    n_ring = len(ring_edges)
    a = np.r_[codes[:n_strong], codes[2 * n_strong : 2 * n_strong + n_ring]]
    b = np.r_[codes[n_strong : 2 * n_strong], codes[2 * n_strong + n_ring :]]
    label = component_labels(len(names), a, b)
    best = np.full(len(names), level_rank("medium"), dtype=np.int64)
    np.maximum.at(best, label[codes[:n_strong]], ranks[keep])

    is_bridge = articulation_mask(len(names), a, b, label)
    if isinstance(statuses, np.ndarray):  # by position in ``ids``: no id lookups
        if ids is None:
            raise TypeError("statuses as an array need ids")
        status_codes, distinct = pd.factorize(statuses[np.asarray(nodes, dtype=np.int64)])
        flags = np.array([is_suspended(str(s)) for s in distinct] + [False], dtype=bool)
        suspended = flags[status_codes]
    else:
        known = {status: is_suspended(status) for status in set(statuses.values())}
        suspended = np.array([known.get(statuses.get(m, ""), False) for m in names.tolist()])

    order = np.lexsort((names, label))  # by component, members by id
    starts, counts = group_runs(label[order])
    raw = []
    for lo, hi in zip(starts.tolist(), (starts + counts).tolist(), strict=True):
        at = order[lo:hi]
        members = tuple(names[at].tolist())
        raw.append(
            (
                members,
                LEVELS[best[label[at[0]]]],
                tuple(names[at[suspended[at]]].tolist()),
                tuple(names[at[is_bridge[at]]].tolist()),
            )
        )
    raw.sort(key=lambda c: (-level_rank(c[1]), -len(c[0]), c[0][0]))
    width = max(3, len(str(len(raw))))
    return [
        Cluster(f"C{i:0{width}d}", members, lvl, susp, bridges)
        for i, (members, lvl, susp, bridges) in enumerate(raw, start=1)
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
