"""Self-contained HTML report: one file, opens offline by double-click.

Everything is inlined (CSS, the vendored Cytoscape.js, the page script, the data), and a
Content-Security-Policy of ``default-src 'none'`` with hashed scripts makes sure the page
never fetches anything and that no script but ours runs, even if a value slipped through
escaping. Account names are user data: the template autoescapes every value, and the data
for the script is JSON in a ``<script type="application/json">`` block with ``<``, ``>``
and ``&`` escaped, read with ``JSON.parse`` and put into the DOM with ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from auditor.render.html_model import build_model
from auditor.result import AuditResult

_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def render_html(result: AuditResult, path: str | Path) -> Path:
    """Write the HTML report for ``result`` to ``path`` and return the path.

    >>> from tests.factories import make_result               # doctest: +SKIP
    >>> render_html(make_result(), "reports/report.html")      # doctest: +SKIP
    PosixPath('reports/report.html')
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html_text(result), encoding="utf-8", newline="\n")
    return out


def render_html_text(result: AuditResult) -> str:
    """The report as a string (deterministic for the same result)."""
    model = build_model(result)
    scripts = [_static("cytoscape.min.js"), _static("report.js")]
    context: dict[str, Any] = dict(model.context)
    context.update(
        css=Markup(_static("report.css")),
        scripts=[Markup(s) for s in scripts],
        data_json=Markup(embed_json(model.data)),
        csp=content_security_policy(scripts),
    )
    return _environment().get_template("report.html.j2").render(context)


def embed_json(data: Any) -> str:
    """JSON safe to place inside a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_JSON_ESCAPES)


def content_security_policy(scripts: list[str]) -> str:
    """Nothing may load; only the inline scripts with these exact contents may run."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


@cache
def _static(name: str) -> str:
    return resources.files("auditor.render").joinpath("static", name).read_text(encoding="utf-8")


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("auditor.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = _percent
    env.filters["signed"] = lambda x: f"{x:+.2f}"
    return env


def _percent(p: float) -> str:
    """Probability as people read it: never 100% or 0% for a model's estimate."""
    pct = p * 100
    if pct >= 99.95:
        return ">99.9%"
    if pct < 0.05:
        return "<0.1%"
    return f"{pct:.1f}%"
