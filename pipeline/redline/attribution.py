"""Crediting revisions to authors by where they stand in the document.

A document that gathers several sources' changes (a compilation) is marked up
once; each source's block starts with a bookmark, and the revisions from that
bookmark to the next named one, with those in the notes they reference, take
that source's author and date, so Word shows and accepts them per source.
"""

from __future__ import annotations

from pipeline.ooxml.ns import qn
from pipeline.ooxml.package import Package
from pipeline.redline.engine import REVISION_TAGS

_NOTE_REFERENCES = {qn("w:footnoteReference"): ("word/footnotes.xml", qn("w:footnote")),
                    qn("w:endnoteReference"): ("word/endnotes.xml", qn("w:endnote"))}


def attribute_revisions(source: bytes, authors: dict[str, tuple[str, str]]) -> bytes:
    """*source* with each revision credited to the (author, date) of the nearest bookmark
    before it whose name *authors* lists; revisions before any keep theirs."""
    package = Package.open(source)
    credit_revisions(package, authors)
    return package.to_bytes()


def credit_revisions(package: Package, authors: dict[str, tuple[str, str]]) -> None:
    """As :func:`attribute_revisions`, on *package* in place."""
    notes = {}
    for part, tag in _NOTE_REFERENCES.values():
        if package.has(part):
            notes[part] = {note.get(qn("w:id")): note for note in package.xml(part).iter(tag)}
    current: tuple[str, str] | None = None
    revisions = set(REVISION_TAGS)
    for node in package.xml("word/document.xml").iter():
        if node.tag == qn("w:bookmarkStart") and node.get(qn("w:name")) in authors:
            current = authors[node.get(qn("w:name"))]
        elif current is None:
            continue
        elif node.tag in revisions:
            _credit(node, current)
        elif node.tag in _NOTE_REFERENCES:
            part, _tag = _NOTE_REFERENCES[node.tag]
            note = notes.get(part, {}).get(node.get(qn("w:id")))
            if note is not None:
                for change in note.iter(*REVISION_TAGS):
                    _credit(change, current)


def _credit(change, author_date: tuple[str, str]) -> None:
    change.set(qn("w:author"), author_date[0])
    change.set(qn("w:date"), author_date[1])
