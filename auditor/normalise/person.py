"""Person names (legal representatives, account holders).

**The same value** — ``value`` is the name in its own script:

- a name with Han characters: the Han characters alone, without spaces, middle dots or
  any Latin transliteration next to them: "张 伟", "张伟（法人）", "张伟 Zhang Wei" → "张伟";
- any other name: its words (NFKC, case-folded, Latin accents stripped, hyphens and
  apostrophes joined, titles such as Mr/Ms/Dr dropped) **sorted** and joined by one
  space, so "Zhang Wei", "WEI ZHANG" and "ZHANG, Wei" → "wei zhang".

**key** (cross-script, near-duplicate matching) — the name as toneless pinyin syllables,
sorted, joined by one space. Han names become one syllable per character (via pypinyin;
the first character takes its surname reading, 单 → shan, 曾 → zeng); Latin words that
are runs of pinyin syllables are split into them ("zhangwei" → zhang wei,
"Ouyang" → ou yang); other words stay whole ("john"). ü is written u ("Lü", "Lv", "Lyu",
吕 → lu). So 张伟, "Zhang Wei", "Wei Zhang", "ZHANG, Wei" and "zhangwei" all have key
"wei zhang"; "John Smith" has key "john smith". Homophones meet (张伟 and 章玮): the key
is evidence to weigh, not proof. Wade–Giles or Cantonese spellings ("Cheung") do not meet
their pinyin.

``note`` gives the pinyin of Han names in written order ("pinyin: zhang wei").

**non_linking**: placeholders ("法人", "n/a", "无"), a surname with a title only
("张先生"), a single Han character. **invalid**: digits in the name, or words that make it
a company ("有限公司", "Ltd").
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from typing import Final

import pandas as pd

from auditor.normalise._base import Normalised, invalid, non_linking
from auditor.normalise.text import (
    HAN_RE,
    HAN_RUN_RE,
    PLACEHOLDERS,
    Row,
    compact,
    fold,
    han_syllables,
    has_han,
    invalid_row,
    is_placeholder,
    map_unique_rows,
    non_linking_row,
    ok_row,
    segment_pinyin,
    to_pinyin,
    words,
)

#: Cells that name a role, not a person.
PERSON_PLACEHOLDERS: Final = frozenset(
    {"法人", "法定代表人", "法人代表", "负责人", "本人", "老板", "店主", "联系人", "客户", "姓名",
     "名字", "经营者", "股东", "name", "owner", "legalrepresentative", "legalperson",
     "director", "seller", "admin", "administrator", "user", "customer", "self", "me",
     "legalrep", "representative", "manager", "contact"}
)
LATIN_TITLES: Final = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "mme", "mlle", "herr",
     "frau", "mister"}
)
_HAN_TITLE_RE: Final = re.compile("(?:先生|女士|小姐|太太|老师|总|经理|老板|法人)+$")
_HAN_COMPANY_RE: Final = re.compile("公司|有限|商行|工作室|集团|科技|贸易|经营部|个体")
_LATIN_COMPANY_WORDS: Final = frozenset(
    {"ltd", "llc", "inc", "limited", "company", "corp", "corporation", "gmbh", "trading",
     "technology", "plc"}
)
_BRACKETED_RE: Final = re.compile(r"\([^()]*\)")
_DIGIT_RE: Final = re.compile(r"\d")


def normalise_person(raw: pd.Series) -> pd.DataFrame:
    """Normalise person names (see the module docstring for the contract).

    >>> normalise_person(pd.Series(["张伟", "ZHANG, Wei"]))["key"].tolist()
    ['wei zhang', 'wei zhang']
    """
    return map_unique_rows(raw, _person_row)


def normalise_person_value(raw: str) -> Normalised:
    """Normalise one person name (the reference: :func:`normalise_person` gives the same).

    >>> normalise_person_value("Zhang Wei").value
    'wei zhang'
    >>> normalise_person_value("zhangwei").key
    'wei zhang'
    """
    text = _BRACKETED_RE.sub(" ", fold(raw))  # "张伟（法人）", "Zhang Wei (director)"
    if is_placeholder(text) or compact(text) in PERSON_PLACEHOLDERS:
        return non_linking(None, "a placeholder, not a person's name")
    if _DIGIT_RE.search(text):
        return invalid("contains digits; not a person's name")
    if has_han(text):
        return _han_name(text)
    return _other_name(text)


def _han_name(text: str) -> Normalised:
    han = "".join(HAN_RUN_RE.findall(text))
    if _HAN_COMPANY_RE.search(han):
        return invalid("looks like a company name, not a person's name")
    title = _HAN_TITLE_RE.search(han)
    if title is not None and title.start() > 0:
        han = han[: title.start()]
        if len(han) == 1:
            return non_linking(None, "only a surname and a title, not a full name")
    if len(han) < 2:
        return non_linking(None, "a single character, not a full name")
    syllables = to_pinyin(han, surname_first=True)
    note = "pinyin: " + " ".join(syllables)
    return Normalised(han, key=" ".join(sorted(syllables)), note=note)


def _other_name(text: str) -> Normalised:
    tokens = [t for t in words(text) if t not in LATIN_TITLES]
    if not tokens:
        return non_linking(None, "only a title, not a person's name")
    if _LATIN_COMPANY_WORDS.intersection(tokens):
        return invalid("looks like a company name, not a person's name")
    value = " ".join(sorted(tokens))
    if is_placeholder(value) or compact(value) in PERSON_PLACEHOLDERS:
        return non_linking(None, "a placeholder, not a person's name")
    syllables = [s for t in tokens for s in (segment_pinyin(t) or (t,))]
    return Normalised(value, key=" ".join(sorted(syllables)))


# --- fast path ----------------------------------------------------------------------------
#
# :func:`normalise_person` runs this instead of :func:`normalise_person_value`: the same
# steps with each fold done once and pinyin read per character where pypinyin would
# (see :func:`auditor.normalise.text.han_pinyin`), and shortcuts for the two shapes most
# names come in — Han characters and ASCII letters, spaces and commas only ("张伟",
# "ZHANG, Wei", "Zhang Wei 张伟") — where folding only lowers the letters and the bracket
# and digit checks find nothing. Tests check both give the same results.

_NOT_A_PERSON: Final = PLACEHOLDERS | PERSON_PLACEHOLDERS
# fold() leaves these as they are; every character is a word character and not a digit.
_PURE_HAN_RE: Final = re.compile("[\u4e00-\u9fff]+")
# fold() only lowers these ASCII letters; words are the runs between spaces and commas.
_PLAIN_RE: Final = re.compile("[A-Za-z ,\u4e00-\u9fff]+")
# _HAN_TITLE_RE matches only names ending with one of these.
_HAN_TITLES: Final = ("先生", "女士", "小姐", "太太", "老师", "总", "经理", "老板", "法人")
_PLACEHOLDER_ROW: Final = non_linking_row("a placeholder, not a person's name")
_DIGITS_ROW: Final = invalid_row("contains digits; not a person's name")
_COMPANY_ROW: Final = invalid_row("looks like a company name, not a person's name")
_SURNAME_AND_TITLE_ROW: Final = non_linking_row("only a surname and a title, not a full name")
_SINGLE_CHARACTER_ROW: Final = non_linking_row("a single character, not a full name")
_TITLE_ONLY_ROW: Final = non_linking_row("only a title, not a person's name")


def _person_row(raw: str) -> Row:
    if _PURE_HAN_RE.fullmatch(raw):  # "张伟"
        return _PLACEHOLDER_ROW if raw in _NOT_A_PERSON else _han_name_row(raw)
    if _PLAIN_RE.fullmatch(raw):  # "Zhang Wei", "ZHANG, Wei", "Zhang Wei 张伟"
        tokens = raw.lower().replace(",", " ").split()
        squeezed = "".join(tokens)
        if not squeezed or squeezed in _NOT_A_PERSON:
            return _PLACEHOLDER_ROW
        if raw.isascii():
            return _other_name_row(tokens)
        return _han_name_row("".join(HAN_RUN_RE.findall(raw)))
    text = fold(raw)
    if "(" in text:
        text = _BRACKETED_RE.sub(" ", text)
    squeezed = compact(text)
    if not squeezed or squeezed in _NOT_A_PERSON:
        return _PLACEHOLDER_ROW
    if _DIGIT_RE.search(text):
        return _DIGITS_ROW
    if HAN_RE.search(text) is not None:
        return _han_name_row("".join(HAN_RUN_RE.findall(text)))
    return _other_name_row(words(text))


def _han_name_row(han: str) -> Row:
    """:func:`_han_name` of the name's Han characters ``han``."""
    if _HAN_COMPANY_RE.search(han):
        return _COMPANY_ROW
    title = _HAN_TITLE_RE.search(han) if han.endswith(_HAN_TITLES) else None
    if title is not None and title.start() > 0:
        han = han[: title.start()]
        if len(han) == 1:
            return _SURNAME_AND_TITLE_ROW
    if len(han) < 2:
        return _SINGLE_CHARACTER_ROW
    syllables = han_syllables(han, surname_first=True)
    note = "pinyin: " + " ".join(syllables)
    return ok_row(han, key=" ".join(sorted(syllables)), note=note)


def _other_name_row(name_words: list[str]) -> Row:
    """:func:`_other_name` of the name's words."""
    if LATIN_TITLES.isdisjoint(name_words):
        tokens = name_words
    else:
        tokens = [t for t in name_words if t not in LATIN_TITLES]
        if not tokens:
            return _TITLE_ONLY_ROW
    if not _LATIN_COMPANY_WORDS.isdisjoint(tokens):
        return _COMPANY_ROW
    ordered = sorted(tokens)
    value = " ".join(ordered)
    squeezed = "".join(ordered) if value.isascii() else compact(value)
    if not squeezed or squeezed in _NOT_A_PERSON:
        return _PLACEHOLDER_ROW
    syllables = sorted(chain.from_iterable(map(_syllables, tokens)))
    return ok_row(value, key=" ".join(syllables))


@lru_cache(maxsize=1 << 14)
def _syllables(word: str) -> tuple[str, ...]:
    return segment_pinyin(word) or (word,)
