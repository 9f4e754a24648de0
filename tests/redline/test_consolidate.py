"""Consolidation: one base, several drafts, every draft's changes authored by its draft.

The invariants, on generated bases with 2 to 6 generated drafts: Reject All gives the
base; Accept All holds every draft's new words; accepting one draft's revisions and
rejecting the others gives that draft (conflicts included: a conflict deletes the
base text once, by all its drafts, and inserts each proposal by its own); drafts given
in another order give the same texts and conflicts; revision and comment ids are
unique, every revision is a draft's; a draft equal to the base adds nothing; same
bytes twice.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from pipeline import libreoffice
from pipeline.errors import PipelineError
from pipeline.redline import accept, consolidate, redline, reject
from pipeline.redline.frames import MARK
from tests import office
from tests.redline import generate
from tests.redline.docmodel import Para, Table, docx_bytes
from tests.wordfile import notes, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCES = ["APT", "ATU", "CEPT", "CITEL", "RCC", "ASMG"]
REVISIONS = ("ins", "del", "rPrChange", "pPrChange")
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _drafts(base_model, rng: random.Random, count: int) -> list[tuple[bytes, str, str]]:
    out = []
    for k in range(count):
        model = generate.revise(base_model, rng)
        out.append((docx_bytes(model), SOURCES[k], f"2024-09-{10 + k:02d}T00:00:00Z"))
    return out


def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name in ("word/document.xml", "word/footnotes.xml", "word/comments.xml")}


def _alone(data: bytes, author: str, authors: list[str]) -> bytes:
    """The consolidated text with *author*'s revisions accepted and the others' rejected."""
    others = [a for a in authors if a != author]
    accepted = accept(data, [author]) if _has_revisions_by(data, author) else data
    present = [a for a in others if _has_revisions_by(accepted, a)]
    return reject(accepted, present) if present else accepted


def _has_revisions_by(data: bytes, author: str) -> bool:
    return any(author in (node.get(W + "author") or "").split("; ")
               for root in _parts(data).values() for tag in REVISIONS
               for node in root.iter(W + tag))


def _inserted_words(base: bytes, draft: bytes) -> set[str]:
    """The words a redline of *draft* against *base* shows inserted in the body."""
    body = _parts(redline(base, draft, date="2024-09-10T00:00:00Z").data)["word/document.xml"]
    return {word for node in body.iter(W + "ins") for t in node.iter(W + "t")
            for word in re.findall(r"\w+", t.text or "")}


@SETTINGS
@given(st.randoms(use_true_random=False), st.integers(min_value=2, max_value=6))
def test_each_draft_comes_back_alone_and_reject_all_gives_the_base(rng, count):
    model = generate.document(rng)
    base = docx_bytes(model)
    drafts = _drafts(model, rng, count)
    result = consolidate(base, drafts)
    authors = [author for _, author, _ in drafts]
    assert texts(reject(result.data)) == texts(base)
    assert notes(reject(result.data)) == notes(base)
    # exact for every draft, unless whole paragraphs one draft inserts or deletes sit
    # next to another's change: then a paragraph mark moved across them, and the
    # consolidation says so (a "structure" conflict) where one draft alone may differ
    if not any(c.kind == "structure" for c in result.conflicts):
        for data, author, _ in drafts:
            alone = _alone(result.data, author, authors)
            assert texts(alone) == texts(data), author
            assert notes(alone) == notes(data), author
    # Accept All: every word a draft inserts is there (conflicting proposals stand side
    # by side, so two of them may touch: "the" and "assembly" read "theassembly")
    accepted = " ".join(texts(accept(result.data)))
    for data, author, _ in drafts:
        assert all(word in accepted for word in _inserted_words(base, data)), author


@SETTINGS
@given(st.randoms(use_true_random=False), st.integers(min_value=2, max_value=4))
def test_another_order_gives_the_same_texts_and_conflicts(rng, count):
    model = generate.document(rng)
    base = docx_bytes(model)
    drafts = _drafts(model, rng, count)
    first = consolidate(base, drafts)
    second = consolidate(base, list(reversed(drafts)))
    authors = [author for _, author, _ in drafts]
    if not any(c.kind == "structure" for c in first.conflicts + second.conflicts):
        for _, author, _ in drafts:
            assert texts(_alone(first.data, author, authors)) == \
                texts(_alone(second.data, author, authors))

    def shape(conflicts):
        return sorted((c.kind, c.base, tuple(sorted(c.proposals))) for c in conflicts
                      if c.kind != "structure")
    assert shape(first.conflicts) == shape(_reorder(second.conflicts, authors))


def _reorder(conflicts, authors):
    """Conflicts with joint authors written in the first run's order."""
    rank = {a: i for i, a in enumerate(authors)}
    out = []
    for c in conflicts:
        proposals = tuple(("; ".join(sorted(who.split("; "), key=rank.get)), text)
                          for who, text in c.proposals)
        out.append(type(c)(c.kind, c.base, proposals, c.context))
    return out


@SETTINGS
@given(st.randoms(use_true_random=False), st.integers(min_value=2, max_value=6))
def test_ids_are_unique_and_every_revision_is_a_drafts(rng, count):
    model = generate.document(rng)
    drafts = _drafts(model, rng, count)
    result = consolidate(docx_bytes(model), drafts)
    authors = {author for _, author, _ in drafts}
    ids = Counter()
    comments = Counter()
    parts = _parts(result.data)
    for name, root in parts.items():
        if name == "word/comments.xml":
            comments.update(c.get(W + "id") for c in root.iter(W + "comment"))
            continue
        for tag in REVISIONS:
            for node in root.iter(W + tag):
                assert set(node.get(W + "author").split("; ")) <= authors
                ids[node.get(W + "id")] += 1
        for node in root.iter(W + "bookmarkStart"):
            ids[node.get(W + "id")] += 1
    assert not [i for i, n in ids.items() if n > 1]
    assert not [i for i, n in comments.items() if n > 1]
    referenced = {node.get(W + "id") for root in parts.values()
                  for node in root.iter(W + "commentReference")}
    assert referenced == set(comments)
    assert len(comments) == len([c for c in result.conflicts
                                 if c.kind not in ("formatting", "structure")])


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.randoms(use_true_random=False))
def test_a_draft_equal_to_the_base_adds_nothing(rng):
    model = generate.document(rng)
    base = docx_bytes(model)
    changed = docx_bytes(generate.revise(model, rng))
    alone = redline(base, changed, author="APT", date="2024-09-10T00:00:00Z").data
    with_copy = consolidate(base, [(changed, "APT", "2024-09-10T00:00:00Z"),
                                   (base, "CEPT", "2024-09-11T00:00:00Z")])
    assert not _has_revisions_by(with_copy.data, "CEPT")
    assert texts(accept(with_copy.data)) == texts(accept(alone))
    assert with_copy.revisions["CEPT"] == 0 and not with_copy.conflicts


def test_one_draft_alone_is_exact_in_most_generated_cases():
    """How often the "structure" caveat applies, on small generated documents where
    each of 2-6 drafts inserts, deletes or moves paragraphs often: in most cases every
    draft comes back exactly (on real Resolutions, with few such edits, nearly all)."""
    exact = 0
    for seed in range(60):
        rng = random.Random(seed)
        model = generate.document(rng)
        result = consolidate(docx_bytes(model), _drafts(model, rng, 2 + seed % 5))
        exact += not any(c.kind == "structure" for c in result.conflicts)
    assert exact >= 30


def test_same_inputs_give_the_same_bytes():
    rng = random.Random(11)
    model = generate.document(rng)
    drafts = _drafts(model, rng, 3)
    assert consolidate(docx_bytes(model), drafts).data == consolidate(docx_bytes(model), drafts).data


def _one(text: str) -> bytes:
    return docx_bytes([Para("Normal", [(text, False, False, None)]),
                       Para("Normal", [("b) that the regions meet before the assembly", False,
                                        False, None)])])


def test_the_same_edit_by_two_drafts_is_one_revision_by_both():
    base = _one("a) that the assembly adopts its Resolutions")
    same = _one("a) that the assembly adopts and revises its Resolutions")
    result = consolidate(base, [(same, "APT", None), (same, "CEPT", None)])
    body = _parts(result.data)["word/document.xml"]
    inserted = [(i.get(W + "author"), "".join(t.text for t in i.iter(W + "t")))
                for i in body.iter(W + "ins")]
    assert inserted == [("APT; CEPT", " and revises")] or \
        inserted == [("APT; CEPT", "and revises ")]
    assert result.shared >= 1 and not result.conflicts
    assert result.revisions == {"APT": 1, "CEPT": 1}


def test_different_rewrites_of_one_phrase_are_a_conflict_with_a_comment():
    base = _one("a) that the assembly adopts its Resolutions by consensus")
    apt = _one("a) that the assembly adopts its Resolutions by a vote")
    cept = _one("a) that the assembly adopts its Resolutions without a vote")
    result = consolidate(base, [(apt, "APT", None), (cept, "CEPT", None)])
    assert [c.kind for c in result.conflicts] == ["text"]
    conflict = result.conflicts[0]
    assert [who for who, _ in conflict.proposals] == ["APT", "CEPT"]
    parts = _parts(result.data)
    comment = "".join(t.text for t in parts["word/comments.xml"].iter(W + "t"))
    assert "APT" in comment and "CEPT" in comment and "vote" in comment
    body = parts["word/document.xml"]
    deleted = [(d.get(W + "author"), "".join(t.text for t in d.iter(W + "delText")))
               for d in body.iter(W + "del")]
    assert any(who == "APT; CEPT" and "consensus" in text for who, text in deleted)
    assert texts(_alone(result.data, "APT", ["APT", "CEPT"])) == texts(apt)
    assert texts(_alone(result.data, "CEPT", ["APT", "CEPT"])) == texts(cept)


def test_a_paragraph_one_draft_deletes_and_another_edits_is_a_conflict():
    base = _one("a) that the assembly adopts its Resolutions")
    gone = docx_bytes([Para("Normal", [("b) that the regions meet before the assembly", False,
                                        False, None)])])
    edited = _one("a) that the assembly adopts all its Resolutions")
    result = consolidate(base, [(gone, "APT", None), (edited, "CEPT", None)])
    assert result.conflicts
    assert texts(_alone(result.data, "APT", ["APT", "CEPT"])) == texts(gone)
    assert texts(_alone(result.data, "CEPT", ["APT", "CEPT"])) == texts(edited)


def test_accept_and_reject_of_one_author_leave_the_others():
    base = _one("a) that the assembly adopts its Resolutions")
    apt = _one("a) that the assembly adopts all its Resolutions")
    cept = docx_bytes([Para("Normal", [("a) that the assembly adopts its Resolutions", False,
                                        False, None)]),
                       Para("Normal", [("b) that the regions meet well before the assembly",
                                        False, False, None)])])
    data = consolidate(base, [(apt, "APT", None), (cept, "CEPT", None)]).data
    assert texts(accept(data, ["APT"])) == texts(apt) or _has_revisions_by(accept(data, ["APT"]),
                                                                          "CEPT")
    assert not _has_revisions_by(accept(data, ["APT"]), "APT")
    assert _has_revisions_by(reject(data, ["APT"]), "CEPT")
    with pytest.raises(PipelineError, match="no revision by ITU"):
        accept(data, ["ITU"])


def test_drafts_need_authors_of_their_own():
    base = _one("a) text")
    with pytest.raises(PipelineError, match="author of its own"):
        consolidate(base, [(base, "APT", None), (base, "APT", None)])


def _table_replaced() -> tuple[bytes, list[tuple[bytes, str, str]]]:
    """A table between two paragraphs; APT deletes it, CEPT puts another in its place."""
    def doc(*table):
        return docx_bytes([Para("Normal", [("a) the assembly", False, False, None)]), *table,
                           Para("Normal", [("b) the regions", False, False, None)])])
    return doc(Table([["study", "groups"], ["TSAG", "report"]])), [
        (doc(), "APT", "2024-09-10T00:00:00Z"),
        (doc(Table([["study", "groups"], ["TSAG", "Bureau"]])), "CEPT", "2024-09-11T00:00:00Z")]


def test_a_conflict_comment_in_a_deleted_table_is_deleted_with_its_rows():
    """The mark of a comment on a table the drafts change differently is tracked as
    deleted with the rows, by their authors, and its range closes after it (LibreOffice
    keeps a row whose comment mark is not deleted so)."""
    base, drafts = _table_replaced()
    body = _parts(consolidate(base, drafts).data)["word/document.xml"]
    reference = next(body.iter(W + "commentReference"))
    wrapper = reference.getparent().getparent()
    row = next(wrapper.iterancestors(W + "tr"))
    assert wrapper.tag == W + "del"
    assert wrapper.get(W + "author") == row.find(f"{W}trPr/{W}del").get(W + "author") \
        == "APT; CEPT"
    assert wrapper.getnext().tag == W + "commentRangeEnd"


def test_accepting_a_deleted_table_takes_its_conflict_comment_with_it():
    """Accept All removes the table one source deletes and with it the comment anchored
    there: no comment is left in comments.xml without its mark in the text."""
    base, drafts = _table_replaced()
    data = consolidate(base, drafts).data
    assert next(_parts(data)["word/document.xml"].iter(W + "commentReference"), None) is not None
    for resolved in (accept(data), reject(data)):
        parts = _parts(resolved)
        marks = {node.get(W + "id") for node in parts["word/document.xml"].iter(
            W + "commentReference", W + "commentRangeStart", W + "commentRangeEnd")}
        comments = {node.get(W + "id") for node in parts["word/comments.xml"].iter(W + "comment")} \
            if "word/comments.xml" in parts else set()
        assert comments <= marks and marks <= comments


def test_framed_figures_leave_no_note_of_the_engine_in_the_output():
    """A figure in a framed table, drafts editing around it: the consolidation holds no
    attribute of the engine's own (ECMA-376 Part 3 has a consumer take an attribute of a
    namespace it does not know, not marked ignorable, as an error)."""
    figure = Table([["Figure 1"], ["the regions"]], framed=True)
    base = docx_bytes([Para("Normal", [("a) the assembly", False, False, None)]), figure])
    apt = docx_bytes([Para("Normal", [("a) the whole assembly", False, False, None)]), figure])
    cept = docx_bytes([Para("Normal", [("a) the assembly", False, False, None)]),
                       Table([["Figure 1"], ["the six regions"]], framed=True)])
    parts = _parts(consolidate(base, [(apt, "APT", None), (cept, "CEPT", None)]).data)
    assert next(parts["word/document.xml"].iter(W + "tblpPr"), None) is not None
    assert not [name for root in parts.values() for node in root.iter()
                for name in node.attrib if name.startswith("{urn:itudraft")]
    assert not [node for root in parts.values() for node in root.iter() if node.get(MARK)]


@office.apply(office.bridge)
def test_libreoffice_removes_a_table_in_conflict_whole_as_we_do(tmp_path):
    """A table one draft deletes and another replaces, with the conflict's comment on it:
    LibreOffice's Accept All and Reject All read as ours, and as the drafts merged."""
    base, drafts = _table_replaced()
    data = consolidate(base, drafts).data
    path = tmp_path / "c.docx"
    path.write_bytes(data)
    jobs = []
    for action, resolve in (("accept", accept), ("reject", reject)):
        ours = tmp_path / f"c-{action}.docx"
        ours.write_bytes(resolve(data))
        jobs += [(path, action), (ours, "none")]
    results = libreoffice.resolve_revisions(jobs)
    assert results[0] == results[1] == ["a) the assembly", "study", "groups", "TSAG", "Bureau",
                                        "b) the regions"]
    assert results[2] == results[3] == texts(base)


@pytest.mark.xfail(strict=True, reason="known gap (issue 10), LibreOffice's: seed 1008's Reject "
                   "All. A table inserted at the start of a text with a comment (a conflict) "
                   "comes with an empty paragraph before it in LibreOffice 7.4, before any "
                   "Accept or Reject (a text that starts with a table and holds a comment reads "
                   "so with no revision at all); Reject All keeps that paragraph, ours has none")
@office.apply(office.bridge)
def test_libreoffice_accepts_and_rejects_generated_consolidations_as_we_do(tmp_path):
    """LibreOffice's Accept All and Reject All read as ours (each read by LibreOffice),
    on generated bases with 2 to 6 drafts."""
    jobs = []
    for seed in range(12):
        rng = random.Random(1000 + seed)
        model = generate.document(rng)
        data = consolidate(docx_bytes(model), _drafts(model, rng, 2 + seed % 5)).data
        path = tmp_path / f"c{seed}.docx"
        path.write_bytes(data)
        for action, resolve in (("accept", accept), ("reject", reject)):
            ours = tmp_path / f"c{seed}-{action}.docx"
            ours.write_bytes(resolve(data))
            jobs += [(path, action), (ours, "none")]
    results = libreoffice.resolve_revisions(jobs)
    for index in range(0, len(results), 2):
        assert results[index] == results[index + 1], jobs[index]


def test_two_cores_give_the_bytes_of_one(monkeypatch):
    """On a large text the drafts are keyed and aligned half in a forked child, and the
    merge is done half there: forced on small ones, the consolidation is the bytes, the
    conflicts and the counts of the one-process path (comments in both halves, notes,
    tables, insertions at the cut)."""
    import sys

    from pipeline.redline import forked, versions

    merging = sys.modules["pipeline.redline.consolidate"]  # (the package's name is a function)
    cases = []
    for seed in range(8):
        rng = random.Random(3000 + seed)
        model = generate.document(rng, 6 + 2 * seed)
        cases.append((docx_bytes(model), _drafts(model, rng, 2 + seed % 4)))
    # a conflict near each end: comments in both halves, the child's numbered after ours
    texts_ = [f"{letter}) that the text of item {letter} stays as it is" for letter in "abcdefgh"]
    plain = [Para("Normal", [(text, False, False, None)]) for text in texts_]

    def rewritten(first: str, last: str) -> bytes:
        model = list(plain)
        model[0] = Para("Normal", [(texts_[0].replace("stays", first), False, False, None)])
        model[-1] = Para("Normal", [(texts_[-1].replace("stays", last), False, False, None)])
        return docx_bytes(model)

    cases.append((docx_bytes(plain), [(rewritten("goes", "ends"), "APT", "2024-09-10"),
                                      (rewritten("changes", "grows"), "CEPT", "2024-09-11")]))
    for module in (versions, merging):
        monkeypatch.setattr(module, "two_cores", lambda: False)
    one = [consolidate(base, drafts) for base, drafts in cases]
    assert len(one[-1].conflicts) == 2
    for module in (versions, merging):
        monkeypatch.setattr(module, "two_cores", lambda: True)
        monkeypatch.setattr(module, "LARGE", 0)
    real_fork = forked.os.fork
    calls = []
    monkeypatch.setattr(forked.os, "fork", lambda: calls.append(1) or real_fork())
    two = [consolidate(base, drafts) for base, drafts in cases]
    assert len(calls) >= 2 * len(cases), "the two-core paths were not taken"
    assert [c.data for c in two] == [c.data for c in one]
    assert [c.conflicts for c in two] == [c.conflicts for c in one]
    assert [(c.revisions, c.shared) for c in two] == [(c.revisions, c.shared) for c in one]
    assert sum(len(c.conflicts) for c in one) >= 4  # conflicts, so comments, were there


def test_no_child_to_be_had_is_one_process(monkeypatch):
    """A fork that fails (no memory or processes left): one process, same bytes."""
    import sys

    from pipeline.redline import forked, versions

    merging = sys.modules["pipeline.redline.consolidate"]
    rng = random.Random(3200)
    model = generate.document(rng, 10)
    base, drafts = docx_bytes(model), _drafts(model, rng, 3)
    one = consolidate(base, drafts).data
    for module in (versions, merging):
        monkeypatch.setattr(module, "two_cores", lambda: True)
        monkeypatch.setattr(module, "LARGE", 0)

    def no_fork():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked.os, "fork", no_fork)
    assert consolidate(base, drafts).data == one


def test_a_failed_child_is_done_again_here(monkeypatch):
    """A child that fails sends nothing: its part is done in this process, same bytes."""
    import sys

    from pipeline.redline import forked, versions

    merging = sys.modules["pipeline.redline.consolidate"]
    rng = random.Random(3100)
    model = generate.document(rng, 10)
    base, drafts = docx_bytes(model), _drafts(model, rng, 3)
    for module in (versions, merging):
        monkeypatch.setattr(module, "two_cores", lambda: False)
    one = consolidate(base, drafts).data
    for module in (versions, merging):
        monkeypatch.setattr(module, "two_cores", lambda: True)
        monkeypatch.setattr(module, "LARGE", 0)
    real_fork = forked.os.fork

    def failing_fork():
        pid = real_fork()
        if pid == 0:
            forked.os._exit(1)
        return pid

    monkeypatch.setattr(forked.os, "fork", failing_fork)
    assert consolidate(base, drafts).data == one


def test_a_draft_from_another_producer_brings_only_its_edits():
    """A draft whose roots declare other namespaces (another Word, another editor): its
    unchanged runs are no formatting changes, its edits the same revisions."""
    from tests.redline.test_itu_samples import declaring_more

    rng = random.Random(7)
    base_model = generate.document(rng, 10)
    base = docx_bytes(base_model)
    drafts = [docx_bytes(generate.revise(base_model, random.Random(seed))) for seed in (1, 2)]
    plain = consolidate(base, [(d, name, "2024-01-01") for d, name in zip(drafts, ("A", "B"))])
    other = consolidate(base, [(declaring_more(drafts[0]), "A", "2024-01-01"),
                               (drafts[1], "B", "2024-01-01")])
    assert other.revisions == plain.revisions
    assert [c.kind for c in other.conflicts] == [c.kind for c in plain.conflicts]
    assert texts(accept(other.data)) == texts(accept(plain.data))
    assert texts(reject(other.data)) == texts(base)


def test_the_base_from_another_producer_is_no_draft_of_its_own():
    """The text in force saved by another producer (its roots declaring more, or in
    another order) beside a draft that deletes a paragraph: no conflict and no
    revision by the first; the same paragraph inserted by both is one revision by both."""
    from tests.redline.test_itu_samples import declaring_more, declaring_otherwise

    paragraphs = [f"{letter}) that item {letter} of the text stays" for letter in "abcde"]
    model = [Para("Normal", [(text, False, False, None)]) for text in paragraphs]
    base = docx_bytes(model)
    shorter = docx_bytes(model[:2] + model[3:])
    longer = docx_bytes(model[:2] + [Para("Normal", [("bis) that a new item comes", False,
                                                       False, None)])] + model[2:])
    for resaved in (declaring_more, declaring_otherwise):
        alone = consolidate(base, [(resaved(base), "APT", None), (shorter, "CEPT", None)])
        assert not alone.conflicts and alone.revisions["APT"] == 0, resaved.__name__
        both = consolidate(base, [(resaved(longer), "APT", None), (longer, "CEPT", None)])
        assert not both.conflicts and both.shared >= 1, resaved.__name__


def test_blocks_written_in_place_or_each_on_its_own_consolidate_alike(monkeypatch):
    """The drafts' blocks are cut from one writing of their body; where they cannot be
    (forced here), each is written on its own: the same consolidation, conflicts and
    counts either way."""
    from pipeline.redline import versions

    cases = []
    for seed in range(6):
        rng = random.Random(4000 + seed)
        model = generate.document(rng, 10)
        cases.append((docx_bytes(model), _drafts(model, rng, 2 + seed % 4)))
    cut = [consolidate(base, drafts) for base, drafts in cases]
    calls = []
    monkeypatch.setattr(versions, "blocks_bytes", lambda blocks: calls.append(1))
    each = [consolidate(base, drafts) for base, drafts in cases]
    assert calls, "the blocks were not cut from their body"
    assert [c.data for c in each] == [c.data for c in cut]
    assert [c.conflicts for c in each] == [c.conflicts for c in cut]
    assert [(c.revisions, c.shared) for c in each] == [(c.revisions, c.shared) for c in cut]


def test_a_framed_tables_cells_edited_bring_no_formatting_change():
    """Tables of framed paragraphs (written as floating tables, marked in the engine's
    own namespace under a prefix each tree numbers as it meets them: ns0, ns1...), the
    first deleted and a cell of the second edited: its words change, its paragraphs'
    properties do not (there was a w:pPrChange whose before and after were the same:
    the second table's prefix is ns1 in the text in force, ns0 in the draft)."""
    rows = [["Region", "Proposal"], ["APT", "MOD"], ["CEPT", "NOC"]]
    model = [Table(rows, framed=True),
             Para("Normal", [("the assembly resolves", False, False, None)]),
             Table(rows, framed=True),
             Para("Normal", [("to instruct the Director", False, False, None)])]
    edited = [model[1], Table([rows[0], ["APT", "MOD as amended"], rows[2]], framed=True),
              model[3]]
    other = model[:3] + [Para("Normal", [("to instruct the Directors", False, False, None)])]
    base = docx_bytes(model)
    marked = redline(base, docx_bytes(edited), date="2024-09-10T00:00:00Z").data
    result = consolidate(base, [(docx_bytes(edited), "APT", "2024-09-10"),
                                (docx_bytes(other), "CEPT", "2024-09-11")])
    for data in (marked, result.data):
        assert not list(_parts(data)["word/document.xml"].iter(W + "pPrChange"))
        assert texts(reject(data)) == texts(base)
    assert texts(accept(marked)) == texts(docx_bytes(edited))
    assert texts(accept(result.data)) == texts(docx_bytes(edited[:2] + other[3:]))
