"""Seeded, deterministic graph layout helpers shared by the renderers.

The same graph always gets the same positions: nodes and edges are fed to networkx in
sorted order and the spring layout is seeded. Coordinates are plain floats; callers
scale them to inches (PNG) or pixels (SVG).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import networkx as nx
import numpy as np
import numpy.typing as npt

SEED: Final = 7

Point = tuple[float, float]
FloatArray = npt.NDArray[np.float64]


def spring_positions(graph: nx.Graph, *, seed: int = SEED) -> dict[Any, Point]:
    """Positions for ``graph`` with the median edge about 1 unit long.

    Meant for one connected component; small cases get fixed shapes (one node at the
    origin, two side by side).
    """
    nodes = sorted(graph.nodes, key=str)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-0.5, 0.0), nodes[1]: (0.5, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted((tuple(sorted(e, key=str)) for e in graph.edges), key=str))
    # method="force": numpy only (the "energy" method needs scipy).
    raw = nx.spring_layout(ordered, seed=seed, iterations=300, weight=None, method="force")
    coords = np.array([raw[n] for n in nodes], dtype=np.float64)
    index = {n: i for i, n in enumerate(nodes)}
    lengths = [float(np.hypot(*(coords[index[a]] - coords[index[b]]))) for a, b in ordered.edges]
    unit = float(np.median(lengths)) if lengths else 1.0
    coords = (coords - coords.mean(axis=0)) / (unit if unit > 1e-9 else 1.0)
    coords = _landscape(coords)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, coords, strict=True)}


def _landscape(coords: FloatArray) -> FloatArray:
    """Rotate centred points so their longest extent is horizontal (packs better in
    wide figures); the sign is fixed so the result does not depend on eigen-solver whims."""
    if len(coords) < 3:
        return coords
    _, vectors = np.linalg.eigh(np.cov(coords.T))
    major = vectors[:, -1]
    rotated: FloatArray = coords @ np.array([[major[0], -major[1]], [major[1], major[0]]])
    for axis in (0, 1):
        # The first node with a clear coordinate decides the direction of each axis.
        column = rotated[:, axis]
        clear = np.flatnonzero(np.abs(column) > 1e-9)
        if clear.size and column[clear[0]] > 0:
            rotated[:, axis] = -column
    return rotated


def remove_overlaps(
    centres: FloatArray, sizes: FloatArray, *, pad: float = 0.0, iterations: int = 400
) -> FloatArray:
    """Move axis-aligned boxes apart until none overlap, keeping the overall shape.

    ``centres`` and ``sizes`` are (n, 2) arrays (x, y; width, height). Each overlapping
    pair is pushed apart along the axis where it overlaps least; ties are broken by
    index, so the result is deterministic.
    """
    c = np.array(centres, dtype=np.float64)
    n = len(c)
    if n < 2:
        return c
    half = np.asarray(sizes, dtype=np.float64) / 2.0
    order = np.arange(n)
    tie = np.where(order[:, None] < order[None, :], -1.0, 1.0)
    for _ in range(iterations):
        d = c[:, None, :] - c[None, :, :]
        need = half[:, None, :] + half[None, :, :] + pad
        over = need - np.abs(d)
        hit = (over[..., 0] > 0) & (over[..., 1] > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        along_x = over[..., 0] <= over[..., 1]
        sign_x = np.where(d[..., 0] == 0, tie, np.sign(d[..., 0]))
        sign_y = np.where(d[..., 1] == 0, tie, np.sign(d[..., 1]))
        push_x = np.where(hit & along_x, sign_x * over[..., 0], 0.0)
        push_y = np.where(hit & ~along_x, sign_y * over[..., 1], 0.0)
        # Each side of a pair moves half the overlap, a little more to converge faster.
        c[:, 0] += 0.55 * push_x.sum(axis=1)
        c[:, 1] += 0.55 * push_y.sum(axis=1)
    return c


def pack_boxes(sizes: Sequence[Point], *, max_width: float, gap: float) -> list[Point]:
    """Place boxes, in order, as high and then as far left as they fit (a skyline pack).

    Returns one (x, y_top) per box: x from the left edge, y_top the distance of the
    box's top below the top of the packed area. Earlier boxes end up nearer the top
    left; no row is wider than ``max_width`` unless a single box is.
    """
    placed: list[tuple[float, float, float, float]] = []  # x, y_top, width, height
    offsets: list[Point] = []
    for width, height in sizes:
        candidates = sorted({0.0} | {x + w + gap for x, _, w, _ in placed})
        best: Point | None = None
        for x in candidates:
            if x > 0 and x + width > max_width:
                continue
            y = max(
                (py + ph + gap for px, py, pw, ph in placed if px < x + width and x < px + pw),
                default=0.0,
            )
            if best is None or y < best[1] - 1e-9:
                best = (x, y)
        assert best is not None  # x = 0 always fits
        offsets.append(best)
        placed.append((best[0], best[1], width, height))
    return offsets
