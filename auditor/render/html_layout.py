"""Graph views for the HTML report: which accounts each view draws, and where.

A report can hold thousands of accounts; a browser graph stays readable at a few hundred
nodes. So the graph is cut into *views*: an overview of the riskiest clusters, one view per
cluster (its members plus the accounts directly linked to it from outside), and pages of
low-level links outside any cluster. Each view draws at most ``MAX_VIEW_NODES`` nodes.

Positions are computed here, once, with a seeded spring layout, so the page is the same
every time and the browser only places nodes (Cytoscape's ``preset`` layout).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import networkx as nx
import numpy as np

from auditor.result import Cluster, Pair, level_rank

#: Most nodes one view draws; bigger clusters show their most connected members.
MAX_VIEW_NODES: Final = 400
#: Most nodes the overview draws, and the most clusters it shows.
OVERVIEW_NODES: Final = 300
OVERVIEW_CLUSTERS: Final = 24
OVERVIEW_PER_CLUSTER: Final = 60
#: Most nodes on one page of links outside clusters.
OTHER_PAGE_NODES: Final = 150
#: Most links one view draws (the strongest), so a dense cluster stays drawable.
MAX_VIEW_EDGES: Final = 3000
#: Most accounts outside a cluster drawn around it.
MAX_OUTSIDE: Final = 30
#: Distance between neighbouring nodes, in CSS pixels at zoom 1.
SPACING: Final = 110.0
_GAP: Final = 70.0
_MIN_BLOCK_WIDTH: Final = 200.0
#: Height of a node with its label below it, for overlap removal.
_BOX_HEIGHT: Final = 50.0
#: Labels are shortened to this many units (a CJK character counts 2); see report.js.
LABEL_UNITS: Final = 22
_SEED: Final = 20240601

Position = tuple[float, float]


@dataclass
class View:
    """One drawable slice of the account graph."""

    id: str
    kind: str  # "overview" | "cluster" | "other"
    label: str
    level: str
    at_risk: bool
    positions: dict[str, Position]
    #: Index into the report's pair list of every edge drawn.
    edges: list[int]
    #: Account ids drawn but not members (accounts linked to the cluster from outside).
    outside: set[str] = field(default_factory=set)
    #: For the overview: cluster id → member ids drawn, boxed together.
    groups: list[tuple[str, list[str]]] = field(default_factory=list)
    #: Members not drawn because the view is capped.
    hidden: int = 0
    cluster: str | None = None
    members: int = 0
    #: Members drawn, most important first (suspended, bridges, most connected).
    ranked: list[str] = field(default_factory=list)


def cluster_risk_key(cluster: Cluster) -> tuple[bool, int, int, str]:
    """Riskiest first: at risk (a suspended member), then level, then size."""
    return (not cluster.at_risk, -level_rank(cluster.level), -len(cluster.accounts), cluster.id)


def label_width(text: str) -> float:
    """Approximate width in CSS pixels of a node's label as the page draws it.

    The page shortens labels to 22 units (a CJK character counts 2) at an 11px font.
    """
    units = 0
    for ch in text:
        units += 2 if ord(ch) > 0x2E80 else 1
        if units > LABEL_UNITS:
            units = LABEL_UNITS + 1
            break
    return max(units * 6.4 + 14.0, 40.0)


def layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str, float]],
    widths: Mapping[str, float] | None = None,
) -> dict[str, Position]:
    """Seeded positions for ``nodes`` (stronger links pull closer), labels not overlapping."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n <= 3:
        r = SPACING * (0.75 if n == 2 else 1.5 / math.sqrt(3))
        start = -math.pi / 2 if n == 2 else 0.0
        xy = np.array(
            [
                [
                    r * math.sin(start + 2 * math.pi * i / n),
                    -r * math.cos(start + 2 * math.pi * i / n),
                ]
                for i in range(n)
            ]
        )
    else:
        graph = nx.Graph()
        graph.add_nodes_from(nodes)
        for a, b, weight in edges:
            graph.add_edge(a, b, weight=1.0 + min(max(weight, 0.0), 10.0) / 5.0)
        pos = nx.spring_layout(
            graph,
            seed=_SEED,
            weight="weight",
            iterations=80 if n <= 150 else 40,
            scale=SPACING * math.sqrt(n) * 0.35,
        )
        xy = _even_out(np.array([pos[node] for node in nodes], dtype=float))
    w = np.array([(widths or {}).get(node, 40.0) for node in nodes])
    xy = _remove_overlaps(xy, w)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, xy, strict=True)}


def _even_out(xy: np.ndarray) -> np.ndarray:
    """Spread a dense core and pull in far leaves: move each node halfway to the radius it
    would have if nodes were spread evenly over the disc (angles and order kept)."""
    centred = xy - xy.mean(axis=0)
    radius = np.hypot(centred[:, 0], centred[:, 1])
    rank = np.argsort(np.argsort(radius, kind="stable"), kind="stable")
    even = radius.max() * np.sqrt((rank + 1) / len(xy))
    target = 0.5 * radius + 0.5 * even
    factor = np.divide(target, radius, out=np.ones_like(radius), where=radius > 1e-9)
    spread: np.ndarray = centred * factor[:, None]
    return spread


def _remove_overlaps(xy: np.ndarray, widths: np.ndarray, rounds: int = 100) -> np.ndarray:
    """Move nodes so no two label boxes overlap, keeping the drawing's shape.

    First the whole drawing grows (up to 2×) so most overlaps go; the rest are pushed
    apart pair by pair along the axis that overlaps least, until none is left.
    """
    xy = xy - xy.mean(axis=0)
    reach_x = (widths[:, None] + widths[None, :]) / 2 + 6.0
    reach_y = _BOX_HEIGHT
    dx = np.abs(xy[:, 0][:, None] - xy[:, 0][None, :])
    dy = np.abs(xy[:, 1][:, None] - xy[:, 1][None, :])
    with np.errstate(divide="ignore"):
        needed = np.minimum(reach_x / dx, reach_y / dy)
    np.fill_diagonal(needed, 0.0)
    xy = xy * min(2.0, max(1.0, float(needed.max())))
    for _ in range(rounds):
        dx = xy[:, 0][:, None] - xy[:, 0][None, :]
        dy = xy[:, 1][:, None] - xy[:, 1][None, :]
        rows, cols = np.nonzero(np.triu((np.abs(dx) < reach_x) & (np.abs(dy) < reach_y), 1))
        if len(rows) == 0:
            break
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):  # overlapping pairs only
            ddx, ddy = xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1]
            ox, oy = reach_x[i, j] - abs(ddx), reach_y - abs(ddy)
            if ox <= 0 or oy <= 0:
                continue
            axis, shift, delta = (0, ox, ddx) if ox <= oy else (1, oy, ddy)
            sign = 1.0 if delta > 0 or (delta == 0 and i < j) else -1.0
            xy[i, axis] += sign * shift / 2
            xy[j, axis] -= sign * shift / 2
    centred: np.ndarray = xy - xy.mean(axis=0)
    return centred


def pack(blocks: Sequence[dict[str, Position]]) -> list[dict[str, Position]]:
    """Place blocks of positions left to right in rows, in the order given."""
    boxes = []
    for block in blocks:
        xs = [p[0] for p in block.values()]
        ys = [p[1] for p in block.values()]
        width = max(xs) - min(xs) + SPACING
        pad = max(0.0, _MIN_BLOCK_WIDTH - width) / 2  # room for the cluster's title
        boxes.append((min(xs) - pad, min(ys), width + 2 * pad, max(ys) - min(ys) + SPACING))
    # Rows about twice as wide as the drawing is tall, like the graph pane; a few small
    # blocks simply go side by side.
    area = sum(w * h for _, _, w, h in boxes)
    total = sum(w for *_, w, _ in boxes) + _GAP * (len(boxes) - 1)
    widest = max((w for *_, w, _ in boxes), default=0.0)
    row_width = total if total <= 1200 else max(widest, math.sqrt(area * 3.0))
    placed: list[dict[str, Position]] = []
    x = y = row_height = 0.0
    for block, (x0, y0, w, h) in zip(blocks, boxes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        placed.append({k: (x + px - x0, y + py - y0) for k, (px, py) in block.items()})
        x += w + _GAP
        row_height = max(row_height, h)
    return placed


class _Index:
    """Pairs by account, for building views without scanning every pair each time."""

    def __init__(self, pairs: Sequence[Pair]) -> None:
        self.pairs = pairs
        self.by_account: dict[str, list[int]] = {}
        for i, p in enumerate(pairs):
            self.by_account.setdefault(p.a, []).append(i)
            self.by_account.setdefault(p.b, []).append(i)

    def edges_within(self, accounts: Iterable[str]) -> list[int]:
        """Pairs with both accounts in ``accounts``; the strongest MAX_VIEW_EDGES of them."""
        inside = set(accounts)
        found = {
            i
            for acc in inside
            for i in self.by_account.get(acc, ())
            if self.pairs[i].a in inside and self.pairs[i].b in inside
        }
        if len(found) > MAX_VIEW_EDGES:
            found = set(sorted(found, key=lambda i: (-self.pairs[i].weight, i))[:MAX_VIEW_EDGES])
        return sorted(found)

    def weighted(self, edges: Iterable[int]) -> list[tuple[str, str, float]]:
        return [(self.pairs[i].a, self.pairs[i].b, self.pairs[i].weight) for i in edges]


def _cluster_view(
    cluster: Cluster, index: _Index, cluster_of: dict[str, str], widths: Mapping[str, float]
) -> View:
    members = set(cluster.accounts)
    degree = {
        acc: sum(1 for i in index.by_account.get(acc, ()) if _other(index.pairs[i], acc) in members)
        for acc in cluster.accounts
    }
    suspended, bridges = set(cluster.suspended), set(cluster.bridges)
    ranked = sorted(
        cluster.accounts,
        key=lambda a: (a not in suspended, a not in bridges, -degree[a], a),
    )
    drawn = ranked[:MAX_VIEW_NODES]
    # Accounts outside the cluster with a (weaker) pair to a drawn member: strongest first.
    outside_links: dict[str, float] = {}
    for acc in drawn:
        for i in index.by_account.get(acc, ()):
            other = _other(index.pairs[i], acc)
            if other not in members and cluster_of.get(other) != cluster.id:
                weight = index.pairs[i].weight
                outside_links[other] = max(outside_links.get(other, -math.inf), weight)
    by_strength = sorted(outside_links.items(), key=lambda kv: (-kv[1], kv[0]))
    outside = [acc for acc, _ in by_strength][:MAX_OUTSIDE]
    nodes = sorted(drawn) + sorted(outside)
    edges = index.edges_within(nodes)
    return View(
        id=f"cluster:{cluster.id}",
        kind="cluster",
        label=cluster.id,
        level=cluster.level,
        at_risk=cluster.at_risk,
        positions=layout(nodes, index.weighted(edges), widths),
        edges=edges,
        outside=set(outside),
        hidden=len(cluster.accounts) - len(drawn),
        cluster=cluster.id,
        members=len(cluster.accounts),
        ranked=drawn,
    )


def _other(pair: Pair, account: str) -> str:
    return pair.b if pair.a == account else pair.a


def _overview(
    cluster_views: Sequence[View], index: _Index, widths: Mapping[str, float]
) -> View | None:
    """The riskiest clusters side by side, each with at most OVERVIEW_PER_CLUSTER members."""
    blocks: list[dict[str, Position]] = []
    chosen: list[View] = []
    total = 0
    for view in cluster_views[:OVERVIEW_CLUSTERS]:
        members = view.ranked[:OVERVIEW_PER_CLUSTER]
        if chosen and total + len(members) > OVERVIEW_NODES:
            break
        if len(members) < len(view.ranked):
            block = layout(sorted(members), index.weighted(index.edges_within(members)), widths)
        else:
            block = {acc: view.positions[acc] for acc in members}
        chosen.append(view)
        blocks.append(block)
        total += len(members)
    if not chosen:
        return None
    positions: dict[str, Position] = {}
    for block in pack(blocks):
        positions.update(block)
    edges = sorted(
        i for view, block in zip(chosen, blocks, strict=True) for i in index.edges_within(block)
    )
    return View(
        id="overview",
        kind="overview",
        label="Riskiest clusters",
        level=max((v.level for v in chosen), key=level_rank),
        at_risk=any(v.at_risk for v in chosen),
        positions=positions,
        edges=edges,
        groups=[(str(v.cluster), sorted(b)) for v, b in zip(chosen, blocks, strict=True)],
        hidden=sum(v.members for v in cluster_views) - total,
        members=total,
    )


def _other_views(clustered: set[str], index: _Index, widths: Mapping[str, float]) -> list[View]:
    """Pages of links between accounts in no cluster (low-level pairs), strongest first."""
    graph = nx.Graph()
    for i, p in enumerate(index.pairs):
        if p.a not in clustered and p.b not in clustered:
            graph.add_edge(p.a, p.b, index=i)
    components = []
    for comp in nx.connected_components(graph):
        nodes = sorted(comp)
        edges = sorted(graph.edges[a, b]["index"] for a, b in graph.subgraph(nodes).edges)
        best = max(edges, key=lambda i: (level_rank(index.pairs[i].level), index.pairs[i].weight))
        components.append((nodes, edges, index.pairs[best]))
    components.sort(key=lambda c: (-level_rank(c[2].level), -c[2].weight, c[0][0]))
    pages: list[list[tuple[list[str], list[int], Pair]]] = [[]]
    for comp in components:
        size = sum(len(c[0]) for c in pages[-1])
        if pages[-1] and size + len(comp[0]) > OTHER_PAGE_NODES:
            pages.append([])
        pages[-1].append(comp)
    pages = [page for page in pages if page]
    views = []
    for n, page in enumerate(pages):
        blocks = []
        for nodes, _, _ in page:
            drawn = nodes[:MAX_VIEW_NODES]
            blocks.append(layout(drawn, index.weighted(index.edges_within(drawn)), widths))
        positions = {k: v for block in pack(blocks) for k, v in block.items()}
        views.append(
            View(
                id=f"other:{n + 1}",
                kind="other",
                label="Links outside clusters" + (f" ({n + 1})" if len(pages) > 1 else ""),
                level=max((c[2].level for c in page), key=level_rank),
                at_risk=False,
                positions=positions,
                edges=index.edges_within(positions),
                hidden=sum(len(c[0]) for c in page) - len(positions),
                members=len(positions),
            )
        )
    return views


def build_views(
    clusters: Sequence[Cluster],
    pairs: Sequence[Pair],
    widths: Mapping[str, float] | None = None,
) -> list[View]:
    """Overview (if several clusters), every cluster riskiest first, then other links.

    ``widths`` gives each account's label width in pixels (see :func:`label_width`).
    """
    widths = widths or {}
    index = _Index(pairs)
    cluster_of = {acc: c.id for c in clusters for acc in c.accounts}
    cluster_views = [
        _cluster_view(c, index, cluster_of, widths) for c in sorted(clusters, key=cluster_risk_key)
    ]
    overview = _overview(cluster_views, index, widths) if len(cluster_views) > 1 else None
    head = [overview] if overview is not None else []
    return head + cluster_views + _other_views(set(cluster_of), index, widths)
