"""Normalisation: one small pure module per identifier family.

Each module exposes ``normalise_<kind>(raw: pd.Series, ...) -> pd.DataFrame`` returning
:data:`auditor.tables.NORMALISED_COLUMNS` aligned on ``raw``'s index, and documents in
its docstring what "the same value" means for its kind.
:func:`normalise_identifiers` fills those columns for a whole identifier table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from auditor.memory import release_free_memory
from auditor.normalise.address import normalise_address
from auditor.normalise.company import normalise_company
from auditor.normalise.device import normalise_device
from auditor.normalise.email import normalise_email
from auditor.normalise.helper import Helper, split_kinds
from auditor.normalise.ip import normalise_ip
from auditor.normalise.listing import normalise_listing
from auditor.normalise.mac import normalise_mac
from auditor.normalise.payment import normalise_bank, normalise_card
from auditor.normalise.person import normalise_person
from auditor.normalise.phone import normalise_phone
from auditor.normalise.tax_id import normalise_id_number, normalise_tax_id
from auditor.tables import NORMALISED_COLUMNS

NORMALISERS: dict[str, Callable[[pd.Series], pd.DataFrame]] = {
    "ip": normalise_ip,
    "mac": normalise_mac,
    "device": normalise_device,
    "email": normalise_email,
    "company": normalise_company,
    "person": normalise_person,
    "address": normalise_address,
    "bank": normalise_bank,
    "card": normalise_card,
    "tax_id": normalise_tax_id,
    "id_number": normalise_id_number,
    "listing": normalise_listing,
}


def normalise_identifiers(
    identifiers: pd.DataFrame, *, default_region: str = "CN", helper: Helper | None = None
) -> pd.DataFrame:
    """Return ``identifiers`` with the normalised columns filled in, kind by kind.

    ``default_region`` is the ISO country used for phone numbers written without a
    country code. With a ``helper`` (:class:`auditor.normalise.helper.Helper`), about
    half of the work is done in it, in parallel; the result is the same.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"kind": ["email"], "raw": [" J.Doe+shop@GoogleMail.com "]})
    >>> normalise_identifiers(t).loc[0, "value"]
    'jdoe@gmail.com'
    """
    n = len(identifiers)
    codes, kinds = pd.factorize(identifiers["kind"], sort=True)
    order = np.argsort(codes, kind="stable")
    starts = np.flatnonzero(np.r_[True, codes[order][1:] != codes[order][:-1]]) if n else order
    ends = np.r_[starts[1:], n] if n else order
    groups: dict[str, np.ndarray] = {}
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        code = codes[order[start]]
        groups[str(kinds[code]) if code >= 0 else ""] = order[start:end]
    raw_column = identifiers["raw"]

    pieces: dict[str, Piece] = {}
    handle = None
    if helper is not None and n >= HELPER_MIN_ROWS:
        given = split_kinds({k: len(at) for k, at in groups.items()})
        handle = helper.normalise(
            {k: raw_column.iloc[groups[k]].reset_index(drop=True) for k in sorted(given)},
            default_region,
        )
    sent = set(handle or ())
    try:
        for kind, at in groups.items():
            if kind not in sent:
                pieces[kind] = normalise_piece(kind, raw_column.iloc[at], default_region)
                release_free_memory()  # a kind's Python strings are gone: give pages back
    except BaseException:
        if helper is not None:
            helper.close()  # its answer will never be read
        raise
    if sent and helper is not None:
        pieces.update(helper.results(handle) or {})
        helper.finish()  # its work is done: let it exit while the audit goes on
        for kind in sent - pieces.keys():  # the helper failed: done here instead
            pieces[kind] = normalise_piece(kind, raw_column.iloc[groups[kind]], default_region)

    columns: dict[str, Any] = {}
    if n:
        in_order = list(groups)
        back = np.empty(n, dtype=np.int64)
        back[np.concatenate([groups[k] for k in in_order])] = np.arange(n)
        # Taken from the per-kind pieces directly (no concatenated copy), each column's
        # pieces dropped as soon as it is built.
        for col in _TEXT_COLUMNS:
            # Joined, the pieces dropped, then put in row order: two copies of a column
            # at a time (taking from the pieces joins them first: three).
            joined = pa.chunked_array(
                [pieces[k][0].pop(col) for k in in_order], pa.large_string()
            ).combine_chunks()
            columns[col] = pd.array(joined.take(back), dtype="str")
            del joined
        for col in _LABEL_COLUMNS:
            columns[col] = _merge_labels([pieces[k][1][col] for k in in_order])[back]
    else:
        columns = {col: pd.Series([], dtype="str") for col in NORMALISED_COLUMNS}
    return identifiers.assign(**columns)


#: Below this many identifier rows the helper is not worth its start-up.
HELPER_MIN_ROWS = 200_000

#: One kind's normalised columns: text columns as Arrow, label columns as (codes, labels).
Piece = tuple[dict[str, pa.Array], dict[str, tuple[np.ndarray, list[str]]]]


def normalise_piece(kind: str, raw: pd.Series, default_region: str) -> Piece:
    """Normalise one kind's raw values into a :data:`Piece` (compact, and cheap to
    send between processes): text columns in Arrow, labels as codes."""
    if kind == "phone":
        result = normalise_phone(raw, default_region=default_region)
    elif kind in NORMALISERS:
        result = NORMALISERS[kind](raw)
    else:
        result = pd.DataFrame(index=raw.index, columns=list(NORMALISED_COLUMNS))
    text = {
        col: pa.array(result[col].to_numpy(dtype=object), pa.large_string(), from_pandas=True)
        for col in _TEXT_COLUMNS
    }
    labels = {}
    for col in _LABEL_COLUMNS:
        codes, names = pd.factorize(result[col].to_numpy(dtype=object))
        labels[col] = (np.asarray(codes), [str(x) for x in names])
    return text, labels


def warm_up() -> None:
    """Load what the normalisers load on first use (pypinyin's phrases, place-name
    tables): the normalising helper does it while the files are still being read."""
    samples = {
        "address": ["广东省深圳市南山区科技园路1号A栋101", "Rm 101, 1 Keji Rd, Nanshan, Shenzhen"],
        "company": ["深圳市蓝月科技有限公司", "Shenzhen Lanyue Technology Co., Ltd."],
        "person": ["张伟", "Zhang Wei"],
    }
    for kind, values in samples.items():
        NORMALISERS[kind](pd.Series(values))


def _merge_labels(parts: list[tuple[np.ndarray, list[str]]]) -> pd.Categorical:
    """One categorical from per-kind (codes, labels) pieces, in piece order."""
    labels = sorted({name for _, names in parts for name in names})
    position = {name: i for i, name in enumerate(labels)}
    recoded = [
        np.r_[[position[n] for n in names], -1][codes] if len(codes) else codes
        for codes, names in parts
    ]
    return pd.Categorical.from_codes(
        np.concatenate(recoded).astype(np.int32), categories=pd.Index(labels, dtype="str")
    )


#: Normalised columns with a value per identifier (kept as Arrow text) and with a few
#: distinct labels (categorical).
_TEXT_COLUMNS = ("value", "key", "partial")
_LABEL_COLUMNS = ("note", "status", "reason")


__all__ = [
    "NORMALISERS",
    "normalise_address",
    "normalise_bank",
    "normalise_card",
    "normalise_company",
    "normalise_device",
    "normalise_email",
    "normalise_id_number",
    "normalise_identifiers",
    "normalise_ip",
    "normalise_listing",
    "normalise_mac",
    "normalise_person",
    "normalise_phone",
    "normalise_tax_id",
]
