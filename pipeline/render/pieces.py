"""Pieces: short runs of blocks that recur, rendered by pandoc once and pasted wherever
they stand.

A contribution of thousands of NOC proposals holds thousands of short paragraphs
(each proposal's reasons, the number line and title of the Resolution it names)
that read the same on both sides of the redline and again in the compilation.
Rendered in place, pandoc would read and write each of them four times, and the
walks over the AST would visit every word of them each time. A document instead
holds a placeholder for each piece (:meth:`Pieces.place`); when it is rendered, the
pieces it uses that no document has used yet are rendered together, in one
document of pieces (in batches, so a long run can report progress), and the
paragraphs pandoc wrote for each piece replace its placeholder right after pandoc
has written the document, before finishing. The tree is then the one pandoc would
have written itself.

That holds only for paragraphs and tables whose XML does not depend on where they
stand: pandoc numbers bookmarks, relationships (pictures, links) and lists through the
whole document. A piece whose AST or XML holds any of these is rendered in place
instead, as any other block. Footnotes are the one numbered thing a piece may hold
(every Resolution's history line has them): a rendered piece keeps its notes, numbered
1, 2... in the order of reference, and pasting gives them the next free ids of the
document.

With a :class:`~pipeline.render.piecestore.PieceStore`, rendered pieces are also kept
between builds, by their content key: a rebuild converts only the pieces that changed.
Every rendered piece goes through the store's bytes, stored or not, so a piece read
back from the store is the very tree a fresh rendering gives.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Callable

import panflute as pf

from pipeline.ooxml.build import el
from pipeline.ooxml.ns import NS, qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.wordml import W_P, W_TBL, paragraph_style
from pipeline.render import pandoc
from pipeline.render.inline import Fragments
from pipeline.render.layout import raw_block
from pipeline.render.piecestore import MISSING, PieceStore, dumps, loads
from pipeline.render.walk import walk

#: The attribute of a placeholder Div: the piece it stands for.
_KEY = "data-piece"
#: The style of the paragraphs that separate pieces, and stand for them in a document.
_MARK = "itudraftPiece"
#: AST nodes whose XML pandoc numbers through the document, or that link elsewhere.
_CONTEXTUAL = (pf.Image, pf.Link, pf.Cite, pf.RawInline, pf.RawBlock,
               pf.BulletList, pf.OrderedList, pf.DefinitionList, pf.Header, pf.CodeBlock,
               pf.HorizontalRule, pf.LineBlock, pf.BlockQuote, pf.Figure)
#: XML that pandoc numbers through the document.
_NUMBERED = {qn(t) for t in ("w:bookmarkStart", "w:bookmarkEnd", "w:endnoteReference",
                             "w:numPr", "w:commentReference")}
_NOTE_REFERENCE, _NOTE = qn("w:footnoteReference"), qn("w:footnote")
_ID = qn("w:id")
#: The fewest pieces a batch holds when a caller follows the progress (batches are
#: about a tenth of the pieces to render; fewer pieces go in one batch, unreported).
MIN_BATCH = 50

#: A piece's blocks, built with the fragments it is given and footnote labels that start
#: with the prefix it is given (unique in the pandoc document it goes in).
Builder = Callable[[Fragments, str], list[pf.Block]]
Progress = Callable[[int, int], None]


class Pieces:
    """The pieces of a set of documents, each rendered once per reference document."""

    def __init__(self, store: PieceStore | None = None) -> None:
        self._store = store
        self._keys: dict[str, int] = {}
        self._names: list[str] = []
        self._builders: list[Builder] = []
        self._origins: list[Path] = []
        #: (reference document, piece) -> the paragraphs pandoc wrote, or None: in place
        self._rendered: dict[tuple[Path, int], list | None] = {}

    def place(self, key: str, build: Builder, origin: Path) -> pf.Div:
        """The placeholder of the piece *key*, whose blocks *build* makes; *origin* is
        the source named by errors in them. *key* says everything the blocks are made
        from (two pieces with one key are one piece, in this build and the next)."""
        if key not in self._keys:
            self._keys[key] = len(self._builders)
            self._names.append(key)
            self._builders.append(build)
            self._origins.append(origin)
        return pf.Div(attributes={_KEY: str(self._keys[key])})

    def render(self, blocks: list[pf.Block], reference: Path,
               progress: Progress | None = None) -> None:
        """Render the pieces *blocks* use that are not yet rendered with *reference*;
        *progress* (pieces done, pieces to do) is called after each batch, in batches
        of about a tenth of them."""
        todo = self._unrendered(blocks, reference)
        if not progress or len(todo) <= MIN_BATCH:
            progress, size = None, max(len(todo), 1)
        else:
            size = max(MIN_BATCH, -(-len(todo) // 10))
        for start in range(0, len(todo), size):
            self._render_batch(todo[start:start + size], reference)
            if progress:
                progress(min(start + size, len(todo)), len(todo))

    def expand(self, blocks: list[pf.Block], reference: Path,
               fragments: Fragments) -> tuple[list[pf.Block], list[list]]:
        """*blocks* with each placeholder replaced by a paragraph that stands for its
        rendered piece, or by its blocks (built with *fragments*) when it is rendered in
        place; and the rendered pieces in the order of their placeholders, for
        :func:`paste`."""
        self.render(blocks, reference)
        out: list[pf.Block] = []
        pastes: list[tuple[list, list]] = []
        for block in blocks:
            index = _piece(block)
            if index is None:
                out.append(block)
                continue
            rendered = self._rendered[(reference, index)]
            if rendered is None:
                out.extend(self._builders[index](fragments, f"piece{len(out)}-"))
            else:
                out.append(_separator())
                pastes.append(rendered)
        return out, pastes

    def _unrendered(self, blocks: list[pf.Block], reference: Path) -> list[int]:
        todo: dict[int, None] = {}
        for block in blocks:
            index = _piece(block)
            if index is not None and (reference, index) not in self._rendered:
                todo[index] = None
        return list(todo)

    def _render_batch(self, indexes: list[int], reference: Path) -> None:
        """The pieces *indexes* from the store, and one pandoc read and one write for
        those it does not hold."""
        names: dict[int, str] = {}
        if self._store is not None:
            for index in indexes:
                names[index] = self._store.name(self._names[index], reference)
                found = self._store.get(names[index])
                if found is not MISSING:
                    self._rendered[(reference, index)] = found
            indexes = [index for index in indexes if (reference, index) not in self._rendered]
        if not indexes:
            return
        for index, rendered in zip(indexes, self._convert(indexes, reference)):
            data = dumps(rendered)
            if self._store is not None:
                self._store.put(names[index], data)
            self._rendered[(reference, index)] = loads(data)

    def _convert(self, indexes: list[int], reference: Path) -> list:
        """The pieces *indexes* rendered by pandoc together (None for each that renders
        in place)."""
        # A batch holds the new pieces of one document: errors name its source.
        fragments = Fragments(self._origins[indexes[0]])
        blocks: list[pf.Block] = []
        marked = set()
        for position, index in enumerate(indexes):
            blocks.append(_separator())
            marks = len(fragments.marks)
            blocks.extend(self._builders[index](fragments, f"k{position}-"))
            if len(fragments.marks) != marks:
                marked.add(index)  # typed note marks are the document's: in place
        doc = pf.Doc(*blocks, api_version=pandoc.api_version())
        fragments.resolve(doc)
        groups = _split_ast(list(doc.content))
        kept = [index for index, group in zip(indexes, groups)
                if index not in marked and _context_free(group, doc)]
        rendered: dict[int, tuple[list, list] | None] = dict.fromkeys(indexes)
        if not kept:
            return [None] * len(indexes)
        chosen = set(kept)
        doc.content = [block for index, group in zip(indexes, groups) if index in chosen
                       for block in [_separator(), *group]]
        package = Package.open(pandoc.write_docx(doc, reference, [self._origins[kept[0]].parent]))
        written = _split_xml(package.xml("word/document.xml").find(qn("w:body")))
        if len(written) != len(kept):
            return [None] * len(indexes)  # pandoc wrote something unforeseen: in place
        notes = {note.get(_ID): note for note in package.xml("word/footnotes.xml").iter(_NOTE)} \
            if package.has("word/footnotes.xml") else {}
        for index, elements in zip(kept, written):
            rendered[index] = _detach(elements, notes)
        return [rendered[index] for index in indexes]


def paste(package: Package, pastes: list[tuple[list, list]]) -> None:
    """Replace the placeholders pandoc wrote into *package*'s body, in order, by copies
    of the paragraphs of their pieces; their notes go in with the next free ids."""
    if not pastes:
        return
    body = package.xml("word/document.xml").find(qn("w:body"))
    marks = [node for node in body if node.tag == W_P and paragraph_style(node) == _MARK]
    if len(marks) != len(pastes):
        raise AssertionError(f"{len(marks)} piece placeholders written for {len(pastes)}")
    footnotes = package.xml("word/footnotes.xml") if any(n for _e, n in pastes) else None
    next_id = 1 + max((int(n.get(_ID)) for n in footnotes.iter(_NOTE)), default=0) \
        if footnotes is not None else 0
    for mark, (elements, notes) in zip(marks, pastes):
        tail = mark.tail
        copies = [copy.deepcopy(element) for element in elements]
        ids = {}
        for note in notes:
            ids[note.get(_ID)] = str(next_id)
            added = copy.deepcopy(note)
            added.set(_ID, str(next_id))
            footnotes.append(added)
            next_id += 1
        for node in copies:
            for reference in node.iter(_NOTE_REFERENCE) if ids else ():
                reference.set(_ID, ids[reference.get(_ID)])
        for node in copies[:-1]:
            mark.addprevious(node)
        copies[-1].tail = tail
        mark.getparent().replace(mark, copies[-1])


def _piece(block: pf.Block) -> int | None:
    if isinstance(block, pf.Div) and _KEY in block.attributes:
        return int(block.attributes[_KEY])
    return None


def _separator() -> pf.RawBlock:
    """An empty paragraph in a style of its own: where a piece starts, or stands."""
    return pf.RawBlock(_separator_xml(), format="openxml")


@lru_cache(maxsize=1)
def _separator_xml() -> str:
    return raw_block(el("w:p", el("w:pPr", el("w:pStyle", val=_MARK)))).text


def _is_separator(block: pf.Block) -> bool:
    return isinstance(block, pf.RawBlock) and block.text == _separator_xml()


def _split_ast(blocks: list[pf.Block]) -> list[list[pf.Block]]:
    groups: list[list[pf.Block]] = []
    for block in blocks:
        if _is_separator(block):
            groups.append([])
        else:
            groups[-1].append(block)
    return groups


def _context_free(blocks: list[pf.Block], doc: pf.Doc) -> bool:
    """Whether pandoc writes *blocks* the same wherever they stand: paragraphs, in
    custom styles or not, of text with no notes, pictures, links or identifiers."""
    found = []

    def check(elem, _doc):
        if isinstance(elem, _CONTEXTUAL) or getattr(elem, "identifier", ""):
            found.append(elem)

    for block in blocks:
        walk(block, check, doc)
    return bool(blocks) and not found


def _split_xml(body) -> list[list]:
    groups: list[list] = []
    for node in body:
        if node.tag == W_P and paragraph_style(node) == _MARK:
            groups.append([])
        elif node.tag != qn("w:sectPr") and groups:
            groups[-1].append(node)
    return groups


def _detach(elements: list, notes: dict) -> tuple[list, list] | None:
    """A piece's paragraphs and tables with the notes they refer to, numbered 1, 2... in
    the order of reference; None when something in them is numbered through the
    document or points at a relationship (the piece then renders in place)."""
    if not elements or not all(element.tag in (W_P, W_TBL) for element in elements):
        return None
    own: list = []
    for element in elements:
        for reference in element.iter(_NOTE_REFERENCE):
            note = notes.get(reference.get(_ID))
            if note is None:
                return None
            own.append(copy.deepcopy(note))
            reference.set(_ID, str(len(own)))
            own[-1].set(_ID, str(len(own)))
    if not all(_pastable(node) for node in elements + own):
        return None
    return elements, own


def _pastable(element) -> bool:
    """Nothing pandoc numbers through the document (but notes), and no relationship."""
    relationship = f"{{{NS['r']}}}"
    return not any(node.tag in _NUMBERED or any(name.startswith(relationship)
                                                for name in node.attrib)
                   for node in element.iter())
