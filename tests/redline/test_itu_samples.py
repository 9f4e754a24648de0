"""Real ITU Word files with programmatic revisions: exact round trips."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from pipeline import libreoffice
from pipeline.redline import Result, accept, redline, reject
from tests import office
from tests.redline.edits import revise_docx
from tests.wordfile import SAMPLES, W, count, has_part, part, texts

SAMPLE_FILES = sorted(SAMPLES.glob("*.docx")) if SAMPLES.exists() else []
DATE = "2024-10-15T09:00:00Z"
#: Several edits of each sample, so that one lucky edit cannot hide a crash.
SEEDS = (1, 2, 3)
pytestmark = pytest.mark.skipif(not SAMPLE_FILES, reason=f"no ITU samples at {SAMPLES}")


@dataclass
class Pair:
    name: str
    old: bytes
    new: bytes
    result: Result
    files: dict[str, Path]


@pytest.fixture(scope="module")
def pairs(tmp_path_factory) -> list[Pair]:
    """Every sample, revised with each seed (about 1% of its words, paragraphs with links,
    fields and figures removed and added), and the redline between the two."""
    folder = tmp_path_factory.mktemp("itu")
    out = []
    for path in SAMPLE_FILES:
        old = path.read_bytes()
        (folder / path.name).write_bytes(old)
        for seed in SEEDS:
            new = revise_docx(old, seed)
            result = redline(old, new, date=DATE)
            files = {"old": folder / path.name}
            for name, data in (("new", new), ("redline", result.data)):
                files[name] = folder / f"{path.stem}-{seed}-{name}.docx"
                files[name].write_bytes(data)
            out.append(Pair(f"{path.name} (seed {seed})", old, new, result, files))
    return out


def test_samples_round_trip_with_own_accept_and_reject(pairs):
    for pair in pairs:
        stats = pair.result.stats
        assert stats.insertions and stats.deletions, pair.name
        accepted, rejected = accept(pair.result.data), reject(pair.result.data)
        assert texts(accepted) == texts(pair.new), pair.name
        assert texts(rejected) == texts(pair.old), pair.name
        assert texts(accepted, "word/footnotes.xml") == texts(pair.new, "word/footnotes.xml"), \
            pair.name


def test_unchanged_sample_gives_no_revision():
    for path in SAMPLE_FILES:
        data = path.read_bytes()
        stats = redline(data, data, date=DATE).stats
        assert (stats.insertions, stats.deletions, stats.format_changes) == (0, 0, 0), path.name


def _without_anchor_placeholders(view: list[str]) -> list[str]:
    """LibreOffice's reading without what it puts in place of a tracked floating shape's
    anchor on opening the file: two zero-width spaces each."""
    return [text.replace("\u200b", "") for text in view]


@office.apply(office.bridge)
def test_samples_round_trip_in_libreoffice(pairs):
    olds = sorted({pair.files["old"] for pair in pairs})
    jobs = [(path, "none") for path in olds]
    for pair in pairs:
        jobs += [(pair.files["new"], "none"), (pair.files["redline"], "accept"),
                 (pair.files["redline"], "reject")]
    results = libreoffice.resolve_revisions(jobs, timeout=1800)
    old_views = dict(zip(olds, results))
    for index, pair in enumerate(pairs):
        new_view, accepted, rejected = results[len(olds) + 3 * index: len(olds) + 3 * index + 3]
        old_view = old_views[pair.files["old"]]
        stats = pair.result.stats
        assert stats.marks_with_notes == stats.marks_across_tables == 0, pair.name
        if stats.shapes_in_changes:  # the one blind spot the engine cannot avoid: flagged
            new_view, accepted, old_view, rejected = map(
                _without_anchor_placeholders, (new_view, accepted, old_view, rejected))
        assert accepted == new_view, pair.name
        assert rejected == old_view, pair.name


KEPT = ("hyperlink", "drawing", "fldChar", "instrText", "bookmarkStart", "tab", "br", "sym",
        "footnoteReference", "tbl", "sectPr")


def test_fields_links_pictures_and_bookmarks_survive(pairs):
    for pair in pairs:
        assert count(accept(pair.result.data), *KEPT) == count(pair.new, *KEPT), pair.name


def test_revision_bookmark_and_comment_ids_are_unique(pairs):
    tags = [f"{{{W}}}{t}" for t in ("ins", "del", "rPrChange", "pPrChange", "bookmarkStart",
                                    "commentRangeStart")]
    for pair in pairs:
        ids = Counter()
        for name in ("word/document.xml", "word/footnotes.xml"):
            if has_part(pair.result.data, name):
                ids.update(node.get(f"{{{W}}}id") for node in part(pair.result.data, name).iter(*tags))
        assert [i for i, n in ids.items() if n > 1] == [], pair.name


def declaring_more(data: bytes) -> bytes:
    """*data* as another producer writes it: the roots of its story parts declare one
    namespace more (Word versions and other editors each declare their own set)."""
    return _roots_rewritten(data, lambda declarations: declarations + [
        b'xmlns:itudraftTest="urn:example:another-producer"'])


def declaring_otherwise(data: bytes) -> bytes:
    """*data* with the roots of its story parts declaring the same namespaces in the
    reverse order."""
    return _roots_rewritten(data, lambda declarations: declarations[::-1])


def _roots_rewritten(data: bytes, change) -> bytes:
    import io
    import re
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            raw = source.read(info.filename)
            if info.filename in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
                start = raw.index(b"<w:", raw.index(b"?>") + 2 if raw.startswith(b"<?xml") else 0)
                end = raw.index(b">", start)
                tag = raw[start:end]
                declarations = re.findall(rb'xmlns(?::\w+)?="[^"]*"', tag)
                others = re.sub(rb'\s+xmlns(?::\w+)?="[^"]*"', b"", tag)
                name, _, attributes = others.partition(b" ")
                rewritten = b" ".join([name, *change(declarations)] + ([attributes] if attributes
                                                                       else []))
                raw = raw[:start] + rewritten + raw[end:]
            target.writestr(info, raw)
    return out.getvalue()


def test_other_namespace_declarations_change_nothing(pairs):
    """The same text from another producer is the same text: no formatting change for
    every run (the keys read only the namespaces an element uses), and a revised one
    gives the revisions it gives from the same producer."""
    for path in SAMPLE_FILES:
        data = path.read_bytes()
        for other in (declaring_more(data), declaring_otherwise(data)):
            stats = redline(data, other, date=DATE).stats
            assert (stats.insertions, stats.deletions, stats.format_changes) == (0, 0, 0), \
                path.name
    for pair in pairs[:: len(SEEDS)]:
        other = redline(pair.old, declaring_more(pair.new), date=DATE).stats
        mine = pair.result.stats
        assert (other.insertions, other.deletions, other.format_changes) == \
            (mine.insertions, mine.deletions, mine.format_changes), pair.name


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def test_every_prefix_markup_compatibility_names_stays_declared(pairs):
    """Word refuses a part whose mc:Ignorable (or an mc:Choice's Requires) names a prefix
    the part does not declare there; LibreOffice does not mind, so its opening the
    outputs cannot tell. Every part of every redline keeps them declared."""
    for pair in pairs:
        with zipfile.ZipFile(io.BytesIO(pair.result.data)) as archive:
            names = [n for n in archive.namelist() if n.endswith(".xml")]
            for name in names:
                root = etree.fromstring(archive.read(name))
                for node in root.iter():
                    if not isinstance(node.tag, str):
                        continue
                    named = (node.get(f"{{{_MC}}}Ignorable") or "").split()
                    if node.tag == f"{{{_MC}}}Choice":
                        named += (node.get("Requires") or "").split()
                    missing = [prefix for prefix in named if prefix not in node.nsmap]
                    assert not missing, (pair.name, name, missing)
