"""What the Action Plan report says, as plain values for its Word template:
Section I, the entities concerned per Resolution; Section II, the progress of every
action per Resolution, with the status chart."""

from __future__ import annotations

from pipeline.actionplan.items import FIELDS, values
from pipeline.sources.actionplan import STATUSES, Action, ActionPlan
from pipeline.sources.resolution import Resolution

DASH = "\u2013"
EXAMPLE = ("Example: this Action Plan is built by itudraft from example Resolutions; its "
           "statuses and notes are invented.")


def summary(actions: list[Action]) -> str:
    """'35 actions: 4 not started, 20 ongoing, 9 completed, 2 recurring.'"""
    if not actions:
        return "No action."
    counts = [f"{sum(1 for a in actions if a.status == s)} {s}" for s in STATUSES
              if any(a.status == s for a in actions)]
    return f"{len(actions)} action{'s' if len(actions) > 1 else ''}: {', '.join(counts)}."


def _unique(lists) -> str:
    return "; ".join(dict.fromkeys(item for items in lists for item in items)) or DASH


def _cells(action: Action) -> dict[str, str]:
    row = values(action)
    return {field.name: str(row[field.name]) or DASH for field in FIELDS}


def report_context(plan: ActionPlan, in_force: dict[int | str, Resolution]) -> dict:
    """The context of templates/action-plan/action-plan.docx."""
    info = plan.info
    section1, section2 = [], []
    for number in sorted({a.resolution for a in plan.actions}):
        actions = plan.of(number)
        res = in_force[number]
        section1.append({
            "label": res.short_title, "title": res.plain_title,
            "responsible": _unique([a.responsible] for a in actions),
            "collaborators": _unique(a.collaborators for a in actions),
            "reporting_to": _unique(a.reporting_to for a in actions)})
        section2.append({"heading": f"{res.short_title} {DASH} {res.plain_title}",
                         "summary": summary(actions),
                         "actions": [_cells(a) for a in actions]})
    return {"header": f"{info.title} {DASH} {info.version}",
            "note": EXAMPLE if info.example else "",
            "plan": {"title": info.title, "version": info.version, "date": info.date,
                     "introduction": info.introduction},
            "section1": section1, "section2": section2, "summary": summary(plan.actions)}
