"""What a briefing note says, as plain values for its template: the session, the agenda
with times, and per agenda item its documents, the proposal matrix, where the sources
stand on each Resolution, the Action Plan and focal points, and the chair's lines."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Sequence

from pipeline.briefings.matrix import Entry, convergence, matrix, source_of
from pipeline.sources.actionplan import STATUSES, ActionPlan
from pipeline.sources.fields import resolution_label
from pipeline.sources.focalpoints import FocalPoints
from pipeline.sources.guidance import Guidance
from pipeline.sources.meetings import AgendaItem, DocumentRef, Meeting
from pipeline.sources.positions import Position
from pipeline.sources.proposal import ProposalSet

DASH = "\u2013"
EXAMPLE = ("Example: the meeting, its people, the positions and the focal points in this note "
           "are invented for itudraft; they are not ITU data.")


@dataclass
class Facts:
    """Everything a note draws on besides the meeting itself."""

    proposals: ProposalSet
    entries: dict[int | str, list[Entry]]
    sources: list[str]
    positions: dict[int | str, list[Position]]
    plan: ActionPlan | None
    focal_points: FocalPoints
    guidance: Guidance
    #: a consolidated draft's conflicts per Resolution ('resolves 2'); None: no drafts yet
    conflicts: dict[int | str, Sequence[str]] | None = None
    #: some of the data are invented examples: the note says so
    example: bool = False


def long_date(iso: str) -> str:
    """'Thursday 17 October 2024'."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')} {day.year}"


def span(start: str, end: str) -> str:
    return f"{start}{DASH}{end}"


def note_context(meeting: Meeting, facts: Facts) -> dict:
    """The template's context for *meeting*."""
    assembly = facts.proposals.assembly
    items = [_item(item, meeting, facts) for item in meeting.items]
    return {
        "header": f"{assembly.short} {DASH} {meeting.body}, session {meeting.session} {DASH} "
                  "Chair's briefing note",
        "note": EXAMPLE if meeting.example or facts.example else "",
        "meeting": {
            "title": f"{meeting.body} {DASH} session {meeting.session}",
            "place": f"{assembly.name} ({assembly.short}), {assembly.place}, {assembly.dates}",
            "assembly": f"{assembly.short}, {assembly.place}",
            "body": f"{meeting.body}{f' ({meeting.body_title})' if meeting.body_title else ''}",
            "session": str(meeting.session), "date": long_date(meeting.date),
            "time": span(meeting.start, meeting.end), "room": meeting.room,
            "chair": meeting.chair, "vice_chairs": "; ".join(meeting.vice_chairs) or DASH,
            "secretary": meeting.secretary or DASH,
            "terms_of_reference": meeting.terms_of_reference},
        "agenda": [{"number": str(item.number), "time": span(item.start, item.end),
                    "title": item.title, "documents": _document_list(item),
                    "resolutions": ", ".join(str(n) for n in item.resolutions) or DASH}
                   for item in meeting.items],
        "items": items,
        "annex": {"title": facts.guidance.title,
                  "blocks": [{"kind": block.kind, "text": block.text}
                             for block in facts.guidance.blocks]},
    }


def _document_list(item: AgendaItem) -> str:
    return ", ".join(doc.number for doc in item.documents) or DASH


def _item(item: AgendaItem, meeting: Meeting, facts: Facts) -> dict:
    resolutions = [_resolution(number, facts) for number in item.resolutions]
    return {
        "number": str(item.number), "title": item.title, "minutes": str(item.minutes),
        "time": span(item.start, item.end), "document_list": _document_list(item),
        "outcome": item.outcome or DASH, "handling": item.handling or DASH,
        "glance": [f"{res['label']}: {res['convergence']}" for res in resolutions] or [DASH],
        "documents": [_document(doc) for doc in item.documents],
        "matrix": matrix(item.resolutions, facts.entries, facts.sources),
        "resolutions": resolutions,
        "lines": chair_lines(item, meeting, facts),
    }


def _document(doc: DocumentRef) -> dict:
    if doc.contribution is None:
        return {"number": doc.number, "source": DASH, "title": doc.title,
                "proposals": ["(no proposals: for information)"]}
    contribution = doc.contribution
    return {"number": doc.number, "source": source_of(contribution), "title": doc.title,
            "proposals": [f"{p.symbol} {p.number} {DASH} {resolution_label(p.resolution)}"
                          for p in contribution.proposals]}


def _resolution(number: int | str, facts: Facts) -> dict:
    found = facts.entries.get(number, [])
    conflicts = None if facts.conflicts is None else facts.conflicts.get(number)
    res = facts.proposals.in_force.get(number)
    if res is not None:
        heading = f"{res.short_title} {DASH} {res.plain_title}"
        in_force = f"In force: {res.short_title}; editions: {'; '.join(res.editions)}."
    else:
        draft = next((e for e in found if e.symbol == "ADD"), None)
        title = next((p.subject.plain_title for c in facts.proposals.contributions
                      for p in c.proposals if p.resolution == number), "")
        heading = f"Draft new Resolution {number} {DASH} {title}"
        in_force = "Not in force: a draft new Resolution" + \
            (f", proposed by {draft.source} ({draft.number})." if draft else ".")
    actions = facts.plan.of(number) if facts.plan else []
    return {
        "label": resolution_label(number)[:1].upper() + resolution_label(number)[1:],
        "heading": heading, "in_force": in_force,
        "convergence": convergence(found, conflicts),
        "positions": [{"source": p.source, "stance": p.stance, "updated": p.updated,
                       "note": p.note or DASH} for p in facts.positions.get(number, [])],
        "actions_summary": actions_summary([a.status for a in actions]),
        "actions": [{"id": a.id, "clause": a.clause, "responsible": a.responsible,
                     "status": a.status, "updated": a.updated or DASH} for a in actions],
        "focal_points": [{"region": f.region, "name": f.name,
                          "administration": f.administration, "email": f.email}
                         for f in facts.focal_points.by_resolution.get(number, [])],
    }


def actions_summary(statuses: list[str]) -> str:
    """'3 actions: 1 completed, 2 ongoing.' or 'No action in the Action Plan.'"""
    if not statuses:
        return "No action in the Action Plan."
    counts = [f"{statuses.count(s)} {s}" for s in STATUSES if s in statuses]
    return f"{len(statuses)} action{'s' if len(statuses) > 1 else ''}: {', '.join(counts)}."


def chair_lines(item: AgendaItem, meeting: Meeting, facts: Facts) -> list[str]:
    """What the chair says, in order: the item, each document introduced, the question
    on each Resolution, the reservations on record, the conclusion."""
    lines = [f"We now turn to agenda item {item.number}, {item.title}. We have {item.minutes} "
             "minutes for this item."]
    for doc in item.documents:
        if doc.contribution is None:
            lines.append(f"Document {doc.number}, {doc.title}, is for information. Are there "
                         "any comments on it?")
            continue
        who = doc.contribution.members[0] if doc.contribution.members else \
            doc.contribution.source.key
        about = ", ".join(f"{p.symbol} {p.number}" for p in doc.contribution.proposals)
        lines.append(f"I invite {who} to introduce Document {doc.number} ({about}).")
    for number in item.resolutions:
        lines.append(_question(number, facts.entries.get(number, []), meeting))
        for position in facts.positions.get(number, []):
            if position.stance in ("reservation", "opposes"):
                lines.append(f"I note that {position.source} {_stance(position)} on "
                             f"{resolution_label(number)}; it will be reflected in the report.")
    if item.outcome:
        lines.append(f"May I take it that {meeting.body} agrees as follows: {item.outcome} "
                     "It is so agreed.")
    return lines


def _stance(position: Position) -> str:
    return "has a reservation" if position.stance == "reservation" else "opposes the proposals"


def _question(number: int | str, found: list[Entry], meeting: Meeting) -> str:
    label = resolution_label(number)
    sources = list(dict.fromkeys(entry.source for entry in found))
    symbols = {entry.symbol for entry in found}
    if not found:
        return f"No proposal concerns {label}. Does any delegation wish to raise it?"
    if len(sources) == 1:
        return f"Only {sources[0]} proposes {'/'.join(sorted(symbols))} on {label}. Can " \
               f"{meeting.body} support this proposal?"
    if symbols <= {"MOD", "(MOD)"}:
        return f"All the proposals on {label} modify it, so there is agreement to revise it. " \
               "I propose that we work on one consolidated text, clause by clause."
    if symbols == {"SUP"}:
        return f"All the proposals on {label} suppress it. Can we agree to suppress {label}?"
    return f"The proposals on {label} differ ({', '.join(e.cell + ' from ' + e.source for e in found)}). " \
           "I first invite views on whether the Resolution should be kept."
