"""HTML rendering of an appeal :class:`~auditor.appeal.document.Document`.

One self-contained file: the CSS is inline, the graph is a ``data:`` image, and a
Content-Security-Policy of ``default-src 'none'`` (no scripts at all) keeps the page from
fetching anything. Every value is escaped by Jinja2's autoescape: store names and the
seller's statements are user data.
"""

from __future__ import annotations

import base64
from functools import cache
from typing import Any

import jinja2

from auditor.appeal.document import (
    Bullets,
    Callout,
    Document,
    Heading,
    Image,
    Paragraph,
    Table,
)

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def render_appeal_html(doc: Document) -> str:
    """The document as one HTML page (a string)."""
    blocks: list[dict[str, Any]] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            blocks.append({"type": "heading", "block": b})
        elif isinstance(b, Paragraph):
            blocks.append({"type": "paragraph", "block": b})
        elif isinstance(b, Table):
            total = sum(b.widths) or 1.0
            widths = [f"{w / total * 100:.1f}%" for w in b.widths]
            blocks.append({"type": "table", "block": b, "widths": widths})
        elif isinstance(b, Bullets):
            blocks.append({"type": "bullets", "block": b})
        elif isinstance(b, Callout):
            blocks.append({"type": "callout", "block": b})
        elif isinstance(b, Image):
            src = "data:image/png;base64," + base64.b64encode(b.png).decode("ascii")
            blocks.append({"type": "image", "block": b, "src": src})
    return (
        _environment()
        .get_template("appeal.html.j2")
        .render(lang="zh-CN" if doc.lang == "zh" else "en", title=doc.title, blocks=blocks, csp=CSP)
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("auditor.appeal", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
