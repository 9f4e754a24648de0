"""Accepting or rejecting every tracked change of a document, as Word's
"Accept All" and "Reject All" do."""

from __future__ import annotations

from lxml import etree

from pipeline.ooxml.ns import qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.schema import insert_ordered
from pipeline.ooxml.wordml import CONTAINER_PROPERTIES, CONTAINERS, MARKERS, STORY_PARTS, story_parts

_W = lambda t: qn(f"w:{t}")  # noqa: E731
_PROPERTY_CHANGES = [_W(t) for t in ("rPrChange", "pPrChange", "tblPrChange", "trPrChange",
                                     "tcPrChange", "sectPrChange", "tblGridChange",
                                     "numberingChange")]
_RANGE_MARKS = [_W(t) for t in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                "moveToRangeEnd", "customXmlInsRangeStart",
                                "customXmlInsRangeEnd", "customXmlDelRangeStart",
                                "customXmlDelRangeEnd")]


def accept_all(package: Package, authors: set[str] | None = None) -> None:
    """Accept every revision of *package* in place; with *authors*, only theirs (a
    revision made alike by several, "APT; CEPT", is each one's)."""
    for root in _roots(package):
        _resolve(root, keep=(_W("ins"), _W("moveTo")), drop=(_W("del"), _W("moveFrom")),
                 restore_properties=False, authors=authors)
    _drop_orphan_notes(package)


def reject_all(package: Package, authors: set[str] | None = None) -> None:
    """Reject every revision of *package* in place; with *authors*, only theirs."""
    for root in _roots(package):
        _resolve(root, keep=(_W("del"), _W("moveFrom")), drop=(_W("ins"), _W("moveTo")),
                 restore_properties=True, authors=authors)
    _drop_orphan_notes(package)


def revision_authors(package: Package) -> set[str]:
    """Everyone who made a revision in *package* (a joint "APT; CEPT" names two)."""
    found = set()
    for root in _roots(package):
        for node in root.iter(_W("ins"), _W("del"), _W("moveFrom"), _W("moveTo"),
                              *_PROPERTY_CHANGES):
            found.update(a for a in (node.get(_W("author")) or "").split("; ") if a)
    return found


def _drop_orphan_notes(package: Package) -> None:
    """Notes and comments whose reference went with a revision go too, as in Word (a
    comment's range marks with it)."""
    stories = [package.xml(name) for name in story_parts(package)]
    for kind in ("footnote", "endnote", "comment"):
        part = f"word/{kind}s.xml"
        if not package.has(part):
            continue
        referenced = {ref.get(_W("id")) for root in stories
                      for ref in root.iter(_W(f"{kind}Reference"))}
        notes = package.xml(part)
        gone = set()
        for note in notes.findall(_W(kind)):
            if note.get(_W("type")) is None and note.get(_W("id")) not in referenced:
                gone.add(note.get(_W("id")))
                notes.remove(note)
        if kind == "comment" and gone:
            for root in stories:
                for mark in list(root.iter(_W("commentRangeStart"), _W("commentRangeEnd"))):
                    if mark.get(_W("id")) in gone:
                        mark.getparent().remove(mark)


def _roots(package: Package) -> list[etree._Element]:
    names = list(STORY_PARTS) + [n for n in package.names()
                              if n.startswith("word/header") or n.startswith("word/footer")]
    return [package.xml(n) for n in names if package.has(n) and n.endswith(".xml")]


def _theirs(authors: set[str] | None):
    """Whether a revision is one to resolve: every one, or one by *authors*."""
    if authors is None:
        return lambda node: True
    return lambda node: bool(authors.intersection((node.get(_W("author")) or "").split("; ")))


def _resolve(root: etree._Element, keep: tuple, drop: tuple, restore_properties: bool,
             authors: set[str] | None = None) -> None:
    theirs = _theirs(authors)
    # Rows first: a row whose insertion is rejected (or deletion accepted) goes whole.
    for row in list(root.iter(_W("tr"))):
        trpr = row.find(_W("trPr"))
        marks = [] if trpr is None else [c for c in trpr if c.tag in keep + drop and theirs(c)]
        if any(m.tag in drop for m in marks):
            table = row.getparent()
            table.remove(row)
            if table.find(_W("tr")) is None:  # a table with no row left goes too
                table.getparent().remove(table)
            continue
        for mark in marks:
            trpr.remove(mark)
    # Paragraph marks, noted before the runs go: the paragraph then joins the next one.
    joining = []
    for p in list(root.iter(_W("p"))):
        rpr = p.find(f"{_W('pPr')}/{_W('rPr')}")
        if rpr is None:
            continue
        for mark in [c for c in rpr if c.tag in keep + drop and theirs(c)]:
            if mark.tag in drop:
                joining.append(p)
            rpr.remove(mark)
    for tag in drop:
        for node in list(root.iter(tag)):
            parent = node.getparent()
            if parent is not None and parent.tag != _W("rPr") and theirs(node):
                parent.remove(node)
                _drop_if_emptied(parent)
    for tag in keep:
        for node in list(root.iter(tag)):
            parent = node.getparent()
            if parent is None or parent.tag == _W("rPr") or not theirs(node):
                continue
            if tag in (_W("del"), _W("moveFrom")):  # deleted text kept: text again
                for text in node.iter(_W("delText")):
                    text.tag = _W("t")
                for text in node.iter(_W("delInstrText")):
                    text.tag = _W("instrText")
            _unwrap(node)
    for change in list(root.iter(*_PROPERTY_CHANGES)):
        if not theirs(change):
            continue
        owner = change.getparent()
        if restore_properties:
            _restore(owner, change)
        else:
            owner.remove(change)
    for node in list(root.iter(*_RANGE_MARKS)):
        node.getparent().remove(node)
    for p in joining:
        _join_with_next(p)


def _drop_if_emptied(container: etree._Element) -> None:
    """A link or other run container whose every run went with a revision goes too."""
    while container.tag in CONTAINERS and not any(
            child.tag not in CONTAINER_PROPERTIES for child in container):
        parent = container.getparent()
        parent.remove(container)
        container = parent


def _unwrap(node: etree._Element) -> None:
    parent = node.getparent()
    index = parent.index(node)
    for offset, child in enumerate(list(node)):
        parent.insert(index + offset, child)
    parent.remove(node)


def _restore(owner: etree._Element, change: etree._Element) -> None:
    """Put the properties recorded in a *PrChange back in place of the current ones."""
    old = change[0] if len(change) else None
    keep = {_W("rPr"), _W("sectPr"), _W("pPrChange")} if owner.tag == _W("pPr") else set()
    for child in list(owner):
        if child is not change and child.tag not in keep:
            owner.remove(child)
    owner.remove(change)
    if old is not None:
        for child in list(old):
            if owner.tag in (_W("pPr"), _W("rPr")):
                insert_ordered(owner, child)
            else:
                owner.append(child)


def _join_with_next(p: etree._Element) -> None:
    """A paragraph whose mark is gone: its remaining content joins the next paragraph."""
    nxt = p.getnext()
    while nxt is not None and (not isinstance(nxt.tag, str) or nxt.tag in MARKERS):
        nxt = nxt.getnext()
    content = [c for c in p if c.tag != _W("pPr")]
    if nxt is not None and nxt.tag == _W("p"):
        anchor = nxt.find(_W("pPr"))
        index = 0 if anchor is None else nxt.index(anchor) + 1
        for offset, child in enumerate(content):
            nxt.insert(index + offset, child)
        p.getparent().remove(p)
        return
    has_text = any(True for _ in p.iter(_W("t"), _W("tab"), _W("drawing")))
    siblings = [c for c in p.getparent() if c.tag in (_W("p"), _W("tbl"))]
    if not has_text and len(siblings) > 1:
        p.getparent().remove(p)
