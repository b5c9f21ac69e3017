"""Start-up without the platforms: ``serve`` answers at once (web chat, dashboard, /healthz)
while Telegram and Zalo answer 500, and registers both webhooks once they recover;
``cchc-bot telegram`` and ``cchc-bot zalo`` wait and retry instead of exiting."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.fake_telegram import TOKEN, FakeTelegram
from tests.fake_zalo import TOKEN as ZALO_TOKEN
from tests.fake_zalo import FakeZalo

pytestmark = pytest.mark.slow  # real `cchc-bot` processes


def eventually(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def fakes() -> Iterator[tuple[FakeTelegram, FakeZalo]]:
    with FakeTelegram() as tg, FakeZalo() as zalo:
        tg.down = {"*"}
        zalo.down = {"*"}
        yield tg, zalo


def start(command: str, env: dict[str, str], extra: dict[str, str],
          tmp_path: Path) -> subprocess.Popen[bytes]:
    with (tmp_path / f"{command}.log").open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "handlers", command],
                                env={**os.environ, **env, **extra}, cwd=tmp_path, stdout=out,
                                stderr=out)


def stop(proc: subprocess.Popen[bytes]) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(30)


def test_serve_answers_while_both_platforms_fail_and_registers_webhooks_when_they_recover(
        fakes: tuple[FakeTelegram, FakeZalo], env: dict[str, str], tmp_path: Path) -> None:
    tg, zalo = fakes
    port = free_port()
    proc = start("serve", env, {
        "CCHC_PORT": str(port), "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": tg.url,
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.gov.vn/webhook/telegram",
        "TELEGRAM_WEBHOOK_SECRET": "telegram-secret", "ZALO_BOT_TOKEN": ZALO_TOKEN,
        "ZALO_API_URL": zalo.url, "ZALO_WEBHOOK_URL": "https://bot.example.gov.vn/webhook/zalo",
        "ZALO_WEBHOOK_SECRET": "zalo-secret-123"}, tmp_path)
    log = tmp_path / "serve.log"
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            def up() -> bool:
                assert proc.poll() is None, log.read_text()
                try:
                    return client.get("/healthz").status_code == 200
                except httpx.TransportError:
                    return False
            eventually(up, "serve did not answer")
            retrying = {"telegram": "retrying: NetworkError", "zalo": "retrying: ZaloNetworkError"}
            eventually(lambda: client.get("/healthz").json()["channels"] == retrying, "no retry")
            page = client.get("/").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            answer = client.post("/chat", data={"csrf": csrf, "text": "lam giay khai sinh o dau"},
                                 follow_redirects=True)
            assert answer.status_code == 200 and "khai sinh" in answer.text
            assert client.get("/admin/login").status_code == 200

            tg.down = set()
            zalo.down = set()
            eventually(lambda: bool(tg.sent("setWebhook")) and bool(zalo.sent("setWebhook")),
                       "webhooks not registered after recovery")
            assert tg.sent("setWebhook")[0]["url"] == "https://bot.example.gov.vn/webhook/telegram"
            assert zalo.sent("setWebhook")[0]["url"] == "https://bot.example.gov.vn/webhook/zalo"
            eventually(lambda: client.get("/healthz").json()["channels"] ==
                       {"telegram": "ready", "zalo": "ready"}, "channels not ready")
    finally:
        code = stop(proc)
    assert code in (0, -signal.SIGTERM), log.read_text()  # uvicorn re-raises the signal it handled


@pytest.mark.parametrize("command", ["telegram", "zalo"])
def test_polling_waits_for_the_platform_instead_of_exiting(
        fakes: tuple[FakeTelegram, FakeZalo], env: dict[str, str], tmp_path: Path, command: str) -> None:
    tg, zalo = fakes
    fake = tg if command == "telegram" else zalo
    extra = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": tg.url} if command == "telegram" else \
        {"ZALO_BOT_TOKEN": ZALO_TOKEN, "ZALO_API_URL": zalo.url}
    proc = start(command, env, extra, tmp_path)
    log = tmp_path / f"{command}.log"
    try:
        first = "getMe" if command == "telegram" else "deleteWebhook"
        eventually(lambda: len(fake.refused_calls(first)) >= 1 or proc.poll() is not None, "no attempt")
        assert proc.poll() is None, log.read_text()  # refused, and still running: it retries
        fake.down = set()
        polled = (lambda: bool(tg.sent("getUpdates"))) if command == "telegram" else \
            (lambda: "getUpdates" in zalo.attempts)
        eventually(polled, "polling did not start after recovery")
    finally:
        code = stop(proc)
    assert code == 0, log.read_text()
