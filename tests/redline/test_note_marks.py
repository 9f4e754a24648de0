"""Note references with a custom mark (w:customMarkFollows, the mark typed after the
reference): the mark stays where it was typed, and changes with its reference."""

from __future__ import annotations

from lxml import etree

from pipeline import libreoffice
from pipeline.ooxml.package import Package
from pipeline.redline import accept, redline, reject
from tests import office
from tests.redline.docmodel import Para, docx_bytes
from tests.wordfile import part, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2024-10-15T09:00:00Z"


def _document(after: str, mark: str | None, own_run: bool = True) -> bytes:
    """"The notification", a footnote, then *after*; the footnote's reference carries the
    custom *mark* typed in the run after it (*own_run*) or in its own run (None: numbered)."""
    data = docx_bytes([Para("Normal", [("The notification", False, False, "A note."),
                                       (after, False, False, None)])])
    if mark is None:
        return data
    package = Package.open(data)
    reference = next(package.xml("word/document.xml").iter(W + "footnoteReference"))
    reference.set(W + "customMarkFollows", "1")
    run = reference.getparent()
    holder = etree.SubElement(run.getparent(), W + "r") if own_run else run
    if own_run:
        run.addnext(holder)
        holder.append(etree.fromstring(etree.tostring(run.find(W + "rPr"))))
    etree.SubElement(holder, W + "t").text = mark
    return package.to_bytes()


def _changes(data: bytes) -> list[tuple[str, list[str]]]:
    """Each w:ins and w:del of the body: its kind and its runs' content ("^": a reference)."""
    shown = {W + "footnoteReference", W + "t", W + "delText"}
    out = []
    for change in part(data, "word/document.xml").iter(W + "ins", W + "del"):
        if change.getparent().tag != W + "rPr":
            runs = ["".join("^" if c.tag == W + "footnoteReference" else c.text or ""
                            for c in run if c.tag in shown) for run in change.iter(W + "r")]
            out.append((etree.QName(change).localname, runs))
    return out


def _round_trip(old: bytes, new: bytes) -> bytes:
    out = redline(old, new, date=DATE).data
    for resolved, source in ((accept(out), new), (reject(out), old)):
        assert texts(resolved) == texts(source)
        assert texts(resolved, "word/footnotes.xml") == texts(source, "word/footnotes.xml")
        assert _marks(resolved) == _marks(source)
    return out


def _marks(data: bytes) -> list[tuple[str | None, str]]:
    """Each reference's custom-mark flag and the text of the run after it."""
    out = []
    for reference in part(data, "word/document.xml").iter(W + "footnoteReference"):
        following = reference.getparent().getnext()
        out.append((reference.get(W + "customMarkFollows"),
                    "".join(following.itertext()) if following is not None else ""))
    return out


def test_a_changed_mark_changes_with_its_reference_in_the_run_after_it():
    out = _round_trip(_document(" of the", "1"), _document(" of the", "2"))
    assert _changes(out) == [("del", ["^", "1"]), ("ins", ["^", "2"])]


def test_a_mark_typed_in_the_references_run_stays_there():
    out = _round_trip(_document(" of the", "1", own_run=False),
                      _document(" of the", "2", own_run=False))
    assert _changes(out) == [("del", ["^1"]), ("ins", ["^2"])]


def test_a_mark_deleted_is_the_reference_with_its_mark_deleted():
    out = _round_trip(_document(" of the", "1"), _document(" of the", None))
    assert _changes(out) == [("del", ["^", "1"]), ("ins", ["^"])]


def test_an_unchanged_mark_keeps_its_reference_and_its_run():
    out = _round_trip(_document(" of the", "1"), _document(" in the", "1"))
    assert _changes(out) == [("del", ["of"]), ("ins", ["in"])]
    assert _marks(out) == [("1", "1")]


@office.apply(office.bridge)
def test_custom_marks_round_trip_in_libreoffice(tmp_path):
    # Before, LibreOffice read "The notification1 of the" after Reject All of the first
    # (the deleted mark as text) and "The notification2 in the" after Accept All of the
    # second (the deleted mark taken as the mark, the inserted one left as text).
    pairs = [(_document(" of the", "1"), _document(" of the", None)),
             (_document(" of the", "1"), _document(" in the", "2")),
             (_document(" of the", "1", own_run=False), _document(" in the", "2", own_run=False))]
    jobs = []
    for index, (old, new) in enumerate(pairs):
        paths = [tmp_path / f"{index}-{name}.docx" for name in ("old", "new", "redline")]
        for path, data in zip(paths, (old, new, redline(old, new, date=DATE).data)):
            path.write_bytes(data)
        jobs += [(paths[0], "none"), (paths[1], "none"), (paths[2], "accept"),
                 (paths[2], "reject")]
    views = libreoffice.resolve_revisions(jobs)
    for index in range(len(pairs)):
        old_view, new_view, accepted, rejected = views[4 * index: 4 * index + 4]
        assert accepted == new_view, index
        assert rejected == old_view, index
