"""Unusual markup: what is written stays valid WordprocessingML and inverts exactly."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from pipeline.redline import accept, redline, reject
from tests.redline.docmodel import docx_from_body, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2024-10-15T09:00:00Z"


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


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
    deleted_sdt = [d for d in body.iter(W + "del") if d.find(W + "sdt") is not None]
    assert deleted_sdt and deleted_sdt[0].find(f".//{W}delText").text == "alpha"


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
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        assert b"rIdOld" not in archive.read("word/_rels/document.xml.rels")
