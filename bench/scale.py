"""Growth of `auditor audit` with the number of accounts, on the wide file.

    python bench/scale.py --accounts 100000 1000000 --runs 1
    python bench/scale.py --accounts 100000 --stages     # where the time goes

For each size: builds (once) bench/wide_data.py's file, runs
``auditor audit accounts.csv --out DIR --format json`` ``--runs`` times as a child
process, and prints wall time (median, min–max), peak RSS and precision / recall / F1;
then the time ratio of each size to the first. Targets: 1M accounts in at most ~12×
the 100k time, under 4 GB peak RSS.

``--stages`` runs the pipeline once more (in a child process, as bench/accuracy.py
does in-process) and prints seconds per stage and the peak RSS after each stage;
with ``--rss-limit-mb`` a run killed over the limit still says which stage it was in.
Results go to bench/out/scale-<sizes>-s<seed>-<auditor commit>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wide_data  # noqa: E402
from measure import (  # noqa: E402
    _rss_mb,
    auditor_clusters,
    auditor_source,
    code_tag,
    peak_rss_mb,
    run_auditor,
    run_measured,
    scores,
    summary,
    truth_of,
)

TARGET_GROWTH = 12.0
TARGET_RSS_MB = 4096


def _stages_child(csv: Path, out: Path) -> None:
    """Run the pipeline in this process, printing a ``STAGE {json}`` line as each
    stage starts and ends (seconds, RSS now, peak RSS so far)."""
    from auditor.pipeline import audit
    from auditor.render import files

    last = [time.perf_counter(), "start"]

    def line(**fields: Any) -> None:
        peak = peak_rss_mb(os.getpid())  # not ru_maxrss: see measure.peak_rss_mb
        print("STAGE " + json.dumps({**fields, "rss_mb": round(_rss_mb(os.getpid())),
                                     "peak_mb": round(peak)}), flush=True)

    def progress(stage: str) -> None:
        now = time.perf_counter()
        if last[1] != "start":
            line(done=str(last[1]), seconds=round(now - float(last[0]), 2))
        line(start=stage)
        last[0], last[1] = now, stage

    result = audit([csv], progress=progress)
    progress("writing")
    out.mkdir(parents=True, exist_ok=True)
    files.write_json(result, out / "audit.json")
    progress("done")
    import auditor

    print("STAGE " + json.dumps({"pairs": len(result.pairs), "clusters": len(result.clusters),
                                 "auditor": auditor.__file__}), flush=True)


def stages(csv: Path, work: Path, rss_limit_mb: float | None,
           env: dict[str, str] | None) -> dict[str, Any]:
    """Seconds and memory per pipeline stage, from a child process (so that a run that
    outgrows ``rss_limit_mb`` still says which stage it was in)."""
    log = work / "stages.log"
    r = run_measured([sys.executable, __file__, "--stages-child", str(csv),
                      str(work / "stages")], log, rss_limit_mb, env)
    seconds: dict[str, float] = {}
    rss: dict[str, int] = {}
    info: dict[str, Any] = {"running": None}
    for text in log.read_text(errors="replace").splitlines():
        if not text.startswith("STAGE "):
            continue
        rec = json.loads(text[6:])
        if "done" in rec:
            seconds[rec["done"]] = rec["seconds"]
            rss[rec["done"]] = rec["peak_mb"]
            info["running"] = None
        elif "start" in rec:
            info["running"] = rec["start"] if rec["start"] != "done" else None
        else:
            info.update(rec)
    return {"seconds": r["seconds"], "stages": seconds, "peak_mb_after_stage": rss,
            "peak_rss_mb": r["peak_rss_mb"], "exit": r["exit"],
            **({"killed_over_mb": r["killed_over_mb"], "killed_in_stage": info["running"],
                "killed_after_seconds": r["killed_after_seconds"]}
               if "killed_over_mb" in r else {}),
            **{k: v for k, v in info.items() if k != "running"}}


def _table(sizes: dict[str, Any], first_n: int, rss_limit_mb: float | None) -> None:
    print(f"\n{'accounts':>10}  {'wall s: median [min-max] (n)':<30}{'CPU s':>7}"
          f"{'peak RSS MB':>12}{'x time':>8}{'precision':>11}{'recall':>9}{'F1':>8}")
    first = sizes[str(first_n)]
    base = None if first["killed"] or "time" not in first else first["time"]["median"]
    base_cpu = None if base is None else first["time"]["cpu_median"]
    for n, e in sizes.items():
        if "time" not in e:
            continue
        if e["killed"]:
            print(f"{int(n):>10,}  killed over {rss_limit_mb:.0f} MB RSS after "
                  f"{e['runs'][-1]['killed_after_seconds']} s (no result)")
            continue
        t, a = e["time"], e["accuracy"]
        growth = t["median"] / base if base else float("nan")
        e["growth_vs_first"] = round(growth, 2)
        if base_cpu:
            e["cpu_growth_vs_first"] = round(t["cpu_median"] / base_cpu, 2)
        print(f"{int(n):>10,}  {t['median']:.1f} [{t['min']:.1f}-{t['max']:.1f}] ({t['n']})"
              .ljust(42) + f"{t['cpu_median']:>7.0f}{t['peak_rss_mb']:>12.0f}{growth:>8.2f}"
              f"{a['precision']:>11.4f}{a['recall']:>9.4f}{a['f1']:>8.4f}")
    for n, e in sizes.items():
        if int(n) != first_n and "growth_vs_first" in e and base:
            factor = int(n) / first_n
            limit = TARGET_GROWTH * factor / 10
            ok = e["growth_vs_first"] <= limit
            rss_ok = e["time"]["peak_rss_mb"] < TARGET_RSS_MB
            print(f"{int(n):,} vs {first_n:,}: x{e['growth_vs_first']:.1f} wall time "
                  f"(x{e.get('cpu_growth_vs_first', float('nan')):.1f} CPU time) for "
                  f"x{factor:g} accounts (target <= x{limit:g}: {'met' if ok else 'NOT met'}); "
                  f"peak RSS {e['time']['peak_rss_mb']:.0f} MB (target < {TARGET_RSS_MB}: "
                  f"{'met' if rss_ok else 'NOT met'})")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--stages-child":
        _stages_child(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1, help="0: only --stages")
    parser.add_argument("--rss-limit-mb", type=float, default=None,
                        help="kill a run whose RSS passes this (protects a shared machine)")
    parser.add_argument("--stages", action="store_true",
                        help="also time each pipeline stage (one more run, in a child "
                             "that reports as it goes)")
    parser.add_argument("--auditor-commit", metavar="REV",
                        help="run the auditor package of this commit (git archive) instead "
                             "of the working tree")
    args = parser.parse_args()
    auditor_env, auditor_info = auditor_source(args.auditor_commit)

    report: dict[str, Any] = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "note": "shared, noisy machine"},
        "auditor_code": auditor_info,
        "sizes": {},
    }
    for n in args.accounts:
        t0 = time.perf_counter()
        folder = wide_data.ensure(n, args.seed)
        built = time.perf_counter() - t0
        meta = json.loads((folder / "meta.json").read_text())
        truth = truth_of(folder)
        work = wide_data.OUT / f"scale-{n}-s{args.seed}"
        runs = []
        accuracy: dict[str, Any] = {}
        for i in range(args.runs):
            r = run_auditor(folder / "accounts.csv", work / f"auditor-{i}",
                            work / f"auditor-{i}.log", args.rss_limit_mb, auditor_env)
            clusters = r.pop("clusters")
            if clusters is not None:
                accuracy = scores(clusters, truth)
            runs.append(r)
            note = (f" KILLED over {r['killed_over_mb']:.0f} MB after "
                    f"{r['killed_after_seconds']} s" if "killed_over_mb" in r else "")
            print(f"{n:,} accounts, run {i + 1}/{args.runs}: {r['seconds']} s, "
                  f"{r['peak_rss_mb']:.0f} MB{note}", flush=True)
        entry: dict[str, Any] = {"data": meta, "data_ready_seconds": round(built, 1),
                                 "runs": runs, "accuracy": accuracy,
                                 "killed": any("killed_over_mb" in r for r in runs)}
        if runs:
            entry["time"] = summary(runs)
        if args.stages:
            entry["stages"] = stages(folder / "accounts.csv", work, args.rss_limit_mb,
                                     auditor_env)
            audit_json = work / "stages" / "audit.json"
            if not accuracy and "killed_over_mb" not in entry["stages"] and audit_json.exists():
                entry["accuracy"] = scores(auditor_clusters(audit_json), truth)
                entry["stages"]["accuracy"] = entry["accuracy"]
            print(f"{n:,} accounts, stages: {json.dumps(entry['stages'])}", flush=True)
        if entry["killed"] or "killed_over_mb" in entry.get("stages", {}):
            keep = wide_data.OUT / f"scale-{n}-s{args.seed}-killed-logs"
            shutil.rmtree(keep, ignore_errors=True)
            keep.mkdir(parents=True)
            for log in work.glob("*.log"):
                shutil.copy(log, keep / log.name)
        shutil.rmtree(work, ignore_errors=True)
        report["sizes"][str(n)] = entry

    print(f"auditor: {auditor_info}")
    _table(report["sizes"], args.accounts[0], args.rss_limit_mb)
    sizes_tag = "-".join(str(n) for n in args.accounts)
    out = wide_data.OUT / f"scale-{sizes_tag}-s{args.seed}-{code_tag(auditor_info)}.json"
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"\nsaved {out}")


if __name__ == "__main__":
    main()
