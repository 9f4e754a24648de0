"""Checks of a contribution's proposals (rules R-54 to R-67 of the Supplement).

R-55 (the symbol and number of a proposal) and R-58 (a SUP carries no text) are
enforced by the reader of contributions itself, which stops there; the checker
reports that stop as a finding of the rule (see :func:`pipeline.check.run`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from pipeline.check.context import ContributionDoc
from pipeline.check.model import Severity
from pipeline.check.registry import CONTRIBUTION, Hit, check
from pipeline.sources.proposal import Proposal

LANGUAGES = ["Arabic", "Chinese", "English", "French", "Russian", "Spanish"]
PLACEHOLDER = re.compile(r"^\W*(?:tbd|tbc|todo|xxx+|to be (?:completed|provided|added)|\.\.\.|…)"
                         r"\W*$", re.I)


def _line(doc: ContributionDoc, proposal: Proposal, field: str | None = None) -> int:
    """The line of *field* of *proposal* in the contribution (its first line otherwise)."""
    if field:
        for number in range(proposal.line, min(len(doc.lines), proposal.line + 40) + 1):
            text = doc.lines[number - 1].strip().lstrip("- ")
            if text.startswith(f"{field}:"):
                return number
    return proposal.line


def _own(doc: ContributionDoc) -> list[Proposal]:
    """The proposals written in the file (not the SUPs the reader adds for a merge)."""
    return [p for p in doc.contribution.proposals
            if not (p.symbol == "SUP" and p.reasons.startswith(f"Resolution {p.resolution} is "
                                                               "merged into"))]


def _blocks(res) -> list[tuple]:
    return [(b.kind, b.marker, b.text, b.style) for b in res.blocks] + list(res.footnotes)


@check("tracked-changes-present", scope=CONTRIBUTION)
def mod_changes_something(doc: ContributionDoc) -> Iterator[Hit]:
    """A MOD's draft differs from the text it modifies."""
    for proposal in _own(doc):
        if proposal.symbol not in ("MOD", "(MOD)") or not proposal.draft or not proposal.base_text:
            continue
        if _blocks(proposal.draft) == _blocks(proposal.base_text) and \
                proposal.draft.title == proposal.base_text.title:
            yield Hit(_line(doc, proposal, "text"), 1, f"{proposal.symbol} {proposal.number}: the "
                      "draft changes nothing in the text in force", "propose NOC instead")


@check("number-line-new-edition", scope=CONTRIBUTION)
def new_edition(doc: ContributionDoc) -> Iterator[Hit]:
    """A MOD adds the current assembly's edition; an editorial (MOD) does not."""
    current = f"{doc.assembly.place}, {doc.assembly.year}"
    for proposal in _own(doc):
        if not proposal.draft or not proposal.base_text:
            continue
        base, draft = proposal.base_text.editions, proposal.draft.editions
        line = _line(doc, proposal, "text")
        if proposal.symbol == "MOD" and draft != base + [current]:
            yield Hit(line, 1, f"MOD {proposal.number}: the draft's editions are "
                      f"{'; '.join(draft)}", f"the text in force's editions, then '{current}'")
        elif proposal.symbol == "(MOD)" and draft != base:
            yield Hit(line, 1, f"(MOD) {proposal.number} adds an edition: an editorial change "
                      "keeps the edition in force", "keep the editions, or propose a MOD")


@check("reasons-present", scope=CONTRIBUTION)
def reasons(doc: ContributionDoc) -> Iterator[Hit]:
    for proposal in _own(doc):
        words = proposal.reasons.split()
        if PLACEHOLDER.match(proposal.reasons) or len(words) < 4:
            yield Hit(_line(doc, proposal, "reasons"), 1, f"{proposal.number}: Reasons "
                      f"'{proposal.reasons[:30]}' say nothing", "state briefly why the change "
                      "is proposed")


@check("new-resolution-provisional-number", scope=CONTRIBUTION)
def provisional_number(doc: ContributionDoc) -> Iterator[Hit]:
    for proposal in _own(doc):
        if proposal.symbol == "ADD" and isinstance(proposal.resolution, int):
            yield Hit(_line(doc, proposal, "resolution"), 1, f"ADD {proposal.number} gives the new "
                      f"Resolution the number {proposal.resolution}",
                      f"use a provisional identifier such as '[{doc.contribution.source.prefix}-1]'")


def _first_day(dates: str, year: int) -> datetime.date | None:
    match = re.match(r"^(\d{1,2})\D.*?([A-Z][a-z]+) (\d{4})$", dates.strip())
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    if not match or match.group(2) not in months:
        return None
    return datetime.date(int(match.group(3)), months.index(match.group(2)) + 1, int(match.group(1)))


@check("cover-page-fields", scope=CONTRIBUTION)
def cover_fields(doc: ContributionDoc) -> Iterator[Hit]:
    """The cover's date falls before the assembly; the original language is one of six."""
    contribution = doc.contribution
    start = _first_day(doc.assembly.dates, doc.assembly.year)
    date = datetime.date.fromisoformat(contribution.date)
    if start and date > start:
        yield Hit(_field(doc, "date"), 1, f"date {contribution.date} is after the opening of "
                  f"{doc.assembly.short} ({doc.assembly.dates})")
    if contribution.original not in LANGUAGES:
        yield Hit(_field(doc, "original"), 1, f"original language '{contribution.original}'",
                  "one of " + ", ".join(LANGUAGES))


def _field(doc: ContributionDoc, name: str) -> int:
    return next((n for n, text in enumerate(doc.lines, 1) if text.startswith(f"{name}:")), 1)


@check("one-symbol-one-text", scope=CONTRIBUTION)
def one_text(doc: ContributionDoc) -> Iterator[Hit]:
    """One proposal per Resolution in a contribution."""
    seen: dict = {}
    for proposal in _own(doc):
        if proposal.resolution in seen:
            yield Hit(proposal.line, 1, f"{proposal.number} and {seen[proposal.resolution].number} "
                      f"both concern Resolution {proposal.resolution}",
                      "make one proposal of them")
        else:
            seen[proposal.resolution] = proposal


def _sort_key(number) -> tuple:
    return (0, number, "") if isinstance(number, int) else (1, 0, str(number))


@check("proposals-in-order", scope=CONTRIBUTION)
def in_order(doc: ContributionDoc) -> Iterator[Hit]:
    """Proposals numbered 1, 2, 3... in the file, in the order of the Resolutions."""
    own = _own(doc)
    for expected, proposal in enumerate(own, start=1):
        if proposal.serial != expected:
            yield Hit(proposal.line, 1, f"proposal {proposal.number} where number {expected} is "
                      "due", "number the proposals 1, 2, 3... in the order of the file")
            break
    for before, after in zip(own, own[1:]):
        if _sort_key(after.resolution) < _sort_key(before.resolution):
            yield Hit(after.line, 1, f"{after.number} (Resolution {after.resolution}) comes after "
                      f"{before.number} (Resolution {before.resolution})",
                      "order the proposals by Resolution number, new Resolutions last",
                      severity=Severity.WARNING)


@check("consolidated-base-is-text-in-force", scope=CONTRIBUTION)
def base_in_force(doc: ContributionDoc) -> Iterator[Hit]:
    """A MOD's own base, where given, is the text in force in its latest edition."""
    for proposal in _own(doc):
        if not proposal.base or not proposal.base_text:
            continue
        in_force = doc.ref.in_force.get(proposal.resolution)
        if in_force is not None and in_force.editions != proposal.base_text.editions:
            yield Hit(_line(doc, proposal, "base"), 1, f"{proposal.number}: the base is the "
                      f"{proposal.base_text.editions[-1]} edition; the text in force is "
                      f"{in_force.editions[-1]}", "modify the text in force")
