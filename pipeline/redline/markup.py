"""Marking up the differences between two block lists as Word tracked changes.

Blocks are aligned by :mod:`pipeline.redline.align`: a body's blocks, and a table's
rows, that are the same bytes on both sides first (they stand as they are, their notes
still compared), then the rest on their texts. Paired paragraphs are compared atom by
atom (:mod:`pipeline.redline.atoms`), or, when they hold only runs of text, TABs and
breaks, a stretch of a run at a time, with each run's formatting kept (the runs are
written by :mod:`pipeline.redline.runs`); inserted and deleted paragraphs track their
marks in ``w:pPr/w:rPr``, rows in ``w:trPr``, style changes become ``w:pPrChange``.
What only the old document had (deleted footnotes, pictures, links) is carried in.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import dataclass, field

from lxml import etree

from pipeline.ooxml.build import bare_copy, el
from pipeline.ooxml.ns import NS, qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.rels import RelImporter
from pipeline.ooxml.schema import insert_ordered
from pipeline.ooxml.wordml import (MARKERS, W_P, W_PPR, W_R, W_RPR, W_SDT, W_T, W_TBL, W_TC,
                                   W_TR, body_blocks, ensure_ppr, ensure_rpr, shown_text, text_of)
from pipeline.redline.align import Blocks, Lazy, Op, align, align_identical, tokens
from pipeline.redline.atoms import (Atom, atom_token, block_key, blocks_bytes, declared_alike,
                                    element_key, inner_bytes, paragraph_atoms, properties_key,
                                    same_scope, xml_key)
from pipeline.redline.marks import settle_marks
from pipeline.redline.runs import RunWriter, unchanged
from pipeline.redline.words import diff_words


_MARK_TAGS = {f"w:{t}": qn(f"w:{t}") for t in ("ins", "del", "rPrChange", "pPrChange")}
_ID, _AUTHOR, _DATE, _TYPE = qn("w:id"), qn("w:author"), qn("w:date"), qn("w:type")
_W_NSMAP = {"w": NS["w"]}
#: The notes part's entries that are no note (w:type; a note has none, or "normal").
_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}


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
    #: floating DrawingML shapes (wp:anchor: a labelled diagram's text boxes, a plain
    #: shape) inserted or deleted whole: Word resolves them; LibreOffice, on opening the
    #: file, puts two zero-width spaces (U+200B) in place of each anchor in a change,
    #: which stay where Accept All or Reject All removes the shape (inline and VML
    #: shapes get none; the tracked mark of a paragraph holding a text box, which
    #: LibreOffice would leave as an empty paragraph, is moved by settle_marks)
    shapes_in_changes: int = 0
    #: tables whose cell paragraphs were framed (w:framePr), positioned by w:tblpPr
    #: instead: LibreOffice reads every revision after such a table as plain text
    framed_tables: int = 0
    #: runs of framed paragraphs outside tables written as one-cell floating tables:
    #: LibreOffice loses their revisions and those of the paragraph after them
    framed_paragraphs: int = 0

    @property
    def libreoffice_caveats(self) -> int:
        return self.marks_with_notes + self.marks_across_tables + self.shapes_in_changes


@dataclass
class _Notes:
    """Footnote and endnote references met while comparing the body."""

    paired: list[tuple[str, str, str]] = field(default_factory=list)     # kind, old id, new id
    inserted: list[tuple[str, str]] = field(default_factory=list)        # kind, new id
    deleted: list[tuple[str, str, etree._Element]] = field(default_factory=list)  # kind, old id, ref


class Redliner(RunWriter):
    """Compares block lists and builds the marked-up output blocks."""

    def __init__(self, old: Package, new: Package, author: str, date: str):
        self.old, self.new = old, new
        self.author, self.date = author, date
        self.notes = _Notes()
        self.stats = Stats()
        self._marks: dict[tuple[str, str, str], etree._Element] = {}
        self.rels = RelImporter(old, new, "word/document.xml")
        #: the blocks being compared, outermost first, to name one in an error
        self.at: list[tuple[str, etree._Element]] = []
        self.part = "word/document.xml"
        self._alike: dict[str, bool] = {}
        self._has_notes: bool | None = None
        #: the unchanged blocks of the body that may stay where they are (see
        #: :func:`pipeline.redline.engine._place`)
        self.in_place: set[etree._Element] = set()
        #: the children's bytes of the body's tables left to compare, cut from the
        #: body's writing (see :meth:`compare_body`), by table
        self._rows: dict[etree._Element, bytes] = {}

    def compared(self) -> list[Package]:
        """The documents whose blocks are compared."""
        return [self.old, self.new]

    def same(self, old: etree._Element, new: etree._Element) -> bool:
        """Whether *old* and *new* (of the current part) are the same XML: their bytes
        when the documents declare the same namespaces there in the same order, else
        their :func:`~pipeline.redline.atoms.xml_key` (slower, so only then)."""
        if self._declared_alike():
            return etree.tostring(old) == etree.tostring(new)
        return xml_key(old) == xml_key(new)

    def _declared_alike(self) -> bool:
        """Whether the compared documents declare the same namespaces in the same order
        in the current part (so that equal bytes are equal XML)."""
        alike = self._alike.get(self.part)
        if alike is None:
            alike = self._alike[self.part] = declared_alike([
                package.xml(self.part) if package.has(self.part) else None
                for package in self.compared()])
        return alike

    def kept(self, block: etree._Element) -> etree._Element:
        """*block* of the new document, standing as it is (the same as the old one): the
        notes it refers to are still compared, an edited note under an unchanged
        paragraph being a change of its own. The old block, the same XML, refers to the
        same note ids."""
        if self._has_notes is None:  # a document without notes needs no look
            self._has_notes = any(
                note.get(_TYPE) not in _SEPARATORS
                for part in ("word/footnotes.xml", "word/endnotes.xml") if self.new.has(part)
                for note in self.new.xml(part))
        if self._has_notes:
            self._bare_notes(block, "equal")
        return block

    # -- revision marks -------------------------------------------------------
    def mark(self, tag: str) -> etree._Element:
        """A revision element *tag* (``w:ins``) by the current author, as ``el`` makes it."""
        key = (tag, self.author, self.date)
        made = self._marks.get(key)
        if made is None:  # copying a made element costs a sixth of making one
            made = self._marks[key] = etree.Element(
                _MARK_TAGS.get(tag) or qn(tag), {_ID: "0", _AUTHOR: self.author,
                                                 _DATE: self.date}, nsmap=_W_NSMAP)
        return made.__copy__()

    # -- blocks -----------------------------------------------------------------
    def compare_body(self, old_body: etree._Element, new_body: etree._Element
                     ) -> list[etree._Element]:
        """:meth:`compare_blocks` for two bodies: when they declare the same namespaces,
        the blocks that are the same bytes on both sides are matched first and stand
        without a look at their text or XML; only the stretches between are aligned and
        compared block by block (most of a long revised text is unchanged)."""
        old_blocks, new_blocks = body_blocks(old_body), body_blocks(new_body)
        rows: dict[etree._Element, bytes] = {}
        steps, identical, known, written = self._aligned(old_blocks, new_blocks, _lazy_blocks,
                                                         rows)
        if written is not None:  # the unchanged blocks with no declaration of their own
            self.in_place = {new_blocks[j] for _, j in identical
                             if b"xmlns" not in written[j][:written[j].find(b">")]}
            for i, j in identical:  # the tables left to compare keep their rows' bytes
                rows.pop(old_blocks[i], None)
                rows.pop(new_blocks[j], None)
            self._rows = rows
        del written  # a long text's worth of bytes: gone before the marking
        try:
            return self._compared(steps, old_blocks, new_blocks, identical, known)
        finally:
            self._rows = {}  # those of tables deleted, inserted or found the same

    def _aligned(self, old_items: list, new_items: list, lazy,
                 rows: dict[etree._Element, bytes] | None = None,
                 ) -> tuple[list, Collection[tuple[int, int]], bool, list[bytes] | None]:
        """*old_items* and *new_items* (each the children of one element) aligned: when the
        documents declare the same namespaces, those that are the same bytes first
        (:func:`align_identical`, *lazy* giving each side's keys and texts on demand);
        else on all keys and texts. Returns the steps, the index pairs of the items that
        are the same bytes, whether the others are known to differ (their bytes do), and
        the new items' bytes (None when not compared so). With *rows*, the items' tables
        have their children's bytes cut from the same writing, into *rows*, by table;
        items whose own bytes are already there (a table's rows) are taken from it."""
        if self._declared_alike() and same_scope([old_items, new_items]):
            same = [self._cut(items, rows) for items in (old_items, new_items)]
            if same[0] is not None and same[1] is not None:
                steps, identical = align_identical(*same, lazy(old_items), lazy(new_items))
                return steps, identical, True, same[1]
        olds, news = lazy(old_items), lazy(new_items)
        return align(Blocks(list(olds.keys), list(olds.texts)),
                     Blocks(list(news.keys), list(news.texts))), frozenset(), False, None

    def _cut(self, items: list, rows: dict[etree._Element, bytes] | None
             ) -> list[bytes] | None:
        """The bytes of *items* (children of one element): a body's with its tables'
        rows cut too, into *rows*; a table's rows' from that cut when it was made."""
        if rows is not None:
            return blocks_bytes(items, W_TBL, rows)
        parent = items[0].getparent() if items else None
        known = self._rows.pop(parent, None) if parent is not None else None
        known = inner_bytes(parent, known) if known is not None else None
        if known is not None:
            of = dict(zip(parent, known))
            if all(item in of for item in items):
                return [of[item] for item in items]
        return blocks_bytes(items)

    def compare_blocks(self, old_blocks: list, new_blocks: list) -> list[etree._Element]:
        """The marked-up blocks. New blocks that stand as they are (equal, or markers) are
        the new document's own elements, not copies: copying the unchanged text of a long
        document cost a tree's worth of memory and time to make and then free."""
        return self._compared(align(_blocks(old_blocks), _blocks(new_blocks)), old_blocks,
                              new_blocks, frozenset(), False)

    def _compared(self, steps: list, old_blocks: list, new_blocks: list,
                  identical: Collection[tuple[int, int]], known: bool) -> list[etree._Element]:
        """The blocks the aligned *steps* make; *identical*: the (old, new) index pairs
        known to be the same XML; *known*: the other pairs are known to differ."""
        out: list[etree._Element] = []
        for step in steps:
            if (step.old, step.new) in identical:
                out.append(self.kept(new_blocks[step.new]))
                continue
            old = old_blocks[step.old] if step.old is not None else None
            new = new_blocks[step.new] if step.new is not None else None
            # Bookmarks and the like between blocks: the new document's stand, unmarked;
            # the old document's go.
            if new is not None and new.tag in MARKERS:
                out.append(new)
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
                # paired blocks have other keys, so other bytes: no need to compare them
                out.append(self.compare_pair(old, new, differ=step.op == Op.PAIR or known))
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

    def compare_pair(self, old: etree._Element, new: etree._Element,
                     differ: bool = False) -> etree._Element:
        """*new* marked up against *old*; *differ*: they are known to differ (other texts)."""
        if old.tag == W_P:
            return self.mark_paragraph(old, new) if differ else self.compare_paragraph(old, new)
        if old.tag == W_TBL:
            return self.compare_table(old, new, differ)
        if old.tag == W_SDT:
            return self._compare_container(old, new, qn("w:sdtContent"))
        # A block the engine cannot look into (altChunk, customXml...): the new one stands.
        return new

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
        out = bare_copy(node)
        for child in node:
            if child.tag not in content_tags:
                out.append(copy.deepcopy(child))
        return out

    # -- tables -------------------------------------------------------------------
    def compare_table(self, old: etree._Element, new: etree._Element,
                      differ: bool = False) -> etree._Element:
        if not differ and self.same(old, new):
            return self.kept(new)
        out = self._shell(new, W_TR)
        old_rows, new_rows = old.findall(W_TR), new.findall(W_TR)
        steps, identical, known, _ = self._aligned(old_rows, new_rows, _lazy_rows)
        for step in steps:
            if (step.old, step.new) in identical:
                out.append(self.kept(new_rows[step.new]))
            elif step.op == Op.DELETE:
                out.append(self._whole_row(old_rows[step.old], "del"))
            elif step.op == Op.INSERT:
                out.append(self._whole_row(new_rows[step.new], "ins"))
            else:
                old_row, new_row = old_rows[step.old], new_rows[step.new]
                if len(old_row.findall(W_TC)) == len(new_row.findall(W_TC)):
                    out.append(self._compare_row(old_row, new_row, step.op == Op.PAIR or known))
                else:
                    out.append(self._whole_row(old_row, "del"))
                    out.append(self._whole_row(new_row, "ins"))
        return out

    def _compare_row(self, old: etree._Element, new: etree._Element,
                     differ: bool = False) -> etree._Element:
        if not differ and self.same(old, new):
            return self.kept(new)
        out = self._shell(new, W_TC)
        for old_cell, new_cell in zip(old.findall(W_TC), new.findall(W_TC)):
            out.append(self._compare_container(old_cell, new_cell, None))
        return out

    def _compare_container(self, old, new, inner_tag):
        """A cell (or sdt) whose blocks are compared; its own properties are the new ones.
        *new* itself, its blocks replaced by the marked-up ones."""
        if self.same(old, new):
            return self.kept(new)
        holder = new if inner_tag is None else new.find(inner_tag)
        old_holder = old if inner_tag is None else old.find(inner_tag)
        if holder is None or old_holder is None:
            return new
        marked = self.compare_blocks(body_blocks(old_holder), body_blocks(holder))
        for child in body_blocks(holder):
            holder.remove(child)
        holder.extend(marked)
        return new

    def _whole_row(self, row: etree._Element, mode: str) -> etree._Element:
        out = self._shell(row, W_TC)
        trpr = out.find(qn("w:trPr"))
        if trpr is None:
            trpr = el("w:trPr")
            index = 1 if len(out) and out[0].tag == qn("w:tblPrEx") else 0
            out.insert(index, trpr)
        trpr.append(self.mark(f"w:{mode}"))
        for cell in row.findall(W_TC):
            shell = bare_copy(cell)
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
        if self.same(old, new):
            return self.kept(new)
        return self.mark_paragraph(old, new)

    def mark_paragraph(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """Paragraph *new* marked up against *old*, known to differ from it."""
        out = self._paragraph_shell(new)
        self._track_paragraph_properties(out, old)
        plain = _plain_runs(old)
        if plain is not None:
            plain_new = _plain_runs(new)
            if plain_new is not None:
                self._emit(out, _plain_pieces(plain, plain_new), from_old=False)
                return out
        old_atoms, _ = paragraph_atoms(old)
        new_atoms, tail = paragraph_atoms(new)
        pieces: list[tuple[str, Atom, Atom | None]] = []
        for op, i1, i2, j1, j2 in diff_words([a.token for a in old_atoms],
                                             [a.token for a in new_atoms]):
            if op == "equal":
                pieces += unchanged(new_atoms, j1, j2, olds=old_atoms, old_start=i1)
                continue
            pieces.extend(("del", atom, None) for atom in old_atoms[i1:i2])
            pieces.extend(("ins", atom, None) for atom in new_atoms[j1:j2])
        self._emit(out, pieces, from_old=False)
        out.extend(copy.deepcopy(marker) for marker in tail)
        return out

    def _paragraph_shell(self, p: etree._Element, drop_sectpr: bool = False) -> etree._Element:
        out = bare_copy(p)
        ppr = p.find(W_PPR)
        if ppr is not None:
            ppr = ppr.__copy__()  # deep, as copy.deepcopy, without its look-ups
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
        if len(old_props) == len(new_props) and \
                all(element_key(a) == element_key(b) for a, b in zip(old_props, new_props)):
            return
        ppr = ensure_ppr(out)
        change = self.mark("w:pPrChange")
        change.append(el("w:pPr", *[copy.deepcopy(c) for c in old_props]))
        insert_ordered(ppr, change)
        self.stats.format_changes += 1

    def _mark_paragraph(self, p: etree._Element, mode: str) -> None:
        """Track the paragraph mark itself (first child of w:pPr/w:rPr)."""
        ensure_rpr(ensure_ppr(p)).insert(0, self.mark(f"w:{mode}"))


#: What a plain run holds besides text: TABs, breaks and hyphens (an atom each), and
#: what is not compared.
_PLAIN_CONTENT = {qn(f"w:{t}") for t in ("tab", "br", "cr", "noBreakHyphen", "softHyphen")}
_UNCOMPARED = {W_RPR, qn("w:lastRenderedPageBreak")}


@dataclass(slots=True)
class _PlainRuns:
    """A paragraph made of plain runs (text, TABs, breaks, with their properties): its
    tokens, cut in segments (a run's text between its other contents, or one of those),
    where each segment's tokens start (and, last, their number), each token's segment,
    and each segment as an atom: a TAB's or break's own, or one holding its run's
    properties for the pieces of its text (``text`` None)."""

    tokens: list[str]
    starts: list[int]
    segment_of: list[int]
    segments: list[Atom]


def _plain_runs(p: etree._Element) -> _PlainRuns | None:
    """*p* as plain runs, or None when it holds anything else (a link, a field, a note,
    a picture, a bookmark...), which the atoms of :func:`paragraph_atoms` handle."""
    found: list[str] = []
    starts: list[int] = []
    segment_of: list[int] = []
    segments: list[Atom] = []
    for child in p:
        tag = child.tag
        if tag == W_PPR:
            continue
        if tag != W_R:
            return None
        rpr = child.find(W_RPR)
        key = None  # its key, made when first needed
        text: Atom | None = None  # the segment of text being gathered
        for part in child:
            kind = part.tag
            if kind == W_T:
                if text is None:
                    if key is None:
                        key = properties_key(rpr)
                    text = Atom("", None, None, rpr, key)
                    starts.append(len(found))
                    segments.append(text)
                pieces = tokens(shown_text(part))
                found += pieces
                segment_of += [len(segments) - 1] * len(pieces)
            elif kind in _PLAIN_CONTENT:
                if key is None:
                    key = properties_key(rpr)
                starts.append(len(found))
                segment_of.append(len(segments))
                segments.append(Atom(atom_token(part), part, None, rpr, key))
                found.append(segments[-1].token)
                text = None
            elif kind not in _UNCOMPARED:
                return None
    starts.append(len(found))
    return _PlainRuns(found, starts, segment_of, segments)


def _plain_pieces(old: _PlainRuns, new: _PlainRuns) -> list:
    """The pieces :meth:`Redliner.mark_paragraph` writes for two paragraphs of plain runs,
    as its atoms would give them, a piece a stretch of one segment (on both sides, for
    unchanged text) instead of a piece a token; :func:`~pipeline.redline.runs._coalesced`
    joins them as it joins a token's."""
    pieces: list = []
    old_tokens, new_tokens = old.tokens, new.tokens

    def piece(side: _PlainRuns, segment: int, start: int, end: int) -> Atom:
        atom = side.segments[segment]
        if atom.node is not None:  # a TAB's or break's own
            return atom
        text = "".join(side.tokens[start:end])
        return Atom(text, None, text, atom.rpr, atom.rpr_key)

    def changed(side: _PlainRuns, mode: str, start: int, stop: int) -> None:
        while start < stop:
            segment = side.segment_of[start]
            end = min(stop, side.starts[segment + 1])
            pieces.append((mode, piece(side, segment, start, end), None))
            start = end

    for op, i1, i2, j1, j2 in diff_words(old_tokens, new_tokens):
        if op != "equal":
            changed(old, "del", i1, i2)
            changed(new, "ins", j1, j2)
            continue
        shift = i1 - j1
        while j1 < j2:
            new_segment, old_segment = new.segment_of[j1], old.segment_of[j1 + shift]
            end = min(j2, new.starts[new_segment + 1], old.starts[old_segment + 1] - shift)
            pieces.append(("equal", piece(new, new_segment, j1, end),
                           old.segments[old_segment]))
            j1 = end
    return pieces


def _lazy_rows(rows: list[etree._Element]) -> Blocks:
    """Table rows as a side of an alignment: aligned on their texts, read on demand."""
    texts = Lazy(len(rows), lambda k: text_of(rows[k]))
    return Blocks(texts, texts)


def _lazy_blocks(blocks: list[etree._Element]) -> Blocks:
    """:func:`_blocks`, each block's text and key computed when first asked for."""
    texts = Lazy(len(blocks), lambda k: text_of(blocks[k]))
    return Blocks(Lazy(len(blocks), lambda k: block_key(blocks[k], texts[k])), texts)


def _blocks(blocks: list[etree._Element]) -> Blocks:
    texts = [text_of(block) for block in blocks]
    return Blocks([block_key(block, text) for block, text in zip(blocks, texts)], texts)
