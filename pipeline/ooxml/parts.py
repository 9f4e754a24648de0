"""Package-level parts: a header part, content-type overrides, unused header and footer
parts dropped, and the document properties (``docProps/core.xml``)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml.build import Element, root
from pipeline.ooxml.ns import CONTENT_TYPES, REL_TYPES, qn
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


def add_header(package: Package, paragraphs: list[Element], rid: str = "rIdItudraftHeader1",
               name: str = "itudraft-header1.xml") -> str:
    """A header part holding *paragraphs*, related to the body as *rid* (returned)."""
    header = root("w:hdr")
    header.extend(paragraphs)
    package.set_xml(f"word/{name}", header)
    rels = package.xml("word/_rels/document.xml.rels")
    for rel in rels.findall(qn("rel:Relationship")):
        if rel.get("Id") == rid:
            rels.remove(rel)
    rels.append(etree.Element(qn("rel:Relationship"), Id=rid, Type=REL_TYPES["header"],
                              Target=name))
    set_override(package, f"/word/{name}", CONTENT_TYPES["header"])
    return rid


def set_override(package: Package, part_name: str, content_type: str) -> None:
    """The content type of *part_name* (``/word/x.xml``), replacing any earlier one."""
    types = package.xml("[Content_Types].xml")
    for node in types.findall(qn("ct:Override")):
        if node.get("PartName") == part_name:
            types.remove(node)
    types.append(etree.Element(qn("ct:Override"), PartName=part_name, ContentType=content_type))


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
