"""Writing a Resolution back as its source: front matter, then one paragraph per block.

What the parser reads, this writes: reading the written text gives the same
Resolution again. A plain paragraph that would read as something else (an item,
a note, a call, a heading...) is escaped: ``\\2024 ...`` when it starts with a
letter or digit, otherwise it goes in a ``::: Normal`` block (a line that opens
with ``:::`` gets a Markdown backslash instead, which renders the same text).
"""

from __future__ import annotations

import yaml

from pipeline.sources.resolution.model import Block, BlockKind, Resolution
from pipeline.sources.resolution.parser import (CALL, CAPTION, FENCE, FOOTNOTE, IMAGE,
                                                LIST_ITEM, LIST_MARKER, MARKER, NOTE)

#: The style the parser gives the first plain paragraph after a part's title by itself.
_DERIVED_STYLE = "Normal_after_title"


def to_source(res: Resolution) -> str:
    """The source text of *res*: YAML front matter and the body."""
    front: dict = {"number": res.number, "title": res.title, "editions": list(res.editions),
                   "status": res.status}
    if res.revised != (len(res.editions) > 1):
        front["revised"] = res.revised
    if res.assembly != res.editions[-1]:
        front["assembly"] = res.assembly
    if res.history_notes:
        front["history_notes"] = list(res.history_notes)
    if res.history_marks:
        front["history_marks"] = list(res.history_marks)
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    paragraphs = _body(res.blocks) + list(res.footnotes)
    return "---\n" + head + "---\n\n" + "\n\n".join(paragraphs) + "\n"


def _body(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    fence: str | None = None
    under_call = False
    for block in blocks:
        style = _fence_of(block, under_call)
        if style != fence:
            if fence is not None:
                out.append(":::")
            if style is not None:
                out.append(f"::: {style}")
            fence = style
        out.append(block.text if style is not None else _paragraph(block, under_call))
        if block.kind == BlockKind.CALL:
            under_call = True
        elif block.kind in (BlockKind.HEADING, BlockKind.SECTION, BlockKind.ANNEX,
                            BlockKind.APPENDIX):
            under_call = False
    if fence is not None:
        out.append(":::")
    return out


def _fence_of(block: Block, under_call: bool) -> str | None:
    """The ``:::`` block a paragraph must sit in, if any."""
    if block.kind == BlockKind.STYLED:
        return block.style
    if block.kind == BlockKind.PARA and not (reads_plain(block.text) and not under_call) \
            and not block.text[:1].isalnum() and not FENCE.match(block.text) \
            and not FOOTNOTE.match(block.text):
        return "Normal"
    return None


def _paragraph(block: Block, under_call: bool) -> str:
    kind, text, marker = block.kind, block.text, block.marker
    if kind == BlockKind.CALL:
        return f"*{text}*"
    if kind in (BlockKind.ITEM, BlockKind.CLAUSE):
        return f"{marker} {text}" if marker else text if reads_plain(text) else "\\" + text
    if kind == BlockKind.PARA:
        return text if reads_plain(text) and not under_call else "\\" + text
    if kind == BlockKind.HEADING:
        return "#" * block.level + " " + (f"{marker} {text}" if marker else text)
    if kind in (BlockKind.SECTION, BlockKind.ANNEX, BlockKind.APPENDIX):
        return f"# {text} {marker}" + (f": {block.title}" if block.title else "")
    if kind == BlockKind.ENUM:
        indent = "  " * (block.level - 1)
        if not marker:
            return f"{indent}- \t{text}"
        if marker == "–" and not LIST_MARKER.match(text):
            return f"{indent}- {text}"
        return f"{indent}- {marker} {text}"
    return text  # NOTE, IMAGE, CAPTION, TABLE: the text is the source


def reads_plain(text: str) -> bool:
    """Whether *text*, written as it is, reads back as text (a plain paragraph; under a
    call, an item without a letter) rather than as structure."""
    if not text or text[0] in "#|\\ ":
        return False
    return not any(pattern.match(text) for pattern in
                   (FENCE, FOOTNOTE, LIST_ITEM, CALL, NOTE, IMAGE, CAPTION, MARKER))
