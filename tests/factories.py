"""Hand-made audit results for renderer and appeal tests (no ingest or scoring involved)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from auditor.normalise._base import Normalised, map_unique
from auditor.result import Account, AuditResult, Cluster, Evidence, Hub, Pair, Problem

XSS_NAME = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(2)>'
FULL_CARD = "4111111111111111"
FULL_BANK = "6222020200112233445"
FULL_ID = "11010519491231002X"


def make_identifiers() -> pd.DataFrame:
    rows = [
        ("A1", "company", "深圳市蓝月科技有限公司", "深圳市蓝月科技"),
        ("A1", "person", "张伟", "张伟"),
        ("A1", "bank", FULL_BANK, FULL_BANK),
        ("A1", "card", FULL_CARD, FULL_CARD),
        ("A1", "id_number", FULL_ID, FULL_ID),
        ("A1", "ip", "8.8.4.4", "8.8.4.4"),
        ("A1", "email", "lanyue.shop@gmail.com", "lanyueshop@gmail.com"),
        ("A2", "company", "Shenzhen Lanyue Trading Co., Ltd.", "shenzhen lanyue trading"),
        ("A2", "person", "Zhang Wei", "wei zhang"),
        ("A2", "bank", FULL_BANK, FULL_BANK),
        ("A2", "ip", "8.8.4.4", "8.8.4.4"),
        ("A2", "email", "LanYue.Shop+us@gmail.com", "lanyueshop@gmail.com"),
        ("A3", "card", "**** **** **** 1111", None),
        ("A3", "ip", "8.8.4.9", "8.8.4.9"),
        ("A4", "company", XSS_NAME, XSS_NAME),
        ("A5", "address", "Room 5, 1 Main St", "room 5 1 main street"),
        ("A6", "address", "Room 6, 1 Main St", "room 6 1 main street"),
    ]
    frame = pd.DataFrame(rows, columns=["account", "kind", "raw", "value"])
    frame["status"] = "ok"
    frame["reason"] = None
    return frame


def make_result(*, reveal: bool = False) -> AuditResult:
    """Seven accounts: a high cluster with a suspended member, a low pair, a loner."""

    def mask(value: str) -> str:
        return value if reveal else "****" + value[-4:]

    accounts = (
        Account("A1", "蓝月旗舰店", "Suspended", "US", "C1", True),
        Account("A2", "Lanyue Home", "Active", "UK", "C1", True),
        Account("A3", XSS_ATTR, "Active", "DE", "C1", True),
        Account("A4", XSS_NAME, "Active", "US", None, False),
        Account("A5", "Maple Goods", "Active", "US", None, False),
        Account("A6", "Birch Supply", "Active", "CA", None, False),
        Account("A7", "独立小店", "Active", "JP", None, False),
    )
    pairs = (
        Pair(
            "A1",
            "A2",
            0.9994,
            "high",
            7.4,
            (
                Evidence("bank", "exact", mask(FULL_BANK), mask(FULL_BANK), 1.0, 4.0, 2),
                Evidence(
                    "email",
                    "exact",
                    "lanyue.shop@gmail.com",
                    "LanYue.Shop+us@gmail.com",
                    1.0,
                    3.0,
                    2,
                ),
                Evidence(
                    "ip",
                    "exact",
                    "8.8.4.4",
                    "8.8.4.4",
                    1.0,
                    2.5,
                    2,
                    "same day (2026-03-01)",
                    "2026-03-01",
                    "2026-03-01",
                ),
                Evidence(
                    "person", "fuzzy", "张伟", "Zhang Wei", 1.0, 0.4, 2, "cross-script (pinyin)"
                ),
                Evidence(
                    "company",
                    "fuzzy",
                    "深圳市蓝月科技有限公司",
                    "Shenzhen Lanyue Trading Co., Ltd.",
                    0.0,
                    0.0,
                    2,
                ),
            ),
        ),
        Pair(
            "A1",
            "A3",
            0.62,
            "medium",
            0.5,
            (
                Evidence(
                    "card", "partial", mask(FULL_CARD), "****1111", 1.0, 1.0, 2, "same last 4"
                ),
                Evidence("ip", "prefix", "8.8.4.4", "8.8.4.9", 1.0, 0.5, 3, "same /24"),
            ),
        ),
        Pair(
            "A5",
            "A6",
            0.12,
            "low",
            -2.0,
            (
                Evidence(
                    "address",
                    "partial",
                    "Room 5, 1 Main St",
                    "Room 6, 1 Main St",
                    1.0,
                    1.0,
                    2,
                    "same building, different unit",
                ),
            ),
        ),
    )
    clusters = (Cluster("C1", ("A1", "A2", "A3"), "high", ("A1",), ("A1",)),)
    problems = (
        Problem(
            "accounts.csv", "'foo@' is not an email (row kept, value ignored)", None, 14, "Email"
        ),
    )
    hubs = (Hub("ip", "45.77.0.1", ("A4", "A5", "A6", "A7")),)
    return AuditResult(
        accounts=accounts,
        pairs=pairs,
        clusters=clusters,
        problems=problems,
        hubs=hubs,
        settings={"cluster_level": "medium"},
        identifiers=make_identifiers(),
        reveal=reveal,
    )


def parametrised_strings(namespace: dict[str, Any]) -> list[str]:
    """Every string the tests of a module (its ``globals()``) are parametrised with."""
    found: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    for test in list(namespace.values()):
        for mark in getattr(test, "pytestmark", []):
            if mark.name == "parametrize":
                collect(list(mark.args[1]))
    return found


def generated_raw(kind: str) -> list[str]:
    """The raw values of one kind in two generated samples of 1,500 accounts."""
    from auditor.sample import generate

    values: list[str] = []
    for seed in (3, 11):
        identifiers = generate(1500, seed=seed).identifiers
        values += identifiers.loc[identifiers["kind"] == kind, "raw"].astype(str).tolist()
    return values


def assert_batch_is_reference(
    values: Sequence[object],
    batch: Callable[..., pd.DataFrame],
    reference: Callable[[str], Normalised],
) -> None:
    """A normaliser's batch function, with its fast path and with ``fast=False``, gives
    what ``map_unique(raw, reference)`` gives — for object columns, and for pandas' text
    columns when every value is a string or missing."""
    for dtype in ("object", "str"):
        if dtype == "str" and not all(isinstance(v, str) or v is None for v in values):
            continue
        raw = pd.Series(list(values), dtype=dtype, index=range(100, 100 + len(values)))
        expected = map_unique(raw, reference)
        pd.testing.assert_frame_equal(batch(raw), expected)
        pd.testing.assert_frame_equal(batch(raw, fast=False), expected)
