"""The evidence checklist: which documents support an appeal, given what is shared.

Every appeal needs each entity's business licence. Each shared kind adds the documents
that show the two businesses hold their own version of it (a shared address: each
entity's lease and utility bills of the last 90 days; a shared bank account: statements
and account-opening letters …). A third-party provider named in the explanations (a
consultant, a virtual assistant, a multi-login browser service such as AdsPower) adds
its contract and proof of the date its access was removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from auditor.kinds import KINDS

if TYPE_CHECKING:
    from auditor.appeal.model import Finding

#: Kind → checklist key (see :data:`auditor.appeal.i18n.CHECKLIST`).
KIND_DOCUMENTS: Final[dict[str, str]] = {
    "address": "address",
    "ip": "ip",
    "mac": "mac",
    "device": "device",
    "bank": "bank",
    "card": "card",
    "tax_id": "tax_id",
    "id_number": "id_number",
    "person": "person",
    "company": "company",
    "email": "email",
    "phone": "phone",
    "listing": "listing",
}


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One document to prepare: ``key`` names its text; ``kinds`` are what it supports."""

    key: str
    kinds: tuple[str, ...] = ()
    provider: str = ""
    date: str = ""


def build_checklist(findings: Sequence[Finding]) -> tuple[ChecklistItem, ...]:
    """The business licence, then one item per shared kind, then one per provider."""
    kinds = sorted({f.kind for f in findings}, key=lambda k: KINDS.index(k) if k in KINDS else 99)
    items = [ChecklistItem("business_licence")]
    by_key: dict[str, list[str]] = {}
    for kind in kinds:
        by_key.setdefault(KIND_DOCUMENTS.get(kind, "company"), []).append(kind)
    items += [ChecklistItem(key, tuple(ks)) for key, ks in by_key.items()]
    providers: dict[str, tuple[list[str], str]] = {}
    for f in findings:
        if f.explained and f.explained.third_party:
            ks, when = providers.setdefault(f.explained.third_party, ([], ""))
            if f.kind not in ks:
                ks.append(f.kind)
            providers[f.explained.third_party] = (ks, when or f.explained.access_removed)
    items += [
        ChecklistItem("third_party", tuple(ks), provider=name, date=when)
        for name, (ks, when) in providers.items()
    ]
    return tuple(items)
