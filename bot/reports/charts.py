"""Bar charts drawn with matplotlib, as PNG (reports) or SVG (dashboard).

Readable at a glance on a phone: labels of at least 11 px when the SVG is shown at its natural
width (text stays text in the SVG, ``svg.fonttype: none``), long labels wrapped rather than cut,
whole numbers on the count axis, and a chart with no data says so instead of drawing an empty
frame.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display: render to memory
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

LABEL_SIZE = 11  # points; one SVG user unit is one point
TITLE_SIZE = 12
WRAP = 24  # characters per line of a wrapped label


def _wrap(label: str) -> str:
    lines = textwrap.wrap(label, WRAP) or [""]
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def bar(labels: Sequence[str], values: Sequence[float], title: str, *, horizontal: bool = False,
        fmt: str = "png", color: str = "#2b6cb0", size: tuple[float, float] = (6, 3.2),
        empty: str | None = None, every: int = 1) -> bytes:
    """A bar chart of ``values`` as ``fmt`` (png or svg) bytes. ``empty`` is written in the
    middle when every value is zero; ``every`` shows one label in so many on the category axis."""
    with plt.rc_context({"svg.fonttype": "none", "font.size": LABEL_SIZE}):
        fig, ax = plt.subplots(figsize=size)
        if empty is not None and not any(values):
            ax.text(0.5, 0.5, empty, ha="center", va="center", fontsize=TITLE_SIZE,
                    color="#4a5568", transform=ax.transAxes)
            ax.set_axis_off()
        elif horizontal:
            ax.barh([_wrap(x) for x in labels][::-1], list(values)[::-1], color=color)
            ax.tick_params(axis="both", labelsize=LABEL_SIZE)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        else:
            ax.bar(list(labels), list(values), color=color)
            ax.tick_params(axis="both", labelsize=LABEL_SIZE)
            ax.tick_params(axis="x", labelrotation=90 if every > 1 else 60 if len(labels) > 6 else 0)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            step = every if every > 1 else (2 if len(labels) > 15 else 1)
            for i, tick in enumerate(ax.get_xticklabels()):
                tick.set_visible(i % step == 0)
        ax.set_title(title, fontsize=TITLE_SIZE)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=110)
        plt.close(fig)
    return buf.getvalue()
