"""The chairs' briefing notes, read back as a chair and a secretary would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.briefings import build_briefings
from pipeline.briefings.matrix import Entry, convergence
from pipeline.cli import main
from pipeline.errors import Category, PipelineError
from pipeline.sources.content import Content
from tests.docxtables import tables
from tests.wordfile import ROOT, paragraphs, texts

CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("briefings")
    build_briefings(Content(CONTENT), out)
    return out


@pytest.fixture()
def content(tmp_path) -> Path:
    """A writable copy of the content folder."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("supplement"))
    return target


def _documents_tables(note: Path):
    return [t for t in tables(note) if t.rows[0] == ["Document", "Source", "Title", "Proposals"]]


def test_every_allocated_document_appears_with_its_source_and_proposals(notes):
    content = Content(CONTENT)
    proposals = content.proposals("wtsa-24")
    by_number = {(f"{c.document}(Add.{c.addendum})" if c.addendum else str(c.document)): c
                 for c in proposals.contributions}
    import yaml
    for meeting_file in sorted(content.meetings.glob("*.yaml")):
        agenda = yaml.safe_load(meeting_file.read_text())["agenda"]
        shown = _documents_tables(notes / f"{meeting_file.stem}.docx")
        with_documents = [item for item in agenda if item.get("documents")]
        for item, table in zip(with_documents, shown):
            rows = {row["Document"]: row for row in table.records()}
            for number in item["documents"]:
                if isinstance(number, dict):
                    assert rows[str(number["number"])]["Title"] == number["title"]
                    continue
                contribution = by_number[number]
                assert rows[number]["Source"] == contribution.source.key
                for proposal in contribution.proposals:
                    assert f"{proposal.symbol} {proposal.number}" in rows[number]["Proposals"]


def test_the_matrix_has_a_column_per_region_and_the_proposals_in_their_cells(notes):
    matrix = next(t for t in tables(notes / "com3-2.docx") if t.rows[0][0] == "Resolution")
    assert matrix.rows[0] == ["Resolution", "APT", "ASMG", "ATU", "CEPT", "CITEL", "RCC"]
    row = dict(zip(matrix.rows[0], matrix.rows[1]))
    assert row["Resolution"] == "901"
    assert (row["APT"], row["CEPT"], row["CITEL"]) == ("MOD ACP/42A1/1", "MOD ECP/39A1/1",
                                                      "MOD IAP/44A1/1")
    assert row["ASMG"] == row["ATU"] == row["RCC"] == ""


def test_each_agenda_item_opens_a_page_with_its_time_and_where_the_sources_stand(notes):
    paras = paragraphs(notes / "com3-2.docx")
    headings = [p.text for p in paras if p.style == "Heading1"]
    assert headings[0] == "1\tRegional focal points (Resolution 901)"
    glance = tables(notes / "com3-2.docx")[2]
    assert glance.rows[0] == ["Time", "09:30\u201310:20 (50 minutes)"]
    assert "All three sources modify (APT, CEPT and CITEL)" in glance.rows[2][1]
    text = "\n".join(texts(notes / "com3-2.docx"))
    assert "Modification against suppression" not in text.split("Resolution 903")[0]
    assert "I invite APT to introduce Document 42(Add.1) (MOD ACP/42A1/1)." in text
    assert "CEPT suppresses" not in text  # 903: CEPT merges, nobody modifies it
    assert "One source only: CEPT (SUP ECP/39A2/2 by merging it into Resolution 902)." in text


def test_a_new_proposal_file_appears_in_the_matrix_on_the_next_build(content, tmp_path):
    out = tmp_path / "out"
    build_briefings(Content(content), out)
    (content / "proposals" / "wtsa-24" / "rcc-50a1.yaml").write_text(
        "# Example contribution written for a test.\n"
        "assembly: wtsa-24\ndocument: 50\naddendum: 1\ndate: 2024-10-01\nsource: RCC\n"
        "title: Suppression of Resolution 901\nabstract: RCC proposes to suppress it.\n"
        "proposals:\n  - {symbol: SUP, number: RCC/50A1/1, resolution: 901, reasons: Done.}\n")
    build_briefings(Content(content), out)
    matrix = next(t for t in tables(out / "com3-2.docx") if t.rows[0][0] == "Resolution")
    assert dict(zip(matrix.rows[0], matrix.rows[1]))["RCC"] == "SUP RCC/50A1/1"
    text = "\n".join(texts(out / "com3-2.docx"))
    assert "Modification against suppression: APT, CEPT and CITEL modify; RCC suppresses." in text


def test_text_from_the_data_appears_as_typed_never_as_markup_or_template_code(content, tmp_path):
    meeting = content / "meetings" / "com3-2.yaml"
    meeting.write_text(meeting.read_text().replace(
        "room: Room B, second floor",
        "room: 'Room <B> & {{ 7 * 7 }} {% for x in y %} {{ meeting.chair }}'"))
    out = tmp_path / "out"
    build_briefings(Content(content), out)
    text = "\n".join(texts(out / "com3-2.docx"))
    assert "Room <B> & {{ 7 * 7 }} {% for x in y %} {{ meeting.chair }}" in text
    assert "49" not in text


def test_the_same_inputs_give_the_same_bytes(notes, tmp_path):
    build_briefings(Content(CONTENT), tmp_path)
    for note in notes.glob("*.docx"):
        assert (tmp_path / note.name).read_bytes() == note.read_bytes(), note.name


def test_a_template_asking_for_a_field_the_data_lack_stops_the_build(content, tmp_path):
    from pipeline.wordtemplates import blocks, layouts, template_docx

    def layout(sections):
        return [blocks.para("Normal", "{{ meeting.webcast }}"), sections()]

    template = tmp_path / "t.docx"
    template.write_bytes(template_docx(layout, "t"))
    with pytest.raises(PipelineError) as caught:
        build_briefings(Content(content), tmp_path / "out", template)
    assert caught.value.category is Category.TEMPLATE and "webcast" in caught.value.message
    assert not (tmp_path / "out").exists()

    def unknown(sections):
        return [*layouts.briefing_note(sections)[:-1], blocks.para("Normal", "{{ agenda_v2 }}"),
                sections()]

    template.write_bytes(template_docx(unknown, "t"))
    with pytest.raises(PipelineError) as caught:
        build_briefings(Content(content), tmp_path / "out", template)
    assert "the template uses agenda_v2, which the data do not provide" in caught.value.message


@pytest.mark.parametrize("file, old, new, words", [
    ("meetings/com3-2.yaml", "resolutions: [901]", "resolutions: [991]", "unknown Resolution 991"),
    ("meetings/com3-2.yaml", '"44(Add.1)"]', '"45(Add.1)"]', "unknown document '45(Add.1)'"),
    ("positions/wtsa-24.yaml", "source: ATU, stance: supports", "source: AUT, stance: supports",
     "unknown region or Member State 'AUT'"),
    ("focal-points.yaml", "assembly: wtsa-24", "assembly: [wtsa-24", "malformed YAML"),
])
def test_bad_input_is_one_line_with_file_and_line_exit_1_and_nothing_written(
        content, tmp_path, file, old, new, words):
    source = content / file
    source.write_text(source.read_text().replace(old, new, 1))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["briefings", "--content", str(content), "--out", str(out)])
    assert result.exit_code == 1
    line = [line for line in result.stderr.splitlines() if line.startswith("itudraft:")]
    assert len(line) == 1 and words in line[0] and "Traceback" not in result.output
    number = next(n for n, text in enumerate(source.read_text().splitlines(), 1) if new in text)
    assert f"{source}:{number}" in line[0]
    assert not out.exists()


def test_a_rebuild_removes_the_note_of_a_meeting_that_is_gone_and_nothing_else(content, tmp_path):
    out = tmp_path / "out"
    build_briefings(Content(content), out)
    (out / "mine.docx").write_bytes(b"a file the tool did not write")
    (content / "meetings" / "adhoc-ori-1.yaml").unlink()
    build_briefings(Content(content), out)
    assert sorted(p.name for p in out.glob("*.docx")) == ["com3-2.docx", "mine.docx"]


def _entry(source: str, symbol: str, number: str, merged=None) -> Entry:
    return Entry(source, symbol, number, None, merged)


@pytest.mark.parametrize("found, line", [
    ([_entry("APT", "MOD", "ACP/1/1"), _entry("CEPT", "MOD", "ECP/2/1")],
     "Both sources modify (APT and CEPT): agreement to revise; the texts differ."),
    ([_entry("APT", "(MOD)", "ACP/1/1"), _entry("CEPT", "(MOD)", "ECP/2/1")],
     "Both sources modify (APT and CEPT), editorially only."),
    ([_entry("APT", "MOD", "ACP/1/1"), _entry("CITEL", "SUP", "IAP/2/1"),
      _entry("RCC", "SUP", "RCC/3/1")],
     "Modification against suppression: APT modifies; CITEL and RCC suppress."),
    ([_entry("APT", "SUP", "ACP/1/2"), _entry("CITEL", "SUP", "IAP/2/2")],
     "Both sources suppress (APT and CITEL): agreement to suppress."),
    ([_entry("ATU", "NOC", "AFCP/1/1")], "One source only: ATU (NOC AFCP/1/1)."),
    ([], "No proposal on this Resolution."),
])
def test_the_convergence_line(found, line):
    assert convergence(found) == line


def test_the_convergence_line_takes_a_consolidated_drafts_conflicts_when_there_are_some():
    found = [_entry("APT", "MOD", "ACP/1/1"), _entry("CEPT", "MOD", "ECP/2/1")]
    assert convergence(found, ["resolves 2", "instructs 1"]).endswith(
        " 2 conflicts: resolves 2, instructs 1.")
    assert convergence(found, []).endswith(" The consolidated draft has no conflicting changes.")
    assert convergence(found, None) == convergence(found)
