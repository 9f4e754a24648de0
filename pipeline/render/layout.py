"""The layout markers of :mod:`pipeline.render.document` turned into Word paragraphs:
a page break, the end of a section, the table of contents with its entries filled in,
the closing line.

A page break before a block becomes "page break before" on its first paragraph
(finishing sets it, found by the bookmark ``BreakNNNN`` the block is wrapped in),
so a break that falls at the top of a page leaves no empty page.
"""

from __future__ import annotations

import panflute as pf

from pipeline.ooxml.build import el, text_run, to_string
from pipeline.ooxml.sections import section_break
from pipeline.render.document import CENTRE, CLOSING, PAGE_BREAK, SECTION_BREAK, TOC, TocEntry
from pipeline.render.toc import toc_blocks
from pipeline.render.walk import walk


def raw_block(node) -> pf.RawBlock:
    """A pandoc raw block holding the OOXML element *node* (a ``w:p``, ``w:tbl``...)."""
    # The fragment keeps its own namespace declarations: pandoc pastes it into
    # document.xml as it is, where a repeated declaration is still valid XML.
    return pf.RawBlock(to_string(node), format="openxml")


def page_break() -> pf.RawBlock:
    """An empty Normal paragraph holding a page break."""
    return raw_block(el("w:p", el("w:r", el("w:br", type="page"))))


#: The bookmarks that carry a page break to the paragraph after them, and centring to
#: the paragraphs of a ``centre`` block (ITU centres headings such as FOREWORD by hand).
BREAK_BOOKMARK, CENTRE_BOOKMARK = "Break", "Centre"


def insert_layout(doc: pf.Doc, toc: list[TocEntry], depth: int = 2) -> None:
    """Replace every layout marker of *doc* by its Word paragraphs."""
    breaks = _Breaks()
    breaks.carry(doc.content)

    def action(elem: pf.Element, _doc: pf.Doc):
        if not isinstance(elem, pf.Div):
            return None
        if TOC in elem.classes:
            return [raw_block(node) for node in toc_blocks(toc, depth=depth)]
        if SECTION_BREAK in elem.classes:
            return raw_block(section_break())
        if PAGE_BREAK in elem.classes:
            return page_break()
        if CLOSING in elem.classes:
            return raw_block(el("w:p", el("w:pPr", el("w:jc", val="center")),
                                text_run("______________")))
        return None

    walk(doc, action)


class _Breaks:
    """Page breaks carried onto the block that follows them."""

    def __init__(self):
        self.count = 0

    def carry(self, blocks) -> None:
        index = 0
        while index < len(blocks):
            block = blocks[index]
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, pf.Div) and CENTRE in block.classes:
                self.count += 1
                blocks[index] = pf.Div(*block.content,
                                       identifier=f"{CENTRE_BOOKMARK}{self.count:04d}")
            elif _is(block, PAGE_BREAK) and following is not None \
                    and not any(_is(following, kind) for kind in
                                (PAGE_BREAK, SECTION_BREAK, TOC, CLOSING)):
                self.count += 1
                wrapper = pf.Div(following, identifier=f"{BREAK_BOOKMARK}{self.count:04d}")
                blocks[index:index + 2] = [wrapper]
                self.carry(wrapper.content)
            elif isinstance(block, pf.Div):
                self.carry(block.content)
            index += 1


def _is(block: pf.Block, kind: str) -> bool:
    return isinstance(block, pf.Div) and kind in block.classes and not block.content
