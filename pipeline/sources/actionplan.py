"""The WTSA Action Plan: per Resolution, what each entity was asked to do, and how far
it has got.

    content/action-plan/plan.yaml      the plan itself (title, version, date) and how
                                       `itudraft actionplan derive` reads the calls
    content/action-plan/res-901.yaml   the actions of Resolution 901

Actions keep a stable id (the Resolution and a sequence number, never reused). The
fields a person keeps (status, deadline, notes, last update) are theirs; derive writes
the clause, the text and the responsible entity from the Resolution, and the file back
in one fixed layout (:func:`to_yaml`), so the same plan always reads the same.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.fields import DATE, TEXT, TEXTS, check_date, locator, one_line
from pipeline.sources.textfile import read_text
from pipeline.sources.yamlfile import load_yaml

STATUSES = ["not started", "ongoing", "completed", "recurring"]
_CALL = {"type": "object", "additionalProperties": False, "required": ["call", "responsible"],
         "properties": {"call": TEXT, "short": TEXT, "responsible": TEXT,
                        "collaborators": TEXTS, "reporting_to": TEXTS}}
PLAN_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["title", "version", "date", "verbs"],
    "properties": {
        "title": TEXT, "version": TEXT, "date": DATE, "example": {"type": "boolean"},
        "introduction": TEXT,
        "verbs": {"type": "array", "minItems": 1, "items": TEXT,
                  "description": "the words that open a call whose items are actions"},
        "calls": {"type": "array", "items": _CALL},
    },
}
ACTIONS_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["resolution", "actions"],
    "properties": {
        "resolution": {"type": "integer", "minimum": 1, "description": "a Resolution number"},
        "actions": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "clause", "text", "responsible", "status"],
            "properties": {
                "id": {"type": "string", "pattern": r"^\S+$", "description": "an id like 901-03"},
                "clause": TEXT, "text": TEXT, "responsible": TEXT,
                "collaborators": TEXTS, "reporting_to": TEXTS,
                "deadline": DATE, "updated": DATE,
                "status": {"enum": STATUSES, "description": "one of " + ", ".join(STATUSES)},
                "notes": TEXT,
                "derived": {"type": "string", "pattern": "^[0-9a-f]{8}$",
                            "description": "the fingerprint derive wrote (8 hex digits)"}}}},
    },
}
PLAN_FILE = "plan.yaml"
ACTION_FILES = "res-*.yaml"


@dataclass
class CallRule:
    """How derive reads a call: its short name in clauses, who is responsible."""

    call: str
    short: str
    responsible: str
    collaborators: list[str] = field(default_factory=list)
    reporting_to: list[str] = field(default_factory=list)


@dataclass
class PlanInfo:
    path: Path
    title: str
    version: str
    date: str
    example: bool
    introduction: str
    verbs: list[str]
    calls: dict[str, CallRule]


@dataclass
class Action:
    id: str
    resolution: int
    clause: str
    text: str
    responsible: str
    status: str
    collaborators: list[str] = field(default_factory=list)
    reporting_to: list[str] = field(default_factory=list)
    deadline: str = ""
    updated: str = ""
    notes: str = ""
    #: the fingerprint of text and responsible as derive last wrote them ("": by hand)
    derived: str = ""
    line: int = 0

    @property
    def sequence(self) -> int:
        """The number after the last '-' of the id (0 when there is none)."""
        tail = self.id.rsplit("-", 1)[-1]
        return int(tail) if tail.isdigit() else 0


@dataclass
class ActionFile:
    path: Path
    resolution: int
    actions: list[Action]
    #: the comment lines that open the file, kept when derive writes it again
    header: list[str] = field(default_factory=list)


@dataclass
class ActionPlan:
    info: PlanInfo
    files: list[ActionFile]

    @property
    def actions(self) -> list[Action]:
        """Every action, by Resolution number, then in file order."""
        return [action for file in sorted(self.files, key=lambda f: f.resolution)
                for action in file.actions]

    def of(self, resolution: int | str) -> list[Action]:
        return [action for action in self.actions if action.resolution == resolution]


def load_plan_info(folder: Path) -> PlanInfo:
    path = folder / PLAN_FILE
    positions: dict = {}
    data = load_yaml(path, PLAN_SCHEMA, positions_out=positions)
    at = locator(path, positions)
    check_date(data["date"], at("date"), "date")
    calls = {}
    for rule in data.get("calls", []):
        call = one_line(rule["call"])
        calls[call] = CallRule(call, one_line(rule.get("short", call)), one_line(rule["responsible"]),
                               [one_line(x) for x in rule.get("collaborators", [])],
                               [one_line(x) for x in rule.get("reporting_to", [])])
    return PlanInfo(path, one_line(data["title"]), one_line(data["version"]), data["date"],
                    data.get("example", False), one_line(data.get("introduction", "")),
                    [one_line(verb) for verb in data["verbs"]], calls)


def load_action_file(path: Path) -> ActionFile:
    positions: dict = {}
    data = load_yaml(path, ACTIONS_SCHEMA, positions_out=positions)
    at = locator(path, positions)
    actions = []
    for index, item in enumerate(data["actions"]):
        for name in ("deadline", "updated"):
            if name in item:
                check_date(item[name], at("actions", index, name), name)
        actions.append(Action(
            id=item["id"], resolution=data["resolution"], clause=one_line(item["clause"]),
            text=one_line(item["text"]), responsible=one_line(item["responsible"]),
            status=item["status"], collaborators=[one_line(x) for x in item.get("collaborators", [])],
            reporting_to=[one_line(x) for x in item.get("reporting_to", [])],
            deadline=item.get("deadline", ""), updated=item.get("updated", ""),
            notes=one_line(item.get("notes", "")), derived=item.get("derived", ""),
            line=at("actions", index).line))
    header = []
    for line in read_text(path, what="actions file").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    return ActionFile(path, data["resolution"], actions, header)


def load_action_plan(folder: Path, resolutions: set | None = None) -> ActionPlan:
    """The plan in *folder*; with *resolutions* (the numbers in force), an action file of
    another Resolution is an error, and so is an id used twice."""
    if not folder.is_dir():
        raise PipelineError(Category.MISSING_FILE, "no such folder of the Action Plan",
                            Location(str(folder)))
    info = load_plan_info(folder)
    files = [load_action_file(path) for path in sorted(folder.glob(ACTION_FILES))]
    seen: dict[str, Action] = {}
    owners: dict[int, Path] = {}
    for file in files:
        if file.resolution in owners:
            raise PipelineError(Category.SCHEMA, f"the actions of Resolution {file.resolution} are "
                                f"also in {owners[file.resolution].name}", Location(str(file.path), 1))
        owners[file.resolution] = file.path
        if resolutions is not None and file.resolution not in resolutions:
            raise PipelineError(Category.RESOLUTION, f"unknown Resolution {file.resolution}: not in "
                                "force (suppressed? `itudraft actionplan derive --check` lists "
                                "its actions)", Location(str(file.path), 1))
        for action in file.actions:
            if action.id in seen:
                raise PipelineError(Category.SCHEMA, f"action id '{action.id}' is used twice (also "
                                    f"{seen[action.id].resolution}, line {seen[action.id].line})",
                                    Location(str(file.path), action.line))
            seen[action.id] = action
    return ActionPlan(info, files)


# -- writing ---------------------------------------------------------------------------

_FIELDS = ["id", "clause", "text", "responsible", "collaborators", "reporting_to", "deadline",
           "status", "updated", "notes", "derived"]
_WIDTH = 88


def _scalar(value: str) -> str:
    """*value* as a plain YAML scalar when that reads back the same, else quoted."""
    dumped = yaml.safe_dump([value], default_flow_style=True, width=10**6, allow_unicode=True)
    return dumped.strip()[1:-1]


def _field(name: str, value) -> list[str]:
    if isinstance(value, list):
        return [f"    {name}: [{', '.join(_scalar(v) for v in value)}]"]
    if name in ("deadline", "updated"):
        return [f"    {name}: {value}"]
    line = f"    {name}: {_scalar(value)}"
    if len(line) <= _WIDTH:
        return [line]
    wrapped = textwrap.wrap(value, _WIDTH - 6, break_long_words=False, break_on_hyphens=False)
    return [f"    {name}: >-"] + [f"      {part}" for part in wrapped]


def to_yaml(file: ActionFile) -> str:
    """The action file as YAML in the one layout derive writes: its opening comments, the
    Resolution, then each action's fields in a fixed order, empty ones left out."""
    lines = list(file.header) + [f"resolution: {file.resolution}", "actions:" if file.actions
                                 else "actions: []"]
    for action in file.actions:
        first = True
        for name in _FIELDS:
            value = getattr(action, name)
            if value in ("", []) and name not in ("collaborators", "reporting_to"):
                continue
            out = _field(name, value)
            if first:
                out[0] = "  - " + out[0][4:]
                first = False
            lines.extend(out)
    return "\n".join(lines) + "\n"
