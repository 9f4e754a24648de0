"""Checks across Resolutions (rule R-48): a paragraph that repeats another Resolution."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.check.context import Corpus
from pipeline.check.model import Severity
from pipeline.check.registry import CORPUS, Hit, check


@check("duplicate-passages", scope=CORPUS, severity=Severity.WARNING)
def duplicate_passages(corpus: Corpus) -> Iterator[tuple[str, Hit]]:
    """A paragraph that repeats, in words, a paragraph of another Resolution."""
    for pair in corpus.overlaps().passages:
        if pair.a.number == pair.b.number:
            continue  # a draft beside the text it revises
        for mine, other in ((pair.a, pair.b), (pair.b, pair.a)):
            name = corpus.names.get(mine.path)
            if name is None:
                continue  # a Resolution in force that was not checked in this run
            yield name, Hit(mine.line, 1, f"repeats Resolution {other.number} (line {other.line}: "
                            f"{round(pair.score * 100)}% alike)",
                            f"replace it by a reference to Resolution {other.number}")
