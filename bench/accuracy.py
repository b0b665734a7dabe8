"""Accuracy and stage profile of `auditor audit` on generated data with ground truth.

    python bench/accuracy.py --accounts 10000 --seed 1

Generates `auditor sample` data (all four file shapes), audits it as the CLI does, and
prints pairwise precision/recall of cluster co-membership plus where the time went.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metrics import co_membership  # noqa: E402

from auditor.pipeline import audit  # noqa: E402
from auditor.render import files  # noqa: E402
from auditor.sample import write_sample  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--level", default="medium")
    parser.add_argument("--data", type=Path, help="use this sample folder instead of generating")
    parser.add_argument("--show-errors", type=int, default=0, help="print N false pairs")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.data or Path(tmp) / "data"
        if args.data is None:
            t0 = time.perf_counter()
            write_sample(folder, accounts=args.accounts, seed=args.seed)
            print(f"generated {args.accounts} accounts in {time.perf_counter() - t0:.1f}s")
        stages: dict[str, float] = {}
        last = [time.perf_counter(), "start"]

        def progress(stage: str) -> None:
            now = time.perf_counter()
            stages[str(last[1])] = now - float(last[0])
            last[0], last[1] = now, stage

        t0 = time.perf_counter()
        result = audit([folder], cluster_level=args.level, progress=progress)
        progress("writing")
        files.write_json(result, Path(tmp) / "audit.json")
        progress("done")
        total = time.perf_counter() - t0

        truth = pd.read_csv(folder / "truth" / "ground_truth.csv", dtype=str)
        true_of = dict(zip(truth["account"], truth["operator"], strict=True))
        pred_of = {m: c.id for c in result.clusters for m in c.accounts}
        scores = co_membership(pred_of, true_of)
        stages.pop("start", None)
        report = {
            "accounts": len(result.accounts),
            "pairs": len(result.pairs),
            "clusters": len(result.clusters),
            **{k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()},
            "seconds": round(total, 2),
            "stages": {k: round(v, 2) for k, v in stages.items()},
        }
        print(json.dumps(report, indent=1))
        if args.show_errors:
            _show_errors(result, pred_of, true_of, args.show_errors)


def _show_errors(result, pred_of, true_of, n):  # type: ignore[no-untyped-def]
    """Print false-positive pairs inside clusters and missed true pairs."""
    shown = 0
    for p in result.pairs:
        same_pred = pred_of.get(p.a) is not None and pred_of.get(p.a) == pred_of.get(p.b)
        same_true = true_of.get(p.a) == true_of.get(p.b)
        if same_pred != same_true and p.level != "low" or (same_true and not same_pred):
            kind = "FALSE LINK" if same_pred else "MISSED"
            ev = "; ".join(
                f"{e.kind}/{e.match} {e.value_a}~{e.value_b} {e.weight:+.1f} {e.detail}"
                for e in p.evidence
            )
            print(f"{kind} {p.a} {p.b} {p.level} {p.score:.2f}: {ev}")
            shown += 1
            if shown >= n:
                return
    by_op: dict[str, list[str]] = {}
    for acc, op in true_of.items():
        by_op.setdefault(op, []).append(acc)
    for op, accs in by_op.items():
        if len(accs) > 1 and len({pred_of.get(a, a) for a in accs}) > 1 and shown < n:
            print(f"SPLIT operator {op}: " + ", ".join(f"{a}->{pred_of.get(a, '-')}" for a in accs))
            shown += 1


if __name__ == "__main__":
    main()
