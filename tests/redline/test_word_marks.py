"""Revision marks a person would make: whole words deleted and inserted, a rewritten
phrase as one deletion and one insertion, not interleaved word by word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bench import corpus, quality
from pipeline.redline import accept, markup, redline, reject
from pipeline.redline.align import diff_tokens, tokens
from pipeline.redline import words
from pipeline.redline.words import diff_words
from tests.redline.docmodel import Para, docx_bytes
from tests.wordfile import part, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = "2024-10-15T09:00:00Z"


def _marked(old_text: str, new_text: str) -> tuple[list[str], list[str]]:
    """The deleted and the inserted texts (outer spaces stripped) of the redline of two
    one-paragraph documents, after checking that Accept and Reject give them back."""
    old = docx_bytes([Para("Normal", [(old_text, False, False, None)])])
    new = docx_bytes([Para("Normal", [(new_text, False, False, None)])])
    out = redline(old, new, date=DATE).data
    assert texts(accept(out)) == [new_text] and texts(reject(out)) == [old_text]
    body = part(out, "word/document.xml")
    deleted = ["".join(d.itertext()).strip() for d in body.iter(W + "del")]
    inserted = ["".join(i.itertext()).strip() for i in body.iter(W + "ins")]
    return deleted, inserted


def test_a_word_removed_and_words_added_are_marked_as_words():
    assert _marked("the previous assemblies", "the assemblies of 2016 and 2022") == \
        (["previous"], ["of 2016 and 2022"])


def test_a_retitled_resolution_is_one_deletion_and_one_insertion():
    assert _marked("Strengthening electronic working methods for study group",
                   "Strengthening electronic working methods and remote participation") == \
        (["for study group"], ["and remote participation"])


def test_a_function_word_between_two_changes_joins_them():
    assert _marked("that the report of the study group on security",
                   "that the summary of the working party on security") == \
        (["report of the study group"], ["summary of the working party"])


def test_punctuation_changes_alone_and_joins_a_deleted_word_next_to_it():
    assert _marked("Member States, Sector Members", "Member States; Sector Members") == \
        ([","], [";"])
    assert _marked("to the best of their ability, help", "to the best of their, help") == \
        (["ability"], [])


def test_field_characters_and_note_references_never_join_a_change():
    old = tokens("see the ") + ["\x01footnoteReference"] + tokens(" old text")
    new = tokens("see a ") + ["\x01footnoteReference"] + tokens(" new text")
    ops = diff_words(old, new)
    reference = old.index("\x01footnoteReference")
    assert any(op == "equal" and i1 <= reference < i2 for op, i1, i2, _, _ in ops)


def test_on_the_benchmark_corpus_marks_stay_near_the_minimal_and_regions_do_not_grow(
        monkeypatch):
    old, new, _ = corpus.corpus(10)
    words = quality.measure(old, new, redline(old, new, date=DATE).data)
    monkeypatch.setattr(markup, "diff_words", diff_tokens)  # the token alignment it replaced
    tokens_only = quality.measure(old, new, redline(old, new, date=DATE).data)
    assert words.marked_words <= 1.05 * words.minimal_words
    assert words.regions <= tokens_only.regions


def test_the_quality_measure_counts_words_and_regions():
    old = docx_bytes([Para("Normal", [("a b c d", False, False, None)])])
    new = docx_bytes([Para("Normal", [("a x c y", False, False, None)])])
    out = redline(old, new, date=DATE).data
    measured = quality.measure(old, new, out)
    assert (measured.marked_words, measured.minimal_words, measured.regions) == (4, 4, 2)


_PIECES = ["the", "assembly", "Member", "States", " ", "  ", "\t", ",", ".", ";", "(", "-",
           "\x01fldChar:1", "\x01footnoteReference:2", "2024", "漢", "字"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14),
       st.lists(st.tuples(st.integers(0, 2), st.integers(0, 20), st.sampled_from(_PIECES)),
                max_size=4),
       st.booleans())
def test_shortcuts_mark_as_the_long_ways_do(old, edits, as_tuple):
    """The short ways (the common end found by halving; a unit replaced by one unit, the
    most common edit once the common ends are off, without building the sides) give
    the opcodes of the long ways on every pair of token lists: word replaced,
    punctuation changed, spaces, field and note atoms, a script written without spaces."""
    new = list(old)
    for kind, where, piece in edits:
        at = where % (len(new) + 1)
        if kind == 0 and at < len(new):
            new[at] = piece
        elif kind == 1:
            new.insert(at, piece)
        elif at < len(new):
            del new[at]
    side = tuple(old) if as_tuple else old
    got = words.diff_words(side, new)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words, "_one_unit_each", lambda old, new: None)
        patch.setattr(words, "_common_suffix", _common_suffix_one_by_one)
        assert got == words.diff_words(side, new)
    assert sum(i2 - i1 for _, i1, i2, _, _ in got) == len(old)
    assert sum(j2 - j1 for _, _, _, j1, j2 in got) == len(new)


def _common_suffix_one_by_one(old, new, limit):
    common = 0
    while common < limit and old[-1 - common] == new[-1 - common]:
        common += 1
    return common
