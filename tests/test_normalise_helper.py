"""The helper process: half of the normalising in parallel, the same result as without
it, and the same result when it fails."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import auditor
from auditor import normalise, pipeline
from auditor.ingest import read_inputs
from auditor.normalise import normalise_identifiers
from auditor.normalise.helper import Helper, split_kinds

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def identifiers() -> pd.DataFrame:
    return read_inputs([SAMPLES]).identifiers


def record_results(helper: Helper, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What ``helper.results`` answers, recorded as the audit asks for it."""
    answered: list[object] = []
    real = helper.results

    def spy(handle):  # type: ignore[no-untyped-def]
        answered.append(real(handle))
        return answered[-1]

    monkeypatch.setattr(helper, "results", spy)
    return answered


def test_split_gives_each_side_about_half_of_the_work() -> None:
    rows = {"address": 100, "company": 100, "ip": 300, "email": 140, "phone": 110, "mac": 120}
    given = split_kinds(rows)
    assert given and given != set(rows)
    assert split_kinds(dict(reversed(list(rows.items())))) == given  # deterministic
    cost = {k: rows[k] * normalise.helper.COST_PER_ROW[k] for k in rows}
    helper, local = sum(cost[k] for k in given), sum(cost[k] for k in rows if k not in given)
    assert max(helper, local) <= 0.65 * (helper + local)


def test_normalising_with_the_helper_gives_the_same_table(
    identifiers: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(normalise, "HELPER_MIN_ROWS", 0)
    alone = normalise_identifiers(identifiers)
    with Helper() as helper:
        sent: list[str] = []
        real = helper.normalise

        def spy(raws, region):  # type: ignore[no-untyped-def]
            sent.extend(raws)
            return real(raws, region)

        monkeypatch.setattr(helper, "normalise", spy)
        answered = record_results(helper, monkeypatch)
        shared = normalise_identifiers(identifiers, helper=helper)
        assert answered and isinstance(answered[0], dict), "the helper should have answered"
        # Its work done, the helper is told to exit; another table is done here.
        again = normalise_identifiers(identifiers, helper=helper)
    assert sent, "the helper should have been given kinds"
    pd.testing.assert_frame_equal(shared, alone)
    pd.testing.assert_frame_equal(again, alone)


def test_a_helper_that_dies_changes_nothing(
    identifiers: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(normalise, "HELPER_MIN_ROWS", 0)
    alone = normalise_identifiers(identifiers)
    with Helper() as helper:
        real = helper.normalise

        def send_then_die(raws, region):  # type: ignore[no-untyped-def]
            handle = real(raws, region)
            helper._proc.kill()  # type: ignore[union-attr]
            return handle

        monkeypatch.setattr(helper, "normalise", send_then_die)
        after = normalise_identifiers(identifiers, helper=helper)
    pd.testing.assert_frame_equal(after, alone)


def test_audit_with_a_helper_equals_audit_without(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = auditor.audit([SAMPLES]).to_dict()
    monkeypatch.setattr(pipeline, "HELPER_MIN_BYTES", 0)
    monkeypatch.setattr(normalise, "HELPER_MIN_ROWS", 0)
    monkeypatch.setattr(pipeline, "_cores", lambda: 2)  # also on a one-processor runner
    started: list[Helper] = []
    real = pipeline.Helper

    def tracked() -> Helper:
        started.append(real())
        return started[-1]

    monkeypatch.setattr(pipeline, "Helper", tracked)
    assert auditor.audit([SAMPLES]).to_dict() == alone
    assert started and started[0]._proc is None  # stopped when the audit ended


def test_audit_without_a_helper_when_none_can_start(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = auditor.audit([SAMPLES]).to_dict()
    monkeypatch.setattr(pipeline, "HELPER_MIN_BYTES", 0)
    monkeypatch.setattr(pipeline, "_cores", lambda: 2)
    tried: list[bool] = []

    def cannot_start() -> Helper:
        tried.append(True)
        raise OSError("no interpreter to start")

    monkeypatch.setattr(pipeline, "Helper", cannot_start)
    assert auditor.audit([SAMPLES]).to_dict() == alone
    assert tried


def test_a_helper_that_answers_garbage_changes_nothing(
    identifiers: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text on the pipe that is not a helper message (a start-up banner printed before
    the helper took stdout over) ends the exchange; the kinds are done here."""
    import subprocess
    import sys

    monkeypatch.setattr(normalise, "HELPER_MIN_ROWS", 0)
    alone = normalise_identifiers(identifiers)
    with Helper() as helper:
        assert helper._proc is not None
        helper._proc.kill()
        helper._proc.wait()
        helper._proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; print('usage: ' * 50); sys.stdin.buffer.read()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        after = normalise_identifiers(identifiers, helper=helper)
    pd.testing.assert_frame_equal(after, alone)


def test_a_kind_the_helper_cannot_normalise_leaves_the_others(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """The helper fails on one kind (here: no values at all to read): the kinds after it
    still come back, the helper is stopped at once, and nothing is printed."""
    import time

    emails = pd.Series(["Shop@QQ.com", "a.b@gmail.com"], dtype="str")
    phones = pd.Series(["+86 138 0013 8000"], dtype="str")
    with Helper() as helper:
        handle = helper.normalise({"email": emails, "company": None, "phone": phones}, "CN")  # type: ignore[dict-item]
        started = time.perf_counter()
        pieces = helper.results(handle)
        assert time.perf_counter() - started < 4  # not the 5 s wait for it to exit
        assert helper._proc is None  # stopped: it failed on a kind
    assert pieces is not None and set(pieces) == {"email", "phone"}
    assert pieces["email"][0]["value"].to_pylist() == ["shop@qq.com", "ab@gmail.com"]
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err


def test_pieces_from_a_helper_that_dies_half_way_are_kept(
    identifiers: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after its first answer: what it answered is used, the rest is done here."""
    import time

    monkeypatch.setattr(normalise, "HELPER_MIN_ROWS", 0)
    alone = normalise_identifiers(identifiers)
    with Helper() as helper:
        real_normalise = helper.normalise

        def kill_after_first(raws, region):  # type: ignore[no-untyped-def]
            handle = real_normalise(raws, region)
            deadline = time.time() + 60
            while not helper._pieces and time.time() < deadline:
                time.sleep(0.01)
            helper._proc.kill()  # type: ignore[union-attr]
            return handle

        monkeypatch.setattr(helper, "normalise", kill_after_first)
        got = record_results(helper, monkeypatch)
        after = normalise_identifiers(identifiers, helper=helper)
    assert got and isinstance(got[0], dict) and got[0], "some pieces came back"
    pd.testing.assert_frame_equal(after, alone)
