"""The appeal document: every shared identifier disclosed, nothing invented, nothing leaked."""

from __future__ import annotations

import html
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from auditor.appeal import (
    FRAMING_DISCLOSURE,
    FRAMING_NO_LINKS,
    FRAMING_SEPARATION,
    Appeal,
    build_appeal,
    layout,
    parse_explanations,
    write_appeal,
)
from auditor.appeal.document import NEEDED, Bullets, Heading, Paragraph, Table
from auditor.appeal.i18n import t
from auditor.errors import UsageError
from tests.factories import FULL_BANK, FULL_CARD, FULL_ID, XSS_ATTR, XSS_NAME, make_result

FORMATS = ("docx", "md", "html")
DAY = date(2026, 3, 10)
NEEDED_EN = t("en", "explanation_needed")
WARNING_EN = t("en", "warning_title")

#: Explains every identifier A1 shares with A2 and A3 in tests.factories.make_result().
ALL_EXPLAINED: dict[str, Any] = {
    "accounts": {
        "A1": {"legal_entity": "Shenzhen Lanyue Technology Co., Ltd."},
        "A2": {"legal_entity": "Shenzhen Lanyue Trading Co., Ltd."},
        "A3": {"legal_entity": "Berlin Lampen GmbH"},
    },
    "shared": [
        {"kind": "bank", "last4": "3445", "explanation": "Bank explained QX1."},
        {"kind": "email", "value": "LanYue.Shop+us@gmail.com", "explanation": "Email QX2."},
        {"kind": "ip", "value": "8.8.4.4", "accounts": ["A1", "A2"], "explanation": "IP QX3."},
        {"kind": "ip", "value": "8.8.4.9", "explanation": "Neighbouring IP QX4."},
        {"kind": "person", "value": "Zhang Wei", "explanation": "Same owner QX5."},
        {"kind": "company", "value": "深圳市蓝月科技有限公司", "explanation": "Name QX6."},
        {"kind": "card", "last4": "1111", "explanation": "Card QX7."},
    ],
}


def explanations(doc: dict[str, Any] | None = None) -> Any:
    return parse_explanations(doc or {}, source="test.yaml")


def appeal_for(account: str = "A1", **kwargs: Any) -> Appeal:
    kwargs.setdefault("date", DAY)
    kwargs.setdefault("graph", False)
    return build_appeal(make_result(), account, **kwargs)


def docx_text(path: Path) -> str:
    """All text of a DOCX: body paragraphs and every table cell (nested too)."""
    d = docx.Document(str(path))
    out = [p.text for p in d.paragraphs]

    def cells(tables: Any) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    cells(d.tables)
    return "\n".join(out)


def md_text(text: str) -> str:
    text = text.replace("<br>", "\n")
    text = re.sub(r"(?<!\\)\*+", "", text)  # emphasis markers (escaped asterisks stay)
    text = re.sub(r"^- \[ \] |^- |^> ?|^#+ ", "", text, flags=re.M)
    return re.sub(r"\\(.)", r"\1", text)


def html_text(text: str) -> str:
    text = re.sub(r"<style.*?</style>", "", text, flags=re.S)
    text = re.sub(r"<br>", "\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def write_all(appeal: Appeal, tmp_path: Path) -> dict[str, str]:
    """Write every format; return the text a reader sees in each."""
    texts = {}
    for fmt in FORMATS:
        path = write_appeal(appeal, tmp_path / f"appeal.{fmt}")
        raw = path.read_text(encoding="utf-8") if fmt != "docx" else ""
        texts[fmt] = (
            docx_text(path) if fmt == "docx" else md_text(raw) if fmt == "md" else html_text(raw)
        )
    return texts


def atoms(appeal: Appeal) -> list[str]:
    """Every piece of text the layout puts in the document, split at line breaks."""
    out: list[str] = []
    for block in layout(appeal).blocks:
        lines: list[Any] = []
        if isinstance(block, Heading):
            out.append(block.text)
            continue
        if isinstance(block, Paragraph):
            lines = [block.spans]
        elif isinstance(block, Table):
            out.extend(block.header)
            lines = [cell for row in block.rows for cell in row]
        elif isinstance(block, Bullets):
            lines = list(block.items)
        for line in lines:
            for span in line:
                out.extend(p.strip() for p in span.text.split("\n") if p.strip())
    return out


# --- what the document must contain ---------------------------------------------------


def test_default_comparison_is_the_cluster_then_pairs_then_nothing() -> None:
    assert [b.account for b in appeal_for("A1").others] == ["A2", "A3"]
    assert [b.account for b in appeal_for("A5").others] == ["A6"]
    lone = appeal_for("A7")
    assert lone.others == () and lone.framing == FRAMING_NO_LINKS
    text = layout(lone).text()
    assert "found no identifier that this account shares" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_shared_identifier_is_in_the_document_with_explanation_or_marker(
    fmt: str, tmp_path: Path
) -> None:
    ex = explanations({"shared": [ALL_EXPLAINED["shared"][0], ALL_EXPLAINED["shared"][3]]})
    appeal = appeal_for("A1", explanations=ex)
    text = write_all(appeal, tmp_path)[fmt]
    result = make_result()
    expected = [
        (p.b if p.a == "A1" else p.a, e)
        for p in result.pairs
        if "A1" in (p.a, p.b)
        for e in p.evidence
    ]
    assert len(appeal.findings) == len(expected) == 7
    for _, e in expected:
        assert e.value_a in text and e.value_b in text
    assert "Bank explained QX1." in text and "Neighbouring IP QX4." in text
    assert text.count(NEEDED_EN) == 5  # the other five, each marked
    heads = [
        "".join(s.text for s in b.spans)
        for b in layout(appeal).blocks
        if isinstance(b, Paragraph) and b.style == "finding"
    ]
    assert len(heads) == 7 and all(h in text for h in heads)


def test_a_shared_hub_value_is_disclosed_too() -> None:
    appeal = appeal_for("A5")  # A5 and A6 also hold the hub IP 45.77.0.1
    kinds = {(f.kind, f.value) for f in appeal.findings}
    assert ("ip", "45.77.0.1") in kinds and ("address", "Room 5, 1 Main St") in kinds
    hub = next(f for f in appeal.findings if f.value == "45.77.0.1")
    assert hub.shared_by == 4
    assert "4 accounts in the records hold this value." in layout(appeal).text()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_full_bank_card_or_id_number_in_any_output(lang: str, tmp_path: Path) -> None:
    spaced = " ".join(FULL_BANK[i : i + 4] for i in range(0, len(FULL_BANK), 4))
    ex = explanations(
        {
            "shared": [
                {"kind": "bank", "value": FULL_BANK, "explanation": f"Account {spaced} is ours."},
                {
                    "kind": "card",
                    "value": FULL_CARD,
                    "explanation": f"Card {FULL_CARD}.",
                    "action": f"Card {FULL_CARD} cancelled.",
                },
            ],
            "plan": {"actions": [f"Closed {FULL_BANK}; ID {FULL_ID} checked."]},
            "accounts": {"A1": {"documents": [f"Statement of {FULL_BANK}"]}},
        }
    )
    appeal = appeal_for("A1", explanations=ex, lang=lang, vs=["A2", "A3", "A4"])
    for fmt in FORMATS:
        path = write_appeal(appeal, tmp_path / f"appeal.{fmt}")
        if fmt == "docx":
            with zipfile.ZipFile(path) as z:
                blob = "".join(
                    z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
                )
        else:
            blob = path.read_text(encoding="utf-8")
        digits = re.sub(r"[\s\-]", "", re.sub(r"<[^>]+>", "", blob))
        for secret in (FULL_BANK, FULL_CARD, FULL_ID):
            assert secret not in blob and secret not in digits, (fmt, secret)
    assert "****3445" in layout(appeal).text()
    assert "Bank / payout account" in layout(build_appeal(make_result(), "A1", graph=False)).text()


def test_revealed_audit_shows_full_numbers() -> None:
    appeal = build_appeal(make_result(reveal=True), "A1", vs=["A2"], graph=False)
    assert FULL_BANK in layout(appeal).text()


def test_docx_opens_and_has_the_comparison_table(tmp_path: Path) -> None:
    path = write_appeal(appeal_for("A1"), tmp_path / "a.docx")
    d = docx.Document(str(path))
    headers = [[c.text for c in table.rows[0].cells] for table in d.tables]
    assert ["Identifier", "A1", "A2", "Result"] in headers
    assert ["Identifier", "A1", "A3", "Result"] in headers
    table = d.tables[headers.index(["Identifier", "A1", "A2", "Result"])]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["Bank / payout account"] == [
        "Bank / payout account",
        "****3445",
        "****3445",
        "shared",
    ]
    assert rows["Legal representative"][3].startswith("near-duplicate")
    assert rows["ID / passport number"][3] == "distinct"
    assert any(p.style is not None and p.style.name == "Heading 1" for p in d.paragraphs)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_html_and_docx_carry_the_same_content(lang: str, tmp_path: Path) -> None:
    ex = explanations(ALL_EXPLAINED | {"plan": {"root_cause": ["Root QZ1."]}})
    appeal = appeal_for("A1", explanations=ex, lang=lang, vs=["A2", "A3", "A4"])
    texts = write_all(appeal, tmp_path)
    for atom in atoms(appeal):
        for fmt, text in texts.items():
            assert atom in text, (fmt, atom)


def test_lang_zh_has_chinese_headings(tmp_path: Path) -> None:
    zh = write_all(appeal_for("A1", lang="zh"), tmp_path)
    for text in zh.values():
        assert "行动计划" in text and "标识信息逐项比对" in text and "证明文件" in text
        assert "Plan of action" not in text
    assert "[需要说明]" in zh["docx"]
    with pytest.raises(UsageError, match="--lang"):
        appeal_for("A1", lang="fr")


# --- framing and the warning ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_unaddressed_strong_link_warning_appears_and_disappears(fmt: str, tmp_path: Path) -> None:
    bare = appeal_for("A1")
    assert bare.framing == FRAMING_DISCLOSURE
    assert {(f.other, f.kind) for f in bare.unaddressed} >= {("A2", "bank"), ("A3", "card")}
    assert any("bank ****3445 is not explained" in w for w in bare.warnings)
    text = write_all(bare, tmp_path / "bare")[fmt]
    assert WARNING_EN in text and "does not state that the businesses are separate" in text
    assert "businesses are separate." not in text.replace(
        "does not state that the businesses are separate", ""
    )

    explained = appeal_for("A1", explanations=explanations(ALL_EXPLAINED))
    assert explained.unaddressed == () and explained.warnings == ()
    text = write_all(explained, tmp_path / "explained")[fmt]
    assert WARNING_EN not in text and NEEDED_EN not in text
    # a shared bank account is never "separate", whatever the explanations say
    assert explained.framing == FRAMING_DISCLOSURE
    assert "operated by its own legal entity" not in text


def test_shared_bank_contradicts_a_claim_of_unrelated_accounts() -> None:
    doc = ALL_EXPLAINED | {"relationships": [{"accounts": ["A1", "A2"], "related": "false"}]}
    appeal = appeal_for("A1", explanations=explanations(doc))
    assert [(c.a, c.b) for c in appeal.contradictions] == [("A1", "A2")]
    assert appeal.framing == FRAMING_DISCLOSURE
    text = layout(appeal).text()
    assert WARNING_EN in text and "describes A1 and A2 as unrelated, but they share" in text


def test_separation_only_when_everything_is_explained_and_entities_differ() -> None:
    address = {"kind": "address", "value": "Room 6, 1 Main St", "explanation": "Same building QS1."}
    hub = {"kind": "ip", "value": "45.77.0.1", "explanation": "Coworking Wi-Fi QS2."}
    entities = {
        "A5": {"legal_entity": "Maple Goods LLC"},
        "A6": {"legal_entity": "Birch Supply Inc."},
    }
    sep = appeal_for(
        "A5", explanations=explanations({"accounts": entities, "shared": [address, hub]})
    )
    assert sep.framing == FRAMING_SEPARATION
    assert "operated by its own legal entity" in layout(sep).text()
    # one identifier unexplained → no separation claim
    partly = appeal_for(
        "A5", explanations=explanations({"accounts": entities, "shared": [address]})
    )
    assert partly.framing == FRAMING_DISCLOSURE and partly.unaddressed == ()  # low pair: no warning
    # entities not stated → no separation claim
    nameless = appeal_for("A5", explanations=explanations({"shared": [address, hub]}))
    assert nameless.framing == FRAMING_DISCLOSURE
    # seller says related → disclosure
    related = {
        "accounts": entities,
        "shared": [address, hub],
        "relationships": [{"accounts": ["A5", "A6"], "related": True}],
    }
    assert appeal_for("A5", explanations=explanations(related)).framing == FRAMING_DISCLOSURE


def test_no_links_with_vs_says_so(tmp_path: Path) -> None:
    appeal = appeal_for("A7", vs=["A1"])
    assert appeal.framing == FRAMING_NO_LINKS and appeal.findings == ()
    text = layout(appeal).text()
    assert "found no identifier that this account shares with the account listed below" in text
    assert "A7 and A1 have no identifier in common." in text
    assert t("en", "h_findings") in text and t("en", "findings_none") in text


def test_unknown_accounts_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="'ZZ' is not in the data"):
        appeal_for("ZZ")
    with pytest.raises(UsageError, match="'ZZ' \\(--vs\\)"):
        appeal_for("A1", vs=["ZZ"])
    with pytest.raises(UsageError, match="is the account the appeal is for"):
        appeal_for("A1", vs=["A1"])


# --- plan of action: only what the file states ---------------------------------------


def plan_section(appeal: Appeal) -> list[tuple[str, str]]:
    """(text, style) of every span between the plan heading and the next section."""
    blocks = layout(appeal).blocks
    start = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and b.text == t(appeal.lang, "h_plan")
    )
    spans: list[tuple[str, str]] = []
    for b in blocks[start + 1 :]:
        if isinstance(b, Heading) and b.level == 1:
            break
        if isinstance(b, Paragraph):
            spans += [(s.text, s.style) for s in b.spans]
        elif isinstance(b, Bullets):
            spans += [(s.text, s.style) for line in b.items for s in line]
    return spans


def test_plan_of_action_is_only_placeholders_without_statements() -> None:
    spans = plan_section(appeal_for("A1"))
    assert [s for s in spans if s[1] != NEEDED] == []
    assert len(spans) == 3 and all(s[0].startswith("[TO BE SUPPLIED") for s in spans)


def test_plan_of_action_states_the_file_verbatim_and_nothing_else() -> None:
    plan = {
        "root_cause": ["Our A2 was set up with A1's bank account by mistake."],
        "actions": ["Separate bank account opened on 2026-03-02."],
        "prevention": [
            "Each company keeps its own bank account.",
            {"en": "Quarterly review.", "zh": "每季度检查。"},
        ],
    }
    appeal = appeal_for("A1", explanations=explanations({"plan": plan}))
    texts = [s[0] for s in plan_section(appeal)]
    assert texts == [
        "Our A2 was set up with A1's bank account by mistake.",
        "Separate bank account opened on 2026-03-02.",
        "Each company keeps its own bank account.",
        "Quarterly review.",
    ]
    zh = [
        s[0]
        for s in plan_section(
            appeal_for("A1", lang="zh", explanations=explanations({"plan": plan}))
        )
    ]
    assert "每季度检查。" in zh


def test_identifier_actions_fill_an_empty_actions_list() -> None:
    doc = {
        "shared": [
            {
                "kind": "bank",
                "last4": "3445",
                "explanation": "x",
                "action": "New account opened on 2026-03-02.",
            }
        ]
    }
    spans = plan_section(appeal_for("A1", explanations=explanations(doc)))
    assert ("New account opened on 2026-03-02.", "") in spans
    assert ("Bank / payout account ****3445: ", "bold") in spans


# --- checklist, graph -----------------------------------------------------------------


def test_checklist_follows_the_shared_kinds_and_providers() -> None:
    doc = {
        "shared": [
            {
                "kind": "ip",
                "value": "8.8.4.4",
                "explanation": "VA's laptop.",
                "third_party": "AdsPower",
                "access_removed": "2026-03-03",
            }
        ]
    }
    appeal = appeal_for("A1", explanations=explanations(doc))
    keys = [i.key for i in appeal.checklist]
    assert keys[0] == "business_licence"
    assert {"bank", "ip", "email", "person", "company", "card", "third_party"} <= set(keys)
    assert "address" not in keys
    text = layout(appeal).text()
    assert "utility bills" not in text and "Bank statements of the last 90 days" in text
    assert (
        "Service contract with AdsPower and written confirmation of the date its access "
        "was removed (2026-03-03)" in text
    )
    address = layout(appeal_for("A5")).text()
    assert "utility bills of the last 90 days" in address


def test_graph_is_embedded_or_replaced_by_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import auditor.render.png as png

    calls: list[Any] = []

    def fake_png(result: Any, path: Any, *, cluster: Any = None, accounts: Any = None) -> Path:
        calls.append(list(accounts))
        from PIL import Image  # matplotlib's dependency

        Image.new("RGB", (40, 20), "white").save(path)
        return Path(path)

    monkeypatch.setattr(png, "render_png", fake_png)
    appeal = build_appeal(make_result(), "A1", date=DAY)
    assert calls == [["A1", "A2", "A3"]] and appeal.graph_png
    d = docx.Document(str(write_appeal(appeal, tmp_path / "g.docx")))
    assert len(d.inline_shapes) == 1
    page = write_appeal(appeal, tmp_path / "g.html").read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in page
    md = write_appeal(appeal, tmp_path / "g.md").read_text(encoding="utf-8")
    assert "(g-graph.png)" in md and (tmp_path / "g-graph.png").exists()

    def missing(*args: Any, **kwargs: Any) -> Path:
        raise NotImplementedError

    monkeypatch.setattr(png, "render_png", missing)
    appeal = build_appeal(make_result(), "A1", date=DAY)
    assert appeal.graph_png is None
    text = docx_text(write_appeal(appeal, tmp_path / "n.docx"))
    assert "[GRAPH NOT AVAILABLE" in text


# --- HTML: escaped and self-contained -------------------------------------------------


def test_html_is_escaped_and_self_contained(tmp_path: Path) -> None:
    ex = explanations(
        {
            "shared": [{"kind": "company", "value": "x", "explanation": "<b>bold</b> & <i>"}],
            "signatory": {"name": "<script>alert(3)</script>"},
        }
    )
    appeal = appeal_for("A3", vs=["A1", "A4"], explanations=ex)
    page = write_appeal(appeal, tmp_path / "a.html").read_text(encoding="utf-8")
    assert XSS_NAME not in page and XSS_ATTR not in page and "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "onerror=alert(2)&gt;" in page and '"><img' not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in html.unescape(page)
    md = write_appeal(appeal, tmp_path / "a.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(?!br>)", md)  # every "<" of user data is escaped
    assert "\\<script\\>alert(1)" in md


def test_output_suffix_picks_the_format(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\.docx, \.md or \.html"):
        write_appeal(appeal_for("A1"), tmp_path / "a.pdf")


def test_cluster_member_without_a_direct_link_shows_the_path() -> None:
    appeal = appeal_for("A2")
    assert [b.account for b in appeal.others] == ["A1", "A3"]
    a3 = appeal.comparisons[1]
    assert a3.findings == () and a3.via == ("A1",)
    text = layout(appeal).text()
    assert "A2 and A3 share no identifier directly; the data connects them through A1." in text
