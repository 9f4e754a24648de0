"""The six languages of the Union, and the texts written in them.

A text in another language sits beside its English text with the language's code
before the extension: ``res-901.md`` (English), ``res-901.fr.md``, ``res-901.ar.md``.
A translation is read with its language's conventions (``conventions.fr.yaml``: calls,
number line, opening line) and must have the English text's structure: the same
number and editions, the same calls (each the translation of the English one), the
same items with the same letters and numbers, the same parts and footnotes. The first
difference is an error that names both files.

How each language is set (direction, fonts, the letter after a document number) is
house style: ``styles/languages.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline import data
from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.resolution import Block, BlockKind, Resolution, load_conventions, load_resolution
from pipeline.sources.yamlfile import load_yaml

LANGUAGES = data.path("styles", "languages.yaml")
ENGLISH = "en"

_LANGUAGE_SCHEMA = {
    "type": "object", "required": ["name", "suffix", "tag", "locale", "script", "direction"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"}, "suffix": {"type": "string", "pattern": "^[A-Z]$"},
        "tag": {"type": "string"}, "locale": {"type": "string"},
        "script": {"enum": ["latin", "cyrillic", "arabic", "han"]},
        "direction": {"enum": ["ltr", "rtl"]},
        "fonts": {"type": "object", "additionalProperties": False,
                  "properties": {"east_asian": {"type": "string"}, "complex": {"type": "string"}}},
        "complex_scale": {"type": "number", "minimum": 0.5, "maximum": 3},
        "italic": {"enum": ["keep", "bold"]},
    },
}
SCHEMA = {
    "type": "object", "required": ["languages"], "additionalProperties": False,
    "properties": {"languages": {"type": "object", "required": [ENGLISH],
                                 "propertyNames": {"pattern": "^[a-z]{2}$"},
                                 "additionalProperties": _LANGUAGE_SCHEMA}},
}


@dataclass(frozen=True)
class Language:
    """How the house style sets one language (see styles/languages.yaml)."""

    code: str
    name: str
    suffix: str
    tag: str
    locale: str
    script: str
    direction: str
    fonts: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    complex_scale: float = 1.0
    italic: str = "keep"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


def load_languages(path: Path = LANGUAGES) -> dict[str, Language]:
    """The languages by code, English first."""
    return dict(_load(path, path.stat().st_mtime if path.is_file() else 0.0))


@lru_cache(maxsize=4)
def _load(path: Path, _mtime: float) -> tuple[tuple[str, Language], ...]:
    raw = load_yaml(path, SCHEMA)["languages"]
    return tuple((code, Language(code=code, **values)) for code, values in raw.items())


def language(code: str, where: Location | None = None) -> Language:
    """The language *code*; an unknown code is an error naming the codes there are."""
    languages = load_languages()
    if code not in languages:
        raise PipelineError(Category.USAGE, f"unknown language '{code}' (languages: "
                            f"{', '.join(languages)})", where or Location(str(LANGUAGES)))
    return languages[code]


def language_of(path: Path) -> str:
    """The language a source file is written in, from its name: res-901.fr.md -> 'fr'."""
    parts = path.name.split(".")
    if len(parts) >= 3 and parts[-2] in load_languages():
        return parts[-2]
    return ENGLISH


def is_translation(path: Path) -> bool:
    return language_of(path) != ENGLISH


def translation_path(english: Path, code: str) -> Path:
    """Where the text *english* (res-901.md) is in language *code*: res-901.fr.md."""
    return english if code == ENGLISH else english.with_name(f"{english.stem}.{code}{english.suffix}")


def load_translation(english: Resolution, code: str, conventions_folder: Path,
                     root: Path | tuple[Path, ...] | None = None,
                     read: dict | None = None) -> Resolution | None:
    """The text *english* in language *code*, read with that language's conventions from
    *conventions_folder* and held to the English structure; None when there is no such
    file. English asks for *english* itself. *read*: the translations already read, by
    file (a text in force that several proposals name is read once)."""
    if code == ENGLISH:
        return english
    path = translation_path(english.path, code)
    if read is not None and path in read:
        return read[path]
    translated = None
    if path.is_file():
        conventions = load_conventions(conventions_folder, code)
        translated = load_resolution(path, conventions=conventions, root=root)
        check_structure(english, translated, conventions.english)
    if read is not None:
        read[path] = translated
    return translated


def load_text(path: Path, root: Path | tuple[Path, ...] | None = None) -> Resolution:
    """The Resolution in *path* read in its own language: English as it is; a translation
    (res-901.fr.md) with the conventions beside it, and held to the English text beside
    it when there is one."""
    code = language_of(path)
    if code == ENGLISH:
        return load_resolution(path, conventions=load_conventions(path.parent), root=root)
    english_path = path.with_name(path.name.replace(f".{code}.md", ".md"))
    if english_path.is_file():
        english = load_resolution(english_path, conventions=load_conventions(path.parent),
                                  root=root)
        return load_translation(english, code, path.parent, root)
    return load_resolution(path, conventions=load_conventions(path.parent, code), root=root)


def check_structure(english: Resolution, translated: Resolution,
                    calls: dict[str, str]) -> None:
    """*translated* says what *english* says, part for part: the same number, editions,
    status, calls (by *calls*, each translated call's English one), items with their
    markers, headings, parts and footnotes. The first difference names both files."""
    def fail(message: str, line: int | None, other: int | None) -> None:
        there = f"{english.path.name}:{other}" if other else english.path.name
        raise PipelineError(Category.RESOLUTION, f"{message} (the English text: {there})",
                            Location(str(translated.path), line), rule="translation-structure")

    for name in ("number", "status"):
        if getattr(english, name) != getattr(translated, name):
            fail(f"{name} is {getattr(translated, name)!r}, the English text's is "
                 f"{getattr(english, name)!r}", 2, 2)
    if len(english.editions) != len(translated.editions) or english.revised != translated.revised:
        fail(f"{len(translated.editions)} editions, the English text has "
             f"{len(english.editions)}", 2, 2)
    if len(english.history_notes) != len(translated.history_notes):
        fail(f"{len(translated.history_notes)} history notes, the English text has "
             f"{len(english.history_notes)}", 2, 2)
    theirs, ours = english.blocks, translated.blocks
    for index in range(max(len(theirs), len(ours))):
        if index >= len(ours):
            fail(f"the text ends before {_describe(theirs[index], calls)}",
                 ours[-1].line if ours else None, theirs[index].line)
        if index >= len(theirs):
            fail(f"{_describe(ours[index], calls)} is not in the English text",
                 ours[index].line, theirs[-1].line if theirs else None)
        if _shape(theirs[index], calls) != _shape(ours[index], calls):
            fail(f"{_describe(ours[index], calls)} where the English text has "
                 f"{_describe(theirs[index], calls)}", ours[index].line, theirs[index].line)
    labels = [_label(note) for note in english.footnotes]
    if labels != [_label(note) for note in translated.footnotes]:
        fail(f"footnotes {[_label(n) for n in translated.footnotes]}, the English text has "
             f"{labels}", None, None)


_NOTE_LABEL = re.compile(r"^\[\^([^\]\s]+)\]:")


def _label(note: str) -> str:
    match = _NOTE_LABEL.match(note)
    return match.group(1) if match else note


def _shape(block: Block, calls: dict[str, str]) -> tuple:
    """What must be the same in every language: the kind, marker, level, and for a call
    which English call it is (a text's words are not compared)."""
    call = calls.get(block.text, block.text) if block.kind == BlockKind.CALL else ""
    marker = block.marker if block.kind not in (BlockKind.ENUM,) else bool(block.marker)
    return block.kind, marker, block.level, call


def _describe(block: Block, calls: dict[str, str]) -> str:
    if block.kind == BlockKind.CALL:
        english = calls.get(block.text)
        return f"the call *{block.text}*" + (f" ({english})" if english and english != block.text
                                            else "")
    if block.marker:
        return f"{block.kind.value} '{block.marker}'"
    return f"a {block.kind.value} paragraph"
