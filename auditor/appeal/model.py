"""The appeal's content, built from an audit result and the seller's explanations.

:func:`build_appeal` is pure apart from drawing the graph: it decides which accounts are
compared, lists every identifier account A shares with each of them, attaches the
seller's explanation to each (or leaves it visibly unexplained), and decides the framing.

Framing — what the letter may claim:

``no_links``
    A shares nothing with the compared accounts (or there are none). The letter says so.
``separation``
    The letter states that each account is run by its own legal entity. Allowed only when
    every shared identifier is explained, no bank, card, tax or ID number is shared
    (one of those belongs to one legal owner, whatever the explanation), the seller does
    not declare the accounts related, and the explanations file names a legal entity for
    every account involved, all of them different.
``disclosure``
    Everything else: a relationship disclosure and plan of action. The letter lists and
    explains each shared identifier without claiming the businesses are separate.

A *strong* link is a pair at medium or high, or a shared bank, card, tax or ID number. A
strong link with an unexplained identifier is *unaddressed*: the letter opens with a
warning box and the CLI warns on stderr.
"""

from __future__ import annotations

import math
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import Final

import networkx as nx
import pandas as pd

from auditor.appeal.checklist import ChecklistItem, build_checklist
from auditor.appeal.explanations import (
    Explanations,
    Relationship,
    SharedExplanation,
    Signatory,
    Text,
    last4_of,
)
from auditor.appeal.i18n import LANGS
from auditor.errors import UsageError
from auditor.kinds import EXCLUSIVE_KINDS, KINDS, SECRET_KINDS, SUSPENDED_STATUSES
from auditor.mask import mask_value
from auditor.result import AuditResult, Pair, level_rank

FRAMING_NO_LINKS: Final = "no_links"
FRAMING_SEPARATION: Final = "separation"
FRAMING_DISCLOSURE: Final = "disclosure"

#: Pair levels that make a link strong.
STRONG_LEVELS: Final = frozenset({"high", "medium"})

#: Values listed per account and kind in a comparison row before "… and N more".
MAX_VALUES_PER_CELL: Final = 6

#: Status of a comparison row or finding.
SHARED: Final = "shared"
NEAR_DUPLICATE: Final = "near_duplicate"
PARTIAL: Final = "partial"
DISTINCT: Final = "distinct"


@dataclass(frozen=True, slots=True)
class Business:
    """An account and the business behind it (seller's statements + what the data has)."""

    account: str
    name: str
    marketplace: str
    status: str
    legal_entity: str = ""
    companies_on_record: tuple[str, ...] = ()
    registration_number: str = ""
    owner: str = ""

    @property
    def suspended(self) -> bool:
        return self.status.strip().lower() in SUSPENDED_STATUSES


@dataclass(frozen=True, slots=True)
class Explained:
    """A seller's explanation, resolved to one language, attached to a finding."""

    source: str
    explanation: str
    since: str = ""
    until: str = ""
    action: str = ""
    third_party: str = ""
    access_removed: str = ""
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier that account A shares (exactly, nearly or partly) with ``other``."""

    other: str
    kind: str
    match: str  # exact | fuzzy | partial | prefix
    value: str  # as held by A (masked for secret kinds unless revealed)
    other_value: str
    similarity: float = 1.0
    detail: str = ""
    first_seen: str | None = None
    last_seen: str | None = None
    shared_by: int = 2
    strong: bool = False
    pair_level: str | None = None
    explained: Explained | None = None

    @property
    def status(self) -> str:
        if self.match == "exact":
            return SHARED
        if self.match == "fuzzy":
            return NEAR_DUPLICATE
        return PARTIAL

    @property
    def exclusive(self) -> bool:
        """A bank, card, tax or ID number held by both (not just the same last 4)."""
        return self.kind in EXCLUSIVE_KINDS and self.match in ("exact", "fuzzy")


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One line of a comparison table: kind | A's value(s) | B's value(s) | status."""

    kind: str
    value: str
    other_value: str
    status: str
    similarity: float = 1.0
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Account A against one other account."""

    other: str
    level: str | None
    score: float | None
    rows: tuple[ComparisonRow, ...]
    findings: tuple[Finding, ...]
    via: tuple[str, ...] = ()  # accounts between A and other when they share nothing directly
    relationships: tuple[str, ...] = ()  # seller's statements about this pair


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One plan-of-action statement, verbatim from the explanations file."""

    text: str
    kind: str = ""  # set when the statement is about one shared identifier
    value: str = ""


@dataclass(frozen=True, slots=True)
class PlanOfAction:
    root_cause: tuple[PlanItem, ...] = ()
    actions: tuple[PlanItem, ...] = ()
    prevention: tuple[PlanItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Contradiction:
    """The seller calls two accounts unrelated, but they share an exclusive identifier."""

    a: str
    b: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Appeal:
    """The whole content of an appeal letter; renderers only lay it out."""

    lang: str
    date: str
    account: Business
    others: tuple[Business, ...]
    comparisons: tuple[Comparison, ...]
    framing: str
    unaddressed: tuple[Finding, ...]
    contradictions: tuple[Contradiction, ...]
    plan: PlanOfAction
    checklist: tuple[ChecklistItem, ...]
    enclosed: tuple[str, ...]
    signatory: Signatory
    closing: str = ""
    accounts_in_data: int = 0
    graph_png: bytes | None = field(default=None, repr=False)
    unused_explanations: tuple[str, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every identifier A shares with a compared account, in document order."""
        return tuple(f for c in self.comparisons for f in c.findings)

    @property
    def graph_accounts(self) -> tuple[str, ...]:
        return (self.account.account, *(b.account for b in self.others))

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line per problem a person must fix before sending (English, for stderr)."""
        out = [
            f"{self.account.account}–{f.other} ({f.pair_level or 'exclusive'}): "
            f"{f.kind} {f.value} is not explained"
            for f in self.unaddressed
        ]
        out += [
            f"{c.a} and {c.b} are described as unrelated but share "
            + ", ".join(f"{f.kind} {f.value}" for f in c.findings)
            for c in self.contradictions
        ]
        return tuple(out)


def build_appeal(
    result: AuditResult,
    account: str,
    *,
    vs: Sequence[str] | None = None,
    explanations: Explanations | None = None,
    lang: str = "en",
    date: Date | None = None,
    graph: bool = True,
) -> Appeal:
    """The appeal for ``account`` against ``vs`` (default: its cluster, else its pairs).

    >>> from tests.factories import make_result                     # doctest: +SKIP
    >>> appeal = build_appeal(make_result(), "A1", graph=False)     # doctest: +SKIP
    >>> appeal.framing, [f.kind for f in appeal.unaddressed][:2]    # doctest: +SKIP
    ('disclosure', ['bank', 'email'])
    """
    if lang not in LANGS:
        raise UsageError(f"--lang must be one of {', '.join(LANGS)} (got {lang!r})")
    ex = explanations or Explanations()
    if result.account(account) is None:
        raise UsageError(
            f"account {account!r} is not in the data ({len(result.accounts)} accounts read)"
        )
    links = _Links(result, account)
    others = _compared_accounts(result, account, vs, links)
    scrub = _Scrubber(result)
    idents = _identifier_groups(result, [account, *others])
    used: set[int] = set()
    comparisons = tuple(
        _compare(result, links, other, idents, ex, lang, scrub, used) for other in others
    )
    findings = [f for c in comparisons for f in c.findings]
    unaddressed = tuple(f for f in findings if f.strong and f.explained is None)
    contradictions = _contradictions(account, comparisons, ex.relationships)
    businesses = {a: _business(result, a, ex, lang, idents) for a in [account, *others]}
    framing = _framing(account, comparisons, ex, businesses, unaddressed)
    plan = _plan(ex, findings, lang, scrub)
    enclosed = _enclosed(ex, [account, *others], findings, lang, scrub)
    return Appeal(
        lang=lang,
        date=(date or Date.today()).isoformat(),
        account=businesses[account],
        others=tuple(businesses[o] for o in others),
        comparisons=comparisons,
        framing=framing,
        unaddressed=unaddressed,
        contradictions=contradictions,
        plan=plan,
        checklist=build_checklist(findings),
        enclosed=enclosed,
        signatory=ex.signatory,
        closing=scrub(ex.closing.get(lang)) if ex.closing else "",
        accounts_in_data=len(result.accounts),
        graph_png=_draw_graph(result, [account, *others]) if graph and others else None,
        unused_explanations=tuple(s.label for s in ex.shared if s.index not in used),
    )


# --- which accounts -------------------------------------------------------------------


class _Links:
    """Account A's pairs, hubs and graph paths, found with one pass over the result."""

    def __init__(self, result: AuditResult, account: str) -> None:
        self.account = account
        self.pairs: dict[str, Pair] = {
            (p.b if p.a == account else p.a): p for p in result.pairs if account in (p.a, p.b)
        }
        self.hubs = [h for h in result.hubs if account in h.accounts]
        self._all_pairs = result.pairs
        self._paths: dict[str, list[str]] | None = None

    def via(self, other: str) -> tuple[str, ...]:
        """Accounts between A and ``other`` on the most probable path (A and other excluded)."""
        if self._paths is None:
            graph = nx.Graph()
            for p in self._all_pairs:
                graph.add_edge(p.a, p.b, cost=-math.log(max(p.score, 1e-12)))
            self._paths = (
                nx.single_source_dijkstra_path(graph, self.account, weight="cost")
                if self.account in graph
                else {}
            )
        path = self._paths.get(other)
        return tuple(path[1:-1]) if path else ()


def _compared_accounts(
    result: AuditResult, account: str, vs: Sequence[str] | None, links: _Links
) -> list[str]:
    if vs:
        out: list[str] = []
        for other in vs:
            if other == account:
                raise UsageError(f"--vs {other!r} is the account the appeal is for")
            if result.account(other) is None:
                raise UsageError(
                    f"account {other!r} (--vs) is not in the data "
                    f"({len(result.accounts)} accounts read)"
                )
            if other not in out:
                out.append(other)
        return out
    acc = result.account(account)
    cluster = result.cluster(acc.cluster) if acc is not None and acc.cluster else None
    if cluster is not None:
        members = [m for m in cluster.accounts if m != account]
    else:
        members = list(links.pairs)

    def strength(other: str) -> tuple[int, float, str]:
        p = links.pairs.get(other)
        return (-level_rank(p.level), -p.score, other) if p else (1, 0.0, other)

    return sorted(members, key=strength)


# --- identifiers and findings ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    """One distinct value of one kind held by one account (all raw spellings of it)."""

    kind: str
    shown: str  # first spelling, masked as the result is
    spellings: frozenset[str]


def _identifier_groups(result: AuditResult, accounts: Iterable[str]) -> dict[str, list[_Group]]:
    """Per account, its usable identifier values grouped by canonical value."""
    t = result.identifiers
    out: dict[str, list[_Group]] = {a: [] for a in accounts}
    if t.empty:
        return out
    rows = t[t["account"].astype(str).isin(list(out)) & (t["status"] == "ok")]
    seen: dict[tuple[str, str, str], list[str]] = {}
    for acc, kind, raw, value in zip(  # the compared accounts only: a few rows each
        rows["account"].astype(str), rows["kind"], rows["raw"], rows["value"], strict=True
    ):
        shown_raw = str(raw) if isinstance(raw, str) and raw.strip() else str(value)
        shown = mask_value(str(kind), shown_raw, reveal=result.reveal)
        key = str(value) if isinstance(value, str) and value else "raw:" + shown
        seen.setdefault((acc, str(kind), key), []).append(shown)
    for (acc, kind, _), spellings in seen.items():
        out[acc].append(_Group(kind, spellings[0], frozenset(spellings)))
    for groups in out.values():
        groups.sort(key=lambda g: (_kind_order(g.kind), g.shown))
    return out


def _kind_order(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def _pair_findings(links: _Links, other: str) -> list[Finding]:
    account = links.account
    pair = links.pairs.get(other)
    out: list[Finding] = []
    if pair is not None:
        strong_pair = pair.level in STRONG_LEVELS
        for e in pair.evidence:
            mine, theirs = (e.value_a, e.value_b) if pair.a == account else (e.value_b, e.value_a)
            f = Finding(
                other=other,
                kind=e.kind,
                match=e.match,
                value=mine,
                other_value=theirs,
                similarity=e.similarity,
                detail=e.detail,
                first_seen=e.first_seen,
                last_seen=e.last_seen,
                shared_by=e.shared_by,
                pair_level=pair.level,
            )
            out.append(_with_strength(f, strong_pair))
    for hub in links.hubs:  # values held by many accounts are hubs, not pairs
        if other in hub.accounts:
            f = Finding(
                other,
                hub.kind,
                "exact",
                hub.value,
                hub.value,
                1.0,
                shared_by=len(hub.accounts),
                pair_level=pair.level if pair else None,
            )
            out.append(_with_strength(f, pair is not None and pair.level in STRONG_LEVELS))
    return out


def _with_strength(f: Finding, strong_pair: bool) -> Finding:
    from dataclasses import replace

    return replace(f, strong=strong_pair or f.exclusive)


def _compare(
    result: AuditResult,
    links: _Links,
    other: str,
    idents: dict[str, list[_Group]],
    ex: Explanations,
    lang: str,
    scrub: _Scrubber,
    used: set[int],
) -> Comparison:
    from dataclasses import replace

    account = links.account
    region = str(result.settings.get("default_region", "CN"))
    findings = []
    for f in _pair_findings(links, other):
        match = _match_explanation(ex.shared, f, account, region, reveal=result.reveal)
        if match is not None:
            used.add(match.index)
            f = replace(f, explained=_resolve(match, lang, scrub))
        findings.append(f)
    findings.sort(key=lambda f: (not f.strong, _kind_order(f.kind), f.value))
    pair = links.pairs.get(other)
    via = links.via(other) if pair is None else ()
    statements = tuple(
        scrub(r.statement.get(lang))
        for r in ex.relationships
        if r.statement is not None and account in r.accounts and other in r.accounts
    )
    return Comparison(
        other=other,
        level=pair.level if pair else None,
        score=pair.score if pair else None,
        rows=_rows(findings, idents.get(account, []), idents.get(other, [])),
        findings=tuple(findings),
        via=via,
        relationships=statements,
    )


def _rows(
    findings: list[Finding], mine: list[_Group], theirs: list[_Group]
) -> tuple[ComparisonRow, ...]:
    rows = [
        ComparisonRow(f.kind, f.value, f.other_value, f.status, f.similarity, f.detail)
        for f in findings
    ]
    covered_mine = {(f.kind, f.value) for f in findings}
    covered_theirs = {(f.kind, f.other_value) for f in findings}

    def left(groups: list[_Group], covered: set[tuple[str, str]], kind: str) -> list[str]:
        return [
            g.shown
            for g in groups
            if g.kind == kind and not any((kind, s) in covered for s in g.spellings)
        ]

    kinds = sorted({g.kind for g in mine} | {g.kind for g in theirs}, key=_kind_order)
    for kind in kinds:
        a, b = left(mine, covered_mine, kind), left(theirs, covered_theirs, kind)
        if a or b:
            rows.append(ComparisonRow(kind, _cell(a), _cell(b), DISTINCT))
    rows.sort(key=lambda r: (_kind_order(r.kind), r.status == DISTINCT))
    return tuple(rows)


def _cell(values: list[str]) -> str:
    if len(values) <= MAX_VALUES_PER_CELL:
        return "\n".join(values)
    shown = values[: MAX_VALUES_PER_CELL - 1]
    return "\n".join([*shown, f"… +{len(values) - len(shown)}"])


# --- explanations ---------------------------------------------------------------------


def _loose(value: str) -> str:
    return re.sub(r"\s+", "", value).casefold()


@lru_cache(maxsize=4096)
def _canonical(kind: str, value: str, region: str) -> str | None:
    from auditor.normalise import NORMALISERS, normalise_phone

    series = pd.Series([value], dtype="object")
    frame = (
        normalise_phone(series, default_region=region)
        if kind == "phone"
        else NORMALISERS[kind](series)
    )
    canon = frame["value"].iloc[0]
    return str(canon) if isinstance(canon, str) and canon else None


def _match_explanation(
    shared: Sequence[SharedExplanation], f: Finding, account: str, region: str, *, reveal: bool
) -> SharedExplanation | None:
    """The seller's entry for this finding: same kind and value (or last 4), the pair's
    own entry before a general one."""
    sides = (f.value, f.other_value)
    candidates = []
    for s in shared:
        if s.kind != f.kind:
            continue
        if s.accounts and not (account in s.accounts and f.other in s.accounts):
            continue
        if s.last4:
            hit = any(last4_of(v) == s.last4 for v in sides)
        elif f.kind in SECRET_KINDS and not reveal:
            hit = any(last4_of(v) == last4_of(s.value) for v in sides)
        else:
            hit = _loose(s.value) in {_loose(v) for v in sides}
            if not hit and f.kind in _NORMALISED_KINDS:
                canon = _canonical(f.kind, s.value, region)
                hit = canon is not None and canon in {_canonical(f.kind, v, region) for v in sides}
        if hit:
            candidates.append(s)
    candidates.sort(key=lambda s: (not s.accounts, s.index))
    return candidates[0] if candidates else None


_NORMALISED_KINDS: Final = frozenset(KINDS) - {"listing"}


def _resolve(s: SharedExplanation, lang: str, scrub: _Scrubber) -> Explained:
    return Explained(
        source=s.label,
        explanation=scrub(s.explanation.get(lang)),
        since=s.since,
        until=s.until,
        action=scrub(s.action.get(lang)) if s.action else "",
        third_party=s.third_party,
        access_removed=s.access_removed,
        documents=tuple(scrub(d.get(lang)) for d in s.documents),
    )


def _contradictions(
    account: str, comparisons: Sequence[Comparison], relationships: Sequence[Relationship]
) -> tuple[Contradiction, ...]:
    out = []
    for c in comparisons:
        unrelated = any(
            r.related is False and account in r.accounts and c.other in r.accounts
            for r in relationships
        )
        exclusive = tuple(f for f in c.findings if f.exclusive)
        if unrelated and exclusive:
            out.append(Contradiction(account, c.other, exclusive))
    return tuple(out)


def _framing(
    account: str,
    comparisons: Sequence[Comparison],
    ex: Explanations,
    businesses: dict[str, Business],
    unaddressed: Sequence[Finding],
) -> str:
    linked = [c for c in comparisons if c.findings]
    if not linked:
        return FRAMING_NO_LINKS
    findings = [f for c in linked for f in c.findings]
    if unaddressed or any(f.explained is None or f.exclusive for f in findings):
        return FRAMING_DISCLOSURE
    involved = [account, *(c.other for c in linked)]
    declared_related = any(
        r.related is True and account in r.accounts and any(o in r.accounts for o in involved[1:])
        for r in ex.relationships
    )
    entities = [_loose(businesses[a].legal_entity) for a in involved]
    if declared_related or not all(entities) or len(set(entities)) < len(entities):
        return FRAMING_DISCLOSURE
    return FRAMING_SEPARATION


# --- businesses, plan, documents ------------------------------------------------------


def _business(
    result: AuditResult, account: str, ex: Explanations, lang: str, idents: dict[str, list[_Group]]
) -> Business:
    acc = result.account(account)
    info = ex.accounts.get(account)
    return Business(
        account=account,
        name=acc.name if acc else "",
        marketplace=acc.marketplace if acc else "",
        status=acc.status if acc else "",
        legal_entity=info.legal_entity.get(lang) if info and info.legal_entity else "",
        companies_on_record=tuple(g.shown for g in idents.get(account, []) if g.kind == "company"),
        registration_number=info.registration_number if info else "",
        owner=info.owner.get(lang) if info and info.owner else "",
    )


def _plan(
    ex: Explanations, findings: Sequence[Finding], lang: str, scrub: _Scrubber
) -> PlanOfAction:
    def items(texts: Iterable[Text]) -> tuple[PlanItem, ...]:
        return tuple(PlanItem(scrub(t.get(lang))) for t in texts)

    per_identifier: list[PlanItem] = []
    seen: set[tuple[str, str]] = set()
    for f in findings:
        if f.explained and f.explained.action and (f.kind, f.explained.action) not in seen:
            seen.add((f.kind, f.explained.action))
            per_identifier.append(PlanItem(f.explained.action, f.kind, f.value))
    return PlanOfAction(
        root_cause=items(ex.plan.root_cause),
        # identifier actions are shown with each identifier; they fill 4.2 only when the
        # file has no general list of actions
        actions=items(ex.plan.actions) or tuple(per_identifier),
        prevention=items(ex.plan.prevention),
    )


def _enclosed(
    ex: Explanations,
    accounts: Sequence[str],
    findings: Sequence[Finding],
    lang: str,
    scrub: _Scrubber,
) -> tuple[str, ...]:
    docs: list[str] = []
    for a in accounts:
        info = ex.accounts.get(a)
        if info:
            docs += [scrub(d.get(lang)) for d in info.documents]
    for f in findings:
        if f.explained:
            docs += f.explained.documents
    for r in ex.relationships:
        if accounts[0] in r.accounts and any(o in r.accounts for o in accounts[1:]):
            docs += [scrub(d.get(lang)) for d in r.documents]
    return tuple(dict.fromkeys(d for d in docs if d))


class _Scrubber:
    """Masks bank, card and ID numbers the seller typed into free text (unless revealed).

    Known secret values from the data are masked wherever they appear (with or without
    spaces and dashes), and so is any run of 16 or more digits — longer than any phone
    number — whether the data knows it or not.
    """

    _RUN = re.compile(r"(?<![0-9A-Za-z])\d(?:[ \-]?[0-9Xx]){7,}(?![0-9A-Za-z])")

    def __init__(self, result: AuditResult) -> None:
        self.reveal = result.reveal
        t = result.identifiers
        secrets: set[str] = set()
        if not t.empty and not self.reveal:
            rows = t[t["kind"].isin(list(SECRET_KINDS))]
            for col in ("raw", "value"):
                for v in rows[col]:
                    if isinstance(v, str):
                        key = re.sub(r"[^0-9A-Za-z]", "", v).upper()
                        if len(key) >= 6:
                            secrets.add(key)
        self.secrets = frozenset(secrets)

    def __call__(self, text: str) -> str:
        if self.reveal or not text:
            return text
        return self._RUN.sub(self._mask, text)

    def _mask(self, m: re.Match[str]) -> str:
        key = re.sub(r"[^0-9A-Za-z]", "", m.group(0)).upper()
        digits = sum(c.isdigit() for c in key)
        if key in self.secrets or digits >= 16:
            return "****" + key[-4:]
        return m.group(0)


def _draw_graph(result: AuditResult, accounts: Sequence[str]) -> bytes | None:
    """The graph of the accounts as PNG bytes; None while the PNG renderer is not there."""
    from auditor.render.png import render_png

    with tempfile.TemporaryDirectory(prefix="auditor-appeal-") as tmp:
        path = Path(tmp) / "graph.png"
        try:
            written = render_png(result, path, accounts=list(accounts))
        except NotImplementedError:
            return None
        return Path(written).read_bytes()
