"""Bad input: one line naming file, line and field; exit 1; no traceback; nothing written."""

from __future__ import annotations

import re
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.errors import PipelineError


def _build(src: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["supplement", "--source", str(src), "--out", str(out),
                                     *extra])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


CASES = {
    "missing metadata field": (
        "supplement.yaml", "summary: A short summary.\n", "",
        r"^itudraft: schema: .*supplement\.yaml:1:1: missing field 'summary'$"),
    "malformed yaml": (
        "supplement.yaml", "keywords: [alpha, beta]", "keywords: [alpha, beta",
        r"^itudraft: yaml: .*supplement\.yaml:\d+:\d+: malformed YAML: .+$"),
    "wrong field type": (
        "supplement.yaml", "number: 3", "number: three",
        r"^itudraft: schema: .*supplement\.yaml:1:1: field 'number': expected a whole number, "
        r"found 'three'$"),
    "unknown style": (
        "b.md", 'custom-style="Call"', 'custom-style="Calll"',
        r"^itudraft: style: .*b\.md:(\d+):\d+: unknown style 'Calll': .+$"),
    "broken cross-reference": (
        "a.md", "@sec:rules and", "@sec:nowhere and",
        r"^itudraft: xref: .*a\.md:3:\d+: cross-reference '@sec:nowhere' points at nothing.*$"),
    "unlisted reference key": (
        "a.md", "cites [ITU-T A.1]", "cites [ITU-T Z.999]",
        r"^itudraft: xref: .*a\.md:3:\d+: reference \[ITU-T Z\.999\] is cited but not listed.*$"),
    "missing image": (
        "b.md", "(pixel.png)", "(missing.png)",
        r"^itudraft: missing-file: .*b\.md:\d+:\d+: image 'missing.png' not found.*$"),
    "missing clause file": (
        "supplement.yaml", "clauses: [a.md, b.md]", "clauses: [a.md, c.md]",
        r"^itudraft: missing-file: .*supplement\.yaml:\d+:\d+: clauses\[1\]: no such file 'c.md'$"),
    "rule ids out of order": (
        "rules.yaml", "id: R-02", "id: R-01",
        r"^itudraft: rules: .*rules\.yaml:3:\d+: rule R-01 is out of order or repeated.*$"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_gives_one_line_and_exit_1(case, mini_copy, tmp_path):
    name, old, new, pattern = CASES[case]
    _edit(mini_copy / name, old, new)
    out = tmp_path / "out"
    result = _build(mini_copy, out)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert re.match(pattern, lines[0]), lines[0]
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_error_line_points_at_the_culprit(mini_copy, tmp_path):
    _edit(mini_copy / "b.md", 'custom-style="Call"', 'custom-style="Calll"')
    result = _build(mini_copy, tmp_path / "out")
    line = int(re.search(r"b\.md:(\d+):", result.output).group(1))
    assert line == _line_of(mini_copy / "b.md", "Calll")


def test_debug_shows_the_traceback(mini_copy, tmp_path):
    _edit(mini_copy / "a.md", "@sec:rules and", "@sec:nowhere and")
    args = ["supplement", "--source", str(mini_copy), "--out", str(tmp_path / "out")]
    plain = CliRunner().invoke(main, args)
    assert isinstance(plain.exception, SystemExit) and "Traceback" not in plain.output
    debug = CliRunner().invoke(main, ["--debug", *args])
    # the error itself escapes the command, so Python prints its traceback
    assert isinstance(debug.exception, PipelineError), debug.exception
    assert "points at nothing" in str(debug.exception)
    assert "resolve_xrefs" in "".join(traceback.format_exception(debug.exception))


def test_failed_rebuild_keeps_the_previous_file(mini_copy, tmp_path):
    out = tmp_path / "out"
    assert _build(mini_copy, out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _edit(mini_copy / "a.md", "@sec:rules and", "@sec:nowhere and")
    assert _build(mini_copy, out).exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
