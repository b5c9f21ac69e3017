"""Stories around questions the bot already answers: does the answer survive the story?

    python benchmarks/story_battery.py [--rows] [--sets dev,dev2]

Takes every single-question row of the development sets (``answer`` expected, no
conversation, not tagged story/two/followup) that the bot answers right as typed, and asks it
again with one to three sentences of situation put before it — family, age, where the person
lives, what happened, what an official said — from the templates below (each row gets
three of them, chosen by its line number, so a run is repeatable). Prints how many stay right,
how many become a wrong confident answer, a fallback or a question back, per template;
``--rows`` lists each row that breaks. The templates are this script's own wording, about
no procedure in particular, and some name a neighbour on purpose (a death, a trip abroad, a
wedding, a child's age). Held-out sets (dev9.tsv, real.tsv) are never read.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.engine import ANSWERED, FALLBACK, SUGGEST
from bot.evaluation.conversations import Turn, evaluate_turns, read_turns
from bot.storage.store import Store

SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev10", "eval_records")
SKIP_TAGS = frozenset({"story", "two", "followup", "smalltalk", "outofscope"})
#: Situations put before a question: plain ones, and ones naming a neighbouring matter.
CONTEXTS = (
    "Chào ad. Em ở xã bên, năm nay 34 tuổi.",
    "Nhà tôi ở quê, bố mẹ đã già. Tôi đi làm trên thành phố, ít khi về.",
    "Hôm trước em lên ủy ban hỏi thì cán bộ bảo về chuẩn bị lại. Em không hiểu lắm.",
    "Mẹ em mới mất năm ngoái. Giờ nhà còn em với bố.",
    "Em vừa đi lao động ở nước ngoài về được mấy tháng.",
    "Vợ chồng em mới cưới được hai năm, có một cháu 3 tuổi.",
    "Em hỏi trên mạng mà mỗi người nói một kiểu, nên lên đây hỏi cho chắc.",
    "Tôi là người dân ở thôn 3. Chồng tôi đi làm xa nên việc nhà tôi lo hết.",
    "Năm nay tôi 67 tuổi, mắt kém nên nhờ cháu nhắn hộ.",
    "Em đang thuê trọ gần khu công nghiệp. Quê em ở tỉnh khác.",
    "Dạ em chào anh chị. Em có việc muốn hỏi ạ.",
    "Tuần trước nhà em bị mất trộm, may không ai bị sao.",
)
PER_ROW = 3


def single_rows(name: str) -> list[Turn]:
    return [t for t in read_turns(Path(f"tests/data/{name}.tsv"))
            if t.expect == "answer" and not t.conv and not SKIP_TAGS & set(t.tags)]


def main(argv: list[str]) -> int:
    sets = SETS
    if "--sets" in argv:
        sets = tuple(argv[argv.index("--sets") + 1].split(","))
    if {"dev9", "real"} & set(sets):
        sys.stderr.write("dev9.tsv and real.tsv are held out\n")
        return 2
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)

    def dialogue() -> Dialogue:
        return Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                        settings.retention_days)
    base: list[tuple[str, Turn]] = []
    for name in sets:
        for o in evaluate_turns(dialogue(), single_rows(name)).outcomes:
            if o.ok:
                base.append((name, o.turn))
    storied: list[Turn] = []
    which: list[tuple[str, int]] = []
    for name, t in base:
        for k in range(PER_ROW):
            c = (t.line * 7 + k * 5 + len(name)) % len(CONTEXTS)
            storied.append(replace(t, question=f"{CONTEXTS[c]} {t.question}"))
            which.append((name, c))
    outcomes = evaluate_turns(dialogue(), storied).outcomes
    kinds: Counter[str] = Counter()
    per_ctx: Counter[int] = Counter()
    ok_ctx: Counter[int] = Counter()
    for o, (name, c) in zip(outcomes, which, strict=True):
        per_ctx[c] += 1
        ok_ctx[c] += o.ok
        statuses = {r.status for r in o.replies if r.status}
        kind = "ok" if o.ok else "wrong" if o.wrong else "suggest" if SUGGEST in statuses \
            else "fallback" if FALLBACK in statuses and ANSWERED not in statuses else "facts"
        kinds[kind] += 1
        if kind != "ok" and "--rows" in argv:
            print(f"{name}:{o.turn.line} [{kind}] {o.turn.question}")
    n = len(outcomes)
    print(f"rows right as typed: {len(base)}; with a story: {n}")
    print(f"still right {kinds['ok']}/{n} = {100 * kinds['ok'] / n:.1f}%  wrong {kinds['wrong']}"
          f"  question back {kinds['suggest']}  fallback {kinds['fallback']}"
          f"  right entry, fact lost {kinds['facts']}")
    for c in sorted(per_ctx):
        print(f"  {100 * ok_ctx[c] / per_ctx[c]:5.1f}% ({ok_ctx[c]}/{per_ctx[c]})  {CONTEXTS[c]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
