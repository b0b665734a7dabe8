"""Markdown rendering of an appeal :class:`~auditor.appeal.document.Document`.

User data (store names, the seller's statements) is backslash-escaped so that a Markdown
viewer shows it literally and never as markup or HTML. The graph goes to a PNG file next
to the Markdown file, linked by a relative path.
"""

from __future__ import annotations

import re

from auditor.appeal.document import (
    BOLD,
    ITALIC,
    NEEDED,
    Bullets,
    Callout,
    Document,
    Heading,
    Image,
    Line,
    Paragraph,
    Table,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Escape what Markdown (or inline HTML) would read as markup in ``text``.

    Emphasis, code, links, HTML and table pipes anywhere; headings, lists and rules
    where a line starts. Parentheses and the like stay readable: without ``[`` they do
    nothing.
    """
    return _escape_line_start(_SPECIAL.sub(r"\\\1", text))


def _escape_line_start(text: str) -> str:
    m = _LINE_START.match(text)
    if m is None:
        return text
    lead, mark = m.group(1), m.group(2)
    if mark[0].isdigit():  # "1. text" would become an ordered list
        return lead + mark + "\\" + text[m.end() :]
    return lead + "\\" + text[m.start(2) :]


def render_markdown(doc: Document, *, image_name: str | None = None) -> str:
    """The document as Markdown; ``image_name`` is where the graph PNG is written."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append("#" * (block.level + 1) + " " + _SPECIAL.sub(r"\\\1", block.text))
        elif isinstance(block, Paragraph):
            out.append(_line(block.spans, "  \n"))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Bullets):
            mark = "- [ ] " if block.checkbox else "- "
            out.append("\n".join(mark + _line(i, "<br>") for i in block.items))
        elif isinstance(block, Callout):
            lines = [f"> **⚠ {escape(block.title)}**", ">"]
            for p in block.paragraphs:
                lines += ["> " + _line(p, " "), ">"]
            lines += ["> - " + _line(i, " ") for i in block.items]
            for n in block.notes:
                lines += [">", "> " + _line(n, " ")]
            out.append("\n".join(lines).rstrip(">\n"))
        elif isinstance(block, Image):
            if image_name:
                out.append(f"![{escape(block.caption)}]({image_name})\n\n*{escape(block.caption)}*")
            else:
                out.append(f"*{escape(block.caption)}*")
    return "\n\n".join(out) + "\n"


def _line(spans: Line, newline: str) -> str:
    parts = []
    for s in spans:
        chunks = [escape(c) for c in s.text.split("\n")]
        parts.append(newline.join(_styled(c, s.style) if c else c for c in chunks))
    return "".join(parts)


def _styled(text: str, style: str) -> str:
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = text.strip()
    if not core:
        return text
    if style in (BOLD, NEEDED):
        core = f"**{core}**"
    elif style == ITALIC:
        core = f"*{core}*"
    return lead + core + trail


def _table(table: Table) -> str:
    head = "| " + " | ".join(escape(h) for h in table.header) + " |"
    rule = "|" + "|".join("---" for _ in table.header) + "|"
    rows = ["| " + " | ".join(_line(c, "<br>") or "—" for c in row) + " |" for row in table.rows]
    return "\n".join([head, rule, *rows])
