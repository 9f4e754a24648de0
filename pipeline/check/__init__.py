"""`itudraft check`: the Supplement's drafting rules applied to Resolutions and proposals.

    paths ──> sources (Resolution .md, contribution .yaml with its drafts, Word .docx
              through the importer) ──> checks (registry: one per rule with a `check:`
              slug in content/supplement/rules.yaml) ──> findings ──> text | json | sarif
                                                                └─> --fix / --diff

Resolutions are read leniently (an unknown call or a broken letter sequence is a
finding, not a stop); a file that cannot be read at all is an input problem, reported
on one line, and the run goes on with the other files.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from pipeline.check import corpus as _corpus  # noqa: F401  (registers its checks)
from pipeline.check import proposals as _proposals  # noqa: F401
from pipeline.check import structure as _structure  # noqa: F401
from pipeline.check import wording as _wording  # noqa: F401
from pipeline.check.context import Config, ContributionDoc, Corpus, Doc, Reference
from pipeline.check.model import Finding, Fix, Severity
from pipeline.check.registry import CHECKS, CONTRIBUTION, CORPUS, RESOLUTION, Check
from pipeline import data
from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.languages import (check_structure, is_translation, language_of,
                                        load_languages, translation_path)
from pipeline.sources.proposal import load_assembly, load_contribution
from pipeline.sources.resolution import load_conventions, load_resolution
from pipeline.sources.supplement import Rule, load_rules
from pipeline.sources.texts import load_texts
from pipeline.sources.textfile import read_text

__all__ = ["Config", "Finding", "Fix", "Report", "Severity", "default_rules", "load_config",
           "rules_by_slug", "run"]


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    #: files that could not be read: one error line each (exit 2)
    problems: list[PipelineError] = field(default_factory=list)
    files: int = 0
    #: the Resolutions read, for the overlap finder and the streamlining report
    resolutions: list = field(default_factory=list)
    #: path as read -> path as shown, for each Resolution checked
    names: dict = field(default_factory=dict)
    #: the overlaps found when a check needed them (or --overlaps asked)
    overlaps: object = None
    #: contributions not checked because a Resolution in force could not be read
    skipped: list = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == Severity.WARNING for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 2 if self.problems else (1 if self.errors else 0)


def default_rules(content: Path) -> Path:
    """The content folder's Supplement rules, or the package's copy when it has none."""
    own = content / "supplement" / "rules.yaml"
    return own if own.is_file() else data.RULES


def rules_by_slug(rules_path: Path) -> dict[str, Rule]:
    """The rules of the Supplement that name a check, by the check's slug."""
    return {rule.check: rule for rule in load_rules(rules_path) if rule.check}


def load_config(pyproject: Path | None, select: list[str] = (), ignore: list[str] = ()) -> Config:
    """``[tool.itudraft.check]`` of *pyproject* (when it exists), then the options given."""
    config = Config()
    if pyproject is not None and pyproject.is_file():
        try:
            data = tomllib.loads(read_text(pyproject, what="pyproject.toml"))
        except tomllib.TOMLDecodeError as error:
            raise PipelineError(Category.USAGE, f"cannot read: {error}",
                                Location(str(pyproject))) from None
        section = data.get("tool", {}).get("itudraft", {}).get("check", {})
        names = {f.name.replace("_", "-"): f for f in fields(Config)}
        for key, value in section.items():
            if key not in names:
                raise PipelineError(Category.USAGE, f"[tool.itudraft.check]: unknown setting "
                                    f"'{key}' (known: {', '.join(sorted(names))})",
                                    Location(str(pyproject)))
            want = type(getattr(config, names[key].name))
            if not isinstance(value, want) or isinstance(value, bool) and want is not bool:
                raise PipelineError(Category.USAGE, f"[tool.itudraft.check] {key}: expected "
                                    f"{want.__name__}", Location(str(pyproject)))
            if key == "known-abbreviations":
                value = config.known_abbreviations + list(value)
            setattr(config, names[key].name, value)
    config.select = list(select) or config.select
    config.ignore = config.ignore + list(ignore)
    return config


def _selected(rule: Rule, config: Config) -> bool:
    names = {rule.id, rule.check, rule.group}
    if config.select and not names & set(config.select):
        return False
    return not names & set(config.ignore)


def _reference(content: Path, config: Config) -> Reference:
    """What the checks consult, from *content* where it has it, else the package's own."""
    resolutions = content / "resolutions"
    conventions = load_conventions(resolutions if resolutions.is_dir() else data.CONVENTIONS)
    texts = load_texts(content / "texts.yaml" if (content / "texts.yaml").is_file()
                       else data.TEXTS)
    in_force = {}
    unreadable = []
    for path in sorted(resolutions.glob("*.md")) if resolutions.is_dir() else []:
        if is_translation(path):
            continue
        try:
            res = load_resolution(path, conventions=conventions, root=resolutions, lenient=True)
        except PipelineError:
            unreadable.append(path)  # reported when the file itself is checked
            continue
        in_force.setdefault(res.number, res)
    assembly = None
    folder = content / "assemblies"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        candidate = load_assembly(folder, path.stem, Location(str(path)))
        if assembly is None or candidate.year > assembly.year:
            assembly = candidate
    return Reference(conventions, texts, assembly, in_force, config, unreadable)


def _sources(paths: list[Path]) -> list[Path]:
    """Files to check: Resolutions (every .md of a resolutions/ folder, and elsewhere an
    .md with front matter), contributions (every .yaml of a proposals/ folder) and Word
    files, found under folders; drafts are checked through their contributions."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                parts = (path.resolve().name,) + found.relative_to(path).parts[:-1]
                if not found.is_file() or "drafts" in found.relative_to(path).parts[:-1]:
                    continue
                if found.suffix == ".md" and ("resolutions" in parts or _is_resolution(found)):
                    out.append(found)
                elif found.suffix == ".yaml" and "proposals" in parts:
                    out.append(found)
                elif found.suffix == ".docx" and not found.name.startswith("~$"):
                    out.append(found)
        else:
            out.append(path)
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]


def _is_resolution(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8-sig", errors="replace")[:2000]
    except OSError:
        return False
    return head.startswith("---") and "\nnumber:" in head


def run(paths: list[Path], content: Path = Path("content"), config: Config | None = None,
        rules_path: Path | None = None, kept=None) -> Report:
    """Check *paths* (files or folders; the content folder's Resolutions and proposals
    when empty) against the rules of *rules_path* (the Supplement's rules.yaml).
    *kept*: where each Resolution's findings are kept between runs (an object with
    ``kept(kind, key)`` and ``keep(kind, key, data)``, a build's PieceStore), by
    everything they are made of; None: none kept."""
    config = config or Config()
    rules_path = rules_path or default_rules(content)
    rules = rules_by_slug(rules_path)
    ref = _reference(content, config)
    report = Report()
    active = [CHECKS[slug] for slug, rule in sorted(rules.items(), key=lambda r: r[1].id)
              if slug in CHECKS and _selected(rule, config)]
    memo = _Memo(kept, ref, rules, active) if kept is not None else None
    targets = _sources(paths or [content / "resolutions", content / "proposals",
                                 content / "supplement"])
    for path in targets:
        report.files += 1
        try:
            if path.suffix == ".yaml":
                _check_contribution(path, content, ref, rules, active, report)
            elif path.suffix == ".docx":
                _check_word(path, ref, rules, active, report)
            elif is_translation(path):
                _check_translation(path, content, ref, rules, active, report)
            else:
                res = load_resolution(path, conventions=ref.conventions, lenient=True)
                doc = Doc(path, str(path), _lines(path), res, ref)
                report.resolutions.append(res)
                report.names[str(res.path)] = doc.name
                checks = [c for c in active if c.scope == RESOLUTION]
                if memo is None:
                    _apply(doc, checks, rules, report)
                else:
                    memo.apply(doc, checks, rules, report)
        except PipelineError as error:
            if error.rule and error.rule in rules and error.location:
                rule = rules[error.rule]
                if _selected(rule, config):
                    report.findings.append(Finding(
                        error.location.path, error.location.line, error.location.column or 1,
                        rule.id, rule.check, Severity.ERROR, error.message))
            elif path.suffix == ".yaml" and ref.unreadable and error.category in (
                    Category.PROPOSAL, Category.BASE):
                report.skipped.append(path)  # a consequence of a text in force not read
            else:
                report.problems.append(error)
    corpus = [c for c in active if c.scope == CORPUS]
    if corpus and report.resolutions:
        whole = Corpus(report.resolutions, report.names, ref)
        report.overlaps = whole.overlaps()
        for item in corpus:
            rule = rules[item.slug]
            for name, hit in item.function(whole):
                report.findings.append(Finding(name, hit.line, hit.column, rule.id, item.slug,
                                               hit.severity or item.severity, hit.message,
                                               hit.suggestion, hit.fix))
    report.findings = sorted(set(report.findings), key=lambda f: f.sort_key)
    return report


def _display(path: Path) -> str:
    """*path* as findings show it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) if path.is_absolute() \
            else str(path)
    except ValueError:
        return str(path)


def _lines(path: Path) -> list[str]:
    return read_text(path, what="source").removeprefix("\ufeff").replace("\r\n", "\n").split("\n")


def _apply(doc, checks: list[Check], rules: dict[str, Rule], report: Report) -> None:
    for item in checks:
        rule = rules[item.slug]
        for hit in item.function(doc):
            report.findings.append(Finding(doc.name, hit.line, hit.column, rule.id, item.slug,
                                           hit.severity or item.severity, hit.message,
                                           hit.suggestion, hit.fix))


class _Memo:
    """A Resolution's findings kept by what they are made of: its name and lines, the
    rules and checks run, and what the checks consult besides (the conventions, the
    texts, the assembly, the configuration, and of the texts in force their editions
    only: no check of one Resolution reads another's words)."""

    KIND = "findings"

    def __init__(self, kept, ref: Reference, rules: dict[str, Rule], active: list[Check]):
        self.kept = kept
        editions = sorted((str(number), res.editions) for number, res in ref.in_force.items())
        self.salt = repr((sorted(rules.items()), [c.slug for c in active], ref.config,
                          ref.conventions, ref.texts, ref.assembly, editions)
                         ).encode("utf-8", "surrogatepass")

    def apply(self, doc: Doc, checks: list[Check], rules: dict[str, Rule],
              report: Report) -> None:
        key = b"\0".join((self.salt, repr([c.slug for c in checks]).encode(),
                          doc.name.encode("utf-8", "surrogatepass"),
                          "\n".join(doc.lines).encode("utf-8", "surrogatepass")))
        data = self.kept.kept(self.KIND, key)
        if data is not None:
            try:
                report.findings.extend(_findings(data))
                return
            except (ValueError, TypeError, KeyError):
                pass  # not what this version writes: checked again
        start = len(report.findings)
        _apply(doc, checks, rules, report)
        self.kept.keep(self.KIND, key, _dumps(report.findings[start:]))


def _dumps(findings: list[Finding]) -> bytes:
    return json.dumps([[f.path, f.line, f.column, f.rule, f.slug, f.severity.value, f.message,
                        f.suggestion, dataclasses.astuple(f.fix) if f.fix else None]
                       for f in findings], ensure_ascii=False).encode("utf-8")


def _findings(data: bytes) -> list[Finding]:
    return [Finding(path, line, column, rule, slug, Severity(severity), message, suggestion,
                    Fix(*fix) if fix else None)
            for path, line, column, rule, slug, severity, message, suggestion, fix
            in json.loads(data)]


def _check_translation(path: Path, content: Path, ref: Reference, rules, active,
                       report: Report, english=None) -> None:
    """A text in another language (res-901.fr.md, or a draft's drafts/ecp/res-901.fr.md):
    read with its language's conventions, held to the structure of its English text
    (*english*; by default the text in force of its number) as the build holds it, then
    the checks that cover its language. It is not one more Resolution for the checks of
    the whole set."""
    code = language_of(path)
    folder = content / "resolutions" if (content / "resolutions").is_dir() else path.parent
    conventions = load_conventions(folder, code)
    res = load_resolution(path, conventions=conventions, lenient=True)
    if english is None:
        english = ref.in_force.get(res.number)
    if english is not None and translation_path(english.path, code).resolve() == path.resolve():
        check_structure(english, res, conventions.english)
    own = dataclasses.replace(ref, conventions=conventions)
    doc = Doc(path, _display(path), _lines(path), res, own)
    _apply(doc, [c for c in active if c.scope == RESOLUTION and c.covers(code)], rules, report)


def _check_contribution(path: Path, content: Path, ref: Reference, rules, active, report) -> None:
    proposals = path.parent
    contribution = load_contribution(path, content / "assemblies", ref.in_force,
                                     conventions=ref.conventions,
                                     root=(proposals, content / "resolutions"), lenient=True)
    doc = ContributionDoc(path, str(path), _lines(path), contribution, ref)
    _apply(doc, [c for c in active if c.scope == CONTRIBUTION], rules, report)
    own = Reference(ref.conventions, ref.texts, contribution.assembly, ref.in_force, ref.config)
    for proposal in contribution.proposals:
        if proposal.draft is None:
            continue
        draft_doc = Doc(proposal.text, _display(proposal.text), _lines(proposal.text),
                        proposal.draft, own, base=proposal.base_text)
        _apply(draft_doc, [c for c in active if c.scope == RESOLUTION], rules, report)
        for code in load_languages():  # the draft's translations, beside it
            translated = translation_path(proposal.text, code)
            if code != "en" and translated.is_file():
                _check_translation(translated, content, own, rules, active, report,
                                   english=proposal.draft)


def _check_word(path: Path, ref: Reference, rules, active, report) -> None:
    """A Word file through the importer; lines are those of the Markdown `itudraft
    import` writes for it."""
    from pipeline.importer import import_docx  # the importer is heavier: only for Word files
    from pipeline.sources.resolution import to_source

    with tempfile.TemporaryDirectory(prefix="itudraft-check-") as temp:
        # pictures named as `import` names them, so that the lines are the same
        res = import_docx(path, Path(temp), f"{path.stem}-media/", [], ref.conventions)
    text = to_source(res)
    lenient = load_resolution(path, text=text, conventions=ref.conventions, lenient=True)
    report.resolutions.append(lenient)
    doc = Doc(path, str(path), text.split("\n"), lenient, ref)
    report.names[str(lenient.path)] = doc.name
    _apply(doc, [c for c in active if c.scope == RESOLUTION], rules, report)
