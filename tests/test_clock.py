"""Time at the edges: Vietnam time typed and shown, UTC instants stored and compared; scheduled
and weekly broadcasts start when due (with an injected clock), also through the CLI."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import Core
from bot.clock import VIETNAM, iso, next_weekly, normalise, parse_local, show
from bot.errors import InputError
from bot.messages import Incoming
from bot.privacy import pseudonym
from bot.storage.outbox import Outbox
from handlers.cli import main
from tests.test_broadcast import subscribers


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def cli(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, *argv: str) -> str:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("ZALO_BOT_TOKEN", raising=False)
    out = io.StringIO()
    assert main(list(argv), out=out) == 0
    return out.getvalue()


def test_vietnam_wall_time_is_stored_as_the_utc_instant() -> None:
    due = parse_local("2026-12-01 07:30")
    assert iso(due) == "2026-12-01T00:30:00.000+00:00"
    assert parse_local("2026-12-01T07:30") == due  # the dashboard's datetime-local field
    assert show(iso(due)) == "01/12/2026 07:30"
    assert show("2026-11-30T17:05:00.000+00:00", "%d/%m/%Y") == "01/12/2026"  # after midnight in Vietnam


def test_a_typed_time_must_be_a_time() -> None:
    with pytest.raises(InputError, match="giờ Việt Nam"):
        parse_local("mai 7 giờ")


def test_weekly_repeats_keep_their_vietnam_wall_clock_time() -> None:
    due = datetime(2026, 12, 1, 7, 30, tzinfo=VIETNAM)
    nxt = next_weekly(due, due.astimezone(UTC) + timedelta(days=20))
    assert (nxt.astimezone(VIETNAM).date().isoformat(), show(nxt, "%H:%M")) == ("2026-12-22", "07:30")


@pytest.mark.parametrize("minutes", [-2, 2])
def test_a_broadcast_scheduled_in_vietnam_time_starts_when_due(
        core: Core, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, minutes: int) -> None:
    subscribers(core, 2)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    at = (now + timedelta(minutes=minutes)).astimezone(VIETNAM).strftime("%Y-%m-%d %H:%M")
    out = cli(env, monkeypatch, "broadcast", "create", "--text", "Lịch tiếp dân", "--topic",
              "thong-bao-chung", "--locality", "ky-lac", "--at", at)
    assert f"gửi: {show(parse_local(at))} (giờ Việt Nam)" in out
    clock = Clock(now)
    outbox = Outbox(core.store, clock)
    if minutes > 0:
        assert outbox.start_due(senders={"telegram"}) == []
        clock.now = now + timedelta(minutes=minutes, seconds=-1)
        assert outbox.start_due(senders={"telegram"}) == []
        clock.now = now + timedelta(minutes=minutes)
    assert outbox.start_due(senders={"telegram"}) == [1]
    assert outbox.status(1)["reach"]["pending"] == 2  # type: ignore[index]


def test_timestamps_written_with_another_offset_are_rewritten_in_utc() -> None:
    assert normalise("2026-12-01T07:30:00+07:00") == "2026-12-01T00:30:00.000+00:00"


def test_lists_and_the_log_show_vietnam_time(core: Core, env: dict[str, str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    core.outbox.create(text="x", topic="thong-bao-chung", locality=None, created_by="t",
                       due=datetime(2026, 11, 30, 17, 5, tzinfo=UTC), every="week")
    core.close()
    listed = cli(env, monkeypatch, "broadcast", "list")
    assert listed.startswith("#1\tscheduled\t01/12/2026 00:05\t")


def test_dulieu_shows_vietnam_time(core: Core) -> None:
    key = pseudonym(core.settings.secret, "telegram", "9")
    core.store.log_interaction(channel="telegram", user_key=key, locality=None, kind="question",
                               text="làm căn cước", ts="2026-11-30T17:05:00.000+00:00")
    text = core.dialogue.handle(Incoming("telegram", "9", "/dulieu"))[0].text
    assert "• 01/12/2026 00:05 [question] làm căn cước" in text
