"""The identifier kinds auditor links accounts by, and the account-level roles.

A *role* is what a column of an input file means. Account roles describe the account
itself; identifier roles (the *kinds*) are the things two accounts can share.
"""

from __future__ import annotations

from typing import Final

ACCOUNT_ROLES: Final = ("account_id", "account_name", "status", "marketplace")

KINDS: Final = (
    "ip",
    "mac",
    "device",
    "email",
    "phone",
    "company",
    "person",
    "address",
    "bank",
    "card",
    "tax_id",
    "id_number",
    "listing",
)

ROLES: Final = ACCOUNT_ROLES + KINDS

#: Kinds an account usually holds several values of, so a wide-form cell is split on
#: separators (``;`` ``,`` ``、`` ``|`` newline). Names, companies and addresses contain
#: commas, so they are split on newlines, ``;`` and ``|`` only.
MULTI_VALUE_KINDS: Final = frozenset(
    {"ip", "mac", "device", "email", "phone", "bank", "card", "tax_id", "id_number", "listing"}
)

#: Kinds where one value belongs to one legal owner. Many accounts on one such value is
#: itself a ring, so the term-frequency discount does not apply to them.
EXCLUSIVE_KINDS: Final = frozenset({"bank", "card", "tax_id", "id_number"})

#: Kinds whose values are masked (last 4 shown) in every report unless ``--reveal``.
SECRET_KINDS: Final = frozenset({"bank", "card", "id_number"})

#: Kinds compared by near-duplicate matching as well as exactly.
FUZZY_KINDS: Final = frozenset({"company", "address", "person", "email"})

#: Account statuses that mean the marketplace has already acted on the account.
SUSPENDED_STATUSES: Final = frozenset(
    {"suspended", "closed", "deactivated", "banned", "blocked", "terminated", "frozen"}
)
