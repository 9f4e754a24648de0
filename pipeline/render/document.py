"""What every document kind becomes before it is written: a :class:`Document`, whose body
is pandoc's AST (panflute nodes), and the small builders the document kinds share.

Layout is marked in the AST by empty Divs, the one set of block markers of the
pipeline (Markdown sources write them as ``::: pagebreak`` etc.): ``pagebreak``
(the next paragraph starts a page), ``sectionbreak`` (the end of a section,
filled in at finishing), ``toc`` (the table of contents, with its entries filled
in), ``closing`` (the centred line that ends a conference document) and
``centre`` (its paragraphs centred, as ITU sets FOREWORD and the like).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import panflute as pf

from pipeline.ooxml.build import Element
from pipeline.ooxml.parts import Properties
from pipeline.render.inline import Fragments
from pipeline.sources.languages import Language

if TYPE_CHECKING:
    from pipeline.render.pieces import Pieces

PAGE_BREAK, SECTION_BREAK, TOC = "pagebreak", "sectionbreak", "toc"
#: The centred line that closes a conference document; a block of centred paragraphs.
CLOSING, CENTRE = "closing", "centre"
#: Heading and block bookmarks are named TocNNNN in the AST and hidden (_TocNNNN) at finishing.
TOC_BOOKMARK = "Toc"


@dataclass
class TocEntry:
    """One line of the contents: its level, number ("6.2", "Appendix I" or ""), title
    and the bookmark of the heading it points at."""

    level: int
    number: str
    title: str
    bookmark: str


@dataclass
class Document:
    """One document to write: its body as AST blocks, and what finishing needs to know."""

    blocks: list[pf.Block]
    origin: Path  # the source file the document comes from, for errors
    properties: Properties
    #: the centred header of conference documents: page number, then these lines
    header: list[str]
    #: the footer of publications instead (Recommendations, Supplements, Resolutions):
    #: this identifier and the page number, on the outer side of odd and even pages
    footer: str | None = None
    cover: list[Element] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    toc_depth: int = 2
    #: page numbering of each section after the cover (a sectionbreak starts one)
    numbering: list[str] = field(default_factory=lambda: ["decimal"])
    #: pages numbered on from the cover (conference documents) rather than from 1
    continuous: bool = False
    #: the house style's variant the document is set in (None: the house style itself;
    #: "resolution": the 11-pt basis of published Resolutions)
    variant: str | None = None
    #: Markdown fragments the blocks refer to, parsed together when the document is written
    fragments: Fragments | None = None
    #: folders pandoc looks in for pictures named by relative paths
    resource_paths: list[Path] = field(default_factory=list)
    #: blocks shared with other documents, rendered once (placeholders in *blocks*)
    pieces: Pieces | None = None
    #: the language the document is written in (None: English, as the house style is)
    language: Language | None = None


def marker(kind: str) -> pf.Div:
    """A layout marker: :data:`PAGE_BREAK`, :data:`SECTION_BREAK`, :data:`TOC` or
    :data:`CLOSING`."""
    return pf.Div(classes=[kind])


def styled(style_name: str | None, *blocks: pf.Block, identifier: str = "") -> pf.Block:
    """Blocks in the ITU paragraph style *style_name* (pandoc's custom-style, by name);
    None or Normal leaves a single block as it is."""
    if style_name in (None, "Normal") and len(blocks) == 1 and not identifier:
        return blocks[0]
    return pf.Div(*blocks, identifier=identifier, attributes={"custom-style": style_name}
                  if style_name not in (None, "Normal") else {})


def text_inlines(text: str) -> list[pf.Inline]:
    """Inlines for plain *text*, spaces kept as pandoc's Space nodes and TABs as Str."""
    out: list[pf.Inline] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            out.append(pf.Space())
        if word:
            out.append(pf.Str(word))
    return out


#: What reads as itself anywhere in a paragraph of pandoc's Markdown once escaped
#: (:func:`pipeline.render.resolution.escape_markdown`), with quotes, dashes and dots
#: kept as typed: ASCII letters, digits and this punctuation, and other scripts'
#: letters, digits and punctuation (by their Unicode category).
_LITERAL_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                           ".,;:!?'\"()/%+=#-")
_LITERAL_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Pd", "Ps",
                                 "Pe", "Pi", "Pf", "Po"})


def literal_inlines(text: str) -> list[pf.Inline] | None:
    """The inlines pandoc reads from *text* escaped, made without pandoc, when *text* is
    words of such characters between single spaces (a proposal's reasons, most often);
    None when only pandoc can tell."""
    if not text or text[0] == " " or text[-1] == " " or "  " in text:
        return None
    for char in set(text):
        if char != " " and char not in _LITERAL_ASCII and (
                char < "\x80" or unicodedata.category(char) not in _LITERAL_CATEGORIES):
            return None
    return text_inlines(text)


def para(text: str | list[pf.Inline], style: str | None = None, identifier: str = "") -> pf.Block:
    """One paragraph of plain *text* (or inlines) in *style*."""
    inlines = text_inlines(text) if isinstance(text, str) else text
    return styled(style, pf.Para(*inlines), identifier=identifier)


def roman(number: int) -> str:
    """Upper-case Roman numeral, as ITU numbers appendices (I, II, ... XXXIX)."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out
