"""Proposals to an assembly: the assembly's data, one YAML file per contribution,
and the Resolutions in force they refer to.

    content/assemblies/wtsa-24.yaml          the assembly, its regions and prefixes
    content/resolutions/*.md                 the Resolutions in force (the bases)
    content/proposals/wtsa-24/*.yaml         one contribution (Document or Addendum) each
    content/proposals/wtsa-24/drafts/...     the draft texts of MOD and ADD proposals

Everything is checked here, before anything is rendered, so a bad input stops
the build with its file and line and nothing is written. A MOD whose base is a
Word file, or a draft at a git revision, keeps the base's path and location
here: the stage reads it (through the importer, or git) and checks its number.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import babel.dates

from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.languages import (Language, is_translation, load_translation,
                                        translation_path)
from pipeline.sources.resolution import Conventions, Resolution, load_conventions, load_resolution
from pipeline.sources.textfile import inside
from pipeline.sources.yamlfile import load_yaml

_TEXT = {"type": "string", "minLength": 1}
_CODE = {"pattern": "^[a-z]{2}$"}
#: A text given in English only, or per language: {en: ..., fr: ..., es: ...}.
_TRANSLATABLE = {"anyOf": [_TEXT, {"type": "object", "required": ["en"], "propertyNames": _CODE,
                                   "additionalProperties": _TEXT}],
                 "description": "a text, or one text per language code (en required)"}
#: An assembly's words in another language, for covers in that language.
_ASSEMBLY_LANGUAGE = {
    "type": "object", "additionalProperties": False,
    "properties": {"name": _TEXT, "short": _TEXT, "place": _TEXT, "dates": _TEXT,
                   "meeting": _TEXT, "english": _TEXT,
                   "regions": {"type": "object", "additionalProperties": {
                       "type": "object", "required": ["name"], "additionalProperties": False,
                       "properties": {"name": _TEXT, "abbreviation": _TEXT,
                                      "genitive": _TEXT}}}}}
#: A source of proposals: a regional organization or a Member State, and its prefix
#: ("ACP/42A1/1"; a Member State's is ITU's symbol for it, "B/45/1").
_SOURCE = {"type": "object", "required": ["name", "prefix"], "additionalProperties": False,
           "properties": {"name": _TEXT,
                          "prefix": {"type": "string", "pattern": "^[A-Z]{1,5}$",
                                     "description": "1 to 5 capitals"}}}
ASSEMBLY_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["id", "name", "short", "place", "year", "dates", "meeting", "language",
                 "regions"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9-]+$", "description": "a lower-case id"},
        "name": _TEXT, "short": _TEXT, "place": _TEXT,
        "year": {"type": "integer", "minimum": 1900, "description": "a year"},
        "dates": _TEXT, "meeting": _TEXT,
        "language": {"type": "string", "pattern": "^[A-Z]$", "description": "one letter"},
        "regions": {"type": "object", "minProperties": 1, "additionalProperties": _SOURCE},
        "member_states": {"type": "object", "additionalProperties": _SOURCE},
        "languages": {"type": "object", "propertyNames": _CODE,
                      "additionalProperties": _ASSEMBLY_LANGUAGE},
        "compilation": {"type": "object", "additionalProperties": False,
                        "properties": {"document": {"type": "integer", "minimum": 1,
                                                    "description": "a document number"},
                                       "source": _TEXT, "title": _TEXT}},
    },
}
SYMBOLS = ["ADD", "MOD", "(MOD)", "SUP", "NOC"]
_RESOLUTION_ID = {"anyOf": [{"type": "integer", "minimum": 1},
                            {"type": "string", "pattern": r"^\[[^\]]+\]$"}],
                  "description": "a Resolution number or a provisional identifier like '[ACP-1]'"}
CONTRIBUTION_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["assembly", "document", "date", "source", "title", "abstract", "proposals"],
    "properties": {
        "assembly": {"type": "string", "description": "an assembly id, e.g. wtsa-24"},
        "document": {"type": "integer", "minimum": 1, "description": "a document number"},
        "addendum": {"type": "integer", "minimum": 1, "description": "an addendum number"},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                 "description": "a date as YYYY-MM-DD"},
        "original": _TEXT,
        "source": _TEXT,
        "members": {"type": "array", "items": _TEXT},
        "title": _TRANSLATABLE,
        "abstract": _TRANSLATABLE,
        "proposals": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False,
            "required": ["symbol", "number", "resolution", "reasons"],
            "properties": {
                "symbol": {"enum": SYMBOLS, "description": "one of " + ", ".join(SYMBOLS)},
                "number": {"type": "string", "pattern": r"^[A-Z]{1,5}/\d+(A\d+)?/\d+$",
                           "description": "a proposal number like ACP/42A1/1"},
                "resolution": _RESOLUTION_ID,
                "text": _TEXT,
                "base": _TEXT,
                "merges": {"type": "array", "minItems": 1, "items": {"type": "integer"}},
                "reasons": _TRANSLATABLE,
            }}},
    },
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


@dataclass
class Region:
    """A source of proposals: a regional organization, or a Member State on its own."""

    key: str
    name: str
    prefix: str
    member_state: bool = False


@dataclass
class Assembly:
    path: Path
    id: str
    name: str
    short: str
    place: str
    year: int
    dates: str
    meeting: str
    language: str
    regions: dict[str, Region]
    #: the compilation of proposals: its document number (None: none assigned yet),
    #: source and title, as its cover shows them
    compilation: "Compilation"
    #: Member States that submit proposals of their own, by the key contributions name
    member_states: dict[str, Region] = field(default_factory=dict)

    @property
    def sources(self) -> dict[str, Region]:
        """Everyone a contribution can come from: the regions, then the Member States."""
        return {**self.regions, **self.member_states}
    #: language code -> the assembly's name, place, dates, meeting and sources' names in it
    languages: dict[str, dict] = field(default_factory=dict)

    def words(self, code: str) -> dict:
        """The assembly's words in language *code* (English: its own fields)."""
        english = {"name": self.name, "short": self.short, "place": self.place,
                   "dates": self.dates, "meeting": self.meeting, "english": "English",
                   "regions": {key: {"name": source.name}
                               for key, source in self.sources.items()}}
        if code == "en":
            return english
        own = self.languages.get(code, {})
        return {**english, **own, "regions": {**english["regions"], **own.get("regions", {})}}

    @property
    def edition(self) -> str:
        """'New Delhi, 2024': how a Resolution's history line names this assembly."""
        return f"{self.place}, {self.year}"


@dataclass
class Compilation:
    document: int | None = None
    source: str = "Telecommunication Standardization Bureau"
    title: str = "Compilation of the proposals on the Resolutions"


@dataclass
class Proposal:
    symbol: str
    number: str
    resolution: int | str
    reasons: str
    line: int
    text: Path | None = None
    base: Path | None = None
    merges: list[int] = field(default_factory=list)
    draft: Resolution | None = None  # MOD, (MOD), ADD: the text proposed
    #: MOD, (MOD): the text in force; None until the stage reads a .docx or git base
    base_text: Resolution | None = None
    in_force: Resolution | None = None  # SUP, NOC: the Resolution concerned
    #: where the base comes from, to name in errors about it (the 'base' or 'text' field)
    base_at: Location | None = None

    @property
    def serial(self) -> int:
        return int(self.number.rsplit("/", 1)[1])

    @property
    def full_text(self) -> bool:
        return self.symbol in ("MOD", "(MOD)", "ADD")

    @property
    def subject(self) -> Resolution:
        """The Resolution as it reads in the proposal."""
        return self.draft or self.in_force


@dataclass
class Contribution:
    path: Path
    assembly: Assembly
    document: int
    addendum: int | None
    date: str
    original: str
    source: Region
    members: list[str]
    title: str
    abstract: str
    proposals: list[Proposal]
    #: language code -> the title, abstract and reasons (by proposal number) in it
    texts: dict[str, dict] = field(default_factory=dict)
    #: the language this copy of the contribution is in, and that language's cover words
    #: (conventions.<code>.yaml) and Babel locale; English: the fields above as they are
    language: str = "en"
    cover_words: dict[str, str] = field(default_factory=dict)
    locale: str = "en_GB"
    suffix: str | None = None

    @property
    def letter(self) -> str:
        """The letter after the document number: E, or the language's (F, S, R, A, C)."""
        return self.suffix or self.assembly.language

    @property
    def document_line(self) -> str:
        """'Addendum 1 to Document 42-E' or 'Document 42-E', in the contribution's language."""
        if self.language != "en" and self.cover_words:
            key = "addendum" if self.addendum else "document"
            return self.cover_words[key].format(document=self.document, addendum=self.addendum,
                                                suffix=self.letter)
        doc = f"Document {self.document}-{self.letter}"
        return f"Addendum {self.addendum} to {doc}" if self.addendum else doc

    @property
    def identifier(self) -> str:
        """'WTSA-24/42(Add.1)-E', as ITU documents name themselves in headers."""
        add = f"(Add.{self.addendum})" if self.addendum else ""
        return f"{self.assembly.short}/{self.document}{add}-{self.letter}"

    @property
    def long_date(self) -> str:
        """'9 September 2024', as the contribution's language writes a date."""
        year, month, day = (int(part) for part in self.date.split("-"))
        if self.language != "en":
            return babel.dates.format_date(datetime.date(year, month, day), "long",
                                           locale=self.locale)
        return f"{day} {MONTHS[month - 1]} {year}"

    @property
    def stem(self) -> str:
        return self.path.stem


def load_assembly(folder: Path, assembly_id: str, where: Location) -> Assembly:
    path = folder / f"{assembly_id}.yaml"
    if not path.is_file():
        raise PipelineError(Category.PROPOSAL, f"unknown assembly '{assembly_id}' (no {path})", where)
    stat = path.stat()
    return _assembly(path, folder, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _assembly(path: Path, folder: Path, _size: int, _mtime: int) -> Assembly:
    """The assembly file *path*, read once per version of it (every contribution names
    it; nothing changes an Assembly once read)."""
    data = load_yaml(path, ASSEMBLY_SCHEMA, root=folder)
    regions = {key: Region(key, value["name"], value["prefix"])
               for key, value in data["regions"].items()}
    members = {key: Region(key, value["name"], value["prefix"], member_state=True)
               for key, value in data.get("member_states", {}).items()}
    return Assembly(path, data["id"], data["name"], data["short"], data["place"], data["year"],
                    data["dates"], data["meeting"], data["language"], regions,
                    Compilation(**data.get("compilation", {})), members,
                    data.get("languages", {}))


def assembly_of(folder: Path, edition: str) -> Assembly | None:
    """The assembly in *folder* whose place and year are *edition* ('Geneva, 2022'), if any."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("*.yaml")):
        assembly = load_assembly(folder, path.stem, Location(str(path)))
        if assembly.edition == edition:
            return assembly
    return None


def load_in_force(folder: Path, conventions: Conventions | None = None
                  ) -> dict[int | str, Resolution]:
    """The Resolutions in force in *folder*, by number (their English texts: a translation,
    res-901.fr.md, is read with its language); a number used twice is an error."""
    if not folder.is_dir():
        raise PipelineError(Category.MISSING_FILE, "no such folder of Resolutions", Location(str(folder)))
    out: dict[int | str, Resolution] = {}
    for path in sorted(folder.glob("*.md")):
        if is_translation(path):
            continue
        res = load_resolution(path, conventions=conventions, root=folder)
        if res.number in out:
            raise PipelineError(Category.RESOLUTION, f"Resolution {res.number} is also defined in "
                                f"{out[res.number].path}", Location(str(path), 2))
        out[res.number] = res
    return out


@dataclass
class ProposalSet:
    assembly: Assembly
    contributions: list[Contribution]
    in_force: dict[int | str, Resolution]
    conventions: Conventions
    #: the git revision every MOD's base is taken from (its draft file as it was then)
    base_rev: str | None = None


def load_contribution(path: Path, assemblies: Path, in_force: dict[int | str, Resolution],
                      base_rev: str | None = None, conventions: Conventions | None = None,
                      root: Path | tuple[Path, ...] | None = None,
                      lenient: bool = False) -> Contribution:
    """The contribution in *path*, checked; the files it names (drafts, bases) must lie
    inside *root* (the proposals and Resolutions folders; by default its own folder).
    *lenient*: drafts and bases read as the checker reads Resolutions (an unknown call or
    a broken letter sequence left for it to report)."""
    root = root or path.parent
    positions: dict = {}
    data = load_yaml(path, CONTRIBUTION_SCHEMA, positions_out=positions, root=root)

    def at(*field_path) -> Location:
        line, column = positions.get(tuple(field_path), (None, None))
        return Location(str(path), line, column)

    assembly = load_assembly(assemblies, data["assembly"], at("assembly"))
    if data["source"] not in assembly.sources:
        members = f"; Member States: {', '.join(assembly.member_states)}" \
            if assembly.member_states else ""
        raise PipelineError(Category.PROPOSAL, f"field 'source': unknown region '{data['source']}' "
                            f"(regions of {assembly.short}: {', '.join(assembly.regions)}"
                            f"{members})", at("source"))
    region = assembly.sources[data["source"]]
    try:
        datetime.date.fromisoformat(data["date"])
    except ValueError:
        raise PipelineError(Category.PROPOSAL, f"field 'date': '{data['date']}' is not a date",
                            at("date")) from None
    document = f"{data['document']}" + (f"A{data['addendum']}" if data.get("addendum") else "")
    proposals: list[Proposal] = []
    numbers: dict[str, Proposal] = {}
    texts: dict[str, dict] = {}
    for key in ("title", "abstract"):
        for code, text in _per_language(data[key]).items():
            texts.setdefault(code, {})[key] = text
    for index, item in enumerate(data["proposals"]):
        for code, text in _per_language(item["reasons"]).items():
            texts.setdefault(code, {}).setdefault("reasons", {})[item["number"]] = text
        proposal = Proposal(symbol=item["symbol"], number=item["number"],
                            resolution=item["resolution"],
                            reasons=_per_language(item["reasons"])["en"],
                            line=positions.get(("proposals", index), (0, 0))[0],
                            merges=item.get("merges", []))
        _check_number(proposal, region, document, numbers, at("proposals", index, "number"))
        numbers[proposal.number] = proposal
        for key in ("text", "base"):
            if key in item:
                target = inside(path.parent / item[key], root, at("proposals", index, key),
                                f"'{key}' file")
                setattr(proposal, key, target)
        _attach_texts(proposal, in_force, base_rev, conventions, lenient,
                      lambda *f, i=index: at("proposals", i, *f))
        proposals.append(proposal)
    proposals.extend(_merge_sups(proposals, in_force, region, document, at))
    return Contribution(path, assembly, data["document"], data.get("addendum"), data["date"],
                        data.get("original", "English"), region, data.get("members", []),
                        texts["en"]["title"], texts["en"]["abstract"], proposals, texts)


def _per_language(value: str | dict[str, str]) -> dict[str, str]:
    """A translatable field as {code: text}, white space folded (a plain text is English)."""
    value = value if isinstance(value, dict) else {"en": value}
    return {code: " ".join(text.split()) for code, text in value.items()}


def contribution_in(contribution: Contribution, language: Language, resolutions: Path,
                    root: Path | tuple[Path, ...] | None = None,
                    read: dict | None = None) -> Contribution | str:
    """*contribution* in *language*: its title, abstract and reasons in that language, each
    draft's translation (drafts/ecp/res-901.fr.md beside res-901.md) and the texts in
    force in it (res-901.fr.md), each held to its English structure. What is missing, when
    something is, as a sentence instead (the contribution is not yet in that language).
    *read*: the translations already read (see :func:`load_translation`)."""
    if language.code == "en":
        return contribution
    own = contribution.texts.get(language.code, {})
    for key in ("title", "abstract"):
        if key not in own:
            return f"no {language.name} {key} in {contribution.path.name}"
    proposals = []
    for proposal in contribution.proposals:
        translated = proposal_in(proposal, contribution, language, resolutions, root, read)
        if isinstance(translated, str):
            return translated
        proposals.append(translated)
    return dataclasses.replace(localized(contribution, language, resolutions),
                               title=own["title"], abstract=own["abstract"], proposals=proposals)


def localized(contribution: Contribution, language: Language, resolutions: Path) -> Contribution:
    """*contribution* as a document in *language* names it (document line, date, cover
    words), its texts left as they are."""
    conventions = load_conventions(resolutions, language.code)
    return dataclasses.replace(contribution, language=language.code,
                               cover_words=conventions.cover, locale=language.locale,
                               suffix=language.suffix)


def proposal_in(proposal: Proposal, contribution: Contribution, language: Language,
                resolutions: Path, root: Path | tuple[Path, ...] | None = None,
                read: dict | None = None) -> Proposal | str:
    """*proposal* in *language* (its reasons, its draft and the text in force it concerns,
    each held to its English structure), or what is missing, as a sentence."""
    code = language.code
    reasons = contribution.texts.get(code, {}).get("reasons", {}).get(proposal.number)
    if reasons is None:
        return f"no {language.name} reasons for {proposal.number} in {contribution.path.name}"
    copy = dataclasses.replace(proposal, reasons=reasons)
    for name in ("draft", "base_text", "in_force"):
        english = getattr(proposal, name)
        if english is None:
            continue
        if name == "base_text" and proposal.base is not None:
            return f"the base of {proposal.number} is {proposal.base.name}, in English only"
        translated = load_translation(english, code, resolutions, root, read)
        if translated is None:
            return f"no {translation_path(english.path, code).name} for {proposal.number}"
        setattr(copy, name, translated)
    return copy


def _check_number(proposal: Proposal, region: Region, document: str,
                  earlier: dict[str, Proposal], where: Location) -> None:
    """The number matches the source and document, and no *earlier* proposal (by
    number) has it."""
    prefix, doc, _serial = proposal.number.split("/")
    if prefix != region.prefix or doc != document:
        raise PipelineError(Category.PROPOSAL, f"proposal number '{proposal.number}' does not match "
                            f"its source and document: expected '{region.prefix}/{document}/N'",
                            where, rule="symbol-and-number")
    other = earlier.get(proposal.number)
    if other is not None:
        raise PipelineError(Category.PROPOSAL, f"duplicate proposal number '{proposal.number}' "
                            f"(also at line {other.line})", where, rule="symbol-and-number")


def _attach_texts(proposal: Proposal, in_force: dict, base_rev: str | None,
                  conventions: Conventions | None, lenient: bool, at) -> None:
    number = proposal.resolution
    if proposal.full_text and proposal.text is None:
        raise PipelineError(Category.PROPOSAL, f"{proposal.symbol} {proposal.number} needs a 'text': "
                            "the draft of the Resolution", at("symbol"))
    if not proposal.full_text and proposal.text is not None:
        raise PipelineError(Category.PROPOSAL, f"{proposal.symbol} proposals carry no text; "
                            "remove 'text'", at("text"), rule="sup-without-text")
    for key in ("text", "base"):
        target = getattr(proposal, key)
        if target is not None and not target.is_file():  # (inside the tree: checked on reading)
            raise PipelineError(Category.PROPOSAL, f"field '{key}': no such file {target}", at(key))
    if proposal.merges and proposal.symbol not in ("MOD", "(MOD)", "ADD"):
        raise PipelineError(Category.PROPOSAL, "only a MOD or an ADD can merge Resolutions",
                            at("merges"))
    if proposal.symbol == "ADD":
        if number in in_force:
            raise PipelineError(Category.PROPOSAL, f"ADD of Resolution {number}, which is already in "
                                "force: use MOD", at("resolution"))
    elif proposal.symbol in ("MOD", "(MOD)"):
        if number not in in_force and not proposal.base and not base_rev:
            raise PipelineError(Category.PROPOSAL, f"{proposal.symbol} of Resolution {number} has no "
                                f"base: no Resolution {number} in force in the Resolutions "
                                "folder and no 'base' (a .md or .docx of the text in force)",
                                at("resolution"))
    elif number not in in_force:
        raise PipelineError(Category.PROPOSAL, f"unknown Resolution {number}: no Resolution in force "
                            "has that number", at("resolution"))
    if proposal.text is not None:
        proposal.draft = load_resolution(proposal.text, conventions=conventions,
                                         where=at("text"), lenient=lenient)
        if proposal.draft.number != number:
            raise PipelineError(Category.PROPOSAL, f"the draft {proposal.text.name} is Resolution "
                                f"{proposal.draft.number}, not {number}", at("text"))
    if proposal.symbol in ("MOD", "(MOD)"):
        proposal.base_at = at("base" if proposal.base else "text")
        if proposal.base and proposal.base.suffix.lower() != ".docx" and not base_rev:
            proposal.base_text = load_resolution(proposal.base, conventions=conventions,
                                                 where=at("base"), lenient=lenient)
            check_base(proposal)
        elif not proposal.base and not base_rev:
            proposal.base_text = in_force[number]
    else:
        proposal.in_force = in_force.get(number)
    for absorbed in proposal.merges:
        if absorbed == number:
            raise PipelineError(Category.PROPOSAL, f"Resolution {number} cannot merge into itself",
                                at("merges"))
        if absorbed not in in_force:
            raise PipelineError(Category.PROPOSAL, f"cannot merge unknown Resolution {absorbed}",
                                at("merges"))


def check_base(proposal: Proposal) -> None:
    """The base of a MOD is the Resolution it modifies."""
    if proposal.base_text.number != proposal.resolution:
        raise PipelineError(Category.PROPOSAL, f"the base is Resolution "
                            f"{proposal.base_text.number}, not {proposal.resolution}",
                            proposal.base_at)


def _merge_sups(proposals: list[Proposal], in_force: dict, region: Region, document: str,
                at) -> list[Proposal]:
    """A SUP for every Resolution a merge absorbs, numbered after the file's own."""
    out: list[Proposal] = []
    serial = max(p.serial for p in proposals)
    for proposal in proposals:
        for absorbed in proposal.merges:
            serial += 1
            number = f"{region.prefix}/{document}/{serial}"
            survivor = proposal.subject
            reasons = (f"Resolution {absorbed} is merged into {survivor.short_title} by "
                       f"proposal {proposal.number}, which takes over its provisions; it is "
                       "therefore suppressed.")
            out.append(Proposal(symbol="SUP", number=number, resolution=absorbed,
                                reasons=reasons, line=proposal.line,
                                in_force=in_force[absorbed]))
    return out


def load_proposal_set(proposals: Path, resolutions: Path, assemblies: Path,
                      base_rev: str | None = None) -> ProposalSet:
    """Every contribution in *proposals* (one assembly), checked against each other."""
    conventions = load_conventions(resolutions)
    in_force = load_in_force(resolutions, conventions)
    files = sorted(proposals.glob("*.yaml"))
    if not files:
        raise PipelineError(Category.PROPOSAL, "no contribution files (*.yaml)", Location(str(proposals)))
    contributions = [load_contribution(path, assemblies, in_force, base_rev, conventions,
                                       root=(proposals, resolutions))
                     for path in files]
    seen: dict[str, Contribution] = {}
    for contribution in contributions:
        if contribution.assembly.id != contributions[0].assembly.id:
            raise PipelineError(Category.PROPOSAL, f"assembly '{contribution.assembly.id}' differs from "
                                f"'{contributions[0].assembly.id}' of {contributions[0].path}",
                                Location(str(contribution.path)))
        for proposal in contribution.proposals:
            if proposal.number in seen:
                raise PipelineError(Category.PROPOSAL, f"duplicate proposal number '{proposal.number}' "
                                    f"(also in {seen[proposal.number].path})",
                                    Location(str(contribution.path), proposal.line))
            seen[proposal.number] = contribution
    return ProposalSet(contributions[0].assembly, contributions, in_force, conventions, base_rev)



def newest_proposals(proposals_root: Path, assemblies: Path) -> Path:
    """The proposals folder of the latest assembly under *proposals_root*, by the year in
    its assembly file, so the default follows the data rather than naming an assembly."""
    best: tuple[int, str] | None = None
    chosen = None
    for folder in sorted(p for p in proposals_root.iterdir() if p.is_dir()) \
            if proposals_root.is_dir() else []:
        assembly = assemblies / f"{folder.name}.yaml"
        if not assembly.is_file():
            continue
        year = load_yaml(assembly, ASSEMBLY_SCHEMA)["year"]
        if best is None or (year, folder.name) > best:
            best, chosen = (year, folder.name), folder
    if chosen is None:
        raise PipelineError(Category.PROPOSAL, "no proposals folder named after an assembly file "
                            f"of {assemblies}", Location(str(proposals_root)))
    return chosen
