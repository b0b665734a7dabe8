"""Render: pure functions from an :class:`~auditor.result.AuditResult` to files.

Renderers never re-score; they read the result.
"""

from auditor.render.html import render_html
from auditor.render.png import render_png

__all__ = ["render_html", "render_png"]
