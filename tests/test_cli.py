"""The cchc-bot command line, called in-process and as a real installed program."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from handlers.cli import main


@pytest.fixture(autouse=True)
def isolated(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("CCHC_KNOWLEDGE", raising=False)


def run(*argv: str, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


def test_ask_json_has_the_documented_fields() -> None:
    code, out = run("ask", "lam giay khai sinh o dau", "--json", "--locality", "ky-lac")
    result = json.loads(out)
    assert code == 0
    assert set(result) == {"answer", "status", "entry_id", "procedure_code", "field", "score",
                           "suggestions", "source"}
    assert result["status"] == "answered" and result["entry_id"] == "tthc-dang-ky-khai-sinh"
    assert result["procedure_code"] == "1.001193" and result["field"] == "where"
    assert 0 <= result["score"] <= 100
    assert result["source"].startswith("Nguồn:")


@pytest.mark.parametrize(("question", "code", "field", "facts"), [
    ("đăng ký kết hôn cần giấy tờ gì", "1.000894", "documents", ["Tờ khai", "xác nhận tình trạng hôn nhân"]),
    ("dang ky tam tru het bao nhieu tien", "1.004194", "fee", ["15.000", "7.000"]),
    ("mo quan tap hoa can dang ky gi", "1.001612", None, ["hộ kinh doanh"]),
    ("làm hộ chiếu ở xã được không", "1.001456", "where", ["không làm ở xã", "Công an"]),
    ("làm căn cước cho con 10 tuổi mất bao lâu, bao nhiêu tiền", "1.014062", "time_limit+fee",
     ["7 ngày làm việc", "50%"]),
])
def test_ask_json_answers_from_the_record_with_the_field_asked(
        question: str, code: str, field: str | None, facts: list[str]) -> None:
    _, out = run("ask", question, "--json", "--no-log")
    result = json.loads(out)
    assert (result["status"], result["procedure_code"], result["field"]) == ("answered", code, field)
    for fact in facts:
        assert fact.lower() in result["answer"].lower()
    assert f"mã {code}" in result["source"] and "dichvucong.gov.vn" in result["source"]


def test_ask_conversation_reads_follow_ups_against_the_procedure_discussed() -> None:
    talk = "đăng ký tạm trú cần gì\nthế còn phí?\n\nthế còn phí?\n"
    code, out = run("ask", "--json", "--conversation", "-", stdin=talk)
    first, follow, stranger = (json.loads(line) for line in out.splitlines())
    assert code == 0
    assert first[0]["procedure_code"] == "1.004194" and first[0]["field"] == "documents"
    assert follow[0]["procedure_code"] == "1.004194" and follow[0]["field"] == "fee"
    assert "15.000" in follow[0]["answer"]
    assert stranger[0]["status"] != "answered"  # a new person has nothing under discussion


def test_ask_reads_questions_from_stdin_one_json_per_line_in_order() -> None:
    code, out = run("ask", "--json", "-", stdin="đăng ký kết hôn\n\ngiá vàng hôm nay\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["status"] for r in lines] == ["answered", "empty", "fallback"]
    assert lines[0]["entry_id"] == "tthc-dang-ky-ket-hon"


def test_ask_logs_only_with_log_and_then_with_channel_cli(env: dict[str, str]) -> None:
    import sqlite3
    run("ask", "đăng ký kết hôn")
    run("ask", "đăng ký kết hôn", "--no-log")
    run("ask", "đăng ký kết hôn", "--log")
    rows = sqlite3.connect(env["CCHC_DB"]).execute("SELECT channel FROM interactions").fetchall()
    assert rows == [("cli",)]


def test_ask_with_unknown_locality_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("ask", "x", "--locality", "khong-co")
    assert code == 1
    assert "không có địa phương mã 'khong-co'" in capsys.readouterr().err


def test_kb_check_passes_on_bundled_knowledge() -> None:
    code, out = run("kb", "check")
    assert code == 0 and out.startswith("OK:")


def test_kb_check_fails_with_located_message_on_broken_file(kb_copy: Path) -> None:
    (kb_copy / "faq" / "dvc.yaml").write_text("entries:\n  - id: a\n    topic: [\n", "utf-8")
    code, out = run("kb", "check", str(kb_copy))
    assert code == 1
    assert "faq/dvc.yaml:4: lỗi cú pháp YAML" in out


def test_chat_runs_the_dialogue_with_numbered_choices() -> None:
    code, out = run("chat", stdin="2\n1\n/thoat\n")
    assert code == 0
    assert "3. Địa phương khác" in out
    assert "Đã chọn: Xã Kỳ Lạc" in out
    topic = out.split("› Dịch vụ công trực tuyến\n", 1)[1]  # the menu's first choice, then its list
    assert "\n1. Cổng Dịch vụ công quốc gia là gì" in topic


def test_eval_prints_the_figures(tmp_path: Path) -> None:
    tsv = tmp_path / "eval.tsv"
    tsv.write_text("đăng ký kết hôn\ttthc-dang-ky-ket-hon\t\t\ngia vang hom nay\t-\t\toos\n", "utf-8")
    code, out = run("eval", str(tsv))
    assert code == 0
    assert "top-1 accuracy (answered correctly): 100.0% (1/1)" in out
    assert "out-of-scope → fallback: 100.0% (1/1)" in out
    assert "p99" in out


def test_eval_rejects_unknown_entry_ids_with_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tsv = tmp_path / "eval.tsv"
    tsv.write_text("# comment\ncâu hỏi\tkhong-co-muc\n", "utf-8")
    assert run("eval", str(tsv))[0] == 1
    assert "eval.tsv:2: mã mục 'khong-co-muc'" in capsys.readouterr().err


def test_privacy_export_and_delete_from_the_command_line() -> None:
    run("ask", "đăng ký kết hôn", "--log")
    user = f"ask:{__import__('getpass').getuser()}"
    code, out = run("privacy", "export", "--channel", "cli", "--user", user)
    assert code == 0 and json.loads(out)["interactions"][0]["text"] == "đăng ký kết hôn"
    assert run("privacy", "delete", "--channel", "cli", "--user", user)[1] == "Đã xóa 1 bản ghi.\n"


@pytest.mark.slow
def test_installed_program_finds_bundled_knowledge_from_another_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CCHC_KNOWLEDGE"}
    env.update(CCHC_DATA_DIR=str(tmp_path / "d"), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "handlers", "kb", "check"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:")


def test_officers_add_list_remove() -> None:
    assert run("officers", "add", "telegram:123456789") == (0, "Đã thêm telegram:123456789\n")
    assert run("officers", "add", "telegram:123456789")[1] == "Đã có sẵn telegram:123456789\n"
    listed = run("officers", "list")[1]
    assert listed.startswith("telegram:#") and "123456789" not in listed  # stored by pseudonym only
    assert run("officers", "remove", "telegram:123456789")[1] == "Đã bỏ telegram:123456789\n"
    assert run("officers", "list")[1] == ""


def test_officer_id_must_name_a_channel(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("officers", "add", "123")[0] == 1
    assert "không đúng dạng CHANNEL:ID" in capsys.readouterr().err


def test_broadcast_create_list_status_cancel(tmp_path: Path) -> None:
    body = tmp_path / "tb.txt"
    body.write_text("Lịch tiếp công dân tháng 12", "utf-8")
    code, out = run("broadcast", "create", "--file", str(body), "--topic", "lich-tiep-cong-dan",
                    "--locality", "ky-lac", "--at", "2099-12-01 08:00", "--every", "week")
    assert code == 0
    assert out.startswith("Thông báo #1: 0 người nhận hiện tại; gửi: 01/12/2099 08:00 (giờ Việt Nam), "
                          "lặp lại hằng tuần\nLưu ý: chưa có kênh nào (Telegram, Zalo) được cấu hình")
    assert run("broadcast", "list")[1].startswith("#1\tscheduled\t01/12/2099 08:00\tlich-tiep-cong-dan")
    assert "scheduled" in run("broadcast", "status", "1")[1]
    assert run("broadcast", "cancel", "1")[1] == "Đã dừng thông báo #1; 0 tin chưa gửi đã hủy.\n"
    assert run("broadcast", "status", "1")[1].startswith("#1 cancelled")


@pytest.mark.parametrize(("args", "message"), [
    (["--text", "x", "--topic", "khong-co", "--locality", "all"], "chủ đề 'khong-co' không có"),
    (["--text", "x", "--topic", "thong-bao-chung", "--locality", "xa-la"], "không có địa phương"),
    (["--text", "x" * 2001, "--topic", "thong-bao-chung", "--locality", "all"], "1–2000 ký tự"),
    (["--text", "x", "--topic", "thong-bao-chung", "--locality", "all", "--at", "mai"],
     "--at: thời điểm gửi phải có dạng"),
    (["--text", "x", "--topic", "thong-bao-chung", "--locality", "all", "--at", "2001-01-01 08:00"],
     "--at: thời điểm gửi 01/01/2001 08:00 (giờ Việt Nam) đã qua"),
    (["--text", "x", "--topic", "thong-bao-chung", "--locality", "tam-nong"],
     "cấp huyện đã kết thúc hoạt động từ 1/7/2025"),
])
def test_broadcast_create_refuses_bad_input(args: list[str], message: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run("broadcast", "create", *args)[0] == 1
    assert message in capsys.readouterr().err


def test_staff_add_refuses_a_short_password_before_asking_for_it_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    prompts: list[str] = []

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return "ngan"

    monkeypatch.setattr("getpass.getpass", getpass)
    code, _ = run("staff", "add", "canbo1")
    assert code != 0
    assert prompts == ["Mật khẩu (ít nhất 10 ký tự): "]
    assert run("staff", "list") == (0, "")
