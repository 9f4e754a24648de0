"""A contribution of hundreds of NOC proposals (issue 13): it builds, says how far it has
got while it builds, and every proposal comes out in full; the pieces rendered once
and pasted read exactly as blocks rendered in place (their footnotes numbered after the
document's own)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import panflute as pf
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from bench.proposals_bench import scratch
from pipeline.cli import main
from pipeline.render import Document, Properties, render
from pipeline.render.document import literal_inlines, para, styled
from pipeline.render.pandoc import parse_markdown
from pipeline.render.resolution import escape_markdown
from pipeline.render.inline import Fragments
from pipeline.render.pieces import Pieces
from tests.wordfile import paragraphs

COUNT = 300
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PROGRESS = re.compile(r"^  afcp-40a1\.docx: (\d+)/(\d+) proposals$", re.MULTILINE)


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> tuple[Path, Path, str]:
    """The example content with a contribution of COUNT proposals, built through the
    command line: the proposals folder, the output folder and what was said on stderr."""
    folder = tmp_path_factory.mktemp("many")
    proposals = scratch(folder, COUNT)
    content = proposals.parent.parent
    out = folder / "out"
    result = CliRunner().invoke(main, [
        "resolutions", "--proposals", str(proposals), "--resolutions",
        str(content / "resolutions"), "--assemblies", str(content / "assemblies"),
        "--out", str(out), "--no-paginate"])
    assert result.exit_code == 0, result.output
    return proposals, out, result.stderr


def _sources(proposals: Path) -> dict[str, list[dict]]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["proposals"]
            for path in sorted(proposals.glob("*.yaml"))}


def _blocks(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each proposal line with the paragraphs after it, up to the next one."""
    blocks: list[tuple[str, list[tuple[str, str]]]] = []
    for p in paragraphs(path):
        if p.style == "Proposal":
            blocks.append((p.text, []))
        elif blocks and p.text and set(p.text) != {"_"}:  # not the line that closes it
            blocks[-1][1].append((p.style, p.text))
    return blocks


def test_progress_inside_a_long_contribution_is_told_a_few_times(many):
    _proposals, _out, stderr = many
    told = [(int(done), int(total)) for done, total in PROGRESS.findall(stderr)]
    assert 2 <= len(told) <= 11, stderr
    assert all(total == COUNT for _done, total in told)
    assert [done for done, _ in told] == sorted({done for done, _ in told})  # rising
    assert told[-1][0] == COUNT
    # the short contributions say nothing but their names
    assert "acp-42a1.docx\n" in stderr and "acp-42a1.docx:" not in stderr


def test_every_noc_of_the_source_is_in_the_contribution_with_its_reasons(many):
    proposals, out, _stderr = many
    source = _sources(proposals)["afcp-40a1"]
    nocs = [p for p in source if p["symbol"] == "NOC"]
    assert len(source) == COUNT and len(nocs) > COUNT - 5
    blocks = [b for b in _blocks(out / "afcp-40a1.docx") if b[0].startswith("NOC\t")]
    assert [head for head, _ in blocks] == [f"NOC\t{p['number']}" for p in nocs]
    for (_head, body), proposal in zip(blocks, nocs):
        assert [style for style, _ in body] == ["ResNo", "Restitle", "Reasons"]
        assert body[0][1].startswith(f"RESOLUTION {proposal['resolution']} ")
        assert body[2][1] == "Reasons:\t" + " ".join(proposal["reasons"].split())


def test_the_compilation_holds_every_proposal_once(many):
    proposals, out, _stderr = many
    want = sorted(f"{p['symbol']}\t{p['number']}" for items in _sources(proposals).values()
                  for p in items)
    heads = sorted(head for head, _ in _blocks(out / "compilation.docx"))
    generated = [head for head in heads if head not in want]  # the SUPs merges make
    assert [head for head in heads if head in want] == want
    assert all(head.startswith("SUP\t") for head in generated)
    nocs = [body for head, body in _blocks(out / "compilation.docx") if head.startswith("NOC\t")]
    assert all([style for style, _ in body][:3] == ["ResNo", "Restitle", "Reasons"]
               for body in nocs)


def _document(blocks: list[pf.Block], fragments: Fragments, origin: Path,
              pieces: Pieces | None = None) -> Document:
    return Document(blocks=blocks, origin=origin, properties=Properties("t", "s", ["k"], "c", "2024-01-01T00:00:00Z"),
                    header=["X"], fragments=fragments, pieces=pieces)


def _noted(fragments: Fragments, prefix: str) -> list[pf.Block]:
    fragments.notes([f"[^{prefix}x1]: The note."])
    return [pf.Para(fragments.inline(f"With a note[^{prefix}x1]."))]


PIECES = {  # builders take the fragments and a prefix for note labels
    "plain": lambda f, _n: [para("RESOLUTION 906 (Rev. Geneva, 2022)", "Res_No"),
                        styled("Res_title", pf.Para(f.inline("Regional *workshops* & more")))],
    "reasons": lambda f, _n: [styled("Reasons", pf.Para(pf.Strong(pf.Str("Reasons:")), pf.Str("\t"),
                                                     f.inline("It \\[stays\\] \"as typed\"...")))],
    "note": lambda f, n: _noted(f, n),
    "link": lambda f, _n: [pf.Para(f.inline("See <https://www.itu.int>."))],
    "bookmark": lambda f, _n: [styled("Proposal", pf.Para(pf.Str("NOC")), identifier="Prop0001")],
    "table": lambda f, _n: [f.blocks("| a | b |\n|---|---|\n| 1 | 2 |")],
}


@pytest.mark.parametrize("order", [list(PIECES), list(reversed(PIECES))])
def test_pieces_read_as_blocks_rendered_in_place(tmp_path, order):
    """Each piece twice, among blocks of the document's own, with notes and links
    around them: the same bytes as the same blocks rendered in place."""
    origin = tmp_path / "x.yaml"

    def blocks(place) -> list[pf.Block]:
        out: list[pf.Block] = []
        for name in order * 2:
            out.append(para(f"before {name}"))
            out.extend(place(name))
        return out

    fragments, count = Fragments(origin), iter(range(100))
    in_place = render(_document(blocks(lambda name: PIECES[name](fragments, f"i{next(count)}")),
                                fragments, origin))
    pieces, fragments = Pieces(), Fragments(origin)
    placed = _document(blocks(lambda name: [pieces.place(name, PIECES[name], origin)]),
                       fragments, origin, pieces)
    assert _notes_in_order(render(placed)) == _notes_in_order(in_place)
    assert _notes_in_order(render(placed)) == _notes_in_order(in_place)  # pieces made before


def _notes_in_order(data: bytes) -> dict[str, bytes]:
    """The parts of a .docx with its footnotes numbered in the order of their references
    and relationships and bookmarks named by their targets and order: pasted pieces'
    notes take the next free ids, where pandoc numbers notes in order, on the counter it
    also numbers relationships and bookmarks by."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: archive.read(name) for name in archive.namelist()}
    document = etree.fromstring(parts["word/document.xml"])
    notes = etree.fromstring(parts["word/footnotes.xml"])
    ident = f"{{{W}}}id"
    references = list(document.iter(f"{{{W}}}footnoteReference"))
    new = {ref.get(ident): str(number) for number, ref in enumerate(references, start=1)}
    for ref in references:
        ref.set(ident, new[ref.get(ident)])
    for note in notes:
        note.set(ident, new.get(note.get(ident), note.get(ident)))
    notes[:] = sorted(notes, key=lambda note: int(note.get(ident)))
    marks: dict[str, str] = {}
    for mark in document.iter(f"{{{W}}}bookmarkStart", f"{{{W}}}bookmarkEnd"):
        mark.set(ident, marks.setdefault(mark.get(ident), str(len(marks))))
    for root, name in ((document, "document"), (notes, "footnotes")):
        rels = f"word/_rels/{name}.xml.rels"
        targets = {rel.get("Id"): rel.get("Target") for rel in etree.fromstring(parts[rels])}
        for node in root.iter():
            for key, value in node.attrib.items():
                if key.startswith(f"{{{R}}}"):
                    node.set(key, targets[value])
        parts[rels] = repr(sorted((rel.get("Type"), rel.get("Target"))
                                  for rel in etree.fromstring(parts[rels]))).encode()
    parts["word/document.xml"] = etree.tostring(document)
    parts["word/footnotes.xml"] = etree.tostring(notes)
    return parts


_WORDS = st.text(alphabet=st.sampled_from(list("aZ09.,;:!?'\"()/%+=#-\u00e9\u2013\u201c\u2026\u00bf\u00b7"
                                               "*_`[]<>~^@&$\\{}|\u00a0")), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8).map(" ".join))
def test_reasons_read_without_pandoc_read_as_pandoc_reads_them(text):
    """Reasons made into words directly are what pandoc reads from them escaped; text
    that only pandoc can tell (markup characters, odd spaces) is left to pandoc."""
    words = literal_inlines(text)
    doc = parse_markdown(f"[]{{#f0}} {escape_markdown(text)}\n", "reasons", "-smart",
                         lines=False)
    read = list(doc.content[0].content)[2:]  # after the anchor and its space
    if words is not None:
        assert len(doc.content) == 1
        assert [(type(x), pf.stringify(x)) for x in words] == \
            [(type(x), pf.stringify(x)) for x in read]
    else:
        assert set(text) & set("*_`[]<>~^@&$\\{}|\u00a0") or "  " in text
