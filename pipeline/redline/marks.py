"""Tracked paragraph marks that Word and LibreOffice can actually remove.

A paragraph mark can only be removed by joining its paragraph to the next
one. The mark of a container's last paragraph, or of one right before a table,
has nothing to join; LibreOffice also ignores a tracked mark in a paragraph
that holds a footnote reference or a shape with a text box, and runs a tracked paragraph into a change of
the same kind that ends the paragraph before. :func:`settle_marks` moves the tracking of
such marks to the paragraph before, which the other view keeps, and records
that paragraph's properties on the one that stays, so Accept All and Reject
All give exactly the two texts in either program.
"""

from __future__ import annotations

import copy
import itertools
from typing import Callable

from lxml import etree

from pipeline.ooxml.build import el
from pipeline.ooxml.ns import qn
from pipeline.ooxml.schema import insert_ordered
from pipeline.ooxml.wordml import (MARKERS, W_P, W_PPR, W_RPR, W_TBL, W_TR, W_TXBX, ensure_ppr,
                                   ensure_rpr)

_W_INS, _W_DEL = qn("w:ins"), qn("w:del")
_MARK_STATES = {_W_INS: "ins", _W_DEL: "del"}
_MARK_PATH = f"{W_PPR}/{W_RPR}"
_NOTE_REFERENCES = (qn("w:footnoteReference"), qn("w:endnoteReference"))

def settle_marks(blocks: list[etree._Element], mark: Callable[[str], etree._Element],
                 stats, mixed: Callable[[etree._Element, set[str]], None] | None = None) -> None:
    """Keep untracked every paragraph mark that cannot be removed.

    Word and LibreOffice cannot remove the mark of a container's last
    paragraph or of a paragraph right before a table: there is nothing
    for it to join. LibreOffice also ignores a tracked mark in a paragraph
    that holds a footnote or endnote reference or a shape with a text box
    (a labelled figure), and runs a tracked paragraph
    into a change of the same kind that ends the paragraph before (Reject
    then joins two paragraphs). An inserted (or deleted)
    paragraph there would leave an empty one behind on Reject (or Accept).
    The tracking moves to the mark of the paragraph before it that the
    other view keeps, and the paragraph records that one's properties, so
    both views stay exact whichever paragraph's properties a join keeps.

    *mixed*, when given, is told of each paragraph whose tracking moved onto
    content another author changed (a consolidation): Accept All and Reject All
    stay exact there, one author's changes alone may not.
    """
    index = len(blocks) - 1
    # A walk back over a run of paragraphs of one state stops where the run begins; a
    # later paragraph of the same run would walk back to the same place and find its
    # mark already placed there (or no place for it): remembered, not walked again, so a
    # long run costs its length once, not its square.
    walked: int | None = None  # where the last walk back stopped
    while index >= 0:
        if walked is not None and index > walked:
            index -= 1  # passed over by that walk: a block of its run
            continue
        walked = None
        block = blocks[index]
        state = mark_state(block) if block.tag == W_P else None
        if state is not None and (
                (_wholly(block, state, comments=True) and _following_tag(blocks, index) != W_P)
                or (_wholly(block, state) and (
                    has_note_reference(block) or has_text_box(block)
                    or (index > 0 and _ends_tracked(blocks[index - 1], state))))):
            index, stop, merged = _settle_run_end(blocks, index, mark, stats, mixed)
            if not merged:
                walked = stop
        index -= 1


def _following_tag(blocks: list[etree._Element], index: int) -> str | None:
    """The tag of the next block after *index* that is not a marker (None at the end)."""
    for block in itertools.islice(blocks, index + 1, None):
        if block.tag not in MARKERS:
            return block.tag
    return None


def _settle_run_end(blocks: list[etree._Element], end: int, mark, stats, mixed=None
                    ) -> tuple[int, int, bool]:
    """Move the tracking of blocks[end]'s mark back; returns the index it now has, the
    index where the walk back stopped, and whether a paragraph was merged away."""
    last = blocks[end]
    state = mark_state(last)
    if state is None:
        return end, end, False
    index = end - 1
    # Blocks of the same state are passed over: paragraphs, and tables whose
    # rows all go with them, as the other view has none of them.
    while index >= 0 and (blocks[index].tag in MARKERS or (
            mark_state(blocks[index]) == state and _wholly(blocks[index], state, comments=True)
            if blocks[index].tag == W_P else _table_state(blocks[index]) == state)):
        index -= 1
    if index < 0 or blocks[index].tag != W_P or mark_state(blocks[index]) == state:
        return end, index, False  # no paragraph of the other view to carry the mark
    if any(block.tag == W_TBL for block in blocks[index:end]):
        stats.marks_across_tables += 1
    keeper = blocks[index]
    moved = last.find(f"{qn('w:pPr')}/{qn('w:rPr')}")[0]
    authors = _authors(blocks[index:end + 1])
    if mixed is not None and authors - {moved.get(qn("w:author"))}:
        mixed(keeper, authors)
    mark = _keeping(mark, moved)  # the moved tracking keeps its author and date
    _set_mark(last, None)
    merged = False
    if mark_state(keeper) is None:
        _set_mark(keeper, state, mark(f"w:{state}"))
    else:  # the keeper only exists in the other view: its content joins the last paragraph
        _set_mark(keeper, None)
        _move_content(keeper, last)
        blocks.pop(index)
        end -= 1
        merged = True
    if state == "ins":  # Reject shows the keeper's text in the last mark: its old properties
        _set_properties(last, _properties(last), _old_properties(keeper), mark)
    else:               # Accept shows the keeper's text in the last mark: its new properties
        _set_properties(last, _properties(keeper), _properties(last), mark)
    return end, index, merged

def _keeping(mark, moved: etree._Element):
    """*mark*, making revisions with the author and date of *moved*."""
    def make(tag: str) -> etree._Element:
        made = mark(tag)
        for name in (qn("w:author"), qn("w:date")):
            if moved.get(name) is not None:
                made.set(name, moved.get(name))
        return made
    return make


def _set_properties(p: etree._Element, shown: list, recorded: list, mark) -> None:
    ppr = ensure_ppr(p)
    for child in list(ppr):
        if child.tag not in (W_RPR, qn("w:sectPr")):
            ppr.remove(child)
    for child in shown:
        insert_ordered(ppr, copy.deepcopy(child))
    if [_xml(c) for c in shown] != [_xml(c) for c in recorded]:
        change = mark("w:pPrChange")
        change.append(el("w:pPr", *[copy.deepcopy(c) for c in recorded]))
        insert_ordered(ppr, change)


def _xml(node: etree._Element) -> bytes:
    """*node* as bytes wherever it sits: exclusive C14N declares only the namespaces it
    uses, so a paragraph still in its document and one copied out compare alike."""
    return etree.tostring(node, method="c14n", exclusive=True)


def _authors(blocks: list[etree._Element]) -> set[str]:
    return {node.get(qn("w:author")) for block in blocks
            for node in block.iter(qn("w:ins"), qn("w:del"))}


def mark_state(p: etree._Element) -> str | None:
    """"ins" or "del" when the paragraph mark is tracked, else None."""
    rpr = p.find(_MARK_PATH)
    return _MARK_STATES.get(rpr[0].tag) if rpr is not None and len(rpr) else None


def marks_with_notes(roots: list[etree._Element]) -> int:
    """How many paragraphs with a tracked mark hold a footnote or endnote reference
    (found from the references: a long text has few notes and many paragraphs)."""
    holding = {p for root in roots for ref in root.iter(*_NOTE_REFERENCES)
               for p in ref.iterancestors(W_P)}
    return sum(1 for p in holding if mark_state(p) is not None)


def has_note_reference(p: etree._Element) -> bool:
    return any(True for _ in p.iter(*_NOTE_REFERENCES))


def has_text_box(p: etree._Element) -> bool:
    """Whether *p* holds a shape with a text box (a labelled figure, inline or floating)."""
    return next(p.iter(W_TXBX), None) is not None


def _table_state(table: etree._Element) -> str | None:
    """"ins" or "del" when every row of a table is tracked that way, else None."""
    if table.tag != W_TBL:
        return None
    states = set()
    for row in table.findall(W_TR):
        marks = row.findall(f"{qn('w:trPr')}/{qn('w:ins')}") or []
        dels = row.findall(f"{qn('w:trPr')}/{qn('w:del')}") or []
        states.add("ins" if marks else "del" if dels else None)
    return states.pop() if len(states) == 1 else None


def _ends_tracked(block: etree._Element, state: str) -> bool:
    """Whether paragraph *block* ends with text tracked as *state*."""
    if block.tag != W_P:
        return False
    runs = list(block.iter(qn("w:r")))
    return bool(runs) and any(a.tag == qn(f"w:{state}") for a in runs[-1].iterancestors())


def _wholly(p: etree._Element, state: str, comments: bool = False) -> bool:
    """Whether all the content of *p* is tracked as *state* (an inserted or deleted
    paragraph). *comments*: a run holding only a comment's reference is not content (it
    goes with the comment); by default it is, as LibreOffice does not run a paragraph
    that ends with one into the change before it."""
    wrapper = qn(f"w:{state}")
    for run in p.iter(qn("w:r")):
        if comments and _comment_reference_only(run):
            continue
        if not any(a.tag == wrapper for a in run.iterancestors()):
            return False
    return True


def _comment_reference_only(run: etree._Element) -> bool:
    return len(run) > 0 and all(child.tag in (qn("w:rPr"), qn("w:commentReference"))
                                for child in run) and run.find(qn("w:commentReference")) \
        is not None


def _set_mark(p: etree._Element, state: str | None, mark: etree._Element | None = None) -> None:
    rpr = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    if rpr is not None and len(rpr) and rpr[0].tag in (qn("w:ins"), qn("w:del")):
        rpr.remove(rpr[0])
    if state is not None:
        ensure_rpr(ensure_ppr(p)).insert(0, mark)


_NOT_PROPERTIES = {qn("w:rPr"), qn("w:sectPr"), qn("w:pPrChange")}


def _properties(p: etree._Element) -> list[etree._Element]:
    """The paragraph properties shown now (no mark formatting, section or change record)."""
    ppr = p.find(qn("w:pPr"))
    return [] if ppr is None else [c for c in ppr if c.tag not in _NOT_PROPERTIES]


def _old_properties(p: etree._Element) -> list[etree._Element]:
    """The paragraph properties before tracked changes (from w:pPrChange when present)."""
    change = p.find(f"{qn('w:pPr')}/{qn('w:pPrChange')}/{qn('w:pPr')}")
    return list(change) if change is not None else _properties(p)


def _move_content(source: etree._Element, target: etree._Element) -> None:
    """Move the runs of *source* to the start of *target*'s content."""
    anchor = target.find(qn("w:pPr"))
    index = 0 if anchor is None else target.index(anchor) + 1
    for offset, child in enumerate([c for c in source if c.tag != qn("w:pPr")]):
        target.insert(index + offset, child)
