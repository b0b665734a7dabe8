"""What a column header means: header synonyms in English and Chinese, and secret columns.

A header is compared by its *key*: NFKC-normalised, case-folded, with everything that is
not a letter or a digit removed, so ``E-mail``, ``EMAIL``, ``邮箱：`` and ``（邮箱）`` are the
same header. A numbered copy (``IP 1``, ``IP2``, ``邮箱(2)``) means the same as ``IP``.

Besides the roles of :data:`auditor.kinds.ROLES`, headers can mean the *long-form* roles
``kind``, ``value``, ``time`` and ``source`` (see :mod:`auditor.ingest.forms`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from auditor.kinds import KINDS, ROLES

#: Roles a column can have in a long-form or event file, on top of :data:`ROLES`.
LONG_ROLES: Final = ("kind", "value", "time", "source")
ALL_ROLES: Final = ROLES + LONG_ROLES

#: Header synonyms per role. For ``account_id`` the order is a priority: when two
#: columns look like account ids, the one listed first here is the id.
SYNONYMS: Final[Mapping[str, tuple[str, ...]]] = {
    "account_id": (
        "account_id", "店铺ID", "卖家ID", "Seller ID", "Merchant Token", "Merchant ID",
        "账号ID", "帐号ID", "账户ID", "店铺编号", "店铺代码", "卖家编号", "商户ID", "商家ID",
        "Store ID", "Shop ID", "Account ID", "Seller Token", "店铺账号", "店铺帐号",
        "店铺账户", "卖家账号", "账号", "帐号", "账户", "Account", "Seller",
    ),
    "account_name": (
        "account_name", "店铺名称", "店铺名", "店名", "店铺", "商店名称", "店铺简称",
        "账号名称", "账户名称", "卖家名称", "Store name", "Shop name", "Store", "Shop",
        "Seller name", "Account name", "Storefront name", "Storefront", "Display name",
        "名称", "Name",
    ),
    "status": (
        "status", "状态", "店铺状态", "账号状态", "账户状态", "帐号状态", "Account status",
        "Store status", "Seller status",
    ),
    "marketplace": (
        "marketplace", "站点", "国家站点", "站点国家", "所属站点", "市场", "国家", "Site",
        "Marketplace ID", "Market", "Country", "Region", "Amazon site", "Amazon marketplace",
    ),
    "company": (
        "company", "公司名称", "公司", "公司名", "企业名称", "企业", "主体", "公司主体",
        "主体公司", "注册公司", "营业执照名称", "营业执照公司名称", "Company name",
        "Legal entity", "Legal name", "Legal business name", "Business name", "Entity",
        "Registered company", "Company legal name", "Business",
    ),
    "person": (
        "person", "法人", "法人代表", "法定代表人", "法人姓名", "法人名称", "法人名字",
        "姓名", "联系人", "联系人姓名", "负责人", "受益人", "受益所有人", "账户持有人",
        "持卡人", "Legal representative", "Representative", "Contact person",
        "Contact name", "Owner", "Beneficial owner", "Primary contact", "Full name",
        "Account holder", "Cardholder", "Cardholder name",
    ),
    "email": (
        "email", "邮箱", "电子邮箱", "邮件", "邮箱地址", "电子邮件", "登录邮箱", "登陆邮箱",
        "注册邮箱", "联系邮箱", "店铺邮箱", "账号邮箱", "E-mail", "Email address",
        "Mail", "Login email", "Contact email", "Seller email", "Emails",
    ),
    "phone": (
        "phone", "手机", "手机号", "手机号码", "电话", "电话号码", "联系电话", "联系方式",
        "注册手机", "注册手机号", "绑定手机", "绑定手机号", "座机", "Phone number", "Mobile",
        "Mobile phone", "Mobile number", "Tel", "Telephone", "Contact number", "Cell phone",
        "Phones",
    ),
    "address": (
        "address", "地址", "公司地址", "注册地址", "经营地址", "办公地址", "发货地址",
        "退货地址", "联系地址", "详细地址", "住址", "家庭地址", "营业执照地址", "账单地址",
        "法人地址", "Company address", "Registered address", "Business address",
        "Billing address", "Office address", "Street address", "Return address",
        "Addresses",
    ),
    "ip": (
        "ip", "IP地址", "登录IP", "登陆IP", "公网IP", "出口IP", "代理IP", "固定IP",
        "服务器IP", "VPS IP", "IP address", "IP addresses", "IPs", "Login IP",
        "Login IPs", "Public IP", "Proxy IP", "Proxy host", "代理主机", "代理服务器",
        "IPv4", "IPv6", "Remote address", "Client IP", "Source IP",
    ),
    "mac": (
        "mac", "MAC地址", "网卡地址", "网卡MAC", "物理地址", "MAC address", "MAC addresses",
        "MACs",
    ),
    "device": (
        "device", "设备ID", "设备", "设备号", "设备编号", "指纹", "浏览器指纹", "设备指纹",
        "机器码", "硬件ID", "电脑", "环境ID", "浏览器环境", "Device ID", "Fingerprint",
        "Browser fingerprint", "Device fingerprint", "Machine ID", "Hardware ID",
        "Computer", "Devices",
    ),
    "bank": (
        "bank", "收款账户", "收款账号", "收款卡号", "收款卡", "银行卡", "银行卡号",
        "银行账号", "银行账户", "对公账户", "对公账号", "开户账号", "结算账户", "回款账户",
        "提现账户", "收款", "Bank account", "Bank account number", "Bank", "IBAN",
        "Deposit account", "Deposit method", "Disbursement account", "Payout account",
        "Payoneer", "Payoneer account", "派安盈", "PingPong", "连连", "连连支付", "万里汇",
        "WorldFirst", "空中云汇", "Airwallex", "LianLian",
    ),
    "card": (
        "card", "信用卡", "信用卡号", "卡号", "付款卡", "扣款卡", "绑定信用卡", "双币卡",
        "Credit card", "Credit card number", "Card number", "Payment card", "Debit card",
        "Charge method", "Cards",
    ),
    "tax_id": (
        "tax_id", "税号", "纳税人识别号", "统一社会信用代码", "社会信用代码", "信用代码",
        "营业执照号", "营业执照号码", "营业执照编号", "公司注册号", "注册号", "VAT号",
        "增值税号", "EIN", "VAT", "VAT number", "VAT ID", "Tax ID", "TIN", "Tax number",
        "USCC", "Business registration number", "Company registration number", "CRN",
        "GST number",
    ),
    "id_number": (
        "id_number", "身份证", "身份证号", "身份证号码", "法人身份证", "法人身份证号",
        "证件号", "证件号码", "身份证件号", "护照", "护照号", "护照号码", "ID number",
        "ID card", "ID card number", "Passport", "Passport number", "National ID", "SSN",
        "Identity number",
    ),
    "listing": (
        "listing", "ASIN", "UPC", "EAN", "GTIN", "JAN", "ISBN", "FNSKU", "父ASIN",
        "子ASIN", "Parent ASIN", "Child ASIN", "ASINs", "Product ID",
    ),
    "kind": ("kind", "type", "类型", "标识类型", "种类", "Identifier type", "ID type", "Field"),
    "value": ("value", "值", "标识", "标识值", "内容", "Identifier"),
    "time": (
        "time", "timestamp", "datetime", "date", "时间", "日期", "登录时间", "登陆时间",
        "访问时间", "最近打开时间", "最后打开时间", "最近登录时间", "最后登录时间",
        "Login time", "Last login", "Last login time", "Last open time", "last_open_time",
        "Seen at", "Observed at", "Event time", "Time (UTC)",
    ),
    "source": ("source", "来源", "数据来源"),
}

#: Fragments of a header key that mean the column holds passwords or other secrets.
#: Such columns are dropped as the file is read: never stored, never printed.
SECRET_FRAGMENTS: Final = (
    "password", "passwd", "passwort", "pwd", "secret", "token", "cookie", "apikey",
    "accesskey", "privatekey", "fakey", "2fa", "totp", "cvv", "cvc", "密码", "口令",
    "密钥", "秘钥", "安全码", "验证码",
)


@functools.lru_cache(maxsize=8192)
def header_key(header: str) -> str:
    """The comparable form of a header: NFKC, case-folded, letters and digits only.

    >>> header_key(" E-mail（登录）: ")
    'email登录'
    """
    folded = unicodedata.normalize("NFKC", str(header)).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for role, headers in SYNONYMS.items():
        for h in headers:
            key = header_key(h)
            if index.setdefault(key, role) != role:
                raise AssertionError(f"header {h!r} is a synonym of {index[key]} and {role}")
    return index


_INDEX: Final = _build_index()
_TRAILING_NUMBER = re.compile(r"\d+$")
_ACCOUNT_ID_RANK: Final = {header_key(h): i for i, h in enumerate(SYNONYMS["account_id"])}


def _candidates(header: str) -> list[str]:
    """Keys to look a header up by: itself, without a number, its last dotted part."""
    keys = [header_key(header)]
    keys.append(_TRAILING_NUMBER.sub("", keys[0]))
    if "." in header:  # flattened JSON keys: "contact.email"; pandas copies: "IP.1"
        leaf = header_key(header.rsplit(".", 1)[1])
        keys += [leaf, _TRAILING_NUMBER.sub("", leaf)]
    return [k for k in keys if k]


@functools.lru_cache(maxsize=8192)
def synonym_role(header: str) -> str | None:
    """The role a header means by the built-in synonyms, or None.

    >>> synonym_role("登录IP 2"), synonym_role("Merchant Token"), synonym_role("备注")
    ('ip', 'account_id', None)
    """
    for key in _candidates(header):
        role = _INDEX.get(key)
        if role is not None:
            return role
    return None


def account_id_rank(header: str) -> int:
    """Priority of an account-id header (lower wins); unknown headers come last."""
    return min((_ACCOUNT_ID_RANK.get(k, len(_ACCOUNT_ID_RANK)) for k in _candidates(header)),
               default=len(_ACCOUNT_ID_RANK))


@functools.lru_cache(maxsize=8192)
def looks_secret(header: str) -> bool:
    """Whether a header names a password, token, cookie or similar secret.

    >>> looks_secret("密码"), looks_secret("user_proxy_config.proxy_password")
    (True, True)
    """
    key = header_key(header)
    return any(fragment in key for fragment in SECRET_FRAGMENTS)


def user_role(header: str, column_map: Mapping[str, str | None]) -> tuple[bool, str | None]:
    """The role the user's ``[columns]`` gives a header: (found, role-or-None)."""
    if header in column_map:
        return True, column_map[header]
    key = header_key(header)
    for name, role in column_map.items():
        if header_key(name) == key:
            return True, role
    return False, None


@dataclass
class HeaderMap:
    """What each column of one table means.

    ``roles`` maps every header to its role, or None when the column is not read;
    ``secret`` lists dropped secret columns, ``unknown`` unrecognised ones and
    ``ignored`` those the user's config says to ignore.
    """

    roles: dict[str, str | None] = field(default_factory=dict)
    secret: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def columns(self, role: str) -> list[str]:
        """Headers with ``role``, in file order (account ids: most id-like first)."""
        found = [h for h, r in self.roles.items() if r == role]
        if role == "account_id":
            found.sort(key=account_id_rank)  # stable: file order among equals
        return found


def is_dropped_secret(header: str, column_map: Mapping[str, str | None]) -> bool:
    """A secret column: it looks secret and neither the user nor a synonym says otherwise."""
    found, _ = user_role(header, column_map)
    return not found and synonym_role(header) is None and looks_secret(header)


def map_headers(headers: list[str], column_map: Mapping[str, str | None]) -> HeaderMap:
    """Map headers to roles: the user's ``[columns]`` first, then synonyms; secrets dropped."""
    result = HeaderMap()
    for header in headers:
        found, role = user_role(header, column_map)
        if found:
            result.roles[header] = role
            if role is None:
                result.ignored.append(header)
            continue
        role = synonym_role(header)
        result.roles[header] = role
        if role is None:
            (result.secret if looks_secret(header) else result.unknown).append(header)
    return result


def kind_of_label(label: str) -> str | None:
    """The identifier kind a long-form ``kind`` cell names (``IP``, ``邮箱``, ``tax_id``…)."""
    role = synonym_role(label)
    return role if role in KINDS else None
