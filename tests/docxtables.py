"""Tables of a .docx as a reader meets them: each with the heading above it and its rows
of cell texts (a cell's paragraphs and line breaks joined by new lines)."""

from __future__ import annotations

from dataclasses import dataclass

from tests.wordfile import NS, Source, _q, part


@dataclass
class Table:
    heading: str  # the text of the last heading paragraph before the table
    rows: list[list[str]]

    def records(self) -> list[dict[str, str]]:
        """The rows after the first, as {column heading: cell text}."""
        head = self.rows[0]
        return [dict(zip(head, row)) for row in self.rows[1:]]


def _cell_text(cell) -> str:
    lines = []
    for p in cell.findall("w:p", NS):
        text = "".join("\n" if node.tag == _q("br") else "\t" if node.tag == _q("tab")
                       else node.text or "" for node in p.iter(_q("t"), _q("br"), _q("tab")))
        lines.append(text)
    return "\n".join(line for line in lines if line)


def tables(source: Source) -> list[Table]:
    """Every top-level table of the body, in order."""
    body = part(source, "word/document.xml").find("w:body", NS)
    out, heading = [], ""
    for child in body:
        if child.tag == _q("p"):
            style = child.find("w:pPr/w:pStyle", NS)
            if style is not None and style.get(_q("val")).startswith(("Heading", "Heading_")):
                heading = "".join(t.text or "" for t in child.iter(_q("t")))
        elif child.tag == _q("tbl"):
            rows = [[_cell_text(cell) for cell in row.findall("w:tc", NS)]
                    for row in child.findall("w:tr", NS)]
            out.append(Table(heading, rows))
    return out
