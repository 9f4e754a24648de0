"""Actions from the operative clauses of the Resolutions, and the check that the plan
still matches them.

Every item of a call that opens with one of the plan's verbs (*instructs*, *invites*,
*requests*, *resolves to*...) is an action; its responsible entity comes from the call
(plan.yaml names the usual ones). A run of derive

- keeps every id: an action follows its item when the Resolution is revised (same
  text elsewhere: renumbered; same clause: text revised; similar text: both);
- never overwrites what a person keeps: status, deadline, notes, last update,
  cooperating and reporting entities; text and responsible entity only while they are
  still what derive wrote (the ``derived`` fingerprint);
- keeps actions whose clause is gone, for a person to close: ``--check`` lists them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from pipeline.errors import Location
from pipeline.outputs import write_atomic
from pipeline.sources.actionplan import (ACTION_FILES, Action, ActionFile, CallRule, PlanInfo,
                                         load_action_file, load_plan_info, to_yaml)
from pipeline.sources.fields import one_line
from pipeline.sources.resolution import BlockKind, Resolution

#: Texts at least this similar (rapidfuzz ratio, 0-100) are the same item revised.
SIMILAR = 85
HEADER = ["# The actions of Resolution {number}. Written by `itudraft actionplan derive`;",
          "# edit status, deadline, updated, notes and the entities freely: derive keeps them."]


@dataclass
class Clause:
    """An operative item that asks an entity to act."""

    resolution: int
    label: str  # "instructs the Director 2"
    text: str
    rule: CallRule
    line: int
    path: Path


@dataclass
class Report:
    """What a run of derive did, or what --check found."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # a person edited text or responsible
    written: list[Path] = field(default_factory=list)
    findings: list[tuple[Location, str]] = field(default_factory=list)


def plain(text: str) -> str:
    """Markdown inline text as a reader sees it: no emphasis marks, escapes or notes."""
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    return one_line(re.sub(r"\\(.)|\*", lambda m: m.group(1) or "", text))


def fingerprint(text: str, responsible: str) -> str:
    return hashlib.sha1(f"{text}\n{responsible}".encode("utf-8")).hexdigest()[:8]


def _rule(call: str, info: PlanInfo, previous: CallRule | None) -> CallRule | None:
    """How to read *call*: the plan's rule, or one made from its words; None: no action."""
    verb = next((v for v in info.verbs if call == v or call.startswith(v + " ")), None)
    if verb is None:
        return None
    if call in info.calls:
        return info.calls[call]
    addressee = re.sub(r"^the ", "", call[len(verb):].strip())
    if not addressee and previous is not None:  # "further invites": the same addressee
        return CallRule(call, call, previous.responsible, previous.collaborators,
                        previous.reporting_to)
    return CallRule(call, call, (addressee[:1].upper() + addressee[1:]) or "Not stated")


def clauses(res: Resolution, info: PlanInfo) -> list[Clause]:
    """The items of *res* that are actions, in text order."""
    out: list[Clause] = []
    rule = previous = None
    for block in res.blocks:
        if block.kind is BlockKind.CALL:
            rule = _rule(block.text, info, previous) if block.style == "operative" else None
            previous = rule or previous
        elif block.kind is BlockKind.ITEM and rule is not None:
            label = f"{rule.short} {block.marker}".strip()
            out.append(Clause(res.number, label, plain(block.text), rule, block.line, res.path))
    return out


def _match(actions: list[Action], found: list[Clause]) -> dict[int, Action]:
    """Clause index -> the action that follows it, in four passes of decreasing
    certainty: same clause and text, same text, same clause, similar text."""
    pairs: dict[int, Action] = {}
    free = list(actions)
    tests = [lambda a, c: a.clause == c.label and a.text == c.text,
             lambda a, c: a.text == c.text,
             lambda a, c: a.clause == c.label,
             lambda a, c: fuzz.ratio(a.text, c.text) >= SIMILAR]
    for test in tests:
        for index, clause in enumerate(found):
            if index in pairs:
                continue
            action = next((a for a in free if test(a, clause)), None)
            if action is not None:
                pairs[index] = action
                free.remove(action)
    return pairs


def _update(action: Action, clause: Clause, report: Report) -> None:
    """Follow *clause*: its label always; its text and responsible entity unless a person
    has changed them (the fingerprint no longer matches, or the action was made by hand)."""
    changed = action.clause != clause.label
    action.clause = clause.label
    edited = action.derived != fingerprint(action.text, action.responsible)
    new = (clause.text, clause.rule.responsible)
    if (action.text, action.responsible) != new:
        if edited:
            report.kept.append(action.id)
        else:
            action.text, action.responsible = new
            action.derived = fingerprint(*new)
            changed = True
    if changed:
        report.updated.append(action.id)


def derive_file(file: ActionFile, found: list[Clause], report: Report) -> ActionFile:
    """*file* with an action for every clause of *found*: matched ones updated, new ones
    added with the next free id, orphans kept at the end."""
    pairs = _match(file.actions, found)
    sequence = max((a.sequence for a in file.actions), default=0)
    ordered = []
    for index, clause in enumerate(found):
        if index in pairs:
            _update(pairs[index], clause, report)
            ordered.append(pairs[index])
            continue
        sequence += 1
        action = Action(id=f"{clause.resolution}-{sequence:02d}", resolution=clause.resolution,
                        clause=clause.label, text=clause.text,
                        responsible=clause.rule.responsible, status="not started",
                        collaborators=list(clause.rule.collaborators),
                        reporting_to=list(clause.rule.reporting_to),
                        derived=fingerprint(clause.text, clause.rule.responsible))
        report.created.append(action.id)
        ordered.append(action)
    matched = {id(a) for a in pairs.values()}
    ordered.extend(a for a in file.actions if id(a) not in matched)
    return ActionFile(file.path, file.resolution, ordered, file.header)


def derive(folder: Path, in_force: dict[int | str, Resolution]) -> Report:
    """Create or update the action files in *folder* from the Resolutions *in_force*;
    only files whose text changes are written."""
    info = load_plan_info(folder)
    files = {f.resolution: f for f in (load_action_file(p) for p in
                                       sorted(folder.glob(ACTION_FILES)))}
    report = Report()
    for number, res in sorted(in_force.items(), key=lambda kv: res_key(kv[0])):
        if not isinstance(number, int) or res.status != "in-force":
            continue
        found = clauses(res, info)
        file = files.get(number) or ActionFile(
            folder / f"res-{number}.yaml", number, [],
            [line.format(number=number) for line in HEADER])
        if not found and not file.actions:
            continue
        text = to_yaml(derive_file(file, found, report))
        if not file.path.is_file() or file.path.read_text(encoding="utf-8") != text:
            write_atomic(file.path, text.encode("utf-8"))
            report.written.append(file.path)
    return report


def res_key(number: int | str) -> tuple:
    return (0, number, "") if isinstance(number, int) else (1, 0, str(number))


def check(folder: Path, in_force: dict[int | str, Resolution]) -> list[tuple[Location, str]]:
    """Operative items without an action, and actions whose clause no longer exists
    (renumbered, revised away, or a Resolution no longer in force)."""
    info = load_plan_info(folder)
    files = {f.resolution: f for f in (load_action_file(p) for p in
                                       sorted(folder.glob(ACTION_FILES)))}
    findings: list[tuple[Location, str]] = []
    for number, file in sorted(files.items()):
        if number not in in_force:
            for action in file.actions:
                findings.append((Location(str(file.path), action.line),
                                 f"action {action.id}: Resolution {number} is not in force "
                                 "(suppressed?)"))
    for number, res in sorted(in_force.items(), key=lambda kv: res_key(kv[0])):
        if not isinstance(number, int) or res.status != "in-force":
            continue
        found = clauses(res, info)
        file = files.get(number)
        actions = file.actions if file else []
        pairs = _match(actions, found)
        for index, clause in enumerate(found):
            action = pairs.get(index)
            if action is None:
                findings.append((Location(str(clause.path), clause.line),
                                 f"Resolution {number}, {clause.label}: no action"))
            elif action.clause != clause.label:
                findings.append((Location(str(file.path), action.line),
                                 f"action {action.id}: '{action.clause}' no longer exists in "
                                 f"Resolution {number}: its item is now {clause.label} "
                                 "(derive renumbers it)"))
        matched = {id(action) for action in pairs.values()}
        for action in actions:
            if id(action) not in matched:
                findings.append((Location(str(file.path), action.line),
                                 f"action {action.id}: '{action.clause}' no longer exists in "
                                 f"Resolution {number}"))
    return findings
