"""A document's language and script in WordprocessingML: what Word needs to check
spelling in the right language, to set Chinese in an East Asian font, and to lay
Arabic out right to left with its own font, size, bold and italics.

Word keeps three font slots and three sizes per run: Latin (``w:ascii``/``w:hAnsi``,
``w:sz``), East Asian (``w:eastAsia``) and complex script (``w:cs``, ``w:szCs``,
``w:bCs``, ``w:iCs``), and uses the complex-script slot for every run marked
``w:rtl``. Right-to-left paragraphs carry ``w:bidi``, tables ``w:bidiVisual``, and a
section ``w:bidi``. This module knows the format only: which language, fonts and
direction is the caller's to say.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml.build import el
from pipeline.ooxml.ns import qn
from pipeline.ooxml.schema import insert_ordered, set_child
from pipeline.ooxml.wordml import W_P, W_PPR, W_R, W_RPR, ensure_ppr, ensure_rpr, story_parts

W_STYLE, W_RFONTS, W_LANG = qn("w:style"), qn("w:rFonts"), qn("w:lang")
W_B, W_I = qn("w:b"), qn("w:i")
W_SZ, W_RTL = qn("w:sz"), qn("w:rtl")
W_TBLPR, W_SECTPR = qn("w:tblPr"), qn("w:sectPr")
W_VAL = qn("w:val")
#: Header and footer parts hold paragraphs too, and comments.
_FURNITURE = ("word/header", "word/footer", "word/comments")


@dataclass(frozen=True)
class Script:
    """How a document's text is set: *tag* is its language (BCP 47, e.g. fr-FR, ar-EG,
    zh-CN); *slot* which of Word's language slots it goes in ("latin", "east_asian",
    "complex"); *east_asian_font* and *complex_font* fill those font slots; *rtl* lays
    paragraphs, runs, tables and sections right to left; *complex_scale* sizes complex
    script against Latin text; *italic_as_bold*: a style's italics become bold and runs
    lose theirs (a script that has no italics)."""

    tag: str
    slot: str = "latin"
    east_asian_font: str | None = None
    complex_font: str | None = None
    rtl: bool = False
    complex_scale: float = 1.0
    italic_as_bold: bool = False


def apply_script(package, script: Script) -> None:
    """Set *script* on the whole package: the document defaults and every style, then
    every paragraph, run and table of the story parts, headers, footers and comments.
    Applying it twice changes nothing more."""
    styles = package.xml("word/styles.xml")
    _defaults(styles, script)
    for style in styles.iter(W_STYLE):
        for rpr in style.iter(W_RPR):
            _run_properties(rpr, script, in_style=True)
        if script.rtl and style.get(qn("w:type")) == "paragraph":
            _bidi(style)
        if script.rtl:
            for tblpr in style.iter(W_TBLPR):
                _bidi_visual(tblpr)
    names = story_parts(package) + [name for name in package.names()
                                    if name.startswith(_FURNITURE) and name.endswith(".xml")]
    for name in names:
        root = package.xml(name)
        for run in root.iter(W_R):
            _run_properties(ensure_rpr(run), script, in_style=False)
        if script.rtl:
            for p in root.iter(W_P):
                set_child(ensure_ppr(p), "w:bidi")
                mark = ensure_ppr(p).find(W_RPR)
                if mark is not None:
                    _run_properties(mark, script, in_style=False)
            for tblpr in root.iter(W_TBLPR):
                _bidi_visual(tblpr)
            for sectpr in root.iter(W_SECTPR):
                set_child(sectpr, "w:bidi")


def _defaults(styles: etree._Element, script: Script) -> None:
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{W_RPR}")
    if rpr is not None:
        lang = rpr.find(W_LANG)
        if lang is None:
            lang = insert_ordered(rpr, el("w:lang"))
        attribute = {"latin": "val", "east_asian": "eastAsia", "complex": "bidi"}[script.slot]
        lang.set(qn(f"w:{attribute}"), script.tag)
        _run_properties(rpr, script, in_style=True)
    if script.rtl:
        ppr_default = defaults.find(qn("w:pPrDefault"))
        if ppr_default is not None:
            ppr = ppr_default.find(W_PPR)
            if ppr is None:
                ppr = etree.SubElement(ppr_default, W_PPR)
            set_child(ppr, "w:bidi")


def _run_properties(rpr: etree._Element, script: Script, in_style: bool) -> None:
    """Fonts, complex-script size, bold and italics, direction of one w:rPr."""
    fonts = rpr.find(W_RFONTS)
    if script.east_asian_font or script.complex_font:
        if fonts is None and in_style and rpr.getparent() is not None \
                and rpr.getparent().tag == qn("w:rPrDefault"):
            fonts = insert_ordered(rpr, el("w:rFonts"))
        if fonts is not None:
            if script.east_asian_font:
                fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
                fonts.set(qn("w:eastAsia"), script.east_asian_font)
            if script.complex_font:
                fonts.attrib.pop(qn("w:cstheme"), None)
                fonts.set(qn("w:cs"), script.complex_font)
    if script.italic_as_bold:
        italic = rpr.find(W_I)
        if italic is not None:
            on = italic.get(W_VAL) not in ("0", "false")
            rpr.remove(italic)
            if in_style and on and rpr.find(W_B) is None:
                insert_ordered(rpr, el("w:b"))
    if script.rtl or script.complex_scale != 1.0:
        for tag, twin in ((W_B, "w:bCs"), (W_I, "w:iCs")):
            own = rpr.find(tag)
            if own is not None and rpr.find(qn(twin)) is None:
                copy = el(twin)
                if own.get(W_VAL) is not None:
                    copy.set(W_VAL, own.get(W_VAL))
                insert_ordered(rpr, copy)
        size = rpr.find(W_SZ)
        if size is not None and script.complex_scale != 1.0:
            half = str(round(int(size.get(W_VAL)) * script.complex_scale))
            set_child(rpr, "w:szCs", val=half)
    if script.rtl and not in_style:
        if rpr.find(W_RTL) is None:
            insert_ordered(rpr, el("w:rtl"))


def _bidi(style: etree._Element) -> None:
    ppr = style.find(W_PPR)
    if ppr is None:
        ppr = insert_ordered(style, el("w:pPr"))
    set_child(ppr, "w:bidi")


def _bidi_visual(tblpr: etree._Element) -> None:
    """A right-to-left table: its first column on the right (w:bidiVisual goes after
    w:tblStyle, w:tblpPr and w:tblOverlap, before the rest)."""
    if tblpr.find(qn("w:bidiVisual")) is not None:
        return
    node = el("w:bidiVisual")
    before = {qn("w:tblStyle"), qn("w:tblpPr"), qn("w:tblOverlap")}
    index = 0
    for index, child in enumerate(tblpr):
        if child.tag not in before:
            break
    else:
        index = len(tblpr)
    tblpr.insert(index, node)

