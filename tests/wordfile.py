"""Reading .docx files the way a reviewer looks at them: the one reading helper of the tests.

Every function takes a path or the file's bytes. ``paragraphs`` gives each
paragraph's style and text; ``texts`` reads as LibreOffice's bridge does
(paragraphs in order, table cells row by row, footnote anchors left out);
``resolution_paragraphs`` gives the kind of style and text of a Resolution,
from its number line on, comparable across ITU files whose style ids differ.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.ooxml.wordml import shown_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "itu-samples"
SOFFICE = shutil.which("soffice")

Source = Path | bytes
#: Run content that reads as a character: a TAB, a non-breaking hyphen.
_SPECIAL = {f"{{{W}}}tab": "\t", f"{{{W}}}noBreakHyphen": "\u2011", f"{{{W}}}br": "\n"}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _archive(source: Source) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)


def part(source: Source, name: str) -> etree._Element:
    """The parsed XML part *name* of the file."""
    with _archive(source) as archive:
        return etree.fromstring(archive.read(name))


def has_part(source: Source, name: str) -> bool:
    with _archive(source) as archive:
        return name in archive.namelist()


@dataclass
class Para:
    style: str
    text: str
    in_table: bool


def note_texts(source: Source, kind: str = "footnote") -> list[str]:
    """The text of each footnote (or endnote) the body refers to, in the order of the
    references: what a reader of the document sees at its notes. Notes no reference
    reaches (a rejected insertion leaves its note in the part) are not read."""
    with _archive(source) as archive:
        name = f"word/{kind}s.xml"
        if name not in archive.namelist():
            return []
        body = etree.fromstring(archive.read("word/document.xml"))
        notes = {note.get(_q("id")): note for note in
                 etree.fromstring(archive.read(name)).findall(_q(kind))}
    out = []
    for reference in body.iter(_q(f"{kind}Reference")):
        note = notes.get(reference.get(_q("id")))
        if note is not None:
            out.append("\n".join(p.text for p in paragraphs_of(note)))
    return out


def paragraphs(source: Source, name: str = "word/document.xml") -> list[Para]:
    """Every paragraph in body order with its style id (Normal when none) and text."""
    return paragraphs_of(part(source, name))


def paragraphs_of(node: etree._Element) -> list[Para]:
    """The paragraphs inside *node* (a part's root, a table cell...)."""
    out = []
    for p in node.iter(_q("p")):
        style = p.find("w:pPr/w:pStyle", NS)
        text = "".join(_SPECIAL.get(node.tag, node.text or "")
                       for node in p.iter(_q("t"), _q("tab"), _q("noBreakHyphen"), _q("br"))
                       if node.getparent().tag == _q("r"))  # not the tab stops of pPr
        in_table = any(a.tag == _q("tc") for a in p.iterancestors())
        out.append(Para(style.get(_q("val")) if style is not None else "Normal", text, in_table))
    return out


def texts(source: Source, name: str = "word/document.xml") -> list[str]:
    """Paragraph texts as Word shows them, in order; table cells row by row, nested
    tables and content controls inline; footnotes (of the notes part) but no separators."""
    xml = part(source, name)
    out: list[str] = []
    container = xml.find(_q("body")) if name == "word/document.xml" else xml

    def walk(node):
        for child in node:
            if child.tag == _q("p"):
                out.append("".join(_SPECIAL[n.tag] if n.tag in _SPECIAL else shown_text(n)
                                   for n in child.iter(_q("t"), _q("tab"), _q("noBreakHyphen"))
                                   if n.getparent().tag == _q("r")))
            elif child.tag == _q("tbl"):
                for row in child.findall(_q("tr")):
                    for cell in row.findall(_q("tc")):
                        walk(cell)
            elif child.tag == _q("sdt"):
                content = child.find(_q("sdtContent"))
                if content is not None:
                    walk(content)
            elif child.tag == _q("footnote") and child.get(_q("type")) is None:
                walk(child)

    walk(container)
    return out


def notes(source: Source, kind: str = "footnote") -> list[list[str]]:
    """The notes as a reader meets them: each referenced note's paragraph texts, in the
    order of the references in the body (where a note sits in its part does not show)."""
    body = part(source, "word/document.xml")
    try:
        holder = part(source, f"word/{kind}s.xml")
    except KeyError:
        return []
    by_id = {n.get(_q("id")): n for n in holder.iter(_q(kind))}
    out = []
    for ref in body.iter(_q(f"{kind}Reference")):
        note = by_id.get(ref.get(_q("id")))
        out.append([] if note is None else [
            "".join(shown_text(t) for t in p.iter(_q("t")) if t.getparent().tag == _q("r"))
            for p in note.iter(_q("p"))])
    return out


def styles_of(source: Source) -> list[str]:
    """The paragraph style of every body paragraph (Normal when none), in order."""
    return [p.style for p in paragraphs(source)]


def style_ids(source: Source) -> dict[str, str]:
    """Style id -> style name, of every style defined in the file."""
    styles = part(source, "word/styles.xml")
    return {s.get(_q("styleId")): s.find("w:name", NS).get(_q("val"))
            for s in styles.findall("w:style", NS)}


def count(source: Source, *tags: str, name: str = "word/document.xml") -> dict[str, int]:
    """How many elements of each w: tag the part holds."""
    root = part(source, name)
    return {tag: sum(1 for _ in root.iter(_q(tag))) for tag in tags}


def revisions(source: Source) -> tuple[int, int]:
    """(insertions, deletions) in the body."""
    found = count(source, "ins", "del")
    return found["ins"], found["del"]


# -- a Resolution as a reader sees it ---------------------------------------------------

#: Kinds that name the same thing in different ITU files.
SAME_KIND = {"figure": "figuretitle", "figurenotitle": "figuretitle",
             "appendixref": "appendixno", "annexref": "annexno"}


def _style_kinds(source: Source) -> dict[str, str]:
    return {sid: re.sub(r"[\s_]", "", name).lower() for sid, name in style_ids(source).items()}


def _reader_text(p: etree._Element) -> str:
    """A paragraph's text without deleted runs and footnote marks, spaces normalized."""
    out = []
    for run in p.iter(_q("r")):
        if any(a.tag == _q("del") for a in run.iterancestors()):
            continue
        rstyle = run.find("w:rPr/w:rStyle", NS)
        in_ref = rstyle is not None and "Footnote" in rstyle.get(_q("val"))
        for node in run:
            if node.tag == _q("t") and not in_ref:
                out.append(node.text or "")
            elif node.tag == _q("tab"):
                out.append("\t")
            elif node.tag in (_q("br"), _q("cr")):
                out.append(" ")
            elif node.tag == _q("noBreakHyphen"):
                out.append("\u2011")
    text = "".join(out).replace("\u00a0", " ")
    text = re.sub(r" *\t *", "\t", text)
    return re.sub(r" +", " ", text).strip()


def resolution_paragraphs(source: Source) -> list[tuple[str, str]]:
    """(kind, text) of every non-empty body paragraph from the number line on;
    a heading split over two paragraphs (Appendix No, then its ref) reads as one."""
    kinds = _style_kinds(source)
    out: list[tuple[str, str]] = []
    started = False
    for p in part(source, "word/document.xml").find(_q("body")).iter(_q("p")):
        style = p.find("w:pPr/w:pStyle", NS)
        kind = kinds.get(style.get(_q("val")), "normal") if style is not None else "normal"
        kind = SAME_KIND.get(kind, kind)
        text = _reader_text(p)
        if not text:
            continue
        started = started or kind == "resno"
        if not started:
            continue
        if out and kind == out[-1][0] and kind in ("appendixno", "annexno"):
            out[-1] = (kind, f"{out[-1][1]} {text}")
        else:
            out.append((kind, text))
    return out


def footnote_texts(source: Source) -> list[str]:
    """The text of each footnote (separators aside), as a reader sees it: without the
    note's own mark (Word's number, a typed mark, a superscript suffix such as "bis")."""
    if not has_part(source, "word/footnotes.xml"):
        return []
    out = []
    for note in part(source, "word/footnotes.xml").findall("w:footnote", NS):
        if note.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        first = note.find(_q("p"))
        if first is not None:
            for run in first.findall(_q("r")):  # the mark: reference style or superscript
                style = run.find("w:rPr/w:rStyle", NS)
                align = run.find("w:rPr/w:vertAlign", NS)
                mark = (style is not None and "Footnote" in style.get(_q("val"))) or \
                    (align is not None and align.get(_q("val")) == "superscript")
                if not mark and "".join(t.text or "" for t in run.iter(_q("t"))).strip():
                    break
                first.remove(run)
        out.append(" ".join(filter(None, (_reader_text(p) for p in note.iter(_q("p"))))))
    return out
