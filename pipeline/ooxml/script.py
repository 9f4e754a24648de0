"""A document's language and script in WordprocessingML: what Word needs to check
spelling in the right language, to set Chinese in an East Asian font, and to lay
Arabic out right to left with its own font, size, bold and italics.

Word keeps three font slots and three sizes per run: Latin (``w:ascii``/``w:hAnsi``,
``w:sz``), East Asian (``w:eastAsia``) and complex script (``w:cs``, ``w:szCs``,
``w:bCs``, ``w:iCs``), and uses the complex-script slot for every run marked
``w:rtl``. Right-to-left paragraphs carry ``w:bidi``, tables ``w:bidiVisual``, and a
section ``w:bidi``; headers and footers may stay left-to-right paragraphs
(``w:bidi w:val="0"``). This module knows the format only: which language, fonts and
direction is the caller's to say.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml.build import el
from pipeline.ooxml.ns import qn
from pipeline.ooxml.parts import page_parts
from pipeline.ooxml.schema import insert_ordered, set_child
from pipeline.ooxml.wordml import W_P, W_PPR, W_R, W_RPR, ensure_ppr, ensure_rpr, story_parts

W_STYLE, W_RFONTS, W_LANG = qn("w:style"), qn("w:rFonts"), qn("w:lang")
W_B, W_I = qn("w:b"), qn("w:i")
W_SZ, W_RTL = qn("w:sz"), qn("w:rtl")
W_TBLPR, W_SECTPR = qn("w:tblPr"), qn("w:sectPr")
W_VAL = qn("w:val")
#: Comments hold paragraphs too.
_COMMENTS = "word/comments.xml"


@dataclass(frozen=True)
class Script:
    """How a document's text is set: *tag* is its language (BCP 47, e.g. fr-FR, ar-EG,
    zh-CN); *slot* which of Word's language slots it goes in ("latin", "east_asian",
    "complex"); *east_asian_font* and *complex_font* fill those font slots; *rtl* lays
    paragraphs, runs, tables and sections right to left; *complex_scale* sizes complex
    script against Latin text; *italic_as_bold*: a style's italics become bold and runs
    lose theirs (a script that has no italics); *page_ltr*: with *rtl*, headers and
    footers stay left-to-right paragraphs, their TABs in runs of their own and only runs
    with right-to-left letters right to left, so what sits at the foot of the page keeps
    a left-to-right page's places."""

    tag: str
    slot: str = "latin"
    east_asian_font: str | None = None
    complex_font: str | None = None
    rtl: bool = False
    complex_scale: float = 1.0
    italic_as_bold: bool = False
    page_ltr: bool = False


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
    page = page_parts(package)
    names = story_parts(package) + page + ([_COMMENTS] if package.has(_COMMENTS) else [])
    for name in names:
        root = package.xml(name)
        furniture = script.rtl and script.page_ltr and name in page
        if furniture:
            _tabs_apart(root)
        for run in list(root.iter(W_R)):
            _run_properties(ensure_rpr(run), script, in_style=False,
                            rtl=not furniture or _RTL_LETTER.search(_run_text(run)) is not None)
        if script.rtl:
            for p in root.iter(W_P):
                if furniture:
                    set_child(ensure_ppr(p), "w:bidi", val="0")
                else:
                    set_child(ensure_ppr(p), "w:bidi")
                mark = ensure_ppr(p).find(W_RPR)
                if mark is not None:
                    _run_properties(mark, script, in_style=False, rtl=not furniture)
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


def _run_properties(rpr: etree._Element, script: Script, in_style: bool,
                    rtl: bool = True) -> None:
    """Fonts, complex-script size, bold and italics, direction of one w:rPr (*rtl*:
    whether a run of a right-to-left script is marked right to left)."""
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
    if script.rtl and rtl and not in_style:
        if rpr.find(W_RTL) is None:
            insert_ordered(rpr, el("w:rtl"))


#: A letter of a right-to-left script (Hebrew, Arabic and their presentation forms).
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_W_TAB, _W_T = qn("w:tab"), qn("w:t")


def _run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(_W_T))


def _tabs_apart(root: etree._Element) -> None:
    """Each run holding a TAB beside other content split, so that every TAB is a run of
    its own (with the run's properties): a TAB inside a right-to-left run moves with
    its words."""
    for run in list(root.iter(W_R)):
        content = [child for child in run if child.tag != W_RPR]
        if len(content) < 2 or not any(child.tag == _W_TAB for child in content):
            continue
        groups: list[list[etree._Element]] = []
        for child in content:  # a TAB alone; what stands between TABs together
            if child.tag == _W_TAB or not groups or groups[-1][0].tag == _W_TAB:
                groups.append([child])
            else:
                groups[-1].append(child)
        rpr = run.find(W_RPR)
        at = run
        for group in groups[1:]:  # the first stays in the run, the others move out
            new = etree.Element(W_R)
            if rpr is not None:
                new.append(copy.deepcopy(rpr))
            new.extend(group)
            at.addnext(new)
            at = new


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

