"""Import from Word: an ITU Resolution .docx into the source format, and back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.importer import import_docx
from pipeline.sources.resolution import BlockKind, to_source
from pipeline.render import render
from pipeline.render.resolution import resolution_document
from pipeline.sources.resolution import load_resolution
from tests.wordfile import NS, ROOT, SAMPLES, W, footnote_texts, part, resolution_paragraphs

RES1 = SAMPLES / "T-RES-T.1-2016.docx"
needs_sample = pytest.mark.skipif(not RES1.exists(), reason=f"no ITU sample at {RES1}")


def _pictures(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").count(b"<a:blip ")


def _round_trip(source: Path, tmp_path: Path) -> Path:
    markdown = tmp_path / "imported.md"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(markdown)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "rendered.docx"
    result = CliRunner().invoke(main, ["render", str(markdown), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@needs_sample
def test_published_resolution_1_round_trips(tmp_path):
    out = _round_trip(RES1, tmp_path)
    original = resolution_paragraphs(RES1)
    assert len(original) > 300
    # every paragraph from the number line on: same text, same kind of style
    assert resolution_paragraphs(out) == original
    assert footnote_texts(out) == footnote_texts(RES1)
    # the three figures of the body (7.1a, 7.1b and the one in Section 9), not the cover's logos
    pictures = [p for p in (tmp_path / "imported-media").iterdir() if not p.name.startswith(".")]
    assert _pictures(out) == 3 and len(pictures) == 3
    assert _note_marks(out) == _note_marks(RES1)
    assert _note_marks(out)[:3] == ["1, ", "1bis", "2"]  # the history line's two, then body
    # the footer names the Resolution, as the published text's does, and no header remains
    assert not [n for n in zipfile.ZipFile(out).namelist() if "header" in n]


def _note_marks(path: Path) -> list[str]:
    """The marks a reader sees at the note references, in order, with what separates two
    side by side: what is typed in the reference style after each reference."""
    marks: list[str] = []
    for p in part(path, "word/document.xml").iter(f"{{{W}}}p"):
        runs = list(p.iter(f"{{{W}}}r"))
        for index, run in enumerate(runs):
            if run.find(f"{{{W}}}footnoteReference") is None:
                continue
            typed = "".join(t.text or "" for t in run.iter(f"{{{W}}}t"))
            for after in runs[index + 1:]:
                style = after.find("w:rPr/w:rStyle", NS)
                if after.find(f"{{{W}}}footnoteReference") is not None or style is None \
                        or "Footnote" not in style.get(f"{{{W}}}val"):
                    break
                typed += "".join(t.text or "" for t in after.iter(f"{{{W}}}t"))
            marks.append(typed)
    numbered = iter(range(1, 100))  # Word numbers the references with no typed mark
    return [m if m[:1].isdigit() else f"{next(numbered)}{m}" for m in marks]


@needs_sample
def test_imported_front_matter_and_body(tmp_path):
    model = import_docx(RES1, tmp_path / "m", "m/")
    res = load_resolution(tmp_path / "r.md", text=to_source(model))
    assert (res.number, res.revised, res.editions) == (1, True, ["Hammamet, 2016"])
    assert res.title == "Rules of procedure of the ITU Telecommunication Standardization Sector"
    assert res.history_notes[0].startswith("Previously published (Geneva, 1956")
    kinds = [b.kind for b in res.blocks]
    assert kinds[:2] == [BlockKind.CALL, BlockKind.ITEM] and kinds.count(BlockKind.SECTION) >= 10
    assert [b.marker for b in res.blocks if b.kind == BlockKind.ITEM][:3] == \
        ["a)", "b)", "b)bis"]
    # the model the importer returns is the one its source reads back as
    assert [(b.kind, b.text, b.marker) for b in model.blocks] == \
        [(b.kind, b.text, b.marker) for b in res.blocks]


def test_our_own_rendering_round_trips(tmp_path):
    source = ROOT / "content" / "resolutions" / "res-904.md"
    first = tmp_path / "first.docx"
    first.write_bytes(render(resolution_document(load_resolution(source))))
    again = _round_trip(first, tmp_path)
    assert resolution_paragraphs(again) == resolution_paragraphs(first)
    assert footnote_texts(again) == footnote_texts(first)
    imported = load_resolution(tmp_path / "imported.md")
    original = load_resolution(source)
    assert (imported.number, imported.title, imported.editions, imported.history_notes) == \
        (original.number, original.title, original.editions, original.history_notes)


def test_not_a_resolution_is_refused(tmp_path, mini_docx):
    result = CliRunner().invoke(main, ["import", str(mini_docx), "-o",
                                       str(tmp_path / "x.md")])
    assert result.exit_code == 2
    assert "no number line (a paragraph in style Res_No)" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no source, no pictures


TRICKY = r"""---
number: 960
title: Literal \*stars\*, \<tags\> and \[brackets\] in a title
editions:
  - Geneva, 2022
status: in-force
---

*considering*

a) that text may hold \*asterisks\*, \_underscores\_, \[brackets\], \<tags\>, \@names, \&amp; and a back\\slash;

b) that *italic*, **bold** and x^2^ survive,

*resolves*

that "straight quotes", -- double hyphens -- and ... dots stay as typed.

# Section 1: A \*starred\* section title

\1. A paragraph that starts like a Markdown list.

\- Another one, and \# one like a heading.

\A.1 Not an annex clause.

	3 delegates attended (a paragraph that starts with a TAB).
"""


def test_text_that_looks_like_markup_round_trips(tmp_path):
    source = tmp_path / "tricky.md"
    source.write_text(TRICKY, encoding="utf-8")
    first = tmp_path / "first.docx"
    first.write_bytes(render(resolution_document(load_resolution(source))))
    paragraphs = resolution_paragraphs(first)
    texts = [text for _kind, text in paragraphs]
    assert "Literal *stars*, <tags> and [brackets] in a title" in texts
    assert ("a)\tthat text may hold *asterisks*, _underscores_, [brackets], <tags>, @names, "
            "&amp; and a back\\slash;") in texts
    assert 'that "straight quotes", -- double hyphens -- and ... dots stay as typed.' in texts
    assert ("normalaftertitle", "1. A paragraph that starts like a Markdown list.") in paragraphs
    assert ("normal", "- Another one, and # one like a heading.") in paragraphs
    assert ("normal", "A.1 Not an annex clause.") in paragraphs  # no TAB: not a clause
    # (the read-back trims the leading TAB; had it been lost, "3" would be a clause number)
    assert ("normal", "3 delegates attended (a paragraph that starts with a TAB).") in paragraphs
    again = _round_trip(first, tmp_path)
    assert resolution_paragraphs(again) == paragraphs
