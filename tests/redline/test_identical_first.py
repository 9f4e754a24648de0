"""The body's unchanged blocks matched by their bytes before anything else is read
(:meth:`Redliner.compare_body`): exact round trips, the marks of the block-by-block way
on real texts, and the texts of unchanged blocks never read."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from pipeline.redline import accept, atoms, redline, reject
from pipeline.redline.align import Lazy
from tests.redline import generate
from tests.redline.docmodel import Para, Table, docx_bytes, docx_from_body, part_changed
from tests.redline.edits import revise_docx
from tests.redline.test_roundtrip import DATE, _assert_round_trip
from tests.wordfile import SAMPLES, part, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _both_ways(old: bytes, new: bytes, monkeypatch) -> tuple[bytes, bytes]:
    first = redline(old, new, author="Tester", date=DATE).data
    with monkeypatch.context() as patch:  # no cut: every block compared, as before
        patch.setattr("pipeline.redline.markup.blocks_bytes", lambda *args: None)
        second = redline(old, new, author="Tester", date=DATE).data
    return first, second


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_round_trip_with_blocks_moved_repeated_and_edited(rng):
    """Long generated texts (empty and repeated paragraphs, blocks moved, tables): Accept
    All and Reject All give each text exactly. Where a block moved or repeats, the
    anchors may place it otherwise than the block-by-block way (both exact)."""
    model = generate.document(rng, size=14)
    _assert_round_trip(docx_bytes(model), docx_bytes(generate.revise(model, rng, edits=4)))


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the ITU samples are not at {SAMPLES}")
@pytest.mark.parametrize("name", ["T-RES-T.1-2016.docx", "T-REC-X.500-201610.docx",
                                  "T-REC-E.119-201704-E.docx"])
def test_real_texts_edited_as_a_drafter_does_get_the_same_marks(name, monkeypatch):
    """ITU texts with words, sentences, cells, rows and paragraphs edited: the same bytes
    as comparing every block."""
    data = (SAMPLES / name).read_bytes()
    for seed in (1, 2):
        first, second = _both_ways(data, revise_docx(data, seed, 0.05), monkeypatch)
        assert first == second


def _long_text(count: int, rng: random.Random) -> list:
    return [Para("Normal", [(f"paragraph {k} of the text {rng.random():.6f}", False, False,
                             None)]) for k in range(count)]


def test_only_the_changed_stretch_is_read(monkeypatch):
    """One paragraph of 400 edited: the texts read are those of that paragraph, on each
    side, and the output is the block-by-block one."""
    model = _long_text(400, random.Random(5))
    revised = [Para(p.style, list(p.runs)) for p in model]
    revised[200] = Para("Normal", [("paragraph 200 of the revised text", False, False, None)])
    old, new = docx_bytes(model), docx_bytes(revised)
    read: list[int] = []
    make = Lazy.__getitem__

    def counting(self, index):
        if not isinstance(index, slice) and index not in self._made:
            read.append(index)
        return make(self, index)

    with monkeypatch.context() as patch:
        patch.setattr(Lazy, "__getitem__", counting)
        out = _assert_round_trip(old, new)
    # each side's key and text of the one block (key and text: two reads a side)
    assert sorted(set(read)) == [200] and len(read) <= 4
    assert out == _both_ways(old, new, monkeypatch)[1]


def test_children_cut_as_written_in_place():
    root = etree.fromstring(f'<w:body xmlns:w="{W[1:-1]}"><w:p><w:r><w:t>a</w:t></w:r></w:p>'
                            '<w:tbl/><w:p/></w:body>')
    pieces = atoms.children_bytes(root)
    assert pieces == [b"<w:p><w:r><w:t>a</w:t></w:r></w:p>", b"<w:tbl/>", b"<w:p/>"]
    assert [child.tail for child in root] == [None, None, None]  # tails put back


def test_text_holding_the_cut_is_compared_block_by_block(monkeypatch):
    """A text holding the characters the cut uses gives no cut (None): the blocks are
    compared one by one, with the same result."""
    odd = atoms._CUT
    old = docx_bytes([Para("Normal", [(f"the assembly {odd} resolves", False, False, None)]),
                      Para("Normal", [("to invite Member States", False, False, None)])])
    new = docx_bytes([Para("Normal", [(f"the assembly {odd} resolves", False, False, None)]),
                      Para("Normal", [("to instruct Member States", False, False, None)])])
    root = etree.fromstring(_body_xml(new))
    assert atoms.children_bytes(root.find(W + "body")) is None
    assert _assert_round_trip(old, new) == _both_ways(old, new, monkeypatch)[1]


def _body_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def test_marked_blocks_placed_among_the_unchanged():
    """The body ends as the marked blocks then its section properties, whatever was
    there: unchanged blocks kept in place, marked ones put in, replaced ones gone."""
    from pipeline.redline.engine import _place

    def body(*names):
        root = etree.Element(W + "body")
        for name in names:
            etree.SubElement(root, W + name)
        return root

    for before, order, sect in [
        (["p", "p", "tbl", "sectPr"], [0, "new", 2], True),
        (["p", "p", "tbl", "sectPr"], [2, 0], True),
        (["p", "p"], ["new", 1, "new"], False),
        (["p", "sectPr"], [], True),
        (["sectPr"], ["new", "new"], True),
    ]:
        root = body(*before)
        children = list(root)
        final = root.find(W + "sectPr")
        blocks = [etree.Element(W + "p") if item == "new" else children[item] for item in order]
        _place(root, blocks, final)
        assert list(root) == blocks + ([final] if sect else [])


def test_an_unchanged_block_declaring_a_namespace_again_is_written_without_it(monkeypatch):
    """pandoc pastes raw OOXML with its own declaration (``<w:p xmlns:w=...>``): such a
    block, unchanged, is moved like a marked one, which drops the repeated declaration,
    as comparing every block does."""
    def declaring(data: bytes) -> bytes:
        return part_changed(data, "word/document.xml", lambda part: part.replace(
            b"<w:p>", f'<w:p xmlns:w="{W[1:-1]}">'.encode(), 1))

    model = _long_text(6, random.Random(7))
    revised = [Para(p.style, list(p.runs)) for p in model]
    revised[4] = Para("Normal", [("paragraph 4 of the revised text", False, False, None)])
    old, new = declaring(docx_bytes(model)), declaring(docx_bytes(revised))
    assert b"<w:p xmlns:w=" in _body_xml(new)
    first, second = _both_ways(old, new, monkeypatch)
    assert b"<w:p xmlns:w=" not in _body_xml(first)
    assert first == second


_NOTE = '<w:p><w:r w:rsidR="00AB12"><w:t>Note</w:t></w:r><w:r><w:t xml:space="preserve"> - see below</w:t></w:r></w:p>'


def _plain(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


@pytest.mark.parametrize("old, new", [
    # a block repeated inside a changed stretch, matched there by its key
    (_plain("alpha one") + _NOTE + _plain("beta one") + _NOTE + _plain("gamma one"),
     _plain("alpha two") + _NOTE + _plain("beta two") + _NOTE + _plain("gamma two")),
    # one of two equal blocks removed beside an edit: the removal slides down
    (_plain("x one") + _NOTE + _NOTE + _plain("y"), _plain("x two") + _NOTE + _plain("y")),
    # white space before the first block on one side only
    ("\n" + _NOTE + _plain("alpha one"), _NOTE + _plain("alpha two")),
])
def test_blocks_the_same_bytes_stand_as_they_are(old, new, monkeypatch):
    """Blocks the same bytes on both sides, wherever the alignment pairs them (a block
    repeated, a removal slid past its twin, the first block after white space), stand
    untouched (their run ids kept), as comparing every block leaves them."""
    old_data, new_data = docx_from_body(old), docx_from_body(new)
    first, second = _both_ways(old_data, new_data, monkeypatch)
    assert first == second
    assert _body_xml(first).count(b'w:rsidR="00AB12"') == new.count('w:rsidR="00AB12"')


def test_notes_typed_normal_are_compared_under_unchanged_paragraphs():
    """A note part may say w:type="normal" on its notes: an edited one under an unchanged
    paragraph is still marked."""
    from tests.wordfile import note_texts

    def doc(note: str) -> bytes:
        data = docx_bytes([Para("Normal", [("the assembly resolves", False, False, note)]),
                           Para("Normal", [("to invite Member States", False, False, None)])])
        return part_changed(data, "word/footnotes.xml", lambda part: part.replace(
            b'<w:footnote w:id="1"', b'<w:footnote w:type="normal" w:id="1"'))

    old, new = doc("see Resolution 1"), doc("see Resolution 1 and Resolution 2")
    out = _assert_round_trip(old, new)
    assert note_texts(reject(out)) == ["see Resolution 1"]


def test_a_note_referred_to_twice_is_compared_once():
    """Two references to one note, one in an unchanged paragraph and one in an edited
    one: the note's change is marked once (not an insertion inside an insertion)."""
    def doc(second: str, note: str) -> bytes:
        data = docx_bytes([Para("Normal", [("the assembly resolves", False, False, note)]),
                           Para("Normal", [(second, False, False, "x")])])
        return part_changed(data, "word/document.xml", lambda part: part.replace(
            b'<w:footnoteReference w:id="2"/>', b'<w:footnoteReference w:id="1"/>'))

    out = redline(doc("to invite Member States", "see Resolution 1"),
                  doc("to instruct Member States", "see Resolution 1 and 2"),
                  author="Tester", date=DATE).data
    notes = part(out, "word/footnotes.xml")
    inserted = list(notes.iter(W + "ins"))
    assert len(inserted) == 1 and not list(inserted[0].iter(W + "ins"))[1:]
    assert "".join(t.text for t in inserted[0].iter(W + "t")) == " and 2"


def test_blocks_staying_in_place_are_not_moved():
    """Blocks told to stay keep their place (and a declaration of their own); the others
    are moved in, which drops a declaration their new place makes."""
    from pipeline.redline.engine import _place

    uri = W[1:-1]
    root = etree.fromstring(f'<w:body xmlns:w="{uri}"><w:p/><w:p xmlns:w="{uri}"/>'
                            f'<w:p xmlns:w="{uri}"/><w:sectPr/></w:body>')
    first, second, third, final = list(root)
    _place(root, [first, second, third], final, stay={first, second})
    assert list(root) == [first, second, third, final]
    written = etree.tostring(root).decode()
    assert written.count(f'xmlns:w="{uri}"') == 2  # the body's, and the second's kept


def test_an_xml_comment_inside_a_run_is_not_content():
    """A run holding an XML comment (some tools leave one) is compared by its text; the
    comment is no atom (it was an error: a comment has no tag to name)."""
    run = '<w:r><!-- kept by a tool --><w:t xml:space="preserve">the assembly resolves</w:t></w:r>'
    old = docx_from_body(f"<w:p>{run}</w:p>")
    new = docx_from_body("<w:p>" + run.replace("resolves", "decides") + "</w:p>")
    out = redline(old, new, author="Tester", date=DATE).data
    assert (texts(accept(out)), texts(reject(out))) == (texts(new), texts(old))
    body = etree.fromstring(_body_xml(out))
    assert ["".join(t.text for t in d.iter(W + "delText")) for d in body.iter(W + "del")] \
        == ["resolves"]


def test_bodies_that_bind_a_prefix_otherwise_are_compared_block_by_block():
    """The same bytes under bodies that declare one prefix for two namespaces are two
    things: the block is compared as XML (a shape of another namespace is replaced), not
    passed as unchanged."""
    shape = '<w:customXml w:element="stand-in"/>'
    fragment = f"<w:p>{shape}<w:r><w:t>the same words</w:t></w:r></w:p>"

    def doc(uri: str) -> bytes:
        return part_changed(docx_from_body(fragment), "word/document.xml", lambda part: part
                        .replace(b"<w:body ", f'<w:body xmlns:x="{uri}" '.encode(), 1)
                        .replace(shape.encode(), b"<x:shape/>"))

    old, new = doc("urn:example:one"), doc("urn:example:two")
    assert _body_xml(old).count(b"<x:shape/>") == 1
    out = redline(old, new, author="Tester", date=DATE)
    assert out.stats.insertions == 1 and out.stats.deletions == 1


def _tables_text(cell: str) -> list:
    return [Para("Normal", [("the assembly resolves", False, False, None)]),
            Table([["Region", "Proposal"], ["APT", cell], ["CEPT", "NOC"]]),
            Para("Normal", [("to instruct the Director", False, False, None)])]


def test_rows_cut_from_the_bodys_writing_as_from_the_tables_own():
    """The rows' bytes the body's one writing gives are those a writing of the table
    gives; the tree is left as it was (tails and texts put back)."""
    body = etree.fromstring(_body_xml(docx_bytes(_tables_text("MOD")))).find(W + "body")
    table = body.find(W + "tbl")
    before = etree.tostring(body)
    pieces, inside = atoms.nested_bytes(body, W + "tbl")
    assert etree.tostring(body) == before
    assert len(pieces) == len(body) and list(inside) == [table]
    assert atoms.inner_bytes(table, inside[table]) == atoms.children_bytes(table)
    assert [piece.startswith(b"<w:tr") for piece in atoms.children_bytes(table)].count(True) == 3


def test_a_changed_tables_rows_are_not_written_again(monkeypatch):
    """A cell edited in a table of the body: the table's rows are cut from the body's
    writing (only the two bodies are written), with the block-by-block marks."""
    old, new = docx_bytes(_tables_text("MOD")), docx_bytes(_tables_text("ADD"))
    written: list[str] = []
    cut = atoms.nested_bytes

    def counting(parent, inner):
        written.append(etree.QName(parent).localname)
        return cut(parent, inner)

    with monkeypatch.context() as patch:
        patch.setattr(atoms, "nested_bytes", counting)
        out = _assert_round_trip(old, new)
    assert written == ["body", "body"]
    assert out == _both_ways(old, new, monkeypatch)[1]


def test_a_cell_holding_the_inner_cut_is_compared_row_by_row(monkeypatch):
    """A cell's text holding the characters of the rows' cut: no rows' bytes from the
    body (None), the rows compared one by one, with the same result."""
    odd = f"MOD {atoms._INNER_CUT} as amended"
    old, new = docx_bytes(_tables_text(odd)), docx_bytes(_tables_text(odd + " in 2024"))
    body = etree.fromstring(_body_xml(new)).find(W + "body")
    table = body.find(W + "tbl")
    assert atoms.inner_bytes(table, atoms.nested_bytes(body, W + "tbl")[1][table]) is None
    assert _assert_round_trip(old, new) == _both_ways(old, new, monkeypatch)[1]


_RPR = (f'<w:rPr xmlns:w="{W[1:-1]}"><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New '
        'Roman"/><w:b/><w:lang w:val="en-GB" w:eastAsia="zh-CN"/></w:rPr>')


def test_run_properties_keyed_as_their_xml():
    """Two runs' properties have equal keys exactly when they are the same XML: in any
    attribute order and under any prefix, not with a value or a child changed; nested
    properties are keyed by their canonical XML."""
    key = atoms.properties_key
    same = etree.fromstring(_RPR)
    reordered = etree.fromstring(_RPR.replace('w:ascii="Times New Roman" w:hAnsi="Times New Roman"',
                                              'w:hAnsi="Times New Roman" w:ascii="Times New Roman"'))
    prefixed = etree.fromstring(_RPR.replace("w:", "x:").replace("xmlns:w=", "xmlns:x="))
    assert key(same) == key(reordered) == key(prefixed)
    assert key(same) != key(etree.fromstring(_RPR.replace("en-GB", "fr-FR")))
    assert key(same) != key(etree.fromstring(_RPR.replace("<w:b/>", "")))
    assert key(same) != key(etree.fromstring(_RPR.replace("<w:b/>", "<w:i/>")))
    assert key(None) == b"" != key(etree.fromstring(f'<w:rPr xmlns:w="{W[1:-1]}"/>'))
    nested = etree.fromstring(_RPR.replace("<w:b/>", "<w:rPrChange><w:rPr><w:i/></w:rPr>"
                                                     "</w:rPrChange>"))
    assert key(nested) == atoms.xml_key(nested)


def test_paragraph_properties_keyed_as_their_xml():
    """A paragraph property (w:ind, w:numPr) has the same key in any attribute order and
    prefix, another with a value changed; one with children is keyed by its XML."""
    key = atoms.element_key
    ind = etree.fromstring(f'<w:ind xmlns:w="{W[1:-1]}" w:left="567" w:hanging="567"/>')
    other_order = etree.fromstring(f'<x:ind xmlns:x="{W[1:-1]}" x:hanging="567" x:left="567"/>')
    assert key(ind) == key(other_order)
    assert key(ind) != key(etree.fromstring(f'<w:ind xmlns:w="{W[1:-1]}" w:left="794" '
                                            'w:hanging="567"/>'))
    numbering = etree.fromstring(f'<w:numPr xmlns:w="{W[1:-1]}"><w:ilvl w:val="0"/>'
                                 '<w:numId w:val="3"/></w:numPr>')
    assert key(numbering) == atoms.xml_key(numbering)
