"""Paragraphs as atoms for comparison, and the keys blocks are aligned on.

A paragraph becomes a list of :class:`Atom`: one per word, space run or
punctuation mark of its text, and one per TAB, break, field character, field
instruction, footnote reference, picture or other run content. An atom keeps
the element it came from, its run's properties and the container it sits in
(a hyperlink, say), so the paragraph can be rebuilt with nothing flattened.
Bookmarks and other markers between runs are kept as anchors of the next atom.
A note reference with a custom mark (``w:customMarkFollows``) is one atom with
the mark typed after it, in its run or the next one: LibreOffice takes whatever
text follows the reference as its mark, deleted or not, so a mark changed on its
own would stay in both views; reference and mark change together.
A shape's text boxes are compared as stories of their own, so a shape's token
ignores what its text boxes say.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Hashable
from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml.ns import qn
from pipeline.ooxml.wordml import (CONTAINER_PROPERTIES, CONTAINERS, MARKERS, W_P, W_PPR, W_R,
                                   W_RPR, W_T, shown_text, text_boxes)
from pipeline.redline.align import tokens

#: Elements that mean the input already carries tracked changes.
TRACKED = {qn(t) for t in ("w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rPrChange",
                           "w:pPrChange", "w:tblPrChange", "w:trPrChange", "w:tcPrChange",
                           "w:sectPrChange", "w:cellIns", "w:cellDel")}
_SKIP_IN_RUN = {qn("w:rPr"), qn("w:lastRenderedPageBreak")}
_NOTE_REFERENCES = {qn("w:footnoteReference"), qn("w:endnoteReference")}
_ON = ("1", "true", "on")
_W_PSTYLE, _W_VAL = qn("w:pStyle"), qn("w:val")


#: Text atoms of runs without properties, outside any container: shared by all such runs.
_PLAIN: dict[str, "Atom"] = {}
_PLAIN_MAX = 100_000


@dataclass
class CustomMark:
    """The mark typed after a note reference with ``w:customMarkFollows``."""

    text: str
    own_run: bool                    # in the run after the reference's (else in its run)
    rpr: etree._Element | None       # that run's properties
    rpr_key: Hashable                # their properties_key


@dataclass(slots=True)
class Atom:
    """One comparable piece of a paragraph."""

    token: str
    node: etree._Element | None   # the run child it came from (None for text pieces)
    text: str | None               # text of a w:t piece
    rpr: etree._Element | None
    rpr_key: Hashable  # properties_key(rpr)
    container: etree._Element | None = None
    #: markers (bookmarks...) just before it
    anchors: tuple[etree._Element, ...] = ()
    #: the node is a paragraph-level element (fldSimple, sdt, oMath...), not run content
    bare: bool = False
    #: a note reference's custom mark, written after it with it
    mark: CustomMark | None = None


def properties_key(node: etree._Element | None) -> Hashable:
    """A run's properties (*node*, a w:rPr, or None) as a value that is equal for two
    runs exactly when their properties are the same XML (and b"" for none): their
    children's names and attributes in any attribute order, made in Python a sixth of
    the time of :func:`xml_key`, which is what properties holding more than flat
    elements (a child with children or text, a comment) are keyed by."""
    if node is None:
        return b""
    parts: list[tuple] = []
    for child in node:
        key = _flat_key(child)
        if key is None:
            return xml_key(node)
        parts.append(key)
    return (tuple(sorted(node.attrib.items())), *parts) if len(node.attrib) else tuple(parts)


def element_key(node: etree._Element) -> Hashable:
    """*node* (a property: w:jc, w:ind, w:numPr...) as a value equal for two elements
    exactly when they are the same XML: as :func:`properties_key` keys each of its
    children."""
    key = _flat_key(node)
    return xml_key(node) if key is None else key


def _flat_key(node: etree._Element) -> tuple | None:
    """An element without children or text as its name and attributes (in any order);
    None for any other (or a comment)."""
    tag = node.tag
    if len(node) or node.text or not isinstance(tag, str):
        return None
    attrib = node.attrib
    return (tag, *sorted(attrib.items())) if len(attrib) > 1 else (tag, *attrib.items())


def declared_alike(roots: list[etree._Element | None]) -> bool:
    """Whether the XML roots *roots* (None: a part a package lacks) declare the same
    namespaces in the same order, so that their elements serialize alike: a plain
    serialization writes every declaration in scope, in its order."""
    found = {None if root is None else tuple(root.nsmap.items()) for root in roots}
    return len(found) <= 1


def xml_key(node: etree._Element) -> bytes:
    """*node*'s XML as bytes that two documents write alike: exclusive C14N declares only
    the namespaces *node* uses (a plain or inclusive serialization carries every one its
    document's root declares, and two producers' roots declare other sets: an unchanged
    run then read as a formatting change)."""
    return etree.tostring(node, method="c14n", exclusive=True)


#: Set as the tail of each child while their parent is written once, to cut the bytes
#: into the children's: characters no Word file holds there (checked: if they occur in
#: the text, the pieces do not add up and no bytes are given).
_CUT = "\U0010fffd\ue000\U0010fffd"
_CUT_BYTES = _CUT.encode("utf-8")


#: The same, for the children of the children cut too (a body's tables' rows).
_INNER_CUT = "\U0010fffd\ue001\U0010fffd"
_INNER_CUT_BYTES = _INNER_CUT.encode("utf-8")


def children_bytes(parent: etree._Element) -> list[bytes] | None:
    """Each child of *parent* as it serializes in its place (the namespaces its parent
    declares not repeated on every child, as :func:`etree.tostring` of a child would):
    one serialization of *parent*, cut between children, its start tag taken off the
    first (attribute values never hold a bare ``>``: it is written ``&gt;``). None when
    the cut cannot be made."""
    cut = nested_bytes(parent, None)
    return None if cut is None else cut[0]


def nested_bytes(parent: etree._Element, inner: str | None
                 ) -> tuple[list[bytes], dict[etree._Element, bytes]] | None:
    """:func:`children_bytes`, with the children of each child tagged *inner* (a body's
    tables: their rows) cut too in the same serialization: returns the children's bytes
    and, by child so tagged, its bytes, to cut with :func:`inner_bytes` when needed.
    Those children's bytes then hold the marks of that inner cut: the same on both
    sides of a comparison made so, where the same XML has the same bytes. None when the
    children's cut cannot be made."""
    children = list(parent)
    if not children:
        return [], {}
    nested = [child for child in children if child.tag == inner] if inner else []
    saved = [(node, node.tail) for node in children]
    saved += [(node, node.tail) for child in nested for node in child]
    texts = [(node, node.text) for node in [parent, *nested]]
    try:
        for node, _ in texts:  # white space before the first child: not the child's
            node.text = None
        for child in children:
            child.tail = _CUT
        for child in nested:
            for kid in child:
                kid.tail = _INNER_CUT
        data = etree.tostring(parent, encoding="utf-8")
    finally:
        for node, text in texts:
            node.text = text
        for node, tail in saved:
            node.tail = tail
    pieces = data.split(_CUT_BYTES)
    if len(pieces) != len(children) + 1:
        return None
    pieces[0] = pieces[0][pieces[0].index(b">") + 1:]
    pieces.pop()
    if not nested:
        return pieces, {}
    at = dict(zip(children, pieces))
    return pieces, {child: at[child] for child in nested}


def inner_bytes(child: etree._Element, data: bytes) -> list[bytes] | None:
    """The bytes of the children of *child*, from *data*, its bytes as
    :func:`nested_bytes` gave them; None when the cut cannot be made."""
    count = len(child)
    if not count:
        return []
    cut = data.split(_INNER_CUT_BYTES)
    if len(cut) != count + 1:
        return None
    cut[0] = cut[0][cut[0].index(b">") + 1:]
    cut.pop()
    return cut


def blocks_bytes(blocks: list[etree._Element], inner: str | None = None,
                 inside: dict[etree._Element, bytes] | None = None) -> list[bytes] | None:
    """The bytes of each of *blocks*, children of one element, as they serialize in
    place (see :func:`children_bytes`); None when they are not one element's children or
    the cut cannot be made. Blocks of two sides are the same XML when their bytes are
    equal only if their parents have the same namespaces in scope: see
    :func:`same_scope`. With *inner* (a tag), the children of the blocks so tagged are
    cut too, into *inside* (see :func:`nested_bytes`)."""
    if not blocks:
        return []
    parent = blocks[0].getparent()
    cut = nested_bytes(parent, inner) if parent is not None else None
    if cut is None:
        return None
    pieces, nested = cut
    if inside is not None:
        inside.update(nested)
    of = dict(zip(parent, pieces))
    try:
        return [of[block] for block in blocks]
    except KeyError:  # not all of them that element's children
        return None


def same_scope(sides: list[list[etree._Element]]) -> bool:
    """Whether the blocks of each side sit where the same namespaces are in scope (their
    parents', as a body or table may declare its own), so that equal bytes are equal XML."""
    scopes = {tuple(blocks[0].getparent().nsmap.items()) for blocks in sides
              if blocks and blocks[0].getparent() is not None}
    return len(scopes) <= 1


def paragraph_atoms(p: etree._Element) -> tuple[list[Atom], list[etree._Element]]:
    """The atoms of paragraph *p*, and the markers left after its last atom."""
    atoms: list[Atom] = []
    pending: list[etree._Element] = []
    _collect(p, None, atoms, pending, set())
    return atoms, pending


def _collect(parent: etree._Element, container, atoms: list[Atom], pending: list,
             marks: set) -> None:
    """Atoms of *parent*'s runs; *marks* holds the w:t of custom marks already taken."""
    for child in parent:
        tag = child.tag
        if tag == W_PPR or not isinstance(tag, str):
            continue
        if tag == W_R:
            _run_atoms(child, container, atoms, pending, marks)
        elif tag in CONTAINERS:
            _collect(child, child, atoms, pending, marks)
        elif tag in MARKERS:
            pending.append(child)
        elif tag in CONTAINER_PROPERTIES:
            continue  # rebuilt with its container's shell
        else:  # fldSimple, oMath, sdt in a paragraph...: compared whole
            atoms.append(Atom("\x01" + _digest(child), child, None, None, b"", container,
                              tuple(pending), bare=True))
            pending.clear()


def _run_atoms(run: etree._Element, container, atoms: list[Atom], pending: list,
               marks: set) -> None:
    rpr = run.find(W_RPR)
    rpr_key = properties_key(rpr)
    # a run's text atoms are all alike but for their text, and never changed: one atom
    # per distinct piece (half of them are spaces); those of a run with no properties
    # outside any link hold nothing of their run, so every such run shares them
    if rpr is None and container is None:
        if len(_PLAIN) > _PLAIN_MAX:
            _PLAIN.clear()
        made = _PLAIN
    else:
        made = {}
    for child in run:
        if child.tag in _SKIP_IN_RUN or (marks and child in marks) \
                or not isinstance(child.tag, str):  # an XML comment, say: not content
            continue
        if child.tag == W_T:
            pieces = tokens(shown_text(child))
            if pieces and pending:  # the markers go with the first piece
                atoms.append(Atom(pieces[0], None, pieces[0], rpr, rpr_key, container,
                                  tuple(pending)))
                pending.clear()
                pieces = pieces[1:]
            for piece in set(pieces).difference(made):
                made[piece] = Atom(piece, None, piece, rpr, rpr_key, container)
            atoms.extend(map(made.__getitem__, pieces))
            continue
        atom = Atom(atom_token(child), child, None, rpr, rpr_key, container, tuple(pending))
        if child.tag in _NOTE_REFERENCES and child.get(qn("w:customMarkFollows")) in _ON:
            atom.mark = _custom_mark(child, marks)
            atom.token += "|custom:" + (atom.mark.text if atom.mark else "")
        atoms.append(atom)
        pending.clear()


def _custom_mark(reference: etree._Element, marks: set) -> CustomMark | None:
    """The mark typed after *reference*: the text right after it in its run, or, when
    nothing follows it there, the text that opens the next run. Its w:t joins *marks*."""
    after = [c for c in reference.itersiblings() if c.tag not in _SKIP_IN_RUN]
    own_run = not after
    if own_run:
        run = reference.getparent().getnext()
        if run is None or run.tag != W_R:
            return None
        after = [c for c in run if c.tag not in _SKIP_IN_RUN]
    if not after or after[0].tag != W_T:
        return None
    marks.add(after[0])
    rpr = after[0].getparent().find(W_RPR) if own_run else None
    return CustomMark(shown_text(after[0]), own_run, rpr, properties_key(rpr))


def atom_token(node: etree._Element) -> str:
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


def _digest(node: etree._Element) -> str:
    return etree.QName(node).localname + ":" + hashlib.sha1(xml_key(node)).hexdigest()[:16]


def block_key(node: etree._Element, text: str) -> str:
    """What must be equal for two blocks to be the same block: kind, style and *text*
    (the block's :func:`text_of`, computed once by the caller)."""
    if node.tag == W_P:
        return f"p|{_style(node) or ''}|{text}"
    return f"{etree.QName(node).localname}|{text}"


def _style(p: etree._Element) -> str | None:
    """paragraph_style(p), without parsing its path each time (one key per block)."""
    for ppr in p.iterchildren(W_PPR):
        style = ppr.find(_W_PSTYLE)
        if style is not None:
            return style.get(_W_VAL)
    return None


def has_tracked_changes(root: etree._Element) -> bool:
    return any(True for _ in root.iter(*TRACKED))
