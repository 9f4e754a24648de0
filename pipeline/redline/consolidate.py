"""One base, several revised versions: a consolidated text whose tracked changes are
every version's, each revision authored by its version's author.

Each draft is aligned with the same base (:mod:`pipeline.redline.versions`). A base block that
one draft changes is marked as the redline engine marks it, with that draft's
author. A paragraph several drafts change is merged word by word: each draft's
edits are ranges of the base's tokens with their replacement; edits whose ranges
do not overlap go into the paragraph side by side; edits that overlap form a
cluster. When every draft in a cluster proposes the same text, one revision
carries it, authored by all of them ("APT; CEPT"); otherwise the cluster is a
conflict: its base text is deleted once (by all of them) and each distinct
proposal follows as an insertion by its authors, with a comment on the range
naming who proposes what. Tables changed differently, a paragraph one draft
deletes and another edits, and different paragraphs inserted at one place are
conflicts of the same shape. So accepting one author's revisions and rejecting the
others gives that author's draft, and rejecting all gives the base.

A draft's pictures, links and notes are first carried into the base package
(relationship and note ids rewritten), so the merge works inside one package. On a
large text with a second core the merge is cut in two parts of about equal work, the
second merged in a forked child (:mod:`pipeline.redline.forked`): the same bytes, the
conflicts in the same order, the child's comments numbered after this process's.
"""

from __future__ import annotations

import copy
import gc
import pickle
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Callable

from lxml import etree

from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.build import el, text_nodes
from pipeline.ooxml.ns import NS, qn
from pipeline.ooxml.package import Package, parse_xml
from pipeline.ooxml.parts import set_override
from pipeline.ooxml.rels import RelImporter, rels_name
from pipeline.ooxml.wordml import (MARKERS, W_P, W_PPR, W_RPR, W_TBL, W_TR, body_blocks,
                                   replace_blocks, story_parts, text_of)
from pipeline.redline.align import Blocks, Op, align
from pipeline.redline.atoms import Atom, element_key, paragraph_atoms, xml_key
from pipeline.redline.engine import REVISION_TAGS, renumber_revisions
from pipeline.redline.frames import converted, float_frames
from pipeline.redline.marks import settle_marks
from pipeline.redline.forked import both, two_cores
from pipeline.redline.markup import Redliner, Stats
from pipeline.redline.runs import unchanged
from pipeline.redline.versions import LARGE, kept_apart, prepare
from pipeline.redline.words import diff_words

#: The author of the comments that explain conflicts (in English: see Wording).
CONFLICT_AUTHOR = "Consolidation"
_COMMENTS = "word/comments.xml"
_DOCUMENT = "word/document.xml"
_COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_NOTE_KINDS = ("footnote", "endnote")
_NOTE_REFERENCES = {qn("w:footnoteReference"): "footnote", qn("w:endnoteReference"): "endnote"}


@dataclass(frozen=True)
class Draft:
    """One revised version and who proposes it."""

    package: Package
    author: str
    date: str


@dataclass(frozen=True)
class Conflict:
    """Drafts that change the same stretch of the base differently."""

    kind: str                         # "text", "paragraph", "table", "insertion", "formatting"
    base: str                         # the base text concerned (shortened; "" for an insertion)
    proposals: tuple[tuple[str, str], ...]  # (authors, what they propose), in draft order
    context: str = ""                 # the paragraph it sits in (shortened)


@dataclass(frozen=True)
class Wording:
    """The words the consolidation writes: its conflicts' comments, their author, and
    what a conflict's row says where a draft proposes no text. The caller gives them in
    the document's language; the defaults are English (``{text}``, ``{base}``,
    ``{proposals}`` and ``{authors}`` are filled in)."""

    author: str = CONFLICT_AUTHOR
    initials: str = "C"
    conflict: str = "Conflict. {proposals}"
    conflict_on: str = "Conflict on \u201c{base}\u201d. {proposals}"
    proposal: str = "{authors}: \u201c{text}\u201d"
    separator: str = "; "
    after: str = "after \u201c{text}\u201d"
    at_start: str = "at the start"
    deleted: str = "(deleted)"
    nothing: str = "(nothing)"
    formatting: str = "another formatting"
    paragraph_formatting: str = "another paragraph formatting"
    structure: str = "paragraphs added or removed next to another source's change"


ENGLISH = Wording()


@dataclass
class Consolidation:
    package: Package
    conflicts: list[Conflict] = field(default_factory=list)
    #: revisions per author (a revision by "APT; CEPT" counts for each), comments apart
    revisions: dict[str, int] = field(default_factory=dict)
    #: revisions made alike by more than one draft
    shared: int = 0


def consolidate_packages(base: Package, drafts: list[Draft], date: str,
                         wording: Wording = ENGLISH) -> Consolidation:
    """The changes of every draft merged into *base* (in place) as tracked changes;
    *wording*: the words of the conflicts' comments."""
    if not drafts:
        raise PipelineError(Category.USAGE, "no draft to consolidate")
    for package in [base] + [d.package for d in drafts]:
        for name in story_parts(package):
            package.set_xml(name, package.xml(name))  # the tree is the part now: no bytes
            float_frames(package.xml(name))
    notes = [_carry(draft.package, base) for draft in drafts]
    engine = Consolidator(base, drafts, date, wording)  # after the drafts' notes came in
    body = base.xml(_DOCUMENT).find(qn("w:body"))

    def release(k: int, apart: etree._Element) -> None:  # a draft's blocks the merge uses
        drafts[k].package.set_xml(_DOCUMENT, apart)

    try:
        with _collector_paused():
            merged = engine.merge_blocks(body_blocks(body), [
                body_blocks(d.package.xml(_DOCUMENT).find(qn("w:body"))) for d in drafts],
                release)
        final_sect = body.find(qn("w:sectPr"))
        replace_blocks(body, merged)
        if final_sect is not None and final_sect.getparent() is None:
            body.append(final_sect)
        _merge_notes(engine, base, notes)
    except (LookupError, ValueError, TypeError, AttributeError, etree.LxmlError) as exc:
        raise PipelineError(Category.CANNOT_MARK, f"cannot consolidate {engine.where()} "
                            f"({type(exc).__name__}: {exc}); run with --debug for the details",
                            Location(base.origin)) from exc
    engine.write_comments()
    roots = [base.xml(name) for name in story_parts(base)]
    converted(roots)  # the engine's notes on framed tables go, as a redline's do
    renumber_revisions(roots)
    revisions: dict[str, int] = {d.author: 0 for d in drafts}
    shared = 0
    w_author = qn("w:author")
    for root in roots:
        for node in root.iter(*REVISION_TAGS):
            authors = (node.get(w_author) or "").split("; ")
            shared += len(authors) > 1
            for author in authors:
                if author in revisions:
                    revisions[author] += 1
    return Consolidation(base, engine.conflicts, revisions, shared)


@contextmanager
def _collector_paused():
    """No cyclic garbage collection while the merge makes its millions of small objects,
    none of them in a cycle (each full collection would walk them all again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- carrying a draft into the base package ----------------------------------------------

@dataclass
class _Notes:
    """How one draft's notes stand against the base's: per kind, base id -> the draft's
    edited note, and the draft notes new to the base (copied in, with their base id)."""

    edited: dict[str, dict[str, etree._Element]] = field(default_factory=dict)
    added: dict[str, list[str]] = field(default_factory=dict)


def _carry(draft: Package, base: Package) -> _Notes:
    """Rewrite *draft* so its relationship ids and note ids are the base's: pictures and
    links it adds are copied into *base*, notes matched with the base's by their place
    in the reference order (an edited note keeps the base's id), new notes added."""
    for part in story_parts(draft):
        if base.has(part):
            importer = RelImporter(draft, base, part)
            for node in _related(draft.xml(part)):
                importer.import_attributes(node)
    found = _Notes()
    for kind in _NOTE_KINDS:
        part = f"word/{kind}s.xml"
        if not draft.has(part):
            continue
        draft_notes = _notes_in_order(draft, kind)
        refs = [ref for name in story_parts(draft)
                for ref in draft.xml(name).iter(qn(f"w:{kind}Reference"))]
        if not draft_notes:
            continue
        if not base.has(part):
            raise PipelineError(Category.CANNOT_MARK, f"a draft has {kind}s and the base has "
                                f"no {kind}s part: consolidate from a base made like the drafts",
                                Location(draft.origin))
        base_notes = _notes_in_order(base, kind)
        mapping: dict[str, str] = {}
        edited, added = {}, []
        root = base.xml(part)
        next_id = max([int(n.get(qn("w:id"))) for n in root.findall(qn(f"w:{kind}"))
                       if (n.get(qn("w:id")) or "").lstrip("-").isdigit()] + [0]) + 1
        steps = align(_note_blocks(base_notes), _note_blocks(draft_notes))
        for step in steps:
            if step.op in (Op.EQUAL, Op.PAIR):
                base_id = base_notes[step.old].get(qn("w:id"))
                mapping[draft_notes[step.new].get(qn("w:id"))] = base_id
                if step.op == Op.PAIR:
                    edited[base_id] = draft_notes[step.new]
            elif step.op == Op.INSERT:
                note = copy.deepcopy(draft_notes[step.new])
                mapping[note.get(qn("w:id"))] = str(next_id)
                note.set(qn("w:id"), str(next_id))
                root.append(note)
                added.append(str(next_id))
                next_id += 1
        for ref in refs:
            if ref.get(qn("w:id")) in mapping:
                ref.set(qn("w:id"), mapping[ref.get(qn("w:id"))])
        found.edited[kind], found.added[kind] = edited, added
    return found


_RELATIONSHIP_IDS = etree.XPath("//@r:*", namespaces={"r": NS["r"]})


def _related(root: etree._Element) -> list[etree._Element]:
    """The outermost elements of *root* that carry a relationship id (``r:`` attribute),
    in document order: with their descendants, all that refers to the package's parts."""
    tops: list[etree._Element] = []
    for attribute in _RELATIONSHIP_IDS(root):
        node = attribute.getparent()
        if not tops or (node is not tops[-1]
                        and not any(above is tops[-1] for above in node.iterancestors())):
            tops.append(node)
    return tops


def _notes_in_order(package: Package, kind: str) -> list[etree._Element]:
    """The notes of *kind* the document refers to, in the order of their references."""
    part = f"word/{kind}s.xml"
    if not package.has(part):
        return []
    by_id = {n.get(qn("w:id")): n for n in package.xml(part).findall(qn(f"w:{kind}"))
             if n.get(qn("w:type")) is None}
    order = []
    for name in story_parts(package):
        for ref in package.xml(name).iter(qn(f"w:{kind}Reference")):
            note = by_id.pop(ref.get(qn("w:id")), None)
            if note is not None:
                order.append(note)
    return order


def _note_blocks(notes: list[etree._Element]) -> Blocks:
    texts = [text_of(note) for note in notes]
    return Blocks([xml_key(note).decode("utf-8", "replace")
                   .split(">", 1)[-1] for note in notes], texts)


def _merge_notes(engine: "Consolidator", base: Package, notes: list[_Notes]) -> None:
    for kind in _NOTE_KINDS:
        part = f"word/{kind}s.xml"
        if not base.has(part):
            continue
        engine.part = part
        by_id = {n.get(qn("w:id")): n for n in base.xml(part).findall(qn(f"w:{kind}"))}
        edited_ids = sorted({i for found in notes for i in found.edited.get(kind, {})}, key=int)
        for note_id in edited_ids:
            note = by_id.get(note_id)
            if note is None:
                continue
            versions = [body_blocks(found.edited[kind][note_id])
                        if note_id in found.edited.get(kind, {}) else None for found in notes]
            replace_blocks(note, engine.merge_blocks(body_blocks(note), versions))
        for k, found in enumerate(notes):
            for note_id in found.added.get(kind, []):
                note = by_id.get(note_id)
                if note is not None:
                    engine.as_drafts([k])
                    replace_blocks(note, [engine.inserted(b) for b in body_blocks(note)])


# -- the merge ------------------------------------------------------------------------

class _NoImport:
    """Drafts are carried into the base beforehand: nothing is left to import."""

    def import_attributes(self, node: etree._Element) -> None:
        return None


@dataclass
class _Edit:
    lo: int          # the base tokens lo..hi replaced
    hi: int
    atoms: list[Atom]
    draft: int


@dataclass
class _Cluster:
    lo: int
    hi: int
    edits: list[_Edit]


class Consolidator(Redliner):
    """Merges the drafts' changes into the base package's blocks."""

    def __init__(self, base: Package, drafts: list[Draft], date: str,
                 wording: Wording = ENGLISH):
        super().__init__(base, base, CONFLICT_AUTHOR, date)
        self.drafts = drafts
        self.wording = wording
        self.rels = _NoImport()
        self.conflicts: list[Conflict] = []
        self.comments: list[tuple[str, str]] = []  # (id, text)
        self.nobody = (CONFLICT_AUTHOR, date)      # unchanged text: no revision to author
        self._note_texts: dict[str, dict[str, str]] = {}
        self._who: dict[tuple, tuple[str, str]] = {}
        # comment ids after any comment and note id the base has: LibreOffice 7.4 shows
        # the wrong footnote text when a comment's id is also a note's
        taken = [node for part, tag in ((_COMMENTS, "w:comment"),
                                        ("word/footnotes.xml", "w:footnote"),
                                        ("word/endnotes.xml", "w:endnote"))
                 if base.has(part) for node in base.xml(part).findall(qn(tag))]
        self.first_comment = max([int(n.get(qn("w:id"))) for n in taken
                                  if (n.get(qn("w:id")) or "").isdigit()] + [-1]) + 1

    def compared(self) -> list[Package]:
        return [self.old] + [draft.package for draft in self.drafts]

    def who(self, drafts) -> tuple[str, str]:
        """Author and date of a revision the *drafts* make alike (authors in draft order,
        the first one's date)."""
        key = tuple(drafts)
        if key not in self._who:
            ordered = sorted(set(drafts))
            self._who[key] = ("; ".join(self.drafts[k].author for k in ordered),
                              self.drafts[ordered[0]].date)
        return self._who[key]

    def kept(self, block: etree._Element) -> etree._Element:
        """An unchanged block stands; the notes are merged on their own (_merge_notes)."""
        return block

    def as_drafts(self, drafts) -> None:
        self.author, self.date = self.who(drafts)

    # -- blocks -------------------------------------------------------------------
    def merge_blocks(self, base: list, versions: list[list | None],
                     release: Callable[[int, etree._Element], None] | None = None
                     ) -> list[etree._Element]:
        """The *base* blocks with every version's changes (a None version changes nothing).

        With *release*, on a large text, the blocks of each version that the merge uses
        are moved into a tree of their own (see :func:`kept_apart`), given to *release*
        with the version's index, to stand for the version's part: the rest of its tree
        is freed before the merged text is built (the other blocks in *versions* become
        None).
        """
        present = [k for k, blocks in enumerate(versions) if blocks is not None]
        _, prepared = prepare(base, [versions[k] for k in present])
        fate, gaps, used = _fates(len(base), versions, dict(zip(present, prepared)))
        large = sum(len(versions[k]) for k in present) >= LARGE

        def released() -> None:
            for k in present:
                apart = kept_apart(versions[k], used[k])
                if apart is not None:
                    release(k, apart)

        if large and two_cores():
            # this process frees the versions' unused blocks while the child merges its
            # part (the child, soon gone, need not): a smaller part here, for that
            share = RELEASING_SHARE if release is not None else 0.5
            out = self._in_two(base, fate, gaps, _cut(fate, gaps, share),
                               released if release is not None else None)
        else:
            if release is not None and large:
                released()
            out = self._merged(base, fate, gaps, range(len(base) + 1))
        settle_marks(out, self.mark, self.stats, mixed=self._structure)
        return out

    def _merged(self, base: list, fate: list, gaps: list, places: range) -> list[etree._Element]:
        """The merged blocks of the base's *places*: for each, the blocks drafts insert
        before it, then its own (the place after the last block has only the former)."""
        out: list[etree._Element] = []
        for index in places:
            if gaps[index]:
                out.extend(self._gap(gaps[index], base[index - 1] if index else None))
            if index < len(base):
                out.extend(self._block(base[index], fate[index]))
        return out

    def _in_two(self, base: list, fate: list, gaps: list, cut: int,
                first: Callable[[], None] | None = None) -> list[etree._Element]:
        """The first *cut* places merged here, the others in a forked child at the same
        time (a large text: the merge is most of a consolidation's work). The child
        sends its blocks as XML, with the conflicts, comments and counts it made; its
        comments take the ids that follow this process's, as in one pass. *first*: what
        this process does before its part."""
        comments, conflicts, counts = len(self.comments), len(self.conflicts), _counts(self.stats)
        root = self.new.xml("word/document.xml")
        rest = range(cut, len(base) + 1)

        def there() -> bytes:
            # the child's comments numbered apart (no mark carried from a draft has such
            # ids), then renumbered here after this process's
            self.first_comment = _CHILD_COMMENTS - comments
            blocks = self._merged(base, fate, gaps, rest)
            holder = etree.Element(root.tag, nsmap=root.nsmap)
            holder.extend(blocks)
            added = [now - then for now, then in zip(_counts(self.stats), counts)]
            return pickle.dumps((etree.tostring(holder), self.conflicts[conflicts:],
                                 self.comments[comments:], added),
                                protocol=pickle.HIGHEST_PROTOCOL)

        def here() -> list[etree._Element]:
            if first is not None:
                first()
            return self._merged(base, fate, gaps, range(cut))

        done, data = both(here, there)
        if data is None:  # whatever went wrong there, here it is done again (or raised)
            return done + self._merged(base, fate, gaps, rest)
        xml, theirs, their_comments, added = pickle.loads(data)
        try:
            holder = parse_xml(xml, "the merged second half")
        except PipelineError:  # beyond what the parser takes (a huge text node): done here
            return done + self._merged(base, fate, gaps, rest)
        ids = {}
        for comment_id, text in their_comments:
            ids[comment_id] = str(self.first_comment + len(self.comments))
            self.comments.append((ids[comment_id], text))
        for node in holder.iter(*_COMMENT_MARKS):
            if node.get(_W_ID) in ids:
                node.set(_W_ID, ids[node.get(_W_ID)])
        self.conflicts += theirs
        for name, value in zip(_COUNTS, added):
            setattr(self.stats, name, getattr(self.stats, name) + value)
        return done + list(holder)

    def _structure(self, keeper: etree._Element, authors: set[str]) -> None:
        """Whole paragraphs inserted or deleted by one draft next to another draft's
        change: a paragraph mark had to move across them (see settle_marks), so Accept
        All and Reject All stay exact there, one draft's changes alone may not."""
        names = sorted({name for who in authors for name in who.split("; ")},
                       key=lambda name: [d.author for d in self.drafts].index(name)
                       if name in [d.author for d in self.drafts] else 99)
        self.conflicts.append(Conflict("structure", _short(text_of(keeper)), tuple(
            (name, self.wording.structure)
            for name in names), _short(text_of(keeper))))

    def _gap(self, inserted: dict[int, list[_Version]],
             before: etree._Element | None) -> list[etree._Element]:
        """Blocks drafts insert at one place: alike insertions once, by all who make them;
        different ones one after the other, in draft order, as a conflict."""
        if not inserted:
            return []
        groups = _group({k: tuple(v.raw for v in found) for k, found in inserted.items()})
        out = []
        for members in groups:
            self.as_drafts(members)
            out.extend(self.inserted(v.block) for v in inserted[members[0]])
        if len(groups) > 1:
            proposals = tuple((self.who(m)[0], _short(" / ".join(
                text_of(v.block) for v in inserted[m[0]]))) for m in groups)
            where = self.wording.after.format(text=_short(text_of(before), 60)) \
                if before is not None else self.wording.at_start
            self._comment_block(Conflict("insertion", "", proposals, where),
                                next((b for b in out if b.tag == W_P), None))
        return out

    def _block(self, block: etree._Element, versions: dict[int, _Version | None]):
        if block.tag in MARKERS or not versions:
            # as it is, taken out of the base (whose blocks these replace), so that it
            # stands alone as a copy would
            block.getparent().remove(block)
            return [block]
        groups = _group({k: None if v is None else v.raw for k, v in versions.items()})
        fate = {k: None if v is None else v.block for k, v in versions.items()}
        if len(groups) == 1:  # one proposal, by one draft or several alike
            self.as_drafts(groups[0])
            other = fate[groups[0][0]]
            if other is None:
                return [self.deleted(block)]
            if other.tag != block.tag:
                return [self.deleted(block), self.inserted(other)]
            self.at.append(("new", other))
            try:  # a paragraph here differs from the base's (bytes and all)
                return [self.mark_paragraph(block, other) if block.tag == W_P
                        else self.compare_pair(block, other)]
            finally:
                self.at.pop()
        if block.tag == W_P and all(other is not None and other.tag == W_P
                                    for other in fate.values()):
            self.at.append(("base", block))
            try:
                return [self._merge_paragraph(block, fate)]
            finally:
                self.at.pop()
        # a table changed differently, or a paragraph one draft deletes and another
        # edits: deleted once by all of them, then each proposal inserted by its drafts
        self.as_drafts(list(fate))
        out = [self.deleted(block)]
        proposals = []
        for members in groups:
            other = fate[members[0]]
            proposals.append((self.who(members)[0],
                              self.wording.deleted if other is None
                              else _short(text_of(other))))
            if other is not None:
                self.as_drafts(members)
                out.append(self.inserted(other))
        kind = "table" if block.tag == W_TBL else "paragraph"
        anchor = next((p for b in out for p in ([b] if b.tag == W_P else b.iter(W_P))), None)
        self._comment_block(Conflict(kind, _short(text_of(block)), tuple(proposals)), anchor)
        return out

    # -- one paragraph, several drafts --------------------------------------------------
    def _merge_paragraph(self, base: etree._Element,
                         changing: dict[int, etree._Element]) -> etree._Element:
        base_atoms, tail = paragraph_atoms(base)
        edits, equal_at = _edits(base_atoms, changing)
        out = self._paragraph_shell(base)
        self._paragraph_properties(out, base, changing)
        pieces: list = []
        position = 0
        for cluster in _clusters(edits):
            pieces += self._equal(base_atoms, range(position, cluster.lo), equal_at)
            pieces += self._cluster(cluster, base_atoms, base)
            position = cluster.hi
        pieces += self._equal(base_atoms, range(position, len(base_atoms)), equal_at)
        self._emit(out, pieces, from_old=False)
        out.extend(copy.deepcopy(marker) for marker in tail)
        return out

    def _equal(self, atoms: list[Atom], span: range, equal_at: dict[int, dict[int, Atom]]):
        """Unchanged base atoms; a draft's new formatting of them as a format revision (a
        different one by another draft: the first draft's, noted as a conflict)."""
        if not equal_at:  # no draft formats this paragraph's words otherwise
            return unchanged(atoms, span.start, span.stop, self.nobody)
        pieces = []
        for index in span:
            atom = atoms[index]
            changed = equal_at.get(index)
            if not changed:
                pieces.append(("equal", atom, None, self.nobody))
                continue
            groups = _group({k: other.rpr_key for k, other in changed.items()})
            if len(groups) > 1:
                self.conflicts.append(Conflict("formatting", atom.text or "", tuple(
                    (self.who(m)[0], self.wording.formatting) for m in groups)))
            pieces.append(("equal", changed[groups[0][0]], atom, self.who(groups[0])))
        return pieces

    def _cluster(self, cluster: _Cluster, atoms: list[Atom], base: etree._Element) -> list:
        lo, hi = cluster.lo, cluster.hi
        by_draft: dict[int, list[_Edit]] = {}
        for edit in cluster.edits:
            by_draft.setdefault(edit.draft, []).append(edit)
        proposals = {k: _apply(atoms, lo, hi, mine) for k, mine in by_draft.items()}
        if len(proposals) == 1:  # one draft's edits: nothing to compare them with
            groups = [list(proposals)]
            for atom in proposals[groups[0][0]]:
                if atom.node is not None:
                    self._key(atom)  # notes read when first met, as when compared
        else:
            groups = _group({k: tuple(self._key(a) for a in version)
                             for k, version in proposals.items()})
        if len(groups) == 1:  # the same text from every draft here: their edits, once
            who = self.who(groups[0])
            pieces, cursor = [], lo
            for edit in sorted(by_draft[groups[0][0]], key=lambda e: (e.lo, e.hi)):
                pieces += [("equal", atoms[i], None, self.nobody) for i in range(cursor, edit.lo)]
                pieces += [("del", atoms[i], None, who) for i in range(edit.lo, edit.hi)]
                pieces += [("ins", a, None, who) for a in edit.atoms]
                cursor = edit.hi
            return pieces + [("equal", atoms[i], None, self.nobody) for i in range(cursor, hi)]
        everyone = [k for members in groups for k in members]
        base_text = "".join(a.text or "" for a in atoms[lo:hi])
        conflict = Conflict("text", _short(base_text), tuple(
            (self.who(m)[0], _short("".join(a.text or "" for a in proposals[m[0]]))
             or self.wording.nothing) for m in groups), _short(text_of(base)))
        comment_id = self._new_comment(conflict)
        pieces = [("equal", _marker(el("w:commentRangeStart", id=comment_id)), None, self.nobody)]
        pieces += [("del", atoms[i], None, self.who(everyone)) for i in range(lo, hi)]
        for members in groups:
            pieces += [("ins", a, None, self.who(members)) for a in proposals[members[0]]]
        pieces.append(("equal", _marker(el("w:commentRangeEnd", id=comment_id)), None,
                       self.nobody))
        pieces.append(("equal", _reference(comment_id), None, self.nobody))
        return pieces

    def _key(self, atom: Atom) -> tuple:
        """What makes two drafts' atoms the same proposal: text, formatting and, for a
        note reference (whose token leaves out the note), the note's text."""
        node = atom.node
        if node is None or node.tag not in _NOTE_REFERENCES:
            return (atom.token, atom.rpr_key)
        kind = _NOTE_REFERENCES[node.tag]
        if kind not in self._note_texts:
            part = f"word/{kind}s.xml"
            self._note_texts[kind] = {n.get(qn("w:id")): text_of(n) for n in
                                      self.new.xml(part).findall(qn(f"w:{kind}"))} \
                if self.new.has(part) else {}
        return (atom.token, atom.rpr_key, self._note_texts[kind].get(node.get(qn("w:id"))))

    def _paragraph_properties(self, out: etree._Element, base: etree._Element,
                              changing: dict[int, etree._Element]) -> None:
        """A draft's new paragraph properties (style, indents) as a property revision."""
        keep = (W_RPR, qn("w:sectPr"), qn("w:pPrChange"))

        def props(p):
            ppr = p.find(W_PPR)
            return tuple(element_key(c) for c in ([] if ppr is None else ppr)
                         if c.tag not in keep)

        mine = props(base)
        theirs = {k: props(p) for k, p in changing.items()}
        differing = {k: found for k, found in theirs.items() if found != mine}
        if not differing:
            return
        groups = _group(differing)
        if len(groups) > 1:
            self.conflicts.append(Conflict("formatting", _short(text_of(base)), tuple(
                (self.who(m)[0], self.wording.paragraph_formatting) for m in groups)))
        shown = copy.deepcopy(changing[groups[0][0]].find(W_PPR))
        for child in list(shown):
            if child.tag in keep:
                shown.remove(child)
        ppr = out.find(W_PPR)
        if ppr is not None:
            shown.extend(c for c in list(ppr) if c.tag in (W_RPR, qn("w:sectPr")))
            out.replace(ppr, shown)
        else:
            out.insert(0, shown)
        self.as_drafts(groups[0])
        self._track_paragraph_properties(out, base)

    # -- comments on conflicts ------------------------------------------------------------
    def _new_comment(self, conflict: Conflict) -> str:
        self.conflicts.append(conflict)
        comment_id = str(self.first_comment + len(self.comments))
        words = self.wording
        said = words.separator.join(words.proposal.format(authors=authors, text=text)
                                    for authors, text in conflict.proposals)
        self.comments.append((comment_id, words.conflict_on.format(base=conflict.base,
                                                                   proposals=said)
                              if conflict.base else words.conflict.format(proposals=said)))
        return comment_id

    def _comment_block(self, conflict: Conflict, anchor: etree._Element | None) -> None:
        """A conflict of whole blocks: the comment spans the paragraph *anchor*.

        In a row tracked as deleted (a table the drafts change differently), the
        comment's mark is deleted with the row and its range closes after it:
        LibreOffice keeps a row whose mark is not deleted, emptied, on Accept All, and
        one whose range closes before the deleted mark too."""
        comment_id = self._new_comment(conflict)
        if anchor is None:
            return
        ppr = anchor.find(W_PPR)
        anchor.insert(0 if ppr is None else anchor.index(ppr) + 1,
                      el("w:commentRangeStart", id=comment_id))
        reference = el("w:r", el("w:commentReference", id=comment_id))
        row_deleted = next((mark for row in anchor.iterancestors(W_TR)
                            for mark in row.iterfind(f"{qn('w:trPr')}/{qn('w:del')}")), None)
        if row_deleted is not None:
            wrapper = copy.deepcopy(row_deleted)  # the row's author and date; ids come later
            wrapper.append(reference)
            anchor.append(wrapper)
            anchor.append(el("w:commentRangeEnd", id=comment_id))
            return
        anchor.append(el("w:commentRangeEnd", id=comment_id))
        anchor.append(reference)

    def write_comments(self) -> None:
        """The comments part, holding one comment per conflict."""
        if not self.comments:
            return
        package = self.new
        if not package.has(_COMMENTS):
            package.set_xml(_COMMENTS, etree.Element(qn("w:comments"), nsmap={"w": NS["w"]}))
            set_override(package, "/" + _COMMENTS, _COMMENTS_TYPE)
            rels = package.xml(rels_name("word/document.xml"))
            taken = {r.get("Id") for r in rels}
            rid = "rIdComments"
            while rid in taken:
                rid += "x"
            etree.SubElement(rels, qn("rel:Relationship"),
                             {"Id": rid, "Type": _COMMENTS_REL, "Target": "comments.xml"})
        root = package.xml(_COMMENTS)
        for comment_id, text in self.comments:
            comment = el("w:comment", id=comment_id,
                         author=self.wording.author, date=self.nobody[1],
                         initials=self.wording.initials)
            comment.append(el("w:p", el("w:r", *text_nodes(text))))
            root.append(comment)


def _marker(node: etree._Element) -> Atom:
    """A comment range mark, placed as it is between runs."""
    return Atom("\x01" + etree.QName(node).localname, node, None, None, b"", bare=True)


def _reference(comment_id: str) -> Atom:
    """The run content that shows a comment's mark in the text."""
    return Atom("\x01ref", el("w:commentReference", id=comment_id), None, None, b"")


def _edits(base_atoms: list[Atom], changing: dict[int, etree._Element]):
    """Each draft's edits of a paragraph (base token ranges and their replacement), and
    per base atom, draft -> its atom there where the draft formats it otherwise."""
    tokens = [a.token for a in base_atoms]
    formats = [a.rpr_key for a in base_atoms]
    edits: list[_Edit] = []
    equal_at: dict[int, dict[int, Atom]] = {}
    for k, other in changing.items():
        atoms, _ = paragraph_atoms(other)
        for op, i1, i2, j1, j2 in diff_words(tokens, [a.token for a in atoms]):
            if op != "equal":
                edits.append(_Edit(i1, i2, atoms[j1:j2], k))
            elif [a.rpr_key for a in atoms[j1:j2]] != formats[i1:i2]:
                for offset in range(i2 - i1):
                    if atoms[j1 + offset].rpr_key != formats[i1 + offset]:
                        equal_at.setdefault(i1 + offset, {})[k] = atoms[j1 + offset]
    return edits, equal_at


#: The parent's share of a large merge when it frees the versions' unused blocks first
#: (measured on the consolidation benchmark, paired whole-process runs: with glibc's fast
#: bins off (pipeline.process), freeing costs the parent less than it did, and 0.48 is
#: 7% faster than 0.44, with 0.51 2% slower than 0.48).
RELEASING_SHARE = 0.48
#: Where the comments a merge's child makes are numbered, before they are renumbered.
_CHILD_COMMENTS = 1_000_000_000
_COMMENT_MARKS = tuple(qn(f"w:{tag}") for tag in ("commentRangeStart", "commentRangeEnd",
                                                   "commentReference"))
_W_ID = qn("w:id")
_COUNTS = tuple(f.name for f in fields(Stats))


def _counts(stats: Stats) -> list[int]:
    return [getattr(stats, name) for name in _COUNTS]


def _cut(fate: list[dict], gaps: list[dict], share: float = 0.5) -> int:
    """The place that splits the merge so that the first part is *share* of the work: a
    place's work grows with the drafts that change its block or insert before it."""
    work = [1 + 20 * (len(fate[index]) if index < len(fate) else 0)
            + 20 * sum(len(found) for found in gaps[index].values())
            for index in range(len(gaps))]
    half, done = sum(work) * share, 0
    for index, cost in enumerate(work):
        done += cost
        if done >= half:
            return index + 1
    return len(gaps)


def _fates(count: int, versions: list[list | None], prepared: dict[int, tuple]):
    """What each version does to each of the *count* base blocks: per base block, draft ->
    its block there (None: deleted), for the blocks that differ; per place between base
    blocks, draft -> the blocks it inserts there; per draft, the indices of the blocks
    used so."""
    fate: list[dict[int, _Version | None]] = [{} for _ in range(count)]
    gaps: list[dict[int, list[_Version]]] = [{} for _ in range(count + 1)]
    used: dict[int, set[int]] = {}
    for k, (side, steps) in prepared.items():
        position, blocks, mine = 0, versions[k], used.setdefault(k, set())
        for step in steps:
            if step.op == Op.INSERT:
                if blocks[step.new].tag not in MARKERS:
                    gaps[position].setdefault(k, []).append(_Version(blocks[step.new],
                                                                     side.raw(step.new)))
                    mine.add(step.new)
                continue
            position = step.old + 1
            if step.op == Op.DELETE:
                fate[step.old][k] = None
            elif step.op == Op.PAIR or (step.op == Op.EQUAL and side.differs(step.new, step.old)):
                # equal by key (style and text), different bytes: formatting, a picture
                fate[step.old][k] = _Version(blocks[step.new], side.raw(step.new))
                mine.add(step.new)
    return fate, gaps, used


def _clusters(edits: list[_Edit]) -> list[_Cluster]:
    """Edits grouped where they touch the same base tokens (an insertion inside another
    draft's range, or two insertions at one place, touch too)."""
    clusters: list[_Cluster] = []
    for edit in sorted(edits, key=lambda e: (e.lo, e.hi, e.draft)):
        if clusters and _overlaps(clusters[-1], edit):
            clusters[-1].hi = max(clusters[-1].hi, edit.hi)
            clusters[-1].edits.append(edit)
        else:
            clusters.append(_Cluster(edit.lo, edit.hi, [edit]))
    return clusters


def _overlaps(cluster: _Cluster, edit: _Edit) -> bool:
    if cluster.lo == cluster.hi:  # so far an insertion at one point
        return edit.lo == edit.hi == cluster.lo or edit.lo < cluster.lo < edit.hi
    if edit.lo == edit.hi:
        return cluster.lo < edit.lo < cluster.hi
    return edit.lo < cluster.hi


def _apply(atoms: list[Atom], lo: int, hi: int, edits: list[_Edit]) -> list[Atom]:
    """The base atoms lo..hi with one draft's *edits* made."""
    out, cursor = [], lo
    for edit in sorted(edits, key=lambda e: (e.lo, e.hi)):
        out += atoms[cursor:edit.lo] + edit.atoms
        cursor = edit.hi
    return out + atoms[cursor:hi]


def _group(values: dict[int, object]) -> list[list[int]]:
    """Drafts grouped by equal value, each group in draft order, groups in the order of
    their first draft."""
    groups: dict[object, list[int]] = {}
    for k in sorted(values):
        groups.setdefault(values[k], []).append(k)
    return list(groups.values())


@dataclass(frozen=True)
class _Version:
    """A draft's block where the base has another (or none), with its bytes."""

    block: etree._Element
    raw: bytes


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."
