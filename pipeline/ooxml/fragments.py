"""OOXML fragments handed to pandoc as raw ``openxml`` blocks.

Built with lxml like every other element and serialized here, once, so no
XML is ever assembled from strings.
"""

from __future__ import annotations

import panflute as pf
from lxml import etree

from pipeline.ooxml.build import el


def raw_block(node: etree._Element) -> pf.RawBlock:
    """A pandoc raw block holding *node* (a ``w:p``, ``w:tbl`` or ``w:sdt``)."""
    # The fragment keeps its own namespace declarations: pandoc pastes it into
    # document.xml as it is, where a repeated declaration is still valid XML.
    return pf.RawBlock(etree.tostring(node, encoding="unicode"), format="openxml")


def page_break() -> pf.RawBlock:
    """An empty Normal paragraph holding a page break."""
    return raw_block(el("w:p", el("w:r", el("w:br", type="page"))))
