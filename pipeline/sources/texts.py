"""The texts Resolutions cite (content/texts.yaml): assemblies and conferences with the
place and year of each meeting, and the WTSA Resolutions no longer in force."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.sources.yamlfile import load_yaml

_MEETING = {"type": "object", "required": ["short", "place", "year"], "additionalProperties": False,
            "properties": {"short": {"type": "string", "minLength": 1},
                           "place": {"type": "string", "minLength": 1},
                           "year": {"type": "integer", "minimum": 1865,
                                    "description": "a year"}}}
TEXTS_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["assemblies"],
    "properties": {
        "assemblies": {"type": "array", "minItems": 1, "items": _MEETING},
        "conferences": {"type": "object", "additionalProperties": {"type": "array",
                                                                    "items": _MEETING}},
        "suppressed": {"type": "array", "items": {
            "type": "object", "required": ["number", "by"], "additionalProperties": False,
            "properties": {"number": {"type": "integer", "minimum": 1},
                           "title": {"type": "string"},
                           "by": {"type": "string", "pattern": r"^\S.*, \d{4}$",
                                  "description": "the edition 'Place, Year' that suppressed it"}}}},
    },
}


@dataclass(frozen=True)
class Meeting:
    short: str
    place: str
    year: int

    @property
    def edition(self) -> str:
        return f"{self.place}, {self.year}"


@dataclass
class Texts:
    path: Path | None = None
    assemblies: list[Meeting] = field(default_factory=list)
    conferences: dict[str, list[Meeting]] = field(default_factory=dict)
    suppressed: dict[int, str] = field(default_factory=dict)  # number -> edition that ended it

    def assembly_by_year(self, year: int) -> Meeting | None:
        return next((m for m in self.assemblies if m.year == year), None)

    def short_names(self) -> dict[str, tuple[str, Meeting]]:
        """'WTSA-24' -> (body name or '', meeting); '' stands for the WTSA itself."""
        out = {m.short: ("", m) for m in self.assemblies}
        for body, meetings in self.conferences.items():
            out.update({m.short: (body, m) for m in meetings})
        return out


def load_texts(path: Path) -> Texts:
    """content/texts.yaml, or an empty list when the file does not exist."""
    if not path.is_file():
        return Texts()
    data = load_yaml(path, TEXTS_SCHEMA)
    meetings = lambda items: [Meeting(i["short"], i["place"], i["year"]) for i in items]  # noqa: E731
    return Texts(path, meetings(data["assemblies"]),
                 {body: meetings(items) for body, items in data.get("conferences", {}).items()},
                 {item["number"]: item["by"] for item in data.get("suppressed", [])})
