"""The redline engine: Word tracked changes between any two .docx files, and Accept All /
Reject All.

Calls take paths or bytes and return bytes; the CLI and the stages (proposals) use
them. The engine knows no source format and no renderer: only WordprocessingML.

    align      block and token alignment on plain strings (no XML)
    words      a paragraph's tokens aligned word by word, as a person marks them
    atoms      paragraphs as comparable atoms, blocks as keys
    markup     block-level comparison (paragraphs, tables, rows, cells)
    runs       run-level writing of equal, inserted and deleted atoms
    marks      tracked paragraph marks that Word and LibreOffice can remove
    frames     framed paragraphs written as floating tables (LibreOffice keeps revisions)
    engine     two packages in, the new one marked up; notes; revision ids
    consolidate  one base and several drafts: every draft's changes, each by its author
    versions   the drafts keyed and aligned with the base, on two cores for a large text
    forked     a second part of one job done in a forked child (a large consolidation)
    resolve    accepting or rejecting every revision
    attribution  revisions credited to authors by the bookmark they follow
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from pipeline.errors import Category, PipelineError
from pipeline.ooxml.package import Package
from pipeline.ooxml.wordml import story_parts
from pipeline.redline.atoms import has_tracked_changes
from pipeline.redline.attribution import attribute_revisions, credit_revisions
from pipeline.redline.consolidate import ENGLISH, Conflict, Draft, Wording, consolidate_packages
from pipeline.redline.engine import redline_packages
from pipeline.redline.markup import Stats
from pipeline.redline.resolve import accept_all, reject_all, revision_authors

__all__ = ["Conflict", "Consolidated", "Result", "Stats", "Wording", "accept",
           "attribute_revisions", "consolidate", "credit_revisions", "redline",
           "redline_package", "reject"]

#: A document: a path, its bytes, or a package already in memory (a renderer's, handed
#: over without being written and read again; the engine marks it up in place).
Source = str | os.PathLike | bytes | Package
DEFAULT_AUTHOR = "itudraft"


@dataclass(frozen=True)
class Result:
    data: bytes
    stats: Stats


def _open(source: Source, accept_existing: bool) -> Package:
    package = source if isinstance(source, Package) else Package.open(source)
    if any(has_tracked_changes(package.xml(name)) for name in story_parts(package)):
        if not accept_existing:
            raise PipelineError(Category.TRACKED_CHANGES, f"{package.origin} already holds tracked "
                                "changes; accept or reject them first, or pass --accept-existing")
        accept_all(package)
    return package


def _check_date(date: str | None) -> str:
    if date is None:
        return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        parsed = dt.datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        raise PipelineError(Category.USAGE, f"--date {date!r} is not an ISO 8601 date "
                            "(e.g. 2024-10-15T09:00:00Z)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def redline(old: Source, new: Source, author: str = DEFAULT_AUTHOR, date: str | None = None,
            accept_existing: bool = False) -> Result:
    """Tracked changes turning *old* into *new*, in a copy of *new*."""
    out, stats = _marked(old, new, author, date, accept_existing)
    return Result(out.to_bytes(), stats)


def redline_package(old: Source, new: Source, author: str = DEFAULT_AUTHOR,
                    date: str | None = None) -> Package:
    """As :func:`redline`, the marked document as a package, not yet written: for a
    caller that changes it further (credits revisions, fills page numbers). A *new*
    given as a package is that package, marked up."""
    return _marked(old, new, author, date, False)[0]


def _marked(old: Source, new: Source, author: str, date: str | None,
            accept_existing: bool) -> tuple[Package, Stats]:
    old_pkg = _open(old, accept_existing)
    new_pkg = _open(new, accept_existing)
    out, stats = redline_packages(old_pkg, new_pkg, author, _check_date(date))
    del old_pkg, new_pkg  # the old tree goes before the output is written, not after
    return out, stats


@dataclass(frozen=True)
class Consolidated:
    data: bytes
    conflicts: list[Conflict]
    revisions: dict[str, int]   # per author; a revision made alike by several counts for each
    shared: int                 # revisions made alike by more than one draft


def consolidate(base: Source, drafts: list[tuple[Source, str, str | None]],
                accept_existing: bool = False, wording: Wording = ENGLISH) -> Consolidated:
    """Every draft's changes to *base* as tracked changes in a copy of *base*; *drafts*
    are (document, author, ISO date or None for now), in the order their proposals
    are shown; *wording*: the words of the conflicts' comments (English by default)."""
    authors = [author for _, author, _ in drafts]
    if len(set(authors)) != len(authors):
        raise PipelineError(Category.USAGE, "each draft needs an author of its own; "
                            f"given: {', '.join(authors)}")
    base_pkg = _open(base, accept_existing)
    opened = [Draft(_open(source, accept_existing), author, _check_date(date))
              for source, author, date in drafts]
    dates = sorted(d.date for d in opened)
    result = consolidate_packages(base_pkg, opened, dates[-1], wording)
    return Consolidated(result.package.to_bytes(), result.conflicts, result.revisions,
                        result.shared)


def _authors(package: Package, authors: list[str] | None) -> set[str] | None:
    if not authors:
        return None
    found = revision_authors(package)
    unknown = [a for a in authors if a not in found]
    if unknown:
        raise PipelineError(Category.USAGE, f"no revision by {', '.join(unknown)} in "
                            f"{package.origin}; its authors: {', '.join(sorted(found)) or 'none'}")
    return set(authors)


def accept(source: Source, authors: list[str] | None = None) -> bytes:
    """The document with every revision accepted (with *authors*: only theirs)."""
    package = Package.open(source)
    accept_all(package, _authors(package, authors))
    return package.to_bytes()


def reject(source: Source, authors: list[str] | None = None) -> bytes:
    """The document with every revision rejected (with *authors*: only theirs)."""
    package = Package.open(source)
    reject_all(package, _authors(package, authors))
    return package.to_bytes()
