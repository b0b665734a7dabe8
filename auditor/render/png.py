"""PNG graph of linked accounts: the whole audit, one cluster, or chosen accounts.

- :func:`render_png` draws one figure. Whole audit: every account with a link (a pair at
  level low or above), one group per connected set of accounts, the riskiest first; past
  :data:`MAX_GROUPS` groups or :data:`NODE_BUDGET` accounts the rest is left out and a
  note under the graph says so. ``cluster=`` draws one cluster; ``accounts=`` draws
  exactly those accounts (unlinked ones too: the appeal shows them apart).
- :func:`render_png_per_cluster` writes ``graph-<cluster id>.png`` for the riskiest
  clusters, for audits too large for one picture.
- :func:`build_graph` is the pure part: which accounts and links are drawn.

Edges are coloured by the pair's strongest identifier kind, styled by level, and as wide
as the pair's evidence weight; their label names what is shared ("bank, email, ip").
Nodes are coloured by status (suspended / at risk / active), sized by the account's
strongest link, and labelled with name and id. Output is deterministic: a seeded layout,
Agg without pyplot, and no software/time metadata in the file.
"""

from __future__ import annotations

import math
import re
import textwrap
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import networkx as nx
import numpy as np
from matplotlib import style
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text

from auditor.errors import UsageError
from auditor.kinds import SUSPENDED_STATUSES
from auditor.render import fonts
from auditor.render.layout import pack_boxes, remove_overlaps, spring_positions
from auditor.result import LEVELS, Account, AuditResult, Cluster, Pair, level_rank

DPI: Final = 150
MIN_WIDTH_PX: Final = 1600
#: At most this many groups (connected sets of accounts) in the whole-audit figure …
MAX_GROUPS: Final = 12
#: … and at most about this many accounts (the first group is always drawn whole).
NODE_BUDGET: Final = 150
#: Groups larger than this get id-only labels and no edge labels.
LABEL_LIMIT: Final = 60
#: Widest figure, in inches (9000 px at 150 dpi); a larger layout is squeezed.
MAX_WIDTH_IN: Final = 60.0

#: Edge colour by the pair's strongest identifier kind.
KIND_COLOURS: Final[dict[str, str]] = {
    "bank": "#c0392b",
    "card": "#e67e22",
    "tax_id": "#8e44ad",
    "id_number": "#d0448f",
    "email": "#1f6fb4",
    "phone": "#10a3b8",
    "device": "#34495e",
    "mac": "#7b8a9a",
    "ip": "#2e9e4f",
    "company": "#b08d00",
    "person": "#8d5a2b",
    "address": "#6a8f00",
    "listing": "#a0a0a0",
}
_OTHER_KIND_COLOUR: Final = "#555555"

STATUS_COLOURS: Final[dict[str, str]] = {
    "suspended": "#b2182b",
    "at risk": "#f28e2b",
    "active": "#4e79a7",
}
_STATUS_MARKERS: Final[dict[str, str]] = {"suspended": "s", "at risk": "o", "active": "o"}
_STATUS_ORDER: Final = ("suspended", "at risk", "active")

_LEVEL_STYLES: Final[dict[str, Any]] = {
    "high": "-",
    "medium": (0, (5.0, 2.5)),
    "low": (0, (1.2, 2.0)),
}
#: Marker area (points²) by the account's strongest link.
_NODE_SIZES: Final[dict[str, float]] = {"high": 460.0, "medium": 330.0, "low": 230.0, "none": 180.0}

_TITLE_PT: Final = 15.0
_SUBTITLE_PT: Final = 10.0
_CAPTION_PT: Final = 10.5
_NODE_PT: Final = 9.0
_EDGE_PT: Final = 7.5
_LEGEND_PT: Final = 8.5
_NOTE_PT: Final = 8.0

_MARGIN: Final = 0.45
_EDGE_INCHES: Final = 2.3
_GROUP_GAP: Final = 0.6
_LABEL_GAP: Final = 0.05
_BOX_PAD: Final = 0.03
_NAME_COLUMNS: Final = 20
_TEXT_COLOUR: Final = "#222222"
_MUTED: Final = "#555555"


# --------------------------------------------------------------------------- graph


def build_graph(
    result: AuditResult,
    *,
    cluster: str | None = None,
    accounts: Sequence[str] | None = None,
) -> nx.Graph:
    """The accounts and links a figure draws, as a networkx graph.

    Whole audit: accounts with at least one pair. ``cluster``: that cluster's members.
    ``accounts``: exactly those accounts, linked or not. Edges are the pairs between
    drawn accounts. Node attributes: ``name``, ``status`` (suspended / at risk / active),
    ``level`` (the account's strongest link in the whole audit), ``cluster``, ``bridge``.
    Edge attributes: ``level``, ``weight``, ``score``, ``kinds`` (labels, strongest
    first, ``~`` marking a near-duplicate or partial match) and ``kind`` (the strongest).

    Raises :class:`~auditor.errors.UsageError` for an unknown cluster or account id.
    """
    if cluster is not None and accounts is not None:
        raise UsageError("draw either one cluster or a list of accounts, not both")
    by_id = {a.id: a for a in result.accounts}
    members: set[str] | None = None
    if cluster is not None:
        found = result.cluster(cluster)
        if found is None:
            known = ", ".join(c.id for c in result.clusters) or "none"
            raise UsageError(f"unknown cluster {cluster!r} (clusters in this audit: {known})")
        members = set(found.accounts)
    elif accounts is not None:
        unknown = sorted({a for a in accounts if a not in by_id})
        if unknown:
            raise UsageError(f"unknown account id(s): {', '.join(unknown)}")
        members = set(accounts)

    linked = [p for p in result.pairs if level_rank(p.level) >= 1]
    strongest: dict[str, str] = {}
    for p in linked:
        for node in (p.a, p.b):
            if level_rank(p.level) > level_rank(strongest.get(node, "none")):
                strongest[node] = p.level
    if members is None:
        members = {node for p in linked for node in (p.a, p.b)}
    drawn = [p for p in linked if p.a in members and p.b in members]
    bridges = {b for c in result.clusters for b in c.bridges}

    graph = nx.Graph()
    for node in sorted(members):
        account = by_id.get(node, Account(node))
        graph.add_node(
            node,
            name=account.name,
            status=account_status(account),
            level=strongest.get(node, "none"),
            cluster=account.cluster,
            bridge=node in bridges,
        )
    for p in sorted(drawn, key=lambda p: (p.a, p.b)):
        kinds = edge_kinds(p)
        graph.add_edge(
            p.a,
            p.b,
            level=p.level,
            weight=p.weight,
            score=p.score,
            kinds=kinds,
            kind=kinds[0].rstrip("~") if kinds else "",
        )
    return graph


def account_status(account: Account) -> str:
    """``suspended``, ``at risk`` (linked to a suspended account) or ``active``."""
    if account.status.strip().lower() in SUSPENDED_STATUSES:
        return "suspended"
    return "at risk" if account.at_risk else "active"


def edge_kinds(pair: Pair) -> list[str]:
    """The kinds a pair shares, strongest first; ``~`` marks a non-exact match.

    Evidence that adds no weight is left out unless it is all there is.
    """
    best: dict[str, tuple[float, str]] = {}
    for e in pair.evidence:
        if e.kind not in best or e.weight > best[e.kind][0]:
            best[e.kind] = (e.weight, e.match)
    shown = {k: v for k, v in best.items() if v[0] > 0} or best
    ordered = sorted(shown.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [kind + ("" if match == "exact" else "~") for kind, (_, match) in ordered]


def cluster_png_name(cluster_id: str) -> str:
    """File name of one cluster's figure: ``graph-<cluster id>.png``, filesystem-safe."""
    return "graph-" + (re.sub(r"[^A-Za-z0-9_.-]+", "_", cluster_id).strip("._") or "x") + ".png"


# --------------------------------------------------------------------------- public


def render_png(
    result: AuditResult,
    path: str | Path,
    *,
    cluster: str | None = None,
    accounts: Sequence[str] | None = None,
    max_groups: int = MAX_GROUPS,
    dpi: int = DPI,
) -> Path:
    """Draw the account graph (all, one cluster, or the given accounts) to ``path``.

    >>> from auditor.render import render_png
    >>> render_png(result, "graph.png")                    # doctest: +SKIP
    >>> render_png(result, "c1.png", cluster="C1")         # doctest: +SKIP
    >>> render_png(result, "appeal.png", accounts=["A1", "A2"])  # doctest: +SKIP

    Warns with :class:`~auditor.render.fonts.MissingFontWarning` when a name cannot be
    drawn for want of a font (the account is then labelled by its id).
    """
    out = Path(path)
    # Matplotlib's default style inside, whatever the user's matplotlibrc says, so the
    # same result gives the same bytes everywhere; rcParams are restored on the way out.
    with style.context("default"):
        fig = draw_graph(result, cluster=cluster, accounts=accounts, max_groups=max_groups, dpi=dpi)
        canvas = FigureCanvasAgg(fig)
        canvas.print_png(out, metadata={"Software": None})  # type: ignore[no-untyped-call]
    return out


def draw_graph(
    result: AuditResult,
    *,
    cluster: str | None = None,
    accounts: Sequence[str] | None = None,
    max_groups: int = MAX_GROUPS,
    dpi: int = DPI,
) -> Figure:
    """The figure :func:`render_png` writes, as a matplotlib Figure (e.g. for a notebook).

    The figure has its own Agg canvas; pyplot and rcParams are not touched.
    """
    graph = build_graph(result, cluster=cluster, accounts=accounts)
    plan = _plan_groups(result, graph, cluster=cluster, accounts=accounts, max_groups=max_groups)
    title, subtitle = _titles(result, graph, cluster=cluster, accounts=accounts)
    return _Drawing(result, graph, dpi).draw(plan, title, subtitle)


def render_png_per_cluster(
    result: AuditResult,
    out_dir: str | Path,
    *,
    limit: int | None = MAX_GROUPS,
    dpi: int = DPI,
) -> list[Path]:
    """Write one figure per cluster, riskiest first, as ``out_dir/graph-<id>.png``.

    ``limit`` caps the number of files (None: every cluster). Riskiest means highest
    level, then most suspended members, then most accounts. Returns the paths written.
    """
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    ranked = sorted(result.clusters, key=_cluster_risk_key)
    if limit is not None:
        ranked = ranked[: max(limit, 0)]
    written: list[Path] = []
    used: set[str] = set()
    for c in ranked:
        name = cluster_png_name(c.id)
        if name in used:
            name = name[: -len(".png")] + f"-{len(used) + 1}.png"
        used.add(name)
        written.append(render_png(result, directory / name, cluster=c.id, dpi=dpi))
    return written


def _cluster_risk_key(c: Cluster) -> tuple[int, int, int, str]:
    return (-level_rank(c.level), -len(c.suspended), -len(c.accounts), c.id)


# --------------------------------------------------------------------------- groups


@dataclass
class _Group:
    nodes: list[str]
    caption: str


@dataclass
class _Plan:
    groups: list[_Group]
    notes: list[str] = field(default_factory=list)


def _plan_groups(
    result: AuditResult,
    graph: nx.Graph,
    *,
    cluster: str | None,
    accounts: Sequence[str] | None,
    max_groups: int,
) -> _Plan:
    if cluster is not None:
        return _Plan([_Group(sorted(graph.nodes), "")])
    components = [sorted(c) for c in nx.connected_components(graph)]
    components.sort(key=lambda nodes: _group_risk_key(graph, nodes))
    unlinked = sorted(n for nodes in components if len(nodes) == 1 for n in nodes)
    components = [nodes for nodes in components if len(nodes) > 1]
    shown: list[list[str]] = []
    total = 0
    for nodes in components:
        if shown and (len(shown) >= max_groups or total + len(nodes) > NODE_BUDGET):
            break
        shown.append(nodes)
        total += len(nodes)
    plan = _Plan([_Group(nodes, _caption(graph, nodes)) for nodes in shown])
    left_out = components[len(shown) :]
    if left_out:
        hidden = sum(len(n) for n in left_out)
        plan.notes.append(
            f"Showing the {len(shown)} riskiest of {len(components)} linked groups "
            f"({total} of {total + hidden} linked accounts). Every group is listed in "
            "report.html and audit.json."
        )
    if unlinked:  # only when accounts= names accounts without links among them
        plan.groups.append(
            _Group(unlinked, "No shared identifier found · " + _plural(len(unlinked), "account"))
        )
    return plan


def _group_risk_key(graph: nx.Graph, nodes: list[str]) -> tuple[int, int, int, str]:
    level = max(
        (level_rank(d["level"]) for _, _, d in graph.subgraph(nodes).edges(data=True)), default=0
    )
    suspended = sum(1 for n in nodes if graph.nodes[n]["status"] == "suspended")
    return (-level, -suspended, -len(nodes), nodes[0])


def _group_level(graph: nx.Graph, nodes: list[str]) -> str:
    return LEVELS[-_group_risk_key(graph, nodes)[0]]


def _caption(graph: nx.Graph, nodes: list[str]) -> str:
    clusters = sorted({c for n in nodes if (c := graph.nodes[n]["cluster"])})
    has_edges = graph.subgraph(nodes).number_of_edges() > 0
    if clusters:
        more = f" +{len(clusters) - 3}" if len(clusters) > 3 else ""
        head = ("Cluster " if len(clusters) == 1 else "Clusters ") + ", ".join(clusters[:3]) + more
    else:
        head = "Not clustered" if has_edges else "No link found"
    parts = [head]
    if has_edges:
        parts.append(f"{_group_level(graph, nodes)} risk")
    parts.append(_plural(len(nodes), "account"))
    suspended = sum(1 for n in nodes if graph.nodes[n]["status"] == "suspended")
    if suspended:
        parts.append(f"{suspended} suspended")
    return " · ".join(parts)


def _titles(
    result: AuditResult,
    graph: nx.Graph,
    *,
    cluster: str | None,
    accounts: Sequence[str] | None,
) -> tuple[str, str]:
    n_nodes = graph.number_of_nodes()
    suspended = sum(1 for _, d in graph.nodes(data=True) if d["status"] == "suspended")
    by_level = {lvl: 0 for lvl in LEVELS[1:]}
    for _, _, d in graph.edges(data=True):
        by_level[d["level"]] += 1
    links = ", ".join(f"{k} {lvl}" for lvl in reversed(LEVELS[1:]) if (k := by_level[lvl]))
    link_text = f"{_plural(graph.number_of_edges(), 'link')} ({links})" if links else "no links"
    if cluster is not None:
        c = result.cluster(cluster)
        assert c is not None  # build_graph checked it
        title = f"Cluster {c.id} · {c.level} risk"
        parts = [_plural(n_nodes, "account"), link_text]
        if suspended:
            parts.append(f"{suspended} suspended — every member may be suspended as related")
        if c.bridges:
            parts.append("bridge accounts: " + ", ".join(c.bridges[:5]))
        return title, " · ".join(parts)
    if accounts is not None:
        ids = sorted(set(accounts))
        shown = ", ".join(ids[:4]) + (f" and {len(ids) - 4} more" if len(ids) > 4 else "")
        parts = [link_text + " among them" if len(ids) > 1 else "1 account"]
        if suspended:
            parts.append(f"{suspended} suspended")
        return f"Accounts {shown}", " · ".join(parts)
    if n_nodes == 0:
        return "No linked accounts", (
            f"{_plural(len(result.accounts), 'account')} audited; no two share an identifier."
        )
    groups = nx.number_connected_components(graph)
    parts = [
        f"{_plural(n_nodes, 'linked account')} of {len(result.accounts)} in "
        f"{_plural(groups, 'group')}",
        link_text,
    ]
    if result.clusters:
        parts.append(_plural(len(result.clusters), "cluster"))
    if suspended:
        parts.append(f"{suspended} suspended")
    return "Linked accounts", " · ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- labels


def wrap_name(name: str, columns: int = _NAME_COLUMNS, max_lines: int = 2) -> list[str]:
    """Wrap an account name into at most ``max_lines`` of ``columns`` (CJK counts two).

    Latin text breaks between words, CJK between characters; what does not fit ends
    in an ellipsis.
    """
    tokens: list[tuple[str, bool]] = []  # (token, space before it)
    for word_no, word in enumerate(name.split()):
        pieces: list[str] = []  # CJK characters one by one, Latin runs whole
        for char in word:
            if (
                not pieces
                or fonts.display_width(char) == 2
                or fonts.display_width(pieces[-1][-1]) == 2
            ):
                pieces.append(char)
            else:
                pieces[-1] += char
        tokens += [(piece, word_no > 0 and i == 0) for i, piece in enumerate(pieces)]
    lines: list[str] = []
    line = ""
    for token, space_before in tokens:
        while fonts.display_width(token) > columns:  # one long word: hard break
            if line:
                lines.append(line)
                line = ""
            cut = _fit(token, columns)
            lines.append(token[:cut])
            token = token[cut:]
            space_before = False
        candidate = line + (" " if space_before and line else "") + token
        if line and fonts.display_width(candidate) > columns:
            lines.append(line)
            line = token
        else:
            line = candidate
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        last = last[: _fit(last, columns - 1)].rstrip() + "…"
        lines = lines[: max_lines - 1] + [last]
    return lines


def _fit(text: str, columns: int) -> int:
    width = 0
    for i, char in enumerate(text):
        width += fonts.display_width(char)
        if width > columns:
            return max(i, 1)
    return len(text)


def _safe_text(text: str) -> str:
    """``text`` with characters no installed font has replaced (pinyin, else ``?``)."""
    if fonts.can_draw(text):
        return text
    try:
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text))
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        pass
    return "".join(c if fonts.can_draw(c) else "?" for c in text)


# --------------------------------------------------------------------------- drawing


@dataclass
class _Box:
    x: float  # centre
    y: float
    w: float
    h: float

    def overlap(self, other: _Box) -> float:
        dx = (self.w + other.w) / 2 - abs(self.x - other.x)
        dy = (self.h + other.h) / 2 - abs(self.y - other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0


@dataclass
class _PlacedGroup:
    caption: Text | None
    positions: dict[str, tuple[float, float]]
    labels: dict[str, Text]
    edge_labels: dict[tuple[str, str], tuple[Text, float, float]]
    left: float
    bottom: float
    width: float
    height: float


class _Drawing:
    """One figure; all lengths in inches, the graph axes in inches too (1 unit = 1 in)."""

    def __init__(self, result: AuditResult, graph: nx.Graph, dpi: int) -> None:
        self.result = result
        self.graph = graph
        self.dpi = dpi
        self.fig = Figure(figsize=(MIN_WIDTH_PX / dpi, 8.0), dpi=dpi, facecolor="white")
        self.canvas = FigureCanvasAgg(self.fig)
        self.renderer: RendererBase = self.canvas.get_renderer()  # type: ignore[no-untyped-call]
        self.ax: Axes = self.fig.add_axes((0.0, 0.0, 1.0, 1.0))
        self.ax.set_axis_off()
        self.ax.set_autoscale_on(False)
        self.missing_names: list[str] = []

    # ---- measuring

    def _size(self, artist: Artist) -> tuple[float, float]:
        box = artist.get_window_extent(self.renderer)
        return box.width / self.dpi, box.height / self.dpi

    def _text(self, text: str, size: float, **kwargs: Any) -> Text:
        weight = kwargs.pop("weight", "normal")
        return self.ax.text(
            0.0,
            0.0,
            text,
            fontproperties=fonts.font_properties(size, weight=weight, text=text),
            parse_math=False,
            color=kwargs.pop("color", _TEXT_COLOUR),
            **kwargs,
        )

    # ---- one group

    def _node_label(self, node: str, *, with_name: bool) -> str:
        data = self.graph.nodes[node]
        ident = _safe_text(str(node))
        if data["status"] == "suspended":
            ident += " · SUSPENDED"
        name = " ".join(str(data["name"]).split())
        if not with_name or not name or name == node:
            return ident
        if not fonts.can_draw(name):
            self.missing_names.append(node)
            return ident
        return "\n".join([*wrap_name(name), ident])

    def _place_group(self, group: _Group) -> _PlacedGroup:
        graph = self.graph.subgraph(group.nodes)
        labelled = len(group.nodes) <= LABEL_LIMIT
        nodes = sorted(group.nodes)
        if graph.number_of_edges():
            raw = spring_positions(graph)
        else:  # unlinked accounts: a row (wrapped to a grid)
            per_row = max(1, math.ceil(math.sqrt(len(nodes) * 3)))
            raw = {n: ((i % per_row) * 0.8, -(i // per_row) * 0.8) for i, n in enumerate(nodes)}
        radius = {n: math.sqrt(_NODE_SIZES[graph.nodes[n]["level"]]) / 72 / 2 for n in nodes}
        labels: dict[str, Text] = {}
        sizes = np.zeros((len(nodes), 2))
        shifts = np.zeros((len(nodes), 2))  # box centre minus node centre
        anchors: dict[str, tuple[float, float]] = {}  # label anchor minus node centre
        for i, n in enumerate(nodes):
            side = _label_side(raw, n, sorted(graph.neighbors(n)))
            ha, va = {
                "below": ("center", "top"),
                "above": ("center", "bottom"),
                "right": ("left", "center"),
                "left": ("right", "center"),
            }[side]
            label = self._text(
                self._node_label(n, with_name=labelled),
                _NODE_PT,
                ha=ha,
                va=va,
                multialignment="center" if ha == "center" else ha,
                linespacing=1.15,
                zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
            )
            labels[n] = label
            lw, lh = self._size(label)
            d, g = 2 * radius[n], _LABEL_GAP + 0.03
            if side in ("below", "above"):
                w, h = max(lw, d), d + g + lh
                sign = -1.0 if side == "below" else 1.0
                shifts[i] = (0.0, sign * (h - d) / 2)
                anchors[n] = (0.0, sign * (radius[n] + g))
            else:
                w, h = d + g + lw, max(d, lh)
                sign = 1.0 if side == "right" else -1.0
                shifts[i] = (sign * (w - d) / 2, 0.0)
                anchors[n] = (sign * (radius[n] + g), 0.0)
            sizes[i] = (w + 2 * _BOX_PAD, h + 2 * _BOX_PAD)
        centres = (
            np.array([(raw[n][0] * _EDGE_INCHES, raw[n][1] * _EDGE_INCHES) for n in nodes]) + shifts
        )
        centres = remove_overlaps(centres, sizes, pad=0.12)
        positions = {
            n: (float(centres[i][0] - shifts[i][0]), float(centres[i][1] - shifts[i][1]))
            for i, n in enumerate(nodes)
        }
        boxes = [
            _Box(float(centres[i][0]), float(centres[i][1]), *sizes[i]) for i in range(len(nodes))
        ]
        for n in nodes:
            x, y = positions[n]
            labels[n].set_position((x + anchors[n][0], y + anchors[n][1]))

        edge_labels: dict[tuple[str, str], tuple[Text, float, float]] = {}
        if labelled:
            edges = sorted(
                _edges(graph), key=lambda e: (-level_rank(e[2]["level"]), -e[2]["weight"])
            )
            for a, b, data in edges:
                kinds: list[str] = data["kinds"]
                text = ", ".join(kinds[:4]) + (f" +{len(kinds) - 4}" if len(kinds) > 4 else "")
                if not text:
                    continue
                label = self._text(
                    text,
                    _EDGE_PT,
                    ha="center",
                    va="center",
                    color=_TEXT_COLOUR,
                    zorder=4,
                    bbox={
                        "boxstyle": "round,pad=0.2",
                        "fc": "white",
                        "ec": _kind_colour(data["kind"]),
                        "lw": 0.6,
                        "alpha": 0.92,
                    },
                )
                w, h = self._size(label)
                box = self._edge_label_box(positions[a], positions[b], w + 0.1, h + 0.08, boxes)
                label.set_position((box.x, box.y))
                boxes.append(box)
                edge_labels[(a, b)] = (label, box.x, box.y)

        left = min(b.x - b.w / 2 for b in boxes)
        right = max(b.x + b.w / 2 for b in boxes)
        bottom = min(b.y - b.h / 2 for b in boxes)
        top = max(b.y + b.h / 2 for b in boxes)
        caption: Text | None = None
        if group.caption:
            caption = self._text(
                _safe_text(group.caption), _CAPTION_PT, weight="bold", ha="left", va="bottom"
            )
            cw, ch = self._size(caption)
            caption.set_position((left, top + 0.12))
            top += ch + 0.2
            right = max(right, left + cw)
        return _PlacedGroup(
            caption, positions, labels, edge_labels, left, bottom, right - left, top - bottom
        )

    @staticmethod
    def _edge_label_box(
        a: tuple[float, float], b: tuple[float, float], w: float, h: float, taken: list[_Box]
    ) -> _Box:
        """Along the edge from its middle outwards, then just beside it; the first free
        spot, else the least crowded one."""
        length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
        normal = (-(b[1] - a[1]) / length, (b[0] - a[0]) / length)
        best: _Box | None = None
        best_cost = math.inf
        for side in (0.0, 1.0, -1.0):
            for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78):
                x = a[0] + t * (b[0] - a[0]) + side * normal[0] * (h * 0.6 + 0.04)
                y = a[1] + t * (b[1] - a[1]) + side * normal[1] * (h * 0.6 + 0.04)
                box = _Box(x, y, w, h)
                cost = sum(box.overlap(o) for o in taken)
                if cost == 0:
                    return box
                if cost < best_cost:
                    best, best_cost = box, cost
        assert best is not None
        return best

    # ---- the figure

    def draw(self, plan: _Plan, title: str, subtitle: str) -> Figure:
        placed = [self._place_group(g) for g in plan.groups]
        notes = list(plan.notes)

        # Pack groups in rows; aim for a landscape-ish block.
        area = sum(p.width * p.height for p in placed)
        widest = max((p.width for p in placed), default=0.0)
        min_graph_w = MIN_WIDTH_PX / self.dpi - 2 * _MARGIN
        target = max(min_graph_w, widest, math.sqrt(area * 1.8) if area else 0.0)
        target = min(target, MAX_WIDTH_IN - 2 * _MARGIN)
        offsets = pack_boxes(
            [(p.width, p.height) for p in placed], max_width=target, gap=_GROUP_GAP
        )
        graph_w = max((x + p.width for (x, _), p in zip(offsets, placed, strict=True)), default=0.0)
        graph_h = max(
            (y + p.height for (_, y), p in zip(offsets, placed, strict=True)), default=0.0
        )
        squeeze = 1.0
        if graph_w > MAX_WIDTH_IN - 2 * _MARGIN:
            squeeze = (MAX_WIDTH_IN - 2 * _MARGIN) / graph_w
            notes.append(
                "The graph is squeezed to fit; labels may overlap. "
                "Draw single clusters for a readable view."
            )
        self._draw_groups(placed, offsets, squeeze)
        graph_w *= squeeze
        graph_h *= squeeze

        if any(len(g.nodes) > LABEL_LIMIT for g in plan.groups):
            notes.append(
                f"Groups of more than {LABEL_LIMIT} accounts are labelled by account "
                "id only, without edge labels."
            )
        if self.graph.number_of_edges():
            notes.append(
                "Edge labels list the shared identifier kinds, strongest first; "
                "~ marks a near-duplicate or partial match. Line width grows with "
                "the weight of the evidence; node size with the account's "
                "strongest link in the audit."
            )
        notes.extend(self._hub_notes())
        if self.missing_names:
            cjk = any(fonts.has_cjk(str(self.graph.nodes[n]["name"])) for n in self.missing_names)
            message = (
                f"{_plural(len(self.missing_names), 'account name')} not drawn (no font with "
                "their characters on this machine); labelled by account id only."
                + (f" To fix: {fonts.INSTALL_HINT}." if cjk else "")
            )
            notes.append(message)
            warnings.warn(message, fonts.MissingFontWarning, stacklevel=4)

        legends = self._legends()
        width = max(MIN_WIDTH_PX / self.dpi + 0.01, graph_w + 2 * _MARGIN)
        legend_rows = self._arrange_legends(legends, width - 2 * _MARGIN)
        legend_h = sum(h for _, h in legend_rows) + 0.15 * max(len(legend_rows) - 1, 0)

        note_texts = self._notes(notes, width - 2 * _MARGIN)
        notes_h = sum(self._size(t)[1] for t in note_texts) + 0.06 * len(note_texts)

        title_t = self.fig.text(
            0,
            0,
            _safe_text(title),
            ha="left",
            va="top",
            parse_math=False,
            fontproperties=fonts.font_properties(_TITLE_PT, weight="bold", text=title),
            color=_TEXT_COLOUR,
            transform=self.fig.dpi_scale_trans,
        )
        sub_t = self.fig.text(
            0,
            0,
            _safe_text(subtitle),
            ha="left",
            va="top",
            parse_math=False,
            fontproperties=fonts.font_properties(_SUBTITLE_PT),
            color=_MUTED,
            transform=self.fig.dpi_scale_trans,
        )
        title_h = self._size(title_t)[1] + 0.1 + self._size(sub_t)[1]

        top_pad, gap, bottom_pad = 0.35, 0.4, 0.3
        height = (
            top_pad
            + title_h
            + gap
            + graph_h
            + (gap if graph_h else 0)
            + legend_h
            + (0.3 if legend_h and notes_h else 0)
            + notes_h
            + bottom_pad
        )
        self.fig.set_size_inches(width, height)

        # Bottom-up: notes, legends, graph; the title hangs from the top.
        y = bottom_pad
        for t in reversed(note_texts):
            t.set_position((_MARGIN, y))
            y += self._size(t)[1] + 0.06
        y = bottom_pad + notes_h + (0.3 if legend_h and notes_h else 0)
        for row, row_h in reversed(legend_rows):
            x = _MARGIN
            for legend, w in row:
                legend.set_bbox_to_anchor((x, y + row_h), transform=self.fig.dpi_scale_trans)
                x += w + 0.35
            y += row_h + 0.15
        graph_bottom = bottom_pad + notes_h + (0.3 if legend_h and notes_h else 0) + legend_h
        graph_bottom += gap if legend_h or notes_h else 0
        graph_left = (width - graph_w) / 2
        if graph_h:
            self.ax.set_position(
                (graph_left / width, graph_bottom / height, graph_w / width, graph_h / height)
            )
            self.ax.set_xlim(0, graph_w)
            self.ax.set_ylim(-graph_h, 0)
        else:
            self.ax.set_visible(False)
        title_t.set_position((_MARGIN, height - top_pad))
        sub_t.set_position((_MARGIN, height - top_pad - self._size(title_t)[1] - 0.1))
        return self.fig

    def _draw_groups(
        self, placed: list[_PlacedGroup], offsets: list[tuple[float, float]], squeeze: float
    ) -> None:
        for p, (ox, oy) in zip(placed, offsets, strict=True):

            def shift(
                x: float, y: float, p: _PlacedGroup = p, ox: float = ox, oy: float = oy
            ) -> tuple[float, float]:
                # Group-local (y up) → graph area (y down from 0 at the top).
                return ((ox + x - p.left) * squeeze, (-oy - p.height + y - p.bottom) * squeeze)

            pos = {n: shift(*xy) for n, xy in p.positions.items()}
            if p.caption is not None:
                p.caption.set_position(shift(*p.caption.get_position()))
            for label in p.labels.values():
                label.set_position(shift(*label.get_position()))
            for label, x, y in p.edge_labels.values():
                label.set_position(shift(x, y))
            sub = self.graph.subgraph(p.positions)
            # Weak links first, so strong ones are drawn on top.
            for a, b, data in sorted(_edges(sub), key=lambda e: level_rank(e[2]["level"])):
                (xa, ya), (xb, yb) = pos[a], pos[b]
                self.ax.plot(
                    [xa, xb],
                    [ya, yb],
                    color=_kind_colour(data["kind"]),
                    linewidth=_edge_width(data["weight"]),
                    linestyle=_LEVEL_STYLES.get(data["level"], "-"),
                    solid_capstyle="round",
                    alpha=0.9,
                    zorder=2,
                )
            for status in _STATUS_ORDER:
                members = [n for n in sorted(pos) if sub.nodes[n]["status"] == status]
                if not members:
                    continue
                self.ax.scatter(
                    [pos[n][0] for n in members],
                    [pos[n][1] for n in members],
                    s=[_NODE_SIZES[sub.nodes[n]["level"]] for n in members],
                    c=STATUS_COLOURS[status],
                    marker=_STATUS_MARKERS[status],
                    edgecolors=["#111111" if sub.nodes[n]["bridge"] else "white" for n in members],
                    linewidths=[2.2 if sub.nodes[n]["bridge"] else 1.2 for n in members],
                    zorder=3,
                )

    def _hub_notes(self) -> list[str]:
        drawn = set(self.graph.nodes)
        lines = []
        for hub in sorted(self.result.hubs, key=lambda h: (-len(h.accounts), h.kind, h.value)):
            inside = sorted(drawn.intersection(hub.accounts))
            if len(inside) >= 2:
                lines.append(
                    f"{hub.kind} {_safe_text(hub.value)} (held by {len(hub.accounts)} accounts, "
                    f"{len(inside)} drawn)"
                )
        if not lines:
            return []
        more = f"; and {len(lines) - 3} more" if len(lines) > 3 else ""
        return [
            "Shared too widely to count as a link (not drawn as edges): "
            + "; ".join(lines[:3])
            + more
            + "."
        ]

    def _notes(self, notes: list[str], width_in: float) -> list[Text]:
        columns = max(40, int(width_in * 72 / (_NOTE_PT * 0.55)))
        texts = []
        for note in notes:
            wrapped = textwrap.fill(note, columns)
            texts.append(
                self.fig.text(
                    0,
                    0,
                    wrapped,
                    ha="left",
                    va="bottom",
                    parse_math=False,
                    fontproperties=fonts.font_properties(_NOTE_PT),
                    color=_MUTED,
                    transform=self.fig.dpi_scale_trans,
                )
            )
        return texts

    def _legends(self) -> list[Legend]:
        edges = list(self.graph.edges(data=True))
        nodes = list(self.graph.nodes(data=True))
        if not nodes:
            return []
        sections: list[tuple[str, list[Artist], list[str]]] = []
        kinds = sorted(
            {d["kind"] for _, _, d in edges},
            key=lambda k: (list(KIND_COLOURS).index(k) if k in KIND_COLOURS else 99, k),
        )
        if kinds:
            sections.append(
                (
                    "Strongest shared identifier",
                    [Line2D([], [], color=_kind_colour(k), linewidth=3) for k in kinds],
                    kinds,
                )
            )
        levels = [
            lvl for lvl in reversed(LEVELS[1:]) if any(d["level"] == lvl for _, _, d in edges)
        ]
        if levels:
            sections.append(
                (
                    "Link level",
                    [
                        Line2D([], [], color="#444444", linewidth=2.2, linestyle=_LEVEL_STYLES[lvl])
                        for lvl in levels
                    ],
                    levels,
                )
            )
        statuses = [s for s in _STATUS_ORDER if any(d["status"] == s for _, d in nodes)]
        handles: list[Artist] = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker=_STATUS_MARKERS[s],
                markersize=10,
                markerfacecolor=STATUS_COLOURS[s],
                markeredgecolor="white",
            )
            for s in statuses
        ]
        names = [
            {
                "suspended": "suspended",
                "at risk": "at risk (linked to a suspended account)",
                "active": "active",
            }[s]
            for s in statuses
        ]
        if any(d["bridge"] for _, d in nodes):
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markersize=10,
                    markerfacecolor="white",
                    markeredgecolor="#111111",
                    markeredgewidth=2.2,
                )
            )
            names.append("bridge (removing it splits a cluster)")
        sections.append(("Account", handles, names))
        node_levels = [lvl for lvl in reversed(LEVELS) if any(d["level"] == lvl for _, d in nodes)]
        sections.append(
            (
                "Account's strongest link",
                [
                    Line2D(
                        [],
                        [],
                        linestyle="none",
                        marker="o",
                        markersize=math.sqrt(_NODE_SIZES[lvl]),
                        markerfacecolor="#bbbbbb",
                        markeredgecolor="white",
                    )
                    for lvl in node_levels
                ],
                ["none" if lvl == "none" else lvl for lvl in node_levels],
            )
        )
        legends = []
        for title, section_handles, labels in sections:
            spacing = 1.0 if title == "Account's strongest link" else 0.55
            ncol = 1 if len(labels) <= 4 else math.ceil(len(labels) / 4)
            legend = self.fig.legend(
                section_handles,
                labels,
                title=title,
                loc="upper left",
                ncol=ncol,
                prop=fonts.font_properties(_LEGEND_PT),
                frameon=False,
                alignment="left",
                title_fontproperties=fonts.font_properties(_LEGEND_PT, weight="bold", text=title),
                handlelength=2.6,
                borderaxespad=0.0,
                columnspacing=1.2,
                labelspacing=spacing,
                bbox_to_anchor=(0.0, 0.0),
                bbox_transform=self.fig.dpi_scale_trans,
            )
            legends.append(legend)
        return legends

    def _arrange_legends(
        self, legends: list[Legend], width: float
    ) -> list[tuple[list[tuple[Legend, float]], float]]:
        rows: list[tuple[list[tuple[Legend, float]], float]] = []
        row: list[tuple[Legend, float]] = []
        used = 0.0
        row_h = 0.0
        for legend in legends:
            w, h = self._size(legend)
            if row and used + w > width:
                rows.append((row, row_h))
                row, used, row_h = [], 0.0, 0.0
            row.append((legend, w))
            used += w + 0.35
            row_h = max(row_h, h)
        if row:
            rows.append((row, row_h))
        return rows


def _edges(graph: nx.Graph) -> list[tuple[str, str, dict[str, Any]]]:
    """Edges as (a, b, data) with a < b, sorted: subgraph views iterate in set order,
    which changes with the hash seed, and the PNG must not."""
    return sorted(
        ((min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True)),
        key=lambda e: (e[0], e[1]),
    )


def _label_side(raw: dict[Any, tuple[float, float]], node: str, neighbours: list[str]) -> str:
    """Where a node's label goes: the side farthest from its edges, below if free."""
    x, y = raw[node]
    angles = [math.atan2(raw[m][1] - y, raw[m][0] - x) for m in neighbours]
    best, best_score = "below", -1.0
    for side, angle, bonus in (
        ("below", -math.pi / 2, 0.35),
        ("above", math.pi / 2, 0.15),
        ("right", 0.0, 0.0),
        ("left", math.pi, 0.0),
    ):
        free = min((abs(math.remainder(angle - a, 2 * math.pi)) for a in angles), default=math.pi)
        if free + bonus > best_score:
            best, best_score = side, free + bonus
    return best


def _kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, _OTHER_KIND_COLOUR)


def _edge_width(weight: float) -> float:
    """Line width (points) from a pair's log-odds: about 1.2 at -3, 5.5 at +9 and above."""
    return 1.2 + 4.3 * min(max((weight + 3.0) / 12.0, 0.0), 1.0)
