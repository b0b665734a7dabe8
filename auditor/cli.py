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

from auditor.errors import AuditorError

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


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
