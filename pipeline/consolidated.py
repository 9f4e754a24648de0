"""Consolidated draft Resolutions: one text per Resolution carrying every source's
proposed changes, each revision authored by its source.

    ProposalSet (the assembly's contributions, texts in force)
      -> per Resolution with MOD or (MOD) proposals: the text in force and each
         source's draft, rendered alike (same renderer, same house style)
      -> the consolidation engine (pipeline.redline.consolidate) merges the drafts'
         changes into the text in force: authors are the sources, dates their
         contributions'; alike changes are one revision by all, different changes of
         the same words are conflicts with a Word comment
      -> the conflicts found, the legend and the cover go in front, rendered the same
         way on every side, so they come through unmarked
      -> build/consolidated/res-NNN.docx, and conflicts.md for all Resolutions

A SUP of a Resolution that others modify is a conflict of its own kind: it is listed
in the conflicts table and in conflicts.md; ADD and NOC proposals on the Resolution
are named on the cover and in the legend.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import panflute as pf

from pipeline.outputs import write_set
from pipeline.proposals import NB_HYPHEN, conference_cover, read_bases
from pipeline.redline import Conflict, Wording, consolidate
from pipeline.render import Document, Properties, in_language, render_package
from pipeline.render.document import CLOSING, PAGE_BREAK, marker, para, text_inlines
from pipeline.render.inline import Fragments
from pipeline.render.pieces import Pieces
from pipeline.render.resolution import resolution_piece
from pipeline.sources.languages import language
from pipeline.sources.proposal import Contribution, Proposal, ProposalSet, load_proposal_set
from pipeline.sources.resolution import BlockKind, Resolution

_MODIFY = ("MOD", "(MOD)")


@dataclass
class Source:
    """One proposal on the Resolution, and the revision author it writes as."""

    proposal: Proposal
    contribution: Contribution
    author: str

    @property
    def date(self) -> str:
        return f"{self.contribution.date}T00:00:00Z"


@dataclass
class Consolidated:
    number: int | str
    data: bytes
    sources: list[Source]        # the MODs, in contribution order
    others: list[Source]         # SUP, NOC, ADD on the same Resolution
    conflicts: list[Conflict]
    revisions: dict[str, int]


def resolutions_to_consolidate(proposals: ProposalSet) -> dict[int | str, list[Source]]:
    """Every proposal on each Resolution that has a MOD or (MOD), contributions in
    order (date, then document); a source with two proposals on one Resolution writes
    as "APT (ACP/42A1/1)" so every author stays one proposal's."""
    contributions = sorted(proposals.contributions, key=lambda c: (c.date, c.document,
                                                                   c.addendum or 0))
    found: dict[int | str, list[Source]] = {}
    for contribution in contributions:
        for proposal in contribution.proposals:
            found.setdefault(proposal.resolution, []).append(
                Source(proposal, contribution, _author(contribution)))
    out = {}
    for number, sources in found.items():
        if not any(s.proposal.symbol in _MODIFY for s in sources):
            continue
        authors = [s.author for s in sources if s.proposal.symbol in _MODIFY]
        for source in sources:
            if authors.count(source.author) > 1:
                source.author = f"{source.author} ({source.proposal.number})"
        out[number] = sources
    return dict(sorted(out.items(), key=lambda item: str(item[0]).zfill(6)))


def _author(contribution: Contribution) -> str:
    return ", ".join(contribution.members) or contribution.source.key


def consolidated_docx(number: int | str, sources: list[Source], proposals: ProposalSet,
                      reference: Path | None = None, pieces: Pieces | None = None
                      ) -> Consolidated:
    """The consolidated text of Resolution *number*: cover, legend, conflicts, then the
    Resolution in force with every MOD's changes. The texts are *pieces*, rendered once
    for both passes (and with the other documents that share *pieces*)."""
    pieces = pieces or Pieces()
    mods = [s for s in sources if s.proposal.symbol in _MODIFY]
    others = [s for s in sources if s.proposal.symbol not in _MODIFY]
    base = next((s.proposal.base_text for s in mods if s.proposal.base_text), None) \
        or proposals.in_force[number]
    words = proposals.conventions.consolidated
    wording = Wording(**words["comments"])  # the conventions name them as the engine does
    # first the texts alone, to find the conflicts the front matter lists
    plain = consolidate(render_package(_document(base, [], proposals, number, pieces), reference),
                        [(render_package(_document(s.proposal.draft, [], proposals, number,
                                                   pieces), reference), s.author, s.date)
                         for s in mods], wording=wording)
    conflicts = list(plain.conflicts)
    suppressing = [s for s in others if s.proposal.symbol == "SUP"]
    if suppressing:  # one conflict: some modify the Resolution, others suppress it
        conflicts.append(Conflict("suppression", "", tuple(
            [(s.author, f"{s.proposal.symbol} {s.proposal.number}: {words['modify']}")
             for s in mods]
            + [(s.author, f"{s.proposal.symbol} {s.proposal.number}: {words['suppress']}")
               for s in suppressing]), words["whole"]))
    front = _front(mods, others, conflicts, plain.revisions, words)
    result = consolidate(render_package(_document(base, front, proposals, number, pieces, mods),
                                        reference),
                         [(render_package(_document(s.proposal.draft, front, proposals, number,
                                                    pieces, mods), reference), s.author, s.date)
                          for s in mods], wording=wording)
    data = in_language(result.data, language(base.language))  # the comments, too
    return Consolidated(number, data, mods, others, conflicts, result.revisions)


def _document(res: Resolution, front: list, proposals: ProposalSet, number: int | str,
              pieces: Pieces | None = None, mods: list[Source] | None = None) -> Document:
    """The Resolution *res* after the *front* blocks, as one side of the consolidation."""
    assembly = proposals.assembly
    pieces = pieces or Pieces()
    fragments = Fragments(res.path)
    blocks = list(front) + [resolution_piece(pieces, res, res.path), marker(CLOSING)]
    title = proposals.conventions.consolidated["title"].format(number=number)
    properties = Properties(title=f"{assembly.short}: {title}", subject=res.plain_title,
                            keywords=[assembly.short, "consolidated", str(number)],
                            creator=assembly.short, date=_date(mods or []))
    cover = _cover(number, res, mods, proposals) if mods is not None else []
    return Document(blocks=blocks, origin=res.path, properties=properties,
                    header=[f"{assembly.short} \u2013 {title}"] if mods is not None else [],
                    cover=cover, fragments=fragments, continuous=True, pieces=pieces,
                    language=language(res.language))


def _date(mods: list[Source]) -> str:
    return max((s.date for s in mods), default="2000-01-01T00:00:00Z")


def _cover(number, res: Resolution, mods: list[Source], proposals: ProposalSet) -> list:
    """The cover, in the language of the texts (*proposals*' conventions)."""
    conventions = proposals.conventions
    words = conventions.consolidated
    latest = max(mods, key=lambda s: s.contribution.date).contribution
    listed = words["source_separator"].join(words["source_item"].format(
        author=s.author, proposal=s.proposal.number, date=s.contribution.long_date) for s in mods)
    assembly = proposals.assembly.words(conventions.language)
    return conference_cover({"assembly": assembly,
                             "short": assembly["short"].replace("-", NB_HYPHEN),
                             "words": conventions.cover,
                             "document_line": words["document_line"], "date": latest.long_date,
                             "original": assembly["english"],
                             "source": words["source"],
                             "title": f"{words['title'].format(number=number)} \u2013 "
                                      f"{res.plain_title}",
                             "abstract": words["abstract"].format(number=number,
                                                                  sources=listed)})


def _front(mods: list[Source], others: list[Source], conflicts: list[Conflict],
           revisions: dict[str, int], words: dict) -> list[pf.Block]:
    """The legend and the conflicts table, the same on every side (*words*: the front
    matter's words in the texts' language)."""
    rows = [[_region(s) if not s.contribution.members else
             ", ".join(s.contribution.members), f"{s.proposal.symbol} {s.proposal.number}",
             s.contribution.document_line, s.contribution.long_date, s.author,
             str(revisions.get(s.author, 0))] for s in mods]
    rows += [[_region(s), f"{s.proposal.symbol} {s.proposal.number}",
              s.contribution.document_line, s.contribution.long_date, "\u2013", "\u2013"]
             for s in others]
    out: list[pf.Block] = [
        para(words["sources_heading"], "Heading_b"),
        _table(words["columns"], rows, [0.22, 0.17, 0.2, 0.15, 0.14, 0.12]),
        para(words["legend"]),
        para(words["conflicts_heading"], "Heading_b")]
    if conflicts:
        out.append(_table(words["conflict_columns"],
                          [[str(index), words["kinds"].get(conflict.kind, conflict.kind),
                            words["quoted"].format(text=conflict.base) if conflict.base
                            else conflict.context,
                            words["comments"]["separator"].join(
                                words["row_proposal"].format(authors=who, text=what)
                                for who, what in conflict.proposals)]
                           for index, conflict in enumerate(conflicts, start=1)],
                          [0.07, 0.13, 0.35, 0.45]))
    else:
        out.append(para(words["no_conflicts"]))
    return out + [marker(PAGE_BREAK)]


def _region(source: Source) -> str:
    """The source's region as the document's language names it."""
    contribution = source.contribution
    return contribution.assembly.words(contribution.language)["regions"][
        contribution.source.key]["name"]


def _table(head: list[str], rows: list[list[str]], widths: list[float]) -> pf.Table:
    def cell(text: str) -> pf.TableCell:
        return pf.TableCell(pf.Plain(*text_inlines(text)))
    return pf.Table(pf.TableBody(*[pf.TableRow(*[cell(text) for text in row]) for row in rows]),
                    head=pf.TableHead(pf.TableRow(*[cell(text) for text in head])),
                    colspec=[("AlignLeft", width) for width in _fitted(widths, [head, *rows])])


#: The share of a table's width one character of its 10-point text takes, about (a line
#: of the text width holds some 95); Arabic letters are set wider than Latin ones.
_CHARACTER = 0.0105
_WIDE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
#: What a line cannot break inside: a run of letters, or one Chinese character (a line
#: may break after any).
_UNBROKEN = re.compile("[\u3000-\u9fff\uff00-\uffef]|[^\\s\u3000-\u9fff\uff00-\uffef]+")


def _fitted(widths: list[float], rows: list[list[str]]) -> list[float]:
    """*widths* (shares of the table's width) with each column made wide enough for its
    longest word (heading or cell; a Chinese character is a word of its own), the others
    narrower in proportion: a column narrower than a word breaks it inside (an Arabic
    heading in a column sized for English)."""
    need = []
    for column in range(len(widths)):
        words = [word for row in rows for word in _UNBROKEN.findall(row[column])]
        longest = max((len(word) + 0.7 * len(_WIDE.findall(word)) for word in words), default=0)
        need.append(min((longest + 2) * _CHARACTER, 0.5))
    fixed = [max(width, least) for width, least in zip(widths, need)]
    raised = [least > width for width, least in zip(widths, need)]
    rest = sum(width for width, up in zip(fixed, raised) if not up)
    spare = 1.0 - sum(width for width, up in zip(fixed, raised) if up)
    if rest <= 0 or spare <= 0:
        return [width / sum(fixed) for width in fixed]
    return [width if up else width * spare / rest for width, up in zip(fixed, raised)]


def conflict_places(result: Consolidated, res: Resolution) -> list[str]:
    """Where a Resolution's conflicts sit, as a chair names them: "resolves 2",
    "considering d)"; a suppression beside modifications is "the whole Resolution"."""
    places = []
    for conflict in result.conflicts:
        if conflict.kind == "suppression":
            places.append("the whole Resolution")
            continue
        place, call = "", ""
        for block in res.blocks:
            if block.kind == BlockKind.CALL:
                call = block.text.strip("*")
            elif block.kind == BlockKind.ITEM and _plain(block.text)[:40] and \
                    _plain(block.text)[:40] in _plain(conflict.context or conflict.base):
                place = f"{call} {block.marker}".strip()
        if conflict.kind == "insertion":
            place = f"after {place}" if place else "new text"
        places.append(place or conflict.kind)
    return list(dict.fromkeys(places))


def _plain(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def conflicts_by_resolution(proposals: ProposalSet, reference: Path | None = None
                            ) -> dict[int | str, list[str]]:
    """The conflict places of every Resolution that sources modify (for briefing notes)."""
    found = {}
    pieces = Pieces()  # a text in force is rendered once for every draft that modifies it
    with tempfile.TemporaryDirectory(prefix="itudraft-bases-") as imports:
        read_bases(proposals, Path(imports))
        for number, sources in resolutions_to_consolidate(proposals).items():
            result = consolidated_docx(number, sources, proposals, reference, pieces)
            found[number] = conflict_places(result, proposals.in_force[number])
    return found


def conflicts_markdown(results: list[Consolidated], proposals: ProposalSet) -> str:
    """Every Resolution's conflicts, for the people who reconcile them."""
    return join_conflicts(proposals.assembly.short,
                          [conflicts_section(result) for result in results])


def conflicts_section(result: Consolidated) -> str:
    """One Resolution's part of conflicts.md."""
    authors = ", ".join(f"{s.author} ({s.proposal.number})" for s in result.sources)
    lines = [f"## Resolution {result.number}", "", f"Modified by {authors}.", ""]
    if not result.conflicts:
        return "\n".join(lines + ["No conflict.", ""])
    for index, conflict in enumerate(result.conflicts, start=1):
        where = f"at \u201c{conflict.base}\u201d" if conflict.base else conflict.context
        lines.append(f"{index}. {conflict.kind}, {where}:")
        lines += [f"   - {who}: {what}" for who, what in conflict.proposals]
    return "\n".join(lines + [""])


def join_conflicts(assembly: str, sections: list[str]) -> str:
    """conflicts.md from the sections of each Resolution, in order."""
    lines = [f"# Conflicts between the proposals to {assembly}", "",
             "Generated by itudraft from the proposals; each consolidated draft lists the "
             "same conflicts in its front matter and as comments in the text.", ""]
    text = "\n".join(lines) + "\n" + "\n".join(sections)
    return text.rstrip("\n") + "\n"


def build_consolidated(proposals_dir: Path, resolutions_dir: Path, assemblies_dir: Path,
                       out: Path, reference: Path | None = None, progress=None) -> list[Path]:
    """Everything ``make consolidated`` writes: one .docx per Resolution with MODs and
    conflicts.md; files an earlier build wrote and this one does not are removed."""
    proposals = load_proposal_set(proposals_dir, resolutions_dir, assemblies_dir)
    step = progress or (lambda label: None)
    outputs: dict[Path, bytes] = {}
    results = []
    pieces = Pieces()
    with tempfile.TemporaryDirectory(prefix="itudraft-bases-") as imports:
        read_bases(proposals, Path(imports))
        for number, sources in resolutions_to_consolidate(proposals).items():
            name = f"res-{str(number).strip('[]')}.docx"
            step(name)
            result = consolidated_docx(number, sources, proposals, reference, pieces)
            outputs[out / name] = result.data
            results.append(result)
    outputs[out / "conflicts.md"] = conflicts_markdown(results, proposals).encode("utf-8")
    write_set(out, outputs)
    return list(outputs)
