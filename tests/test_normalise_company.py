"""Company names: legal forms, places, full-width text, placeholders."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.normalise._base import map_unique
from auditor.normalise.company import _company_row, normalise_company, normalise_company_value
from auditor.tables import NORMALISED_COLUMNS
from tests.factories import generated_raw, parametrised_strings


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c
                   for c in text)


@pytest.mark.parametrize(
    ("raw", "value", "key", "note"),
    [
        ("深圳市蓝月科技有限公司", "深圳市蓝月科技", "蓝月科技", "legal form: 有限公司"),
        ("Shenzhen Lanyue Trading Co., Ltd.", "shenzhen lanyue trading", "lanyue trading",
         "legal form: co ltd"),
        ("Lanyue Trading (Shenzhen) Co Ltd", "lanyue trading shenzhen", "lanyue trading",
         "legal form: co ltd; place: shenzhen"),
        ("蓝月科技(深圳)有限公司", "蓝月科技深圳", "蓝月科技", "legal form: 有限公司; place: 深圳"),
        ("深圳市宝安区蓝月电子商务商行（个体工商户）", "深圳市宝安区蓝月电子商务", "蓝月电子商务",
         "legal form: 商行 个体工商户"),
        ("广东蓝月贸易股份有限公司", "广东蓝月贸易", "蓝月贸易", "legal form: 股份有限公司"),
        ("义乌市蓝月日用品有限责任公司", "义乌市蓝月日用品", "蓝月日用品",
         "legal form: 有限责任公司"),
        ("蓝月科技有限公司深圳分公司", "蓝月科技", "蓝月科技", "legal form: 有限公司 branch"),
        ("A.B.C. Trading L.L.C.", "abc trading", "abc trading", "legal form: llc"),
        ("Smith & Co.", "smith", "smith", "legal form: co"),
        ("The Lanyue Company", "lanyue", "lanyue", "legal form: company"),
        ("Müller GmbH", "muller", "muller", "legal form: gmbh"),
        ("Lanyue (HK) Limited", "lanyue hk", "lanyue", "legal form: limited; place: hk"),
        ("Hong Kong Lanyue International Ltd", "hongkong lanyue international",
         "international lanyue", "legal form: ltd"),
        ("ABC科技有限公司", "abc科技", "abc 科技", "legal form: 有限公司"),
        ("Lanyue", "lanyue", "lanyue", None),
        ("株式会社ABC", "abc", "abc", "legal form: 株式会社"),
        ("ABC株式会社", "abc", "abc", "legal form: 株式会社"),
        # Nothing but generic words once the place goes: the key keeps the place.
        ("深圳市科技有限公司", "深圳市科技", "深圳市科技", "legal form: 有限公司"),
        ("Shenzhen Trading Co", "shenzhen trading", "shenzhen trading", "legal form: co"),
    ],
)
def test_company_table(raw: str, value: str, key: str, note: str | None) -> None:
    result = normalise_company_value(raw)
    assert (result.value, result.key, result.note, result.status) == (value, key, note, "ok")


@pytest.mark.parametrize(
    "variants",
    [
        ["Shenzhen Lanyue Trading Co., Ltd.", "SHENZHEN LANYUE TRADING CO LTD",
         "Shenzhen Lanyue Trading Company Limited", "shenzhen lanyue trading co.,limited",
         "Shenzhen  Lanyue  Trading Ltd", "Shenzhen Lanyue Trading Limited",
         full_width("Shenzhen Lanyue Trading Co., Ltd."), "Shenzhen Lanyue Trading"],
        ["深圳市蓝月科技有限公司", "深圳市蓝月科技有限责任公司", "深圳市 蓝月科技 有限公司",
         "深圳市蓝月科技股份有限公司", "深圳市蓝月科技（个体工商户）", "深圳市蓝月科技"],
        ["Lanyue LLC", "Lanyue L.L.C.", "LANYUE, LLC", "Lanyue Limited Liability Company",
         "Lanyue Inc", "Lanyue Inc.", "Lanyue Incorporated", "Lanyue Corp", "Lanyue Corporation",
         "Lanyue GmbH", "Lanyue S.A.R.L.", "Lanyue SARL", "Lanyue Pte. Ltd.", "Lanyue PLC"],
        ["Lanyue E-Commerce Co., Ltd.", "Lanyue Ecommerce Ltd", "Lanyue E Commerce Limited"],
        ["A&B Trading Ltd", "A and B Trading Ltd", "A & B Trading Co., Ltd."],
    ],
)
def test_variants_share_value(variants: list[str]) -> None:
    values = {normalise_company_value(v).value for v in variants}
    assert len(values) == 1, values


@pytest.mark.parametrize(
    "variants",
    [
        ["Shenzhen Lanyue Trading Co., Ltd.", "Lanyue Trading (Shenzhen) Co., Ltd.",
         "Guangdong Lanyue Trading Ltd", "Lanyue Trading (HK) Limited", "Lanyue Trading"],
        ["深圳市蓝月科技有限公司", "蓝月科技(深圳)有限公司", "广东省深圳市蓝月科技有限公司",
         "深圳蓝月科技有限公司", "蓝月科技有限公司", "【深圳】蓝月科技有限公司"],
    ],
)
def test_place_variants_share_key(variants: list[str]) -> None:
    keys = {normalise_company_value(v).key for v in variants}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ABC Trading Co., Ltd.", "ABC Technology Co., Ltd."),  # generic words stay
        ("Shenzhen Trading Co", "Guangzhou Trading Co"),  # generic-only keys keep places
        ("深圳市科技有限公司", "广州市科技有限公司"),
        ("深圳市蓝月科技有限公司", "Shenzhen Lanyue Technology Co., Ltd."),  # no translation
    ],
)
def test_different_companies_do_not_share_key(a: str, b: str) -> None:
    assert normalise_company_value(a).key != normalise_company_value(b).key


def test_place_stays_in_value() -> None:
    a = normalise_company_value("蓝月科技(深圳)有限公司")
    b = normalise_company_value("深圳市蓝月科技有限公司")
    assert a.value != b.value
    assert a.key == b.key


@pytest.mark.parametrize(
    "raw",
    ["n/a", "N/A", "无", "个人", "none", "-", "--", "/", "同上", "暂无", "个人卖家", "NULL",
     "Co., Ltd.", "有限公司", "Limited", "Individual", "0"],
)
def test_placeholders_are_non_linking(raw: str) -> None:
    result = normalise_company_value(raw)
    assert result.status == "non_linking"
    assert result.value is None and result.key is None
    assert result.reason


def test_series_keeps_index_and_handles_missing() -> None:
    raw = pd.Series(
        ["深圳市蓝月科技有限公司", None, np.nan, "深圳市蓝月科技有限公司", "  ", "n/a"],
        index=[10, 11, 12, 13, 14, 15],
    )
    out = normalise_company(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert list(out.index) == [10, 11, 12, 13, 14, 15]
    assert out["value"].tolist() == ["深圳市蓝月科技", None, None, "深圳市蓝月科技", None, None]
    assert out["status"].tolist() == ["ok", "invalid", "invalid", "ok", "invalid", "non_linking"]


_NAME_WORDS = st.sampled_from(
    ["lanyue", "maple", "birch", "aurora", "sunrise", "trading", "technology", "home",
     "global", "smart", "jiahe", "xinda", "7eleven", "3d"]
)
_LEGAL = st.sampled_from(
    ["", " Co., Ltd.", " Co Ltd", " Company Limited", " Limited", " Ltd", " LLC", " L.L.C.",
     " Inc", " Incorporated", " Corp", " Corporation", " GmbH", " S.A.R.L.", " co.,ltd"]
)


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(_NAME_WORDS, min_size=1, max_size=4),
    legal_a=_LEGAL,
    legal_b=_LEGAL,
    upper=st.booleans(),
    wide=st.booleans(),
)
def test_legal_form_case_and_width_do_not_matter(
    words: list[str], legal_a: str, legal_b: str, upper: bool, wide: bool
) -> None:
    name = " ".join(words).title()
    other = name + legal_b
    other = other.upper() if upper else other
    other = full_width(other) if wide else other
    a = normalise_company_value(name + legal_a)
    b = normalise_company_value(other)
    assert a.value == b.value
    assert a.key == b.key


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_value_is_idempotent_and_garbage_never_raises(raw: str) -> None:
    result = normalise_company_value(raw.strip() or "x")
    assert result.status in {"ok", "invalid", "non_linking"}
    if result.status == "ok":
        assert result.value
        assert normalise_company_value(result.value).value == result.value


# --- the batch path (normalise_company) gives what normalise_company_value gives ------------


def _reference_row(text: str) -> tuple[object, ...]:
    result = normalise_company_value(text)
    return tuple(getattr(result, c) for c in NORMALISED_COLUMNS)


def assert_batch_is_reference(values: list[str]) -> None:
    for value in values:
        text = value.strip()
        if text:
            assert _company_row(text) == _reference_row(text), value
    raw = pd.Series([*values, None, np.nan, "", "  "], dtype=object)
    pd.testing.assert_frame_equal(normalise_company(raw),
                                  map_unique(raw, normalise_company_value))


def test_batch_is_reference_on_generated_and_table_values() -> None:
    values = generated_raw("company") + parametrised_strings(globals())
    values += [full_width(v) for v in values[:200]] + [v.upper() for v in values[:200]]
    assert len(values) > 500
    assert_batch_is_reference(values)


_FRAGMENTS = st.sampled_from(
    ["Shenzhen", "SHENZHEN", "Lanyue", "Trading", "trading", "Technology", "Co.,", "Co.", "Co",
     "Ltd.", "LTD", "Limited", "Company", "LLC", "L.L.C.", "Inc", "GmbH", "S.A.R.L.", "Pte",
     "&", "+", "and", "the", "The", "(Shenzhen)", "(HK)", "(Hong Kong)", "（深圳）", "【深圳】",
     "(", ")", "（", "）", "Hong Kong", "hong", "kong", "E-Commerce", "e commerce", "A.B.C.",
     "A", "B", "c", "深圳市", "深圳", "广东省", "南山区", "蓝月", "科技", "贸易", "有限公司",
     "股份有限公司", "有限责任公司", "分公司", "深圳分公司", "（个体工商户）", "个体工商户",
     "商行", "经营部", "工作室", "株式会社", "个人", "公司", "n/a", "N/A", "无", "-", "--", "123",
     "7eleven", "3d", "Ｆｕｌｌ", "Müller", "Ö", "'", "’", "·", ",", ".", "_", "Xi'an", "xi an",
     "P.R. China", "United States", "USA", "global", "branch", "(branch)", "南京路", "Individual",
     "company name", "0"]
)
_SEPARATORS = st.sampled_from(["", " ", "  ", ", ", ".", "\u3000", "-", "/"])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(_FRAGMENTS, _SEPARATORS), min_size=1, max_size=7))
def test_batch_is_reference_on_assembled_names(parts: list[tuple[str, str]]) -> None:
    assert_batch_is_reference(["".join(f + s for f, s in parts)])


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_batch_is_reference_on_any_text(raw: str) -> None:
    assert_batch_is_reference([raw])
