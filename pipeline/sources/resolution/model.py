"""A Resolution as plain data: its front matter and its body, paragraph by paragraph.

Each :class:`Block` keeps the paragraph's kind, its Markdown inline text (the
marker taken off) and the line it came from, so every later error can name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from pipeline import data

#: The default list of calls and the body's name, from the installed package.
CONVENTIONS = data.CONVENTIONS
#: Footnote labels the history line's notes use when rendered; a source may not.
RESERVED_NOTE = "itudraft-"


class BlockKind(Enum):
    """What a paragraph of a Resolution's body is."""

    CALL = "call"            # *considering*: text is the call's name
    ITEM = "item"            # a) that ... / 1 that ... under a call
    CLAUSE = "clause"        # 1.1 text, A.1 text outside calls
    PARA = "para"            # plain text
    HEADING = "heading"      # ## 1.3 Title
    SECTION = "section"      # # Section 1: Title
    ANNEX = "annex"          # # Annex A: Title
    APPENDIX = "appendix"    # # Appendix I: Title
    ENUM = "enum"            # - a) list item, level 1-3
    NOTE = "note"            # NOTE – text
    IMAGE = "image"          # ![](picture.png): title is the picture's path
    CAPTION = "caption"      # Figure 1 – Title / Table 1 – Title
    STYLED = "styled"        # a paragraph in a ::: Style block
    TABLE = "table"          # a pipe table: text is its Markdown


#: Blocks that open a part of the text: the paragraph after them is Normal_after_title.
PARTS = (BlockKind.SECTION, BlockKind.ANNEX, BlockKind.APPENDIX)


@dataclass
class Block:
    """One paragraph of a Resolution's body, classified."""

    kind: BlockKind
    text: str  # Markdown inline text, marker removed
    line: int
    marker: str = ""
    level: int = 0
    title: str = ""
    #: a STYLED block's style name as written; CALL: "preambular" or "operative";
    #: the first paragraph after a part's title: "Normal_after_title"
    style: str = ""


@dataclass
class Resolution:
    path: Path
    number: int | str
    title: str
    editions: list[str]
    status: str
    body_name: str
    assembly: str
    revised: bool
    history_notes: list[str] = field(default_factory=list)
    #: the marks of the history notes when they are not 1, 2...: "1", "1bis"
    history_marks: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # raw Markdown definitions

    @property
    def plain_title(self) -> str:
        """The title without Markdown: escapes resolved, emphasis marks dropped."""
        return re.sub(r"\\(.)|\*", lambda m: m.group(1) or "", self.title)

    @property
    def is_new(self) -> bool:
        return not isinstance(self.number, int)

    @property
    def edition(self) -> str:
        """The edition on the number line: 'Rev. Geneva, 2022' or 'Geneva, 2022'."""
        return ("Rev.\u00a0" if self.revised else "") + self.editions[-1]

    @property
    def number_line(self) -> str:
        word = "DRAFT NEW RESOLUTION" if self.is_new else "RESOLUTION"
        return f"{word} {self.number} ({self.edition})"

    @property
    def short_title(self) -> str:
        """'Resolution 901 (Rev. Geneva, 2022)'"""
        word = "Draft new Resolution" if self.is_new else "Resolution"
        return f"{word} {self.number} ({self.edition})"

    @property
    def sort_key(self) -> tuple:
        """Resolutions in force by number, then draft new ones by identifier."""
        return (0, self.number, "") if isinstance(self.number, int) else (1, 0, str(self.number))

    @property
    def year(self) -> int:
        """The year of the assembly that adopted this edition."""
        return int(self.assembly.rsplit(", ", 1)[1])


@dataclass
class Conventions:
    """The calls a Resolution may use and the name of the body that adopts it."""

    body: str
    preambular: list[str]
    operative: list[str]
    path: Path = CONVENTIONS

    def kind_of(self, call: str) -> str | None:
        """"preambular", "operative" or None for a call not listed."""
        if call in self.preambular:
            return "preambular"
        if call in self.operative:
            return "operative"
        return None
