"""The Supplement's sources: metadata YAML, drafting rules YAML, Markdown clauses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import Category, Location, PipelineError, locate_text
from pipeline.sources.textfile import check_markdown, inside, read_text
from pipeline.sources.yamlfile import load_yaml

_TEXT = {"type": "string", "minLength": 1}
METADATA_SCHEMA = {
    "type": "object",
    "required": ["number", "title", "date", "study_group", "series", "series_title",
                 "history", "summary", "keywords", "clauses"],
    "additionalProperties": False,
    "properties": {
        "number": {"type": "integer", "minimum": 1, "description": "a whole number"},
        "title": _TEXT,
        "date": {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$",
                 "description": "a month as YYYY-MM"},
        "study_group": _TEXT,
        "series": {"type": "string", "pattern": "^[A-Z]$", "description": "one series letter"},
        "series_title": _TEXT,
        "history": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False,
            "required": ["edition", "recommendation", "approval", "study_group", "unique_id"],
            "properties": {k: _TEXT for k in
                           ("edition", "recommendation", "approval", "study_group",
                            "unique_id")}}},
        "summary": _TEXT,
        "keywords": {"type": "array", "minItems": 1, "items": _TEXT},
        "rules": _TEXT,
        "clauses": {"type": "array", "minItems": 1, "items": _TEXT},
    },
}
RULES_SCHEMA = {
    "type": "object", "required": ["rules"], "additionalProperties": False,
    "properties": {"rules": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["id", "group", "text"], "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": r"^R-\d{2,3}$", "description": "an id like R-01"},
            "group": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$",
                      "description": "a lower-case group name"},
            "text": _TEXT,
            "check": {"type": "string", "description": "the checker's test for this rule"},
        }}}},
}


@dataclass(frozen=True)
class Rule:
    """One drafting rule with its stable id, e.g. R-07."""

    id: str
    group: str
    text: str
    check: str | None
    location: Location


@dataclass(frozen=True)
class HistoryRow:
    edition: str
    recommendation: str
    approval: str
    study_group: str
    unique_id: str


@dataclass(frozen=True)
class Clause:
    """One Markdown source file of the body, in document order."""

    path: Path
    text: str


@dataclass(frozen=True)
class Supplement:
    """Everything the Supplement is built from, read and checked."""

    folder: Path
    number: int
    title: str
    year: int
    month: int
    study_group: str
    series: str
    series_title: str
    history: list[HistoryRow]
    summary: str
    keywords: list[str]
    rules: list[Rule]
    clauses: list[Clause]

    @property
    def identifier(self) -> str:
        """ITU's short identifier, e.g. ``ITU-T A Suppl. 10 (03/2026)``."""
        return f"ITU-T {self.series} Suppl. {self.number} ({self.month:02d}/{self.year})"

    @property
    def file_stem(self) -> str:
        return f"T-REC-{self.series}.Sup{self.number}-{self.year}{self.month:02d}"


def load_supplement(folder: Path, metadata_name: str = "supplement.yaml") -> Supplement:
    """Read the Supplement in *folder*: metadata, rules and the clause files it lists."""
    meta_path = folder / metadata_name
    meta = load_yaml(meta_path, METADATA_SCHEMA, root=folder)
    year, month = (int(part) for part in meta["date"].split("-"))
    if "rules" in meta:
        inside(folder / meta["rules"], folder, locate_text(meta_path, meta["rules"]),
               what="rules file")
    rules = load_rules(folder / meta["rules"], root=folder) if "rules" in meta else []
    clauses = []
    for index, name in enumerate(meta["clauses"]):
        path = folder / name
        where = locate_text(meta_path, name)
        if not path.exists():
            raise PipelineError(Category.MISSING_FILE, f"clauses[{index}]: no such file '{name}'",
                                where)
        text = read_text(path, folder, where, what="clause file")
        check_markdown(text, path)
        clauses.append(Clause(path, text))
    history = [HistoryRow(**row) for row in meta["history"]]
    return Supplement(folder, meta["number"], meta["title"], year, month, meta["study_group"],
                      meta["series"], meta["series_title"], history, meta["summary"].strip(),
                      meta["keywords"], rules, clauses)


def load_rules(path: Path, root: Path | None = None) -> list[Rule]:
    """The drafting rules of *path*; ids must be unique and in ascending order."""
    positions: dict = {}
    data = load_yaml(path, RULES_SCHEMA, positions_out=positions, root=root)
    rules: list[Rule] = []
    previous = 0
    for index, item in enumerate(data["rules"]):
        where = Location(str(path), *positions[("rules", index, "id")])
        number = int(item["id"][2:])
        if number <= previous:
            raise PipelineError(Category.RULES, f"rule {item['id']} is out of order or repeated "
                                f"(ids must rise: R-01, R-02, ...)", where)
        previous = number
        rules.append(Rule(item["id"], item["group"], item["text"].strip(), item.get("check"), where))
    return rules
