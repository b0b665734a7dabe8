"""The lazy pair list of an audit: same pairs however they are read, and audit.json
written chunk by chunk is the to_dict() document byte for byte."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson
import pytest

import auditor
from auditor import pair_list
from auditor.pair_list import PairList
from auditor.render import files

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def result() -> auditor.AuditResult:
    return auditor.audit([SAMPLES])


def test_reading_a_slice_builds_the_same_pairs_as_reading_them_all(
    result: auditor.AuditResult,
) -> None:
    fresh = auditor.audit([SAMPLES]).pairs
    assert isinstance(fresh, PairList) and len(fresh) >= 6
    # Index and slice before anything is cached, then compare with the whole list.
    first, last, middle, every_other = fresh[0], fresh[-1], fresh[1:5], fresh[::2]
    whole = result.pairs
    everything = tuple(whole)
    assert first == everything[0] and last == everything[-1]
    assert middle == everything[1:5] and every_other == everything[::2]
    assert [p for chunk in fresh.chunks(3) for p in chunk] == list(everything)
    assert fresh == everything and fresh == whole
    with pytest.raises(IndexError):
        fresh[len(fresh)]


def test_level_counts_come_from_the_columns(result: auditor.AuditResult) -> None:
    fresh = auditor.audit([SAMPLES])
    counted = Counter(p.level for p in result.pairs)
    assert fresh.counts_by_level() == {
        lvl: counted.get(lvl, 0) for lvl in ("low", "medium", "high")
    }


@pytest.mark.parametrize("threaded_up_to", [0, 10**6])  # one thread; two threads
def test_audit_json_written_in_chunks_is_the_document(
    result: auditor.AuditResult,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    threaded_up_to: int,
) -> None:
    monkeypatch.setattr(pair_list, "CHUNK", 2)  # several chunks, and a last short one
    monkeypatch.setattr(files, "THREADED_PAIRS", threaded_up_to)
    monkeypatch.setattr(files, "ACCOUNT_CHUNK", 7)  # the accounts too
    fresh = auditor.audit([SAMPLES])
    assert len(fresh.pairs) % 2 == 1 or len(fresh.pairs) > 4
    assert len(fresh.accounts) > 14 and len(fresh.accounts) % 7
    path = files.write_json(fresh, tmp_path / "audit.json")
    expected = orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2) + b"\n"
    assert path.read_bytes() == expected
    assert files.audit_json_bytes(fresh) == expected


def test_audit_json_of_a_result_without_pairs(tmp_path: Path) -> None:
    empty = auditor.AuditResult(accounts=(), pairs=(), clusters=())
    expected = orjson.dumps(empty.to_dict(), option=orjson.OPT_INDENT_2) + b"\n"
    assert files.audit_json_bytes(empty) == expected
    lone = auditor.AuditResult(accounts=(auditor.Account("A1", "一号店"),), pairs=(), clusters=())
    expected = orjson.dumps(lone.to_dict(), option=orjson.OPT_INDENT_2) + b"\n"
    assert files.audit_json_bytes(lone) == expected


def test_audit_json_from_columns_escapes_text_as_orjson_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Evidence values with quotes, backslashes, control characters, Chinese and emoji
    written from the pair columns are the bytes orjson writes for the objects."""
    import pandas as pd

    from auditor.pipeline import audit_tables

    odd = ['Lanyue "Best" Co\\\\Ltd', "蓝月\t科技\n有限公司", "Shop\x01 😀 Ltd", "a/b\u2028c"]
    rows = []
    for n, text in enumerate(odd):
        rows += [(f"A{n}", "company", text), (f"B{n}", "company", text + " ")]
        rows += [(f"A{n}", "phone", f"1380013800{n}"), (f"B{n}", "phone", f"1380013800{n}")]
    ident = pd.DataFrame(rows, columns=["account", "kind", "raw"])
    ident["time"] = pd.NaT
    ident["source"], ident["sheet"], ident["column"] = "t.csv", None, ident["kind"]
    ident["row"] = range(2, len(ident) + 2)
    ids = sorted(set(ident["account"]))
    accounts = pd.DataFrame(
        {"account": ids, "name": ids, "status": "Active", "marketplace": "US", "source": "t.csv"}
    )
    monkeypatch.setattr(pair_list, "CHUNK", 3)
    result = audit_tables(accounts, ident)
    assert isinstance(result.pairs, PairList) and len(result.pairs) == len(odd)
    written = files.write_json(result, tmp_path / "audit.json").read_bytes()
    assert written == orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2) + b"\n"
    assert '\\"Best\\"' in written.decode("utf-8") and "\\u0001" in written.decode("utf-8")


def test_masked_values_from_a_column_held_in_chunks() -> None:
    import pandas as pd
    import pyarrow as pa

    from auditor.pipeline import _mask_column

    chunks = pa.chunked_array([["6222 0202 0011 2233 445", "a@qq.com"], ["x"]])
    values = pd.Series(pd.arrays.ArrowStringArray(chunks))
    kinds = pd.Series(["bank", "email", "ip"])
    shown = _mask_column(kinds, values)
    assert isinstance(shown, pa.Array) and shown.to_pylist() == ["****3445", "a@qq.com", "x"]
