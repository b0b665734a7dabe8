"""Phone numbers.

"The same value" is the same number in E.164 (``+8613800138000``), whatever the
notation: spaces, dashes, dots and brackets, ``+86``/``0086``/``86`` or no country code
(then ``default_region`` applies), a ``tel:`` URI, labels and names around it
(``手机：138…``, ``… (张先生)``), full-width digits, a number that a spreadsheet turned
into a float (``13800138000.0``). An extension (``ext. 12``, ``x12``, ``转801``,
``分机801``) is not part of the value — the line is what links — and is kept in
``note``, after the region and number type (``US; fixed line or mobile; ext. 12``).

``0086…`` (the international prefix used in China) is read as ``+86…`` whatever the
default region, since Chinese seller data writes it that way even for foreign
storefronts.

``invalid``: what phonenumbers (Google's libphonenumber metadata) does not accept as a
valid number — wrong length, unknown country code, unassigned range — with the reason.
``non_linking``: unmistakable placeholders — one repeated digit (``00000000000``), a
run of consecutive digits from 0, 1 or 9 (``12345678901``, ``987654321``), or a number
ending in seven zeros (``13800000000``). Real-looking example numbers such as
``13800138000`` are not guessed at: they are valid numbers and link like any other.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
from phonenumbers import PhoneMetadata

from auditor.errors import ConfigError
from auditor.normalise._base import Normalised, invalid, map_unique, non_linking
from auditor.normalise._fast import distinct, fill_slow, new_table, spread
from auditor.tables import NORMALISED_COLUMNS, STATUS_INVALID, STATUS_NON_LINKING, STATUS_OK

_TYPES: Final = {
    phonenumbers.PhoneNumberType.FIXED_LINE: "fixed line",
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed line or mobile",
    phonenumbers.PhoneNumberType.TOLL_FREE: "toll free",
    phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium rate",
    phonenumbers.PhoneNumberType.SHARED_COST: "shared cost",
    phonenumbers.PhoneNumberType.VOIP: "voip",
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER: "personal number",
    phonenumbers.PhoneNumberType.PAGER: "pager",
    phonenumbers.PhoneNumberType.UAN: "universal access number",
    phonenumbers.PhoneNumberType.VOICEMAIL: "voicemail",
}
_PARSE_ERRORS: Final = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "unknown or missing country code",
    phonenumbers.NumberParseException.NOT_A_NUMBER: "not a phone number",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too short after the country prefix",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "too short to be a phone number",
    phonenumbers.NumberParseException.TOO_LONG: "too long to be a phone number",
}
_LENGTH_ERRORS: Final = {
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "unknown country code",
    phonenumbers.ValidationResult.TOO_SHORT: "too short",
    phonenumbers.ValidationResult.TOO_LONG: "too long",
    phonenumbers.ValidationResult.INVALID_LENGTH: "wrong length",
    phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "local number without area code",
}

_SPREADSHEET_FLOAT: Final = re.compile(r"(\+?\d+)\.0+")
_CHINESE_EXTENSION: Final = re.compile(r"\s*(?:转|分机号?|内线)\s*")
_BRACKETED_TEXT: Final = re.compile(r"[(\[【][^()\[\]【】\d]*[)\]】]")
_CJK: Final = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LEADING_ZERO_ZERO: Final = re.compile(r"[^\d+]*00(?=[1-9])")
_RUNS: Final = ("0123456789012345", "1234567890123456", "9876543210987654")
_MIN_PLACEHOLDER_DIGITS: Final = 6


def normalise_phone_value(text: str, default_region: str = "CN") -> Normalised:
    """Normalise one phone number as written; ``default_region`` applies without ``+``.

    >>> normalise_phone_value("+86 138-0013-8000").value
    '+8613800138000'
    >>> r = normalise_phone_value("(+1) 415 555 2671 ext. 12")
    >>> r.value, r.note
    ('+14155552671', 'US; fixed line or mobile; ext. 12')
    >>> normalise_phone_value("00000000000").status
    'non_linking'
    """
    default_region = default_region.upper()
    cleaned = _clean(text)
    number, error = _parse(cleaned, default_region)
    if number is None:
        return invalid(error)
    valid = phonenumbers.is_valid_number(number)
    value = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    nsn = phonenumbers.national_significant_number(number)
    if number.national_number == 0 or _is_placeholder(nsn):
        return non_linking(value if valid else None, "placeholder number")
    if not valid:
        return invalid(_invalid_reason(number, default_region, "+" in cleaned))
    region = phonenumbers.region_code_for_number(number) or "unknown region"
    facts = [region, _TYPES.get(phonenumbers.number_type(number), "unknown type")]
    if number.extension:
        facts.append(f"ext. {number.extension}")
    return Normalised(value, note="; ".join(facts))


def normalise_phone(
    raw: pd.Series, *, default_region: str = "CN", fast: bool = True
) -> pd.DataFrame:
    """Normalise a column of phone numbers to E.164 (see the module docstring).

    ``default_region`` is the ISO 3166 country code used for numbers written without a
    country code; an unknown code raises :class:`auditor.errors.ConfigError`.

    The result is :func:`normalise_phone_value` applied to every distinct value.
    ``fast=False`` does exactly that. The default reads numbers written as digits,
    spaces, dots, dashes and bracketed digits, with or without ``+``, the way
    phonenumbers reads them, and asks phonenumbers about validity and type once per
    range of numbers rather than once per number (see :func:`_range_facts`); the rest,
    and numbers that are not valid, go to :func:`normalise_phone_value`.

    >>> import pandas as pd
    >>> s = pd.Series(["0086 13800138000", "１３８００１３８０００", "+86 138 0013 8000"])
    >>> normalise_phone(s)["value"].tolist()
    ['+8613800138000', '+8613800138000', '+8613800138000']
    """
    region = default_region.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigError(
            f"unknown default phone region {default_region!r}: "
            "use a two-letter ISO country code such as CN, US or GB"
        )
    reference = functools.partial(normalise_phone_value, default_region=region)
    if not fast:
        return map_unique(raw, reference)
    codes, uniques, texts = distinct(raw)
    table, done = _fast_table(texts, region)
    fill_slow(table, done, uniques, reference)
    return spread(table, codes, raw.index)


def _clean(text: str) -> str:
    cleaned = unicodedata.normalize("NFKC", text).strip()
    float_form = _SPREADSHEET_FLOAT.fullmatch(cleaned)
    if float_form:
        cleaned = float_form.group(1)
    cleaned = _CHINESE_EXTENSION.sub(" ext. ", cleaned)
    cleaned = _BRACKETED_TEXT.sub(" ", cleaned)
    return _CJK.sub(" ", cleaned).strip()


def _parse(cleaned: str, region: str) -> tuple[phonenumbers.PhoneNumber | None, str]:
    attempts = [cleaned]
    idd = _LEADING_ZERO_ZERO.match(cleaned)
    if idd:
        attempts.append("+" + cleaned[idd.end() :])
    number = None
    error = "not a phone number"
    for attempt in attempts:
        try:
            number = phonenumbers.parse(attempt, region)
        except phonenumbers.NumberParseException as exc:
            error = _PARSE_ERRORS.get(exc.error_type, "not a phone number")
            continue
        if phonenumbers.is_valid_number(number):
            break
    return number, error


def _invalid_reason(number: phonenumbers.PhoneNumber, region: str, has_plus: bool) -> str:
    possible = phonenumbers.is_possible_number_with_reason(number)
    where = phonenumbers.region_code_for_country_code(number.country_code or 0)
    if possible in _LENGTH_ERRORS:
        reason = f"not a valid phone number ({_LENGTH_ERRORS[possible]} for {where})"
    else:
        reason = f"not a valid phone number for {where} (unassigned range)"
    if where == region and not has_plus:
        reason += f"; read as {region} because no country code is written"
    return reason


def _is_placeholder(digits: str) -> bool:
    if len(digits) < _MIN_PLACEHOLDER_DIGITS:
        return False
    return (
        len(set(digits)) == 1
        or any(run.startswith(digits) for run in _RUNS)
        or digits.endswith("0000000")
    )


# --- the fast path ------------------------------------------------------------------------
#
# 1. Reading. A value that is nothing but ASCII digits, single spaces/dots/dashes and
#    bracketed digits, with an optional leading "+", is its own _clean() form (no
#    float, extension, label or CJK text), and phonenumbers.parse() sees in it only a
#    "+" or not and its digits: no extension (no letters, "#", "," or ";"), nothing
#    before or after the number. _reading() follows parse() on the digits — the "+",
#    or the default region's international prefix, then the country code; or no
#    country code — as far as parse() takes no further branch: no national prefix or
#    carrier code to strip (national_prefix_for_parsing does not match), no leading
#    zero, not the default region's country code written without "+". Other values
#    are left to normalise_phone_value().
# 2. Facts. phonenumbers decides validity, type and region from the country code, the
#    number's length and whether its digits match the patterns of the country's
#    metadata (national number patterns, leading digits). _facts() finds a prefix of
#    the number such that each of those patterns matches either every number of that
#    length starting with it or none (reading the patterns, see _Pattern), and asks
#    phonenumbers once for that whole range of numbers.
# 3. Result. normalise_phone_value() gives a valid number "+<cc><national>", the
#    placeholder test on the national number and "<region>; <type>"; an invalid one
#    the placeholder test, or a reason that depends on the country code, the length
#    and whether "+" is written — computed here the same way. A number read after an
#    international prefix that is not valid is left to normalise_phone_value(), which
#    may then try the digits once more.
_FAST_SHAPE: Final = r"^\+?[0-9]+(?:[ .\-]?(?:[0-9]+|\([0-9]+\)))*$"
_FLOAT_SHAPE: Final = r"^\+?[0-9]+\.0+$"  # _SPREADSHEET_FLOAT: _clean() drops the ".0"
# parse() takes a value spread over digits and punctuation for a number only with 3 or
# more digits; longer values are left to normalise_phone_value() too.
_MIN_DIGITS: Final = 3
_MAX_DIGITS: Final = 20
_NATIONAL_LENGTHS: Final = range(2, 18)  # parse() rejects shorter and longer
_DESCS: Final = (
    "general_desc", "premium_rate", "toll_free", "shared_cost", "voip", "personal_number",
    "pager", "uan", "voicemail", "fixed_line", "mobile",
)  # fmt: skip
_INVALID: Final = False  # _facts() of a number that is not valid
_COL: Final = {name: i for i, name in enumerate(NORMALISED_COLUMNS)}


def _fast_table(
    texts: pa.Array, region: str
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.bool_]]:
    table, done = new_table(len(texts))
    shaped = pc.and_(
        pc.match_substring_regex(texts, _FAST_SHAPE),
        pc.invert(pc.match_substring_regex(texts, _FLOAT_SHAPE)),
    )
    rows = np.flatnonzero(pc.fill_null(shaped, False).to_numpy(zero_copy_only=False))
    chosen = texts.take(rows)
    plus = pc.starts_with(chosen, "+").to_numpy(zero_copy_only=False).tolist()
    digits = pc.replace_substring_regex(chosen, "[^0-9]", "").to_pylist()
    read = functools.partial(_reading, _Region.of(region))
    found: list[int] = []
    values: list[str | None] = []
    nationals: list[str] = []
    notes: list[str | None] = []
    reasons: list[str | None] = []
    for row, has_plus, number in zip(rows.tolist(), plus, digits, strict=True):
        if not _MIN_DIGITS <= len(number) <= _MAX_DIGITS:
            continue
        reading = read(number, has_plus)
        if reading is None:
            continue
        code, national, after_idd = reading
        facts = _facts(code, national)
        if facts is None or (facts is _INVALID and after_idd):
            continue
        found.append(row)
        nationals.append(national)
        if isinstance(facts, str):
            values.append(f"+{code}{national}")
            notes.append(facts)
            reasons.append(None)
        else:
            values.append(None)
            notes.append(None)
            reasons.append(_invalid_facts(code, len(national), region, has_plus))
    at = np.array(found, dtype=np.intp)
    placeholder = _placeholders(nationals)
    valid = np.array([note is not None for note in notes], dtype=bool)
    status = np.array([STATUS_INVALID, STATUS_OK], dtype=object)[valid.astype(np.intp)]
    note = np.array(notes, dtype=object)
    reason = np.array(reasons, dtype=object)
    status[placeholder] = STATUS_NON_LINKING
    note[placeholder] = None
    reason[placeholder] = "placeholder number"
    table[_COL["value"], at] = values
    table[_COL["note"], at] = note
    table[_COL["status"], at] = status
    table[_COL["reason"], at] = reason
    done[at] = True
    return table, done


def _placeholders(nationals: list[str]) -> npt.NDArray[np.bool_]:
    """_is_placeholder() of each national number."""
    numbers = pa.array(nationals, type=pa.large_string())
    lengths = pc.utf8_length(numbers).to_numpy(zero_copy_only=False)
    first = pc.utf8_slice_codeunits(numbers, 0, 1)
    one_digit = pc.equal(pc.binary_repeat(first, pa.array(lengths)), numbers)
    placeholder = pc.or_(one_digit, pc.ends_with(numbers, "0000000")).to_numpy(
        zero_copy_only=False
    )
    texts = np.array(nationals, dtype=object)
    for run in _RUNS:  # run.startswith(digits): digits is the run's first len(digits)
        heads = np.array([run[:n] for n in range(len(run) + 1)] + [None], dtype=object)
        placeholder |= heads[np.minimum(lengths, len(run) + 1)] == texts
    result: npt.NDArray[np.bool_] = placeholder & (lengths >= _MIN_PLACEHOLDER_DIGITS)
    return result


class _Region:
    """What parse() uses of the default region's metadata."""

    def __init__(self, region: str) -> None:
        metadata = PhoneMetadata.metadata_for_region(region, None)
        assert metadata is not None and metadata.country_code is not None
        self.code: int = metadata.country_code
        self.code_digits = str(self.code)
        self.international = re.compile(metadata.international_prefix or "NonMatch")
        self.national_prefix = _national_prefix(metadata)

    @staticmethod
    @functools.cache
    def of(region: str) -> _Region:
        return _Region(region)


def _national_prefix(metadata: PhoneMetadata) -> re.Pattern[str] | None:
    pattern = metadata.national_prefix_for_parsing
    return re.compile(pattern) if pattern else None


@functools.cache
def _country(code: int) -> tuple[re.Pattern[str] | None] | None:
    """The national prefix pattern parse() uses for a country code (None if unknown)."""
    if code not in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
        return None
    main = phonenumbers.region_code_for_country_code(code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, main)
    if metadata is None:
        return None
    return (_national_prefix(metadata),)


def _reading(region: _Region, digits: str, has_plus: bool) -> tuple[int, str, bool] | None:
    """(country code, national number, read after an international prefix) as parse()
    reads the digits, or None where parse() goes where this does not follow."""
    if has_plus:
        international = digits
    else:
        idd = region.international.match(digits)
        if idd is None or digits[idd.end() : idd.end() + 1] == "0":
            national = digits
            if national.startswith(region.code_digits) or national[:1] in ("", "0"):
                return None
            if region.national_prefix is not None and region.national_prefix.match(national):
                return None
            return (region.code, national, False) if len(national) in _NATIONAL_LENGTHS else None
        international = digits[idd.end() :]
    if len(international) <= 2 or international[0] == "0":
        return None
    for size in (1, 2, 3):
        code = int(international[:size])
        country = _country(code)
        if country is not None:
            break
    else:
        return None
    national = international[size:]
    (national_prefix,) = country
    if len(national) not in _NATIONAL_LENGTHS or national[0] == "0":
        return None
    if national_prefix is not None and national_prefix.match(national):
        return None
    return code, national, not has_plus


def _facts(code: int, national: str) -> str | bool | None:
    """The note of a valid number ("<region>; <type>"), _INVALID, or None if the
    patterns of its country cannot be read."""
    node = _root(code, len(national))
    if node is None:
        return None
    for depth, digit in enumerate(national):
        child = node.children.get(digit)
        if child is None:
            child = node.children[digit] = node.narrow(code, national[: depth + 1])
        if not isinstance(child, _Range):
            return child
        node = child
    raise AssertionError("a whole number is always decided")  # pragma: no cover


class _Range:
    """National numbers of one length starting with some prefix that the patterns in
    ``pending`` do not all match alike; ``children`` by the next digit: a narrower
    range, or the facts of a range all patterns decide."""

    __slots__ = ("children", "length", "pending")

    def __init__(self, length: int, pending: tuple[tuple[_Pattern, bool], ...]) -> None:
        self.length = length
        self.pending = pending
        self.children: dict[str, _Range | str | bool] = {}

    def narrow(self, code: int, prefix: str) -> _Range | str | bool:
        """The range of numbers starting with ``prefix`` (one digit longer than ours):
        the patterns that match all or none of ours do so for it too."""
        pending = tuple(
            (pattern, whole)
            for pattern, whole in self.pending
            if pattern.verdict(prefix, self.length, whole=whole) is None
        )
        if pending:
            return _Range(self.length, pending)
        number = phonenumbers.PhoneNumber(
            country_code=code, national_number=int(prefix.ljust(self.length, "0"))
        )
        if not phonenumbers.is_valid_number(number):
            return _INVALID
        region = phonenumbers.region_code_for_number(number) or "unknown region"
        return f"{region}; {_TYPES.get(phonenumbers.number_type(number), 'unknown type')}"


@functools.cache
def _root(code: int, length: int) -> _Range | None:
    """All national numbers of ``length`` digits for a country code, with the patterns
    phonenumbers matches them against to decide validity, type and region (``whole``:
    a full match, else a match at the start); None if a pattern cannot be read."""
    found: list[tuple[_Pattern, bool]] = []
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ()):
        metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
        if metadata is None:
            return None
        texts: list[tuple[str, bool]] = []
        if metadata.leading_digits is not None:
            texts.append((metadata.leading_digits, False))
        for name in _DESCS:
            desc = getattr(metadata, name)
            if desc is None or not desc.national_number_pattern:
                continue
            if desc.possible_length and length not in desc.possible_length:
                continue  # _is_number_matching_desc() says no without the pattern
            texts.append((desc.national_number_pattern, True))
        for text, whole in texts:
            pattern = _Pattern.of(text)
            if pattern is None:
                return None
            found.append((pattern, whole))
    return _Range(length, tuple(found))


@functools.lru_cache(maxsize=4096)
def _invalid_facts(code: int, length: int, region: str, has_plus: bool) -> str:
    """_invalid_reason() of a number, which depends on these alone."""
    number = phonenumbers.PhoneNumber(country_code=code, national_number=10 ** (length - 1))
    return _invalid_reason(number, region, has_plus)


class _Pattern:
    r"""A metadata regular expression, read to tell whether it matches all, none or some
    of the digit strings of one length that start with a given prefix.

    Only the syntax libphonenumber's metadata uses is read — digits, ``\d``, classes of
    digits and ranges, ``(?:…)``, ``|``, ``?``, ``{n}``, ``{m,n}``; anything else makes
    :meth:`of` return None. A string matches a pattern when some path through it
    consumes the string (Python's backtracking finds one if there is one). The
    digits after the prefix are unknown: "some completion matches" is a path taking
    any digit there, "every completion matches" is implied by a path taking only
    ``\d`` (or a class of all ten digits) there.
    """

    _DIGITS: Final = frozenset("0123456789")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.tree = self._alternatives()
        if self.pos != len(text):
            raise ValueError(text)

    @staticmethod
    @functools.cache
    def of(text: str) -> _Pattern | None:
        try:
            return _Pattern(text)
        except ValueError:
            return None

    def verdict(self, prefix: str, length: int, *, whole: bool) -> bool | None:
        """True if every string of ``length`` digits starting with ``prefix`` matches
        (fully if ``whole``, else at its start), False if none does, else None."""
        for every in (False, True):
            ends = self._ends(self.tree, frozenset({0}), prefix, length, every=every)
            matched = length in ends if whole else bool(ends)
            if matched == every:
                return matched  # some path: none matches; or an every-path: all match
        return None

    # -- evaluation: the sets of positions a node can end at, from a set of starts --

    def _ends(
        self, node: _Tree, starts: frozenset[int], prefix: str, length: int, *, every: bool
    ) -> frozenset[int]:
        kind = node[0]
        if kind == "chars":
            chars: frozenset[str] = node[1]
            ends = set()
            for at in starts:
                if at < len(prefix):
                    if prefix[at] in chars:
                        ends.add(at + 1)
                elif at < length and (chars >= self._DIGITS if every else chars):
                    ends.add(at + 1)
            return frozenset(ends)
        if kind == "seq":
            for child in node[1]:
                if not starts:
                    break
                starts = self._ends(child, starts, prefix, length, every=every)
            return starts
        if kind == "alt":
            union: frozenset[int] = frozenset()
            for child in node[1]:
                union |= self._ends(child, starts, prefix, length, every=every)
            return union
        low, high = node[2], node[3]  # "repeat"
        ends_at: frozenset[int] = starts if low == 0 else frozenset()
        current = starts
        for count in range(1, high + 1):
            current = self._ends(node[1], current, prefix, length, every=every)
            if not current:
                break
            if count >= low:
                ends_at |= current
        return ends_at

    # -- parsing ------------------------------------------------------------------------

    def _peek(self) -> str:
        return self.text[self.pos : self.pos + 1]

    def _alternatives(self) -> _Tree:
        options = [self._sequence()]
        while self._peek() == "|":
            self.pos += 1
            options.append(self._sequence())
        return ("alt", tuple(options))

    def _sequence(self) -> _Tree:
        items: list[_Tree] = []
        while self._peek() not in ("", "|", ")"):
            atom = self._atom()
            items.append(self._quantified(atom))
        return ("seq", tuple(items))

    def _atom(self) -> _Tree:
        char = self._peek()
        if char.isdigit() and char.isascii():
            self.pos += 1
            return ("chars", frozenset(char))
        if self.text.startswith("\\d", self.pos):
            self.pos += 2
            return ("chars", self._DIGITS)
        if char == "[":
            return self._class()
        if self.text.startswith("(?:", self.pos):
            self.pos += 3
            inner = self._alternatives()
            if self._peek() != ")":
                raise ValueError(self.text)
            self.pos += 1
            return inner
        raise ValueError(self.text)

    def _class(self) -> _Tree:
        self.pos += 1  # "["
        chars: set[str] = set()
        while self._peek() != "]":
            if self.text.startswith("\\d", self.pos):
                chars |= self._DIGITS
                self.pos += 2
                continue
            first = self._peek()
            if not (first.isdigit() and first.isascii()):
                raise ValueError(self.text)
            self.pos += 1
            if self._peek() == "-" and self.text[self.pos + 1 : self.pos + 2] != "]":
                last = self.text[self.pos + 1 : self.pos + 2]
                if not (last.isdigit() and last.isascii()) or last < first:
                    raise ValueError(self.text)
                chars |= {str(d) for d in range(int(first), int(last) + 1)}
                self.pos += 2
            else:
                chars.add(first)
        self.pos += 1  # "]"
        return ("chars", frozenset(chars))

    def _quantified(self, atom: _Tree) -> _Tree:
        char = self._peek()
        if char == "?":
            self.pos += 1
            return ("repeat", atom, 0, 1)
        if char == "{":
            close = self.text.find("}", self.pos)
            bounds = self.text[self.pos + 1 : close].split(",")
            if close < 0 or len(bounds) > 2 or not all(b.isdigit() and b.isascii() for b in bounds):
                raise ValueError(self.text)
            low, high = int(bounds[0]), int(bounds[-1])
            if high < low:
                raise ValueError(self.text)
            self.pos = close + 1
            if self._peek() in ("?", "+", "*", "{"):
                raise ValueError(self.text)  # lazy, possessive or stacked: not read here
            return ("repeat", atom, low, high)
        if char in ("+", "*"):
            raise ValueError(self.text)
        return atom


#: ("chars", frozenset of digits) | ("seq" or "alt", children) | ("repeat", tree, low, high)
_Tree = tuple[Any, ...]


__all__ = ["normalise_phone", "normalise_phone_value"]
