"""A cover page from a plain description: lines of text, optionally in two columns.

Cover lines are laid out with direct formatting over ITU paragraph styles,
as ITU's own covers are; the description lives in ``templates/``.
"""

from __future__ import annotations

from typing import Any, Callable

from pipeline.ooxml.build import Element, el, text_run
from pipeline.ooxml.schema import insert_ordered


def _line(spec: dict[str, Any], font: str) -> Element:
    ppr = el("w:pPr", el("w:pStyle", val=spec.get("style", "Normal")))
    insert_ordered(ppr, el("w:spacing", before=int(spec.get("before", 0) * 20), after="0"))
    insert_ordered(ppr, el("w:jc", val=spec.get("align", "left")))
    if spec.get("border") == "bottom":
        insert_ordered(ppr, el("w:pBdr", el("w:bottom", val="single", sz="6", space="4",
                                             color="auto")))
    rpr = el("w:rPr", el("w:rFonts", ascii=spec.get("font", font), hAnsi=spec.get("font", font),
                         cs=spec.get("font", font)))
    if spec.get("bold"):
        insert_ordered(rpr, el("w:b"))
    if spec.get("color"):
        insert_ordered(rpr, el("w:color", val=spec["color"]))
    if spec.get("spacing"):
        insert_ordered(rpr, el("w:spacing", val=int(spec["spacing"] * 20)))
    size = str(int(spec.get("size", 12) * 2))
    insert_ordered(rpr, el("w:sz", val=size))
    insert_ordered(rpr, el("w:szCs", val=size))
    return el("w:p", ppr, text_run(spec["text"], rpr))


def _columns(spec: dict[str, Any], font: str, width: int) -> Element:
    """A borderless two-cell table holding two stacks of lines."""
    half = width // 2
    borders = el("w:tblBorders", *[el(f"w:{side}", val="nil") for side in
                                   ("top", "left", "bottom", "right", "insideH", "insideV")])
    table = el("w:tbl", el("w:tblPr", el("w:tblW", w=width, type="dxa"), borders,
                           el("w:tblLayout", type="fixed"),
                           el("w:tblLook", val="0000", firstRow="0", lastRow="0",
                              firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")),
               el("w:tblGrid", el("w:gridCol", w=half), el("w:gridCol", w=width - half)))
    row = el("w:tr")
    for side, cell_width in (("left", half), ("right", width - half)):
        cell = el("w:tc", el("w:tcPr", el("w:tcW", w=cell_width, type="dxa")))
        for line in spec[side]:
            cell.append(_line(line, font))
        row.append(cell)
    table.append(row)
    return table


def cover_elements(description: dict[str, Any], text_width: int) -> list[Element]:
    """The body elements of a cover page described by *description* (already filled in)."""
    font = description.get("font", "Arial")
    out = []
    for block in description["blocks"]:
        if "columns" in block:
            out.append(_columns(block["columns"], font, text_width))
        else:
            out.append(_line(block, font))
    return out


def fill(description: dict[str, Any], render: Callable[[str], str]) -> dict[str, Any]:
    """*description* with every line's text passed through *render* (a template engine)."""
    def line(spec: dict[str, Any]) -> dict[str, Any]:
        return {**spec, "text": render(spec["text"])}

    blocks = []
    for block in description["blocks"]:
        if "columns" in block:
            blocks.append({**block, "columns": {side: [line(item) for item in items]
                                                for side, items in block["columns"].items()}})
        else:
            blocks.append(line(block))
    return {**description, "blocks": blocks}
