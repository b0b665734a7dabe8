"""End-to-end tests of `auditor audit`, `explain` and `graph` on the bundled samples."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import orjson
import pandas as pd
import pytest
from typer.testing import CliRunner

import auditor
from auditor.cli import app
from auditor.pipeline import audit_tables

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
runner = CliRunner()


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit")
    result = runner.invoke(
        app, ["audit", str(SAMPLES), "--out", str(out), "--format", "json", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    return out


def test_audit_writes_json_and_csv_files(audited: Path) -> None:
    doc = json.loads((audited / "audit.json").read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1
    assert doc["summary"]["accounts"] == 60
    assert doc["pairs"] and doc["clusters"]
    pair = doc["pairs"][0]
    assert {"a", "b", "score", "level", "evidence"} <= set(pair)
    assert {"kind", "match", "value_a", "value_b", "similarity", "weight"} <= set(
        pair["evidence"][0]
    )
    pairs = pd.read_csv(audited / "pairs.csv", encoding="utf-8-sig")
    assert len(pairs) == len(doc["pairs"])
    clusters = pd.read_csv(audited / "clusters.csv", encoding="utf-8-sig")
    assert set(clusters["cluster"]) == {c["id"] for c in doc["clusters"]}


def test_audit_finds_the_operators_of_the_samples(audited: Path) -> None:
    doc = json.loads((audited / "audit.json").read_text(encoding="utf-8"))
    truth = pd.read_csv(SAMPLES / "truth" / "ground_truth.csv", dtype=str)
    cluster_of = {m: c["id"] for c in doc["clusters"] for m in c["accounts"]}
    same_true = same_pred = both = 0
    accounts = list(truth["account"])
    operator = dict(zip(truth["account"], truth["operator"], strict=True))
    for i, a in enumerate(accounts):
        for b in accounts[i + 1 :]:
            t = operator[a] == operator[b]
            p = a in cluster_of and cluster_of.get(a) == cluster_of.get(b)
            same_true += t
            same_pred += p
            both += t and p
    assert both / same_true >= 0.95  # recall
    assert both / same_pred >= 0.9  # precision (the samples plant hard decoys)


def test_audit_is_deterministic(tmp_path: Path, audited: Path) -> None:
    again = runner.invoke(app, ["audit", str(SAMPLES), "--out", str(tmp_path), "--format", "json"])
    assert again.exit_code == 0
    assert (tmp_path / "audit.json").read_bytes() == (audited / "audit.json").read_bytes()


def test_json_output_equals_the_library_result(audited: Path) -> None:
    printed = runner.invoke(app, ["audit", str(SAMPLES), "--json", "--out", str(audited)])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == auditor.audit([SAMPLES]).to_dict()


def test_audit_json_file_is_the_to_dict_document_byte_for_byte(audited: Path) -> None:
    # audit.json is written from result.document() (dataclasses serialised by orjson);
    # it must be exactly to_dict(), rounding included.
    expected = orjson.dumps(auditor.audit([SAMPLES]).to_dict(), option=orjson.OPT_INDENT_2)
    assert (audited / "audit.json").read_bytes() == expected + b"\n"


def test_audit_leaves_the_garbage_collector_on() -> None:
    # The collector is paused while an audit builds its objects, and only then.
    assert gc.isenabled()
    auditor.audit([SAMPLES])
    assert gc.isenabled()
    with pytest.raises(ValueError, match="cluster level"):
        audit_tables(pd.DataFrame({"account": []}), pd.DataFrame(), cluster_level="extreme")
    assert gc.isenabled()


def test_no_full_secret_number_in_outputs(audited: Path) -> None:
    ident = auditor.audit([SAMPLES]).identifiers
    secrets = ident.loc[ident["kind"].isin(["bank", "card", "id_number"]), "value"].dropna()
    text = (audited / "audit.json").read_text(encoding="utf-8") + (audited / "pairs.csv").read_text(
        encoding="utf-8-sig"
    )
    assert len(secrets) > 10
    assert not [s for s in secrets if len(s) > 6 and s in text]


@pytest.mark.parametrize(("level", "code"), [("high", 1), ("low", 1)])
def test_fail_on_exits_1_when_a_pair_reaches_the_level(
    level: str, code: int, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["audit", str(SAMPLES), "--out", str(tmp_path), "--format", "json", "--fail-on", level]
    )
    assert result.exit_code == code


def test_fail_on_exits_0_when_nothing_reaches_the_level(tmp_path: Path) -> None:
    data = tmp_path / "a.csv"
    data.write_text("Seller ID,Email\nA1,a@x.com\nA2,b@y.com\n", encoding="utf-8")
    result = runner.invoke(
        app, ["audit", str(data), "--out", str(tmp_path), "--format", "json", "--fail-on", "low"]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["audit", "missing.csv"], "missing.csv"),
        (["audit", "samples", "--fail-on", "extreme"], "--fail-on"),
        (["audit", "samples", "--format", "pdf"], "--format"),
        (["explain", "samples", "A1"], "two account ids"),
        (["explain", "samples", "NOPE1", "NOPE2"], "NOPE1"),
        (["graph", "samples", "--out", "x.png", "--cluster", "C999"], "C999"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    args = [str(SAMPLES) if a == "samples" else a for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_explain_shows_a_waterfall_with_the_running_total() -> None:
    pair = auditor.audit([SAMPLES]).pairs[0]
    result = runner.invoke(app, ["explain", str(SAMPLES), pair.a, pair.b])
    assert result.exit_code == 0, result.output
    assert "prior" in result.output
    assert f"{pair.weight:+.2f}" in result.output
    assert pair.level in result.output


def test_explain_shows_the_path_when_not_linked_directly() -> None:
    result_obj = auditor.audit([SAMPLES])
    cluster = next(c for c in result_obj.clusters if len(c.accounts) >= 3 and c.bridges)
    members = list(cluster.accounts)
    a, b = next(
        (x, y)
        for i, x in enumerate(members)
        for y in members[i + 1 :]
        if result_obj.pair(x, y) is None
    )
    result = runner.invoke(app, ["explain", str(SAMPLES), a, b])
    assert result.exit_code == 0, result.output
    assert "share nothing directly" in result.output


def test_graph_command_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "c.png"
    result = runner.invoke(app, ["graph", str(SAMPLES), "--out", str(out), "--cluster", "C001"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_graph_per_cluster_writes_one_file_per_cluster(tmp_path: Path) -> None:
    result = runner.invoke(app, ["graph", str(SAMPLES), "--out", str(tmp_path), "--per-cluster"])
    assert result.exit_code == 0, result.output
    clusters = auditor.audit([SAMPLES]).clusters
    assert len(list(tmp_path.glob("graph-*.png"))) == min(len(clusters), 12)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--json", "--fail-on", "low"], 1),
        (["--json"], 0),
        (["--fail-on", "extreme"], 2),
    ],
)
def test_console_script_exit_codes_and_flushed_output(
    args: list[str], code: int, tmp_path: Path
) -> None:
    # The entry point leaves with os._exit (no interpreter teardown): the exit code and
    # everything printed must still come out whole.
    run = subprocess.run(
        [sys.executable, "-m", "auditor.cli", "audit", str(SAMPLES), "--out", str(tmp_path),
         "--format", "json", *args],
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == code, run.stderr.decode()
    if "--json" in args:
        assert json.loads(run.stdout) == json.loads((tmp_path / "audit.json").read_bytes())
    else:
        assert b"--fail-on" in run.stderr + run.stdout
        assert b"Traceback" not in run.stderr
