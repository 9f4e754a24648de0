"""Reading a Resolution back from a .docx as a reader sees it: the kind of each
paragraph (its style, by name) and its text, from the number line on."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def style_kinds(archive: zipfile.ZipFile) -> dict[str, str]:
    styles = etree.fromstring(archive.read("word/styles.xml"))
    return {s.get(_q("styleId")): re.sub(r"[\s_]", "", s.find("w:name", NS).get(_q("val"))).lower()
            for s in styles.findall("w:style", NS)}


#: Kinds that name the same thing in different ITU files.
SAME_KIND = {"figure": "figuretitle", "figurenotitle": "figuretitle",
             "appendixref": "appendixno", "annexref": "annexno"}


def paragraph_text(p: etree._Element) -> str:
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


def resolution_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(kind, text) of every non-empty body paragraph from the number line on;
    a heading split over two paragraphs (Appendix No, then its ref) reads as one."""
    with zipfile.ZipFile(path) as archive:
        kinds = style_kinds(archive)
        body = etree.fromstring(archive.read("word/document.xml")).find("w:body", NS)
    out: list[tuple[str, str]] = []
    started = False
    for p in body.iter(_q("p")):
        style = p.find("w:pPr/w:pStyle", NS)
        kind = kinds.get(style.get(_q("val")), "normal") if style is not None else "normal"
        kind = SAME_KIND.get(kind, kind)
        text = paragraph_text(p)
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


def footnote_texts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    out = []
    for note in notes.findall("w:footnote", NS):
        if note.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        out.append(" ".join(filter(None, (paragraph_text(p) for p in note.iter(_q("p"))))))
    return out
