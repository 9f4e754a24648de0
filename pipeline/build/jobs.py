"""The jobs of `itudraft all`: what each output is made from (:func:`plan`), and how it is
made (:data:`TASKS`, plain functions of the settings and their arguments, run in any
process).

    supplement/<name>.docx          content/supplement/
    resolutions/<contribution>.docx one contribution: its file, drafts, bases, the texts
                                    in force it names, the assembly
    resolutions/compilation.docx    every contribution
    resolutions/clean/<name>.docx   the MODs and ADDs of one contribution: their drafts
    consolidated/res-N.docx         the sources modifying Resolution N (facts: its part of
                                    conflicts.md and its conflict places)
    consolidated/conflicts.md       the facts of every consolidated draft
    briefings/<meeting>.docx        one meeting, with everything a note draws on and the
                                    consolidated drafts' conflict places; of the
                                    Resolution texts, their titles only
    action-plan/*                   the plan's files; the titles of the texts in force
    focal-points.docx               its file; which Resolutions the contributions name,
                                    the titles of the texts in force
    reports/streamlining.*          the texts in force, the Supplement's rules
    resolutions/<code>/<name>.docx  one document in another language: the English files it
                                    translates and its own (res-901.fr.md, the drafts'
                                    translations, conventions.fr.yaml)
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pipeline.build import Job, Settings, inputs_under, temporary_folder, unique
from pipeline.render.pieces import Pieces
from pipeline.sources.content import Content, known_resolutions
from pipeline.sources.proposal import Contribution, Proposal, ProposalSet, newest_proposals


# --- reading, once per process ----------------------------------------------------------

@lru_cache(maxsize=4)
def _content(content: Path) -> Content:
    """The content folder, whose proposal sets are read once per process."""
    return Content(content)


@lru_cache(maxsize=4)
def _proposals(content: Path) -> ProposalSet:
    """The latest assembly's proposals, with Word and git bases read (once per process)."""
    from pipeline.proposals import read_bases

    source = _content(content)
    latest = newest_proposals(source.root / "proposals", source.assemblies)
    proposals = source.proposals(latest.name)
    read_bases(proposals, temporary_folder())
    return proposals


@lru_cache(maxsize=4)
def _pieces(cache: Path | None) -> Pieces:
    """The pieces of this process's documents, kept between builds in *cache*."""
    return Pieces(_store(cache))


def keep_conversions(cache: Path | None) -> None:
    """pandoc's conversions kept between builds in *cache* too: a document whose skeleton
    did not change (its texts are pieces, pasted afterwards) is not converted again."""
    from pipeline.render import pandoc

    pandoc.keep_conversions(_store(cache))


@lru_cache(maxsize=4)
def _store(cache: Path | None):
    from pipeline.build import pipeline_digest
    from pipeline.render.piecestore import PieceStore

    return PieceStore(cache, pipeline_digest()) if cache else None


def _contribution(content: Path, stem: str) -> Contribution:
    return next(c for c in _proposals(content).contributions if c.stem == stem)


def _common(content: Content, proposals: ProposalSet) -> list[Path]:
    """What every proposal document reads besides its own sources."""
    return [proposals.assembly.path, content.resolutions / "conventions.yaml"]


#: the files of each text read by this plan, by the text's identity (a text in force is
#: named by every proposal on it): the text, kept so that its identity stays its own
_FILES: dict[int, tuple[object, tuple[Path, ...]]] = {}


def _text_files(res) -> tuple[Path, ...]:
    """A Resolution's source and the pictures it shows."""
    if res is None:
        return ()
    known = _FILES.get(id(res))
    if known is not None and known[0] is res:
        return known[1]
    from pipeline.sources.resolution import BlockKind

    folder = Path(res.path).parent
    files = (Path(res.path), *(folder / block.title for block in res.blocks
                                if block.kind == BlockKind.IMAGE))
    _FILES[id(res)] = (res, files)
    return files


def _proposal_files(proposal: Proposal, proposals: ProposalSet) -> list[Path | None]:
    texts = [proposal.draft, proposal.base_text, proposals.in_force.get(proposal.resolution)] + [
        proposals.in_force.get(n) for n in proposal.merges]
    files: list[Path | None] = [proposal.text, proposal.base]
    for res in texts:
        files += _text_files(res)
    return files


def _cover_values(contribution: Contribution, number=None) -> tuple:
    """What a consolidated draft or a clean text shows of a contribution: its source,
    members, document and date, and the symbol and number of its proposals on Resolution
    *number* (all of them when None); not the others' Reasons."""
    return (contribution.source.key, contribution.source.name, tuple(contribution.members),
            contribution.document, contribution.addendum, contribution.date,
            tuple((p.symbol, p.number, str(p.resolution)) for p in contribution.proposals
                  if number is None or p.resolution == number))


def _contribution_files(contribution: Contribution, proposals: ProposalSet) -> list[Path | None]:
    files: list[Path | None] = [contribution.path]
    for proposal in contribution.proposals:
        files += _proposal_files(proposal, proposals)
    return files


# --- the plan ---------------------------------------------------------------------------

def plan(settings: Settings) -> list[Job]:
    """Every job of the content folder, in a fixed order (sources read afresh: a process
    that builds twice sees the second build's sources)."""
    _content.cache_clear()
    _proposals.cache_clear()
    _FILES.clear()
    content = _content(settings.content)
    jobs: list[Job] = []
    jobs += _supplement_jobs(content)
    if (content.root / "proposals").is_dir():
        proposals = _proposals(settings.content)
        jobs += _resolution_jobs(content, proposals)
        consolidated = _consolidated_jobs(content, proposals)
        jobs += consolidated
        jobs += _briefing_jobs(content, proposals, tuple(j.key for j in consolidated
                                                         if j.key.endswith(".docx")))
        jobs += _report_jobs(content, proposals)
        jobs += _language_jobs(content, proposals, settings.content)
    return jobs


def _supplement_jobs(content: Content) -> list[Job]:
    from pipeline.sources.supplement import load_supplement

    folder = content.root / "supplement"
    if not (folder / "supplement.yaml").is_file():
        return []
    sup = load_supplement(folder)
    name = f"supplement/{sup.file_stem}.docx"
    return [Job(name, (name,), unique(inputs_under(folder)), "supplement")]


def _resolution_jobs(content: Content, proposals: ProposalSet) -> list[Job]:
    from pipeline.proposals import clean_name

    common = _common(content, proposals)
    jobs = []
    everything: list[Path | None] = list(common)
    for contribution in proposals.contributions:
        files = _contribution_files(contribution, proposals)
        everything += files
        name = f"resolutions/{contribution.stem}.docx"
        jobs.append(Job(name, (name,), unique(files + common), "contribution",
                        (contribution.stem,)))
    jobs.append(Job("resolutions/compilation.docx", ("resolutions/compilation.docx",),
                    unique(everything), "compilation"))
    for contribution in proposals.contributions:  # a contribution's clean texts together
        full = [p for p in contribution.proposals if p.full_text]
        if full:
            names = tuple(f"resolutions/clean/{clean_name(p)}" for p in full)
            files = [f for p in full for f in _text_files(p.draft)]
            jobs.append(Job(names[0], names, unique(files + common), "clean",
                            (contribution.stem, tuple(p.number for p in full)),
                            values=tuple(_cover_values(contribution, p.resolution)
                                         for p in full)))
    return jobs


def _consolidated_jobs(content: Content, proposals: ProposalSet) -> list[Job]:
    from pipeline.consolidated import resolutions_to_consolidate

    common = _common(content, proposals)
    jobs = []
    for number, sources in resolutions_to_consolidate(proposals).items():
        files: list[Path | None] = list(common)
        values = []
        for contribution in proposals.contributions:  # the others on it are named too
            if any(p.resolution == number for p in contribution.proposals):
                values.append(_cover_values(contribution, number))
                files += [f for p in contribution.proposals if p.resolution == number
                          for f in _proposal_files(p, proposals)]
        name = f"consolidated/res-{str(number).strip('[]')}.docx"
        jobs.append(Job(name, (name,), unique(files), "consolidated", (number,),
                        values=tuple(values)))
    keys = tuple(job.key for job in jobs)
    jobs.append(Job("consolidated/conflicts.md", ("consolidated/conflicts.md",),
                    unique(common), "conflicts", (), keys))
    return jobs


def _english_only(*folders: Path) -> list[Path]:
    """The files under *folders* but the texts in other languages and their conventions
    (res-901.fr.md, conventions.fr.yaml), which the English documents do not read."""
    from pipeline.sources.languages import is_translation

    return [path for path in inputs_under(*folders)
            if not is_translation(path) and not _language_conventions(path)]


def _language_conventions(path: Path) -> bool:
    parts = path.name.split(".")
    return len(parts) == 3 and parts[0] == "conventions" and parts[2] == "yaml"


def _briefing_jobs(content: Content, proposals: ProposalSet, consolidated: tuple[str, ...]
                   ) -> list[Job]:
    if not content.meetings.is_dir():
        return []
    shared = _english_only(content.root / "positions", content.action_plan, content.focal_points,
                          content.guidance, content.resolutions, content.assemblies)
    values: list = []
    for contribution in proposals.contributions:  # a note shows no proposal's Reasons
        shared += [f for f in _contribution_files(contribution, proposals)[1:] if f]
        values.append(_without_reasons(contribution, content))
    texts = list(proposals.in_force.values()) + [
        text for c in proposals.contributions for p in c.proposals
        for text in (p.draft, p.base_text) if text is not None]
    shared = _without_texts(shared, texts)  # a note shows their titles only
    values.append(_titles(texts, content))
    jobs = []
    for meeting in sorted(content.meetings.glob("*.yaml")):
        name = f"briefings/{meeting.stem}.docx"
        jobs.append(Job(name, (name,), unique([meeting] + shared), "briefing", (meeting.name,),
                        consolidated, values=tuple(values)))
    return jobs


def _without_reasons(contribution: Contribution, content: Content) -> tuple[str, str]:
    """A contribution file as it reads without its proposals' Reasons: its name (in the
    content folder) and its fields."""
    from pipeline.sources.yamlfile import load_yaml

    fields = load_yaml(contribution.path)
    for proposal in fields.get("proposals") or []:
        if isinstance(proposal, dict):
            proposal.pop("reasons", None)
    name = str(contribution.path.resolve().relative_to(content.root.resolve()))
    return name, json.dumps(fields, sort_keys=True, default=str)


def _titles(texts, content: Content) -> tuple:
    """What a job that shows only the titles of Resolution *texts* reads of them, in place
    of their files: each one's file name (in the content folder), number, titles and
    editions. A change to a clause leaves these the same, so a list or a note that shows
    the text's title is not rebuilt; a new title, edition or text is a new value."""
    read: dict[str, tuple] = {}
    root = content.root.resolve()
    for res in texts:
        path = Path(res.path).resolve()  # a draft's path may be absolute, the others not
        # a text from outside (a base imported from Word, in a folder of its proposal's
        # name under a temporary folder): by that folder and its name, the same each build
        name = str(path.relative_to(root)) if path.is_relative_to(root) else \
            f"{path.parent.name}/{path.name}"
        read[name] = (str(res.number), res.short_title, res.plain_title, tuple(res.editions))
    return tuple(sorted(read.items()))


def _without_texts(files: list, texts) -> list:
    """*files* without the Resolution *texts* and their pictures (their paths as the
    files', both under the content folder as given)."""
    apart = {f for res in texts for f in _text_files(res)}
    return [f for f in files if f not in apart]


def _report_jobs(content: Content, proposals: ProposalSet) -> list[Job]:
    from pipeline.actionplan import NAME

    jobs = []
    # the Action Plan and the focal points show the titles of the texts in force, not
    # their clauses
    in_force = list(proposals.in_force.values())
    headings = _titles(in_force, content)
    if content.action_plan.is_dir():
        outputs = (f"action-plan/{NAME}.docx", f"action-plan/{NAME}.xlsx")
        plan_files = _without_texts(_english_only(content.action_plan, content.resolutions),
                                    in_force)
        jobs.append(Job(outputs[0], outputs, unique(plan_files), "actionplan",
                        values=(headings,)))
    if content.focal_points.is_file():
        # of the contributions, the list reads only which Resolutions they name
        files = _without_texts([content.focal_points] + _english_only(content.resolutions,
                                                                      content.assemblies),
                               in_force)
        named = tuple(sorted(str(n) for n in known_resolutions(proposals)))
        jobs.append(Job("focal-points.docx", ("focal-points.docx",), unique(files),
                        "focalpoints", values=(named, headings)))
    check = inputs_under(content.resolutions, content.assemblies,
                         content.action_plan, content.root / "supplement" / "rules.yaml",
                         content.root / "supplement" / "model-resolution.md",
                         content.root / "texts.yaml") + _streamlining_sources(content)[2:]
    outputs = ("reports/streamlining.md", "reports/streamlining.docx")
    jobs.append(Job(outputs[1], outputs, unique(check), "streamlining"))
    return jobs


@lru_cache(maxsize=16)
def _language_plan(content: Path, code: str):
    """What language *code* has of the latest assembly's documents (once per process)."""
    from pipeline.sources.languages import load_languages
    from pipeline.translations import plan_language

    source = _content(content)
    proposals = _proposals(content)
    folder = newest_proposals(source.root / "proposals", source.assemblies)
    return plan_language(proposals, load_languages()[code], source.resolutions,
                         (folder, source.resolutions))


def _language_jobs(content: Content, proposals: ProposalSet, root: Path) -> list[Job]:
    """resolutions/<code>/...: each document that exists in another language. It reads
    the English files of what it translates (held to their structure) and its own."""
    from pipeline.sources.languages import ENGLISH, LANGUAGES, load_languages

    _language_plan.cache_clear()
    common = _common(content, proposals) + [LANGUAGES]
    by_stem = {c.stem: _contribution_files(c, proposals) for c in proposals.contributions}
    everything = [f for files in by_stem.values() for f in files]

    def english(item) -> list[Path | None]:
        """The English files a document in another language translates."""
        if item.kind == "text":
            return list(_text_files(proposals.in_force[item.args[0]]))
        if item.kind in ("contribution", "clean"):
            return by_stem[item.args[0]]
        if item.kind == "consolidated":
            return [f for c in proposals.contributions for p in c.proposals
                    if p.resolution == item.args[0] for f in [c.path] + _proposal_files(
                        p, proposals)]
        return everything  # the compilation

    jobs = []
    for code in load_languages():
        if code == ENGLISH or not (content.resolutions / f"conventions.{code}.yaml").is_file():
            continue
        for item in _language_plan(root, code).items:
            name = f"resolutions/{code}/{item.name}"
            jobs.append(Job(name, (name,), unique(common + english(item) + list(item.inputs)),
                            "language", (code, item.name)))
    return jobs


# --- the tasks --------------------------------------------------------------------------

def _supplement(settings: Settings, facts: dict):
    from pipeline.render import render
    from pipeline.sources.supplement import load_supplement
    from pipeline.supplement import supplement_document

    sup = load_supplement(settings.content / "supplement")
    data = render(supplement_document(sup), settings.reference, settings.paginate)
    return {f"supplement/{sup.file_stem}.docx": data}, None


def _contribution_task(settings: Settings, stem: str, facts: dict):
    from pipeline.proposals import contribution_docx

    contribution = _contribution(settings.content, stem)
    return {f"resolutions/{stem}.docx": contribution_docx(contribution, settings.reference,
                                                          _pieces(settings.cache))}, None


def _compilation(settings: Settings, facts: dict):
    from pipeline.proposals import compilation_docx

    data = compilation_docx(_proposals(settings.content), settings.reference, settings.paginate,
                            _pieces(settings.cache))
    return {"resolutions/compilation.docx": data}, None


def _clean(settings: Settings, stem: str, numbers: tuple[str, ...], facts: dict):
    from pipeline.proposals import clean_texts

    texts = clean_texts(_contribution(settings.content, stem), list(numbers), settings.reference,
                        _pieces(settings.cache))
    return {f"resolutions/clean/{name}": data for name, data in texts.items()}, None


def _consolidated(settings: Settings, number, facts: dict):
    from pipeline.consolidated import (conflict_places, conflicts_section, consolidated_docx,
                                       resolutions_to_consolidate)

    proposals = _proposals(settings.content)
    sources = resolutions_to_consolidate(proposals)[number]
    result = consolidated_docx(number, sources, proposals, settings.reference,
                               _pieces(settings.cache))
    name = f"consolidated/res-{str(number).strip('[]')}.docx"
    return {name: result.data}, {"number": number, "section": conflicts_section(result),
                                 "places": conflict_places(result, proposals.in_force[number])}


def _conflicts(settings: Settings, facts: dict):
    from pipeline.consolidated import join_conflicts

    proposals = _proposals(settings.content)
    sections = [facts[key]["section"] for key in sorted(facts, key=_number_order(facts))]
    return {"consolidated/conflicts.md": join_conflicts(proposals.assembly.short,
                                                        sections).encode("utf-8")}, None


def _number_order(facts: dict):
    def key(name: str):
        number = facts[name]["number"]
        return (0, number, "") if isinstance(number, int) else (1, 0, str(number))
    return key


def _briefing(settings: Settings, meeting_file: str, facts: dict):
    from pipeline.briefings import TEMPLATE, briefing_docx
    from pipeline.briefings import facts as note_facts
    from pipeline.sources.meetings import load_meeting

    content = _content(settings.content)
    meeting = load_meeting(content.meetings / meeting_file, lambda assembly, where: (
        content.proposals(assembly, where).contributions,
        known_resolutions(content.proposals(assembly, where))))
    conflicts = {fact["number"]: fact["places"] for fact in facts.values() if fact}
    data = briefing_docx(meeting, note_facts(content.proposals(meeting.assembly), content,
                                             conflicts), TEMPLATE)
    return {f"briefings/{Path(meeting_file).stem}.docx": data}, None


def _actionplan(settings: Settings, facts: dict):
    from pipeline.actionplan import NAME, TEMPLATE, in_force, report_docx
    from pipeline.actionplan.workbook import workbook_xlsx
    from pipeline.sources.actionplan import load_action_plan

    content = _content(settings.content)
    resolutions = in_force(content)
    plan_data = load_action_plan(content.action_plan, set(resolutions))
    return {f"action-plan/{NAME}.docx": report_docx(plan_data, resolutions, TEMPLATE),
            f"action-plan/{NAME}.xlsx": workbook_xlsx(plan_data)}, None


def _focalpoints(settings: Settings, facts: dict):
    from pipeline.focalpoints import focal_points_docx

    return {"focal-points.docx": focal_points_docx(_content(settings.content))}, None


def _streamlining(settings: Settings, facts: dict):
    from pipeline.check import run
    from pipeline.check.streamlining import (action_completion, streamlining_document,
                                             streamlining_markdown)
    from pipeline.render import render

    report = run(_streamlining_sources(_content(settings.content)), content=settings.content,
                 kept=_store(settings.cache))
    overlaps = report.overlaps
    if overlaps is None:
        from pipeline.check.overlaps import find_overlaps
        overlaps = find_overlaps(report.resolutions)
    markdown = streamlining_markdown(report.resolutions, report.findings, overlaps,
                                     action_completion(settings.content))
    document = streamlining_document(markdown, Path("streamlining.md"), _pieces(settings.cache))
    return {"reports/streamlining.md": markdown.encode("utf-8"),
            "reports/streamlining.docx": render(document, settings.reference)}, None


def _language(settings: Settings, code: str, name: str, facts: dict):
    from pipeline.translations import make_item

    plan = _language_plan(settings.content, code)
    item = next(item for item in plan.items if item.name == name)
    return {f"resolutions/{code}/{name}": make_item(plan, item, settings.reference)}, None


def _streamlining_sources(content: Content) -> list[Path]:
    """What the streamlining report reviews: the Resolutions in force, the model
    Resolution and Word Resolutions among the proposals; not the contributions and their
    drafts, whose findings the report does not show."""
    return [content.resolutions, content.root / "supplement"] + inputs_under(
        content.root / "proposals", pattern="*.docx")


TASKS = {"supplement": _supplement, "contribution": _contribution_task,
         "compilation": _compilation, "clean": _clean, "consolidated": _consolidated,
         "conflicts": _conflicts, "briefing": _briefing, "actionplan": _actionplan,
         "focalpoints": _focalpoints, "streamlining": _streamlining, "language": _language}
