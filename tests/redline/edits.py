"""Programmatic revisions of real Word files, as a drafter makes them: about 1% of the
words replaced, inserted or deleted (inside links, fields' results and text boxes too),
whole paragraphs removed and added (ones holding links and fields among them), a
table cell edited."""

from __future__ import annotations

import bisect
import copy
import random

from pipeline.ooxml.ns import XML_SPACE, qn
from pipeline.ooxml.package import Package

W_P, W_T = qn("w:p"), qn("w:t")
NEW_WORDS = ("revised", "amended", "the", "Assembly", "2024", "notwithstanding")
#: Run containers and fields: paragraphs holding them are removed and added on purpose.
RICH = (qn("w:hyperlink"), qn("w:fldSimple"), qn("w:fldChar"), qn("w:smartTag"),
        qn("w:sdt"), qn("w:drawing"), qn("w:object"))


def revise_docx(data: bytes, seed: int, rate: float = 0.01) -> bytes:
    """*data* with about *rate* of its words edited and a few paragraphs removed and added."""
    rng = random.Random(seed)
    package = Package.open(data)
    body = package.xml("word/document.xml").find(qn("w:body"))
    _edit_words(body, rng, rate)
    for _ in range(2):
        _remove_paragraph(body, rng)
    for _ in range(2):
        _add_paragraph(body, rng)
    cells = [tc for tc in body.iter(qn("w:tc")) if tc.find(f".//{W_T}") is not None]
    if cells:
        t = rng.choice(cells).find(f".//{W_T}")
        _set_text(t, (t.text or "") + " (amended)")
    return package.to_bytes()


def _edit_words(body, rng: random.Random, rate: float) -> None:
    texts = [t for t in body.iter(W_T) if (t.text or "").strip()]
    if not texts:
        return
    starts, total = [], 0
    for t in texts:
        starts.append(total)
        total += len(t.text.split(" "))
    for _ in range(max(3, round(total * rate))):
        t = texts[bisect.bisect_right(starts, rng.randrange(total)) - 1]
        words = t.text.split(" ")
        position = rng.randrange(len(words))
        action = rng.choice(("replace", "insert", "delete"))
        if action == "replace":
            words[position] = rng.choice(NEW_WORDS)
        elif action == "insert":
            words.insert(position, rng.choice(NEW_WORDS))
        elif len(words) > 1:
            del words[position]
        _set_text(t, " ".join(words))


def movable(body) -> list:
    """Paragraphs a drafter would remove or copy whole: with text, no section break,
    every field they hold complete, and outside a field that spans paragraphs (a table
    of contents, which Word regenerates rather than anyone editing it)."""
    out, depth = [], 0
    for p in body:
        if p.tag != W_P:
            continue
        net = low = 0
        for node in p.iter(qn("w:fldChar")):
            net += {"begin": 1, "end": -1}.get(node.get(qn("w:fldCharType")), 0)
            low = min(low, net)
        if depth == 0 and net == low == 0 and p.find(f".//{qn('w:sectPr')}") is None \
                and "".join(t.text or "" for t in p.iter(W_T)).strip():
            out.append(p)
        depth = max(0, depth + net)
    return out


def _pick(rng: random.Random, candidates: list):
    """A paragraph, one holding a link, field or other container half of the time."""
    rich = [p for p in candidates if any(True for _ in p.iter(*RICH))]
    return rng.choice(rich if rich and rng.random() < 0.5 else candidates)


def _remove_paragraph(body, rng: random.Random) -> None:
    candidates = movable(body)
    if len(candidates) > 1:
        body.remove(_pick(rng, candidates))


def _add_paragraph(body, rng: random.Random) -> None:
    candidates = movable(body)
    if not candidates:
        return
    added = copy.deepcopy(_pick(rng, candidates))
    for node in list(added.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"))):
        node.getparent().remove(node)
    first = next(added.iter(W_T), None)
    if first is not None:
        _set_text(first, "A new provision added by this revision. ")
    rng.choice(candidates).addnext(added)


def _set_text(t, text: str) -> None:
    """Word keeps the outer spaces of a w:t only with xml:space="preserve", and sets it."""
    t.text = text
    t.set(XML_SPACE, "preserve")
