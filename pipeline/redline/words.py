"""Word alignment of a paragraph's tokens, marked as a person would mark them: plain
strings in, difflib-style opcodes out (no XML here).

Tokens are grouped into units: a word (or one field character, note reference
or other atom, whose tokens start with ``\\x01``) with the spaces, TABs and
punctuation that follow it. Units are aligned on their word, so a space can no
longer match a space of an unrelated phrase, and a unit kept on both sides
shows only its changed punctuation or spacing. Then, as diff-match-patch's
semantic clean-up does, an unchanged stretch between two changes that is no
longer than either of them (a function word, a space) joins them: a phrase
rewritten is one deletion and one insertion, not interleaved word by word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Sequence

from pipeline.redline.align import matching_opcodes

Opcode = tuple[str, int, int, int, int]

#: The key of the units before a paragraph's first word (its leading spaces, say).
_LEAD = "\x02"
#: A unit over the tokens' classes (w: word, s: separator, a: atom, h: a character of a
#: script written without spaces, Han or kana): an atom, one such character or a run of
#: word tokens (a word split over two runs is one word), then the separators after it.
_UNIT = re.compile(r"(a|h|w+|)(s*)")
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                       "\U00020000-\U0003134f]")


def is_separator(token: str) -> bool:
    """White space, a TAB or one punctuation mark: what follows a word."""
    return token.isspace() or (len(token) == 1 and not token.isalnum() and token != "_")


@lru_cache(maxsize=1 << 16)
def _token_class(token: str) -> str:
    if len(token) > 1 and token.startswith("\x01"):
        return "a"
    if is_separator(token):
        return "s"
    return "h" if len(token) == 1 and _UNSPACED.match(token) else "w"


@dataclass
class _Side:
    """One side's tokens grouped into units (a word and what follows it)."""

    tokens: Sequence[str]
    classes: str         # one letter a token (see _UNIT)
    starts: list[int]    # each unit's first token, then the number of tokens
    heads: list[int]     # each unit's first separator (its end when it has none)
    keys: list[str]      # what aligns: the unit's word
    chars: list[int] | None = None  # characters before each token, when first needed

    def span(self, units: tuple[int, int]) -> tuple[int, int]:
        return self.starts[units[0]], self.starts[units[1]]

    def size(self, units: tuple[int, int]) -> int:
        """Characters in the units (an atom counts one)."""
        if self.chars is None:
            self.chars = list(accumulate(
                (1 if c == "a" else len(t) for c, t in zip(self.classes, self.tokens)),
                initial=0))
        start, end = self.span(units)
        return self.chars[end] - self.chars[start]


def _side(tokens: Sequence[str]) -> _Side:
    classes = "".join(map(_token_class, tokens))
    starts, heads, keys = [], [], []
    for match in _UNIT.finditer(classes):
        start, head, end = match.start(), match.end(1), match.end()
        if start == end:
            continue
        starts.append(start)
        heads.append(head)
        keys.append(tokens[start] if head - start == 1 else
                    "\x00".join(tokens[start:head]) if head > start else _LEAD)
    starts.append(len(tokens))
    return _Side(tokens, classes, starts, heads, keys)


@dataclass
class _Region:
    """A stretch of the unit alignment: equal units, or a change (either side may be empty)."""

    equal: bool
    old: tuple[int, int]   # unit indices
    new: tuple[int, int]


def diff_words(old: Sequence[str], new: Sequence[str]) -> list[Opcode]:
    """Opcodes (equal, replace, delete, insert) in token indices turning *old* into *new*."""
    start, old_end, new_end = _common_ends(old, new)
    ops = [("equal", 0, start, 0, start)]
    ops.extend((tag, i1 + start, i2 + start, j1 + start, j2 + start) for tag, i1, i2, j1, j2
               in _diff_units(old[start:old_end], new[start:new_end]))
    ops.append(("equal", old_end, len(old), new_end, len(new)))
    return _joined(ops)


def _common_ends(old: Sequence[str], new: Sequence[str]) -> tuple[int, int, int]:
    """Where the tokens both sides begin and end with stop: (start, old end, new end),
    each at a unit's start on both sides, so the units between are those of the whole.

    Most edited paragraphs differ in a word or two; only those units are built.
    """
    limit = min(len(old), len(new))
    start = _common_prefix(old, new, limit)
    while start > 0 and not (_unit_starts(old, start) and _unit_starts(new, start)):
        start -= 1
    common = _common_suffix(old, new, limit - start)
    # A unit starts where the token before is common too (so both sides agree), or at the end.
    for kept in range(common - 1, -1, -1):
        if kept == 0 or _unit_starts(old, len(old) - kept):
            return start, len(old) - kept, len(new) - kept
    return start, len(old), len(new)


def _common_prefix(old: Sequence[str], new: Sequence[str], limit: int) -> int:
    """How many tokens both sides begin with (found by halving, slices compared whole)."""
    if type(old) is not type(new):  # slices of a list and a tuple never compare equal
        old, new = list(old), list(new)
    low, high = 0, limit  # old[:low] == new[:low]; none longer than high
    while low < high:
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(old: Sequence[str], new: Sequence[str], limit: int) -> int:
    """How many tokens both sides end with, at most *limit*."""
    return _common_prefix(old[::-1], new[::-1], limit)


def _unit_starts(tokens: Sequence[str], index: int) -> bool:
    """Whether a unit starts at token *index* (see _UNIT)."""
    if index == 0 or index == len(tokens):
        return True
    this, before = _token_class(tokens[index]), _token_class(tokens[index - 1])
    return this != "s" and (before == "s" or this in "ah" or before in "ah")


def _diff_units(old: Sequence[str], new: Sequence[str]) -> list[Opcode]:
    """diff_words without the shortcut of common ends."""
    segments = _one_unit_each(old, new)
    if segments is None:
        segments = _unit_segments(old, new)
    ops: list[Opcode] = []
    for equal, i1, i2, j1, j2 in _segments_joined(segments):
        ops.extend([("equal", i1, i2, j1, j2)] if equal else _trimmed(old, new, i1, i2, j1, j2))
    return ops


def _unit_segments(old: Sequence[str], new: Sequence[str]) -> list[tuple[bool, int, int, int, int]]:
    """The stretches of tokens equal or changed, from the units aligned on their words."""
    a, b = _side(old), _side(new)
    regions = [_Region(tag == "equal", (i1, i2), (j1, j2))
               for tag, i1, i2, j1, j2 in _changes_joined(matching_opcodes(a.keys, b.keys))]
    segments: list[tuple[bool, int, int, int, int]] = []
    for region in _semantic_cleanup(regions, a, b):
        (i1, i2), (j1, j2) = a.span(region.old), b.span(region.new)
        if not region.equal:
            segments.append((False, i1, i2, j1, j2))
        elif old[i1:i2] == new[j1:j2]:
            segments.append((True, i1, i2, j1, j2))
        else:
            for u, v in zip(range(*region.old), range(*region.new)):
                segments.extend(_unit_pair(a, b, u, v))
    return segments


def _one_unit_each(old: Sequence[str], new: Sequence[str]
                   ) -> list[tuple[bool, int, int, int, int]] | None:
    """:func:`_unit_segments` where each side is one unit (one word replaced by another,
    or its punctuation changed: most of a drafter's edits, once the common ends are
    off), without building the sides; None for anything else."""
    heads = []
    for tokens in (old, new):
        classes = "".join(map(_token_class, tokens))
        match = _UNIT.match(classes)
        if not classes or match.end() != len(classes):
            return None
        heads.append(match.end(1))
    h, k = heads
    if _unit_key(old, h) != _unit_key(new, k):
        return [(False, 0, len(old), 0, len(new))]
    if old == new:
        return [(True, 0, len(old), 0, len(new))]
    return [(True, 0, h, 0, k), (old[h:] == new[k:], h, len(old), k, len(new))]


def _unit_key(tokens: Sequence[str], head: int) -> str:
    """What the unit that starts *tokens* and ends its word at *head* aligns on (see
    :func:`_side`)."""
    return tokens[0] if head == 1 else "\x00".join(tokens[:head]) if head else _LEAD


def _unit_pair(a: _Side, b: _Side, u: int, v: int) -> list[tuple[bool, int, int, int, int]]:
    """Two units with the same word: the word equal, then what follows it, equal or changed.

    A changed tail joins the change after it, when there is one: "their[- ability-],"
    rather than "their{+,+} [-ability, -]".
    """
    i1, h, i2 = a.starts[u], a.heads[u], a.starts[u + 1]
    j1, k, j2 = b.starts[v], b.heads[v], b.starts[v + 1]
    return [(True, i1, h, j1, k), (a.tokens[h:i2] == b.tokens[k:j2], h, i2, k, j2)]


def _segments_joined(segments):
    """Neighbouring segments of one kind as one (they are contiguous)."""
    out: list[tuple[bool, int, int, int, int]] = []
    for segment in segments:
        if out and out[-1][0] == segment[0]:
            equal, i1, _, j1, _ = out.pop()
            segment = (equal, i1, segment[2], j1, segment[4])
        out.append(segment)
    return out


def _changes_joined(ops: list[Opcode]) -> list[Opcode]:
    """Neighbouring non-equal opcodes as one change."""
    out: list[Opcode] = []
    for op in ops:
        if out and op[0] != "equal" and out[-1][0] != "equal":
            out[-1] = ("replace", out[-1][1], op[2], out[-1][3], op[4])
        else:
            out.append(op)
    return out


def _semantic_cleanup(regions: list[_Region], a: _Side, b: _Side) -> list[_Region]:
    """Fold each equal stretch that sits between two changes, and is no longer than
    either, into one change with them; a fold may let the stretch before fold too.
    Only plain text folds: a note reference or field deleted and inserted again would
    lose what is attached to it."""
    def size(region: _Region) -> int:  # the longer side, in characters
        return max(a.size(region.old), b.size(region.new))

    out: list[_Region] = []
    for region in regions:
        out.append(region)
        while len(out) >= 3 and not out[-1].equal and out[-2].equal and not out[-3].equal \
                and "a" not in a.classes[slice(*a.span(out[-2].old))] \
                and size(out[-2]) <= min(size(out[-3]), size(out[-1])):
            after, _, before = out.pop(), out.pop(), out.pop()
            out.append(_Region(False, (before.old[0], after.old[1]),
                               (before.new[0], after.new[1])))
    return out


def _trimmed(old, new, i1, i2, j1, j2) -> list[Opcode]:
    """A change, with the tokens both sides begin or end with left unchanged."""
    start_i, start_j, end_i, end_j = i1, j1, i2, j2
    while i1 < i2 and j1 < j2 and old[i1] == new[j1]:
        i1, j1 = i1 + 1, j1 + 1
    while i2 > i1 and j2 > j1 and old[i2 - 1] == new[j2 - 1]:
        i2, j2 = i2 - 1, j2 - 1
    return [("equal", start_i, i1, start_j, j1), ("replace", i1, i2, j1, j2),
            ("equal", i2, end_i, j2, end_j)]


def _joined(ops: list[Opcode]) -> list[Opcode]:
    """Empty opcodes dropped, neighbours of one kind joined, each change named by its sides."""
    out: list[Opcode] = []
    for tag, i1, i2, j1, j2 in ops:
        if i1 == i2 and j1 == j2:
            continue
        equal = tag == "equal"
        if out and (out[-1][0] == "equal") == equal:
            _, i1, _, j1, _ = out.pop()
        if equal:
            out.append(("equal", i1, i2, j1, j2))
        else:
            out.append(("replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert",
                        i1, i2, j1, j2))
    return out
