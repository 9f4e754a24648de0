"""The annex text of the briefing notes: headings, paragraphs and items, nothing else."""

from __future__ import annotations

import pytest

from pipeline.errors import PipelineError
from pipeline.sources.guidance import load_guidance
from tests.wordfile import ROOT


def test_the_annex_reads_as_headings_paragraphs_and_items():
    guidance = load_guidance(ROOT / "content" / "briefings" / "chairing-the-session.md")
    assert guidance.title == "Chairing the session"
    kinds = [block.kind for block in guidance.blocks]
    assert kinds[0] == "para" and "heading" in kinds and "item" in kinds
    assert any("recorded" in b.text for b in guidance.blocks if b.kind == "item")


@pytest.mark.parametrize("line", ["### Too deep", "| a | table |", "some *emphasis*", "1. numbered"])
def test_what_the_note_cannot_show_is_refused_at_its_line(tmp_path, line):
    path = tmp_path / "g.md"
    path.write_text(f"# Title\n\nA paragraph.\n\n{line}\n")
    with pytest.raises(PipelineError) as caught:
        load_guidance(path)
    assert caught.value.location.line == 5
