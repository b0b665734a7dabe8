"""Companies (Chinese 有限公司, US LLCs, UK Ltds) and their tax identifiers.

A Chinese company name is city + trade name (字号) + industry + 有限公司, the way the
registry writes it; its English rendering is what sellers type into Seller Central.
Trade name and industry together are unique, so two owners never have the same name by
accident — only the planted look-alikes come close.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from auditor.sample import names
from auditor.sample.numbers import USCC_ALPHABET, uscc, vat_de, vat_gb
from auditor.sample.strings import (
    IntArray,
    StrArray,
    apply_forms,
    cat,
    choice,
    digit_str,
    distinct_ints,
    number_str,
    pick,
    strs,
    title,
)

CN, US, UK = 0, 1, 2

_BRAND_HAN: Final = strs([c for c, _ in names.BRAND_CHARS])
_BRAND_PY: Final = strs([p for _, p in names.BRAND_CHARS])
_B: Final = len(names.BRAND_CHARS)
_I: Final = len(names.INDUSTRIES)
_IND_HAN: Final = strs([h for h, _, _ in names.INDUSTRIES])
_IND_EN: Final = strs([e for _, e, _ in names.INDUSTRIES])
_IND_SHORT: Final = strs([s for _, _, s in names.INDUSTRIES])
_CITY_HAN: Final = strs([c[0] + "市" for c in names.CITIES])
_CITY_PY: Final = strs([c[1] for c in names.CITIES])
_CITY_CODE: Final = strs([c[4] for c in names.CITIES])
#: Two-character trade names: ordered pairs of different characters.
_TWO: Final = _B * (_B - 1)

#: Written forms and how often each sheet uses them. Chinese companies:
#: 深圳市蓝月科技有限公司 · Shenzhen Lanyue Technology Co., Ltd. ·
#: SHENZHEN LANYUE TECHNOLOGY CO LTD · Shenzhen Lanyue Technology Co.,Ltd ·
#: Lanyue Technology (Shenzhen) Co., Ltd. · Shenzhen Lanyue Technology Company Limited
CN_FORM_WEIGHTS: Final = {
    "csv": (0.25, 0.35, 0.15, 0.1, 0.08, 0.07),
    "xlsx": (0.88, 0.06, 0.02, 0.02, 0.01, 0.01),
}


@dataclass(frozen=True, slots=True)
class Companies:
    """Companies, one per entity id, with up to two tax ids each (``tax[:, 1]`` is a
    European VAT number of a Chinese company, or "")."""

    country: IntArray
    city: IntArray
    brand_han: StrArray
    brand_py: StrArray
    industry: IntArray
    tax: StrArray

    @property
    def canonical(self) -> StrArray:
        """The registered name: Han for Chinese companies, English for the others."""
        return self.value(np.arange(len(self.country)))

    def value(self, ids: IntArray) -> StrArray:
        """The registered names of ``ids``."""
        return np.where(self.country[ids] == CN, self._han(ids), self._latin(ids, 0))

    def _han(self, ids: IntArray) -> StrArray:
        return cat(_CITY_HAN[self.city[ids]], self.brand_han[ids], _IND_HAN[self.industry[ids]],
                   "有限公司")

    def _latin(self, ids: IntArray, form: int) -> StrArray:
        """US and UK names: Lanyue Home LLC · LANYUE HOME LLC · Lanyue Home, LLC ·
        Lanyue Home L.L.C. (UK: Ltd · LIMITED · Ltd. · Limited)."""
        base = cat(self.brand_py[ids], " ", _IND_SHORT[self.industry[ids]])
        llc = (" LLC", " LLC", ", LLC", " L.L.C.")[form]
        ltd = (" Ltd", " LIMITED", " Ltd.", " Limited")[form]
        text = cat(base, np.where(self.country[ids] == US, llc, ltd))
        return np.strings.upper(text) if form == 1 else text

    def _latin_rows(self, ids: IntArray, form: int, rows: IntArray) -> StrArray:
        return self._latin(ids[rows], form)

    def render(self, ids: IntArray, rng: np.random.Generator, style: str) -> StrArray:
        """The names of ``ids`` as a sheet of ``style`` ("csv"/"xlsx") writes them."""
        city = _CITY_PY[self.city[ids]]
        brand = self.brand_py[ids]
        ind = _IND_EN[self.industry[ids]]
        en = cat(city, " ", brand, " ", ind)
        cn_forms = choice(rng, 6, len(ids), CN_FORM_WEIGHTS[style])
        cn = apply_forms(cn_forms, (
            lambda r: self._han(ids[r]),
            lambda r: cat(en[r], " Co., Ltd."),
            lambda r: np.strings.upper(cat(en[r], " CO LTD")),
            lambda r: cat(en[r], " Co.,Ltd"),
            lambda r: cat(brand[r], " ", ind[r], " (", city[r], ") Co., Ltd."),
            lambda r: cat(en[r], " Company Limited"),
        ))
        latin_forms = choice(rng, 4, len(ids), (0.5, 0.25, 0.15, 0.1))
        latin = apply_forms(latin_forms, [functools.partial(self._latin_rows, ids, f)
                                          for f in range(4)])
        return np.where(self.country[ids] == CN, cn, latin)

    def render_tax(self, ids: IntArray, rng: np.random.Generator, slot: int) -> StrArray:
        """Tax ids as written: EIN with or without its dash, VAT with or without spaces."""
        value = self.tax[ids, slot]
        forms = choice(rng, 2, len(ids), (0.7, 0.3))
        ein = self.country[ids] == US
        gb = np.strings.startswith(value, "GB")
        de = np.strings.startswith(value, "DE")
        spaced = np.where(
            ein, cat(np.strings.slice(value, 0, 2), "-", np.strings.slice(value, 2, None)),
            np.where(gb, cat("GB ", np.strings.slice(value, 2, 5), " ",
                             np.strings.slice(value, 5, 9), " ", np.strings.slice(value, 9, None)),
                     np.where(de, cat("DE ", np.strings.slice(value, 2, None)), value)))
        # EINs are usually written with the dash: swap the two forms' weights for them.
        use_spaced = np.where(ein, forms == 0, forms == 1)
        return np.where(use_spaced, spaced, value)


def make_companies(rng: np.random.Generator, marketplace: StrArray) -> Companies:
    """One company per account, registered where a seller of ``marketplace`` would."""
    n = len(marketplace)
    eu = np.isin(marketplace, list(names.EU_MARKETPLACES))
    north_america = np.isin(marketplace, ["US", "CA", "MX"])
    u = rng.random(n)
    country = np.where(north_america & (u < 0.15), US, np.where(eu & (u < 0.12), UK, CN))
    city = choice(rng, len(names.CITIES), n, names.CITY_WEIGHTS)
    brand_han, brand_py, industry = _trade_names(rng, n)
    tax = np.full((n, 2), "", dtype=brand_han.dtype)
    cn = np.flatnonzero(country == CN)
    tax[cn, 0] = _uscc(rng, _CITY_CODE[city[cn]])
    us = np.flatnonzero(country == US)
    tax[us, 0] = cat(pick(rng, names.EIN_PREFIXES, len(us)),
                     digit_str(rng.integers(0, 10, (len(us), 7))))
    uk = np.flatnonzero(country == UK)
    tax[uk, 0] = _vat_gb(rng, len(uk))
    vat = np.flatnonzero((country == CN) & eu & (rng.random(n) < 0.4))
    german = rng.random(len(vat)) < 0.5
    tax[vat, 1] = np.where(german, _vat_de(rng, len(vat)), _vat_gb(rng, len(vat)))
    companies = Companies(country, city, brand_han, brand_py, industry, tax)
    redraw_duplicate_tax_ids(companies, rng)
    return companies


def redraw_duplicate_tax_ids(companies: Companies, rng: np.random.Generator) -> None:
    """Draw again every tax id that another company already has: a tax id is one
    company's, so two owners must never share one by chance."""
    tax = companies.tax
    while True:
        flat = tax.ravel()
        filled = np.flatnonzero(flat != "")
        dup = filled[pd.Series(flat[filled].astype(object)).duplicated().to_numpy()]
        if not len(dup):
            return
        for i, slot in zip(*np.divmod(dup, 2), strict=True):
            old = str(tax[i, slot])
            if old.startswith("GB"):
                tax[i, slot] = _vat_gb(rng, 1)[0]
            elif old.startswith("DE"):
                tax[i, slot] = _vat_de(rng, 1)[0]
            elif len(old) == 9:
                tax[i, slot] = cat(pick(rng, names.EIN_PREFIXES, 1),
                                   digit_str(rng.integers(0, 10, (1, 7))))[0]
            else:
                tax[i, slot] = _uscc(rng, _CITY_CODE[companies.city[[i]]])[0]


def _uscc(rng: np.random.Generator, division: StrArray) -> StrArray:
    """New-style USCCs (organisation code ``MA`` + 7 characters) in ``division``."""
    k = len(division)
    body = np.column_stack([
        np.full((k, 1), USCC_ALPHABET.index("M")),
        np.full((k, 1), USCC_ALPHABET.index("A")),
        rng.integers(0, 10, (k, 1)),
        rng.integers(0, len(USCC_ALPHABET), (k, 5)),
    ])
    return uscc(division, body)


def plant_lookalikes(companies: Companies, pairs: IntArray, rng: np.random.Generator) -> IntArray:
    """Give each pair of Chinese companies (rows of ``pairs``, of different operators)
    sound-alike trade names in one city — 蓝月科技 and 蓝云贸易. Returns the pairs planted
    (a pair whose new names would equal another company's is left alone)."""
    if len(pairs) == 0:
        return pairs
    a, b = pairs[:, 0], pairs[:, 1]
    alike = rng.integers(0, len(names.SOUND_ALIKE), len(pairs))
    index = {c: i for i, (c, _) in enumerate(names.BRAND_CHARS)}
    second_a = np.array([index[x] for x, _ in names.SOUND_ALIKE])[alike]
    second_b = np.array([index[y] for _, y in names.SOUND_ALIKE])[alike]
    first = rng.integers(0, _B, len(pairs))
    first = np.where((first == second_a) | (first == second_b), (first + 1) % _B, first)
    first = np.where((first == second_a) | (first == second_b), (first + 1) % _B, first)
    ind_a = companies.industry[a]
    ind_b = np.where(rng.random(len(pairs)) < 0.5, ind_a, rng.integers(0, _I, len(pairs)))
    han_a = cat(_BRAND_HAN[first], _BRAND_HAN[second_a])
    han_b = cat(_BRAND_HAN[first], _BRAND_HAN[second_b])
    keys_a = cat(han_a, "|", number_str(ind_a))
    keys_b = cat(han_b, "|", number_str(ind_b))
    others = np.setdiff1d(np.arange(len(companies.industry)), pairs.ravel())
    taken = set(cat(companies.brand_han[others], "|", number_str(companies.industry[others]))
                .tolist())
    ok = np.array([ka not in taken and kb not in taken and ka != kb
                   for ka, kb in zip(keys_a.tolist(), keys_b.tolist(), strict=True)], dtype=bool)
    new_keys = np.concatenate([keys_a[ok], keys_b[ok]]).tolist()
    if len(set(new_keys)) != len(new_keys):  # two planted pairs drew the same names
        seen: set[str] = set()
        for i in np.flatnonzero(ok):
            if keys_a[i] in seen or keys_b[i] in seen:
                ok[i] = False
            seen.update((str(keys_a[i]), str(keys_b[i])))
    a, b = a[ok], b[ok]
    companies.brand_han[a] = han_a[ok]
    companies.brand_han[b] = han_b[ok]
    companies.brand_py[a] = title(cat(_BRAND_PY[first], _BRAND_PY[second_a]))[ok]
    companies.brand_py[b] = title(cat(_BRAND_PY[first], _BRAND_PY[second_b]))[ok]
    companies.industry[b] = ind_b[ok]
    companies.city[b] = companies.city[a]
    companies.tax[b, 0] = _uscc(rng, _CITY_CODE[companies.city[b]])
    redraw_duplicate_tax_ids(companies, rng)
    planted: IntArray = pairs[ok]
    return planted


def _trade_names(rng: np.random.Generator, n: int) -> tuple[StrArray, StrArray, IntArray]:
    """``n`` different (trade name, industry) pairs, mostly two characters long."""
    space2 = _TWO * _I
    n2 = min(n, space2 // 2)
    combos2 = rng.choice(space2, size=n2, replace=False)
    brand, industry = np.divmod(combos2, _I)
    c1, rest = np.divmod(brand, _B - 1)
    c2 = rest + (rest >= c1)
    han = cat(_BRAND_HAN[c1], _BRAND_HAN[c2])
    py = title(cat(_BRAND_PY[c1], _BRAND_PY[c2]))
    n3 = n - n2
    if n3:
        space3 = _TWO * (_B - 1) * _I
        combos3 = distinct_ints(rng, lambda r, k: r.integers(0, space3, k), n3)
        brand3, ind3 = np.divmod(combos3, _I)
        pair, rest3 = np.divmod(brand3, _B - 1)
        d1, r1 = np.divmod(pair, _B - 1)
        d2 = r1 + (r1 >= d1)
        d3 = rest3 + (rest3 >= d2)
        han = np.concatenate([han, cat(_BRAND_HAN[d1], _BRAND_HAN[d2], _BRAND_HAN[d3])])
        py = np.concatenate([py, title(cat(_BRAND_PY[d1], _BRAND_PY[d2], _BRAND_PY[d3]))])
        industry = np.concatenate([industry, ind3])
    order = rng.permutation(n)
    return han[order], py[order], industry[order]


def _vat_gb(rng: np.random.Generator, n: int) -> StrArray:
    d = rng.integers(0, 10, (n, 7))
    d[:, 0] = rng.integers(1, 10, n)
    return vat_gb(d)


def _vat_de(rng: np.random.Generator, n: int) -> StrArray:
    d = rng.integers(0, 10, (n, 8))
    d[:, 0] = rng.integers(1, 10, n)
    return vat_de(d)
