"""Legal representatives: names (Han and pinyin, or Latin) and identity numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from auditor.sample import names
from auditor.sample.numbers import resident_id
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
    pick,
    strs,
    title,
)

_SURNAME_HAN: Final = strs([s for s, _, _ in names.SURNAMES])
_SURNAME_PY: Final = strs([p for _, p, _ in names.SURNAMES])
_SURNAME_W: Final = [w for _, _, w in names.SURNAMES]
_GIVEN_HAN: Final = strs([c for c, _ in names.GIVEN_CHARS])
_GIVEN_PY: Final = strs([p for _, p in names.GIVEN_CHARS])

#: Written forms of a Han name and how often each sheet uses them:
#: 张伟 · Zhang Wei · WEI ZHANG · ZHANG Wei · Zhang Wei 张伟
HAN_FORM_WEIGHTS: Final = {
    "csv": (0.35, 0.30, 0.15, 0.12, 0.08),
    "xlsx": (0.85, 0.06, 0.03, 0.03, 0.03),
}
#: John Smith · JOHN SMITH · Smith, John
LATIN_FORM_WEIGHTS: Final = (0.6, 0.25, 0.15)


@dataclass(frozen=True, slots=True)
class Persons:
    """Legal representatives, one per entity id.

    ``han`` is the Han name ("" for a Latin name); ``family``/``given`` are the pinyin
    (Zhang, Xiaoming) or Latin (Smith, John) parts; ``id_number`` is a resident ID
    (or a passport number for Latin names).
    """

    han: StrArray
    family: StrArray
    given: StrArray
    latin: BoolArray
    id_number: StrArray

    @property
    def canonical(self) -> StrArray:
        """The name as one value: Han characters, or lower-case "given family"."""
        return self.value(np.arange(len(self.han)))

    def value(self, ids: IntArray) -> StrArray:
        """The canonical names of ``ids``."""
        latin = np.strings.lower(cat(self.given[ids], " ", self.family[ids]))
        return np.where(self.latin[ids], latin, self.han[ids])

    def render(self, ids: IntArray, rng: np.random.Generator, style: str) -> StrArray:
        """The names of ``ids`` as a sheet of ``style`` ("csv"/"xlsx") writes them."""
        latin = self.latin[ids]
        han, fam, giv = self.han[ids], self.family[ids], self.given[ids]
        up_fam, up_giv = np.strings.upper(fam), np.strings.upper(giv)
        han_forms = choice(rng, 5, len(ids), HAN_FORM_WEIGHTS[style])
        han_text = apply_forms(han_forms, (
            lambda r: han[r],
            lambda r: cat(fam[r], " ", giv[r]),
            lambda r: cat(up_giv[r], " ", up_fam[r]),
            lambda r: cat(up_fam[r], " ", giv[r]),
            lambda r: cat(fam[r], " ", giv[r], " ", han[r]),
        ))
        latin_forms = choice(rng, 3, len(ids), LATIN_FORM_WEIGHTS)
        latin_text = apply_forms(latin_forms, (
            lambda r: cat(giv[r], " ", fam[r]),
            lambda r: cat(up_giv[r], " ", up_fam[r]),
            lambda r: cat(fam[r], ", ", giv[r]),
        ))
        return np.where(latin, latin_text, han_text)

    def render_id(self, ids: IntArray, rng: np.random.Generator) -> StrArray:
        """Identity numbers as written: plain, lower-case x, or spaced 6-8-4."""
        value = self.id_number[ids]
        forms = choice(rng, 3, len(ids), (0.82, 0.1, 0.08))
        resident = ~self.latin[ids]
        forms = np.where(resident, forms, 0)
        return apply_forms(forms, (
            lambda r: value[r],
            lambda r: np.strings.lower(value[r]),
            lambda r: cat(np.strings.slice(value[r], 0, 6), " ",
                          np.strings.slice(value[r], 6, 14), " ",
                          np.strings.slice(value[r], 14, None)),
        ))


def make_persons(rng: np.random.Generator, n: int, latin_share: float) -> Persons:
    """``n`` different people; a ``latin_share`` of them with Latin names."""
    latin = rng.random(n) < latin_share
    surname = choice(rng, len(_SURNAME_HAN), n, _SURNAME_W)
    g1 = rng.integers(0, len(_GIVEN_HAN), n)
    g2 = rng.integers(0, len(_GIVEN_HAN), n)
    two = rng.random(n) < 0.72
    given_han = np.where(two, cat(_GIVEN_HAN[g1], _GIVEN_HAN[g2]), _GIVEN_HAN[g1])
    given_py = np.where(two, cat(_GIVEN_PY[g1], _GIVEN_PY[g2]), _GIVEN_PY[g1])
    first = pick(rng, names.FIRST_NAMES, n)
    last = pick(rng, names.LAST_NAMES, n)
    han = np.where(latin, "", cat(_SURNAME_HAN[surname], given_han))
    family = np.where(latin, last, _SURNAME_PY[surname])
    given = np.where(latin, first, title(given_py))
    ids = distinct(rng, lambda r, rows: _resident_ids(r, len(rows)), n)
    passports = distinct(
        rng, lambda r, rows: cat("5", digit_str(r.integers(0, 10, (len(rows), 8)))), n)
    return Persons(han, family, given, latin, np.where(latin, passports, ids))


def make_chinese(persons: Persons, ids: IntArray, rng: np.random.Generator) -> None:
    """Give ``ids`` (people with Latin names) Han names and resident ID numbers."""
    other = make_persons(rng, len(ids), latin_share=0.0)
    existing = set(persons.id_number.tolist())
    clash = np.array([v in existing for v in other.id_number.tolist()], dtype=bool)
    keep = ids[~clash]
    for field in ("han", "family", "given", "id_number"):
        getattr(persons, field)[keep] = getattr(other, field)[~clash]
    persons.latin[keep] = False


def give_common_names(persons: Persons, ids: IntArray, rng: np.random.Generator) -> None:
    """Rename ``ids`` two by two to the commonest names (张伟, 王芳 … or John Smith),
    keeping their own identity numbers: namesakes, not one person."""
    pair = np.arange(len(ids)) // 2
    han_pick = (pair + int(rng.integers(0, len(names.COMMON_NAMES)))) % len(names.COMMON_NAMES)
    latin_pick = (pair + int(rng.integers(0, len(names.COMMON_LATIN_NAMES)))) % len(
        names.COMMON_LATIN_NAMES)
    latin = persons.latin[ids]
    sur_py = {s: p for s, p, _ in names.SURNAMES}
    char_py = dict(names.GIVEN_CHARS)
    fam_han = strs([s for s, _ in names.COMMON_NAMES])[han_pick]
    giv_han = strs([g for _, g in names.COMMON_NAMES])[han_pick]
    fam_py = strs([sur_py[s] for s, _ in names.COMMON_NAMES])[han_pick]
    giv_py = strs(["".join(char_py[c] for c in g).capitalize()
                   for _, g in names.COMMON_NAMES])[han_pick]
    first = strs([f for f, _ in names.COMMON_LATIN_NAMES])[latin_pick]
    last = strs([s for _, s in names.COMMON_LATIN_NAMES])[latin_pick]
    persons.han[ids] = np.where(latin, "", cat(fam_han, giv_han))
    persons.family[ids] = np.where(latin, last, fam_py)
    persons.given[ids] = np.where(latin, first, giv_py)


def _resident_ids(rng: np.random.Generator, n: int) -> StrArray:
    """Resident ID numbers with an area code that was in use in the birth year."""
    area = rng.integers(0, len(names.ID_AREA_CODES), n)
    first = np.array([y for _, y in names.ID_AREA_CODES])[area]
    start = (first - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    span = (np.datetime64("2001-01-01") - start).astype(np.int64)
    born = start + (rng.random(n) * span).astype(np.int64).astype("timedelta64[D]")
    birth = np.strings.replace(np.datetime_as_string(born, unit="D").astype(T), "-", "")
    code = strs([c for c, _ in names.ID_AREA_CODES])[area]
    return resident_id(code, birth, rng.integers(0, 1000, n))


__all__ = ["Persons", "give_common_names", "make_persons"]
