"""The XML helpers every layer uses: small WordprocessingML fragments written inline."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from pipeline.ooxml.build import el, paragraph, text_run
from pipeline.ooxml.ns import XML_SPACE, qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.schema import insert_ordered
from pipeline.ooxml.sections import fill_sections, section_break
from pipeline.ooxml.wordml import (body_blocks, ensure_ppr, hide_bookmarks, paragraph_style,
                                   replace_blocks, set_paragraph_style, set_run_property,
                                   shown_text, split_run, split_tabs, story_parts, text_boxes,
                                   text_of)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _xml(fragment: str) -> etree._Element:
    return etree.fromstring(f'<w:root xmlns:w="{W}">{fragment}</w:root>')[0]


def _tags(node) -> list[str]:
    return [etree.QName(child).localname for child in node]


def test_paragraph_style_and_setting_it():
    p = _xml('<w:p><w:r><w:t>x</w:t></w:r></w:p>')
    assert paragraph_style(p) is None
    set_paragraph_style(p, "Call")
    assert paragraph_style(p) == "Call" and _tags(p) == ["pPr", "r"]
    set_paragraph_style(p, None)
    assert paragraph_style(p) is None


def test_ensure_ppr_adds_it_first_once():
    p = _xml('<w:p><w:r/></w:p>')
    first = ensure_ppr(p)
    assert ensure_ppr(p) is first and p[0] is first


def test_run_properties_keep_schema_order_and_replace():
    run = _xml('<w:r><w:rPr><w:rStyle w:val="X"/><w:sz w:val="20"/></w:rPr><w:t>x</w:t></w:r>')
    set_run_property(run, "w:caps", "0")
    set_run_property(run, "w:caps", "1")
    assert _tags(run[0]) == ["rStyle", "caps", "sz"]
    assert run[0][1].get(qn("w:val")) == "1"
    bare = _xml('<w:r><w:t>x</w:t></w:r>')
    set_run_property(bare, "w:i", "0")
    assert _tags(bare) == ["rPr", "t"]
    rpr = el("w:rPr", el("w:sz", val="20"))
    insert_ordered(rpr, el("w:b"))
    insert_ordered(rpr, el("w:rStyle", val="X"))
    assert _tags(rpr) == ["rStyle", "b", "sz"]


def test_split_run_keeps_the_formatting_on_both_sides():
    run = _xml('<w:r><w:rPr><w:b/></w:rPr><w:t>RESOLUTION 1 (Rev. Geneva)</w:t><w:tab/></w:r>')
    parent = el("w:p")
    parent.append(run)
    rest = split_run(run, run.find(qn("w:t")), len("RESOLUTION 1 ("))
    assert [t.text for t in parent.iter(qn("w:t"))] == ["RESOLUTION 1 (", "Rev. Geneva)"]
    assert rest.find(qn("w:rPr")) is not None and _tags(run) == ["rPr", "t"]
    assert _tags(rest) == ["rPr", "t", "tab"]


def test_shown_text_drops_outer_spaces_unless_preserved():
    assert shown_text(_xml("<w:t> a b </w:t>")) == "a b"
    kept = _xml("<w:t> a b </w:t>")
    kept.set(XML_SPACE, "preserve")
    assert shown_text(kept) == " a b "
    assert shown_text(_xml("<w:t>\u00a0x\u00a0</w:t>")) == "\u00a0x\u00a0"  # not XML space


def test_text_of_blocks_and_body_blocks():
    body = _xml('<w:body><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p>'
                '<w:tbl><w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
                '<w:sectPr/></w:body>')
    blocks = body_blocks(body)
    assert [text_of(b) for b in blocks] == ["a\tb", "c"]
    replace_blocks(body, [el("w:p"), el("w:p")])
    assert _tags(body) == ["p", "p", "sectPr"]


def test_text_boxes_are_the_outermost_stories():
    shape = _xml('<w:drawing><w:txbxContent><w:p/><w:txbxContent><w:p/></w:txbxContent>'
                 '</w:txbxContent><w:txbxContent/></w:drawing>')
    boxes = text_boxes(shape)
    assert len(boxes) == 2 and all(box.getparent() is shape for box in boxes)


def test_hidden_bookmarks_follow_in_links_and_fields():
    document = _xml('<w:body><w:p><w:bookmarkStart w:id="1" w:name="Toc0001"/>'
                    '<w:bookmarkStart w:id="2" w:name="Other"/>'
                    '<w:hyperlink w:anchor="Toc0001"/><w:r><w:instrText> PAGEREF Toc0001 \\h '
                    '</w:instrText></w:r></w:p></w:body>')
    hide_bookmarks(document, re.compile(r"Toc\d{4}"))
    names = [b.get(qn("w:name")) for b in document.iter(qn("w:bookmarkStart"))]
    assert names == ["_Toc0001", "Other"]
    assert document.find(f".//{qn('w:hyperlink')}").get(qn("w:anchor")) == "_Toc0001"
    assert "PAGEREF _Toc0001" in document.find(f".//{qn('w:instrText')}").text


def test_tabs_in_text_become_tab_elements():
    package = Package({"word/document.xml": b""})
    package.set_xml("word/document.xml", etree.fromstring(
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>1\tthat</w:t></w:r></w:p>'
        '</w:body></w:document>'))
    assert story_parts(package) == ["word/document.xml"]
    split_tabs(package)
    run = next(package.xml("word/document.xml").iter(qn("w:r")))
    assert _tags(run) == ["t", "tab", "t"]


@pytest.mark.parametrize("first_bare", [False, True])
def test_sections_take_the_page_set_up_header_and_numbering(first_bare):
    body = el("w:body", section_break(), paragraph(None, text_run("x")), section_break(),
              el("w:sectPr", el("w:pgSz", w="11907", h="16840")))
    fill_sections(body, [("header", "default", "rIdH")], ["lowerRoman", "decimal"],
                  first_bare=first_bare)
    sections = list(body.iter(qn("w:sectPr")))
    assert all(s.find(qn("w:pgSz")) is not None for s in sections)
    formats = [s.find(qn("w:pgNumType")).get(qn("w:fmt")) if s.find(qn("w:pgNumType"))
               is not None else None for s in sections]
    assert formats == ([None, "lowerRoman", "decimal"] if first_bare
                       else ["lowerRoman", "decimal", "decimal"])
