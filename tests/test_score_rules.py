"""Table tests of every evidence rule and every level rule of the scoring policy."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pytest

from auditor.pipeline import audit_tables
from auditor.result import AuditResult, level_rank

Row = tuple[str, str, str] | tuple[str, str, str, str]


def run(rows: Sequence[Row], statuses: dict[str, str] | None = None) -> AuditResult:
    """Audit a tiny identifier table given as (account, kind, raw[, iso time]) rows."""
    ident = pd.DataFrame(
        [(r[0], r[1], r[2], r[3] if len(r) > 3 else None) for r in rows],
        columns=["account", "kind", "raw", "time"],
    )
    ident["time"] = pd.to_datetime(ident["time"], utc=True)
    ident["source"] = "test.csv"
    ident["sheet"] = None
    ident["row"] = range(2, len(ident) + 2)
    ident["column"] = ident["kind"]
    ids = sorted(set(ident["account"]))
    statuses = statuses or {}
    accounts = pd.DataFrame(
        {
            "account": ids,
            "name": ids,
            "status": [statuses.get(i, "Active") for i in ids],
            "marketplace": "US",
            "source": "test.csv",
        }
    )
    return audit_tables(accounts, ident)


def level(result: AuditResult, a: str = "A", b: str = "B") -> str:
    pair = result.pair(a, b)
    return "none" if pair is None else pair.level


def filler(n: int, kind: str, raw: str, prefix: str = "X") -> list[Row]:
    return [(f"{prefix}{i:03d}", kind, raw) for i in range(n)]


EXCLUSIVE_ONE = [
    ("bank", "6222 0202 0011 2233 445", "6222020200112233445"),
    ("card", "4111 1111 1111 1111", "4111-1111-1111-1111"),
    ("tax_id", "91440300MA5DC7XG56", "91440300ma5dc7xg56"),
    ("id_number", "11010519491231002X", "110105194912310 02x"),
    ("email", "Lanyue.Shop@gmail.com", "lanyue.shop@gmail.com"),
    ("phone", "+86 138 0013 8000", "13800138000"),
    ("device", "3f2a9c0e-7d41-4c2b-9a61-0c5e8f1b2d77", "3F2A9C0E-7D41-4C2B-9A61-0C5E8F1B2D77"),
    ("mac", "00-1A-2B-3C-4D-5E", "00:1a:2b:3c:4d:5e"),
]


@pytest.mark.parametrize(("kind", "raw_a", "raw_b"), EXCLUSIVE_ONE)
def test_one_exclusive_identifier_is_at_least_medium(kind: str, raw_a: str, raw_b: str) -> None:
    result = run([("A", kind, raw_a), ("B", kind, raw_b)])
    assert level_rank(level(result)) >= level_rank("medium")
    assert result.pair("A", "B") is not None
    assert result.pair("A", "B").evidence[0].kind == kind  # type: ignore[union-attr]


@pytest.mark.parametrize("n", [2, 3, 4])
def test_public_ip_used_only_by_a_few_accounts_is_at_least_medium(n: int) -> None:
    rows: list[Row] = [("A", "ip", "8.8.4.4"), ("B", "ip", "8.8.4.4")]
    rows += [(f"C{i}", "ip", "8.8.4.4") for i in range(n - 2)]
    assert level_rank(level(run(rows))) >= level_rank("medium")


def test_public_ip_used_in_overlapping_windows_is_at_least_medium_and_weighs_more() -> None:
    timed = run(
        [
            ("A", "ip", "8.8.4.4", "2026-03-01T08:00:00Z"),
            ("B", "ip", "8.8.4.4", "2026-03-01T21:00:00Z"),
        ]
    )
    untimed = run([("A", "ip", "8.8.4.4"), ("B", "ip", "8.8.4.4")])
    assert level_rank(level(timed)) >= level_rank("medium")
    assert timed.pair("A", "B").weight > untimed.pair("A", "B").weight  # type: ignore[union-attr]
    assert "same period" in timed.pair("A", "B").evidence[0].detail  # type: ignore[union-attr]


def test_public_ip_used_months_apart_is_low() -> None:
    result = run(
        [
            ("A", "ip", "8.8.4.4", "2026-01-01T08:00:00Z"),
            ("B", "ip", "8.8.4.4", "2026-06-01T08:00:00Z"),
        ]
    )
    assert level(result) == "low"
    assert "days apart" in result.pair("A", "B").evidence[0].detail  # type: ignore[union-attr]


def test_common_person_name_alone_is_at_most_low() -> None:
    assert level(run([("A", "person", "张伟"), ("B", "person", "张伟")])) == "low"


def test_private_ip_never_links() -> None:
    assert level(run([("A", "ip", "192.168.1.1"), ("B", "ip", "192.168.1.1")])) == "none"


def test_shared_proxy_ip_used_by_many_is_at_most_low() -> None:
    rows: list[Row] = [("A", "ip", "45.77.10.20"), ("B", "ip", "45.77.10.20")]
    rows += filler(18, "ip", "45.77.10.20")
    assert level(run(rows)) == "low"


def test_concurrent_use_of_a_shared_proxy_is_still_at_most_low() -> None:
    rows: list[Row] = [
        ("A", "ip", "45.77.10.20", "2026-03-01T08:00:00Z"),
        ("B", "ip", "45.77.10.20", "2026-03-01T09:00:00Z"),
    ]
    rows += [(f"X{i}", "ip", "45.77.10.20", "2026-03-01T10:00:00Z") for i in range(18)]
    assert level(run(rows)) == "low"


def test_value_held_by_more_accounts_than_the_hub_size_stays_one_hub() -> None:
    rows: list[Row] = [(f"X{i:03d}", "ip", "45.77.10.20") for i in range(40)]
    result = run(rows)
    assert result.pairs == ()
    assert len(result.hubs) == 1
    assert len(result.hubs[0].accounts) == 40


def test_exclusive_hub_still_forms_one_cluster() -> None:
    rows: list[Row] = [(f"X{i:03d}", "bank", "6222020200112233445") for i in range(40)]
    result = run(rows)
    assert result.pairs == ()
    assert len(result.clusters) == 1
    assert len(result.clusters[0].accounts) == 40


def test_same_building_different_unit_alone_is_at_most_low() -> None:
    # Supporting evidence only: it never makes a pair on its own.
    result = run(
        [
            ("A", "address", "Room 1203, 88 Keyuan Road, Nanshan District, Shenzhen"),
            ("B", "address", "Room 1207, 88 Keyuan Road, Nanshan District, Shenzhen"),
        ]
    )
    assert level_rank(level(result)) <= level_rank("low")


def test_several_independent_medium_signals_are_high() -> None:
    result = run(
        [
            ("A", "phone", "+86 138 0013 8000"),
            ("B", "phone", "13800138000"),
            ("A", "ip", "8.8.4.4"),
            ("B", "ip", "8.8.4.4"),
        ]
    )
    assert level(result) == "high"


def test_several_pieces_of_one_kind_have_diminishing_returns() -> None:
    result = run(
        [
            ("A", "ip", "8.8.4.4"),
            ("B", "ip", "8.8.4.4"),
            ("A", "ip", "9.9.9.9"),
            ("B", "ip", "9.9.9.9"),
        ]
    )
    first, second = result.pair("A", "B").evidence  # type: ignore[union-attr]
    assert second.weight == pytest.approx(first.weight / 2)


def test_same_ipv4_slash24_is_weak_supporting_evidence() -> None:
    alone = run([("A", "ip", "8.8.4.4"), ("B", "ip", "8.8.4.9")])
    assert level(alone) == "none"
    base = run([("A", "email", "x.shop@qq.com"), ("B", "email", "x.shop@qq.com")])
    more = run(
        [
            ("A", "email", "x.shop@qq.com"),
            ("B", "email", "x.shop@qq.com"),
            ("A", "ip", "8.8.4.4"),
            ("B", "ip", "8.8.4.9"),
        ]
    )
    pair = more.pair("A", "B")
    assert pair is not None
    assert "prefix" in {e.match for e in pair.evidence}
    assert pair.weight > base.pair("A", "B").weight  # type: ignore[union-attr]


def test_prefix_evidence_is_dropped_when_the_exact_ip_is_shared() -> None:
    result = run([("A", "ip", "8.8.4.4"), ("B", "ip", "8.8.4.4")])
    assert [e.match for e in result.pair("A", "B").evidence] == ["exact"]  # type: ignore[union-attr]


def test_masked_card_last4_alone_never_links() -> None:
    assert level(run([("A", "card", "4111111111111111"), ("B", "card", "**** 1111")])) == "none"


def test_masked_card_last4_adds_weight_next_to_other_evidence() -> None:
    base = run([("A", "email", "x.shop@qq.com"), ("B", "email", "x.shop@qq.com")])
    more = run(
        [
            ("A", "email", "x.shop@qq.com"),
            ("B", "email", "x.shop@qq.com"),
            ("A", "card", "4111111111111111"),
            ("B", "card", "**** **** **** 1111"),
        ]
    )
    assert more.pair("A", "B").weight > base.pair("A", "B").weight  # type: ignore[union-attr]
    assert "partial" in {e.match for e in more.pair("A", "B").evidence}  # type: ignore[union-attr]


def test_two_different_full_cards_with_the_same_last4_do_not_link() -> None:
    assert level(run([("A", "card", "4111111111111111"), ("B", "card", "5500000000001111")])) == (
        "none"
    )


def test_similar_company_name_supports_but_never_makes_a_pair() -> None:
    names = [
        ("A", "company", "Shenzhen Lanyue Technology Co., Ltd."),
        ("B", "company", "Shenzhen Lanyue Technologies Co., Ltd."),
    ]
    assert level(run(names)) == "none"
    both = run([*names, ("A", "phone", "13800138000"), ("B", "phone", "+86 138 0013 8000")])
    kinds = {(e.kind, e.match) for e in both.pair("A", "B").evidence}  # type: ignore[union-attr]
    assert ("company", "fuzzy") in kinds


def _similar_kinds(rows: Sequence[Row]) -> set[tuple[str, str]]:
    """The (kind, match) of the evidence between A and B, who share a phone."""
    shared = [("A", "phone", "13800138000"), ("B", "phone", "+86 138 0013 8000")]
    pair = run([*rows, *shared]).pair("A", "B")
    assert pair is not None
    return {(e.kind, e.match) for e in pair.evidence}


def test_company_names_alike_only_in_generic_words_are_not_near_duplicates() -> None:
    # 0.90 on the whole key ("export import xuefang" / "export import xifeng"), but the
    # brands that differ are two firms'.
    rows: list[Row] = [
        ("A", "company", "Guangzhou Xuefang Import and Export Co., Ltd."),
        ("B", "company", "Dongguan Xifeng Import and Export Co., Ltd."),
    ]
    assert ("company", "fuzzy") not in _similar_kinds(rows)
    typo: list[Row] = [
        ("A", "company", "Shenzhen Qinglang Import and Export Co., Ltd."),
        ("B", "company", "Shenzhen Qingliang Import and Export Co., Ltd."),
    ]
    assert ("company", "fuzzy") in _similar_kinds(typo)
    # One name only adding a word to the other replaces nothing: still near-duplicates.
    longer: list[Row] = [
        ("A", "company", "Huaxin Precision Electronics Technology Co., Ltd."),
        ("B", "company", "Huaxin Precision Electronics Technology Shop Co., Ltd."),
    ]
    assert ("company", "fuzzy") in _similar_kinds(longer)


def test_email_local_parts_with_different_numbers_are_not_near_duplicates() -> None:
    # A common name with two birth years is two people.
    years: list[Row] = [
        ("A", "email", "zhang.dongjun1998@gmail.com"),
        ("B", "email", "zhang_dongjun1980@hotmail.com"),
    ]
    assert ("email", "fuzzy") not in _similar_kinds(years)
    typo: list[Row] = [
        ("A", "email", "zhenshui_global@hotmail.com"),
        ("B", "email", "zhenshou_global@163.com"),
    ]
    assert ("email", "fuzzy") in _similar_kinds(typo)


def test_same_company_in_another_city_is_a_near_duplicate_pair() -> None:
    result = run(
        [
            ("A", "company", "Shenzhen Lanyue Technology Co., Ltd."),
            ("B", "company", "Dongguan Lanyue Technology Co., Ltd."),
        ]
    )
    pair = result.pair("A", "B")
    assert pair is not None and pair.level == "low"
    assert pair.evidence[0].match == "fuzzy"


def test_same_person_in_another_script_is_evidence() -> None:
    pair = run([("A", "person", "钟明雅"), ("B", "person", "Zhong Mingya")]).pair("A", "B")
    assert pair is not None and pair.level == "low"
    assert pair.evidence[0].match == "fuzzy"


def test_evidence_that_a_common_value_discounts_to_nothing_is_dropped() -> None:
    rows: list[Row] = [(f"X{i:02d}", "person", "张伟") for i in range(12)]
    result = run(rows)
    assert result.pairs == ()
    assert any(h.kind == "person" for h in result.hubs)


def test_suspended_member_puts_the_whole_cluster_at_risk() -> None:
    result = run(
        [
            ("A", "bank", "6222020200112233445"),
            ("B", "bank", "6222020200112233445"),
            ("B", "phone", "13800138000"),
            ("C", "phone", "13800138000"),
        ],
        statuses={"A": "Suspended"},
    )
    (cluster,) = result.clusters
    assert cluster.accounts == ("A", "B", "C")
    assert cluster.suspended == ("A",)
    assert cluster.bridges == ("B",)
    assert all(result.account(x).at_risk for x in "ABC")  # type: ignore[union-attr]


def test_secret_values_are_masked_in_the_result() -> None:
    result = run([("A", "bank", "6222020200112233445"), ("B", "bank", "6222020200112233445")])
    ev = result.pair("A", "B").evidence[0]  # type: ignore[union-attr]
    assert ev.value_a == "****3445"
    assert "6222020200112233445" not in str(result.to_dict())


def test_weighing_that_consumes_the_evidence_gives_the_same_table() -> None:
    # The audit lets weigh_evidence empty the evidence table as it builds the weighed one
    # (one copy, not two, at a million accounts): same result, input left with nothing.
    from pathlib import Path

    from auditor.ingest import read_inputs
    from auditor.normalise import normalise_identifiers
    from auditor.pipeline import _account_codes, link_all
    from auditor.policy import load_policy
    from auditor.score import weigh_evidence

    samples = Path(__file__).resolve().parent.parent / "samples"
    data = read_inputs([samples / "accounts.csv", samples / "login_events.csv"])
    ident = normalise_identifiers(data.identifiers)
    ids, acc = _account_codes(data.accounts["account"], ident["account"])
    policy = load_policy(None)
    evidence = link_all(ident.assign(acc=acc), ids, policy).evidence
    assert len(evidence) > 20 and evidence["first_a"].notna().any()
    kept = weigh_evidence(evidence.copy(), policy)
    consumed = weigh_evidence(evidence, policy, consume=True)
    pd.testing.assert_frame_equal(consumed, kept)
    assert evidence.columns.empty


def test_far_dates_on_one_kind_and_none_on_another_audit() -> None:
    # Per-kind evidence is joined into one table: a kind without times must not force
    # another kind's microsecond times (9999-12-31, a "never" placeholder) into
    # nanoseconds, which cannot hold them.
    ident = pd.DataFrame(
        {
            "account": ["A", "B", "A", "B"],
            "kind": ["ip", "ip", "email", "email"],
            "raw": ["8.8.4.4", "8.8.4.4", "shop@qq.com", "shop@qq.com"],
            "time": pd.to_datetime(
                ["9999-12-31", "9999-12-31", None, None], utc=True
            ).as_unit("us"),
        }
    )
    ident["source"] = "t.csv"
    ident["sheet"] = None
    ident["row"] = range(2, 6)
    ident["column"] = ident["kind"]
    accounts = pd.DataFrame(
        {"account": ["A", "B"], "name": ["A", "B"], "status": "Active",
         "marketplace": "US", "source": "t.csv"}
    )
    pair = audit_tables(accounts, ident).pair("A", "B")
    assert pair is not None
    assert {e.kind for e in pair.evidence} == {"ip", "email"}
