"""Bad input for `itudraft resolutions`: one line naming the file and line, exit 1,
nothing written in the output folder."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.redline import accept, reject
from tests.conftest import CONTENT
from tests.wordfile import paragraphs, part


@pytest.fixture()
def content(tmp_path) -> Path:
    """A writable copy of the example content."""
    target = tmp_path / "content"
    for name in ("resolutions", "assemblies", "proposals"):
        shutil.copytree(CONTENT / name, target / name)
    return target


def _build(content: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, [
        "resolutions", "--proposals", str(content / "proposals" / "wtsa-24"),
        "--resolutions", str(content / "resolutions"),
        "--assemblies", str(content / "assemblies"), "--out", str(out), *extra])


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _line_of(path: Path, needle: str, last: bool = False) -> int:
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if needle in line]
    return lines[-1] if last else lines[0]


PROPOSAL = Path("proposals/wtsa-24/acp-42a1.yaml")
DRAFT = Path("proposals/wtsa-24/drafts/acp/res-901.md")

CASES = {
    "unknown-resolution": (PROPOSAL.parent / "acp-42a2.yaml", "resolution: 907", "resolution: 977",
                           "resolution: 977", "unknown Resolution 977"),
    "mod-without-base": (PROPOSAL, "resolution: 901", "resolution: 961", "resolution: 961",
                         "MOD of Resolution 961 has no base"),
    "duplicate-number": (PROPOSAL.parent / "acp-42a2.yaml", "number: ACP/42A2/2",
                         "number: ACP/42A2/1", "number: ACP/42A2/1", "duplicate proposal number"),
    "wrong-prefix": (PROPOSAL, "number: ACP/42A1/1", "number: ECP/42A1/1", "number: ECP/42A1/1",
                     "does not match its source and document"),
    "unknown-region": (PROPOSAL, "source: APT", "source: APTT", "source: APTT",
                       "unknown region 'APTT'"),
    "malformed-front-matter": (DRAFT, "status: in-force", "status: [in-force", "status: [",
                               "malformed YAML"),
    "bad-field": (DRAFT, "status: in-force", "status: maybe", "status: maybe",
                  "field 'status'"),
    "lettering-gap": (DRAFT, "\nb) ", "\nc) ", "c) ", "'c)' after 'a)' under *considering*"),
    "unknown-call": (DRAFT, "*recognizing*", "*recognising*", "*recognising*",
                     "unknown call 'recognising'"),
    "bad-date": (PROPOSAL, "date: 2024-09-12", "date: 2024-13-12", "date: 2024-13-12",
                 "field 'date': '2024-13-12' is not a date"),
    "base-of-another-resolution": (PROPOSAL, "    text: drafts/acp/res-901.md",
                                   "    text: drafts/acp/res-901.md\n"
                                   "    base: ../../resolutions/res-905.md",
                                   "base: ../../resolutions/res-905.md",
                                   "the base is Resolution 905, not 901"),
    "merge-into-itself": (PROPOSAL.parent / "ecp-39a2.yaml", "merges: [903]", "merges: [902]",
                          "merges: [902]", "Resolution 902 cannot merge into itself"),
    "first-item-bis": (DRAFT, "\na) that the assembly adopts", "\na)bis that the assembly adopts",
                       "a)bis that the assembly", "'a)bis' as the first item"),
    "run-together-items": (DRAFT, "(TSAG);\n\nb) that", "(TSAG);\nb) that", "b) that proposals",
                           "'b)' starts a new item: leave a blank line before it"),
    "call-run-into-item": (DRAFT, "*considering*\n\na)", "*considering*\na)",
                           "a) that the assembly adopts",
                           "leave a blank line after it"),
    "undefined-footnote": (DRAFT, "(TSAG);", "(TSAG)[^nowhere];", "[^nowhere]",
                           "footnote [^nowhere] has no definition"),
    "missing-draft": (PROPOSAL, "text: drafts/acp/res-901.md", "text: drafts/acp/res-9011.md",
                      "res-9011.md", "field 'text': no such file"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(content, tmp_path, case):
    relative, old, new, needle, message = CASES[case]
    path = content / relative
    _edit(path, old, new)
    out = tmp_path / "out"
    out.mkdir()
    (out / "earlier.docx").write_bytes(b"kept")
    result = _build(content, out)
    assert result.exit_code == 1, result.output
    line = result.output.strip()
    assert "\n" not in line and "Traceback" not in line
    assert re.search(rf"{re.escape(str(path))}:{_line_of(path, needle, case == 'duplicate-number')}\b", line), line
    assert message in line
    assert sorted(p.name for p in out.iterdir()) == ["earlier.docx"]  # nothing written, nothing lost


def test_debug_shows_the_traceback(content, tmp_path):
    _edit(content / DRAFT, "*recognizing*", "*recognising*")
    result = CliRunner().invoke(main, ["--debug", "resolutions", "--proposals",
                                       str(content / "proposals" / "wtsa-24"), "--resolutions",
                                       str(content / "resolutions"), "--assemblies",
                                       str(content / "assemblies"), "--out", str(tmp_path / "o")])
    assert isinstance(result.exception, PipelineError), result.exception  # not SystemExit
    assert "unknown call 'recognising'" in str(result.exception)


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=folder, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_base_from_a_git_revision(content, tmp_path):
    _git(content, "init", "-q")
    _git(content, "add", ".")
    _git(content, "commit", "-qm", "in force")
    draft = content / DRAFT
    _edit(draft, "that the assembly adopts", "that the assembly usually adopts")
    out = tmp_path / "out"
    result = _build(content, out, "--base-rev", "HEAD")
    assert result.exit_code == 0, result.output
    marked = out / "acp-42a1.docx"
    texts = {"accept": accept(marked), "reject": reject(marked)}
    for name, data in texts.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    accepted = [p.text for p in paragraphs(tmp_path / "accept.docx")]
    rejected = [p.text for p in paragraphs(tmp_path / "reject.docx")]
    # the base is the draft as committed: the only change is the edit since HEAD
    assert [a for a, r in zip(accepted, rejected) if a != r] == \
        [next(t for t in accepted if "usually adopts" in t)]
    result = _build(content, out, "--base-rev", "no-such-rev")
    assert result.exit_code == 1 and "at git revision 'no-such-rev'" in result.output


def test_duplicate_number_across_contributions(content, tmp_path):
    folder = content / "proposals" / "wtsa-24"
    shutil.copy(folder / "acp-42a1.yaml", folder / "acp-42a1-again.yaml")
    result = _build(content, tmp_path / "out")
    assert result.exit_code == 1
    assert "acp-42a1.yaml:" in result.output  # the later file, in name order
    assert "duplicate proposal number 'ACP/42A1/1' (also in" in result.output
    assert not (tmp_path / "out").exists()


def test_base_from_an_imported_word_file(content, tmp_path):
    """A MOD's base can be the published .docx: imported on the fly, it gives the same
    text in force as the Markdown source, so Reject All reads the same."""
    in_force = content / "proposals" / "wtsa-24" / "in-force" / "res-901.docx"
    result = CliRunner().invoke(main, ["render", str(content / "resolutions" / "res-901.md"),
                                       "-o", str(in_force)])
    assert result.exit_code == 0, result.output
    proposal = content / PROPOSAL
    _edit(proposal, "    text: drafts/acp/res-901.md",
          f"    text: drafts/acp/res-901.md\n    base: {in_force}")
    with_docx, with_md = tmp_path / "docx", tmp_path / "md"
    assert _build(content, with_docx).exit_code == 0
    _edit(proposal, f"    base: {in_force}", "    base: ../../resolutions/res-901.md")
    assert _build(content, with_md).exit_code == 0
    for folder in (with_docx, with_md):
        (folder / "rejected.docx").write_bytes(reject(folder / "acp-42a1.docx"))
    assert [(p.style, p.text) for p in paragraphs(with_docx / "rejected.docx")] == \
        [(p.style, p.text) for p in paragraphs(with_md / "rejected.docx")]


def test_an_unchanged_picture_is_not_a_change(content, tmp_path):
    """The same picture beside the text in force and beside the draft (or inside an
    imported .docx base) reads the same on both sides: no revision marks on it."""
    pixel = Path(__file__).parent / "fixtures" / "resolutions" / "pixel.png"
    for text in (content / "resolutions" / "res-901.md", content / DRAFT):
        shutil.copy(pixel, text.parent / "pixel.png")
        _edit(text, "\n*recognizing*", "\n![](pixel.png)\n\n*recognizing*")
    out = tmp_path / "md"
    assert _build(content, out).exit_code == 0
    in_force = content / "proposals" / "wtsa-24" / "in-force" / "res-901.docx"
    CliRunner().invoke(main, ["render", str(content / "resolutions" / "res-901.md"),
                              "-o", str(in_force)])
    _edit(content / PROPOSAL, "    text: drafts/acp/res-901.md",
          f"    text: drafts/acp/res-901.md\n    base: {in_force}")
    assert _build(content, tmp_path / "docx").exit_code == 0
    for folder in (out, tmp_path / "docx"):
        xml = etree.tostring(part(folder / "acp-42a1.docx", "word/document.xml"),
                             encoding="unicode")
        assert xml.count("<w:drawing>") == 1
        marked = re.findall(r"<w:(?:ins|del) [^>]*>(?:(?!</w:(?:ins|del)>).)*</w:(?:ins|del)>",
                            xml, re.S)
        assert marked and not any("<w:drawing>" in change for change in marked)
        assert str(tmp_path) not in xml and str(content) not in xml  # no folder names inside


def test_withdrawn_proposal_output_goes_other_files_stay(content, tmp_path):
    out = tmp_path / "out"
    assert _build(content, out).exit_code == 0
    (out / "my-notes.docx").write_bytes(b"mine")
    (content / "proposals" / "wtsa-24" / "iap-44a1.yaml").unlink()
    assert _build(content, out).exit_code == 0
    assert not (out / "iap-44a1.docx").exists()
    assert not (out / "clean" / "resolution-901-IAP-44A1-1.docx").exists()
    assert (out / "my-notes.docx").read_bytes() == b"mine"


def test_default_proposals_folder_is_the_latest_assembly(content):
    from pipeline.sources.proposal import newest_proposals
    assemblies = content / "assemblies"
    next_one = (assemblies / "wtsa-24.yaml").read_text(encoding="utf-8") \
        .replace("id: wtsa-24", "id: wtsa-28").replace("year: 2024", "year: 2028")
    (assemblies / "wtsa-28.yaml").write_text(next_one, encoding="utf-8")
    (content / "proposals" / "wtsa-28").mkdir()
    (content / "proposals" / "notes").mkdir()  # not an assembly: ignored
    assert newest_proposals(content / "proposals", assemblies).name == "wtsa-28"
    (assemblies / "wtsa-28.yaml").unlink()
    assert newest_proposals(content / "proposals", assemblies).name == "wtsa-24"


def test_a_member_state_declared_by_the_assembly_submits_proposals_of_its_own(content, tmp_path):
    """Member States are data of the assembly, as the regions are: one declared there
    signs a contribution alone, with its own prefix; one not declared is refused."""
    contribution = content / "proposals" / "wtsa-24" / "b-70a1.yaml"
    contribution.write_text(
        "assembly: wtsa-24\ndocument: 70\naddendum: 1\ndate: 2024-09-15\nsource: Brazil\n"
        "title: Proposal of Brazil\nabstract: No change to Resolution 906.\nproposals:\n"
        "  - symbol: NOC\n    number: B/70A1/1\n    resolution: 906\n"
        "    reasons: The Resolution serves its purpose.\n", encoding="utf-8")
    refused = _build(content, tmp_path / "refused")
    assert refused.exit_code == 1 and "unknown region 'Brazil'" in refused.output
    assembly = content / "assemblies" / "wtsa-24.yaml"
    assembly.write_text(assembly.read_text(encoding="utf-8")
                        + "member_states:\n  Brazil: {name: Brazil, prefix: B}\n", encoding="utf-8")
    result = _build(content, tmp_path / "out")
    assert result.exit_code == 0, result.output
    cover = [p.text for p in paragraphs(tmp_path / "out" / "b-70a1.docx")]
    assert "Brazil" in cover and "NOC\tB/70A1/1" in cover
    assert not any("Member Administrations" in text for text in cover)
    compiled = [p.text for p in paragraphs(tmp_path / "out" / "compilation.docx")]
    assert "Source: Brazil, Addendum 1 to Document 70-E" in compiled
