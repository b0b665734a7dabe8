"""Wide, long, event and AdsPower tables; merging accounts across files; secrets."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from auditor.ingest import read_inputs
from auditor.kinds import KINDS

DATA = Path(__file__).parent / "data" / "ingest"

ADSPOWER_SECRETS = ("AdsPw-S3cret!", "JBSWY3DPEHPK3PXP", "ProxyPw-9x7!", "Another-S3cret",
                    "ProxyPw-2!", "SESSIONCOOKIE123", "tok-ABCDEF-999")


def values(data_identifiers: pd.DataFrame, account: str, kind: str) -> list[str]:
    t = data_identifiers
    return list(t.loc[(t["account"] == account) & (t["kind"] == kind), "raw"])


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- wide ----------------------------------------------------------------------------


def test_wide_splits_multi_valued_cells() -> None:
    t = read_inputs([DATA / "accounts.csv"]).identifiers
    assert values(t, "A001", "email") == ["lanyue@qq.com", "lanyue.shop@gmail.com"]
    assert values(t, "A002", "email") == ["lanyue@qq.com", "home@163.com"]  # 、
    assert values(t, "A001", "ip") == ["8.8.8.8", "8.8.4.4"]
    assert values(t, "0003", "ip") == ["1.1.1.1", "9.9.9.9"]  # |
    assert values(t, "A002", "phone") == ["+86 138 0013 8000"]  # spaces kept


def test_wide_names_and_addresses_are_not_split_on_commas() -> None:
    t = read_inputs([DATA / "accounts.csv"]).identifiers
    assert values(t, "A002", "company") == ["Shenzhen Lanyue Trading Co., Ltd."]
    assert values(t, "A001", "address") == ["深圳市南山区科技园1号, 5楼", "深圳市南山区科技园1号"]
    # a multi-line address is one address
    assert values(t, "A002", "address") == ["Room 5, 1 Keji Rd\nNanshan, Shenzhen"]


@pytest.mark.parametrize(("kind", "cell", "expected"), [
    ("公司名称", "A Co., Ltd.\nB Co., Ltd.", ["A Co., Ltd.", "B Co., Ltd."]),
    ("法人", "张伟; 李娜 | 王芳", ["张伟", "李娜", "王芳"]),
    ("法人", "张伟、李娜", ["张伟、李娜"]),
    ("地址", "1 Main St\nSuite 100\nNewark, DE", ["1 Main St\nSuite 100\nNewark, DE"]),
    ("地址", "1 Main St, Newark; 2 High St, Dover", ["1 Main St, Newark", "2 High St, Dover"]),
    ("手机", "13800138000, 13900139000", ["13800138000", "13900139000"]),
    ("登录IP", "1.1.1.1 2.2.2.2\u30003.3.3.3", ["1.1.1.1", "2.2.2.2", "3.3.3.3"]),
])
def test_split_rules_per_kind(tmp_path: Path, kind: str, cell: str, expected: list[str]) -> None:
    frame = pd.DataFrame({"店铺ID": ["A1"], kind: [cell]})
    path = tmp_path / "a.csv"
    frame.to_csv(path, index=False)
    t = read_inputs([path]).identifiers
    assert list(t["raw"]) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("a@x.com;b@x.com", ["a@x.com", "b@x.com"]),
    ("a@x.com；b@x.com，c@x.com", ["a@x.com", "b@x.com", "c@x.com"]),
    ("a@x.com\nb@x.com", ["a@x.com", "b@x.com"]),
    ("a@x.com | b@x.com", ["a@x.com", "b@x.com"]),
    ("a@x.com、b@x.com", ["a@x.com", "b@x.com"]),
    (" a@x.com ,, ", ["a@x.com"]),
    ("-", []),
    ("无", []),
    ("N/A", []),
])
def test_separators(tmp_path: Path, cell: str, expected: list[str]) -> None:
    frame = pd.DataFrame({"店铺ID": ["A1"], "邮箱": [cell]})
    path = tmp_path / "a.csv"
    frame.to_csv(path, index=False)
    assert values(read_inputs([path]).identifiers, "A1", "email") == expected


def test_wide_keeps_leading_zeros_and_row_numbers() -> None:
    data = read_inputs([DATA / "accounts.csv"])
    assert "0003" in set(data.accounts["account"])
    t = data.identifiers
    assert set(t.loc[t["account"] == "0003", "row"]) == {4}
    assert set(t.loc[t["account"] == "A001", "column"]) >= {"公司地址", "经营地址", "登录IP"}


def test_wide_accounts_table() -> None:
    accounts = read_inputs([DATA / "accounts.csv"]).accounts
    assert accounts.to_dict("records")[1] == {
        "account": "A002", "name": "Lanyue Home", "status": "Suspended", "marketplace": "UK",
        "source": "accounts.csv",
    }


def test_password_column_dropped_and_reported_once() -> None:
    data = read_inputs([DATA / "accounts.csv"])
    assert "Secret-Pa55" not in data.identifiers.to_string()
    assert "Secret-Pa55" not in data.accounts.to_string()
    dropped = [p for p in data.problems if p.column == "密码"]
    assert len(dropped) == 1
    assert "passwords" in dropped[0].message and "dropped" in dropped[0].message
    assert data.files[0].columns["密码"] is None
    assert data.files[0].secrets == ["密码"]


def test_unknown_column_reported_and_ignored() -> None:
    data = read_inputs([DATA / "accounts.csv"])
    assert data.files[0].columns["备注"] is None
    assert "老板的号" not in data.identifiers.to_string()
    assert any(p.column == "备注" and p.severity == "info" for p in data.problems)


def test_row_without_account_id_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "店铺ID,邮箱\nA1,a@x.com\n,orphan@x.com\n,,\n")
    data = read_inputs([path])
    assert list(data.accounts["account"]) == ["A1"]
    skipped = [p for p in data.problems if "no account id" in p.message]
    assert [(p.row, p.column) for p in skipped] == [(3, "店铺ID")]


def test_header_only_file_is_a_warning(tmp_path: Path) -> None:
    data = read_inputs([write(tmp_path, "a.csv", "店铺ID,邮箱\n")])
    assert data.accounts.empty and data.identifiers.empty
    assert data.files[0].rows == 0
    assert any("no data rows" in p.message for p in data.problems)


def test_name_used_as_id_without_id_column(tmp_path: Path) -> None:
    data = read_inputs([write(tmp_path, "a.csv", "店铺名称,邮箱\n蓝月旗舰店,a@x.com\n")])
    assert data.accounts.to_dict("records")[0]["account"] == "蓝月旗舰店"
    assert data.accounts.to_dict("records")[0]["name"] == "蓝月旗舰店"
    assert any("name is used as the account id" in p.message for p in data.problems)


def test_column_map_overrides_synonyms(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "Shop,收款人账户,邮箱,备注\nS1,6222000011112222,a@x.com,x\n")
    data = read_inputs([path], column_map={"Shop": "account_id", "收款人账户": "bank",
                                           "邮箱": None})
    assert list(data.accounts["account"]) == ["S1"]
    assert values(data.identifiers, "S1", "bank") == ["6222000011112222"]
    assert values(data.identifiers, "S1", "email") == []
    assert data.files[0].columns == {"Shop": "account_id", "收款人账户": "bank", "邮箱": None,
                                     "备注": None}


# --- events and long -----------------------------------------------------------------


def test_events_with_times() -> None:
    data = read_inputs([DATA / "logins.csv"])
    assert data.files[0].form == "events"
    t = data.identifiers
    a001 = t[(t["account"] == "A001") & (t["kind"] == "ip")]
    assert list(a001["time"]) == [pd.Timestamp("2024-03-01 10:00", tz="UTC")] * 2  # +08:00
    a004 = t[t["account"] == "A004"]
    assert a004["time"].iloc[0] == pd.Timestamp(1709287200, unit="s", tz="UTC")
    bad_time = t[t["account"] == "A002"]
    assert list(bad_time["raw"]) == ["9.9.9.9"] and bad_time["time"].isna().all()
    problems = {(p.row, p.column): p.message for p in data.problems}
    assert "is not a time" in problems[(5, "登录时间")]
    assert "no account id" in problems[(6, "账号")]
    assert set(data.accounts["account"]) == {"A001", "A002", "A004"}


def test_long_form() -> None:
    data = read_inputs([DATA / "observations.csv"])
    assert data.files[0].form == "long"
    t = data.identifiers
    assert set(zip(t["account"], t["kind"], t["raw"], t["column"], strict=True)) == {
        ("A001", "ip", "1.2.3.4", "seller central"),
        ("A002", "email", "lanyue@qq.com", "value"),
        ("A005", "phone", "+1 555 0100", "value"),
    }
    assert t.loc[t["account"] == "A005", "time"].iloc[0] == pd.Timestamp("2024-03-02 08:30",
                                                                           tz="UTC")
    unknown = [p for p in data.problems if "not an identifier kind" in p.message]
    assert [(p.row, p.column) for p in unknown] == [(5, "kind"), (6, "kind")]
    assert "A006" in set(data.accounts["account"])  # row without a value: account kept


def test_every_row_used_or_reported(tmp_path: Path) -> None:
    """Nothing silently dropped: each data row gives values, an account, or a problem."""
    for name in ("accounts.csv", "logins.csv", "observations.csv"):
        data = read_inputs([DATA / name])
        raw = pd.read_csv(DATA / name, dtype=str, keep_default_na=False)
        used = set(data.identifiers["row"])
        reported = {p.row for p in data.problems if p.row is not None}
        ids = raw.iloc[:, 0]
        for i, account in enumerate(ids, start=2):
            assert i in used or i in reported or account in set(data.accounts["account"]), (
                name, i)


# --- AdsPower ------------------------------------------------------------------------


def test_adspower_profiles() -> None:
    data = read_inputs([DATA / "adspower.json"])
    assert data.files[0].form == "adspower"
    accounts = data.accounts.set_index("account")
    assert list(accounts.index) == ["蓝月旗舰店", "102", "Maple Goods"]  # 102: unnamed profile
    t = data.identifiers
    assert values(t, "蓝月旗舰店", "ip") == ["8.8.8.8", "45.77.1.2"]  # ip and proxy host
    assert values(t, "蓝月旗舰店", "email") == ["lanyue@qq.com"]
    assert values(t, "102", "phone") == ["13800138000"]
    assert values(t, "102", "ip") == ["45.77.1.2"]  # the hostname proxy is not an ip
    first = t[t["account"] == "蓝月旗舰店"]
    assert (first["time"] == pd.Timestamp(1709287200, unit="s", tz="UTC")).all()
    assert not (t["account"] == "Maple Goods").any()  # no ip, username not an email
    messages = " ".join(p.message for p in data.problems)
    assert "gate.example-proxy.com" in messages and "hostname" in messages


def test_adspower_secrets_never_kept() -> None:
    data = read_inputs([DATA / "adspower.json"])
    dumped = "\n".join([
        data.identifiers.to_csv(), data.accounts.to_csv(),
        json.dumps([f.to_dict() for f in data.files], ensure_ascii=False),
        "\n".join(p.line() for p in data.problems),
    ])
    for secret in ADSPOWER_SECRETS:
        assert secret not in dumped
    assert set(data.files[0].secrets) == {"password", "fakey", "cookie", "api_token",
                                          "user_proxy_config.proxy_password"}


def test_adspower_names_match_spreadsheet_accounts() -> None:
    data = read_inputs([DATA / "accounts.csv", DATA / "adspower.json"])
    t = data.identifiers
    assert "蓝月旗舰店" not in set(data.accounts["account"])
    assert set(t.loc[t["source"] == "adspower.json", "account"]) == {"A001", "102"}
    assert data.merged_accounts["A001"] == ["accounts.csv", "adspower.json"]
    assert any("matched to account ids by name" in p.message for p in data.problems)


# --- merging -------------------------------------------------------------------------


def test_accounts_merge_first_non_empty_wins(tmp_path: Path) -> None:
    a = write(tmp_path, "a.csv", "店铺ID,店铺名称,状态\nA1,,Active\nA2,Two,\n")
    b = write(tmp_path, "b.csv", "店铺ID,店铺名称,状态,站点\nA1,One,Suspended,US\nA3,Three,,\n")
    data = read_inputs([a, b])
    assert data.accounts.to_dict("records") == [
        {"account": "A1", "name": "One", "status": "Active", "marketplace": "US",
         "source": "a.csv"},
        {"account": "A2", "name": "Two", "status": None, "marketplace": None, "source": "a.csv"},
        {"account": "A3", "name": "Three", "status": None, "marketplace": None,
         "source": "b.csv"},
    ]
    assert data.merged_accounts == {"A1": ["a.csv", "b.csv"]}


def test_account_labels_repeated_on_many_rows_are_one_string(tmp_path: Path) -> None:
    # A million accounts' "Active" held as one string, not a million (60 MB each column).
    rows = "".join(f"A{i},Shop {i},{'Active' if i % 3 else ''},US\n" for i in range(30))
    data = read_inputs([write(tmp_path, "a.csv", "店铺ID,店铺名称,状态,站点\n" + rows)])
    for column in ("status", "marketplace", "source"):
        present = [v for v in data.accounts[column] if v is not None]
        assert len(present) >= 20 and len({id(v) for v in present}) == 1, column
    assert data.accounts["status"].tolist()[:3] == [None, "Active", "Active"]
    assert data.accounts["status"].dtype == object


def test_all_fixture_kinds_are_known() -> None:
    data = read_inputs([DATA])
    assert set(data.identifiers["kind"]) <= set(KINDS)
