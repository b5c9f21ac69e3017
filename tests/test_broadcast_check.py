"""The one check of an announcement: the dashboard, the command line and the chat compose give
the same verdict, with the same message, on the same bad input; nothing is queued."""

from __future__ import annotations

import asyncio
import html
import io
import re
from datetime import datetime

import httpx
import pytest

from bot.app import Core
from bot.broadcast.check import MAX_TEXT, BroadcastError, check_announcement, current_localities
from bot.clock import VIETNAM, parse_local
from bot.messages import ComposeStep, Incoming, Reply
from bot.privacy import pseudonym
from bot.storage.accounts import Accounts
from handlers.cli import main
from handlers.web import create_app
from tests.serving import served

PASSWORD = "mat-khau-can-bo-2026"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
GOOD = "Từ 1/12, bộ phận một cửa làm việc cả sáng thứ Bảy."
#: (text, topic, locality) each wrong in one part, in the order a person fills them in
BAD = [
    ("x" * (MAX_TEXT + 1), "thong-bao-chung", "all"),
    (GOOD, "khong-co", "all"),
    (GOOD, "thong-bao-chung", "xa-la"),
]


def verdicts(core: Core) -> list[str]:
    """What the check itself says about each bad input."""
    out = []
    for text, topic, locality in BAD:
        with pytest.raises(BroadcastError) as refused:
            check_announcement(core.kb, text=text, topic=topic, locality=locality)
        out.append(str(refused.value))
    return out


@pytest.mark.parametrize(("kwargs", "part", "message"), [
    ({"text": "  \u200b "}, "text", "phải có 1–2000 ký tự (đang có 0)"),
    ({"text": "x" * 2001}, "text", "phải có 1–2000 ký tự (đang có 2001)"),
    ({"topic": "khong-co"}, "topic", "chủ đề 'khong-co' không có; dùng: thong-bao-chung"),
    ({"locality": "xa-la"}, "locality", "không có địa phương mã 'xa-la'"),
    ({"at": "mai"}, "at", 'thời điểm gửi phải có dạng "YYYY-MM-DD HH:MM"'),
    ({"at": "9999-01-01 08:00"}, "at", "năm 2000–2100"),
    ({"every": "day"}, "every", 'chỉ lặp lại được hằng tuần (week), nhận được "day"'),
])
def test_a_bad_part_is_refused_with_its_name(core: Core, kwargs: dict[str, str], part: str,
                                             message: str) -> None:
    good = {"text": GOOD, "topic": "thong-bao-chung", "locality": "ky-lac"}
    with pytest.raises(BroadcastError) as refused:
        check_announcement(core.kb, **{**good, **kwargs})
    assert refused.value.part == part and message in str(refused.value)


def test_a_good_announcement_comes_back_cleaned_and_typed(core: Core) -> None:
    a = check_announcement(core.kb, text=f" {GOOD}\u200b", topic="thong-bao-chung", locality="all",
                           at="2026-12-01 07:30", every="week",
                           now=datetime(2026, 11, 30, 21, 0, tzinfo=VIETNAM))
    assert (a.text, a.topic, a.locality, a.every) == (GOOD, "thong-bao-chung", None, "week")
    assert a.due == datetime(2026, 12, 1, 7, 30, tzinfo=VIETNAM)


def test_the_dashboard_refuses_with_the_checks_message(core: Core) -> None:
    Accounts(core.store).add("canbo", PASSWORD)
    seen: list[str] = []

    async def scenario() -> None:
        async with served(create_app(core)) as client:
            token = CSRF.search((await client.get("/admin/login")).text).group(1)  # type: ignore[union-attr]
            await client.post("/admin/login", data={"csrf": token, "username": "canbo", "password": PASSWORD})
            csrf = CSRF.search((await client.get("/admin/broadcasts")).text).group(1)  # type: ignore[union-attr]
            for text, topic, locality in BAD:
                r: httpx.Response = await client.post("/admin/broadcasts", data={
                    "csrf": csrf, "text": text, "topic": topic, "locality": locality, "action": "send"})
                found = re.search(r'<div class="error" role="alert">(.*?)</div>', r.text, re.S)
                seen.append(html.unescape(found.group(1)).strip() if found else r.text[:200])

    asyncio.run(scenario())
    assert seen == verdicts(core)
    assert core.outbox.list() == []


def test_the_command_line_refuses_with_the_checks_message(core: Core, env: dict[str, str],
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("CCHC_KNOWLEDGE", raising=False)
    for (text, topic, locality), verdict in zip(BAD, verdicts(core), strict=True):
        code = main(["broadcast", "create", "--text", text, "--topic", topic, "--locality", locality],
                    out=io.StringIO(), stdin=io.StringIO())
        assert code == 1 and verdict in capsys.readouterr().err
    assert core.outbox.list() == []


def test_the_chat_compose_refuses_with_the_checks_message_and_keeps_the_draft(core: Core) -> None:
    core.outbox.add_officer("telegram", pseudonym(core.settings.secret, "telegram", "7"))

    def say(text: str = "", step: ComposeStep | None = None) -> Reply:
        payload = str(step) if step is not None else None
        return core.dialogue.handle(Incoming("telegram", "7", text, payload, address="7"))[-1]

    seen = []
    for text, topic, locality in BAD:
        say("/thongbao")
        reply = say(text)
        if reply.text == core.kb.text("bc_ask_topic"):
            reply = say(step=ComposeStep("topic", topic))
        if reply.text == core.kb.text("bc_ask_locality"):
            reply = say(step=ComposeStep("loc", None if locality == "all" else locality))
        seen.append(reply.text)
        if reply.choices:  # refused at a step with choices: they are offered again, the draft kept
            kept = say(step=ComposeStep("loc", "ky-lac") if "locality" in reply.text
                       else ComposeStep("topic", "thong-bao-chung"))
            assert not kept.text.startswith(core.kb.text("bc_cancelled"))
        say("/huy")
    assert seen == verdicts(core)
    assert core.outbox.list() == []


def test_a_time_already_past_is_refused_not_sent_at_once(core: Core) -> None:
    with pytest.raises(BroadcastError) as refused:
        check_announcement(core.kb, text=GOOD, topic="thong-bao-chung", locality="ky-lac",
                           at="2026-03-02 08:00", now=datetime(2026, 3, 2, 9, 15, tzinfo=VIETNAM))
    assert refused.value.part == "at"
    assert str(refused.value) == ("thời điểm gửi 02/03/2026 08:00 (giờ Việt Nam) đã qua — bây giờ là "
                                  "02/03/2026 09:15; muốn gửi ngay thì để trống thời điểm gửi")


@pytest.mark.parametrize("at", ["2026-03-02 17:00", "2026-03-02 09:15", "2026-03-02 09:06"])
def test_a_later_time_or_the_minute_just_typed_is_accepted(core: Core, at: str) -> None:
    a = check_announcement(core.kb, text=GOOD, topic="thong-bao-chung", locality="ky-lac",
                           at=at, now=datetime(2026, 3, 2, 9, 15, 40, tzinfo=VIETNAM))
    assert a.due == parse_local(at)


def test_an_abolished_district_is_refused(core: Core) -> None:
    with pytest.raises(BroadcastError) as refused:
        check_announcement(core.kb, text=GOOD, topic="thong-bao-chung", locality="tam-nong")
    assert refused.value.part == "locality"
    assert "Huyện Tam Nông: cấp huyện đã kết thúc hoạt động từ 1/7/2025" in str(refused.value)


def test_officers_pick_among_current_localities_only(core: Core) -> None:
    codes = {loc.code for loc in current_localities(core.kb)}
    assert "ky-lac" in codes
    assert not codes & {"tam-nong", "cho-don", "ham-tan", "vi-du"}
