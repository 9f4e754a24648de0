"""Small Word documents made from a plain model, and their text read back.

A model is a list of blocks: ``Para(style, runs)`` where runs are
``(text, bold, italic, footnote)`` or ``(text, bold, italic, footnote, wrap)``:
footnote is None or the footnote's text, wrap None or what holds the run (one of
:data:`WRAPS`: a link to the web or to a bookmark, a complex or simple field
whose result is the text, a smart tag, a content control); ``Table(rows)``
with rows of cell texts (``framed``: its cell paragraphs carry the w:framePr of
an older ITU Recommendation's figure). ``docx_bytes`` writes a real
.docx (house style, footnotes part); reading them back is :mod:`tests.wordfile`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from pipeline.render import housestyle
from pipeline.ooxml.build import el, field_runs, root, text_run
from pipeline.ooxml.ns import NS, qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.styles import reference_package

W = NS["w"]
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
LINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
WRAPS = ("link", "anchor", "field", "simple", "smarttag", "sdt")
#: A field type LibreOffice keeps as its result text (it would compute PAGE or DATE).
FIELD = "ADDIN itudraft"


@dataclass
class Para:
    style: str
    runs: list[tuple[str, bool, bool, str | None]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r[0] for r in self.runs)


#: The text frame an older ITU Recommendation puts on a figure's paragraphs.
FIGURE_FRAME = {"hSpace": "181", "wrap": "notBeside", "vAnchor": "text", "hAnchor": "margin",
                "xAlign": "center", "y": "1"}


@dataclass
class Table:
    rows: list[list[str]]
    framed: bool = False


def _run(text: str, bold: bool, italic: bool) -> etree._Element:
    rpr = el("w:rPr")
    if bold:
        rpr.append(el("w:b"))
    if italic:
        rpr.append(el("w:i"))
    return text_run(text, rpr if len(rpr) else None)


def _wrapped(run: etree._Element, wrap: str | None) -> list[etree._Element]:
    """*run* in the container *wrap* names (as it is when None)."""
    if wrap == "link":
        return [el("w:hyperlink", run, r__id="rIdLink")]
    if wrap == "anchor":
        return [el("w:hyperlink", run, anchor="_Ref1")]
    if wrap == "field":
        return field_runs(FIELD, [run])
    if wrap == "simple":
        return [el("w:fldSimple", run, instr=f" {FIELD} ")]
    if wrap == "smarttag":
        return [el("w:smartTag", run, uri="urn:schemas-microsoft-com:office:smarttags",
                   element="place")]
    if wrap == "sdt":
        return [el("w:sdt", el("w:sdtPr", el("w:alias", val="Resolution")),
                   el("w:sdtContent", run))]
    return [run]


def _paragraph(block: Para, notes: list[tuple[int, str]]) -> etree._Element:
    p = el("w:p", el("w:pPr", el("w:pStyle", val=block.style)))
    for text, bold, italic, footnote, *wrap in block.runs:
        p.extend(_wrapped(_run(text, bold, italic), wrap[0] if wrap else None))
        if footnote is not None:
            note_id = len(notes) + 1
            notes.append((note_id, footnote))
            p.append(el("w:r", el("w:rPr", el("w:rStyle", val="FootnoteReference")),
                        el("w:footnoteReference", id=str(note_id))))
    return p


def _table(block: Table) -> etree._Element:
    columns = max(len(r) for r in block.rows)
    tbl = el("w:tbl", el("w:tblPr", el("w:tblStyle", val="TableGrid"),
                         el("w:tblW", w="0", type="auto")),
             el("w:tblGrid", *[el("w:gridCol", w=str(9000 // columns)) for _ in range(columns)]))
    for row in block.rows:
        tr = el("w:tr")
        for cell in row:
            ppr = el("w:pPr", el("w:pStyle", val="Tabletext"))
            if block.framed:
                ppr.append(el("w:framePr", **FIGURE_FRAME))
            tr.append(el("w:tc", el("w:tcPr", el("w:tcW", w=str(9000 // columns), type="dxa")),
                         el("w:p", ppr, text_run(cell))))
        tbl.append(tr)
    return tbl


def docx_bytes(model: list) -> bytes:
    house = housestyle.load()
    package = reference_package(house.document, house.styles)
    notes: list[tuple[int, str]] = []
    body = el("w:body")
    for block in model:
        body.append(_paragraph(block, notes) if isinstance(block, Para) else _table(block))
        if isinstance(block, Table):  # a table is followed by a paragraph, as Word requires
            body.append(el("w:p"))
    if not model or not isinstance(model[-1], Para):
        body.append(el("w:p"))
    body.append(el("w:sectPr", el("w:pgSz", w="11907", h="16840")))
    document = root("w:document")
    document.append(body)
    package.set_xml("word/document.xml", document)
    footnotes = root("w:footnotes")
    footnotes.append(el("w:footnote", el("w:p", el("w:r", el("w:separator"))),
                        type="separator", id="-1"))
    footnotes.append(el("w:footnote", el("w:p", el("w:r", el("w:continuationSeparator"))),
                        type="continuationSeparator", id="0"))
    for note_id, text in notes:
        footnotes.append(el("w:footnote", el("w:p", el("w:pPr", el("w:pStyle", val="FootnoteText")),
                                             text_run(text)), id=str(note_id)))
    package.set_xml("word/footnotes.xml", footnotes)
    rels = package.xml("word/_rels/document.xml.rels")
    etree.SubElement(rels, qn("rel:Relationship"), Id="rIdNotes", Type=FOOTNOTES_REL,
                     Target="footnotes.xml")
    etree.SubElement(rels, qn("rel:Relationship"), Id="rIdLink", Type=LINK_REL,
                     Target="https://www.itu.int/", TargetMode="External")
    types = package.xml("[Content_Types].xml")
    etree.SubElement(types, qn("ct:Override"), PartName="/word/footnotes.xml",
                     ContentType="application/vnd.openxmlformats-officedocument."
                                 "wordprocessingml.footnotes+xml")
    return package.to_bytes()



def docx_from_body(fragment: str) -> bytes:
    """A .docx whose body is the WordprocessingML *fragment* (w: prefix declared for it)."""
    house = housestyle.load()
    package = reference_package(house.document, house.styles)
    body = etree.fromstring(
        f'<w:body xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        f'{fragment}<w:sectPr/></w:body>')
    document = root("w:document")
    document.append(body)
    package.set_xml("word/document.xml", document)
    return package.to_bytes()


def part_changed(data: bytes, name: str, change) -> bytes:
    """The .docx *data* with part *name*'s bytes passed through *change*."""
    package = Package.open(data)
    package.set_raw(name, change(package.raw(name)))
    return package.to_bytes()


def document_changed(data: bytes, change) -> bytes:
    """The .docx *data* with *change* made to its word/document.xml's tree, in place."""
    package = Package.open(data)
    change(package.xml("word/document.xml"))
    return package.to_bytes()
