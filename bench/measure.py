"""Timing and peak memory of a command, and the scores of a clustering, for the benchmarks.

A command runs as a child process; its wall time is taken around it and its peak
resident set size from ``os.wait4`` (the kernel's ``ru_maxrss`` for that child and the
children it waited for: exact, no polling).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metrics import co_membership  # noqa: E402

BIN = Path(sys.executable).parent


def _status_mb(pid: int, field: str) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _rss_mb(pid: int) -> float:
    return _status_mb(pid, "VmRSS")


def peak_rss_mb(pid: int) -> float:
    """The process's own peak resident set (``VmHWM``). Not ``ru_maxrss``: Linux carries
    that across fork and exec, so a child started by a parent holding 7 GB (the 1M
    audit.json, loaded to score it) reports 7 GB however little it used."""
    return _status_mb(pid, "VmHWM")


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids, from /proc."""
    out: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rfind(")") + 2 :].split()
        out.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return out


def tree_rss_mb(pid: int) -> float:
    """Resident set of ``pid`` and all its descendants now (auditor normalises large
    inputs with a helper process: the two together are what the machine must hold)."""
    children = _children()
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += _rss_mb(p)
        todo.extend(children.get(p, ()))
    return total


def run_measured(cmd: Sequence[str], log: Path, rss_limit_mb: float | None = None,
                 env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Run ``cmd`` (stdout and stderr to ``log``); its wall seconds, peak RSS in MB,
    exit code and start time (``time.time()``).

    The peak is the larger of the child's own ``VmHWM`` (see :func:`peak_rss_mb`) and
    the largest resident set of the child and its descendants together
    (:func:`tree_rss_mb`), both read every 0.1 s until it exits; ``ru_maxrss_mb`` (from
    ``wait4``) is kept for reference. CPU seconds include the reaped descendants'.

    With ``rss_limit_mb``, the child is killed (SIGKILL, that one process) once its
    resident set passes the limit, so that a run that outgrows the machine does not
    bring the OOM killer down on other work; the result then has ``killed_over_mb``.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    killed: list[float] = []
    with log.open("wb") as out:
        started = time.time()
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=subprocess.STDOUT,
                                env=None if env is None else {**os.environ, **env})
        done = threading.Event()

        peak = [0.0]

        def watch() -> None:
            while not done.wait(0.1):
                rss = tree_rss_mb(proc.pid)
                peak[0] = max(peak[0], peak_rss_mb(proc.pid), rss)
                if rss_limit_mb is not None and rss > rss_limit_mb:
                    killed.append(time.perf_counter() - t0)
                    proc.kill()
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        # Wait without reaping, so that the last VmHWM can still be read, then reap.
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        done.set()
        watcher.join()
        peak[0] = max(peak[0], peak_rss_mb(proc.pid))
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    result: dict[str, Any] = {
        "seconds": round(wall, 2), "peak_rss_mb": round(peak[0], 1),
        "ru_maxrss_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": proc.returncode, "started_at": started,
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1)}
    if killed:
        result["killed_over_mb"] = rss_limit_mb
        result["killed_after_seconds"] = round(killed[0], 1)
    return result


def truth_of(folder: Path) -> dict[str, str]:
    truth = pd.read_csv(folder / "truth.csv", dtype=str, keep_default_na=False)
    return dict(zip(truth["account"], truth["operator"], strict=True))


def scores(predicted: Mapping[str, str], truth: Mapping[str, str]) -> dict[str, Any]:
    s = co_membership(predicted, truth)
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in s.items()}


def auditor_clusters(audit_json: Path) -> dict[str, str]:
    """account → cluster id from audit.json (accounts in no cluster are left out)."""
    doc = json.loads(audit_json.read_text(encoding="utf-8"))
    return {m: c["id"] for c in doc["clusters"] for m in c["accounts"]}


def auditor_source(commit: str | None) -> tuple[dict[str, str] | None, dict[str, Any]]:
    """Which auditor code the benchmark runs: the working tree (``commit`` None), or
    the ``auditor/`` package of ``commit``, exported read-only with ``git archive`` to
    bench/out/src-<sha>/ and put first on PYTHONPATH. Returns (env for the child,
    description for the results)."""
    repo = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                              check=True).stdout.strip()

    if commit is None:
        head = git("rev-parse", "--short", "HEAD")
        dirty = bool(git("status", "--porcelain", "--", "auditor"))
        return None, {"source": "working tree", "head": head,
                      "uncommitted_changes_in_auditor": dirty}
    sha = git("rev-parse", "--short", commit)
    src = repo / "bench" / "out" / f"src-{sha}"
    if not (src / "auditor" / "__init__.py").exists():
        src.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "auditor"], cwd=repo,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    return {"PYTHONPATH": str(src)}, {"source": f"commit {sha}", "head": sha,
                                      "path": str(src)}


def run_auditor(csv: Path, out: Path, log: Path, rss_limit_mb: float | None = None,
                env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``auditor audit CSV --out OUT --format json``, measured; with its clusters
    (none if it was killed over ``rss_limit_mb``)."""
    result = run_measured([str(BIN / "auditor"), "audit", str(csv), "--out", str(out),
                           "--format", "json"], log, rss_limit_mb, env)
    if "killed_over_mb" in result:
        result["clusters"] = None
        return result
    if result["exit"] not in (0, 1):
        raise RuntimeError(f"auditor failed (exit {result['exit']}), see {log}")
    result["clusters"] = auditor_clusters(out / "audit.json")
    return result


def code_tag(info: Mapping[str, Any]) -> str:
    """A file-name tag for the auditor code that ran: its commit, ``+wt`` for a working
    tree with uncommitted changes to auditor/."""
    return str(info["head"]) + ("+wt" if info.get("uncommitted_changes_in_auditor") else "")


def summary(runs: Sequence[Mapping[str, Any]], key: str = "seconds") -> dict[str, Any]:
    times = [float(r[key]) for r in runs]
    cpu = [float(r["cpu_seconds"]) for r in runs]
    return {"median": round(statistics.median(times), 2), "min": round(min(times), 2),
            "max": round(max(times), 2), "n": len(times), "all": times,
            "cpu_median": round(statistics.median(cpu), 1),
            "peak_rss_mb": max(float(r["peak_rss_mb"]) for r in runs)}
