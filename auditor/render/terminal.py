"""Rich renderables for the terminal: the audit summary and the explain waterfall.

These build renderables only; ``auditor.cli`` prints them.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from auditor.result import LEVELS, AuditResult, Pair

LEVEL_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


def _name(result: AuditResult, account_id: str) -> str:
    acc = result.account(account_id)
    return f"{acc.name} ({account_id})" if acc and acc.name else account_id


def _short(result: AuditResult, account_id: str) -> str:
    acc = result.account(account_id)
    return acc.name if acc and acc.name else account_id


def summary(result: AuditResult, *, top: int = 10) -> RenderableType:
    """Totals, clusters by risk, top pairs with their driving evidence, data problems."""
    parts: list[RenderableType] = []
    counts = result.counts_by_level()
    at_risk = sum(1 for a in result.accounts if a.at_risk)
    head = Text()
    head.append(f"{len(result.accounts)} accounts · ", style="bold")
    head.append(f"{len(result.pairs)} linked pairs (")
    head.append(f"{counts['high']} high", style=LEVEL_STYLE["high"])
    head.append(", ")
    head.append(f"{counts['medium']} medium", style=LEVEL_STYLE["medium"])
    head.append(f", {counts['low']} low) · {len(result.clusters)} clusters")
    if at_risk:
        head.append(f" · {at_risk} accounts tied to a suspended account", style="bold red")
    parts.append(head)

    if result.clusters:
        table = Table(title="Clusters by risk", title_justify="left")
        table.add_column("cluster")
        table.add_column("level")
        table.add_column("size", justify="right")
        table.add_column("accounts (store names)", ratio=3)
        table.add_column("suspended", ratio=1)
        table.add_column("bridges", justify="right")
        for c in result.clusters[:top]:
            shown = [_short(result, m) for m in c.accounts[:5]]
            if len(c.accounts) > 5:
                shown.append(f"+{len(c.accounts) - 5} more")
            table.add_row(
                c.id,
                Text(c.level, style=LEVEL_STYLE[c.level]),
                str(len(c.accounts)),
                ", ".join(shown),
                Text(
                    ", ".join(_short(result, m) for m in c.suspended) or "—",
                    style="red" if c.suspended else "",
                ),
                str(len(c.bridges)),
            )
        if len(result.clusters) > top:
            table.caption = f"{len(result.clusters) - top} more clusters in clusters.csv"
        parts.append(table)

    if result.pairs:
        table = Table(title="Top pairs", title_justify="left")
        for col in ("accounts", "level", "score", "what ties them"):
            table.add_column(col)
        for p in result.pairs[:top]:
            table.add_row(
                f"{_name(result, p.a)}\n{_name(result, p.b)}",
                Text(p.level, style=LEVEL_STYLE[p.level]),
                f"{p.score:.2f}",
                "\n".join(
                    f"{e.weight:+.2f}  {e.kind} ({e.match}) "
                    + (e.value_a if e.value_a == e.value_b else f"{e.value_a} ~ {e.value_b}")
                    for e in p.evidence[:3]
                )
                + (f"\n… {len(p.evidence) - 3} more" if len(p.evidence) > 3 else ""),
            )
        parts.append(table)

    if result.hubs:
        parts.append(
            Text(
                f"{len(result.hubs)} values are held by many accounts and kept as hubs "
                f"(e.g. {result.hubs[0].kind} {result.hubs[0].value}: "
                f"{len(result.hubs[0].accounts)} accounts)"
            )
        )
    if result.problems:
        lines = Text(f"{len(result.problems)} data problems", style="bold")
        for problem in result.problems[:5]:
            lines.append("\n  " + problem.line(), style="")
        if len(result.problems) > 5:
            lines.append(f"\n  … {len(result.problems) - 5} more in audit.json")
        parts.append(lines)
    return Group(*parts)


def waterfall(result: AuditResult, pair: Pair) -> RenderableType:
    """The evidence of one pair with each weight and the running total."""
    prior = float(
        result.settings.get("policy", {}).get(
            "prior", pair.weight - sum(e.weight for e in pair.evidence)
        )
    )
    table = Table(
        title=f"{_name(result, pair.a)}  ↔  {_name(result, pair.b)}", title_justify="left"
    )
    for col, justify in (
        ("evidence", "left"),
        ("values", "left"),
        ("detail", "left"),
        ("weight", "right"),
        ("total", "right"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    running = prior
    table.add_row("prior", "", "before any evidence", f"{prior:+.2f}", f"{running:+.2f}")
    for e in pair.evidence:
        running += e.weight
        sim = f" {e.similarity:.2f}" if e.match == "fuzzy" else ""
        table.add_row(
            f"{e.kind} {e.match}{sim}",
            f"{e.value_a}\n{e.value_b}" if e.value_a != e.value_b else e.value_a,
            e.detail or ("" if e.shared_by <= 2 else f"held by {e.shared_by} accounts"),
            f"{e.weight:+.2f}",
            f"{running:+.2f}",
        )
    verdict = Text(f"probability {pair.score:.3f} → ")
    verdict.append(pair.level, style=LEVEL_STYLE[pair.level])
    return Group(table, verdict)


def path_view(result: AuditResult, path: list[Pair], a: str, b: str) -> RenderableType:
    """How two accounts that share nothing directly are connected through others."""
    hops = Text(
        f"{_name(result, a)} and {_name(result, b)} share nothing directly; "
        f"they are connected through {len(path) - 1} other account(s):\n"
    )
    parts: list[RenderableType] = [hops]
    for p in path:
        parts.append(waterfall(result, p))
    return Group(*parts)


__all__ = ["LEVELS", "path_view", "summary", "waterfall"]
