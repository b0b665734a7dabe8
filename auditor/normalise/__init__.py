"""Normalisation: one small pure module per identifier family.

Each module exposes ``normalise_<kind>(raw: pd.Series, ...) -> pd.DataFrame`` returning
:data:`auditor.tables.NORMALISED_COLUMNS` aligned on ``raw``'s index, and documents in
its docstring what "the same value" means for its kind.
:func:`normalise_identifiers` fills those columns for a whole identifier table.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

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
    out = identifiers.copy()
    for col in NORMALISED_COLUMNS:
        out[col] = pd.Series([None] * len(out), index=out.index, dtype="object")
    if out.empty:
        return out
    for kind, rows in out.groupby("kind", sort=True, observed=True).groups.items():
        raw = out.loc[rows, "raw"]
        if kind == "phone":
            result = normalise_phone(raw, default_region=default_region)
        else:
            result = NORMALISERS[str(kind)](raw)
        out.loc[rows, list(NORMALISED_COLUMNS)] = result[list(NORMALISED_COLUMNS)].to_numpy()
    return out


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
