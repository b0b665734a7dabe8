"""Oracle tests: inverted-index linking, blocking and clustering against brute force."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from rapidfuzz import fuzz

from auditor.graph import articulation_mask, component_labels, find_clusters
from auditor.link.exact import link_exact
from auditor.link.fuzzy import (
    FUZZY_KINDS,
    candidate_pairs,
    key_token_codes,
    key_tokens,
    link_fuzzy,
    token_code,
)
from auditor.link.groups import pairs_within_groups, sorted_codes


@pytest.mark.parametrize("seed", range(5))
def test_pairs_within_groups_equals_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    members = pd.DataFrame(
        {
            "group": [rng.randrange(15) for _ in range(120)],
            "acc": [rng.randrange(60) for _ in range(120)],
        }
    ).drop_duplicates()
    got = pairs_within_groups(members, max_size=6)
    expected = set()
    for _, rows in members.groupby("group"):
        accs = sorted(rows["acc"])
        if 2 <= len(accs) <= 6:
            expected |= {
                (g, a, b)
                for g in [rows["group"].iloc[0]]
                for a, b in itertools.combinations(accs, 2)
            }
    assert set(zip(got["group"], got["a"], got["b"], strict=True)) == expected


@pytest.mark.parametrize("seed", range(5))
def test_exact_links_equal_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    rows = [
        (f"A{rng.randrange(40):02d}", rng.choice(["ip", "email", "bank"]), f"v{rng.randrange(30)}")
        for _ in range(150)
    ]
    ident = pd.DataFrame(rows, columns=["account", "kind", "value"])
    ident["raw"] = ident["value"]
    ident["status"] = "ok"
    ident["time"] = pd.NaT
    ids = pd.Index(sorted(set(ident["account"])))
    ident["acc"] = ids.get_indexer(ident["account"])
    links = link_exact(ident, ids, limits={"ip": 5, "email": 5, "bank": 5}, reveal=False)
    got = {
        (ids[a], ids[b], k, v)
        for a, b, k, v in links.evidence[["a", "b", "kind", "value"]].itertuples(index=False)
    }
    expected = set()
    hubs = set()
    for (kind, value), group in ident.groupby(["kind", "value"]):
        accs = sorted(set(group["account"]))
        if len(accs) > 5:
            hubs.add((kind, value))
        elif len(accs) >= 2:
            expected |= {(a, b, kind, value) for a, b in itertools.combinations(accs, 2)}
    assert got == expected
    assert {(h.kind, h.value) for h in links.hubs} == hubs


def _words(rng: random.Random, n: int) -> str:
    syll = ["lan", "yue", "tech", "hua", "xin", "da", "mei", "jia", "shun", "feng", "long", "bao"]
    return " ".join("".join(rng.choice(syll) for _ in range(2)) for _ in range(n))


def _typo(rng: random.Random, s: str) -> str:
    i = rng.randrange(len(s))
    return s[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + s[i + 1 :]


@pytest.mark.parametrize("seed", range(12))
def test_blocking_finds_every_near_duplicate_that_brute_force_finds(seed: int) -> None:
    rng = random.Random(seed)
    base = [_words(rng, rng.randint(2, 4)) for _ in range(150)]
    keys = sorted(set(base + [_typo(rng, rng.choice(base)) for _ in range(80)]))
    arr = np.asarray(keys, dtype=object)
    cand = candidate_pairs(arr)
    got = {(int(i), int(j)) for i, j in zip(cand["i"], cand["j"], strict=True)}
    brute = {
        (i, j)
        for i, j in itertools.combinations(range(len(keys)), 2)
        if fuzz.token_sort_ratio(keys[i], keys[j]) >= 92
    }
    assert brute, "the generator should make near-duplicates"
    missed = brute - got
    assert not missed, [(keys[i], keys[j]) for i, j in list(missed)[:5]]


def test_chinese_keys_block_on_character_bigrams() -> None:
    assert key_tokens("深圳市蓝月科技") == ["深圳", "圳市", "市蓝", "蓝月", "月科", "科技"]
    arr = np.asarray(["深圳市蓝月科技", "深圳蓝月科技", "广州市海风贸易"], dtype=object)
    cand = candidate_pairs(arr)
    assert (0, 1) in set(zip(cand["i"], cand["j"], strict=True))


@pytest.mark.parametrize("seed", range(5))
def test_clusters_and_bridges_equal_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    nodes = [f"N{i:02d}" for i in range(30)]
    rows = []
    for _ in range(35):
        a, b = sorted(rng.sample(nodes, 2))
        rows.append((a, b, rng.choice(["low", "medium", "high"])))
    pairs = pd.DataFrame(rows, columns=["a", "b", "level"]).drop_duplicates(["a", "b"])
    ring = pd.DataFrame({"a": [], "b": [], "kind": []})
    clusters = find_clusters(pairs, ring, {}, level="medium")
    strong = pairs[pairs["level"] != "low"]
    graph = nx.Graph(list(zip(strong["a"], strong["b"], strict=True)))
    # Brute force: union-find for components; removal test for bridges.
    parent = {n: n for n in graph.nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in graph.edges:
        parent[find(a)] = find(b)
    comps: dict[str, set[str]] = {}
    for n in graph.nodes:
        comps.setdefault(find(n), set()).add(n)
    assert sorted(tuple(sorted(c)) for c in comps.values()) == sorted(c.accounts for c in clusters)
    for c in clusters:
        sub = graph.subgraph(c.accounts)
        brute = {
            n
            for n in c.accounts
            if len(c.accounts) > 2
            and nx.number_connected_components(sub.subgraph(set(c.accounts) - {n})) > 1
        }
        assert set(c.bridges) == brute
        levels = {
            lvl
            for a, b, lvl in strong.itertuples(index=False)
            if a in c.accounts and b in c.accounts
        }
        assert c.level == ("high" if "high" in levels else "medium")


@pytest.mark.parametrize("seed", range(6))
def test_sorted_codes_equal_a_sorted_factorize(seed: int) -> None:
    # Arrow sorts UTF-8 bytes, Python code points: the same order, also for the code
    # points either side of the surrogates and for characters outside the BMP.
    rng = random.Random(seed)
    words = ["b", "a", "é", "中", "Z", "ab", "", "a b", "\U0001F600", "zz", "\uffff", "\ud7ff"]
    words += ["\U00010000", "张伟", "Zhang Wei"]
    values = [None if rng.random() < 0.1 else rng.choice(words) for _ in range(60)]
    column = pd.Series(values, dtype="str")
    positions = np.array([rng.randrange(60) for _ in range(40)], dtype=np.int64)
    codes, uniques = sorted_codes(column, positions)
    want_codes, want_uniques = pd.factorize(
        column.iloc[positions].to_numpy(dtype=object), sort=True
    )
    assert codes.tolist() == want_codes.tolist()
    assert uniques.tolist() == list(want_uniques)


@pytest.mark.parametrize("seed", range(8))
def test_articulation_points_equal_networkx(seed: int) -> None:
    # Components of every shape the shortcut tells apart: paths and stars (trees),
    # cliques (complete), cycles and cliques with a tail (neither); edges repeated,
    # reversed and looped, as pairs and ring edges can be.
    rng = random.Random(seed)
    edges: list[tuple[int, int]] = []
    start = 0
    for _ in range(25):
        size = rng.randint(2, 7)
        nodes = list(range(start, start + size))
        start += size
        shape = rng.choice(["path", "star", "clique", "cycle", "clique+tail", "random"])
        if shape == "path":
            edges += list(itertools.pairwise(nodes))
        elif shape == "star":
            edges += [(nodes[0], n) for n in nodes[1:]]
        elif shape == "clique":
            edges += list(itertools.combinations(nodes, 2))
        elif shape == "cycle":
            edges += list(itertools.pairwise(nodes)) + [(nodes[-1], nodes[0])]
        elif shape == "clique+tail":
            edges += list(itertools.combinations(nodes[:-1], 2)) + [(nodes[-2], nodes[-1])]
        else:
            tree = [(nodes[i], rng.choice(nodes[:i])) for i in range(1, size)]
            edges += tree + [tuple(rng.sample(nodes, 2)) for _ in range(rng.randint(0, 3))]
    edges += [(b, a) for a, b in rng.sample(edges, 10)] + [(e[0], e[0]) for e in edges[:3]]
    a = np.array([e[0] for e in edges], dtype=np.int64)
    b = np.array([e[1] for e in edges], dtype=np.int64)
    label = component_labels(start, a, b)
    graph = nx.Graph([e for e in edges if e[0] != e[1]])
    expected = set(nx.articulation_points(graph))
    assert set(np.flatnonzero(articulation_mask(start, a, b, label)).tolist()) == expected


@pytest.mark.parametrize("seed", range(4))
def test_token_codes_equal_the_reference_tokeniser(seed: int) -> None:
    """The numpy tokeniser gives exactly ``token_code`` of every ``key_tokens`` token."""
    rng = random.Random(seed)
    alphabet = "abcdefgz0189 深圳市蓝月科技广州éñ_-.'"
    keys = ["", "x", "深", "深 圳", "蓝月tech 深圳", "café crème", "a_b c"] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(300)
    ]
    arr = np.asarray(keys, dtype=object)
    key_of, codes = key_token_codes(arr)
    got = sorted(zip(key_of.tolist(), codes.tolist(), strict=True))
    expected = sorted((i, token_code(t)) for i, k in enumerate(keys) for t in key_tokens(k))
    assert got == expected


@pytest.mark.parametrize(("seed", "with_paired"), [(s, p) for s in range(6) for p in (0, 1)])
def test_fuzzy_links_equal_brute_force(seed: int, with_paired: int) -> None:
    """Same-key (different value) and similar-key evidence, expanded to accounts, best
    per pair, keys held by too many accounts skipped — against a direct computation.
    Five distinct keys: the sorted-neighbourhood window reaches every pair of them.
    With ``paired`` (pairs with other evidence), similar keys count only for those
    pairs and the same-key pairs, and are scored for them directly (no blocking)."""
    rng = random.Random(seed)
    keys = ["wang wei", "wang wie", "wei wang", "li na", "zhang san"]
    rows = []
    for _ in range(60):
        key = rng.choice(keys)
        value = key + rng.choice(["", " (zh)", " (en)"])
        rows.append((f"A{rng.randrange(25):02d}", "person", key, value, value + "!"))
    ident = pd.DataFrame(rows, columns=["account", "kind", "key", "value", "raw"])
    ident["status"] = "ok"
    ids = pd.Index(sorted(set(ident["account"])))
    ident["acc"] = ids.get_indexer(ident["account"])
    limit, threshold = 8, 0.85
    n_acc = len(ids)
    paired = None
    if with_paired:
        chosen = rng.sample(list(itertools.combinations(range(n_acc), 2)), 60)
        paired = np.unique(np.array([a << 32 | b for a, b in chosen], dtype=np.int64))
    got_frame = link_fuzzy(
        ident,
        thresholds=dict.fromkeys(FUZZY_KINDS, threshold),
        limits=dict.fromkeys(FUZZY_KINDS, limit),
        min_local_part=3,
        paired=paired,
    )
    got = {
        (int(a), int(b)): round(float(s), 6)
        for a, b, s in zip(got_frame["a"], got_frame["b"], got_frame["similarity"], strict=True)
    }
    held = ident.groupby("key")["acc"].nunique()
    members = {
        (k, v, a)
        for k, v, a in zip(ident["key"], ident["value"], ident["acc"], strict=True)
        if held[k] <= limit
    }
    wanted = None
    if paired is not None:
        wanted = {(int(k) >> 32, int(k) & 0xFFFFFFFF) for k in paired}
        wanted |= {
            (a1, a2)
            for (k1, v1, a1), (k2, v2, a2) in itertools.permutations(members, 2)
            if a1 < a2 and k1 == k2 and v1 != v2
        }
    best: dict[tuple[int, int], float] = {}
    for (k1, v1, a1), (k2, v2, a2) in itertools.permutations(members, 2):
        if a1 >= a2:
            continue
        if k1 == k2:
            sim = 1.0 if v1 != v2 else None
        elif wanted is not None and (a1, a2) not in wanted:
            sim = None
        else:
            ratio = fuzz.token_sort_ratio(k1, k2) / 100
            sim = ratio if ratio >= threshold else None
        if sim is not None:
            best[(a1, a2)] = max(best.get((a1, a2), 0.0), round(sim, 6))
    assert got == best
