"""Company (legal entity) names.

**The same value**: two names are the same when they are equal after NFKC (full-width →
ASCII), case folding, Latin accents stripped, ``&`` read as "and", punctuation dropped
(hyphens and apostrophes join a word, anything else splits words; Han text has no
spaces), runs of single letters joined ("A.B.C." = "abc"), a leading "the" dropped, and
the **legal form dropped**: Co., Ltd. / Co Ltd / Company Limited / Limited / Ltd / LLC /
L.L.C. / Inc / Incorporated / Corp / Corporation / GmbH / S.A.R.L. / PLC / Pte Ltd … and
有限公司 / 有限责任公司 / 股份有限公司 / 个体工商户 / 商行 / 经营部 / 工作室 … (also in
brackets: "（个体工商户）"), and Japanese 株式会社 / 有限会社 / 合同会社 before or after
the name. A branch suffix "深圳分公司" goes with it. The legal form and branch go to
``note``. The place stays in the value, because "蓝月科技(深圳)有限公司" and
"深圳市蓝月科技有限公司" are different registrations::

    "深圳市蓝月科技有限公司"              value "深圳市蓝月科技"
    "Shenzhen Lanyue Trading Co., Ltd."  value "shenzhen lanyue trading"
    "SHENZHEN LANYUE TRADING COMPANY LIMITED"   the same value

**key** (near-duplicate matching): the value's words without places — a leading Chinese
province/city/district prefix (广东省深圳市, 深圳, 南山区), places in brackets ("(深圳)",
"(Shenzhen)", "(HK)") and Latin place words anywhere ("shenzhen", "guangdong",
"hong kong", "china") — sorted and joined by spaces. "Lanyue Trading (Shenzhen) Co Ltd"
and "Shenzhen Lanyue Trading Co., Ltd." both have key "lanyue trading"; "深圳市蓝月科技有限公司"
has key "蓝月科技". Generic words (trading, technology, 科技, 贸易…) stay in the key:
dropping them would make "ABC Trading" meet "ABC Technology". When nothing but generic
words would be left ("深圳市科技有限公司", "Shenzhen Trading Co"), the key keeps the
places, so generic names in different cities do not meet.

Han and Latin names never meet (nothing is translated): "深圳市蓝月科技有限公司" and
"Shenzhen Lanyue Technology Co., Ltd." are tied, if at all, by other evidence.

**non_linking**: placeholders ("n/a", "无", "个人", "none", "-") and names that are only a
legal form ("有限公司", "Co., Ltd.").
"""

from __future__ import annotations

import re
from typing import Final

import pandas as pd

from auditor.normalise._base import Normalised, non_linking
from auditor.normalise.text import (
    CITIES_HAN,
    DISTRICTS_HAN,
    HAN_CHARS,
    HAN_PLACE_PREFIX_RE,
    HAN_PLACE_RE,
    HAN_RE,
    PLACE_PHRASE_STARTS,
    PLACEHOLDERS,
    PROVINCES_HAN,
    Row,
    compact,
    drop_non_word,
    fold,
    folds_to_itself,
    has_han,
    is_placeholder,
    join_place_phrases,
    join_place_phrases_text,
    latin_places,
    map_unique_rows,
    non_linking_row,
    ok_row,
    split_scripts,
    words,
)

#: Cells that say "no company" ("个人" = an individual, not a company).
COMPANY_PLACEHOLDERS: Final = frozenset(
    {"个人", "个体", "个人卖家", "自然人", "个人店铺", "individual", "personal", "private",
     "self", "selfemployed", "soleproprietor", "soletrader", "person", "company", "公司",
     "companyname", "公司名称"}
)

#: Latin legal forms, as word sequences matched at the end of the name (longest first).
LATIN_LEGAL_FORMS: Final = tuple(
    sorted(
        (
            tuple(form.split())
            for form in (
                "limited liability company", "limited liability partnership", "company limited",
                "co limited", "co ltd", "corp ltd", "pte ltd", "pty ltd", "pvt ltd",
                "private limited", "sdn bhd", "co inc", "co llc", "limited", "ltd", "llc",
                "inc", "incorporated", "corp", "corporation", "co", "company", "plc",
                "gmbh", "sarl", "sa", "sas", "srl", "spa", "bv", "nv", "ag", "kg", "llp",
                "lp", "kk", "ug", "oy", "sl", "ltda", "lda", "ohg", "eurl",
            )
        ),
        key=len,
        reverse=True,
    )
)
_LATIN_LEGAL_WORDS: Final = frozenset(w for form in LATIN_LEGAL_FORMS for w in form)

#: Han legal forms matched at the end of the name (longest first).
HAN_LEGAL_FORMS: Final = tuple(
    sorted(
        (
            "股份有限公司", "有限责任公司", "有限公司", "股份公司", "有限合伙", "普通合伙",
            "合伙企业", "个人独资企业", "独资企业", "个体工商户", "个体户", "公司", "商行",
            "经营部", "门市部", "工作室", "株式会社", "有限会社", "合同会社",
        ),
        key=len,
        reverse=True,
    )
)
_HAN_LEGAL_RE: Final = re.compile(f"(?:{'|'.join(HAN_LEGAL_FORMS)})$")
# Japanese legal forms may also lead: 株式会社ABC.
_HAN_LEADING_LEGAL_RE: Final = re.compile("^(?:株式会社|有限会社|合同会社)")
_HAN_BRANCH_RE: Final = re.compile(
    f"(?:(?:{'|'.join(PROVINCES_HAN + CITIES_HAN + DISTRICTS_HAN)})[省市区县]?)?分公司$"
)

#: Words that describe a business rather than name it. Kept in the key; a key made of
#: nothing else keeps its places (see the module docstring).
GENERIC_LATIN: Final = frozenset(
    """
    trading trade traders technology technologies tech electronic electronics ecommerce
    commerce commercial industrial industry industries import export imp exp international
    intl global group holding holdings network networks information info supply chain
    logistics science sci development service services management consulting product
    products goods home household enterprise enterprises investment culture media smart
    intelligent and of the business shop store online digital manufacturing manufacture mfg
    craft crafts garment garments apparel clothing textile textiles outdoor sports toys
    furniture lighting electric electrical appliance appliances hardware software new energy
    material materials machinery equipment biotechnology firm co
    """.split()
)
GENERIC_HAN: Final = tuple(
    sorted(
        """
        科技 贸易 商贸 电子商务 电子 网络 信息 实业 进出口 国际 发展 集团 供应链 物流 服务
        管理 咨询 文化 传媒 智能 工贸 电器 家居 百货 服饰 商务 技术 工业 投资 控股 电商 跨境
        日用品 用品 制品 产品 五金 照明 玩具 服装 纺织 家具 户外 运动 礼品 工艺品 数码 新能源
        材料 机械 设备 生物 有限 贸 商 电子科技 网络科技 信息技术 进出口贸易
        """.split(),
        key=len,
        reverse=True,
    )
)
_GENERIC_HAN_RE: Final = re.compile(f"(?:{'|'.join(GENERIC_HAN)})+")

_PAREN_RE: Final = re.compile(r"\(([^()]*)\)")


def normalise_company(raw: pd.Series) -> pd.DataFrame:
    """Normalise company names (see the module docstring for what "the same" means).

    >>> normalise_company(pd.Series(["Shenzhen Lanyue Trading Co., Ltd."])).loc[0, "key"]
    'lanyue trading'
    """
    return map_unique_rows(raw, _company_row)


def normalise_company_value(raw: str) -> Normalised:
    """Normalise one company name (the reference: :func:`normalise_company` gives the same).

    >>> normalise_company_value("深圳市蓝月科技有限公司").value
    '深圳市蓝月科技'
    >>> normalise_company_value("Lanyue Trading (Shenzhen) Co Ltd").key
    'lanyue trading'
    """
    text = fold(raw).replace("&", " and ").replace("+", " and ")
    if is_placeholder(text) or compact(text) in COMPANY_PLACEHOLDERS:
        return non_linking(None, "a placeholder, not a company name")
    value_text, key_text, bracket_legal, places = _split_brackets(text)
    value_tokens, legal = _strip_legal_forms(_tokens(value_text))
    if not value_tokens:
        return non_linking(None, "only a legal form, no company name")
    value = _join(value_tokens)
    if is_placeholder(value) or compact(value) in COMPANY_PLACEHOLDERS:
        return non_linking(None, "a placeholder, not a company name")
    if not any(c.isalpha() for c in value):
        return non_linking(None, "no letters, not a company name")
    key_tokens, _ = _strip_legal_forms(_tokens(key_text))
    legal += bracket_legal
    facts = [f"legal form: {' '.join(legal)}"] if legal else []
    facts += [f"place: {' '.join(places)}"] if places else []
    key = _key(key_tokens) or _key(value_tokens, drop_places=False)
    return Normalised(value, key=key, note="; ".join(facts) or None)


def _split_brackets(text: str) -> tuple[str, str, list[str], list[str]]:
    """Resolve bracketed parts: legal forms go, places leave the key but stay in the value.

    Returns (value text, key text, legal forms, places).
    """
    legal: list[str] = []
    places: list[str] = []
    value_text = key_text = text
    while (match := _PAREN_RE.search(value_text)) is not None:
        inner = match.group(1)
        inner_compact = compact(inner)
        if _is_legal_form(inner_compact) or inner_compact in {"branch", "分公司"}:
            legal.append(inner_compact)
            value_text = _replace(value_text, match, " ")
            key_text = _replace_first(key_text, " ")
        elif _is_place(inner):
            places.append(inner_compact)
            value_text = _replace(value_text, match, f" {inner} ")
            key_text = _replace_first(key_text, " ")
        else:
            value_text = _replace(value_text, match, f" {inner} ")
            key_text = _replace_first(key_text, f" {inner} ")
    return value_text, key_text, legal, places


def _replace(text: str, match: re.Match[str], new: str) -> str:
    return text[: match.start()] + new + text[match.end() :]


def _replace_first(text: str, new: str) -> str:
    match = _PAREN_RE.search(text)
    return text if match is None else _replace(text, match, new)


def _is_legal_form(squeezed: str) -> bool:
    if has_han(squeezed):
        return _HAN_LEGAL_RE.fullmatch(squeezed) is not None or squeezed in HAN_LEGAL_FORMS
    return any("".join(form) == squeezed for form in LATIN_LEGAL_FORMS)


def _is_place(text: str) -> bool:
    tokens = join_place_phrases(words(text))
    if not tokens:
        return False
    places = latin_places()
    return all(HAN_PLACE_RE.match(t) is not None or t in places for t in tokens)


def _tokens(text: str) -> list[str]:
    """Words, Han runs merged (Chinese has no spaces), single-letter runs joined."""
    tokens: list[str] = []
    for part in (p for w in words(text) for p in split_scripts(w)):
        if tokens and has_han(part) and has_han(tokens[-1]):
            tokens[-1] += part
        else:
            tokens.append(part)
    tokens = _join_letter_runs(tokens)
    joined = " ".join(tokens).replace(" e commerce", " ecommerce")
    return join_place_phrases(joined.split())


def _join_letter_runs(tokens: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isascii() and token.isalpha():
            run.append(token)
            continue
        if len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if token:
            out.append(token)
    return out


def _strip_legal_forms(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Drop legal forms (and a branch suffix) from the end; return (name, legal forms)."""
    tokens = list(tokens)
    legal: list[str] = []
    while tokens:
        last = tokens[-1]
        if has_han(last):
            branch = _HAN_BRANCH_RE.search(last)
            match = branch if branch is not None and branch.start() > 0 else None
            match = match or _HAN_LEGAL_RE.search(last)
            if match is None:
                break
            legal.insert(0, "branch" if match is branch else match.group())
            rest = last[: match.start()]
            tokens[-1:] = [rest] if rest else []
            continue
        form = next((f for f in LATIN_LEGAL_FORMS if tuple(tokens[-len(f) :]) == f), None)
        if form is not None:
            legal.insert(0, " ".join(form))
            del tokens[-len(form) :]
        elif legal and last == "and":  # "Smith & Co."
            tokens.pop()
        else:
            break
    while tokens:  # leading: "The …", Japanese "株式会社…"
        if len(tokens) > 1 and tokens[0] == "the":
            tokens.pop(0)
        elif (leading := _HAN_LEADING_LEGAL_RE.match(tokens[0])) is not None:
            legal.insert(0, leading.group())
            tokens[:1] = [tokens[0][leading.end() :]] if leading.end() < len(tokens[0]) else []
        else:
            break
    return tokens, legal


def _key(tokens: list[str], *, drop_places: bool = True) -> str | None:
    kept = tokens
    if drop_places:
        places = latin_places()
        kept = []
        for token in tokens:
            if has_han(token):
                token = HAN_PLACE_PREFIX_RE.sub("", token)
            if token and token not in places:
                kept.append(token)
        if all(_is_generic(t) for t in kept):
            return None
    return " ".join(sorted(kept)) or None


def _is_generic(token: str) -> bool:
    if has_han(token):
        return _GENERIC_HAN_RE.fullmatch(token) is not None
    return token in GENERIC_LATIN or token in _LATIN_LEGAL_WORDS or token.isdigit()


def _join(tokens: list[str]) -> str:
    out = ""
    for token in tokens:
        if out and not (has_han(token[0]) or has_han(out[-1])):
            out += " "
        out += token
    return out


# --- fast path ----------------------------------------------------------------------------
#
# :func:`normalise_company` runs this instead of :func:`normalise_company_value`: the same
# steps, with the work the reference repeats done once (folding, the token list when the
# name has no brackets), table lookups instead of scans over every legal form, the
# Han-only steps skipped for names without Han and the Latin ones for names that are one
# run of Han. Tests check both give the same results.

# Latin legal forms by their last word: (number of words, forms), longest first.
_LATIN_FORMS_BY_LAST: Final[dict[str, tuple[tuple[int, frozenset[tuple[str, ...]]], ...]]] = {
    last: tuple(
        (size, frozenset(f for f in LATIN_LEGAL_FORMS if f[-1] == last and len(f) == size))
        for size in sorted({len(f) for f in LATIN_LEGAL_FORMS if f[-1] == last}, reverse=True)
    )
    for last in {f[-1] for f in LATIN_LEGAL_FORMS}
}
_HAN_LEADING_LEGAL: Final = ("株式会社", "有限会社", "合同会社")
# Latin legal forms as compact() writes them ("coltd", "llc"): _is_legal_form of ASCII.
_LATIN_LEGAL_COMPACT: Final = frozenset("".join(form) for form in LATIN_LEGAL_FORMS)
_ALL_HAN_RE: Final = re.compile(f"[{HAN_CHARS}]*")
_NOT_A_COMPANY: Final = PLACEHOLDERS | COMPANY_PLACEHOLDERS
_ASCII_ALPHA_RE: Final = re.compile("[a-zA-Z]")
_PLACEHOLDER_ROW: Final = non_linking_row("a placeholder, not a company name")
_LEGAL_FORM_ONLY_ROW: Final = non_linking_row("only a legal form, no company name")
_NO_LETTERS_ROW: Final = non_linking_row("no letters, not a company name")


def _company_row(raw: str) -> Row:
    text = fold(raw).replace("&", " and ").replace("+", " and ")
    squeezed = compact(text)
    if not squeezed or squeezed in _NOT_A_COMPANY:
        return _PLACEHOLDER_ROW
    han = HAN_RE.search(text) is not None
    if "(" in text and ")" in text:
        value_text, key_text, bracket_legal, places = _split_brackets_fast(text)
    else:
        value_text = key_text = text
        bracket_legal = places = []
    value_tokens, legal = _strip_legal_forms_fast(_tokens_fast(value_text, han))
    if not value_tokens:
        return _LEGAL_FORM_ONLY_ROW
    value = _join(value_tokens) if han else " ".join(value_tokens)
    # compact(value): the tokens are word characters, and folding leaves value alone.
    squeezed = "".join(value_tokens) if folds_to_itself(value) else compact(value)
    if not squeezed or squeezed in _NOT_A_COMPANY:
        return _PLACEHOLDER_ROW
    if not (
        _ASCII_ALPHA_RE.search(value) if value.isascii() else any(c.isalpha() for c in value)
    ):
        return _NO_LETTERS_ROW
    if key_text == value_text:
        key_tokens = value_tokens
    else:
        key_tokens, _ = _strip_legal_forms_fast(_tokens_fast(key_text, han))
    legal += bracket_legal
    facts = [f"legal form: {' '.join(legal)}"] if legal else []
    facts += [f"place: {' '.join(places)}"] if places else []
    key = _key_fast(key_tokens, han) or _key(value_tokens, drop_places=False)
    return ok_row(value, key=key, note="; ".join(facts) or None)


def _tokens_fast(text: str, han: bool) -> list[str]:
    """:func:`_tokens`; ``han`` says whether ``text`` may hold Han characters."""
    if not han:
        tokens = words(text)
    else:
        squeezed = drop_non_word(text)  # "".join(words(text))
        if _ALL_HAN_RE.fullmatch(squeezed):  # one run of Han: a single token
            return [squeezed] if squeezed else []
        tokens = _tokens_with_han(text)
    if any(len(t) == 1 for t in tokens):
        tokens = _join_letter_runs(tokens)
    if "e" not in tokens and PLACE_PHRASE_STARTS.isdisjoint(tokens):
        return tokens  # nothing for the rewrites below to do
    joined = " ".join(tokens)
    if " e commerce" in joined:
        joined = joined.replace(" e commerce", " ecommerce")
    return join_place_phrases_text(joined).split()


def _split_brackets_fast(text: str) -> tuple[str, str, list[str], list[str]]:
    """:func:`_split_brackets`, with legal forms looked up in a set."""
    legal: list[str] = []
    places: list[str] = []
    value_text = key_text = text
    while (match := _PAREN_RE.search(value_text)) is not None:
        inner = match.group(1)
        inner_compact = compact(inner)
        if (
            inner_compact in _LATIN_LEGAL_COMPACT
            if inner_compact.isascii()
            else _is_legal_form(inner_compact)
        ) or inner_compact in {"branch", "分公司"}:
            legal.append(inner_compact)
            value_text = _replace(value_text, match, " ")
            key_text = _replace_first(key_text, " ")
        elif _is_place(inner):
            places.append(inner_compact)
            value_text = _replace(value_text, match, f" {inner} ")
            key_text = _replace_first(key_text, " ")
        else:
            value_text = _replace(value_text, match, f" {inner} ")
            key_text = _replace_first(key_text, f" {inner} ")
    return value_text, key_text, legal, places


def _tokens_with_han(text: str) -> list[str]:
    tokens: list[str] = []
    for part in (p for w in words(text) for p in split_scripts(w)):
        if tokens and has_han(part) and has_han(tokens[-1]):
            tokens[-1] += part
        else:
            tokens.append(part)
    return tokens


def _strip_legal_forms_fast(tokens: list[str]) -> tuple[list[str], list[str]]:
    """:func:`_strip_legal_forms`."""
    tokens = list(tokens)
    legal: list[str] = []
    while tokens:
        last = tokens[-1]
        sizes = _LATIN_FORMS_BY_LAST.get(last)
        if sizes is not None:  # the longest form the tokens end with (one per length)
            n = len(tokens)
            form = next((tail for size, forms in sizes if size <= n
                         and (tail := tuple(tokens[n - size :])) in forms), None)
            if form is not None:
                legal.insert(0, " ".join(form))
                del tokens[-len(form) :]
                continue
        if last.isascii() or not has_han(last):
            if legal and last == "and":  # "Smith & Co."
                tokens.pop()
                continue
            break
        start, found = _han_legal_suffix(last)
        if found is None:
            break
        legal.insert(0, found)
        rest = last[:start]
        tokens[-1:] = [rest] if rest else []
    while tokens:  # leading: "The …", Japanese "株式会社…"
        first = tokens[0]
        if len(tokens) > 1 and first == "the":
            tokens.pop(0)
        elif first.startswith(_HAN_LEADING_LEGAL):
            legal.insert(0, first[:4])
            tokens[:1] = [first[4:]] if len(first) > 4 else []
        else:
            break
    return tokens, legal


def _han_legal_suffix(token: str) -> tuple[int, str | None]:
    """Where the branch suffix or Han legal form ending ``token`` starts, and its note."""
    if token.endswith("分公司"):
        branch = _HAN_BRANCH_RE.search(token)
        if branch is not None and branch.start() > 0:
            return branch.start(), "branch"
    if token.endswith(HAN_LEGAL_FORMS):
        # The regex's leftmost match at the end of the token is the longest form.
        for form in HAN_LEGAL_FORMS:
            if token.endswith(form):
                return len(token) - len(form), form
    return 0, None


def _key_fast(tokens: list[str], han: bool) -> str | None:
    """:func:`_key` with places dropped; ``han`` says whether tokens may hold Han."""
    if han:
        return _key(tokens)
    places = latin_places()
    kept = [t for t in tokens if t not in places]
    if _GENERIC_WORDS.issuperset(kept) or all(
        t in _GENERIC_WORDS or t.isdigit() for t in kept
    ):
        return None
    return " ".join(sorted(kept)) or None


_GENERIC_WORDS: Final = GENERIC_LATIN | _LATIN_LEGAL_WORDS
