"""Every rule with a check: the list and the checks agree, each check finds its planted
defect at the right line and is silent on the text put right, and the examples are
clean."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.check import Config, rules_by_slug, run
from pipeline.check.registry import CHECKS
from pipeline.cli import main
from pipeline.sources.resolution import load_conventions
from tests.check.cases import CONTRIBUTION_CASES, OFFSET, RESOLUTION_CASES, body

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
RULES = CONTENT / "supplement" / "rules.yaml"
#: reader-enforced rules: the reader of contributions stops there, the checker says so
READER = {"symbol-and-number", "sup-without-text", "translation-structure"}


def test_every_rule_with_a_check_has_one_and_every_check_names_a_rule():
    slugs = set(rules_by_slug(RULES))
    assert slugs - READER == set(CHECKS), (slugs ^ set(CHECKS)) - READER
    assert len(CHECKS) >= 25


def test_every_check_has_a_failing_and_a_passing_case():
    assert set(RESOLUTION_CASES) | set(CONTRIBUTION_CASES) == set(rules_by_slug(RULES))


@pytest.fixture
def content(tmp_path) -> Path:
    """A content folder with the example assembly, texts in force and list of texts."""
    root = tmp_path / "content"
    for name in ("assemblies", "resolutions"):
        shutil.copytree(CONTENT / name, root / name)
    shutil.copy(CONTENT / "texts.yaml", root / "texts.yaml")
    (root / "supplement").mkdir()
    shutil.copy(RULES, root / "supplement" / "rules.yaml")
    (root / "proposals" / "wtsa-24" / "drafts").mkdir(parents=True)
    return root


def _findings(content: Path, path: Path, slug: str):
    report = run([path], content=content, config=Config(select=[slug]), rules_path=RULES)
    assert not report.problems, [str(p) for p in report.problems]
    return report.findings


@pytest.mark.parametrize("slug", sorted(RESOLUTION_CASES))
def test_resolution_rule_finds_its_defect(content, slug):
    failing, line, passing = RESOLUTION_CASES[slug]
    rule = rules_by_slug(RULES)[slug].id
    path = content / "res-950.md"
    path.write_text(body(failing), encoding="utf-8")
    found = _findings(content, path, slug)
    assert found, f"{slug} found nothing in its failing case"
    assert {f.rule for f in found} == {rule}
    assert line in {f.line for f in found}, [(f.line, f.message) for f in found]
    path.write_text(body(passing), encoding="utf-8")
    assert _findings(content, path, slug) == []


def _draft(content: Path, spec: str) -> str:
    if spec.startswith("@new:"):
        number = spec[5:]
        return (f"---\nnumber: {number}\ntitle: Example of a new Resolution\neditions:\n"
                "  - New Delhi, 2024\nstatus: draft\n---\n\n*considering*\n\nthat it is an "
                "example,\n\n*resolves*\n\nto act.\n")
    text = (content / "resolutions" / "res-905.md").read_text(encoding="utf-8")
    if "+edition" in spec:
        text = text.replace("  - Geneva, 2022\n", "  - Geneva, 2022\n  - New Delhi, 2024\n", 1)
    if "-old" in spec:
        text = text.replace("  - Geneva, 2022\n", "", 1)
    if "+change" in spec:
        text = text.replace("a) that Recommendations are read", "a) that Recommendations are "
                            "often read", 1)
    if ":fr" in spec:  # the draft "in French": its calls as conventions.fr.yaml writes them
        calls = load_conventions(content / "resolutions", "fr").english
        for french, english in calls.items():
            text = text.replace(f"\n*{english}*\n", f"\n*{french}*\n")
        if spec.endswith(":fr-item"):  # and item b) left out
            text = "\n".join(line for line in text.split("\n") if not line.startswith("b) "))
    return text


def _write_contribution(content: Path, yaml_text: str, drafts: dict) -> Path:
    folder = content / "proposals" / "wtsa-24"
    for name, spec in drafts.items():
        (folder / "drafts" / name).write_text(_draft(content, spec), encoding="utf-8")
    path = folder / "apt-77a1.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return path


@pytest.mark.parametrize("slug", sorted(CONTRIBUTION_CASES))
def test_contribution_rule_finds_its_defect(content, slug):
    failing, drafts, line, passing, good_drafts = CONTRIBUTION_CASES[slug]
    rule = rules_by_slug(RULES)[slug].id
    path = _write_contribution(content, failing, drafts)
    found = _findings(content, path, slug)
    assert found, f"{slug} found nothing in its failing case"
    assert {f.rule for f in found} == {rule}
    assert line in {f.line for f in found}, [(f.line, f.message) for f in found]
    for name in drafts:
        (content / "proposals" / "wtsa-24" / "drafts" / name).unlink()
    path = _write_contribution(content, passing, good_drafts)
    assert _findings(content, path, slug) == []


def test_the_example_content_is_clean():
    report = run([], content=CONTENT)
    assert not report.problems, [str(p) for p in report.problems]
    assert [(f.location(), f.rule, f.message) for f in report.findings] == []
    assert report.files >= 14  # the model Resolution of the Supplement too


def test_a_preambular_call_after_the_operative_part(content):
    path = content / "res-950.md"
    path.write_text(body("*considering*\n\nthat one,\n\n*resolves*\n\nto act,\n\n*noting*\n\n"
                         "that two.\n"), encoding="utf-8")
    found = _findings(content, path, "operative-starts-resolves")
    assert [(f.rule, f.line) for f in found] == [("R-03", 18)], found


def test_fix_repairs_the_mechanical_rules(content, tmp_path):
    path = content / "res-950.md"
    path.write_text(body("*Considering*\n\na) that one - only one - as in resolves 1, organised "
                         "by member states,\n\nb) that WTSA-24 met on October 15, 2024;\n\n"
                         "*resolves*\n\n1. to act,\n"), encoding="utf-8")
    before = run([path], content=content, rules_path=RULES)
    assert {f.rule for f in before.findings if f.fix} >= {"R-02", "R-14", "R-15", "R-16", "R-17",
                                                          "R-37", "R-39", "R-44", "R-45", "R-07"}
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(path), "--content", str(content), "--diff"])
    assert "-*Considering*" in result.output and "+*considering*" in result.output
    assert path.read_text(encoding="utf-8") == body("*Considering*\n\na) that one - only one - "
                                                    "as in resolves 1, organised by member "
                                                    "states,\n\nb) that WTSA-24 met on October "
                                                    "15, 2024;\n\n*resolves*\n\n1. to act,\n")
    for _ in range(3):  # a fix that overlaps another waits for the next run
        runner.invoke(main, ["check", str(path), "--content", str(content), "--fix"])
    after = run([path], content=content, rules_path=RULES)
    assert [f for f in after.findings if f.fix] == [], [f.message for f in after.findings]
    text = path.read_text(encoding="utf-8")
    assert "*considering*" in text and "one – only one –" in text and "*resolves 1*" in text
    assert "organized by Member States" in text and "15 October 2024" in text
    assert "the World Telecommunication Standardization Assembly (New Delhi, 2024) met" in text
    assert text.endswith("*resolves*\n\nto act.\n")  # '1.' -> '1', then a single item unnumbered


def test_cli_exit_codes_and_formats(content):
    runner = CliRunner()
    clean = content / "res-950.md"
    clean.write_text(body(RESOLUTION_CASES["date-format"][2]), encoding="utf-8")
    result = runner.invoke(main, ["check", str(clean), "--content", str(content)])
    assert result.exit_code == 0, result.output
    bad = content / "res-951.md"
    bad.write_text(body(RESOLUTION_CASES["items-numbered-in-sequence"][0]).replace("950", "951"),
                   encoding="utf-8")
    result = runner.invoke(main, ["check", str(bad), "--content", str(content)])
    assert result.exit_code == 1
    assert f"{bad}:{14}:1: R-11 '3' after '1'" in result.output
    result = runner.invoke(main, ["check", str(bad), "--content", str(content), "--format", "json"])
    data = json.loads(result.stdout)
    assert data[0]["rule"] == "R-11" and data[0]["line"] == 14
    result = runner.invoke(main, ["check", str(bad), "--content", str(content), "--format", "sarif"])
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    found = log["runs"][0]["results"][0]
    assert found["ruleId"] == "R-11" and found["level"] == "error"
    assert found["locations"][0]["physicalLocation"]["region"]["startLine"] == 14
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[found["ruleIndex"]]["id"] == "R-11"
    result = runner.invoke(main, ["check", str(bad), "--content", str(content), "--ignore", "items"])
    assert result.exit_code == 0
    broken = content / "res-952.md"
    broken.write_text("no front matter\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(broken), str(bad), "--content", str(content)])
    assert result.exit_code == 2
    assert f"{broken}:1" in result.output and "R-11" in result.output


def test_configuration_from_pyproject(content, tmp_path):
    bad = content / "res-950.md"
    bad.write_text(body(RESOLUTION_CASES["long-sentence"][0]), encoding="utf-8")
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.itudraft.check]\nmax-sentence-words = 100\nmax-item-words = 200\n",
                      encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(bad), "--content", str(content), "--config",
                                  str(config), "--select", "R-35"])
    assert "R-35" not in result.output and result.exit_code == 0
    config.write_text("[tool.itudraft.check]\nmax-words = 3\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(bad), "--content", str(content), "--config",
                                  str(config)])
    assert result.exit_code == 2 and "unknown setting 'max-words'" in result.output


def test_a_word_file_is_checked_through_the_importer(content):
    sample = ROOT.parent / "shared" / "itu-samples" / "T-RES-T.1-2016.docx"
    if not sample.is_file():
        pytest.skip(f"the published Resolution 1 is not at {sample}")
    report = run([sample], content=CONTENT)
    assert not report.problems, [str(p) for p in report.problems]
    assert report.files == 1 and report.resolutions
    # every finding names the Word file and a rule of the Supplement
    assert all(f.path == str(sample) and f.rule.startswith("R-") for f in report.findings)
    # The error-level findings on this published text were reviewed one by one (the note
    # of issue 12 lists them): "chairman" and "his or her" (R-36, the 2016 wording), a
    # Resolution cited without its edition or citing itself, a figure title in
    # direct bold. Another rule reaching error level here needs the same review.
    errors = {f.rule for f in report.findings if f.severity.value == "error"}
    assert errors <= {"R-18", "R-36", "R-40"}, errors
    assert all("without its edition" in f.message or "cites itself" in f.message
               for f in report.findings if f.rule == "R-18")
