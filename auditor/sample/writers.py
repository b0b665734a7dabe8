"""Writing a sample to files, byte-for-byte the same for the same seed."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import pandas as pd
from openpyxl import Workbook

from auditor.errors import UsageError
from auditor.sample.columns import ADSPOWER_FILE, CSV_FILE, XLSX_FILE
from auditor.sample.generator import SampleData, generate

EVENTS_FILE: Final = "login_events.csv"
TRUTH_DIR: Final = "truth"
TRUTH_FILE: Final = "ground_truth.csv"
DECOYS_FILE: Final = "decoys.csv"

#: Every workbook part is stamped with this time, so the bytes do not depend on the clock.
_EPOCH: Final = dt.datetime(2025, 10, 1, 0, 0, 0)
_CORE_TIMES: Final = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_PROXY_FIELDS: Final = ("proxy_soft", "proxy_type", "proxy_host", "proxy_port", "proxy_user",
                        "proxy_password")
_PROFILE_FIELDS: Final = ("user_id", "serial_number", "name", "group_name", "domain_name",
                          "username", "password", "fakey", "remark", "ip", "ip_country")


def write_sample(out_dir: str | Path, *, accounts: int = 60, seed: int = 0) -> list[Path]:
    """Generate a sample of ``accounts`` accounts and write it to ``out_dir``.

    Writes accounts.csv, 店铺资料.xlsx, login_events.csv and adspower_profiles.json, and
    the ground truth in ``truth/`` (a subfolder, so auditing the folder does not read
    it). Returns the paths written. The same ``seed`` writes the same bytes.

    >>> paths = write_sample("samples", accounts=60, seed=7)   # doctest: +SKIP
    """
    return write_data(generate(accounts, seed), out_dir)


def write_data(data: SampleData, out_dir: str | Path) -> list[Path]:
    """Write a generated sample's files to ``out_dir`` (see :func:`write_sample`)."""
    out = Path(out_dir)
    try:
        (out / TRUTH_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    events = data.events[["account", "time_text", "ip", "mac", "user_agent"]].rename(
        columns={"time_text": "time"})
    at = len(events) // 3
    blank = pd.DataFrame([[""] * len(events.columns)], columns=events.columns)
    events = pd.concat([events.iloc[:at], blank, events.iloc[at:]], ignore_index=True)
    return [
        _write_csv(data.csv, out / CSV_FILE),
        _write_xlsx(data.workbook, out / XLSX_FILE),
        _write_csv(events, out / EVENTS_FILE),
        _write_json(_profiles(data.profiles), out / ADSPOWER_FILE),
        _write_csv(data.truth, out / TRUTH_DIR / TRUTH_FILE),
        _write_csv(data.decoys, out / TRUTH_DIR / DECOYS_FILE),
    ]


def _write_csv(table: pd.DataFrame, path: Path) -> Path:
    path.write_bytes(table.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return path


def _write_json(doc: Any, path: Path) -> Path:
    path.write_bytes((json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return path


def _profiles(profiles: pd.DataFrame) -> list[dict[str, Any]]:
    """AdsPower's profile-list shape: flat fields, the proxy in ``user_proxy_config``."""
    records = profiles.to_dict("records")
    return [{
        **{k: str(r[k]) for k in _PROFILE_FIELDS},
        "user_proxy_config": {k: str(r[k]) for k in _PROXY_FIELDS},
        "last_open_time": str(r["last_open_time"]),
    } for r in records]


def _write_xlsx(sheets: Mapping[str, pd.DataFrame], path: Path) -> Path:
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "auditor sample"
    workbook.properties.created = _EPOCH
    for name, table in sheets.items():
        sheet = workbook.create_sheet(title=name)
        sheet.append(list(table.columns))
        for row in table.itertuples(index=False):
            sheet.append([None if v == "" else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_reproducible_zip(buffer.getvalue()))
    return path


def _reproducible_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times and a fixed document time (openpyxl
    stamps both with the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>2025-10-01T00:00:00Z\g<2>", content)
            info = zipfile.ZipInfo(item.filename, date_time=_EPOCH.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, content)
    return out.getvalue()
