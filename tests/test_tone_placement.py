"""Old and new tone-mark placement are one spelling: "hòa"/"hoà", "khóa"/"khoá", "thủy"/"thuỷ",
"ủy"/"uỷ". Every question of the development sets that has such a word is asked both ways and
must get the same reply (the same entry, or the same question back or fallback)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bot.app import Core

DATA = Path(__file__).parent / "data"
TONE = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below (NFD)
#: a tone mark on the o/u of oa, oe, uy ending the word — the old placement
_OLD = re.compile(rf"([oOuU])([{TONE}])([aAeEyY])$")


def new_placement(text: str) -> str:
    """``text`` with the tone of oa/oe/uy at the end of a word moved to the second vowel."""
    words = []
    for word in text.split(" "):
        d = unicodedata.normalize("NFD", word)
        core, tail = re.match(r"^(.*?)([^\w]*)$", d).groups()  # type: ignore[union-attr]
        core = _OLD.sub(lambda m: m.group(1) + m.group(3) + m.group(2), core)
        words.append(unicodedata.normalize("NFC", core + tail))
    return " ".join(words)


def test_the_rewrite_moves_only_the_old_placement() -> None:
    assert new_placement("hòa giải, khóa tài khoản ở ủy ban; thủy lợi") == \
        "hoà giải, khoá tài khoản ở uỷ ban; thuỷ lợi"
    assert new_placement("hoàn thành toàn bộ, khuya, người") == "hoàn thành toàn bộ, khuya, người"


def questions() -> list[str]:
    found = []
    for name in ("dev.tsv", "dev2.tsv", "dev3.tsv", "dev4.tsv", "dev5.tsv", "dev6.tsv", "dev7.tsv",
                 "eval_records.tsv"):
        for line in (DATA / name).read_text("utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 2 or cols[1] == "question":
                continue
            if new_placement(cols[1]) != cols[1]:
                found.append(cols[1])
    return found


def test_old_and_new_tone_placement_get_the_same_reply(core: Core) -> None:
    asked = questions()
    assert len(asked) >= 20  # the sets do have such words; the rewrite is not idle
    answers = core.dialogue.answers
    for q in asked:
        old = answers.answer_parts(q, None)[0]
        new = answers.answer_parts(new_placement(q), None)[0]
        assert (new.status, new.entry_id) == (old.status, old.entry_id), q
