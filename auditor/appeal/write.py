"""Write an appeal to a file; the format follows the file's suffix (.docx, .md, .html)."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from auditor.appeal.document import layout
from auditor.appeal.model import Appeal
from auditor.errors import UsageError

FORMATS: Final = {
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def write_appeal(appeal: Appeal, path: str | Path) -> Path:
    """Write ``appeal`` to ``path`` as DOCX, Markdown or HTML, chosen by the suffix.

    Markdown puts the graph in ``<stem>-graph.png`` next to the file; DOCX and HTML
    embed it.

    >>> write_appeal(appeal, "appeal-A1.docx")   # doctest: +SKIP
    PosixPath('appeal-A1.docx')
    """
    out = Path(path)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"{out}: the appeal is written as .docx, .md or .html "
            f"(got {out.suffix or 'no suffix'!r})"
        )
    doc = layout(appeal)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "docx":
            from auditor.appeal.docx import render_docx_bytes

            out.write_bytes(render_docx_bytes(doc))
        elif fmt == "html":
            from auditor.appeal.html import render_appeal_html

            out.write_text(render_appeal_html(doc), encoding="utf-8", newline="\n")
        else:
            from auditor.appeal.markdown import render_markdown

            image = None
            if appeal.graph_png:
                image_path = out.with_name(out.stem + "-graph.png")
                image_path.write_bytes(appeal.graph_png)
                image = image_path.name
            out.write_text(render_markdown(doc, image_name=image), encoding="utf-8", newline="\n")
    except OSError as exc:
        raise UsageError(f"{out}: cannot write the appeal ({exc.strerror})") from None
    return out
