"""Writing Word tracked changes between two documents (the redline engine's OOXML half).

Blocks are aligned by :mod:`pipeline.diffing`; this module turns the
alignment into markup: paired paragraphs are compared atom by atom (words,
spaces, punctuation, tabs, fields, pictures) with each run's formatting kept,
inserted and deleted text goes into ``w:ins``/``w:del`` runs, paragraph marks
are tracked in ``w:pPr/w:rPr``, rows in ``w:trPr``, formatting changes become
``w:rPrChange``/``w:pPrChange``. The output keeps the new document's parts;
what only the old one had (deleted footnotes, pictures, links) is carried in.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from pipeline.diffing import align, diff_tokens
from pipeline.errors import BadInputError, Location
from pipeline.ooxml.build import el
from pipeline.ooxml.ns import XML_SPACE, qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.marks import has_note_reference, mark_state, settle_marks
from pipeline.ooxml.rels import RelImporter
from pipeline.ooxml.schema import insert_ordered
from pipeline.ooxml.wordml import (CONTAINER_PROPERTIES, MARKERS, W_P, W_PPR, W_R, W_RPR, W_SDT, W_TBL, W_TC, W_TR, Atom,
                                   block_key, body_blocks, paragraph_atoms, text_boxes, text_of)

_DELETED_NAMES = {qn("w:t"): qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}
_OWN_RUN = {qn("w:fldChar"), qn("w:instrText")}
_NOTE_REFS = {qn("w:footnoteReference"): "footnotes", qn("w:endnoteReference"): "endnotes"}
#: Revision elements whose w:id is assigned afresh at the end.
REVISION_TAGS = [qn(t) for t in ("w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rPrChange",
                                 "w:pPrChange", "w:tblPrChange", "w:trPrChange",
                                 "w:tcPrChange", "w:sectPrChange")]
_ID_TAGS = [qn(t) for t in ("w:bookmarkStart", "w:bookmarkEnd", "w:commentRangeStart",
                            "w:commentRangeEnd", "w:commentReference")]


@dataclass
class Stats:
    insertions: int = 0
    deletions: int = 0
    format_changes: int = 0
    #: tracked paragraph marks in paragraphs holding a note reference: Word resolves
    #: them, LibreOffice leaves an empty paragraph (the engine moves them where it can)
    marks_with_notes: int = 0
    #: tracked paragraph marks that join across a table inserted or deleted whole: Word
    #: resolves them, LibreOffice leaves an empty paragraph
    marks_across_tables: int = 0
    #: shapes holding text boxes (a labelled diagram) inserted or deleted whole: Word
    #: resolves them, LibreOffice reads two zero-width spaces in place of each anchor,
    #: which stay after Accept All or Reject All (and the paragraph of a rejected one)
    shapes_in_changes: int = 0

    @property
    def libreoffice_caveats(self) -> int:
        return self.marks_with_notes + self.marks_across_tables + self.shapes_in_changes


@dataclass
class _Notes:
    """Footnote and endnote references met while comparing the body."""

    paired: list[tuple[str, str, str]] = field(default_factory=list)     # kind, old id, new id
    inserted: list[tuple[str, str]] = field(default_factory=list)        # kind, new id
    deleted: list[tuple[str, str, etree._Element]] = field(default_factory=list)  # kind, old id, ref


class Redliner:
    """Compares block lists and builds the marked-up output blocks."""

    def __init__(self, old: Package, new: Package, author: str, date: str):
        self.old, self.new = old, new
        self.author, self.date = author, date
        self.notes = _Notes()
        self.stats = Stats()
        self.rels = RelImporter(old, new, "word/document.xml")
        #: the blocks being compared, outermost first, to name one in an error
        self.at: list[tuple[str, etree._Element]] = []
        self.part = "word/document.xml"

    # -- revision marks -------------------------------------------------------
    def mark(self, tag: str) -> etree._Element:
        return el(tag, id="0", author=self.author, date=self.date)

    # -- blocks -----------------------------------------------------------------
    def compare_blocks(self, old_blocks: list, new_blocks: list) -> list[etree._Element]:
        old_texts, new_texts = [text_of(b) for b in old_blocks], [text_of(b) for b in new_blocks]
        steps = align([block_key(b, t) for b, t in zip(old_blocks, old_texts)],
                      [block_key(b, t) for b, t in zip(new_blocks, new_texts)],
                      old_texts, new_texts)
        out: list[etree._Element] = []
        for step in steps:
            old = old_blocks[step.old] if step.old is not None else None
            new = new_blocks[step.new] if step.new is not None else None
            # Bookmarks and the like between blocks: the new document's stand, unmarked;
            # the old document's go.
            if new is not None and new.tag in MARKERS:
                out.append(copy.deepcopy(new))
                new = None
            if old is not None and old.tag in MARKERS:
                old = None
            if old is None and new is None:
                continue
            if new is None:
                out.append(self.deleted(old))
                continue
            if old is None:
                out.append(self.inserted(new))
                continue
            if old.tag != new.tag:
                out.extend([self.deleted(old), self.inserted(new)])
            else:
                self.at.append(("new", new))
                out.append(self.compare_pair(old, new))
                self.at.pop()
        settle_marks(out, self.mark, self.stats)
        return out

    def where(self) -> str:
        """The innermost block being compared, as a person finds it in Word."""
        if not self.at:
            return self.part
        side, block = self.at[-1]
        kind = {W_P: "paragraph", W_TBL: "table"}.get(block.tag, etree.QName(block).localname)
        text = " ".join(text_of(block).split())
        if len(text) > 60:
            text = text[:60] + "..."
        shown = f' "{text}"' if text else " (no text)"
        return f"the {kind}{shown} of the {side} document's {self.part}"

    def compare_pair(self, old: etree._Element, new: etree._Element) -> etree._Element:
        if old.tag == W_P:
            return self.compare_paragraph(old, new)
        if old.tag == W_TBL:
            return self.compare_table(old, new)
        if old.tag == W_SDT:
            return self._compare_container(old, new, qn("w:sdtContent"))
        # A block the engine cannot look into (altChunk, customXml...): the new one stands.
        return copy.deepcopy(new)

    def inserted(self, block: etree._Element) -> etree._Element:
        self.at.append(("new", block))
        out = self._whole(block, "ins")
        self.at.pop()
        return out

    def deleted(self, block: etree._Element) -> etree._Element:
        self.at.append(("old", block))
        out = self._whole(block, "del")
        self.at.pop()
        return out

    def _whole(self, block: etree._Element, mode: str) -> etree._Element:
        if block.tag == W_P:
            atoms, tail = paragraph_atoms(block)
            pieces = [(mode, atom, None) for atom in atoms]
            out = self._paragraph_shell(block, drop_sectpr=(mode == "del"))
            self._emit(out, pieces, from_old=(mode == "del"))
            if mode == "ins":  # bookmarks and other markers belong to the new text
                out.extend(copy.deepcopy(marker) for marker in tail)
            self._mark_paragraph(out, mode)
            return out
        if block.tag == W_TBL:
            out = self._shell(block, W_TR)
            for row in block.findall(W_TR):
                out.append(self._whole_row(row, mode))
            return out
        if block.tag == W_SDT:
            out = copy.deepcopy(block)
            content = out.find(qn("w:sdtContent"))
            if content is not None:
                marked = [self._whole(b, mode) for b in body_blocks(block.find(qn("w:sdtContent")))]
                for child in list(content):
                    content.remove(child)
                content.extend(marked)
            return out
        return copy.deepcopy(block)

    def _shell(self, node: etree._Element, *content_tags: str) -> etree._Element:
        """A copy of *node* without its children of *content_tags*."""
        out = etree.Element(node.tag, attrib=dict(node.attrib), nsmap=node.nsmap)
        for child in node:
            if child.tag not in content_tags:
                out.append(copy.deepcopy(child))
        return out

    # -- tables -------------------------------------------------------------------
    def compare_table(self, old: etree._Element, new: etree._Element) -> etree._Element:
        if etree.tostring(old) == etree.tostring(new):
            return copy.deepcopy(new)
        out = self._shell(new, W_TR)
        old_rows, new_rows = old.findall(W_TR), new.findall(W_TR)
        old_texts, new_texts = [text_of(r) for r in old_rows], [text_of(r) for r in new_rows]
        steps = align(old_texts, new_texts, old_texts, new_texts)
        for step in steps:
            if step.op == "delete":
                out.append(self._whole_row(old_rows[step.old], "del"))
            elif step.op == "insert":
                out.append(self._whole_row(new_rows[step.new], "ins"))
            else:
                old_row, new_row = old_rows[step.old], new_rows[step.new]
                if len(old_row.findall(W_TC)) == len(new_row.findall(W_TC)):
                    out.append(self._compare_row(old_row, new_row))
                else:
                    out.append(self._whole_row(old_row, "del"))
                    out.append(self._whole_row(new_row, "ins"))
        return out

    def _compare_row(self, old: etree._Element, new: etree._Element) -> etree._Element:
        if etree.tostring(old) == etree.tostring(new):
            return copy.deepcopy(new)
        out = self._shell(new, W_TC)
        for old_cell, new_cell in zip(old.findall(W_TC), new.findall(W_TC)):
            out.append(self._compare_container(old_cell, new_cell, None))
        return out

    def _compare_container(self, old, new, inner_tag):
        """A cell (or sdt) whose blocks are compared; its own properties are the new ones."""
        if etree.tostring(old) == etree.tostring(new):
            return copy.deepcopy(new)
        out = copy.deepcopy(new)
        holder = out if inner_tag is None else out.find(inner_tag)
        old_holder = old if inner_tag is None else old.find(inner_tag)
        new_holder = new if inner_tag is None else new.find(inner_tag)
        if holder is None or old_holder is None:
            return out
        for child in body_blocks(holder):
            holder.remove(child)
        holder.extend(self.compare_blocks(body_blocks(old_holder), body_blocks(new_holder)))
        return out

    def _whole_row(self, row: etree._Element, mode: str) -> etree._Element:
        out = self._shell(row, W_TC)
        trpr = out.find(qn("w:trPr"))
        if trpr is None:
            trpr = el("w:trPr")
            index = 1 if len(out) and out[0].tag == qn("w:tblPrEx") else 0
            out.insert(index, trpr)
        trpr.append(self.mark(f"w:{mode}"))
        for cell in row.findall(W_TC):
            shell = etree.Element(W_TC, attrib=dict(cell.attrib), nsmap=cell.nsmap)
            shell.extend(copy.deepcopy(c) for c in cell if c.tag == qn("w:tcPr"))
            for block in body_blocks(cell):
                if block.tag in MARKERS:
                    if mode == "ins":
                        shell.append(copy.deepcopy(block))
                    continue
                shell.append(self._whole(block, mode))
            out.append(shell)
        return out

    # -- paragraphs ---------------------------------------------------------------
    def compare_paragraph(self, old: etree._Element, new: etree._Element) -> etree._Element:
        if etree.tostring(old) == etree.tostring(new):
            return copy.deepcopy(new)
        out = self._paragraph_shell(new)
        self._track_paragraph_properties(out, old)
        old_atoms, _ = paragraph_atoms(old)
        new_atoms, tail = paragraph_atoms(new)
        pieces: list[tuple[str, Atom, Atom | None]] = []
        for op, i1, i2, j1, j2 in diff_tokens([a.token for a in old_atoms],
                                              [a.token for a in new_atoms]):
            if op == "equal":
                pieces.extend(("equal", new_atoms[j1 + k], old_atoms[i1 + k])
                              for k in range(i2 - i1))
                continue
            pieces.extend(("del", atom, None) for atom in old_atoms[i1:i2])
            pieces.extend(("ins", atom, None) for atom in new_atoms[j1:j2])
        self._emit(out, pieces, from_old=False)
        out.extend(copy.deepcopy(marker) for marker in tail)
        return out

    def _paragraph_shell(self, p: etree._Element, drop_sectpr: bool = False) -> etree._Element:
        out = etree.Element(W_P, attrib=dict(p.attrib), nsmap=p.nsmap)
        ppr = p.find(W_PPR)
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            if drop_sectpr:  # sections are the new document's
                for sect in ppr.findall(qn("w:sectPr")):
                    ppr.remove(sect)
            out.append(ppr)
        return out

    def _track_paragraph_properties(self, out: etree._Element, old: etree._Element) -> None:
        ignore = {W_RPR, qn("w:sectPr"), qn("w:pPrChange")}

        def props(p):
            ppr = p.find(W_PPR)
            return [] if ppr is None else [c for c in ppr if c.tag not in ignore]

        old_props, new_props = props(old), props(out)
        if [etree.tostring(c) for c in old_props] == [etree.tostring(c) for c in new_props]:
            return
        ppr = out.find(W_PPR)
        if ppr is None:
            ppr = el("w:pPr")
            out.insert(0, ppr)
        change = self.mark("w:pPrChange")
        change.append(el("w:pPr", *[copy.deepcopy(c) for c in old_props]))
        insert_ordered(ppr, change)
        self.stats.format_changes += 1

    def _mark_paragraph(self, p: etree._Element, mode: str) -> None:
        """Track the paragraph mark itself (first child of w:pPr/w:rPr)."""
        ppr = p.find(W_PPR)
        if ppr is None:
            ppr = el("w:pPr")
            p.insert(0, ppr)
        rpr = ppr.find(W_RPR)
        if rpr is None:
            rpr = insert_ordered(ppr, el("w:rPr"))
        rpr.insert(0, self.mark(f"w:{mode}"))

    # -- runs -----------------------------------------------------------------------
    def _emit(self, p: etree._Element, pieces: list, from_old: bool) -> None:
        """Append runs for *pieces* (mode, atom, old atom) to *p*, grouping alike atoms."""
        target_stack: list[etree._Element] = []  # container copies made so far
        wrapper: tuple[str, etree._Element] | None = None
        run: etree._Element | None = None
        run_key = None
        for mode, atom, old_atom in pieces:
            side_old = from_old or mode == "del"
            container = atom.container
            holder = self._container_for(p, container, side_old, target_stack)
            if atom.anchors and not side_old:
                holder.extend(copy.deepcopy(a) for a in atom.anchors)
                wrapper, run = None, None
            change = mode == "equal" and old_atom is not None and old_atom.rpr_key != atom.rpr_key
            key = (mode, atom.rpr_key, id(container), change,
                   old_atom.rpr_key if change else None)
            if atom.bare:
                wrapper = self._emit_bare(holder, atom, mode, side_old, wrapper)
                run = None
                continue
            if mode == "equal":
                parent = holder
            else:
                wrapper = self._wrapper(holder, mode, wrapper)
                parent = wrapper[1]
            # Field characters and instructions get a run each, as Word writes them
            # (LibreOffice reads a field spread over one run differently).
            alone = atom.node is not None and atom.node.tag in _OWN_RUN
            if run is None or run_key != key or _last(parent) is not run or alone:
                run = self._new_run(atom, old_atom if change else None)
                parent.append(run)
                run_key = None if alone else key
            self._add_content(run, atom, deleted=(mode == "del"), from_old=side_old)
            self._inside(mode, atom, old_atom, run[-1])

    def _inside(self, mode: str, atom: Atom, old_atom: Atom | None, node: etree._Element) -> None:
        """What the content just written holds: text boxes to compare, notes to pair."""
        if mode == "equal" and old_atom is not None and old_atom.node is not None:
            self._compare_text_boxes(old_atom.node, node)
        elif mode != "equal" and atom.node is not None and text_boxes(atom.node):
            self.stats.shapes_in_changes += 1
        self._note_reference(mode, atom, old_atom, node)

    def _wrapper(self, holder: etree._Element, mode: str, wrapper):
        """The w:ins or w:del at the end of *holder* that continues *wrapper*, or a new one."""
        if wrapper is not None and wrapper[0] == mode and _last(holder) is wrapper[1]:
            return wrapper
        wrapper = (mode, self.mark(f"w:{mode}"))
        holder.append(wrapper[1])
        if mode == "ins":
            self.stats.insertions += 1
        else:
            self.stats.deletions += 1
        return wrapper

    def _compare_text_boxes(self, old: etree._Element, out: etree._Element) -> None:
        """Track the edits inside the text boxes of a shape that is otherwise unchanged.

        The shape's atom token ignores its text, so a label edited in a figure is
        that label's words changed, not the whole figure deleted and inserted
        (LibreOffice would leave a placeholder character for each).
        """
        for old_box, new_box in zip(text_boxes(old), text_boxes(out)):
            if etree.tostring(old_box) != etree.tostring(new_box):
                _replace_blocks(new_box, self.compare_blocks(body_blocks(old_box),
                                                             body_blocks(new_box)))

    def _emit_bare(self, holder, atom: Atom, mode: str, side_old: bool, wrapper):
        """A paragraph-level element (fldSimple, sdt, oMath...) placed as it is, not in a run.

        Inserted or deleted ones go inside the change (w:sdt, w:smartTag,
        w:customXml and maths may; a w:fldSimple is written out as field
        characters first), with their text as deleted text. Returns the change
        wrapper now open at the end of *holder* (None after unchanged content).
        """
        node = copy.deepcopy(atom.node)
        if side_old:
            self.rels.import_attributes(node)
        if mode == "equal":
            holder.append(node)
            return None
        # A simple field cannot sit in a change: it becomes the same field written
        # out as field characters, which can.
        nodes = _complex_field(node) if node.tag == qn("w:fldSimple") else [node]
        for item in nodes:
            if mode == "del":
                for inner in list(item.iter(*_DELETED_NAMES)):
                    inner.tag = _DELETED_NAMES[inner.tag]
        wrapper = self._wrapper(holder, mode, wrapper)
        wrapper[1].extend(nodes)
        return wrapper

    def _container_for(self, p, container, side_old: bool, stack: list) -> etree._Element:
        """The copy of *container* (a hyperlink, say) that the next run goes in.

        Consecutive pieces of the same link, old or new, share one copy, so an
        edit inside a link leaves one link with the change inside it.
        """
        if container is None:
            return p
        shell = etree.Element(container.tag, attrib=dict(container.attrib), nsmap=container.nsmap)
        shell.extend(copy.deepcopy(c) for c in container if c.tag in CONTAINER_PROPERTIES)
        if side_old:
            self.rels.import_attributes(shell)
        if stack and _last(p) is stack[-1] and _same_shell(stack[-1], shell):
            return stack[-1]
        p.append(shell)
        stack.append(shell)
        return shell

    def _new_run(self, atom: Atom, old_atom: Atom | None) -> etree._Element:
        run = el("w:r")
        rpr = copy.deepcopy(atom.rpr) if atom.rpr is not None else None
        if old_atom is not None:
            if rpr is None:
                rpr = el("w:rPr")
            change = self.mark("w:rPrChange")
            old_rpr = el("w:rPr")
            if old_atom.rpr is not None:
                old_rpr.extend(copy.deepcopy(c) for c in old_atom.rpr
                               if c.tag != qn("w:rPrChange"))
            change.append(old_rpr)
            insert_ordered(rpr, change)
            self.stats.format_changes += 1
        if rpr is not None:
            run.append(rpr)
        return run

    def _add_content(self, run: etree._Element, atom: Atom, deleted: bool, from_old: bool) -> None:
        if atom.text is not None:
            tag = qn("w:delText") if deleted else qn("w:t")
            last = run[-1] if len(run) else None
            if last is not None and last.tag == tag:
                last.text += atom.text
            else:
                t = etree.SubElement(run, tag)
                t.text = atom.text
                t.set(XML_SPACE, "preserve")
            return
        node = copy.deepcopy(atom.node)
        if deleted and node.tag in _DELETED_NAMES:
            node.tag = _DELETED_NAMES[node.tag]
        if from_old:
            self.rels.import_attributes(node)
        run.append(node)

    def _note_reference(self, mode: str, atom: Atom, old_atom: Atom | None,
                        node: etree._Element) -> None:
        """Remember footnote and endnote references, to compare the notes afterwards."""
        kind = _NOTE_REFS.get(atom.node.tag) if atom.node is not None else None
        if kind is None:
            return
        if mode == "del":
            self.notes.deleted.append((kind, atom.node.get(qn("w:id")), node))
        elif mode == "ins" or old_atom is None:
            self.notes.inserted.append((kind, atom.node.get(qn("w:id"))))
        else:
            self.notes.paired.append((kind, old_atom.node.get(qn("w:id")),
                                      atom.node.get(qn("w:id"))))


def _last(node: etree._Element) -> etree._Element | None:
    return node[-1] if len(node) else None


def _same_shell(a: etree._Element, b: etree._Element) -> bool:
    return a.tag == b.tag and dict(a.attrib) == dict(b.attrib)


def _complex_field(simple: etree._Element) -> list[etree._Element]:
    """The runs of a w:fldSimple written as a complex field (begin, instruction, result, end)."""
    instruction = el("w:instrText", text=simple.get(qn("w:instr"), ""))
    instruction.set(XML_SPACE, "preserve")
    runs = [el("w:r", el("w:fldChar", fldCharType="begin")), el("w:r", instruction),
            el("w:r", el("w:fldChar", fldCharType="separate"))]
    runs.extend(copy.deepcopy(child) for child in simple if child.tag == W_R)
    runs.append(el("w:r", el("w:fldChar", fldCharType="end")))
    return runs


def redline_packages(old: Package, new: Package, author: str, date: str) -> tuple[Package, Stats]:
    """Mark up *new* (in place) with the changes from *old*; returns it with counts.

    Input the engine cannot mark is a BadInputError naming the file and the block
    (with the original exception chained, which ``--debug`` shows), never a traceback.
    """
    engine = Redliner(old, new, author, date)
    old_body, new_body = _body(old), _body(new)
    try:
        return _mark_up(engine, old_body, new_body)
    except (LookupError, ValueError, TypeError, AttributeError, etree.LxmlError) as exc:
        raise BadInputError("cannot-mark", f"the redline engine cannot mark {engine.where()} "
                            f"({type(exc).__name__}: {exc}); run with --debug for the details",
                            Location(new.origin)) from exc


def _body(package: Package) -> etree._Element:
    root = package.xml("word/document.xml")
    body = root.find(qn("w:body"))
    if root.tag != qn("w:document") or body is None:
        raise BadInputError("bad-docx", "word/document.xml is not a w:document with a w:body",
                            Location(package.origin))
    return body


def _mark_up(engine: Redliner, old_body: etree._Element, new_body: etree._Element):
    new = engine.new
    blocks = engine.compare_blocks(body_blocks(old_body), body_blocks(new_body))
    final_sect = new_body.find(qn("w:sectPr"))
    for child in list(new_body):
        new_body.remove(child)
    new_body.extend(blocks)
    if final_sect is not None:
        new_body.append(final_sect)
    _compare_notes(engine)
    roots = [new.xml(name) for name in _story_parts(new)]
    renumber_revisions(roots)
    engine.stats.marks_with_notes = sum(
        1 for root in roots for p in root.iter(W_P)
        if mark_state(p) is not None and has_note_reference(p))
    return new, engine.stats


def _story_parts(package: Package) -> list[str]:
    return [name for name in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
            if package.has(name)]


def _compare_notes(engine: Redliner) -> None:
    notes = engine.notes
    for kind in ("footnotes", "endnotes"):
        part = f"word/{kind}.xml"
        tag = qn(f"w:{kind[:-1]}")
        paired = [(o, n) for k, o, n in notes.paired if k == kind]
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
                _replace_blocks(new_notes[new_id], engine.compare_blocks(
                    body_blocks(old_notes[old_id]), body_blocks(new_notes[new_id])))
        for new_id in inserted:
            if new_id in new_notes:
                _replace_blocks(new_notes[new_id], [engine.inserted(b) for b in
                                                    body_blocks(new_notes[new_id])])
        next_id = max([int(i) for i in new_notes] + [0]) + 1
        for old_id, ref in deleted:
            if old_id not in old_notes:
                continue
            note = etree.SubElement(new_root, tag, {qn("w:id"): str(next_id)})
            note.extend(engine.deleted(b) for b in body_blocks(old_notes[old_id]))
            ref.set(qn("w:id"), str(next_id))
            next_id += 1


def _replace_blocks(holder: etree._Element, blocks: list[etree._Element]) -> None:
    for child in body_blocks(holder):
        holder.remove(child)
    holder.extend(blocks)


def renumber_revisions(roots: list[etree._Element]) -> None:
    """Give every revision a w:id unique across the document, above bookmark and comment ids."""
    used = [int(node.get(qn("w:id"))) for root in roots for node in root.iter(*_ID_TAGS)
            if (node.get(qn("w:id")) or "").lstrip("-").isdigit()]
    next_id = max(used + [0]) + 1
    for root in roots:
        for node in root.iter(*REVISION_TAGS):
            node.set(qn("w:id"), str(next_id))
            next_id += 1
