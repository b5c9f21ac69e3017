"""Settings: read once from a mapping, with documented defaults; a bad value is a clear error that
names the setting, before anything starts."""

from __future__ import annotations

import dataclasses
import io
import stat
from pathlib import Path
from typing import Any

import pytest

from bot.app import Core
from bot.config import BUNDLED_KNOWLEDGE, SETTINGS, Settings, load_settings
from bot.errors import ConfigError
from handlers.cli import broadcaster, main


def test_defaults_live_under_home(tmp_path: Path) -> None:
    settings = load_settings({"HOME": str(tmp_path)})
    data = tmp_path / ".local/share/cchc-bot"
    assert settings.data_dir == data
    assert settings.db_path == data / "cchc.sqlite3"
    assert settings.cache_dir == tmp_path / ".cache/cchc-bot"
    assert settings.knowledge_dir == BUNDLED_KNOWLEDGE
    assert (settings.retention_days, settings.default_locality, settings.reply_retry_seconds) == (
        365, None, 300)


def test_xdg_folders_are_honoured(tmp_path: Path) -> None:
    settings = load_settings({"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
                              "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert settings.data_dir == tmp_path / "data/cchc-bot"
    assert settings.cache_dir == tmp_path / "cache/cchc-bot"


def test_without_a_secret_one_is_generated_once_per_data_folder_and_kept_private(tmp_path: Path) -> None:
    env = {"CCHC_DATA_DIR": str(tmp_path / "data")}
    first = load_settings(env).secret
    assert len(first) == 64 and int(first, 16)
    assert load_settings(env).secret == first
    key = tmp_path / "data/secret.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert load_settings({"CCHC_DATA_DIR": str(tmp_path / "other")}).secret != first


def values(tmp_path: Path) -> dict[str, tuple[str, str, Any]]:
    """For each setting: a value to give, the Settings field it sets and what that field becomes."""
    (tmp_path / "kb").mkdir()
    return {
        "CCHC_DB": (str(tmp_path / "x.sqlite3"), "db_path", tmp_path / "x.sqlite3"),
        "CCHC_KNOWLEDGE": (str(tmp_path / "kb"), "knowledge_dir", tmp_path / "kb"),
        "CCHC_DATA_DIR": (str(tmp_path / "d"), "data_dir", tmp_path / "d"),
        "CCHC_SECRET": ("a-secret-of-twenty-chars", "secret", b"a-secret-of-twenty-chars"),
        "CCHC_RETENTION_DAYS": ("30", "retention_days", 30),
        "CCHC_LOCALITY": ("ky-lac", "default_locality", "ky-lac"),
        "CCHC_CACHE_DIR": (str(tmp_path / "c"), "cache_dir", tmp_path / "c"),
        "CCHC_REPLY_RETRY_SECONDS": ("60", "reply_retry_seconds", 60),
    }


@pytest.mark.parametrize("key", sorted(SETTINGS))
def test_every_documented_setting_is_read(key: str, tmp_path: Path) -> None:
    given, field, expected = values(tmp_path)[key]
    base = {"HOME": str(tmp_path), "CCHC_SECRET": "the-default-test-secret"}
    assert getattr(load_settings({**base, key: given}), field) == expected
    assert getattr(load_settings(base), field) != expected


def test_every_setting_has_a_test_value(tmp_path: Path) -> None:
    assert set(values(tmp_path)) == set(SETTINGS)


def test_a_leading_tilde_means_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = load_settings({"HOME": str(tmp_path), "CCHC_DB": "~/bot.sqlite3",
                              "CCHC_DATA_DIR": "~/data", "CCHC_CACHE_DIR": "~/cache"})
    assert (settings.db_path, settings.data_dir, settings.cache_dir) == (
        tmp_path / "bot.sqlite3", tmp_path / "data", tmp_path / "cache")


@pytest.mark.parametrize("key", ["CCHC_RETENTION_DAYS", "CCHC_REPLY_RETRY_SECONDS", "CCHC_LOCALITY"])
def test_an_empty_value_means_the_default(key: str, tmp_path: Path) -> None:
    assert load_settings({"HOME": str(tmp_path), key: " " if key != "CCHC_LOCALITY" else ""}) == \
        load_settings({"HOME": str(tmp_path)})


@pytest.mark.parametrize(("key", "value", "message"), [
    ("CCHC_RETENTION_DAYS", "một năm", "CCHC_RETENTION_DAYS phải là số nguyên, nhận được 'một năm'"),
    ("CCHC_RETENTION_DAYS", "0", "CCHC_RETENTION_DAYS phải ≥ 1, nhận được 0"),
    ("CCHC_RETENTION_DAYS", "-5", "CCHC_RETENTION_DAYS phải ≥ 1, nhận được -5"),
    ("CCHC_REPLY_RETRY_SECONDS", "1.5", "CCHC_REPLY_RETRY_SECONDS phải là số nguyên, nhận được '1.5'"),
    ("CCHC_SECRET", "short", "CCHC_SECRET phải dài ít nhất 16 ký tự"),
    ("CCHC_KNOWLEDGE", "/nonexistent/kb", "CCHC_KNOWLEDGE: không tìm thấy thư mục /nonexistent/kb"),
])
def test_a_bad_value_is_an_error_naming_the_setting(
        key: str, value: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings({"HOME": str(tmp_path), key: value})
    assert str(error.value) == message


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = load_settings({"HOME": str(tmp_path)})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.retention_days = 1  # type: ignore[misc]
    assert isinstance(settings, Settings)


def test_the_command_line_reports_a_bad_setting_and_exits_1(
        env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("CCHC_RETENTION_DAYS", "abc")
    assert main(["privacy", "purge"], out=io.StringIO()) == 1
    assert capsys.readouterr().err == "Lỗi: CCHC_RETENTION_DAYS phải là số nguyên, nhận được 'abc'\n"


# --- the adapters' broadcast settings (read when a long-running command starts) ---------------
@pytest.mark.parametrize(("lease", "expected"), [
    (None, (20.0, 10.0, 2.0)),
    ("3", (3.0, 1.5, 0.3)),
    ("60", (60.0, 10.0, 2.0)),
])
def test_the_broadcast_lease_sets_the_send_timeout_and_margin(
        core: Core, monkeypatch: pytest.MonkeyPatch, lease: str | None,
        expected: tuple[float, float, float]) -> None:
    if lease is not None:
        monkeypatch.setenv("CCHC_BROADCAST_LEASE_SECONDS", lease)
    engine = broadcaster(core, {})
    assert (engine.lease_ttl, engine.send_timeout, engine.margin) == pytest.approx(expected)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("CCHC_BROADCAST_LEASE_SECONDS", "0", "CCHC_BROADCAST_LEASE_SECONDS phải lớn hơn 0"),
    ("CCHC_BROADCAST_LEASE_SECONDS", "ba", "CCHC_BROADCAST_LEASE_SECONDS phải là một số, nhận được 'ba'"),
    ("TELEGRAM_BROADCAST_RATE", "-1", "TELEGRAM_BROADCAST_RATE phải lớn hơn 0"),
    ("ZALO_BROADCAST_RATE", "nhanh", "ZALO_BROADCAST_RATE phải là một số, nhận được 'nhanh'"),
])
def test_a_bad_broadcast_setting_is_an_error_naming_it(
        core: Core, monkeypatch: pytest.MonkeyPatch, key: str, value: str, message: str) -> None:
    monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as error:
        broadcaster(core, {})
    assert str(error.value) == message
