"""Speed of the identifier normalisers (phone, IP, MAC, email, card, bank, tax and ID
numbers) on the 100k-account sample.

    python bench/normalise_speed.py                    # 100k accounts, seed 3, 3 runs
    python bench/normalise_speed.py --accounts 20000 --kinds phone ip

For each kind, times ``normalise_<kind>(raw)`` on the identifier table's rows of that
kind — the raw values as the sample's files write them, read back by
:func:`auditor.ingest.read_inputs` (login-log IPs and MACs included). "before" is
``fast=False``: :func:`auditor.normalise._base.map_unique` over the per-value function
(``normalise_<kind>_value``), which is what every normaliser did before its fast path;
"after" is the default. Each run times both, one after the other, each in a fresh
process, so caches (phonenumbers ranges, vendors, domains) start cold and both see the
same machine load; the table shows the medians of ``--runs`` runs. The two outputs are
compared frame for frame once per kind; a difference fails the script.

The sample's (kind, raw) rows are written once per (accounts, seed) under ``bench/out/``
(about a minute at 100k accounts).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

import pandas as pd

ROOT: Final = Path(__file__).resolve().parent.parent
OUT: Final = ROOT / "bench" / "out"
#: kind → (module, function); phone runs with default_region="CN".
KINDS: Final = {
    "phone": ("phone", "normalise_phone"),
    "ip": ("ip", "normalise_ip"),
    "mac": ("mac", "normalise_mac"),
    "email": ("email", "normalise_email"),
    "card": ("payment", "normalise_card"),
    "bank": ("payment", "normalise_bank"),
    "tax_id": ("tax_id", "normalise_tax_id"),
    "id_number": ("tax_id", "normalise_id_number"),
}


def sample_rows(accounts: int, seed: int) -> Path:
    """The (kind, raw) rows of the sample's identifier table, written once as a pickle."""
    path = OUT / f"normalise-{accounts}-s{seed}.pkl"
    if not path.exists():
        from auditor.ingest import read_inputs
        from auditor.sample import write_sample

        OUT.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            write_sample(Path(tmp), accounts=accounts, seed=seed)
            identifiers = read_inputs([Path(tmp)]).identifiers
        rows = identifiers.loc[identifiers["kind"].isin(list(KINDS)), ["kind", "raw"]]
        rows.reset_index(drop=True).to_pickle(path)
    return path


def _raw(path: Path, kind: str) -> pd.Series:
    rows: pd.DataFrame = pd.read_pickle(path)
    raw: pd.Series = rows.loc[rows["kind"] == kind, "raw"]
    return raw


def _normaliser(kind: str) -> Callable[..., pd.DataFrame]:
    import importlib

    module, name = KINDS[kind]
    normalise: Callable[..., pd.DataFrame] = getattr(
        importlib.import_module(f"auditor.normalise.{module}"), name
    )
    return normalise


def time_once(path: Path, kind: str, fast: bool) -> float:
    """One timed call, in this process (run by :func:`timed` in a fresh one)."""
    import time

    raw = _raw(path, kind)
    normalise = _normaliser(kind)
    start = time.perf_counter()
    normalise(raw, fast=fast)
    return time.perf_counter() - start


def timed(path: Path, kind: str, fast: bool) -> float:
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); import normalise_speed as b; "
        "print(json.dumps(b.time_once(b.Path(sys.argv[2]), sys.argv[3], sys.argv[4] == '1')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent), str(path), kind,
         "1" if fast else "0"],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def check(path: Path, kind: str) -> None:
    """The fast path gives exactly what the per-value function gives."""
    raw = _raw(path, kind)
    normalise = _normaliser(kind)
    pd.testing.assert_frame_equal(normalise(raw), normalise(raw, fast=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", nargs="*", default=list(KINDS), choices=list(KINDS))
    args = parser.parse_args()
    path = sample_rows(args.accounts, args.seed)
    rows = pd.read_pickle(path)
    header = (f"{'kind':<10} {'rows':>9} {'distinct':>9} {'before s':>9} {'after s':>8} "
              f"{'before µs/row':>14} {'after µs/row':>13} {'speed-up':>9}")  # fmt: skip
    print(f"{args.accounts} accounts, seed {args.seed}, median of {args.runs} runs\n")
    print(header)
    print("-" * len(header))
    total_before = total_after = 0.0
    for kind in args.kinds:
        raw = rows.loc[rows["kind"] == kind, "raw"]
        if raw.empty:
            print(f"{kind:<10} {0:>9}   (no rows in the sample)")
            continue
        check(path, kind)
        runs = [(timed(path, kind, False), timed(path, kind, True)) for _ in range(args.runs)]
        before = statistics.median(b for b, _ in runs)
        after = statistics.median(a for _, a in runs)
        total_before += before
        total_after += after
        n = len(raw)
        print(f"{kind:<10} {n:>9} {raw.nunique():>9} {before:>9.2f} {after:>8.2f} "
              f"{before / n * 1e6:>14.2f} {after / n * 1e6:>13.2f} {before / after:>8.1f}×",
              flush=True)  # fmt: skip
    print("-" * len(header))
    print(f"{'total':<10} {'':>9} {'':>9} {total_before:>9.2f} {total_after:>8.2f} "
          f"{'':>14} {'':>13} {total_before / total_after:>8.1f}×")  # fmt: skip


if __name__ == "__main__":
    main()
