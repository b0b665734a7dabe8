"""Email addresses and phone numbers, and the equivalent ways sellers write them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from auditor.sample import names
from auditor.sample.strings import (
    BoolArray,
    IntArray,
    StrArray,
    T,
    apply_forms,
    cat,
    choice,
    digit_str,
    distinct,
    number_str,
    pick,
)

GMAIL: Final = "gmail.com"
#: Providers that deliver ``name+tag`` to ``name``.
PLUS_PROVIDERS: Final = (GMAIL, "outlook.com", "hotmail.com", "icloud.com")

#: Email forms — as created · Capitalised · UPPER CASE · +tag · (Gmail) dots moved ·
#: (Gmail) googlemail.com — and how often each place uses them.
EMAIL_FORM_WEIGHTS: Final = {
    "csv": (0.55, 0.12, 0.05, 0.12, 0.1, 0.06),
    "xlsx": (0.62, 0.12, 0.08, 0.08, 0.08, 0.02),
    "log": (0.85, 0.1, 0.0, 0.03, 0.02, 0.0),
}
#: Chinese mobile forms: +86 138 0013 8000 · 13800138000 · 0086-138-0013-8000 ·
#: +86-13800138000 · 138-0013-8000 · +8613800138000 · 138 0013 8000
CN_PHONE_WEIGHTS: Final = {
    "csv": (0.3, 0.25, 0.1, 0.1, 0.1, 0.1, 0.05),
    "xlsx": (0.1, 0.55, 0.05, 0.05, 0.1, 0.05, 0.1),
    "log": (0.1, 0.6, 0.0, 0.0, 0.0, 0.3, 0.0),
}
#: US forms: +1 (415) 820-1234 · +1 415-820-1234 · +14158201234 · 001 415 820 1234 ·
#: +1.415.820.1234
US_PHONE_WEIGHTS: Final = (0.35, 0.3, 0.2, 0.1, 0.05)


@dataclass(frozen=True, slots=True)
class Emails:
    """Mailboxes, one per entity id: the local part as its owner created it, and the domain."""

    local: StrArray
    domain: StrArray

    @property
    def canonical(self) -> StrArray:
        """Lower case; Gmail without dots (``Lan.Yue@gmail.com`` → ``lanyue@gmail.com``)."""
        return self.value(np.arange(len(self.local)))

    def value(self, ids: IntArray) -> StrArray:
        """The canonical addresses of ``ids``."""
        local, domain = np.strings.lower(self.local[ids]), self.domain[ids]
        local = np.where(domain == GMAIL, np.strings.replace(local, ".", ""), local)
        return cat(local, "@", domain)

    def render(self, ids: IntArray, rng: np.random.Generator, style: str) -> StrArray:
        """The mailboxes ``ids`` written the way ``style`` ("csv"/"xlsx"/"log") writes them."""
        local, domain = self.local[ids], self.domain[ids]
        gmail = domain == GMAIL
        plus = np.isin(domain, PLUS_PROVIDERS)
        forms = choice(rng, 6, len(ids), EMAIL_FORM_WEIGHTS[style])
        forms = np.where(((forms == 3) & ~plus) | ((forms >= 4) & ~gmail), 0, forms)
        tag = pick(rng, names.GMAIL_TAGS, len(ids))
        bare = np.strings.replace(local, ".", "")
        moved = cat(np.strings.slice(bare, 0, 3), ".", np.strings.slice(bare, 3, None))
        moved = np.where(np.strings.str_len(bare) > 4, moved, bare)
        first = np.strings.upper(np.strings.slice(local, 0, 1))
        return apply_forms(forms, (
            lambda r: cat(local[r], "@", domain[r]),
            lambda r: cat(first[r], np.strings.slice(local[r], 1, None), "@", domain[r]),
            lambda r: np.strings.upper(cat(local[r], "@", domain[r])),
            lambda r: cat(local[r], "+", tag[r], "@", domain[r]),
            lambda r: cat(moved[r], "@", domain[r]),
            lambda r: cat(local[r], "@googlemail.com"),
        ))

    def corrupt(self, ids: IntArray, rng: np.random.Generator) -> StrArray:
        """Typos that make an address invalid: no top-level domain, ``@@``, ``#`` for ``@``."""
        local, domain = self.local[ids], self.domain[ids]
        forms = rng.integers(0, 3, len(ids))
        return apply_forms(forms, (
            lambda r: cat(local[r], "@", np.strings.slice(domain[r], 0,
                                                          np.strings.find(domain[r], "."))),
            lambda r: cat(local[r], "@@", domain[r]),
            lambda r: cat(local[r], "#", domain[r]),
        ))


def make_emails(rng: np.random.Generator, family: StrArray, given: StrArray,
                brand: StrArray, industry_word: StrArray) -> Emails:
    """One mailbox per row, in the styles sellers use: the owner's name in pinyin
    (zhangwei1988@163.com), the brand (lanyue.shop@gmail.com), a role mailbox on the
    company's domain (service@lanyue-tech.com), a QQ number, or a word and digits."""
    n = len(family)
    style = choice(rng, 5, n, (0.35, 0.28, 0.07, 0.15, 0.15))
    domain = pick(rng, [d for d, _ in names.FREE_MAIL], n, [w for _, w in names.FREE_MAIL])
    domain = np.where(domain == "qq.com", "163.com", domain)
    gmail = domain == GMAIL
    fam, giv = np.strings.lower(family), np.strings.lower(np.strings.replace(given, " ", ""))
    joiner = np.where(gmail, pick(rng, ["", "."], n), pick(rng, ["", ".", "_"], n))
    name_first = rng.random(n) < 0.7
    person = np.where(name_first, cat(fam, joiner, giv), cat(giv, joiner, fam))
    digits = np.where(rng.random(n) < 0.6, number_str(rng.integers(1975, 2003, n)),
                      number_str(rng.integers(1, 9999, n)))
    person = np.where(rng.random(n) < 0.8, cat(person, digits), person)
    b = np.strings.lower(brand)
    suffix = pick(rng, names.BRAND_MAIL_SUFFIXES, n)
    brand_sep = np.where(gmail, pick(rng, ["", "."], n), pick(rng, ["", ".", "_"], n))
    brand_local = np.where(suffix == "", b, cat(b, brand_sep, suffix))
    brand_local = np.where(rng.random(n) < 0.3, cat(brand_local, number_str(
        rng.integers(1, 100, n))), brand_local)
    word = np.strings.lower(np.strings.replace(industry_word, " ", ""))
    company_domain = cat(b, np.where(rng.random(n) < 0.5, cat("-", word), ""),
                         pick(rng, [".com", ".cn", ".net", ".com.cn"], n, (6, 2, 1, 1)))
    qq = digit_str(rng.integers(0, 10, (n, 10)))
    qq_len = rng.integers(6, 11, n)
    qq = cat(number_str(rng.integers(1, 10, n)), np.strings.slice(qq, 0, qq_len - 1))
    words = cat(pick(rng, names.EMAIL_WORDS, n), pick(rng, ["", "_", ""], n),
                number_str(rng.integers(1, 10000, n)))
    local = np.select([style == 0, style == 1, style == 2, style == 3],
                      [person, brand_local, pick(rng, names.ROLE_MAILBOXES, n), qq], words)
    domain = np.select([style == 2, style == 3],
                       [company_domain, pick(rng, ["qq.com", "foxmail.com"], n, (4, 1))],
                       domain)
    emails = Emails(local, domain)
    # Make every canonical address unique: add digits to the rest until none repeats.
    while True:
        canon = emails.canonical.astype(object)
        dup = np.flatnonzero(pd.Series(canon).duplicated().to_numpy())
        if not len(dup):
            return emails
        emails.local[dup] = cat(emails.local[dup], number_str(rng.integers(0, 1000, len(dup))))


@dataclass(frozen=True, slots=True)
class Phones:
    """Phone numbers in E.164, one per entity id; ``us`` marks US numbers."""

    canonical: StrArray
    us: BoolArray

    def render(self, ids: IntArray, rng: np.random.Generator, style: str) -> StrArray:
        """The numbers ``ids`` as ``style`` ("csv"/"xlsx"/"log") writes them."""
        e164 = self.canonical[ids]

        def s(rows: IntArray, a: int, b: int) -> StrArray:
            return np.strings.slice(e164[rows], a, b)

        cn_forms = choice(rng, 7, len(ids), CN_PHONE_WEIGHTS[style])
        us_forms = choice(rng, 5, len(ids), US_PHONE_WEIGHTS)
        us = self.us[ids]
        cn_text = apply_forms(np.where(us, -1, cn_forms), (
            lambda r: cat("+86 ", s(r, 3, 6), " ", s(r, 6, 10), " ", s(r, 10, 14)),
            lambda r: s(r, 3, 14),
            lambda r: cat("0086-", s(r, 3, 6), "-", s(r, 6, 10), "-", s(r, 10, 14)),
            lambda r: cat("+86-", s(r, 3, 14)),
            lambda r: cat(s(r, 3, 6), "-", s(r, 6, 10), "-", s(r, 10, 14)),
            lambda r: e164[r],
            lambda r: cat(s(r, 3, 6), " ", s(r, 6, 10), " ", s(r, 10, 14)),
        ))
        us_text = apply_forms(np.where(us, us_forms, -1), (
            lambda r: cat("+1 (", s(r, 2, 5), ") ", s(r, 5, 8), "-", s(r, 8, 12)),
            lambda r: cat("+1 ", s(r, 2, 5), "-", s(r, 5, 8), "-", s(r, 8, 12)),
            lambda r: e164[r],
            lambda r: cat("001 ", s(r, 2, 5), " ", s(r, 5, 8), " ", s(r, 8, 12)),
            lambda r: cat("+1.", s(r, 2, 5), ".", s(r, 5, 8), ".", s(r, 8, 12)),
        ))
        return np.where(us, us_text, cn_text)


def make_phones(rng: np.random.Generator, us: BoolArray) -> Phones:
    """One valid mobile number per row: Chinese, or US where ``us``."""
    us = np.asarray(us, dtype=bool)

    def draw_cn(r: np.random.Generator, rows: IntArray) -> StrArray:
        k = len(rows)
        return cat("+86", pick(r, names.CN_MOBILE_PREFIXES, k),
                   digit_str(r.integers(0, 10, (k, 8))))

    def draw_us(r: np.random.Generator, rows: IntArray) -> StrArray:
        k = len(rows)
        exchange = r.integers(200, 1000, k)
        exchange = np.where((exchange == 555) | (exchange % 100 == 11), exchange + 1, exchange)
        return cat("+1", pick(r, names.US_AREA_CODES, k), number_str(exchange),
                   number_str(r.integers(0, 10000, k), 4))

    values = np.full(len(us), "", dtype=T)
    values[~us] = distinct(rng, draw_cn, int((~us).sum()))
    values[us] = distinct(rng, draw_us, int(us.sum()))
    return Phones(values, us)


__all__ = ["Emails", "Phones", "make_emails", "make_phones"]
