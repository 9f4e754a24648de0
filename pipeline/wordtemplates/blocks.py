"""Builders for the Word templates: paragraphs in house styles, tables whose rows loop
(docxtpl's ``{%tr %}``), template tag paragraphs (``{%p %}``), sections and the page
footer. Everything is made with the XML layer's element builders."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.ooxml.build import Element, el, field_runs, text_run
from pipeline.ooxml.package import Package
from pipeline.ooxml.parts import add_header
from pipeline.ooxml.schema import insert_ordered

#: Light grey behind header cells, so a table's head reads apart from its rows.
HEAD_FILL = "E7E6E6"


def para(style: str, text: str = "", *, new_page: bool = False, align: str | None = None,
         keep_next: bool = False, size: float | None = None) -> Element:
    """A paragraph in *style* holding *text* (TABs and line feeds as Word writes them),
    its text in *size* points when given (wide tables)."""
    ppr = el("w:pPr", el("w:pStyle", val=style))
    if keep_next:
        insert_ordered(ppr, el("w:keepNext"))
    if new_page:
        insert_ordered(ppr, el("w:pageBreakBefore"))
    if align:
        insert_ordered(ppr, el("w:jc", val=align))
    p = el("w:p", ppr)
    if text:
        rpr = None
        if size:
            rpr = el("w:rPr", el("w:sz", val=int(size * 2)), el("w:szCs", val=int(size * 2)))
        p.append(text_run(text, rpr))
    return p


def tag(statement: str) -> Element:
    """A paragraph holding only a paragraph-level template tag: ``{%p for x in y %}``
    (docxtpl removes the paragraph and keeps the statement)."""
    return para("Normal", "{%p " + statement + " %}")


@dataclass
class Column:
    heading: str
    width: int  # twips
    #: the cell's content in a data row: a text, or a list of paragraph texts
    cell: str | list[str] = ""


def _cell(width: int, paragraphs: list[Element], fill: str | None = None) -> Element:
    tcpr = el("w:tcPr", el("w:tcW", w=width, type="dxa"))
    if fill:
        tcpr.append(el("w:shd", val="clear", color="auto", fill=fill))
    return el("w:tc", tcpr, *paragraphs)


def _row(*cells: Element, header: bool = False) -> Element:
    trpr = el("w:trPr", el("w:cantSplit"))
    if header:
        trpr.append(el("w:tblHeader"))
    return el("w:tr", trpr, *cells)


def _table(widths: list[int], rows: list[Element], borders: bool = True,
           total: int | None = None) -> Element:
    tblpr = el("w:tblPr", el("w:tblStyle", val="TableGrid" if borders else "TableNormal"),
               el("w:tblW", w=total or sum(widths), type="dxa"))
    if not borders:
        tblpr.append(el("w:tblBorders", *[el(f"w:{side}", val="nil") for side in
                                          ("top", "left", "bottom", "right", "insideH",
                                           "insideV")]))
    tblpr.append(el("w:tblLayout", type="fixed"))
    tblpr.append(el("w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1",
                    lastColumn="0", noHBand="0", noVBand="1"))
    grid = el("w:tblGrid", *[el("w:gridCol", w=width) for width in widths])
    return el("w:tbl", tblpr, grid, *rows)


def _texts(content: str | list[str]) -> list[str]:
    return content if isinstance(content, list) else [content]


def loop_table(columns: list[Column], loop: str, size: float | None = None) -> Element:
    """A table with a header row and one data row repeated by ``{%tr for LOOP %}``
    (its text in *size* points when given)."""
    widths = [column.width for column in columns]
    head = _row(*[_cell(c.width, [para("Tablehead", c.heading, size=size)], HEAD_FILL)
                  for c in columns], header=True)
    first, rest = columns[0], columns[1:]
    opening = _row(_cell(first.width, [para("Tabletext", "{%tr for " + loop + " %}")]),
                   *[_cell(c.width, [para("Tabletext")]) for c in rest])
    data = _row(*[_cell(c.width, [para("Tabletext", text, size=size) for text in _texts(c.cell)])
                  for c in columns])
    closing = _row(_cell(first.width, [para("Tabletext", "{%tr endfor %}")]),
                   *[_cell(c.width, [para("Tabletext")]) for c in rest])
    return _table(widths, [head, opening, data, closing])


def key_table(rows: list[tuple[str, str | list[str]]], widths: tuple[int, int]) -> Element:
    """A two-column table of labels (shaded, left) and values: the facts at a glance."""
    out = [_row(_cell(widths[0], [para("Tablehead", label, align="left")], HEAD_FILL),
                _cell(widths[1], [para("Tabletext", text) for text in _texts(value)]))
           for label, value in rows]
    return _table(list(widths), out)


def matrix_table(first: Column, columns: str, cells: str, rows: str, width: int,
                 total: int) -> Element:
    """A table whose columns loop too (``{%tc for %}``): *first* then one column per item
    of *columns* (its heading ``{{ source }}``), one row per item of *rows*, whose cells
    are the items of *cells* (an expression on ``row``). Once filled, its columns are
    fitted to *total* in the proportion of *first*'s width to *width* (fit_tables)."""
    size = 10  # points: the cells hold proposal numbers side by side

    def looped(header: bool, loop: str, value: str) -> list[Element]:
        fill = HEAD_FILL if header else None
        style = "Tablehead" if header else "Tabletext"
        return [_cell(width, [para(style, "{%tc for " + loop + " %}")], fill),
                _cell(width, [para(style, value, size=size)], fill),
                _cell(width, [para(style, "{%tc endfor %}")], fill)]

    head = _row(_cell(first.width, [para("Tablehead", first.heading, size=size)], HEAD_FILL),
                *looped(True, f"source in {columns}", "{{ source }}"), header=True)
    opening = _row(_cell(first.width, [para("Tabletext", "{%tr for row in " + rows + " %}")]))
    data = _row(_cell(first.width, [para("Tabletext", text, size=size)
                                    for text in _texts(first.cell)]),
                *looped(False, f"cell in {cells}", "{{ cell }}"))
    closing = _row(_cell(first.width, [para("Tabletext", "{%tr endfor %}")]))
    return _table([first.width, width, width, width], [head, opening, data, closing],
                  total=total)


def section_properties(page: dict, landscape: bool = False, footer: str | None = None,
                       header: str | None = None) -> Element:
    """A w:sectPr for the house style's *page* (portrait, or turned to landscape), with
    the given header and footer relationship ids."""
    width, height = page["width"], page["height"]
    top, bottom, left, right = page["top"], page["bottom"], page["left"], page["right"]
    size = el("w:pgSz", w=width, h=height)
    if landscape:
        size = el("w:pgSz", w=height, h=width, orient="landscape")
        top, bottom, left, right = left, right, top, bottom
    sect = el("w:sectPr")
    if header:
        sect.append(el("w:headerReference", type="default", r__id=header))
    if footer:
        sect.append(el("w:footerReference", type="default", r__id=footer))
    sect.append(size)
    sect.append(el("w:pgMar", top=top, right=right, bottom=bottom, left=left,
                   header=page.get("header", 567), footer=page.get("footer", 567), gutter=0))
    return sect


def section_end(sect: Element) -> Element:
    """An empty paragraph closing a section with properties *sect*."""
    return el("w:p", el("w:pPr", sect))


def page_furniture(package: Package, header_text: str) -> tuple[str, str]:
    """A header holding *header_text* (may be a template expression) and a footer with
    the page number; returns their relationship ids."""
    header = add_header(package, [para("Header", header_text)], "itudraft-header1")
    number = el("w:p", el("w:pPr", el("w:pStyle", val="Footer"), el("w:jc", val="center")),
                *field_runs("PAGE", "1"))
    footer = add_header(package, [number], "itudraft-footer1", kind="footer")
    return header, footer
