"""The terminal conversation (``cchc-bot chat``): the shared dialogue with numbered choices."""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from bot.dialogue import Dialogue
from bot.messages import Channel, Incoming, PickLocality
from handlers.numbered import numbered_all

CHANNEL: Channel = "cli"
PROMPT = "› "


def run_console(dialogue: Dialogue, locality: str | None = None, stdin: TextIO = sys.stdin,
                stdout: TextIO = sys.stdout, user_id: str | None = None) -> int:
    """Converse on stdin/stdout until end of input or ``/thoat``; returns an exit status."""
    user = user_id or f"terminal:{getpass.getuser()}"

    def send(msg: Incoming) -> None:
        for text in numbered_all(dialogue.handle(msg)):
            stdout.write(text + "\n\n")
        stdout.flush()

    send(Incoming(CHANNEL, user, payload=str(PickLocality(locality))) if locality
         else Incoming(CHANNEL, user, text="/start"))
    while True:
        stdout.write(PROMPT)
        stdout.flush()
        line = stdin.readline()
        if not line or line.strip().lower() in ("/thoat", "/quit", "/exit"):
            return 0
        if line.strip():
            send(Incoming(CHANNEL, user, text=line))
