"""Ingest speed: a 100k-row, 10-column Chinese account sheet (1M identifier rows).

    python bench/ingest_speed.py [--rows 100000] [--runs 5]

Prints the median, min and max seconds of `read_inputs` (imports warmed up first).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from auditor.ingest import read_inputs


def sheet(n: int) -> pd.DataFrame:
    i = pd.RangeIndex(n)
    return pd.DataFrame(
        {
            "店铺ID": "A" + i.astype(str).str.zfill(6),
            "店铺名称": "店铺" + i.astype(str),
            "公司名称": "深圳市" + (i % 5000).astype(str) + "科技有限公司",
            "邮箱": "shop" + i.astype(str) + "@qq.com; alt" + i.astype(str) + "@163.com",
            "手机": "138" + i.astype(str).str.zfill(8),
            "地址": "深圳市南山区科技园" + (i % 300).astype(str) + "号",
            "IP": "10.0." + (i % 250).astype(str) + ".1, 8.8.8." + (i % 200).astype(str),
            "MAC": "00:1A:2B:3C:4D:" + (i % 100).astype(str).str.zfill(2),
            "收款账户": "62220202" + i.astype(str).str.zfill(11),
            "信用卡": "4111" + i.astype(str).str.zfill(12),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        sheet(args.rows).to_csv(path, index=False)
        read_inputs([path])  # warm up imports and caches
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            data = read_inputs([path])
            times.append(time.perf_counter() - start)
        print(
            f"{args.rows} rows → {len(data.identifiers)} identifier rows: median "
            f"{statistics.median(times):.2f}s (min {min(times):.2f}, max {max(times):.2f})"
        )


if __name__ == "__main__":
    main()
