"""Every input format reads to the same tables, with every cell as text."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from auditor.ingest import read_inputs
from auditor.tables import IDENTIFIER_COLUMNS

DATA = Path(__file__).parent / "data" / "ingest"

CHINESE_CSV = (
    "店铺ID,店铺名称,公司名称,邮箱,手机,信用卡\n"
    "00123,蓝月旗舰店,深圳市蓝月科技有限公司,a@qq.com;b@163.com,13800138000,4111111111111111\n"
    "A2,月光小店,深圳市月光贸易有限公司,b@163.com,13900139000,\n"
)


def triples(data_identifiers: pd.DataFrame) -> set[tuple[str, str, str]]:
    t = data_identifiers
    return set(zip(t["account"], t["kind"], t["raw"], strict=True))


EXPECTED = {
    ("00123", "company", "深圳市蓝月科技有限公司"),
    ("00123", "email", "a@qq.com"),
    ("00123", "email", "b@163.com"),
    ("00123", "phone", "13800138000"),
    ("00123", "card", "4111111111111111"),
    ("A2", "company", "深圳市月光贸易有限公司"),
    ("A2", "email", "b@163.com"),
    ("A2", "phone", "13900139000"),
}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes(CHINESE_CSV.encode(encoding))
    data = read_inputs([path])
    assert triples(data.identifiers) == EXPECTED
    assert list(data.accounts["account"]) == ["00123", "A2"]
    assert list(data.accounts["name"]) == ["蓝月旗舰店", "月光小店"]
    assert data.files[0].columns["店铺ID"] == "account_id"


def test_encoding_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes(CHINESE_CSV.encode("gbk"))
    assert triples(read_inputs([path], encoding="gbk").identifiers) == EXPECTED


def test_detected_encoding_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes(CHINESE_CSV.encode("gb18030"))
    data = read_inputs([path])
    assert data.files[0].encoding == "gb18030"
    assert any("gb18030" in p.message for p in data.problems)


def test_tsv_and_semicolon_csv(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text(CHINESE_CSV.replace(",", "\t"), encoding="utf-8")
    assert triples(read_inputs([tmp_path / "a.tsv"]).identifiers) == EXPECTED
    semi = CHINESE_CSV.replace(";", "|").replace(",", ";")
    (tmp_path / "b.csv").write_text(semi, encoding="utf-8")
    assert triples(read_inputs([tmp_path / "b.csv"]).identifiers) == EXPECTED


def test_identifier_table_has_the_contract_columns() -> None:
    data = read_inputs([DATA / "accounts.csv"])
    t = data.identifiers
    assert tuple(t.columns) == IDENTIFIER_COLUMNS
    assert str(t["time"].dtype) == "datetime64[ns, UTC]"
    assert t["row"].dtype == "int32"
    for column in ("value", "key", "partial", "note", "status", "reason"):
        assert t[column].isna().all()
    assert set(t["source"]) == {"accounts.csv"}
    assert t["sheet"].isna().all()


def write_workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    shops = book.active
    assert shops is not None
    shops.title = "店铺"
    shops.append(["2024 店铺资料"])  # a title row above the header
    shops.append(["店铺ID", "店铺名称", "邮箱", "手机", "信用卡"])
    shops.append(["00123", "蓝月旗舰店", "a@qq.com\nb@163.com", 13800138000, "4111111111111111"])
    shops.append([None, None, None, None, None])
    shops.append(["A2", "月光小店", "b@163.com", 13900139000, None])
    logins = book.create_sheet("登录")
    logins.append(["账号", "登录IP", "登录时间"])
    logins.append(["00123", "8.8.8.8", "2024-03-01 10:00:00"])
    book.create_sheet("空白")
    notes = book.create_sheet("说明")
    notes.append(["备注"])
    notes.append(["此表用于…"])
    book.save(path)


def test_xlsx_reads_every_sheet(tmp_path: Path) -> None:
    path = tmp_path / "accounts.xlsx"
    write_workbook(path)
    data = read_inputs([path])
    assert [(f.sheet, f.form) for f in data.files] == [("店铺", "wide"), ("登录", "events")]
    t = data.identifiers
    shop = t[t["sheet"] == "店铺"]
    assert ("00123", "phone", "13800138000") in triples(shop)  # a number cell, as text
    assert ("00123", "email", "b@163.com") in triples(shop)
    assert dict(zip(shop["raw"], shop["row"], strict=False))["b@163.com"] in (3, 5)
    assert int(shop.loc[shop["account"] == "A2", "row"].iloc[0]) == 5  # the Excel row
    login = t[t["sheet"] == "登录"]
    assert login["time"].iloc[0] == pd.Timestamp("2024-03-01 10:00", tz="UTC")
    lines = [p.line() for p in data.problems]
    assert any("sheet 店铺" in line and "row(s) 1 above the header row 2" in line for line in lines)
    assert any("sheet 空白" in line and "empty" in line for line in lines)
    assert any("sheet 说明" in line and "no account-id column" in line for line in lines)


def test_xlsx_one_sheet(tmp_path: Path) -> None:
    path = tmp_path / "accounts.xlsx"
    write_workbook(path)
    data = read_inputs([path], sheet="登录")
    assert [f.sheet for f in data.files] == ["登录"]
    assert triples(data.identifiers) == {("00123", "ip", "8.8.8.8")}


def test_json_array_and_wrapper(tmp_path: Path) -> None:
    records = [
        {"店铺ID": "00123", "邮箱": ["a@qq.com", "b@163.com"], "手机": 13800138000},
        {"店铺ID": "A2", "邮箱": "b@163.com", "手机": "13900139000", "extra": None},
    ]
    (tmp_path / "a.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    wrapped = {"code": 0, "data": {"list": records, "page": 1}}
    (tmp_path / "b.json").write_text(json.dumps(wrapped), encoding="utf-8")
    expected = {
        ("00123", "email", "a@qq.com"), ("00123", "email", "b@163.com"),
        ("00123", "phone", "13800138000"), ("A2", "email", "b@163.com"),
        ("A2", "phone", "13900139000"),
    }
    for name in ("a.json", "b.json"):
        data = read_inputs([tmp_path / name])
        assert triples(data.identifiers) == expected
        assert list(data.identifiers.loc[data.identifiers["account"] == "A2", "row"]) == [2, 2]


def test_json_lines() -> None:
    data = read_inputs([DATA / "accounts.jsonl"])
    assert triples(data.identifiers) == {
        ("J1", "email", "j1@example.com"), ("J1", "email", "shared@example.com"),
        ("J1", "phone", "+1 555 0101"), ("J2", "email", "shared@example.com"),
        ("J2", "ip", "1.2.3.4"),
    }
    assert list(data.accounts["name"]) == ["Json One", "Json Two"]
    bad = [p for p in data.problems if p.row == 4]
    assert bad and "not valid JSON" in bad[0].message
    assert "JSONL-TOKEN-SECRET" not in data.identifiers.to_string()


def test_parquet_keeps_text(tmp_path: Path) -> None:
    frame = pd.DataFrame({
        "店铺ID": ["00123", "A2"],
        "手机": [13800138000, 13900139000],
        "信用卡": ["4111111111111111", None],
        "IP": [1.0, None],  # a float column: no ".0"
        "password": ["p1", "p2"],
    })
    path = tmp_path / "accounts.parquet"
    frame.to_parquet(path)
    data = read_inputs([path])
    assert triples(data.identifiers) == {
        ("00123", "phone", "13800138000"), ("A2", "phone", "13900139000"),
        ("00123", "card", "4111111111111111"), ("00123", "ip", "1"),
    }
    assert data.files[0].secrets == ["password"]


def test_folder_expands_to_data_files_sorted_not_recursively(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text("店铺ID,邮箱\nB1,b@x.com\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("店铺ID,邮箱\nA1,a@x.com\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.csv").write_text("店铺ID,邮箱\nC1,c@x.com\n", encoding="utf-8")
    data = read_inputs([tmp_path])
    assert [f.source for f in data.files] == ["a.csv", "b.csv"]
    assert list(data.accounts["account"]) == ["A1", "B1"]
    assert any("notes.pdf" in p.message for p in data.problems)


def test_same_name_in_two_folders_gets_its_path(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.csv").write_text(f"店铺ID\n{folder}1\n", encoding="utf-8")
    data = read_inputs([tmp_path / "x" / "a.csv", tmp_path / "y" / "a.csv"])
    assert len({f.source for f in data.files}) == 2


def test_same_file_twice_is_read_once() -> None:
    data = read_inputs([DATA / "accounts.csv", DATA])
    assert [f.source for f in data.files].count("accounts.csv") == 1


def test_xlsx_saved_as_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    write_workbook(path)
    assert "店铺" in {f.sheet for f in read_inputs([path]).files}


@pytest.mark.parametrize(
    "text",
    [
        "店铺ID,邮箱,备注\nA1,a@qq.com,\nA2,,NA\n",
        'id,note\nA1,"two\nlines"\nA2,"say ""hi"""\n',
        "id,note\nA1,x\n\nA2,y\n",  # a blank line keeps its row number
        "id;note\nA1;null\nA2;N/A\n",
        "id,note\r\nA1,x\r\nA2,y\r\n",
    ],
)
def test_arrow_csv_parser_reads_as_the_pandas_parser_does(text: str) -> None:
    from auditor.ingest.readers import _parse_regular_csv

    utf8 = text.encode("utf-8")
    sep = ";" if ";" in text.splitlines()[0] else ","
    fast = _parse_regular_csv(utf8, sep, 3 if text.startswith("店铺") else 2)
    assert fast is not None
    expected = pd.read_csv(
        io.BytesIO(utf8),
        sep=sep,
        header=None,
        names=list(range(len(fast.columns))),
        dtype=str,
        na_filter=False,
        skip_blank_lines=False,
        engine="c",
    ).fillna("")
    pd.testing.assert_frame_equal(fast, expected)


def test_ragged_csv_is_left_to_the_pandas_parser(tmp_path: Path) -> None:
    from auditor.ingest.readers import _parse_regular_csv

    assert _parse_regular_csv(b"id,email\nA1\nA2,b@qq.com\n", ",", 2) is None
    path = tmp_path / "ragged.csv"
    path.write_text("account_id,email\nA1\nA2,b@qq.com\n", encoding="utf-8")
    data = read_inputs([path])
    assert sorted(data.accounts["account"]) == ["A1", "A2"]
