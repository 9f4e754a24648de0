"""The round-trip property, with the project's own Accept All / Reject All:
accept(redline(a, b)) reads exactly as b, reject(redline(a, b)) exactly as a."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from pipeline.redline import accept, redline, reject
from tests.redline import generate
from tests.redline.docmodel import docx_bytes, document_changed
from tests.wordfile import note_texts, styles_of, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2024-10-15T09:00:00Z"
REVISIONS = ("ins", "del", "rPrChange", "pPrChange")


def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name in ("word/document.xml", "word/footnotes.xml")}


def _assert_round_trip(old: bytes, new: bytes) -> bytes:
    out = redline(old, new, author="Tester", date=DATE).data
    accepted, rejected = accept(out), reject(out)
    assert texts(accepted) == texts(new)
    assert texts(rejected) == texts(old)
    assert styles_of(accepted) == styles_of(new)
    assert styles_of(rejected) == styles_of(old)
    assert texts(accepted, "word/footnotes.xml") == texts(new, "word/footnotes.xml")
    assert note_texts(accepted) == note_texts(new)
    assert note_texts(rejected) == note_texts(old)
    _assert_ids_unique_and_attributed(out)
    return out


def _assert_ids_unique_and_attributed(data: bytes) -> None:
    ids = Counter()
    for root in _parts(data).values():
        for tag in REVISIONS:
            for node in root.iter(W + tag):
                assert node.get(W + "author") == "Tester" and node.get(W + "date") == DATE
                ids[node.get(W + "id")] += 1
        for node in root.iter(W + "bookmarkStart"):
            ids[node.get(W + "id")] += 1
    assert not [i for i, n in ids.items() if n > 1]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_round_trip_on_generated_documents(rng):
    model = generate.document(rng)
    revised = generate.revise(model, rng)
    _assert_round_trip(docx_bytes(model), docx_bytes(revised))


def _by_atoms(old: bytes, new: bytes) -> bytes:
    """The redline with every paragraph compared atom by atom: the short way for plain
    runs (markup._plain_runs) off, to check it against the long way."""
    from pipeline.redline import markup

    short_way = markup._plain_runs
    markup._plain_runs = lambda p: None
    try:
        return redline(old, new, author="Tester", date=DATE).data
    finally:
        markup._plain_runs = short_way


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_paragraphs_of_plain_runs_are_marked_as_their_atoms_would_be(rng):
    """The short way for paragraphs of plain text runs writes the bytes of the long one
    (atoms per token), formatting changes and runs of several formats included."""
    model = generate.document(rng)
    old, new = docx_bytes(model), docx_bytes(generate.revise(model, rng))
    assert redline(old, new, author="Tester", date=DATE).data == _by_atoms(old, new)


def test_changes_across_runs_of_several_formats_keep_each_runs_format():
    """A phrase replaced across a bold run and a plain one, and words kept across a
    change of format: each deleted and kept word keeps its run's formatting, by the
    short way as by the long one."""
    from tests.redline.docmodel import Para

    old = docx_bytes([Para("Normal", [("the assembly resolves", True, False, None),
                                      (" to invite all Member States", False, False, None),
                                      (" to contribute", False, True, None)])])
    new = docx_bytes([Para("Normal", [("the assembly", True, False, None),
                                      (" decides to ask", False, True, None),
                                      (" all Member States to contribute", False, False, None)])])
    short = _assert_round_trip(old, new)
    assert _by_atoms(old, new) == short
    body = _parts(short)["word/document.xml"]
    deleted = [("".join(t.text for t in r.iter(W + "delText")), r.find(f"{W}rPr/{W}b") is not None)
               for d in body.iter(W + "del") for r in d.iter(W + "r")]
    assert ("resolves", True) in deleted and (" to invite", False) in deleted


def _with_tabs_and_breaks(data: bytes) -> bytes:
    """*data* with each "|" of its texts written as a TAB element and each "^" as a line
    break, inside the same run (as an ITU item "a)<TAB>text" is)."""
    def change(root: etree._Element) -> None:
        for t in list(root.iter(W + "t")):
            pieces = re.split(r"([|^])", t.text or "")
            t.text = pieces[0]
            at = t
            for index, piece in enumerate(pieces[1:]):
                if index % 2 == 0:
                    node = etree.Element(W + ("tab" if piece == "|" else "br"))
                else:
                    node = etree.Element(W + "t")
                    node.text = piece
                    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                at.addnext(node)
                at = node

    return document_changed(data, change)


@pytest.mark.parametrize("old, new", [
    ("a)|the assembly resolves", "b)|the assembly decides"),
    ("1|Scope^of this text", "1|Scope of^this text"),
    ("a)|the assembly|resolves", "a)the assembly resolves"),
    ("invites|Member States^to contribute", "invites|Member States|^to contribute|"),
])
def test_tabs_and_breaks_in_runs_marked_as_their_atoms_would_be(old, new):
    """Items with a TAB after their label, lines broken inside a paragraph, TABs and
    breaks added or removed, in runs of two formats: the round trip is exact and the short
    way writes the long way's bytes."""
    from tests.redline.docmodel import Para

    def doc(text: str) -> bytes:
        head, _, tail = text.partition(" ")
        return _with_tabs_and_breaks(docx_bytes([Para("Normal", [
            (head, True, False, None), (" " + tail, False, False, None)])]))

    short = _assert_round_trip(doc(old), doc(new))
    assert _by_atoms(doc(old), doc(new)) == short


@settings(max_examples=50, deadline=None)
@given(st.randoms(use_true_random=False))
def test_identical_documents_give_no_revision(rng):
    data = docx_bytes(generate.document(rng))
    out = redline(data, data, date=DATE)
    assert (out.stats.insertions, out.stats.deletions, out.stats.format_changes) == (0, 0, 0)
    for root in _parts(out.data).values():
        assert not any(True for tag in REVISIONS for _ in root.iter(W + tag))


def test_one_changed_word_is_that_word_replaced():
    from tests.redline.docmodel import Para

    old = docx_bytes([Para("Normal", [("the assembly resolves to invite Member States", False, False, None)])])
    new = docx_bytes([Para("Normal", [("the assembly resolves to instruct Member States", False, False, None)])])
    body = _parts(redline(old, new, date=DATE).data)["word/document.xml"]
    deleted = ["".join(t.text for t in d.iter(W + "delText")) for d in body.iter(W + "del")]
    inserted = ["".join(t.text for t in i.iter(W + "t")) for i in body.iter(W + "ins")]
    assert (deleted, inserted) == (["invite"], ["instruct"])


def test_a_note_edited_under_an_unchanged_paragraph_is_marked():
    """The paragraph holding the reference reads the same; only its footnote changed:
    the note's words are tracked, so Reject All gives the old note back."""
    from tests.redline.docmodel import Para

    def doc(note: str) -> bytes:
        return docx_bytes([Para("Normal", [("the assembly resolves", False, False, note)]),
                           Para("Normal", [("to invite Member States", False, False, None)])])

    old, new = doc("see Resolution 1"), doc("see Resolution 1 and Resolution 2")
    out = _assert_round_trip(old, new)
    notes = _parts(out)["word/footnotes.xml"]
    inserted = ["".join(t.text for t in i.iter(W + "t")) for i in notes.iter(W + "ins")]
    assert inserted == [" and Resolution 2"]
    assert note_texts(reject(out)) == ["see Resolution 1"]


def _note_in_content_control(data: bytes) -> bytes:
    """*data* with each footnote reference's run moved into an inline content control
    (w:sdt), which the engine compares whole, as one piece of its paragraph."""
    def change(root: etree._Element) -> None:
        for reference in list(root.iter(W + "footnoteReference")):
            run = reference.getparent()
            sdt = etree.Element(W + "sdt")
            run.addprevious(sdt)
            etree.SubElement(sdt, W + "sdtContent").append(run)

    return document_changed(data, change)


def test_notes_referred_to_from_a_content_control_are_compared():
    """A note whose reference sits in an inline content control: edited while the
    control stands (its paragraph edited elsewhere), inserted with its paragraph,
    deleted with its paragraph. Each round trip gives both texts with their notes."""
    from tests.redline.docmodel import Para

    def para(text: str, note: str | None) -> Para:
        return Para("Normal", [(text, False, False, note)])

    first, kept = "the assembly resolves", "to invite Member States"
    cases = [
        ([para(first, "see Resolution 1")], [para(first + " now", "see Resolution 1 and 2")]),
        ([para(kept, None)], [para(kept, None), para(first, "a new note")]),
        ([para(kept, None), para(first, "an old note")], [para(kept, None)]),
    ]
    for old, new in cases:
        old_data, new_data = (_note_in_content_control(docx_bytes(m)) for m in (old, new))
        out = _assert_round_trip(old_data, new_data)
        assert note_texts(accept(out)) == [n for b in new for *_, n in b.runs if n]
        assert note_texts(reject(out)) == [n for b in old for *_, n in b.runs if n]


def test_italic_added_is_a_formatting_change():
    from tests.redline.docmodel import Para

    old = docx_bytes([Para("Normal", [("see ", False, False, None), ("resolves 2", False, False, None)])])
    new = docx_bytes([Para("Normal", [("see ", False, False, None), ("resolves 2", False, True, None)])])
    out = redline(old, new, date=DATE)
    body = _parts(out.data)["word/document.xml"]
    changes = list(body.iter(W + "rPrChange"))
    assert len(changes) == 1 and not list(body.iter(W + "ins")) and not list(body.iter(W + "del"))
    run = changes[0].getparent().getparent()
    assert "".join(t.text for t in run.iter(W + "t")) == "resolves 2"
    assert run.find(f"{W}rPr/{W}i") is not None


def test_style_change_is_a_paragraph_property_change():
    from tests.redline.docmodel import Para

    old = docx_bytes([Para("Normal", [("considering", False, False, None)])])
    new = docx_bytes([Para("Call", [("considering", False, False, None)])])
    body = _parts(redline(old, new, date=DATE).data)["word/document.xml"]
    change = next(body.iter(W + "pPrChange"))
    assert change.find(f"{W}pPr/{W}pStyle").get(W + "val") == "Normal"
    assert styles_of(reject(redline(old, new, date=DATE).data))[0] == "Normal"


def test_same_inputs_give_the_same_bytes():
    rng = random.Random(7)
    model = generate.document(rng)
    old, new = docx_bytes(model), docx_bytes(generate.revise(model, rng))
    assert redline(old, new, date=DATE).data == redline(old, new, date=DATE).data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_a_package_in_memory_is_marked_as_its_bytes_would_be(rng):
    """A renderer hands its packages to the engine without writing them: the marked
    document is the bytes it makes of the same documents read from files, and crediting
    revisions in place gives what crediting the written file gives."""
    from pipeline.ooxml.package import Package
    from pipeline.redline import attribute_revisions, credit_revisions, redline_package

    model = generate.document(rng)
    old, new = docx_bytes(model), docx_bytes(generate.revise(model, rng))
    written = redline(old, new, author="APT", date="2024-09-12T00:00:00Z").data
    marked = redline_package(Package.open(old), Package.open(new), author="APT",
                             date="2024-09-12T00:00:00Z")
    assert marked.to_bytes() == written
    names = [node.get(W + "name") for node in marked.xml("word/document.xml").iter(
        W + "bookmarkStart")]
    authors = {name: ("CEPT", "2024-09-09T00:00:00Z") for name in names[:1]}
    credit_revisions(marked, authors)
    assert marked.to_bytes() == attribute_revisions(written, authors)
