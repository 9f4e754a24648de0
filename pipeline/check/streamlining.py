"""The streamlining report: per Resolution, what the review of clause 8 of the Supplement
needs to know, and a suggested category with its reasons.

    Resolutions + the checker's findings + overlaps (overlaps.py) + the Action Plan
      -> streamlining_markdown(): build/reports/streamlining.md
      -> write_streamlining(): the same text through the render path as an ITU-styled
         build/reports/streamlining.docx

The categories follow the Supplement's criteria (rules R-46 to R-54), first match wins:

- **suppression candidate** (R-49): every action of the Action Plan is complete and no
  operative item sets a continuing task (R-50), or nearly all of the text repeats one
  other Resolution;
- **merge candidate** (R-51): the whole text is close to another Resolution's, which
  the report names, with the text that would usually survive;
- **editorial update** (R-52): the checker found only warnings;
- **keep**: otherwise.

Each reason is one short sentence for the TSB secretariat. The report has no date or
time in it, so the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path

import panflute as pf

from pipeline.check.model import Finding, Severity
from pipeline.check.overlaps import (Overlaps, ResolutionPair, excerpt, passages_of,
                                     plain_text)
from pipeline.outputs import write_atomic
from pipeline.render import Document, Properties, pandoc, render
from pipeline.render.resolution import escape_markdown
from pipeline.render.transforms import Context
from pipeline.render.pieces import Pieces
from pipeline.render.transforms.blocks import enumeration, table
from pipeline.sources.actionplan import load_action_plan
from pipeline.sources.content import Content
from pipeline.sources.resolution import BlockKind, Resolution

TITLE = "Streamlining review of the Resolutions"
NAME = "streamlining"
#: The status of an action that is done; "recurring" is a continuing task, never done.
COMPLETED = "completed"
#: Words in an operative item that make it a continuing task (R-50): a standing duty
#: ("shall"), a repeated one ("each", "annually"), or one without end ("maintain").
CONTINUING = re.compile(r"\b(shall|each|every|regularly|annually|once a year|continue|continues|"
                        r"continuing|ongoing|permanent|maintain|keep)\b", re.IGNORECASE)
#: The share of a Resolution's paragraphs that, repeated in one other Resolution, makes
#: its content "fully covered elsewhere" (R-49).
COVERED = 0.8
#: Fixed document date: the report must not change when nothing else did.
DATE = "2000-01-01T00:00:00Z"
CATEGORIES = ("keep", "editorial update", "merge candidate", "suppression candidate")


@dataclass
class Review:
    """What the report says of one Resolution."""

    resolution: Resolution
    words: int
    operative_items: int
    findings: list[Finding]
    partners: list[tuple[ResolutionPair, bool]]
    completion: tuple[int, int] | None
    continuing: list[str]
    category: str
    reasons: list[str]


def action_completion(content_folder: Path) -> dict[int | str, tuple[int, int]]:
    """Resolution number -> (completed actions, all actions) from the Action Plan in
    *content_folder* (``content/``); empty when it has no Action Plan."""
    folder = Content(content_folder).action_plan
    if not folder.is_dir():
        return {}
    counts: dict[int | str, tuple[int, int]] = {}
    for action in load_action_plan(folder).actions:
        done, total = counts.get(action.resolution, (0, 0))
        counts[action.resolution] = (done + (action.status == COMPLETED), total + 1)
    return counts


def _name(number: int | str) -> str:
    return f"Resolution {number}" if isinstance(number, int) else f"Draft new Resolution {number}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _operative_items(res: Resolution) -> list[tuple[str, str]]:
    """(place, text) of each item of an operative call: ("resolves 1", "that ...")."""
    out, call = [], None
    for block in res.blocks:
        if block.kind == BlockKind.CALL:
            call = block.text if block.style == "operative" else None
        elif block.kind == BlockKind.ITEM and call is not None:
            out.append((f"{call} {block.marker}".strip(), plain_text(block.text)))
    return out


def _words(res: Resolution) -> int:
    return sum(len(plain_text(block.title if block.kind in (BlockKind.SECTION, BlockKind.ANNEX,
                                                            BlockKind.APPENDIX) else block.text)
                   .split()) for block in res.blocks if block.kind != BlockKind.IMAGE)


def _survivor(a: Resolution, b: Resolution, words: dict[str, int]) -> Resolution:
    """The text that would usually survive a merger: the broader (longer) one, then the
    more recent edition, then the lower number."""
    return min((a, b), key=lambda res: (-words[str(res.path)], -res.year, res.sort_key))


def _covering(res: Resolution, review_partners: list[tuple[ResolutionPair, bool]],
              min_words: int) -> tuple[ResolutionPair, float] | None:
    """The partner that repeats at least :data:`COVERED` of *res*'s paragraphs, if any."""
    own = len(passages_of(res, min_words))
    if not own:
        return None
    for pair, is_a in review_partners:
        lines = {(p.a if is_a else p.b).line for p in pair.passages}
        if len(lines) / own >= COVERED:
            return pair, len(lines) / own
    return None


def _partner(pair: ResolutionPair, is_a: bool) -> int | str:
    return pair.b_number if is_a else pair.a_number


def _finding_reasons(findings: list[Finding]) -> tuple[list[str], bool, bool]:
    """Reasons about the findings, whether there are errors, whether there are warnings."""
    errors = sorted({f.rule for f in findings if f.severity == Severity.ERROR}, key=_rule_key)
    warnings = sorted({f.rule for f in findings if f.severity == Severity.WARNING}, key=_rule_key)
    reasons = []
    if errors:
        count = _count(sum(f.severity == Severity.ERROR for f in findings), "error")
        reasons.append(f"The checker found {count} ({', '.join(errors)}), to correct in any "
                       "revision.")
    elif warnings:
        reasons.append(f"The checker found only warnings ({', '.join(warnings)}): an editorial "
                       "update, which alone does not justify a new edition; propose NOC, or "
                       "(MOD) if a correction cannot wait (R-52).")
    return reasons, bool(errors), bool(warnings)


def _rule_key(rule: str) -> tuple:
    digits = re.sub(r"\D", "", rule)
    return (int(digits) if digits else 0, rule)


def _action_reasons(done_total: tuple[int, int] | None, continuing: list[str]
                    ) -> tuple[list[str], str]:
    """Reasons from the Action Plan, and "suppression candidate" when its actions are all
    complete and no item continues (R-49, R-50), else ""."""
    if not done_total or not done_total[1]:
        return ["The Action Plan has no actions for it: check whether its actions are "
                "complete before proposing a revision (R-50)."], ""
    done, total = done_total
    reasons = [f"The Action Plan records {done} of {_count(total, 'action')} as complete."]
    if done == total and not continuing:
        return reasons + ["Its actions are complete and no operative item sets a continuing "
                          "task: propose SUP, with Reasons citing the Action Plan (R-49); move "
                          "any task that must continue to another Resolution first."], \
            "suppression candidate"
    if done == total:
        reasons.append(f"Its actions are complete, but {', '.join(continuing)} "
                       f"set{'s' * (len(continuing) == 1)} a continuing task (R-50).")
    return reasons, ""


def review(res: Resolution, findings: list[Finding], overlaps: Overlaps,
           completion: dict, words: dict[str, int], by_path: dict) -> Review:
    """The review of *res*: its figures, its suggested category and the reasons."""
    path = str(res.path)
    own = sorted((f for f in findings if f.path == path), key=lambda f: f.sort_key)
    partners = overlaps.partners(path)
    done_total = completion.get(res.number)
    continuing = [place for place, text in _operative_items(res) if CONTINUING.search(text)]
    reasons, category = _action_reasons(done_total, continuing)
    covering = _covering(res, partners, overlaps.min_words)
    if covering and not category:
        pair, share = covering
        category = "suppression candidate"
        other = _name(_partner(pair, pair.a_path == path))
        reasons.append(f"{share:.0%} of its paragraphs repeat {other}: its content is covered "
                       "there; propose SUP with Reasons naming that text (R-49).")
    merges = [(pair, is_a) for pair, is_a in partners if pair.score >= overlaps.pair_threshold]
    for pair, is_a in merges:
        other = by_path.get(pair.b_path if is_a else pair.a_path)
        survivor = _survivor(res, other, words) if other is not None else res
        role = ("would usually survive, as a MOD taking in the other's substance" if survivor is res
                else f"would be proposed for SUP with Reasons naming {_name(survivor.number)}, "
                     "which would usually survive")
        reasons.append(f"Its text is close to {_name(_partner(pair, is_a))} (similarity "
                       f"{pair.score:.2f}): a merger candidate; this text {role} (R-51).")
    if merges and not category:
        category = "merge candidate"
    repeats = [(pair, is_a) for pair, is_a in partners
               if pair.passages and pair.score < overlaps.pair_threshold]
    for pair, is_a in repeats:
        reasons.append(f"{_count(len(pair.passages), 'paragraph')} "
                       f"repeat{'s' * (len(pair.passages) == 1)} "
                       f"{_name(_partner(pair, is_a))}: replace "
                       f"{'it' if len(pair.passages) == 1 else 'them'} by a reference to that "
                       "Resolution (R-48).")
    finding_reasons, errors, warnings = _finding_reasons(own)
    reasons += finding_reasons
    if not category:
        category = "editorial update" if warnings and not errors else "keep"
    if category == "keep":
        reasons.append("Nothing points to suppression, merger or an editorial update only: keep, "
                       "and answer the four review questions before carrying it forward (R-46).")
    operative = len(_operative_items(res))
    return Review(res, words[path], operative, own, partners, done_total, continuing,
                  category, reasons)


def _findings_line(findings: list[Finding]) -> str:
    if not findings:
        return "none"
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING):
        rules = sorted({f.rule for f in findings if f.severity == severity}, key=_rule_key)
        if rules:
            parts.append(f"{_count(sum(f.severity == severity for f in findings), str(severity))} "
                         f"({', '.join(rules)})")
    return ", ".join(parts)


def _completion_line(done_total: tuple[int, int] | None) -> str:
    if not done_total or not done_total[1]:
        return "no actions recorded"
    return f"{done_total[0]} of {done_total[1]} complete"


def _shared_lines(pair: ResolutionPair, is_a: bool) -> list[str]:
    """One list line per shared paragraph: both lines, the score, a short excerpt."""
    out = []
    for shared in pair.passages:
        mine, theirs = (shared.a, shared.b) if is_a else (shared.b, shared.a)
        out.append(f"    - line {mine.line} and line {theirs.line} ({shared.score:.2f}): "
                   f"\u201c{escape_markdown(excerpt(mine.text))}\u201d")
    return out


def _section(item: Review) -> list[str]:
    res = item.resolution
    lines = [f"## {_name(res.number)}: {res.title}", "",
             f"Suggested category: {item.category}.", "",
             f"- Length: {_count(item.words, 'word')}, "
             f"{_count(item.operative_items, 'operative item')}.",
             f"- Findings: {_findings_line(item.findings)}.",
             f"- Action Plan: {_completion_line(item.completion)}."]
    if item.partners:
        lines.append("- Overlaps:")
        for pair, is_a in item.partners:
            shared = _count(len(pair.passages), "shared paragraph")
            lines.append(f"  - {_name(_partner(pair, is_a))}: similarity {pair.score:.2f}, "
                         f"{shared}{':' if pair.passages else '.'}")
            lines += _shared_lines(pair, is_a)
    else:
        lines.append("- Overlaps: none found.")
    lines += ["", "Reasons:", ""]
    lines += [f"{index}. {reason}" for index, reason in enumerate(item.reasons, start=1)]
    return lines + [""]


def _summary(reviews: list[Review]) -> list[str]:
    counts = "; ".join(f"{c} {sum(r.category == c for r in reviews)}" for c in CATEGORIES)
    lines = [f"Suggested categories: {counts}.", "",
             "| Resolution | Words | Operative items | Findings (errors / warnings) | "
             "Actions complete | Suggested category |", "|---|---|---|---|---|---|"]
    for item in reviews:
        errors = sum(f.severity == Severity.ERROR for f in item.findings)
        lines.append(f"| {item.resolution.number} | {item.words} | {item.operative_items} | "
                     f"{errors} / {len(item.findings) - errors} | "
                     f"{_completion_line(item.completion)} | {item.category} |")
    return lines + ["", ": Suggested category of each Resolution", ""]


def streamlining_markdown(resolutions: list[Resolution], findings: list[Finding],
                          overlaps: Overlaps, completion: dict) -> str:
    """The report as Markdown: an introduction, a summary table, then one section per
    Resolution (numbers in force first, then drafts)."""
    ordered = sorted(resolutions, key=lambda res: (res.sort_key, str(res.path)))
    words = {str(res.path): _words(res) for res in ordered}
    by_path = {str(res.path): res for res in ordered}
    reviews = [review(res, findings, overlaps, completion, words, by_path) for res in ordered]
    intro = [f"# {TITLE}", "",
             f"Generated by itudraft from {_count(len(ordered), 'Resolution')}, the findings "
             "of its checker and the TSB Action Plan. The suggested categories apply the "
             "streamlining criteria of the Supplement (rules R-46 to R-54): they start the "
             "review, they do not conclude it.", "",
             f"Two texts are merge candidates from a whole-text similarity of "
             f"{overlaps.pair_threshold:.2f} (TF-IDF cosine); a paragraph repeats another "
             f"from a similarity of {overlaps.passage_threshold:.2f}. Findings are shown as "
             "errors / warnings.", ""]
    body = [line for item in reviews for line in _section(item)]
    return "\n".join(intro + _summary(reviews) + body).rstrip("\n") + "\n"


def streamlining_document(markdown: str, origin: Path, pieces: Pieces | None = None) -> Document:
    """The report as a Document for the render path (conference-document layout).
    Each section (from one ``## `` heading to the next) is read on its own, so a section
    that did not change is a kept conversion; with *pieces*, what follows each heading
    is a piece too, rendered once and kept."""
    blocks: list[pf.Block] = []
    tables = 0
    identifiers: set[str] = set()
    for chunk in _sections(markdown):
        doc = pandoc.parse_markdown(chunk, origin, lines=False)
        run: list[pf.Block] = []
        for block in doc.content:
            if isinstance(block, (pf.BulletList, pf.OrderedList)):
                run += enumeration(block, 1)  # marker + TAB in enumlev1-3, as ITU types lists
            elif isinstance(block, pf.Table) and block.caption.content:
                tables += 1
                run += table(block, str(tables), Context(style_names={}))
            elif isinstance(block, pf.Header):
                block.identifier = _unique(block.identifier, identifiers)
                blocks += _as_piece(run, pieces, origin) + [block]
                run = []
            else:
                run.append(block)
        blocks += _as_piece(run, pieces, origin)
    properties = Properties(title=TITLE, subject="Streamlining of the WTSA Resolutions",
                            keywords=["WTSA", "Resolutions", "streamlining"],
                            creator="itudraft", date=DATE)
    return Document(blocks=blocks, origin=origin, properties=properties,
                    header=[TITLE], pieces=pieces)


def _sections(markdown: str) -> list[str]:
    """*markdown* cut before each ``## `` heading (the report's own Markdown, whose lines
    starting so are headings)."""
    parts = re.split(r"(?m)^(?=## )", markdown)
    return [part for part in parts if part.strip()]


def _unique(identifier: str, seen: set[str]) -> str:
    """*identifier*, or as pandoc makes it unique in one document (-1, -2...)."""
    found, number = identifier, 0
    while found and found in seen:
        number += 1
        found = f"{identifier}-{number}"
    seen.add(found)
    return found


def _as_piece(run: list[pf.Block], pieces: Pieces | None, origin: Path) -> list[pf.Block]:
    """*run* as one piece of *pieces* (keyed by its AST), or as it is."""
    if pieces is None or not run:
        return run
    key = "streamlining\0" + json.dumps([block.to_json() for block in run], sort_keys=True)
    return [pieces.place(key, lambda _fragments, _prefix: copy.deepcopy(run), origin)]


def write_streamlining(markdown: str, out_dir: Path, reference: Path | None = None) -> list[Path]:
    """Write streamlining.md and streamlining.docx (ITU styles, from *reference* or the
    house style) into *out_dir*, each atomically; nothing else there is touched."""
    md_path, docx_path = out_dir / f"{NAME}.md", out_dir / f"{NAME}.docx"
    docx = render(streamlining_document(markdown, md_path), reference)
    write_atomic(md_path, markdown.encode("utf-8"))
    write_atomic(docx_path, docx)
    return [md_path, docx_path]


__all__ = ["action_completion", "review", "streamlining_markdown", "write_streamlining"]
