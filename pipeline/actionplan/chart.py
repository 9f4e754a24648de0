"""The status chart: one bar per responsible entity, split by status, as a PNG.

Drawn with matplotlib's Agg canvas (no pyplot, no display); the PNG carries no software or time stamp, so
the same counts give the same bytes."""

from __future__ import annotations

import io

from pipeline.sources.actionplan import STATUSES

#: One colour per status, shared with the workbook's chart.
COLOURS = {"not started": "A6A6A6", "ongoing": "4472C4", "completed": "70AD47",
           "recurring": "ED7D31"}


def status_chart(counts: dict[str, dict[str, int]]) -> bytes:
    """A horizontal stacked bar chart of *counts* (entity -> status -> actions)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    entities = list(counts)[::-1]  # the first entity on top
    height = 1.0 + 0.38 * max(len(entities), 1)
    figure = Figure(figsize=(7.0, height), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    left = [0] * len(entities)
    for status in STATUSES:
        widths = [counts[entity][status] for entity in entities]
        axes.barh(entities, widths, left=left, color="#" + COLOURS[status], label=status,
                  height=0.6)
        left = [a + b for a, b in zip(left, widths)]
    axes.set_xlabel("Actions")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(ncols=len(STATUSES), loc="lower center", bbox_to_anchor=(0.5, 1.0),
                frameon=False, fontsize=8)
    axes.tick_params(labelsize=8)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
