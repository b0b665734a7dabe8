"""Bad input: one line on stderr naming the file (and row/sheet/column), exit code 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from auditor.cli import app

runner = CliRunner()


def csv(text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / "accounts.csv"
        path.write_bytes(text.encode(encoding))
        return path
    return make


def raw(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path
    return make


def workbook_with_duplicates(tmp: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "店铺"
    for row in (["店铺ID", "邮箱"], ["A1", "a@x.com"], ["A2", "b@x.com"], ["A1", "c@x.com"]):
        sheet.append(row)
    path = tmp / "accounts.xlsx"
    book.save(path)
    return path


def workbook(tmp: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["店铺ID"])
    sheet.append(["A1"])
    path = tmp / "accounts.xlsx"
    book.save(path)
    return path


def corrupt_workbook(tmp: Path) -> Path:
    path = workbook(tmp)
    path.write_bytes(path.read_bytes()[:200])
    return path


def empty_folder(tmp: Path) -> Path:
    folder = tmp / "exports"
    folder.mkdir()
    (folder / "readme.md").write_text("nothing here", encoding="utf-8")
    return folder


CASES: list[tuple[str, Callable[[Path], Path], list[str], list[str]]] = [
    ("missing file", lambda tmp: tmp / "nope.csv", [], ["nope.csv", "not found"]),
    ("zero bytes", raw("accounts.csv", b""), [], ["accounts.csv", "empty"]),
    ("only blanks", raw("accounts.csv", b"\n \n"), [], ["accounts.csv", "empty"]),
    ("pdf", raw("report.pdf", b"%PDF-1.4 ..."), [], ["report.pdf", "unknown format"]),
    ("binary csv", raw("accounts.csv", b"\x00\x01\x02binary\x00" * 20), [],
     ["accounts.csv", "binary"]),
    ("legacy xls", raw("accounts.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64), [],
     ["accounts.xls", ".xls"]),
    ("no account column", csv("邮箱,手机\na@x.com,1380000\n"), [],
     ["accounts.csv", "no account-id column", "邮箱, 手机", "[columns]", "--config"]),
    ("duplicate ids", csv("店铺ID,邮箱\nA1,a@x.com\nA2,b@x.com\nA1,c@x.com\n"), [],
     ["accounts.csv", "column 店铺ID", "'A1'", "rows 2 and 4"]),
    ("duplicate ids in a sheet", workbook_with_duplicates, [],
     ["accounts.xlsx", "sheet 店铺", "'A1'", "rows 2 and 4"]),
    ("undecodable", csv("店铺ID,邮箱\nA1,a@x.com\nA2,蓝月@x.com\n", "gbk"),
     ["--encoding", "utf-8"], ["accounts.csv", "line 1", "--encoding"]),
    ("unknown encoding", csv("店铺ID\nA1\n"), ["--encoding", "klingon"],
     ["accounts.csv", "klingon", "--encoding"]),
    ("corrupt xlsx", corrupt_workbook, [], ["accounts.xlsx", "XLSX"]),
    ("missing sheet", workbook, ["--sheet", "店铺"], ["accounts.xlsx", "店铺", "Sheet"]),
    ("ragged csv", csv("店铺ID,邮箱\n" + "".join(f"A{i},a{i}@x.com\n" for i in range(60))
                       + "B1,b@x.com,extra\n"), [], ["accounts.csv", "row 62", "fields"]),
    ("broken json", raw("accounts.json", '[{"店铺ID": "A1",}'.encode()), [],
     ["accounts.json", "line 1", "JSON"]),
    ("json without records", raw("accounts.json", b'{"code": 1, "msg": "no auth"}'), [],
     ["accounts.json", "no list of records"]),
    ("no data files", empty_folder, [], ["exports", "no data files"]),
]


@pytest.mark.parametrize(("make", "options", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, make: Callable[[Path], Path], options: list[str], expected: list[str]
) -> None:
    path = make(tmp_path)
    result = runner.invoke(app, ["inspect", str(path), *options])
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert message.startswith("Error: ")
    assert "\n" not in message
    assert "Traceback" not in result.output
    for part in expected:
        assert part in message, (part, message)


def test_undecodable_line_number(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_bytes("店铺ID,邮箱\nA1,a@x.com\nA2,b@x.com\n".encode() + "蓝".encode("gbk") + b"\n")
    result = runner.invoke(app, ["inspect", str(path), "--encoding", "utf-8"])
    assert result.exit_code == 2
    assert "line 4" in result.stderr


def test_a_bad_cell_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "logins.csv"
    path.write_text("账号,IP,时间\nA1,1.2.3.4,yesterday\n", encoding="utf-8")
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert "yesterday" in result.stdout


def test_a_quote_left_open_is_an_error_not_one_huge_cell(tmp_path: Path) -> None:
    # Arrow's parser would put the rest of the file into A1's email cell.
    path = tmp_path / "accounts.csv"
    path.write_text('account_id,email\nA1,"a@x.com\nA2,b@y.com\nA3,c@z.com\n', encoding="utf-8")
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == 2, result.output
    assert "accounts.csv" in result.stderr and "Traceback" not in result.output
