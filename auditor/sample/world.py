"""The generated world before it is written down: accounts, operators, every identifier
as an entity id, and what each account's cells show."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from auditor.sample.addresses import Addresses
from auditor.sample.companies import Companies
from auditor.sample.contacts import Emails, Phones
from auditor.sample.events import Decoys
from auditor.sample.network import Ips, Macs
from auditor.sample.operators import Operators, Shared
from auditor.sample.payments import Banks, Cards
from auditor.sample.people import Persons
from auditor.sample.strings import BoolArray, IntArray, StrArray


@dataclass(frozen=True, slots=True)
class Extra:
    """One more value in some accounts' cells, beside their own: a placeholder, a
    private IP, a proxy exit, a masked card. ``raw`` is "" where an account has none."""

    raw: StrArray
    value: StrArray
    entity: IntArray
    linking: BoolArray
    decoy: StrArray


@dataclass(slots=True)
class World:
    """Everything :func:`auditor.sample.generate` decides, indexed by account (in
    operator order) and, for identifiers, by entity id within each pool."""

    seed: int
    ops: Operators
    account_ids: StrArray
    store_names: StrArray
    status: IntArray
    marketplace: StrArray
    in_csv: BoolArray
    in_xlsx: BoolArray
    persons: Persons
    companies: Companies
    addresses: Addresses
    emails: Emails
    phones: Phones
    banks: Banks
    cards: Cards
    macs: Macs
    ips: Ips
    #: kind → (accounts × slots) entity ids, -1 for none.
    slots: dict[str, IntArray]
    #: the categorical type of account columns (categories: ``account_ids``).
    account_dtype: pd.CategoricalDtype
    shared: Shared | None = None
    decoys: Decoys | None = None
    #: kind → accounts whose cell is left empty (or holds only a placeholder).
    blank: dict[str, BoolArray] = field(default_factory=dict)
    #: kind → placeholder written in a blank cell ("" for none).
    placeholder: dict[str, StrArray] = field(default_factory=dict)
    #: kind → one more value in the cell.
    extra: dict[str, Extra] = field(default_factory=dict)
    #: accounts × IP slots written in the "Login IPs" cell.
    ip_shown: BoolArray | None = None
    #: accounts whose only email is written with a typo.
    invalid_email: BoolArray | None = None
    #: planted look-alike company pairs (company entity ids).
    lookalikes: IntArray | None = None
