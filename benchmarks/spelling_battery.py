"""Spelling invariance: a question must get the same answer however it is typed.

    python benchmarks/spelling_battery.py [--rows] [--sets dev,dev2] [--only nodiac,teencode]

Takes every ``answer`` and ``clarify`` row of the development sets (dev … dev12, eval_records;
never the held-out sets) that the real dialogue gets right as written, and replays it under
general transforms of how people type (each a rule, the same for every row):

* ``nodiac``: all diacritics removed ("đ" → "d");
* ``newtone``: the new tone-mark placement on oa, oe, uy ending a syllable (hoà, khoẻ, thuỷ,
  tuỳ, uỷ), and ``oldtone`` the other way round (hòa, khỏe, thủy);
* ``lower``: lower case, no final question mark;
* ``teencode``: không → ko/k, được → dc/đc, gì → j, bạn → bn, như thế nào → ntn, em → e,
  anh → a, mình → mik, với → vs, vậy → v, rồi → r;
* ``drop`` / ``double``: one letter dropped or doubled in the message's longest word;
* ``english``: trực tuyến → online, kiểm tra → check, mẫu đơn → form, hồ sơ → file;
* ``nopunct``: no punctuation at all (two questions typed one after the other);
* ``phone``: lower case, no diacritics, no punctuation — the three together;
* ``teenmore``: the other teencode of chat: không → hok/hem/kh/hông, biết → bít, mới → ms,
  trước → trc, chị → cj, ạ → ak/ạk, rồi → r, được → đc;
* ``telex`` / ``telexall``: the longest accented word (or every word) typed in raw Telex, the
  input method switched off: vowel marks after their vowel, the tone key ending the word
  ("chứng" → "chuwngs", "đăng ký" → "ddawng kys");
* ``south``: the South's words: không → hông/hổng, vậy → dzậy, tôi → tui, bây giờ → bi giờ,
  nhé → nhen, mẹ → má, ông ấy → ổng, bà ấy → bả;
* ``centre``: the Centre's words: gì → chi, đâu → mô, sao / thế nào → răng, này → ni,
  vậy / thế → rứa;
* ``voice``: dictated by voice: lower case, no punctuation, diacritics right.

A conversation is replayed whole under the transform; a row counts when its own text changed.
Prints, per transform, how many rows change and how many of them stay right (and of those
tagged ``two``, two questions in one message); ``--rows`` lists each row that breaks with the
bot's outcome before and after. The transforms are this script's rules, not dev rows.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.engine import ANSWERED, FALLBACK, SUGGEST
from bot.evaluation.conversations import Outcome, Turn, evaluate_turns, read_turns
from bot.evaluation.held_out import chosen_sets
from bot.knowledge.model import KnowledgeBase
from bot.storage.store import Store

SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11",
        "dev12", "eval_records")
DATA = Path("tests/data")

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
#: oa, oe, uy ending a syllable (not after q: "quý" is q-u-ý in both styles), tone on either vowel
_OLD = re.compile(rf"(?<![qQ])([oOuU])([{_TONES}])([aAeEyY])(?![\w])")
_NEW = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![\w])")
_TEEN = {"không": ("ko", "k"), "được": ("dc", "đc"), "gì": ("j",), "bạn": ("bn",),
         "như thế nào": ("ntn",), "em": ("e",), "anh": ("a",), "mình": ("mik",),
         "với": ("vs",), "vậy": ("v",), "rồi": ("r",)}
_ENGLISH = {"trực tuyến": "online", "kiểm tra": "check", "mẫu đơn": "form", "hồ sơ": "file"}
_TEEN_MORE = {"không": ("hok", "hem", "kh", "hông"), "được": ("đc",), "biết": ("bít",),
              "mới": ("ms",), "trước": ("trc",), "chị": ("cj",), "ạ": ("ak", "ạk"), "rồi": ("r",)}
_SOUTH = {"không": ("hông", "hổng"), "vậy": ("dzậy",), "tôi": ("tui",), "bây giờ": ("bi giờ",),
          "nhé": ("nhen",), "mẹ": ("má",), "ông ấy": ("ổng",), "bà ấy": ("bả",)}
_CENTRE = {"gì": ("chi",), "đâu": ("mô",), "làm sao": ("làm răng",), "thế nào": ("răng",),
           "tại sao": ("răng",), "này": ("ni",), "vậy": ("rứa",), "thế": ("rứa",)}
#: Telex keys of a vowel mark (after its letter) and of a tone (ending the word).
_TELEX_MARK = {"\u0302": "", "\u0306": "w", "\u031b": "w"}  # â ê ô double their letter
_TELEX_TONE = {"\u0300": "f", "\u0301": "s", "\u0303": "x", "\u0309": "r", "\u0323": "j"}
_PUNCT = re.compile(r"(?<!\d)[?!.,;:…]+|[?!.,;:…]+(?!\d)")


def _words(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    keys = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, keys)) + r")(?!\w)", re.IGNORECASE)


_TEEN_RE = _words(_TEEN)
_ENGLISH_RE = _words({k: (v,) for k, v in _ENGLISH.items()})
_TEEN_MORE_RE, _SOUTH_RE, _CENTRE_RE = _words(_TEEN_MORE), _words(_SOUTH), _words(_CENTRE)


def nodiac(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def _retone(pattern: re.Pattern[str], swap: Callable[[re.Match[str]], str], text: str) -> str:
    return unicodedata.normalize("NFC", pattern.sub(swap, unicodedata.normalize("NFD", text)))


def newtone(text: str) -> str:
    return _retone(_OLD, lambda m: m.group(1) + m.group(3) + m.group(2), text)


def oldtone(text: str) -> str:
    return _retone(_NEW, lambda m: m.group(1) + m.group(3) + m.group(2), text)


def lower(text: str) -> str:
    return text.lower().rstrip().rstrip("?").rstrip()


def _cased(typed: str, short: str) -> str:
    return short.upper() if typed.isupper() and len(typed) > 1 else short


def teencode(text: str, line: int = 0) -> str:
    def short(m: re.Match[str]) -> str:
        choices = _TEEN[m.group(1).lower()]
        return _cased(m.group(1), choices[(line + m.start()) % len(choices)])
    return _TEEN_RE.sub(short, text)


def _swap(pattern: re.Pattern[str], table: dict[str, tuple[str, ...]], text: str, line: int) -> str:
    def short(m: re.Match[str]) -> str:
        choices = table[m.group(1).lower()]
        return _cased(m.group(1), choices[(line + m.start()) % len(choices)])
    return pattern.sub(short, text)


def telex_word(word: str) -> str:
    """``word`` as typed in Telex with the input method off: "chứng" → "chuwngs"."""
    out: list[str] = []
    tone = ""
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TELEX_TONE:
            tone = _TELEX_TONE[ch]
        elif ch in _TELEX_MARK:
            out.append(_TELEX_MARK[ch] or out[-1])
        else:
            out.append("dd" if ch in "đĐ" else ch)
    return "".join(out) + tone


def telex(text: str, line: int = 0, every: bool = False) -> str:
    accented = [m for m in re.finditer(r"\w+", text) if m.group() != nodiac(m.group())]
    if not every:
        accented = [m for m in accented if len(m.group()) == max(len(a.group()) for a in accented)]
        accented = accented[line % len(accented):][:1] if accented else []
    for m in reversed(accented):
        text = text[:m.start()] + telex_word(m.group()) + text[m.end():]
    return text


def english(text: str) -> str:
    return _ENGLISH_RE.sub(lambda m: _ENGLISH[m.group(1).lower()], text)


def nopunct(text: str) -> str:
    return re.sub(r"\s+", " ", _PUNCT.sub(" ", text)).strip()


def phone(text: str) -> str:
    return nopunct(nodiac(text.lower()))


def _longest(text: str, line: int) -> re.Match[str] | None:
    words = [m for m in re.finditer(r"[^\W\d_]{5,}", text)]
    if not words:
        return None
    top = max(len(m.group()) for m in words)
    longest = [m for m in words if len(m.group()) == top]
    return longest[line % len(longest)]


def drop(text: str, line: int = 0) -> str:
    m = _longest(text, line)
    if m is None:
        return text
    i = m.start() + len(m.group()) // 2
    return text[:i] + text[i + 1:]


def double(text: str, line: int = 0) -> str:
    m = _longest(text, line)
    if m is None:
        return text
    i = m.start() + len(m.group()) // 2
    return text[:i] + text[i] + text[i:]


TRANSFORMS: dict[str, Callable[[str, int], str]] = {
    "nodiac": lambda t, n: nodiac(t),
    "newtone": lambda t, n: newtone(t),
    "oldtone": lambda t, n: oldtone(t),
    "lower": lambda t, n: lower(t),
    "teencode": teencode,
    "drop": drop,
    "double": double,
    "english": lambda t, n: english(t),
    "nopunct": lambda t, n: nopunct(t),
    "phone": lambda t, n: phone(t),
    "teenmore": lambda t, n: _swap(_TEEN_MORE_RE, _TEEN_MORE, t, n),
    "telex": telex,
    "telexall": lambda t, n: telex(t, n, every=True),
    "south": lambda t, n: _swap(_SOUTH_RE, _SOUTH, t, n),
    "centre": lambda t, n: _swap(_CENTRE_RE, _CENTRE, t, n),
    "voice": lambda t, n: nopunct(t.lower()),
}


def describe(kb: KnowledgeBase, o: Outcome) -> str:
    """What the bot did: answered CODE (score), suggest [codes], fallback, or small talk."""
    for r in o.replies:
        if r.status == ANSWERED:
            e = kb.entries.get(r.entry_id or "")
            return f"answered {(e.code or e.id) if e else r.entry_id} ({r.score})"
        if r.status == SUGGEST:
            codes = [(kb.entries[c.entry_id].code or c.entry_id) if c.entry_id in kb.entries
                     else "-" for c in r.choices]
            return f"suggest [{'|'.join(codes)}]"
        if r.status == FALLBACK:
            return "fallback"
    return "no status (small talk or a question back)"


def _kind(o: Outcome) -> str:
    statuses = {r.status for r in o.replies if r.status}
    return ("wrong" if o.wrong else "suggest" if SUGGEST in statuses and o.turn.expect == "answer"
            else "fallback" if FALLBACK in statuses and ANSWERED not in statuses
            else "other" if ANSWERED not in statuses else "facts")


def main(argv: list[str]) -> int:
    try:
        sets = chosen_sets(argv, SETS)
    except ValueError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    names = list(TRANSFORMS)
    if "--only" in argv:
        names = argv[argv.index("--only") + 1].split(",")
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)

    def play(turns: list[Turn]) -> list[Outcome]:
        dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                            settings.retention_days)
        return evaluate_turns(dialogue, turns).outcomes

    base: list[tuple[str, list[Turn], list[Outcome]]] = []
    right = 0
    for name in sets:
        turns = read_turns(DATA / f"{name}.tsv")
        outcomes = play(turns)
        right += sum(o.ok for o in outcomes if o.turn.expect in ("answer", "clarify"))
        base.append((name, turns, outcomes))
    print(f"{right} answer/clarify rows right as written ({', '.join(sets)})")
    print(f"{'transform':10} {'changed':>7} {'right':>6} {'broken':>6}  {'kept':>6}"
          f"   two: kept/changed   broken as: wrong / question back / fallback / fact lost / other")
    total = Counter[str]()
    for tname in names:
        counts: Counter[str] = Counter()
        broken: list[str] = []
        for name, turns, outcomes in base:
            changed, played = _transformed(turns, outcomes, TRANSFORMS[tname])
            if not played:
                continue
            after = play(played)
            index = {o.turn.line: o for o in after}
            for line in changed:
                before = next(o for o in outcomes if o.turn.line == line)
                now = index[line]
                two = "two" in before.turn.tags
                counts["changed"] += 1
                counts["two"] += two
                if now.ok:
                    counts["right"] += 1
                    counts["two_ok"] += two
                    continue
                counts[_kind(now)] += 1
                broken.append(f"  {name}:{line} [{_kind(now)}] {now.turn.question}\n"
                              f"      before: {describe(kb, before)}  after: {describe(kb, now)}")
        lost = counts["changed"] - counts["right"]
        total.update({"changed": counts["changed"], "right": counts["right"], "broken": lost})
        print(f"{tname:10} {counts['changed']:7} {counts['right']:6} {lost:6}"
              f"  {_pct(counts['right'], counts['changed']):>6}   {counts['two_ok']:4}/{counts['two']:<4}"
              f"        {counts['wrong']} / {counts['suggest']} / {counts['fallback']} / "
              f"{counts['facts']} / {counts['other']}")
        if "--rows" in argv and broken:
            print("\n".join(broken))
    print(f"{'total':10} {total['changed']:7} {total['right']:6} {total['broken']:6}"
          f"  {_pct(total['right'], total['changed']):>6}")
    return 0


def _transformed(turns: list[Turn], outcomes: list[Outcome],
                 transform: Callable[[str, int], str]) -> tuple[list[int], list[Turn]]:
    """The lines of the rows right as written whose text the transform changes, and the turns
    to replay: each such standalone row, each conversation holding one, whole and transformed."""
    ok = {o.turn.line for o in outcomes if o.ok and o.turn.expect in ("answer", "clarify")}
    changed: list[int] = []
    played: list[Turn] = []
    i = 0
    while i < len(turns):
        j = i + 1
        while turns[i].conv and j < len(turns) and turns[j].conv == turns[i].conv:
            j += 1
        unit = [replace(t, question=transform(t.question, t.line)) for t in turns[i:j]]
        hits = [t.line for t, u in zip(turns[i:j], unit, strict=True)
                if t.line in ok and u.question != t.question]
        if hits:
            changed += hits
            played += unit
        i = j
    return changed, played


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "—"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
