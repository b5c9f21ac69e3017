"""Bar charts drawn with matplotlib, as PNG (reports) or SVG (dashboard)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display: render to memory
import matplotlib.pyplot as plt


def bar(labels: Sequence[str], values: Sequence[float], title: str, *, horizontal: bool = False,
        fmt: str = "png", color: str = "#2b6cb0", size: tuple[float, float] = (6, 3.2)) -> bytes:
    """A bar chart of ``values`` as ``fmt`` (png or svg) bytes."""
    fig, ax = plt.subplots(figsize=size)
    if horizontal:
        ax.barh(list(labels)[::-1], list(values)[::-1], color=color)
        ax.tick_params(axis="y", labelsize=8)
    else:
        ax.bar(list(labels), list(values), color=color)
        ax.tick_params(axis="x", labelrotation=60, labelsize=8)
        if len(labels) > 15:  # keep every other date legible
            for i, tick in enumerate(ax.get_xticklabels()):
                tick.set_visible(i % 2 == 0)
    ax.set_title(title, fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=110)
    plt.close(fig)
    return buf.getvalue()
