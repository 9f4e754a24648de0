"""The table of contents: a Word TOC field whose entries are already filled in.

Each entry links to its heading's bookmark and carries a PAGEREF field, so
Word and LibreOffice read the contents right before any field update, and an
update (F9) rebuilds the same list from the headings.
"""

from __future__ import annotations

from typing import Protocol

from pipeline.ooxml.build import Element, el, field_runs, paragraph, text_run


class Entry(Protocol):
    level: int
    number: str
    title: str
    bookmark: str


def toc_blocks(entries: list[Entry], heading: str = "Table of Contents",
               page_label: str = "Page", depth: int = 2) -> list[Element]:
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
