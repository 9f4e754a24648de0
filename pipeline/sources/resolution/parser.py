"""Reading a Resolution's source: YAML front matter and a line-oriented Markdown body.

The body is read here, paragraph by paragraph, rather than by pandoc's block
parser: a Resolution's structure (calls, lettered and numbered items typed as
text, sections, annexes) is not Markdown structure, and reading it line by
line lets every error name the line to fix. Each paragraph's inline text
(italics, footnote references, links) stays Markdown for the renderer.

    ---
    number: 901
    title: ...
    editions: [Hammamet, 2016, Geneva, 2022]   (a YAML list of "Place, Year")
    status: in-force
    ---

    *considering*

    a) that ...;

    *resolves*

    1 that ...
"""

from __future__ import annotations

import dataclasses
import re
import string
from functools import lru_cache
from pathlib import Path

from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.resolution.lettering import SUFFIX, check_items
from pipeline.sources.resolution.model import (CONVENTIONS, PARTS, RESERVED_NOTE, Block,
                                               BlockKind, Conventions, Resolution, Words)
from pipeline.sources.textfile import check_markdown, read_text
from pipeline.sources.yamlfile import load_yaml

_EDITION = {"type": "string", "pattern": r"^\S.*, \d{4}$",
            "description": "an edition as 'Place, Year'"}
FRONT_MATTER_SCHEMA = {
    "type": "object",
    "required": ["number", "title", "editions", "status"],
    "additionalProperties": False,
    "properties": {
        "number": {"anyOf": [{"type": "integer", "minimum": 1},
                             {"type": "string", "pattern": r"^\[[^\]]+\]$"}],
                   "description": "a Resolution number, or a provisional identifier like '[ACP-1]'"},
        "title": {"type": "string", "minLength": 1},
        "editions": {"type": "array", "minItems": 1, "items": _EDITION},
        "status": {"enum": ["in-force", "draft"], "description": "in-force or draft"},
        "revised": {"type": "boolean", "description": "true or false"},
        "assembly": _EDITION,
        "history_notes": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "history_marks": {"type": "array", "items": {"type": "string", "pattern": r"^\S+$"},
                          "description": "one mark per history note, e.g. 1bis"},
    },
}
CONVENTIONS_SCHEMA = {
    "type": "object", "required": ["body", "calls"], "additionalProperties": False,
    "properties": {
        "body": {"type": "string", "minLength": 1},
        "calls": {"type": "object", "required": ["preambular", "operative"],
                  "additionalProperties": False,
                  "properties": {kind: {"type": "array", "minItems": 1,
                                        "items": {"type": "string", "minLength": 1}}
                                 for kind in ("preambular", "operative")}},
    },
}
#: A translation's editions are written as its language writes them ("Женева, 2022 г.",
#: "2022年，日内瓦"): only the year is required.
_TRANSLATED_EDITION = {"type": "string", "pattern": r"\d{4}",
                       "description": "an edition as the language writes it, with its year"}
TRANSLATED_FRONT_MATTER = {
    **FRONT_MATTER_SCHEMA,
    "properties": {**FRONT_MATTER_SCHEMA["properties"],
                   "editions": {"type": "array", "minItems": 1, "items": _TRANSLATED_EDITION},
                   "assembly": _TRANSLATED_EDITION},
}
#: The words of a consolidated draft's or the compilation's front matter: texts, or lists
#: of texts (a table's column heads); the kinds of conflict and the words of the
#: conflicts' comments, each by the consolidation's own name for it.
_BY_NAME = {"type": "object", "additionalProperties": {"type": "string"},
            "description": "texts by name: {insertion: ...}"}
_FRONT_WORDS = {"type": "object",
                "properties": {"kinds": _BY_NAME, "comments": _BY_NAME},
                "additionalProperties": {
                    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                    "description": "a text, or a list of texts"}}
_WORD_FIELDS = [name for name in Words.__dataclass_fields__ if name not in ("letters", "suffixes")]
#: A language's conventions (conventions.fr.yaml): its calls map the English ones.
TRANSLATED_CONVENTIONS_SCHEMA = {
    "type": "object", "required": ["language", "body", "calls", "words"],
    "additionalProperties": False,
    "properties": {
        "language": {"type": "string", "pattern": "^[a-z]{2}$"},
        "checked": {"type": "array", "items": {"type": "string"}},
        "unchecked": {"type": "array", "items": {"type": "string"}},
        "body": {"type": "string", "minLength": 1},
        "calls": {"type": "object", "minProperties": 1,
                  "additionalProperties": {"type": "string", "minLength": 1},
                  "description": "each English call, then this language's call"},
        "words": {"type": "object", "additionalProperties": False,
                  "properties": {**{name: {"type": "string", "minLength": 1}
                                    for name in _WORD_FIELDS},
                                 "letters": {"type": "array", "minItems": 26,
                                             "items": {"type": "string", "minLength": 1}},
                                 "suffixes": {"type": "object",
                                              "additionalProperties": {"type": "string"}}}},
        "cover": {"type": "object", "additionalProperties": {"type": "string"}},
        "consolidated": _FRONT_WORDS, "compilation": _FRONT_WORDS,
    },
}

#: An item or clause marker typed at the start of a paragraph: a), b)bis, 1, 1.1, 1bis.2,
#: and annex or appendix clauses: A.1, II.3.1
MARKER = re.compile(rf"^(?P<marker>[a-z]\){SUFFIX}|\d+{SUFFIX}(?:\.\d+{SUFFIX})*"
                    rf"|(?:[A-Z]|[IVX]+)(?:\.\d+{SUFFIX})+)"
                    rf"(?:[ \t]+|(?=\t))(?P<rest>\S.*)$")
#: A list item's own marker: a), i), 1), (a), or a dash
LIST_MARKER = re.compile(r"^(?P<marker>\(?[a-z]{1,5}\)|\(?\d{1,3}\)|[–—•-])[ \t]+(?P<rest>.*)$")
NOTE = re.compile(r"^NOTE(?: \d+)? [–-] ")
CALL = re.compile(r"^\*(?P<call>[^*]+)\*$")
IMAGE = re.compile(r"^!\[[^\]]*\]\((?P<src>[^)\s]+)\)(\{[^}]*\})?$")
CAPTION = re.compile(r"^(?P<kind>Figure|Table)[ \u00a0]\S+ [–-] \S")
PART = re.compile(r"^# +(?P<kind>Section|SECTION|Annex|ANNEX|Appendix|APPENDIX)"
                  r"[ \u00a0]+(?P<number>[^:]+?)\s*(?::\s*(?P<title>.*))?$")
HEADING = re.compile(r"^(?P<hashes>#{1,6}) +(?P<text>.+)$")
FENCE = re.compile(r"^:::+\s*(?P<style>[^{}\s].*?)?\s*$")
FOOTNOTE = re.compile(r"^\[\^(?P<id>[^\]\s]+)\]:\s*(?P<text>.*)$")
LIST_ITEM = re.compile(r"^(?P<indent> *)- (?P<text>.*)$")


@lru_cache(maxsize=16)
def _conventions_cached(path: str, mtime: float, english: str | None = None,
                        english_mtime: float = 0.0) -> Conventions:
    """The conventions in *path* (a language's when *english*, the English file, is given;
    the times key the cache, so an edited file is read again)."""
    if english is None:
        positions: dict = {}
        data = load_yaml(Path(path), CONVENTIONS_SCHEMA, positions_out=positions)
        # a folder's own list of calls need not repeat the package's English words
        package = None if Path(path).resolve() == CONVENTIONS.resolve() else \
            load_conventions(CONVENTIONS)
        default = vars(package) if package is not None else {}
        if package is not None:
            _check_templates(Path(path), positions, data, package)
        words = dataclasses.replace(default.get("words", Words()),
                                    **_word_fields(data.get("words", {})))
        return Conventions(data["body"], data["calls"]["preambular"], data["calls"]["operative"],
                           words=words,
                           **{key: {**default.get(key, {}), **data.get(key, {})}
                              for key in ("cover", "consolidated", "compilation")})
    return _translated(Path(path), load_conventions(Path(english)))


def _translated(path: Path, english: Conventions) -> Conventions:
    """A language's conventions: every English call translated, the words of its texts."""
    positions: dict = {}
    data = load_yaml(path, TRANSLATED_CONVENTIONS_SCHEMA, positions_out=positions)
    code = path.name.split(".")[1]
    if data["language"] != code:
        raise PipelineError(Category.FRONT_MATTER, f"field 'language': '{data['language']}' in a "
                            f"file named for '{code}'", _at(path, positions, "language"))
    calls = data["calls"]
    seen: dict[str, str] = {}
    for name, translated in calls.items():
        if english.kind_of(name) is None:
            raise PipelineError(Category.BODY, f"field 'calls': '{name}' is not an English call "
                                f"of {english.path.name}", _at(path, positions, "calls", name))
        if translated in seen:  # a text's call must say which English call it is
            raise PipelineError(Category.BODY, f"field 'calls.{name}': '{translated}' already "
                                f"translates '{seen[translated]}'; each call needs words of "
                                "its own", _at(path, positions, "calls", name))
        seen[translated] = name
    _check_templates(path, positions, data, english)
    return Conventions(
        data["body"], [calls[n] for n in english.preambular if n in calls],
        [calls[n] for n in english.operative if n in calls], language=code,
        words=_words(data["words"]), english={value: key for key, value in calls.items()},
        cover={**english.cover, **data.get("cover", {})},
        consolidated=_merged(english.consolidated, data.get("consolidated", {})),
        compilation=_merged(english.compilation, data.get("compilation", {})))


def _merged(english: dict, own: dict) -> dict:
    """A language's front matter words over the English ones; a mapping (the kinds of
    conflict) key by key, so a kind it does not translate keeps its English word."""
    out = dict(english)
    for key, value in own.items():
        out[key] = {**english[key], **value} if isinstance(value, dict) and isinstance(
            english.get(key), dict) else value
    return out


#: Names a language's template may use beyond its English template's (a language that
#: declines the word Resolution names the number and edition in the annex line).
_MORE_NAMES = {("words", "annex_ref"): {"number", "edition"}}


def _check_templates(path: Path, positions: dict, data: dict, english: Conventions) -> None:
    """Each of a language's words that is a template (``"Conflit sur «{base}»"``) names
    only what its English template names: a misspelt or unknown name, or a lone brace,
    is the file's error, not the build's."""
    for section in ("words", "cover", "consolidated", "compilation"):
        models = vars(english.words) if section == "words" else getattr(english, section)
        for key, value in (data.get(section) or {}).items():
            if isinstance(value, dict):  # the kinds of conflict, the comments' words
                known = models.get(key) or {}
                for name, text in value.items():
                    if known and name not in known:
                        raise PipelineError(Category.FRONT_MATTER, f"field '{section}.{key}."
                                            f"{name}': not one of {', '.join(known)}",
                                            _at(path, positions, section, key, name))
                    _check_template(path, positions, (section, key, name), text, known.get(name))
            elif isinstance(value, str):
                _check_template(path, positions, (section, key), value, models.get(key))


def _check_template(path: Path, positions: dict, field: tuple, text: str, model) -> None:
    dotted = ".".join(field)
    allowed = (_names(model) if isinstance(model, str) else set()) | \
        _MORE_NAMES.get(field, set())
    try:
        used = _names(text)
    except ValueError:
        raise PipelineError(Category.FRONT_MATTER, f"field '{dotted}': a lone '{{' or '}}' (a "
                            "brace of the text is written twice: {{ }})",
                            _at(path, positions, *field)) from None
    unknown = sorted(used - allowed)
    if unknown:
        names = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
        raise PipelineError(Category.FRONT_MATTER, f"field '{dotted}': {{{unknown[0]}}} is not "
                            f"a name it can use ({names})", _at(path, positions, *field))


def _names(template: str) -> set[str]:
    """The names a str.format template fills in (ValueError for a lone brace)."""
    return {name.split(".")[0].split("[")[0] for _text, name, _spec, _conv
            in string.Formatter().parse(template) if name is not None}


def _words(raw: dict) -> Words:
    return Words(**_word_fields(raw))


def _word_fields(raw: dict) -> dict:
    """The words of a conventions file as Words' fields (lists and mappings as tuples)."""
    words = dict(raw)
    if "letters" in words:
        words["letters"] = tuple(words["letters"])
    if "suffixes" in words:
        words["suffixes"] = tuple(sorted(words["suffixes"].items()))
    return words


# English conventions may carry their words and cover too (the defaults are English).
CONVENTIONS_SCHEMA["properties"].update(
    {key: TRANSLATED_CONVENTIONS_SCHEMA["properties"][key]
     for key in ("words", "cover", "consolidated", "compilation")})


def _at(path: Path, positions: dict, *field_path) -> Location:
    line, column = positions.get(tuple(field_path), (None, None))
    return Location(str(path), line, column)


def load_conventions(path: Path = CONVENTIONS, language: str = "en") -> Conventions:
    """The calls and the body's name from *path*; a folder means its conventions.yaml,
    or the repository's own when the folder has none. *language* other than English:
    that language's conventions.<language>.yaml beside it, its calls mapping the English."""
    if path.is_dir():
        path = path / "conventions.yaml" if (path / "conventions.yaml").is_file() else CONVENTIONS
    if language != "en":
        english = load_conventions(path)
        path = path.with_name(f"conventions.{language}.yaml")
        try:
            mtime = path.stat().st_mtime
        except OSError:
            raise PipelineError(Category.MISSING_FILE, f"no such file (the calls and words of "
                                f"texts in language '{language}')", Location(str(path))) from None
        conventions = _conventions_cached(str(path), mtime, str(english.path),
                                          english.path.stat().st_mtime)
        conventions.path = path
        return conventions
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise PipelineError(Category.MISSING_FILE, "no such file (the list of calls)",
                            Location(str(path))) from None
    conventions = _conventions_cached(str(path), mtime)
    conventions.path = path
    return conventions


def split_front_matter(path: Path, text: str) -> tuple[str, int, list[str]]:
    """(front matter text, its first line number, body lines) of a Markdown source."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise PipelineError(Category.FRONT_MATTER, "a Resolution starts with a '---' line, then its "
                            "YAML front matter (number, title, editions, status)",
                            Location(str(path), 1))
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), 1, lines[index + 1:]
    raise PipelineError(Category.FRONT_MATTER, "the front matter has no closing '---' line",
                        Location(str(path), 1))


def load_resolution(path: Path, text: str | None = None,
                    conventions: Conventions | None = None,
                    root: Path | tuple[Path, ...] | None = None,
                    where: Location | None = None, lenient: bool = False) -> Resolution:
    """The Resolution in Markdown file *path* (or *text*, read from *path*); a file read
    must lie inside *root* when given (*where*: the field that names it, for errors).
    *lenient* (the checker's reading): a call not in the conventions is kept as a call
    of unknown kind (style "") and the lettering is not checked, so that the checker
    can report each such problem as a finding rather than stop at the first."""
    if text is None:
        text = read_text(path, root, where, what="Resolution file")
    text = text.removeprefix("\ufeff")
    check_markdown(text.replace("\r\n", "\n"), path)
    conventions = conventions or load_conventions()
    front, offset, body = split_front_matter(path, text.replace("\r\n", "\n"))
    schema = FRONT_MATTER_SCHEMA if conventions.language == "en" else TRANSLATED_FRONT_MATTER
    data = load_yaml(path, schema, text=front, line_offset=offset)
    if not isinstance(data, dict):
        raise PipelineError(Category.FRONT_MATTER, "the front matter must be YAML fields "
                            "(number, title, editions, status)", Location(str(path), 2))
    editions = data["editions"]
    res = Resolution(path=path, number=data["number"], title=data["title"].strip(),
                     editions=editions, status=data["status"], body_name=conventions.body,
                     assembly=data.get("assembly", editions[-1]),
                     revised=data.get("revised", len(editions) > 1),
                     history_notes=data.get("history_notes", []),
                     history_marks=data.get("history_marks", []),
                     language=conventions.language, words=conventions.words)
    if res.history_marks and len(res.history_marks) != len(res.history_notes):
        raise PipelineError(Category.FRONT_MATTER, "history_marks needs one mark per history "
                            "note", Location(str(path), 2))
    first_body_line = offset + front.count("\n") + 3
    res.blocks, res.footnotes = _parse_body(path, body, first_body_line, conventions, lenient)
    if not lenient:
        check_items(path, res.blocks)
    _check_notes(path, res, first_body_line, body)
    return res


FOOTNOTE_REF = re.compile(r"(?<!\\)\[\^(?P<id>[^\]\s]+)\]")


def _check_notes(path: Path, res: Resolution, first: int, body: list[str]) -> None:
    """Every footnote reference has its definition; labels starting with 'itudraft-'
    are the history notes' own."""
    defined = {FOOTNOTE.match(note).group("id") for note in res.footnotes}
    for offset, raw in enumerate(body):
        for match in FOOTNOTE_REF.finditer(raw):
            label = match.group("id")
            if label.startswith(RESERVED_NOTE):
                raise PipelineError(Category.BODY, f"footnote labels starting with '{RESERVED_NOTE}' "
                                    "are reserved", Location(str(path), first + offset))
            if label not in defined and not raw.lstrip().startswith(f"[^{label}]:"):
                raise PipelineError(Category.BODY, f"footnote [^{label}] has no definition "
                                    f"('[^{label}]: text' on a line of its own)",
                                    Location(str(path), first + offset))


def _chunks(lines: list[str], first: int) -> list[tuple[int, list[str]]]:
    """Paragraphs: runs of non-blank lines with the number of their first line.
    A fence line (``:::``) is a paragraph of its own."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first
    for number, line in enumerate(lines, start=first):
        if not line.strip() or FENCE.match(line):
            if current:
                out.append((start, current))
                current = []
            if line.strip():
                out.append((number, [line]))
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        out.append((start, current))
    return out


def _parse_body(path: Path, lines: list[str], first: int,
                conventions: Conventions, lenient: bool = False) -> tuple[list[Block], list[str]]:
    blocks: list[Block] = []
    footnotes: list[str] = []
    fence: str | None = None
    under_call = False
    after_title = False
    calls = {name: "preambular" for name in conventions.preambular}
    calls.update({name: "operative" for name in conventions.operative})

    def at(line: int) -> Location:
        return Location(str(path), line)

    for line, chunk in _chunks(lines, first):
        head = chunk[0]
        fence_match = FENCE.match(head)
        if fence_match:
            if fence is None:
                if not fence_match.group("style"):
                    raise PipelineError(Category.BODY, "a ':::' block needs a style name, "
                                        "e.g. '::: Figure_legend'", at(line))
                fence = _style_name(fence_match.group("style"))
            else:
                fence = None
            continue
        joined = " ".join([head.lstrip(" ").rstrip()] + [part.strip() for part in chunk[1:]])
        joined = joined.replace("\t ", "\t")
        footnote = FOOTNOTE.match(head)
        if footnote:
            footnotes.append("\n".join(chunk))
            continue
        if fence is not None:  # "::: Normal" holds plain paragraphs read as they are
            blocks.append(Block(BlockKind.PARA, joined, line) if fence == "Normal"
                          else Block(BlockKind.STYLED, joined, line, style=fence))
            after_title = False
            continue
        _check_continuations(chunk, line, under_call, at)
        if head.startswith("#"):
            if len(chunk) > 1:
                raise PipelineError(Category.BODY, "a heading is one line; leave a blank line "
                                    "after it", at(line + 1))
            blocks.append(_heading(head, line, at, conventions.words))
            under_call = False
            after_title = blocks[-1].kind in PARTS
            continue
        if LIST_ITEM.match(head):
            blocks.extend(_list_items(chunk, line, at))
            after_title = False
            continue
        if head.startswith("|"):
            blocks.append(Block(BlockKind.TABLE, "\n".join(chunk), line))
            after_title = False
            continue
        call = CALL.match(joined)
        if call:
            name = " ".join(call.group("call").split())
            if name not in calls and not lenient:
                raise PipelineError(Category.BODY, f"unknown call '{name}' (calls are listed in "
                                    f"{conventions.path})", at(line))
            style = calls.get(name) or (calls.get(_loose(name), "") if lenient else "")
            blocks.append(Block(BlockKind.CALL, name, line, style=style))
            under_call = True
            after_title = False
            continue
        block = _paragraph(joined, line, under_call)
        if after_title and block.kind in (BlockKind.PARA, BlockKind.CLAUSE):
            block.style = "Normal_after_title"
        after_title = False
        blocks.append(block)
    if fence is not None:
        raise PipelineError(Category.BODY, "a ':::' block is not closed", at(first + len(lines) - 1))
    return blocks, footnotes


def _loose(name: str) -> str:
    """A call as the lenient reading matches it: lower case, no closing punctuation."""
    return " ".join(name.lower().rstrip(":,;.").split())


def _check_continuations(chunk: list[str], line: int, under_call: bool, at) -> None:
    """A call or a lettered item on a line that continues a paragraph is a missing
    blank line, not text: say so rather than run two paragraphs together."""
    for offset, raw in enumerate(chunk):
        text = raw.strip()
        if offset and CALL.match(text):
            raise PipelineError(Category.BODY, "a call is a paragraph of its own: leave a blank line "
                                "before it", at(line + offset))
        if offset == 0 and CALL.match(text) and len(chunk) > 1:
            raise PipelineError(Category.BODY, "a call is a paragraph of its own: leave a blank line "
                                "after it", at(line + 1))
        if offset and under_call and re.match(rf"^[a-z]\){SUFFIX}\s", text):
            raise PipelineError(Category.BODY, f"'{text.split()[0]}' starts a new item: leave a blank "
                                "line before it", at(line + offset))


def _style_name(written: str) -> str:
    """The style a ``::: Style`` fence names, as written (the renderer checks it exists)."""
    return written.strip().strip("{}").strip()


@lru_cache(maxsize=8)
def _part_words(words: Words) -> tuple[re.Pattern, dict[str, BlockKind]]:
    """The headings that open a part in a language: its words for Section, Annex and
    Appendix (any case), and the English ones, which every language may use."""
    kinds = {}
    for kind, word in (("section", words.section), ("annex", words.annex),
                       ("appendix", words.appendix)):
        for spelling in (word, word.upper(), kind.capitalize(), kind.upper()):
            kinds[spelling] = BlockKind(kind)
    alternatives = "|".join(map(re.escape, sorted(kinds, key=len, reverse=True)))
    return re.compile(PART.pattern.replace(
        "(?P<kind>Section|SECTION|Annex|ANNEX|Appendix|APPENDIX)", f"(?P<kind>{alternatives})")), kinds


def _heading(text: str, line: int, at, words: Words = Words()) -> Block:
    pattern, kinds = _part_words(words)
    part = pattern.match(text)
    if part:
        kind = kinds[part.group("kind")]
        return Block(kind, part.group("kind"), line, marker=part.group("number").strip(),
                     title=(part.group("title") or "").strip())
    heading = HEADING.match(text)
    if not heading:
        raise PipelineError(Category.BODY, "a heading is '#' marks, a space and its text", at(line))
    level = len(heading.group("hashes"))
    body = heading.group("text").strip()
    marker = MARKER.match(body)
    if marker:
        return Block(BlockKind.HEADING, marker.group("rest"), line, marker=marker.group("marker"),
                     level=level)
    return Block(BlockKind.HEADING, body, line, level=level)


def _list_items(chunk: list[str], line: int, at) -> list[Block]:
    items: list[Block] = []
    for offset, raw in enumerate(chunk):
        match = LIST_ITEM.match(raw)
        if not match:
            if not items:
                raise PipelineError(Category.BODY, "a list line starts with '- '", at(line + offset))
            items[-1].text += " " + raw.strip()
            continue
        indent = len(match.group("indent"))
        if indent % 2 or indent > 4:
            raise PipelineError(Category.BODY, "list levels are indented by 0, 2 or 4 spaces "
                                "(enumlev1, 2, 3)", at(line + offset))
        text = match.group("text")
        own = LIST_MARKER.match(text)
        if text.startswith("\t"):
            marker, text = "", text[1:]
        elif own:
            marker, text = own.group("marker"), own.group("rest")
        else:
            marker = "–"
        items.append(Block(BlockKind.ENUM, text.strip(), line + offset, marker=marker,
                           level=indent // 2 + 1))
    return items


def _paragraph(text: str, line: int, under_call: bool) -> Block:
    if text.startswith("\\") and len(text) > 1 and text[1].isalnum():
        return Block(BlockKind.PARA, text[1:], line)  # an escaped marker (\2024, \a), \A.1): plain text
    if NOTE.match(text):
        return Block(BlockKind.NOTE, text, line)
    image = IMAGE.match(text)
    if image:
        return Block(BlockKind.IMAGE, text, line, title=image.group("src"))
    if CAPTION.match(text):
        return Block(BlockKind.CAPTION, text, line)
    marker = MARKER.match(text)
    if marker:
        return Block(BlockKind.ITEM if under_call else BlockKind.CLAUSE, marker.group("rest"), line,
                     marker=marker.group("marker"))
    return Block(BlockKind.ITEM if under_call else BlockKind.PARA, text, line)
