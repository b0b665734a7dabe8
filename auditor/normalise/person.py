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
from typing import Final

import pandas as pd

from auditor.normalise._base import Normalised, invalid, map_unique, non_linking
from auditor.normalise.text import (
    HAN_RUN_RE,
    compact,
    fold,
    has_han,
    is_placeholder,
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
    return map_unique(raw, normalise_person_value)


def normalise_person_value(raw: str) -> Normalised:
    """Normalise one person name.

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
