"""The seller's explanations file (YAML or TOML): the only source of statements in an appeal.

The appeal states facts from the audit and statements from this file; it never writes a
statement of its own. See ``samples/appeal/explanations.yaml`` for a filled-in example
and ``samples/appeal/README.md`` for every key. In short::

    signatory: {name, title, company, email, phone}
    accounts:                       # per account id
      A1: {legal_entity, registration_number, owner, address, documents: [...]}
    shared:                         # per shared identifier
      - kind: bank                  # one of auditor.kinds.KINDS
        last4: "3445"               # or value: "8.8.4.4" (full value, or last 4 for bank/card/ID)
        accounts: [A1, A2]          # optional: only for these accounts
        explanation: ...            # required: what it is and why both accounts have it
        since: 2024-05-01
        until: 2026-03-01
        action: ...                 # what was done about it
        third_party: AdsPower       # a provider who had access to both accounts
        access_removed: 2026-03-02
        documents: [...]
    relationships:                  # per pair (or group) of accounts
      - accounts: [A1, A2]
        related: false              # true: common owner/control; false: unrelated
        statement: ...
        documents: [...]
    plan: {root_cause: [...], actions: [...], prevention: [...]}
    closing: ...                    # optional extra closing sentence

Any text may be a string or a mapping ``{en: ..., zh: ...}``; the appeal picks its
language and falls back to the other. YAML is read with every scalar as a string, so
``last4: 0012`` keeps its zeros and dates stay as written.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from auditor.errors import ConfigError
from auditor.kinds import KINDS, SECRET_KINDS


@dataclass(frozen=True, slots=True)
class Text:
    """A statement as the seller wrote it, in one or more languages."""

    by_lang: tuple[tuple[str, str], ...]

    def get(self, lang: str) -> str:
        """The text in ``lang``; else the untagged text; else any language given."""
        texts = dict(self.by_lang)
        for key in (lang, "", "en", "zh"):
            if texts.get(key):
                return texts[key]
        return next((v for _, v in self.by_lang if v), "")

    @classmethod
    def plain(cls, text: str) -> Text:
        return cls((("", text),))


@dataclass(frozen=True, slots=True)
class Signatory:
    """Who signs the letter."""

    name: str = ""
    title: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """The business behind one account, as the seller states it."""

    legal_entity: Text | None = None
    registration_number: str = ""
    owner: Text | None = None
    address: Text | None = None
    documents: tuple[Text, ...] = ()


@dataclass(frozen=True, slots=True)
class SharedExplanation:
    """The seller's explanation of one shared identifier (matched by kind + value/last 4)."""

    index: int
    kind: str
    explanation: Text
    value: str = ""
    last4: str = ""
    accounts: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    action: Text | None = None
    third_party: str = ""
    access_removed: str = ""
    documents: tuple[Text, ...] = ()

    @property
    def label(self) -> str:
        """``shared[2] (bank ****3445)``: how messages point at this entry."""
        shown = f"****{self.last4}" if self.last4 else self.value
        if self.kind in SECRET_KINDS and not self.last4:
            shown = "****" + last4_of(self.value)
        return f"shared[{self.index}] ({self.kind} {shown})"


@dataclass(frozen=True, slots=True)
class Relationship:
    """What the seller says about how two or more accounts relate."""

    index: int
    accounts: tuple[str, ...]
    related: bool | None = None
    statement: Text | None = None
    documents: tuple[Text, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """Plan-of-action statements: root cause, actions taken, preventive measures."""

    root_cause: tuple[Text, ...] = ()
    actions: tuple[Text, ...] = ()
    prevention: tuple[Text, ...] = ()


@dataclass(frozen=True, slots=True)
class Explanations:
    """Everything the seller states for an appeal. ``Explanations()`` states nothing."""

    signatory: Signatory = field(default_factory=Signatory)
    accounts: Mapping[str, AccountInfo] = field(default_factory=dict)
    shared: tuple[SharedExplanation, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    plan: Plan = field(default_factory=Plan)
    closing: Text | None = None
    source: str = ""


_TOP: Final = ("version", "signatory", "accounts", "shared", "relationships", "plan", "closing")
_SIGNATORY: Final = ("name", "title", "company", "email", "phone")
_ACCOUNT: Final = ("legal_entity", "registration_number", "owner", "address", "documents")
_SHARED: Final = (
    "kind",
    "value",
    "last4",
    "accounts",
    "explanation",
    "since",
    "until",
    "action",
    "third_party",
    "access_removed",
    "documents",
)
_RELATIONSHIP: Final = ("accounts", "related", "statement", "documents")
_PLAN: Final = ("root_cause", "actions", "prevention")
_TRUE: Final = frozenset({"true", "yes", "y", "1", "是"})
_FALSE: Final = frozenset({"false", "no", "n", "0", "否"})


def last4_of(value: str) -> str:
    """The last four letters or digits of a value (``'****3445'`` → ``'3445'``)."""
    return re.sub(r"[^0-9A-Za-z]", "", value)[-4:]


def load_explanations(path: str | Path) -> Explanations:
    """Read and check an explanations file (``.yaml``/``.yml`` or ``.toml``).

    Raises :class:`~auditor.errors.ConfigError` naming the file and the key at fault.

    >>> ex = load_explanations("samples/appeal/explanations.yaml")   # doctest: +SKIP
    >>> ex.shared[0].kind                                            # doctest: +SKIP
    'bank'
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{p}: explanations file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read explanations file ({exc})") from None
    if p.suffix.lower() == ".toml":
        try:
            doc: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: not valid TOML ({exc})") from None
    elif p.suffix.lower() in (".yaml", ".yml"):
        try:
            doc = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar a string
        except yaml.YAMLError as exc:
            raise ConfigError(f"{p}: not valid YAML ({_yaml_problem(exc)})") from None
    else:
        raise ConfigError(f"{p}: explanations file must end in .yaml, .yml or .toml")
    return parse_explanations(doc if doc is not None else {}, source=str(p))


def parse_explanations(doc: Any, *, source: str = "explanations") -> Explanations:
    """Check and convert an already-parsed explanations document (a mapping)."""
    r = _Reader(source)
    top = r.mapping(doc, "", _TOP)
    signatory = Signatory()
    if "signatory" in top:
        s = r.mapping(top["signatory"], "signatory", _SIGNATORY)
        signatory = Signatory(**{k: r.string(s[k], f"signatory.{k}") for k in s})
    accounts: dict[str, AccountInfo] = {}
    for acc, body in r.mapping(top.get("accounts", {}), "accounts", None).items():
        where = f"accounts.{acc}"
        a = r.mapping(body, where, _ACCOUNT)
        accounts[str(acc)] = AccountInfo(
            legal_entity=r.opt_text(a, "legal_entity", where),
            registration_number=r.string(
                a.get("registration_number", ""), where + ".registration_number"
            ),
            owner=r.opt_text(a, "owner", where),
            address=r.opt_text(a, "address", where),
            documents=r.texts(a.get("documents", []), where + ".documents"),
        )
    shared = tuple(
        _shared(r, item, i) for i, item in enumerate(r.sequence(top.get("shared", []), "shared"))
    )
    relationships = tuple(
        _relationship(r, item, i)
        for i, item in enumerate(r.sequence(top.get("relationships", []), "relationships"))
    )
    plan = Plan()
    if "plan" in top:
        pl = r.mapping(top["plan"], "plan", _PLAN)
        plan = Plan(**{k: r.texts(pl[k], f"plan.{k}") for k in pl})
    return Explanations(
        signatory=signatory,
        accounts=accounts,
        shared=shared,
        relationships=relationships,
        plan=plan,
        closing=r.opt_text(top, "closing", ""),
        source=source,
    )


def _shared(r: _Reader, item: Any, i: int) -> SharedExplanation:
    where = f"shared[{i}]"
    s = r.mapping(item, where, _SHARED)
    kind = r.string(s.get("kind", ""), where + ".kind")
    if not kind:
        raise r.error(where + ".kind", "is missing; give the identifier kind, e.g. kind: bank")
    if kind not in KINDS:
        raise r.error(where + ".kind", f"{kind!r} is not a kind; use one of {', '.join(KINDS)}")
    value = r.string(s.get("value", ""), where + ".value")
    last4 = r.string(s.get("last4", ""), where + ".last4")
    if last4 and len(last4_of(last4)) != 4:
        raise r.error(where + ".last4", f"{last4!r} must be the last 4 letters or digits")
    if not value and not last4:
        raise r.error(where, "needs value: (the identifier) or last4: (its last 4 characters)")
    explanation = r.opt_text(s, "explanation", where)
    if explanation is None:
        raise r.error(
            where + ".explanation",
            "is missing; say what this identifier is and why both accounts have it",
        )
    return SharedExplanation(
        index=i,
        kind=kind,
        explanation=explanation,
        value=value,
        last4=last4_of(last4) if last4 else "",
        accounts=r.strings(s.get("accounts", []), where + ".accounts"),
        since=r.string(s.get("since", ""), where + ".since"),
        until=r.string(s.get("until", ""), where + ".until"),
        action=r.opt_text(s, "action", where),
        third_party=r.string(s.get("third_party", ""), where + ".third_party"),
        access_removed=r.string(s.get("access_removed", ""), where + ".access_removed"),
        documents=r.texts(s.get("documents", []), where + ".documents"),
    )


def _relationship(r: _Reader, item: Any, i: int) -> Relationship:
    where = f"relationships[{i}]"
    s = r.mapping(item, where, _RELATIONSHIP)
    accounts = r.strings(s.get("accounts", []), where + ".accounts")
    if len(accounts) < 2:
        raise r.error(where + ".accounts", "must list at least two account ids")
    related: bool | None = None
    if "related" in s:
        raw = s["related"]
        flag = raw if isinstance(raw, bool) else str(raw).strip().lower()
        if flag is True or flag in _TRUE:
            related = True
        elif flag is False or flag in _FALSE:
            related = False
        else:
            raise r.error(where + ".related", f"{raw!r} must be true or false")
    return Relationship(
        index=i,
        accounts=accounts,
        related=related,
        statement=r.opt_text(s, "statement", where),
        documents=r.texts(s.get("documents", []), where + ".documents"),
    )


class _Reader:
    """Type checks that name the file and the key at fault."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, where: str, message: str) -> ConfigError:
        return ConfigError(f"{self.source}: {where or 'top level'} {message}")

    def mapping(self, value: Any, where: str, allowed: Sequence[str] | None) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise self.error(where, "must be a mapping of keys to values")
        out = {str(k): v for k, v in value.items()}
        if allowed is not None:
            unknown = sorted(set(out) - set(allowed))
            if unknown:
                key = f"{where}.{unknown[0]}" if where else unknown[0]
                raise self.error(key, f"is not a known key; use one of {', '.join(allowed)}")
        return out

    def sequence(self, value: Any, where: str) -> list[Any]:
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise self.error(where, "must be a list")
        return list(value)

    def string(self, value: Any, where: str) -> str:
        if isinstance(value, bool) or isinstance(value, Mapping | list):
            raise self.error(where, "must be a single value, not a list or mapping")
        return str(value).strip()  # TOML dates and numbers are written as given

    def strings(self, value: Any, where: str) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value.strip(),) if value.strip() else ()
        return tuple(
            s
            for i, v in enumerate(self.sequence(value, where))
            if (s := self.string(v, f"{where}[{i}]"))
        )

    def text(self, value: Any, where: str) -> Text:
        if isinstance(value, Mapping):
            body = self.mapping(value, where, ("en", "zh"))
            return Text(
                tuple((k, self.string(body[k], f"{where}.{k}")) for k in ("en", "zh") if k in body)
            )
        return Text.plain(self.string(value, where))

    def opt_text(self, body: Mapping[str, Any], key: str, where: str) -> Text | None:
        if key not in body:
            return None
        text = self.text(body[key], f"{where}.{key}" if where else key)
        return text if text.get("en") else None

    def texts(self, value: Any, where: str) -> tuple[Text, ...]:
        if isinstance(value, str | Mapping):
            value = [value]
        items = (self.text(v, f"{where}[{i}]") for i, v in enumerate(self.sequence(value, where)))
        return tuple(t for t in items if t.get("en"))


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is not None:
        return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"
    return str(problem)
