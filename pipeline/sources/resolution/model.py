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
    #: the language the text is written in (its file: res-901.fr.md) and that language's
    #: words (number line, opening line...), from the conventions it was read with
    language: str = "en"
    words: "Words | None" = None

    @property
    def plain_title(self) -> str:
        """The title without Markdown: escapes resolved, emphasis marks dropped."""
        return re.sub(r"\\(.)|\*", lambda m: m.group(1) or "", self.title)

    @property
    def is_new(self) -> bool:
        return not isinstance(self.number, int)

    @property
    def wording(self) -> "Words":
        return self.words or ENGLISH

    @property
    def edition(self) -> str:
        """The edition on the number line: 'Rev. Geneva, 2022' or 'Geneva, 2022'."""
        return (self.wording.revised.format(edition=self.editions[-1]) if self.revised
                else self.editions[-1])

    @property
    def number_line(self) -> str:
        """'RESOLUTION 901 (Rev. Geneva, 2022)', in the text's language."""
        words = self.wording
        line = words.number_line_new if self.is_new else words.number_line
        return line.format(number=self.number, edition=self.edition)

    @property
    def short_title(self) -> str:
        """'Resolution 901 (Rev. Geneva, 2022)', in the text's language."""
        words = self.wording
        line = words.short_title_new if self.is_new else words.short_title
        return line.format(number=self.number, edition=self.edition)

    @property
    def opening(self) -> str:
        """'The World Telecommunication Standardization Assembly (Geneva, 2022),'"""
        return self.wording.opening.format(body=self.body_name, assembly=self.assembly)

    @property
    def sort_key(self) -> tuple:
        """Resolutions in force by number, then draft new ones by identifier."""
        return (0, self.number, "") if isinstance(self.number, int) else (1, 0, str(self.number))

    @property
    def year(self) -> int:
        """The year of the assembly that adopted this edition."""
        return int(re.search(r"\d{4}", self.assembly).group(0))


@dataclass(frozen=True)
class Words:
    """The words a language sets a Resolution in: templates over {number}, {edition},
    {body}, {assembly} and {short_title} (the annex reference may also use {number}
    and {edition}, for a language that declines the word Resolution); item letters and the suffix words of inserted
    items where the language does not write a), b), bis."""

    number_line: str = "RESOLUTION {number} ({edition})"
    number_line_new: str = "DRAFT NEW RESOLUTION {number} ({edition})"
    short_title: str = "Resolution {number} ({edition})"
    short_title_new: str = "Draft new Resolution {number} ({edition})"
    revised: str = "Rev.\u00a0{edition}"
    opening: str = "The {body} ({assembly}),"
    annex: str = "Annex"
    appendix: str = "Appendix"
    section: str = "Section"
    annex_ref: str = "(to {short_title})"
    reasons: str = "Reasons:"
    note: str = "NOTE"
    #: between the editions on the history line: (Hammamet, 2016; Geneva, 2022)
    separator: str = "; "
    #: the history line around its editions (Chinese: full-width parentheses)
    history: str = "({editions})"
    #: after a call, where the language's texts put a mark there (Russian: учитывая,)
    call_end: str = ""
    letters: tuple[str, ...] = ()
    suffixes: tuple[tuple[str, str], ...] = ()


#: English, as the Resolutions in force are written.
ENGLISH = Words()


@dataclass
class Conventions:
    """The calls a Resolution may use and the name of the body that adopts it, in one
    language; a translation's calls map back to the English ones (*english*)."""

    body: str
    preambular: list[str]
    operative: list[str]
    path: Path = CONVENTIONS
    language: str = "en"
    words: Words = ENGLISH
    #: this language's call -> the English call it translates
    english: dict[str, str] = field(default_factory=dict)
    #: the contribution cover's words in this language (union, sector, document...)
    cover: dict[str, str] = field(default_factory=dict)
    #: the front matter's words of a consolidated draft and of the compilation
    consolidated: dict = field(default_factory=dict)
    compilation: dict = field(default_factory=dict)

    def kind_of(self, call: str) -> str | None:
        """"preambular", "operative" or None for a call not listed."""
        if call in self.preambular:
            return "preambular"
        if call in self.operative:
            return "operative"
        return None
