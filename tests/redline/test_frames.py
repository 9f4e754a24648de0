"""Framed paragraphs (w:framePr), which LibreOffice loses revisions around, written as
floating tables: Accept All and Reject All stay exact there, and pages keep their text."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline import libreoffice
from pipeline.redline import accept, redline, reject
from pipeline.redline.frames import MARK
from tests import office
from tests.redline.docmodel import docx_from_body, document_changed
from tests.redline.edits import revise_docx
from tests.wordfile import SAMPLES, SOFFICE, part, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2024-10-15T09:00:00Z"
#: The frame of a figure in older ITU Recommendations.
FRAME = ('<w:framePr w:hSpace="181" w:wrap="notBeside" w:vAnchor="text" w:hAnchor="margin" '
         'w:xAlign="center" w:y="1"/>')
FILLER = "The assembly, considering the work of the study groups, resolves to continue it. " * 4


def _p(text: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _figure_table(frame: str = FRAME) -> str:
    """A figure as older ITU Recommendations hold one: a table of framed paragraphs."""
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            '<w:jc w:val="center"/></w:tblPr><w:tblGrid><w:gridCol w:w="6000"/></w:tblGrid>'
            '<w:tr><w:tc><w:tcPr><w:tcW w:w="6000" w:type="dxa"/></w:tcPr>'
            f'{_p("FIGURE 1 drawing", frame)}{_p("Figure 1 - Network", frame)}'
            '</w:tc></w:tr></w:tbl>')


def _document(words: tuple[str, str, str, str], pages: int = 1) -> bytes:
    """A figure table and a framed paragraph, with paragraphs after each that *words* edit."""
    before = "".join(_p(f"P{n} {FILLER}") for n in range(6 * pages))
    middle = "".join(_p(f"Q{n} {words[1]} {FILLER}") for n in range(4 * pages))
    return docx_from_body(
        before + _figure_table() + _p(f"The assembly {words[0]} resolves") + middle
        + _p("Note - a framed remark", FRAME) + _p(f"After the frame {words[2]} words")
        + _p(f"Then {words[3]} again") + _p(f"R {FILLER}"))


OLD, NEW = ("further", "alpha", "one", "x"), ("inclusive", "beta", "two", "y")


def test_a_table_of_framed_paragraphs_is_positioned_as_a_floating_table():
    table = _figure_table(FRAME.replace("<w:framePr ", '<w:framePr w:vSpace="57" '))
    old, new = docx_from_body(table + _p("a further step")), \
        docx_from_body(table + _p("an inclusive step"))
    result = redline(old, new, date=DATE)
    body = part(result.data, "word/document.xml")
    assert result.stats.framed_tables == 1 and result.stats.framed_paragraphs == 0
    assert not list(body.iter(W + "framePr"))
    tblpr = next(body.iter(W + "tblPr"))
    assert [etree.QName(c).localname for c in tblpr] == ["tblStyle", "tblpPr", "tblW", "jc"]
    position = {etree.QName(k).localname: v for k, v in tblpr.find(W + "tblpPr").attrib.items()}
    assert position == {"leftFromText": "12240", "rightFromText": "12240", "topFromText": "57",
                        "bottomFromText": "57", "horzAnchor": "margin", "vertAnchor": "text",
                        "tblpXSpec": "center", "tblpY": "1"}
    assert texts(accept(result.data)) == texts(new) and texts(reject(result.data)) == texts(old)
    assert "urn:itudraft" not in etree.tostring(body).decode()
    assert not [t for t in body.iter(W + "tbl") if t.get(MARK) is not None]


def test_an_empty_frame_in_a_cell_still_moves_to_the_table():
    table = _figure_table("<w:framePr/>")
    result = redline(docx_from_body(table + _p("old")), docx_from_body(table + _p("new")),
                     date=DATE)
    body = part(result.data, "word/document.xml")
    assert result.stats.framed_tables == 1 and not list(body.iter(W + "framePr"))
    assert body.find(f".//{W}tblPr/{W}tblpPr") is not None


def test_framed_paragraphs_outside_a_table_become_a_one_cell_floating_table():
    framed = _p("Note - a framed", FRAME) + _p("remark", FRAME)
    old, new = docx_from_body(framed + _p("After one")), docx_from_body(framed + _p("After two"))
    result = redline(old, new, date=DATE)
    body = part(result.data, "word/document.xml").find(W + "body")
    assert result.stats.framed_paragraphs == 1
    table = body[0]
    assert table.tag == W + "tbl" and table.find(f"{W}tblPr/{W}tblpPr") is not None
    assert ["".join(p.itertext()) for p in table.iter(W + "p")] == ["Note - a framed", "remark"]
    assert texts(accept(result.data)) == texts(new) and texts(reject(result.data)) == texts(old)


def test_a_drop_cap_is_left_as_it_is():
    drop = _p("T", '<w:framePr w:dropCap="drop" w:lines="3" w:wrap="around" w:vAnchor="text" '
                   'w:hAnchor="text"/>')
    result = redline(docx_from_body(drop + _p("he old")), docx_from_body(drop + _p("he new")),
                     date=DATE)
    assert result.stats.framed_paragraphs == 0
    assert len(list(part(result.data, "word/document.xml").iter(W + "framePr"))) == 1


def _write(folder: Path, **files: bytes) -> dict[str, Path]:
    paths = {name: folder / f"{name}.docx" for name in files}
    for name, data in files.items():
        paths[name].write_bytes(data)
    return paths


@office.apply(office.bridge)
def test_revisions_after_frames_survive_in_libreoffice(tmp_path):
    old, new = _document(OLD), _document(NEW)
    out = redline(old, new, date=DATE).data
    paths = _write(tmp_path, redline=out, accepted=accept(out), rejected=reject(out))
    accepted, rejected, want_accepted, want_rejected = libreoffice.resolve_revisions(
        [(paths["redline"], "accept"), (paths["redline"], "reject"),
         (paths["accepted"], "none"), (paths["rejected"], "none")])
    assert accepted == want_accepted
    assert rejected == want_rejected
    assert "The assembly inclusive resolves" in accepted and "After the frame one words" in rejected


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@office.apply(office.soffice)
def test_frames_written_as_tables_keep_every_page_as_it_was(tmp_path):
    """The frames fall at different places of their pages in the two documents, one of
    them at a page's end. (A frame with w:vSpace at a page's end can move to the next
    page: LibreOffice counts that spacing there, not in the middle of a page.)"""
    files: dict[str, bytes] = {}
    for pages in (3, 4):
        old, new = _document(OLD, pages=pages), _document(NEW, pages=pages)
        out = redline(old, new, date=DATE).data
        files.update({f"old{pages}": old, f"new{pages}": new, f"redline{pages}": out,
                      f"accepted{pages}": accept(out), f"rejected{pages}": reject(out)})
    paths = _write(tmp_path, **files)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, paths.values())],
                   check=True, capture_output=True, timeout=300)
    pages = {name: _page_texts(tmp_path / f"{name}.pdf") for name in paths}
    for size in (3, 4):
        assert len(pages[f"old{size}"]) > 1
        assert pages[f"rejected{size}"] == pages[f"old{size}"]
        assert pages[f"accepted{size}"] == pages[f"new{size}"]
        assert len(pages[f"redline{size}"]) == len(pages[f"old{size}"])


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the ITU samples are not at {SAMPLES}")
def test_namespaces_only_mc_ignorable_names_stay_declared():
    """A Word file whose root declares namespaces only mc:Ignorable names (w15, w16se:
    used by no element of this text) and holds a framed paragraph: the output still
    declares every prefix mc:Ignorable names (Word refuses a file where one is missing;
    the conversion's clean-up dropped them), and the engine's own note is gone."""
    data = (SAMPLES / "T-RES-T.1-2016.docx").read_bytes()

    def framed(root):
        paragraph = list(root.iter(W + "p"))[5]
        ppr = paragraph.find(W + "pPr")
        if ppr is None:
            ppr = etree.SubElement(paragraph, W + "pPr")
            paragraph.insert(0, ppr)
        ppr.append(etree.fromstring(FRAME.replace("<w:framePr",
                                                  f'<w:framePr xmlns:w="{W[1:-1]}"')))

    old = document_changed(data, framed)
    new = revise_docx(old, 1, 0.05)
    out = redline(old, new, date=DATE).data
    root = part(out, "word/document.xml")
    named = root.get(_MC).split()
    assert "w15" in named and [prefix for prefix in named if prefix not in root.nsmap] == []
    assert b"urn:itudraft:redline" not in zipfile.ZipFile(io.BytesIO(out)).read(
        "word/document.xml")
    assert MARK.encode() not in zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")
    assert texts(reject(out)) == texts(old) and texts(accept(out)) == texts(new)


def _framed_table(rows: list[str], frame: str = FRAME, inner: str = "") -> str:
    cells = "".join(f'<w:tr><w:tc><w:tcPr><w:tcW w:w="6000" w:type="dxa"/></w:tcPr>'
                    f'{_p(text, frame)}{inner if k == 0 else ""}</w:tc></w:tr>'
                    for k, text in enumerate(rows))
    return ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
            f'<w:gridCol w:w="6000"/></w:tblGrid>{cells}</w:tbl>')


def test_the_engines_note_leaves_no_declaration_behind():
    """The note of a converted table leaves nothing behind (neither itself nor, when it
    had a namespace of its own, a declaration of it): from a framed table inside
    another, and from the row of a framed table deleted where the new text's table is
    not framed."""
    nested = _framed_table(["FIGURE 1"], inner=_framed_table(["inner drawing"]) + _p(""))
    cases = [(nested + _p("a further step"), nested + _p("an inclusive step")),
             (_framed_table(["FIGURE 1", "Figure 1 - Network"]) + _p("a step"),
              _framed_table(["FIGURE 1"], frame="") + _p("a step"))]
    for before, after in cases:
        old, new = docx_from_body(before), docx_from_body(after)
        out = redline(old, new, date=DATE).data
        written = zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")
        assert b"urn:itudraft" not in written and MARK.encode() not in written
        assert texts(accept(out)) == texts(new) and texts(reject(out)) == texts(old)
