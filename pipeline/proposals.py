"""The Resolutions stage: proposal documents, the compilation and the clean texts.

    ProposalSet (sources.proposal: assembly, contributions, texts in force)
      -> for each contribution, two renderings of the same document: one with
         each MOD's base text, one with its draft (ADD, SUP, NOC read the same
         in both) -> the redline engine marks the differences as tracked changes
      -> build/resolutions/<contribution>.docx
      -> compilation.docx: every proposal grouped by Resolution, same method
      -> clean/: each MOD and ADD with its changes accepted

Rendering both sides through the same pipeline means everything that is not
a proposed change (cover, proposal lines, reasons, unchanged paragraphs) is
identical on both sides, so the only revision marks are the proposed ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import panflute as pf

from pipeline import data, housestyle, paginate
from pipeline.ooxml.cover import cover_elements, fill
from pipeline.ooxml.finish import Properties
from pipeline.ooxml.ns import qn
from pipeline.ooxml.package import Package, write_atomic
from pipeline.redline import redline
from pipeline.resolution import (PAGE_BREAK, SECTION_BREAK, TAB, TOC_PLACE, Document,
                                 escape_markdown, render, resolution_markdown, styled_paragraph,
                                 table_place)
from pipeline.transforms import TocEntry, text_inlines
from pipeline.sources.proposal import Contribution, Proposal, ProposalSet, load_proposal_set
from pipeline.sources.yamlfile import load_yaml

TEMPLATES = data.templates("proposals")
MANIFEST = ".itudraft-outputs"  # what the last build wrote in its output folder


def proposal_markdown(proposal: Proposal, side: str, notes: str) -> str:
    """The block of one proposal: symbol and number, the text, the reasons.
    *side* is "base" or "draft": a MOD shows its base text on the base side."""
    pieces = [styled_paragraph("Proposal", f"{proposal.symbol}{TAB}{proposal.number}")]
    if proposal.full_text:
        text = proposal.base_text if side == "base" and proposal.base_text else proposal.draft
        pieces.append(resolution_markdown(text, notes))
    else:
        res = proposal.in_force
        pieces.append(styled_paragraph("Res_No", res.number_line))
        pieces.append(styled_paragraph("Res_title", res.title))
    reasons = escape_markdown(proposal.reasons)
    pieces.append(styled_paragraph("Reasons", f"**Reasons:**{TAB}{reasons}"))
    return "\n".join(pieces)


def _blocks(proposals: list[Proposal], side: str, prefix: str) -> list[str]:
    pieces: list[str] = []
    for index, proposal in enumerate(proposals):
        if index and (proposal.full_text or proposals[index - 1].full_text):
            pieces.append(PAGE_BREAK)
        pieces.append(proposal_markdown(proposal, side, f"{prefix}{index}"))
    return pieces


def _cover(contribution: Contribution, text_width: int) -> list:
    description = load_yaml(TEMPLATES / "cover.yaml")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    source = contribution.source.name + " Member Administrations"
    if contribution.members:
        source = ", ".join(contribution.members)
    values = {"assembly": contribution.assembly, "document_line": contribution.document_line,
              "date": contribution.long_date, "original": contribution.original,
              "source": source, "title": contribution.title, "abstract": contribution.abstract}
    return cover_elements(fill(description, lambda text: env.from_string(text).render(**values)),
                          text_width)


def _text_width() -> int:
    page = housestyle.load().document["page"]
    return page["width"] - page["left"] - page["right"]


def _marked(base: Document, draft: Document, author: str, date: str,
            reference: Path | None) -> bytes:
    """Render both sides and let the redline engine mark what differs."""
    return redline(render(base, reference), render(draft, reference), author=author,
                   date=date).data


def contribution_documents(contribution: Contribution) -> dict[str, Document]:
    """The contribution as it reads with each MOD's base text ("base") and with its
    draft ("draft"); everything else is the same on both sides."""
    properties = Properties(title=f"{contribution.document_line}: {contribution.title}",
                            subject=contribution.title, keywords=[contribution.assembly.short,
                                                                  "proposals"],
                            creator=contribution.source.key, description=contribution.abstract,
                            date=f"{contribution.date}T00:00:00Z")

    def side(name: str) -> Document:
        return Document(pieces=_blocks(contribution.proposals, name, "p"),
                        origin=contribution.path, properties=properties,
                        header=[contribution.identifier],
                        cover=_cover(contribution, _text_width()))

    return {"base": side("base"), "draft": side("draft")}


def contribution_docx(contribution: Contribution, reference: Path | None = None) -> bytes:
    """The contribution with its MODs as tracked changes against their bases."""
    sides = contribution_documents(contribution)
    return _marked(sides["base"], sides["draft"], contribution.source.key,
                   f"{contribution.date}T00:00:00Z", reference)


@dataclass
class Row:
    proposal: Proposal
    contribution: Contribution


def compilation_rows(proposals: ProposalSet) -> list[Row]:
    """Every proposal, grouped by Resolution (in force by number, then new ones),
    in the order of their contributions and numbers within a group."""
    rows = [Row(p, c) for c in proposals.contributions for p in c.proposals]
    return sorted(rows, key=lambda row: (row.proposal.subject.sort_key,
                                         row.contribution.stem, row.proposal.serial))


def _summary_table(rows: list[Row]) -> pf.Table:
    """Resolution, title, source, symbol, proposal: one row per proposal."""
    def cell(text: str) -> pf.TableCell:
        return pf.TableCell(pf.Plain(*text_inlines(text)))

    head = pf.TableHead(pf.TableRow(*[cell(name) for name in
                                      ("Resolution", "Title", "Source", "Symbol", "Proposal")]))
    body = [pf.TableRow(*[cell(text) for text in
                          (str(row.proposal.subject.number), row.proposal.subject.plain_title,
                           row.contribution.source.key, row.proposal.symbol, row.proposal.number)])
            for row in rows]
    widths = [0.13, 0.47, 0.1, 0.11, 0.19]
    return pf.Table(pf.TableBody(*body), head=head,
                    colspec=[("AlignLeft", width) for width in widths])


def compilation_documents(proposals: ProposalSet) -> dict[str, Document]:
    """Every proposal grouped by Resolution, read with the bases ("base") and the drafts
    ("draft"): a summary table, the contents, then one heading per Resolution."""
    assembly = proposals.assembly
    rows = compilation_rows(proposals)
    groups: list[list[Row]] = []
    for row in rows:
        if groups and groups[-1][0].proposal.subject.number == row.proposal.subject.number:
            groups[-1].append(row)
        else:
            groups.append([row])
    toc = []
    for index, group in enumerate(groups, start=1):
        res = group[0].proposal.subject
        word = "Draft new Resolution" if res.is_new else "Resolution"
        toc.append(TocEntry(1, "", f"{word} {res.number} \u2013 {res.plain_title}",
                            f"Toc{index:04d}"))
    title = f"Proposals to {assembly.short} on the Resolutions: compilation"
    properties = Properties(title=title, subject=title, keywords=[assembly.short, "proposals"],
                            creator="itudraft", date=f"{assembly.year:04d}-01-01T00:00:00Z")

    summary = _summary_table(rows)

    def side(name: str) -> Document:
        pieces = [styled_paragraph("Title 1", f"{assembly.name} ({assembly.short})"),
                  styled_paragraph("Title 3", f"{assembly.place}, {assembly.dates}"),
                  styled_paragraph("Heading_b", "Summary of proposals"), table_place("summary"),
                  PAGE_BREAK, TOC_PLACE, SECTION_BREAK]
        for entry, group in zip(toc, groups):
            if entry is not toc[0]:
                pieces.append(PAGE_BREAK)
            pieces.append(f"# {escape_markdown(entry.title)} {{#{entry.bookmark}}}\n")
            for number, row in enumerate(group):
                if number:
                    pieces.append(PAGE_BREAK)
                source = escape_markdown(row.contribution.source.name)
                pieces.append(styled_paragraph(
                    "Normal", f"*Source:* {source}, {row.contribution.document_line}"))
                pieces.append(proposal_markdown(row.proposal, name,
                                                f"c{entry.bookmark}-{number}"))
        return Document(pieces=pieces, origin=proposals.contributions[0].path,
                        properties=properties, header=[f"{assembly.short} compilation"], toc=toc,
                        numbering=["lowerRoman", "decimal"], tables={"summary": summary})

    return {"base": side("base"), "draft": side("draft")}


def compilation_docx(proposals: ProposalSet, reference: Path | None = None) -> bytes:
    """The compilation with every MOD as tracked changes, each by its own source and
    dated as its contribution; the contents get their page numbers from LibreOffice's
    layout when it is installed."""
    sides = compilation_documents(proposals)
    data = _marked(sides["base"], sides["draft"], "itudraft",
                   f"{proposals.assembly.year:04d}-01-01T00:00:00Z", reference)
    package = Package.open(data)
    _attribute_revisions(package, {p.number: c for c in proposals.contributions
                                   for p in c.proposals})
    if paginate.available():
        paginate.fill_toc_pages(package, sides["draft"].toc)
    return package.to_bytes()


_REVISIONS = ("w:ins", "w:del", "w:rPrChange", "w:pPrChange", "w:trPrChange", "w:tcPrChange")


def _attribute_revisions(package: Package, sources: dict[str, Contribution]) -> None:
    """Give the revisions of each proposal block (from its Proposal line to the next) the
    author and date of the contribution that makes it, in the body and in its footnotes."""
    body = package.xml("word/document.xml").find(qn("w:body"))
    notes = {}
    if package.has("word/footnotes.xml"):
        notes = {note.get(qn("w:id")): note
                 for note in package.xml("word/footnotes.xml").iter(qn("w:footnote"))}
    current: Contribution | None = None
    for block in body:
        style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) == "Proposal":
            text = "".join("\t" if node.tag == qn("w:tab") else node.text or ""
                           for node in block.iter(qn("w:t"), qn("w:tab")))
            current = sources.get(text.split("\t")[-1].strip())
        if current is None:
            continue
        targets = [block] + [notes[ref.get(qn("w:id"))]
                             for ref in block.iter(qn("w:footnoteReference"))
                             if ref.get(qn("w:id")) in notes]
        for target in targets:
            for change in target.iter(*(qn(tag) for tag in _REVISIONS)):
                change.set(qn("w:author"), current.source.key)
                change.set(qn("w:date"), f"{current.date}T00:00:00Z")


def clean_docx(proposal: Proposal, contribution: Contribution,
               reference: Path | None = None) -> bytes:
    """The Resolution as the proposal would leave it (its MOD with every change
    accepted): the draft, rendered on its own."""
    draft = proposal.draft
    properties = Properties(title=f"{draft.short_title}: {draft.plain_title}",
                            subject=draft.plain_title,
                            keywords=[contribution.assembly.short, proposal.number],
                            creator=contribution.source.key, date=f"{contribution.date}T00:00:00Z")
    return render(Document(pieces=[resolution_markdown(draft)], origin=draft.path,
                           properties=properties,
                           header=[f"{draft.short_title} \u2013 {proposal.number}"]), reference)


def clean_name(proposal: Proposal) -> str:
    number = str(proposal.resolution).strip("[]")
    return f"resolution-{number}-{proposal.number.replace('/', '-')}.docx"


def build_resolutions(proposals_dir: Path, resolutions_dir: Path, assemblies_dir: Path,
                      out: Path, base_rev: str | None = None,
                      reference: Path | None = None, progress=None) -> list[Path]:
    """Everything ``make resolutions`` writes. All inputs are read and checked first;
    every file is rendered in memory, then written atomically; outputs of an earlier
    build that this one no longer makes are removed."""
    proposals = load_proposal_set(proposals_dir, resolutions_dir, assemblies_dir, base_rev)
    outputs: dict[Path, bytes] = {}
    jobs = [(c.stem, c) for c in proposals.contributions]
    step = progress or (lambda label: None)
    for stem, contribution in jobs:
        step(f"{stem}.docx")
        outputs[out / f"{stem}.docx"] = contribution_docx(contribution, reference)
    step("compilation.docx")
    outputs[out / "compilation.docx"] = compilation_docx(proposals, reference)
    for contribution in proposals.contributions:
        for proposal in contribution.proposals:
            if proposal.full_text:
                step(f"clean/{clean_name(proposal)}")
                outputs[out / "clean" / clean_name(proposal)] = clean_docx(proposal, contribution,
                                                                           reference)
    # Files an earlier build wrote and this one does not (a withdrawn proposal) go;
    # anything else in the folder is the user's and stays.
    manifest = out / MANIFEST
    earlier = manifest.read_text(encoding="utf-8").split("\n") if manifest.is_file() else []
    for path, content in outputs.items():
        write_atomic(path, content)
    names = sorted(path.relative_to(out).as_posix() for path in outputs)
    for name in earlier:
        if name and name not in names and not name.startswith(("/", "..")):
            (out / name).unlink(missing_ok=True)
    write_atomic(manifest, ("\n".join(names) + "\n").encode("utf-8"))
    return list(outputs)
