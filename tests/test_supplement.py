"""The built Supplement, checked as a TSB editor would check it."""

from __future__ import annotations

import re
import zipfile

import pytest

from pipeline.sources.supplement import load_rules
from pipeline.supplement import build_supplement
from tests.wordfile import NS, ROOT, W, paragraphs, part, style_ids

NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

PANDOC_STYLES = {"BodyText", "FirstParagraph", "Compact", "TableCaption", "ImageCaption",
                 "CaptionedFigure", "SourceCode", "BlockText", "Definition", "DefinitionTerm",
                 "Table", "VerbatimChar", "SectionNumber"}


def _first(paras, predicate):
    return next(i for i, p in enumerate(paras) if predicate(p))


def test_cover_lines_come_first(mini_docx):
    texts = [p.text for p in paragraphs(mini_docx)[:12]]
    assert texts[0] == "International Telecommunication Union"
    assert "ITU-T" in texts and "Series A" in texts and "Supplement 3" in texts
    assert "(03/2026)" in texts
    assert "SERIES A: ORGANIZATION OF THE WORK OF ITU-T" in texts
    assert "ITU-T A-series Recommendations \u2013 Supplement 3" in texts


def test_inner_title_summary_history_keywords(mini_docx):
    paras = paragraphs(mini_docx)
    rec_no = _first(paras, lambda p: p.style == "RecNo")
    assert paras[rec_no].text == "Supplement 3 to ITU-T A-series Recommendations"
    assert paras[rec_no + 1].style == "Rectitle" and paras[rec_no + 1].text == "Test supplement"
    headings = [p.text for p in paras if p.style == "Headingb"]
    assert headings[:3] == ["Summary", "History", "Keywords"]
    history = [p for p in paras if p.in_table and p.style == "Tablehead"][:5]
    assert [p.text for p in history] == ["Edition", "Recommendation", "Approval",
                                         "Study Group", "Unique ID"]


def test_headings_are_numbered_with_a_tab(mini_docx):
    heads = [(p.style, p.text) for p in paragraphs(mini_docx) if p.style.startswith("Heading")
             and p.style[-1].isdigit()]
    assert heads[:4] == [("Heading1", "1\tScope"), ("Heading1", "2\tReferences"),
                         ("Heading1", "3\tDefinitions"), ("Heading2", "3.1\tTerms defined here")]
    assert ("Heading2", "I.1\tInner") in heads


def test_each_kind_of_block_gets_its_itu_style(mini_docx):
    by_text = {p.text: p.style for p in paragraphs(mini_docx) if not p.in_table}
    assert by_text["[ITU-T A.1]\tRecommendation ITU-T A.1, Work methods."] == "Reftext"
    assert by_text["[b-ITU-T X]\tSomething."] == "Reftext"
    assert by_text["Table 1 \u2013 Change symbols"] == "TableNoTitle"
    assert by_text["NOTE \u2013 One note."] == "Note"
    assert by_text["Figure 1 \u2013 A tiny picture"] == "FigureNoTitle"
    assert by_text["3.1.1\tResolution: a text of WTSA."] == "Normal"
    assert by_text["WTSA\tWorld Telecommunication Standardization Assembly"] == "Normal"
    assert by_text["a)\tfirst"] == "enumlev1"
    assert by_text["\u2013\ta dash item"] == "enumlev1"
    assert by_text["considering"] == "Call"
    assert by_text["a)\tthat items under a call keep their TAB;"] == "Normal"
    assert by_text["b)bis\tthat inserted items do too,"] == "Normal"
    assert by_text["1\tthat numbered items do too."] == "Normal"
    assert by_text["Appendix I\n\nModel"] == "AppendixNotitle"  # as ITU's skeleton sets it
    assert by_text["R-01\tThe first call is considering."] == "enumlev1"


def test_table_cells_use_table_styles(mini_docx):
    cells = [p for p in paragraphs(mini_docx) if p.in_table and p.text in ("Symbol", "ADD")]
    assert [(p.text, p.style) for p in cells] == [("Symbol", "Tablehead"), ("ADD", "Tabletext")]


def test_cross_references_are_resolved(mini_docx):
    texts = [p.text for p in paragraphs(mini_docx)]
    assert ("This text cites [ITU-T A.1] and clause 5 and Table 1, see 5; rule R-02.1"
            in texts) or any(t.startswith("This text cites [ITU-T A.1] and clause 5 and "
                                          "Table 1, see 5; rule R-02.") for t in texts)
    assert "As Figure 1 shows." in texts


def test_footnotes_are_in_footnote_text(mini_docx):
    notes = [p for p in paragraphs(mini_docx, "word/footnotes.xml") if p.text.strip()]
    assert [(p.style, p.text.strip()) for p in notes] == [("FootnoteText", "A footnote.")]


def test_toc_field_has_filled_entries(mini_docx):
    body = part(mini_docx, "word/document.xml")
    instructions = [t.text for t in body.iter(f"{{{W}}}instrText")]
    assert any(re.match(r'\s*TOC \\o "1-2"', text) for text in instructions)
    entries = [p for p in paragraphs(mini_docx) if p.style in ("TOC1", "TOC2")]
    titles = [p.text.split("\t")[:2] for p in entries]
    assert titles[:4] == [["1", "Scope"], ["2", "References"], ["3", "Definitions"],
                          ["3.1", "Terms defined here"]]
    assert "Appendix I \u2013 Model" in [title[0] for title in titles]
    assert entries[-1].text.split("\t")[0] == "Bibliography"
    anchors = {link.get(f"{{{W}}}anchor") for link in body.iter(f"{{{W}}}hyperlink")}
    bookmarks = {b.get(f"{{{W}}}name") for b in body.iter(f"{{{W}}}bookmarkStart")}
    assert anchors and anchors <= bookmarks


def test_page_is_a4_with_itu_margins(mini_docx):
    body = part(mini_docx, "word/document.xml")
    sections = body.findall(".//w:sectPr", NS)
    assert len(sections) == 3  # cover, front matter, body
    for sect in sections:
        size = sect.find("w:pgSz", NS)
        margins = sect.find("w:pgMar", NS)
        assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("11907", "16840")
        assert [margins.get(f"{{{W}}}{k}") for k in ("top", "bottom", "left", "right")] == \
            ["1418", "1418", "1134", "1134"]
    formats = [s.find("w:pgNumType", NS) for s in sections]
    assert formats[0] is None
    assert [f.get(f"{{{W}}}fmt") for f in formats[1:]] == ["lowerRoman", "decimal"]


def test_footers_name_the_document_on_the_outer_side_of_odd_and_even_pages(mini_docx):
    """As ITU publications (A.12): Footer_QP, identifier then page number flush right on
    odd pages, page number then identifier on even ones; no header."""
    with zipfile.ZipFile(mini_docx) as archive:
        names = archive.namelist()
    assert not [n for n in names if re.match(r"word/.*header\d*\.xml", n)]
    sect = part(mini_docx, "word/document.xml").findall(".//w:sectPr", NS)[-1]
    kinds = {ref.get(f"{{{W}}}type"): ref.get(f"{{{W}}}id".replace(W, NS_R))
             for ref in sect.findall("w:footerReference", NS)}
    assert set(kinds) == {"default", "even"}
    rels = {rel.get("Id"): rel.get("Target") for rel in part(mini_docx,
                                                             "word/_rels/document.xml.rels")}
    odd, even = (paragraphs(mini_docx, "word/" + rels[kinds[k]])[0] for k in ("default", "even"))
    assert odd.style == even.style == "FooterQP"
    assert odd.text == "\t\tITU-T A Suppl. 3 (03/2026)\t1"
    assert even.text == "1\tITU-T A Suppl. 3 (03/2026)"
    assert part(mini_docx, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None


def test_document_properties(mini_docx):
    core = part(mini_docx, "docProps/core.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert core.find(f"{dc}title").text.endswith("Test supplement")
    assert core.find(f"{dc}subject").text == "Test supplement"
    assert core.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
                     "keywords").text == "alpha, beta"


@pytest.mark.parametrize("which", ["mini_docx", "supplement_docx"])
def test_no_pandoc_default_style_remains(which, request):
    path = request.getfixturevalue(which)
    defined = set(style_ids(path))
    assert not defined & PANDOC_STYLES
    used = {p.style for p in paragraphs(path)}
    assert used <= defined
    assert not used & PANDOC_STYLES


def test_itu_style_names_are_kept(mini_docx):
    names = style_ids(mini_docx)
    assert names["RecNo"] == "Rec_No"
    assert names["Tablehead"] == "Table_head"
    assert names["Heading1"] == "heading 1"
    assert names["enumlev1"] == "enumlev1"


def test_built_twice_gives_the_same_bytes(tmp_path, mini_copy):
    first = build_supplement(mini_copy, tmp_path / "a").read_bytes()
    second = build_supplement(mini_copy, tmp_path / "b").read_bytes()
    assert first == second


def test_a_new_edition_replaces_the_old_file_and_nothing_else(tmp_path, mini_copy):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.docx").write_bytes(b"a person's file")
    first = build_supplement(mini_copy, out)
    meta = mini_copy / "supplement.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("date: 2026-03", "date: 2026-09"),
                    encoding="utf-8")
    second = build_supplement(mini_copy, out)
    assert first.name != second.name
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(["notes.docx", second.name])
    assert (out / "notes.docx").read_bytes() == b"a person's file"


def test_real_supplement_is_complete(supplement_docx):
    paras = paragraphs(supplement_docx)
    words = sum(len(p.text.split()) for p in paras)
    assert words >= 4000
    shown = [p.text.split("\t")[0] for p in paras if re.match(r"R-\d\d\t", p.text)
             and not p.in_table]
    defined = [rule.id for rule in load_rules(ROOT / "content" / "supplement" / "rules.yaml")]
    assert len(defined) >= 30
    assert sorted(shown) == defined  # every rule shown once, under its group
    assert any(p.style == "AppendixNotitle" and p.text.startswith("Appendix I\n") for p in paras)
    assert any(p.style == "AppendixNotitle" and p.text == "Bibliography" for p in paras)
