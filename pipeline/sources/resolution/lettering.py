"""The lettering rule: items under each call go in sequence, lettered under preambular
calls (a), b), b)bis, c)...) and numbered under operative ones (1, 1.1, 1.2, 2...)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.resolution.model import PARTS, Block, BlockKind

#: What an item inserted at a revision adds to its neighbour's letter or number.
SUFFIXES = ["", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies"]
SUFFIX = "(?:" + "|".join(s for s in SUFFIXES if s) + ")?"


def _parse_marker(marker: str) -> tuple[tuple[int, int], ...] | None:
    """a) -> ((1, 0),); b)bis -> ((2, 1),); 1.2 -> ((1, 0), (2, 0)); 1bis -> ((1, 1),)."""
    letter = re.fullmatch(rf"([a-z])\)({SUFFIX[3:-2]})?", marker)
    if letter:
        return ((ord(letter.group(1)) - ord("a") + 1, SUFFIXES.index(letter.group(2) or "")),)
    parts = []
    for piece in marker.split("."):
        number = re.fullmatch(r"(\d+)([a-z]*)", piece)
        if not number or number.group(2) not in SUFFIXES:
            return None
        parts.append((int(number.group(1)), SUFFIXES.index(number.group(2))))
    return tuple(parts)


def _follows(previous: tuple[int, int], current: tuple[int, int]) -> bool:
    return (current == (previous[0], previous[1] + 1)) or current == (previous[0] + 1, 0)


def _valid_next(previous: tuple | None, current: tuple) -> bool:
    if previous is None:
        return current == ((1, 0),)
    if len(current) == len(previous) + 1 and current[:-1] == previous and current[-1] == (1, 0):
        return True
    depth = len(current)
    return (depth <= len(previous) and current[:-1] == previous[:depth - 1]
            and _follows(previous[depth - 1], current[-1]))


def check_items(path: Path, blocks: list[Block]) -> None:
    """Items under each call are lettered (preambular) or numbered (operative) in
    sequence: a), b), b)bis, c)...; 1, 1.1, 1.2, 2... No gaps, no repeats."""
    for block, message in item_problems(blocks):
        raise PipelineError(Category.LETTERING, message, Location(str(path), block.line))


def item_problems(blocks: list[Block]) -> Iterator[tuple[Block, str]]:
    """Each item whose letter or number breaks the sequence, with what is wrong; after a
    wrong item the sequence goes on from it, so one slip is reported once. Calls whose
    kind is unknown (style "") are skipped."""
    call: Block | None = None
    previous: tuple | None = None
    previous_marker = ""
    for block in blocks:
        if block.kind == BlockKind.CALL:
            call, previous, previous_marker = block, None, ""
            continue
        if block.kind != BlockKind.ITEM or call is None or not call.style:
            if block.kind in PARTS:
                call = None
            continue
        if not block.marker:
            continue
        lettered = block.marker[0].isalpha()
        want_letters = call.style == "preambular"
        if lettered != want_letters:
            kind = "lettered a), b)" if want_letters else "numbered 1, 2"
            yield block, f"items under *{call.text}* are {kind}...: found '{block.marker}'"
            continue
        current = _parse_marker(block.marker)
        if current is None or not _valid_next(previous, current):
            after = f"after '{previous_marker}'" if previous_marker else "as the first item"
            yield block, (f"'{block.marker}' {after} under *{call.text}*: "
                          f"items go in sequence without gaps or repeats")
        if current is not None:
            previous, previous_marker = current, block.marker
