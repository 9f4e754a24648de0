"""itudraft redline / accept / reject at the command line, and bad input."""

from __future__ import annotations

import io
import traceback
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from tests.redline.docmodel import Para, docx_bytes
from tests.wordfile import texts

DATE = "2024-10-15T09:00:00Z"


def _doc(*paragraphs: str) -> bytes:
    return docx_bytes([Para("Normal", [(text, False, False, None)]) for text in paragraphs])


@pytest.fixture()
def pair(tmp_path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(_doc("resolves to invite Member States", "a paragraph that goes"))
    new.write_bytes(_doc("resolves to instruct Member States", "a paragraph that comes"))
    return old, new


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_redline_accept_reject_commands(pair, tmp_path):
    old, new = pair
    out = tmp_path / "out.docx"
    result = _run("redline", str(old), str(new), "-o", str(out), "--author", "RG-WTSA",
                  "--date", DATE)
    assert result.exit_code == 0, result.output
    assert "2 insertions, 2 deletions" in result.output
    assert _run("accept", str(out), "-o", str(tmp_path / "a.docx")).exit_code == 0
    assert _run("reject", str(out), "-o", str(tmp_path / "r.docx")).exit_code == 0
    assert texts((tmp_path / "a.docx").read_bytes()) == texts(new.read_bytes())
    assert texts((tmp_path / "r.docx").read_bytes()) == texts(old.read_bytes())
    assert b'w:author="RG-WTSA"' in zipfile.ZipFile(out).read("word/document.xml")


def test_fixed_date_gives_the_same_bytes(pair, tmp_path):
    old, new = pair
    for name in ("one.docx", "two.docx"):
        _run("redline", str(old), str(new), "-o", str(tmp_path / name), "--date", DATE)
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()


def test_input_with_tracked_changes_is_refused_unless_accepted_first(pair, tmp_path):
    old, new = pair
    marked = tmp_path / "marked.docx"
    _run("redline", str(old), str(new), "-o", str(marked), "--date", DATE)
    out = tmp_path / "again.docx"
    refused = _run("redline", str(marked), str(new), "-o", str(out))
    assert refused.exit_code == 2
    assert "already holds tracked changes" in refused.output and not out.exists()
    accepted = _run("redline", str(marked), str(new), "-o", str(out), "--accept-existing",
                    "--date", DATE)
    assert accepted.exit_code == 0 and "0 insertions, 0 deletions" in accepted.output


def _zip(entries: dict[str, bytes], compress=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_MINIMAL = {"[Content_Types].xml": b"<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>"}
BAD = {
    "not a zip": (b"just some text", "not a zip file"),
    "zip but not docx": (_zip({"hello.txt": b"hi"}), "not a Word .docx package"),
    "encrypted": (_zip({"EncryptionInfo": b"x", **_MINIMAL}), "not a Word .docx package"),
    "zip bomb": (_zip({**_MINIMAL, "word/document.xml": b"<a/>", "pad.bin": b"\0" * (70 << 20)}),
                 "refused as a zip bomb"),
    "doctype in a part not parsed": (
        _zip({**_MINIMAL, "word/document.xml": b"<a/>", "word/styles.xml":
              b"<?xml version='1.0'?><!-- c --><!DOCTYPE s [<!ENTITY e 'x'>]><s/>"}),
        "part word/styles.xml has a DOCTYPE"),
    "damaged part": (_zip({**_MINIMAL, "word/document.xml": b"<a/>" * 100}, zipfile.ZIP_STORED)
                     .replace(b"<a/><a/>", b"<a/><b/>", 1), "is damaged"),  # bad CRC
    "doctype": (_zip({**_MINIMAL, "word/document.xml":
                      b"<?xml version='1.0'?><!DOCTYPE d [<!ENTITY e 'boom'>]><d>&e;</d>"}),
                "has a DOCTYPE"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_exit_2_and_nothing_written(case, pair, tmp_path):
    data, message = BAD[case]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(data)
    out = tmp_path / "out.docx"
    result = _run("redline", str(bad), str(pair[1]), "-o", str(out))
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(bad) in lines[0], result.output
    assert not out.exists()
    assert list(tmp_path.glob(".out.docx*")) == []


def test_bad_date_is_a_usage_error(pair, tmp_path):
    result = _run("redline", str(pair[0]), str(pair[1]), "-o", str(tmp_path / "o.docx"),
                  "--date", "yesterday")
    assert result.exit_code == 2 and "not an ISO 8601 date" in result.output


def test_a_document_without_a_body_is_refused(pair, tmp_path):
    bad = tmp_path / "bodiless.docx"
    bad.write_bytes(_zip({**_MINIMAL, "word/document.xml": b"<w:document xmlns:w="
                          b"'http://schemas.openxmlformats.org/wordprocessingml/2006/main'/>"}))
    result = _run("redline", str(pair[0]), str(bad), "-o", str(tmp_path / "o.docx"))
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "w:body" in result.output and str(bad) in result.output


def test_what_the_engine_cannot_mark_is_named_in_one_line(pair, tmp_path, monkeypatch):
    """A construct the engine fails on is reported by file and paragraph, not as a
    traceback (a failure planted in the marking of a changed paragraph stands for one)."""
    from pipeline.redline import markup as engine

    def fails(self, old, new):
        raise IndexError("list index out of range")

    monkeypatch.setattr(engine.Redliner, "mark_paragraph", fails)
    out = tmp_path / "o.docx"
    result = _run("redline", str(pair[0]), str(pair[1]), "-o", str(out))
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    assert str(pair[1]) in result.output
    assert 'the paragraph "resolves to instruct Member States" of the new document' \
        in result.output and not out.exists()
    debug = _run("--debug", "redline", str(pair[0]), str(pair[1]), "-o", str(out))
    assert "IndexError" in "".join(traceback.format_exception(debug.exception))
