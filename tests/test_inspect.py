"""``auditor inspect``: the report's shape, --json parity with the library, no secrets."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from auditor.cli import app
from auditor.config import Config
from auditor.inspect import inspect_inputs
from auditor.kinds import KINDS

DATA = Path(__file__).parent / "data" / "ingest"
SECRETS = ("Secret-Pa55", "Hunter2-Pa55", "AdsPw-S3cret!", "JBSWY3DPEHPK3PXP", "ProxyPw-9x7!",
           "Another-S3cret", "ProxyPw-2!", "SESSIONCOOKIE123", "tok-ABCDEF-999",
           "JSONL-TOKEN-SECRET")
runner = CliRunner()


def test_to_dict_shape() -> None:
    doc = inspect_inputs([DATA]).to_dict()
    assert {"files", "kinds", "problems", "accounts", "duplicate_accounts"} <= set(doc)
    for f in doc["files"]:
        assert {"path", "sheet", "rows", "columns", "form"} <= set(f)
        assert all(role is None or isinstance(role, str) for role in f["columns"].values())
    assert set(doc["kinds"]) <= set(KINDS)
    for summary in doc["kinds"].values():
        assert {"values", "invalid", "non_linking"} <= set(summary)
        assert summary["ok"] + summary["invalid"] + summary["non_linking"] == summary["values"]
        for reason in summary["reasons"]:
            assert {"status", "reason", "count", "examples"} <= set(reason)
    for p in doc["problems"]:
        assert {"source", "sheet", "row", "column", "severity", "message"} <= set(p)
    forms = {f["source"]: f["form"] for f in doc["files"]}
    assert forms == {"accounts.csv": "wide", "accounts.jsonl": "wide", "adspower.json": "adspower",
                     "logins.csv": "events", "observations.csv": "long"}
    assert doc["duplicate_accounts"]["A001"][0] == "accounts.csv"


def test_values_per_column() -> None:
    doc = inspect_inputs([DATA / "accounts.csv"]).to_dict()
    values = doc["files"][0]["values"]
    assert values["邮箱"] == 5 and values["登录IP"] == 5


def test_json_output_equals_library() -> None:
    result = runner.invoke(app, ["inspect", str(DATA), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(inspect_inputs([DATA]).to_dict()))


def test_config_column_map_and_region(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Shop,收款人账户,备注\nS1,6222000011112222,x\n", encoding="utf-8")
    config = tmp_path / "auditor.toml"
    config.write_text('default_region = "US"\n[columns]\n"Shop" = "account_id"\n'
                      '"收款人账户" = "bank"\n"备注" = "ignore"\n', encoding="utf-8")
    result = runner.invoke(app, ["inspect", str(path), "--json", "--config", str(config)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["files"][0]["columns"] == {"Shop": "account_id", "收款人账户": "bank", "备注": None}
    assert doc["kinds"]["bank"]["values"] == 1
    assert inspect_inputs([path], config=Config(columns={"Shop": "account_id"})).accounts == 1


def test_no_secret_anywhere_in_output() -> None:
    for options in (["--json"], []):
        result = runner.invoke(app, ["inspect", str(DATA), *options])
        assert result.exit_code == 0, result.output
        for secret in SECRETS:
            assert secret not in result.output


def test_secret_kinds_masked_in_examples(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("店铺ID,信用卡,身份证号\nA1,4111 1111 1111 111x,1101051949123100\n",
                    encoding="utf-8")
    doc = inspect_inputs([path]).to_dict()
    text = json.dumps(doc["kinds"], ensure_ascii=False)
    assert "4111 1111" not in text and "11010519" not in text


def test_terminal_tables() -> None:
    result = runner.invoke(app, ["inspect", str(DATA)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for text in ("accounts.csv", "wide", "店铺ID", "account_id", "Identifiers", "secret: dropped",
                 "ignored", "Accounts: ", "A001", "Problems", "is not a time"):
        assert text in out, text


def test_sheet_option(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "店铺"
    first.append(["店铺ID", "邮箱"])
    first.append(["A1", "a@x.com"])
    second = book.create_sheet("登录")
    second.append(["账号", "IP", "时间"])
    second.append(["A1", "8.8.8.8", "2024-03-01 10:00"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    result = runner.invoke(app, ["inspect", str(path), "--json", "--sheet", "登录"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [(f["sheet"], f["form"]) for f in doc["files"]] == [("登录", "events")]
