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
from pipeline.redline.attribution import attribute_revisions
from pipeline.redline.engine import redline_packages
from pipeline.redline.markup import Stats
from pipeline.redline.resolve import accept_all, reject_all

__all__ = ["Result", "Stats", "accept", "attribute_revisions", "redline", "reject"]

Source = str | os.PathLike | bytes
DEFAULT_AUTHOR = "itudraft"


@dataclass(frozen=True)
class Result:
    data: bytes
    stats: Stats


def _open(source: Source, accept_existing: bool) -> Package:
    package = Package.open(source)
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
    old_pkg = _open(old, accept_existing)
    new_pkg = _open(new, accept_existing)
    out, stats = redline_packages(old_pkg, new_pkg, author, _check_date(date))
    return Result(out.to_bytes(), stats)


def accept(source: Source) -> bytes:
    """The document with every revision accepted."""
    package = Package.open(source)
    accept_all(package)
    return package.to_bytes()


def reject(source: Source) -> bytes:
    """The document with every revision rejected."""
    package = Package.open(source)
    reject_all(package)
    return package.to_bytes()
