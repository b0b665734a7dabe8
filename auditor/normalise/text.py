"""Text helpers shared by the name and address normalisers.

Folding (full-width → ASCII, case, Latin accents, punctuation), Han detection, pinyin
(via pypinyin, with the usual surname readings) and pinyin syllable segmentation, the
placeholder words people type into empty cells, and a small gazetteer of Chinese
provinces, cities and districts (Han and pinyin) for folding place prefixes.

Also :func:`map_unique_rows`, the batch path of the company, address and person
normalisers: :func:`auditor.normalise._base.map_unique` for functions that return plain
row tuples instead of :class:`~auditor.normalise._base.Normalised` objects.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import Final, TypeAlias

import numpy as np
import pandas as pd

from auditor.normalise._base import EMPTY
from auditor.tables import NORMALISED_COLUMNS, STATUS_INVALID, STATUS_NON_LINKING, STATUS_OK

#: CJK Unified Ideographs (basic, extension A) and compatibility ideographs.
HAN_CHARS: Final = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE: Final = re.compile(f"[{HAN_CHARS}]")
HAN_RUN_RE: Final = re.compile(f"[{HAN_CHARS}]+")

# Brackets NFKC leaves alone, folded to ASCII parentheses.
_BRACKETS: Final = str.maketrans(
    {c: "(" for c in "【〔〖「『《〈"} | {c: ")" for c in "】〕〗」』》〉"}
)
# Characters that join the parts of one word: "Jean-Pierre", "O'Brien", "Xi'an", "12-03".
_JOINERS_RE: Final = re.compile(r"(?<=\w)['’‘`\-‐‑–](?=\w)")
_NON_WORD_RE: Final = re.compile(r"[\W_]+")

#: A number a spreadsheet wrote in scientific notation ("6.22202E+18"): digits are lost.
SCIENTIFIC_RE: Final = re.compile(r"(?<![\w.])\d(?:\.\d+)?e\+\d{1,3}(?![\w.])", re.IGNORECASE)

#: Values people type into a cell that should hold something (compared with
#: :func:`compact`, so "N/A", "n.a." and "Ｎ／Ａ" are all "na").
PLACEHOLDERS: Final = frozenset(
    {
        "na", "none", "null", "nil", "nan", "unknown", "notavailable", "notapplicable",
        "tbd", "tba", "test", "testing", "sample", "example", "xxx", "xx", "x", "same",
        "sameasabove", "ditto", "empty", "blank", "no", "nope", "0", "00", "000",
        "无", "暂无", "没有", "空", "不详", "未知", "未填", "未填写", "待定", "待补充",
        "同上", "测试", "见上", "略", "否", "无信息",
    }
)


def fold(text: str) -> str:
    """NFKC, case-fold, strip Latin accents and fold CJK brackets.

    >>> fold("ＡＢＣ Café【深圳】")
    'abc cafe(深圳)'
    """
    if _FOLDED_RE.fullmatch(text):
        return text
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii() or _FOLDED_RE.fullmatch(text):  # no brackets or accents to fold
        return text
    return text.translate(_FOLD_TABLE)


def folds_to_itself(text: str) -> bool:
    """Whether ``text`` is ASCII without capitals and CJK Unified Ideographs only, which
    :func:`fold` leaves as it is (a quick test: other text may fold to itself too)."""
    return _FOLDED_RE.fullmatch(text) is not None


#: Text that folding leaves as it is: ASCII without capitals, and CJK Unified Ideographs
#: (none has a decomposition, a case or an accent). Most Chinese text is only these.
_FOLDED_RE: Final = re.compile("[\x00-\x40\x5b-\x7f\u4e00-\u9fff]*")


def _strip_accent(char: str) -> str:
    if char.isascii() or not char.isalpha():
        return char
    base = unicodedata.normalize("NFKD", char)[0]
    # Only Latin letters lose their marks: kana and hangul decompose too, and must not.
    return base if base.isascii() else char


class _FoldTable(dict[int, str]):
    """``str.translate`` table: CJK brackets → ASCII parentheses, Latin accents stripped.

    Filled one code point at a time, the first time a character is seen, so folding a
    string is one C-level pass instead of a Python call per character.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _BRACKETS.get(code)
        result = _strip_accent(char) if folded is None else str(folded)
        self[code] = result
        return result


_FOLD_TABLE: Final = _FoldTable()


def words(text: str, *, keep: str = "") -> list[str]:
    """Split folded text into words: hyphens/apostrophes join, other punctuation splits.

    Characters in ``keep`` are kept, each as a word of its own.

    >>> words("jean-pierre o'brien, co.,ltd")
    ['jeanpierre', 'obrien', 'co', 'ltd']
    >>> words("no.88 #12", keep="#")
    ['no', '88', '#', '12']
    """
    ascii_text = text.isascii()
    if not ascii_text or "-" in text or "'" in text or "`" in text:
        text = _JOINERS_RE.sub("", text)
    for char in keep:
        text = text.replace(char, f" {char} ")
    if ascii_text:  # the same split, as one byte-table pass
        return text.encode("ascii").translate(_ascii_word_table(keep)).decode("ascii").split()
    if not keep:
        return _NON_WORD_RE.sub(" ", text).split()
    return _non_word_except(keep).sub(" ", text).split()


@cache
def _non_word_except(keep: str) -> re.Pattern[str]:
    return re.compile(rf"[^\w{re.escape(keep)}]+|_+")


_ASCII_ALNUM: Final = frozenset(string.ascii_letters + string.digits)
#: ASCII bytes that are not word characters, or are "_" (what ``[\W_]`` matches).
_ASCII_NON_WORD: Final = bytes(b for b in range(128) if chr(b) not in _ASCII_ALNUM)


@cache
def _ascii_word_table(keep: str) -> bytes:
    """Byte table: ASCII letters, digits and ``keep`` (but "_") stay, the rest → space."""
    kept = _ASCII_ALNUM | (set(keep) - {"_"})
    return bytes(b if chr(b) in kept else 32 for b in range(256))


def compact(text: str) -> str:
    """Folded text with every non-word character removed (for placeholder checks).

    The same as ``"".join(words(fold(text)))``: joiners are non-word characters too.
    """
    return drop_non_word(fold(text))


def drop_non_word(text: str) -> str:
    """``text`` without its non-word characters and underscores: ``"".join(words(text))``."""
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_NON_WORD).decode("ascii")
    return _NON_WORD_RE.sub("", text)


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is an empty-cell placeholder ("n/a", "无", "-", "同上"…)."""
    squeezed = compact(text)
    return not squeezed or squeezed in PLACEHOLDERS


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None


def split_scripts(word: str) -> list[str]:
    """Split a word at Han/non-Han boundaries: "abc科技" → ["abc", "科技"]."""
    parts: list[str] = []
    last = 0
    for m in HAN_RUN_RE.finditer(word):
        if m.start() > last:
            parts.append(word[last : m.start()])
        parts.append(m.group())
        last = m.end()
    if last < len(word):
        parts.append(word[last:])
    return parts


# --- pinyin -----------------------------------------------------------------------------

# Surnames whose reading differs from the character's everyday reading.
SURNAME_READINGS: Final = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou",
    "查": "zha", "乐": "yue", "覃": "qin", "盖": "ge", "缪": "miao", "秘": "bi",
    "翟": "zhai", "种": "chong", "折": "she", "员": "yun", "黑": "he", "繁": "po",
    "重": "chong", "句": "gou", "召": "shao",
}

# ü is written "v" by pypinyin and "u"/"yu" in passports and most Latin spellings.
_SYLLABLE_ALIASES: Final = {"lv": "lu", "nv": "nu", "lve": "lue", "nve": "nue", "lyu": "lu",
                            "nyu": "nu"}

# Standard Mandarin syllables (without the interjections m, n, ng, hm, hng).
PINYIN_SYLLABLES: Final = frozenset(
    """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai
    can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
    chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de
    dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa
    fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai
    guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan
    huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai
    kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang
    lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun luo
    lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na
    nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan
    nue nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
    qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri
    rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao
    she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su
    suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui
    tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu
    xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan
    zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu
    zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo lyu nyu
    """.split()
)
_MAX_SYLLABLE: Final = max(map(len, PINYIN_SYLLABLES))


def canonical_syllable(syllable: str) -> str:
    return _SYLLABLE_ALIASES.get(syllable, syllable)


def to_pinyin(han: str, *, surname_first: bool = False) -> list[str]:
    """Toneless pinyin syllables of the Han characters in ``han``, one per character.

    With ``surname_first`` the first character takes its surname reading (单 → shan).

    >>> to_pinyin("吕单", surname_first=True)
    ['lu', 'dan']
    """
    from pypinyin import Style, lazy_pinyin  # slow import: only when Han text is seen

    chars = "".join(HAN_RUN_RE.findall(han))
    syllables: list[str] = lazy_pinyin(chars, style=Style.NORMAL, errors="ignore")
    if surname_first and chars and chars[0] in SURNAME_READINGS and syllables:
        syllables[0] = SURNAME_READINGS[chars[0]]
    return [canonical_syllable(s) for s in syllables]


def han_pinyin(han: str, *, surname_first: bool = False) -> list[str]:
    """The same as :func:`to_pinyin`, a few times faster on names.

    pypinyin reads a run of Han characters word by word: a run it finds in its phrase
    dictionary takes the phrase's reading, any other character its own. When no two
    neighbouring characters start a dictionary phrase, every character is a word of its
    own, and its reading is looked up once per character instead of once per name.
    """
    return han_syllables("".join(HAN_RUN_RE.findall(han)), surname_first=surname_first)


def han_syllables(chars: str, *, surname_first: bool = False) -> list[str]:
    """:func:`han_pinyin` of ``chars``, a string of Han characters (HAN_CHARS) only."""
    if _has_phrase(chars):
        return to_pinyin(chars, surname_first=surname_first)
    syllables = list(chain.from_iterable(map(_char_pinyin, chars)))
    if surname_first and chars and chars[0] in SURNAME_READINGS and syllables:
        syllables[0] = canonical_syllable(SURNAME_READINGS[chars[0]])
    return syllables


def _has_phrase(chars: str) -> bool:
    prefixes = _phrase_prefixes()
    if len(chars) <= 3:  # most names
        return chars[:2] in prefixes or chars[1:3] in prefixes
    return any(chars[i : i + 2] in prefixes for i in range(len(chars) - 1))


@cache
def _phrase_prefixes() -> frozenset[str]:
    # The two-character prefixes of pypinyin's phrases: its segmenter (pypinyin.seg.mmseg)
    # takes a character alone unless it and the next one start a phrase.
    from pypinyin.constants import PHRASES_DICT

    return frozenset(phrase[:2] for phrase in PHRASES_DICT if len(phrase) > 1)


@cache
def _char_pinyin(char: str) -> tuple[str, ...]:
    return tuple(to_pinyin(char))


@cache
def segment_pinyin(word: str) -> tuple[str, ...] | None:
    """Split an unspaced pinyin word into syllables, fewest syllables first.

    As in pinyin spelling, a later syllable does not start with a, o or e ("lina" is
    li-na, not lin-a; "Xi'an" needs its apostrophe); words that only split by breaking
    that rule ("tiananmen", written without its apostrophe) split anyway. Returns None
    when ``word`` is not a run of pinyin syllables (most non-Chinese names).

    >>> segment_pinyin("zhangwei")
    ('zhang', 'wei')
    >>> segment_pinyin("ouyang")
    ('ou', 'yang')
    >>> segment_pinyin("smith") is None
    True
    """
    if not word.isascii() or not word.isalpha():
        return None
    found = _segment(word, strict=True) or _segment(word, strict=False)
    return None if found is None else tuple(canonical_syllable(s) for s in found)


def _segment(word: str, *, strict: bool) -> tuple[str, ...] | None:
    n = len(word)
    # count[i] = fewest syllables covering word[i:] (more than n: none do), the first of
    # them word[i:end[i]]; ties go to the longer first syllable, so the result is
    # deterministic.
    none = n + 1
    count = [none] * (n + 1)
    end = [n] * (n + 1)
    count[n] = 0
    for i in range(n - 1, -1, -1):
        if strict and i > 0 and word[i] in "aoe":
            continue
        fewest = none
        for j in range(min(n, i + _MAX_SYLLABLE), i, -1):
            candidate = count[j] + 1
            if candidate < fewest and word[i:j] in PINYIN_SYLLABLES:
                fewest = candidate
                end[i] = j
        count[i] = fewest
    if count[0] == none:
        return None
    syllables = []
    i = 0
    while i < n:
        syllables.append(word[i : end[i]])
        i = end[i]
    return tuple(syllables)


# --- places -----------------------------------------------------------------------------

#: Provinces, municipalities, autonomous regions and SARs (short names).
PROVINCES_HAN: Final = tuple(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 "
    "湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split()
)
#: Municipalities and SARs: provinces that are also cities.
MUNICIPALITIES_HAN: Final = ("北京", "天津", "上海", "重庆", "香港", "澳门")
#: Prefecture-level cities and county-level cities common in cross-border e-commerce.
CITIES_HAN: Final = tuple(
    "深圳 广州 东莞 佛山 惠州 中山 珠海 汕头 江门 揭阳 潮州 湛江 肇庆 清远 韶关 梅州 汕尾 河源 "
    "阳江 茂名 云浮 杭州 宁波 温州 金华 义乌 台州 绍兴 嘉兴 湖州 丽水 衢州 舟山 苏州 南京 无锡 "
    "常州 南通 扬州 徐州 昆山 镇江 泰州 盐城 连云港 淮安 宿迁 厦门 福州 泉州 莆田 漳州 晋江 石狮 "
    "龙岩 三明 南平 宁德 武汉 长沙 成都 郑州 青岛 济南 烟台 潍坊 临沂 合肥 南昌 西安 石家庄 沈阳 "
    "大连 长春 哈尔滨 太原 昆明 贵阳 南宁 海口 三亚 兰州 银川 西宁 乌鲁木齐 拉萨 呼和浩特 保定 "
    "廊坊 唐山 芜湖 赣州 九江 洛阳 株洲 宜昌 襄阳 绵阳 桂林 柳州".split()
)
#: Districts of the big seller hubs; only folded when written with 区/县/镇.
DISTRICTS_HAN: Final = tuple(
    "福田 罗湖 南山 宝安 龙岗 龙华 盐田 坪山 光明 大鹏 天河 越秀 海珠 荔湾 白云 黄埔 番禺 花都 "
    "南沙 从化 增城 西湖 上城 拱墅 滨江 萧山 余杭 临平 钱塘 浦东新 黄浦 徐汇 长宁 静安 普陀 虹口 "
    "杨浦 闵行 宝山 嘉定 松江 青浦 奉贤 朝阳 海淀 东城 西城 丰台 通州 顺义 大兴 昌平 思明 湖里 "
    "集美 鄞州 江北 镇海 北仑 长安 虎门 厚街 南城".split()
)
_PINYIN_OVERRIDES: Final = {"花都": "huadu", "长宁": "changning", "朝阳": "chaoyang",
                            "闵行": "minhang", "浦东新": "pudong"}
# Multi-word Latin place names, rewritten to one word before matching.
LATIN_PLACE_PHRASES: Final = (
    ("united states of america", "usa"),
    ("united states", "usa"),
    ("peoples republic of china", "china"),
    ("p r china", "china"),
    ("p r c", "china"),
    ("pr china", "china"),
    ("hong kong", "hongkong"),
    ("inner mongolia", "neimenggu"),
    ("xi an", "xian"),
)

_PROVINCE_SUFFIX: Final = "(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
# A place is not a prefix when a road marker follows: 南京路 is a street in Shanghai.
_NOT_ROAD: Final = "(?!路|街|道|大道|巷|里|弄)"


def _alternation(names: tuple[str, ...]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


#: Leading country/province/city/district prefix of a Han name or address.
HAN_PLACE_PREFIX_RE: Final = re.compile(
    f"^(?:中国|中华人民共和国)?"
    f"(?:(?:{_alternation(PROVINCES_HAN)}){_PROVINCE_SUFFIX}{_NOT_ROAD})?"
    f"(?:(?:{_alternation(CITIES_HAN)})市?{_NOT_ROAD})?"
    f"(?:(?:{_alternation(DISTRICTS_HAN)})(?:新区|区|县|镇))?"
)
_PROVINCES_ONLY: Final = tuple(p for p in PROVINCES_HAN if p not in MUNICIPALITIES_HAN)
#: Country and province prefix (not municipalities: 上海 is a city too).
HAN_PROVINCE_PREFIX_RE: Final = re.compile(
    f"^(?:中国|中华人民共和国)?(?:(?:{_alternation(_PROVINCES_ONLY)}){_PROVINCE_SUFFIX}{_NOT_ROAD})?"
)
#: A city (or municipality) name at the start.
HAN_CITY_RE: Final = re.compile(f"^(?:{_alternation(CITIES_HAN + MUNICIPALITIES_HAN)})")
HAN_PLACE_RE: Final = re.compile(
    f"^(?:{_alternation(PROVINCES_HAN + CITIES_HAN)}){_PROVINCE_SUFFIX}$"
    f"|^(?:{_alternation(DISTRICTS_HAN)})(?:新区|区|县|镇)?$"
)


@cache
def _pinyin_names(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_PINYIN_OVERRIDES.get(n) or "".join(to_pinyin(n)) for n in names)


@cache
def latin_provinces() -> frozenset[str]:
    """Pinyin province names and country words ("guangdong", "china", "hongkong"…)."""
    # Latin spellings that are not the plain pinyin of the Han name.
    other = {"shaanxi", "tibet", "hongkong", "hk", "macau", "macao", "china", "prc", "usa"}
    return _pinyin_names(PROVINCES_HAN) | other


@cache
def latin_cities() -> frozenset[str]:
    """Pinyin city names ("shenzhen", "yiwu"…) and their old Latin spellings."""
    other = {"harbin", "urumqi", "hohhot", "canton", "amoy", "peking"}
    return _pinyin_names(CITIES_HAN) | other


@cache
def latin_districts() -> frozenset[str]:
    return _pinyin_names(DISTRICTS_HAN)


@cache
def latin_places() -> frozenset[str]:
    """Every Latin place word of the gazetteer."""
    return latin_provinces() | latin_cities() | latin_districts()


#: The first word of each phrase: tokens without one of these have no phrase to join.
PLACE_PHRASE_STARTS: Final = frozenset(phrase.split()[0] for phrase, _ in LATIN_PLACE_PHRASES)
_PLACE_PHRASE_RES: Final = tuple(
    (phrase, re.compile(rf"(?<!\S){phrase}(?!\S)"), single)
    for phrase, single in LATIN_PLACE_PHRASES
)


def join_place_phrases(tokens: list[str]) -> list[str]:
    """Rewrite multi-word place names ("hong kong") as one token ("hongkong")."""
    return join_place_phrases_text(" ".join(tokens)).split()


def join_place_phrases_text(text: str) -> str:
    """:func:`join_place_phrases` on space-separated words, returning the text."""
    for phrase, pattern, single in _PLACE_PHRASE_RES:
        if phrase in text:
            text = pattern.sub(single, text)
    return text


# --- batch path -----------------------------------------------------------------------------

#: One normalised row: (value, key, partial, note, status, reason), as in NORMALISED_COLUMNS.
Row: TypeAlias = tuple[str | None, str | None, str | None, str | None, str, str | None]

EMPTY_ROW: Final[Row] = (EMPTY.value, EMPTY.key, EMPTY.partial, EMPTY.note, EMPTY.status,
                         EMPTY.reason)


def ok_row(value: str, *, key: str | None = None, partial: str | None = None,
           note: str | None = None) -> Row:
    return (value, key, partial, note, STATUS_OK, None)


def non_linking_row(reason: str, *, note: str | None = None) -> Row:
    """A row like ``non_linking(None, reason, note=note)``."""
    return (None, None, None, note, STATUS_NON_LINKING, reason)


def invalid_row(reason: str) -> Row:
    """A row like ``invalid(reason)``."""
    return (None, None, None, None, STATUS_INVALID, reason)


def map_unique_rows(raw: pd.Series, fn: Callable[[str], Row]) -> pd.DataFrame:
    """:func:`auditor.normalise._base.map_unique` for a function that returns rows.

    The same frame: ``fn`` runs once per distinct stripped value, missing and blank
    values are :data:`~auditor.normalise._base.EMPTY`. Tuples of strings cost less to
    build than ``Normalised`` objects, and the garbage collector stops tracking them, so
    a 100k-value batch does not set off full collections.
    """
    # Text columns factorize as they are (pyarrow-backed: in C++, without a Python object
    # per row); anything else as map_unique does it. Same values, same codes.
    values = raw if isinstance(raw.dtype, pd.StringDtype) else raw.astype("object")
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    rows: list[Row] = []
    for unique in uniques.tolist():
        text = str(unique).strip()
        rows.append(fn(text) if text else EMPTY_ROW)
    rows.append(EMPTY_ROW)  # code -1 (missing) picks the last entry
    table = {}
    for i, col in enumerate(NORMALISED_COLUMNS):
        column = np.empty(len(rows), dtype=object)
        column[:] = list(map(itemgetter(i), rows))
        table[col] = column[codes]
    return pd.DataFrame(table, index=raw.index, dtype=object)
