"""`make consolidated` on the example proposals: one text per modified Resolution,
every source's changes by that source, conflicts listed, commented and in conflicts.md;
Word's and LibreOffice's Accept All / Reject All agree with ours."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from pipeline import libreoffice
from pipeline.cli import main
from pipeline.consolidated import _document, resolutions_to_consolidate
from pipeline.redline import accept, reject
from pipeline.render import render
from pipeline.sources.proposal import load_proposal_set
from tests import office
from tests.conftest import CONTENT
from tests.wordfile import texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("consolidated")
    result = CliRunner().invoke(main, [
        "consolidated", "--proposals", str(CONTENT / "proposals" / "wtsa-24"),
        "--resolutions", str(CONTENT / "resolutions"),
        "--assemblies", str(CONTENT / "assemblies"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _authors(path: Path) -> set[str]:
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return {node.get(W + "author") for tag in ("ins", "del") for node in body.iter(W + tag)}


def test_one_file_per_modified_resolution_and_the_conflicts(built):
    assert sorted(p.name for p in built.iterdir() if not p.name.startswith(".")) == [
        "conflicts.md", "res-901.docx", "res-902.docx", "res-904.docx", "res-907.docx"]
    report = (built / "conflicts.md").read_text(encoding="utf-8")
    assert "## Resolution 901" in report and "## Resolution 907" in report
    assert "- APT: no later than two months" in report
    assert "- CITEL: at least one month before the opening of the assembly" in report
    assert "- ATU: MOD AFCP/40A1/2: modify" in report and "- APT: SUP ACP/42A2/2: suppress" in report


def test_each_source_is_a_revision_author_and_a_shared_change_is_by_all(built):
    authors = _authors(built / "res-901.docx")
    assert {"APT", "CEPT", "CITEL"} <= authors
    # all three write the Sector's name in full: one change, by all of them
    assert "CEPT; APT; CITEL" in authors
    assert authors <= {"APT", "CEPT", "CITEL", "CEPT; APT", "CEPT; CITEL", "APT; CITEL",
                       "CEPT; APT; CITEL"}


def test_the_conflict_is_commented_in_the_text(built):
    with zipfile.ZipFile(built / "res-901.docx") as archive:
        comments = etree.fromstring(archive.read("word/comments.xml"))
        body = etree.fromstring(archive.read("word/document.xml"))
    said = [" ".join(t.text for t in c.iter(W + "t")) for c in comments.iter(W + "comment")]
    assert any("APT" in text and "CITEL" in text and "one month" in text for text in said)
    ids = {c.get(W + "id") for c in comments.iter(W + "comment")}
    assert ids == {r.get(W + "id") for r in body.iter(W + "commentReference")}


def test_reject_all_gives_the_text_in_force_and_each_source_comes_back_alone(built):
    """After the front matter (the same on every side), Reject All reads as the text in
    force, and one source's changes alone as that source's draft."""
    proposals = load_proposal_set(CONTENT / "proposals" / "wtsa-24", CONTENT / "resolutions",
                                  CONTENT / "assemblies")
    mods = [s for s in resolutions_to_consolidate(proposals)[901] if s.proposal.symbol == "MOD"]
    data = (built / "res-901.docx").read_bytes()
    in_force = texts(render(_document(proposals.in_force[901], [], proposals, 901)))
    rejected = texts(reject(data))
    front = rejected[:len(rejected) - len(in_force)]
    assert rejected == front + in_force
    authors = [s.author for s in mods]
    for source in mods:
        alone = reject(accept(data, [source.author]), [a for a in authors if a != source.author])
        draft = texts(render(_document(source.proposal.draft, [], proposals, 901)))
        assert texts(alone) == front + draft, source.author


def test_rebuild_removes_nothing_else(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    (out / "notes.txt").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(main, [
        "consolidated", "--proposals", str(CONTENT / "proposals" / "wtsa-24"),
        "--resolutions", str(CONTENT / "resolutions"),
        "--assemblies", str(CONTENT / "assemblies"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep"
    assert (out / "res-901.docx").read_bytes() == (built / "res-901.docx").read_bytes()


@office.apply(office.bridge)
def test_libreoffice_accepts_and_rejects_as_we_do(built, tmp_path):
    """LibreOffice's Accept All and Reject All read as our own accept and reject, each
    read by LibreOffice too (so its way of reading line breaks does not count)."""
    jobs = []
    for name in ("res-901.docx", "res-907.docx"):
        path = built / name
        ours = {}
        for action, resolve in (("accept", accept), ("reject", reject)):
            ours[action] = tmp_path / f"{action}-{name}"
            ours[action].write_bytes(resolve(path.read_bytes()))
        jobs += [(path, "accept"), (ours["accept"], "none"), (path, "reject"),
                 (ours["reject"], "none")]
    results = libreoffice.resolve_revisions(jobs)
    for index in range(0, len(results), 2):
        assert results[index] == results[index + 1], jobs[index]


def test_consolidate_command_on_word_files(built, tmp_path):
    runner = CliRunner()
    base = tmp_path / "base.docx"
    base.write_bytes(reject((built / "res-901.docx").read_bytes()))
    drafts = []
    for author in ("APT", "CEPT"):
        path = tmp_path / f"{author}.docx"
        data = (built / "res-901.docx").read_bytes()
        path.write_bytes(reject(accept(data, [author]),
                                [a for a in ("APT", "CEPT", "CITEL") if a != author]))
        drafts.append(path)
    out = tmp_path / "out.docx"
    result = runner.invoke(main, ["consolidate", str(base), *map(str, drafts), "--author", "APT",
                                  "--author", "CEPT", "--date", "2024-09-12",
                                  "--date", "2024-09-09", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert {"APT", "CEPT"} <= _authors(out) <= {"APT", "CEPT", "CEPT; APT", "APT; CEPT"}
    assert texts(reject(out.read_bytes())) == texts(base.read_bytes())
    wrong = runner.invoke(main, ["consolidate", str(base), *map(str, drafts), "--author", "APT",
                                 "-o", str(tmp_path / "x.docx")])
    assert wrong.exit_code == 2 and "give one --author per draft" in wrong.output
    assert not (tmp_path / "x.docx").exists()


def test_briefing_notes_name_the_conflicts_of_the_consolidated_drafts(tmp_path):
    """The chair's convergence line counts the consolidated draft's conflicts and names
    where they sit; a Resolution nobody modifies has no such count."""
    result = CliRunner().invoke(main, ["briefings", "--content", str(CONTENT),
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = texts((tmp_path / "com3-2.docx").read_bytes())
    assert any(line.startswith("Resolution 901:") and
               line.endswith("2 conflicts: after considering c), resolves 2.") for line in lines)
    assert any(line.startswith("Resolution 907:") and
               line.endswith("1 conflict: the whole Resolution.") for line in lines)
    assert not any(line.startswith("Resolution 903:") and "conflict" in line for line in lines)


def test_table_columns_widen_for_a_long_word_and_keep_their_shares_otherwise():
    """A column is never narrower than its longest word (an Arabic heading in a column
    sized for English broke inside the word); columns that need no more keep their
    design shares, scaled to fill the table."""
    from pipeline.consolidated import _fitted

    design = [0.22, 0.17, 0.2, 0.15, 0.14, 0.12]
    english = [["Source", "Proposal", "Document", "Date", "Revision author", "Revisions"],
               ["Asia-Pacific Telecommunity", "MOD ACP/42A1/1", "Addendum 1 to Document 42",
                "12 September 2024", "APT", "17"]]
    assert _fitted(design, english) == design
    arabic = [["المصدر", "المقترح", "الوثيقة", "التاريخ", "مؤلف المراجعات", "المراجعات"],
              ["جماعة آسيا والمحيط الهادئ للاتصالات", "MOD ACP/42A1/1", "الوثيقة 42", "12 سبتمبر",
               "APT", "17"]]
    fitted = _fitted(design, arabic)
    assert abs(sum(fitted) - 1) < 1e-9
    assert fitted[5] > design[5] and fitted[4] > design[4]  # the two long headings
    assert fitted[5] >= fitted[3]  # a column of one long word is as wide as a date's
    ratios = {round(fitted[i] / design[i], 6) for i in range(4)}
    assert len(ratios) == 1 and ratios.pop() < 1  # the others narrowed in proportion


def test_chinese_text_does_not_widen_a_column_a_line_can_break_anywhere_in():
    from pipeline.consolidated import _fitted

    design = [0.07, 0.13, 0.35, 0.45]
    rows = [["序号", "类型", "位置", "提案"],
            ["1", "插入", "在“" + "各区域之间尽早接触" * 6 + "”之后", "CEPT：" + "完全以线上方式举行" * 6]]
    assert _fitted(design, rows) == design
