"""One error hierarchy for the core; adapters catch ``CchcError`` at their edges.

    CchcError
    ├── ConfigError          a setting is missing or malformed
    ├── KnowledgeError       the knowledge folder has errors (carries every located problem)
    ├── StoreError           the SQLite store cannot be opened or migrated
    ├── InputError           a user- or operator-supplied value is unusable (bad locality code…)
    │   └── UnreadableRecord a procedure file (or .jsonl line) the importer cannot read
    └── DeliveryError        a channel could not deliver one message (raised by adapters' senders)

Users see a polite Vietnamese message; logs get the details.
"""

from __future__ import annotations

from dataclasses import dataclass


class CchcError(Exception):
    """Base class of every error the core raises on purpose."""


class ConfigError(CchcError):
    """A setting is missing or malformed; the message names the setting."""


class StoreError(CchcError):
    """The interaction store cannot be opened or migrated."""


class InputError(CchcError):
    """An argument given by a user or operator cannot be used."""


class UnreadableRecord(InputError):
    """A procedure record the importer skips whole: ``path`` (and ``line`` for .jsonl, else 0)
    and the ``reason``."""

    def __init__(self, path: str, reason: str, line: int = 0) -> None:
        self.path, self.reason, self.line = path, reason, line
        super().__init__(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")


@dataclass(frozen=True)
class Problem:
    """One located problem in a knowledge file: where it is and what to do about it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class KnowledgeError(CchcError):
    """The knowledge folder is invalid; ``problems`` lists each located error."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n… và {len(problems) - 20} lỗi khác" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} lỗi trong kho tri thức:\n{shown}{more}")


class DeliveryError(CchcError):
    """A message was not delivered. Adapters raise it from their send functions, translating
    the platform's errors: ``blocked`` (the person blocked the bot or left the platform),
    ``permanent`` (retrying cannot help), ``retry_after`` (the platform asked us to wait)."""

    def __init__(self, message: str, *, blocked: bool = False, permanent: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.blocked = blocked
        self.permanent = permanent or blocked
        self.retry_after = retry_after
