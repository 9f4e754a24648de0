"""What a check sees: one Resolution source with its raw lines (:class:`Doc`), one
contribution (:class:`ContributionDoc`), and the reference data both consult
(:class:`Reference`: the calls, the assemblies and the texts in force)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.check.model import Fix
from pipeline.sources.proposal import Assembly, Contribution
from pipeline.sources.resolution import Block, BlockKind, Conventions, Resolution
from pipeline.sources.texts import Texts

#: trailing footnote references, which sit after an item's punctuation or before it
_TRAILING_NOTES = re.compile(r"(?:\[\^[^\]\s]+\])+$")


@dataclass
class Config:
    """``[tool.itudraft.check]`` in pyproject.toml, with the command line's overrides."""

    select: list[str] = field(default_factory=list)   # rule ids or groups; empty: all
    ignore: list[str] = field(default_factory=list)
    max_sentence_words: int = 70
    max_item_words: int = 150
    #: abbreviations every reader knows, never spelled out
    known_abbreviations: list[str] = field(default_factory=lambda: [
        "ITU", "ITU-T", "ITU-R", "ITU-D", "ICT", "ICTs", "NOTE", "RESOLUTION", "ANNEX",
        "APPENDIX", "SECTION"])
    overlap_pair_threshold: float = 0.3
    overlap_passage_threshold: float = 0.8


@dataclass
class Reference:
    conventions: Conventions
    texts: Texts
    #: the assembly whose proposals are checked, the latest known when none is named
    assembly: Assembly | None = None
    #: the Resolutions in force, by number (content/resolutions)
    in_force: dict = field(default_factory=dict)
    config: Config = field(default_factory=Config)
    #: Resolutions in force that could not be read (each is reported as a problem)
    unreadable: list = field(default_factory=list)


@dataclass
class Doc:
    """One Resolution source as a check reads it: the parsed text and its raw lines."""

    path: Path
    name: str                 # the path as findings show it
    lines: list[str]          # the file's lines, without line ends
    res: Resolution
    ref: Reference
    #: a proposal's draft: the Resolution it modifies (for edition checks)
    base: Resolution | None = None
    _calls: list | None = field(default=None, repr=False)

    def call_name(self, block: Block) -> str:
        """A call's name as listed in the conventions (*Considering,* is *considering*; a
        translation's call is the English one it translates); as written when not listed."""
        loose = " ".join(block.text.lower().rstrip(":,;.").split())
        conventions = self.ref.conventions
        for name in conventions.preambular + conventions.operative:
            if name.lower() == loose:
                return conventions.english.get(name, name)  # a translation's: the English
        return block.text

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def span(self, block: Block) -> tuple[int, int]:
        """The first and last line of *block* in the file."""
        last = block.line
        while last < len(self.lines):
            following = self.lines[last]  # line last + 1
            if not following.strip() or following.lstrip().startswith(":::"):
                break
            if block.kind == BlockKind.ENUM and re.match(r"^ *- ", following):
                break
            if block.kind == BlockKind.HEADING or block.kind in (BlockKind.SECTION,
                                                                 BlockKind.ANNEX,
                                                                 BlockKind.APPENDIX):
                break
            last += 1
        return block.line, last

    def locate(self, block: Block, needle: str, start: int = 0) -> tuple[int, int]:
        """Line and column of the first *needle* in *block* (after *start* characters
        of its first line); the block's first line when it is not found verbatim."""
        first, last = self.span(block)
        for number in range(first, last + 1):
            text = self.line(number)
            at = text.find(needle, start if number == first else 0)
            if at >= 0:
                return number, at + 1
        return first, 1

    def find_all(self, block: Block, pattern: re.Pattern) -> list[tuple[int, int, re.Match]]:
        """Every match of *pattern* in the raw lines of *block*: (line, column, match)."""
        first, last = self.span(block)
        return [(number, match.start() + 1, match)
                for number in range(first, last + 1)
                for match in pattern.finditer(self.line(number))]

    def ending(self, block: Block) -> tuple[int, int, str]:
        """Where *block*'s text ends: (line, column of its last character, that character),
        trailing footnote references and spaces left aside."""
        _, last = self.span(block)
        text = self.line(last).rstrip()
        notes = _TRAILING_NOTES.search(text)
        core = text[:notes.start()] if notes else text
        stripped = core.rstrip()
        if not stripped:
            return last, 1, ""
        return last, len(stripped), stripped[-1]

    def punctuation_fix(self, block: Block, want: str) -> Fix | None:
        """The fix that makes *block* end with *want* (replacing ; , . : or adding it)."""
        line, column, char = self.ending(block)
        if not char:
            return None
        if char in ";,.:":
            return Fix(line, column, char, want)
        return Fix(line, column + 1, "", want)

    # the structure, call by call
    def calls(self) -> list[tuple[Block, list[Block]]]:
        """Each call with the items under it (until the next call or part title); worked
        out once, as most checks ask for it."""
        if self._calls is None:
            self._calls = self._find_calls()
        return self._calls

    def _find_calls(self) -> list[tuple[Block, list[Block]]]:
        out: list[tuple[Block, list[Block]]] = []
        for block in self.res.blocks:
            if block.kind == BlockKind.CALL:
                out.append((block, []))
            elif block.kind in (BlockKind.SECTION, BlockKind.ANNEX, BlockKind.APPENDIX):
                if out and out[-1][0] is not None:
                    out.append((None, []))  # type: ignore[arg-type]
            elif block.kind == BlockKind.ITEM and out and out[-1][0] is not None:
                out[-1][1].append(block)
        return [(call, items) for call, items in out if call is not None]

    def body(self) -> list[Block]:
        """The blocks of the Resolution's own text, before any annex or appendix."""
        out = []
        for block in self.res.blocks:
            if block.kind in (BlockKind.ANNEX, BlockKind.APPENDIX):
                break
            out.append(block)
        return out


@dataclass
class ContributionDoc:
    """One contribution (a YAML file of proposals) as a check reads it."""

    path: Path
    name: str
    lines: list[str]
    contribution: Contribution
    ref: Reference

    @property
    def assembly(self) -> Assembly:
        return self.contribution.assembly


@dataclass
class Corpus:
    """Every Resolution checked in a run (*names*: path read -> path shown), seen beside
    the Resolutions in force that were not checked themselves."""

    resolutions: list[Resolution]
    names: dict[str, str]
    ref: Reference
    _overlaps: object = None

    def everything(self) -> list[Resolution]:
        checked = {Path(r.path).resolve() for r in self.resolutions}
        return self.resolutions + [r for r in self.ref.in_force.values()
                                   if Path(r.path).resolve() not in checked]

    def overlaps(self):
        """The overlap finder's result over :meth:`everything`, computed once."""
        if self._overlaps is None:
            from pipeline.check.overlaps import find_overlaps

            config = self.ref.config
            self._overlaps = find_overlaps(self.everything(),
                                           pair_threshold=config.overlap_pair_threshold,
                                           passage_threshold=config.overlap_passage_threshold)
        return self._overlaps
