"""Where each source stands on each Resolution during the assembly (optional).

    content/positions/wtsa-24.yaml

One entry per Resolution and source: the stance, the date of its last update and a
short note. Sources are the assembly's regions, or Member States the file declares
(so a misspelt name stops the build instead of opening a column of its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import Category, PipelineError
from pipeline.sources.fields import DATE, RESOLUTION, TEXT, TEXTS, check_date, check_resolution, \
    locator, one_line
from pipeline.sources.proposal import Assembly
from pipeline.sources.yamlfile import load_yaml

STANCES = ["own proposal", "supports", "flexible", "opposes", "reservation"]
POSITIONS_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["assembly", "positions"],
    "properties": {
        "assembly": {"type": "string", "description": "an assembly id, e.g. wtsa-24"},
        "member_states": TEXTS,
        "positions": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["resolution", "source", "stance", "updated"],
            "properties": {
                "resolution": RESOLUTION, "source": TEXT,
                "stance": {"enum": STANCES, "description": "one of " + ", ".join(STANCES)},
                "updated": DATE, "note": TEXT}}},
    },
}


@dataclass
class Position:
    resolution: int | str
    source: str
    stance: str
    updated: str
    note: str
    line: int


def load_positions(path: Path, assembly: Assembly, resolutions: set
                   ) -> dict[int | str, list[Position]]:
    """The positions in *path* by Resolution, each list in the order of the assembly's
    regions then of the declared Member States; no file: no positions."""
    if not path.is_file():
        return {}
    positions: dict = {}
    data = load_yaml(path, POSITIONS_SCHEMA, positions_out=positions)
    at = locator(path, positions)
    if data["assembly"] != assembly.id:
        raise PipelineError(Category.SCHEMA, f"field 'assembly': '{data['assembly']}' is not "
                            f"'{assembly.id}'", at("assembly"))
    sources = list(assembly.regions) + [one_line(name) for name in data.get("member_states", [])]
    out: dict[int | str, list[Position]] = {}
    seen: dict[tuple, int] = {}
    for index, entry in enumerate(data["positions"]):
        check_resolution(entry["resolution"], resolutions, at("positions", index, "resolution"))
        if entry["source"] not in sources:
            raise PipelineError(Category.SCHEMA, f"field 'source': unknown region or Member State "
                                f"'{entry['source']}' (regions of {assembly.short}: "
                                f"{', '.join(assembly.regions)}; Member States are declared "
                                "under member_states)", at("positions", index, "source"))
        check_date(entry["updated"], at("positions", index, "updated"), "updated")
        line = at("positions", index).line
        key = (entry["resolution"], entry["source"])
        if key in seen:
            raise PipelineError(Category.SCHEMA, f"a second position of {entry['source']} on "
                                f"Resolution {entry['resolution']} (the first is at line "
                                f"{seen[key]})", at("positions", index))
        seen[key] = line
        out.setdefault(entry["resolution"], []).append(Position(
            entry["resolution"], entry["source"], entry["stance"], entry["updated"],
            one_line(entry.get("note", "")), line))
    for listed in out.values():
        listed.sort(key=lambda position: sources.index(position.source))
    return out
