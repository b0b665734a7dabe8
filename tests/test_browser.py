"""report.html in a real browser: Debian's headless Chromium, driven by Playwright.

Never skipped: without Chromium (or the ``playwright`` package) the test fails and says
how to get it. Playwright only drives the system Chromium; it downloads no browser.
Screenshots are kept in tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.render.html import render_html
from auditor.render.html_layout import OVERVIEW_NODES
from auditor.result import Account, AuditResult, Cluster, Evidence, Pair
from tests.factories import XSS_ATTR, XSS_NAME, make_result

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    path = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if path is None:
        pytest.fail(
            "Chromium is not installed: run `bash scripts/ensure-chromium.sh` "
            "(or `apt-get install chromium`) for the browser test",
            pytrace=False,
        )
    return path


class Browser:
    """One page on a fresh Chromium profile, recording console errors and requests."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path) -> Any:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=20_000)
        return self.page


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "the browser test needs the `playwright` package (dev dependency): "
            "pip install -e '.[dev]' (no `playwright install` needed: it uses system Chromium)",
            pytrace=False,
        )
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield Browser(context)
        finally:
            context.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_html(make_result(), tmp_path_factory.mktemp("report") / "report.html")


def _graph(page: Any, expression: str) -> Any:
    """Evaluate ``expression`` with ``cy`` bound to the page's Cytoscape instance."""
    cy = "document.getElementById('graph')._cyreg.cy"
    return page.evaluate(f"(() => {{ const cy = {cy}; return {expression}; }})()")


def test_report_opens_and_draws_the_graph(browser: Browser, report: Path) -> None:
    page = browser.open(report)
    # The riskiest cluster is drawn first: C1, three accounts and two links.
    assert page.evaluate("document.body.dataset.view") == "cluster:C1"
    assert page.evaluate("document.body.dataset.nodes") == "3"
    assert _graph(page, "cy.nodes('.acc').length") == 3
    assert _graph(page, "cy.edges().length") == 2
    assert _graph(page, "cy.nodes('.acc').map(n => n.data('label')).sort()") == sorted(
        [XSS_ATTR[:22] + "…", "Lanyue Home", "蓝月旗舰店"]
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("document.getElementById('explorer').scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / "report-graph.png"))

    _graph(page, "void cy.getElementById('e0').emit('mouseover')")
    assert page.locator("#graph-hover").inner_text() == "蓝月旗舰店 ↔ Lanyue Home · high · 99.9%"

    # Click a link: its evidence shows as a waterfall.
    _graph(page, "void cy.getElementById('e0').emit('tap')")
    panel = page.locator("#panel")
    assert "probability that one operator runs both accounts" in panel.inner_text()
    assert panel.locator(".wf-row").count() == 1 + 5 + 1 + 1  # prior, evidence, total, axis
    page.screenshot(path=str(ARTIFACTS / "report-evidence.png"))

    # Click an account: its identifiers, bank number masked.
    _graph(page, "void cy.nodes('.acc').filter(n => n.data('label') === '蓝月旗舰店').emit('tap')")
    text = panel.inner_text()
    assert "****3445" in text and "Identifiers (7)" in text

    # Another view: the low link outside clusters.
    page.locator("button.view-btn", has_text="Links outside clusters").click()
    assert page.evaluate("document.body.dataset.nodes") == "2"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "report-full.png"), full_page=True)

    assert browser.errors == []
    assert browser.dialogs == []
    assert [u for u in browser.requests if not u.startswith("file:")] == []


def test_hostile_names_stay_text(browser: Browser, report: Path) -> None:
    page = browser.open(report)
    page.locator("button[data-goto-account='A4']").first.click()
    assert XSS_NAME in page.locator("#panel h3").inner_text()
    page.locator("button[data-goto-account='A3']").first.click()
    assert XSS_ATTR in page.locator("#panel h3").inner_text()
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.dialogs == []
    assert browser.errors == []


def test_pairs_table_sorts_filters_and_expands(browser: Browser, report: Path) -> None:
    page = browser.open(report)
    rows = page.locator("#pairs-table tbody tr[data-pair]")
    assert page.locator("#pair-count").inner_text() == "Showing 3 of 3 pairs"
    page.fill("#f-text", "maple")
    assert page.locator("#pair-count").inner_text() == "Showing 1 of 3 pairs"
    page.fill("#f-text", "")
    page.select_option("#f-kind", "card")
    assert page.locator("#pair-count").inner_text() == "Showing 1 of 3 pairs"
    page.select_option("#f-kind", "")
    weight = page.locator("#pairs-table th", has_text="Weight")
    weight.click()  # numbers sort largest first
    assert weight.get_attribute("aria-sort") == "descending"
    assert rows.first.get_attribute("data-level") == "high"
    weight.click()
    assert rows.first.get_attribute("data-level") == "low"
    page.locator("#pairs-table th", has_text="Account A").click()  # text sorts A→Z
    assert rows.first.get_attribute("data-pair") == "2"  # Maple Goods
    rows.first.click()
    assert page.locator("#pairs-table tr.detail .wf").count() == 1
    page.locator("[data-filter-cluster='C1']").click()
    assert page.locator("#pair-count").inner_text() == "Showing 2 of 3 pairs"
    assert browser.errors == []


def _many_accounts(clusters: int, size: int) -> AuditResult:
    """``clusters`` rings of ``size`` accounts; every seventh cluster has a suspended member."""
    accounts: list[Account] = []
    pairs: list[Pair] = []
    groups: list[Cluster] = []
    for c in range(clusters):
        ids = [f"S{c:04d}-{i:02d}" for i in range(size)]
        suspended = ids[0] if c % 7 == 0 else None
        for acc in ids:
            status = "Suspended" if acc == suspended else "Active"
            accounts.append(Account(acc, f"店铺 {acc}", status, "US", f"C{c:04d}", bool(suspended)))
        for i in range(size):
            a, b = sorted((ids[i], ids[(i + 1) % size]))
            evidence = (Evidence("email", "exact", f"{a}@x.com", f"{a}@x.com", 1.0, 4.0),)
            pairs.append(Pair(a, b, 0.73, "medium", 1.0, evidence))
        groups.append(
            Cluster(f"C{c:04d}", tuple(ids), "medium", (suspended,) if suspended else (), ())
        )
    return AuditResult(accounts=tuple(accounts), pairs=tuple(pairs), clusters=tuple(groups))


def test_thousands_of_accounts_stay_drawable(browser: Browser, tmp_path: Path) -> None:
    report = render_html(_many_accounts(250, 12), tmp_path / "report.html")  # 3,000 accounts
    page = browser.open(report)
    assert page.evaluate("document.body.dataset.view") == "overview"
    assert 0 < int(page.evaluate("document.body.dataset.nodes")) <= OVERVIEW_NODES
    assert page.locator("#view-list li[data-view-index]").count() == 1 + 250
    page.fill("#view-find", "S0100-03")
    assert page.locator("#view-list li[data-view-index]:not([hidden])").count() == 1
    page.press("#view-find", "Enter")
    assert page.evaluate("document.body.dataset.view") == "cluster:C0100"
    assert "S0100-03" in page.locator("#panel").inner_text()
    assert browser.errors == []


BANK = "6222020200112233445"
ACCOUNT_ROWS = [
    "店铺ID 店铺名称 状态 站点 公司名称 法人 邮箱 手机 地址 IP 收款账户".split(),
    ["S01", "蓝月旗舰店", "Suspended", "US", "深圳市蓝月科技有限公司", "张伟",
     "lanyue.shop@gmail.com", "13800138000", "深圳市南山区科技园1号A座501", "8.8.4.4", BANK],
    ["S02", "Lanyue Home", "Active", "UK", "Shenzhen Lanyue Technology Co. Ltd", "Zhang Wei",
     "LanYue.Shop+uk@gmail.com", "13800138000", "深圳市南山区科技园1号A座501", "8.8.4.4", BANK],
    ["S03", "<script>alert(1)</script>", "Active", "DE", "Maple Trading LLC", "John Smith",
     "john@maple.com", "+1 415 555 0100", "1 Main St, San Francisco", "45.77.0.1", ""],
    ["S04", "独立小店", "Active", "JP", "杭州独立电子商务有限公司", "王芳",
     "wangfang@qq.com", "13700137000", "杭州市西湖区文三路100号", "45.77.0.1", ""],
    ["S05", "Bad Row", "Active", "US", "", "", "foo@", "notaphone", "", "999.1.1.1", ""],
]  # fmt: skip


@pytest.mark.parametrize("source", ["csv", "samples"])
def test_real_audit_report(browser: Browser, tmp_path: Path, source: str) -> None:
    """End to end: files → auditor.pipeline.audit → report.html → the browser."""
    from auditor.pipeline import audit

    if source == "samples":
        samples = Path(__file__).parent.parent / "samples"
        if not any(p.is_file() for p in samples.glob("*.*")):
            pytest.skip("samples/ has no data yet (auditor sample --out samples)")
        inputs = [samples]
    else:
        with (tmp_path / "accounts.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(ACCOUNT_ROWS)
        inputs = [tmp_path / "accounts.csv"]
    result = audit(inputs)
    report = render_html(result, tmp_path / "report.html")
    text = report.read_text(encoding="utf-8")
    assert BANK not in text
    page = browser.open(report)
    drawn = int(page.evaluate("document.body.dataset.nodes"))
    assert (drawn > 0) == bool(result.pairs)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"report-{source}.png"), full_page=True)
    assert browser.errors == []
    assert browser.dialogs == []
