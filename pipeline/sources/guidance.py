"""A short guidance text for chairs, kept as plain Markdown in content/briefings/:
a ``# Title``, ``## Headings``, paragraphs and ``- `` list items, nothing else.

Read line by line, so a construct the briefing note cannot show (a table, a third
heading level, emphasis) stops the build at its line rather than being half shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.fields import one_line
from pipeline.sources.textfile import read_text

_UNSUPPORTED = re.compile(r"^(#{3,}\s|\||\d+[.)]\s|>|```)")


@dataclass
class GuidanceBlock:
    kind: str  # "heading", "item" or "para"
    text: str
    line: int


@dataclass
class Guidance:
    path: Path
    title: str
    blocks: list[GuidanceBlock] = field(default_factory=list)


def load_guidance(path: Path) -> Guidance:
    """The guidance text in *path*."""
    lines = read_text(path, what="guidance file").splitlines()
    title, blocks = "", []
    current: GuidanceBlock | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            current = None
            continue
        if _UNSUPPORTED.match(line) or "*" in line or "`" in line:
            raise PipelineError(Category.BODY, "the guidance text takes '# Title', '## Heading', "
                                "paragraphs and '- ' items only, without emphasis",
                                Location(str(path), number))
        if line.startswith("# "):
            if title:
                raise PipelineError(Category.BODY, "a second title", Location(str(path), number))
            title, current = one_line(line[2:]), None
        elif line.startswith("## "):
            blocks.append(GuidanceBlock("heading", one_line(line[3:]), number))
            current = None
        elif line.startswith("- "):
            current = GuidanceBlock("item", one_line(line[2:]), number)
            blocks.append(current)
        elif current is not None:
            current.text = one_line(f"{current.text} {line}")
        else:
            current = GuidanceBlock("para", one_line(line), number)
            blocks.append(current)
    if not title:
        raise PipelineError(Category.BODY, "the guidance text needs a '# Title' line",
                            Location(str(path), 1))
    return Guidance(path, title, blocks)
