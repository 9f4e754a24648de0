"""Resolutions in ITU layout: a Resolution source into Markdown with ITU styles,
and any number of such pieces into one finished .docx.

    Resolution (sources.resolution) -> Markdown pieces with custom styles
    -> one pandoc parse -> placeholders resolved in the AST -> pandoc .docx
    -> OOXML finishing (styles, TABs, header, sections, properties)

Typed TABs do not survive pandoc's Markdown reader, so the pieces carry a
private-use placeholder where a TAB goes (after an item's marker) and another
at the start of every paragraph, which keeps a paragraph such as "1 that" or
"- a)" from being read as a Markdown list. Both are resolved in the AST.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

import panflute as pf

from pipeline import housestyle, pandoc
from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.finish import Layout, Properties, finish
from pipeline.ooxml.build import el
from pipeline.ooxml.fragments import page_break, raw_block
from pipeline.ooxml.ns import NS, qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.schema import insert_ordered
from pipeline.ooxml.toc import toc_blocks
from pipeline.sources.resolution import RESERVED_NOTE, Block, Resolution
from pipeline.transforms import TocEntry

TAB = "\ue000"
GUARD = "\ue001"
_FOOTNOTE_REF = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")
NBSP = "\u00a0"


_SPECIAL = re.compile(r"([\\*_`\[\]<>~^@&$])")


def escape_markdown(text: str) -> str:
    """*text* as literal Markdown: every character pandoc could read as markup escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def styled_paragraph(style: str | None, text: str) -> str:
    """One paragraph of *text* in the ITU style named *style* (None: Normal)."""
    text = GUARD + text
    if style is None or style == "Normal":
        return text + "\n"
    return f'::: {{custom-style="{style}"}}\n{text}\n:::\n'


def _tabbed(marker: str, text: str) -> str:
    return f"{marker}{TAB}{text}" if marker else text


def _inline(text: str) -> str:
    return text.replace("\t", TAB)


def resolution_markdown(res: Resolution, notes: str = "n") -> str:
    """The Resolution as Markdown paragraphs in ITU styles. Footnote labels get the
    prefix *notes*, so several Resolutions can share one document."""
    pieces = [styled_paragraph("Res_No", res.number_line),
              styled_paragraph("Res_title", res.title)]
    history = "(" + "; ".join(res.editions) + ")"
    history += "".join(f"[^{RESERVED_NOTE}{index}]"
                       for index in range(1, len(res.history_notes) + 1))
    pieces.append(styled_paragraph("Res_ref", history))
    pieces.append(styled_paragraph("Normal_after_title", f"The {res.body_name} ({res.assembly}),"))
    for block in res.blocks:
        pieces.append(_block_markdown(res, block))
    for index, note in enumerate(res.history_notes, start=1):
        pieces.append(f"[^{RESERVED_NOTE}{index}]: {note}\n")
    pieces.extend(note + "\n" for note in res.footnotes)
    text = "\n".join(pieces)
    return _FOOTNOTE_REF.sub(lambda m: f"[^{notes}-{m.group(1)}]", text)


def _block_markdown(res: Resolution, block: Block) -> str:
    text = _inline(block.text)
    kind = block.kind
    if kind == "call":
        return styled_paragraph("Call", block.text)
    if kind == "item" and block.marker[:1].isalpha():
        # lettered items: the letter in italics, as ITU sets a), b)bis
        return styled_paragraph(block.style or None, _tabbed(f"*{block.marker}*", text))
    if kind in ("item", "clause"):
        return styled_paragraph(block.style or None, _tabbed(block.marker, text))
    if kind == "para":
        return styled_paragraph(block.style or None, text)
    if kind == "heading":
        return styled_paragraph(f"heading {block.level}", _tabbed(block.marker, text))
    if kind == "section":
        out = styled_paragraph("Section_No", f"{block.text} {block.marker}".replace(" ", NBSP, 1))
        return out + ("\n" + styled_paragraph("Section_title", block.title) if block.title else "")
    if kind in ("annex", "appendix"):
        name = "Annex" if kind == "annex" else "Appendix"
        out = PAGE_BREAK + "\n" + styled_paragraph(f"{name}_No", f"{block.text} {block.marker}")
        out += "\n" + styled_paragraph(f"{name}_ref", f"(to {res.short_title})")
        return out + ("\n" + styled_paragraph(f"{name}_title", block.title) if block.title else "")
    if kind == "enum":
        return styled_paragraph(f"enumlev{block.level}",
                                _tabbed(block.marker, text) if block.marker else TAB + text)
    if kind == "note":
        return styled_paragraph("Note", text)
    if kind == "image":
        source = (res.path.parent / block.title)
        if not source.is_file():
            raise PipelineError(Category.IMAGE, f"no such image '{block.title}'",
                                Location(str(res.path), block.line))
        return styled_paragraph("Figure", text.replace(f"]({block.title})",
                                                       f"]({source.resolve()})", 1))
    if kind == "caption":
        style = "Figure_NoTitle" if text.startswith("Figure") else "Table_NoTitle"
        return styled_paragraph(style, text)
    if kind == "styled":
        return styled_paragraph(block.style, text)
    if kind == "table":
        return block.text + "\n"
    raise AssertionError(kind)


# -- one document from Markdown pieces -----------------------------------------

@dataclass
class Document:
    """A document assembled from Markdown pieces: what finishing needs to know."""

    pieces: list[str]
    origin: Path
    properties: Properties
    header: list[str]
    cover: list = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    #: page numbering of each section after the cover (a SECTION_BREAK piece starts one)
    numbering: list[str] = field(default_factory=lambda: ["decimal"])
    tables: dict[str, pf.Table] = field(default_factory=dict)  # TABLE_PLACE name -> table


PAGE_BREAK = "::: itudraft-pagebreak\n:::\n"
TOC_PLACE = "::: itudraft-toc\n:::\n"
SECTION_BREAK = "::: itudraft-sectionbreak\n:::\n"


def table_place(name: str) -> str:
    """Where the table *name* of :attr:`Document.tables` goes."""
    return f"::: {{.itudraft-table name={name}}}\n:::\n"


def _resolve_placeholders(doc: pf.Doc, document: "Document") -> None:
    def action(elem, _doc):
        if isinstance(elem, pf.Str) and (TAB in elem.text or GUARD in elem.text):
            text = elem.text.replace(GUARD, "").replace(TAB, "\t")
            return pf.Str(text) if text else []
        if isinstance(elem, pf.Div) and "itudraft-pagebreak" in elem.classes:
            return page_break()
        if isinstance(elem, pf.Div) and "itudraft-toc" in elem.classes:
            return pf.Div(*[raw_block(node) for node in toc_blocks(document.toc, depth=1)])
        if isinstance(elem, pf.Div) and "itudraft-sectionbreak" in elem.classes:
            return raw_block(el("w:p", el("w:pPr", el("w:sectPr"))))
        if isinstance(elem, pf.Div) and "itudraft-table" in elem.classes:
            return document.tables[elem.attributes["name"]]
        return None

    doc.walk(action)


def _edition_case(document) -> None:
    """The number line is in capitals except its edition: "RESOLUTION 1 (Rev. Hammamet, 2016)",
    as ITU sets it (the Res_No style has caps; the edition's runs turn them off)."""
    for p in document.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or style.get(qn("w:val")) != "ResNo":
            continue
        inside = False
        for run in list(p.iter(qn("w:r"))):
            text = run.find(qn("w:t"))
            if text is None:
                continue
            if inside:
                _run_property(run, "w:caps", "0")
            elif "(" in (text.text or ""):
                inside = True
                head, tail = text.text.split("(", 1)
                text.text = head + "("
                if tail:
                    rest = copy.deepcopy(run)
                    rest.find(qn("w:t")).text = tail
                    run.addnext(rest)
                    _run_property(rest, "w:caps", "0")


def _picture_names(document) -> None:
    """Pandoc names a picture after the path it was given, here an absolute one. A path
    is no description: drop it, so the bytes do not depend on the checkout's folder and
    the same picture reads the same on both sides of a MOD wherever its file lives."""
    for node in document.iter(f"{{{NS['wp']}}}docPr", f"{{{NS['pic']}}}cNvPr"):
        for attribute in ("descr", "title"):
            if node.get(attribute) and Path(node.get(attribute)).suffix:
                del node.attrib[attribute]
        if Path(node.get("name", "")).suffix:
            node.set("name", "Picture")


def _upright_note_marks(document) -> None:
    """Footnote marks on the history line stand upright, as in the published texts
    (the Res_ref style is italic)."""
    for p in document.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or style.get(qn("w:val")) != "Resref":
            continue
        for reference in p.iter(qn("w:footnoteReference")):
            _run_property(reference.getparent(), "w:i", "0")


def _run_property(run, tag: str, value: str) -> None:
    """Set run property *tag* (e.g. ``w:caps``) to *value* on *run*, in schema order."""
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = el("w:rPr")
        run.insert(0, rpr)
    insert_ordered(rpr, el(tag, val=value))


def render(document: Document, reference: Path | None = None) -> bytes:
    """The finished .docx of *document*."""
    reference = reference or housestyle.REFERENCE
    house = housestyle.load()
    reference_ids = {node.get(qn("w:styleId")) for node in
                     Package.open(reference).xml("word/styles.xml").iter(qn("w:style"))}
    # -smart: quotes, dashes and dots stay as typed, as in the texts in force
    doc = pandoc.parse_markdown("\n".join(document.pieces), document.origin, "-smart")
    _resolve_placeholders(doc, document)
    package = Package.open(pandoc.write_docx(doc, reference, [document.origin.parent]))
    _edition_case(package.xml("word/document.xml"))
    _picture_names(package.xml("word/document.xml"))
    _upright_note_marks(package.xml("word/document.xml"))
    layout = Layout(header_lines=document.header, section_numbering=document.numbering)
    finish(package, house.styles, reference_ids, document.properties, layout,
           cover=document.cover or None)
    return package.to_bytes()


def assembly_year(res: Resolution) -> int:
    return int(res.assembly.rsplit(", ", 1)[1])


def resolution_document(res: Resolution) -> Document:
    """A Resolution on its own, as ``itudraft render`` writes it."""
    kind = "Draft new Resolution" if res.is_new else "Resolution"
    return Document(
        pieces=[resolution_markdown(res)], origin=res.path,
        properties=Properties(title=f"{res.short_title}: {res.plain_title}",
                              subject=res.plain_title,
                              keywords=["WTSA", "Resolution"], creator="ITU-T",
                              date=f"{assembly_year(res):04d}-01-01T00:00:00Z"),
        header=[f"{kind} {res.number}"])
