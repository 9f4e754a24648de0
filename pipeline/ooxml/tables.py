"""Tables whose columns a template multiplied: grids fitted back to the table's width."""

from __future__ import annotations

from pipeline.ooxml.build import Element, el
from pipeline.ooxml.ns import qn


def _width(node: Element | None) -> int | None:
    if node is None or node.get(qn("w:type"), "dxa") != "dxa":
        return None
    value = node.get(qn("w:w"))
    return int(value) if value and value.isdigit() else None


def fit_tables(root: Element) -> int:
    """Every table of *root* whose cells no longer add up to its width (``w:tblW`` in
    twips) gets its columns scaled to that width, in proportion to the cells' own
    widths (``w:tcW``), and a grid to match. Tables with merged cells, or whose width
    is not in twips, are left alone. Returns how many tables were fitted."""
    fitted = 0
    for table in root.iter(qn("w:tbl")):
        total = _width(table.find(f"{qn('w:tblPr')}/{qn('w:tblW')}"))
        rows = table.findall(qn("w:tr"))
        if total is None or not rows or table.find(f".//{qn('w:gridSpan')}") is not None:
            continue
        widest = max(rows, key=lambda row: len(row.findall(qn("w:tc"))))
        cells = widest.findall(qn("w:tc"))
        widths = [_width(cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")) for cell in cells]
        grid = table.find(qn("w:tblGrid"))
        if None in widths or grid is None or \
                (sum(widths) == total and len(grid) == len(widths)):
            continue
        scaled = [width * total // sum(widths) for width in widths]
        scaled[-1] += total - sum(scaled)
        for column in list(grid):
            grid.remove(column)
        grid.extend(el("w:gridCol", w=width) for width in scaled)
        for row in rows:
            row_cells = row.findall(qn("w:tc"))
            if len(row_cells) == len(scaled):
                for cell, width in zip(row_cells, scaled):
                    cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").set(qn("w:w"), str(width))
        fitted += 1
    return fitted
