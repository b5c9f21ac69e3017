"""The procedure importer: the catalog, the merge, located errors, the change report of a
re-import, ``kb show``, and the bundled records (the readers' quirks are in
test_procedures_readers.py).

Fixtures under tests/fixtures/tthc/ are real files of ../shared/data/tthc (page-text files
without their unused ``raw_text``); the whole-folder tests read the shared data itself.
"""

from __future__ import annotations

import io
import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from bot.knowledge.records.importer import Import, load_catalog, load_records, read_paths
from bot.knowledge.records.model import Record
from handlers.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "tthc"
EXTRA = Path(__file__).parent / "fixtures" / "tthc-extra"
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "tthc"
BUNDLE = Path(__file__).resolve().parents[1] / "knowledge" / "records"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/tthc is not here")


@pytest.fixture(scope="module")
def fixtures() -> dict[str, Record]:
    result = read_paths([FIXTURES])
    assert result.skipped == []
    return {r.code: r for r in result.records}


@pytest.fixture(scope="module")
def whole() -> Import:
    return read_paths([DATA])


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


# catalog and merge


def test_catalog_keeps_every_line_with_its_fields() -> None:
    catalog = read_paths([FIXTURES / "portal-api/catalog.jsonl"]).catalog
    assert catalog is not None
    assert [c.code for c in catalog] == ["1.001193", "1.001471", "1.013133", "1.014325", "1.014325",
                                         "2.000815", "3.000616"]
    khai_sinh = catalog[0]
    assert (khai_sinh.fields, khai_sinh.promulgator, khai_sinh.state) == \
        (("Hộ tịch",), "Bộ Tư pháp", "UPDATED")


def test_the_newer_snapshot_wins_and_the_other_is_kept_as_also(fixtures: dict[str, Record]) -> None:
    khai_sinh = fixtures["1.001193"]
    assert khai_sinh.source.format == "portal-api"
    assert [(a.format, a.path, a.snapshot) for a in khai_sinh.also] == [
        ("portal-pages", "portal-pages/bo-tu-phap/1.001193.json", "2026-06-01")]


def test_a_newer_decision_date_wins_over_a_newer_snapshot(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "portal-api", tmp_path / "a" / "portal-api")
    shutil.copytree(FIXTURES / "portal-api", tmp_path / "b" / "portal-api")
    older = tmp_path / "b/portal-api/details/1.001193.json"
    doc = json.loads(older.read_text("utf-8"))
    # an older decision (2020-01-01) in the copy read second
    doc["data"]["procedureProposal"].update(proposalNumber="1/QĐ-BTP", decisionDate=1577811600000)
    older.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    merged = {r.code: r for r in read_paths([tmp_path / "b", tmp_path / "a"]).records}
    assert merged["1.001193"].decision is not None and merged["1.001193"].decision.number == "163/QĐ-BTP"
    assert merged["1.001193"].decision.date == "2026-01-16"


# broken files


def test_unreadable_files_are_located_and_nothing_of_them_is_imported(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "tthc")
    details = tmp_path / "tthc/portal-api/details"
    truncated = '{"code": "OK", "data": {"code": "9.000001", "name": "Cắt'
    (details / "9.000001.json").write_text(truncated, "utf-8")
    no_code = json.loads((details / "1.000656.json").read_text("utf-8"))
    no_code["data"]["code"] = no_code["data"]["codeNotation"] = ""
    (details / "1.000656.json").write_text(json.dumps(no_code, ensure_ascii=False), "utf-8")
    page = tmp_path / "tthc/portal-pages/bo-tu-phap/2.000815.json"
    bad = json.loads(page.read_text("utf-8"))
    bad["thanh_phan_ho_so"] = ["not", "text"]
    page.write_text(json.dumps(bad, ensure_ascii=False), "utf-8")
    catalog = tmp_path / "tthc/portal-api/catalog.jsonl"
    lines = catalog.read_text("utf-8").splitlines()
    broken = '{"code": "9.000002", "name": "Hỏng"'
    catalog.write_text("\n".join([lines[0], broken, *lines[1:]]) + "\n", "utf-8")

    result = read_paths([tmp_path / "tthc"])

    assert sorted(str(e) for e in result.skipped) == [
        "portal-api/catalog.jsonl:2: JSON hỏng (cột 36): Expecting ',' delimiter",
        "portal-api/details/1.000656.json: không có mã thủ tục (code)",
        "portal-api/details/9.000001.json: JSON hỏng (dòng 1, cột 53): Unterminated string starting at",
        "portal-pages/bo-tu-phap/2.000815.json: thiếu hoặc sai kiểu mục: thanh_phan_ho_so"]
    codes = {r.code for r in result.records}
    assert "9.000001" not in codes and "1.000656" not in codes
    assert "2.000815" not in codes  # the page was the only copy of the code
    assert "9.000002" not in {c.code for c in result.catalog or []}
    assert len(result.catalog or []) == 7


def test_the_cli_prints_skipped_files_and_exits_1(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "bqp-doc", tmp_path / "in" / "bqp-doc")
    (tmp_path / "in/bqp-doc/1.013999.json").write_text("{", "utf-8")
    code, out = run("kb", "import-procedures", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "Bỏ qua 1 tệp/dòng không đọc được" in out
    assert "bqp-doc/1.013999.json: JSON hỏng (dòng 1, cột 2)" in out
    assert [r.code for r in load_records(tmp_path / "out")] == ["1.013133"]


# re-import


def test_a_second_run_on_a_changed_copy_reports_every_change(tmp_path: Path) -> None:
    src, out_dir = tmp_path / "tthc", tmp_path / "records"
    shutil.copytree(FIXTURES, src)
    code, first = run("kb", "import-procedures", str(src), "--out", str(out_dir))
    assert code == 0 and "chưa có: mọi thủ tục đều mới" in first
    khai_tu = src / "portal-api/details/1.000656.json"
    doc = json.loads(khai_tu.read_text("utf-8"))
    doc["data"]["procedureProposal"].update(proposalNumber="999/QĐ-BTP", decisionDate=1782838800000)
    doc["data"]["executionMethods"][2]["fees"] = [{"type": "FEE", "value": 8000, "description": ""}]
    doc["data"]["executionMethods"][2].update(processingTime=3, processingTimeUnit="WORKING_DAY")
    khai_tu.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    nvqs = src / "bqp-doc/1.013133.json"
    bqp = json.loads(nvqs.read_text("utf-8"))
    bqp["tables"]["thanh_phan_ho_so"].pop(0)
    nvqs.write_text(json.dumps(bqp, ensure_ascii=False), "utf-8")
    (src / "portal-pages/bo-tai-chinh/1.008340.json").unlink()
    shutil.copy(EXTRA / "bqp-doc/1.013134.json", src / "bqp-doc/1.013134.json")

    code, second = run("kb", "import-procedures", str(src), "--out", str(out_dir))

    assert code == 0
    lines = second.splitlines()
    assert "  ~ 1.000656 Thủ tục đăng ký khai tử — quyết định công bố: 163/QĐ-BTP; 2026-01-16 → " \
           "999/QĐ-BTP; 2026-07-01" in lines
    assert any(x.startswith("  ~ 1.000656 Thủ tục đăng ký khai tử — phí, lệ phí: ") and
               x.endswith("trực tiếp: 8000") for x in lines)
    assert any(x.startswith("  ~ 1.000656 Thủ tục đăng ký khai tử — thời hạn giải quyết: ") and
               x.endswith("trực tiếp: 3 Ngày làm việc") for x in lines)
    assert "  ~ 1.013133 Thủ tục đăng ký nghĩa vụ quân sự lần đầu — thành phần hồ sơ: " \
           "bỏ: Phiếu tự khai sức khỏe nghĩa vụ quân sự [1/0]" in lines
    assert any(x.startswith("  - 1.008340 Khai thuế thu nhập cá nhân")
               and x.endswith("— không còn trong dữ liệu mới (4472/QĐ-BTC)") for x in lines)
    assert any(x.startswith("  + 1.013134 Thủ tục đăng ký nghĩa vụ quân sự chuyển đi")
               and x.endswith("— mới (6375/QĐ-BQP)") for x in lines)
    assert "Danh mục: 0 mã mới, 0 mã không còn." in lines
    assert {r.code for r in load_records(out_dir)} >= {"1.013134"}


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    code, out = run("kb", "import-procedures", str(FIXTURES), "--out", str(tmp_path / "o"), "--dry-run")
    assert code == 0 and "--dry-run: không ghi tệp." in out
    assert not (tmp_path / "o").exists()


# kb show


def test_show_prints_a_record_with_its_source(tmp_path: Path) -> None:
    run("kb", "import-procedures", str(FIXTURES), "--out", str(tmp_path / "records"))
    code, out = run("kb", "show", "1.001193", "--knowledge", str(tmp_path))
    assert code == 0
    assert out.startswith("1.001193 — Thủ tục đăng ký khai sinh\nLĩnh vực: Hộ tịch\n")
    assert "  - Trực tiếp: thời hạn 1 Ngày làm việc; phí, lệ phí: miễn phí" in out
    assert "Nguồn: portal-api, portal-api/details/1.001193.json, dữ liệu ngày 2026-07-18" in out
    assert "Quyết định công bố: 163/QĐ-BTP ngày 2026-01-16 (Bộ Tư pháp)" in out
    assert "Trang Cổng DVC quốc gia: https://dichvucong.gov.vn/p/home/" \
           "dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193" in out


def test_show_prints_the_catalog_line_of_a_code_without_a_record(tmp_path: Path) -> None:
    run("kb", "import-procedures", str(FIXTURES), "--out", str(tmp_path / "records"))
    code, out = run("kb", "show", "1.001471", "--knowledge", str(tmp_path))
    assert code == 0
    assert out.startswith("1.001471 — Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)\n"
                          "(chỉ có trong danh mục quốc gia, chưa có bản ghi đầy đủ)\n")


def test_show_an_unknown_code_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("kb", "import-procedures", str(FIXTURES), "--out", str(tmp_path / "records"))
    code, out = run("kb", "show", "9.999999", "--knowledge", str(tmp_path))
    assert (code, out) == (1, "")
    assert "Không có thủ tục mã 9.999999" in capsys.readouterr().err


# the whole folder and the bundle

COMMON = {  # the common commune procedures the issue names, by their national codes
    "1.001193": "khai sinh", "1.000894": "kết hôn", "1.000656": "khai tử", "1.004222": "thường trú",
    "1.004194": "tạm trú", "1.010038": "tách hộ", "2.001159": "lưu trú", "2.000815": "chứng thực bản sao",
    "2.000884": "chứng thực chữ ký", "2.001035": "chứng thực hợp đồng, giao dịch",
    "1.004873": "xác nhận tình trạng hôn nhân", "2.000635": "bản sao trích lục hộ tịch",
    **{f"1.01406{i}": "căn cước" for i in range(1, 9)}, "1.001612": "hộ kinh doanh",
    "1.013133": "nghĩa vụ quân sự"}
#: What the source itself leaves empty ("Không có thông tin", or no fee in the API record).
GAPS = {"2.001159": {"fee"}, "2.000815": {"time"}, "2.000884": {"time"}, "2.001035": {"time"},
        "1.014061": {"fee"}, "1.014062": {"fee"}, "1.014065": {"fee"}, "1.014068": {"fee"}}


def missing(r: Record) -> set[str]:
    gaps = set()
    if not any(m.time_limit for m in r.methods):
        gaps.add("time")
    if not any(f.amount is not None or f.free or f.province for m in r.methods for f in m.fees):
        gaps.add("fee")
    if not any(g.documents for g in r.documents):
        gaps.add("documents")
    return gaps


@needs_data
def test_the_whole_folder_reads_without_a_skipped_file(whole: Import) -> None:
    assert whole.skipped == []
    assert whole.read == {"portal-api": 502, "portal-pages": 1048, "bqp-doc": 94}
    assert whole.ignored == ["portal-api/provinces.json"]
    assert len(whole.records) == 1582
    assert len(whole.catalog or []) == 5670
    assert 450 <= len(whole.commune) <= 500


@needs_data
@pytest.mark.parametrize("code", sorted(COMMON))
def test_common_commune_procedures_are_complete_where_the_source_is(whole: Import, code: str) -> None:
    record = next(r for r in whole.records if r.code == code)
    assert record.commune, COMMON[code]
    assert missing(record) == GAPS.get(code, set())


@needs_data
def test_every_text_is_nfc(whole: Import) -> None:
    for r in whole.records:
        line = r.to_json()
        assert unicodedata.normalize("NFC", line) == line, r.code


@needs_data
def test_the_bundled_records_are_what_the_importer_makes_of_the_data(whole: Import) -> None:
    bundled = load_records(BUNDLE)
    assert [r.to_json() for r in bundled] == [r.to_json() for r in whole.records]
    assert [c.to_json() for c in load_catalog(BUNDLE)] == [c.to_json() for c in whole.catalog or []]
