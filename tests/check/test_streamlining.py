"""The streamlining report: the category each Resolution gets and why, the Action Plan
counts, and the .md and ITU-styled .docx written the same way every time."""

from __future__ import annotations

import shutil

import docx
import pytest

from pipeline.check.model import Finding, Severity
from pipeline.check.overlaps import find_overlaps
from pipeline.check.streamlining import (action_completion, review, streamlining_markdown,
                                         write_streamlining)
from tests.check.test_overlaps import NUDGED, SHARED, UNRELATED, line_of, write
from tests.wordfile import ROOT

ONE_OFF = ["that a workshop on numbering plans for new administrations be held in 2023",
           "that the report on the workshop be submitted to the next assembly for information"]
STANDING = ["that study groups shall consult the register of numbering profiles before they "
            "start any new work item"]


def category(res, resolutions, completion=None, findings=()):
    overlaps = find_overlaps(resolutions)
    words = {str(r.path): 100 for r in resolutions}
    by_path = {str(r.path): r for r in resolutions}
    return review(res, list(findings), overlaps, completion or {}, words, by_path)


def finding(res, rule: str, severity: Severity) -> Finding:
    return Finding(str(res.path), 3, 1, rule, "slug", severity, "a message")


def test_all_actions_complete_and_no_continuing_task_is_a_suppression_candidate(tmp_path):
    res = write(tmp_path, 51, [UNRELATED[0]], ONE_OFF)
    result = category(res, [res], {51: (3, 3)})
    assert result.category == "suppression candidate"
    assert any("R-49" in reason and "SUP" in reason for reason in result.reasons)


def test_complete_actions_but_a_standing_item_is_kept(tmp_path):
    res = write(tmp_path, 52, [UNRELATED[0]], STANDING)
    result = category(res, [res], {52: (2, 2)})
    assert result.category == "keep"
    assert result.continuing == ["resolves"]
    assert any("continuing task (R-50)" in reason for reason in result.reasons)


def test_actions_still_open_are_not_a_suppression(tmp_path):
    res = write(tmp_path, 53, [UNRELATED[0]], ONE_OFF)
    assert category(res, [res], {53: (1, 3)}).category == "keep"


def test_a_close_text_is_a_merge_candidate_naming_its_partner(tmp_path):
    a = write(tmp_path, 61, [SHARED, UNRELATED[0], UNRELATED[1]], [UNRELATED[2]])
    b = write(tmp_path, 62, [NUDGED, UNRELATED[0], UNRELATED[1]], [UNRELATED[2]] + ONE_OFF)
    c = write(tmp_path, 63, [UNRELATED[3]], ONE_OFF)
    result = category(b, [a, b, c])
    assert result.category == "merge candidate"
    assert any("close to Resolution 61" in reason and "R-51" in reason
               for reason in result.reasons)


def test_a_text_repeated_almost_whole_elsewhere_is_a_suppression_candidate(tmp_path):
    a = write(tmp_path, 64, [SHARED, UNRELATED[0]], [UNRELATED[2], ONE_OFF[0]])
    b = write(tmp_path, 65, [NUDGED, UNRELATED[0]], [UNRELATED[2]])
    result = category(b, [a, b])
    assert result.category == "suppression candidate"
    assert any("repeat Resolution 64" in reason for reason in result.reasons)


def test_only_warnings_is_an_editorial_update_and_errors_keep(tmp_path):
    res = write(tmp_path, 71, [UNRELATED[0]], ONE_OFF)
    warned = category(res, [res], findings=[finding(res, "R-14", Severity.WARNING),
                                            finding(res, "R-9", Severity.WARNING)])
    assert warned.category == "editorial update"
    assert any("(R-9, R-14)" in reason and "R-52" in reason for reason in warned.reasons)
    wrong = category(res, [res], findings=[finding(res, "R-14", Severity.WARNING),
                                           finding(res, "R-2", Severity.ERROR)])
    assert wrong.category == "keep"


def test_findings_of_another_file_do_not_count(tmp_path):
    res = write(tmp_path, 72, [UNRELATED[0]], ONE_OFF)
    other = Finding(str(tmp_path / "res-99.md"), 3, 1, "R-14", "slug", Severity.WARNING, "m")
    assert category(res, [res], findings=[other]).findings == []


def test_action_completion_counts_completed_actions_only(tmp_path):
    folder = tmp_path / "content" / "action-plan"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "action-plan" / "plan.yaml", folder)
    actions = "\n".join(
        f"  - {{id: 81-0{n}, clause: resolves {n}, text: to act, responsible: TSB, "
        f"status: {status}}}" for n, status in
        enumerate(["completed", "recurring", "ongoing", "completed", "not started"], start=1))
    (folder / "res-81.yaml").write_text(f"resolution: 81\nactions:\n{actions}\n",
                                        encoding="utf-8")
    assert action_completion(tmp_path / "content") == {81: (2, 5)}
    assert action_completion(tmp_path / "nothing") == {}


def test_the_example_action_plan_is_read():
    counts = action_completion(ROOT / "content")
    assert set(counts) >= {901, 907}
    assert all(0 <= done <= total for done, total in counts.values())


@pytest.fixture()
def report(tmp_path):
    a = write(tmp_path, 91, [SHARED, UNRELATED[0], UNRELATED[1]], [UNRELATED[2]] + STANDING + [
        "that regional offices publish a yearly digest of the numbering requests of small "
        "operators"])
    b = write(tmp_path, 92, [NUDGED, UNRELATED[0], UNRELATED[1]], [UNRELATED[2]] + ONE_OFF)
    c = write(tmp_path, 93, [UNRELATED[3]], ONE_OFF)
    resolutions = [a, b, c]
    findings = [finding(c, "R-14", Severity.WARNING)]
    completion = {91: (1, 4)}
    return resolutions, findings, completion


def test_the_markdown_lists_each_resolution_with_its_figures(report):
    resolutions, findings, completion = report
    text = streamlining_markdown(resolutions, findings, find_overlaps(resolutions), completion)
    assert text.index("## Resolution 91:") < text.index("## Resolution 92:") \
        < text.index("## Resolution 93:")
    section = text[text.index("## Resolution 91:"):text.index("## Resolution 92:")]
    assert "Suggested category: merge candidate." in section
    assert "Action Plan: 1 of 4 complete." in section
    a, b, _c = resolutions
    assert "Resolution 92: similarity" in section
    assert f"line {line_of(a, SHARED)} and line {line_of(b, NUDGED)} (0.9" in section
    assert "| 93 |" in text and "editorial update" in text


def test_the_markdown_is_deterministic(report):
    resolutions, findings, completion = report
    first = streamlining_markdown(resolutions, findings, find_overlaps(resolutions), completion)
    again = streamlining_markdown(list(reversed(resolutions)), list(reversed(findings)),
                                  find_overlaps(list(reversed(resolutions))), completion)
    assert first == again


def test_the_files_are_itu_styled_repeatable_and_leave_others_alone(report, tmp_path):
    resolutions, findings, completion = report
    text = streamlining_markdown(resolutions, findings, find_overlaps(resolutions), completion)
    out = tmp_path / "reports"
    out.mkdir()
    (out / "mine.txt").write_text("kept", encoding="utf-8")
    written = write_streamlining(text, out)
    assert [p.name for p in written] == ["streamlining.md", "streamlining.docx"]
    assert (out / "streamlining.md").read_text(encoding="utf-8") == text
    document = docx.Document(str(out / "streamlining.docx"))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "enumlev1", "enumlev2", "Table_NoTitle"} <= styles
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[0].startswith("Resolution 91: ")
    cells = {p.style.name for t in document.tables for r in t.rows for c in r.cells
             for p in c.paragraphs}
    assert cells == {"Table_head", "Table_text"}
    first = (out / "streamlining.docx").read_bytes()
    write_streamlining(text, out)
    assert (out / "streamlining.docx").read_bytes() == first
    assert (out / "mine.txt").read_text(encoding="utf-8") == "kept"


def test_read_by_sections_and_rendered_as_pieces_it_is_the_same_document(report, tmp_path):
    """The build reads the report a section at a time and renders what follows each
    heading as kept pieces: the blocks are those of the whole Markdown read at once, and
    the bytes those of the report rendered in place, in a first build and from the
    store in the next. (Its headings are pandoc's, with the identifiers a reading of the
    whole gives.)"""
    from pathlib import Path

    import panflute as pf

    from pipeline.check.streamlining import streamlining_document
    from pipeline.render import pandoc, render
    from pipeline.render.pieces import Pieces
    from pipeline.render.piecestore import PieceStore

    resolutions, findings, completion = report
    text = streamlining_markdown(resolutions, findings, find_overlaps(resolutions), completion)
    origin = Path("streamlining.md")
    in_place = streamlining_document(text, origin)
    read_once = pandoc.parse_markdown(text, origin, lines=False)
    headings = [pf.stringify(b) for b in read_once.content if isinstance(b, pf.Header)]
    assert [pf.stringify(b) for b in in_place.blocks if isinstance(b, pf.Header)] == headings
    assert [b.identifier for b in in_place.blocks if isinstance(b, pf.Header)] == \
        [b.identifier for b in read_once.content if isinstance(b, pf.Header)]
    expected = render(in_place)
    store = PieceStore(tmp_path / "cache", "0" * 64)
    assert render(streamlining_document(text, origin, Pieces(store))) == expected
    assert list((tmp_path / "cache").rglob("*.xml"))
    assert render(streamlining_document(text, origin, Pieces(store))) == expected  # kept


def test_two_sections_with_one_heading_keep_pandocs_identifiers():
    """(Two texts of one number, a Resolution in force and a Word one among the
    proposals, give one heading twice.)"""
    from pathlib import Path

    import panflute as pf

    from pipeline.check.streamlining import streamlining_document
    from pipeline.render import pandoc

    text = "# Report\n\nIntro.\n\n## Resolution 1: A\n\nOne.\n\n## Resolution 1: A\n\nTwo.\n"
    ours = streamlining_document(text, Path("r.md")).blocks
    theirs = pandoc.parse_markdown(text, "r.md", lines=False).content
    assert [b.identifier for b in ours if isinstance(b, pf.Header)] == \
        [b.identifier for b in theirs if isinstance(b, pf.Header)] == \
        ["report", "resolution-1-a", "resolution-1-a-1"]
