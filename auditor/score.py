"""Scoring: an explainable log-odds model in the spirit of Fellegi–Sunter and Splink.

Each piece of evidence adds a weight (natural-log odds):

1. **base** — the policy's weight for its kind; near-duplicates get a share of it that
   rises linearly from ``fuzzy.min_share`` at the threshold to ``fuzzy.max_share`` at
   similarity 1.0 (a person's name in another script or order counts in full);
   weak rules (IP prefix, same building, masked last 4) have their own weights;
2. **time** — an IP, device or MAC both accounts used within ``time.window_days`` of each
   other weighs more (``ip_concurrent``, ``device_concurrent``), use more than
   ``time.far_days`` apart less (``ip_far``, ``device_far``);
3. **term frequency** — for non-exclusive kinds a value held by n accounts loses
   ``discount × ln(n/2)`` (a proxy used by 20 accounts says little about any two of
   them; contacts and hardware lose ``discount_contact × ln(n/2)``); exclusive kinds
   (bank, card, tax_id, id_number) keep their weight: many accounts on one bank account
   is itself a ring;
4. **diminishing returns** — the k-th piece of one kind between the same two accounts
   counts ``decay^(k-1)`` of its weight.

The pair's total is ``prior + Σ weights``; its probability is the logistic of the total,
and its level comes from the policy's probability thresholds. A pair with any evidence is
at least ``low``; evidence that weighs nothing after the frequency discount is dropped.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from auditor.kinds import EXCLUSIVE_KINDS
from auditor.policy import Policy

_TIMED_KINDS = ("ip", "device", "mac")


def text_rank(column: pd.Series) -> np.ndarray:
    """Dense rank of each text in code-point order (missing last), computed in Arrow:
    an integer sort key equivalent to sorting the strings."""
    if not len(column):
        return np.zeros(0, dtype=np.int64)
    if column.dtype == "str":  # Arrow-backed already
        text = pa.array(column.array).cast(pa.large_string())
    else:
        text = pa.array(column.to_numpy(dtype=object), pa.large_string(), from_pandas=True)
    ranks = pc.rank(text, sort_keys="ascending", tiebreaker="dense")  # nulls rank last
    return np.asarray(ranks, dtype=np.int64)


def _not_covered(evidence: pd.DataFrame, rules: tuple[str, ...]) -> np.ndarray:
    """Positions of the rows to keep: rows of ``rules`` are dropped for pairs that
    already share an exact value of the same kind."""
    kind = np.asarray(pd.factorize(evidence["kind"])[0], dtype=np.int64)
    a = evidence["a"].to_numpy(dtype=np.int64)
    b = evidence["b"].to_numpy(dtype=np.int64)
    n = int(max(a.max(initial=0), b.max(initial=0))) + 1
    keys = (a * n + b) * (int(kind.max(initial=0)) + 1) + kind
    rule = evidence["rule"].to_numpy(dtype=object)
    exact = rule == "exact"
    covered = np.isin(rule, list(rules)) & np.isin(keys, keys[exact], kind="sort")
    return np.flatnonzero(~covered)


def _timing(evidence: pd.DataFrame, rows: np.ndarray) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """Per row of ``rows``: days between the two accounts' use (NaN if unknown), first
    and last seen."""
    fa, la, fb, lb = (
        pd.to_datetime(evidence[c].iloc[rows], utc=True).reset_index(drop=True)
        for c in ("first_a", "last_a", "first_b", "last_b")
    )
    known = (fa.notna() & la.notna() & fb.notna() & lb.notna()).to_numpy()
    start = fa.where(fa >= fb, fb)
    end = la.where(la <= lb, lb)
    gap = ((start - end).dt.total_seconds() / 86400.0).to_numpy(dtype=float)
    gap = np.where(known, np.maximum(np.nan_to_num(gap), 0.0), np.nan)
    first = fa.where(fa <= fb, fb).where(pd.Series(known))
    last = la.where(la >= lb, lb).where(pd.Series(known))
    return gap, first, last


def weigh_evidence(
    evidence: pd.DataFrame, policy: Policy, *, consume: bool = False
) -> pd.DataFrame:
    """Evidence rows with ``weight`` (final, after all adjustments) and updated
    ``detail``, by pair (``a``, ``b``) and within a pair strongest first (then kind and
    value): the order the pairs show them in.

    Also removes evidence that an exact match already covers: prefix evidence for pairs
    that share an exact IP, near-duplicates of a kind the pair shares exactly, same-building
    evidence for pairs at the same address.

    ``consume``: empty ``evidence`` column by column while the result is built, so the
    table is not held twice (at a million accounts each copy is a gigabyte).
    """
    # Computed on columns of the rows kept; the evidence table is taken once, at the end
    # (each copy of it is a gigabyte at a million accounts).
    rows = _not_covered(evidence, ("prefix", "fuzzy", "local_part", "building"))
    kind = evidence["kind"].to_numpy()[rows]
    rule = evidence["rule"].to_numpy()[rows]
    sim = evidence["similarity"].to_numpy(dtype=float)[rows]
    exact_w = pd.Series(kind).map(policy.exact).to_numpy(dtype=float)

    thr = pd.Series(kind).map(policy.fuzzy_threshold).fillna(1.0).to_numpy(dtype=float)
    span = np.where(thr < 1.0, 1.0 - thr, 1.0)
    lo, hi = policy.fuzzy_min_share, policy.fuzzy_max_share
    share = lo + (hi - lo) * np.clip((sim - thr) / span, 0, 1)
    same_name = (rule == "fuzzy") & (kind == "person") & (sim >= 1.0)
    share = np.where(same_name, 1.0, share)
    base = np.select(
        [
            rule == "exact",
            rule == "fuzzy",
            rule == "local_part",
            rule == "building",
            rule == "last4",
            rule == "prefix",
        ],
        [
            exact_w,
            exact_w * share,
            policy.email_local_part * share,
            policy.address_building,
            policy.last4,
            policy.ip_prefix,
        ],
        default=0.0,
    )

    gap, first, last = _timing(evidence, rows)
    timed = (rule == "exact") & np.isin(kind, _TIMED_KINDS) & ~np.isnan(gap)
    concurrent = timed & (gap <= policy.window_days)
    far = timed & (gap > policy.far_days)
    is_ip = kind == "ip"
    base = np.where(
        concurrent, np.where(is_ip, policy.ip_concurrent, policy.device_concurrent), base
    )
    base = np.where(far, np.where(is_ip, policy.ip_far, policy.device_far), base)

    shared = evidence["shared_by"].to_numpy(dtype=float)[rows]
    exclusive = np.isin(kind, list(EXCLUSIVE_KINDS)) | (rule == "last4")
    rates = {k: policy.discount_rate(k) for k in set(kind.tolist())}
    rate = pd.Series(kind).map(rates).to_numpy(dtype=float)
    discount = np.where(exclusive, 0.0, rate * np.log(np.maximum(shared, 2) / 2))
    weight = np.maximum(base - discount, 0.0)
    many = ~exclusive & (shared > 2)
    del exact_w, thr, span, share, same_name, base, rate, discount, exclusive, sim

    # The words, built in Arrow over the rows that need them (numpy's fixed-width
    # strings cost the width of the longest detail on every row).
    detail = pd.Series(evidence["detail"].fillna("").to_numpy(dtype=object)[rows], dtype="str")
    if concurrent.any():
        days = pd.Series(first.dt.strftime("%Y-%m-%d").to_numpy(dtype=object), dtype="str")
        detail = detail.mask(concurrent, "both used it in the same period (from " + days + ")")
    apart = timed & ~concurrent
    if apart.any():
        gap_txt = pd.Series(np.nan_to_num(gap).round().astype(np.int64)).astype("str")
        detail = detail.mask(apart, "used " + gap_txt + " days apart")
    if many.any():  # words made for those rows only (at a million accounts, millions)
        at = np.flatnonzero(many)
        held = "held by " + pd.Series(shared[at].astype(np.int64)).astype("str") + " accounts"
        words = detail.iloc[at].reset_index(drop=True)
        empty = words == ""
        add = ~empty & ~words.str.endswith("accounts")
        words = words.mask(empty, held).mask(add, words + "; " + held)
        detail = detail.copy()
        detail.iloc[at] = words.to_numpy()
        del at, held, words, empty, add
    del shared, many, gap, rule, timed, concurrent, apart, is_ip

    first_seen = first.dt.strftime("%Y-%m-%d").to_numpy()
    last_seen = last.dt.strftime("%Y-%m-%d").to_numpy()
    del first, last

    # Diminishing returns within (pair, kind): sorted by a, b, kind, weight (strongest
    # first), then the values; integer sort keys (text ranked once, in Arrow).
    a = evidence["a"].to_numpy(dtype=np.int64)[rows]
    b = evidence["b"].to_numpy(dtype=np.int64)[rows]
    kind_rank = text_rank(pd.Series(kind))
    value_rank = text_rank(evidence["value_a"].iloc[rows])
    order = np.lexsort(
        (text_rank(evidence["value_b"].iloc[rows]), value_rank, -weight, kind_rank, b, a)
    )
    a, b, kind_rank, value_rank = a[order], b[order], kind_rank[order], value_rank[order]
    new = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (kind_rank[1:] != kind_rank[:-1])]
    position = np.arange(len(order))
    rank = position - np.maximum.accumulate(np.where(new[: len(order)], position, 0))
    weight = weight[order] * np.power(policy.decay, rank)
    del new, position, rank

    # Evidence that weighs nothing (a value so common the frequency discount ate it) is
    # not shown, and a pair left with none is no pair.
    shown = np.flatnonzero(weight >= policy.min_weight)
    # Shown per pair strongest first (then by kind and value): the order of the result.
    display = np.lexsort(
        (value_rank[shown], kind_rank[shown], -weight[shown], b[shown], a[shown])
    )
    shown = shown[display]
    final = order[shown]
    timing = ["first_a", "last_a", "first_b", "last_b"]  # now first_seen / last_seen
    take = rows[final]
    out: dict[str, Any] = {}
    for col in list(evidence.columns):
        if col not in timing:
            out[col] = evidence[col].iloc[take].reset_index(drop=True)
        if consume:
            del evidence[col]
    weighed = pd.DataFrame(out)
    del out
    return weighed.assign(
        weight=weight[shown],
        detail=detail.iloc[final].reset_index(drop=True),  # Arrow text: no string objects
        first_seen=first_seen[final],
        last_seen=last_seen[final],
    )


def score_pairs(weighed: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """One row per pair (sorted by a, b): a, b, weight (prior + Σ), score
    (probability), level. Summed over runs of the sorted pair keys in numpy."""
    a = weighed["a"].to_numpy(dtype=np.int64)
    b = weighed["b"].to_numpy(dtype=np.int64)
    w = weighed["weight"].to_numpy(dtype=float)
    key = a << 32 | b
    if len(key) and not (key[1:] >= key[:-1]).all():
        order = np.argsort(key, kind="stable")
        key, w = key[order], w[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else key
    totals = pd.DataFrame(
        {
            "a": key[starts] >> 32,
            "b": key[starts] & 0xFFFFFFFF,
            "weight": np.add.reduceat(w, starts) if len(key) else w,
        }
    )
    totals["weight"] = totals["weight"] + policy.prior
    totals["score"] = 1.0 / (1.0 + np.exp(-totals["weight"].to_numpy()))
    totals["level"] = np.select(
        [totals["weight"] >= policy.high_logit, totals["weight"] >= policy.medium_logit],
        ["high", "medium"],
        default="low",
    )
    return totals
