"""Header synonyms: real headers from seller spreadsheets map to the right roles."""

from __future__ import annotations

import pytest

from auditor.ingest.headers import (
    SYNONYMS,
    header_key,
    is_dropped_secret,
    kind_of_label,
    looks_secret,
    map_headers,
    synonym_role,
)
from auditor.kinds import ROLES

REAL_HEADERS = [
    # account
    ("店铺ID", "account_id"), ("账号ID", "account_id"), ("Seller ID", "account_id"),
    ("Merchant Token", "account_id"), ("卖家ID", "account_id"), ("店铺账号", "account_id"),
    ("seller_id", "account_id"), ("账号", "account_id"), ("Account", "account_id"),
    ("店铺名称", "account_name"), ("店铺名", "account_name"), ("Store name", "account_name"),
    ("store_name", "account_name"), ("状态", "status"), ("Status", "status"),
    ("站点", "marketplace"), ("Marketplace", "marketplace"),
    # identifiers
    ("公司名称", "company"), ("公司", "company"), ("Company", "company"),
    ("Legal entity", "company"), ("法人", "person"), ("法人代表", "person"),
    ("法人姓名", "person"), ("Legal representative", "person"), ("联系人", "person"),
    ("邮箱", "email"), ("电子邮箱", "email"), ("Email", "email"), ("E-mail", "email"),
    ("登录邮箱", "email"), ("手机", "phone"), ("电话", "phone"), ("Phone", "phone"),
    ("联系电话", "phone"), ("手机号", "phone"), ("地址", "address"), ("公司地址", "address"),
    ("Address", "address"), ("注册地址", "address"), ("经营地址", "address"),
    ("IP", "ip"), ("登录IP", "ip"), ("IP地址", "ip"), ("Login IPs", "ip"), ("IP 1", "ip"),
    ("IP2", "ip"), ("ip_address", "ip"), ("MAC", "mac"), ("MAC地址", "mac"),
    ("设备ID", "device"), ("指纹", "device"), ("收款账户", "bank"), ("银行卡", "bank"),
    ("Bank account", "bank"), ("Payoneer", "bank"), ("收款卡号", "bank"),
    ("银行账号", "bank"), ("信用卡", "card"), ("Credit card", "card"), ("税号", "tax_id"),
    ("EIN", "tax_id"), ("VAT", "tax_id"), ("VAT号", "tax_id"),
    ("统一社会信用代码", "tax_id"), ("身份证", "id_number"), ("身份证号", "id_number"),
    ("证件号码", "id_number"), ("ID number", "id_number"), ("Passport", "id_number"),
    ("ASIN", "listing"), ("UPC", "listing"), ("EAN", "listing"),
    # long form and events
    ("kind", "kind"), ("value", "value"), ("登录时间", "time"), ("last_open_time", "time"),
    ("来源", "source"),
]


@pytest.mark.parametrize(("header", "role"), REAL_HEADERS)
def test_real_headers_map_to_roles(header: str, role: str) -> None:
    assert synonym_role(header) == role


@pytest.mark.parametrize("header", [" 邮箱 ", "EMAIL", "e_mail", "（邮箱）", "邮箱：", "ＥＭＡＩＬ",
                                    "Email-Address", "邮箱(2)", "contact.email"])
def test_matching_ignores_case_width_punctuation_and_numbers(header: str) -> None:
    assert synonym_role(header) == "email"


def test_every_role_name_is_its_own_synonym() -> None:
    for role in ROLES:
        assert synonym_role(role) == role


def test_synonyms_do_not_conflict() -> None:
    keys: dict[str, str] = {}
    for role, headers in SYNONYMS.items():
        for h in headers:
            assert keys.setdefault(header_key(h), role) == role, h


@pytest.mark.parametrize("header", ["密码", "Password", "pwd", "登录密码", "proxy_password",
                                    "2FA密钥", "fakey", "cookie", "api_token", "Secret Key"])
def test_secret_headers_are_dropped(header: str) -> None:
    assert looks_secret(header)
    assert is_dropped_secret(header, {})


def test_merchant_token_is_an_id_not_a_secret() -> None:
    assert not is_dropped_secret("Merchant Token", {})


def test_unknown_headers() -> None:
    assert synonym_role("备注") is None
    assert synonym_role("Remarks") is None


def test_config_overrides_synonyms_and_can_ignore() -> None:
    mapping = map_headers(["收款人账户", "备注", "邮箱", "店铺ID"],
                          {"收款人账户": "bank", "邮箱": None, "店铺ID": "account_id"})
    assert mapping.roles == {"收款人账户": "bank", "备注": None, "邮箱": None,
                             "店铺ID": "account_id"}
    assert mapping.unknown == ["备注"]
    assert mapping.ignored == ["邮箱"]


def test_config_keys_match_like_headers() -> None:
    assert map_headers(["Remarks "], {"remarks": "device"}).roles == {"Remarks ": "device"}


def test_two_account_id_columns_prefer_the_more_id_like() -> None:
    mapping = map_headers(["账户", "店铺ID"], {})
    assert mapping.columns("account_id") == ["店铺ID", "账户"]


@pytest.mark.parametrize(("label", "kind"), [("IP", "ip"), ("邮箱", "email"), ("tax_id", "tax_id"),
                                             ("MAC地址", "mac"), ("fax", None), ("状态", None)])
def test_kind_labels(label: str, kind: str | None) -> None:
    assert kind_of_label(label) == kind
