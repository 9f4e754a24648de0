"""The regional focal points per Resolution: who each region designated as its contact.

    content/focal-points.yaml

One entry per Resolution and region: name, administration and e-mail. A file of
invented people says so (``example: true``), and every document that shows it does too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.fields import RESOLUTION, TEXT, check_resolution, locator, one_line
from pipeline.sources.proposal import Assembly
from pipeline.sources.yamlfile import load_yaml

FOCAL_POINTS_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["assembly", "focal_points"],
    "properties": {
        "assembly": {"type": "string", "description": "an assembly id, e.g. wtsa-24"},
        "example": {"type": "boolean", "description": "true or false"},
        "note": TEXT,
        "focal_points": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["resolution", "region", "name", "administration", "email"],
            "properties": {
                "resolution": RESOLUTION, "region": TEXT, "name": TEXT, "administration": TEXT,
                "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                          "description": "an e-mail address"}}}},
    },
}


@dataclass
class FocalPoint:
    resolution: int | str
    region: str
    name: str
    administration: str
    email: str
    line: int


@dataclass
class FocalPoints:
    path: Path | None = None
    #: the people are invented: documents say so
    example: bool = False
    note: str = ""
    by_resolution: dict[int | str, list[FocalPoint]] = field(default_factory=dict)


def load_focal_points(path: Path, assembly: Assembly, resolutions: set,
                      required: bool = False) -> FocalPoints:
    """The focal points in *path*, per Resolution in the order of the assembly's regions;
    no file: none (an error when *required*)."""
    if not path.is_file():
        if required:
            raise PipelineError(Category.MISSING_FILE, "no such file", Location(str(path)))
        return FocalPoints()
    positions: dict = {}
    data = load_yaml(path, FOCAL_POINTS_SCHEMA, positions_out=positions)
    at = locator(path, positions)
    if data["assembly"] != assembly.id:
        raise PipelineError(Category.SCHEMA, f"field 'assembly': '{data['assembly']}' is not "
                            f"'{assembly.id}'", at("assembly"))
    out = FocalPoints(path, data.get("example", False), one_line(data.get("note", "")))
    seen: dict[tuple, int] = {}
    for index, entry in enumerate(data["focal_points"]):
        check_resolution(entry["resolution"], resolutions, at("focal_points", index, "resolution"))
        if entry["region"] not in assembly.regions:
            raise PipelineError(Category.SCHEMA, f"field 'region': unknown region "
                                f"'{entry['region']}' (regions of {assembly.short}: "
                                f"{', '.join(assembly.regions)})",
                                at("focal_points", index, "region"))
        line = at("focal_points", index).line
        key = (entry["resolution"], entry["region"])
        if key in seen:
            raise PipelineError(Category.SCHEMA, f"a second focal point of {entry['region']} for "
                                f"Resolution {entry['resolution']} (the first is at line "
                                f"{seen[key]})", at("focal_points", index))
        seen[key] = line
        out.by_resolution.setdefault(entry["resolution"], []).append(FocalPoint(
            entry["resolution"], entry["region"], one_line(entry["name"]),
            one_line(entry["administration"]), entry["email"], line))
    order = list(assembly.regions)
    for listed in out.by_resolution.values():
        listed.sort(key=lambda point: order.index(point.region))
    return out
