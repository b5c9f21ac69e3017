"""Settings, read once from an injected mapping (``os.environ`` by default) and frozen."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.errors import ConfigError

BUNDLED_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"

#: Every setting the core reads, with its meaning (the README documents each one).
SETTINGS = {
    "CCHC_DB": "SQLite file of the interaction store",
    "CCHC_KNOWLEDGE": "knowledge folder",
    "CCHC_DATA_DIR": "folder for the default database and the generated secret",
    "CCHC_SECRET": "secret key for pseudonymising platform user ids",
    "CCHC_RETENTION_DAYS": "days interaction logs are kept",
    "CCHC_LOCALITY": "default locality code for the command line",
    "CCHC_CACHE_DIR": "folder for the built search index (keyed by the knowledge's content)",
    "CCHC_REPLY_RETRY_SECONDS": "how long a reply the platform does not take is retried",
}


def _default_data_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".local/share")
    return Path(base) / "cchc-bot"


def _default_cache_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".cache")
    return Path(base) / "cchc-bot"


@dataclass(frozen=True)
class Settings:
    """Core settings. Build with :func:`load_settings`."""

    db_path: Path
    knowledge_dir: Path
    data_dir: Path
    secret: bytes
    retention_days: int
    default_locality: str | None
    cache_dir: Path | None = None
    reply_retry_seconds: int = 300


def _int(env: Mapping[str, str], key: str, default: int, minimum: int) -> int:
    raw = env.get(key)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{key} phải là số nguyên, nhận được {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{key} phải ≥ {minimum}, nhận được {value}")
    return value


def _secret(env: Mapping[str, str], data_dir: Path) -> bytes:
    """The pseudonymisation key: CCHC_SECRET, else a random key generated once per data dir."""
    given = env.get("CCHC_SECRET")
    if given:
        if len(given) < 16:
            raise ConfigError("CCHC_SECRET phải dài ít nhất 16 ký tự")
        return given.encode()
    path = data_dir / "secret.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # the folder of the key and the data
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the core settings from ``env`` (default ``os.environ``)."""
    env = os.environ if env is None else env
    data_dir = Path(env.get("CCHC_DATA_DIR") or _default_data_dir(env)).expanduser()
    db = Path(env["CCHC_DB"]).expanduser() if env.get("CCHC_DB") else data_dir / "cchc.sqlite3"
    knowledge = Path(env.get("CCHC_KNOWLEDGE") or BUNDLED_KNOWLEDGE).expanduser()
    if not knowledge.is_dir():
        raise ConfigError(f"CCHC_KNOWLEDGE: không tìm thấy thư mục {knowledge}")
    return Settings(
        db_path=db,
        knowledge_dir=knowledge,
        data_dir=data_dir,
        secret=_secret(env, data_dir),
        retention_days=_int(env, "CCHC_RETENTION_DAYS", 365, 1),
        default_locality=env.get("CCHC_LOCALITY") or None,
        cache_dir=Path(env.get("CCHC_CACHE_DIR") or _default_cache_dir(env)).expanduser(),
        reply_retry_seconds=_int(env, "CCHC_REPLY_RETRY_SECONDS", 300, 1),
    )
