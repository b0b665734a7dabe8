"""`auditor appeal`: a thin layer over build_appeal/write_appeal; errors are one line, exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from typer.testing import CliRunner

from auditor.cli import app
from tests.factories import FULL_BANK, make_result

runner = CliRunner()


@pytest.fixture(autouse=True)
def factory_audit(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The pipeline returns tests.factories.make_result(); calls are recorded."""
    import auditor.pipeline as pipeline
    import auditor.render.png as png

    calls: list[dict[str, Any]] = []

    def audit(paths: Any, **kwargs: Any) -> Any:
        calls.append({"paths": list(paths), **kwargs})
        return make_result(reveal=bool(kwargs.get("reveal")))

    def no_png(*args: Any, **kwargs: Any) -> Path:
        raise NotImplementedError

    monkeypatch.setattr(pipeline, "audit", audit)
    monkeypatch.setattr(png, "render_png", no_png)
    return calls


def test_writes_a_docx_and_warns_about_unexplained_strong_links(
    tmp_path: Path, factory_audit: list[dict[str, Any]]
) -> None:
    out = tmp_path / "appeal.docx"
    result = runner.invoke(app, ["appeal", "data/", "--account", "A1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out} (disclosure)" in result.stdout
    assert "Warning: A1–A2 (high): bank ****3445 is not explained" in result.stderr
    assert factory_audit[0]["paths"] == [Path("data/")]
    d = docx.Document(str(out))
    assert any(c.text == "Result" for t in d.tables for c in t.rows[0].cells)


def test_vs_lang_and_explanations(tmp_path: Path) -> None:
    ex = tmp_path / "ex.toml"
    ex.write_text(
        '[[shared]]\nkind = "bank"\nlast4 = "3445"\nexplanation = "Ours."\n'
        '[[shared]]\nkind = "phone"\nvalue = "123"\nexplanation = "Unused."\n',
        encoding="utf-8",
    )
    out = tmp_path / "a.md"
    args = [
        "appeal",
        "d",
        "--account",
        "A1",
        "--vs",
        "A2",
        "--lang",
        "zh",
        "--explanations",
        str(ex),
        "--out",
        str(out),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "标识信息逐项比对" in text and "Ours." in text and "A3" not in text
    assert "bank ****3445 is not explained" not in result.stderr
    assert f"Warning: {ex}: shared[1] (phone 123) matches no identifier A1 shares" in result.stderr


def test_reveal_is_passed_to_the_audit(tmp_path: Path, factory_audit: list[dict[str, Any]]) -> None:
    out = tmp_path / "a.html"
    masked = runner.invoke(app, ["appeal", "d", "--account", "A1", "--out", str(out)])
    assert masked.exit_code == 0 and FULL_BANK not in out.read_text(encoding="utf-8")
    revealed = runner.invoke(app, ["appeal", "d", "--account", "A1", "--out", str(out), "--reveal"])
    assert revealed.exit_code == 0 and factory_audit[-1]["reveal"] is True
    assert FULL_BANK in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--account", "ZZ"], "Error: account 'ZZ' is not in the data (7 accounts read)"),
        (["--account", "A1", "--vs", "A9"], "Error: account 'A9' (--vs) is not in the data"),
        (["--account", "A1", "--lang", "fr"], "Error: --lang must be one of en, zh"),
        (["--account", "A1", "--out", "x.pdf"], "Error: --out x.pdf: the appeal is written as"),
        (
            ["--account", "A1", "--explanations", "missing.yaml"],
            "Error: missing.yaml: explanations file not found",
        ),
    ],
)
def test_errors_are_one_line_and_exit_2(extra: list[str], message: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["appeal", "d", "--out", str(tmp_path / "a.docx"), *extra])
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_bad_explanations_key_names_file_and_key(tmp_path: Path) -> None:
    ex = tmp_path / "ex.yaml"
    ex.write_text("shared:\n  - kind: ip\n    value: 1.2.3.4\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "appeal",
            "d",
            "--account",
            "A1",
            "--explanations",
            str(ex),
            "--out",
            str(tmp_path / "a.docx"),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: {ex}: shared[0].explanation is missing; "
        "say what this identifier is and why both accounts have it"
    )
