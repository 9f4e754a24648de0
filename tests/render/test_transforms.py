"""Each AST step on a small document: the Supplement's transforms, the Markdown fragments
and the layout markers."""

from __future__ import annotations

from pathlib import Path

import panflute as pf
import pytest

from pipeline.errors import Category, Location, PipelineError
from pipeline.render import housestyle, pandoc
from pipeline.render.document import PAGE_BREAK, SECTION_BREAK, TOC, TocEntry, marker
from pipeline.render.inline import Fragments
from pipeline.render.layout import insert_layout
from pipeline.render.transforms import Context, run, source_div
from pipeline.render.transforms.clauses import number_clauses
from pipeline.render.transforms.xrefs import check_styles, expand_rules, resolve_xrefs
from pipeline.sources.supplement import Rule


def _doc(markdown: str, tmp_path: Path) -> pf.Doc:
    path = tmp_path / "c.md"
    path.write_text(markdown, encoding="utf-8")
    parsed = pandoc.parse_markdown(markdown, path)
    return pf.Doc(source_div(parsed.content, path), api_version=parsed.api_version)


def _ctx(**fields) -> Context:
    return Context(style_names=housestyle.load().by_name(), **fields)


def _paras(doc: pf.Doc) -> list[tuple[str, str]]:
    """(custom style or block type, text) of every paragraph-like block, in order."""
    out = []

    def action(elem, _doc):
        if isinstance(elem, (pf.Para, pf.Plain, pf.Header)):
            parent = elem.parent
            style = parent.attributes.get("custom-style", "") if isinstance(parent, pf.Div) else ""
            out.append((style or type(elem).__name__, pf.stringify(elem).strip()))
    doc.walk(action)
    return out


def test_styles_are_named_by_name_or_id_and_unknown_ones_refused(tmp_path):
    doc = _doc('::: {custom-style="Normalaftertitle"}\ntext\n:::\n', tmp_path)
    check_styles(doc, _ctx())
    assert _paras(doc) == [("Normal_after_title", "text")]
    with pytest.raises(PipelineError) as error:
        check_styles(_doc('::: {custom-style="Calll"}\ntext\n:::\n', tmp_path), _ctx())
    assert error.value.category == Category.STYLE and error.value.location.line == 1


def test_clauses_appendices_and_contents_are_numbered(tmp_path):
    doc = _doc("# Scope {#sec:scope}\n\nx\n\n## Part\n\n# Model {.appendix}\n\n## One\n",
               tmp_path)
    ctx = _ctx()
    number_clauses(doc, ctx)
    texts = [text for _kind, text in _paras(doc)]
    assert texts[:3] == ["1\tScope", "x", "1.1\tPart"]
    assert any(t.startswith("Appendix I") and t.endswith("Model") for t in texts)
    assert "I.1\tOne" in texts
    assert [(e.level, e.number) for e in ctx.toc] == [(1, "1"), (2, "1.1"), (1, "Appendix I"),
                                                      (2, "I.1")]
    assert ctx.labels == {"sec:scope": "clause 1"}


def test_cross_references_resolve_and_dangling_ones_stop(tmp_path):
    doc = _doc("# Scope {#sec:scope}\n\nSee @sec:scope and [-@sec:scope].\n", tmp_path)
    ctx = _ctx()
    number_clauses(doc, ctx)
    resolve_xrefs(doc, ctx)
    assert ("Para", "See clause 1 and 1.") in _paras(doc)
    bad = _doc("# Scope\n\nSee @sec:nowhere.\n", tmp_path)
    number_clauses(bad, ctx)
    with pytest.raises(PipelineError, match="points at nothing") as error:
        resolve_xrefs(bad, ctx)
    assert error.value.location.line == 3


def test_notes_lists_and_definitions_take_ITU_form(tmp_path):
    """(A run of notes was numbered NOTE 1, NOTE: the first, once shaped, no longer
    counted as a note for the second.)"""
    doc = _doc("# Terms\n\nMember\n: a State\n\n::: note\nfirst\n:::\n\n::: note\nsecond\n:::\n\n"
               "a) one\nb) two\n", tmp_path)
    number_clauses(doc, _ctx())
    paras = _paras(doc)
    assert ("Para", "1.1\tMember: a State") in paras
    assert [text for style, text in paras if style == "Note"] == ["NOTE 1 – first",
                                                                   "NOTE 2 – second"]
    assert [text for style, text in paras if style == "enumlev1"] == ["a)\tone", "b)\ttwo"]


def test_rules_are_listed_by_group_and_each_shown_somewhere(tmp_path):
    rules = [Rule("R-01", "calls", "Open with considering.", None, Location("r.yaml", 3))]
    doc = _doc('::: {.rules group="calls"}\n:::\n', tmp_path)
    expand_rules(doc, _ctx(rules=rules))
    assert _paras(doc) == [("enumlev1", "R-01\tOpen with considering.")]
    with pytest.raises(PipelineError, match="shown nowhere") as error:
        expand_rules(_doc("text\n", tmp_path), _ctx(rules=rules))
    assert error.value.location == Location("r.yaml", 3)


def test_fragments_are_read_as_paragraph_text_in_one_call(tmp_path):
    fragments = Fragments(tmp_path / "r.md")
    doc = pf.Doc(pf.Para(fragments.inline("1. not a list, *italic*[^n]")),
                 pf.Para(fragments.inline("- not a list either")),
                 fragments.blocks("| a | b |\n|---|---|\n| 1 | 2 |"),
                 api_version=pandoc.api_version())
    fragments.notes(["[^n]: The note."])
    fragments.resolve(doc)
    first, second, table = doc.content
    assert pf.stringify(second).strip() == "- not a list either"
    assert any(isinstance(e, pf.Emph) for e in first.content)
    assert isinstance(first.content[-1], pf.Note) and \
        pf.stringify(first.content[-1]).strip() == "The note."
    assert isinstance(table, pf.Table)


def test_layout_markers_become_word_paragraphs():
    doc = pf.Doc(marker(PAGE_BREAK), marker(TOC), marker(SECTION_BREAK),
                 api_version=pandoc.api_version())
    insert_layout(doc, [TocEntry(1, "1", "Scope", "Toc0001")], depth=1)
    raw = [block.text for block in doc.content]
    assert 'w:type="page"' in raw[0] and "<w:sectPr" in raw[-1]
    assert any('TOC \\o "1-1"' in text for text in raw) and any("Scope" in t for t in raw)
    assert all(isinstance(block, pf.RawBlock) for block in doc.content)
    run(doc, _ctx(), [])  # an empty list of transforms changes nothing
    assert len(doc.content) == len(raw)
