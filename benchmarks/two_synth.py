"""Synthetic two-questions-in-one messages and stories, built from development rows the bot
answers right on their own.

    python benchmarks/two_synth.py [--rows] [--kind KIND] [--seed N] [--pairs N]

Takes the single-question rows of the development sets (dev … dev11, eval_records; never the
held-out sets of ``bot.evaluation.held_out``) that the real dialogue answers with their
key facts alone, then joins them the ways citizens do and plays each joined message to a new person:

* ``other``: two questions about different procedures ("A? Còn b?", "A, với lại b",
  "A. Thêm nữa b", "A và b luôn ạ", "Cho hỏi a, b") — both must stay answered;
* ``same``: a second question about another field of the same procedure, without its name
  ("làm khai sinh cần gì, mất bao lâu", in everyday field words) — both must stay answered;
  also as citizens type it on a phone: no punctuation at all ("… cần gì mất bao lâu"), and
  no punctuation nor diacritics ("… can gi va het bao nhieu tien");
* ``story``: one or two sentences about the person (age, family, where they live, why, another
  matter of theirs, what they tried) before the question — the question must stay answered;
* ``told``: such a sentence, then the question's matter told ("Em đang cần …", without its
  field words, folded) and a bare question on its field ("Cần giấy tờ gì?").

Prints the share kept per kind and per joining pattern; ``--rows`` lists every failure with
what the bot answered. The joins and stories are this script's own words, not dev rows.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.evaluation.conversations import Turn, _judge, has_fact, read_turns
from bot.messages import Incoming, PickLocality, Reply
from bot.storage.store import Store
from bot.textnorm import fold

SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11",
        "eval_records")
DATA = Path("tests/data")
#: tags of rows that are not one plain question
_NOT_SINGLE = {"two", "story", "followup", "ambiguous", "long", "outofscope", "smalltalk"}

#: joins of two questions about different procedures: {a} and {b} without their closing mark
OTHER_JOINS = {
    "con": "{A}? Còn {b}?",
    "voi-lai": "{A}, với lại {b}?",
    "them-nua": "{A}. Thêm nữa {b}?",
    "va-luon": "{A} và {b} luôn ạ?",
    "cho-hoi": "Cho hỏi {a}, {b}?",
}
#: a second question asking a field of the same procedure, in everyday words
FIELD_ASKS = {
    "documents": ("cần giấy tờ gì", "cần mang những gì", "hồ sơ gồm những gì", "phải mang giấy gì"),
    "fee": ("mất phí bao nhiêu", "lệ phí hết bao nhiêu", "có mất tiền không", "hết bao nhiêu tiền",
            "tốn bao nhiêu"),
    "time_limit": ("mất bao lâu", "bao lâu thì có kết quả", "mấy ngày thì xong", "bao lâu lấy được",
                   "mấy ngày có"),
    "where": ("làm ở đâu", "nộp ở đâu", "lên đâu làm", "ra chỗ nào làm"),
    "online": ("làm online được không", "có nộp trực tuyến được không", "làm qua mạng được không"),
}
SAME_JOINS = {
    "comma": "{A}, {f}?",
    "voi-lai": "{A}, với lại {f}?",
    "them-nua": "{A}? Thêm nữa là {f}?",
    "va": "{A} và {f} ạ?",
    "bare": "{A} {f}",
    "bare-va": "{A} và {f}",
    "bare-nodiac": "{A} {f}",
    "va-nodiac": "{A} va {f} a",
    "roi-nodiac": "{A} roi {f}",
}
#: sentences about the person before the question
STORIES = {
    "age": ("Em năm nay 34 tuổi.", "Tôi 52 tuổi rồi, mắt kém nên hỏi ở đây cho nhanh."),
    "family": ("Vợ chồng em có hai đứa nhỏ, nhà đông người.", "Nhà tôi có ba thế hệ ở chung."),
    "where": ("Nhà em ở xã bên, cách trung tâm hơi xa.", "Tôi đang ở quê, đi lại không tiện lắm."),
    "why": ("Em bận đi làm cả tuần nên muốn hỏi trước cho chắc.",
            "Tôi không rành giấy tờ, mong được hướng dẫn."),
    "other-matter": ("Vợ chồng em mới cưới được một năm.", "Em đang thuê trọ gần khu công nghiệp.",
                     "Ông nội em mất năm ngoái rồi.", "Nhà em mới mua được mảnh đất nhỏ."),
    "tried": ("Em hỏi mấy chỗ rồi mà chưa ai chỉ rõ.", "Em lên xã hai lần rồi mà chưa làm được."),
    "two": ("Chào anh chị. Em đi làm ca nên ít có thời gian.",
            "Dạ em chào ad. Nhà em ở xa, đi lại mất cả buổi."),
}


@dataclass(frozen=True)
class Case:
    kind: str
    pattern: str
    text: str
    turns: tuple[Turn, ...]


def _bare(question: str) -> str:
    return question.strip().rstrip("?.!… ").strip()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _unpunctuated(text: str, pattern: str) -> str:
    """``text`` as typed without punctuation for the ``bare…`` and ``…-nodiac`` joins, and
    also without diacritics for ``…-nodiac``: the two questions run on with no mark between."""
    if pattern.startswith("bare") or pattern.endswith("-nodiac"):
        text = " ".join(w.strip("?.,!;:") for w in text.split())
    return fold(text) if pattern.endswith("-nodiac") else text


def _play(dialogue: Dialogue, person: str, text: str, locality: str | None) -> list[Reply]:
    dialogue.handle(Incoming("cli", person, payload=str(PickLocality(locality))))
    return dialogue.handle(Incoming("cli", person, text))


def build(singles: list[Turn], rng: random.Random, pairs: int,
          topic_of: Callable[[str], str]) -> list[Case]:
    cases: list[Case] = []
    local = [t for t in singles if t.locality is None]
    for _ in range(pairs):  # two procedures
        a, b = rng.sample(local, 2)
        if set(a.codes) & set(b.codes):
            continue
        name, join = rng.choice(sorted(OTHER_JOINS.items()))
        text = join.format(A=_bare(a.question), a=_lower_first(_bare(a.question)),
                           b=_lower_first(_bare(b.question)))
        cases.append(Case("other", name, text, (a, b)))
    by_code: dict[str, list[Turn]] = {}
    for t in local:
        if t.codes and t.field in FIELD_ASKS:
            by_code.setdefault(t.codes[0], []).append(t)
    same = [(a, b) for rows in by_code.values() for a in rows for b in rows if a.field != b.field]
    for a, b in rng.sample(same, min(pairs, len(same))):  # the same procedure, another field
        name, join = rng.choice(sorted(SAME_JOINS.items()))
        text = join.format(A=_bare(a.question), f=rng.choice(FIELD_ASKS[b.field]))
        text = _unpunctuated(text, name)
        cases.append(Case("same", name, text, (a, replace(b, question=text))))
    for t in rng.sample(singles, min(pairs, len(singles))):  # stories
        name, told = rng.choice(sorted(STORIES.items()))
        cases.append(Case("story", name, f"{rng.choice(told)} {t.question}", (t,)))
    fielded = [t for t in singles if t.field in FIELD_ASKS]
    for t in rng.sample(fielded, min(pairs, len(fielded))):  # the matter told, then a bare question
        name, told = rng.choice(sorted(STORIES.items()))
        ask = rng.choice(FIELD_ASKS[t.field])
        text = f"{rng.choice(told)} Em đang cần {topic_of(t.question)}. {ask[:1].upper()}{ask[1:]}?"
        cases.append(Case("told", name, text, (t,)))
    return cases


def main(argv: list[str]) -> int:
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 12
    pairs = int(argv[argv.index("--pairs") + 1]) if "--pairs" in argv else 300
    only = argv[argv.index("--kind") + 1] if "--kind" in argv else None
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)
    dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                        settings.retention_days)
    singles: list[Turn] = []
    n = 0
    for name in SETS:
        for t in read_turns(DATA / f"{name}.tsv"):
            if t.conv or t.expect != "answer" or not t.codes or _NOT_SINGLE & set(t.tags) \
                    or _bare(t.question).count("?") or len(_bare(t.question).split(". ")) > 1:
                continue
            n += 1
            if _judge(kb, t, _play(dialogue, f"single-{n}", t.question, t.locality)).ok:
                singles.append(t)
    print(f"single questions answered right alone: {len(singles)}/{n}")
    reader = dialogue.asker.reader

    def topic_of(question: str) -> str:  # the question without its field words (folded)
        return " ".join(reader.fields_of(engine.norm.tokens(question))[1])
    cases = build(singles, random.Random(seed), pairs, topic_of)
    kept: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    wrong: Counter[str] = Counter()
    failures: list[str] = []
    for i, case in enumerate(cases):
        if only and case.kind != only:
            continue
        replies = _play(dialogue, f"synth-{i}", case.text, case.turns[0].locality)
        judged = [_judge(kb, t, replies) for t in case.turns]
        ok = all(j.ok for j in judged)
        total[case.kind, case.pattern] += 1
        kept[case.kind, case.pattern] += ok
        wrong[case.kind] += any(j.wrong for j in judged)
        if not ok:
            got = "; ".join(f"{r.status}:{kb.entries[r.entry_id].code if r.entry_id in kb.entries else '-'}"
                            f"/{r.field}" for r in replies if r.status)
            miss = " ".join("ok" if j.ok else "MISS" for j in judged)
            want = " ".join(f"{'|'.join(t.codes)}/{t.field}" for t in case.turns)
            text = "\n".join(r.text for r in replies)
            lacks = [alt[0] for t, j in zip(case.turns, judged, strict=True) if not j.ok
                     for alt in t.facts if not has_fact(text, alt)]
            failures.append(f"  {case.kind}/{case.pattern} [{miss}] want {want} got {got}\n"
                            f"      {case.text}\n      lacks {lacks}")
    for kind in ("other", "same", "story", "told"):
        rows = sorted(k for k in total if k[0] == kind)
        if not rows:
            continue
        ok, n = sum(kept[k] for k in rows), sum(total[k] for k in rows)
        print(f"{kind:6s} kept {100 * ok / n:5.1f}% ({ok}/{n})  wrong {wrong[kind]}  | "
              + "  ".join(f"{p} {kept[kind, p]}/{total[kind, p]}" for _, p in rows))
    if "--rows" in argv:
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
