"""Room shared between the fields one message asks of a procedure ("có làm online được không,
với lại có mất tiền không"): each field's part of the answer gets its share of the room, so a
long first part (the ways to file online) never leaves the second one cut to a bare "…"."""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: fits lines into a limit of characters (:func:`bot.knowledge.records.answer.fit`)
Fit = Callable[[list[str], int], str]


def shares(sizes: Sequence[int], room: int) -> list[int]:
    """The room (characters) each of parts of ``sizes`` gets out of ``room``: an equal share,
    and what the parts shorter than their share leave over for the longer ones, in order."""
    if not sizes:
        return []
    equal = room // len(sizes)
    spare = sum(max(equal - size, 0) for size in sizes)
    out: list[int] = []
    for size in sizes:
        if size <= equal:
            out.append(equal)
            continue
        more = min(size - equal, spare)
        spare -= more
        out.append(equal + more)
    return out


def fit_parts(title: str, parts: list[list[str]], room: int, fit: Fit) -> str:
    """``title`` and the ``parts`` (one per field asked, label first) within ``room``
    characters, each part fitted to its share (:func:`shares`)."""
    sizes = [sum(len(line) + 1 for line in part) for part in parts]
    fitted = [fit(part, share) for part, share in zip(parts, shares(sizes, room), strict=True)]
    return "\n".join([title, *fitted])


#: fits lines into a limit of characters, each line cut at a length (``fit`` with ``longest``)
FitLines = Callable[[list[str], int, int], str]
#: The shortest a line of a part is cut to, however small its share.
SHORTEST_LINE = 120


def fit_conditions(title: str, parts: list[list[str]], room: int, longest: int, fit: FitLines) -> str:
    """Like :func:`fit_parts` for an answer with the conditions among its fields, whose lines
    are long (a curated condition is read whole): each line cut at ``longest`` characters, or
    shorter so that a part's first line fits under its label ("Điều kiện, lưu ý:" is never
    left over a bare "…")."""
    sizes = [sum(len(line) + 1 for line in part) for part in parts]
    fitted = [fit(part, share, max(SHORTEST_LINE, min(longest, share - len(part[0]) - 3)))
              for part, share in zip(parts, shares(sizes, room), strict=True)]
    return "\n".join([title, *fitted])
