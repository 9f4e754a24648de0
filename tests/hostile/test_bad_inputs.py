"""Every bad input, against the command that reads it, as a user runs it.

For each case of the corpus: exit 1 or 2 with one error line that names the file
(and the line where there is one), or success where the input is valid after all;
never a traceback; under 10 s and 1 GB; no file outside the case's output folder
changed, none left half written (no temporary file anywhere), and an output folder
unchanged when the command failed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.hostile import corpus
from tests.hostile.runner import run

CASES = corpus.cases()


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under *folder*: its content digest and mode."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(folder).as_posix()] = (
                hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mode & 0o777)
    return found


def _split(snapshot: dict, out: str) -> tuple[dict, dict]:
    inside = {k: v for k, v in snapshot.items() if k == out or k.startswith(out + "/")}
    return inside, {k: v for k, v in snapshot.items() if k not in inside}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case: corpus.Case, tmp_path: Path):
    folder = tmp_path / "case"
    folder.mkdir()
    args = case.setup(folder)
    out_before, rest_before = _split(_snapshot(folder), corpus.OUT)

    outcome = run(args, folder)

    assert not outcome.killed_by, f"killed ({outcome.killed_by}) after {outcome.seconds:.1f} s"
    assert "Traceback" not in outcome.stderr, outcome.stderr[-3000:]
    out_after, rest_after = _split(_snapshot(folder), corpus.OUT)
    assert rest_after == rest_before, "a file outside the output folder changed"
    assert not [name for name in out_after if name.endswith(".tmp")], "a temporary file stayed"
    if case.ok:
        assert outcome.code == 0, outcome.stderr
    elif case.findings:
        assert outcome.code in (0, 1), outcome.stderr
        assert not [line for line in outcome.lines if line.startswith("itudraft: ")], outcome.stderr
    elif case.check is corpus._any and outcome.code == 0:
        pass  # a file a command may take: it did, cleanly
    else:
        assert outcome.code in (1, 2), (outcome.code, outcome.stderr[-2000:])
        message = [line for line in outcome.lines if line.startswith(("itudraft: ", "Error: "))]
        assert len(message) == 1, outcome.stderr
        assert case.names in message[0], (case.names, message[0])
        if case.line is not None:
            assert f"{case.names}:{case.line}" in message[0], message[0]
        assert out_after == out_before, "the failed command changed the output folder"
    if case.check is not None:
        case.check(folder)


def test_outputs_get_the_mode_of_a_normal_file(tmp_path: Path):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "good.docx").write_bytes(corpus.good_docx())
    mask = os.umask(0o022)
    try:
        outcome = run(["accept", "good.docx", "-o", "out/accepted.docx"], folder)
    finally:
        os.umask(mask)
    assert outcome.code == 0, outcome.stderr
    assert (folder / "out" / "accepted.docx").stat().st_mode & 0o777 == 0o644


def test_an_interrupted_build_leaves_the_previous_output(tmp_path: Path):
    """Ctrl-C in the middle of a build: the earlier output stays whole and no temporary
    file is left behind."""
    folder = tmp_path / "case"
    folder.mkdir()
    corpus._tree(folder)
    first = run(corpus.RESOLUTIONS, folder)
    assert first.code == 0, first.stderr
    before = _snapshot(folder / corpus.OUT)
    corpus._replace(folder / corpus.DRAFT, "that the assembly adopts",
                    "that the assembly adopts and revises")
    for delay in (0.3, 0.6, 0.9):
        outcome = run(corpus.RESOLUTIONS, folder, interrupt_after=delay)
        after = _snapshot(folder / corpus.OUT)
        assert not [name for name in after if name.endswith(".tmp")]
        assert "Traceback" not in outcome.stderr
        if outcome.code == 130:
            assert outcome.lines[-1] == "itudraft: interrupted: nothing was left half written"
            assert set(after) == set(before)
