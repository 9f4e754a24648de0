"""Sequence alignment for the redline engine, on plain strings: no XML here.

Blocks (paragraphs, tables, rows) are aligned on their keys with difflib's
matcher, which finds the longest common runs first (a patience-like result
on documents, where most paragraphs are unique). Within a replaced stretch,
old and new blocks whose texts are similar enough are paired, so an edited
paragraph is compared word by word with its old self instead of being shown
as deleted and inserted. Tokens inside a paragraph are words, runs of white
space and single punctuation marks.

One base can be aligned with several revised versions (a consolidated text):
:class:`Blocks` holds a side's keys and texts, computed once, and every
alignment is given in the base's indices.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from difflib import SequenceMatcher
from typing import NamedTuple, Sequence

from rapidfuzz.distance import Indel

#: Two blocks at least this similar (0..1, on their texts) are one block edited.
SIMILAR = 0.5
#: Above this many candidate pairs in one replaced stretch, pairing stays positional.
MAX_PAIRING_CELLS = 40_000

#: Characters of scripts written without spaces between words (Han, kana): each is a
#: token of its own, so a change marks the characters a reader sees change, not the
#: whole run of text between two punctuation marks.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Words (letters and digits of spaced scripts), one unspaced character, white space, or
#: one mark of punctuation (Arabic's ، ؛ ؟ included, as every mark that is not a letter).
_TOKEN = re.compile(rf"[^\W{_UNSPACED}]+|[{_UNSPACED}]|\s+|[^\w\s]", re.UNICODE)


class Op(str, Enum):
    """What one step of an alignment does (the values are difflib's opcode names)."""

    EQUAL = "equal"    # the same block on both sides
    PAIR = "pair"      # one block, edited: compared word by word
    DELETE = "delete"  # only in the old (base) side
    INSERT = "insert"  # only in the new side


class Step(NamedTuple):
    """One step of an alignment: ``EQUAL`` and ``PAIR`` have both sides (a named tuple:
    a consolidation makes one per block and draft)."""

    op: Op
    old: int | None
    new: int | None


@dataclass(frozen=True)
class Blocks:
    """One side of an alignment: each block's key (equal keys, equal blocks) and text
    (for pairing similar blocks). Computed once, a base serves several alignments."""

    keys: Sequence[str]
    texts: Sequence[str]


def tokens(text: str) -> list[str]:
    """Words, white-space runs and punctuation marks of *text*, in order."""
    return _TOKEN.findall(text)


def align(old: Blocks, new: Blocks) -> list[Step]:
    """Align two block sequences: equal keys match, similar texts pair, the rest is
    deleted or inserted. Deleted blocks come before inserted ones at the same place."""
    steps: list[Step] = []
    for tag, i1, i2, j1, j2 in matching_opcodes(old.keys, new.keys):
        if tag == "equal":
            steps.extend(Step(Op.EQUAL, i1 + k, j1 + k) for k in range(i2 - i1))
        else:
            steps.extend(_pair(range(i1, i2), range(j1, j2), old.texts, new.texts))
    return _slide_down(steps, old.keys, new.keys)


def align_identical(old_same: Sequence[bytes], new_same: Sequence[bytes], old: Blocks,
                    new: Blocks) -> tuple[list[Step], set[tuple[int, int]]]:
    """:func:`align` for two long texts that are mostly the same: blocks that are
    certainly the same block are matched first on *old_same* / *new_same* (each block's
    bytes), as :func:`matching_opcodes` matches: the common beginning and end, then, as
    patience diff anchors, blocks whose bytes occur once on each side, in their longest
    common order, again and again between anchors. Only the stretches between are
    aligned on keys and texts, as :func:`align` aligns them (a block repeated, an empty
    paragraph say, is placed by its key there), so a side's keys may be computed on
    demand (a :class:`Lazy` sequence) and are read only there and where deletions
    slide. Returns the steps and the (old, new) index pairs of the steps whose blocks
    are the same bytes (the other steps' blocks differ in their bytes)."""
    found: list[tuple[str, int, int, int, int]] = []
    _match(old_same, new_same, 0, len(old_same), 0, len(new_same), found,
           rest=_left_to_keys, least=0)
    steps: list[Step] = []
    for tag, i1, i2, j1, j2 in found:
        if tag == "equal":
            steps.extend(Step(Op.EQUAL, i1 + k, j1 + k) for k in range(i2 - i1))
            continue
        for op, a1, a2, b1, b2 in matching_opcodes(old.keys[i1:i2], new.keys[j1:j2]):
            if op == "equal":
                steps.extend(Step(Op.EQUAL, i1 + a1 + k, j1 + b1 + k) for k in range(a2 - a1))
            else:
                steps.extend(_pair(range(i1 + a1, i1 + a2), range(j1 + b1, j1 + b2),
                                   old.texts, new.texts))
    steps = _slide_down(steps, old.keys, new.keys)
    # after the slides, and with the blocks a stretch matched by key (a block repeated
    # there): every pair that is the same bytes
    return steps, {(step.old, step.new) for step in steps
                   if step.op == Op.EQUAL and old_same[step.old] == new_same[step.new]}


def _left_to_keys(old, new, i1, i2, j1, j2, ops) -> None:
    """A stretch without anchors, for :func:`align_identical`: left to the keys."""
    ops.append(("keys", i1, i2, j1, j2))


class Lazy(Sequence):
    """A sequence of *length* items, item k made by *make(k)* when first read (slices
    too), then kept."""

    def __init__(self, length: int, make):
        self._length, self._make = length, make
        self._made: dict[int, object] = {}

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        made = self._made.get(index, self._made)
        if made is self._made:
            made = self._made[index] = self._make(index)
        return made


def align_versions(base: Blocks, versions: Sequence[Blocks]) -> list[list[Step]]:
    """Each version aligned with the one *base*, every step in the base's indices."""
    return [align(base, version) for version in versions]


def _slide_down(steps: list[Step], old_keys: Sequence[str], new_keys: Sequence[str]) -> list[Step]:
    """Move each run of pure deletions (or insertions) as far down as equal keys allow.

    When a removed block equals the block after the run (an empty paragraph
    around a removed table, say), either one may be the removed one; the later
    choice keeps a removed paragraph after the table it went with, where Word
    and LibreOffice can join it to the next paragraph.
    """
    steps = list(steps)
    index = 0
    while index < len(steps):
        op = steps[index].op
        if op not in (Op.DELETE, Op.INSERT):
            index += 1
            continue
        end = index
        while end < len(steps) and steps[end].op == op:
            end += 1
        keys, side = (old_keys, "old") if op == Op.DELETE else (new_keys, "new")
        while end < len(steps) and steps[end].op == Op.EQUAL \
                and keys[getattr(steps[index], side)] == keys[getattr(steps[end], side)]:
            first, equal = steps[index], steps[end]
            if op == Op.DELETE:
                matched, removed = Step(Op.EQUAL, first.old, equal.new), Step(Op.DELETE, equal.old, None)
            else:
                matched, removed = Step(Op.EQUAL, equal.old, first.new), Step(Op.INSERT, None, equal.new)
            steps[index:end + 1] = [matched] + steps[index + 1:end] + [removed]
            index, end = index + 1, end + 1
        index = end
    return steps


def matching_opcodes(old: Sequence, new: Sequence) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes, fast on long, mostly equal sequences.

    Common ends are taken off first; then the items that occur once in each
    side and in the same order (the longest increasing run of their
    positions, as patience diff does) anchor the alignment, and difflib's
    matcher only works on the short stretches between anchors.
    """
    ops: list[tuple[str, int, int, int, int]] = []
    _match(old, new, 0, len(old), 0, len(new), ops)
    return _merge(ops)


def _match(old, new, i1, i2, j1, j2, ops, rest=None, least: int = 4096) -> None:
    """Opcodes for old[i1:i2] and new[j1:j2] into *ops*: common ends, then the anchors of
    :func:`_unique_anchors` (for stretches of more than *least* cells) and the stretches
    between, recursively; a stretch without anchors goes to *rest* (by default
    difflib's matcher)."""
    start_i, start_j = i1, j1
    while i1 < i2 and j1 < j2 and old[i1] == new[j1]:
        i1, j1 = i1 + 1, j1 + 1
    if i1 > start_i:
        ops.append(("equal", start_i, i1, start_j, j1))
    end_i, end_j = i2, j2
    while i2 > i1 and j2 > j1 and old[i2 - 1] == new[j2 - 1]:
        i2, j2 = i2 - 1, j2 - 1
    if i1 == i2 or j1 == j2:  # one side empty (or both): what difflib says, without it
        if i1 < i2 or j1 < j2:
            ops.append(("insert" if i1 == i2 else "delete", i1, i2, j1, j2))
    else:
        anchors = [] if (i2 - i1) * (j2 - j1) <= least else _unique_anchors(old, new, i1, i2,
                                                                             j1, j2)
        if anchors:
            ci, cj = i1, j1
            for ai, aj in anchors:
                if ci < ai or cj < aj:  # nothing between two anchors: nothing to match
                    _match(old, new, ci, ai, cj, aj, ops, rest, least)
                ops.append(("equal", ai, ai + 1, aj, aj + 1))
                ci, cj = ai + 1, aj + 1
            _match(old, new, ci, i2, cj, j2, ops, rest, least)
        else:
            (rest or _difflib)(old, new, i1, i2, j1, j2, ops)
    if i2 < end_i:
        ops.append(("equal", i2, end_i, j2, end_j))


def _difflib(old, new, i1, i2, j1, j2, ops) -> None:
    """A stretch without anchors, for :func:`matching_opcodes`: difflib's opcodes."""
    if set(old[i1:i2]).isdisjoint(new[j1:j2]):
        ops.append(("replace", i1, i2, j1, j2))  # nothing in common: what difflib says
    else:
        matcher = SequenceMatcher(None, old[i1:i2], new[j1:j2], autojunk=False)
        ops.extend((tag, a1 + i1, a2 + i1, b1 + j1, b2 + j1)
                   for tag, a1, a2, b1, b2 in matcher.get_opcodes())


def _unique_anchors(old, new, i1, i2, j1, j2) -> list[tuple[int, int]]:
    """Positions of items unique on both sides, in their longest common order."""
    old_items, new_items = old[i1:i2], new[j1:j2]
    old_counts, new_counts = Counter(old_items), Counter(new_items)
    at = {item: index for index, item in enumerate(new_items, j1)
          if new_counts[item] == 1 and old_counts[item] == 1}
    pairs = [(index, at[item]) for index, item in enumerate(old_items, i1) if item in at]
    # Longest increasing subsequence of the new positions (patience sorting).
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _merge(ops: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Join neighbouring opcodes of the same kind, and drop empty ones."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and out[-1][0] == op[0] and op[0] in ("equal", "replace", "delete", "insert") \
                and out[-1][2] == op[1] and out[-1][4] == op[3]:
            out[-1] = (op[0], out[-1][1], op[2], out[-1][3], op[4])
        else:
            out.append(op)
    return out


def _pair(olds: range, news: range, old_texts: Sequence[str],
          new_texts: Sequence[str]) -> list[Step]:
    """Monotone pairing of similar blocks in a replaced stretch (a small weighted LCS)."""
    n, m = len(olds), len(news)
    if n == 0 or m == 0 or n * m > MAX_PAIRING_CELLS:
        return _positional(olds, news, old_texts, new_texts)
    if n == m == 1:  # one block for one (an edited paragraph): what the table gives
        if similarity(old_texts[olds[0]], new_texts[news[0]]) >= SIMILAR:
            return [Step(Op.PAIR, olds[0], news[0])]
        return [Step(Op.DELETE, olds[0], None), Step(Op.INSERT, None, news[0])]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            sim = similarity(old_texts[olds[i]], new_texts[news[j]])
            best = max(score[i + 1][j], score[i][j + 1])
            if sim >= SIMILAR:
                best = max(best, score[i + 1][j + 1] + sim)
            score[i][j] = best
    steps: list[Step] = []
    i = j = 0
    while i < n and j < m:
        sim = similarity(old_texts[olds[i]], new_texts[news[j]])
        if sim >= SIMILAR and abs(score[i][j] - (score[i + 1][j + 1] + sim)) < 1e-9:
            steps.append(Step(Op.PAIR, olds[i], news[j]))
            i, j = i + 1, j + 1
        elif score[i + 1][j] >= score[i][j + 1]:
            steps.append(Step(Op.DELETE, olds[i], None))
            i += 1
        else:
            steps.append(Step(Op.INSERT, None, news[j]))
            j += 1
    steps.extend(Step(Op.DELETE, olds[k], None) for k in range(i, n))
    steps.extend(Step(Op.INSERT, None, news[k]) for k in range(j, m))
    return _deletes_first(steps)


def _positional(olds: range, news: range, old_texts, new_texts) -> list[Step]:
    steps = []
    for k in range(max(len(olds), len(news))):
        if k < len(olds) and k < len(news) and \
                similarity(old_texts[olds[k]], new_texts[news[k]]) >= SIMILAR:
            steps.append(Step(Op.PAIR, olds[k], news[k]))
        else:
            if k < len(olds):
                steps.append(Step(Op.DELETE, olds[k], None))
            if k < len(news):
                steps.append(Step(Op.INSERT, None, news[k]))
    return _deletes_first(steps)


def _deletes_first(steps: list[Step]) -> list[Step]:
    """Between two pairs, show what was removed before what was added, as Word does."""
    out: list[Step] = []
    pending_ins: list[Step] = []
    for step in steps:
        if step.op == Op.INSERT:
            pending_ins.append(step)
            continue
        if step.op != Op.DELETE:
            out.extend(pending_ins)
            pending_ins = []
        out.append(step)
    out.extend(pending_ins)
    return out


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..1 (normalized insert/delete distance)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return Indel.normalized_similarity(a, b)


def diff_tokens(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes (equal, replace, delete, insert) turning token list *old* into *new*."""
    return matching_opcodes(old, new)
