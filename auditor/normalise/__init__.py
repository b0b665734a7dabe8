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


def normalise_identifiers(identifiers: pd.DataFrame, *, default_region: str = "CN") -> pd.DataFrame:
    """Return ``identifiers`` with the normalised columns filled in, kind by kind.

    ``default_region`` is the ISO country used for phone numbers written without a
    country code.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"kind": ["email"], "raw": [" J.Doe+shop@GoogleMail.com "]})
    >>> normalise_identifiers(t).loc[0, "value"]
    'jdoe@gmail.com'
    """
    n = len(identifiers)
    text_parts: dict[str, list[pa.Array]] = {col: [] for col in _TEXT_COLUMNS}
    label_parts: dict[str, list[tuple[np.ndarray, list[str]]]] = {c: [] for c in _LABEL_COLUMNS}
    positions: list[np.ndarray] = []
    codes, kinds = pd.factorize(identifiers["kind"], sort=True)
    order = np.argsort(codes, kind="stable")
    starts = np.flatnonzero(np.r_[True, codes[order][1:] != codes[order][:-1]]) if n else order
    ends = np.r_[starts[1:], n] if n else order
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        code = codes[order[start]]
        kind = str(kinds[code]) if code >= 0 else ""
        at = order[start:end]
        raw = identifiers["raw"].iloc[at]
        if kind == "phone":
            result = normalise_phone(raw, default_region=default_region)
        elif kind in NORMALISERS:
            result = NORMALISERS[kind](raw)
        else:
            result = pd.DataFrame(index=raw.index, columns=list(NORMALISED_COLUMNS))
        positions.append(at)
        # Each kind's Python strings become Arrow before the next kind is normalised.
        for col in _TEXT_COLUMNS:
            text_parts[col].append(
                pa.array(result[col].to_numpy(dtype=object), pa.large_string(), from_pandas=True)
            )
        for col in _LABEL_COLUMNS:
            codes_, names = pd.factorize(result[col].to_numpy(dtype=object))
            label_parts[col].append((np.asarray(codes_), [str(x) for x in names]))
        del result, raw
        release_free_memory()  # a kind's Python strings are gone: give the pages back
    columns: dict[str, Any] = {}
    if n:
        back = np.empty(n, dtype=np.int64)
        back[np.concatenate(positions)] = np.arange(n)
        # Taken from the per-kind pieces directly (no concatenated copy), each column's
        # pieces dropped as soon as it is built.
        for col in _TEXT_COLUMNS:
            pieces = pa.chunked_array(text_parts.pop(col), pa.large_string())
            columns[col] = pd.array(pieces.take(back).combine_chunks(), dtype="str")
            del pieces
        for col in _LABEL_COLUMNS:
            columns[col] = _merge_labels(label_parts.pop(col))[back]
    else:
        columns = {col: pd.Series([], dtype="str") for col in NORMALISED_COLUMNS}
    return identifiers.assign(**columns)


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
