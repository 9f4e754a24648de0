"""The Resolutions stage: proposal documents, the compilation and the clean texts.

    ProposalSet (sources.proposal: assembly, contributions, texts in force)
      -> bases read where the sources left them (a .docx through the importer,
         a draft at a git revision through git)
      -> for each contribution, two renderings of the same document: one with
         each MOD's base text, one with its draft (ADD, SUP, NOC read the same
         in both) -> the redline engine marks the differences as tracked changes
      -> build/resolutions/<contribution>.docx
      -> compilation.docx: every proposal grouped by Resolution, same method,
         each proposal's revisions attributed to its source
      -> clean/: each MOD and ADD with its changes accepted

Rendering both sides through the same pipeline means everything that is not
a proposed change (cover, proposal lines, reasons, unchanged paragraphs) is
identical on both sides, so the only revision marks are the proposed ones.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable

import babel
import jinja2
import panflute as pf

from pipeline import data
from pipeline.errors import Category, Location, PipelineError
from pipeline.importer import import_docx
from pipeline.ooxml.package import Package
from pipeline.outputs import write_set
from pipeline.redline import credit_revisions, redline_package
from pipeline.render import (Document, Properties, TocEntry, housestyle, paginate, render,
                             render_package)
from pipeline.render.cover import cover_elements, fill
from pipeline.render.document import (CLOSING, PAGE_BREAK, SECTION_BREAK, TOC,
                                      literal_inlines, marker, para, styled, text_inlines)
from pipeline.render.inline import Fragments
from pipeline.render.pieces import Pieces, Progress
from pipeline.render.resolution import (escape_markdown, resolution_blocks,
                                       resolution_document, resolution_piece)
from pipeline.sources.proposal import (Contribution, Proposal, ProposalSet, check_base,
                                       load_proposal_set)
from pipeline.sources.languages import ENGLISH, language, load_languages
from pipeline.sources.resolution import Resolution, check_items, load_conventions, load_resolution
from pipeline.sources.resolution.model import ENGLISH as ENGLISH_WORDS
from pipeline.sources.yamlfile import load_yaml

NB_HYPHEN = "\u2011"
#: Proposal blocks are bookmarked PropNNNN, so their revisions can be attributed.
PROPOSAL_BOOKMARK = "Prop"


@dataclass
class Sides:
    """A document as it reads with each MOD's base ("base") and with its draft ("draft")."""

    base: Document
    draft: Document


@dataclass
class Shared:
    """What the documents of one build share: the pieces rendered once (a proposal's
    reasons, a Resolution's number line and title, a source line) and the source their
    errors name."""

    pieces: Pieces
    origin: Path

    def piece(self, key: str, build: Callable[[Fragments], list[pf.Block]]) -> pf.Block:
        return self.pieces.place(key, build, self.origin)


def proposal_blocks(proposal: Proposal, side: str, fragments: Fragments, notes: str,
                    bookmark: str = "", shared: Shared | None = None) -> list[pf.Block]:
    """The block of one proposal: symbol and number, the text, the reasons.
    *side* is "base" or "draft": a MOD shows its base text on the base side. *shared*:
    the pieces the reasons, and a SUP's or NOC's Resolution, are rendered as (None:
    in place)."""
    line = [pf.Str(proposal.symbol), pf.Str("\t"), pf.Str(proposal.number)]
    out = [styled("Proposal", pf.Para(*line), identifier=bookmark)]
    if proposal.full_text:
        text = proposal.base_text if side == "base" and proposal.base_text else proposal.draft
        if shared is None:
            out.extend(resolution_blocks(text, fragments, notes))
        else:
            out.append(resolution_piece(shared.pieces, text, shared.origin))
    else:
        out.extend(_piece(shared, fragments, f"res\0{proposal.in_force.number_line}\0"
                          f"{proposal.in_force.title}", partial(_resolution, proposal.in_force)))
    word = proposal.subject.wording.reasons
    key = f"reasons\0{proposal.reasons}" if word == ENGLISH_WORDS.reasons \
        else f"reasons\0{word}\0{proposal.reasons}"
    out.extend(_piece(shared, fragments, key, partial(_reasons, proposal.reasons, word)))
    return out


def _piece(shared: Shared | None, fragments: Fragments, key: str,
           build: Callable[[Fragments, str], list[pf.Block]]) -> list[pf.Block]:
    return [shared.piece(key, build)] if shared else build(fragments, "")


def _resolution(res: Resolution, fragments: Fragments, _notes: str = "") -> list[pf.Block]:
    """A SUP's or NOC's Resolution: its number line and title."""
    return [para(res.number_line, "Res_No"),
            styled("Res_title", pf.Para(fragments.inline(res.title)))]


def _reasons(reasons: str, word: str, fragments: Fragments, _notes: str = "") -> list[pf.Block]:
    """"**Reasons:** TAB the reasons" (*word*: "Reasons:" in the proposal's language), read
    as plain text (no pandoc when words will do)."""
    words = literal_inlines(reasons)
    inlines = [pf.Strong(pf.Str(word)), pf.Str("\t"),
               *(words if words is not None else [fragments.inline(escape_markdown(reasons))])]
    return [styled("Reasons", pf.Para(*inlines))]


def _proposals(proposals: list[Proposal], side: str, fragments: Fragments,
               shared: Shared | None = None) -> list[pf.Block]:
    """The proposal blocks of a contribution; a full text (MOD, ADD) starts a new page,
    a SUP or NOC follows on the page before."""
    out: list[pf.Block] = []
    for index, proposal in enumerate(proposals):
        if index and proposal.full_text:
            out.append(marker(PAGE_BREAK))
        out.extend(proposal_blocks(proposal, side, fragments, f"p{index}", shared=shared))
    return out + [marker(CLOSING)]


def conference_cover(values: dict) -> list:
    """A conference document's cover (templates/proposals/cover.yaml) filled with *values*;
    *words* (the cover's words in the document's language) default to English, and
    *original* names the language of the original text."""
    words = values.get("words") or load_conventions().cover
    values = {**values, "words": words,
              "original": words["original"].format(language=values["original"])}
    return cover_elements(fill(_cover_description(), lambda text: _template(text).render(**values)),
                          housestyle.text_width())


@lru_cache(maxsize=1)
def _cover_description() -> dict:
    """The cover's description, read once per process (:func:`fill` makes a new one)."""
    return load_yaml(data.templates("proposals") / "cover.yaml")


@lru_cache(maxsize=64)
def _template(text: str) -> jinja2.Template:
    return jinja2.Environment(undefined=jinja2.StrictUndefined,
                              autoescape=False).from_string(text)


def _unbroken(text: str) -> str:
    """*text* with its hyphens non-breaking: 'WTSA-24' stays on one line."""
    return text.replace("-", NB_HYPHEN)


def _contribution_cover(contribution: Contribution) -> list:
    """The cover in the contribution's language: the assembly's and the source's names,
    the document line, the date and the original's language as that language writes them."""
    code = contribution.language
    assembly = contribution.assembly.words(code)
    words = contribution.cover_words or load_conventions().cover
    region = assembly["regions"][contribution.source.key]
    # "members of <region>" takes the form the language needs there (Russian: genitive)
    source = words["members"].format(region=region.get("genitive", region["name"]))
    if contribution.source.member_state:
        source = region["name"]
    elif contribution.members:
        source = ", ".join(contribution.members)
    return conference_cover({"assembly": assembly, "short": _unbroken(assembly["short"]),
                             "words": words, "document_line": contribution.document_line,
                             "date": contribution.long_date,
                             "original": _language_name(contribution.original, contribution,
                                                        assembly["english"]),
                             "source": source, "title": contribution.title,
                             "abstract": contribution.abstract})


def _language_name(original: str, contribution: Contribution, english: str) -> str:
    """*original* ('Spanish', as the contribution's file says) as the contribution's
    language names it ('espagnol'; English as the assembly's file words it, *english*);
    as written in an English document or when not a known language."""
    if contribution.language == ENGLISH:
        return original
    if original == "English":
        return english
    codes = {lang.name: code for code, lang in load_languages().items()}
    code = codes.get(original)
    if code is None:
        return original
    return babel.Locale.parse(contribution.locale).languages.get(code, original)


def _marked(sides: Sides, author: str, date: str, reference: Path | None,
            progress: Progress | None = None) -> Package:
    """Render both sides and let the redline engine mark what differs (the rendered
    packages go to the engine as they are, not written and read again); *progress*
    follows the rendering of the pieces (the draft side finds them rendered)."""
    return redline_package(render_package(sides.base, reference, progress),
                           render_package(sides.draft, reference), author=author, date=date)


def contribution_documents(contribution: Contribution, pieces: Pieces | None = None) -> Sides:
    """The contribution as it reads with each MOD's base and with its draft; everything
    else is the same on both sides, and the sides share their *pieces* (rendered once,
    with those of the other documents that share them)."""
    shared = Shared(pieces or Pieces(), contribution.path)
    properties = Properties(title=f"{contribution.document_line}: {contribution.title}",
                            subject=contribution.title,
                            keywords=[contribution.assembly.short, "proposals"],
                            creator=contribution.source.key, description=contribution.abstract,
                            date=f"{contribution.date}T00:00:00Z")

    def side(name: str) -> Document:
        fragments = Fragments(contribution.path)
        return Document(blocks=_proposals(contribution.proposals, name, fragments, shared),
                        origin=contribution.path, properties=properties,
                        header=[contribution.identifier], cover=_contribution_cover(contribution),
                        fragments=fragments, continuous=True, pieces=shared.pieces,
                        language=language(contribution.language))

    return Sides(side("base"), side("draft"))


def contribution_docx(contribution: Contribution, reference: Path | None = None,
                      pieces: Pieces | None = None, progress: Progress | None = None) -> bytes:
    """The contribution with its MODs as tracked changes against their bases; *progress*
    as :func:`pipeline.render.render`'s."""
    return _marked(contribution_documents(contribution, pieces), contribution.source.key,
                   f"{contribution.date}T00:00:00Z", reference, progress).to_bytes()


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


def _matrix_piece(groups: list[list[Row]], column: str, shared: Shared) -> pf.Block:
    """The matrix as a piece, keyed by what it shows: the same on both sides, and from one
    build to the next while no proposal comes, goes or is renumbered and no title changes."""
    sources = _sources(groups)
    shown = [column, sources] + [
        [str(group[0].proposal.subject.number), group[0].proposal.subject.title,
         [[f"{row.proposal.symbol} {row.proposal.number}" for row in group
           if _source(row) == source] for source in sources]] for group in groups]
    return shared.piece("matrix\0" + json.dumps(shown, ensure_ascii=False),
                        lambda fragments, _notes="": [_matrix(groups, fragments, column)])


def _sources(groups: list[list[Row]]) -> list[str]:
    sources: list[str] = []
    for group in groups:
        for row in group:
            if _source(row) not in sources:
                sources.append(_source(row))
    return sources


def _matrix(groups: list[list[Row]], fragments: Fragments, column: str) -> pf.Table:
    """One row per Resolution, one column per source (a region, or the Member States that
    sign together): who proposes what, so a reader sees at once where sources meet."""
    sources = _sources(groups)

    def cell(*lines: str) -> pf.TableCell:
        return pf.TableCell(*[pf.Plain(*text_inlines(line)) for line in lines] or [pf.Plain()])

    head = pf.TableHead(pf.TableRow(cell(column), *[cell(source) for source in sources]))
    body = []
    for group in groups:
        res = group[0].proposal.subject
        title = pf.TableCell(pf.Plain(pf.Strong(pf.Str(str(res.number))), pf.Space(),
                                      fragments.inline(res.title)))
        by_source = {source: [f"{row.proposal.symbol} {row.proposal.number}" for row in group
                              if _source(row) == source] for source in sources}
        body.append(pf.TableRow(title, *[cell(*by_source[source]) for source in sources]))
    first = 0.34
    widths = [first] + [(1 - first) / len(sources)] * len(sources)
    return pf.Table(pf.TableBody(*body), head=head,
                    colspec=[("AlignLeft", width) for width in widths])


def _source(row: Row) -> str:
    return ", ".join(row.contribution.members) or row.contribution.source.key


def _groups(rows: list[Row]) -> list[list[Row]]:
    groups: list[list[Row]] = []
    for row in rows:
        if groups and groups[-1][0].proposal.subject.number == row.proposal.subject.number:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def compilation_documents(proposals: ProposalSet,
                          pieces: Pieces | None = None) -> tuple[Sides, list[Row]]:
    """Every proposal grouped by Resolution, read with the bases and the drafts: the cover,
    a matrix of who proposes what, the contents, then one heading per Resolution. Also
    the rows in document order: the n-th proposal block is bookmarked PropNNNN. The
    sides share their *pieces*, and with the contributions when they are theirs."""
    assembly = proposals.assembly
    shared = Shared(pieces or Pieces(), proposals.contributions[0].path)
    groups = _groups(compilation_rows(proposals))
    words = _compilation_words(proposals)
    toc = []
    for index, group in enumerate(groups, start=1):
        res = group[0].proposal.subject
        if res.language == ENGLISH:
            word = "Draft new Resolution" if res.is_new else "Resolution"
            heading = f"{word} {res.number} \u2013 {res.plain_title}"
        else:  # the short title without its edition's parentheses would need grammar: keep it
            heading = f"{res.short_title} \u2013 {res.plain_title}"
        toc.append(TocEntry(1, "", heading, f"Toc{index:04d}"))
    properties = Properties(title=f"{assembly.short}: {words['title']}",
                            subject=words["title"], keywords=[assembly.short, "proposals"],
                            creator=words["source"], date=f"{_last_date(proposals)}T00:00:00Z")

    def side(name: str) -> Document:
        fragments = Fragments(proposals.contributions[0].path)
        blocks = [para(words["matrix_heading"], "Heading_b"),
                  _matrix_piece(groups, words["resolution_column"], shared), marker(PAGE_BREAK),
                  marker(TOC), marker(SECTION_BREAK)]
        count = 0
        for entry, group in zip(toc, groups):
            if entry is not toc[0]:
                blocks.append(marker(PAGE_BREAK))
            blocks.append(pf.Header(fragments.inline(escape_markdown(entry.title)), level=1,
                                    identifier=entry.bookmark))
            for number, row in enumerate(group):
                if number and row.proposal.full_text:
                    blocks.append(marker(PAGE_BREAK))
                count += 1
                region = assembly.words(row.contribution.language)["regions"][
                    row.contribution.source.key]["name"]
                source = f"{region}, {row.contribution.document_line}"
                blocks.append(shared.piece(f"source\0{words['source_label']}\0{source}",
                                           partial(_source_line, source,
                                                   words["source_label"])))
                blocks.extend(proposal_blocks(row.proposal, name, fragments,
                                              f"c{entry.bookmark}-{number}",
                                              bookmark=f"{PROPOSAL_BOOKMARK}{count:04d}",
                                              shared=shared))
        blocks.append(marker(CLOSING))
        return Document(blocks=blocks, origin=proposals.contributions[0].path,
                        properties=properties, header=[_compilation_identifier(assembly)],
                        cover=_compilation_cover(proposals), toc=toc, toc_depth=1,
                        numbering=["decimal", "decimal"], continuous=True, fragments=fragments,
                        pieces=shared.pieces, language=language(proposals.conventions.language))

    return Sides(side("base"), side("draft")), [row for group in groups for row in group]


def _source_line(source: str, label: str, _fragments: Fragments,
                 _notes: str = "") -> list[pf.Block]:
    """"*Source:* African Telecommunications Union, Document 40(Add.1)" over a proposal
    (*label*: "Source:" in the compilation's language)."""
    return [pf.Para(pf.Emph(pf.Str(label)), pf.Space(), *text_inlines(source))]


def _compilation_words(proposals: ProposalSet) -> dict[str, str]:
    """The compilation's words in the texts' language; in English its title and source as
    the assembly's file gives them."""
    words = dict(proposals.conventions.compilation or load_conventions().compilation)
    if proposals.conventions.language == ENGLISH:
        words.update(title=proposals.assembly.compilation.title,
                     source=proposals.assembly.compilation.source)
    return words


def _last_date(proposals: ProposalSet) -> str:
    return max(contribution.date for contribution in proposals.contributions)


def _compilation_identifier(assembly) -> str:
    """'WTSA-24/50-E' when the compilation has a document number, else 'WTSA-24 compilation'."""
    if assembly.compilation.document is None:
        return f"{assembly.short} compilation"
    return f"{assembly.short}/{assembly.compilation.document}-{assembly.language}"


def _compilation_cover(proposals: ProposalSet) -> list:
    """The compilation's cover, in the language of its texts."""
    assembly = proposals.assembly
    conventions = proposals.conventions
    words = _compilation_words(proposals)
    latest = next(c for c in proposals.contributions if c.date == _last_date(proposals))
    count = sum(len(c.proposals) for c in proposals.contributions)
    own = assembly.words(conventions.language)
    abstract = words["abstract"].format(count=count, contributions=len(proposals.contributions),
                                        assembly=own["short"])
    document = conventions.cover["document"].format(
        document=assembly.compilation.document, suffix=latest.letter) \
        if assembly.compilation.document else words["document_line"]
    return conference_cover({"assembly": own, "short": _unbroken(own["short"]),
                             "words": conventions.cover, "document_line": document,
                             "date": latest.long_date, "original": own["english"],
                             "source": words["source"], "title": words["title"],
                             "abstract": abstract})


def compilation_docx(proposals: ProposalSet, reference: Path | None = None,
                     paginate_toc: bool | None = None, pieces: Pieces | None = None,
                     progress: Progress | None = None) -> bytes:
    """The compilation with every MOD as tracked changes, each by its own source and
    dated as its contribution; the contents get their page numbers from LibreOffice's
    layout (*paginate_toc*: None when it is installed)."""
    sides, rows = compilation_documents(proposals, pieces)
    marked = _marked(sides, "itudraft", f"{proposals.assembly.year:04d}-01-01T00:00:00Z",
                     reference, progress)
    authors = {f"_{PROPOSAL_BOOKMARK}{index:04d}": (row.contribution.source.key,
                                                    f"{row.contribution.date}T00:00:00Z")
               for index, row in enumerate(rows, start=1)}
    credit_revisions(marked, authors)
    if paginate_toc or (paginate_toc is None and paginate.available()):
        paginate.fill_toc_pages(marked, sides.draft.toc, sides.draft.footer)
    return marked.to_bytes()


def clean_docx(proposal: Proposal, contribution: Contribution,
               reference: Path | None = None, pieces: Pieces | None = None) -> bytes:
    """The Resolution as the proposal would leave it (its MOD with every change
    accepted): the draft, set as a published Resolution of the assembly; its text one of
    *pieces* (:func:`clean_texts` renders those of a contribution together)."""
    draft = proposal.draft
    document = resolution_document(draft, contribution.assembly.short, pieces or Pieces())
    document.properties = Properties(
        title=f"{draft.short_title}: {draft.plain_title}", subject=draft.plain_title,
        keywords=[contribution.assembly.short, proposal.number], creator=contribution.source.key,
        date=f"{contribution.date}T00:00:00Z")
    return render(document, reference)


def clean_texts(contribution: Contribution, numbers: list[str], reference: Path | None,
                pieces: Pieces) -> dict[str, bytes]:
    """The clean texts of the proposals *numbers* of *contribution*, by file name, their
    texts rendered together (one pandoc reading and writing for them all)."""
    chosen = [p for p in contribution.proposals if p.number in numbers]
    documents = [resolution_document(p.draft, contribution.assembly.short, pieces)
                 for p in chosen]
    if documents:
        pieces.render([block for document in documents for block in document.blocks],
                      reference or housestyle.reference(documents[0].variant))
    return {clean_name(p): clean_docx(p, contribution, reference, pieces) for p in chosen}


def clean_name(proposal: Proposal) -> str:
    number = str(proposal.resolution).strip("[]")
    return f"resolution-{number}-{proposal.number.replace('/', '-')}.docx"


# -- bases the sources leave to this stage ------------------------------------------

def read_bases(proposals: ProposalSet, imports: Path) -> None:
    """Read the bases of MODs that come from a .docx (imported, pictures in *imports*)
    or from a git revision, and check each is the Resolution its proposal names."""
    for contribution in proposals.contributions:
        for proposal in contribution.proposals:
            if proposal.symbol in ("MOD", "(MOD)") and proposal.base_text is None:
                proposal.base_text = _read_base(proposal, proposals, imports)
                check_base(proposal)


def _read_base(proposal: Proposal, proposals: ProposalSet, imports: Path) -> Resolution:
    if proposals.base_rev:
        text = _git_show(proposal.text, proposals.base_rev, proposal.base_at)
        return load_resolution(proposal.text, text=text, conventions=proposals.conventions)
    folder = imports / proposal.number.replace("/", "-")
    res = import_docx(proposal.base, folder / "media", "media/",
                      conventions=proposals.conventions)
    res.path = folder / "base.md"
    try:
        check_items(res.path, res.blocks)
    except PipelineError as exc:
        raise PipelineError(exc.category, f"{exc.message} (in the text imported from "
                            f"{proposal.base.name})", Location(str(proposal.base))) from None
    return res


def _git_show(path: Path, revision: str, where: Location) -> str:
    """The text of *path* at git *revision*."""
    folder = path.resolve().parent
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder,
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        raise PipelineError(Category.BASE, f"--base-rev needs {path} to be in a git repository",
                            where) from None
    relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
    result = subprocess.run(["git", "show", f"{revision}:{relative}"], cwd=top,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PipelineError(Category.BASE, f"no {relative} at git revision '{revision}'", where)
    return result.stdout


def _counting(step: Callable[[str], None], label: str, proposals: int) -> Progress:
    """Progress in pieces rendered, told as proposals (about one piece each):
    "afcp-40a1.docx: 2500/10000 proposals"."""
    return lambda done, total: step(f"{label}: {proposals * done // total}/{proposals} "
                                    "proposals")


def build_resolutions(proposals_dir: Path, resolutions_dir: Path, assemblies_dir: Path,
                      out: Path, base_rev: str | None = None,
                      reference: Path | None = None, progress=None,
                      paginate_toc: bool | None = None) -> list[Path]:
    """Everything ``make resolutions`` writes. All inputs are read and checked first;
    every file is rendered in memory, then written atomically; outputs of an earlier
    build that this one no longer makes are removed."""
    proposals = load_proposal_set(proposals_dir, resolutions_dir, assemblies_dir, base_rev)
    step = progress or (lambda label: None)
    outputs: dict[Path, bytes] = {}
    pieces = Pieces()  # a reasons paragraph is rendered once for all four documents
    with tempfile.TemporaryDirectory(prefix="itudraft-bases-") as imports:
        read_bases(proposals, Path(imports))
        for contribution in proposals.contributions:
            label = f"{contribution.stem}.docx"
            step(label)
            outputs[out / label] = contribution_docx(
                contribution, reference, pieces,
                _counting(step, label, len(contribution.proposals)))
        step("compilation.docx")
        count = sum(len(contribution.proposals) for contribution in proposals.contributions)
        outputs[out / "compilation.docx"] = compilation_docx(
            proposals, reference, paginate_toc, pieces,
            _counting(step, "compilation.docx", count))
        for contribution in proposals.contributions:
            for proposal in contribution.proposals:
                if proposal.full_text:
                    step(f"clean/{clean_name(proposal)}")
                    outputs[out / "clean" / clean_name(proposal)] = clean_docx(
                        proposal, contribution, reference, pieces)
    write_set(out, outputs)
    return list(outputs)
