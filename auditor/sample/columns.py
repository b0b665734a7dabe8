"""Column types of the sample's tables: the few-valued columns are categorical, so a
million-account sample keeps a byte per row for them instead of a string."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from auditor.kinds import KINDS
from auditor.sample.strings import IntArray, StrArray, column

CSV_FILE: Final = "accounts.csv"
XLSX_FILE: Final = "店铺资料.xlsx"
ADSPOWER_FILE: Final = "adspower_profiles.json"
SHEETS: Final = ("", "北美", "欧洲及其他")

#: Why a value must not link accounts by itself ("" for an ordinary value).
PLACEHOLDER, INVALID, MASKED = "placeholder", "invalid", "masked card"
PRIVATE_IP, PROXY_EXIT, CAFE = "private or CGNAT IP", "proxy exit IP", "public IP months apart"
PLACEHOLDER_MAC, BAD_TIME = "placeholder MAC", "unparsable time"
DECOY_LABELS: Final = ("", PLACEHOLDER, INVALID, MASKED, PRIVATE_IP, PROXY_EXIT, CAFE,
                       PLACEHOLDER_MAC, BAD_TIME)

KIND: Final = pd.CategoricalDtype(list(KINDS))
FILE: Final = pd.CategoricalDtype([CSV_FILE, XLSX_FILE, ADSPOWER_FILE])
SHEET: Final = pd.CategoricalDtype(list(SHEETS))
DECOY: Final = pd.CategoricalDtype(list(DECOY_LABELS))


def account_type(account_ids: StrArray) -> pd.CategoricalDtype:
    """The type of account columns: the accounts' ids, in generation order."""
    return pd.CategoricalDtype(pd.Index(column(account_ids)))


def coded(codes: IntArray, dtype: pd.CategoricalDtype) -> pd.Categorical:
    """A categorical column from codes into ``dtype``'s categories."""
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), dtype=dtype)


def labelled(values: StrArray | str, n: int, dtype: pd.CategoricalDtype) -> pd.Categorical:
    """A categorical column of ``values`` (each one of ``dtype``'s categories)."""
    index = pd.Index(dtype.categories)
    if isinstance(values, str):
        return coded(np.full(n, index.get_loc(values)), dtype)
    codes = index.get_indexer(pd.Index(column(values)))
    if (codes < 0).any():
        raise ValueError(f"not one of {list(index)}: {set(np.asarray(values)[codes < 0])}")
    return coded(codes, dtype)
