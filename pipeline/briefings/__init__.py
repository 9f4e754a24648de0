"""The chairs' briefing notes: one .docx per session file in content/meetings/.

    meetings (sources.meetings) + the assembly's proposal files (never copied: a new
    contribution file shows on the next build) + positions + Action Plan + focal points
      -> a context per note (context.py; the matrix and convergence in matrix.py)
      -> templates/briefings/briefing-note.docx filled by docxtpl (pipeline.templating)
      -> build/briefings/<meeting>.docx

Every input is read and checked, and every note rendered in memory, before the first
file is written; a rebuild removes the notes of meeting files that are gone (the
manifest), and nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from pipeline.briefings.context import Facts, note_context
from pipeline.briefings.matrix import convergence, entries, sources
from pipeline.ooxml.parts import Properties
from pipeline.sources.actionplan import PLAN_FILE, load_action_plan
from pipeline.sources.focalpoints import load_focal_points
from pipeline.sources.guidance import load_guidance
from pipeline.sources.meetings import Meeting, load_meetings
from pipeline.sources.positions import load_positions
from pipeline.sources.content import Content, known_resolutions
from pipeline.sources.proposal import ProposalSet
from pipeline import data
from pipeline.outputs import write_set
from pipeline.templating import render_template

TEMPLATE = data.templates("briefings") / "briefing-note.docx"


def facts(proposals: ProposalSet, content: Content, conflicts: dict | None = None) -> Facts:
    """What the notes of one assembly draw on besides their meetings."""
    known = known_resolutions(proposals)
    plan = load_action_plan(content.action_plan) \
        if (content.action_plan / PLAN_FILE).is_file() else None
    points = load_focal_points(content.focal_points, proposals.assembly, known)
    return Facts(proposals, entries(proposals), sources(proposals),
                 load_positions(content.positions(proposals.assembly.id), proposals.assembly,
                                known),
                 plan, points, load_guidance(content.guidance), conflicts, points.example)


def briefing_docx(meeting: Meeting, facts: Facts, template: Path) -> bytes:
    """The briefing note of *meeting*."""
    context = note_context(meeting, facts)
    assembly = facts.proposals.assembly
    title = f"{assembly.short} {meeting.body}, session {meeting.session}: chair's briefing note"
    properties = Properties(title=title, subject="Chair's briefing note",
                            keywords=[assembly.short, meeting.body, "briefing note"],
                            creator="itudraft", date=f"{meeting.date}T00:00:00Z")
    return render_template(template, context, properties)


def build_briefings(content: Content, out: Path, template: Path | None = None,
                    conflicts: dict[int | str, Sequence[str]] | None = None,
                    progress=None) -> list[Path]:
    """Everything ``make briefings`` writes: build/briefings/<meeting>.docx for each
    meeting file. *conflicts*: a consolidated draft's conflicting places per Resolution,
    when there is one (None: the convergence lines rest on the proposals alone)."""
    template = template or TEMPLATE
    meetings = load_meetings(content.meetings, lambda assembly, where: _proposals_for(
        content.proposals(assembly, where)))
    step = progress or (lambda label: None)
    outputs: dict[Path, bytes] = {}
    by_assembly: dict[str, Facts] = {}
    for meeting in meetings:
        step(f"{meeting.id}.docx")
        if meeting.assembly not in by_assembly:
            by_assembly[meeting.assembly] = facts(content.proposals(meeting.assembly), content,
                                                  conflicts)
        outputs[out / f"{meeting.id}.docx"] = briefing_docx(meeting, by_assembly[meeting.assembly],
                                                            template)
    write_set(out, outputs)
    return list(outputs)


def _proposals_for(proposals: ProposalSet) -> tuple[list, set]:
    return proposals.contributions, known_resolutions(proposals)


__all__ = ["Content", "build_briefings", "briefing_docx", "convergence", "facts"]
