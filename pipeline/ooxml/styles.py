"""styles.xml and the reference package, written from the house style definition."""

from __future__ import annotations

from typing import Any

from lxml import etree

from pipeline.ooxml.build import el, root
from pipeline.ooxml.ns import CONTENT_TYPES, NS, REL_TYPES, qn
from pipeline.ooxml.package import Package, serialize_xml
from pipeline.ooxml.schema import insert_ordered

_DEFAULT_IDS = {"paragraph": "Normal", "character": "DefaultParagraphFont", "table": "TableNormal"}


def _twips(points: float) -> str:
    return str(int(round(points * 20)))


def _ppr(style: dict[str, Any]) -> etree._Element | None:
    ppr = el("w:pPr")
    if style.get("keep_next"):
        insert_ordered(ppr, el("w:keepNext"))
    if style.get("keep_lines"):
        insert_ordered(ppr, el("w:keepLines"))
    if style.get("tabs"):
        insert_ordered(ppr, tabs_element(style["tabs"]))
    spacing = {}
    if "before" in style:
        spacing["before"] = _twips(style["before"])
    if "after" in style:
        spacing["after"] = _twips(style["after"])
    if "line" in style:
        spacing.update(line=_twips(style["line"]), lineRule="exact")
    if spacing:
        insert_ordered(ppr, el("w:spacing", **spacing))
    if "indent" in style:
        insert_ordered(ppr, el("w:ind", **{k: str(v) for k, v in style["indent"].items()}))
    if "align" in style:
        insert_ordered(ppr, el("w:jc", val=style["align"]))
    if "outline" in style:
        insert_ordered(ppr, el("w:outlineLvl", val=str(style["outline"])))
    return ppr if len(ppr) else None


def tabs_element(tabs: list) -> etree._Element:
    """A ``w:tabs`` of *tabs* (positions, or {pos, align, leader})."""
    node = el("w:tabs")
    for tab in tabs:
        tab = {"pos": tab} if isinstance(tab, int) else tab
        attrs = {"val": tab.get("align", "left"), "pos": str(tab["pos"])}
        if tab.get("leader"):
            attrs = {"val": attrs["val"], "leader": tab["leader"], "pos": attrs["pos"]}
        node.append(el("w:tab", **attrs))
    return node


def _rpr(style: dict[str, Any]) -> etree._Element | None:
    rpr = el("w:rPr")
    if "font" in style:
        font = style["font"]
        insert_ordered(rpr, el("w:rFonts", ascii=font, hAnsi=font, cs=font))
    for key, tag in (("bold", "w:b"), ("italic", "w:i"), ("caps", "w:caps")):
        if key in style:
            insert_ordered(rpr, el(tag) if style[key] else el(tag, val="0"))
    if style.get("hidden"):
        insert_ordered(rpr, el("w:vanish"))
    if "color" in style:
        insert_ordered(rpr, el("w:color", val=style["color"]))
    if "size" in style:
        half = str(int(round(style["size"] * 2)))
        insert_ordered(rpr, el("w:sz", val=half))
        insert_ordered(rpr, el("w:szCs", val=half))
    if style.get("underline"):
        insert_ordered(rpr, el("w:u", val="single"))
    if style.get("superscript"):
        insert_ordered(rpr, el("w:vertAlign", val="superscript"))
    return rpr if len(rpr) else None


def _tblpr(style: dict[str, Any]) -> etree._Element:
    tblpr = el("w:tblPr", el("w:tblInd", w="0", type="dxa"))
    if "borders" in style:
        size = str(style["borders"])
        borders = el("w:tblBorders", *[el(f"w:{side}", val="single", sz=size, space="0",
                                          color="auto")
                                       for side in ("top", "left", "bottom", "right",
                                                    "insideH", "insideV")])
        tblpr.append(borders)
    tblpr.append(el("w:tblCellMar",
                    el("w:top", w="0", type="dxa"), el("w:left", w="108", type="dxa"),
                    el("w:bottom", w="0", type="dxa"), el("w:right", w="108", type="dxa")))
    return tblpr


def style_element(style: dict[str, Any]) -> etree._Element:
    """One ``w:style`` from a house-style entry."""
    kind = style.get("type", "paragraph")
    node = el("w:style", type=kind, styleId=style["id"])
    if _DEFAULT_IDS[kind] == style["id"]:
        node.set(qn("w:default"), "1")
    node.append(el("w:name", val=style["name"]))
    if "based_on" in style:
        node.append(el("w:basedOn", val=style["based_on"]))
    if "next" in style:
        node.append(el("w:next", val=style["next"]))
    if kind == "paragraph":
        node.append(el("w:qFormat"))
        for part in (_ppr(style), _rpr(style)):
            if part is not None:
                node.append(part)
    elif kind == "character":
        rpr = _rpr(style)
        if rpr is not None:
            node.append(rpr)
    else:
        node.append(_tblpr(style))
    return node


def styles_part(document: dict[str, Any], styles: list[dict[str, Any]]) -> etree._Element:
    """The whole ``w:styles`` part: document defaults, then every style in order."""
    font = document["font"]
    half = str(int(round(document["size"] * 2)))
    part = root("w:styles")
    part.append(el("w:docDefaults",
                   el("w:rPrDefault", el("w:rPr",
                                         el("w:rFonts", ascii=font, eastAsia=font, hAnsi=font,
                                            cs=font),
                                         el("w:sz", val=half), el("w:szCs", val=half),
                                         el("w:lang", val=document["language"],
                                            eastAsia="zh-CN", bidi="ar-SA"))),
                   el("w:pPrDefault")))
    for style in styles:
        part.append(style_element(style))
    return part


def section_properties(page: dict[str, int]) -> etree._Element:
    """A ``w:sectPr`` with the page size and margins of the house style."""
    return el("w:sectPr",
              el("w:pgSz", w=page["width"], h=page["height"]),
              el("w:pgMar", top=page["top"], right=page["right"], bottom=page["bottom"],
                 left=page["left"], header=page.get("header", 567),
                 footer=page.get("footer", 567), gutter=0),
              el("w:cols", space="720"))


def reference_package(document: dict[str, Any], styles: list[dict[str, Any]]) -> Package:
    """A minimal, valid .docx carrying the house style, for pandoc's --reference-doc."""
    body = el("w:body", el("w:p"), section_properties(document["page"]))
    doc = root("w:document")
    doc.append(body)
    settings = root("w:settings")
    settings.append(el("w:defaultTabStop", val=str(document["default_tab"])))
    settings.append(el("w:characterSpacingControl", val="doNotCompress"))
    settings.append(el("w:compat", el("w:compatSetting", name="compatibilityMode",
                                      uri="http://schemas.microsoft.com/office/word",
                                      val="15")))
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _rels([("rId1", REL_TYPES["document"], "word/document.xml")]),
        "word/_rels/document.xml.rels": _rels([("rId1", REL_TYPES["styles"], "styles.xml"),
                                               ("rId2", REL_TYPES["settings"], "settings.xml")]),
        "word/document.xml": serialize_xml(doc),
        "word/styles.xml": serialize_xml(styles_part(document, styles)),
        "word/settings.xml": serialize_xml(settings),
    }
    return Package(parts, "<reference>")


def _content_types() -> bytes:
    types = etree.Element(qn("ct:Types"), nsmap={None: NS["ct"]})
    types.append(etree.Element(qn("ct:Default"), Extension="rels",
                               ContentType=CONTENT_TYPES["rels"]))
    types.append(etree.Element(qn("ct:Default"), Extension="xml",
                               ContentType=CONTENT_TYPES["xml"]))
    for part, kind in (("/word/document.xml", "document"), ("/word/styles.xml", "styles"),
                       ("/word/settings.xml", "settings")):
        types.append(etree.Element(qn("ct:Override"), PartName=part,
                                   ContentType=CONTENT_TYPES[kind]))
    return serialize_xml(types)


def _rels(entries: list[tuple[str, str, str]]) -> bytes:
    rels = etree.Element(qn("rel:Relationships"), nsmap={None: NS["rel"]})
    for rid, kind, target in entries:
        rels.append(etree.Element(qn("rel:Relationship"), Id=rid, Type=kind, Target=target))
    return serialize_xml(rels)


def style_ids(package: Package) -> set[str]:
    """The ids of the styles *package* defines."""
    return {node.get(qn("w:styleId")) for node in package.xml("word/styles.xml").iter(qn("w:style"))}


def used_styles(package: Package) -> set[str]:
    """The paragraph, character and table style ids the text of *package* uses (body,
    notes, headers and footers)."""
    used: set[str] = set()
    for name in package.names():
        if name.startswith("word/") and name.endswith(".xml") and name.count("/") == 1 \
                and name.split("/")[1].startswith(("document", "footnotes", "endnotes",
                                                   "header", "footer", "itudraft-")):
            for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
                used.update(node.get(qn("w:val")) for node in package.xml(name).iter(qn(tag)))
    return used


def keep_styles(package: Package, keep: set[str], definitions: list[dict[str, Any]],
                own: set[str] = frozenset()) -> None:
    """Keep the styles whose ids are in *keep*, drop the others, and add the styles the
    text uses that are missing from *definitions* (style entries, by id), with the
    styles they are based on. Styles in *own* always take their definition from
    *definitions* (the layout relies on their tab stops)."""
    styles = package.xml("word/styles.xml")
    known = {style["id"]: style for style in definitions}
    present: dict[str, etree._Element] = {}
    for node in styles.findall(qn("w:style")):
        if node.get(qn("w:styleId")) in keep and node.get(qn("w:styleId")) not in own:
            present[node.get(qn("w:styleId"))] = node
        else:
            styles.remove(node)
    wanted = sorted(used_styles(package), key=str)
    while wanted:
        sid = wanted.pop()
        if sid in present or sid not in known:
            continue
        present[sid] = style_element(known[sid])
        styles.append(present[sid])
        if known[sid].get("based_on"):
            wanted.append(known[sid]["based_on"])


def has_tab_stops(package: Package, style_id: str | None) -> bool:
    """Whether the paragraph style *style_id* (None: the default paragraph style), or a
    style it is based on, sets tab stops."""
    styles = {node.get(qn("w:styleId")): node
              for node in package.xml("word/styles.xml").findall(qn("w:style"))}
    if style_id is None:
        style_id = next((sid for sid, node in styles.items()
                         if node.get(qn("w:default")) == "1"
                         and node.get(qn("w:type")) == "paragraph"), None)
    seen = set()
    while style_id in styles and style_id not in seen:
        seen.add(style_id)
        node = styles[style_id]
        if node.find(f"{qn('w:pPr')}/{qn('w:tabs')}") is not None:
            return True
        based = node.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return False

