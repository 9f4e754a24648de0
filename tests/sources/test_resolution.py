"""The Resolution source format: paragraphs classified, the lettering rule, and writing a
Resolution back (parse -> serialize -> parse is the identity on every example)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from pipeline.errors import Category, PipelineError
from pipeline.sources.languages import language_of
from pipeline.sources.resolution import (Block, BlockKind, Resolution, check_items,
                                         load_conventions, load_resolution, to_source)
from tests.wordfile import ROOT

HEAD = "---\nnumber: 960\ntitle: An example\neditions: [\"Geneva, 2022\"]\nstatus: in-force\n---\n\n"
EXAMPLES = sorted((ROOT / "content").rglob("res-*.md")) + \
    sorted((ROOT / "tests" / "fixtures").rglob("res-*.md"))


def _read(body: str, tmp_path: Path) -> Resolution:
    return load_resolution(tmp_path / "r.md", text=HEAD + body)


def _kinds(res: Resolution) -> list[tuple]:
    return [(b.kind, b.marker, b.text) for b in res.blocks]


def test_paragraphs_are_classified(tmp_path):
    res = _read("*considering*\n\na) that one;\n\nb) that two;\n\nb)bis that two,\n\n*resolves*\n\n"
                "1 that three\n\n# Section 1: Title\n\n1.1 A clause.\n\nNOTE – A note.\n\n"
                "## 1.2 Heading\n\n- a) item\n  - nested\n\n\\2024 plain\n\n"
                "::: Figure_legend\nlegend\n:::\n", tmp_path)
    assert _kinds(res) == [
        (BlockKind.CALL, "", "considering"), (BlockKind.ITEM, "a)", "that one;"),
        (BlockKind.ITEM, "b)", "that two;"), (BlockKind.ITEM, "b)bis", "that two,"), (BlockKind.CALL, "", "resolves"),
        (BlockKind.ITEM, "1", "that three"), (BlockKind.SECTION, "1", "Section"),
        (BlockKind.CLAUSE, "1.1", "A clause."), (BlockKind.NOTE, "", "NOTE – A note."),
        (BlockKind.HEADING, "1.2", "Heading"), (BlockKind.ENUM, "a)", "item"),
        (BlockKind.ENUM, "–", "nested"), (BlockKind.PARA, "", "2024 plain"),
        (BlockKind.STYLED, "", "legend")]
    assert res.blocks[7].style == "Normal_after_title"
    assert [b.level for b in res.blocks if b.kind == BlockKind.ENUM] == [1, 2]


@pytest.mark.parametrize("markers, ok", [
    (["a)", "b)", "b)bis", "c)"], True), (["a)", "c)"], False), (["a)", "a)"], False),
    (["a)bis"], False), (["1", "1.1", "1.2", "2"], True), (["1", "1.2"], False),
    (["1", "2bis"], False), (["1", "1bis", "2"], True)])
def test_lettering_goes_in_sequence(markers, ok):
    style = "preambular" if markers[0][0].isalpha() else "operative"
    blocks = [Block(BlockKind.CALL, "considering", 1, style=style)] + \
        [Block(BlockKind.ITEM, "that", n + 2, marker=m) for n, m in enumerate(markers)]
    if ok:
        check_items(Path("r.md"), blocks)
    else:
        with pytest.raises(PipelineError) as error:
            check_items(Path("r.md"), blocks)
        assert error.value.category == Category.LETTERING


def test_numbers_under_a_preambular_call_are_refused(tmp_path):
    with pytest.raises(PipelineError, match="lettered a"):
        _read("*considering*\n\n1 that one\n", tmp_path)


def _model(res: Resolution) -> dict:
    data = asdict(res)
    data.pop("path")
    for block in data["blocks"]:
        block.pop("line")
    return data


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_writing_a_source_back_reads_the_same(path):
    # each text in its own language (res-901.fr.md with the French conventions)
    conventions = load_conventions(ROOT / "content" / "resolutions", language_of(path))
    res = load_resolution(path, conventions=conventions)
    again = load_resolution(path, text=to_source(res), conventions=conventions)
    assert _model(again) == _model(res)


@pytest.mark.parametrize("text", [
    "2024 was a year", "a) typed with a space", "NOTE – not a note here", "*not a call*",
    "# not a heading", "- not a list", "| not a table", "Figure 3 – not a caption",
    "A.1 not a clause"])
def test_plain_text_that_looks_like_structure_stays_plain(text, tmp_path):
    res = Resolution(path=tmp_path / "r.md", number=960, title="An example",
                     editions=["Geneva, 2022"], status="in-force", body_name="x",
                     assembly="Geneva, 2022", revised=False,
                     blocks=[Block(BlockKind.PARA, text, 0)])
    again = load_resolution(tmp_path / "r.md", text=to_source(res))
    assert [(b.kind, b.text) for b in again.blocks] == [(BlockKind.PARA, text)]


def test_a_paragraph_opening_with_a_fence_is_escaped_markdown(tmp_path):
    res = Resolution(path=tmp_path / "r.md", number=960, title="An example",
                     editions=["Geneva, 2022"], status="in-force", body_name="x",
                     assembly="Geneva, 2022", revised=False,
                     blocks=[Block(BlockKind.PARA, "::: not a block", 0)])
    again = load_resolution(tmp_path / "r.md", text=to_source(res))
    # the Markdown backslash renders the same text
    assert [(b.kind, b.text) for b in again.blocks] == [(BlockKind.PARA, "\\::: not a block")]
