"""Splink (DuckDB backend) on the wide account file, set up as a careful user would.

    python bench/splink_run.py bench/out/wide-10000-s1/accounts.csv --out /tmp/splink

Reads the CSV, cleans it lightly in DuckDB SQL, trains a Fellegi–Sunter model (u by
random sampling, m by EM on two blocking rules, the prior from deterministic rules),
predicts on blocked pairs and clusters them. Writes, to ``--out``:

- ``clusters_<threshold>.csv``: unique_id, cluster_id — one row per account;
- ``timings.json``: seconds per stage, the wall-clock time (``time.time()``) when the
  first threshold's clusters were on disk (``primary_done_at``), pair counts;
- ``model.json``: the trained model (written after the timed part).

bench/splink_compare.py runs this in its own process to time it and take its peak RSS.
The configuration, and why it is a fair one, is in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path
from typing import Any

#: Array elements held by more than this many accounts are dropped in cleaning: router
#: and carrier-NAT IPs, proxy exits, test@test.com, 00000000000, 00:00:00:00:00:00.
#: Splink has no term-frequency adjustment for array columns; this is the stand-in a
#: careful user reaches for after looking at the most common values (profile_columns).
MAX_SHARE = 10

_MACROS = r"""
create or replace macro cells(s) as
    list_filter(list_transform(string_split(coalesce(s, ''), ';'), lambda x: trim(x)),
                lambda x: x <> '');
create or replace macro digits(x) as regexp_replace(x, '[^0-9]', '', 'g');
create or replace macro alnum_upper(x) as upper(regexp_replace(x, '[^0-9A-Za-z]', '', 'g'));
create or replace macro no_86(d) as
    case when length(d) = 13 and d[1:2] = '86' then d[3:]
         when length(d) = 15 and d[1:4] = '0086' then d[5:]
         else d end;
create or replace macro squash(x) as
    nullif(trim(regexp_replace(x, '\s+', ' ', 'g')), '');
"""

_CLEAN = r"""
create or replace table clean_scalar as
select
    account_id as unique_id,
    squash(regexp_replace(lower(company), '[[:punct:]（）]', ' ', 'g')) as company,
    squash(lower(person)) as person,
    case when trim(coalesce(address, '')) in ('同上', '无', '-', 'n/a') then null
         else squash(lower(address)) end as address,
    nullif(digits(bank), '') as bank,
    list_filter(list_transform(list_filter(cells(card), lambda x: not regexp_matches(x, '[*xX]')),
                               lambda x: digits(x)), lambda x: length(x) >= 12)[1] as card,
    case when length(alnum_upper(id_number)) >= 8 then alnum_upper(id_number) end
        as id_number,
    list_filter(list_transform(cells(email), lambda x: lower(x)), lambda x: x like '%_@_%')
        as email,
    list_filter(list_transform(cells(phone), lambda x: no_86(digits(x))), lambda x: length(x) >= 7)
        as phone,
    list_filter(list_transform(cells(tax_id), lambda x: alnum_upper(x)), lambda x: length(x) >= 8)
        as tax_id,
    list_filter(list_transform(cells(ip), lambda x: lower(split_part(x, ' ', 1))),
                lambda x: x like '%.%' or x like '%:%') as ip,
    list_filter(list_transform(cells(mac),
                               lambda x: lower(regexp_replace(x, '[^0-9A-Fa-f]', '', 'g'))),
                lambda x: length(x) = 12) as mac
from raw
"""

ARRAYS = ("email", "phone", "tax_id", "ip", "mac")


def _common_value_filter(con: Any, max_share: int) -> dict[str, int]:
    """Drop array elements held by more than ``max_share`` accounts; returns how many
    distinct values each column lost."""
    dropped: dict[str, int] = {}
    selects = []
    for col in ARRAYS:
        con.execute(f"""
            create or replace table common_{col} as
            select v from (select distinct unique_id, unnest({col}) as v from clean_scalar)
            group by v having count(*) > {max_share}""")
        dropped[col] = con.execute(f"select count(*) from common_{col}").fetchall()[0][0]
        con.execute(f"""
            create or replace table kept_{col} as
            select unique_id, list(distinct v) as {col}
            from (select unique_id, unnest({col}) as v from clean_scalar)
            where v not in (select v from common_{col})
            group by unique_id""")
        selects.append(f"left join kept_{col} using (unique_id)")
    con.execute(f"""
        create or replace table accounts_clean as
        select s.unique_id, s.company, s.person, s.address, s.bank, s.card, s.id_number,
               {", ".join(f"kept_{c}.{c}" for c in ARRAYS)}
        from clean_scalar s {" ".join(selects)}""")
    return dropped


def settings() -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    tf = {"term_frequency_adjustments": True}
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=[
            block_on("bank"),
            block_on("card"),
            block_on("id_number"),
            *[block_on(c, arrays_to_explode=[c]) for c in ARRAYS],
        ],
        comparisons=[
            cl.JaroWinklerAtThresholds("company", [0.95, 0.88]).configure(**tf),
            cl.JaroWinklerAtThresholds("person", [0.92]).configure(**tf),
            cl.JaroWinklerAtThresholds("address", [0.95, 0.88]).configure(**tf),
            cl.ExactMatch("bank").configure(**tf),
            cl.ExactMatch("card").configure(**tf),
            cl.ExactMatch("id_number").configure(**tf),
            cl.ArrayIntersectAtSizes("email", [1]),
            cl.ArrayIntersectAtSizes("phone", [1]),
            cl.ArrayIntersectAtSizes("tax_id", [1]),
            cl.ArrayIntersectAtSizes("ip", [1]),
            cl.ArrayIntersectAtSizes("mac", [1]),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def run(csv: Path, out: Path, *, thresholds: list[float], seed: int, u_max_pairs: float,
        recall: float, max_share: int) -> dict[str, Any]:
    import duckdb
    from splink import DuckDBAPI, Linker, block_on

    out.mkdir(parents=True, exist_ok=True)
    stages: dict[str, float] = {}
    t = [time.perf_counter()]

    def stage(name: str) -> None:
        now = time.perf_counter()
        stages[name] = round(now - t[0], 3)
        t[0] = now

    con = duckdb.connect()
    con.execute(f"create table raw as select * from read_csv('{csv}', all_varchar = true, "
                "header = true)")
    stage("read")
    con.execute(_MACROS)
    con.execute(_CLEAN)
    dropped = _common_value_filter(con, max_share)
    stage("clean")

    db_api = DuckDBAPI(connection=con)
    df = db_api.register("accounts_clean")
    linker = Linker(df, settings())
    linker.training.estimate_probability_two_random_records_match(
        [block_on("bank"), block_on("id_number"), block_on("card")], recall=recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("person"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("bank"))
    stage("train")

    predictions = linker.inference.predict(threshold_match_probability=min(thresholds))
    n_pairs = con.execute(f"select count(*) from {predictions.physical_name}").fetchall()[0][0]
    stage("predict")

    timings: dict[str, Any] = {"stages": stages, "predicted_pairs": n_pairs,
                               "dropped_common_values": dropped, "max_share": max_share}
    for i, threshold in enumerate(thresholds):
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold)
        con.execute(f"copy (select unique_id, cluster_id from {clusters.physical_name}) "
                    f"to '{out / f'clusters_{threshold}.csv'}' (header, delimiter ',')")
        stage(f"cluster_{threshold}")
        if i == 0:
            timings["primary_done_at"] = time.time()
    s = linker._settings_obj
    timings["probability_two_random_records_match"] = s._probability_two_random_records_match
    linker.misc.save_model_to_json(str(out / "model.json"), overwrite=True)
    (out / "timings.json").write_text(json.dumps(timings, indent=1) + "\n")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--thresholds", default="0.5,0.9",
                        help="cluster at these match probabilities; the first is timed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--u-max-pairs", type=float, default=1e7)
    parser.add_argument("--recall", type=float, default=0.6,
                        help="assumed recall of the deterministic rules (bank, id, card)")
    parser.add_argument("--max-share", type=int, default=MAX_SHARE)
    parser.add_argument("--quiet", action="store_true", help="Splink logs at WARNING")
    args = parser.parse_args()
    if args.quiet:
        logging.getLogger("splink").setLevel(logging.WARNING)
    thresholds = [float(x) for x in args.thresholds.split(",")]
    timings = run(args.csv.resolve(), args.out, thresholds=thresholds, seed=args.seed,
                  u_max_pairs=args.u_max_pairs, recall=args.recall, max_share=args.max_share)
    print(json.dumps(timings, indent=1))


if __name__ == "__main__":
    main()
