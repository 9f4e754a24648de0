"""One Resolution source rendered in ITU layout: each kind of paragraph in its
ITU style, as in the published Resolutions."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.render import render
from pipeline.render.resolution import resolution_document
from pipeline.sources.resolution import load_resolution
from tests.wordfile import footnote_texts
from tests.wordfile import NS, W, paragraphs, part

FIXTURE = Path(__file__).parent.parent / "fixtures" / "resolutions" / "res-950.md"

EXPECTED = [
    ("ResNo", "RESOLUTION 950 (Rev.\u00a0Geneva, 2022)"),
    ("Restitle", "Test Resolution that uses every construct of the source format"),
    ("Resref", "(Hammamet, 2016; Geneva, 2022)"),
    ("Normalaftertitle", "The World Telecommunication Standardization Assembly (Geneva, 2022),"),
    ("Call", "considering"),
    ("Normal", "a)\tthat the first item carries a footnote;"),
    ("Normal", "b)\tthat the second item has italics,"),
    ("Normal", "b)bis\tthat an inserted item follows b),"),
    ("Call", "recognizing"),
    ("Normal", "that a single item has no letter,"),
    ("Call", "resolves"),
    ("Normal", "1\tthat operative items are numbered;"),
    ("Normal", "1.1\tthat sub-items are numbered under their item;"),
    ("Normal", "2\tthat the last item ends the call,"),
    ("Call", "instructs the Director of the Telecommunication Standardization Bureau"),
    ("Normal", 'to keep "straight quotes" -- and double hyphens -- as typed.'),
    ("SectionNo", "Section\u00a01"),
    ("Sectiontitle", "Title of the section"),
    ("Normalaftertitle", "1.1\tThe first clause after a section title."),
    ("Normal", "1.2\tA clause with a list:"),
    ("enumlev1", "a)\tfirst list item;"),
    ("enumlev1", "b)\tsecond list item:"),
    ("enumlev2", "i)\tnested item;"),
    ("enumlev3", "\u2013\tthird level item with a dash."),
    ("Note", "NOTE \u2013 A note."),
    ("Heading2", "1.3\tA numbered heading"),
    ("Normal", "2024 opens this plain paragraph, which is not a clause."),
    ("Figure", ""),
    ("FigureNoTitle", "Figure 1 \u2013 A picture"),
    ("Figurelegend", "A legend under the figure."),
    ("AnnexNo", "Annex A"),  # starts a page by itself: no empty paragraph holds a break
    ("Annexref", "(to Resolution 950 (Rev.\u00a0Geneva, 2022))"),
    ("Annextitle", "Title of the annex"),
    ("Normalaftertitle", "Annex text."),
    ("Normal", "A.1\tAn annex clause."),
]


def _render(tmp_path: Path) -> Path:
    out = tmp_path / "res-950.docx"
    out.write_bytes(render(resolution_document(load_resolution(FIXTURE))))
    return out


def test_every_kind_of_paragraph_gets_its_itu_style(tmp_path):
    out = _render(tmp_path)
    assert [(p.style, p.text) for p in paragraphs(out)] == EXPECTED
    annex = next(p for p in part(out, "word/document.xml").iter(f"{{{W}}}p")
                 if p.find("w:pPr/w:pStyle[@w:val='AnnexNo']", NS) is not None)
    assert annex.find("w:pPr/w:pageBreakBefore", NS) is not None
    assert footnote_texts(out) == ["A test fixture for itudraft, not an ITU text.",
                                   "The footnote text."]


def test_letters_italic_and_edition_not_in_capitals(tmp_path):
    document = part(_render(tmp_path), "word/document.xml")
    body = document.find("w:body", NS)
    number_line = body.find("w:p", NS)
    runs = number_line.findall("w:r", NS)
    edition = [r for r in runs if "Geneva" in "".join(t.text for t in r.iter(f"{{{W}}}t"))]
    assert edition and edition[0].find("w:rPr/w:caps", NS).get(f"{{{W}}}val") == "0"
    first_item = [p for p in body.iter(f"{{{W}}}p")
                  if "".join(t.text or "" for t in p.iter(f"{{{W}}}t")).startswith("a)")][0]
    assert first_item.find("w:r/w:rPr/w:i", NS) is not None  # the letter a) in italics
    history = body.findall("w:p", NS)[2]
    assert history.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "Resref"
    mark = history.find(".//w:footnoteReference", NS).getparent()
    assert mark.find("w:rPr/w:i", NS).get(f"{{{W}}}val") == "0"  # upright on the italic line
    # the picture is in the file
    assert body.find(".//w:drawing", NS) is not None


def test_same_source_same_bytes(tmp_path):
    first = render(resolution_document(load_resolution(FIXTURE)))
    assert render(resolution_document(load_resolution(FIXTURE))) == first


def test_render_command_writes_one_file(tmp_path):
    out = tmp_path / "x" / "res.docx"
    result = CliRunner().invoke(main, ["render", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert paragraphs(out)[0].text.startswith("RESOLUTION 950")
    assert [p.name for p in out.parent.iterdir()] == ["res.docx"]


def test_draft_new_resolution_number_line(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("number: 950", 'number: "[ACP-1]"') \
        .replace("  - Hammamet, 2016\n", "").replace("Geneva, 2022", "New Delhi, 2024") \
        .replace("status: in-force", "status: draft")
    source = tmp_path / "new.md"
    source.write_text(text, encoding="utf-8")
    (tmp_path / "pixel.png").write_bytes((FIXTURE.parent / "pixel.png").read_bytes())
    out = tmp_path / "new.docx"
    out.write_bytes(render(resolution_document(load_resolution(source))))
    texts = [p.text for p in paragraphs(out)]
    assert texts[0] == "DRAFT NEW RESOLUTION [ACP-1] (New Delhi, 2024)"
    assert texts[2] == "(New Delhi, 2024)"
    assert "(to Draft new Resolution [ACP-1] (New Delhi, 2024))" in texts


def test_the_readme_example_renders(tmp_path):
    import re
    from tests.wordfile import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"### A Resolution.*?```markdown\n(.*?)```", readme, re.S).group(1)
    source = tmp_path / "example.md"
    source.write_text(example, encoding="utf-8")
    out = tmp_path / "example.docx"
    out.write_bytes(render(resolution_document(load_resolution(source))))
    styles = [p.style for p in paragraphs(out)]
    for style in ("ResNo", "Call", "SectionNo", "enumlev3", "Note", "Heading2", "AnnexNo"):
        assert style in styles
