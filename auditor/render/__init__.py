"""Render: pure functions from an :class:`~auditor.result.AuditResult` to files.

Renderers never re-score; they read the result. ``render_html`` and ``render_png`` are
imported on first use (matplotlib alone takes a fifth of a second to import, and an
audit that writes only JSON does not need it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.render.html import render_html
    from auditor.render.png import render_png

__all__ = ["render_html", "render_png"]


def __getattr__(name: str) -> Any:
    if name == "render_html":
        from auditor.render.html import render_html

        return render_html
    if name == "render_png":
        from auditor.render.png import render_png

        return render_png
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
