from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from auditor.normalise._base import map_unique
from auditor.normalise.email import normalise_email, normalise_email_value
from auditor.sample import generate
from auditor.tables import NORMALISED_COLUMNS
from tests.factories import assert_batch_is_reference

FAST = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("raw", "value", "key", "note"),
    [
        # wrapping, case, width
        ("lanyue.shop@163.com", "lanyue.shop@163.com", "lanyueshop", "163.com; free mail"),
        ("  LanYue.Shop@163.COM  ", "lanyue.shop@163.com", "lanyueshop", "163.com; free mail"),
        ("mailto:lanyue.shop@163.com", "lanyue.shop@163.com", "lanyueshop", "163.com; free mail"),
        ("MAILTO:lanyue.shop@163.com?subject=hi", "lanyue.shop@163.com", "lanyueshop",
         "163.com; free mail"),
        ("张伟 <lanyue.shop@163.com>", "lanyue.shop@163.com", "lanyueshop", "163.com; free mail"),
        ('"Zhang, Wei" <lanyue.shop@163.com>', "lanyue.shop@163.com", "lanyueshop",
         "163.com; free mail"),
        ("lanyue.shop@163.com (张伟)", "lanyue.shop@163.com", "lanyueshop", "163.com; free mail"),
        ("'lanyue.shop@163.com'", "lanyue.shop@163.com", "lanyueshop", "163.com; free mail"),
        ("lanyue.shop@163.com.", "lanyue.shop@163.com", "lanyueshop", "163.com; free mail"),
        ("ｌａｎｙｕｅ．ｓｈｏｐ＠１６３．ｃｏｍ", "lanyue.shop@163.com", "lanyueshop",
         "163.com; free mail"),
        ("lanyue.shop＠163。com", "lanyue.shop@163.com", "lanyueshop", "163.com; free mail"),
        ("＜lanyue.shop@163.com＞", "lanyue.shop@163.com", "lanyueshop", "163.com; free mail"),
        ("123456789@qq.com", "123456789@qq.com", "123456789", "qq.com; free mail"),
        ("13800138000@139.com", "13800138000@139.com", "13800138000", "139.com; free mail"),
        # Gmail: dots, +tag, googlemail
        ("J.Doe+shop@GoogleMail.com", "jdoe@gmail.com", "jdoe", "gmail.com; free mail"),
        ("j.d.o.e@gmail.com", "jdoe@gmail.com", "jdoe", "gmail.com; free mail"),
        ("jdoe+amazon.us@gmail.com", "jdoe@gmail.com", "jdoe", "gmail.com; free mail"),
        ("LanYue.Shop+us@gmail.com", "lanyueshop@gmail.com", "lanyueshop", "gmail.com; free mail"),
        # +tag for providers with subaddressing; dots kept
        ("lan.yue+de@outlook.com", "lan.yue@outlook.com", "lanyue", "outlook.com; free mail"),
        ("lanyue+1@hotmail.com", "lanyue@hotmail.com", "lanyue", "hotmail.com; free mail"),
        ("lanyue+uk@hotmail.co.uk", "lanyue@hotmail.co.uk", "lanyue",
         "hotmail.co.uk; free mail"),
        ("lanyue+jp@outlook.jp", "lanyue@outlook.jp", "lanyue", "outlook.jp; free mail"),
        ("lanyue+x@live.cn", "lanyue@live.cn", "lanyue", "live.cn; free mail"),
        ("lanyue+x@icloud.com", "lanyue@icloud.com", "lanyue", "icloud.com; free mail"),
        ("lanyue+x@me.com", "lanyue@me.com", "lanyue", "me.com; free mail"),
        ("lanyue+x@proton.me", "lanyue@proton.me", "lanyue", "proton.me; free mail"),
        ("lanyue+x@protonmail.com", "lanyue@protonmail.com", "lanyue",
         "protonmail.com; free mail"),
        # providers without subaddressing (or unknown): + kept in the value, not in the key
        ("lanyue+x@yahoo.com", "lanyue+x@yahoo.com", "lanyue", "yahoo.com; free mail"),
        ("lanyue-shop@yahoo.com", "lanyue-shop@yahoo.com", "lanyueshop", "yahoo.com; free mail"),
        ("lanyue+x@qq.com", "lanyue+x@qq.com", "lanyue", "qq.com; free mail"),
        ("sales+amazon@lanyue-tech.com", "sales+amazon@lanyue-tech.com", None,
         "lanyue-tech.com; custom domain"),
        ("x@live.lanyue-tech.com", "x@live.lanyue-tech.com", "x",
         "live.lanyue-tech.com; custom domain"),
        ("Zhang_Wei@Lanyue-Tech.com.cn", "zhang_wei@lanyue-tech.com.cn", "zhangwei",
         "lanyue-tech.com.cn; custom domain"),
        # role mailboxes: real mailboxes, no fuzzy key
        ("info@lanyue-tech.com", "info@lanyue-tech.com", None, "lanyue-tech.com; custom domain"),
        ("Customer.Service@lanyue-tech.com", "customer.service@lanyue-tech.com", None,
         "lanyue-tech.com; custom domain"),
        ("kefu@lanyue-tech.com", "kefu@lanyue-tech.com", None, "lanyue-tech.com; custom domain"),
        # IDN domains and non-ASCII local parts
        ("用户@例子.中国", "用户@xn--fsqu00a.xn--fiqs8s", "用户",
         "xn--fsqu00a.xn--fiqs8s; custom domain"),
        ("用户@xn--fsqu00a.xn--fiqs8s", "用户@xn--fsqu00a.xn--fiqs8s", "用户",
         "xn--fsqu00a.xn--fiqs8s; custom domain"),
        ("zhang@蓝月科技.公司", "zhang@xn--2qut4hh6tfnk.xn--55qx5d", "zhang",
         "xn--2qut4hh6tfnk.xn--55qx5d; custom domain"),
        ("ZHANG@BÜCHER.DE", "zhang@xn--bcher-kva.de", "zhang", "xn--bcher-kva.de; custom domain"),
        ("张伟@qq.com", "张伟@qq.com", "张伟", "qq.com; free mail"),
        ("a.o'neil@lanyue-tech.com", "a.o'neil@lanyue-tech.com", "ao'neil",
         "lanyue-tech.com; custom domain"),
    ],
)  # fmt: skip
def test_valid(raw: str, value: str, key: str | None, note: str) -> None:
    result = normalise_email_value(raw)
    assert (result.value, result.key, result.note) == (value, key, note)
    assert (result.status, result.reason, result.partial) == ("ok", None, None)


@pytest.mark.parametrize(
    ("raw", "value", "reason"),
    [
        ("noreply@amazon.com", "noreply@amazon.com", "no-reply address"),
        ("no-reply@sellercentral.amazon.com", "no-reply@sellercentral.amazon.com",
         "no-reply address"),
        ("DoNotReply@lanyue-tech.com", "donotreply@lanyue-tech.com", "no-reply address"),
        ("test@gmail.com", "test@gmail.com", "placeholder address"),
        ("none@qq.com", "none@qq.com", "placeholder address"),
        ("xxx@163.com", "xxx@163.com", "placeholder address"),
        ("无@qq.com", "无@qq.com", "placeholder address"),
        ("test@test.com", "test@test.com", "placeholder address"),
        ("a@a.com", "a@a.com", "placeholder address (same word on both sides of the @)"),
        ("abc@abc.com", "abc@abc.com", "placeholder address (same word on both sides of the @)"),
        ("qq@qq.com", "qq@qq.com", "placeholder address (same word on both sides of the @)"),
        ("none@none", "none@none", "placeholder address"),
        ("zhang@example.com", "zhang@example.com", "placeholder domain"),
        ("zhang@example.org", "zhang@example.org", "placeholder domain"),
        ("zhang@example.net", "zhang@example.net", "placeholder domain"),
        ("zhang@mail.example.com", "zhang@mail.example.com", "placeholder domain"),
        ("zhang@example.cn", "zhang@example.cn", "placeholder domain"),
        ("zhang@test.com", "zhang@test.com", "placeholder domain"),
        ("zhang@shop.test", "zhang@shop.test", "reserved domain (RFC 2606)"),
        ("zhang@router.local", "zhang@router.local", "reserved domain (RFC 2606)"),
        ("lanyue@localhost", "lanyue@localhost", "reserved domain (RFC 2606)"),
    ],
)  # fmt: skip
def test_non_linking(raw: str, value: str, reason: str) -> None:
    result = normalise_email_value(raw)
    assert (result.value, result.status, result.reason) == (value, "non_linking", reason)
    assert result.key is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("lanyue.shop", "not an email address (no @)"),
        ("lanyue.shop163.com", "not an email address (no @)"),
        ("张伟", "not an email address (no @)"),
        ("a@b@163.com", "more than one @ in an email address"),
        ("lanyue@@163.com", "more than one @ in an email address"),
        ("@163.com", "nothing before the @"),
        ("lanyue@", "nothing after the @"),
        ("lanyue@.", "nothing after the @"),
        ("lan yue@163.com", "spaces inside an email address"),
        ("lanyue@163 .com", "spaces inside an email address"),
        ("lanyue@163.com lanyue@qq.com", "more than one @ in an email address"),
        ("lan,yue@163.com", "characters not allowed in an email address"),
        ("lan(yue@163.com", "characters not allowed in an email address"),
        ('"lan yue"@163.com', "spaces inside an email address"),
        (".lanyue@163.com", "misplaced dot before the @"),
        ("lanyue.@163.com", "misplaced dot before the @"),
        ("lan..yue@163.com", "misplaced dot before the @"),
        ("x" * 65 + "@163.com", "part before the @ longer than 64 bytes"),
        ("lanyue@163", "domain has no dot"),
        ("lanyue@lanyue-tech", "domain has no dot"),
        ("lanyue@163,com", "domain is not a valid host name"),
        ("lanyue@163..com", "domain is not a valid host name"),
        ("lanyue@-163.com", "domain is not a valid host name"),
        ("lanyue@163.c", "domain is not a valid host name"),
        ("lanyue@163.123", "domain is not a valid host name"),
        ("lanyue@[192.168.0.1]", "domain is not a valid host name"),
        ("lanyue@163_mail.com", "domain is not a valid host name"),
        ("+amazon@gmail.com", "nothing before the + tag"),
    ],
)
def test_invalid(raw: str, reason: str) -> None:
    result = normalise_email_value(raw)
    assert (result.value, result.key, result.status, result.reason) == (
        None,
        None,
        "invalid",
        reason,
    )


def test_series_keeps_index_and_handles_missing_and_duplicates() -> None:
    raw = pd.Series(
        ["J.Doe+shop@GoogleMail.com", None, "jdoe@gmail.com", float("nan"), " ", "x"],
        index=pd.Index([5, 4, 3, 2, 1, 0], name="row"),
        dtype="object",
    )
    out = normalise_email(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert out.index.equals(raw.index)
    assert out.loc[[5, 3], "value"].tolist() == ["jdoe@gmail.com"] * 2
    assert out.loc[[5, 3], "key"].tolist() == ["jdoe"] * 2
    assert out.loc[[4, 2, 1], "reason"].tolist() == ["empty value"] * 3
    assert out.loc[0, "status"] == "invalid"


# --- properties ---------------------------------------------------------------------------

STATUSES = {"ok", "invalid", "non_linking"}


@FAST
@given(st.emails())
def test_idempotent(email: str) -> None:
    first = normalise_email_value(email)
    assume(first.value is not None)
    assert normalise_email_value(first.value) == first


handles = st.from_regex(r"[a-z][a-z0-9]{2,7}(?:[._-][a-z0-9]{1,6}){0,2}", fullmatch=True)
domains = st.sampled_from(
    ["163.com", "qq.com", "lanyue-tech.com", "shop.lanyue.cn", "gmail.com", "outlook.com"]
)


@FAST
@given(handles, domains)
def test_notations_meet(handle: str, domain: str) -> None:
    email = f"{handle}@{domain}"
    renderings = [
        email,
        email.upper(),
        f"  {email} ",
        f"mailto:{email}",
        f"Mailto:{email.title()}",
        f"张伟 <{email}>",
        f'"Zhang Wei" <{email.upper()}>',
        f"{email} (张伟)",
        f"{email}.",
        email.replace("@", "＠").replace(".", "。"),
    ]
    results = {normalise_email_value(r) for r in renderings}
    assert len(results) == 1


@FAST
@given(
    handles,
    st.lists(st.integers(0, 20), max_size=4),
    st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True),
)
def test_gmail_variants_meet(handle: str, dots: list[int], tag: str) -> None:
    plain = handle.replace(".", "")
    dotted = list(plain)
    for position in sorted({min(d, len(dotted) - 1) for d in dots if d > 0}, reverse=True):
        if 0 < position < len(dotted):
            dotted.insert(position, ".")
    variants = [
        f"{plain}@gmail.com",
        f"{''.join(dotted)}@gmail.com",
        f"{plain}+{tag}@googlemail.com",
        f"{''.join(dotted).upper()}+{tag}@GMAIL.COM",
    ]
    values = {normalise_email_value(v).value for v in variants}
    assert len(values) == 1


@FAST
@given(st.emails())
def test_key_has_no_separators_or_tag(email: str) -> None:
    result = normalise_email_value(email)
    if result.key is not None:
        assert not set(result.key) & set(".-_+")
        assert result.status == "ok"


@FAST
@given(st.text())
def test_garbage_never_raises(text: str) -> None:
    result = normalise_email_value(text)
    assert result.status in STATUSES
    assert (result.value is None) == (result.status == "invalid")


@FAST
@given(st.text(alphabet="ab.@+-<>\"' ()中＠。:", max_size=30))
def test_email_like_garbage_never_raises(text: str) -> None:
    result = normalise_email_value(text)
    assert result.status in STATUSES


# --- the fast path gives what normalise_email_value gives --------------------------------


def _table_inputs() -> list[str]:
    """The raw values of this file's table tests."""
    tests = (test_valid, test_non_linking, test_invalid)
    return [p[0] for test in tests for mark in vars(test)["pytestmark"] for p in mark.args[1]]


def assert_fast_is_reference(values: Sequence[object]) -> None:
    assert_batch_is_reference(values, normalise_email, normalise_email_value)


def test_fast_path_on_generated_data() -> None:
    ids = generate(2000, seed=5).identifiers
    assert_fast_is_reference(ids.loc[ids["kind"] == "email", "raw"].tolist())


def test_fast_path_on_table_inputs_and_edge_cases() -> None:
    assert_fast_is_reference(_table_inputs())
    assert_fast_is_reference([])
    edges: list[object] = [None, float("nan"), "", " ", 5, b"a@b.com", "a@b", "a@b.c", "a@b.co",
                           "+@gmail.com",
                           "+x@gmail.com", "+x@example.com", "x+@gmail.com", ".a@b.com",
                           "a.@b.com", "a..b@b.com", "a" * 64 + "@b.com", "a" * 65 + "@b.com",
                           "a@" + "b" * 64 + ".com", "a@" + ("b" * 60 + ".") * 5 + "com",
                           "a@-b.com", "a@b-.com", "a@b.c0m", "a@b.xn--fiqs8s", "gmail@gmail.com",
                           "googlemail@googlemail.com", "example@example.co", "test@x.com",
                           "x@test", "x@x.test", "x@sub.example.com", "info@shop.com",
                           "_@x.com", "-.-@x.com", "A.B+C@GoogleMail.Com", "a+b+c@hotmail.co.uk",
                           "a-b@outlook.jp", "a+b@live.cn", "a+b@yahoo.com", "no-reply@x.com",
                           "x@x.localhost", "abc@123.456"]  # fmt: skip
    assert_fast_is_reference(edges)


_locals = st.from_regex(r"[A-Za-z0-9_+\-.]{1,20}", fullmatch=True)
_domains = st.one_of(
    domains,
    st.sampled_from(["GMAIL.COM", "googlemail.com", "hotmail.co.uk", "live.com.au", "outlook.jp",
                     "example.com", "mail.example.org", "test.com", "x.test", "foo.invalid",
                     "yahoo.co.jp", "icloud.com", "a.b", "b-.com", "xn--fiqs8s.com", "x.y.z.cn",
                     "QQ.COM", "sina.com", "126.com", "local", "x.local"]),
    st.from_regex(r"[A-Za-z0-9\-]{1,12}(?:\.[A-Za-z0-9\-]{1,8}){1,3}", fullmatch=True),
)  # fmt: skip


@FAST
@given(st.lists(st.tuples(_locals, _domains), max_size=20))
def test_fast_path_on_address_like_values(parts: list[tuple[str, str]]) -> None:
    assert_fast_is_reference([f"{local}@{domain}" for local, domain in parts])


@FAST
@given(st.lists(st.emails(), max_size=20))
def test_fast_path_on_emails(values: list[str]) -> None:
    assert_fast_is_reference(list(values))


@FAST
@given(st.lists(st.text(alphabet="ab.@+-_ 中＠。AB1", max_size=20), max_size=20))
def test_fast_path_on_email_like_garbage(values: list[str]) -> None:
    assert_fast_is_reference(list(values))


def test_usual_notations_take_the_array_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(text: str) -> None:
        raise AssertionError(f"{text!r} went to normalise_email_value")

    values = ["J.Doe+shop@GoogleMail.com", "lanyue.shop@163.com", "noreply@amazon.com",
              "ADMIN@PANCHAO-HOME.COM", "test@x.com", "a+b@hotmail.co.uk",
              "x@example.com"]  # fmt: skip
    expected = map_unique(pd.Series(values), normalise_email_value)
    monkeypatch.setattr("auditor.normalise.email.normalise_email_value", unexpected)
    pd.testing.assert_frame_equal(normalise_email(pd.Series(values)), expected)
