"""Transcripts for a citizen's word that the synonyms rewrite: the official term keeps the paper
the citizen names ("sửa lại giấy khai sinh" is "cải chính khai sinh", not a bare "cải chính"
that leaves the question with nothing of the khai sinh)."""

from __future__ import annotations

from bot.app import Core
from tests.transcript import code_of, say, settled


def test_correcting_a_birth_certificate_keeps_the_birth_certificate(core: Core) -> None:
    assert core.engine.norm.tokens("sửa lại giấy khai sinh") == ["cai", "chinh", "khai", "sinh"]


def test_correcting_a_birth_certificate_is_answered_with_its_time_limit(core: Core) -> None:
    settled(core)
    reply = say(core, "bố tôi muốn sửa lại giấy khai sinh vì sai ngày tháng, làm mất mấy ngày")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.004859"
    assert reply.field == "time_limit"
