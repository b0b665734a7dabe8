"""Text helpers: the fast forms give what the plain definitions give, for any text."""

from __future__ import annotations

import re
import sys
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.normalise._base import map_unique
from auditor.normalise.company import normalise_company_value
from auditor.normalise.text import (
    compact,
    drop_non_word,
    fold,
    han_pinyin,
    map_unique_rows,
    ok_row,
    to_pinyin,
    words,
)
from auditor.tables import NORMALISED_COLUMNS

# The definitions the fast forms replace, as they were written.
_BRACKETS = str.maketrans({c: "(" for c in "【〔〖「『《〈"} | {c: ")" for c in "】〕〗」』》〉"})
_JOINERS_RE = re.compile(r"(?<=\w)['’‘`\-‐‑–](?=\w)")
_NON_WORD_RE = re.compile(r"[\W_]+")


def plain_fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().translate(_BRACKETS)
    if text.isascii():
        return text
    return "".join(plain_strip_accent(c) for c in text)


def plain_strip_accent(char: str) -> str:
    if char.isascii() or not char.isalpha():
        return char
    base = unicodedata.normalize("NFKD", char)[0]
    return base if base.isascii() else char


def plain_words(text: str, keep: str = "") -> list[str]:
    text = _JOINERS_RE.sub("", text)
    if not keep:
        return _NON_WORD_RE.sub(" ", text).split()
    for char in keep:
        text = text.replace(char, f" {char} ")
    return re.sub(rf"[^\w{re.escape(keep)}]+|_+", " ", text).split()


# Text from every alphabet the inputs mix: ASCII, Latin with accents, full-width forms,
# CJK brackets and ideographs (unified and compatibility), kana, Greek, digits of other
# scripts, joiners and spaces of all kinds.
MIXED = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x7F),
        st.sampled_from("éÉüÜßøÅæœçñİıǅǄﬁẞ‐‑–’‘`·、，。（）【】《》「」〔〕〖〗『』〈〉\u3000\u00a0"),
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40),
        st.characters(min_codepoint=0xF900, max_codepoint=0xF910),
        st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),
        st.characters(min_codepoint=0x0370, max_codepoint=0x03FF),
        st.sampled_from("٠١٢३४५１２３"),
        st.characters(),
    ),
    max_size=30,
)


@settings(max_examples=1500, deadline=None)
@given(MIXED)
def test_fold_is_the_plain_definition(text: str) -> None:
    assert fold(text) == plain_fold(text)


@settings(max_examples=1500, deadline=None)
@given(MIXED, st.sampled_from(["", "#", "_", "#-", "a", " "]))
def test_words_is_the_plain_definition(text: str, keep: str) -> None:
    assert words(text, keep=keep) == plain_words(text, keep)
    folded = plain_fold(text)
    assert words(folded, keep=keep) == plain_words(folded, keep)


@settings(max_examples=1500, deadline=None)
@given(MIXED)
def test_compact_is_the_plain_definition(text: str) -> None:
    assert compact(text) == "".join(plain_words(plain_fold(text)))
    assert drop_non_word(text) == "".join(plain_words(text))


def test_text_fold_leaves_alone_is_left_alone() -> None:
    # fold() returns ASCII without capitals and CJK Unified Ideographs untouched.
    for code in [*range(0x41), *range(0x5B, 0x80), *range(0x4E00, 0xA000)]:
        assert plain_fold(chr(code)) == chr(code)


def test_fold_never_gives_capitals() -> None:
    # The fast paths read ASCII from fold() as lowercase.
    for code in range(sys.maxunicode + 1):
        if not 0xD800 <= code <= 0xDFFF:
            assert not re.search("[A-Z]", fold(chr(code)))


def test_han_pinyin_is_to_pinyin() -> None:
    from pypinyin.constants import PHRASES_DICT

    rng = np.random.default_rng(5)
    common = (
        "张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
        "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
        "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解查乐盖缪翟种长重行"
        "朝传银国华伟明军强"
    )
    phrases = sorted(p for p in PHRASES_DICT if 2 <= len(p) <= 4)
    names = ["".join(rng.choice(list(common), size=int(rng.integers(1, 6)))) for _ in range(3000)]
    names += [phrases[i] for i in rng.integers(0, len(phrases), size=1000)]
    names += ["".join(chr(c) for c in rng.integers(0x3400, 0x9FFF, size=3)) for _ in range(500)]
    names += ["", "张 伟", "张伟Zhang", "吕单", "重庆市长", "长城"]
    for name in names:
        for surname_first in (False, True):
            assert han_pinyin(name, surname_first=surname_first) == to_pinyin(
                name, surname_first=surname_first
            ), name


@pytest.mark.parametrize(
    "raw",
    [
        pd.Series([], dtype=object),
        pd.Series([None, np.nan, "", "  ", "a", " a ", "b"], index=[5, 3, 1, 0, 2, 4, 6]),
        pd.Series(["x", None, "x"], dtype="string"),
        pd.Series(["x", None, " x", "", "y", np.nan], dtype="str"),
        pd.Series(["x", None, " x", "", "y"], dtype="string[pyarrow]"),
        pd.Series(["1", "2", "1"], index=pd.MultiIndex.from_tuples([(1, 2), (1, 3), (2, 2)])),
    ],
)
def test_map_unique_rows_is_map_unique(raw: pd.Series) -> None:
    def row(text: str) -> tuple[str | None, str | None, str | None, str | None, str, str | None]:
        result = normalise_company_value(text)
        return tuple(getattr(result, c) for c in NORMALISED_COLUMNS)

    expected = map_unique(raw, normalise_company_value)
    got = map_unique_rows(raw, row)
    pd.testing.assert_frame_equal(got, expected)
    assert ok_row("v", key="k") == ("v", "k", None, None, "ok", None)


def plain_segment(word: str, strict: bool) -> tuple[str, ...] | None:
    from auditor.normalise.text import _MAX_SYLLABLE, PINYIN_SYLLABLES

    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[n] = ()
    for i in range(n - 1, -1, -1):
        if strict and i > 0 and word[i] in "aoe":
            continue
        for j in range(min(n, i + _MAX_SYLLABLE), i, -1):
            rest = best[j]
            if rest is None or word[i:j] not in PINYIN_SYLLABLES:
                continue
            candidate = (word[i:j], *rest)
            current = best[i]
            if current is None or len(candidate) < len(current):
                best[i] = candidate
    return best[0]


@settings(max_examples=3000, deadline=None)
@given(st.one_of(
    st.text(alphabet="aeiouvngzhcsrlwxyqjbpmdtfk", min_size=1, max_size=16),
    st.lists(st.sampled_from(["zhang", "wei", "an", "xi", "e", "ou", "yang", "li", "na", "er",
                              "lv", "nve", "ang", "ge", "n", "g"]), min_size=1, max_size=5
             ).map("".join),
))
def test_pinyin_segmentation_is_the_plain_definition(word: str) -> None:
    from auditor.normalise.text import _segment

    for strict in (True, False):
        assert _segment(word, strict=strict) == plain_segment(word, strict)
