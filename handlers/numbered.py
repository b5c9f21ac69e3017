"""Rendering replies as plain text with numbered choices (terminal, Zalo, SMS-like channels)."""

from __future__ import annotations

from bot.messages import Reply


def numbered(reply: Reply, start: int = 1) -> str:
    """``reply.text`` followed by its choices as ``1. …`` lines, numbered from ``start``."""
    lines = [reply.text]
    if reply.choices:
        lines.append("")
        lines.extend(f"{n}. {c.label}" for n, c in enumerate(reply.choices, start))
    return "\n".join(lines)


def numbered_all(replies: list[Reply]) -> list[str]:
    """Render several replies, numbering choices across them the way the core counts them."""
    out: list[str] = []
    n = 1
    for reply in replies:
        out.append(numbered(reply, n))
        n += len(reply.choices)
    return out
