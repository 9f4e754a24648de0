"""The WTSA Action Plan: the Word report and the Excel workbook read back and compared
item by item, and derive keeping the plan in step with revised Resolutions."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.actionplan import build_actionplan, derive, in_force
from pipeline.cli import main
from pipeline.errors import Category, PipelineError
from pipeline.sources.actionplan import load_action_file, load_action_plan, to_yaml
from pipeline.sources.content import Content
from tests.docxtables import tables
from tests.wordfile import ROOT, has_part, texts

CONTENT = ROOT / "content"
FIELDS = ["Action", "Resolution", "Clause", "Action text", "Responsible", "Cooperating",
          "Reporting to", "Deadline", "Status", "Last update", "Notes"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("action-plan")
    build_actionplan(Content(CONTENT), out)
    return out


@pytest.fixture()
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("supplement"))
    return target


def _word_items(docx: Path) -> dict[str, dict[str, str]]:
    """Section II: every action row, keyed by id, with its Resolution from the heading."""
    out = {}
    for table in tables(docx):
        if table.rows[0][0] != "Action":
            continue
        resolution = table.heading.split()[1]
        for record in table.records():
            record = {k: ("" if v == "\u2013" else v) for k, v in record.items()}
            out[record["Action"]] = {"Resolution": resolution, **record}
    return out


def _cell(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def _excel_items(xlsx: Path, sheet: str = "Actions") -> dict[str, dict[str, str]]:
    rows = list(openpyxl.load_workbook(xlsx)[sheet].iter_rows(values_only=True))
    head = list(rows[0])
    assert head == FIELDS
    return {row[0]: {h: _cell(v) for h, v in zip(head, row)} for row in rows[1:]}


def test_word_and_excel_hold_the_same_items_with_no_difference(built):
    word = _word_items(built / "WTSA-Action-Plan.docx")
    excel = _excel_items(built / "WTSA-Action-Plan.xlsx")
    plan = load_action_plan(CONTENT / "action-plan")
    assert len(word) == len(excel) == len(plan.actions) > 30
    differences = [(key, name, word[key].get(name), excel[key][name])
                   for key in excel for name in FIELDS if word[key].get(name) != excel[key][name]]
    assert differences == []


def test_the_workbook_filters_freezes_validates_and_has_a_sheet_per_entity(built):
    book = openpyxl.load_workbook(built / "WTSA-Action-Plan.xlsx")
    plan = load_action_plan(CONTENT / "action-plan")
    entities = list(dict.fromkeys(a.responsible for a in plan.actions))
    assert book.sheetnames[:2] == ["Summary", "Actions"] and len(book.sheetnames) == 2 + len(entities)
    actions = book["Actions"]
    assert actions.freeze_panes == "A2"
    assert actions.auto_filter.ref == f"A1:K{len(plan.actions) + 1}"
    rules = {rule.type: (rule, str(rule.sqref)) for rule in actions.data_validations.dataValidation}
    assert rules["list"][0].formula1 == '"not started,ongoing,completed,recurring"'
    assert rules["list"][1].startswith("I2:")
    assert set(rules["date"][1].split()) == {f"H2:H{len(plan.actions) + 501}",
                                            f"J2:J{len(plan.actions) + 501}"}
    for entity in entities:
        sheet = next(name for name in book.sheetnames if entity.startswith(name))
        mine = _excel_items(built / "WTSA-Action-Plan.xlsx", sheet)
        assert {v["Responsible"] for v in mine.values()} == {entity}
    summary = book["Summary"]
    assert len(summary._charts) == 1
    total = [row for row in summary.iter_rows(values_only=True) if row[0] == "All entities"][0]
    assert total[-1] == len(plan.actions)


def test_the_report_has_both_sections_and_the_status_chart(built):
    report = built / "WTSA-Action-Plan.docx"
    text = texts(report)
    assert "I\tResolutions and the entities concerned" in text
    assert "II\tProgress by Resolution" in text
    assert has_part(report, "word/media/image1.png")
    section1 = next(t for t in tables(report) if t.rows[0][0] == "Resolution")
    first = section1.records()[0]
    assert first["Resolution"].startswith("Resolution 901")
    assert first["Instructed, invited or requested"] == "Director of TSB; Regional organizations"


def test_the_same_plan_gives_the_same_bytes(built, tmp_path):
    build_actionplan(Content(CONTENT), tmp_path)
    for name in ("WTSA-Action-Plan.docx", "WTSA-Action-Plan.xlsx"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_derive_changes_nothing_in_a_plan_in_step_with_the_resolutions(content):
    report = derive(content / "action-plan", in_force(Content(content)))
    assert (report.created, report.updated, report.written) == ([], [], [])


def _res(content: Path, number: int) -> Path:
    return content / "resolutions" / f"res-{number}.md"


def _action(content: Path, number: int, action_id: str):
    file = load_action_file(content / "action-plan" / f"res-{number}.yaml")
    return next(a for a in file.actions if a.id == action_id)


def test_a_revision_keeps_ids_and_what_a_person_set(content):
    source = _res(content, 906)
    text = source.read_text()
    # a new item 1 under instructs the Director: the old 1-3 become 2-4
    text = text.replace("1 to plan the workshops together",
                        "1 to keep a calendar of the workshops on the ITU-T website;\n\n"
                        "2 to plan the workshops together")
    text = text.replace("2 to publish the presentations", "3 to publish the presentations")
    text = text.replace("3 to report to the Telecommunication", "4 to report to the Telecommunication")
    text = text.replace("*instructs the Director of the Telecommunication Standardization Bureau 3*",
                        "*instructs the Director of the Telecommunication Standardization Bureau 4*")
    source.write_text(text)
    before = _action(content, 906, "906-01")
    assert before.status == "ongoing" and before.deadline == "2024-12-31"
    report = derive(content / "action-plan", in_force(Content(content)))
    after = _action(content, 906, "906-01")
    assert after.clause == "instructs the Director 2"
    assert (after.status, after.deadline, after.notes, after.updated) == \
        (before.status, before.deadline, before.notes, before.updated)
    new = _action(content, 906, "906-06")
    assert new.clause == "instructs the Director 1" and new.status == "not started"
    assert report.created == ["906-06"]
    assert derive(content / "action-plan", in_force(Content(content))).written == []


def test_derive_follows_a_revised_text_unless_a_person_edited_it(content):
    source = _res(content, 902)
    source.write_text(source.read_text().replace("to publish guidance for participants",
                                                 "to publish and update guidance for participants"))
    path = content / "action-plan" / "res-902.yaml"
    file = load_action_file(path)
    edited = next(a for a in file.actions if a.id == "902-03")
    edited.text = "Report on electronic working methods (shortened by TSB)."
    path.write_text(to_yaml(file))
    report = derive(content / "action-plan", in_force(Content(content)))
    assert _action(content, 902, "902-02").text.startswith("to publish and update guidance")
    assert _action(content, 902, "902-03").text == \
        "Report on electronic working methods (shortened by TSB)."
    assert "902-02" in report.updated and "902-03" not in report.updated


def test_check_lists_items_without_an_action_and_actions_whose_clause_is_gone(content):
    source = _res(content, 905)
    source.write_text(source.read_text().replace(
        "3 to cooperate with the other two Bureaux", "3 to publish a yearly list of new terms;\n\n"
        "4 to cooperate with the other two Bureaux"))
    (content / "resolutions" / "res-907.md").unlink()  # suppressed at the assembly
    result = CliRunner().invoke(main, ["actionplan", "derive", "--check", "--content",
                                       str(content)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any("res-905.md:" in line and "instructs the Director 3: no action" in line
               for line in lines)
    assert any("res-905.yaml:" in line and "'instructs the Director 3' no longer exists" in line
               and "its item is now instructs the Director 4" in line for line in lines)
    orphans = [line for line in lines if "Resolution 907 is not in force" in line]
    assert len(orphans) == len(load_action_file(content / "action-plan" / "res-907.yaml").actions)


def test_an_action_file_of_an_unknown_resolution_stops_the_build(content, tmp_path):
    (content / "resolutions" / "res-907.md").unlink()
    with pytest.raises(PipelineError) as caught:
        build_actionplan(Content(content), tmp_path / "out")
    assert caught.value.category is Category.RESOLUTION
    assert caught.value.location.path.endswith("res-907.yaml")
    assert not (tmp_path / "out").exists()


def test_a_status_outside_the_list_is_refused_at_its_line(content):
    path = content / "action-plan" / "res-901.yaml"
    path.write_text(path.read_text().replace("status: completed", "status: done", 1))
    with pytest.raises(PipelineError) as caught:
        load_action_plan(content / "action-plan")
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "status: done" in t)
    assert caught.value.location.line == line and "status" in caught.value.message


def test_the_yaml_layout_reads_back_the_same(content):
    for path in sorted((content / "action-plan").glob("res-*.yaml")):
        assert to_yaml(load_action_file(path)) == path.read_text()


def test_actionplan_alone_builds_and_derive_reports_what_it_did(content, tmp_path, monkeypatch):
    monkeypatch.chdir(content.parent)
    runner = CliRunner()
    result = runner.invoke(main, ["actionplan"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (content.parent / "build" / "action-plan").glob("*.*x")) == \
        ["WTSA-Action-Plan.docx", "WTSA-Action-Plan.xlsx"]
    (content / "action-plan" / "res-903.yaml").unlink()
    result = runner.invoke(main, ["actionplan", "derive"])
    assert result.exit_code == 0
    assert "wrote content/action-plan/res-903.yaml" in result.stdout
    assert "3 created, 0 updated" in result.stdout
