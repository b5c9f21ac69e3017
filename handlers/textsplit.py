"""Splitting long texts into messages under a platform's length limit, at paragraph breaks."""

from __future__ import annotations

SEPARATORS = ("\n\n", "\n", " ")


def split_text(text: str, limit: int, separators: tuple[str, ...] = SEPARATORS) -> list[str]:
    """Chunks of at most ``limit`` characters, cut between paragraphs when possible, else
    between lines, else between words, else anywhere; only the separators cut on are lost."""
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip("\n")
    if len(text) <= limit:
        return [text] if text else []
    if not separators:
        return [text[i:i + limit] for i in range(0, len(text), limit)]
    sep, finer = separators[0], separators[1:]
    chunks: list[str] = []
    current = ""
    for piece in text.split(sep):
        if len(piece) > limit:  # too long on its own: flush, then cut it more finely
            if current:
                chunks.append(current)
                current = ""
            chunks.extend(split_text(piece, limit, finer))
            continue
        candidate = f"{current}{sep}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return [c for c in (c.strip("\n") for c in chunks) if c.strip()]
