"""Sections: a paragraph that ends one, and every section given the page set-up of the
last, a header and its page numbering."""

from __future__ import annotations

import copy

from pipeline.ooxml.build import Element, el
from pipeline.ooxml.ns import qn
from pipeline.ooxml.schema import insert_ordered, set_child


def section_break() -> Element:
    """An empty paragraph that ends a section (its properties are filled in later)."""
    return el("w:p", el("w:pPr", el("w:sectPr")))


def fill_sections(body: Element, references: list[tuple[str, str, str]], numbering: list[str],
                  first_bare: bool = False, restart: bool = True) -> None:
    """Give every section the final section's page set-up, the header and footer
    *references* ((kind, type, rid): ("header", "default", "rId5"), ("footer", "even",
    ...)) and its page numbering (*numbering*: formats in order, e.g. lowerRoman then
    decimal; with *restart* each section starts at 1, without it the pages are numbered
    on from the first). With *first_bare* the first section (a cover) has no header
    or footer."""
    final = body.find(qn("w:sectPr"))
    for old in final.findall(qn("w:headerReference")) + final.findall(qn("w:footerReference")) \
            + final.findall(qn("w:titlePg")):
        final.remove(old)
    breaks = [ppr.find(qn("w:sectPr")) for ppr in body.iter(qn("w:pPr"))
              if ppr.find(qn("w:sectPr")) is not None]
    formats = list(numbering)
    for index, sect in enumerate(breaks + [final]):
        if sect is not final:
            for child in list(sect):
                sect.remove(child)
            for child in final:
                sect.append(copy.deepcopy(child))
            set_child(sect, "w:type", val="nextPage")
        if first_bare and index == 0:
            continue
        for kind, which, rid in references:
            insert_ordered(sect, el(f"w:{kind}Reference", type=which, r__id=rid))
        fmt = formats.pop(0) if formats else "decimal"
        if restart:
            set_child(sect, "w:pgNumType", fmt=fmt, start="1")
        else:
            set_child(sect, "w:pgNumType", fmt=fmt)
