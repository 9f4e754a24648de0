"""The list of regional focal points: build/focal-points.docx, a table per Resolution
with a row per region, from content/focal-points.yaml (the briefing notes show the
same entries for the Resolutions they handle)."""

from __future__ import annotations

from pathlib import Path

from pipeline import data
from pipeline.errors import Location
from pipeline.outputs import write_atomic
from pipeline.ooxml.parts import Properties
from pipeline.sources.content import Content, known_resolutions
from pipeline.sources.fields import resolution_label
from pipeline.sources.focalpoints import FOCAL_POINTS_SCHEMA, FocalPoints, load_focal_points
from pipeline.sources.proposal import ProposalSet
from pipeline.sources.yamlfile import load_yaml
from pipeline.templating import render_template

TEMPLATE = data.templates("focal-points") / "focal-points.docx"
DASH = "\u2013"
EXAMPLE = "Example: every person, administration and address in this list is invented."


def focal_points_context(points: FocalPoints, proposals: ProposalSet) -> dict:
    assembly = proposals.assembly
    resolutions = []
    for number in sorted(points.by_resolution, key=lambda n: (isinstance(n, str), str(n))):
        res = proposals.in_force.get(number)
        heading = f"{res.short_title} {DASH} {res.plain_title}" if res else \
            f"{resolution_label(number)[:1].upper()}{resolution_label(number)[1:]}"
        resolutions.append({"heading": heading, "focal_points": [
            {"region": f.region, "name": f.name, "administration": f.administration,
             "email": f.email} for f in points.by_resolution[number]]})
    regions = "; ".join(f"{key} ({region.name})" for key, region in assembly.regions.items())
    return {"header": f"{assembly.short} {DASH} Regional focal points",
            "assembly": f"{assembly.name} ({assembly.short}), {assembly.place}, {assembly.dates}",
            "note": " ".join(filter(None, [EXAMPLE if points.example else "", points.note])),
            "introduction": f"The regional telecommunication organizations' contacts for each "
                            f"Resolution. Regions: {regions}.",
            "resolutions": resolutions}


def build_focal_points(content: Content, out: Path, template: Path | None = None) -> Path:
    """Write the list of focal points to *out* (a .docx file)."""
    write_atomic(out, focal_points_docx(content, template))
    return out


def focal_points_docx(content: Content, template: Path | None = None) -> bytes:
    """The list of focal points, a table per Resolution."""
    assembly = load_yaml(content.focal_points, FOCAL_POINTS_SCHEMA)["assembly"]
    proposals = content.proposals(assembly, Location(str(content.focal_points), 1))
    points = load_focal_points(content.focal_points, proposals.assembly,
                               known_resolutions(proposals), required=True)
    properties = Properties(title=f"{proposals.assembly.short}: regional focal points",
                            subject="Regional focal points",
                            keywords=[proposals.assembly.short, "focal points"],
                            creator="itudraft", date=f"{proposals.assembly.year}-01-01T00:00:00Z")
    return render_template(template or TEMPLATE, focal_points_context(points, proposals),
                           properties)
