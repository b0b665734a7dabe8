"""Who runs which accounts, and how an operator's accounts come to share identifiers.

An operator's accounts form a random tree. Along each edge, the child account reuses one
to three of its parent's strong identifiers — the payout account, a credit card, the
company (and so its tax id), the legal representative (and so the ID number), a
contact email, the verified phone, the computer (MAC), or the office IP at the same
time of day. That is how real operators leak: never everything, always something.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from auditor.sample.strings import BoolArray, IntArray

#: Strong identifier kinds an edge can share, and how often operators leak each one.
STRONG_KINDS: Final = ("bank", "card", "tax_id", "id_number", "email", "phone", "mac", "ip")
LINK_WEIGHTS: Final = (0.18, 0.10, 0.08, 0.10, 0.16, 0.14, 0.12, 0.12)
#: How many strong kinds one edge shares: 1, 2 or 3.
KINDS_PER_LINK: Final = (0.5, 0.35, 0.15)

#: Accounts per operator: most run one, many two to five, a few six to twenty.
_SMALL: Final = {1: 0.58, 2: 0.15, 3: 0.09, 4: 0.065, 5: 0.045}
_TAIL_SHARE: Final = 0.07
MAX_ACCOUNTS: Final = 20


@dataclass(frozen=True, slots=True)
class Operators:
    """Accounts grouped by operator, in operator order (account i belongs to ``of[i]``).

    ``parent[i]`` is the account i reuses identifiers from (-1 for an operator's first
    account) and ``link[i, k]`` whether it reuses kind ``STRONG_KINDS[k]``.
    """

    of: IntArray
    size: IntArray
    start: IntArray
    local: IntArray
    parent: IntArray
    link: BoolArray

    @property
    def account_size(self) -> IntArray:
        """The size of each account's operator."""
        return np.asarray(self.size[self.of])


def operator_sizes(rng: np.random.Generator, n: int) -> IntArray:
    """Operator sizes summing to ``n`` (the last operator is cut to fit)."""
    tail = np.arange(6, MAX_ACCOUNTS + 1)
    tail_w = tail ** -1.6
    values = np.concatenate([list(_SMALL), tail])
    probs = np.concatenate([list(_SMALL.values()), _TAIL_SHARE * tail_w / tail_w.sum()])
    sizes = rng.choice(values, size=n, p=probs / probs.sum())
    # A small sample is one provider's clients, not a slice of one giant operator.
    sizes = np.minimum(sizes, min(MAX_ACCOUNTS, max(2, n // 8)))
    total = np.cumsum(sizes)
    last = int(np.searchsorted(total, n))
    sizes = sizes[: last + 1].copy()
    sizes[-1] -= int(total[last]) - n
    return np.asarray(sizes[sizes > 0], dtype=np.int64)


def make_operators(rng: np.random.Generator, n: int) -> Operators:
    """Group ``n`` accounts into operators and draw each operator's sharing tree."""
    size = operator_sizes(rng, n)
    start = np.concatenate([[0], np.cumsum(size)[:-1]])
    of = np.repeat(np.arange(len(size)), size)
    local = np.arange(n) - start[of]
    # Random recursive trees (star-like: everything hangs off the first store) for most
    # operators, chains (each new store set up from the previous one) for the rest.
    chain = (rng.random(len(size)) < 0.3)[of]
    attach = np.floor(rng.random(n) * local).astype(np.int64)
    parent_local = np.where(chain, local - 1, attach)
    parent = np.where(local > 0, start[of] + parent_local, -1)
    k = rng.choice(3, size=n, p=KINDS_PER_LINK) + 1
    keys = np.log(np.asarray(LINK_WEIGHTS)) + rng.gumbel(size=(n, len(STRONG_KINDS)))
    rank = np.argsort(np.argsort(-keys, axis=1), axis=1)  # 0 = most wanted kind
    link = (rank < k[:, None]) & (local > 0)[:, None]
    return Operators(of, size, start, local, parent, link)


def accounts_of_distinct_operators(rng: np.random.Generator, ops: Operators, k: int,
                                   eligible: BoolArray | None = None) -> IntArray:
    """Up to ``k`` random ``eligible`` accounts, no two run by one operator."""
    return groups_of_distinct_operators(rng, ops, [k], eligible)[0]


def groups_of_distinct_operators(rng: np.random.Generator, ops: Operators, sizes: list[int],
                                 eligible: BoolArray | None = None) -> list[IntArray]:
    """Groups of random ``eligible`` accounts, of the given sizes (or fewer, if there are
    not enough operators); within a group no two accounts share an operator."""
    n = len(ops.of)
    priority = rng.random(n)
    if eligible is not None:
        priority[~eligible] = np.inf
    # Accounts are in operator order: the operator's best-priority account represents it.
    best = np.minimum.reduceat(priority, ops.start) if n else priority
    chosen = np.flatnonzero((priority == best[ops.of]) & np.isfinite(priority))
    chosen = chosen[np.r_[True, ops.of[chosen][1:] != ops.of[chosen][:-1]]]
    return [np.asarray(chosen[rng.choice(len(chosen), size=min(k, len(chosen)), replace=False)],
                       dtype=np.int64) for k in sizes]


#: Strong kind → (slot matrix, slot) a child copies its parent's first value into.
#: Email, MAC and IP become the child's *second* value: a contact mailbox, a computer
#: or an office line used alongside its own.
_COPIES: Final = {
    "bank": ("bank", 0), "card": ("card", 0), "tax_id": ("company", 0),
    "id_number": ("person", 0), "email": ("email", 1), "phone": ("phone", 0),
    "mac": ("mac", 1), "ip": ("ip", 2),
}


@dataclass(frozen=True, slots=True)
class Shared:
    """What propagation did: which accounts must show each strong kind (``shown``), and
    the (child, parent) pairs that share an office IP at the same time."""

    shown: dict[str, BoolArray]
    ip_pairs: IntArray


def propagate(rng: np.random.Generator, ops: Operators, slots: dict[str, IntArray]) -> Shared:
    """Copy identifiers down each operator's tree, in place on the ``slots`` matrices
    (account × slot → entity id, -1 for none).

    Strong kinds follow ``ops.link``. Besides them, some children also take their
    parent's address, legal representative or company: weak ties in themselves, and
    they bring the ID number or tax id along when those are written down.
    """
    n = len(ops.of)
    shown = {kind: np.zeros(n, dtype=bool) for kind in STRONG_KINDS}
    col = {kind: j for j, kind in enumerate(STRONG_KINDS)}
    soft = rng.random((n, 3)) < np.array([0.2, 0.12, 0.08])
    ip_children: list[IntArray] = []
    for level in range(1, int(ops.local.max(initial=0)) + 1):
        child = np.flatnonzero(ops.local == level)
        parent = ops.parent[child]

        for kind, (matrix, to_slot) in _COPIES.items():
            m = ops.link[child, col[kind]]
            c, p = child[m], parent[m]
            shown[kind][c] = True
            shown[kind][p] = True
            slots[matrix][c, to_slot] = slots[matrix][p, 0]
            if kind == "ip":
                ip_children.append(c)
        for j, matrix in enumerate(("address", "person", "company")):
            strong = {"person": "id_number", "company": "tax_id"}.get(matrix)
            m = soft[child, j]
            if strong is not None:
                m &= ~ops.link[child, col[strong]]
            slots[matrix][child[m], 0] = slots[matrix][parent[m], 0]
    children = np.concatenate(ip_children) if ip_children else np.zeros(0, dtype=np.int64)
    return Shared(shown, np.column_stack([children, ops.parent[children]]))
