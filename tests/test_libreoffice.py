"""What a person sees on opening the file: LibreOffice converts it, pages look right."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from pipeline.supplement import build_supplement
from tests import office
from tests.wordfile import SAMPLES, SOFFICE, paragraphs

SKELETON = SAMPLES / "ITU-T-Rec-skeleton.docx"

pytestmark = office.soffice


def _to_pdf(docx: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{out / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = out / (docx.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return pdf


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")


@pytest.mark.parametrize("which", ["mini_docx", "supplement_docx"])
def test_libreoffice_opens_and_converts_to_pdf(which, request, tmp_path):
    pages = _pages_text(_to_pdf(request.getfixturevalue(which), tmp_path))
    assert len([p for p in pages if p.strip()]) >= 4
    assert "ITU-T" in pages[0] and "Supplement" in pages[0]


IDENTIFIER = "ITU-T A Suppl. 3 (03/2026)"


def _label(page: str) -> str | None:
    """The page number printed beside the identifier at the foot of *page*."""
    for line in reversed([" ".join(line.split()) for line in page.splitlines() if line.strip()]):
        if IDENTIFIER in line:
            return line.replace(IDENTIFIER, "").strip()
    return None


def test_pages_carry_the_identifier_and_numbers_in_their_footers(mini_docx, tmp_path):
    pages = [p for p in _pages_text(_to_pdf(mini_docx, tmp_path)) if p.strip()]
    assert _label(pages[0]) is None  # the cover has no footer
    assert [_label(p) for p in pages[1:4]] == ["i", "ii", "iii"]
    body_start = next(p for p in pages if "1 Scope" in " ".join(p.split()) and "....." not in p)
    assert _label(body_start) == "1"
    assert "Supplement 3 to ITU-T A-series Recommendations" in body_start


def test_contents_carry_the_pages_libreoffice_lays_out(mini_docx, tmp_path):
    entries = {p.text.split("\t")[0]: p.text.split("\t")[-1]
               for p in paragraphs(mini_docx) if p.style in ("TOC1", "TOC2")}
    pages = [p for p in _pages_text(_to_pdf(mini_docx, tmp_path)) if p.strip()]

    def page_label_of(heading: str) -> str:
        for page in pages[4:]:  # after cover, summary, foreword and contents
            lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
            if any(line.startswith(heading) for line in lines):
                return _label(page)
        raise AssertionError(f"{heading} not found in the PDF")

    assert entries["1"] == page_label_of("1 Scope") == "1"
    assert entries["6"] == page_label_of("6 Checklist")
    assert entries["Appendix I \u2013 Model"] == page_label_of("Appendix I")
    assert entries["Bibliography"] == page_label_of("Bibliography")


@pytest.mark.skipif(not SKELETON.exists(), reason=f"ITU sample not found at {SKELETON}")
def test_itu_template_build_reads_the_same_page_by_page(mini_copy, tmp_path):
    """Built with ITU's own Recommendation skeleton as reference document, the pages read
    as with the house style: the same text (abbreviations apart from their meaning,
    not run together), the contents with page numbers, the footers with the identifier.
    The skeleton's own spacing may move a figure or a line to another page, so the
    words are compared as a whole, not page by page or in order."""
    house = build_supplement(mini_copy, tmp_path / "house")
    itu = build_supplement(mini_copy, tmp_path / "itu", SKELETON)
    pages = {name: [p for p in _pages_text(_to_pdf(path, path.parent)) if p.strip()]
             for name, path in (("house", house), ("itu", itu))}

    def text(name: str) -> list[str]:  # every word but the footers' (a page number may
        return [word for page in pages[name] for line in page.splitlines()  # stand alone)
                if IDENTIFIER not in line and not re.fullmatch(r"\s*([0-9]+|[ivx]+)\s*", line)
                for word in line.split()]
    assert Counter(text("itu")) == Counter(text("house"))
    contents = [line.split() for p in pages["itu"] for line in p.splitlines() if "....." in line]
    assert contents and all(line[-1].rstrip(".").split(".")[-1].isdigit() for line in contents)
    assert [_label(p) for p in pages["itu"][1:4]] == ["i", "ii", "iii"]
