"""The command line: a thin layer over the library. The only module that prints.

Every :class:`~auditor.errors.AuditorError` becomes one line on stderr and exit code 2;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from auditor.errors import AuditorError, UsageError
from auditor.result import AuditResult

app = typer.Typer(
    name="auditor",
    help="Linked-account risk auditor: which identifiers tie your seller accounts together.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")
_state = {"debug": False}


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn an AuditorError into ``Error: …`` on stderr and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except AuditorError as exc:
            if _state["debug"]:
                raise
            err.print(f"Error: {exc}", markup=False)
            raise typer.Exit(2) from None

    return wrapper


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    _state["debug"] = debug


DataArg = Annotated[
    list[Path],
    typer.Argument(help="Input files or folders (CSV, XLSX, JSON, JSONL, Parquet)."),
]
EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", help="Text encoding of CSV files (default: detected).")
]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help="Read only this sheet of XLSX files.")
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="TOML file: column mapping and scoring policy.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def print_json(doc: Any) -> None:
    """Print a JSON document to stdout (UTF-8, not ASCII-escaped)."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


@app.command()
@handles_errors
def inspect(
    data: DataArg,
    json_: JsonOpt = False,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show how each file's columns were mapped, and the data's quality."""
    raise AuditorError("inspect is not implemented yet")


FORMATS = ("json", "csv", "html", "png")


def _run_audit(
    data: list[Path],
    *,
    events: list[Path] | None = None,
    config: Path | None = None,
    reveal: bool = False,
    level: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    show_progress: bool = True,
) -> AuditResult:
    """Run the pipeline with a progress display on stderr (when it is a terminal)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from auditor.config import load_config
    from auditor.pipeline import audit

    cfg = load_config(config)
    stages = ("reading", "normalising", "linking", "scoring", "clustering")
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not show_progress or not err.is_terminal,
    ) as bar:
        task = bar.add_task("auditing", total=len(stages))

        def progress(stage: str) -> None:
            bar.update(task, description=stage, completed=stages.index(stage))

        result = audit(
            data,
            events=events or [],
            config=cfg,
            reveal=reveal,
            cluster_level=level,
            encoding=encoding,
            sheet=sheet,
            progress=progress,
        )
    return result


LevelOpt = Annotated[
    str | None,
    typer.Option("--level", help="Join clusters at this pair level or above (low, medium, high)."),
]
RevealOpt = Annotated[
    bool, typer.Option("--reveal", help="Show full bank, card and ID numbers (masked by default).")
]


@app.command()
@handles_errors
def audit(
    data: DataArg,
    events: Annotated[
        list[Path] | None, typer.Option("--events", help="Login/event log file(s).")
    ] = None,
    config: ConfigOpt = None,
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out", help="Folder for audit.json, pairs.csv, clusters.csv, report.html, graph.png."
        ),
    ] = Path("reports/latest"),
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", help="Exit 1 if a pair at or above this level (low, medium, high) exists."
        ),
    ] = None,
    json_: JsonOpt = False,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format", help="Outputs to write: json, csv, html, png (repeat; default all)."
        ),
    ] = None,
    level: LevelOpt = None,
    reveal: RevealOpt = False,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
) -> None:
    """Find the identifiers that tie accounts together, score each pair and cluster."""
    from auditor.render import files, terminal
    from auditor.result import LEVELS, level_rank

    if fail_on is not None and fail_on not in LEVELS[1:]:
        raise UsageError(f"--fail-on must be one of low, medium, high (got {fail_on!r})")
    if level is not None and level not in LEVELS[1:]:
        raise UsageError(f"--level must be one of low, medium, high (got {level!r})")
    chosen = formats or list(FORMATS)
    unknown = sorted(set(chosen) - set(FORMATS))
    if unknown:
        raise UsageError(f"--format {unknown[0]!r} is not one of {', '.join(FORMATS)}")
    result = _run_audit(
        data,
        events=events,
        config=config,
        reveal=reveal,
        level=level,
        encoding=encoding,
        sheet=sheet,
        show_progress=not json_,
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    written: list[Path] = []
    if "json" in chosen:
        written.append(files.write_json(result, out_dir / "audit.json"))
    if "csv" in chosen:
        written.append(files.write_pairs_csv(result, out_dir / "pairs.csv"))
        written.append(files.write_clusters_csv(result, out_dir / "clusters.csv"))
    if "html" in chosen:
        from auditor.render import render_html

        written.append(render_html(result, out_dir / "report.html"))
    if "png" in chosen:
        from auditor.render import render_png

        written.append(render_png(result, out_dir / "graph.png"))
    if json_:
        print_json(result.to_dict())
    else:
        out.print(terminal.summary(result))
        out.print("Wrote " + ", ".join(str(p) for p in written))
    if fail_on is not None and any(
        level_rank(p.level) >= level_rank(fail_on) for p in result.pairs
    ):
        raise typer.Exit(1)


@app.command(context_settings={"allow_interspersed_args": True})
@handles_errors
def explain(
    args: Annotated[
        list[str],
        typer.Argument(help="DATA... ACCOUNT_A ACCOUNT_B: input files, then two account ids."),
    ],
    events: Annotated[
        list[Path] | None, typer.Option("--events", help="Login/event log file(s).")
    ] = None,
    config: ConfigOpt = None,
    reveal: RevealOpt = False,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
) -> None:
    """Show the evidence between two accounts as a waterfall of weights, or the path."""
    from auditor.graph import evidence_path
    from auditor.render import terminal

    if len(args) < 3:
        raise UsageError(
            "give the input file(s), then two account ids: auditor explain DATA... A B"
        )
    *paths, a, b = args
    result = _run_audit(
        [Path(p) for p in paths],
        events=events,
        config=config,
        reveal=reveal,
        encoding=encoding,
        sheet=sheet,
    )
    for acc in (a, b):
        if result.account(acc) is None:
            raise UsageError(
                f"account {acc!r} is not in the data ({len(result.accounts)} accounts read)"
            )
    pair = result.pair(a, b)
    if pair is not None:
        out.print(terminal.waterfall(result, pair))
        return
    path = evidence_path(result.pairs, a, b)
    if path is None:
        out.print(f"{a} and {b} share no identifier and are not connected through other accounts.")
        return
    out.print(terminal.path_view(result, path, a, b))


@app.command()
@handles_errors
def graph(
    data: DataArg,
    out_file: Annotated[Path, typer.Option("--out", help="PNG file to write.")],
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="Draw only this cluster (e.g. C001).")
    ] = None,
    events: Annotated[
        list[Path] | None, typer.Option("--events", help="Login/event log file(s).")
    ] = None,
    config: ConfigOpt = None,
    level: LevelOpt = None,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
) -> None:
    """Draw the account graph (or one cluster) as a PNG."""
    from auditor.render import render_png

    result = _run_audit(
        data, events=events, config=config, level=level, encoding=encoding, sheet=sheet
    )
    if cluster is not None and result.cluster(cluster) is None:
        ids = ", ".join(c.id for c in result.clusters[:10]) or "none"
        raise UsageError(f"no cluster {cluster!r}; clusters are: {ids}")
    if out_file.parent and not out_file.parent.exists():
        out_file.parent.mkdir(parents=True, exist_ok=True)
    written = render_png(result, out_file, cluster=cluster)
    out.print(f"Wrote {written}")


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
