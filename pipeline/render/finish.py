"""Finishing a pandoc-written .docx into an ITU document.

Pandoc writes its own paragraph styles (Body Text, First Paragraph, Compact,
...), literal TABs inside ``w:t`` and one section. This step maps every
paragraph to an ITU style, turns TABs into ``w:tab``, sets the ITU touches
pandoc cannot (the edition on a Resolution's number line out of capitals,
upright note marks on the history line, pictures named without their paths),
fills the section breaks with page set-up, numbering and headers, inserts the
cover page and writes the document properties. It works on any reference
document: styles the output uses but the reference lacks come from the house
style. All XML goes through :mod:`pipeline.ooxml`; this module knows the ITU names.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ooxml.build import Element, el, field_runs, paragraph, text_nodes, text_run
from pipeline.ooxml.ns import NS, qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.parts import (Properties, add_header, drop_unused_headers,
                                  even_and_odd_headers, write_properties)
from pipeline.ooxml.sections import fill_sections, section_break
from pipeline.ooxml.styles import has_tab_stops, keep_styles, tabs_element
from pipeline.ooxml.schema import insert_ordered, set_child
from pipeline.ooxml.wordml import (W_P, W_T, bookmarked, break_before, ensure_ppr, hide_bookmarks,
                                   paragraph_style, set_paragraph_style, set_run_property,
                                   split_run, split_tabs, story_parts)
from pipeline.render.layout import BREAK_BOOKMARK, CENTRE_BOOKMARK

#: Pandoc's own paragraph styles and the ITU style each becomes (None: Normal).
PANDOC_PARAGRAPHS = {"BodyText": None, "FirstParagraph": None, "Compact": None,
                     "BlockText": None, "Definition": None, "DefinitionTerm": None,
                     "TableCaption": "TableNoTitle", "ImageCaption": "FigureNoTitle",
                     "CaptionedFigure": "Figure", "Caption": None, "Abstract": None,
                     "FootnoteBlockText": None}
PANDOC_TABLE_STYLES = {"Table"}
#: Styles whose tab stops the layout relies on (the contents' page numbers, the footers'
#: columns): their house definition stands whatever the reference document says.
LAYOUT_STYLES = {"toc0", "TOC1", "TOC2", "TOC3", "FooterQP"}
#: Bookmarks the renderer names in the AST (pandoc drops names that start with "_"),
#: hidden here as Word hides its own: contents entries and proposal blocks.
BOOKMARKS = re.compile(r"(?:Toc|Prop)\d{4}")


@dataclass
class Layout:
    """Page furniture: a conference document's centred header (page number and
    *header_lines*), or a publication's *footer* (identifier and page number on the
    outer side, odd and even pages); how each section numbers its pages."""

    header_lines: list[str]
    footer: str | None = None
    #: page number format of the sections after the cover, in order (lowerRoman, decimal)
    section_numbering: list[str] = field(default_factory=lambda: ["lowerRoman", "decimal"])
    #: each section after the cover numbered from 1, else on from the cover
    restart: bool = True


def finish(package: Package, house_styles: list[dict], reference_ids: set[str],
           properties: Properties, layout: Layout, cover: list[Element] | None = None,
           note_marks: dict[str, str] | None = None) -> None:
    """Turn pandoc's output in *package* into the finished ITU document, in place.
    *note_marks*: the marks typed on notes (bookmark at the note's start -> mark)."""
    document = package.xml("word/document.xml")
    body = document.find(qn("w:body"))
    _map_styles(package, {style["name"]: style["id"] for style in house_styles}, reference_ids)
    split_tabs(package)
    for blocks in bookmarked(body, re.compile(rf"{BREAK_BOOKMARK}\d{{4}}")):
        if blocks:
            break_before(blocks[0])
    for blocks in bookmarked(body, re.compile(rf"{CENTRE_BOOKMARK}\d{{4}}")):
        for block in blocks:
            if block.tag == W_P:
                set_child(ensure_ppr(block), "w:jc", val="center")
    hide_bookmarks(document, BOOKMARKS)
    _edition_case(document)
    _numbers_as_typed(document)
    if note_marks:
        _type_note_marks(package, note_marks)
    _upright_note_marks(document)
    _picture_names(document)
    references = _furniture(package, layout)  # before the styles: footers use their own
    keep_styles(package, reference_ids, house_styles, own=LAYOUT_STYLES)
    _tab_stops(package, house_styles)
    _reference_indents(document)
    if cover:
        for index, node in enumerate(cover):
            body.insert(index, node)
        body.insert(len(cover), section_break())
    fill_sections(body, references, layout.section_numbering, first_bare=bool(cover),
                  restart=layout.restart)
    drop_unused_headers(package)
    write_properties(package, properties)


def _map_styles(package: Package, house_names: dict[str, str], reference_ids: set[str]) -> None:
    """Pandoc's styles to ITU ones; a house style the reference lacks gets its ITU id back
    (pandoc names a style it has to invent after its name, e.g. Appendix_No)."""
    for name in story_parts(package):
        part = package.xml(name)
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


def _style_table(table: Element) -> None:
    """Cell paragraphs without an ITU style: header rows Table_head, others Table_text."""
    for row in table.findall(qn("w:tr")):
        header = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        for p in row.iter(W_P):
            if paragraph_style(p) is None:
                set_paragraph_style(p, "Tablehead" if header else "Tabletext")


def _furniture(package: Package, layout: Layout) -> list[tuple[str, str, str]]:
    """The header or footer parts of *layout*, as (kind, type, relationship id)."""
    if layout.footer is None:
        header = [paragraph("Header", text_run("- "), *field_runs("PAGE", "1"), text_run(" -"))]
        header.extend(paragraph("Header", text_run(line)) for line in layout.header_lines)
        return [("header", "default", add_header(package, header))]
    even_and_odd_headers(package)
    # As ITU publications set them: identifier then page number flush right on odd
    # pages, page number then identifier on the left of even pages (Footer_QP tabs).
    odd = paragraph("FooterQP", text_run("\t\t" + layout.footer + "\t"), *_page_number())
    even = paragraph("FooterQP", *_page_number(), text_run("\t" + layout.footer))
    return [("footer", "default", add_header(package, [odd], "itudraft-footer1", "footer")),
            ("footer", "even", add_header(package, [even], "itudraft-footer2", "footer"))]


def _tab_stops(package: Package, house_styles: list[dict]) -> None:
    """A paragraph that aligns text on TABs (an abbreviation, a lettered item) in a style
    with no tab stops at all (the Normal of ITU's Recommendation skeleton) gets the house
    Normal's stops of its own, so it reads the same whatever the reference document."""
    normal = next((style.get("tabs") for style in house_styles if style["id"] == "Normal"), None)
    if not normal:
        return
    bare: dict[str | None, bool] = {}
    for name in story_parts(package):
        for p in _holding_tabs(package.xml(name)):
            if p.find(f"{qn('w:pPr')}/{qn('w:tabs')}") is not None:
                continue
            style = paragraph_style(p)
            if style not in bare:
                bare[style] = not has_tab_stops(package, style)
            if bare[style]:
                insert_ordered(ensure_ppr(p), tabs_element(normal))


def _holding_tabs(root: Element) -> list[Element]:
    """The paragraphs with a w:tab anywhere inside (a TAB or a tab stop), found from the
    tabs, which a long document has far fewer of than paragraphs; each is set on its
    own, so their order does not matter."""
    found: dict[Element, None] = {}
    for tab in root.iter(qn("w:tab")):
        for p in tab.iterancestors(W_P):
            found[p] = None
    return list(found)


#: Width of a character of a reference key, on average, in twips (12-pt Times, with
#: its capitals and brackets), and the step the indent of a list of references takes.
_KEY_CHAR, _INDENT_STEP, _KEY_INDENT = 130, 567, 2268


def _reference_indents(document: Element) -> None:
    """A list of references (Ref_text) whose longest key would run past the TAB before
    its title gets an indent wide enough for that key, for every entry of the list."""
    groups: list[list[Element]] = []
    previous = None
    for p in _paragraphs_in(document, "Reftext"):
        # a run of references: each the next sibling of the one before, with no other
        # paragraph between them (not even one nested inside the one before)
        if previous is None or p.getprevious() is not previous \
                or next(previous.iterdescendants(W_P), None) is not None:
            groups.append([])
        groups[-1].append(p)
        previous = p
    for group in groups:
        longest = max(len(_key_of(p)) for p in group)
        needed = -(-(longest * _KEY_CHAR + 120) // _INDENT_STEP) * _INDENT_STEP
        if needed > _KEY_INDENT:
            for p in group:
                set_child(ensure_ppr(p), "w:ind", left=needed, hanging=needed)


def _key_of(p: Element) -> str:
    """The text before a paragraph's first TAB (a reference's key)."""
    out = []
    for node in p.iter(W_T, qn("w:tab")):
        if node.getparent().tag != qn("w:r"):
            continue  # a tab stop of the paragraph's properties
        if node.tag == qn("w:tab"):
            break
        out.append(node.text or "")
    return "".join(out)


def _page_number() -> list[Element]:
    """The PAGE field, not bold (the footer style is)."""
    runs = field_runs("PAGE", "1")
    for run in runs:
        set_run_property(run, "w:b", "0")
    return runs


_W_PSTYLE, _W_PPR, _W_VAL = qn("w:pStyle"), qn("w:pPr"), qn("w:val")


def _paragraphs_in(document: Element, style: str) -> list[Element]:
    """The paragraphs in *style*, in document order (found by their w:pStyle: a long
    document has many paragraphs, each with one style at most)."""
    out = []
    for node in document.iter(_W_PSTYLE):
        if node.get(_W_VAL) == style:
            ppr = node.getparent()
            if ppr.tag == _W_PPR and ppr.getparent().tag == W_P:
                out.append(ppr.getparent())
    return out


def _edition_case(document: Element) -> None:
    """The number line is in capitals except its edition: "RESOLUTION 1 (Rev. Hammamet, 2016)",
    as ITU sets it (the Res_No style has caps; the edition's runs turn them off)."""
    for p in _paragraphs_in(document, "ResNo"):
        inside = False
        for run in list(p.iter(qn("w:r"))):
            text = run.find(W_T)
            if text is None:
                continue
            if inside:
                set_run_property(run, "w:caps", "0")
            elif "(" in (text.text or ""):
                inside = True
                at = text.text.index("(") + 1
                if at < len(text.text):
                    set_run_property(split_run(run, text, at), "w:caps", "0")


def _numbers_as_typed(document: Element) -> None:
    """Section, annex and appendix numbers keep the case they are typed in ("SECTION 1bis"):
    the styles set the word in capitals, the number's runs turn them off, as published."""
    for p in (p for style in ("SectionNo", "AnnexNo", "AppendixNo")
              for p in _paragraphs_in(document, style)):
        after = False
        for run in list(p.iter(qn("w:r"))):
            text = run.find(W_T)
            if after:
                set_run_property(run, "w:caps", "0")
            elif text is not None and any(c in (text.text or "") for c in " \u00a0"):
                after = True
                at = min(i for i, c in enumerate(text.text) if c in " \u00a0") + 1
                if at < len(text.text):
                    set_run_property(split_run(run, text, at), "w:caps", "0")


def _type_note_marks(package: Package, marks: dict[str, str]) -> None:
    """Notes whose mark is typed rather than numbered (a published text's "1bis"): the
    reference carries ``w:customMarkFollows`` and the mark after it, the note its mark
    in place of Word's number; the bookmark that said which mark goes."""
    if not package.has("word/footnotes.xml"):
        return
    typed: dict[str, str] = {}
    for note in package.xml("word/footnotes.xml").iter(qn("w:footnote")):
        for start in note.iter(qn("w:bookmarkStart")):
            if start.get(qn("w:name")) in marks:
                typed[note.get(qn("w:id"))] = marks[start.get(qn("w:name"))]
                _drop_bookmark(note, start)
                own = next(note.iter(qn("w:footnoteRef")), None)
                if own is not None:
                    own.getparent().replace(own, text_nodes(typed[note.get(qn("w:id"))])[0])
                break
    for reference in list(package.xml("word/document.xml").iter(qn("w:footnoteReference"))):
        mark = typed.get(reference.get(qn("w:id")))
        if mark is None:
            continue
        # The reference takes the mark's first character, as Word's own typed marks do;
        # the rest follows in the reference's style (LibreOffice reads one character).
        reference.set(qn("w:customMarkFollows"), "1")
        reference.addnext(text_nodes(mark[0])[0])
        if len(mark) > 1:
            run = reference.getparent()
            rest = el("w:r", copy.deepcopy(run.find(qn("w:rPr"))), *text_nodes(mark[1:])) \
                if run.find(qn("w:rPr")) is not None else el("w:r", *text_nodes(mark[1:]))
            run.addnext(rest)


def _drop_bookmark(root: Element, start: Element) -> None:
    for end in root.iter(qn("w:bookmarkEnd")):
        if end.get(qn("w:id")) == start.get(qn("w:id")):
            end.getparent().remove(end)
            break
    start.getparent().remove(start)


def _upright_note_marks(document: Element) -> None:
    """Footnote marks on the history line stand upright, as in the published texts
    (the Res_ref style is italic)."""
    for p in _paragraphs_in(document, "Resref"):
        for reference in p.iter(qn("w:footnoteReference")):
            set_run_property(reference.getparent(), "w:i", "0")


def _picture_names(document: Element) -> None:
    """Pandoc names a picture after the path it was given, here an absolute one. A path
    is no description: drop it, so the bytes do not depend on the checkout's folder and
    the same picture reads the same on both sides of a MOD wherever its file lives."""
    for node in document.iter(f"{{{NS['wp']}}}docPr", f"{{{NS['pic']}}}cNvPr"):
        for attribute in ("descr", "title"):
            if node.get(attribute) and Path(node.get(attribute)).suffix:
                del node.attrib[attribute]
        if Path(node.get("name", "")).suffix:
            node.set("name", "Picture")
