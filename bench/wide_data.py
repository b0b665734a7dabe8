"""One wide account file with ground truth, for the peer benchmark (bench/splink_compare.py).

    python bench/wide_data.py --accounts 100000 --seed 1

Builds, from the synthetic generator (:func:`auditor.sample.generate`), one CSV with one
row per account — the shape a seller's or provider's account sheet has — and writes it
once per (accounts, seed) under ``bench/out/wide-<accounts>-s<seed>/``:

- ``accounts.csv``: account_id, name, status, marketplace, company, person, email, phone,
  address, bank, card, tax_id, id_number, ip, mac. Several values in a cell are
  separated by ``"; "``. The values are the generator's raw text, as written in its
  English sheet (accounts.csv) or Chinese workbook (店铺资料.xlsx): phones in different
  notations, emails with dots and +tags, banks grouped by four, masked cards,
  placeholders (``无``, ``n/a``), Chinese and English company and person names.
- ``ip``: three IPs per account — the IPs of the account's sheet row first, then the
  IPs of its logins, most used first; distinct by canonical value, at most
  :data:`MAX_IPS`. Router/CGNAT addresses, proxy exits and café IPs the login log
  holds come along, as they would in a real export. The generator gives an account one
  or two IPs of its own (1.8 on average), so accounts with fewer are padded to
  :data:`MAX_IPS` with fresh public addresses from the generator's ISP ranges (a
  mobile line or hotel used once), shared with no other account: more data to read,
  no new evidence. Accounts whose sheet and log have no IP keep their cell empty (or
  its placeholder).
- ``truth.csv``: account, operator.
- ``meta.json``: sizes and how long generation took.

Both tools in the benchmark read the same ``accounts.csv``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Final

import pandas as pd

OUT: Final = Path(__file__).resolve().parent / "out"
#: Columns of the wide file, in order; the values of these kinds come from the sheets.
KINDS: Final = ("company", "person", "email", "phone", "address", "bank", "card", "tax_id",
                "id_number", "ip", "mac")
#: IPs kept per account (sheet IPs first, then login IPs by number of logins).
MAX_IPS: Final = 3
SEP: Final = "; "
_SHEETS: Final = ("accounts.csv", "店铺资料.xlsx")


def folder(accounts: int, seed: int) -> Path:
    return OUT / f"wide-{accounts}-s{seed}"


def generator_hash() -> str:
    """A hash of the generator's source (auditor/sample/*.py): a wide file built by
    another version of the generator is stale."""
    import hashlib

    import auditor.sample

    digest = hashlib.sha256()
    for path in sorted(Path(auditor.sample.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def ensure(accounts: int, seed: int, *, quiet: bool = False, rebuild: bool = False) -> Path:
    """The folder holding the wide file for (accounts, seed); built on first use (or
    again with ``rebuild``). Warns when the generator changed since it was built."""
    out = folder(accounts, seed)
    if (out / "meta.json").exists() and not rebuild:
        built_by = json.loads((out / "meta.json").read_text()).get("generator")
        if built_by != generator_hash() and not quiet:
            print(f"note: {out.name} was built by generator {built_by or 'unknown'}, the "
                  f"generator is now {generator_hash()}; use --rebuild for fresh data")
        return out
    out.mkdir(parents=True, exist_ok=True)
    from auditor.sample import generate

    t0 = time.perf_counter()
    data = generate(accounts, seed)
    t_gen = time.perf_counter() - t0
    wide, truth, stats = build(data.accounts, data.identifiers, data.events, data.truth, seed)
    del data
    wide.to_csv(out / "accounts.csv", index=False, lineterminator="\n")
    truth.to_csv(out / "truth.csv", index=False, lineterminator="\n")
    t_all = time.perf_counter() - t0
    meta = {"accounts": accounts, "seed": seed, "generator": generator_hash(),
            "generate_seconds": round(t_gen, 1),
            "build_and_write_seconds": round(t_all - t_gen, 1),
            "csv_bytes": (out / "accounts.csv").stat().st_size, **stats}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    if not quiet:
        print(f"wrote {out}/accounts.csv: {json.dumps(meta)}")
    return out


def _text(s: pd.Series) -> pd.Series:
    return s.astype(object).where(s.notna(), "").astype(str)


def _padding(real: pd.DataFrame, seed: int, taken: set[str]) -> pd.DataFrame:
    """Fresh public IPs (account, value, raw) for accounts with fewer than MAX_IPS."""
    import numpy as np

    from auditor.sample.network import make_ips
    from auditor.sample.strings import stream

    have = real.groupby("account", sort=False).size()
    short = have[have < MAX_IPS]
    who = np.repeat(short.index.to_numpy(dtype=object), (MAX_IPS - short).to_numpy())
    rng = stream(seed, "bench-wide-padding")
    values: list[str] = []
    raws: list[str] = []
    while len(values) < len(who):
        k = int((len(who) - len(values)) * 1.1) + 16
        country = np.where(rng.random(k) < 0.6, "cn", "us")
        v6 = rng.random(k) < 0.08
        ips = make_ips(rng, country, v6, np.zeros(k, dtype=bool))
        raw = ips.render(np.arange(k), rng, "log")
        for v, r in zip(ips.canonical.tolist(), raw.tolist(), strict=True):
            if v not in taken:
                taken.add(v)
                values.append(v)
                raws.append(r)
    n = len(who)
    return pd.DataFrame({"account": who, "value": values[:n], "raw": raws[:n],
                         "src": 2, "rank": 0})


def build(accounts: pd.DataFrame, identifiers: pd.DataFrame, events: pd.DataFrame,
          truth: pd.DataFrame, seed: int = 0
          ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, float]]:
    """The wide table, the truth (account, operator) and a few statistics."""
    ids = pd.DataFrame({c: _text(identifiers[c]) for c in ("account", "kind", "value", "raw",
                                                             "file")})
    ids = ids[ids["file"].isin(_SHEETS) & (ids["raw"] != "")]
    # An account a provider listed in both sheets: one row, from the English sheet.
    in_csv = ids.loc[ids["file"] == _SHEETS[0], "account"].unique()
    ids = ids[(ids["file"] == _SHEETS[0]) | ~ids["account"].isin(in_csv)]
    ids = ids.assign(pos=range(len(ids)))

    cells = (ids[ids["kind"] != "ip"].groupby(["account", "kind"], sort=False)["raw"]
             .agg(SEP.join).unstack("kind"))

    # IPs: the sheet's (in sheet order), then the login log's (most logins first).
    sheet_ip = ids[ids["kind"] == "ip"]
    ev = pd.DataFrame({"account": _text(events["account"]), "raw": _text(events["ip"]),
                       "value": _text(events["ip_value"])})
    ev = ev[ev["value"] != ""]
    ev = (ev.groupby(["account", "value"], sort=False)
          .agg(raw=("raw", "first"), n=("raw", "size")).reset_index())
    cand = pd.concat([
        sheet_ip.assign(src=0, rank=sheet_ip["pos"])[["account", "value", "raw", "src", "rank"]],
        ev.assign(src=1, rank=-ev["n"])[["account", "value", "raw", "src", "rank"]],
    ], ignore_index=True)
    real = cand[cand["value"] != ""].sort_values(["account", "src", "rank"], kind="stable")
    real = real.drop_duplicates(["account", "value"]).groupby("account", sort=False).head(MAX_IPS)
    real = pd.concat([real, _padding(real, seed, set(cand["value"]))], ignore_index=True)
    ip_count = real.groupby("account").size()
    ip_cell = real.groupby("account", sort=False)["raw"].agg(SEP.join)
    # Accounts with no IP at all keep the placeholder their sheet row has (无, -).
    placeholder = cand[(cand["value"] == "") & (cand["src"] == 0)].groupby("account")["raw"].first()
    ip_cell = ip_cell.combine_first(placeholder)

    base = pd.DataFrame({"account_id": _text(accounts["account"]),
                         "name": _text(accounts["name"]),
                         "status": _text(accounts["status"]),
                         "marketplace": _text(accounts["marketplace"])})
    idx = pd.Index(base["account_id"])
    for kind in KINDS:
        source = ip_cell if kind == "ip" else cells.get(kind)
        col = source.reindex(idx) if source is not None else pd.Series(index=idx, dtype=object)
        base[kind] = col.fillna("").to_numpy(dtype=object)
    t = pd.DataFrame({"account": _text(truth["account"]), "operator": _text(truth["operator"])})
    counts = ip_count.reindex(idx).fillna(0)
    stats = {"rows": len(base), "operators": int(t["operator"].nunique()),
             "ips_per_account_mean": round(float(counts.mean()), 2),
             "ips_per_account_hist": {int(k): int(v)
                                      for k, v in counts.value_counts().sort_index().items()}}
    return base, t, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    out = ensure(args.accounts, args.seed, rebuild=args.rebuild)
    print((out / "meta.json").read_text())


if __name__ == "__main__":
    main()
