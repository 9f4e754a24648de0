"""The list of regional focal points, and the same entries in the briefing notes."""

from __future__ import annotations


from click.testing import CliRunner

from pipeline.cli import main
from pipeline.sources.content import Content, known_resolutions
from pipeline.sources.focalpoints import load_focal_points
from tests.docxtables import tables
from tests.wordfile import ROOT, texts

CONTENT = ROOT / "content"
HEAD = ["Region", "Name", "Administration", "E-mail"]


def _points():
    content = Content(CONTENT)
    proposals = content.proposals("wtsa-24")
    return load_focal_points(content.focal_points, proposals.assembly,
                             known_resolutions(proposals))


def _rows(table) -> list[list[str]]:
    return [list(r.values()) for r in table.records()]


def test_a_table_per_resolution_by_region_and_the_same_in_the_briefing_notes(tmp_path):
    runner = CliRunner()
    out = tmp_path / "focal-points.docx"
    assert runner.invoke(main, ["focalpoints", "--content", str(CONTENT), "--out",
                                str(out)]).exit_code == 0
    assert runner.invoke(main, ["briefings", "--content", str(CONTENT), "--out",
                                str(tmp_path / "notes")]).exit_code == 0
    points = _points()
    listed = [t for t in tables(out) if t.rows[0] == HEAD]
    assert len(listed) == len(points.by_resolution)
    by_heading = {t.heading.split(" (")[0].split(" \u2013")[0]: _rows(t) for t in listed}
    expected = {number: [[p.region, p.name, p.administration, p.email] for p in entries]
                for number, entries in points.by_resolution.items()}
    assert by_heading["Resolution 901"] == expected[901]
    assert by_heading["Draft new Resolution [AFCP-1]"] == expected["[AFCP-1]"]
    note = tmp_path / "notes" / "com3-2.docx"
    in_note = [t for t in tables(note) if t.rows[0] == HEAD]
    assert _rows(in_note[0]) == expected[901]
    assert any("invented" in line for line in texts(out))
