"""Near-duplicate links for company, person, address and the email local part.

Never all-pairs. Each kind's distinct fuzzy keys (the normalisers' ``key`` column) are
blocked by tokens — words for Latin text, character bigrams for Chinese — and each key is
posted under its two rarest tokens. Keys sharing a posting become candidates (a
posting longer than ``max_block`` is compared only between neighbours in sorted order);
two more sorted-neighbourhood passes over the whole key, forwards and reversed, catch
typos that split or merge words. Candidates are scored in bulk with rapidfuzz's
``process.cpdist`` on all cores.

Keys that are equal while the canonical values differ (张伟 / "Zhang Wei", token order)
are near-duplicates with similarity 1.0.

In an audit, a similar (not equal) key is supporting evidence only: it is attached to
pairs that already have primary evidence. There the pairs are the blocking — similar
keys are scored for those pairs' members directly (``link_fuzzy(paired=...)``), and the
token blocking above is what finds every similar pair when no pairs are given.

Everything up to the end is integer work on positions: tokens are codes computed from
the keys as a UTF-32 matrix, candidates are packed into one int64 each, members and
pairs are runs of a sorted array. Text is taken from the identifier table last, for the
rows that are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from auditor.link.groups import (
    group_runs,
    pair_index,
    pairs_within_groups,
    sorted_codes,
    take_text,
    unique_int64,
)
from auditor.memory import release_free_memory
from auditor.tables import STATUS_OK

FUZZY_KINDS = ("company", "person", "address", "email")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")

_DETAIL_SAME_KEY = {
    "company": "same name, written differently",
    "person": "same name in another script or order",
    "address": "same address, written differently",
    "email": "same mailbox name, different domain",
}
_DETAIL_SIMILAR = {
    "company": "similar name",
    "person": "similar name",
    "address": "similar address",
    "email": "similar mailbox name",
}


def key_tokens(key: str) -> list[str]:
    """Blocking tokens of a key: Latin/digit words and Chinese character bigrams."""
    tokens: list[str] = []
    for word in _WORD.findall(key):
        for run in _HAN.findall(word):
            tokens.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
        latin = _HAN.sub(" ", word).split()
        tokens.extend(t for t in latin if len(t) >= 2)
    return tokens


_HASH_BASE = 1_000_003
_MASK64 = (1 << 64) - 1
_LATIN_FLAG = 1 << 62
_CLEAN_KEY = r"^[a-z0-9 \x{3400}-\x{9fff}\x{f900}-\x{faff}]*$"
_CHUNK = 100_000


def token_code(token: str) -> int:
    """An int64 code for a blocking token: Chinese bigrams (or single characters) are
    their code points side by side; a Latin word is a 62-bit polynomial hash flagged by
    bit 62. :func:`key_token_codes` computes the same codes in numpy."""
    if _HAN.fullmatch(token):
        return ord(token[0]) << 21 | (ord(token[1]) if len(token) > 1 else 0)
    h = 0
    for ch in token:
        h = (h * _HASH_BASE + ord(ch)) & _MASK64
    return (h & (_LATIN_FLAG - 1)) | _LATIN_FLAG


def _is_han(codes: np.ndarray) -> np.ndarray:
    return ((codes >= 0x3400) & (codes <= 0x9FFF)) | ((codes >= 0xF900) & (codes <= 0xFAFF))


def _clean_token_codes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`key_tokens` as codes for keys of lower-case ASCII letters, digits, spaces
    and Chinese characters, all in numpy: the keys as a UTF-32 matrix, runs of Latin
    characters hashed with prefix hashes, Chinese bigrams from neighbouring columns."""
    text = np.asarray(keys, dtype=str)
    n = len(text)
    width = text.dtype.itemsize // 4 + 1  # one blank column so runs never cross rows
    codes = np.zeros((n, width), dtype=np.uint32)
    if width > 1:
        codes[:, :-1] = text.view(np.uint32).reshape(n, width - 1)
    han = _is_han(codes)
    latin = (codes != 0) & (codes != 32) & ~han
    wide = codes.astype(np.uint64)
    prefix = np.zeros((n, width + 1), dtype=np.uint64)
    base = np.uint64(_HASH_BASE)
    with np.errstate(over="ignore"):
        for col in range(width):
            prefix[:, col + 1] = prefix[:, col] * base + wide[:, col]
        powers = np.ones(width + 1, dtype=np.uint64)
        for k in range(1, width + 1):
            powers[k] = powers[k - 1] * base
    flat = latin.ravel()
    before = np.r_[False, flat[:-1]]
    after = np.r_[flat[1:], False]
    run_start = np.flatnonzero(flat & ~before)
    run_end = np.flatnonzero(flat & ~after) + 1
    row = run_start // width
    s_col, e_col = run_start % width, run_end - row * width
    long_enough = (e_col - s_col) >= 2
    row, s_col, e_col = row[long_enough], s_col[long_enough], e_col[long_enough]
    with np.errstate(over="ignore"):
        h = prefix[row, e_col] - prefix[row, s_col] * powers[e_col - s_col]
    latin_codes = ((h & np.uint64(_LATIN_FLAG - 1)) | np.uint64(_LATIN_FLAG)).astype(np.int64)

    hflat = han.ravel()
    cflat = wide.ravel().astype(np.int64)
    h_before = np.r_[False, hflat[:-1]]
    h_after = np.r_[hflat[1:], False]
    pair_at = np.flatnonzero(hflat & h_after)
    single_at = np.flatnonzero(hflat & ~h_before & ~h_after)
    nxt = np.r_[cflat[1:], 0]
    han_at = np.concatenate([pair_at, single_at])
    han_codes = cflat[han_at] << 21 | np.where(hflat[han_at] & h_after[han_at], nxt[han_at], 0)
    key_of = np.concatenate([row, han_at // width]).astype(np.int64)
    return key_of, np.concatenate([latin_codes, han_codes]).astype(np.int64)


def key_token_codes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every blocking token of every key: the key's position and the token's code
    (:func:`token_code` of each of :func:`key_tokens`), in no particular order.

    Keys of plain lower-case ASCII and Chinese take the numpy path in chunks; others
    (accents, other scripts, punctuation) are tokenised one by one.
    """
    if not len(keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    clean = np.asarray(
        pc.match_substring_regex(pa.array(keys.tolist(), type=pa.string()), _CLEAN_KEY)
        .fill_null(False)
        .to_numpy(zero_copy_only=False),
        dtype=bool,
    )
    key_parts: list[np.ndarray] = []
    code_parts: list[np.ndarray] = []
    fast = np.flatnonzero(clean)
    for lo in range(0, len(fast), _CHUNK):
        at = fast[lo : lo + _CHUNK]
        k, c = _clean_token_codes(keys[at])
        key_parts.append(at[k])
        code_parts.append(c)
    for i in np.flatnonzero(~clean).tolist():
        tokens = key_tokens(str(keys[i]))
        key_parts.append(np.full(len(tokens), i, dtype=np.int64))
        code_parts.append(np.array([token_code(t) for t in tokens], dtype=np.int64))
    return np.concatenate(key_parts), np.concatenate(code_parts)


def candidate_pairs(keys: np.ndarray, *, max_block: int = 50, window: int = 4) -> pd.DataFrame:
    """Index pairs (i < j) of keys worth comparing; see the module docstring."""
    keys = np.asarray(keys, dtype=object)
    key_of, token = key_token_codes(keys)
    token_code = np.asarray(pd.factorize(token)[0], dtype=np.int64)
    found: list[np.ndarray] = []
    if len(token_code):
        # Unique (key, token), document frequency of each token, then per key its two
        # rarest tokens (ties broken by token code) — all integer numpy work.
        packed = unique_int64(key_of << 32 | token_code)
        key_of, token_code = packed >> 32, packed & 0xFFFFFFFF
        df = np.bincount(token_code)[token_code]
        useful = df >= 2
        key_of, token_code, df = key_of[useful], token_code[useful], df[useful]
        order = np.lexsort((token_code, df, key_of))
        key_of, token_code, df = key_of[order], token_code[order], df[order]
        first = np.r_[True, key_of[1:] != key_of[:-1]] if len(key_of) else key_of.astype(bool)
        run_start = np.maximum.accumulate(np.where(first, np.arange(len(key_of)), 0))
        chosen = (np.arange(len(key_of)) - run_start) < 2
        key_of, token_code, df = key_of[chosen], token_code[chosen], df[chosen]
        small = df <= max_block
        pairs = pairs_within_groups(
            pd.DataFrame({"group": token_code[small], "acc": key_of[small]}),
            max_size=max_block,
        )
        found.append(_packed(pairs["a"].to_numpy(), pairs["b"].to_numpy()))
        big_keys, big_tokens = key_of[~small], token_code[~small]
        if len(big_keys):
            text = pa.array(keys[big_keys].tolist(), type=pa.string())
            rank = np.asarray(pc.rank(text, sort_keys="ascending", tiebreaker="first"))
            order = np.lexsort((big_keys, rank, big_tokens))
            g, k = big_tokens[order], big_keys[order]
            for step in range(1, window + 1):
                same = g[step:] == g[:-step]
                found.append(_packed(k[:-step][same], k[step:][same]))
    # Sorted neighbourhood on the whole key, forwards and backwards, spaces removed: catches
    # typos that merge or split words, which word tokens miss.
    compact = pc.replace_substring(pa.array(keys.tolist(), type=pa.string()), " ", "")
    for text in (compact, pc.utf8_reverse(compact)):
        order = np.asarray(pc.array_sort_indices(text))
        for step in range(1, window + 1):
            found.append(_packed(order[:-step], order[step:]))
    packed = unique_int64(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return pd.DataFrame(
        {"i": (packed >> 32).astype(np.int32), "j": (packed & 0xFFFFFFFF).astype(np.int32)}
    )


def _packed(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pairs of distinct key positions as one int64 each, smaller position first (eight
    bytes a candidate: at a million accounts there are tens of millions of them)."""
    x, y = x.astype(np.int64), y.astype(np.int64)
    lo, hi = np.minimum(x, y), np.maximum(x, y)
    packed: np.ndarray = (lo << 32 | hi)[lo != hi]
    return packed


def _digit_signatures(keys: np.ndarray) -> np.ndarray:
    """Per key, a code for the multiset of numbers in it (house and unit numbers)."""
    signatures = ["/".join(sorted(_DIGITS.findall(str(k)))) for k in keys]
    codes, _ = pd.factorize(pd.Series(signatures, dtype=object))
    return np.asarray(codes)


def link_fuzzy(
    ident: pd.DataFrame,
    *,
    thresholds: Mapping[str, float],
    limits: Mapping[str, int],
    min_local_part: int,
    paired: np.ndarray | None = None,
) -> pd.DataFrame:
    """Near-duplicate evidence rows (EVIDENCE_COLUMNS + ``rule`` + ``primary``) for the
    fuzzy kinds.

    A key held by more than ``limits[kind]`` accounts is too common to say anything.
    ``primary`` marks same-key matches (张伟 / "Zhang Wei").

    Without ``paired``, similar (not equal) keys are found by blocking: every pair of
    accounts whose keys score at least the kind's threshold. With ``paired`` (sorted
    ``a << 32 | b`` keys of pairs that have other primary evidence), similar keys are
    only evidence for those pairs and the same-key pairs, so they are scored for those
    pairs directly — the other evidence is the blocking, and no candidate generation is
    needed (at a million accounts most similar company names are strangers').
    """
    usable = (
        (ident["status"] == STATUS_OK).to_numpy(dtype=bool)
        & ident["key"].notna().to_numpy()
        & ident["value"].notna().to_numpy()
    )
    members = {}
    same: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for kind in FUZZY_KINDS:
        at = np.flatnonzero(usable & (ident["kind"] == kind).to_numpy(dtype=bool))
        members[kind] = _kind_members(ident, at, kind, limits[kind], min_local_part)
        same[kind] = members[kind].same_key_pairs()
    wanted = None
    if paired is not None:
        same_keys = [
            _packed(m.acc[i], m.acc[j])
            for m, (i, j) in ((members[k], same[k]) for k in FUZZY_KINDS)
        ]
        wanted = unique_int64(np.concatenate([np.asarray(paired, dtype=np.int64), *same_keys]))
    found = []
    for kind in FUZZY_KINDS:
        m = members[kind]
        if wanted is None:
            xi, xj, sims = m.similar_blocked(thresholds[kind])
        else:
            xi, xj, sims = m.similar_for_pairs(thresholds[kind], wanted)
        found.append(_best_rows(ident, m, same[kind], (xi, xj, sims)))
        release_free_memory()
    rows = pd.concat(found, ignore_index=True)
    return pd.DataFrame(
        {
            "a": rows["a"].to_numpy(),
            "b": rows["b"].to_numpy(),
            "kind": rows["kind"].to_numpy(dtype=object),
            "match": "fuzzy",
            "value": take_text(ident["value"], rows["row_a"].to_numpy()),
            "value_a": take_text(ident["raw"], rows["row_a"].to_numpy()),
            "value_b": take_text(ident["raw"], rows["row_b"].to_numpy()),
            "similarity": rows["similarity"].to_numpy(dtype=float),
            "shared_by": rows["shared_by"].to_numpy(),
            "first_a": pd.NaT,
            "last_a": pd.NaT,
            "first_b": pd.NaT,
            "last_b": pd.NaT,
            "detail": rows["detail"].to_numpy(dtype=object),
            "rule": rows["rule"].to_numpy(dtype=object),
            "primary": rows["primary"].to_numpy(dtype=bool),
        }
    )


#: Candidate pairs scored per rapidfuzz call: bounds the lists of strings built for it.
SCORE_CHUNK = 1_000_000


def _score_candidates(
    keys: np.ndarray, ci: np.ndarray, cj: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs whose keys score at least ``threshold`` (0–1) with
    ``token_sort_ratio``, and their scores; scored in bulk, a chunk at a time."""
    keep_i, keep_j, keep_s = [], [], []
    for lo in range(0, len(ci), SCORE_CHUNK):
        i, j = ci[lo : lo + SCORE_CHUNK], cj[lo : lo + SCORE_CHUNK]
        scores = process.cpdist(
            keys[i].tolist(), keys[j].tolist(), scorer=fuzz.token_sort_ratio, workers=-1
        )
        sims = np.asarray(scores, dtype=float) / 100.0
        good = sims >= threshold
        keep_i.append(i[good])
        keep_j.append(j[good])
        keep_s.append(sims[good])
    return np.concatenate(keep_i), np.concatenate(keep_j), np.concatenate(keep_s)


def _cross(
    start_i: np.ndarray, count_i: np.ndarray, start_j: np.ndarray, count_j: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (row of run i, row of run j) combination for each pair of runs, in numpy.

    Returns the two row positions and, per combination, which input pair it came from.
    """
    per_pair = count_i * count_j
    which = np.repeat(np.arange(len(per_pair), dtype=np.int64), per_pair)
    k = np.arange(len(which), dtype=np.int64) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    cj = count_j[which]
    return start_i[which] + k // cj, start_j[which] + k % cj, which


@dataclass
class _Members:
    """One kind's fuzzy members: a row per distinct (key, account, value), sorted so, with
    keys held by more than the kind's limit left out. Positions below are member rows."""

    kind: str
    keys: np.ndarray  # distinct keys, sorted; ``key`` indexes them
    key: np.ndarray
    acc: np.ndarray
    val: np.ndarray
    row: np.ndarray  # identifier row whose value and raw form are shown
    held: np.ndarray  # accounts holding the member's key
    run_start: np.ndarray  # per key: first member row (-1: none)
    run_count: np.ndarray  # per key: member rows

    def same_key_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Member pairs with one key and different values (张伟 / "Zhang Wei")."""
        si, sj, _ = pair_index(self.key, max_size=np.iinfo(np.int64).max)
        same = (self.acc[si] != self.acc[sj]) & (self.val[si] != self.val[sj])
        return si[same], sj[same]

    def similar_blocked(self, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Member pairs (different accounts) with similar keys, from blocked candidates
        scored in bulk; and their similarity."""
        cand = candidate_pairs(self.keys)
        ci, cj = cand["i"].to_numpy(), cand["j"].to_numpy()
        del cand
        live = (self.run_count[ci] > 0) & (self.run_count[cj] > 0)
        ci, cj, sims = self._scored(ci[live], cj[live], threshold)
        xi, xj, which = _cross(
            self.run_start[ci], self.run_count[ci], self.run_start[cj], self.run_count[cj]
        )
        similar = self.acc[xi] != self.acc[xj]
        return xi[similar], xj[similar], sims[which[similar]]

    def similar_for_pairs(
        self, threshold: float, wanted: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Member pairs with similar (not equal) keys between the accounts of ``wanted``
        (sorted ``a << 32 | b`` keys), and their similarity: each distinct key pair
        scored once, in bulk."""
        by_acc = np.argsort(self.acc, kind="stable")
        starts, counts = group_runs(self.acc[by_acc])
        size = (
            int(
                max(
                    self.acc.max(initial=-1),
                    (wanted >> 32).max(initial=-1),
                    (wanted & 0xFFFFFFFF).max(initial=-1),
                )
            )
            + 1
        )
        acc_start = np.zeros(size, dtype=np.int64)
        acc_count = np.zeros(size, dtype=np.int64)
        acc_start[self.acc[by_acc][starts]] = starts
        acc_count[self.acc[by_acc][starts]] = counts
        pa, pb = wanted >> 32, wanted & 0xFFFFFFFF
        xi, xj, _ = _cross(acc_start[pa], acc_count[pa], acc_start[pb], acc_count[pb])
        xi, xj = by_acc[xi], by_acc[xj]
        differ = self.key[xi] != self.key[xj]
        xi, xj = xi[differ], xj[differ]
        pairs = _packed(self.key[xi], self.key[xj])
        distinct = unique_int64(pairs)
        ki, kj, sims = self._scored(distinct >> 32, distinct & 0xFFFFFFFF, threshold)
        good = ki << 32 | kj  # sorted: ``distinct`` was, and scoring keeps the order
        if not len(good):
            return xi[:0], xj[:0], np.zeros(0)
        at = np.minimum(np.searchsorted(good, pairs), len(good) - 1)
        found = good[at] == pairs
        return xi[found], xj[found], sims[at[found]]

    def _scored(
        self, ci: np.ndarray, cj: np.ndarray, threshold: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Key pairs scoring at least ``threshold``, less those :func:`_alike` rejects."""
        if not len(ci):
            return ci, cj, np.zeros(0)
        ci, cj, sims = _score_candidates(self.keys, ci, cj, threshold)
        good = _alike(self.kind, self.keys, ci, cj)
        return ci[good], cj[good], sims[good]


#: Company names that are near-duplicates must also be alike in the words they do not
#: share: "xuefang import export" / "xifeng import export" score 0.90 on the shared
#: generic words, but the brands that differ (0.62) are two firms'.
DIFFERING_WORDS_MIN = 0.8


def _alike(kind: str, keys: np.ndarray, ci: np.ndarray, cj: np.ndarray) -> np.ndarray:
    """Which similar key pairs are near-duplicates. Addresses and email local parts
    with different numbers are different units, buildings or people (zhang.wei1985 /
    zhangwei1990: a common name and two birth years), however similar the text; company
    names must be alike in the words they do not share (:data:`DIFFERING_WORDS_MIN`).
    Called on the few pairs that passed the threshold: per-pair Python is fine here."""
    if kind in ("address", "email"):
        involved = np.unique(np.r_[ci, cj])
        signature = np.full(len(keys), -1, dtype=np.int64)
        signature[involved] = _digit_signatures(keys[involved])
        return np.asarray(signature[ci] == signature[cj], dtype=bool)
    if kind == "company":
        return np.fromiter(
            (
                _differing_words_similarity(str(a), str(b)) >= DIFFERING_WORDS_MIN
                for a, b in zip(keys[ci], keys[cj], strict=True)
            ),
            dtype=bool,
            count=len(ci),
        )
    return np.ones(len(ci), dtype=bool)


def _differing_words_similarity(a: str, b: str) -> float:
    """Similarity (0–1) of the words of ``a`` and ``b`` that the other lacks; 1.0 when
    one name only adds words to the other ("lanyue technology" / "lanyue technology
    shop": nothing of either is replaced)."""
    wa, wb = set(a.split()), set(b.split())
    only_a, only_b = " ".join(sorted(wa - wb)), " ".join(sorted(wb - wa))
    if not only_a or not only_b:
        return 1.0
    return float(fuzz.ratio(only_a, only_b)) / 100.0


def _kind_members(
    ident: pd.DataFrame, pos: np.ndarray, kind: str, limit: int, min_local_part: int
) -> _Members:
    """The members of one kind from the identifier rows at ``pos``."""
    kcode, keys = sorted_codes(ident["key"], pos)
    if kind == "email":
        long_enough = (pd.Series(keys, dtype=object).str.len().to_numpy() >= min_local_part)[kcode]
        used, kcode = np.unique(kcode[long_enough], return_inverse=True)
        pos, keys = pos[long_enough], keys[used]
    vcode, _ = pd.factorize(ident["value"].iloc[pos])
    acc = ident["acc"].to_numpy()[pos].astype(np.int64)
    kcode = np.asarray(kcode, dtype=np.int64).reshape(-1)
    vcode = np.asarray(vcode, dtype=np.int64)

    # One member per (key, account, value), sorted so; the first row of each keeps its
    # raw form (input order among equal members: lexsort is stable).
    order = np.lexsort((vcode, acc, kcode))
    k_s, a_s, v_s = kcode[order], acc[order], vcode[order]
    new = np.r_[True, (k_s[1:] != k_s[:-1]) | (a_s[1:] != a_s[:-1]) | (v_s[1:] != v_s[:-1])]
    take = order[new[: len(order)]] if len(order) else order
    m_key, m_acc, m_val, m_row = kcode[take], acc[take], vcode[take], pos[take]
    # Accounts per key ("held"); keys held by more than ``limit`` accounts say nothing.
    acc_change = np.r_[True, (m_key[1:] != m_key[:-1]) | (m_acc[1:] != m_acc[:-1])]
    held_of_key = np.bincount(m_key[acc_change[: len(m_key)]], minlength=len(keys))
    keep = held_of_key[m_key] <= limit
    m_key, m_acc, m_val, m_row = m_key[keep], m_acc[keep], m_val[keep], m_row[keep]
    run_start = np.full(len(keys), -1, dtype=np.int64)
    starts, counts = group_runs(m_key)
    run_start[m_key[starts]] = starts
    run_count = np.zeros(len(keys), dtype=np.int64)
    run_count[m_key[starts]] = counts
    return _Members(
        kind, keys, m_key, m_acc, m_val, m_row, held_of_key[m_key], run_start, run_count
    )


def _best_rows(
    ident: pd.DataFrame,
    m: _Members,
    same: tuple[np.ndarray, np.ndarray],
    similar: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> pd.DataFrame:
    """The best near-duplicate per pair of accounts among the same-key and similar
    member pairs: identifier-row positions (``row_a``, ``row_b``), similarity, group
    size, detail, rule and ``primary`` (same key)."""
    si, sj = same
    xi, xj, x_sim = similar
    i = np.r_[si, xi]
    j = np.r_[sj, xj]
    sim = np.r_[np.ones(len(si)), x_sim]
    same_key = np.r_[np.ones(len(si), dtype=bool), np.zeros(len(xi), dtype=bool)]
    swap = m.acc[i] > m.acc[j]
    i, j = np.where(swap, j, i), np.where(swap, i, j)
    if not len(i):
        return pd.DataFrame(columns=_FOUND_COLUMNS)
    raw_rank = sorted_codes(ident["raw"], m.row)[0]
    # Best near-duplicate per pair of accounts for this kind (ties: raw forms in order).
    a, b = m.acc[i], m.acc[j]
    best = np.lexsort((raw_rank[j], raw_rank[i], -sim, b, a))
    a_s, b_s = a[best], b[best]
    first = np.r_[True, (a_s[1:] != a_s[:-1]) | (b_s[1:] != b_s[:-1])]
    pick = best[first]
    i, j, sim, same_key = i[pick], j[pick], sim[pick], same_key[pick]
    kind = m.kind
    return pd.DataFrame(
        {
            "a": m.acc[i],
            "b": m.acc[j],
            "row_a": m.row[i],
            "row_b": m.row[j],
            "kind": kind,
            "similarity": sim,
            "shared_by": np.maximum(m.held[i], m.held[j]),
            "detail": np.where(same_key, _DETAIL_SAME_KEY[kind], _DETAIL_SIMILAR[kind]),
            "rule": "local_part" if kind == "email" else "fuzzy",
            "primary": same_key,
        }
    )


_FOUND_COLUMNS = ["a", "b", "row_a", "row_b", "kind", "similarity", "shared_by", "detail"]
_FOUND_COLUMNS += ["rule", "primary"]
