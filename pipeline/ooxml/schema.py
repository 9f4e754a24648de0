"""Schema child order as data, so an inserted child always lands in a valid place.

The sequences follow the WordprocessingML schema (ECMA-376 part 1); only the
children the pipeline writes or reads are listed, in their schema order.
"""

from __future__ import annotations

from lxml import etree

from pipeline.ooxml.ns import qn

STYLE = ["w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine",
         "w:hidden", "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat",
         "w:locked", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"]

PPR = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
       "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
       "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
       "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
       "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
       "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
       "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
       "w:pPrChange"]

RPR = ["w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rStyle", "w:rFonts", "w:b", "w:bCs",
       "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline",
       "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
       "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
       "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
       "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
       "w:specVanish", "w:oMath", "w:rPrChange"]

SECTPR = ["w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr",
          "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType",
          "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
          "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
          "w:sectPrChange"]

_ORDERS = {qn("w:style"): STYLE, qn("w:pPr"): PPR, qn("w:rPr"): RPR, qn("w:sectPr"): SECTPR}
_RANKS = {parent: {qn(name): rank for rank, name in enumerate(order)}
          for parent, order in _ORDERS.items()}


def insert_ordered(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Insert *child* into *parent* before the first sibling that the schema puts after it."""
    ranks = _RANKS[parent.tag]
    rank = ranks.get(child.tag)
    if rank is None:
        # A property the schema lists here do not know (w14, w15, mc:...): before the
        # change record, which always comes last.
        rank = len(ranks) - 1.5
    for index, sibling in enumerate(parent):
        if ranks.get(sibling.tag, -1) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def set_child(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    """Replace or create the child *name* (e.g. ``w:jc``) with *attrs* (local names in w:)."""
    tag = qn(name)
    old = parent.find(tag)
    if old is not None:
        parent.remove(old)
    child = etree.Element(tag)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), str(value))
    return insert_ordered(parent, child)
