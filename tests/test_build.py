"""`itudraft all`: every output, rebuilt only where its inputs changed, the same bytes
whatever the order, the cores or the checkout path, and never half written."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.build import CACHE, MANIFEST, Settings, build_all
from tests.conftest import CONTENT
from tests.wordfile import texts

EXPECTED = {"resolutions/acp-42a1.docx", "resolutions/compilation.docx",
            "consolidated/res-901.docx", "consolidated/conflicts.md", "briefings/com3-2.docx",
            "action-plan/WTSA-Action-Plan.xlsx", "focal-points.docx",
            "reports/streamlining.docx", "resolutions/clean/resolution-901-ACP-42A1-1.docx"}


def _content(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    return content


def _outputs(out: Path) -> dict[str, bytes]:
    """Every file the build wrote but its manifest and its cache of rendered pieces."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST and CACHE not in p.relative_to(out).parts}


def _cached(out: Path) -> set[str]:
    return {p.name for p in (out / CACHE).rglob("*.xml")}


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """One cold build of the examples (two workers), shared by the tests that read it."""
    folder = tmp_path_factory.mktemp("first")
    content = _content(folder)
    outcome = build_all(Settings(content, paginate=False), folder / "build", jobs=2)
    return folder, content, outcome


def test_a_cold_build_makes_every_output(first):
    folder, _content_folder, outcome = first
    assert not outcome.failed, outcome.failed
    made = set(_outputs(folder / "build"))
    assert EXPECTED <= made, EXPECTED - made
    assert any(name.startswith("supplement/") for name in made)
    assert set(outcome.built) and not outcome.fresh


def test_a_second_build_changes_nothing(first, tmp_path):
    folder, content, _ = first
    before = _outputs(folder / "build")
    outcome = build_all(Settings(content, paginate=False), folder / "build", jobs=2)
    assert outcome.built == [] and not outcome.failed and len(outcome.fresh) > 20
    assert _outputs(folder / "build") == before


def test_one_changed_resolution_rebuilds_the_documents_that_contain_it(tmp_path, first):
    folder, _, _ = first
    content = _content(tmp_path)
    out = tmp_path / "build"
    shutil.copytree(folder / "build", out)  # the same bytes as a build of this content
    res = content / "resolutions" / "res-901.md"
    res.write_text(res.read_text(encoding="utf-8").replace(
        "often pursue the same aim", "often pursue one aim"), encoding="utf-8")
    outcome = build_all(Settings(content, paginate=False), out, jobs=2)
    built = set(outcome.built)
    # the MODs of 901 (APT, CEPT, CITEL), the compilation, its consolidated draft...
    assert {"resolutions/acp-42a1.docx", "resolutions/ecp-39a1.docx",
            "resolutions/iap-44a1.docx", "resolutions/compilation.docx",
            "consolidated/res-901.docx", "reports/streamlining.docx"} <= built, built
    # ... and not what does not contain it
    assert not built & {"resolutions/afcp-40a1.docx", "resolutions/ecp-39a2.docx",
                        "consolidated/res-902.docx", "consolidated/res-907.docx",
                        "resolutions/clean/resolution-901-ACP-42A1-1.docx"}, built
    assert not any(name.startswith("supplement/") for name in built)
    # the Action Plan, the focal points and the notes show 901's title, not this clause
    titles_only = {"action-plan/WTSA-Action-Plan.docx", "action-plan/WTSA-Action-Plan.xlsx",
                   "focal-points.docx", "briefings/com3-2.docx"}
    assert not built & titles_only, built
    cold = build_all(Settings(content, paginate=False), tmp_path / "cold", jobs=2)
    assert not cold.failed, cold.failed
    # everything as a cold build writes it: the streamlining report from the other
    # Resolutions' kept findings and sections, the rest from kept pieces
    assert _outputs(out) == _outputs(tmp_path / "cold")


def test_a_changed_title_rebuilds_what_shows_it(tmp_path, first):
    """A Resolution's title is what the Action Plan and the notes show of it: a new one
    rebuilds them, with the new title in them."""
    folder, _, _ = first
    content = _content(tmp_path)
    out = tmp_path / "build"
    shutil.copytree(folder / "build", out)
    res = content / "resolutions" / "res-901.md"
    old = "title: Regional focal points for the Resolutions of the assembly"
    res.write_text(res.read_text(encoding="utf-8").replace(
        old, "title: Regional focal points for every Resolution of the assembly"),
        encoding="utf-8")
    outcome = build_all(Settings(content, paginate=False), out, jobs=2)
    assert not outcome.failed, outcome.failed
    assert {"action-plan/WTSA-Action-Plan.docx", "briefings/com3-2.docx",
            "focal-points.docx"} <= set(outcome.built), outcome.built
    plan = "\n".join(texts(out / "action-plan" / "WTSA-Action-Plan.docx"))
    assert "Regional focal points for every Resolution of the assembly" in plan


def test_the_content_folder_named_from_elsewhere_rebuilds_nothing(first, tmp_path,
                                                                  monkeypatch):
    """The same content folder given as a relative path from its parent (the first build
    had it absolute), with a file no document reads added: every output is up to date
    (the inputs are hashed by their names in the content folder, whatever the spelling
    of their paths)."""
    folder, _, _ = first
    content = _content(tmp_path)
    shutil.copytree(folder / "build", tmp_path / "build")
    (content / "notes-to-self.txt").write_text("read by no document", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outcome = build_all(Settings(Path("content"), paginate=False), Path("build"), jobs=2)
    assert outcome.built == [] and not outcome.failed, outcome.built


def test_a_warm_build_converts_only_the_changed_pieces_and_gives_a_cold_builds_bytes(
        first, tmp_path):
    """After one proposal's Reasons and one draft changed, the rebuild takes every other
    piece from the cache, and writes what a cold build with no cache writes."""
    folder, _, _ = first
    content = _content(tmp_path)
    out = tmp_path / "build"
    shutil.copytree(folder / "build", out)
    before = _cached(out)
    contribution = content / "proposals" / "wtsa-24" / "ecp-39a1.yaml"
    text = contribution.read_text(encoding="utf-8")
    assert "at lower cost" in text
    contribution.write_text(text.replace("at lower cost", "at a lower cost", 1), encoding="utf-8")
    draft = content / "proposals" / "wtsa-24" / "drafts" / "ecp" / "res-901.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace(" the ", " the said ", 1),
                     encoding="utf-8")
    outcome = build_all(Settings(content, paginate=False), out, jobs=2)
    assert "resolutions/compilation.docx" in outcome.built and not outcome.failed
    added = _cached(out) - before
    assert 1 <= len(added) <= 3, added  # the Reasons and the draft's text (its notes)
    cold = build_all(Settings(content, paginate=False), tmp_path / "cold", jobs=2)
    assert not cold.failed
    assert _outputs(out) == _outputs(tmp_path / "cold")


def test_a_changed_reasons_text_is_the_one_conversion_pandoc_makes(first, tmp_path):
    """pandoc's conversions are kept with the pieces: after one proposal's Reasons changed,
    the documents that hold them are rebuilt with one conversion (the new Reasons); their
    skeletons, unchanged, are not converted again, and the bytes are a cold build's."""
    folder, _, _ = first
    content = _content(tmp_path)
    out = tmp_path / "build"
    shutil.copytree(folder / "build", out)
    before = {p.name for p in (out / CACHE).rglob("*.bin")}
    assert before  # the first build kept its conversions
    contribution = content / "proposals" / "wtsa-24" / "ecp-39a1.yaml"
    contribution.write_text(contribution.read_text(encoding="utf-8").replace(
        "at lower cost", "at a lower cost", 1), encoding="utf-8")
    outcome = build_all(Settings(content, paginate=False), out, jobs=2)
    assert {"resolutions/ecp-39a1.docx", "resolutions/compilation.docx"} <= set(outcome.built)
    added = {p.name for p in (out / CACHE).rglob("*.bin")} - before
    assert len(added) == 1, added
    cold = build_all(Settings(content, paginate=False), tmp_path / "cold", jobs=2)
    assert not cold.failed
    assert _outputs(out) == _outputs(tmp_path / "cold")


def test_a_damaged_conversion_in_the_cache_is_converted_again(first, tmp_path):
    """A kept conversion that is not what pandoc writes (a file damaged on disk) is not
    used: the rebuild converts again and writes a cold build's bytes."""
    folder, _, _ = first
    content = _content(tmp_path)
    out = tmp_path / "build"
    shutil.copytree(folder / "build", out)
    for number, entry in enumerate(sorted((out / CACHE).rglob("*.bin"))):
        data = entry.read_bytes()  # cut short, or one byte changed
        entry.write_bytes(data[:len(data) // 2] if number % 2 else
                          data[:-1] + bytes([data[-1] ^ 1]))
    contribution = content / "proposals" / "wtsa-24" / "ecp-39a1.yaml"
    contribution.write_text(contribution.read_text(encoding="utf-8").replace(
        "at lower cost", "at a lower cost", 1), encoding="utf-8")
    outcome = build_all(Settings(content, paginate=False), out, jobs=2)
    assert not outcome.failed, outcome.failed
    cold = build_all(Settings(content, paginate=False), tmp_path / "cold", jobs=2)
    assert _outputs(out) == _outputs(tmp_path / "cold")


def test_the_cache_keeps_this_version_and_removes_only_what_it_wrote(first, tmp_path):
    """Pieces of an earlier version of the pipeline go at the next build; a file of
    another name in the cache, even in a folder named like the store's, stays."""
    folder, _, _ = first
    content = _content(tmp_path)
    out = tmp_path / "build"
    shutil.copytree(folder / "build", out)
    pieces = out / CACHE / "pieces"
    (current,) = list(pieces.iterdir())
    earlier = pieces / ("0" * 16) / "ab"
    earlier.mkdir(parents=True)
    (earlier / f"ab{'0' * 62}.xml").write_bytes(b"in place\n")
    (earlier / f".ab{'0' * 62}.xml.x1y2.tmp").write_bytes(b"")
    mine = pieces / ("1" * 16) / "ab" / "notes.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("a person's file", encoding="utf-8")
    res = content / "resolutions" / "res-902.md"
    res.write_text(res.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not build_all(Settings(content, paginate=False), out, jobs=2).failed
    assert not (pieces / ("0" * 16)).exists()
    assert mine.read_text(encoding="utf-8") == "a person's file"
    assert any(current.rglob("*.xml"))


def test_serial_parallel_and_another_checkout_give_the_same_bytes(first, tmp_path):
    folder, _, _ = first
    elsewhere = _content(tmp_path / "another" / "checkout")
    outcome = build_all(Settings(elsewhere, paginate=False), tmp_path / "serial", jobs=1)
    assert not outcome.failed
    assert _outputs(tmp_path / "serial") == _outputs(folder / "build")


def test_a_failing_document_is_reported_and_the_others_are_built(tmp_path):
    content = _content(tmp_path)
    draft = content / "proposals" / "wtsa-24" / "drafts" / "ecp" / "res-902.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\n::: No_such_style\n\nText.\n\n:::\n",
                     encoding="utf-8")
    outcome = build_all(Settings(content, paginate=False), tmp_path / "build", jobs=2)
    failed = dict(outcome.failed)
    assert "resolutions/ecp-39a2.docx" in failed and "No_such_style" in failed[
        "resolutions/ecp-39a2.docx"]
    assert "resolutions/acp-42a1.docx" in outcome.built
    assert (tmp_path / "build" / "resolutions" / "acp-42a1.docx").is_file()
    assert not (tmp_path / "build" / "resolutions" / "ecp-39a2.docx").exists()
    # fixed, the next build makes only what failed (and what reads it)
    draft.write_text(draft.read_text(encoding="utf-8").split("\n::: No_such_style")[0] + "\n",
                     encoding="utf-8")
    again = build_all(Settings(content, paginate=False), tmp_path / "build", jobs=2)
    assert "resolutions/ecp-39a2.docx" in again.built and not again.failed
    assert "resolutions/acp-42a1.docx" in again.fresh


def test_an_output_a_person_changed_is_rebuilt_and_a_stale_one_removed_only_if_ours(
        first, tmp_path):
    folder, _, _ = first
    content = _content(tmp_path)
    out = tmp_path / "build"
    shutil.copytree(folder / "build", out)
    (out / "focal-points.docx").write_bytes(b"edited by hand")
    mine = out / "resolutions" / "notes.txt"
    mine.write_text("a person's file", encoding="utf-8")
    (content / "meetings" / "adhoc-ori-1.yaml").unlink()
    outcome = build_all(Settings(content, paginate=False), out, jobs=2)
    assert "focal-points.docx" in outcome.built
    assert outcome.removed == ["briefings/adhoc-ori-1.docx"]
    assert mine.read_text(encoding="utf-8") == "a person's file"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_build_killed_midway_leaves_each_output_old_or_new(first, tmp_path):
    folder, _, _ = first
    content = _content(tmp_path)
    out = tmp_path / "build"
    shutil.copytree(folder / "build", out)
    old = _outputs(out)
    for path in (content / "resolutions").glob("res-90*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("the assembly", "the Assembly"),
                        encoding="utf-8")
    itudraft = Path(sys.executable).parent / "itudraft"
    process = subprocess.Popen([str(itudraft), "all", "--content", str(content), "--out",
                                str(out), "--no-paginate"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(4)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    killed = _outputs(out)
    assert not [name for name in killed if name.endswith(".tmp")]
    outcome = build_all(Settings(content, paginate=False), tmp_path / "new", jobs=2)
    assert not outcome.failed
    new = _outputs(tmp_path / "new")
    for name, data in killed.items():
        assert data in (old.get(name), new.get(name)), name
    # and the next build finishes the work
    build_all(Settings(content, paginate=False), out, jobs=2)
    assert _outputs(out) == new


def test_make_all_writes_what_the_single_targets_write(first, tmp_path):
    from pipeline.consolidated import build_consolidated
    from pipeline.proposals import build_resolutions

    folder, content, _ = first
    args = (content / "proposals" / "wtsa-24", content / "resolutions", content / "assemblies")
    build_resolutions(*args, tmp_path / "resolutions", paginate_toc=False)
    build_consolidated(*args, tmp_path / "consolidated")
    single = {name: data for name, data in _outputs(tmp_path).items()
              if not name.endswith(".itudraft-outputs")}
    together = _outputs(folder / "build")
    assert single and all(together[name] == data for name, data in single.items()), \
        [name for name, data in single.items() if together.get(name) != data]


def test_a_french_text_changed_rebuilds_the_french_documents_that_read_it(tmp_path, first):
    folder, _, _ = first
    content = _content(tmp_path)
    out = tmp_path / "build"
    shutil.copytree(folder / "build", out)
    french = content / "resolutions" / "res-907.fr.md"
    text = french.read_text(encoding="utf-8")
    changed = text.replace("\nc) ", "\nc) (texte revu) ", 1)
    assert changed != text
    french.write_text(changed, encoding="utf-8")
    outcome = build_all(Settings(content, paginate=False), out, jobs=2)
    assert not outcome.failed, outcome.failed
    # the French text in force, the French contribution that suppresses it, and the
    # streamlining report (the checker reads every text); no English document and nothing
    # in another language reads the French text
    assert set(outcome.built) == {"resolutions/fr/resolution-907-F.docx",
                                  "resolutions/fr/iap-44a1-F.docx",
                                  "reports/streamlining.docx"}, outcome.built


def test_the_pipeline_version_covers_all_its_code_and_data_and_no_bytecode():
    """A change anywhere in the package (a renderer, the redline engine, not only the
    build's own modules) or in the house style and templates rebuilds everything; the
    bytecode Python writes beside the modules does not."""
    from pipeline.build import pipeline_files

    root = Path(__file__).resolve().parents[1]
    files = set(pipeline_files())
    for name in ("pipeline/render/writer.py", "pipeline/redline/engine.py",
                 "pipeline/check/wording.py", "styles/itu-styles.yaml",
                 "styles/itu-reference.docx", "templates/briefings/briefing-note.docx",
                 "content/resolutions/conventions.yaml"):
        assert (root / name).resolve() in files, name
    assert not [path for path in files if "__pycache__" in path.parts or path.suffix == ".pyc"]
