"""Reading WordprocessingML for comparison: blocks with keys, paragraphs as atoms.

A paragraph becomes a list of :class:`Atom`: one per word, space run or
punctuation mark of its text, and one per TAB, break, field character, field
instruction, footnote reference, picture or other run content. An atom keeps
the element it came from, its run's properties and the container it sits in
(a hyperlink, say), so the paragraph can be rebuilt with nothing flattened.
Bookmarks and other markers between runs are kept as anchors of the next atom.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field

from lxml import etree

from pipeline.diffing import tokens
from pipeline.ooxml.ns import XML_SPACE, qn

W_P, W_R, W_T, W_TBL, W_TR, W_TC = (qn(t) for t in ("w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc"))
W_PPR, W_RPR, W_SDT = qn("w:pPr"), qn("w:rPr"), qn("w:sdt")
W_TXBX = qn("w:txbxContent")

#: Run-level containers whose runs are compared and which are rebuilt around them.
CONTAINERS = {qn("w:hyperlink"), qn("w:smartTag"), qn("w:customXml")}
#: Property children of those containers.
CONTAINER_PROPERTIES = {qn("w:smartTagPr"), qn("w:customXmlPr")}
#: Markers between runs: kept from the new side, dropped from the old.
MARKERS = {qn(t) for t in ("w:bookmarkStart", "w:bookmarkEnd", "w:proofErr", "w:permStart",
                           "w:permEnd", "w:commentRangeStart", "w:commentRangeEnd")}
#: Elements that mean the input already carries tracked changes.
TRACKED = {qn(t) for t in ("w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rPrChange",
                           "w:pPrChange", "w:tblPrChange", "w:trPrChange", "w:tcPrChange",
                           "w:sectPrChange", "w:cellIns", "w:cellDel")}
_SKIP_IN_RUN = {qn("w:rPr"), qn("w:lastRenderedPageBreak")}


@dataclass
class Atom:
    """One comparable piece of a paragraph."""

    token: str
    node: etree._Element | None   # the run child it came from (None for text pieces)
    text: str | None               # text of a w:t piece
    rpr: etree._Element | None
    rpr_key: bytes
    container: etree._Element | None = None
    anchors: list[etree._Element] = field(default_factory=list)
    #: the node is a paragraph-level element (fldSimple, sdt, oMath...), not run content
    bare: bool = False


def _key(node: etree._Element | None) -> bytes:
    return b"" if node is None else etree.tostring(node, method="c14n")


def paragraph_atoms(p: etree._Element) -> tuple[list[Atom], list[etree._Element]]:
    """The atoms of paragraph *p*, and the markers left after its last atom."""
    atoms: list[Atom] = []
    pending: list[etree._Element] = []
    _collect(p, None, atoms, pending)
    return atoms, pending


def _collect(parent: etree._Element, container, atoms: list[Atom], pending: list) -> None:
    for child in parent:
        tag = child.tag
        if tag == W_PPR or not isinstance(tag, str):
            continue
        if tag == W_R:
            _run_atoms(child, container, atoms, pending)
        elif tag in CONTAINERS:
            _collect(child, child, atoms, pending)
        elif tag in MARKERS:
            pending.append(child)
        elif tag in CONTAINER_PROPERTIES:
            continue  # rebuilt with its container's shell
        else:  # fldSimple, oMath, sdt in a paragraph...: compared whole
            atoms.append(Atom("\x01" + _digest(child), child, None, None, b"", container,
                              pending[:], bare=True))
            pending.clear()


def _run_atoms(run: etree._Element, container, atoms: list[Atom], pending: list) -> None:
    rpr = run.find(W_RPR)
    rpr_key = _key(rpr)
    for child in run:
        if child.tag in _SKIP_IN_RUN:
            continue
        if child.tag == W_T:
            for piece in tokens(shown_text(child)):
                atoms.append(Atom(piece, None, piece, rpr, rpr_key, container, pending[:]))
                pending.clear()
            continue
        atoms.append(Atom(_atom_token(child), child, None, rpr, rpr_key, container, pending[:]))
        pending.clear()


def shown_text(t: etree._Element) -> str:
    """The text of a w:t as Word and LibreOffice show it: without xml:space="preserve",
    leading and trailing XML white space is not part of it."""
    text = t.text or ""
    return text if t.get(XML_SPACE) == "preserve" else text.strip(" \t\r\n")


def _atom_token(node: etree._Element) -> str:
    local = etree.QName(node).localname
    if local == "tab":
        return "\t"
    if local in ("footnoteReference", "endnoteReference"):
        return "\x01" + local  # ids differ between files; the notes are paired by order
    if local == "instrText":
        return "\x01instr:" + (node.text or "").strip()
    if local in ("fldChar", "br", "cr", "sym", "noBreakHyphen", "softHyphen"):
        return "\x01" + local + ":" + ",".join(f"{k}={v}" for k, v in sorted(node.attrib.items()))
    boxes = text_boxes(node)
    if boxes:  # a shape with text boxes: the same shape whatever its text says
        shape = copy.deepcopy(node)
        for box in text_boxes(shape):
            box[:] = []
        return f"\x01{_digest(shape)}:{len(boxes)}"
    return "\x01" + _digest(node)


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


def _digest(node: etree._Element) -> str:
    return etree.QName(node).localname + ":" + hashlib.sha1(_key(node)).hexdigest()[:16]


def text_of(node: etree._Element) -> str:
    """Plain text of a block: its w:t texts, TABs as \\t, paragraphs joined by \\n."""
    parts: list[str] = []
    for p in ([node] if node.tag == W_P else node.iter(W_P)):
        parts.append("".join("\t" if n.tag == qn("w:tab") else (n.text or "")
                             for n in p.iter(W_T, qn("w:tab"))))
    return "\n".join(parts)


def block_key(node: etree._Element, text: str) -> str:
    """What must be equal for two blocks to be the same block: kind, style and *text*
    (the block's :func:`text_of`, computed once by the caller)."""
    if node.tag == W_P:
        style = node.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = style.get(qn("w:val")) if style is not None else ""
        return f"p|{name}|{text}"
    return f"{etree.QName(node).localname}|{text}"


def body_blocks(container: etree._Element) -> list[etree._Element]:
    """The comparable blocks of a body, cell, note or sdtContent (sectPr aside)."""
    return [child for child in container
            if isinstance(child.tag, str) and child.tag not in (qn("w:sectPr"), qn("w:tcPr"))]


def has_tracked_changes(root: etree._Element) -> bool:
    return any(True for _ in root.iter(*TRACKED))
