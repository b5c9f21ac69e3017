"""Adding a locality: Vietnamese phone numbers and web addresses checked, the block appended to
localities.yaml as text (comments kept), duplicates refused, the result accepted by the loader."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest
import yaml

from bot.cli import kb as cli_kb
from bot.errors import InputError
from bot.knowledge.load import load_knowledge
from bot.knowledge.locality_add import add_locality, new_locality, normalize_phone, validate_url
from bot.knowledge.model import Fact

SOURCE = "Quyết định số 12/QĐ-UBND ngày 01/8/2025 của UBND xã Mới"


def kb_cli(*argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="cchc-bot")
    kb = parser.add_subparsers(dest="command").add_parser("kb")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    cli_kb.configure(kb_sub)
    out = io.StringIO()
    return cli_kb.run(parser.parse_args(["kb", *argv]), out), out.getvalue()


@pytest.mark.parametrize(("raw", "written"), [
    ("0912345678", "0912 345 678"),
    ("+84 912 345 678", "0912 345 678"),
    ("0084912345678", "0912 345 678"),
    ("037.555.1234", "0375 551 234"),
    ("0208.3856.789", "0208 3856 789"),
    ("(024) 3825 1234", "024 3825 1234"),
    ("028-3829-6052", "028 3829 6052"),
    ("18001096", "1800 1096"),
    ("1900 0368", "1900 0368"),
    ("1900545481", "1900 54 54 81"),
])
def test_vietnamese_numbers_are_accepted_and_written_the_usual_way(raw: str, written: str) -> None:
    assert normalize_phone(raw) == written


@pytest.mark.parametrize("raw", ["123", "0123456789", "0612345678", "091234567", "09123456789",
                                 "0208385678", "1800 123", "1700 1234", "0912 ABC 678", "", "113"])
def test_other_numbers_are_refused(raw: str) -> None:
    with pytest.raises(InputError):
        normalize_phone(raw)


@pytest.mark.parametrize("raw", ["https://dantien.thainguyen.gov.vn", "http://xamoi.gov.vn/trang-chu?a=1"])
def test_http_addresses_with_a_host_are_accepted(raw: str) -> None:
    assert validate_url(raw) == raw


@pytest.mark.parametrize("raw", ["dantien.gov.vn", "ftp://dantien.gov.vn", "https://", "https://localhost",
                                 "https://dan tien.gov.vn", "https://user:pw@dantien.gov.vn", "https://-x.vn",
                                 "https://dantien.gov.123"])
def test_other_addresses_are_refused(raw: str) -> None:
    with pytest.raises(InputError, match=r"địa chỉ web .* không hợp lệ"):
        validate_url(raw)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InputError) as info:
        new_locality("Xa Moi", "Xã Mới", "xa", " ", "", hotlines=["UBND xã=123", "không có số"],
                     website="xamoi.gov.vn")
    message = str(info.value)
    for part in ("mã 'Xa Moi' chỉ được gồm chữ thường", "thiếu --province", "thiếu --source",
                 "số '123' không phải số điện thoại Việt Nam hợp lệ",
                 "đường dây nóng 'không có số' phải có dạng TÊN=SỐ",
                 "địa chỉ web 'xamoi.gov.vn' không hợp lệ"):
        assert part in message


def test_the_new_locality_is_appended_keeping_comments_and_the_example_last(kb_copy: Path) -> None:
    path = kb_copy / "localities.yaml"
    before = path.read_text("utf-8").splitlines()
    loc = new_locality("xa-moi", "Xã Mới", "xa", "Thái Nguyên", SOURCE,
                       hotlines=["Đường dây nóng UBND xã=0208.3856.789"],
                       website="https://xamoi.thainguyen.gov.vn",
                       desk_name="Trung tâm phục vụ hành chính công xã Mới", desk_address="Thôn Chợ, xã Mới",
                       desk_hours="Thứ Hai – Thứ Sáu, 7:30–17:00")
    line = add_locality(path, loc)
    after = path.read_text("utf-8").splitlines()
    assert after[line - 1] == "  - code: xa-moi"
    rest = iter(after)
    assert all(x in rest for x in before)  # every original line kept, in order
    assert len(after) - len(before) == 15  # a comment, 13 lines of the locality, a blank line
    assert after.index("  - code: xa-moi") < after.index("  - code: vi-du")
    kb = load_knowledge(kb_copy)
    new = kb.localities["xa-moi"]
    assert (new.name, new.level, new.province, new.aliases, new.plan) == (
        "Xã Mới", "xa", "Thái Nguyên", ("Mới",), None)
    assert [(h.name, h.number, h.source) for h in new.hotlines] == [
        ("Đường dây nóng UBND xã", "0208 3856 789", SOURCE)]
    assert new.website == Fact("https://xamoi.thainguyen.gov.vn", SOURCE)
    assert new.desk["address"] == Fact("Thôn Chợ, xã Mới", SOURCE)
    assert new.desk["name"] == Fact("Trung tâm phục vụ hành chính công xã Mới", SOURCE)
    assert new.desk["hours"] == Fact("Thứ Hai – Thứ Sáu, 7:30–17:00", SOURCE)
    assert list(kb.localities)[-1] == "vi-du"


def test_unknown_details_are_written_as_unknown(kb_copy: Path) -> None:
    add_locality(kb_copy / "localities.yaml", new_locality("xa-moi", "Xã Mới", "xa", "Hà Tĩnh", SOURCE))
    new = load_knowledge(kb_copy).localities["xa-moi"]
    assert (new.hotlines, new.website.known, new.desk["address"].known) == ((), False, False)


def test_a_duplicate_code_is_refused_and_the_file_left_alone(kb_copy: Path) -> None:
    path = kb_copy / "localities.yaml"
    before = path.read_text("utf-8")
    with pytest.raises(InputError, match=r"'dan-tien' đã có trong localities.yaml \(dòng \d+\)"):
        add_locality(path, new_locality("dan-tien", "Xã Dân Tiến", "xa", "Thái Nguyên", SOURCE))
    assert path.read_text("utf-8") == before


@pytest.mark.parametrize("text", [
    "localities: []\n",
    "localities:\n",
    "# chưa có địa phương\nreviewed: 2026-11-22\n",
    "localities:\n  - code: a\n    name: A\n    level: xa\n  # cuối tệp\n",
])
def test_files_with_few_or_no_localities_get_a_valid_list(tmp_path: Path, text: str) -> None:
    path = tmp_path / "localities.yaml"
    path.write_text(text, "utf-8")
    add_locality(path, new_locality("xa-moi", "Xã Mới", "xa", "Hà Tĩnh", SOURCE))
    codes = [x["code"] for x in yaml.safe_load(path.read_text("utf-8"))["localities"]]
    assert codes[-1] == "xa-moi"
    assert all(line in path.read_text("utf-8") for line in text.splitlines() if line.startswith("#"))


def test_cli_add_locality_names_the_line_and_warns_about_a_missing_plan(kb_copy: Path) -> None:
    code, out = kb_cli("add-locality", "xa-moi", "--name", "Xã Mới", "--level", "xa", "--province", "Hà Tĩnh",
                       "--source", SOURCE, "--hotline", "UBND xã=0239 3888 999",
                       "--plan", "ke-hoach-xa-moi-2025", "--knowledge", str(kb_copy))
    assert code == 0
    assert f"Đã thêm địa phương 'xa-moi' (Xã Mới) vào {kb_copy / 'localities.yaml'}, dòng " in out
    assert "Lưu ý: chưa có kế hoạch 'ke-hoach-xa-moi-2025'" in out


def test_cli_add_locality_with_a_bad_number_says_why_and_exits_1(kb_copy: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out = kb_cli("add-locality", "xa-moi", "--name", "Xã Mới", "--level", "xa", "--province", "Hà Tĩnh",
                       "--source", SOURCE, "--hotline", "UBND xã=113", "--knowledge", str(kb_copy))
    assert (code, out) == (1, "")
    assert capsys.readouterr().err.startswith("Lỗi: số '113' không phải số điện thoại Việt Nam hợp lệ")


def test_cli_add_locality_requires_a_source(kb_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        kb_cli("add-locality", "xa-moi", "--name", "Xã Mới", "--level", "xa", "--province", "Hà Tĩnh",
               "--knowledge", str(kb_copy))
    assert "--source" in capsys.readouterr().err
