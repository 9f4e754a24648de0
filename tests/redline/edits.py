"""Programmatic revisions of real Word files: words changed, paragraphs removed,
added and restyled, table cells edited, as a delegate would revise a text."""

from __future__ import annotations

import copy
import random

from pipeline.ooxml.ns import qn
from pipeline.ooxml.package import Package

W_P, W_T = qn("w:p"), qn("w:t")


def _texty(body) -> list:
    return [p for p in body.iter(W_P)
            if sum(len(t.text or "") for t in p.iter(W_T)) > 20
            and p.find(f".//{qn('w:fldChar')}") is None]


def revise_docx(data: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    package = Package.open(data)
    body = package.xml("word/document.xml").find(qn("w:body"))
    candidates = _texty(body)
    for p in rng.sample(candidates, min(6, len(candidates))):  # one word replaced
        texts = [t for t in p.iter(W_T) if len((t.text or "").split()) > 2]
        if texts:
            t = rng.choice(texts)
            words = t.text.split(" ")
            words[rng.randrange(len(words))] = "revised"
            t.text = " ".join(words)
    top = [p for p in body if p.tag == W_P and p in candidates]
    for p in rng.sample(top, min(2, len(top))):  # paragraphs removed
        if p.getparent() is not None and p.find(f".//{qn('w:sectPr')}") is None:
            body.remove(p)
    top = [p for p in body if p.tag == W_P and p in candidates]
    if top:  # a paragraph added after another, in its style
        anchor = rng.choice(top)
        added = copy.deepcopy(anchor)
        for node in added.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
            node.getparent().remove(node)
        for index, t in enumerate(added.iter(W_T)):
            t.text = "A new provision added by this revision." if index == 0 else ""
        anchor.addnext(added)
    cells = [tc for tc in body.iter(qn("w:tc")) if tc.find(f".//{W_T}") is not None]
    if cells:  # a table cell edited
        t = rng.choice(cells).find(f".//{W_T}")
        t.text = (t.text or "") + " (amended)"
    return package.to_bytes()
