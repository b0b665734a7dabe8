"""The explanations file: YAML or TOML, checked key by key, matched by kind + value/last 4."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.appeal import build_appeal, load_explanations, parse_explanations
from auditor.errors import ConfigError
from tests.factories import make_result

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "appeal" / "explanations.yaml"

YAML = """\
signatory: {name: Zhang Wei, title: Legal Representative}
accounts:
  A1:
    legal_entity: {en: "Lanyue Tech Co., Ltd.", zh: 蓝月科技}
    registration_number: 91440300MA5G00001X
    documents: [Business licence]
shared:
  - kind: bank
    last4: 0012
    explanation: Payout account.
    since: 2025-06-01
  - kind: ip
    value: 8.8.4.4
    accounts: [A1, A2]
    explanation: Office line.
relationships:
  - accounts: [A1, A2]
    related: yes
plan:
  root_cause: One cause.
  actions: [First action., Second action.]
"""

TOML = """\
[signatory]
name = "Zhang Wei"
title = "Legal Representative"

[accounts.A1]
legal_entity = { en = "Lanyue Tech Co., Ltd.", zh = "蓝月科技" }
registration_number = "91440300MA5G00001X"
documents = ["Business licence"]

[[shared]]
kind = "bank"
last4 = "0012"
explanation = "Payout account."
since = 2025-06-01

[[shared]]
kind = "ip"
value = "8.8.4.4"
accounts = ["A1", "A2"]
explanation = "Office line."

[[relationships]]
accounts = ["A1", "A2"]
related = true

[plan]
root_cause = "One cause."
actions = ["First action.", "Second action."]
"""


@pytest.mark.parametrize(("name", "text"), [("e.yaml", YAML), ("e.toml", TOML)])
def test_yaml_and_toml_read_the_same(name: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ex = load_explanations(path)
    assert ex.signatory.name == "Zhang Wei"
    a1 = ex.accounts["A1"]
    assert a1.legal_entity is not None
    assert (
        a1.legal_entity.get("en") == "Lanyue Tech Co., Ltd."
        and a1.legal_entity.get("zh") == "蓝月科技"
    )
    assert [d.get("en") for d in a1.documents] == ["Business licence"]
    bank, ip = ex.shared
    assert (bank.kind, bank.last4, bank.since) == ("bank", "0012", "2025-06-01")  # zeros kept
    assert (ip.value, ip.accounts) == ("8.8.4.4", ("A1", "A2"))
    assert ex.relationships[0].related is True
    assert [t.get("en") for t in ex.plan.root_cause] == ["One cause."]
    assert [t.get("en") for t in ex.plan.actions] == ["First action.", "Second action."]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sharde: []", "sharde is not a known key; use one of version, signatory"),
        ("shared: [{kind: iban, value: x, explanation: y}]", "shared[0].kind 'iban' is not a kind"),
        ("shared: [{kind: bank, explanation: y}]", "shared[0] needs value:"),
        ("shared: [{kind: bank, last4: '12', explanation: y}]", "shared[0].last4 '12' must be"),
        ("shared: [{kind: ip, value: 1.2.3.4}]", "shared[0].explanation is missing"),
        (
            "shared: [{kind: ip, value: 1.2.3.4, explanaton: y}]",
            "shared[0].explanaton is not a known key",
        ),
        (
            "accounts: {A1: {legal_entity: {en: x, fr: y}}}",
            "accounts.A1.legal_entity.fr is not a known key",
        ),
        ("relationships: [{accounts: [A1]}]", "relationships[0].accounts must list at least two"),
        (
            "relationships: [{accounts: [A1, A2], related: maybe}]",
            "relationships[0].related 'maybe'",
        ),
        ("plan: {actions: {a: b}}", "plan.actions[0].a is not a known key; use one of en, zh"),
        ("plan: {actions: [[a]]}", "plan.actions[0] must be a single value"),
        ("shared: [{kind: ip\n  value: 1", "not valid YAML (line"),
    ],
)
def test_bad_files_name_the_file_and_the_key(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "ex.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_explanations(path)
    got = str(info.value)
    assert got.startswith(f"{path}: ")
    for part in message.split(" … "):
        assert part in got, got


def test_missing_file_and_wrong_suffix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nope.yaml: explanations file not found"):
        load_explanations(tmp_path / "nope.yaml")
    (tmp_path / "e.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"must end in \.yaml, \.yml or \.toml"):
        load_explanations(tmp_path / "e.json")
    (tmp_path / "e.toml").write_text("shared = 3\n[x", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_explanations(tmp_path / "e.toml")


def test_matching_by_kind_and_value_or_last4() -> None:
    ex = parse_explanations(
        {
            "shared": [
                {"kind": "email", "value": " lanyueshop@GMAIL.com ", "explanation": "by canonical"},
                {
                    "kind": "bank",
                    "value": "6222 0202 0011 2233 445",
                    "explanation": "by full number",
                },
                {
                    "kind": "card",
                    "last4": "1111",
                    "accounts": ["A1", "A3"],
                    "explanation": "by last 4",
                },
                {"kind": "card", "last4": "1111", "explanation": "general entry, not used"},
                {
                    "kind": "ip",
                    "value": "8.8.4.4",
                    "accounts": ["A2", "A5"],
                    "explanation": "other pair",
                },
                {"kind": "phone", "value": "+86 138 0000 0000", "explanation": "matches nothing"},
            ]
        }
    )
    appeal = build_appeal(make_result(), "A1", explanations=ex, graph=False)
    by = {
        (f.other, f.kind): f.explained.explanation if f.explained else None for f in appeal.findings
    }
    assert by[("A2", "email")] == "by canonical"
    assert by[("A2", "bank")] == "by full number"
    assert by[("A3", "card")] == "by last 4"
    assert by[("A2", "ip")] is None and by[("A3", "ip")] is None
    assert appeal.unused_explanations == (
        "shared[3] (card ****1111)",
        "shared[4] (ip 8.8.4.4)",
        "shared[5] (phone +86 138 0000 0000)",
    )


def test_the_sample_explanations_file_explains_a_real_linked_pair(tmp_path: Path) -> None:
    """samples/appeal/explanations.yaml is written for a pair in samples/ (the default
    `auditor sample` output): every shared identifier explained, every entry used."""
    from auditor.pipeline import audit

    samples = SAMPLE.parents[1]
    if not (samples / "accounts.csv").exists():  # samples/ not generated yet: same bytes
        from auditor.sample import write_sample

        write_sample(tmp_path, accounts=60, seed=7)
        samples = tmp_path
    result = audit([samples])
    ex = load_explanations(SAMPLE)
    a, b = "A8HDZ30KTJO6GW", "A9UH8268NPK74V"
    assert set(ex.accounts) == {a, b}
    appeal = build_appeal(result, a, vs=[b], explanations=ex, graph=False)
    assert {f.kind for f in appeal.findings} >= {"id_number", "mac", "ip", "person"}
    assert appeal.unaddressed == () and appeal.unused_explanations == ()
    assert all(f.explained for f in appeal.findings)
    assert appeal.framing == "disclosure"  # a shared ID number: never "separate"
