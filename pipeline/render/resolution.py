"""A Resolution in ITU layout, as AST blocks: the number line, title, history line and
opening line from the front matter, then each block of the body in its ITU style.

Markers and TABs are AST nodes (``a)`` in italics, then a TAB); the paragraphs'
Markdown goes in as fragments, parsed with the rest of the document.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from pathlib import Path

import panflute as pf

from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.parts import Properties
from pipeline.render import housestyle
from pipeline.render.document import PAGE_BREAK, Document, marker, para, styled
from pipeline.render.inline import Fragments, picture_inside
from pipeline.render.pieces import Pieces
from pipeline.sources.languages import language
from pipeline.sources.resolution import RESERVED_NOTE, Block, BlockKind, Resolution
from pipeline.sources.resolution.model import ENGLISH, Words
from pipeline.sources.resolution.parser import FOOTNOTE

_FOOTNOTE_REF = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")
_SPECIAL = re.compile(r"([\\*_`\[\]<>~^@&$])")
NBSP = "\u00a0"


def escape_markdown(text: str) -> str:
    """*text* as literal Markdown: every character pandoc could read as markup escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def resolution_blocks(res: Resolution, fragments: Fragments, notes: str = "n") -> list[pf.Block]:
    """The Resolution as blocks in ITU styles. Footnote labels get the prefix *notes*,
    so several Resolutions can share one document."""
    text = _Text(res, fragments, notes)
    history = escape_markdown(res.wording.history.format(
        editions=res.wording.separator.join(res.editions))) + "".join(
        f"[^{RESERVED_NOTE}{index}]" for index in range(1, len(res.history_notes) + 1))
    marks = _custom_marks(res)
    out = [para(res.number_line, "Res_No"),
           styled("Res_title", pf.Para(text.inline(res.title))),
           styled("Res_ref", pf.Para(text.inline(history))),
           para(res.opening, "Normal_after_title")]
    styles = _StyleNames()
    for block in res.blocks:
        out.extend(_block(res, block, text, styles))
    history_marks = marks["history"] if marks else [None] * len(res.history_notes)
    fragments.notes([text.relabel(f"[^{RESERVED_NOTE}{index}]: {_marked(fragments, mark)}{note}")
                     for index, (note, mark) in enumerate(zip(res.history_notes, history_marks),
                                                          start=1)])
    for note in res.footnotes:
        match = FOOTNOTE.match(note)
        label, rest = match.group("id"), note[match.start("text"):]  # text, continuation lines
        mark = _marked(fragments, label) if marks else ""
        fragments.notes([text.relabel(f"[^{label}]: {mark}{rest}")])
    return out


#: A footnote label that is a mark a reader sees: 1, 2, 1bis, *...
_MARK = re.compile(r"\d+[a-z]*|\*+")


def _custom_marks(res: Resolution) -> dict[str, list[str]] | None:
    """The marks to type on the notes when the Resolution's notes are not numbered 1, 2...
    (a published text's "1bis", kept through import); None when Word numbers them."""
    history = res.history_marks or [str(n) for n in range(1, len(res.history_notes) + 1)]
    seen: list[str] = []
    for block in res.blocks:
        for match in _FOOTNOTE_REF.finditer(f"{block.title} {block.text}"):
            if match.group(1) not in seen:
                seen.append(match.group(1))
    labels = history + seen
    if labels == [str(n) for n in range(1, len(labels) + 1)] \
            or not all(_MARK.fullmatch(label) for label in labels):
        return None
    return {"history": history}


def _marked(fragments: Fragments, mark: str | None) -> str:
    """The start of a note's definition that types *mark* as its mark (none: Word numbers it)."""
    return "" if mark is None else f"[]{{#{fragments.mark(mark)}}}"


class _Text:
    """The Markdown of one Resolution going into the document's fragments."""

    def __init__(self, res: Resolution, fragments: Fragments, notes: str):
        self.res, self.fragments, self.notes = res, fragments, notes

    def relabel(self, text: str) -> str:
        return _FOOTNOTE_REF.sub(lambda m: f"[^{self.notes}-{m.group(1)}]", text)

    def inline(self, text: str) -> pf.Span:
        return self.fragments.inline(self.relabel(text), self.res.path.parent)

    def table(self, text: str) -> pf.Div:
        return self.fragments.blocks(self.relabel(text))


def _block(res: Resolution, block: Block, text: _Text, styles: "_StyleNames") -> list[pf.Block]:
    kind = block.kind
    if kind == BlockKind.CALL:
        return [para(block.text + res.wording.call_end, "Call")]
    if kind in (BlockKind.ITEM, BlockKind.CLAUSE) and block.marker:
        words = res.wording
        if block.marker[:1].isalpha() and kind == BlockKind.ITEM:
            # a) and b)bis wholly in italics, in the language's own letters
            mark = [pf.Emph(pf.Str(lettered(block.marker, words)))]
        else:  # clause numbers in bold, as published
            mark = _number(block.marker, bold=kind == BlockKind.CLAUSE, words=words)
        return [styled(block.style or None, pf.Para(*mark, _tab(), text.inline(block.text)))]
    if kind in (BlockKind.ITEM, BlockKind.CLAUSE, BlockKind.PARA):
        return [styled(block.style or None, pf.Para(text.inline(block.text)))]
    if kind == BlockKind.HEADING:
        inlines = [*_number(block.marker, words=res.wording), _tab()] if block.marker else []
        return [styled(f"heading {block.level}", pf.Para(*inlines, text.inline(block.text)))]
    if kind == BlockKind.SECTION:
        out = [styled("Section_No", pf.Para(pf.Str(block.text + NBSP),
                                            *_number(block.marker, words=res.wording)))]
        return out + ([styled("Section_title", pf.Para(text.inline(block.title)))]
                      if block.title else [])
    if kind in (BlockKind.ANNEX, BlockKind.APPENDIX):
        name = "Annex" if kind == BlockKind.ANNEX else "Appendix"
        out = [marker(PAGE_BREAK), para(f"{block.text} {block.marker}", f"{name}_No"),
               para(res.wording.annex_ref.format(short_title=res.short_title, number=res.number,
                                                 edition=res.edition), f"{name}_ref")]
        return out + ([styled(f"{name}_title", pf.Para(text.inline(block.title)))]
                      if block.title else [])
    if kind == BlockKind.ENUM:
        mark = [pf.Str(block.marker)] if block.marker else []
        return [styled(f"enumlev{block.level}", pf.Para(*mark, _tab(), text.inline(block.text)))]
    if kind == BlockKind.NOTE:
        return [styled("Note", pf.Para(text.inline(block.text)))]
    if kind == BlockKind.IMAGE:
        if picture_inside(block.title, [res.path.parent]) is None:
            raise PipelineError(Category.IMAGE, f"no such image '{block.title}' in the "
                                f"Resolution's folder", Location(str(res.path), block.line))
        return [styled("Figure", pf.Para(text.inline(block.text)))]
    if kind == BlockKind.CAPTION:
        style = "Figure_NoTitle" if block.text.startswith("Figure") else "Table_NoTitle"
        return [styled(style, pf.Para(text.inline(block.text)))]
    if kind == BlockKind.STYLED:
        style = styles.name(block.style, Location(str(res.path), block.line))
        return [styled(style, pf.Para(text.inline(block.text)))]
    if kind == BlockKind.TABLE:
        return [text.table(block.text)]
    raise AssertionError(kind)


#: What an item or clause inserted at a revision adds to its number (1bis, 2ter).
_SUFFIX = re.compile(r"(bis|ter|quater|quinquies|sexies|septies|octies)")


def _number(marker: str, bold: bool = False, words: Words = ENGLISH) -> list[pf.Inline]:
    """A number with its suffixes in italics, as published: 1*bis*.2 (in bold: a clause);
    the suffixes in the language's words."""
    suffixes = dict(words.suffixes)
    inlines = [pf.Emph(pf.Str(suffixes.get(part, part))) if _SUFFIX.fullmatch(part)
               else pf.Str(part) for part in _SUFFIX.split(marker) if part]
    return [pf.Strong(*inlines)] if bold else inlines


def lettered(marker: str, words: Words) -> str:
    """An item's letter as the language writes it: a) is أ) in Arabic, b)bis is ب) مكرراً
    when the language's words give letters and suffix words; as typed otherwise."""
    if not words.letters and not words.suffixes:
        return marker
    letter, _, suffix = marker.partition(")")
    index = ord(letter) - ord("a")
    shown = words.letters[index] if words.letters and 0 <= index < len(words.letters) else letter
    suffix = dict(words.suffixes).get(suffix, suffix)
    return f"{shown}){NBSP + suffix if suffix and words.letters else suffix}"


def _tab() -> pf.Str:
    """The TAB typed after a marker (finishing writes it as ``w:tab``)."""
    return pf.Str("\t")


class _StyleNames:
    """House style names and ids, to name a ``::: Style`` block's style either way."""

    def __init__(self):
        self.by_id = {style["id"]: style["name"] for style in housestyle.load().styles}

    def name(self, written: str, where: Location) -> str:
        if written in self.by_id:
            return self.by_id[written]
        if written in self.by_id.values():
            return written
        raise PipelineError(Category.BODY, f"unknown style '{written}' (styles are listed in "
                            f"styles/itu-styles.yaml)", where)


def resolution_piece(pieces: Pieces, res: Resolution, origin: Path) -> pf.Div:
    """The placeholder of a Resolution's text (:func:`resolution_blocks`) as a piece, keyed
    by the model without the folder it was read from (a picture makes the piece render
    in place, from there); *origin* is named by errors."""
    key = f"text\0{replace(res, path=Path(Path(res.path).name))!r}"
    return pieces.place(key, partial(resolution_blocks, res), origin)


def resolution_document(res: Resolution, assembly: str | None = None,
                        pieces: Pieces | None = None) -> Document:
    """A Resolution on its own, set as published Resolutions are (11-pt basis; the footer
    names it: "WTSA-24 – Resolution 901" when *assembly*, the short name of the
    assembly that adopts this edition, is known, else its number and edition). With
    *pieces*, its text is a piece of them."""
    fragments = Fragments(res.path)
    word = "Draft new Resolution" if res.is_new else "Resolution"
    footer = f"{assembly} \u2013 {word} {res.number}" if assembly and res.language == "en" \
        else res.short_title
    blocks = [resolution_piece(pieces, res, res.path)] if pieces is not None else \
        resolution_blocks(res, fragments)
    return Document(
        blocks=blocks, origin=res.path, fragments=fragments, pieces=pieces,
        properties=Properties(title=f"{res.short_title}: {res.plain_title}",
                              subject=res.plain_title, keywords=["WTSA", "Resolution"],
                              creator="ITU-T", date=f"{res.year:04d}-01-01T00:00:00Z"),
        header=[], footer=footer, variant="resolution", language=language(res.language))
