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
            build = LanguageBuild(lang)
            folder = out / lang.code
            outputs = _language_outputs(proposals, lang, resolutions_dir, proposals_dir,
                                        folder, reference, step, build.missing)
            write_set(folder, outputs)
            build.written = list(outputs)
            builds.append(build)
    return builds


def _language_outputs(proposals: ProposalSet, lang: Language, resolutions_dir: Path,
                      proposals_dir: Path, folder: Path, reference: Path | None,
                      step: Callable[[str], None], missing: list[str]) -> dict[Path, bytes]:
    outputs: dict[Path, bytes] = {}
    root = (proposals_dir, resolutions_dir)
    short = proposals.assembly.short
    for number, english in sorted(proposals.in_force.items(), key=lambda item: item[1].sort_key):
        translated = load_translation(english, lang.code, resolutions_dir, root)
        if translated is None:
            missing.append(f"{english.short_title}: no {english.path.stem}.{lang.code}.md")
            continue
        name = f"resolution-{str(number).strip('[]')}-{lang.suffix}.docx"
        step(f"{lang.code}/{name}")
        outputs[folder / name] = render(resolution_document(translated, short), reference)
    pieces = Pieces()
    contributions = []
    for contribution in proposals.contributions:
        translated = contribution_in(contribution, lang, resolutions_dir, root)
        if isinstance(translated, str):
            missing.append(f"{contribution.path.name}: {translated}")
            continue
        contributions.append(translated)
        label = f"{contribution.stem}-{lang.suffix}.docx"
        step(f"{lang.code}/{label}")
        outputs[folder / label] = contribution_docx(translated, reference, pieces)
        for proposal in translated.proposals:
            if proposal.full_text:
                name = f"resolution-{str(proposal.resolution).strip('[]')}-" \
                       f"{proposal.number.replace('/', '-')}-{lang.suffix}.docx"
                step(f"{lang.code}/clean/{name}")
                outputs[folder / "clean" / name] = clean_docx(proposal, translated, reference)
    own = _in_language(proposals, lang, resolutions_dir, root, contributions)
    if len(contributions) == len(proposals.contributions):
        name = f"compilation-{lang.suffix}.docx"
        step(f"{lang.code}/{name}")
        outputs[folder / name] = compilation_docx(own, reference, paginate_toc=False,
                                                  pieces=pieces)
    else:
        missing.append(f"the compilation: {len(proposals.contributions) - len(contributions)} "
                       f"of {len(proposals.contributions)} contributions are not in {lang.name}")
    for number, sources in resolutions_to_consolidate(proposals).items():
        translated_sources = _sources_in(sources, lang, resolutions_dir, root)
        if isinstance(translated_sources, str):
            missing.append(f"the consolidated draft of Resolution {number}: "
                           f"{translated_sources}")
            continue
        name = f"res-{str(number).strip('[]')}-{lang.suffix}.docx"
        step(f"{lang.code}/consolidated/{name}")
        outputs[folder / "consolidated" / name] = consolidated_docx(
            number, translated_sources, own, reference).data
    return outputs


def _in_language(proposals: ProposalSet, lang: Language, resolutions_dir: Path, root,
                 contributions: list) -> ProposalSet:
    """The proposal set as a document in *lang* reads it: that language's conventions, the
    texts in force that exist in it, the contributions that do."""
    in_force = {}
    for number, english in proposals.in_force.items():
        translated = load_translation(english, lang.code, resolutions_dir, root)
        if translated is not None:
            in_force[number] = translated
    return dataclasses.replace(proposals, contributions=contributions, in_force=in_force,
                               conventions=load_conventions(resolutions_dir, lang.code))


def _sources_in(sources: list[Source], lang: Language, resolutions_dir: Path,
                root) -> list[Source] | str:
    """Every proposal on one Resolution in *lang*, or what is missing."""
    out = []
    for source in sources:
        proposal = proposal_in(source.proposal, source.contribution, lang, resolutions_dir, root)
        if isinstance(proposal, str):
            return proposal
        out.append(dataclasses.replace(source, proposal=proposal, contribution=localized(
            source.contribution, lang, resolutions_dir)))
    return out
