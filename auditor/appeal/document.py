"""The appeal laid out as a sequence of blocks, in one language, for every output format.

DOCX, Markdown and HTML render the same :class:`Document`, so they carry the same text:
only the styling differs. A span styled ``needed`` is something only the seller can
supply (an explanation, a plan statement, a signature); every format makes it stand out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from auditor.appeal.i18n import checklist_text, count_accounts, kind_label, level_label, t
from auditor.appeal.model import (
    DISTINCT,
    FRAMING_NO_LINKS,
    FRAMING_SEPARATION,
    NEAR_DUPLICATE,
    SHARED,
    Appeal,
    Business,
    ComparisonRow,
    Finding,
    PlanItem,
)

PLAIN: Final = ""
BOLD: Final = "bold"
ITALIC: Final = "italic"
NEEDED: Final = "needed"  # a visible marker of what the seller must supply


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: str = PLAIN


Line = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 0 title, 1 section, 2 subsection
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: Line
    style: str = PLAIN  # "" | "meta" | "finding" | "closing" | "signature"


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    status_column: int | None = None  # its cells are styled by status


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Line, ...]
    checkbox: bool = False


@dataclass(frozen=True, slots=True)
class Callout:
    """The box at the top: what must be fixed before the letter can be sent."""

    title: str
    paragraphs: tuple[Line, ...]
    items: tuple[Line, ...]
    notes: tuple[Line, ...] = ()  # after the items


@dataclass(frozen=True, slots=True)
class Image:
    png: bytes
    caption: str


Block = Heading | Paragraph | Table | Bullets | Callout | Image


@dataclass(frozen=True, slots=True)
class Document:
    lang: str
    title: str
    blocks: tuple[Block, ...]
    date: str = ""  # ISO date of the letter

    def text(self) -> str:
        """All the words, one block per line (for tests and plain-text previews)."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Heading):
                out.append(b.text)
            elif isinstance(b, Paragraph):
                out.append(_join(b.spans))
            elif isinstance(b, Table):
                out.append(" | ".join(b.header))
                out += [" | ".join(_join(c) for c in row) for row in b.rows]
            elif isinstance(b, Bullets):
                out += [_join(i) for i in b.items]
            elif isinstance(b, Callout):
                out.append(b.title)
                out += [_join(p) for p in b.paragraphs] + [_join(i) for i in b.items]
                out += [_join(n) for n in b.notes]
            else:
                out.append(b.caption)
        return "\n".join(out)


def _join(spans: Line) -> str:
    return "".join(s.text for s in spans)


def layout(appeal: Appeal) -> Document:
    """Lay out ``appeal`` in its language."""
    return _Layout(appeal).build()


class _Layout:
    def __init__(self, appeal: Appeal) -> None:
        self.a = appeal
        self.lang = appeal.lang
        self.blocks: list[Block] = []

    def t(self, key: str, **params: object) -> str:
        return t(self.lang, key, **params)

    def build(self) -> Document:
        a = self.a
        title = self.t("title")
        self._warning()
        self.blocks.append(Heading(0, title))
        self.blocks.append(Paragraph((Span(self._subject(a.account)),), "meta"))
        self.blocks.append(Paragraph((Span(self.t("date", date=a.date)),), "meta"))
        self.blocks.append(Paragraph((Span(self.t("salutation")),)))
        self._intro()
        self._accounts()
        if a.others:
            self._comparisons()
        self._findings()
        self._plan()
        self._checklist()
        self._graph()
        self._closing()
        return Document(self.lang, title, tuple(self.blocks), a.date)

    # --- top ----------------------------------------------------------------------

    def _warning(self) -> None:
        a = self.a
        paragraphs: list[Line] = []
        items: list[Line] = []
        notes: list[Line] = []
        if a.unaddressed:
            paragraphs.append((Span(self.t("warning_unaddressed")),))
            for f in a.unaddressed:
                pair = f"{a.account.account} – {f.other}"
                level = level_label(self.lang, f.pair_level) if f.pair_level else "—"
                items.append(
                    (
                        Span(
                            self.t(
                                "warning_unaddressed_item",
                                pair=pair,
                                level=level,
                                kind=kind_label(self.lang, f.kind),
                                value=f.value,
                            )
                        ),
                    )
                )
        for c in a.contradictions:
            what = ", ".join(f"{kind_label(self.lang, f.kind)} {f.value}" for f in c.findings)
            notes.append((Span(self.t("warning_contradiction", a=c.a, b=c.b, what=what)),))
        if paragraphs or notes:
            notes.append((Span(self.t("warning_placeholders")),))
            self.blocks.append(
                Callout(self.t("warning_title"), tuple(paragraphs), tuple(items), tuple(notes))
            )

    def _subject(self, b: Business) -> str:
        name = self._name(b)
        market = f"Amazon {b.marketplace}" if b.marketplace else self.t("marketplace_unknown")
        return self.t("subject", account=b.account, name=name, marketplace=market)

    def _name(self, b: Business) -> str:
        if not b.name or b.name == b.account:
            return ""
        return f"({b.name})" if self.lang == "zh" else f" ({b.name})"

    def _intro(self) -> None:
        a = self.a
        b = a.account
        name = self._name(b)
        market = f"Amazon {b.marketplace}" if b.marketplace else self.t("marketplace_unknown")
        entity_spans = self._entity(b)
        text = self.t(
            "intro_account", account=b.account, name=name, marketplace=market, entity="\0"
        )
        before, after = text.split("\0")
        if entity_spans[-1].text.endswith(".") and after.startswith("."):
            after = after[1:]  # "… Co., Ltd." ends the sentence already
        self.blocks.append(Paragraph((Span(before), *entity_spans, Span(after))))
        linked = sum(1 for c in a.comparisons if c.findings)
        if a.framing == FRAMING_NO_LINKS:
            if a.others:
                n = count_accounts(self.lang, len(a.others))
                text = self.t("intro_no_links_vs", accounts=n)
            else:
                n = count_accounts(self.lang, a.accounts_in_data, definite=False)
                text = self.t("intro_no_links", accounts=n)
        else:
            key = "intro_separation" if a.framing == FRAMING_SEPARATION else "intro_disclosure"
            if linked == len(a.others):
                accounts = count_accounts(self.lang, linked)
            else:
                accounts = self.t("some_of_accounts", linked=linked, n=len(a.others))
            text = self.t(key, accounts=accounts)
        self.blocks.append(Paragraph((Span(text),)))

    def _entity(self, b: Business) -> Line:
        if b.legal_entity:
            return (Span(b.legal_entity),)
        if b.companies_on_record:
            return (Span(" / ".join(b.companies_on_record)),)
        return (Span(self.t("placeholder"), NEEDED),)

    # --- 1. accounts ----------------------------------------------------------------

    def _accounts(self) -> None:
        a = self.a
        self.blocks.append(Heading(1, self.t("h_accounts")))
        header = tuple(
            self.t(k)
            for k in (
                "col_account",
                "col_market_status",
                "col_entity",
                "col_registration",
                "col_owner",
            )
        )
        rows = []
        for b in (a.account, *a.others):
            first: Line = (Span(b.account, BOLD),)
            if b.name and b.name != b.account:
                first += (Span("\n" + b.name),)
            if b is a.account:
                first += (Span("\n" + self.t("this_account"), ITALIC),)
            if b.legal_entity:
                entity: Line = (Span(b.legal_entity),)
            elif b.companies_on_record:
                entity = (
                    Span("\n".join(b.companies_on_record)),
                    Span("\n" + self.t("from_data"), ITALIC),
                )
            else:
                entity = (Span(self.t("placeholder"), NEEDED),)
            market = "\n".join(x for x in (b.marketplace, b.status) if x) or "—"
            rows.append(
                (
                    first,
                    (Span(market),),
                    entity,
                    self._or_needed(b.registration_number),
                    self._or_needed(b.owner),
                )
            )
        self.blocks.append(Table(header, tuple(rows), (1.75, 1.35, 2.45, 1.95, 1.85)))

    def _or_needed(self, text: str) -> Line:
        return (Span(text),) if text else (Span(self.t("placeholder"), NEEDED),)

    # --- 2. comparison --------------------------------------------------------------

    def _comparisons(self) -> None:
        a = self.a
        me = a.account.account
        self.blocks.append(Heading(1, self.t("h_comparison")))
        self.blocks.append(Paragraph((Span(self.t("comparison_intro", account=me)),)))
        for c in a.comparisons:
            if c.level:
                head = self.t(
                    "h_compare_pair_level", a=me, b=c.other, level=level_label(self.lang, c.level)
                )
            else:
                head = self.t("h_compare_pair", a=me, b=c.other)
            self.blocks.append(Heading(2, head))
            if c.via:
                self.blocks.append(
                    Paragraph((Span(self.t("via_path", a=me, b=c.other, via=", ".join(c.via))),))
                )
            elif not c.findings:
                self.blocks.append(Paragraph((Span(self.t("no_common", a=me, b=c.other)),)))
            if not c.rows:
                self.blocks.append(Paragraph((Span(self.t("no_identifiers")),), "meta"))
                continue
            header = (self.t("col_identifier"), me, c.other, self.t("col_result"))
            rows = tuple(
                (
                    (Span(kind_label(self.lang, r.kind)),),
                    (Span(r.value or "—"),),
                    (Span(r.other_value or "—"),),
                    (Span(self._status(r), r.status),),
                )
                for r in c.rows
            )
            self.blocks.append(Table(header, rows, (1.6, 2.4, 2.4, 1.6), status_column=3))

    def _status(self, r: ComparisonRow | Finding) -> str:
        if r.status == SHARED:
            return self.t("status_shared")
        if r.status == DISTINCT:
            return self.t("status_distinct")
        if r.status == NEAR_DUPLICATE:
            label = (
                self.t("status_near_sim", similarity=f"{r.similarity:.0%}")
                if 0 < r.similarity < 1
                else self.t("status_near")
            )
        else:
            label = self.t("status_partial")
        return f"{label}: {r.detail}" if r.detail else label

    # --- 3. findings ----------------------------------------------------------------

    def _findings(self) -> None:
        a = self.a
        me = a.account.account
        self.blocks.append(Heading(1, self.t("h_findings")))
        linked = [c for c in a.comparisons if c.findings]
        if not linked:
            self.blocks.append(Paragraph((Span(self.t("findings_none")),)))
            return
        for c in linked:
            self.blocks.append(Heading(2, self.t("h_findings_pair", a=me, b=c.other)))
            for statement in c.relationships:
                self.blocks.append(Paragraph((Span(self.t("relationship"), BOLD), Span(statement))))
            for f in c.findings:
                self._finding(me, f)

    def _finding(self, me: str, f: Finding) -> None:
        kind = kind_label(self.lang, f.kind)
        head = self.t("finding_head", kind=kind, status=self._status(f))
        self.blocks.append(Paragraph((Span(head, BOLD),), "finding"))
        facts = [self._values_fact(me, f)]
        if f.detail and f.match == "exact":  # other matches show it in the heading
            facts.append(self.t("fact_detail", detail=f.detail))
        if f.shared_by > 2 and "held by" not in f.detail:  # the scorer may have said it
            facts.append(self.t("fact_shared_by", n=f.shared_by))
        if f.first_seen and f.last_seen and f.first_seen != f.last_seen:
            facts.append(self.t("fact_seen_range", first=f.first_seen, last=f.last_seen))
        elif f.first_seen or f.last_seen:
            facts.append(self.t("fact_seen_once", first=f.first_seen or f.last_seen))
        sep = "" if self.lang == "zh" else " "
        lines: list[Line] = [(Span(self.t("facts"), BOLD), Span(_sentences(sep.join(facts))))]
        e = f.explained
        if e is None:
            lines.append(
                (
                    Span(self.t("explanation"), BOLD),
                    Span(self.t("explanation_needed"), NEEDED),
                    Span(self.t("explanation_needed_hint")),
                )
            )
        else:
            lines.append((Span(self.t("explanation"), BOLD), Span(e.explanation)))
            period = self._period(e.since, e.until)
            if period:
                lines.append((Span(self.t("period"), BOLD), Span(period)))
            if e.third_party:
                removed = (
                    ("; " if self.lang == "en" else ";")
                    + self.t("access_removed", date=e.access_removed)
                    if e.access_removed
                    else ""
                )
                lines.append((Span(self.t("third_party"), BOLD), Span(e.third_party + removed)))
            if e.action:
                lines.append((Span(self.t("action_taken"), BOLD), Span(e.action)))
            if e.documents:
                joiner = "; " if self.lang == "en" else ";"
                lines.append(
                    (Span(self.t("documents_enclosed"), BOLD), Span(joiner.join(e.documents)))
                )
        self.blocks.append(Bullets(tuple(lines)))

    def _values_fact(self, me: str, f: Finding) -> str:
        if f.value == f.other_value and f.match == "exact":
            return self.t("fact_values_same", a=me, b=f.other, value=f.value)
        return self.t("fact_values_differ", a=me, b=f.other, value_a=f.value, value_b=f.other_value)

    def _period(self, since: str, until: str) -> str:
        if since and until:
            return self.t("period_range", since=since, until=until)
        if since:
            return self.t("period_since", since=since)
        if until:
            return self.t("period_until", until=until)
        return ""

    # --- 4. plan --------------------------------------------------------------------

    def _plan(self) -> None:
        p = self.a.plan
        self.blocks.append(Heading(1, self.t("h_plan")))
        for head, items, placeholder in (
            ("h_root_cause", p.root_cause, "placeholder_root_cause"),
            ("h_actions", p.actions, "placeholder_actions"),
            ("h_prevention", p.prevention, "placeholder_prevention"),
        ):
            self.blocks.append(Heading(2, self.t(head)))
            if items:
                self.blocks.append(Bullets(tuple(self._plan_item(i) for i in items)))
            else:
                self.blocks.append(Paragraph((Span(self.t(placeholder), NEEDED),)))

    def _plan_item(self, item: PlanItem) -> Line:
        if not item.kind:
            return (Span(item.text),)
        about = f"{kind_label(self.lang, item.kind)} {item.value}"
        return (Span(about + (":" if self.lang == "zh" else ": "), BOLD), Span(item.text))

    # --- 5. documents ---------------------------------------------------------------

    def _checklist(self) -> None:
        a = self.a
        self.blocks.append(Heading(1, self.t("h_checklist")))
        if a.enclosed:
            self.blocks.append(Paragraph((Span(self.t("checklist_on_hand"), BOLD),)))
            self.blocks.append(Bullets(tuple((Span(d),) for d in a.enclosed)))
        self.blocks.append(Paragraph((Span(self.t("checklist_intro")),)))
        items: list[Line] = []
        for item in a.checklist:
            if item.key == "third_party":
                date = f" ({item.date})" if item.date else ""
                text = checklist_text(self.lang, "third_party", provider=item.provider, date=date)
            else:
                text = checklist_text(self.lang, item.key)
            line: Line = (Span(text),)
            if item.kinds:
                kinds = ", ".join(kind_label(self.lang, k) for k in item.kinds)
                line += (Span(" — " + self.t("checklist_for", kinds=kinds), ITALIC),)
            items.append(line)
        self.blocks.append(Bullets(tuple(items), checkbox=True))

    # --- 6. graph -------------------------------------------------------------------

    def _graph(self) -> None:
        a = self.a
        if not a.others:
            return
        self.blocks.append(Heading(1, self.t("h_graph")))
        if a.graph_png:
            caption = self.t("graph_caption", accounts=", ".join(a.graph_accounts))
            self.blocks.append(Image(a.graph_png, caption))
        else:
            self.blocks.append(Paragraph((Span(self.t("graph_missing"), NEEDED),)))

    # --- closing --------------------------------------------------------------------

    def _closing(self) -> None:
        a = self.a
        key = "closing_suspended" if a.account.suspended else "closing_active"
        self.blocks.append(Paragraph((Span(self.t(key, account=a.account.account)),), "closing"))
        if a.closing:
            self.blocks.append(Paragraph((Span(a.closing),), "closing"))
        self.blocks.append(Paragraph((Span(self.t("sign_off")),), "closing"))
        s = a.signatory
        lines = [x for x in (s.name, s.title, s.company, s.email, s.phone) if x]
        if s.name:
            self.blocks.append(Paragraph(_lines(lines), "signature"))
        else:
            rest = _lines(lines[0:]) if lines else ()
            needed: Line = (Span(self.t("placeholder_signatory"), NEEDED),)
            self.blocks.append(
                Paragraph(needed + ((Span("\n"),) + rest if rest else ()), "signature")
            )


def _sentences(text: str) -> str:
    """Drop the doubled full stop after a value that ends in one ("Co., Ltd..")."""
    return re.sub(r"\.(?=\.(\s|$))", "", text)


def _lines(lines: Sequence[str]) -> Line:
    return (Span("\n".join(lines)),) if lines else ()


__all__ = [
    "BOLD",
    "ITALIC",
    "NEEDED",
    "PLAIN",
    "Block",
    "Bullets",
    "Callout",
    "Document",
    "Heading",
    "Image",
    "Paragraph",
    "Span",
    "Table",
    "layout",
]
