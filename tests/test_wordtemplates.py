"""The Word templates: generated from the house style, in its styles only, and filled
on a page a person can read (LibreOffice lays the briefing note out)."""

from __future__ import annotations

import subprocess

import pytest

from pipeline.briefings import build_briefings
from pipeline.sources.content import Content
from pipeline.wordtemplates import TEMPLATES, build_templates, template_path
from tests import office
from tests.wordfile import ROOT, SOFFICE, paragraphs, style_ids

STYLES = set(style_ids(ROOT / "styles" / "itu-reference.docx"))


@pytest.mark.parametrize("name", [str(name) for name in TEMPLATES])
def test_the_checked_in_templates_use_the_house_styles_only(name):
    template = template_path(name)
    assert {p.style for p in paragraphs(template)} <= STYLES
    assert set(style_ids(template)) == STYLES


def test_the_templates_are_generated_the_same_every_time(tmp_path):
    first = build_templates(tmp_path / "a")
    second = build_templates(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


@office.apply(office.soffice)
def test_a_briefing_note_lays_out_with_its_agenda_and_matrix(tmp_path):
    build_briefings(Content(ROOT / "content"), tmp_path)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "com3-2.docx")],
                   check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "com3-2.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert "Chair's briefing note" in pages[0] and "Agenda" in pages[0]
    item = next(page for page in pages if "Regional focal points (Resolution 901)" in page
                and "Proposals by Resolution and source" in page)
    assert "ECP/39A1/1" in item and "09:30" in item
