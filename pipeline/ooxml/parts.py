"""Package-level parts: a header part, content-type overrides, unused header and footer
parts dropped, and the document properties (``docProps/core.xml``)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml.build import Element, root
from pipeline.ooxml.ns import CONTENT_TYPES, NS, REL_TYPES, qn
from pipeline.ooxml.package import Package


@dataclass
class Properties:
    """Document properties shown in Word's File > Info."""

    title: str
    subject: str
    keywords: list[str]
    creator: str
    date: str  # ISO 8601, e.g. 2026-03-01T00:00:00Z: fixed, so builds are repeatable
    description: str = ""


def add_header(package: Package, paragraphs: list[Element], name: str = "itudraft-header1",
               kind: str = "header") -> str:
    """A header (or, with *kind* "footer", a footer) part holding *paragraphs*, named
    ``word/<name>.xml`` and related to the body; returns its relationship id."""
    part = root("w:hdr" if kind == "header" else "w:ftr")
    part.extend(paragraphs)
    target = f"{name}.xml"
    package.set_xml(f"word/{target}", part)
    rid = "rId" + "".join(word.capitalize() for word in name.split("-"))
    rels = package.xml("word/_rels/document.xml.rels")
    for rel in rels.findall(qn("rel:Relationship")):
        if rel.get("Id") == rid:
            rels.remove(rel)
    rels.append(etree.Element(qn("rel:Relationship"), Id=rid, Type=REL_TYPES[kind],
                              Target=target))
    set_override(package, f"/word/{target}", CONTENT_TYPES[kind])
    return rid


#: The children of w:settings that the schema puts after w:evenAndOddHeaders.
_AFTER_EVEN_AND_ODD = {
    "bookFoldRevPrinting", "bookFold", "bookFoldPrinting", "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData",
    "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne",
    "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"}


def even_and_odd_headers(package: Package) -> None:
    """Let even pages have headers and footers of their own (w:evenAndOddHeaders)."""
    settings = package.xml("word/settings.xml")
    if settings.find(qn("w:evenAndOddHeaders")) is not None:
        return
    node = etree.Element(qn("w:evenAndOddHeaders"))
    for child in settings:
        name = etree.QName(child)
        if name.namespace != NS["w"] or name.localname in _AFTER_EVEN_AND_ODD:
            child.addprevious(node)
            return
    settings.append(node)


def set_override(package: Package, part_name: str, content_type: str) -> None:
    """The content type of *part_name* (``/word/x.xml``), replacing any earlier one."""
    types = package.xml("[Content_Types].xml")
    for node in types.findall(qn("ct:Override")):
        if node.get("PartName") == part_name:
            types.remove(node)
    types.append(etree.Element(qn("ct:Override"), PartName=part_name, ContentType=content_type))


def page_parts(package: Package) -> list[str]:
    """The names of the header and footer parts the body refers to, in the order of
    its relationships."""
    rels_part = "word/_rels/document.xml.rels"
    if not package.has(rels_part):
        return []
    return [posixpath.normpath("word/" + rel.get("Target"))
            for rel in package.xml(rels_part).findall(qn("rel:Relationship"))
            if rel.get("Type") in (REL_TYPES["header"], REL_TYPES["footer"])
            and rel.get("TargetMode") != "External"
            and package.has(posixpath.normpath("word/" + rel.get("Target")))]


def drop_unused_headers(package: Package) -> None:
    """Header and footer parts no section refers to (a reference document's own)."""
    rels = package.xml("word/_rels/document.xml.rels")
    document = package.xml("word/document.xml")
    used = {node.get(qn("r:id")) for tag in ("w:headerReference", "w:footerReference")
            for node in document.iter(qn(tag))}
    for rel in rels.findall(qn("rel:Relationship")):
        if rel.get("Type") in (REL_TYPES["header"], REL_TYPES["footer"]) \
                and rel.get("Id") not in used:
            target = "word/" + rel.get("Target")
            rels.remove(rel)
            package.remove(target)
            package.remove(target.replace("word/", "word/_rels/") + ".rels")
            types = package.xml("[Content_Types].xml")
            for node in types.findall(qn("ct:Override")):
                if node.get("PartName") == "/" + target:
                    types.remove(node)


def write_properties(package: Package, props: Properties) -> None:
    """``docProps/core.xml`` from *props*, related from the package."""
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
    set_override(package, "/docProps/core.xml", CONTENT_TYPES["core"])
    rels = package.xml("_rels/.rels")
    if not any(rel.get("Type") == REL_TYPES["core"] for rel in rels):
        rels.append(etree.Element(qn("rel:Relationship"), Id="rIdItudraftCore",
                                  Type=REL_TYPES["core"], Target="docProps/core.xml"))
