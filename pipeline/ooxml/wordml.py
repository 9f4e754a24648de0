"""Reading and touching WordprocessingML: the element names, markers and containers the
pipeline knows, and small helpers every layer above uses instead of writing the same
lookups again (a paragraph's style, its w:pPr, a run property, the story parts).
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from pipeline.ooxml.build import el, text_nodes
from pipeline.ooxml.ns import NS, XML_SPACE, qn
from pipeline.ooxml.schema import insert_ordered

W_P, W_R, W_T, W_TBL, W_TR, W_TC = (qn(t) for t in ("w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc"))
W_PPR, W_RPR, W_SDT = qn("w:pPr"), qn("w:rPr"), qn("w:sdt")
W_TXBX = qn("w:txbxContent")
W_TAB, W_SECTPR, W_TCPR = qn("w:tab"), qn("w:sectPr"), qn("w:tcPr")
#: Not blocks: the properties a body or cell holds beside its blocks.
_NOT_BLOCKS = (W_SECTPR, W_TCPR)

#: Run-level containers: elements between a paragraph and its runs.
CONTAINERS = {qn("w:hyperlink"), qn("w:smartTag"), qn("w:customXml")}
#: Property children of those containers.
CONTAINER_PROPERTIES = {qn("w:smartTagPr"), qn("w:customXmlPr")}
#: Markers between runs and blocks: bookmarks, proofing marks, permissions, comment ranges.
MARKERS = {qn(t) for t in ("w:bookmarkStart", "w:bookmarkEnd", "w:proofErr", "w:permStart",
                           "w:permEnd", "w:commentRangeStart", "w:commentRangeEnd")}
#: The parts that hold paragraphs of the document's text.
STORY_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


def story_parts(package) -> list[str]:
    """The names of the story parts *package* has (body, footnotes, endnotes)."""
    return [name for name in STORY_PARTS if package.has(name)]


def paragraph_style(p: etree._Element) -> str | None:
    """The style id of paragraph *p* (None: Normal, no w:pStyle)."""
    style = p.find(f"{W_PPR}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def ensure_ppr(p: etree._Element) -> etree._Element:
    """The w:pPr of paragraph *p*, created as its first child when missing."""
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = el("w:pPr")
        p.insert(0, ppr)
    return ppr


def ensure_rpr(run: etree._Element) -> etree._Element:
    """The w:rPr of *run* (or of a w:pPr, for the paragraph mark), created when missing."""
    rpr = run.find(W_RPR)
    if rpr is None:
        rpr = el("w:rPr")
        if run.tag == W_PPR:
            insert_ordered(run, rpr)
        else:
            run.insert(0, rpr)
    return rpr


def set_run_property(run: etree._Element, tag: str, value: str) -> None:
    """Set run property *tag* (e.g. ``w:caps``) to *value* on *run*, in schema order."""
    rpr = ensure_rpr(run)
    old = rpr.find(qn(tag))
    if old is not None:
        rpr.remove(old)
    insert_ordered(rpr, el(tag, val=value))


def shown_text(t: etree._Element) -> str:
    """The text of a w:t as Word and LibreOffice show it: without xml:space="preserve",
    leading and trailing XML white space is not part of it."""
    text = t.text or ""
    return text if t.get(XML_SPACE) == "preserve" else text.strip(" \t\r\n")


def text_of(node: etree._Element) -> str:
    """Plain text of a block: its w:t texts, TABs as \\t, paragraphs joined by \\n."""
    parts: list[str] = []
    for p in ([node] if node.tag == W_P else node.iter(W_P)):
        parts.append("".join([("\t" if n.tag == W_TAB else (n.text or ""))
                              for n in p.iter(W_T, W_TAB) if n.getparent().tag == W_R]))
    return "\n".join(parts)


def body_blocks(container: etree._Element) -> list[etree._Element]:
    """The comparable blocks of a body, cell, note or sdtContent (sectPr aside)."""
    return [child for child in container
            if isinstance(child.tag, str) and child.tag not in _NOT_BLOCKS]


def replace_blocks(holder: etree._Element, blocks: list[etree._Element]) -> None:
    """Put *blocks* in place of the blocks of *holder*; its properties stay first and its
    section properties last."""
    for child in body_blocks(holder):
        holder.remove(child)
    section = holder.find(qn("w:sectPr"))
    if section is None:
        holder.extend(blocks)
    else:
        for block in blocks:
            section.addprevious(block)


def text_boxes(node: etree._Element) -> list[etree._Element]:
    """The outermost w:txbxContent stories inside *node* (a drawing, picture or
    alternate content), in document order; nested ones belong to their outer story."""
    return [box for box in node.iter(W_TXBX) if box is not node and _outermost(box, node)]


def _outermost(box: etree._Element, top: etree._Element) -> bool:
    for ancestor in box.iterancestors():
        if ancestor is top:
            return True
        if ancestor.tag == W_TXBX:
            return False
    return True


def set_paragraph_style(p: etree._Element, style: str | None) -> None:
    """Give paragraph *p* the style id *style* (None: Normal, no w:pStyle)."""
    ppr = ensure_ppr(p)
    old = ppr.find(qn("w:pStyle"))
    if old is not None:
        ppr.remove(old)
    if style:
        insert_ordered(ppr, el("w:pStyle", val=style))


#: the w:t nodes holding a TAB, a line feed or a non-breaking hyphen (found by libxml2)
_SPLIT = etree.XPath("//w:t[contains(., '\t') or contains(., '\n') or contains(., '\u2011')]",
                     namespaces={"w": NS["w"]})


def split_tabs(package) -> None:
    """Literal TABs, line feeds and non-breaking hyphens in ``w:t`` become ``w:tab``,
    ``w:br`` and ``w:noBreakHyphen`` elements, as Word writes them."""
    for name in story_parts(package):
        for t in _SPLIT(package.xml(name)):
            run = t.getparent()
            position = list(run).index(t)
            run.remove(t)
            for offset, node in enumerate(text_nodes(t.text)):
                run.insert(position + offset, node)


def hide_bookmarks(document: etree._Element, names: re.Pattern) -> None:
    """Bookmarks whose whole name matches *names* get Word's hidden form ``_Name``, in
    their start, the links to them and the field instructions that name them."""
    for node in document.iter(qn("w:bookmarkStart")):
        if names.fullmatch(node.get(qn("w:name"), "")):
            node.set(qn("w:name"), "_" + node.get(qn("w:name")))
    for node in document.iter(qn("w:hyperlink")):
        if names.fullmatch(node.get(qn("w:anchor"), "")):
            node.set(qn("w:anchor"), "_" + node.get(qn("w:anchor")))
    pattern = re.compile(rf"\b({names.pattern})\b")
    for node in document.iter(qn("w:instrText")):
        node.text = pattern.sub(r"_\1", node.text or "")


def split_run(run: etree._Element, t: etree._Element, at: int) -> etree._Element:
    """Split *run* after character *at* of its text node *t*; returns the new second run
    (a copy of *run* holding the rest of the text and the nodes after *t*)."""
    rest = copy.deepcopy(run)
    position = list(run).index(t)
    for child in list(rest)[:position]:
        if child.tag != W_RPR:
            rest.remove(child)
    rest_t = [c for c in rest if c.tag == W_T][0]
    rest_t.text = (t.text or "")[at:]
    rest_t.set(XML_SPACE, "preserve")
    t.text = (t.text or "")[:at]
    t.set(XML_SPACE, "preserve")
    for child in list(run)[position + 1:]:
        run.remove(child)
    run.addnext(rest)
    return rest


def bookmarked(body: etree._Element, names: re.Pattern) -> list[list[etree._Element]]:
    """For each bookmark whose name matches *names*, the blocks (paragraphs, tables) from
    its start to its end, in order; the bookmarks themselves go."""
    out = []
    ends: dict[str | None, list[etree._Element]] = {}  # by id, in document order
    for end in body.iter(qn("w:bookmarkEnd")):
        ends.setdefault(end.get(qn("w:id")), []).append(end)
    for start in list(body.iter(qn("w:bookmarkStart"))):
        if not names.fullmatch(start.get(qn("w:name"), "")):
            continue
        same = ends.get(start.get(qn("w:id")))
        end = same.pop(0) if same else None  # the first end of its id still in place
        blocks, node = [], start.getnext()
        while node is not None and node is not end:
            if node.tag in (W_P, W_TBL):
                blocks.append(node)
            node = node.getnext()
        out.append(blocks)
        start.getparent().remove(start)
        if end is not None:
            end.getparent().remove(end)
    return out


def break_before(block: etree._Element) -> None:
    """*block* starts a new page: a paragraph gets ``w:pageBreakBefore``, a table a
    page-break paragraph before it."""
    if block.tag == W_P:
        insert_ordered(ensure_ppr(block), el("w:pageBreakBefore"))
    else:
        block.addprevious(el("w:p", el("w:r", el("w:br", type="page"))))
