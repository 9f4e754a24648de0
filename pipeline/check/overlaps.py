"""Overlaps between Resolutions: pairs of texts on the same subject (merge candidates,
rule R-51) and paragraphs that repeat another Resolution (rule R-48).

Two scores, each suited to its question:

- **Whole texts** are compared by the cosine of their TF-IDF vectors (words, sublinear
  term frequency, smoothed inverse document frequency, as scikit-learn's
  ``TfidfVectorizer(sublinear_tf=True)`` computes them, common drafting words left out).
  It rewards shared *subject* words, which is what a merger asks, and ignores order.
- **Paragraphs** are compared by rapidfuzz's ``fuzz.ratio`` (normalised Indel
  similarity of the lower-cased text): a paragraph copied with a few words changed
  scores above 0.8, two paragraphs merely written in the same drafting formula do not.

Why not scikit-learn: it would bring scipy, joblib and threadpoolctl (over 100 MB)
for one vectoriser and one matrix product on a few hundred documents; the TF-IDF here is
a few lines over numpy, which matplotlib already installs and rapidfuzz's ``process``
functions return. Why not ``process.cdist`` over every pair of paragraphs: on 107
Resolutions (about 1,600 paragraphs) it takes 0.6 s on one core and grows with the
square of the corpus. Instead a candidate filter keeps only pairs of paragraphs of
different Resolutions that may share :data:`SHARE` of their word pairs (prefix
filtering: each paragraph is indexed by its rarest word pairs only, so common phrases
never make long lists), and one ``process.cpdist`` call scores those pairs exactly. On
the benchmark corpus (bench/check_corpus.py) it finds exactly the pairs that the full
``cdist`` finds, in less time, and the gap grows with the corpus. A copy with words
changed keeps far more than 30 % of its word pairs; a paragraph reworded in most of its
words is not caught, and is not a repeat in the sense of rule R-48 either.

Everything is ordered by score, then by Resolution (numbers in force first, then draft
identifiers) and line, and scores are rounded, so the same Resolutions in any input
order give the same result.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from pipeline.sources.resolution import BlockKind, Resolution

#: The kinds of paragraph compared as passages: text that says something.
PASSAGE_KINDS = (BlockKind.ITEM, BlockKind.CLAUSE, BlockKind.PARA, BlockKind.ENUM,
                 BlockKind.NOTE, BlockKind.STYLED)
#: Words every Resolution uses: left out of the whole-text vectors.
STOP_WORDS = frozenset("""
a about above after again all also an and any are as at be been before being below between
both but by can could did do does doing down during each either few for from further had has
have having here how if in into is it its itself may more most must no nor not of on once only
or other our out over own same shall should so some such than that the their them then there
these they this those through to under until up upon very was we were what when where which
while who whom why will with within would
assembly resolution resolutions resolves considering noting recognizing instructs invites
requests encourages further itu telecommunication standardization
""".split())
#: The share of word pairs two paragraphs must have in common to be scored at all.
SHARE = 0.3
#: Decimals kept in scores: enough to rank, few enough that summation order cannot reorder.
DECIMALS = 4
_WORD = re.compile(r"[a-z0-9]+(?:['\u2019-][a-z0-9]+)*")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SPAN = re.compile(r"\[([^\]]*)\]\{[^}]*\}")
_MARKS = re.compile(r"\\(.)|[*`]|(?<!\w)_+|_+(?!\w)")


@dataclass(frozen=True)
class Passage:
    """A paragraph of a Resolution, as plain text."""

    path: str
    number: int | str
    line: int
    text: str


@dataclass(frozen=True)
class PassagePair:
    """Two paragraphs of different Resolutions; *a* is in the Resolution that sorts first."""

    a: Passage
    b: Passage
    score: float


@dataclass(frozen=True)
class ResolutionPair:
    """Two Resolutions, their whole-text similarity and the paragraphs they share."""

    a_number: int | str
    b_number: int | str
    a_path: str
    b_path: str
    score: float
    passages: tuple[PassagePair, ...]


@dataclass
class Overlaps:
    """Resolution pairs that are merge candidates or share a paragraph, best first, and
    every pair of paragraphs above the passage threshold, best first."""

    pairs: list[ResolutionPair]
    passages: list[PassagePair]
    pair_threshold: float = 0.3
    passage_threshold: float = 0.8
    min_words: int = 8

    @property
    def merge_candidates(self) -> list[ResolutionPair]:
        return [pair for pair in self.pairs if pair.score >= self.pair_threshold]

    def partners(self, path: str) -> list[tuple[ResolutionPair, bool]]:
        """The pairs the Resolution at *path* is in, best first, and whether it is their *a*."""
        return [(pair, pair.a_path == path) for pair in self.pairs
                if path in (pair.a_path, pair.b_path)]


def number_key(number: int | str) -> tuple:
    """Numbers in force in order, then draft identifiers ('[ACP-1]')."""
    return (0, number, "") if isinstance(number, int) else (1, 0, str(number))


def plain_text(markdown: str) -> str:
    """*markdown* inline text as words: emphasis, escapes, footnote references, link
    targets and span attributes removed, spaces collapsed."""
    text = markdown
    if "[" in text:  # most paragraphs have no brackets: skip three scans
        text = _SPAN.sub(r"\1", _LINK.sub(r"\1", _FOOTNOTE.sub("", text)))
    if any(mark in text for mark in "\\*`_"):
        text = _MARKS.sub(lambda m: m.group(1) or "", text)
    return " ".join(text.split())


def passages_of(resolution: Resolution, min_words: int = 8) -> list[Passage]:
    """The paragraphs of *resolution* long enough to be compared, in text order."""
    out = []
    for block in resolution.blocks:
        if block.kind in PASSAGE_KINDS:
            text = plain_text(block.text)
            if len(text.split()) >= min_words:
                out.append(Passage(str(resolution.path), resolution.number, block.line, text))
    return out


def _whole_text(resolution: Resolution) -> str:
    parts = [block.title or block.text if block.kind in (BlockKind.SECTION, BlockKind.ANNEX,
                                                         BlockKind.APPENDIX) else block.text
             for block in resolution.blocks if block.kind not in (BlockKind.CALL, BlockKind.IMAGE)]
    return plain_text(" ".join(parts))


def text_similarity(texts: list[str]) -> np.ndarray:
    """The TF-IDF cosine of every pair of *texts* (a symmetric matrix, 1 on the diagonal
    for a text with words, 0 for one without)."""
    docs = [Counter(word for word in _WORD.findall(text.lower()) if word not in STOP_WORDS)
            for text in texts]
    df: Counter = Counter(word for doc in docs for word in doc)
    count = len(docs)
    idf = {word: math.log((1 + count) / (1 + n)) + 1 for word, n in df.items()}
    # a word of one text adds to that text's norm but to no product: only shared words
    # become columns, so the matrix stays small however large the vocabulary
    shared = sorted(word for word, n in df.items() if n > 1)
    column = {word: index for index, word in enumerate(shared)}
    matrix = np.zeros((count, len(shared)))
    for row, doc in enumerate(docs):
        weights = {word: (1 + math.log(n)) * idf[word] for word, n in doc.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        for word, weight in weights.items():
            if word in column:
                matrix[row, column[word]] = weight / norm
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, [1.0 if doc else 0.0 for doc in docs])
    return similarity


def _shingles(words: list[str]) -> frozenset[str]:
    """The distinct pairs of consecutive words: far rarer than words, so short postings."""
    return frozenset(f"{a} {b}" for a, b in zip(words, words[1:]))


def _candidates(shingles: list[frozenset[str]], starts: list[int], share: float
                ) -> tuple[list[int], list[int]]:
    """Pairs (i, j), i < j, of different Resolutions whose shingle sets may share *share*
    of each: prefix filtering, each set indexed by its rarest shingles only, so that two
    sets sharing that much share at least one indexed shingle.

    *starts*: for each passage, the index of the first passage of its Resolution (the
    passages of one Resolution are consecutive)."""
    df: Counter = Counter(item for each in shingles for item in each)
    postings: dict[str, list[int]] = {}
    left: list[int] = []
    right: list[int] = []
    for index, each in enumerate(shingles):
        ordered = sorted(each, key=lambda item: (df[item], item))
        others: set[int] = set()
        for item in ordered[:len(ordered) - math.ceil(share * len(ordered)) + 1]:
            seen = postings.setdefault(item, [])
            # earlier passages only, and none of this passage's own Resolution
            others.update(seen[:bisect_left(seen, starts[index])])
            seen.append(index)
        left += sorted(others)
        right += [index] * len(others)
    return left, right


def _passage_pairs(passages: list[Passage], starts: list[int], threshold: float
                   ) -> list[tuple[int, int, float]]:
    """(i, j, score) for the pairs of passages at *threshold* or above."""
    processed = [default_process(passage.text) for passage in passages]
    left, right = _candidates([_shingles(text.split()) for text in processed], starts, SHARE)
    lengths = np.array([len(text) for text in processed])
    a, b = np.array(left, dtype=np.intp), np.array(right, dtype=np.intp)
    # the ratio is at most 2 min / (sum) of the lengths: too different, never scored
    keep = 2 * np.minimum(lengths[a], lengths[b]) >= threshold * (lengths[a] + lengths[b])
    a, b = a[keep], b[keep]
    if not len(a):
        return []
    # one vectorised call scores every candidate pair, below the cutoff as 0
    scores = process.cpdist([processed[i] for i in a], [processed[j] for j in b],
                            scorer=fuzz.ratio, score_cutoff=threshold * 100)
    return [(int(a[k]), int(b[k]), round(float(scores[k]) / 100, DECIMALS))
            for k in np.flatnonzero(scores)]


def find_overlaps(resolutions: list[Resolution], *, pair_threshold: float = 0.3,
                  passage_threshold: float = 0.8, min_words: int = 8) -> Overlaps:
    """The merge candidates among *resolutions* (whole-text score at least
    *pair_threshold*) and their paragraphs that repeat one another (at least
    *passage_threshold*); paragraphs under *min_words* words are not compared, nor are
    two paragraphs of the same Resolution."""
    ordered = sorted(resolutions, key=lambda res: (res.sort_key, str(res.path)))
    similarity = text_similarity([_whole_text(res) for res in ordered])
    passages: list[Passage] = []
    owners: list[int] = []
    starts: list[int] = []
    for index, res in enumerate(ordered):
        found = passages_of(res, min_words)
        starts += [len(passages)] * len(found)
        passages += found
        owners += [index] * len(found)
    by_pair: dict[tuple[int, int], list[PassagePair]] = {}
    for i, j, score in _passage_pairs(passages, starts, passage_threshold):
        by_pair.setdefault((owners[i], owners[j]), []).append(
            PassagePair(passages[i], passages[j], score))
    pairs = []
    for x in range(len(ordered)):
        for y in np.nonzero(similarity[x, x + 1:] >= pair_threshold)[0] + x + 1:
            by_pair.setdefault((x, int(y)), [])
    for (x, y), shared in by_pair.items():
        a, b = ordered[x], ordered[y]
        pairs.append((x, y, ResolutionPair(
            a.number, b.number, str(a.path), str(b.path),
            round(float(similarity[x, y]), DECIMALS),
            tuple(sorted(shared, key=lambda p: (-p.score, p.a.line, p.b.line))))))
    pairs.sort(key=lambda item: (-item[2].score, item[0], item[1]))
    every = sorted((p for shared in by_pair.values() for p in shared), key=_passage_order)
    return Overlaps([pair for _x, _y, pair in pairs], every, pair_threshold, passage_threshold,
                    min_words)


def _passage_order(pair: PassagePair) -> tuple:
    return (-pair.score, number_key(pair.a.number), pair.a.path, pair.a.line,
            number_key(pair.b.number), pair.b.path, pair.b.line)


def excerpt(text: str, length: int = 90) -> str:
    """*text* cut at a word before *length* characters, with an ellipsis when cut."""
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _name(number: int | str) -> str:
    return f"Resolution {number}" if isinstance(number, int) else f"Draft new Resolution {number}"


def overlaps_markdown(overlaps: Overlaps) -> str:
    """The ranked listing the command line prints: merge candidates, then repeated
    paragraphs, each with its score."""
    lines = [f"## Merge candidates (whole-text similarity at least "
             f"{overlaps.pair_threshold:.2f})", ""]
    merges = overlaps.merge_candidates
    lines += [f"{rank}. {_name(p.a_number)} and {_name(p.b_number)}: {p.score:.2f}"
              f" ({len(p.passages)} shared paragraph{'s' * (len(p.passages) != 1)})"
              for rank, p in enumerate(merges, start=1)] or ["None."]
    lines += ["", f"## Paragraphs that repeat another Resolution (similarity at least "
                  f"{overlaps.passage_threshold:.2f})", ""]
    for rank, pair in enumerate(overlaps.passages, start=1):
        lines += [f"{rank}. {pair.score:.2f} {pair.a.path}:{pair.a.line} and "
                  f"{pair.b.path}:{pair.b.line}",
                  f"   - \u201c{excerpt(pair.a.text)}\u201d",
                  f"   - \u201c{excerpt(pair.b.text)}\u201d"]
    if not overlaps.passages:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def _passage_json(passage: Passage) -> dict:
    return {"path": passage.path, "number": passage.number, "line": passage.line,
            "text": passage.text}


def _pair_json(pair: PassagePair) -> dict:
    return {"score": pair.score, "a": _passage_json(pair.a), "b": _passage_json(pair.b)}


def overlaps_json(overlaps: Overlaps) -> dict:
    """*overlaps* as plain data for JSON output."""
    return {
        "pair_threshold": overlaps.pair_threshold,
        "passage_threshold": overlaps.passage_threshold,
        "pairs": [{"a": {"number": p.a_number, "path": p.a_path},
                   "b": {"number": p.b_number, "path": p.b_path},
                   "score": p.score, "merge_candidate": p.score >= overlaps.pair_threshold,
                   "passages": [_pair_json(x) for x in p.passages]} for p in overlaps.pairs],
        "passages": [_pair_json(x) for x in overlaps.passages],
    }


__all__ = ["Overlaps", "Passage", "PassagePair", "ResolutionPair", "find_overlaps",
           "number_key", "overlaps_json", "overlaps_markdown", "passages_of", "plain_text"]
