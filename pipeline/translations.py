"""The Resolutions stage in the other languages of the Union.

    ProposalSet (English, as `make resolutions` reads it)
      -> for each language asked for (styles/languages.yaml):
         the texts in force that have a translation (res-901.fr.md), each held to
         its English structure -> build/resolutions/fr/resolution-901-F.docx
         each contribution whose title, abstract, reasons and drafts exist in that
         language (sources.proposal.contribution_in), its cover in that language,
         its MODs as tracked changes against the texts in force in that language
         -> build/resolutions/fr/ecp-39a1-F.docx, and clean/ for its MODs and ADDs
         the compilation, when every contribution is in that language
         -> build/resolutions/fr/compilation-F.docx
         a consolidated draft of each Resolution whose every proposal is in that
         language -> build/resolutions/fr/consolidated/res-901-F.docx
      -> what is not (yet) in a language is listed, not an error

Everything goes through the same renderer and redline engine as English; the
document's language (sources.languages.Language) makes the writer set Word's
language, fonts and direction.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.consolidated import Source, consolidated_docx, resolutions_to_consolidate
from pipeline.outputs import write_set
from pipeline.proposals import clean_docx, compilation_docx, contribution_docx, read_bases
from pipeline.render import render
from pipeline.render.pieces import Pieces
from pipeline.render.resolution import resolution_document
from pipeline.sources.languages import ENGLISH, Language, language, load_languages, load_translation
from pipeline.sources.proposal import (ProposalSet, contribution_in, load_proposal_set,
                                       localized, proposal_in)
from pipeline.sources.resolution import load_conventions


@dataclass
class LanguageBuild:
    """What one language's build wrote, and what it left out and why."""

    language: Language
    written: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Item:
    """One document of a language's build: its file name in the language's folder, what
    kind of document it is, what it is made of (its number, contribution, proposal), and
    the files in that language it reads besides the English ones."""

    name: str
    kind: str            # text, contribution, clean, compilation, consolidated
    args: tuple
    inputs: tuple[Path, ...]


@dataclass
class LanguagePlan:
    """A language's documents, found from what exists in it: the proposal set as that
    language reads it, its contributions and the sources of each consolidated draft."""

    language: Language
    proposals: ProposalSet
    items: list[Item] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    contributions: dict[str, object] = field(default_factory=dict)
    sources: dict = field(default_factory=dict)


def languages_asked(codes: list[str]) -> list[Language]:
    """The languages *codes* name ("all": every language but English, which is the
    ordinary build), in the order of styles/languages.yaml."""
    known = load_languages()
    wanted = set(known) - {ENGLISH} if "all" in codes else {language(code).code for code in codes}
    return [known[code] for code in known if code in wanted and code != ENGLISH]


def build_languages(proposals_dir: Path, resolutions_dir: Path, assemblies_dir: Path,
                    out: Path, codes: list[str], reference: Path | None = None,
                    progress: Callable[[str], None] | None = None) -> list[LanguageBuild]:
    """Everything ``make resolutions LANG=fr`` writes besides English, one folder per
    language under *out*; each folder is written as a set (atomic files, its own manifest)."""
    proposals = load_proposal_set(proposals_dir, resolutions_dir, assemblies_dir)
    step = progress or (lambda label: None)
    builds = []
    with tempfile.TemporaryDirectory(prefix="itudraft-bases-") as imports:
        read_bases(proposals, Path(imports))
        for lang in languages_asked(codes):
            plan = plan_language(proposals, lang, resolutions_dir, (proposals_dir,
                                                                    resolutions_dir))
            folder = out / lang.code
            pieces = Pieces()  # shared by the language's documents
            outputs = {}
            for item in plan.items:
                step(f"{lang.code}/{item.name}")
                outputs[folder / item.name] = make_item(plan, item, reference, pieces)
            write_set(folder, outputs)
            builds.append(LanguageBuild(lang, list(outputs), plan.missing))
    return builds


def plan_language(proposals: ProposalSet, lang: Language, resolutions_dir: Path,
                  root: tuple[Path, ...]) -> LanguagePlan:
    """Which documents *lang* has, and what each is made of; what it lacks, in words."""
    conventions = resolutions_dir / f"conventions.{lang.code}.yaml"
    in_force = {}
    plan = LanguagePlan(lang, proposals)
    read: dict = {}  # each translation read once, whoever names it
    for number, english in sorted(proposals.in_force.items(), key=lambda item: item[1].sort_key):
        translated = load_translation(english, lang.code, resolutions_dir, root, read)
        if translated is None:
            plan.missing.append(f"{english.short_title}: no {english.path.stem}.{lang.code}.md")
            continue
        in_force[number] = translated
        plan.items.append(Item(f"resolution-{str(number).strip('[]')}-{lang.suffix}.docx",
                               "text", (number,), (translated.path, conventions)))
    contributions = []
    for contribution in proposals.contributions:
        translated = contribution_in(contribution, lang, resolutions_dir, root, read)
        if isinstance(translated, str):
            plan.missing.append(f"{contribution.path.name}: {translated}")
            continue
        contributions.append(translated)
        plan.contributions[contribution.stem] = translated
        files = _translated_files(translated.proposals) + (conventions,)
        plan.items.append(Item(f"{contribution.stem}-{lang.suffix}.docx", "contribution",
                               (contribution.stem,), files))
        for proposal in translated.proposals:
            if proposal.full_text:
                name = f"clean/resolution-{str(proposal.resolution).strip('[]')}-" \
                       f"{proposal.number.replace('/', '-')}-{lang.suffix}.docx"
                plan.items.append(Item(name, "clean", (contribution.stem, proposal.number),
                                       (proposal.draft.path, conventions)))
    plan.proposals = dataclasses.replace(proposals, contributions=contributions,
                                         in_force=in_force,
                                         conventions=load_conventions(resolutions_dir,
                                                                      lang.code))
    if len(contributions) == len(proposals.contributions):
        files = _translated_files([p for c in contributions for p in c.proposals])
        plan.items.append(Item(f"compilation-{lang.suffix}.docx", "compilation", (),
                               files + (conventions,)))
    else:
        plan.missing.append(f"the compilation: {len(proposals.contributions) - len(contributions)}"
                            f" of {len(proposals.contributions)} contributions are not in "
                            f"{lang.name}")
    for number, sources in resolutions_to_consolidate(proposals).items():
        translated_sources = _sources_in(sources, lang, resolutions_dir, root, read)
        if isinstance(translated_sources, str):
            plan.missing.append(f"the consolidated draft of Resolution {number}: "
                                f"{translated_sources}")
            continue
        plan.sources[number] = translated_sources
        files = _translated_files([s.proposal for s in translated_sources])
        plan.items.append(Item(f"consolidated/res-{str(number).strip('[]')}-{lang.suffix}.docx",
                               "consolidated", (number,), files + (conventions,)))
    return plan


def _translated_files(proposals) -> tuple[Path, ...]:
    """The files in the language that *proposals* read: drafts and texts in force."""
    files = []
    for proposal in proposals:
        for res in (proposal.draft, proposal.base_text, proposal.in_force):
            if res is not None and res.path not in files:
                files.append(res.path)
    return tuple(files)


def make_item(plan: LanguagePlan, item: Item, reference: Path | None = None,
              pieces: Pieces | None = None) -> bytes:
    """The bytes of one document of a language's build."""
    own = plan.proposals
    if item.kind == "text":
        res = own.in_force[item.args[0]]
        return render(resolution_document(res, own.assembly.short), reference)
    if item.kind == "contribution":
        return contribution_docx(plan.contributions[item.args[0]], reference, pieces)
    if item.kind == "clean":
        contribution = plan.contributions[item.args[0]]
        proposal = next(p for p in contribution.proposals if p.number == item.args[1])
        return clean_docx(proposal, contribution, reference)
    if item.kind == "compilation":
        return compilation_docx(own, reference, paginate_toc=False, pieces=pieces)
    if item.kind == "consolidated":
        number = item.args[0]
        return consolidated_docx(number, plan.sources[number], own, reference).data
    raise AssertionError(item.kind)


def _sources_in(sources: list[Source], lang: Language, resolutions_dir: Path,
                root, read: dict) -> list[Source] | str:
    """Every proposal on one Resolution in *lang*, or what is missing."""
    out = []
    for source in sources:
        proposal = proposal_in(source.proposal, source.contribution, lang, resolutions_dir, root,
                               read)
        if isinstance(proposal, str):
            return proposal
        out.append(dataclasses.replace(source, proposal=proposal, contribution=localized(
            source.contribution, lang, resolutions_dir)))
    return out
