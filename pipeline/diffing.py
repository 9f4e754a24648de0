"""Sequence alignment for the redline engine, on plain strings: no XML here.

Blocks (paragraphs, tables, rows) are aligned on their keys with difflib's
matcher, which finds the longest common runs first (a patience-like result
on documents, where most paragraphs are unique). Within a replaced stretch,
old and new blocks whose texts are similar enough are paired, so an edited
paragraph is compared word by word with its old self instead of being shown
as deleted and inserted. Tokens inside a paragraph are words, runs of white
space and single punctuation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

from rapidfuzz.distance import Indel

#: Two blocks at least this similar (0..1, on their texts) are one block edited.
SIMILAR = 0.5
#: Above this many candidate pairs in one replaced stretch, pairing stays positional.
MAX_PAIRING_CELLS = 40_000

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Step:
    """One step of an alignment: ``equal`` and ``pair`` have both sides."""

    op: str  # "equal", "pair", "delete" or "insert"
    old: int | None
    new: int | None


def tokens(text: str) -> list[str]:
    """Words, white-space runs and punctuation marks of *text*, in order."""
    return _TOKEN.findall(text)


def align(old_keys: Sequence[str], new_keys: Sequence[str],
          old_texts: Sequence[str], new_texts: Sequence[str]) -> list[Step]:
    """Align two block sequences: equal keys match, similar texts pair, the rest is
    deleted or inserted. Deleted blocks come before inserted ones at the same place."""
    steps: list[Step] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps.extend(Step("equal", i1 + k, j1 + k) for k in range(i2 - i1))
        else:
            steps.extend(_pair(range(i1, i2), range(j1, j2), old_texts, new_texts))
    return steps


def _pair(olds: range, news: range, old_texts: Sequence[str],
          new_texts: Sequence[str]) -> list[Step]:
    """Monotone pairing of similar blocks in a replaced stretch (a small weighted LCS)."""
    n, m = len(olds), len(news)
    if n == 0 or m == 0 or n * m > MAX_PAIRING_CELLS:
        return _positional(olds, news, old_texts, new_texts)
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
            steps.append(Step("pair", olds[i], news[j]))
            i, j = i + 1, j + 1
        elif score[i + 1][j] >= score[i][j + 1]:
            steps.append(Step("delete", olds[i], None))
            i += 1
        else:
            steps.append(Step("insert", None, news[j]))
            j += 1
    steps.extend(Step("delete", olds[k], None) for k in range(i, n))
    steps.extend(Step("insert", None, news[k]) for k in range(j, m))
    return _deletes_first(steps)


def _positional(olds: range, news: range, old_texts, new_texts) -> list[Step]:
    steps = []
    for k in range(max(len(olds), len(news))):
        if k < len(olds) and k < len(news) and \
                similarity(old_texts[olds[k]], new_texts[news[k]]) >= SIMILAR:
            steps.append(Step("pair", olds[k], news[k]))
        else:
            if k < len(olds):
                steps.append(Step("delete", olds[k], None))
            if k < len(news):
                steps.append(Step("insert", None, news[k]))
    return _deletes_first(steps)


def _deletes_first(steps: list[Step]) -> list[Step]:
    """Between two pairs, show what was removed before what was added, as Word does."""
    out: list[Step] = []
    pending_ins: list[Step] = []
    for step in steps:
        if step.op == "insert":
            pending_ins.append(step)
            continue
        if step.op != "delete":
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
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
