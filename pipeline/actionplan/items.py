"""The Action Plan's items as both documents show them: one list of columns and one way
to write each value, so the Word report and the Excel workbook cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pipeline.sources.actionplan import STATUSES, Action, ActionPlan


@dataclass(frozen=True)
class Field:
    heading: str
    name: str
    #: how the value reads in a cell
    show: Callable[[Action], str | int]


def _joined(name: str) -> Callable[[Action], str]:
    return lambda action: "; ".join(getattr(action, name))


FIELDS = [
    Field("Action", "id", lambda a: a.id),
    Field("Resolution", "resolution", lambda a: a.resolution),
    Field("Clause", "clause", lambda a: a.clause),
    Field("Action text", "text", lambda a: a.text),
    Field("Responsible", "responsible", lambda a: a.responsible),
    Field("Cooperating", "collaborators", _joined("collaborators")),
    Field("Reporting to", "reporting_to", _joined("reporting_to")),
    Field("Deadline", "deadline", lambda a: a.deadline),
    Field("Status", "status", lambda a: a.status),
    Field("Last update", "updated", lambda a: a.updated),
    Field("Notes", "notes", lambda a: a.notes),
]


def values(action: Action) -> dict[str, str | int]:
    """The action's values by field name, as they read in a cell."""
    return {field.name: field.show(action) for field in FIELDS}


def entities(plan: ActionPlan) -> list[str]:
    """The responsible entities, in order of first appearance."""
    return list(dict.fromkeys(action.responsible for action in plan.actions))


def status_counts(actions: list[Action]) -> dict[str, int]:
    return {status: sum(1 for a in actions if a.status == status) for status in STATUSES}


def by_entity(plan: ActionPlan) -> dict[str, dict[str, int]]:
    """Responsible entity -> status -> number of actions."""
    return {entity: status_counts([a for a in plan.actions if a.responsible == entity])
            for entity in entities(plan)}
