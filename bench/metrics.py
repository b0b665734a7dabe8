"""Pairwise precision and recall of cluster co-membership against a ground truth.

Two accounts are a predicted pair when auditor puts them in one cluster, a true pair when
the ground truth gives them one operator. Counted from the contingency table, never by
enumerating pairs: TP = Σ C(n_ij, 2), predicted = Σ C(a_i, 2), true = Σ C(b_j, 2).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def _pairs(counts: pd.Series) -> int:
    n = counts.to_numpy(dtype="int64")
    return int((n * (n - 1) // 2).sum())


def co_membership(predicted: Mapping[str, str], truth: Mapping[str, str]) -> dict[str, float]:
    """Precision, recall and F1 of same-cluster pairs; accounts absent from
    ``predicted`` are singletons."""
    accounts = sorted(truth)
    frame = pd.DataFrame(
        {
            "pred": [predicted.get(a, f"single:{a}") for a in accounts],
            "true": [truth[a] for a in accounts],
        }
    )
    tp = _pairs(frame.groupby(["pred", "true"]).size())
    pred_pairs = _pairs(frame.groupby("pred").size())
    true_pairs = _pairs(frame.groupby("true").size())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "true_pairs": true_pairs,
        "predicted_pairs": pred_pairs,
    }
