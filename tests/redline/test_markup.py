"""Unusual markup: what is written stays valid WordprocessingML and inverts exactly."""

from __future__ import annotations

from lxml import etree

from pipeline import libreoffice
from pipeline.redline import accept, redline, reject
from tests import office
from tests.redline.docmodel import docx_from_body
from tests.wordfile import part, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2024-10-15T09:00:00Z"


def _body(data: bytes) -> etree._Element:
    return part(data, "word/document.xml")


def _round_trip(old: bytes, new: bytes) -> bytes:
    out = redline(old, new, date=DATE).data
    assert texts(accept(out)) == texts(new)
    assert texts(reject(out)) == texts(old)
    return out


def test_unknown_run_properties_survive_a_formatting_change():
    run = '<w:r><w:rPr>{b}<w14:ligatures w14:val="standard"/></w:rPr><w:t>text</w:t></w:r>'
    old = docx_from_body(f"<w:p>{run.format(b='')}</w:p>")
    new = docx_from_body(f"<w:p>{run.format(b='<w:b/>')}</w:p>")
    out = _round_trip(old, new)
    rpr = next(_body(out).iter(W + "rPr"))
    assert rpr[-1].tag == W + "rPrChange"   # the change record stays last
    assert _body(reject(out)).find(f".//{W}b") is None


def test_simple_fields_and_inline_controls_are_not_put_inside_runs():
    def doc(word: str, field: str) -> bytes:
        return docx_from_body(
            f'<w:p><w:r><w:t>Page </w:t></w:r><w:fldSimple w:instr=" {field} "><w:r><w:t>1'
            f'</w:t></w:r></w:fldSimple><w:sdt><w:sdtContent><w:r><w:t>{word}</w:t></w:r>'
            f'</w:sdtContent></w:sdt></w:p>')

    out = _round_trip(doc("alpha", "PAGE"), doc("beta", "NUMPAGES"))
    body = _body(out)
    for tag in ("fldSimple", "sdt"):
        assert all(node.getparent().tag != W + "r" for node in body.iter(W + tag))
    deleted_sdt = [sdt for d in body.iter(W + "del") for sdt in d.iter(W + "sdt")]
    assert [sdt.find(f".//{W}delText").text for sdt in deleted_sdt] == ["alpha"]


def test_bookmarks_in_a_deleted_row_are_not_duplicated():
    row = '<w:tr><w:tc><w:tcPr/><w:bookmarkStart w:id="3" w:name="x"/><w:p><w:r><w:t>{}</w:t>' \
          '</w:r></w:p><w:bookmarkEnd w:id="3"/></w:tc></w:tr>'
    old = docx_from_body(f"<w:tbl>{row.format('keep')}{row.format('gone away now')}</w:tbl><w:p/>")
    new = docx_from_body(f"<w:tbl>{row.format('keep')}</w:tbl><w:p/>")
    out = _round_trip(old, new)
    assert len(list(_body(out).iter(W + "bookmarkStart"))) == 1


def test_smart_tag_properties_stay_with_their_tag():
    def doc(word: str) -> bytes:
        return docx_from_body(
            f'<w:p><w:smartTag w:uri="u" w:element="place"><w:smartTagPr/><w:r><w:t>Geneva '
            f'{word}</w:t></w:r></w:smartTag></w:p>')

    out = _round_trip(doc("2022"), doc("2024"))
    for tag in _body(out).iter(W + "smartTag"):
        assert all(child.getparent().tag != W + "r" for child in tag.iter(W + "smartTagPr"))


def _with_link(data: bytes) -> bytes:
    from pipeline.ooxml.ns import qn
    from pipeline.ooxml.package import Package

    package = Package.open(data)
    rels = package.xml("word/_rels/document.xml.rels")
    etree.SubElement(rels, qn("rel:Relationship"), Id="rIdLink",
                     Type="http://schemas.openxmlformats.org/officeDocument/2006/"
                          "relationships/hyperlink",
                     Target="https://www.itu.int/", TargetMode="External")
    return package.to_bytes()


def test_an_edit_inside_a_link_leaves_one_link():
    def doc(word: str) -> bytes:
        return _with_link(docx_from_body(
            f'<w:p><w:r><w:t>See </w:t></w:r><w:hyperlink xmlns:r="http://schemas.openxmlformats'
            f'.org/officeDocument/2006/relationships" r:id="rIdLink"><w:r><w:t>the {word} site'
            f'</w:t></w:r></w:hyperlink></w:p>'))

    old, new = doc("old"), doc("new")
    out = _round_trip(old, new)
    links = list(_body(out).iter(W + "hyperlink"))
    assert len(links) == 1
    assert links[0].find(W + "del") is not None and links[0].find(W + "ins") is not None
    assert len(list(_body(accept(out)).iter(W + "hyperlink"))) == 1
    relationships = part(out, "word/_rels/document.xml.rels")
    assert not [rel for rel in relationships if rel.get("Id", "").startswith("rIdOld")]


def _labelled_shape(label: str) -> str:
    """A paragraph holding a floating shape with a text box, as Word draws a diagram label."""
    return (
        '<w:p><w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/'
        'drawingml/2006/wordprocessingDrawing" distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
        '<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
        '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2000000" cy="300000"/>'
        '<wp:wrapNone/><wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent><w:p><w:r>'
        f'<w:t>{label}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>')


def test_a_label_edited_in_a_figure_is_that_word_changed_not_the_figure():
    old = docx_from_body("<w:p><w:r><w:t>Figure 1</w:t></w:r></w:p>"
                         + _labelled_shape("Disaster relief office"))
    new = docx_from_body("<w:p><w:r><w:t>Figure 1</w:t></w:r></w:p>"
                         + _labelled_shape("Weather relief office"))
    result = redline(old, new, date=DATE)
    body = _body(result.data)
    drawing = next(body.iter(W + "drawing"))
    assert not any(a.tag in (W + "ins", W + "del") for a in drawing.iterancestors())
    box = next(body.iter(W + "txbxContent"))
    assert [d.findtext(f".//{W}delText") for d in box.iter(W + "del")] == ["Disaster"]
    assert [i.findtext(f".//{W}t") for i in box.iter(W + "ins")] == ["Weather"]
    assert result.stats.shapes_in_changes == 0

    def label(data: bytes) -> str:
        return "".join(t.text for t in next(_body(data).iter(W + "txbxContent")).iter(W + "t"))
    assert label(accept(result.data)) == "Weather relief office"
    assert label(reject(result.data)) == "Disaster relief office"


def test_a_figure_inserted_whole_is_flagged_for_libreoffice():
    old = docx_from_body("<w:p><w:r><w:t>Figure 1</w:t></w:r></w:p>")
    new = docx_from_body("<w:p><w:r><w:t>Figure 1</w:t></w:r></w:p>" + _labelled_shape("Office"))
    result = redline(old, new, date=DATE)
    assert result.stats.shapes_in_changes == 1
    assert not list(_body(reject(result.data)).iter(W + "drawing"))
    assert list(_body(accept(result.data)).iter(W + "drawing"))


def test_a_plain_floating_shape_inserted_whole_is_flagged_and_an_inline_one_is_not():
    """LibreOffice puts two zero-width spaces in place of a floating shape's anchor in a
    change, with a text box or without; in place of an inline one, nothing."""
    plain = _labelled_shape("Office").replace('<wps:cNvSpPr txBox="1"/>', "<wps:cNvSpPr/>")
    start, end = plain.index("<wps:txbx>"), plain.index("<wps:bodyPr/>")
    plain = plain[:start] + plain[end:]
    before = "<w:p><w:r><w:t>Figure 1</w:t></w:r></w:p>"
    for shape, flagged in ((plain, 1), (_inline(_labelled_shape("Office")), 0)):
        result = redline(docx_from_body(before), docx_from_body(before + shape), date=DATE)
        assert result.stats.shapes_in_changes == flagged


def _inline(shape: str) -> str:
    """*shape* (from :func:`_labelled_shape`) in line with the text instead of floating."""
    start, end = shape.index("<wp:anchor "), shape.index("<wp:docPr ")
    inline = ('<wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
              'wordprocessingDrawing"><wp:extent cx="2000000" cy="300000"/>')
    return (shape[:start] + inline + shape[end:]).replace("</wp:anchor>", "</wp:inline>")


def _figure_pair(inserted: bool, inline: bool) -> tuple[bytes, bytes]:
    shape = _labelled_shape("Office")
    with_figure = docx_from_body("<w:p><w:r><w:t>Before</w:t></w:r></w:p>"
                                 + (_inline(shape) if inline else shape)
                                 + "<w:p><w:r><w:t>After</w:t></w:r></w:p>")
    without = docx_from_body("<w:p><w:r><w:t>Before</w:t></w:r></w:p>"
                             "<w:p><w:r><w:t>After</w:t></w:r></w:p>")
    return (without, with_figure) if inserted else (with_figure, without)


def test_a_figure_paragraph_deleted_whole_has_its_mark_tracked_on_the_paragraph_before():
    """LibreOffice does not remove the tracked mark of a paragraph holding a shape with a
    text box (Accept All of a deleted one leaves an empty paragraph): the tracking goes
    to the mark of the paragraph before, which both views keep."""
    for inserted in (False, True):
        old, new = _figure_pair(inserted, inline=False)
        paragraphs = list(_body(_round_trip(old, new)).iter(W + "p"))
        marks = [p.find(f"{W}pPr/{W}rPr/{W}{'ins' if inserted else 'del'}") is not None
                 for p in paragraphs if p.getparent().tag == W + "body"]
        assert marks == [True, False, False], inserted


@office.apply(office.bridge)
def test_a_figure_paragraph_inserted_or_deleted_whole_resolves_in_libreoffice(tmp_path):
    """Only the two zero-width spaces LibreOffice puts in place of a floating shape's anchor
    in a change (on opening the file) differ, and only where the shape is not kept."""
    jobs = []
    for inserted in (False, True):
        for inline in (False, True):
            old, new = _figure_pair(inserted, inline)
            paths = [tmp_path / f"{inserted}-{inline}-{name}.docx" for name in "onr"]
            for path, data in zip(paths, (old, new, redline(old, new, date=DATE).data)):
                path.write_bytes(data)
            jobs += [(paths[0], "none"), (paths[1], "none"), (paths[2], "accept"),
                     (paths[2], "reject")]
    views = libreoffice.resolve_revisions(jobs)
    for index in range(0, len(views), 4):
        old_view, new_view, accepted, rejected = views[index: index + 4]
        assert [t.replace("\u200b", "") for t in accepted] == new_view, index
        assert [t.replace("\u200b", "") for t in rejected] == old_view, index
        if index // 4 % 2:  # inline: LibreOffice puts nothing in its place
            assert (accepted, rejected) == (new_view, old_view), index


def test_the_last_mark_moves_back_past_a_paragraph_whose_only_untracked_run_is_a_comment():
    """Paragraphs two sources insert at the end of the text (an insertion conflict, with
    its comment's reference): the body's last mark cannot be removed, so its tracking
    moves back to the last paragraph of the text before them, as for one source."""
    from pipeline.redline.marks import mark_state, settle_marks

    ins = f'<w:ins w:id="{{}}" w:author="{{}}" w:date="{DATE}">'
    body = etree.fromstring(
        f'<w:body xmlns:w="{W[1:-1]}">'
        '<w:p><w:r><w:t>kept</w:t></w:r></w:p>'
        f'<w:p><w:pPr><w:rPr>{ins.format(1, "ATU")[:-1]}/></w:rPr></w:pPr>'
        f'<w:commentRangeStart w:id="9"/>{ins.format(2, "ATU")}<w:r><w:t>one</w:t></w:r>'
        '</w:ins><w:commentRangeEnd w:id="9"/><w:r><w:commentReference w:id="9"/></w:r></w:p>'
        f'<w:p><w:pPr><w:rPr>{ins.format(3, "CITEL")[:-1]}/></w:rPr></w:pPr>'
        f'{ins.format(4, "CITEL")}<w:r><w:t>two</w:t></w:r></w:ins></w:p></w:body>')
    blocks = list(body)

    class Stats:
        marks_across_tables = 0

    def mark(tag):
        return etree.Element(W + tag.split(":")[1], {W + "id": "5", W + "author": "x"})

    settle_marks(blocks, mark, Stats())
    assert [mark_state(p) for p in blocks] == ["ins", "ins", None]
    assert blocks[0].find(f"{W}pPr/{W}rPr/{W}ins").get(W + "author") == "CITEL"


def test_a_long_run_of_inserted_paragraphs_is_walked_back_once(monkeypatch):
    """Each paragraph of a run of inserted ones follows inserted text, so each would walk
    back over the whole run to the same place: the walk is made once (a run of n
    paragraphs costs n, not n squared), and the result is still exact."""
    from pipeline.redline import marks

    calls = []
    real = marks._settle_run_end
    monkeypatch.setattr(marks, "_settle_run_end",
                        lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    old = docx_from_body("<w:p><w:r><w:t>kept</w:t></w:r></w:p>"
                         "<w:p><w:r><w:t>end</w:t></w:r></w:p>")
    added = "".join(f"<w:p><w:r><w:t>added {n}</w:t></w:r></w:p>" for n in range(200))
    new = docx_from_body("<w:p><w:r><w:t>kept</w:t></w:r></w:p>" + added +
                         "<w:p><w:r><w:t>end</w:t></w:r></w:p>")
    _round_trip(old, new)
    assert 0 < len(calls) <= 3, len(calls)


def test_a_paragraph_inserted_after_an_edited_one_of_its_style_records_no_formatting_change():
    """The inserted paragraph's mark tracking moves back to the edited paragraph before it
    (LibreOffice would run the two changes together); both have the same properties, so no
    w:pPrChange is written (one was, when the properties were compared by their bytes
    after one side had been taken out of its paragraph)."""
    style = '<w:pPr><w:pStyle w:val="Normal"/></w:pPr>'

    def doc(*texts: str) -> bytes:
        return docx_from_body("".join(f"<w:p>{style}<w:r><w:t>{t}</w:t></w:r></w:p>"
                                      for t in texts))

    out = _round_trip(doc("one two", "end"), doc("one three", "added text", "end"))
    assert _body(out).find(f".//{W}pPrChange") is None
