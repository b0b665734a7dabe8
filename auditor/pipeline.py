"""The audit pipeline: read → normalise → link → score → cluster → :class:`AuditResult`.

:func:`audit` reads files; :func:`audit_tables` starts from the accounts and identifier
tables (handy in notebooks and tests).
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from auditor.config import Config
from auditor.graph import find_clusters
from auditor.ingest import read_inputs
from auditor.ingest.common import arrow_text, shared_strings
from auditor.kinds import SECRET_KINDS
from auditor.link.exact import EVIDENCE_COLUMNS, link_exact
from auditor.link.fuzzy import link_fuzzy
from auditor.link.groups import unique_int64
from auditor.link.partial import link_partial
from auditor.memory import release_free_memory
from auditor.normalise import normalise_identifiers, warm_up
from auditor.normalise.helper import Helper
from auditor.pair_list import Labels, PairColumns, PairList
from auditor.policy import Policy, load_policy
from auditor.result import (
    LEVELS,
    Account,
    AuditResult,
    Hub,
    Problem,
)
from auditor.tables import STATUS_INVALID

#: Invalid values listed one by one in the result; the rest are counted.
MAX_LISTED_PROBLEMS = 500

Progress = Callable[[str], None]


@dataclass
class Links:
    """What linking found: evidence rows (see :data:`auditor.link.exact.EVIDENCE_COLUMNS`,
    without ``value``, plus ``rule``), the hubs, and the ring edges that keep
    exclusive-value hubs together."""

    evidence: pd.DataFrame
    hubs: list[Hub]
    ring_edges: pd.DataFrame


def _quiet(_: str) -> None:
    return None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many long-lived objects are made
    (a result's objects; the normalisers' tables, loaded while the files are read).

    Building the accounts and clusters allocates many long-lived objects (the pairs are
    built later, when read: :mod:`auditor.pair_list`); with the collector on, every few
    thousand allocations start a pass over all of them again. Paused, they are walked
    once, by the single collection on the way out, which also frees the cyclic garbage
    made meanwhile. The table stages between (normalising to scoring) are not paused:
    they leave cyclic garbage (pandas frames) holding gigabytes at a million accounts
    if nothing collects it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.collect()
            gc.enable()


def audit(
    paths: Sequence[str | Path],
    *,
    events: Sequence[str | Path] = (),
    config: Config | None = None,
    reveal: bool = False,
    cluster_level: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    progress: Progress = _quiet,
) -> AuditResult:
    """Audit the accounts in ``paths`` (and login ``events``) and return what was found.

    >>> result = audit(["samples/"])                       # doctest: +SKIP
    >>> result.clusters[0].level, len(result.pairs) > 0     # doctest: +SKIP
    ('high', True)
    """
    config = config or Config()
    inputs = [*paths, *events]
    # A second process for normalising large inputs, started first: its imports
    # overlap the reading.
    helper = _start_helper() if _cores() > 1 and _input_bytes(inputs) >= HELPER_MIN_BYTES else None
    warming = None
    if helper is not None:
        # What the normalisers load on first use, loaded while Arrow parses the files
        # (its parser lets go of the interpreter): 0.4 s of a large audit.
        warming = threading.Thread(target=warm_up, name="auditor-warm-up", daemon=True)
        warming.start()
    try:
        progress("reading")
        # The collector paused while the files are read and the warm-up loads its tables
        # (600,000 objects at once): otherwise two full collections walk them, finding
        # nothing (0.13 s at 100k accounts); reading makes little cyclic garbage.
        with gc_paused():
            data = read_inputs(inputs, encoding=encoding, sheet=sheet, column_map=config.columns)
            if warming is not None:
                warming.join()  # done by now, usually; normalising does not race it
        release_free_memory()
        return audit_tables(
            data.accounts,
            data.identifiers,
            problems=data.problems,
            config=config,
            reveal=reveal,
            cluster_level=cluster_level,
            progress=progress,
            helper=helper,
        )
    finally:
        if warming is not None:
            warming.join()
        if helper is not None:
            helper.close()


#: Inputs of at least this many bytes (~30,000 accounts in a wide file) are normalised
#: in two processes.
HELPER_MIN_BYTES = 10_000_000


def _start_helper() -> Helper | None:
    """A normalising helper process, or None where one cannot be started (then all the
    work is done here, with the same result)."""
    try:
        return Helper()
    except OSError:
        return None


def _cores() -> int:
    """Processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _input_bytes(paths: Sequence[str | Path]) -> int:
    """Total size of the input files (folders: the files in them); 0 for what is not
    there (reading reports it)."""
    total = 0
    for path in map(Path, paths):
        try:
            if path.is_dir():
                total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            elif path.is_file():
                total += path.stat().st_size
        except OSError:
            continue
    return total


def audit_tables(
    accounts: pd.DataFrame,
    identifiers: pd.DataFrame,
    *,
    problems: Sequence[Problem] = (),
    config: Config | None = None,
    reveal: bool = False,
    cluster_level: str | None = None,
    normalised: bool = False,
    progress: Progress = _quiet,
    helper: Helper | None = None,
) -> AuditResult:
    """Audit from an accounts table and an identifier table (see :mod:`auditor.tables`).

    ``helper``: a started :class:`auditor.normalise.helper.Helper` process to normalise
    about half of the kinds in parallel (:func:`audit` starts one for large inputs)."""
    config = config or Config()
    policy = load_policy(config.policy)
    level = cluster_level or policy.cluster_level
    if level not in LEVELS[1:]:
        raise ValueError(f"cluster level must be one of {LEVELS[1:]}")
    progress("normalising")
    ident = (
        identifiers
        if normalised
        else normalise_identifiers(
            identifiers, default_region=config.default_region, helper=helper
        )
    )
    ids, acc = _account_codes(accounts["account"], ident["account"])
    ident = ident.assign(acc=acc.astype(np.int32))  # a million accounts fit in int32
    del acc
    if "time" not in ident:
        ident["time"] = pd.NaT

    release_free_memory()
    progress("linking")
    links = link_all(ident, ids, policy, reveal=reveal)
    evidence, exact_hubs, ring_edges = links.evidence, links.hubs, links.ring_edges

    release_free_memory()
    progress("scoring")
    from auditor.score import score_pairs, weigh_evidence

    weighed = weigh_evidence(evidence, policy, consume=True)
    del links, evidence  # at a million accounts, each evidence table is a gigabyte
    scored = score_pairs(weighed, policy)
    names = ids.to_numpy()  # ``a`` and ``b`` of scored pairs are positions in it

    release_free_memory()
    progress("clustering")
    with gc_paused():
        info = _account_info(accounts, ids)
        clusters = find_clusters(
            scored,
            ring_edges,
            info["status"].to_numpy(dtype=object),
            level=level,
            ids=names,
        )
        pairs = _build_pairs(weighed, scored, names, reveal=reveal)
        del weighed

        cluster_of = {m: c.id for c in clusters for m in c.accounts}
        at_risk = {m for c in clusters if c.at_risk for m in c.accounts}
        account_objs = tuple(
            Account(acc, name, status, market, cluster_of.get(acc), acc in at_risk)
            for acc, name, status, market in zip(
                [str(a) for a in info.index.tolist()],
                info["name_"].tolist(),
                shared_strings(info["status"]),
                shared_strings(info["marketplace"]),
                strict=True,
            )
        )
    settings = {
        "cluster_level": level,
        "masked": not reveal,
        "default_region": config.default_region,
        "policy": policy.to_dict(),
    }
    return AuditResult(
        accounts=account_objs,
        pairs=pairs,
        clusters=tuple(clusters),
        problems=tuple(problems) + tuple(_value_problems(ident)),
        hubs=tuple(exact_hubs),
        settings=settings,
        identifiers=ident.drop(columns=["acc"]),
        reveal=reveal,
    )


def link_all(ident: pd.DataFrame, ids: pd.Index, policy: Policy, *, reveal: bool = False) -> Links:
    """Every piece of evidence (exact, near-duplicate, weak) between accounts, one row each,
    with the hubs and ring edges of exact linking.

    ``ident`` needs the account code column ``acc`` (position in ``ids``). (The hubs are
    not kept in ``DataFrame.attrs``: pandas deep-copies attrs on every operation.)
    """
    ex = policy.exact
    exact_limits = {
        kind: policy.max_group(
            kind,
            max(
                ex[kind],
                policy.ip_concurrent if kind == "ip" else 0.0,
                policy.device_concurrent if kind in ("device", "mac") else 0.0,
            ),
        )
        for kind in ex
    }
    exact = link_exact(ident, ids, limits=exact_limits, reveal=reveal)
    release_free_memory()
    top = policy.fuzzy_max_share
    exact_pairs = unique_int64(
        exact.evidence["a"].to_numpy(dtype=np.int64) << 32
        | exact.evidence["b"].to_numpy(dtype=np.int64)
    )
    fuzzy = link_fuzzy(
        ident,
        paired=exact_pairs,
        thresholds=policy.fuzzy_threshold,
        limits={
            "company": policy.max_group("company", ex["company"] * top),
            "person": policy.max_group("person", ex["person"]),
            "address": policy.max_group("address", ex["address"] * top),
            "email": policy.max_group("email", policy.email_local_part * top),
        },
        min_local_part=policy.min_local_part,
    )
    # Primary evidence makes a pair: an exact shared value, or the same name/address/
    # mailbox written differently. Supporting evidence — a similar (not equal) name, the
    # same building or /24, the same last 4 — is only attached to pairs that have primary
    # evidence: alone it is what unrelated sellers share all the time.
    primary = pd.concat(
        [exact.evidence[["a", "b"]], fuzzy.loc[fuzzy["primary"].astype(bool), ["a", "b"]]]
    ).drop_duplicates()
    partial = link_partial(
        ident,
        limits={
            "ip": policy.max_group("ip", policy.ip_prefix),
            "address": policy.max_group("address", policy.address_building),
        },
        pairs_with_evidence=primary,
    )
    partial_rule = np.select(
        [partial["kind"] == "ip", partial["kind"] == "address"], ["prefix", "building"], "last4"
    )
    # Both linkers already dropped supporting rows of pairs without primary evidence
    # (before making their text: at a million accounts most of them are strangers').
    exact.evidence["rule"] = "exact"
    partial["rule"] = partial_rule
    # The canonical ``value`` is not carried on: pairs show the values as written.
    shown = [c for c in EVIDENCE_COLUMNS if c != "value"]
    evidence = concat_consuming([exact.evidence, partial, fuzzy], [*shown, "rule"])
    return Links(evidence, exact.hubs, exact.ring_edges)


def concat_consuming(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """``pd.concat(frames)[columns]``, built a column at a time and each column taken
    out of ``frames`` once it is copied: the tables are held once, not twice (at a
    million accounts the evidence is most of a gigabyte)."""
    out = {
        col: pd.concat([frame.pop(col) for frame in frames], ignore_index=True)
        for col in columns
    }
    return pd.DataFrame(out)


def _account_codes(listed: pd.Series, seen: pd.Series) -> tuple[pd.Index, np.ndarray]:
    """Every account id (sorted) and the position of each identifier row's account in it.

    From the categorical account column's codes when it is one (as read): no hashing of
    13 million ids at a million accounts."""
    if isinstance(seen.dtype, pd.CategoricalDtype):
        seen = seen.cat.remove_unused_categories()  # ids of rows dropped while reading
        codes, uniques = seen.cat.codes.to_numpy(), seen.cat.categories.astype("str")
    else:
        codes, uniques = pd.factorize(seen.astype("str"))
        uniques = pd.Index(uniques.astype("str"))
    names = pd.Index(uniques).append(pd.Index(listed.astype("str")))
    ids = pd.Index(names.unique()).sort_values()
    position = ids.get_indexer(pd.Index(uniques))
    return ids, position[np.asarray(codes)] if len(codes) else np.zeros(0, dtype=np.int64)


def _account_info(accounts: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    info = accounts.assign(account=accounts["account"].astype(str)).drop_duplicates("account")
    info = info.set_index("account").reindex(ids)
    out = pd.DataFrame(index=ids)
    for col in ("name", "status", "marketplace"):
        series = info[col] if col in info else pd.Series(index=ids, dtype=object)
        out[col if col != "name" else "name_"] = pd.Series(
            _texts(series.to_numpy(dtype=object)), index=ids, dtype=object
        )
    return out


def _texts(values: np.ndarray) -> np.ndarray:
    """Object values as strings ("" for missing), the strings the table holds kept as
    they are (a million accounts: no second million strings)."""
    values = values.copy()
    values[pd.isna(values)] = ""
    if pd.api.types.infer_dtype(values, skipna=False) not in ("string", "empty"):
        values = np.array([str(v) for v in values], dtype=object)
    return values


def _mask_column(kind: pd.Series, values: pd.Series) -> pa.Array:
    """The values as shown: secret kinds as ``****`` and their last 4 (in Arrow)."""
    text = values.astype("str").fillna("").reset_index(drop=True)
    secret = np.flatnonzero(kind.isin(list(SECRET_KINDS)).to_numpy(dtype=bool))
    if len(secret):
        tail = text.iloc[secret].str.replace(r"[^0-9A-Za-z]", "", regex=True).str[-4:]
        text.iloc[secret] = "****" + tail
    return arrow_text(text)


def _build_pairs(
    weighed: pd.DataFrame, scored: pd.DataFrame, names: np.ndarray, *, reveal: bool
) -> PairList:
    """The pairs, riskiest first, each with its evidence strongest first — as columns
    that become :class:`Pair` objects only when read (see :mod:`auditor.pair_list`).

    ``scored`` has the accounts as positions in ``names`` (``a``, ``b``).
    """
    ev = weighed  # by pair, each pair's strongest first (see weigh_evidence)
    if reveal:
        value_a = arrow_text(ev["value_a"].astype("str").fillna(""))
        value_b = arrow_text(ev["value_b"].astype("str").fillna(""))
    else:
        value_a = _mask_column(ev["kind"], ev["value_a"])
        value_b = _mask_column(ev["kind"], ev["value_b"])
    key = ev["a"].to_numpy(dtype=np.int64) << 32 | ev["b"].to_numpy(dtype=np.int64)
    # Riskiest first by the published (rounded) score, then by ids: the order does not
    # hang on the last bits of a sum. Account codes sort as the ids do (sorted).
    by_score = np.lexsort(
        (
            scored["b"].to_numpy(dtype=np.int64),
            scored["a"].to_numpy(dtype=np.int64),
            -_rounded(scored["score"]),
        )
    )
    order = scored.iloc[by_score]
    ac = order["a"].to_numpy(dtype=np.int64)
    bc = order["b"].to_numpy(dtype=np.int64)
    # ``key`` is sorted (ev is sorted by a, b): each pair's evidence is one slice of it.
    return PairList(
        PairColumns(
            ids=names.astype(object),
            a=ac,
            b=bc,
            score=_rounded(order["score"]),
            level=_labels(order["level"]),
            weight=_rounded(order["weight"]),
            ev_start=np.searchsorted(key, ac << 32 | bc, side="left"),
            ev_end=np.searchsorted(key, ac << 32 | bc, side="right"),
            kind=_labels(ev["kind"]),
            match=_labels(ev["match"]),
            value_a=value_a,
            value_b=value_b,
            similarity=_rounded(ev["similarity"]),
            ev_weight=_rounded(ev["weight"]),
            shared_by=ev["shared_by"].to_numpy(dtype=np.int64),
            detail=_labels(ev["detail"].fillna("")),
            first_seen=_labels(ev["first_seen"]),
            last_seen=_labels(ev["last_seen"]),
        )
    )


def _labels(column: pd.Series) -> Labels:
    """A column of few distinct strings as codes and names (None where missing)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    names = np.asarray([str(u) for u in uniques] + [None], dtype=object)
    return Labels(np.asarray(codes, dtype=np.int64), names)


def _rounded(column: pd.Series) -> np.ndarray:
    """Floats rounded to the 4 decimals audit.json publishes (so that the dataclasses
    serialise as their ``to_dict()``)."""
    return np.round(column.to_numpy(dtype=float), 4)


def _value_problems(ident: pd.DataFrame) -> list[Problem]:
    bad = ident[ident["status"] == STATUS_INVALID]
    bad = bad[bad["reason"] != "empty value"]
    out = []
    listed = bad.head(MAX_LISTED_PROBLEMS)
    for kind, raw, reason, source, sheet, row, column in zip(
        listed["kind"],
        listed["raw"],
        listed["reason"],
        listed["source"],
        listed["sheet"],
        listed["row"],
        listed["column"],
        strict=True,
    ):
        shown = "****" + str(raw)[-4:] if kind in SECRET_KINDS else str(raw)
        out.append(
            Problem(
                str(source),
                f"{shown!r} is not a valid {kind}: {reason} (row kept, value ignored)",
                sheet if isinstance(sheet, str) else None,
                int(row) if isinstance(row, (int, float)) and row == row else None,
                str(column) if isinstance(column, str) else None,
            )
        )
    if len(bad) > MAX_LISTED_PROBLEMS:
        out.append(
            Problem(
                "(all inputs)",
                f"{len(bad) - MAX_LISTED_PROBLEMS} more invalid values not listed; "
                "run `auditor inspect` for all of them",
            )
        )
    return out
