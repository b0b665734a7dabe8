"""Person names: Han and pinyin meet on the key, token order and case do not matter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.normalise._base import map_unique
from auditor.normalise.person import _person_row, normalise_person, normalise_person_value
from auditor.normalise.text import segment_pinyin
from auditor.tables import NORMALISED_COLUMNS
from tests.factories import generated_raw, parametrised_strings


@pytest.mark.parametrize(
    ("raw", "value", "key"),
    [
        ("张伟", "张伟", "wei zhang"),
        ("张 伟", "张伟", "wei zhang"),
        ("张伟（法人）", "张伟", "wei zhang"),
        ("张伟先生", "张伟", "wei zhang"),
        ("张伟 Zhang Wei", "张伟", "wei zhang"),
        ("Zhang Wei", "wei zhang", "wei zhang"),
        ("ZHANG, Wei", "wei zhang", "wei zhang"),
        ("zhangwei", "zhangwei", "wei zhang"),
        ("Ｚｈａｎｇ　Ｗｅｉ", "wei zhang", "wei zhang"),
        ("Mr. Zhang Wei", "wei zhang", "wei zhang"),
        ("欧阳修", "欧阳修", "ou xiu yang"),
        ("Ouyang Xiu", "ouyang xiu", "ou xiu yang"),
        ("吕布", "吕布", "bu lu"),
        ("Lü Bu", "bu lu", "bu lu"),
        ("Lyu Bu", "bu lyu", "bu lu"),
        ("Lv Bu", "bu lv", "bu lu"),
        ("单雄信", "单雄信", "shan xin xiong"),  # surname reading, not "dan"
        ("曾国藩", "曾国藩", "fan guo zeng"),
        ("Wei-Ming Zhang", "weiming zhang", "ming wei zhang"),
        ("John Smith", "john smith", "john smith"),
        ("José García", "garcia jose", "garcia jose"),
        ("阿卜杜·艾力", "阿卜杜艾力", "a ai bo du li"),
    ],
)
def test_person_table(raw: str, value: str, key: str) -> None:
    result = normalise_person_value(raw)
    assert (result.value, result.key, result.status) == (value, key, "ok")


@pytest.mark.parametrize(
    "variants",
    [
        ["张伟", "Zhang Wei", "Wei Zhang", "ZHANG, Wei", "zhangwei", "ZhangWei", "WEI ZHANG",
         "Zhang  Wei", "zhang-wei"],
        ["王秀英", "Wang Xiuying", "Xiuying Wang", "WANG XIU YING", "wangxiuying"],
        ["欧阳娜娜", "Ouyang Nana", "OUYANG, Nana", "Nana Ouyang"],
        ["李明", "Li Ming", "Ming Li", "LIMING"],
    ],
)
def test_cross_script_variants_share_key(variants: list[str]) -> None:
    keys = {normalise_person_value(v).key for v in variants}
    assert len(keys) == 1, keys


def test_han_note_gives_pinyin_in_written_order() -> None:
    assert normalise_person_value("张伟").note == "pinyin: zhang wei"


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("法人", "non_linking"),
        ("法定代表人", "non_linking"),
        ("n/a", "non_linking"),
        ("无", "non_linking"),
        ("-", "non_linking"),
        ("张先生", "non_linking"),
        ("王总", "non_linking"),
        ("王", "non_linking"),
        ("Mr.", "non_linking"),
        ("Legal Representative", "non_linking"),
        ("张伟123", "invalid"),
        ("深圳市蓝月科技有限公司", "invalid"),
        ("Lanyue Trading Ltd", "invalid"),
    ],
)
def test_not_a_name(raw: str, status: str) -> None:
    result = normalise_person_value(raw)
    assert result.status == status
    assert result.value is None and result.key is None
    assert result.reason


def test_unspaced_pinyin_is_segmented() -> None:
    assert segment_pinyin("zhangwei") == ("zhang", "wei")
    assert segment_pinyin("ouyang") == ("ou", "yang")
    assert segment_pinyin("xian") == ("xian",)  # fewest syllables
    assert segment_pinyin("lina") == ("li", "na")  # no later syllable starts with a/o/e
    assert segment_pinyin("tiananmen") == ("tian", "an", "men")  # apostrophe left out
    assert segment_pinyin("smith") is None


def test_series_keeps_index_and_handles_missing() -> None:
    raw = pd.Series(["张伟", None, "Zhang Wei", np.nan, "张伟"], index=list("abcde"))
    out = normalise_person(raw)
    assert list(out.columns) == list(NORMALISED_COLUMNS)
    assert list(out.index) == list("abcde")
    assert out["key"].tolist() == ["wei zhang", None, "wei zhang", None, "wei zhang"]
    assert out["status"].tolist() == ["ok", "invalid", "ok", "invalid", "ok"]


# Characters with one reading, alone and in any combination of these.
SURNAMES = dict(zip("张王李刘陈杨黄周吴徐孙马朱胡林郭何高罗郑",
                    "zhang wang li liu chen yang huang zhou wu xu sun ma zhu hu lin guo he gao "
                    "luo zheng".split(), strict=True))
GIVEN = dict(zip("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚英华鹏",
                 "wei fang na min jing li qiang lei jun yang yong yan jie tao ming chao xiu xia "
                 "ping gang ying hua peng".split(), strict=True))


@settings(max_examples=200, deadline=None)
@given(
    surname=st.sampled_from(sorted(SURNAMES)),
    given_chars=st.lists(st.sampled_from(sorted(GIVEN)), min_size=1, max_size=2),
    surname_last=st.booleans(),
    comma=st.booleans(),
    case=st.sampled_from([str.lower, str.upper, str.title]),
)
def test_han_name_meets_its_pinyin_in_any_order_and_case(
    surname: str, given_chars: list[str], surname_last: bool, comma: bool, case: object
) -> None:
    han = surname + "".join(given_chars)
    given_pinyin = "".join(GIVEN[c] for c in given_chars)
    parts = [SURNAMES[surname], given_pinyin]
    if surname_last:
        parts.reverse()
    latin = (", " if comma else " ").join(parts)
    latin = case(latin)  # type: ignore[operator]
    a = normalise_person_value(han)
    b = normalise_person_value(latin)
    assert a.key == b.key
    # Spelled the same way, every order and case gives one value.
    assert b.value == normalise_person_value(f"{parts[1]} {parts[0]}".upper()).value


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["john", "mary", "smith", "o'brien", "van", "der", "berg",
                                 "jean-pierre", "lee", "kim", "ana"]), min_size=1, max_size=4),
       st.randoms(use_true_random=False))
def test_token_order_does_not_matter(tokens: list[str], rnd: object) -> None:
    shuffled = list(tokens)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = normalise_person_value(" ".join(tokens))
    b = normalise_person_value(", ".join(t.upper() for t in shuffled))
    assert (a.value, a.key) == (b.value, b.key)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_value_is_idempotent_and_garbage_never_raises(raw: str) -> None:
    result = normalise_person_value(raw.strip() or "x")
    assert result.status in {"ok", "invalid", "non_linking"}
    if result.status == "ok":
        again = normalise_person_value(result.value or "")
        assert again.value == result.value
        assert again.key == result.key


# --- the batch path (normalise_person) gives what normalise_person_value gives ----------------


def _reference_row(text: str) -> tuple[object, ...]:
    result = normalise_person_value(text)
    return tuple(getattr(result, c) for c in NORMALISED_COLUMNS)


def assert_batch_is_reference(values: list[str]) -> None:
    for value in values:
        text = value.strip()
        if text:
            assert _person_row(text) == _reference_row(text), value
    raw = pd.Series([*values, None, np.nan, "", "  "], dtype=object)
    pd.testing.assert_frame_equal(normalise_person(raw), map_unique(raw, normalise_person_value))


def test_batch_is_reference_on_generated_and_table_values() -> None:
    values = generated_raw("person") + parametrised_strings(globals())
    values += [v.upper() for v in values[:200]] + [v.replace(" ", ", ") for v in values[:200]]
    values += ["".join(SURNAMES) + "".join(GIVEN), *SURNAMES, *GIVEN]
    assert len(values) > 500
    assert_batch_is_reference(values)


_FRAGMENTS = st.sampled_from(
    ["张伟", "张", "伟", "王", "李明", "单雄信", "曾国藩", "欧阳娜娜", "吕", "乐", "长", "重庆",
     "银行", "长城", "先生", "女士", "总", "经理", "法人", "（法人）", "(director)", "(", ")",
     "有限公司", "科技", "Zhang", "ZHANG", "Wei", "wei", "zhangwei", "ZhangWei", "Ouyang", "Lü",
     "Lv", "Lyu", "Xi'an", "xian", "Mr.", "Mr", "MS", "Dr", "Jean-Pierre", "O'Brien", "José",
     "Ｚｈａｎｇ", "阿卜杜", "·", "n/a", "无", "self", "me", "Self", "Ltd", "Trading", "Smith",
     "the", "123", "1", ",", ".", "-", "_", "é", "ß", "Ⅻ", "ｚ"]
)
_SEPARATORS = st.sampled_from(["", " ", ", ", ",", "  ", "\u3000", "·", "\t"])


@settings(max_examples=800, deadline=None)
@given(st.lists(st.tuples(_FRAGMENTS, _SEPARATORS), min_size=1, max_size=5))
def test_batch_is_reference_on_assembled_names(parts: list[tuple[str, str]]) -> None:
    assert_batch_is_reference(["".join(f + s for f, s in parts)])


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=30))
def test_batch_is_reference_on_any_text(raw: str) -> None:
    assert_batch_is_reference([raw])
