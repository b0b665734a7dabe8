"""PNG graph: valid, wide, not blank, deterministic, CJK glyphs present, right subsets."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image as mpimg
from matplotlib.ft2font import FT2Font
from matplotlib.transforms import Bbox

from auditor.errors import UsageError
from auditor.render import fonts
from auditor.render.layout import pack_boxes, remove_overlaps, spring_positions
from auditor.render.png import (
    MIN_WIDTH_PX,
    build_graph,
    cluster_png_name,
    draw_graph,
    edge_kinds,
    render_png,
    render_png_per_cluster,
    wrap_name,
)
from auditor.result import Account, AuditResult, Cluster, Evidence, Pair
from tests.factories import make_result

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

_CJK_NAMES = [
    "蓝月旗舰店",
    "深圳市星辰贸易有限公司亚马逊美国站",
    "鑫淼垚家居",
    "独立小店",
    "华南电子",
]
_LATIN_NAMES = [
    "Maple Goods",
    "Birch Supply Co. International Home & Kitchen Store",
    "Oak",
    "Lanyue Home",
]
_KINDS = ["bank", "card", "email", "phone", "ip", "device", "address", "company", "person"]


def make_large_result(clusters: int = 16, biggest: int = 30, seed: int = 3) -> AuditResult:
    """Many clusters of 2..``biggest`` accounts with mixed CJK/Latin names (seeded)."""
    rng = random.Random(seed)
    accounts: list[Account] = []
    pairs: list[Pair] = []
    out_clusters: list[Cluster] = []
    sizes = [biggest] + [rng.randint(2, 9) for _ in range(clusters - 1)]
    n = 0
    for ci, size in enumerate(sizes):
        cid = f"C{ci + 1}"
        ids = [f"S{n + i:04d}" for i in range(size)]
        n += size
        suspended = {ids[0]} if ci % 3 == 0 else set()
        for i, aid in enumerate(ids):
            names = _CJK_NAMES if (i + ci) % 2 else _LATIN_NAMES
            accounts.append(
                Account(
                    aid,
                    names[(i * 7 + ci) % len(names)],
                    "Suspended" if aid in suspended else "Active",
                    "US",
                    cid,
                    bool(suspended),
                )
            )
        edges = {(ids[i], ids[rng.randrange(i)]) for i in range(1, size)}  # a random tree
        for _ in range(size // 2):
            a, b = rng.sample(ids, 2)
            edges.add((a, b))
        level = rng.choice(["high", "medium"])
        for a, b in sorted(edges):
            a, b = sorted((a, b))
            kinds = rng.sample(_KINDS, rng.randint(1, 4))
            evidence = tuple(
                Evidence(
                    k, rng.choice(["exact", "exact", "fuzzy"]), "x", "x", 1.0, rng.uniform(0.5, 5.0)
                )
                for k in kinds
            )
            lvl = level if rng.random() < 0.7 else "medium"
            pairs.append(Pair(a, b, 0.9, lvl, sum(e.weight for e in evidence) - 3, evidence))
        out_clusters.append(Cluster(cid, tuple(ids), level, tuple(sorted(suspended)), ()))
    # a few low-only pairs outside clusters
    for i in range(3):
        a, b = f"L{i}a", f"L{i}b"
        accounts += [Account(a, "Low Link Shop"), Account(b, "低风险店铺")]
        pairs.append(
            Pair(a, b, 0.1, "low", -2.0, (Evidence("address", "partial", "x", "y", 1.0, 1.0),))
        )
    return AuditResult(tuple(accounts), tuple(pairs), tuple(out_clusters))


def _image(path: Path) -> np.ndarray:
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC)
    return np.asarray(mpimg.imread(path))


# ---- the drawn graph


def test_whole_graph_skips_unlinked_accounts() -> None:
    graph = build_graph(make_result())
    assert sorted(graph.nodes) == ["A1", "A2", "A3", "A5", "A6"]
    assert sorted(graph.edges) == [("A1", "A2"), ("A1", "A3"), ("A5", "A6")]
    assert graph.nodes["A1"]["status"] == "suspended"
    assert graph.nodes["A2"]["status"] == "at risk"
    assert graph.nodes["A5"]["status"] == "active"
    assert graph.nodes["A1"]["bridge"] is True
    assert graph.edges["A1", "A2"]["kind"] == "bank"


def test_cluster_draws_only_its_members() -> None:
    graph = build_graph(make_result(), cluster="C1")
    assert sorted(graph.nodes) == ["A1", "A2", "A3"]
    assert sorted(graph.edges) == [("A1", "A2"), ("A1", "A3")]


def test_accounts_draw_exactly_those_accounts_linked_or_not() -> None:
    graph = build_graph(make_result(), accounts=["A2", "A1", "A7"])
    assert sorted(graph.nodes) == ["A1", "A2", "A7"]
    assert sorted(graph.edges) == [("A1", "A2")]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cluster": "C9"}, "unknown cluster 'C9'"),
        ({"accounts": ["A1", "NOPE"]}, "unknown account id(s): NOPE"),
        ({"cluster": "C1", "accounts": ["A1"]}, "not both"),
    ],
)
def test_bad_selection_is_a_usage_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build_graph(make_result(), **kwargs)  # type: ignore[arg-type]


def test_edge_kinds_strongest_first_non_exact_marked_zero_weight_dropped() -> None:
    pair = make_result().pair("A1", "A2")
    assert pair is not None
    assert edge_kinds(pair) == ["bank", "email", "ip", "person~"]


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("Maple Goods", ["Maple Goods"]),
        ("蓝月旗舰店", ["蓝月旗舰店"]),
        ("深圳市星辰贸易有限公司亚马逊美国站", ["深圳市星辰贸易有限公", "司亚马逊美国站"]),
        (
            "Birch Supply Co. International Home & Kitchen Store",
            ["Birch Supply Co.", "International Home…"],
        ),
        ("  spaced   out  ", ["spaced out"]),
    ],
)
def test_wrap_name(name: str, lines: list[str]) -> None:
    assert wrap_name(name) == lines


# ---- layout helpers


def test_layout_is_seeded_and_order_independent() -> None:
    a = build_graph(make_large_result(), cluster="C1")
    b = a.copy()
    shuffled = type(a)()
    shuffled.add_nodes_from(reversed(list(a.nodes)))
    shuffled.add_edges_from(reversed(list(a.edges)))
    assert spring_positions(a) == spring_positions(b) == spring_positions(shuffled)


def test_remove_overlaps_separates_boxes() -> None:
    centres = np.zeros((5, 2))
    sizes = np.ones((5, 2))
    moved = remove_overlaps(centres, sizes)
    for i in range(5):
        for j in range(i + 1, 5):
            dx, dy = np.abs(moved[i] - moved[j])
            assert dx >= 1 - 1e-6 or dy >= 1 - 1e-6


def test_pack_boxes_fills_gaps() -> None:
    # The third box goes under the first, beside the tall second one.
    assert pack_boxes([(2, 1), (2, 3), (2, 1)], max_width=5, gap=0.5) == [
        (0, 0),
        (2.5, 0),
        (0, 1.5),
    ]


def _label_boxes(result: AuditResult, **kwargs: object) -> list[tuple[str, Bbox]]:
    fig = draw_graph(result, **kwargs)  # type: ignore[arg-type]
    fig.canvas.draw()  # the label boxes get their size when drawn
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    return [
        (t.get_text(), t.get_bbox_patch().get_window_extent(renderer))  # type: ignore[union-attr]
        for ax in fig.axes
        for t in ax.texts
        if t.get_bbox_patch() is not None
    ]


@pytest.mark.parametrize("cluster", ["C1", "C2", "C3"])
def test_no_label_overlaps_in_clusters_up_to_30_accounts(cluster: str) -> None:
    boxes = _label_boxes(make_large_result(), cluster=cluster)
    assert len(boxes) > 3
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1 :]:
            overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert overlap_w <= 1 or overlap_h <= 1, f"{text_a!r} overlaps {text_b!r}"


# ---- fonts


def test_cjk_font_has_the_glyphs_of_the_names() -> None:
    choice = fonts.find_cjk_font()
    assert choice is not None, "no CJK font: pip install pylopdf-fonts-zh-cn (a dependency)"
    charmap = FT2Font(str(choice.path)).get_charmap()
    for char in "蓝月旗舰店独立小店":
        assert ord(char) in charmap
    assert choice.family in fonts.font_families()
    assert fonts.can_draw("蓝月旗舰店 Lanyue Home")


def test_without_a_cjk_font_names_fall_back_to_ids_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    assert not fonts.can_draw("蓝月旗舰店")
    assert fonts.can_draw("Lanyue Home")
    with pytest.warns(fonts.MissingFontWarning, match="2 account names not drawn"):
        render_png(make_result(), tmp_path / "g.png", accounts=["A1", "A2", "A7"])
    assert _image(tmp_path / "g.png").shape[1] >= MIN_WIDTH_PX


# ---- PNG output


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"cluster": "C1"}, {"accounts": ["A1", "A2", "A4", "A7"]}, {"accounts": ["A4"]}],
)
def test_png_is_valid_wide_and_not_blank(tmp_path: Path, kwargs: dict[str, object]) -> None:
    out = render_png(make_result(), tmp_path / "graph.png", **kwargs)  # type: ignore[arg-type]
    assert out == tmp_path / "graph.png"
    pixels = _image(out)
    assert pixels.shape[1] >= MIN_WIDTH_PX
    assert pixels[..., :3].std() > 0.05  # not a blank canvas


def test_png_is_deterministic(tmp_path: Path) -> None:
    result = make_result()
    first = render_png(result, tmp_path / "a.png").read_bytes()
    second = render_png(result, tmp_path / "b.png").read_bytes()
    assert first == second
    assert b"matplotlib" not in first.lower()  # no Software metadata


def test_png_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    # networkx subgraph views iterate in set order; the PNG must not depend on it.
    script = (
        "import sys\n"
        "from tests.test_render_png import make_large_result\n"
        "from auditor.render.png import render_png\n"
        "render_png(make_large_result(clusters=8, biggest=12), sys.argv[1])\n"
    )
    root = Path(__file__).resolve().parent.parent
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.png"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, cwd=root, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_png_renders_without_missing_glyph_warnings(tmp_path: Path) -> None:
    # Matplotlib warns "Glyph … missing from font(s)" when it would draw a box.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render_png(make_result(), tmp_path / "g.png")


def test_empty_audit_still_draws_a_figure(tmp_path: Path) -> None:
    result = AuditResult((Account("A1", "Solo"),), (), ())
    pixels = _image(render_png(result, tmp_path / "g.png"))
    assert pixels.shape[1] >= MIN_WIDTH_PX


def test_large_audit_is_limited_and_readable(tmp_path: Path) -> None:
    result = make_large_result(clusters=30)
    out = render_png(result, tmp_path / "big.png")
    pixels = _image(out)
    assert MIN_WIDTH_PX <= pixels.shape[1] <= 9000
    assert pixels.shape[0] <= 9000


def test_per_cluster_writes_one_file_per_cluster(tmp_path: Path) -> None:
    paths = render_png_per_cluster(make_result(), tmp_path / "graphs")
    assert paths == [tmp_path / "graphs" / "graph-C1.png"]
    assert paths[0].read_bytes().startswith(PNG_MAGIC)


def test_per_cluster_riskiest_first_and_limited(tmp_path: Path) -> None:
    result = make_large_result(clusters=6)
    everything = render_png_per_cluster(result, tmp_path, limit=None)
    assert len(everything) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in everything)
    top = render_png_per_cluster(result, tmp_path / "top", limit=2)
    high = [c for c in result.clusters if c.level == "high"]
    medium = [c for c in result.clusters if c.level == "medium"]
    # Highest level first; within a level, clusters with a suspended member, then bigger.
    expected = sorted(high, key=lambda c: (-len(c.suspended), -len(c.accounts)))
    expected += sorted(medium, key=lambda c: (-len(c.suspended), -len(c.accounts)))
    assert [p.name for p in top] == [f"graph-{c.id}.png" for c in expected[:2]]


def test_cluster_png_name_is_filesystem_safe() -> None:
    assert cluster_png_name("C1") == "graph-C1.png"
    assert cluster_png_name("../蓝 月/x") == "graph-x.png"
