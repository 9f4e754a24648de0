"""The redline engine's entry: two packages in, the new one marked up with tracked changes.

The body is compared block by block (:mod:`pipeline.redline.markup`), then the
footnotes and endnotes the references pair up, then every revision gets a
unique id. Input the engine cannot mark becomes one error naming the block.
"""

from __future__ import annotations

from collections.abc import Collection

from lxml import etree

from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.ns import qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.rels import RelImporter
from pipeline.ooxml.wordml import body_blocks, replace_blocks, story_parts
from pipeline.redline.frames import converted, float_frames
from pipeline.redline.marks import marks_with_notes
from pipeline.redline.markup import Redliner, Stats

#: Revision elements whose w:id is assigned afresh at the end.
REVISION_TAGS = [qn(t) for t in ("w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rPrChange",
                                 "w:pPrChange", "w:tblPrChange", "w:trPrChange",
                                 "w:tcPrChange", "w:sectPrChange")]
_W_ID = qn("w:id")
_ID_TAGS = [qn(t) for t in ("w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart",
                            "w:commentRangeEnd", "w:commentReference")]


def redline_packages(old: Package, new: Package, author: str, date: str) -> tuple[Package, Stats]:
    """Mark up *new* (in place) with the changes from *old*; returns it with counts.

    Input the engine cannot mark is a PipelineError (cannot-mark, exit 2) naming the
    file and the block, with the original exception chained (``--debug`` shows it).
    """
    engine = Redliner(old, new, author, date)
    old_body, new_body = _body(old), _body(new)
    for package in (old, new):  # before comparing, so that both sides are written alike
        for name in story_parts(package):
            float_frames(package.xml(name))
    try:
        return _mark_up(engine, old_body, new_body)
    except (LookupError, ValueError, TypeError, AttributeError, etree.LxmlError) as exc:
        raise PipelineError(Category.CANNOT_MARK, f"the redline engine cannot mark {engine.where()} "
                            f"({type(exc).__name__}: {exc}); run with --debug for the details",
                            Location(new.origin)) from exc


def _body(package: Package) -> etree._Element:
    root = package.xml("word/document.xml")
    body = root.find(qn("w:body"))
    if root.tag != qn("w:document") or body is None:
        raise PipelineError(Category.BAD_DOCX, "word/document.xml is not a w:document with a w:body",
                            Location(package.origin))
    return body


def _mark_up(engine: Redliner, old_body: etree._Element, new_body: etree._Element):
    new = engine.new
    blocks = engine.compare_body(old_body, new_body)
    _place(new_body, blocks, new_body.find(qn("w:sectPr")), engine.in_place)
    _compare_notes(engine)
    roots = [new.xml(name) for name in story_parts(new)]
    renumber_revisions(roots)
    engine.stats.framed_tables, engine.stats.framed_paragraphs = converted(roots)
    engine.stats.marks_with_notes = marks_with_notes(roots)
    return new, engine.stats


def _place(body: etree._Element, blocks: list[etree._Element],
           final_sect: etree._Element | None, stay: Collection[etree._Element] = ()) -> None:
    """Make *blocks*, then *final_sect*, the children of *body*. A block of *stay* (one
    that stands unchanged and declares no namespace of its own) is already there, in
    order, and stays: taking out and putting back the whole text of a long document
    cost a tenth of a second. Every other block is put in (moved, when it is there):
    moving an element drops the namespace declarations its new place already makes, as
    the output always had it. What the marked blocks replace goes."""
    wanted = set(blocks)
    cursor = body[0] if len(body) else None
    for block in blocks:
        while cursor is not None and cursor is not block and cursor not in wanted \
                and cursor is not final_sect:
            gone, cursor = cursor, cursor.getnext()
            body.remove(gone)
        if cursor is block and block in stay:
            cursor = cursor.getnext()
            continue
        if cursor is block:
            cursor = cursor.getnext()
            body.remove(block)
        if cursor is None:
            body.append(block)
        else:
            cursor.addprevious(block)
    while cursor is not None:
        gone, cursor = cursor, cursor.getnext()
        body.remove(gone)
    if final_sect is not None:
        body.append(final_sect)


def _compare_notes(engine: Redliner) -> None:
    notes = engine.notes
    for kind in ("footnotes", "endnotes"):
        part = f"word/{kind}.xml"
        tag = qn(f"w:{kind[:-1]}")
        # a note referred to twice (Word never does) is compared once
        paired = list(dict.fromkeys((o, n) for k, o, n in notes.paired if k == kind))
        inserted = [n for k, n in notes.inserted if k == kind]
        deleted = [(o, ref) for k, o, ref in notes.deleted if k == kind]
        if not (paired or inserted or deleted):
            continue
        new_root = engine.new.xml(part)
        old_root = engine.old.xml(part) if engine.old.has(part) else None
        new_notes = {n.get(qn("w:id")): n for n in new_root.findall(tag)}
        old_notes = {n.get(qn("w:id")): n for n in old_root.findall(tag)} if old_root is not None else {}
        engine.rels = RelImporter(engine.old, engine.new, part)
        engine.part = part
        for old_id, new_id in paired:
            if old_id in old_notes and new_id in new_notes:
                replace_blocks(new_notes[new_id], engine.compare_blocks(
                    body_blocks(old_notes[old_id]), body_blocks(new_notes[new_id])))
        for new_id in inserted:
            if new_id in new_notes:
                replace_blocks(new_notes[new_id], [engine.inserted(b) for b in
                                                    body_blocks(new_notes[new_id])])
        next_id = max([int(i) for i in new_notes] + [0]) + 1
        for old_id, ref in deleted:
            if old_id not in old_notes:
                continue
            note = etree.SubElement(new_root, tag, {qn("w:id"): str(next_id)})
            note.extend(engine.deleted(b) for b in body_blocks(old_notes[old_id]))
            ref.set(qn("w:id"), str(next_id))
            next_id += 1


def renumber_revisions(roots: list[etree._Element]) -> None:
    """Give every revision a w:id unique across the document, above bookmark and comment ids."""
    used = [int(value) for root in roots for node in root.iter(*_ID_TAGS)
            if (value := node.get(_W_ID) or "").lstrip("-").isdigit()]
    next_id = max(used + [0]) + 1
    for root in roots:
        for node in root.iter(*REVISION_TAGS):
            node.set(_W_ID, str(next_id))
            next_id += 1
