"""Writing the runs of a compared paragraph: equal, inserted and deleted atoms grouped
into runs with their formatting, inside copies of their links and other containers,
deleted text as ``w:delText``, formatting changes as ``w:rPrChange``."""

from __future__ import annotations

import copy

from lxml import etree

from pipeline.ooxml.build import bare_copy, el
from pipeline.ooxml.ns import NS, XML_SPACE, qn
from pipeline.ooxml.schema import insert_ordered
from pipeline.ooxml.wordml import CONTAINER_PROPERTIES, W_R, body_blocks, replace_blocks, text_boxes
from pipeline.redline.atoms import Atom, CustomMark

#: A floating DrawingML object (shape, text box, picture), anchored in the text.
_WP_ANCHOR = qn("wp:anchor")

W_TEXT, W_DELTEXT = qn("w:t"), qn("w:delText")
_DELETED_NAMES = {W_TEXT: W_DELTEXT, qn("w:instrText"): qn("w:delInstrText")}
_OWN_RUN = {qn("w:fldChar"), qn("w:instrText")}
_NOTE_REFS = {qn("w:footnoteReference"): "footnotes", qn("w:endnoteReference"): "endnotes"}
_W_NSMAP = {"w": NS["w"]}
_RUN = etree.Element(W_R, nsmap=_W_NSMAP)  # copied: a sixth of the cost of making one


class RunWriter:
    """The run-level half of :class:`pipeline.redline.markup.Redliner`."""

    # -- runs -----------------------------------------------------------------------
    def _emit(self, p: etree._Element, pieces: list, from_old: bool) -> None:
        """Append runs for *pieces* (mode, atom, old atom) to *p*, grouping alike atoms."""
        target_stack: list[etree._Element] = []  # container copies made so far
        # text gathered per w:t and set once at the end: appending to an lxml text one
        # piece at a time copies it each time (a 1 MB paragraph took minutes)
        self._texts: dict[etree._Element, list[str]] = {}
        wrapper: tuple[str, etree._Element] | None = None
        run: etree._Element | None = None
        run_key = None
        for piece in _coalesced(pieces):
            mode, atom, old_atom = piece[0], piece[1], piece[2]
            side_old = from_old or mode == "del"
            if len(piece) > 3:  # a consolidation: each piece has its author and date
                self.author, self.date = piece[3]
            container = atom.container
            holder = p if container is None else \
                self._container_for(p, container, side_old, target_stack)
            if atom.anchors and not side_old:
                holder.extend(copy.deepcopy(a) for a in atom.anchors)
                wrapper, run = None, None
            change = mode == "equal" and old_atom is not None and old_atom.rpr_key != atom.rpr_key
            key = (mode, atom.rpr_key, id(container), change,
                   old_atom.rpr_key if change else None, self.author)
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
            if run is None or run_key != key or alone or not len(parent) or parent[-1] is not run:
                run = self._new_run(atom, old_atom if change else None)
                parent.append(run)
                run_key = None if alone else key
            if atom.text is not None:  # _add_text, inline: most pieces are text
                tag = W_DELTEXT if mode == "del" else W_TEXT
                last = run[-1] if len(run) else None
                if last is not None and last.tag == tag and last in self._texts:
                    self._texts[last].append(atom.text)
                else:
                    t = etree.SubElement(run, tag)
                    t.set(XML_SPACE, "preserve")
                    self._texts[t] = [atom.text]
            else:
                self._add_content(run, atom, deleted=(mode == "del"), from_old=side_old)
            if atom.node is not None or (old_atom is not None and old_atom.node is not None):
                self._inside(mode, atom, old_atom, run[-1])  # text holds no box or note
            if atom.mark is not None:  # the text after it starts a run of its own
                run, run_key = self._add_mark(parent, run, atom, old_atom, mode), None
        for node, texts in self._texts.items():
            node.text = "".join(texts)
        self._texts = {}

    def _inside(self, mode: str, atom: Atom, old_atom: Atom | None, node: etree._Element) -> None:
        """What the content just written holds: text boxes to compare, notes to pair."""
        if mode == "equal" and old_atom is not None and old_atom.node is not None:
            self._compare_text_boxes(old_atom.node, node)
        elif mode != "equal" and atom.node is not None \
                and next(atom.node.iter(_WP_ANCHOR), None) is not None:
            self.stats.shapes_in_changes += 1
        self._note_reference(mode, atom, old_atom, node)

    def _wrapper(self, holder: etree._Element, mode: str, wrapper):
        """The w:ins or w:del at the end of *holder* that continues *wrapper*, or a new one."""
        if wrapper is not None and wrapper[0] == mode and _last(holder) is wrapper[1] \
                and wrapper[1].get(qn("w:author")) == self.author:
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
            if not self.same(old_box, new_box):
                replace_blocks(new_box, self.compare_blocks(body_blocks(old_box),
                                                             body_blocks(new_box)))

    def _emit_bare(self, holder, atom: Atom, mode: str, side_old: bool, wrapper):
        """A paragraph-level element (fldSimple, sdt, oMath...) placed as it is, not in a run.

        Inserted or deleted ones go inside the change (w:sdt, w:smartTag,
        w:customXml and maths may; a w:fldSimple is written out as field
        characters first), with their text as deleted text. Returns the change
        wrapper now open at the end of *holder* (None after unchanged content).
        """
        node = atom.node.__copy__()  # deep, as copy.deepcopy, without its look-ups
        if side_old:
            self.rels.import_attributes(node)
        if mode == "equal":
            holder.append(node)
            self._bare_notes(node, mode)
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
        for item in nodes:
            self._bare_notes(item, mode)
        return wrapper

    def _bare_notes(self, node: etree._Element, mode: str) -> None:
        """The note references inside a paragraph-level element written whole: an equal
        one refers to the same notes on both sides (the same XML), an inserted one to new
        notes, a deleted one to notes that come back from the old document."""
        for reference in node.iter(*_NOTE_REFS):
            kind, note_id = _NOTE_REFS[reference.tag], reference.get(qn("w:id"))
            if mode == "equal":
                self.notes.paired.append((kind, note_id, note_id))
            elif mode == "ins":
                self.notes.inserted.append((kind, note_id))
            else:
                self.notes.deleted.append((kind, note_id, reference))

    def _container_for(self, p, container, side_old: bool, stack: list) -> etree._Element:
        """The copy of *container* (a hyperlink, say) that the next run goes in.

        Consecutive pieces of the same link, old or new, share one copy, so an
        edit inside a link leaves one link with the change inside it.
        """
        if container is None:
            return p
        shell = bare_copy(container)
        shell.extend(copy.deepcopy(c) for c in container if c.tag in CONTAINER_PROPERTIES)
        if side_old:
            self.rels.import_attributes(shell)
        if stack and _last(p) is stack[-1] and _same_shell(stack[-1], shell):
            return stack[-1]
        p.append(shell)
        stack.append(shell)
        return shell

    def _new_run(self, atom: Atom | CustomMark,
                 old_atom: Atom | CustomMark | None) -> etree._Element:
        run = _RUN.__copy__()  # as el("w:r") makes it, without the look-ups
        rpr = atom.rpr.__copy__() if atom.rpr is not None else None  # a deep copy
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

    def _add_mark(self, parent: etree._Element, run: etree._Element, atom: Atom,
                  old_atom: Atom | None, mode: str) -> etree._Element:
        """A note reference's custom mark where it was typed: in the reference's run or in
        a run of its own right after it (with that run's formatting, and the reference's
        revision). Returns the run holding it."""
        mark = atom.mark
        if mark.own_run:
            old_mark = old_atom.mark if mode == "equal" and old_atom is not None else None
            changed = old_mark is not None and old_mark.rpr_key != mark.rpr_key
            run = self._new_run(mark, old_mark if changed else None)
            parent.append(run)
        self._add_text(run, mark.text, deleted=(mode == "del"))
        return run

    def _add_content(self, run: etree._Element, atom: Atom, deleted: bool, from_old: bool) -> None:
        if atom.text is not None:
            self._add_text(run, atom.text, deleted)
            return
        node = atom.node.__copy__()  # a deep copy
        if deleted and node.tag in _DELETED_NAMES:
            node.tag = _DELETED_NAMES[node.tag]
        if from_old:
            self.rels.import_attributes(node)
        run.append(node)

    def _add_text(self, run: etree._Element, text: str, deleted: bool) -> None:
        """Append *text* to *run*, as deleted text when *deleted*."""
        tag = W_DELTEXT if deleted else W_TEXT
        last = run[-1] if len(run) else None
        if last is not None and last.tag == tag and last in self._texts:
            self._texts[last].append(text)
        else:
            t = etree.SubElement(run, tag)
            t.set(XML_SPACE, "preserve")
            self._texts[t] = [text]

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


def _coalesced(pieces: list) -> list:
    """*pieces* with each stretch of plain text pieces that would be written into one
    w:t (same mode, author, container and formatting, on both sides; no marker before
    them) as one piece: the same runs, written with far fewer steps."""
    out: list = []
    texts: list[str] | None = None  # the texts of the stretch that out[-1] opens
    head = head_old = container = key = mode = who = None
    size = 0
    for piece in pieces:
        atom, old = piece[1], piece[2]
        text = atom.text
        if text is None or atom.node is not None or atom.bare or atom.mark is not None \
                or (old is not None and old.node is not None):
            if texts is not None and len(texts) > 1:
                out[-1] = _joined(head, texts)
            out.append(piece)
            texts = None
            continue
        if texts is not None and not atom.anchors and atom.container is container \
                and (atom.rpr_key is key or atom.rpr_key == key) and piece[0] == mode \
                and len(piece) == size and (size == 3 or piece[3] == who) \
                and (old is None if head_old is None
                     else old is not None and old.rpr_key == head_old.rpr_key):
            texts.append(text)
            continue
        if texts is not None and len(texts) > 1:
            out[-1] = _joined(head, texts)
        out.append(piece)
        head, head_old, texts = piece, old, [text]
        container, key, mode, size = atom.container, atom.rpr_key, piece[0], len(piece)
        who = piece[3] if size > 3 else None
    if texts is not None and len(texts) > 1:
        out[-1] = _joined(head, texts)
    return out


def unchanged(atoms: list[Atom], start: int, stop: int, who: tuple[str, str] | None = None,
              olds: list[Atom] | None = None, old_start: int = 0) -> list:
    """The pieces of the unchanged atoms start..stop, each stretch that :func:`_coalesced`
    would join already one piece: ``("equal", atom, None, who)``, by no one (*who*), in
    a consolidation; with *olds*, ``("equal", atom, old atom)``, the old atoms from
    *old_start* on (whose formatting may differ), in a redline."""
    out: list = []
    index = start
    shift = old_start - start
    while index < stop:
        atom = atoms[index]
        old = olds[index + shift] if olds is not None else None
        end = index + 1
        if atom.text is not None and atom.node is None and not atom.bare and atom.mark is None \
                and (old is None or old.node is None):
            key, container = atom.rpr_key, atom.container
            old_key = old.rpr_key if old is not None else None
            while end < stop:
                after = atoms[end]
                if after.text is None or after.node is not None or after.bare \
                        or after.mark is not None or after.anchors \
                        or after.container is not container \
                        or not (after.rpr_key is key or after.rpr_key == key):
                    break
                if old is not None:
                    before = olds[end + shift]
                    if before.node is not None or before.rpr_key != old_key:
                        break
                end += 1
        piece = ("equal", atom, old) if who is None else ("equal", atom, old, who)
        out.append(piece if end == index + 1 else
                   _joined(piece, [after.text for after in atoms[index:end]]))
        index = end
    return out


def _joined(first, texts: list[str]) -> tuple:
    atom = first[1]
    text = "".join(texts)
    return (first[0], Atom(text, None, text, atom.rpr, atom.rpr_key, atom.container,
                           atom.anchors), *first[2:])


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


