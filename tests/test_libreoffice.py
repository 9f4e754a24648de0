"""What a person sees on opening the file: LibreOffice converts it, pages look right."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests import office
from tests.wordfile import SOFFICE

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


def test_pages_carry_the_identifier_and_numbers(mini_docx, tmp_path):
    pages = [p for p in _pages_text(_to_pdf(mini_docx, tmp_path)) if p.strip()]
    assert "ITU-T A Suppl. 3 (03/2026)" not in pages[0]  # the cover has no header
    assert "-i-" in pages[1].replace(" ", "") and "ITU-T A Suppl. 3 (03/2026)" in pages[1]
    body_start = next(p for p in pages if "1 Scope" in " ".join(p.split())
                      and "-1-" in p.replace(" ", ""))
    assert "Supplement 3 to ITU-T A-series Recommendations" in body_start


def test_contents_carry_the_pages_libreoffice_lays_out(mini_docx, tmp_path):
    from tests.wordfile import paragraphs

    entries = {p.text.split("\t")[0]: p.text.split("\t")[-1]
               for p in paragraphs(mini_docx) if p.style in ("TOC1", "TOC2")}
    pages = [p for p in _pages_text(_to_pdf(mini_docx, tmp_path)) if p.strip()]

    def page_label_of(heading: str) -> str:
        for page in pages[4:]:  # after cover, summary, foreword and contents
            lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
            if any(line.startswith(heading) for line in lines):
                return lines[0].replace("-", "").strip()
        raise AssertionError(f"{heading} not found in the PDF")

    assert entries["1"] == page_label_of("1 Scope") == "1"
    assert entries["6"] == page_label_of("6 Checklist")
    assert entries["Appendix I \u2013 Model"] == page_label_of("Appendix I")
    assert entries["Bibliography"] == page_label_of("Bibliography")
