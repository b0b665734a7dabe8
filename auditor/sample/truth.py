"""Ground truth: who runs which account, what ties an operator's accounts together, and
which shared values are decoys (shared by accounts that are *not* run together)."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from auditor.sample.addresses import building_of
from auditor.sample.columns import BAD_TIME, PLACEHOLDER_MAC
from auditor.sample.operators import STRONG_KINDS
from auditor.sample.strings import column
from auditor.sample.world import World

SOFT_KINDS: Final = ("company", "person", "address")
SAME_DAY: Final = "ip same day"
#: Order of the kinds in the ``linked_by`` column.
LINK_ORDER: Final = (*STRONG_KINDS[:-1], SAME_DAY, "ip")

TRUTH_COLUMNS: Final = ("account", "operator", "operator_accounts", "status", "linked_by",
                        "also_shared")
DECOY_COLUMNS: Final = ("decoy", "kind", "value", "account", "operator")


def truth_table(world: World, accounts: pd.DataFrame, identifiers: pd.DataFrame,
                events: pd.DataFrame) -> pd.DataFrame:
    """One row per account: its operator, the operator's size, its status, and the
    kinds it shares with the operator's other accounts — strong (``linked_by``: the
    linking, non-decoy values of the sheets and the AdsPower list, the login MACs, and
    login IPs on the same day) and weak (``also_shared``: the same company, legal
    representative or address)."""
    kinds = (*LINK_ORDER, *SOFT_KINDS)
    kind_of = pd.Index(kinds).get_indexer(pd.Index(identifiers["kind"].cat.categories))
    ident_kind = kind_of[identifiers["kind"].cat.codes.to_numpy()]
    ident_account = identifiers["account"].cat.codes.to_numpy().astype(np.int64)
    strong = (identifiers["linking"].to_numpy() & (identifiers["decoy"] == "").to_numpy()
              & identifiers["kind"].isin(STRONG_KINDS).to_numpy())
    ordinary = (events["decoy"] == "").to_numpy()
    macs = np.flatnonzero(ordinary & (events["mac_value"] != "").to_numpy())
    logins = np.flatnonzero(ordinary & (events["ip_entity"] >= 0).to_numpy()
                            & events["time"].notna().to_numpy())
    event_account = events["account"].cat.codes.to_numpy().astype(np.int64)
    values = pd.factorize(pd.concat([identifiers["value"][strong],
                                     events["mac_value"].iloc[macs]], ignore_index=True))[0]
    day = (events["time"].iloc[logins].dt.tz_localize(None).to_numpy().astype("datetime64[D]")
           .astype(np.int64))
    mask = _shared_kinds(
        np.concatenate([ident_account[strong], event_account[macs], event_account[logins]]),
        np.concatenate([ident_kind[strong], np.full(len(macs), kinds.index("mac")),
                        np.full(len(logins), kinds.index(SAME_DAY))]),
        np.concatenate([values, events["ip_entity"].to_numpy()[logins] * 512
                        + day - day.min(initial=0)]),
        world.ops.of)
    soft = (identifiers["kind"].isin(SOFT_KINDS) & (identifiers["entity"] >= 0)).to_numpy()
    mask |= _shared_kinds(ident_account[soft], ident_kind[soft],
                          identifiers["entity"].to_numpy()[soft], world.ops.of)
    strong_bits = (1 << len(LINK_ORDER)) - 1
    internal = pd.Index(column(world.account_ids)).get_indexer(pd.Index(accounts["account"]))
    size = accounts["operator"].map(accounts["operator"].value_counts())
    table = pd.DataFrame({
        "account": accounts["account"],
        "operator": accounts["operator"],
        "operator_accounts": size.astype("int64"),
        "status": accounts["status"],
        "linked_by": _kind_names(mask[internal] & strong_bits, kinds),
        "also_shared": _kind_names(mask[internal] & ~strong_bits, kinds),
    })
    return table.sort_values(["operator", "account"]).reset_index(drop=True)


def _shared_kinds(account: np.ndarray, kind: np.ndarray, value: np.ndarray,
                  operator: np.ndarray) -> np.ndarray:
    """Per account (by index), a bit mask of the kinds of which it shares a value with
    another account of its operator. Rows are (account, kind, value) observations;
    values are integers below 2**35, kinds below 32."""
    key = (operator[account].astype(np.int64) << 40) | (kind.astype(np.int64) << 35) | value
    group = pd.factorize(key)[0].astype(np.int64)
    pairs = pd.unique((group << 24) | account)
    pair_group, pair_account = pairs >> 24, pairs & ((1 << 24) - 1)
    size = np.bincount(pair_group, minlength=int(group.max(initial=-1)) + 1)
    group_kind = np.zeros(len(size), dtype=np.int64)
    group_kind[group] = kind
    shared = size[pair_group] > 1
    mask = np.zeros(len(operator), dtype=np.int64)
    np.bitwise_or.at(mask, pair_account[shared], 1 << group_kind[pair_group[shared]])
    return mask


def _kind_names(mask: np.ndarray, kinds: tuple[str, ...]) -> pd.Series:
    """The kinds of each bit mask, joined with "; "."""
    unique, inverse = np.unique(mask, return_inverse=True)
    names_ = ["; ".join(k for i, k in enumerate(kinds) if m >> i & 1) for m in unique.tolist()]
    return pd.Series(np.asarray(names_, dtype=object)[inverse], dtype="str")


def decoy_table(world: World, accounts: pd.DataFrame, identifiers: pd.DataFrame,
                events: pd.DataFrame) -> pd.DataFrame:
    """Values shared without common ownership, one row per (decoy, kind, value, account):

    placeholders and typos in the sheets; private, proxy-exit and café IPs and
    placeholder MACs in the log; unparsable times; legal representatives who are
    namesakes; shared office buildings; look-alike company names; different cards with
    the same last four digits; different IPs in one /24.
    """
    operator = accounts.set_index("account")["operator"]
    rows = [
        identifiers.loc[identifiers["decoy"] != "", ["decoy", "kind", "value", "raw", "account"]]
        .assign(value=lambda t: t["value"].where(t["value"] != "", t["raw"]))
        .drop(columns="raw"),
    ]
    logged = events[events["decoy"] != ""]
    ip_rows = logged["ip_value"] != ""
    mac_rows = logged["decoy"] == PLACEHOLDER_MAC
    time_rows = logged["decoy"] == BAD_TIME
    rows.append(pd.DataFrame({
        "decoy": logged["decoy"],
        "kind": np.where(time_rows, "time", np.where(mac_rows, "mac", "ip")),
        "value": np.where(time_rows, logged["time_text"],
                          np.where(mac_rows, logged["mac_value"], logged["ip_value"])),
        "account": logged["account"],
    })[ip_rows | mac_rows | time_rows])

    people = identifiers[(identifiers["kind"] == "person") & (identifiers["entity"] >= 0)]
    rows.append(_across_operators(people, operator, "value", "entity",
                                  "namesake legal representatives", "person"))
    address = identifiers[(identifiers["kind"] == "address") & (identifiers["entity"] >= 0)]
    label = building_of(world.addresses, address["entity"].to_numpy())
    building = address.assign(building=label)[label != ""]
    rows.append(_across_operators(building, operator, "building", "entity",
                                  "shared office building", "address"))
    if world.lookalikes is not None and len(world.lookalikes):
        companies = identifiers[identifiers["kind"] == "company"]
        pair_of = {int(e): i for i, pair in enumerate(world.lookalikes.tolist()) for e in pair}
        names_ = world.companies.value(world.lookalikes.ravel()).reshape(-1, 2)
        pair_label = [f"{a} / {b}" for a, b in names_.tolist()]
        planted = companies[companies["entity"].isin(list(pair_of))].drop_duplicates(
            ["account", "entity"])
        rows.append(pd.DataFrame({
            "decoy": "look-alike company names", "kind": "company",
            "value": [pair_label[pair_of[int(e)]] for e in planted["entity"]],
            "account": planted["account"]}))
    cards = identifiers[(identifiers["kind"] == "card") & identifiers["linking"]
                        & (identifiers["value"] != "")]
    rows.append(_across_operators(cards.assign(last4="…" + cards["value"].str[-4:]), operator,
                                  "last4", "value", "same card last 4 digits", "card"))
    ips = pd.concat([
        identifiers.loc[(identifiers["kind"] == "ip") & (identifiers["entity"] >= 0),
                        ["account", "value"]],
        events.loc[events["ip_entity"] >= 0, ["account", "ip_value"]]
        .rename(columns={"ip_value": "value"}),
    ], ignore_index=True).drop_duplicates()
    v4 = ips[~ips["value"].str.contains(":", regex=False)]
    subnet = v4.assign(net=v4["value"].str.rsplit(".", n=1).str[0] + ".0/24")
    rows.append(_across_operators(subnet, operator, "net", "value", "same /24 network", "ip"))
    table = pd.concat(rows, ignore_index=True).drop_duplicates()
    table["operator"] = table["account"].map(operator)
    table = table[list(DECOY_COLUMNS)].astype(str)
    return table.sort_values(list(DECOY_COLUMNS)).reset_index(drop=True)


def _across_operators(obs: pd.DataFrame, operator: pd.Series, key: str, distinct: str,
                      decoy: str, kind: str) -> pd.DataFrame:
    """Rows whose ``key`` is shared by different ``distinct`` values of different operators."""
    obs = obs.assign(operator=obs["account"].map(operator))
    grouped = obs.groupby(key, sort=False)
    many = (grouped[distinct].transform("nunique") > 1) & (
        grouped["operator"].transform("nunique") > 1)
    hit = obs[many]
    return pd.DataFrame({"decoy": decoy, "kind": kind, "value": hit[key].astype(str),
                         "account": hit["account"]})
