"""The ``cchc-bot`` program: the core's commands plus the commands that start a channel."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.app import build_core
from bot.cli import Command
from bot.cli import main as core_main
from bot.config import load_settings
from bot.errors import CchcError
from handlers.console import run_console


def _configure_chat(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locality", help="mã địa phương (bỏ qua bước chọn địa phương)")


def _run_chat(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    """A conversation in the terminal, with the same dialogue as every channel."""
    core = build_core(load_settings())
    try:
        if args.locality and args.locality not in core.kb.localities:
            raise CchcError(f"không có địa phương mã '{args.locality}'")
        return run_console(core.dialogue, args.locality, stdin=stdin, stdout=out)
    finally:
        core.close()


COMMANDS = {
    "chat": Command("trò chuyện với trợ lý trong cửa sổ dòng lệnh", _configure_chat, _run_chat),
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         stdin: TextIO | None = None) -> int:
    """Entry point of ``cchc-bot`` and ``python -m bot``."""
    return core_main(argv, out or sys.stdout, stdin or sys.stdin, extra=COMMANDS)
