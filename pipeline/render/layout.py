"""The layout markers of :mod:`pipeline.render.document` turned into Word paragraphs:
a page break, the end of a section, the table of contents with its entries filled in."""

from __future__ import annotations

import panflute as pf

from pipeline.ooxml.build import el, to_string
from pipeline.ooxml.sections import section_break
from pipeline.render.document import PAGE_BREAK, SECTION_BREAK, TOC, TocEntry
from pipeline.render.toc import toc_blocks


def raw_block(node) -> pf.RawBlock:
    """A pandoc raw block holding the OOXML element *node* (a ``w:p``, ``w:tbl``...)."""
    # The fragment keeps its own namespace declarations: pandoc pastes it into
    # document.xml as it is, where a repeated declaration is still valid XML.
    return pf.RawBlock(to_string(node), format="openxml")


def page_break() -> pf.RawBlock:
    """An empty Normal paragraph holding a page break."""
    return raw_block(el("w:p", el("w:r", el("w:br", type="page"))))


def insert_layout(doc: pf.Doc, toc: list[TocEntry], depth: int = 2) -> None:
    """Replace every layout marker of *doc* by its Word paragraphs."""

    def action(elem: pf.Element, _doc: pf.Doc):
        if not isinstance(elem, pf.Div):
            return None
        if TOC in elem.classes:
            return [raw_block(node) for node in toc_blocks(toc, depth=depth)]
        if SECTION_BREAK in elem.classes:
            return raw_block(section_break())
        if PAGE_BREAK in elem.classes:
            return page_break()
        return None

    doc.walk(action)
