"""Framed paragraphs (w:framePr) written as floating tables, which LibreOffice keeps
revisions around.

LibreOffice 7.4 loses tracked changes near text frames made of paragraphs: after
a table whose cell paragraphs carry a w:framePr (even an empty one) every
revision up to the next framed paragraph outside a table is read as plain text;
a framed paragraph outside a table loses its own revisions and those of the
paragraph after it. A floating table (w:tblpPr) is positioned the same way and
loses nothing. So, in both inputs before they are compared, a table with framed
cell paragraphs gets the frame's position as its w:tblpPr and the cell
paragraphs lose their w:framePr; a run of paragraphs framed alike outside a
table becomes a one-cell floating table of the frame's width, without borders
or cell margins. Drop caps (also w:framePr) are left alone.
"""

from __future__ import annotations

import itertools

from lxml import etree

from pipeline.ooxml.build import el
from pipeline.ooxml.ns import qn
from pipeline.ooxml.wordml import W_P, W_PPR, W_TBL, W_TC

W_FRAMEPR, W_TBLPR, W_TBLPPR = qn("w:framePr"), qn("w:tblPr"), qn("w:tblpPr")
#: Where a converted table is noted while the engine runs (removed before output): an
#: attribute in no namespace, so that it reads the same in every tree (a namespace of
#: its own got a prefix each tree numbered as it met tables, ns0 or ns1, and its
#: declarations had to be cleaned from the output afterwards).
MARK = "itudraft-frame"

#: w:tblPr's children in schema order (ECMA-376 CT_TblPr).
TBLPR = [qn(f"w:{t}") for t in (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange")]
#: framePr attribute -> the tblpPr attributes that take its value.
_POSITION = {"hSpace": ("leftFromText", "rightFromText"),
             "vSpace": ("topFromText", "bottomFromText"),
             "hAnchor": ("horzAnchor",), "vAnchor": ("vertAnchor",),
             "x": ("tblpX",), "y": ("tblpY",), "xAlign": ("tblpXSpec",), "yAlign": ("tblpYSpec",)}

#: Frames that keep text from their sides, and the gap that does it for a table (twips).
_NOTHING_BESIDE = {"notBeside", "none"}
_NO_ROOM = "12240"


def float_frames(root: etree._Element) -> None:
    """Rewrite the framed paragraphs of one story part (see the module), in place."""
    if next(root.iter(W_FRAMEPR), None) is None:
        return
    _position_tables(root)
    _frame_runs_to_tables(root)


def table_position(frame: etree._Element) -> etree._Element:
    """The w:tblpPr placing a table where *frame* (a w:framePr) places its paragraphs."""
    position = el("w:tblpPr")
    for name, targets in _POSITION.items():
        value = frame.get(qn(f"w:{name}"))
        if value is not None:
            for target in targets:
                position.set(qn(f"w:{target}"), value)
    if frame.get(qn("w:wrap")) in _NOTHING_BESIDE:
        # A floating table always lets text flow beside it; a gap as wide as any page
        # leaves that text no room, as the frame did.
        for target in _POSITION["hSpace"]:
            position.set(qn(f"w:{target}"), _NO_ROOM)
    return position


def _frame(p: etree._Element) -> etree._Element | None:
    """The paragraph's text frame properties (None for a drop cap or no frame)."""
    frame = p.find(f"{W_PPR}/{W_FRAMEPR}")
    if frame is None or frame.get(qn("w:dropCap"), "none") != "none":
        return None
    return frame


def _position_tables(root: etree._Element) -> None:
    """Tables whose own cell paragraphs are framed: positioned by w:tblpPr instead."""
    for table in list(root.iter(W_TBL)):
        framed = [p for p in _cell_paragraphs(table) if _frame(p) is not None]
        if not framed:
            continue
        if table.find(f"{W_TBLPR}/{W_TBLPPR}") is None:
            insert_in_tblpr(_ensure_tblpr(table), table_position(_frame(framed[0])))
        for p in framed:
            p.find(W_PPR).remove(_frame(p))
        table.set(MARK, "table")


def _cell_paragraphs(table: etree._Element):
    """The paragraphs of *table*'s own cells (not of tables nested in them)."""
    for p in table.iter(W_P):
        if next(p.iterancestors(W_TBL)) is table:
            yield p


def _frame_runs_to_tables(root: etree._Element) -> None:
    """Each run of neighbouring paragraphs framed alike, outside tables: a floating table."""
    # Framed cell paragraphs are gone by now (their tables are positioned instead).
    for parent in {p.getparent() for p in root.iter(W_P) if _frame(p) is not None}:
        for _, run in itertools.groupby(parent, _frame_key):
            run = list(run)
            if _frame_key(run[0]) is not None and _has_paragraph_after(run[-1]):
                _to_table(run)


def _frame_key(node: etree._Element) -> bytes | None:
    """What groups paragraphs into one frame: equal frame properties (None: no frame)."""
    if node.tag != W_P or node.find(f"{W_PPR}/{qn('w:sectPr')}") is not None:
        return None
    frame = _frame(node)
    return None if frame is None else etree.tostring(frame, method="c14n")


def _has_paragraph_after(p: etree._Element) -> bool:
    """A table may not end its container: the run needs a block after it."""
    return any(sibling.tag in (W_P, W_TBL) for sibling in p.itersiblings())


def _to_table(paragraphs: list[etree._Element]) -> None:
    """Put *paragraphs* (one frame) in a one-cell floating table of the frame's width
    (Word fits it to its text when the frame has none), height, borders and margins
    left to the paragraphs."""
    frame = _frame(paragraphs[0])
    width = frame.get(qn("w:w"))
    table = el("w:tbl", el("w:tblPr", table_position(frame),
                           el("w:tblW", w=width or "0", type="dxa" if width else "auto"),
                           _no_borders(), el("w:tblLayout", type="fixed" if width else "autofit"),
                           _no_margins()),
               el("w:tblGrid", el("w:gridCol", w=width or "0")))
    row = etree.SubElement(table, qn("w:tr"))
    height, rule = frame.get(qn("w:h")), frame.get(qn("w:hRule"), "auto")
    if height and rule != "auto":
        row.append(el("w:trPr", el("w:trHeight", val=height, hRule=rule)))
    cell = etree.SubElement(row, W_TC)
    cell.append(el("w:tcPr", el("w:tcW", w=width or "0", type="dxa" if width else "auto")))
    paragraphs[0].addprevious(table)
    for p in paragraphs:
        p.find(W_PPR).remove(_frame(p))
        cell.append(p)
    table.set(MARK, "paragraph")


def _no_borders() -> etree._Element:
    return el("w:tblBorders", *[el(f"w:{side}", val="nil")
                                for side in ("top", "left", "bottom", "right", "insideH",
                                             "insideV")])


def _no_margins() -> etree._Element:
    return el("w:tblCellMar", *[el(f"w:{side}", w="0", type="dxa")
                                for side in ("top", "left", "bottom", "right")])


def _ensure_tblpr(table: etree._Element) -> etree._Element:
    tblpr = table.find(W_TBLPR)
    if tblpr is None:
        tblpr = el("w:tblPr")
        table.insert(0, tblpr)
    return tblpr


def insert_in_tblpr(tblpr: etree._Element, child: etree._Element) -> None:
    """Insert *child* into w:tblPr before the first sibling the schema puts after it."""
    rank = TBLPR.index(child.tag)
    for index, sibling in enumerate(tblpr):
        if sibling.tag in TBLPR and TBLPR.index(sibling.tag) > rank:
            tblpr.insert(index, child)
            return
    tblpr.append(child)


def converted(roots: list[etree._Element]) -> tuple[int, int]:
    """(tables repositioned, framed paragraph runs made tables) in the output; the notes
    of the conversion are removed."""
    counts = {"table": 0, "paragraph": 0}
    for root in roots:
        for table in [t for t in root.iter(W_TBL) if t.get(MARK) is not None]:
            counts[table.attrib.pop(MARK)] += 1
    return counts["table"], counts["paragraph"]
