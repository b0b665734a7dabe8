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
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from auditor.link.groups import pairs_within_groups, unique_int64
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


def candidate_pairs(keys: np.ndarray, *, max_block: int = 50, window: int = 4) -> pd.DataFrame:
    """Index pairs (i < j) of keys worth comparing; see the module docstring."""
    token_lists = [key_tokens(str(k)) for k in keys]
    key_of = np.repeat(np.arange(len(keys), dtype=np.int64), [len(t) for t in token_lists])
    token_code, _ = pd.factorize(pd.Series([t for ts in token_lists for t in ts], dtype=object))
    token_code = np.asarray(token_code, dtype=np.int64)
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
        found.append(pairs[["a", "b"]].to_numpy(dtype=np.int64))
        big_keys, big_tokens = key_of[~small], token_code[~small]
        if len(big_keys):
            text = pa.array([str(keys[k]) for k in big_keys], type=pa.string())
            rank = np.asarray(pc.rank(text, sort_keys="ascending", tiebreaker="first"))
            order = np.lexsort((big_keys, rank, big_tokens))
            g, k = big_tokens[order], big_keys[order]
            for step in range(1, window + 1):
                same = g[step:] == g[:-step]
                found.append(np.column_stack([k[:-step][same], k[step:][same]]))
    # Sorted neighbourhood on the whole key, forwards and backwards, spaces removed: catches
    # typos that merge or split words, which word tokens miss.
    compact = [str(k).replace(" ", "") for k in keys]
    for text in (compact, [c[::-1] for c in compact]):
        order = np.asarray(pc.array_sort_indices(pa.array(text, type=pa.string())))
        for step in range(1, window + 1):
            found.append(np.column_stack([order[:-step], order[step:]]))
    both = np.concatenate(found).astype(np.int64) if found else np.empty((0, 2), dtype=np.int64)
    lo = np.minimum(both[:, 0], both[:, 1])
    hi = np.maximum(both[:, 0], both[:, 1])
    packed = unique_int64((lo << 32 | hi)[lo != hi])
    return pd.DataFrame({"i": packed >> 32, "j": packed & 0xFFFFFFFF})


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
) -> pd.DataFrame:
    """Near-duplicate evidence rows (EVIDENCE_COLUMNS + ``rule``) for the fuzzy kinds.

    A key held by more than ``limits[kind]`` accounts is too common to say anything.
    """
    frames = [
        _link_kind(ident, kind, thresholds[kind], limits[kind], min_local_part)
        for kind in FUZZY_KINDS
    ]
    return pd.concat(frames, ignore_index=True)


def _link_kind(
    ident: pd.DataFrame, kind: str, threshold: float, limit: int, min_local_part: int
) -> pd.DataFrame:
    rows = ident.loc[
        (ident["kind"] == kind)
        & (ident["status"] == STATUS_OK)
        & ident["key"].notna()
        & ident["value"].notna()
    ]
    if kind == "email":
        rows = rows[rows["key"].str.len() >= min_local_part]
    # Members: one row per (key, value, account).
    frame = pd.DataFrame(
        {
            "key": rows["key"].astype(str).to_numpy(),
            "value": rows["value"].astype(str).to_numpy(),
            "acc": rows["acc"].to_numpy(),
            "raw": rows["raw"].to_numpy(),
        }
    )
    members = (
        frame.groupby(["key", "value", "acc"], sort=True).agg(raw=("raw", "first")).reset_index()
    )
    members["kid"], uniques = pd.factorize(members["key"], sort=True)
    keys = np.asarray(uniques, dtype=object)
    members["held"] = members.groupby("kid")["acc"].transform("nunique")
    members = members[members["held"] <= limit]

    # 1. Same key, different value.
    same = pairs_within_groups(
        members[["kid", "acc"]].drop_duplicates().rename(columns={"kid": "group"}),
        max_size=limit,
    ).rename(columns={"group": "ki"})
    same["kj"] = same["ki"]
    same["similarity"] = 1.0

    # 2. Similar keys.
    cand = candidate_pairs(keys)
    if len(cand):
        sims = process.cpdist(
            keys[cand["i"].to_numpy()].tolist(),
            keys[cand["j"].to_numpy()].tolist(),
            scorer=fuzz.token_sort_ratio,
            workers=-1,
        )
        cand["similarity"] = np.asarray(sims, dtype=float) / 100.0
        cand = cand[cand["similarity"] >= threshold]
        if kind == "address" and len(cand):
            # Different numbers are different units or buildings, however similar the text.
            digits = _digit_signatures(keys)
            cand = cand[digits[cand["i"].to_numpy()] == digits[cand["j"].to_numpy()]]
    cand = cand.rename(columns={"i": "ki", "j": "kj"})
    mcols = members[["kid", "value", "acc", "raw", "held"]]
    side_a = mcols.rename(
        columns={"kid": "ki", "value": "value_i", "acc": "a", "raw": "raw_a", "held": "held_a"}
    )
    side_b = mcols.rename(
        columns={"kid": "kj", "value": "value_j", "acc": "b", "raw": "raw_b", "held": "held_b"}
    )
    similar = cand.merge(side_a, on="ki").merge(side_b, on="kj")

    # Rebuild "same key" rows with values on both sides.
    same_rows = same.merge(side_a, on=["ki", "a"]).merge(side_b, on=["kj", "b"])
    same_rows = same_rows[same_rows["value_i"] != same_rows["value_j"]]
    same_rows = same_rows.drop(columns=["size"], errors="ignore")

    both = pd.concat(
        [same_rows.assign(same_key=True), similar.assign(same_key=False)], ignore_index=True
    )
    both = both[both["a"] != both["b"]]
    swap = both["a"] > both["b"]
    for x, y in (("a", "b"), ("raw_a", "raw_b"), ("value_i", "value_j"), ("held_a", "held_b")):
        both.loc[swap, [x, y]] = both.loc[swap, [y, x]].to_numpy()
    # Best near-duplicate per pair of accounts for this kind.
    both = both.sort_values(
        ["a", "b", "similarity", "raw_a", "raw_b"], ascending=[True, True, False, True, True]
    )
    both = both.drop_duplicates(["a", "b"], keep="first")
    if both.empty:
        return pd.DataFrame(
            columns=[
                "a",
                "b",
                "kind",
                "match",
                "value",
                "value_a",
                "value_b",
                "similarity",
                "shared_by",
                "first_a",
                "last_a",
                "first_b",
                "last_b",
                "detail",
                "rule",
                "primary",
            ]
        )
    detail = np.where(both["same_key"], _DETAIL_SAME_KEY[kind], _DETAIL_SIMILAR[kind])
    rule = "local_part" if kind == "email" else "fuzzy"
    return pd.DataFrame(
        {
            "a": both["a"].to_numpy(),
            "b": both["b"].to_numpy(),
            "kind": kind,
            "match": "fuzzy",
            "value": both["value_i"].to_numpy(),
            "value_a": both["raw_a"].to_numpy(),
            "value_b": both["raw_b"].to_numpy(),
            "similarity": both["similarity"].to_numpy(dtype=float),
            "shared_by": np.maximum(both["held_a"].to_numpy(), both["held_b"].to_numpy()),
            "first_a": pd.NaT,
            "last_a": pd.NaT,
            "first_b": pd.NaT,
            "last_b": pd.NaT,
            "detail": detail,
            "rule": rule,
            "primary": both["same_key"].to_numpy(dtype=bool),
        }
    )
