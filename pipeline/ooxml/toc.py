"""The table of contents: a Word TOC field whose entries are already filled in.

Each entry links to its heading's bookmark and carries a PAGEREF field, so
Word and LibreOffice read the contents right before any field update, and an
update (F9) rebuilds the same list from the headings.
"""

from __future__ import annotations

from typing import Protocol

from lxml import etree

from pipeline.ooxml.build import el, field_runs, paragraph, text_run
from pipeline.ooxml.ns import qn


class Entry(Protocol):
    level: int
    number: str
    title: str
    bookmark: str


def toc_blocks(entries: list[Entry], heading: str = "Table of Contents",
               page_label: str = "Page", depth: int = 2) -> list[etree._Element]:
    """The paragraphs of the contents: a heading, a "Page" line, then one per entry."""
    out = [paragraph("Headingb", text_run(heading)),
           paragraph("toc0", text_run(page_label))]
    begin = field_runs(f'TOC \\o "1-{depth}" \\h \\z', [])
    # field_runs ends with the closing fldChar; the TOC field spans all entries,
    # so its begin goes in the first entry and its end after the last.
    opening, closing = begin[:-1], begin[-1]
    for index, entry in enumerate(entries):
        p = paragraph(f"TOC{min(entry.level, 3)}")
        if index == 0:
            p.extend(opening)
        link = el("w:hyperlink", anchor=entry.bookmark, history="1")
        if not entry.number:
            label = entry.title
        elif entry.number[0].isdigit() or "." in entry.number:
            label = f"{entry.number}\t{entry.title}"
        else:  # "Appendix I – Title", as ITU's contents list annexes and appendices
            label = f"{entry.number} \u2013 {entry.title}"
        link.append(text_run(label))
        link.append(text_run("\t"))
        link.extend(field_runs(f"PAGEREF {entry.bookmark} \\h", "\u2011"))
        p.append(link)
        out.append(p)
    if entries:
        out[-1].append(closing)
    return out


def set_page_numbers(document: etree._Element, pages: dict[str, str]) -> int:
    """Write *pages* (bookmark -> page label) as the cached results of the PAGEREF fields.

    Returns how many fields were filled. The field keeps its instruction, so
    Word's own update still recomputes it.
    """
    filled = 0
    for instr in document.iter(qn("w:instrText")):
        words = (instr.text or "").split()
        if len(words) < 2 or words[0] != "PAGEREF" or words[1] not in pages:
            continue
        run = instr.getparent()
        result = _field_result_run(run)
        if result is not None:
            for t in result.findall(qn("w:t")):
                t.text = pages[words[1]]
            filled += 1
    return filled


def _field_result_run(instr_run: etree._Element) -> etree._Element | None:
    """The first run after the field's ``separate`` mark: where its cached result sits."""
    seen_separate = False
    for sibling in instr_run.itersiblings():
        mark = sibling.find(qn("w:fldChar"))
        if mark is not None:
            kind = mark.get(qn("w:fldCharType"))
            if kind == "separate":
                seen_separate = True
                continue
            return None
        if seen_separate and sibling.find(qn("w:t")) is not None:
            return sibling
    return None
