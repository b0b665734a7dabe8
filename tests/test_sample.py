"""The synthetic sample: reproducible files in the real shapes, and ground truth that holds."""

from __future__ import annotations

import csv
import ipaddress
import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import phonenumbers
import pytest
from openpyxl import load_workbook
from stdnum import iban, luhn
from stdnum.cn import ric, uscc
from stdnum.de import vat as de_vat
from stdnum.gb import vat as gb_vat
from stdnum.us import ein
from typer.testing import CliRunner

from auditor.cli import app
from auditor.errors import UsageError
from auditor.sample import SampleData, generate, names, write_sample
from auditor.sample.cells import CSV_HEADERS, XLSX_HEADERS
from auditor.sample.operators import STRONG_KINDS, make_operators
from auditor.sample.strings import stream
from auditor.sample.truth import SAME_DAY

FILES = ("accounts.csv", "店铺资料.xlsx", "login_events.csv", "adspower_profiles.json",
         "truth/ground_truth.csv", "truth/decoys.csv")
SELLER_ID = re.compile(r"A[A-Z0-9]{12,13}")


@pytest.fixture(scope="module")
def data() -> SampleData:
    return generate(400, seed=3)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    write_sample(out, accounts=80, seed=11)
    return out


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


# --- reproducible files ------------------------------------------------------------------


def test_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = write_sample(tmp_path / "a", accounts=50, seed=5)
    write_sample(tmp_path / "b", accounts=50, seed=5)
    write_sample(tmp_path / "c", accounts=50, seed=6)
    assert [str(p.relative_to(tmp_path / "a")) for p in first] == list(FILES)
    a, b, c = (_tree(tmp_path / x) for x in "abc")
    assert a == b
    assert sorted(a) == sorted(FILES)
    assert all(a[f] != c[f] for f in FILES)


def test_bad_account_count_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="at least 1"):
        generate(0)


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_tiny_samples_work(n: int) -> None:
    data = generate(n, seed=1)
    assert len(data.truth) == n
    assert set(data.accounts["account"]) == set(data.truth["account"])


# --- file shapes ------------------------------------------------------------------------


def test_accounts_csv_has_english_headers_and_multi_value_cells(folder: Path) -> None:
    with (folder / "accounts.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(CSV_HEADERS.values())
    assert any(not any(r) for r in rows[1:]), "a blank row, as real sheets have"
    cells = [r for r in rows[1:] if any(r)]
    column = {h: i for i, h in enumerate(rows[0])}
    assert all(SELLER_ID.fullmatch(r[column["Seller ID"]]) for r in cells)
    assert any("; " in r[column["Login IPs"]] for r in cells)
    assert any(", " in r[column["Email"]] for r in cells)


def test_workbook_has_chinese_headers_and_other_accounts(folder: Path,
                                                          data: SampleData) -> None:
    book = load_workbook(folder / "店铺资料.xlsx", read_only=True)
    assert set(book.sheetnames) <= {"北美", "欧洲及其他"}
    ids: set[str] = set()
    separators = 0
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == list(XLSX_HEADERS.values())
        for row in rows[1:]:
            ids.update([str(row[0])] if row and row[0] else [])
            separators += sum(isinstance(v, str) and ("、" in v or "\n" in v) for v in row)
    assert separators > 0
    csv_ids = set(pd.read_csv(folder / "accounts.csv", dtype=str)["Seller ID"].dropna())
    both = ids & csv_ids
    assert 1 <= len(both) <= 0.1 * len(ids)
    assert ids | csv_ids == set(pd.read_csv(folder / "truth/ground_truth.csv")["account"])


def test_accounts_in_both_sheets_have_the_same_values(data: SampleData) -> None:
    ident = data.identifiers[data.identifiers["file"] != "adspower_profiles.json"]
    both = data.accounts.loc[data.accounts["files"].str.contains(";"), "account"]
    assert len(both)
    for account in both:
        mine = ident[(ident["account"] == account) & ident["linking"]]
        per_file = {f: set(zip(t["kind"], t["value"], strict=True)) for f, t in
                    mine.groupby("file")}
        assert len(per_file) == 2
        first, second = per_file.values()
        assert first == second


def test_login_events_are_a_long_log(folder: Path) -> None:
    log = pd.read_csv(folder / "login_events.csv", dtype=str, keep_default_na=False)
    assert list(log.columns) == ["account", "time", "ip", "mac", "user_agent"]
    rows = log[log["account"] != ""]
    assert len(rows) == len(log) - 1, "one blank row"
    per_account = rows["account"].value_counts()
    assert per_account.median() >= 5
    times = pd.to_datetime(rows["time"], errors="coerce", format="ISO8601", utc=True)
    assert 1 <= times.isna().sum() <= 3, "a handful of unparsable times"
    assert (times.dropna().dt.year == 2025).all()
    assert rows["ip"].str.contains(":").any(), "some IPv6"


def test_adspower_export_shape_and_secrets(folder: Path) -> None:
    text = (folder / "adspower_profiles.json").read_text(encoding="utf-8")
    profiles = json.loads(text)
    truth = pd.read_csv(folder / "truth/ground_truth.csv", dtype=str)
    stores = pd.read_csv(folder / "accounts.csv", dtype=str).set_index("Seller ID")["Store name"]
    assert isinstance(profiles, list) and profiles
    keys = {"user_id", "serial_number", "name", "group_name", "ip", "ip_country",
            "domain_name", "username", "password", "fakey", "remark", "user_proxy_config",
            "last_open_time"}
    for p in profiles:
        assert set(p) == keys
        assert set(p["user_proxy_config"]) == {"proxy_soft", "proxy_type", "proxy_host",
                                               "proxy_port", "proxy_user", "proxy_password"}
        assert p["name"] in set(truth["account"])
        if p["name"] in stores.index:
            assert p["remark"] == stores[p["name"]]
        assert p["last_open_time"].isdigit()
        for secret in (p["password"], p["fakey"], p["user_proxy_config"]["proxy_password"]):
            assert len(secret) >= 10 and secret in text
        assert re.fullmatch(r"[A-Z2-7]{32}", p["fakey"])


def test_truth_is_in_a_subfolder_and_covers_every_account(folder: Path) -> None:
    truth = pd.read_csv(folder / "truth/ground_truth.csv", dtype=str, keep_default_na=False)
    assert list(truth.columns) == ["account", "operator", "operator_accounts", "status",
                                   "linked_by", "also_shared"]
    assert truth["account"].is_unique and len(truth) == 80
    log = pd.read_csv(folder / "login_events.csv", dtype=str).dropna(how="all")
    assert set(log["account"]) <= set(truth["account"])
    multi = truth["operator_accounts"].astype(int) > 1
    assert (truth.loc[multi, "linked_by"] != "").all()
    assert (truth.loc[~multi, "linked_by"] == "").all()
    assert not list((folder).glob("*ground_truth*"))


def test_the_files_read_as_the_auditor_reads_them(folder: Path) -> None:
    from auditor.ingest import read_inputs

    data = read_inputs([folder])
    truth = pd.read_csv(folder / "truth/ground_truth.csv", dtype=str)
    assert set(data.accounts["account"]) == set(truth["account"])
    assert {"password", "fakey"}.isdisjoint(set(data.identifiers["column"]))


def test_cli_writes_the_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["sample", "--accounts", "20", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in FILES:
        assert (tmp_path / name).is_file()
        assert str(tmp_path / name) in result.output


def test_cli_refuses_a_bad_account_count(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["sample", "--accounts", "0", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Error: --accounts must be at least 1" in result.output


# --- ground truth -----------------------------------------------------------------------


def _components(edges: pd.DataFrame, accounts: list[str]) -> dict[str, str]:
    parent = {a: a for a in accounts}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in zip(edges["a"], edges["b"], strict=True):
        parent[find(a)] = find(b)
    return {a: find(a) for a in accounts}


def _strong_values(data: SampleData) -> pd.DataFrame:
    """(account, kind, value) of strong linking values, by the generator's canonical values:
    sheet values, login MACs, and login IPs keyed by their day."""
    ident = data.identifiers
    sheets = ident[ident["linking"] & (ident["decoy"] == "") & ident["kind"].isin(STRONG_KINDS)]
    ev = data.events[(data.events["decoy"] == "")]
    macs = ev[ev["mac_value"] != ""]
    logins = ev[(ev["ip_entity"] >= 0) & ev["time"].notna()]
    return pd.concat([
        sheets[["account", "kind", "value"]],
        pd.DataFrame({"account": macs["account"], "kind": "mac", "value": macs["mac_value"]}),
        pd.DataFrame({"account": logins["account"], "kind": SAME_DAY,
                      "value": logins["ip_value"] + "@" + logins["time"].dt.date.astype(str)}),
    ]).drop_duplicates()


def _pairs(values: pd.DataFrame) -> pd.DataFrame:
    first = values.drop_duplicates(["kind", "value"]).rename(columns={"account": "a"})
    joined = values.merge(first[["kind", "value", "a"]], on=["kind", "value"])
    return joined[joined["account"] != joined["a"]].rename(columns={"account": "b"})


def test_every_operator_is_connected_by_strong_identifiers(data: SampleData) -> None:
    operator = data.truth.set_index("account")["operator"]
    values = _strong_values(data)
    values = values[values["account"].map(operator).notna()]
    edges = _pairs(values)
    same = edges["a"].map(operator) == edges["b"].map(operator)
    component = _components(edges[same], list(operator.index))
    per_operator = pd.Series(component).groupby(operator).nunique()
    assert (per_operator == 1).all(), per_operator[per_operator > 1]


def test_strong_identifiers_never_tie_different_operators(data: SampleData) -> None:
    operator = data.truth.set_index("account")["operator"]
    values = _strong_values(data)
    values = values.assign(operator=values["account"].map(operator))
    spread = values.groupby(["kind", "value"])["operator"].nunique()
    assert (spread == 1).all(), spread[spread > 1].head()
    # Not even at another time: an ordinary public IP belongs to one operator.
    ev = data.events[(data.events["decoy"] == "") & (data.events["ip_entity"] >= 0)]
    by_ip = ev.assign(operator=ev["account"].map(operator)).groupby("ip_value")["operator"]
    assert (by_ip.nunique() == 1).all()


def test_links_share_one_to_three_kinds_and_sizes_have_a_heavy_tail() -> None:
    ops = make_operators(stream(1, "operators"), 20_000)
    per_link = ops.link[ops.local > 0].sum(axis=1)
    assert per_link.min() == 1 and per_link.max() == 3
    assert (ops.link[ops.local == 0].sum(axis=1) == 0).all()
    assert ops.size.sum() == 20_000
    assert (ops.size == 1).mean() > 0.5
    assert ((ops.size >= 2) & (ops.size <= 5)).mean() > 0.25
    assert 0.01 < (ops.size >= 6).mean() < 0.15
    assert ops.size.max() <= 20
    # Not always everything: each kind is shared on some links and not on others.
    share = ops.link[ops.local > 0].mean(axis=0)
    assert (share > 0.05).all() and (share < 0.6).all()


def test_suspensions_cluster_in_multi_account_operators() -> None:
    truth = generate(3000, seed=2).truth
    multi = truth["operator_accounts"] > 1
    bad = truth["status"].isin(["Suspended", "Closed"])
    assert bad[multi].mean() > 1.5 * bad[~multi].mean()
    assert (truth["status"] == "Active").mean() > 0.8


def test_linked_by_matches_the_values(data: SampleData) -> None:
    kinds = {k for cell in data.truth["linked_by"] for k in cell.split("; ") if k}
    assert {"bank", "email", "phone", SAME_DAY} <= kinds
    soft = {k for cell in data.truth["also_shared"] for k in cell.split("; ") if k}
    assert soft <= {"company", "person", "address"} and soft


def test_decoys_are_planted(data: SampleData) -> None:
    decoys = data.decoys
    spread = decoys.groupby(["decoy", "value"])["operator"].nunique().groupby("decoy").max()
    for decoy in ("namesake legal representatives", "shared office building",
                  "look-alike company names", "same card last 4 digits", "proxy exit IP",
                  "public IP months apart", "same /24 network", "private or CGNAT IP",
                  "placeholder"):
        assert spread.get(decoy, 0) >= 2, decoy
    proxy = decoys[decoys["decoy"] == "proxy exit IP"].groupby("value")["operator"].nunique()
    assert proxy.max() >= 20, "dozens of unrelated sellers behind one proxy exit"
    for kind in ("invalid", "unparsable time"):
        assert 1 <= (decoys["decoy"] == kind).sum() <= 5
    names_ = set(decoys.loc[decoys["decoy"] == "namesake legal representatives", "value"])
    common = {s + g for s, g in names.COMMON_NAMES} | {
        f"{f} {s}".lower() for f, s in names.COMMON_LATIN_NAMES}
    assert names_ & common


def test_decoy_ips_are_used_apart_in_time(data: SampleData) -> None:
    ev = data.events
    for decoy, gap in (("proxy exit IP", 1), ("public IP months apart", 60)):
        rows = ev[ev["decoy"] == decoy]
        for _, group in rows.groupby("ip_value"):
            days = np.sort(group["time"].dt.floor("D").unique())
            assert (np.diff(days) >= np.timedelta64(gap, "D")).all()


# --- realistic values -------------------------------------------------------------------


def _values(data: SampleData, kind: str) -> pd.Series:
    ident = data.identifiers
    rows = ident[(ident["kind"] == kind) & ident["linking"] & (ident["value"] != "")]
    return rows["value"].drop_duplicates()


def test_identifiers_have_valid_check_digits(data: SampleData) -> None:
    tax = _values(data, "tax_id")
    assert tax.str.len().eq(18).any()
    for value in tax:
        ok = {18: uscc.is_valid, 9: ein.is_valid}.get(len(value))
        if value.startswith("GB"):
            ok = gb_vat.is_valid
        elif value.startswith("DE"):
            ok = de_vat.is_valid
        assert ok is not None and ok(value), value
    ids = _values(data, "id_number")
    assert all(ric.is_valid(v) for v in ids if len(v) == 18)
    assert all(luhn.is_valid(v) for v in _values(data, "card"))
    banks = _values(data, "bank")
    assert all(iban.is_valid(v) for v in banks if v[:2].isalpha())
    digits = [v for v in banks if v.isdigit()]
    assert digits and all(16 <= len(v) <= 19 for v in digits)
    assert all(luhn.is_valid(v) for v in digits if v.startswith("62"))


def test_phones_are_valid_numbers(data: SampleData) -> None:
    for value in _values(data, "phone"):
        number = phonenumbers.parse(value)
        assert phonenumbers.is_valid_number(number), value


def test_ips_are_public_and_not_documentation_ranges(data: SampleData) -> None:
    values = set(_values(data, "ip")) | set(
        data.events.loc[data.events["ip_entity"] >= 0, "ip_value"])
    docs = [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24",
                                              "203.0.113.0/24", "2001:db8::/32")]
    for value in values:
        address = ipaddress.ip_address(value)
        assert address.is_global, value
        assert not any(address in n for n in docs if n.version == address.version)
        assert str(address) == value, "canonical = compressed form"


def test_macs_are_real_unicast_adapters(data: SampleData) -> None:
    for value in _values(data, "mac"):
        first = int(value[:2], 16)
        assert first & 1 == 0 and first & 2 == 0, value


def _normalised(data: SampleData, kind: str) -> Iterator[tuple[str, str, object]]:
    from auditor.normalise import NORMALISERS, normalise_phone

    ident = data.identifiers
    rows = ident[(ident["kind"] == kind) & ident["linking"] & (ident["decoy"] == "")]
    raw = pd.Series(rows["raw"].to_numpy(dtype=object))
    out = normalise_phone(raw) if kind == "phone" else NORMALISERS[kind](raw)
    yield from zip(rows["raw"], rows["value"], out["value"], strict=True)


@pytest.mark.parametrize("kind", ["phone", "email", "mac", "ip"])
def test_written_forms_are_equivalent_to_the_canonical_value(data: SampleData,
                                                             kind: str) -> None:
    """Every way a value is written means the same value (checked with auditor's own
    normalisers for the kinds whose equivalence is a fixed standard)."""
    wrong = [(raw, want, got) for raw, want, got in _normalised(data, kind) if got != want]
    assert not wrong, wrong[:5]


def test_shared_values_are_written_in_different_forms(data: SampleData) -> None:
    ident = data.identifiers[data.identifiers["linking"]]
    forms = ident.groupby(["kind", "value"])["raw"].nunique().groupby(level="kind").max()
    for kind in ("phone", "email", "mac", "bank", "company", "person"):
        assert forms[kind] > 1, kind
