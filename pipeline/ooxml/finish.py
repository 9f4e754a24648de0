"""Finishing a pandoc-written .docx into an ITU document.

Pandoc writes its own paragraph styles (Body Text, First Paragraph, Compact,
...), literal TABs inside ``w:t`` and one section. This stage maps every
paragraph to an ITU style, turns TABs into ``w:tab``, fills the section
breaks with page set-up, page numbering and headers, inserts the cover page,
and writes the document properties. It works on any reference document:
styles the output uses but the reference lacks are copied from the house style.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from pipeline.ooxml.build import el, field_runs, paragraph, root, text_nodes, text_run
from pipeline.ooxml.ns import CONTENT_TYPES, NS, REL_TYPES, qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.schema import insert_ordered, set_child
from pipeline.ooxml.styles import style_element

#: Pandoc's own paragraph styles and the ITU style each becomes (None: Normal).
PANDOC_PARAGRAPHS = {"BodyText": None, "FirstParagraph": None, "Compact": None,
                     "BlockText": None, "Definition": None, "DefinitionTerm": None,
                     "TableCaption": "TableNoTitle", "ImageCaption": "FigureNoTitle",
                     "CaptionedFigure": "Figure", "Caption": None, "Abstract": None,
                     "FootnoteBlockText": None}
PANDOC_TABLE_STYLES = {"Table"}
#: Bookmarks of headings are named TocNNNN in the AST (pandoc drops names that
#: start with "_") and renamed _TocNNNN here, hidden as Word's own are.
TOC_BOOKMARK = "Toc"

_W = NS["w"]


@dataclass
class Properties:
    """Document properties shown in Word's File > Info."""

    title: str
    subject: str
    keywords: list[str]
    creator: str
    date: str  # ISO 8601, e.g. 2026-03-01T00:00:00Z: fixed, so builds are repeatable
    description: str = ""


@dataclass
class Layout:
    """Page furniture: the header text and how each section numbers its pages."""

    header_lines: list[str]
    #: page number format of the sections after the cover, in order (lowerRoman, decimal)
    section_numbering: list[str] = field(default_factory=lambda: ["lowerRoman", "decimal"])


def finish(package: Package, house_styles: list[dict], reference_ids: set[str],
           properties: Properties, layout: Layout,
           cover: list[etree._Element] | None = None) -> None:
    """Turn pandoc's output in *package* into the finished ITU document, in place."""
    body = package.xml("word/document.xml").find(qn("w:body"))
    _map_styles(package, {style["name"]: style["id"] for style in house_styles}, reference_ids)
    _split_tabs(package)
    _hide_toc_bookmarks(package.xml("word/document.xml"))
    _ensure_styles(package, house_styles, reference_ids)
    header_rid = _write_header(package, layout.header_lines)
    if cover:
        for index, node in enumerate(cover):
            body.insert(index, node)
        body.insert(len(cover), el("w:p", el("w:pPr", el("w:sectPr"))))
    _fill_sections(body, header_rid, layout, has_cover=bool(cover))
    _drop_unused_parts(package)
    _write_properties(package, properties)


def _paragraph_parts(package: Package) -> list[etree._Element]:
    names = ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml"]
    return [package.xml(name) for name in names if package.has(name)]


def _map_styles(package: Package, house_names: dict[str, str], reference_ids: set[str]) -> None:
    """Pandoc's styles to ITU ones; a house style the reference lacks gets its ITU id back
    (pandoc names a style it has to invent after its name, e.g. Appendix_No)."""
    for part in _paragraph_parts(package):
        for ppr_style in part.iter(qn("w:pStyle")):
            value = ppr_style.get(qn("w:val"))
            if value not in reference_ids and value in house_names:
                ppr_style.set(qn("w:val"), house_names[value])
            elif value in PANDOC_PARAGRAPHS:
                target = PANDOC_PARAGRAPHS[value]
                if target:
                    ppr_style.set(qn("w:val"), target)
                else:
                    ppr_style.getparent().remove(ppr_style)
        for table_style in part.iter(qn("w:tblStyle")):
            if table_style.get(qn("w:val")) in PANDOC_TABLE_STYLES:
                table_style.set(qn("w:val"), "TableGrid")
        for table in part.iter(qn("w:tbl")):
            _style_table(table)


def _style_table(table: etree._Element) -> None:
    """Cell paragraphs without an ITU style: header rows Table_head, others Table_text."""
    rows = table.findall(qn("w:tr"))
    for row in rows:
        header = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        for p in row.iter(qn("w:p")):
            ppr = p.find(qn("w:pPr"))
            if ppr is None:
                ppr = el("w:pPr")
                p.insert(0, ppr)
            if ppr.find(qn("w:pStyle")) is None:
                insert_ordered(ppr, el("w:pStyle", val="Tablehead" if header else "Tabletext"))


def _split_tabs(package: Package) -> None:
    """Literal TABs in ``w:t`` become ``w:tab`` elements, as Word writes them."""
    for part in _paragraph_parts(package):
        for t in list(part.iter(qn("w:t"))):
            if "\t" not in (t.text or ""):
                continue
            run = t.getparent()
            position = list(run).index(t)
            run.remove(t)
            for offset, node in enumerate(text_nodes(t.text)):
                run.insert(position + offset, node)


def hidden_bookmark(name: str) -> str:
    """The name a heading bookmark has in the finished file."""
    return "_" + name


def _hide_toc_bookmarks(document: etree._Element) -> None:
    """Rename TocNNNN to _TocNNNN in bookmarks, TOC links and PAGEREF instructions."""
    pattern = re.compile(rf"\b({TOC_BOOKMARK}\d{{4}})\b")
    for node in document.iter(qn("w:bookmarkStart")):
        if pattern.fullmatch(node.get(qn("w:name"), "")):
            node.set(qn("w:name"), hidden_bookmark(node.get(qn("w:name"))))
    for node in document.iter(qn("w:hyperlink")):
        if pattern.fullmatch(node.get(qn("w:anchor"), "")):
            node.set(qn("w:anchor"), hidden_bookmark(node.get(qn("w:anchor"))))
    for node in document.iter(qn("w:instrText")):
        node.text = pattern.sub(r"_\1", node.text or "")


def _used_styles(package: Package) -> set[str]:
    used: set[str] = set()
    for part in _paragraph_parts(package):
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(node.get(qn("w:val")) for node in part.iter(qn(tag)))
    return used


def _ensure_styles(package: Package, house_styles: list[dict], reference_ids: set[str]) -> None:
    """Keep the reference's styles, add house styles the text uses, drop pandoc's own.

    A style pandoc wrote itself (its defaults, or one it invented for a name
    the reference lacks) goes; if the text uses it, the house definition of
    that ITU style takes its place, with the styles it is based on.
    """
    styles = package.xml("word/styles.xml")
    house = {style["id"]: style for style in house_styles}
    present: dict[str, etree._Element] = {}
    for node in styles.findall(qn("w:style")):
        if node.get(qn("w:styleId")) in reference_ids:
            present[node.get(qn("w:styleId"))] = node
        else:
            styles.remove(node)
    wanted = list(_used_styles(package))
    while wanted:
        sid = wanted.pop()
        if sid in present or sid not in house:
            continue
        present[sid] = style_element(house[sid])
        styles.append(present[sid])
        if house[sid].get("based_on"):
            wanted.append(house[sid]["based_on"])


def _write_header(package: Package, lines: list[str]) -> str:
    """A header part: a centred page number, then the document identifier."""
    header = root("w:hdr")
    header.append(paragraph("Header", text_run("- "), *field_runs("PAGE", "1"), text_run(" -")))
    for line in lines:
        header.append(paragraph("Header", text_run(line)))
    name = "word/itudraft-header1.xml"
    package.set_xml(name, header)
    rels = package.xml("word/_rels/document.xml.rels")
    rid = "rIdItudraftHeader1"
    for rel in rels.findall(qn("rel:Relationship")):
        if rel.get("Id") == rid:
            rels.remove(rel)
    rels.append(etree.Element(qn("rel:Relationship"), Id=rid, Type=REL_TYPES["header"],
                              Target="itudraft-header1.xml"))
    _override(package, "/" + name, CONTENT_TYPES["header"])
    return rid


def _override(package: Package, part_name: str, content_type: str) -> None:
    types = package.xml("[Content_Types].xml")
    for node in types.findall(qn("ct:Override")):
        if node.get("PartName") == part_name:
            types.remove(node)
    types.append(etree.Element(qn("ct:Override"), PartName=part_name, ContentType=content_type))


def _fill_sections(body: etree._Element, header_rid: str, layout: Layout,
                   has_cover: bool) -> None:
    """Give every section the final section's page set-up, plus its header and numbering."""
    final = body.find(qn("w:sectPr"))
    for old in final.findall(qn("w:headerReference")) + final.findall(qn("w:footerReference")):
        final.remove(old)
    for old in final.findall(qn("w:titlePg")):
        final.remove(old)
    breaks = [ppr.find(qn("w:sectPr")) for ppr in body.iter(qn("w:pPr"))
              if ppr.find(qn("w:sectPr")) is not None]
    sections = breaks + [final]
    numbering = list(layout.section_numbering)
    for index, sect in enumerate(sections):
        is_cover = has_cover and index == 0
        if sect is not final:
            for child in list(sect):
                sect.remove(child)
            for child in final:
                sect.append(copy.deepcopy(child))
            set_child(sect, "w:type", val="nextPage")
        if is_cover:
            continue
        insert_ordered(sect, el("w:headerReference", type="default", r__id=header_rid))
        fmt = numbering.pop(0) if numbering else "decimal"
        set_child(sect, "w:pgNumType", fmt=fmt, start="1")


def _drop_unused_parts(package: Package) -> None:
    """Headers and footers that came with the reference document but no section uses."""
    rels = package.xml("word/_rels/document.xml.rels")
    document = package.xml("word/document.xml")
    used = {node.get(qn("r:id")) for tag in ("w:headerReference", "w:footerReference")
            for node in document.iter(qn(tag))}
    for rel in rels.findall(qn("rel:Relationship")):
        if rel.get("Type") in (REL_TYPES["header"], REL_TYPES["footer"]) and rel.get("Id") not in used:
            target = "word/" + rel.get("Target")
            rels.remove(rel)
            package.remove(target)
            package.remove(target.replace("word/", "word/_rels/") + ".rels")
            types = package.xml("[Content_Types].xml")
            for node in types.findall(qn("ct:Override")):
                if node.get("PartName") == "/" + target:
                    types.remove(node)


def _write_properties(package: Package, props: Properties) -> None:
    core = root("cp:coreProperties", "cp", "dc", "dcterms", "xsi")
    for tag, value in (("dc:title", props.title), ("dc:subject", props.subject),
                       ("dc:creator", props.creator), ("cp:keywords", ", ".join(props.keywords)),
                       ("dc:description", props.description),
                       ("cp:lastModifiedBy", props.creator)):
        node = etree.SubElement(core, qn(tag))
        node.text = value
    for tag in ("dcterms:created", "dcterms:modified"):
        node = etree.SubElement(core, qn(tag))
        node.set(qn("xsi:type"), "dcterms:W3CDTF")
        node.text = props.date
    package.set_xml("docProps/core.xml", core)
    _override(package, "/docProps/core.xml", CONTENT_TYPES["core"])
    rels = package.xml("_rels/.rels")
    if not any(rel.get("Type") == REL_TYPES["core"] for rel in rels):
        rels.append(etree.Element(qn("rel:Relationship"), Id="rIdItudraftCore",
                                  Type=REL_TYPES["core"], Target="docProps/core.xml"))
