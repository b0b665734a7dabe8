"""Speed of the text normalisers (company, address, person) on the 100k-account sample.

    python bench/normalise_text_speed.py                 # 100k accounts, seed 3
    python bench/normalise_text_speed.py --accounts 20000 --check

For each kind, times ``normalise_<kind>(raw)`` on the identifier table's rows of that kind
(realistic: Chinese and English company names and addresses, pinyin and Han person names
in varied notations), each run in a fresh process so that no cache is warm, median of
``--runs`` runs. "before" is the same code at ``--baseline`` (a git revision: the four
modules ``text``, ``company``, ``address`` and ``person`` are read from it and imported
under another name); "after" is the working tree.

``--check`` also compares, row by row, what ``normalise_<kind>`` returns with what the
per-value reference functions (``normalise_<kind>_value``, applied with
:func:`auditor.normalise._base.map_unique`) return, and with the baseline's output.

The sample is generated once per (accounts, seed) under ``bench/out/`` (a minute at 100k).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

import pandas as pd

ROOT: Final = Path(__file__).resolve().parent.parent
OUT: Final = ROOT / "bench" / "out"
KINDS: Final = ("company", "address", "person")
MODULES: Final = ("text", "company", "address", "person")
#: The commit before the fast paths: the "before" of the speed table.
DEFAULT_BASELINE: Final = "7fc2758"
BASELINE_PACKAGE: Final = "_normalise_baseline"


def sample_rows(accounts: int, seed: int) -> Path:
    """The (kind, raw) rows of the sample's identifier table, written once as a pickle."""
    path = OUT / f"normalise-text-{accounts}-s{seed}.pkl"
    if not path.exists():
        from auditor.ingest import read_inputs
        from auditor.sample import write_sample

        OUT.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            write_sample(Path(tmp), accounts=accounts, seed=seed)
            identifiers = read_inputs([Path(tmp)]).identifiers
        rows = identifiers.loc[identifiers["kind"].isin(KINDS), ["kind", "raw"]]
        rows.reset_index(drop=True).to_pickle(path)
    return path


def write_baseline(revision: str, into: Path) -> None:
    """The four modules at ``revision`` as the package ``_normalise_baseline``."""
    package = into / BASELINE_PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    for module in MODULES:
        source = subprocess.run(
            ["git", "show", f"{revision}:auditor/normalise/{module}.py"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout
        source = source.replace("auditor.normalise.text", f"{BASELINE_PACKAGE}.text")
        (package / f"{module}.py").write_text(source)


# Run in a child process: import the normaliser, warm imports on a few unrelated values
# (pypinyin loads its dictionaries on first use), then time one call on every row.
_CHILD: Final = """
import json, sys, time
import pandas as pd
sys.path.insert(0, {baseline_dir!r})
kind, package = {kind!r}, {package!r}
module = __import__(f"{{package}}.{{kind}}", fromlist=["x"])
normalise = getattr(module, f"normalise_{{kind}}")
normalise(pd.Series(["深圳市南山区科技园1号张三有限公司", "Rm 1, 1 Main St", "Li Lei 李雷"]))
rows = pd.read_pickle({rows!r})
raw = rows.loc[rows["kind"] == kind, "raw"].reset_index(drop=True)
start, cpu = time.perf_counter(), time.process_time()
out = normalise(raw)
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
if {save!r}:
    out.to_pickle({save!r})
print(json.dumps({{"wall": wall, "cpu": cpu, "rows": len(raw), "distinct": int(raw.nunique())}}))
"""


def time_once(
    kind: str, package: str, rows: Path, baseline_dir: Path, save: str = ""
) -> dict[str, Any]:
    code = _CHILD.format(kind=kind, package=package, rows=str(rows),
                         baseline_dir=str(baseline_dir), save=save)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def check(kind: str, rows: Path, outputs: dict[str, Path]) -> str:
    """Rows where the fast path differs from the reference functions and the baseline."""
    from auditor.normalise import address, company, person
    from auditor.normalise._base import map_unique

    reference = {"company": company.normalise_company_value,
                 "address": address.normalise_address_value,
                 "person": person.normalise_person_value}[kind]
    frame = pd.read_pickle(rows)
    raw = frame.loc[frame["kind"] == kind, "raw"].reset_index(drop=True)
    fast = pd.read_pickle(outputs["after"])
    ref = map_unique(raw, reference)
    base = pd.read_pickle(outputs["before"])

    def differing(other: pd.DataFrame) -> int:
        same = (fast == other) | (fast.isna() & other.isna())
        return int((~same.all(axis=1)).sum())

    return f"differs from reference: {differing(ref)}, from baseline: {differing(base)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE,
                        help="git revision timed as 'before' (default: %(default)s)")
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    parser.add_argument("--check", action="store_true",
                        help="also compare outputs with the reference and the baseline")
    args = parser.parse_args()

    started = time.perf_counter()
    rows = sample_rows(args.accounts, args.seed)
    print(f"sample: {args.accounts} accounts, seed {args.seed} "
          f"({time.perf_counter() - started:.0f}s)")
    with tempfile.TemporaryDirectory() as tmp:
        baseline_dir = Path(tmp)
        write_baseline(args.baseline, baseline_dir)
        header = (f"{'kind':<8} {'rows':>7} {'distinct':>8} | {'before s':>8} {'after s':>8} "
                  f"| {'before µs':>9} {'after µs':>8} | {'speed-up':>8}")
        print(f"median of {args.runs} fresh-process runs; µs per distinct value "
              f"(before = {args.baseline})")
        print(header)
        print("-" * len(header))
        notes = []
        for kind in args.kinds:
            timings: dict[str, list[float]] = {"before": [], "after": []}
            cpu: dict[str, list[float]] = {"before": [], "after": []}
            outputs = {"before": Path(tmp) / f"{kind}-before.pkl",
                       "after": Path(tmp) / f"{kind}-after.pkl"}
            info: dict[str, Any] = {}
            for run in range(args.runs):
                for label, package in (("before", BASELINE_PACKAGE),
                                       ("after", "auditor.normalise")):
                    save = str(outputs[label]) if args.check and run == 0 else ""
                    info = time_once(kind, package, rows, baseline_dir, save)
                    timings[label].append(info["wall"])
                    cpu[label].append(info["cpu"])
            before = statistics.median(timings["before"])
            after = statistics.median(timings["after"])
            distinct = info["distinct"]
            print(f"{kind:<8} {info['rows']:>7} {distinct:>8} | {before:>8.2f} {after:>8.2f} "
                  f"| {before / distinct * 1e6:>9.1f} {after / distinct * 1e6:>8.1f} "
                  f"| {before / after:>7.1f}×")
            cpu_before = statistics.median(cpu["before"])
            cpu_after = statistics.median(cpu["after"])
            notes.append(f"{kind}: CPU time {cpu_before:.2f}s → {cpu_after:.2f}s "
                         f"({cpu_before / cpu_after:.1f}×)")
            if args.check:
                notes.append(f"{kind}: {check(kind, rows, outputs)}")
        for note in notes:
            print(note)


if __name__ == "__main__":
    main()
