"""The house style: ITU's ids and names, measures, and a reproducible reference .docx."""

from __future__ import annotations

import pytest

from pipeline.render import housestyle
from tests.wordfile import NS, W, part, style_ids

REQUIRED = {
    "RecNo": "Rec_No", "Rectitle": "Rec_title", "Recref": "Rec_ref", "ResNo": "Res_No",
    "Restitle": "Res_title", "Resref": "Res_ref", "Normalaftertitle": "Normal_after_title",
    "Call": "Call", "Headingb": "Heading_b", "Headingi": "Heading_i",
    "enumlev1": "enumlev1", "enumlev2": "enumlev2", "enumlev3": "enumlev3", "Note": "Note",
    "Reftext": "Ref_text", "TableNoTitle": "Table_NoTitle", "Tablehead": "Table_head",
    "Tabletext": "Table_text", "Tablelegend": "Table_legend", "Figure": "Figure",
    "FigureNoTitle": "Figure_NoTitle", "Figurelegend": "Figure_legend", "AnnexNo": "Annex_No",
    "Annextitle": "Annex_title", "AppendixNo": "Appendix_No", "Appendixtitle": "Appendix_title",
    "SectionNo": "Section_No", "Sectiontitle": "Section_title", "Title1": "Title 1",
    "Title2": "Title 2", "Title3": "Title 3", "Title4": "Title 4", "Source": "Source",
    "Docnumber": "Docnumber", "Header": "header", "Footer": "footer",
    "FootnoteText": "footnote text", "TOC1": "toc 1", "TOC2": "toc 2", "TOC3": "toc 3",
    **{f"Heading{n}": f"heading {n}" for n in range(1, 10)},
}


def test_reference_doc_has_every_itu_style_with_itu_names():
    names = style_ids(housestyle.REFERENCE)
    missing = {sid: name for sid, name in REQUIRED.items() if names.get(sid) != name}
    assert not missing


def test_committed_reference_docs_match_the_definition(tmp_path):
    for rebuilt in housestyle.build_references(tmp_path):
        committed = housestyle.REFERENCE.with_name(rebuilt.name)
        assert rebuilt.read_bytes() == committed.read_bytes(), \
            f"styles/{rebuilt.name} is stale: run `make styles` and commit it"


def test_the_resolution_variant_is_set_as_published_resolutions():
    """11 pt with an exact 14-pt line, as Resolution 1 (Rev. Hammamet, 2016) is set."""
    normal = part(housestyle.reference("resolution"), "word/styles.xml").find(
        "w:style[@w:styleId='Normal']", NS)
    assert normal.find("w:rPr/w:sz", NS).get(f"{{{W}}}val") == "22"
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (spacing.get(f"{{{W}}}line"), spacing.get(f"{{{W}}}lineRule")) == ("280", "exact")


def _style(sid: str):
    return part(housestyle.REFERENCE, "word/styles.xml").find(
        f"w:style[@w:styleId='{sid}']", NS)


@pytest.mark.parametrize("sid, path, attr, value", [
    ("Normal", "w:rPr/w:sz", "val", "24"),                  # 12 pt
    ("Normal", "w:pPr/w:spacing", "before", "120"),         # 6 pt before
    ("RecNo", "w:rPr/w:sz", "val", "28"),                   # 14 pt
    ("Rectitle", "w:pPr/w:jc", "val", "center"),
    ("Call", "w:pPr/w:ind", "left", "794"),
    ("Heading1", "w:pPr/w:ind", "hanging", "794"),
    ("enumlev2", "w:pPr/w:ind", "left", "1191"),
    ("enumlev2", "w:pPr/w:ind", "hanging", "397"),
    ("Docnumber", "w:rPr/w:sz", "val", "40"),               # 20 pt
])
def test_style_measures_follow_itu(sid, path, attr, value):
    node = _style(sid).find(path, NS)
    assert node is not None and node.get(f"{{{W}}}{attr}") == value


def test_call_is_italic_and_keeps_with_next():
    call = _style("Call")
    assert call.find("w:rPr/w:i", NS) is not None
    assert call.find("w:pPr/w:keepNext", NS) is not None


def test_page_and_font_defaults():
    body = part(housestyle.REFERENCE, "word/document.xml")
    size = body.find(".//w:sectPr/w:pgSz", NS)
    assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("11907", "16840")
    fonts = part(housestyle.REFERENCE, "word/styles.xml").find(
        "w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(f"{{{W}}}ascii") == "Times New Roman"
