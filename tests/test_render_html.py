"""The HTML report: well-formed, self-contained, escaped, masked, deterministic (golden)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from auditor.render import html_model
from auditor.render.html import embed_json, render_html, render_html_text
from auditor.render.html_layout import MAX_OUTSIDE, MAX_VIEW_NODES, build_views
from auditor.render.html_model import shared_values
from auditor.result import Account, AuditResult, Cluster, Evidence, Pair
from tests.factories import FULL_BANK, FULL_CARD, FULL_ID, XSS_ATTR, XSS_NAME, make_result

GOLDEN = Path(__file__).parent / "golden" / "report.html"
GOLDEN_SAMPLES = Path(__file__).parent / "golden" / "report-samples.html"
SAMPLES = Path(__file__).parent.parent / "samples"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
URL = re.compile(r"(?:https?:)?//[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


class _Page(HTMLParser):
    """Collects tags, attributes, scripts and text; checks that every element is closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None
        else:
            self.text.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page() -> str:
    return render_html_text(make_result())


@pytest.fixture(scope="module")
def parsed(page: str) -> _Page:
    return _parse(page)


def _vendored() -> str:
    return (
        resources.files("auditor.render")
        .joinpath("static", "cytoscape.min.js")
        .read_text(encoding="utf-8")
    )


def test_writes_file(tmp_path: Path) -> None:
    out = render_html(make_result(), tmp_path / "sub" / "report.html")
    assert out == tmp_path / "sub" / "report.html"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_well_formed(parsed: _Page) -> None:
    assert parsed.errors == []
    assert parsed.stack == []
    kinds = [a.get("type") for a, _ in parsed.scripts]
    assert kinds == ["application/json", None, None]


def test_no_external_resources(page: str, parsed: _Page) -> None:
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "action", "formaction", "poster", "data", "srcset"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith("#"), f"<{tag} {name}={value!r}>"
        assert tag not in {"link", "iframe", "object", "embed", "img", "base"}, tag
    # The vendored library is inlined verbatim; outside it, no URL at all.
    vendored = _vendored()
    assert page.count(vendored) == 1
    rest = page.replace(vendored, "")
    assert URL.findall(rest) == []
    assert "url(" not in rest.replace("url(data:", "")
    assert "@import" not in page
    # Inside the library, URLs appear only in licence comments, never as code.
    comments = [m.span() for m in re.finditer(r"/\*.*?\*/", vendored, re.S)]
    for m in URL.finditer(vendored):
        assert any(a <= m.start() < b for a, b in comments), vendored[m.start() - 60 : m.end()]


def test_content_security_policy_allows_only_our_scripts(parsed: _Page) -> None:
    csp = next(
        a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and "default-src 'none'" in csp
    for attrs, code in parsed.scripts:
        if attrs.get("type") is None:
            digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_account_names_are_escaped(page: str, parsed: _Page) -> None:
    assert XSS_NAME not in page
    assert XSS_ATTR not in page
    text = "".join(parsed.text)
    assert XSS_NAME in text  # shown, as text
    assert XSS_ATTR in text
    assert html.escape(XSS_NAME, quote=False) in page
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    # The script's data carries the names intact, and cannot close its <script> element.
    block = next(code for attrs, code in parsed.scripts if attrs.get("type") == "application/json")
    assert "<" not in block and ">" not in block and "&" not in block
    names = {a["n"] for a in json.loads(block)["accounts"]}
    assert {XSS_NAME, XSS_ATTR, "蓝月旗舰店"} <= names


def test_embed_json_escapes_markup() -> None:
    text = embed_json({"x": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><!-- & \u2028"}


def test_secret_numbers_masked_by_default(page: str) -> None:
    for secret in (FULL_CARD, FULL_BANK, FULL_ID):
        assert secret not in page
    assert "****3445" in page  # bank, last 4
    assert "****002X" in page  # ID number, last 4


def test_secret_numbers_revealed_on_request() -> None:
    page = render_html_text(make_result(reveal=True))
    for secret in (FULL_CARD, FULL_BANK, FULL_ID):
        assert secret in page
    assert "shows bank, card and ID numbers in full" in page


def test_masks_even_if_the_result_carries_full_numbers() -> None:
    result = make_result()
    p = result.pairs[0]
    leaky = Evidence("card", "exact", FULL_CARD, FULL_CARD, 1.0, 5.0)
    result.pairs = (
        Pair(p.a, p.b, p.score, p.level, p.weight, (*p.evidence, leaky)),
        *result.pairs[1:],
    )
    assert FULL_CARD not in render_html_text(result)


def test_content(page: str, parsed: _Page) -> None:
    text = " ".join(" ".join(parsed.text).split())
    assert "At risk of a related-account suspension" in text
    assert "蓝月旗舰店" in text and "独立小店" in text  # Chinese names; a hub member
    assert "45.77.0.1" in text  # hub listed once
    assert "'foo@' is not an email" in text  # data problem
    assert "Cluster C1" in text
    assert page.count('data-pair="') == 3
    assert '"PingFang SC"' in page and '"Microsoft YaHei"' in page and '"Noto Sans CJK SC"' in page


def test_deterministic() -> None:
    assert render_html_text(make_result()) == render_html_text(make_result())


def test_empty_result_renders() -> None:
    page = render_html_text(AuditResult(accounts=(Account("X", "Solo"),), pairs=(), clusters=()))
    parsed = _parse(page)
    assert parsed.errors == [] and parsed.stack == []
    assert "nothing to draw" in page


def test_shared_values_join_one_value_across_spellings() -> None:
    pairs = [
        Pair(
            "A", "B", 0.9, "high", 3, (Evidence("email", "exact", "a.b@x.com", "ab@x.com", 1, 4),)
        ),
        Pair("B", "C", 0.9, "high", 3, (Evidence("email", "exact", "ab@x.com", "AB@x.com", 1, 4),)),
        Pair("A", "C", 0.9, "high", 3, (Evidence("bank", "exact", FULL_BANK, FULL_BANK, 1, 5),)),
    ]
    rows = shared_values(pairs, reveal=False)
    assert [(r.kind, r.accounts) for r in rows] == [
        ("bank", ["A", "C"]),
        ("email", ["A", "B", "C"]),
    ]
    assert rows[0].values == ["****3445"]
    assert rows[1].values == ["AB@x.com", "a.b@x.com", "ab@x.com"]


def _ring(n: int) -> tuple[list[Pair], Cluster]:
    ids = [f"A{i:04d}" for i in range(n)]
    evidence = (Evidence("ip", "exact", "1.2.3.4", "1.2.3.4", 1, 5),)
    ends = [sorted((ids[i], ids[(i + 1) % n])) for i in range(n)]
    pairs = [Pair(a, b, 0.99, "high", 5.0, evidence) for a, b in ends]
    return pairs, Cluster("C1", tuple(ids), "high", (ids[7],), ())


def test_views_are_capped_for_big_clusters() -> None:
    pairs, cluster = _ring(1500)
    small = Cluster("C2", ("B1", "B2"), "medium", (), ())
    pairs.append(
        Pair("B1", "B2", 0.7, "medium", 1.0, (Evidence("phone", "exact", "1", "1", 1, 1),))
    )
    outside = Pair(
        "A0001", "Z1", 0.2, "low", -1.0, (Evidence("address", "partial", "x", "y", 1, 1),)
    )
    views = build_views([cluster, small], [*pairs, outside])
    assert [v.id for v in views] == ["overview", "cluster:C1", "cluster:C2"]
    big = views[1]
    assert len(big.positions) <= MAX_VIEW_NODES + MAX_OUTSIDE
    assert big.hidden == 1500 - MAX_VIEW_NODES
    assert "A0007" in big.positions  # the suspended member is always drawn
    assert "Z1" in big.outside
    for view in views:
        drawn = set(view.positions)
        assert all(pairs_ok(p, drawn) for p in (([*pairs, outside])[i] for i in view.edges))


def pairs_ok(pair: Pair, drawn: set[str]) -> bool:
    return pair.a in drawn and pair.b in drawn


def test_page_keeps_riskiest_pairs_and_every_drawn_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_model, "MAX_PAIRS", 10)
    pairs, cluster = _ring(600)
    ids = sorted({acc for p in pairs for acc in (p.a, p.b)})
    result = AuditResult(
        accounts=tuple(Account(i, f"店{i}") for i in ids), pairs=tuple(pairs), clusters=(cluster,)
    )
    model = html_model.build_model(result)
    data = model.data
    drawn = {i for v in data["views"] for i in v["edges"]}
    assert len(drawn) > 10
    assert len(data["pairs"]) == len(drawn | set(range(10)))
    for view in data["views"]:
        nodes = {n[0] for n in view["nodes"]}
        assert all({data["pairs"][i]["a"], data["pairs"][i]["b"]} <= nodes for i in view["edges"])
    assert "riskiest, and every pair drawn" in render_html_text(result)


def _check_golden(actual: str, golden: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    hint = f"run UPDATE_GOLDEN=1 pytest {Path(__file__).relative_to(Path.cwd())}"
    assert golden.exists(), f"no golden file {golden.name}: {hint}"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{golden.name} changed; if intended, {hint}"
    )


def test_golden() -> None:
    """The report for the factory result, scripts and styles left out (they are files)."""
    _check_golden(_normalise(render_html_text(make_result())), GOLDEN)


def test_golden_samples() -> None:
    """The report for the bundled samples, node positions left out (floating point)."""
    if not SAMPLES.is_dir() or not any(p.is_file() for p in SAMPLES.glob("*.*")):
        pytest.skip("samples/ has no data yet (auditor sample --out samples)")
    from auditor.pipeline import audit

    page = render_html_text(audit([SAMPLES])).replace(str(SAMPLES), "samples")
    _check_golden(_normalise(page, positions=False), GOLDEN_SAMPLES)


def _normalise(page: str, *, positions: bool = True) -> str:
    block = re.search(r'<script type="application/json" id="audit-data">(.*?)</script>', page, re.S)
    assert block is not None
    parsed = json.loads(block[1])
    if not positions:
        for view in parsed["views"]:
            view["nodes"] = [[n[0], *n[3:]] for n in view["nodes"]]
    data = json.dumps(parsed, indent=1, ensure_ascii=False)
    page = page.replace(block[1], "@DATA@")
    page = re.sub(r"<style>.*?</style>", "<style>…</style>", page, flags=re.S)
    page = re.sub(r"<script>.*?</script>", "<script>…</script>", page, flags=re.S)
    page = re.sub(r"sha256-[A-Za-z0-9+/=]+", "sha256-…", page)
    page = re.sub(r"[ \t]+", " ", page)
    page = re.sub(r"\s*\n\s*", "\n", page)
    # One element per line keeps golden diffs readable.
    page = re.sub(r">\s*<", ">\n<", page).strip() + "\n"
    return page.replace("@DATA@", "\n" + data + "\n")
