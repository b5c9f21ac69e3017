"""``conversation.yaml``: how a message is read before it is matched (see :mod:`bot.reading`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.errors import Problem
from bot.knowledge.yamlfile import Checker, top_mapping
from bot.reading import ASKED_FIELDS, SMALLTALK_ORDER


def load_conversation(root: Path, problems: list[Problem]) -> dict[str, Any]:
    """``conversation.yaml``: small talk (kind → reply and phrases), field words, fillers,
    taking-back phrases and question words (see :mod:`bot.reading`)."""
    name = "conversation.yaml"
    c = Checker(name, problems)
    top = top_mapping(root, name, c, problems)
    if top is None:
        return {}
    out: dict[str, Any] = {"smalltalk": {}, "replies": {}, "fields": {}}
    small = c.node(top.get("smalltalk"), top.line_of("smalltalk"), "'smalltalk'")
    for kind in _allowed(c, small, SMALLTALK_ORDER, "loại"):
        assert small is not None
        node = c.node(small[kind], small.line_of(kind), f"'{kind}'")
        if node is not None:
            reply = c.text(node, "reply")
            out["smalltalk"][kind] = c.texts(node, "phrases", required=True, minimum=1)
            out["replies"][kind] = reply or ""
    fields = c.node(top.get("fields"), top.line_of("fields"), "'fields'")
    for key in _allowed(c, fields, ASKED_FIELDS, "trường"):
        assert fields is not None
        out["fields"][key] = c.texts(fields, key, required=True, minimum=1)
    out["weak_fields"] = {}
    weak = c.node(top.get("weak_fields"), top.line_of("weak_fields"), "'weak_fields'") \
        if "weak_fields" in top else None
    for key in weak or {}:
        assert weak is not None
        phrases = c.texts(weak, key, required=True, minimum=1)
        unknown = [p for p in phrases if p not in out["fields"].get(key, ())]
        if key not in ASKED_FIELDS or unknown:
            c.fail(weak.line_of(key), f"'weak_fields.{key}': mỗi cụm phải có trong 'fields.{key}'"
                   + (f" (thiếu: {', '.join(unknown)})" if unknown else ""))
            continue
        out["weak_fields"][key] = phrases
    for key in ("follow_up_fillers", "restart", "question_words"):
        out[key] = c.texts(top, key, required=True, minimum=1)
    out["asking"] = c.texts(top, "asking") if "asking" in top else ()
    out["bodies"] = c.texts(top, "bodies") if "bodies" in top else ()
    for key in ("requiring", "papers"):  # a yes/no question about a paper (bot/papers_asked.py)
        out[key] = c.texts(top, key) if key in top else ()
    out["contrasts"] = _contrasts(top, c)
    out["marked"] = _marked(top, c)
    out["situations"] = _situations(top, c)
    out["bare"] = _bare(top, c)
    out["confirming"] = c.texts(top, "confirming") if "confirming" in top else ()
    out["smalltalk_cues"] = {}
    cues = c.node(top.get("smalltalk_cues"), top.line_of("smalltalk_cues"), "'smalltalk_cues'") \
        if "smalltalk_cues" in top else None
    for kind in _allowed(c, cues, SMALLTALK_ORDER, "loại"):
        assert cues is not None
        out["smalltalk_cues"][kind] = c.texts(cues, kind, required=True, minimum=1)
    spelled = c.node(top.get("spelled_out"), top.line_of("spelled_out"), "'spelled_out'") \
        if "spelled_out" in top else None
    out["spelled_out"] = {str(k): v for k in spelled or {}
                          if spelled is not None and (v := c.text(spelled, str(k))) is not None}
    for key in ("smalltalk_address", "smalltalk_assistant", "smalltalk_asks"):
        out[key] = c.texts(top, key) if key in top else ()
    out["out_of_scope"] = _out_of_scope(top, c)
    out["leads"] = _leads(top, c)
    # what a message telling an event may say besides it: the words that only ask or fill
    quiet = (*out["asking"], *out["follow_up_fillers"], *out["question_words"])
    out["told"] = tuple({**t, "quiet": (*t["quiet"], *quiet)} for t in _told(top, c))
    return out


def _told(top: Any, c: Checker) -> tuple[dict[str, Any], ...]:
    """``told:``: a life event in citizens' words (``who`` then ``event``; an ``ambiguous``
    event word only before a ``then`` word or at a clause's end) that ``means`` a procedure's
    name in a message saying nothing else (its ``quiet`` words aside) and not naming it already
    (``named``; see
    :meth:`bot.textnorm.Normaliser.telling`)."""
    if "told" not in top:
        return ()
    out: list[dict[str, Any]] = []
    for node, _line in c.records(c.seq(top, "told"), "mỗi mục của 'told'"):
        means = c.text(node, "means")
        who, event = c.texts(node, "who", required=True, minimum=1), \
            c.texts(node, "event", required=True, minimum=1)
        if means and who and event:
            out.append({"means": means, "who": tuple(who), "event": tuple(event),
                        "ambiguous": tuple(c.texts(node, "ambiguous")),
                        "then": tuple(c.texts(node, "then")), "quiet": tuple(c.texts(node, "quiet")),
                        "named": tuple(c.texts(node, "named"))})
    return tuple(out)


def _leads(top: Any, c: Checker) -> tuple[dict[str, Any], ...]:
    """``leads:``: an ``entry`` whose answer is preceded by the answer of ``first`` when its
    question says one of ``when`` (and that phrase is not inside one of ``unless``)."""
    if "leads" not in top:
        return ()
    out: list[dict[str, Any]] = []
    for node, _ in c.records(c.seq(top, "leads"), "mỗi mục của 'leads'"):
        entry, first = c.text(node, "entry"), c.text(node, "first")
        when = c.texts(node, "when", required=True, minimum=1)
        if entry and first and when:
            out.append({"entry": entry, "first": first, "when": when, "unless": c.texts(node, "unless"),
                        "why": c.text(node, "why", required=False) or ""})
    return tuple(out)


def _out_of_scope(top: Any, c: Checker) -> tuple[dict[str, Any], ...]:
    """``out_of_scope:``: topics no procedure answers, each a ``topic`` (why, for the
    officials), the ``phrases`` that name it anywhere, the ``opening`` phrases that name it only
    when they open a sentence, the ``unless`` phrases that bring it back, and ``plain: true``
    when it is off the subject altogether (the weather, football)."""
    if "out_of_scope" not in top:
        return ()
    out: list[dict[str, Any]] = []
    for node, line in c.records(c.seq(top, "out_of_scope"), "mỗi chủ đề của 'out_of_scope'"):
        topic = c.text(node, "topic")
        phrases, opening = c.texts(node, "phrases"), c.texts(node, "opening")
        if not phrases and not opening:
            c.fail(line, "chủ đề của 'out_of_scope' cần 'phrases' hoặc 'opening' (một danh sách)")
        elif topic:
            out.append({"topic": topic, "phrases": phrases, "opening": opening,
                        "unless": c.texts(node, "unless"), "plain": node.get("plain") is True})
    return tuple(out)


def _allowed(c: Checker, node: Any, allowed: Sequence[str], what: str) -> list[str]:
    """The keys of ``node`` (None: none) among ``allowed``; each other key is reported with its
    line ("loại 'chitchat' không hợp lệ — dùng insult, thanks, …")."""
    keys = []
    for key in node or {}:
        if key in allowed:
            keys.append(key)
        else:
            c.fail(node.line_of(key), f"{what} '{key}' không hợp lệ — dùng {', '.join(allowed)}")
    return keys


def _contrasts(top: Any, c: Checker) -> tuple[tuple[str, ...], ...]:
    """``contrasts:``: groups (lists of two or more phrases) of words that exclude each other."""
    groups = top.get("contrasts") if "contrasts" in top else None
    if groups is None:
        return ()
    if not isinstance(groups, list) or not all(
            isinstance(g, list) and len(g) > 1 and all(isinstance(p, str) and p.strip() for p in g)
            for g in groups):
        c.fail(top.line_of("contrasts"), "'contrasts' phải là danh sách các nhóm, mỗi nhóm "
               "từ hai cụm từ trở lên")
        return ()
    return tuple(tuple(p.strip() for p in g) for g in groups)


def _marked(top: Any, c: Checker) -> tuple[dict[str, tuple[str, ...]], ...]:
    """``marked:``: who a procedure is for, said in its name (``name`` phrases), that a question
    must say too (one of the ``asked`` phrases) for the procedure to answer it."""
    if "marked" not in top:
        return ()
    out: list[dict[str, tuple[str, ...]]] = []
    for node, _line in c.records(c.seq(top, "marked"), "mỗi mục của 'marked'"):
        name, asked = c.texts(node, "name", required=True, minimum=1), \
            c.texts(node, "asked", required=True, minimum=1)
        if name and asked:
            out.append({"name": tuple(name), "asked": tuple(asked)})
    return tuple(out)


def _situations(top: Any, c: Checker) -> tuple[dict[str, Any], ...]:
    """``situations:``: words a procedure's name adds to its sibling's (``name`` phrases) and the
    phrases of a message that state that case (``said``; see :mod:`bot.situation`)."""
    if "situations" not in top:
        return ()
    out: list[dict[str, Any]] = []
    for node, _line in c.records(c.seq(top, "situations"), "mỗi mục của 'situations'"):
        name, said = c.texts(node, "name", required=True, minimum=1), \
            c.texts(node, "said", required=True, minimum=1)
        within = node.get("within")
        if within is not None and (not isinstance(within, int) or within < 0):
            c.fail(node.line_of("within"), "'situations.within' phải là số nguyên không âm")
            continue
        if name and said:
            out.append({"name": tuple(name), "said": tuple(said), "within": within})
    return tuple(out)


def _bare(top: Any, c: Checker) -> dict[str, tuple[str, ...]]:
    """``bare:``: for a question back (``ask``, an entry id), the phrases that name its matter
    without the word that picks a case (``names``; see :mod:`bot.bare`)."""
    if "bare" not in top:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for node, _line in c.records(c.seq(top, "bare"), "mỗi mục của 'bare'"):
        ask, names = c.text(node, "ask"), c.texts(node, "names", required=True, minimum=1)
        if ask and names:
            out[ask] = tuple(names)
    return out
