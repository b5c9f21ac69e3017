"""Answer processes (handlers/answering.py): the same dialogue, fed through pipes."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from bot.app import Core
from bot.messages import Incoming
from handlers.answering import Answerer, AnswerProcessDied


def hotline(user: str, n: int) -> Incoming:
    return Incoming("telegram", user, "/hotline", address=user, message_id=f"{user}-{n}")


def test_answer_processes_give_the_dialogues_replies_in_the_order_asked(core: Core) -> None:
    answer = Answerer(core, processes=2)
    answer.warm_up()
    try:
        async def main() -> list[list[str]]:
            got = await asyncio.gather(*(answer(hotline(f"u{n}", n)) for n in range(40)))
            return [[r.text for r in replies] for replies in got]

        got = asyncio.run(main())
    finally:
        answer.close()
    expected = [r.text for r in core.dialogue.handle(hotline("someone-else", 0))]
    assert got == [expected] * 40
    assert core.store.count("processed") == 41  # each process wrote to the same store


def test_a_dead_answer_process_fails_the_message_it_held_and_another_takes_over(core: Core) -> None:
    answer = Answerer(core, processes=1)
    answer.warm_up()
    try:
        async def main() -> tuple[BaseException | None, list[str]]:
            first = answer._workers[0]
            os.kill(first.process.pid or 0, signal.SIGKILL)
            lost = None
            try:
                await answer(hotline("u1", 1))
            except AnswerProcessDied as exc:
                lost = exc
            for _ in range(1200):  # until the replacement has started (a minute at most)
                if answer._workers and answer._workers[0] is not first:
                    break
                await asyncio.sleep(0.05)
            return lost, [r.text for r in await answer(hotline("u2", 2))]

        lost, replies = asyncio.run(main())
    finally:
        answer.close()
    assert isinstance(lost, AnswerProcessDied)
    assert replies == [r.text for r in core.dialogue.handle(hotline("u3", 3))]


def test_closing_twice_is_harmless(core: Core) -> None:
    answer = Answerer(core, processes=1)
    answer.warm_up()
    answer.close()
    answer.close()
    assert not answer._workers
    with pytest.raises(ValueError):
        Answerer(core, processes=-1)
