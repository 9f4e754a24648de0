"""Shaping single blocks into ITU form: definitions, references, notes, lists,
table and figure titles. Called by :mod:`clauses`, which knows where each block is.
"""

from __future__ import annotations

import re
from pathlib import Path

import panflute as pf

from pipeline.errors import Category, PipelineError
from pipeline.render.document import roman, styled, text_inlines
from pipeline.render.inline import picture_inside
from pipeline.render.transforms import Context, where
from pipeline.render.walk import walk

_DASH = "\u2013"
_ENUM_STYLES = ["enumlev1", "enumlev2", "enumlev3"]


def _first_para_inlines(blocks: list[pf.Block]) -> tuple[list[pf.Inline], list[pf.Block]]:
    """The inlines of the first paragraph of *blocks*, and the blocks after it."""
    if blocks and isinstance(blocks[0], (pf.Para, pf.Plain)):
        return list(blocks[0].content), list(blocks[1:])
    return [], list(blocks)


def definition_list(block: pf.DefinitionList, kind: str, clause: str,
                    ctx: Context) -> list[pf.Block]:
    """Definition lists: references ``[key]<TAB>text``, abbreviations ``ABBR<TAB>text``,
    or numbered definitions ``3.2.1<TAB>term: definition``."""
    out: list[pf.Block] = []
    for number, item in enumerate(block.content, start=1):
        term = list(item.term)
        body: list[pf.Block] = []
        for definition in item.definitions:
            body.extend(definition.content)
        first, rest = _first_para_inlines(body)
        if kind in ("references", "bibliography"):
            key = pf.stringify(pf.Plain(*term)).strip()
            if not (key.startswith("[") and key.endswith("]")):
                raise PipelineError(Category.REFERENCE, f"a reference key is written in brackets, "
                                    f"like [ITU-T A.1]; found '{key}'", where(block, key))
            ctx.references[key[1:-1]] = where(block, key)
            out.append(styled("Ref_text", pf.Para(pf.Str(key + "\t"), *first)))
        elif kind == "abbreviations":
            out.append(pf.Para(*term, pf.Str("\t"), *first))
        else:
            label = f"{clause}.{number}" if clause else str(number)
            out.append(pf.Para(pf.Str(f"{label}\t"), pf.Strong(*term), pf.Str(":"),
                               pf.Space(), *first))
        out.extend(rest)
    return out


#: An item marker as Resolutions type it: a), b)bis, 1, 1.1, 2.3.1
ITEM_MARKER = re.compile(r"^(?:[a-z]\)(?:bis|ter|quater)?|\d+(?:\.\d+)*)$")


def call_item(block: pf.Para) -> list[pf.Block] | None:
    """An item under a call, ``a) that ...``: the space after its marker becomes a TAB.

    Pandoc's Markdown reader turns a typed TAB into a space; under a call the
    marker is known to be an item's, so the TAB ITU types there is restored.
    """
    content = block.content
    if (len(content) > 2 and isinstance(content[0], pf.Str) and isinstance(content[1], pf.Space)
            and ITEM_MARKER.match(content[0].text)):
        content[0] = pf.Str(content[0].text + "\t")
        del content[1]
        return [block]
    return None


def note(block: pf.Div, siblings: pf.ListContainer, index: int) -> list[pf.Block]:
    """``::: note`` as ``NOTE – text``; a run of notes is numbered NOTE 1, NOTE 2."""
    run_start = index
    while run_start > 0 and _is_note(siblings[run_start - 1]):
        run_start -= 1
    run_end = index
    while run_end + 1 < len(siblings) and _is_note(siblings[run_end + 1]):
        run_end += 1
    label = "NOTE" if run_start == run_end else f"NOTE {index - run_start + 1}"
    first, rest = _first_para_inlines(list(block.content))
    shaped = [pf.Para(pf.Str(label), pf.Space(), pf.Str(_DASH), pf.Space(), *first)]
    shaped += [b if not isinstance(b, pf.Plain) else pf.Para(*b.content) for b in rest]
    return [styled("Note", *shaped, identifier=block.identifier)]


def _is_note(block: pf.Block) -> bool:
    """A ``::: note`` still to shape, or one already shaped earlier in the same run."""
    return isinstance(block, pf.Div) and ("note" in block.classes
                                          or block.attributes.get("custom-style") == "Note")


def enumeration(block: pf.BulletList | pf.OrderedList, depth: int) -> list[pf.Block]:
    """Lists typed as marker + TAB in enumlev1-3, as ITU does (no Word numbering)."""
    style = _ENUM_STYLES[min(depth, 3) - 1]
    out: list[pf.Block] = []
    for number, item in enumerate(block.content, start=getattr(block, "start", 1)):
        marker = _marker(block, number)
        first, rest = _first_para_inlines(list(item.content))
        out.append(styled(style, pf.Para(pf.Str(marker + "\t"), *first)))
        for inner in rest:
            if isinstance(inner, (pf.BulletList, pf.OrderedList)):
                out.extend(enumeration(inner, depth + 1))
            else:
                out.append(styled(style, inner if not isinstance(inner, pf.Plain)
                                  else pf.Para(*inner.content)))
    return out


def _marker(block: pf.Block, number: int) -> str:
    if isinstance(block, pf.BulletList):
        return _DASH
    text = {"LowerAlpha": chr(ord("a") + number - 1), "UpperAlpha": chr(ord("A") + number - 1),
            "LowerRoman": roman(number).lower(), "UpperRoman": roman(number)}.get(
        block.style, str(number))
    return text + {"OneParen": ")", "TwoParens": ")", "Period": "."}.get(block.delimiter, ")")


def table(block: pf.Table, number: str | None, ctx: Context) -> list[pf.Block]:
    """A captioned table gets ``Table N – Title`` above it in Table_NoTitle."""
    if number is None:
        return [block]
    title = _caption_inlines(block.caption)
    block.caption = pf.Caption()
    if block.identifier:
        ctx.define(block.identifier, f"Table {number}", block)
        block.identifier = ""
    heading = styled("Table_NoTitle", pf.Para(*text_inlines(f"Table {number} {_DASH}"),
                                              pf.Space(), *title))
    return [heading, block]


def figure(block: pf.Figure, number: str, ctx: Context) -> list[pf.Block]:
    """A figure: the picture in Figure, then ``Figure N – Title`` in Figure_NoTitle."""
    title = _caption_inlines(block.caption)
    images = []
    for image in _images(block):
        _check_image(image, block, ctx)
        images.append(pf.Image(url=image.url, attributes=image.attributes))
    if block.identifier:
        ctx.define(block.identifier, f"Figure {number}", block)
    caption = pf.Para(*text_inlines(f"Figure {number} {_DASH}"), pf.Space(), *title)
    return [styled("Figure", pf.Para(*images)), styled("Figure_NoTitle", caption)]


def _images(block: pf.Element) -> list[pf.Image]:
    found: list[pf.Image] = []
    walk(block, lambda e, d: found.append(e) if isinstance(e, pf.Image) else None)
    return found


def _check_image(image: pf.Image, block: pf.Element, ctx: Context) -> None:
    root = ctx.image_root or Path(".")
    if picture_inside(image.url, [root]) is None:
        if (root / image.url).is_file() or "://" in image.url or Path(image.url).is_absolute():
            raise PipelineError(Category.IMAGE, f"image '{image.url}' is not in the source "
                                f"folder {root}: only pictures there are embedded",
                                where(block, image.url))
        raise PipelineError(Category.MISSING_FILE, f"image '{image.url}' not found (looked in "
                            f"{root})", where(block, image.url))


def _caption_inlines(caption: pf.Caption) -> list[pf.Inline]:
    inlines: list[pf.Inline] = []
    for part in caption.content:
        if inlines:
            inlines.append(pf.Space())
        inlines.extend(part.content)
    return inlines
