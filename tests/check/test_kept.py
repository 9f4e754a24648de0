"""A Resolution's findings kept between runs, as `itudraft all` keeps them for the
streamlining report: the same findings as a run that keeps none, taken from the store
when nothing they are made of changed, checked again when something did (the file, or
what the checks consult besides it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.check import run
from pipeline.render.piecestore import PieceStore
from tests.check.cases import body

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
RULES = CONTENT / "supplement" / "rules.yaml"
#: cites 905 in its latest edition, and a Recommendation in the old form (a fixable finding)
CITING = ("*considering*\n\na) that WTSA Resolution 905 (Rev. Geneva, 2022) applies;\n\n"
          "b) that ITU-T Recommendation A.1 applies,\n\n*resolves*\n\nto act.\n")


class Recording:
    """A store that counts what it is asked to keep."""

    def __init__(self, store: PieceStore):
        self.store = store
        self.keeps = 0

    def kept(self, kind: str, key: bytes):
        return self.store.kept(kind, key)

    def keep(self, kind: str, key: bytes, data: bytes) -> None:
        self.keeps += 1
        self.store.keep(kind, key, data)


def _content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for name in ("assemblies", "resolutions"):
        shutil.copytree(CONTENT / name, root / name)
    shutil.copy(CONTENT / "texts.yaml", root / "texts.yaml")
    (root / "resolutions" / "res-950.md").write_text(body(CITING), encoding="utf-8")
    return root


def _run(content: Path, store=None):
    report = run([content / "resolutions"], content=content, rules_path=RULES, kept=store)
    assert not report.problems, [str(p) for p in report.problems]
    return report


def _shown(report) -> list[tuple]:
    return [(f.path, f.line, f.column, f.rule, f.severity, f.message, f.suggestion, f.fix)
            for f in report.findings]


def test_kept_findings_are_a_fresh_runs_and_are_not_checked_again(tmp_path):
    content = _content(tmp_path)
    store = Recording(PieceStore(tmp_path / "cache", "0" * 64))
    first = _run(content, store)
    assert store.keeps == len(first.resolutions) > 5
    assert any(f.fix for f in first.findings)  # fixes travel through the store too
    again = _run(content, store)
    assert store.keeps == len(first.resolutions)  # nothing checked again
    assert _shown(again) == _shown(first) == _shown(_run(content))


def test_a_change_to_what_a_check_consults_besides_the_file_is_checked_again(tmp_path):
    """Resolution 950 cites 905 in its Geneva, 2022 edition: correct, until 905's
    editions change; 950's file is the same, its finding must still come."""
    content = _content(tmp_path)
    store = Recording(PieceStore(tmp_path / "cache", "0" * 64))
    citing = str(content / "resolutions" / "res-950.md")
    assert not [f for f in _run(content, store).findings if f.path == citing and "905" in f.message]
    cited = content / "resolutions" / "res-905.md"
    cited.write_text(cited.read_text(encoding="utf-8").replace("  - Geneva, 2022\n", "", 1),
                     encoding="utf-8")
    found = [f for f in _run(content, store).findings if f.path == citing and "905" in f.message]
    assert [f.message for f in found] == [
        "Resolution 905 is cited in its Geneva, 2022 edition; the text in force is "
        "(Hammamet, 2016)"]
    assert _shown(_run(content, store)) == _shown(_run(content))


def test_a_damaged_entry_is_checked_again(tmp_path):
    content = _content(tmp_path)
    store = PieceStore(tmp_path / "cache", "0" * 64)
    first = _run(content, store)
    for entry in (tmp_path / "cache").rglob("*.bin"):
        entry.write_bytes(entry.read_bytes()[:40])
    assert _shown(_run(content, store)) == _shown(first)
