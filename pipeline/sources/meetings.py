"""The sessions of an assembly's bodies: one YAML file per session, with its agenda.

    content/meetings/com3-2.yaml     a session of Committee 3: when, where, who chairs,
                                     and the agenda items with their documents

Each agenda item names the documents allocated to it (contributions by their number,
``42(Add.1)``; other documents by number and title), the Resolutions it handles,
the time allotted, the suggested handling and the expected outcome. Contributions and
Resolutions are checked against the proposal files and the Resolutions in force, so
a mistyped number stops the build at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.fields import (DATE, RESOLUTION, TEXT, TEXTS, check_date,
                                     check_resolution, locator, one_line)
from pipeline.sources.proposal import Contribution
from pipeline.sources.yamlfile import load_yaml

_CLOCK = r"([01]\d|2[0-3]):[0-5]\d"
_OTHER_DOCUMENT = {
    "type": "object", "additionalProperties": False, "required": ["number", "title"],
    "properties": {"number": {"type": ["string", "integer"], "description": "a document number"},
                   "title": TEXT}}
MEETING_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["assembly", "body", "session", "date", "time", "room", "chair", "agenda"],
    "properties": {
        "assembly": {"type": "string", "description": "an assembly id, e.g. wtsa-24"},
        "example": {"type": "boolean", "description": "true or false"},
        "body": {"type": "object", "additionalProperties": False,
                 "required": ["name", "terms_of_reference"],
                 "properties": {"name": TEXT, "title": TEXT, "terms_of_reference": TEXT}},
        "session": {"type": "integer", "minimum": 1, "description": "a session number"},
        "date": DATE,
        "time": {"type": "string", "pattern": f"^{_CLOCK}-{_CLOCK}$",
                 "description": "the session's hours as \"HH:MM-HH:MM\", in quotes"},
        "room": TEXT, "chair": TEXT, "vice_chairs": TEXTS, "secretary": TEXT,
        "agenda": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False,
            "required": ["title", "minutes"],
            "properties": {
                "title": TEXT,
                "minutes": {"type": "integer", "minimum": 1, "description": "minutes allotted"},
                "documents": {"type": "array", "items": {"anyOf": [
                    {"type": ["string", "integer"]}, _OTHER_DOCUMENT]},
                    "description": "contribution numbers like \"42(Add.1)\", or {number, title}"},
                "resolutions": {"type": "array", "items": RESOLUTION},
                "handling": TEXT, "outcome": TEXT}}},
    },
}
#: A contribution as ITU numbers it: 42, 42(Add.1)
CONTRIBUTION_NUMBER = re.compile(r"^(?P<document>\d+)(?:\(Add\.(?P<addendum>\d+)\))?$")


@dataclass
class DocumentRef:
    """A document allocated to an agenda item: a contribution (from the proposal files)
    or another document, known by its number and title only."""

    number: str
    line: int
    contribution: Contribution | None = None
    title: str = ""


@dataclass
class AgendaItem:
    number: int
    title: str
    minutes: int
    start: str  # "10:15", from the session's start and the minutes of the items before
    end: str
    documents: list[DocumentRef]
    resolutions: list[int | str]
    handling: str
    outcome: str
    line: int


@dataclass
class Meeting:
    path: Path
    assembly: str
    body: str
    body_title: str
    terms_of_reference: str
    session: int
    date: str
    start: str
    end: str
    room: str
    chair: str
    secretary: str
    vice_chairs: list[str] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    #: the meeting and its people are invented: the note says so
    example: bool = False

    @property
    def id(self) -> str:
        return self.path.stem


def contribution_number(contribution: Contribution) -> str:
    """'42(Add.1)' or '42': how agendas and chairs name a contribution."""
    add = f"(Add.{contribution.addendum})" if contribution.addendum else ""
    return f"{contribution.document}{add}"


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


#: The contributions and the known Resolutions (in force or proposed) of an assembly,
#: by its id; the location is the meeting's 'assembly' field, for errors.
Proposals = Callable[[str, Location], tuple[list[Contribution], set]]


def load_meeting(path: Path, proposals: Proposals) -> Meeting:
    """The session in *path*, its documents found among its assembly's contributions and
    its Resolutions among those in force or proposed (both from *proposals*)."""
    positions: dict = {}
    data = load_yaml(path, MEETING_SCHEMA, positions_out=positions)
    at = locator(path, positions)
    contributions, resolutions = proposals(data["assembly"], at("assembly"))
    check_date(data["date"], at("date"), "date")
    start, end = (_minutes(clock) for clock in data["time"].split("-"))
    if end <= start:
        raise PipelineError(Category.SCHEMA, f"field 'time': the session ends before it starts "
                            f"({data['time']})", at("time"))
    by_number = {contribution_number(c): c for c in contributions}
    items, clock = [], start
    for index, item in enumerate(data["agenda"]):
        documents = [_document(entry, by_number, at("agenda", index, "documents", n))
                     for n, entry in enumerate(item.get("documents", []))]
        for n, number in enumerate(item.get("resolutions", [])):
            check_resolution(number, resolutions, at("agenda", index, "resolutions", n))
        items.append(AgendaItem(index + 1, one_line(item["title"]), item["minutes"], _clock(clock),
                                _clock(clock + item["minutes"]), documents,
                                item.get("resolutions", []), one_line(item.get("handling", "")),
                                one_line(item.get("outcome", "")), at("agenda", index).line))
        clock += item["minutes"]
    if clock > end:
        raise PipelineError(Category.SCHEMA, f"the agenda needs {clock - start} minutes, "
                            f"{clock - end} more than the session ({data['time']})",
                            at("agenda"))
    body = data["body"]
    return Meeting(path, data["assembly"], one_line(body["name"]), one_line(body.get("title", "")),
                   one_line(body["terms_of_reference"]), data["session"], data["date"],
                   _clock(start), _clock(end), one_line(data["room"]), one_line(data["chair"]),
                   one_line(data.get("secretary", "")),
                   [one_line(name) for name in data.get("vice_chairs", [])], items,
                   data.get("example", False))


def _document(entry, by_number: dict[str, Contribution], where: Location) -> DocumentRef:
    if isinstance(entry, dict):
        return DocumentRef(one_line(str(entry["number"])), where.line, title=one_line(entry["title"]))
    number = str(entry).replace(" ", "")
    if number not in by_number:
        hint = "; another document needs its title: {number: ..., title: ...}" \
            if not CONTRIBUTION_NUMBER.match(number) else ""
        raise PipelineError(Category.PROPOSAL, f"unknown document '{entry}': no contribution file "
                            f"has that number (contributions: {', '.join(by_number)}){hint}",
                            where)
    contribution = by_number[number]
    return DocumentRef(number, where.line, contribution, contribution.title)


def load_meetings(folder: Path, proposals: Proposals) -> list[Meeting]:
    """Every session file (*.yaml) in *folder*, in file-name order."""
    if not folder.is_dir():
        raise PipelineError(Category.MISSING_FILE, "no such folder of meetings", Location(str(folder)))
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise PipelineError(Category.MISSING_FILE, "no meeting files (*.yaml)", Location(str(folder)))
    return [load_meeting(path, proposals) for path in files]
