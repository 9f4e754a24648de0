"""Real ITU Word files with programmatic revisions: exact round trips."""

from __future__ import annotations

import pytest

from pipeline import libreoffice
from pipeline.redline import accept, redline, reject
from tests.redline.docmodel import texts
from tests.redline.edits import revise_docx
from tests.wordfile import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.docx")) if SAMPLES.exists() else []
DATE = "2024-10-15T09:00:00Z"
pytestmark = pytest.mark.skipif(not SAMPLE_FILES, reason=f"no ITU samples at {SAMPLES}")


@pytest.fixture(scope="module")
def pairs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("itu")
    out = []
    for path in SAMPLE_FILES:
        old = path.read_bytes()
        new = revise_docx(old, seed=len(path.name))
        result = redline(old, new, date=DATE)
        files = {}
        for name, data in (("old", old), ("new", new), ("redline", result.data)):
            files[name] = folder / f"{path.stem}-{name}.docx"
            files[name].write_bytes(data)
        out.append((path.name, old, new, result, files))
    return out


def test_samples_round_trip_with_own_accept_and_reject(pairs):
    for name, old, new, result, _files in pairs:
        assert result.stats.insertions and result.stats.deletions, name
        accepted, rejected = accept(result.data), reject(result.data)
        assert texts(accepted) == texts(new), name
        assert texts(rejected) == texts(old), name
        assert texts(accepted, "word/footnotes.xml") == texts(new, "word/footnotes.xml"), name


def test_unchanged_sample_gives_no_revision():
    data = SAMPLE_FILES[0].read_bytes()
    stats = redline(data, data, date=DATE).stats
    assert (stats.insertions, stats.deletions, stats.format_changes) == (0, 0, 0)


@pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice with python3-uno is not "
                    "installed; CI installs libreoffice-writer-nogui and python3-uno")
def test_samples_round_trip_in_libreoffice(pairs):
    jobs = []
    for _name, _old, _new, _result, files in pairs:
        jobs += [(files["old"], "none"), (files["new"], "none"), (files["redline"], "accept"),
                 (files["redline"], "reject")]
    results = libreoffice.resolve_revisions(jobs)
    for index, (name, _old, _new, result, _files) in enumerate(pairs):
        old_view, new_view, accepted, rejected = results[4 * index: 4 * index + 4]
        assert accepted == new_view, name
        assert rejected == old_view, name
        assert result.stats.libreoffice_caveats == 0, name


def _count(data: bytes, *tags: str) -> dict[str, int]:
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return {tag: sum(1 for _ in root.iter(w + tag)) for tag in tags}


KEPT = ("hyperlink", "drawing", "fldChar", "instrText", "bookmarkStart", "tab", "br", "sym",
        "footnoteReference", "tbl", "sectPr")


def test_fields_links_pictures_and_bookmarks_survive(pairs):
    for name, _old, new, result, _files in pairs:
        assert _count(accept(result.data), *KEPT) == _count(new, *KEPT), name


def test_revision_bookmark_and_comment_ids_are_unique(pairs):
    import io
    import zipfile
    from collections import Counter

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    tags = [w + t for t in ("ins", "del", "rPrChange", "pPrChange", "bookmarkStart",
                            "commentRangeStart")]
    for name, _old, _new, result, _files in pairs:
        ids = Counter()
        with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
            for part in ("word/document.xml", "word/footnotes.xml"):
                if part in archive.namelist():
                    root = etree.fromstring(archive.read(part))
                    ids.update(node.get(w + "id") for node in root.iter(*tags))
        assert [i for i, n in ids.items() if n > 1] == [], name
