"""Peer benchmark: Splink (DuckDB) and auditor on the same wide account file.

    python bench/splink_compare.py --accounts 100000 --runs 3

Builds (once) the wide file of bench/wide_data.py, then, ``--runs`` times and
alternating, runs

- auditor: ``auditor audit accounts.csv --out DIR --format json`` (read → audit.json);
- Splink: bench/splink_run.py (read → clean → train → predict → clusters on disk),

each as its own process, and prints wall time (median, min–max), peak RSS (max over
the runs) and pairwise co-membership precision / recall / F1 against the ground truth,
side by side, with the ratio of the median times. Splink's time is to its first
clusters (threshold 0.5); the other thresholds are clustered from the same predictions
afterwards, untimed. The row "splink best" is the threshold with the highest F1 —
chosen with the ground truth, which a user does not have: an upper bound for Splink.
Results go to bench/out/compare-<accounts>-s<seed>-<auditor commit>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wide_data  # noqa: E402
from measure import (  # noqa: E402
    BIN,
    auditor_source,
    code_tag,
    run_auditor,
    run_measured,
    scores,
    summary,
    truth_of,
)

HERE = Path(__file__).resolve().parent
#: Thresholds Splink clusters at: the first is timed; all come from one predict().
THRESHOLDS = (0.5, 0.9, 0.1, 0.01, 0.001)
TARGET_RATIO = 3.0
TARGET_RSS_MB = 2048


def run_splink(csv: Path, out: Path, log: Path, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [str(BIN / "python"), str(HERE / "splink_run.py"), str(csv), "--out", str(out),
           "--thresholds", ",".join(str(t) for t in THRESHOLDS), "--seed", str(args.seed),
           "--u-max-pairs", str(args.u_max_pairs), "--max-share", str(args.max_share)]
    result = run_measured(cmd, log)
    if result["exit"] != 0:
        raise RuntimeError(f"splink failed (exit {result['exit']}), see {log}")
    timings = json.loads((out / "timings.json").read_text())
    result["process_seconds"] = result["seconds"]
    result["seconds"] = round(timings["primary_done_at"] - result["started_at"], 2)
    result["stages"] = timings["stages"]
    result["splink_predicted_pairs"] = timings["predicted_pairs"]
    result["clusters"] = {}
    for t in THRESHOLDS:
        frame = pd.read_csv(out / f"clusters_{t}.csv", dtype=str)
        result["clusters"][t] = dict(zip(frame["unique_id"], frame["cluster_id"], strict=True))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument("--skip-auditor", action="store_true")
    parser.add_argument("--u-max-pairs", type=float, default=1e7,
                        help="Splink: pairs sampled to estimate u (default 1e7)")
    parser.add_argument("--max-share", type=int, default=10,
                        help="Splink cleaning: drop list values held by more accounts")
    parser.add_argument("--keep", action="store_true", help="keep the tools' output folders")
    parser.add_argument("--auditor-commit", metavar="REV",
                        help="run the auditor package of this commit (git archive) instead "
                             "of the working tree")
    args = parser.parse_args()
    auditor_env, auditor_info = auditor_source(args.auditor_commit)

    folder = wide_data.ensure(args.accounts, args.seed)
    csv = folder / "accounts.csv"
    truth = truth_of(folder)
    meta = json.loads((folder / "meta.json").read_text())
    work = wide_data.OUT / f"runs-{args.accounts}-s{args.seed}"
    runs: dict[str, list[dict[str, Any]]] = {"auditor": [], "splink": []}
    accuracy: dict[str, Any] = {}
    for i in range(args.runs):
        if not args.skip_auditor:
            r = run_auditor(csv, work / f"auditor-{i}", work / f"auditor-{i}.log",
                            env=auditor_env)
            accuracy["auditor"] = scores(r.pop("clusters"), truth)
            runs["auditor"].append(r)
            print(f"run {i + 1}/{args.runs} auditor: {r['seconds']} s, "
                  f"{r['peak_rss_mb']:.0f} MB", flush=True)
        if not args.skip_splink:
            r = run_splink(csv, work / f"splink-{i}", work / f"splink-{i}.log", args)
            for t, clusters in r.pop("clusters").items():
                accuracy[f"splink@{t}"] = scores(clusters, truth)
            runs["splink"].append(r)
            print(f"run {i + 1}/{args.runs} splink: {r['seconds']} s to clusters "
                  f"({r['process_seconds']} s process), {r['peak_rss_mb']:.0f} MB, "
                  f"stages {r['stages']}", flush=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)

    report = _report(args, meta, runs, accuracy)
    report["auditor_code"] = auditor_info
    tag = code_tag(auditor_info) if not args.skip_auditor else "splink-only"
    out = wide_data.OUT / f"compare-{args.accounts}-s{args.seed}-{tag}.json"
    out.write_text(json.dumps(report, indent=1) + "\n")
    _print(report)
    print(f"\nsaved {out}")


def _report(args: argparse.Namespace, meta: dict[str, Any], runs: dict[str, list[Any]],
            accuracy: dict[str, Any]) -> dict[str, Any]:
    versions: dict[str, str] = {}
    for name in ("splink", "duckdb"):
        try:
            versions[name] = __import__(name).__version__
        except ImportError:
            versions[name] = "not installed"
    report: dict[str, Any] = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version(), "note": "shared, noisy machine"},
        "versions": versions,
        "data": meta, "args": {k: v for k, v in vars(args).items()},
        "runs": runs, "accuracy": accuracy,
    }
    tools = {name: summary(r) for name, r in runs.items() if r}
    report["time"] = tools
    splink_rows = {k: v for k, v in accuracy.items() if k.startswith("splink@")}
    if splink_rows:
        best = max(splink_rows, key=lambda k: splink_rows[k]["f1"])
        report["splink_best_threshold"] = float(best.split("@")[1])
    else:
        best = ""
    if "auditor" in tools and "splink" in tools:
        ratio = tools["splink"]["median"] / tools["auditor"]["median"]
        a = accuracy["auditor"]
        report["targets"] = {
            "splink_over_auditor_time": round(ratio, 2),
            "splink_over_auditor_cpu": round(
                tools["splink"]["cpu_median"] / tools["auditor"]["cpu_median"], 2),
            "time_ratio_at_least_3": ratio >= TARGET_RATIO,
            "auditor_rss_under_2gb": tools["auditor"]["peak_rss_mb"] < TARGET_RSS_MB,
            **{f"higher_precision_and_recall_than_{k}": bool(
                a["precision"] > v["precision"] and a["recall"] > v["recall"])
               for k, v in splink_rows.items() if k in ("splink@0.5", best)},
        }
    return report


def _print(report: dict[str, Any]) -> None:
    d = report["data"]
    print(f"\n{d['rows']:,} accounts ({d['operators']:,} operators), seed {d['seed']}, "
          f"{d['ips_per_account_mean']} IPs/account, "
          f"{d['csv_bytes'] / 1e6:.1f} MB CSV; {report['machine']['cpus']} CPUs "
          f"({report['machine']['note']}); splink {report['versions']['splink']}, "
          f"duckdb {report['versions']['duckdb']}; auditor: {report['auditor_code']}")
    head = f"{'tool':<26}{'wall s: median [min-max] (n)':<31}{'CPU s':>7}{'peak RSS MB':>12}" \
           f"{'precision':>11}{'recall':>9}{'F1':>8}"
    print(head)
    print("-" * len(head))
    acc = report["accuracy"]
    best = report.get("splink_best_threshold")
    rows: list[tuple[str, str, Any]] = []
    if "auditor" in report["time"]:
        rows.append(("auditor audit", "auditor", acc["auditor"]))
    if "splink" in report["time"]:
        rows.append(("splink @0.5", "splink", acc["splink@0.5"]))
        rows.append(("splink @0.9 (same run)", "", acc["splink@0.9"]))
        rows.append((f"splink best @{best} (truth)", "", acc[f"splink@{best}"]))
    for label, tool, a in rows:
        if tool:
            t = report["time"][tool]
            timing = f"{t['median']:.1f} [{t['min']:.1f}-{t['max']:.1f}] ({t['n']})"
            rss = f"{t['peak_rss_mb']:.0f}"
            cpu = f"{t['cpu_median']:.0f}"
        else:
            timing, rss, cpu = "", "", ""
        print(f"{label:<26}{timing:<31}{cpu:>7}{rss:>12}{a['precision']:>11.4f}"
              f"{a['recall']:>9.4f}{a['f1']:>8.4f}")
    if "targets" in report:
        tg = report["targets"]
        met = "met" if tg["time_ratio_at_least_3"] else "NOT met"
        print(f"\nsplink / auditor median time: {tg['splink_over_auditor_time']:.2f} "
              f"(target >= {TARGET_RATIO:g}: {met}); CPU time ratio "
              f"{tg['splink_over_auditor_cpu']:.2f}")
        print(f"auditor peak RSS < 2 GB: {'met' if tg['auditor_rss_under_2gb'] else 'NOT met'}")
        for k, v in tg.items():
            if k.startswith("higher_"):
                print(f"auditor {k.replace('_', ' ')}: {'yes' if v else 'NO'}")
    if "splink" in report["time"]:
        stages = report["runs"]["splink"][-1]["stages"]
        print(f"splink stages (last run, s): {stages}")


if __name__ == "__main__":
    main()
