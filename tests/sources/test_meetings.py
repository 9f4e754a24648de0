"""Meetings, positions and focal points: the examples load, and each mistake a secretary
can make stops the build with the file, the line and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import Category, PipelineError
from pipeline.sources.content import Content, known_resolutions
from pipeline.sources.focalpoints import load_focal_points
from pipeline.sources.meetings import load_meeting, load_meetings
from pipeline.sources.positions import load_positions
from tests.wordfile import ROOT


def _proposals(content: Content):
    return lambda assembly, where: (content.proposals(assembly, where).contributions,
                                    known_resolutions(content.proposals(assembly, where)))


@pytest.fixture(scope="module")
def content() -> Content:
    return Content(ROOT / "content")


def test_the_agenda_runs_from_the_start_of_the_session_with_each_items_minutes(content):
    meeting = next(m for m in load_meetings(content.meetings, _proposals(content))
                   if m.id == "com3-2")
    assert (meeting.start, meeting.end) == ("09:30", "12:30")
    assert [(i.start, i.end) for i in meeting.items] == [
        ("09:30", "10:20"), ("10:20", "11:05"), ("11:05", "11:45"), ("11:45", "11:55")]
    first = meeting.items[0]
    assert [d.number for d in first.documents] == ["39(Add.1)", "42(Add.1)", "44(Add.1)"]
    assert first.documents[1].contribution.source.key == "APT"


@pytest.fixture()
def meeting_file(tmp_path, content) -> Path:
    target = tmp_path / "m.yaml"
    shutil.copy(content.meetings / "com3-2.yaml", target)
    return target


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old, new, category, needle, words", [
    ('"42(Add.1)", "44', '"42(Add.7)", "44', Category.PROPOSAL, "42(Add.7)",
     "unknown document '42(Add.7)'"),
    ("resolutions: [902, 903]", "resolutions: [902, 9903]", Category.RESOLUTION, "9903",
     "unknown Resolution 9903"),
    ('time: "09:30-12:30"', 'time: "9:30-12:30"', Category.SCHEMA, "time:", "HH:MM"),
    ("minutes: 50", "minutes: 150", Category.SCHEMA, "agenda:", "more than the session"),
    ("assembly: wtsa-24", "assembly: wtsa-99", Category.PROPOSAL, "assembly:",
     "unknown assembly 'wtsa-99'"),
    ("date: 2024-10-17", "date: 2024-02-30", Category.SCHEMA, "date:", "is not a date"),
    ("room: Room B, second floor", "room: [Room B", Category.YAML, "room:", "malformed YAML"),
])
def test_a_mistake_in_a_meeting_names_its_file_and_line(meeting_file, content, old, new,
                                                         category, needle, words):
    _break(meeting_file, old, new)
    with pytest.raises(PipelineError) as caught:
        load_meeting(meeting_file, _proposals(content))
    error = caught.value
    assert error.category is category and words in error.message
    assert error.location.path == str(meeting_file)
    assert error.location.line == _line_of(meeting_file, needle)


def test_a_position_of_an_unknown_region_is_refused_at_its_line(tmp_path, content):
    proposals = content.proposals("wtsa-24")
    target = tmp_path / "wtsa-24.yaml"
    shutil.copy(content.positions("wtsa-24"), target)
    _break(target, "source: RCC, stance: flexible", "source: RRC, stance: flexible")
    with pytest.raises(PipelineError) as caught:
        load_positions(target, proposals.assembly, known_resolutions(proposals))
    assert "unknown region or Member State 'RRC'" in caught.value.message
    assert caught.value.location.line == _line_of(target, "RRC")


def test_positions_are_optional(tmp_path, content):
    proposals = content.proposals("wtsa-24")
    assert load_positions(tmp_path / "none.yaml", proposals.assembly, set()) == {}


def test_focal_points_cover_six_regions_and_say_they_are_invented(content):
    proposals = content.proposals("wtsa-24")
    points = load_focal_points(content.focal_points, proposals.assembly,
                               known_resolutions(proposals))
    assert points.example
    assert [p.region for p in points.by_resolution[901]] == list(proposals.assembly.regions)
    assert all(p.email.endswith(".example.org") for ps in points.by_resolution.values()
               for p in ps)


def test_a_focal_point_of_an_unknown_resolution_is_refused(tmp_path, content):
    proposals = content.proposals("wtsa-24")
    target = tmp_path / "focal-points.yaml"
    shutil.copy(content.focal_points, target)
    _break(target, "resolution: 906, region: APT", "resolution: 966, region: APT")
    with pytest.raises(PipelineError) as caught:
        load_focal_points(target, proposals.assembly, known_resolutions(proposals))
    assert caught.value.category is Category.RESOLUTION
    assert caught.value.location.line == _line_of(target, "966")


def test_the_readme_examples_of_the_data_formats_load(tmp_path, content):
    """The README's meeting, positions and focal points examples are valid files."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Briefing notes, the Action Plan and focal points")[1]
    blocks = [block.split("```")[0] for block in section.split("```yaml\n")[1:]]
    meeting = tmp_path / "m.yaml"
    meeting.write_text(blocks[0])
    assert load_meeting(meeting, _proposals(content)).items[0].end == "10:20"
    proposals = content.proposals("wtsa-24")
    known = known_resolutions(proposals)
    positions = tmp_path / "p.yaml"
    positions.write_text(blocks[1])
    assert load_positions(positions, proposals.assembly, known)[901][0].source == "APT"
    points = tmp_path / "f.yaml"
    points.write_text(blocks[4])
    assert load_focal_points(points, proposals.assembly, known).by_resolution[901][0].name
