"""The alignment on plain strings: which blocks are equal, edited, removed or added."""

from __future__ import annotations

from pipeline.redline.align import Blocks, Op, align, align_versions, diff_tokens, tokens


def _blocks(*texts: str) -> Blocks:
    return Blocks(list(texts), list(texts))


def _ops(steps) -> list[tuple[str, int | None, int | None]]:
    return [(step.op.value, step.old, step.new) for step in steps]


def test_equal_blocks_match_in_order():
    assert _ops(align(_blocks("a", "b"), _blocks("a", "b"))) == \
        [("equal", 0, 0), ("equal", 1, 1)]


def test_an_edited_block_pairs_with_its_old_self():
    old = _blocks("the assembly resolves to invite Member States", "end")
    new = _blocks("the assembly resolves to instruct Member States", "end")
    assert _ops(align(old, new)) == [("pair", 0, 0), ("equal", 1, 1)]


def test_unlike_blocks_are_deleted_then_inserted():
    old = _blocks("start", "a paragraph about regional focal points", "end")
    new = _blocks("start", "zzzz qqqq 1234", "end")
    assert _ops(align(old, new)) == [("equal", 0, 0), ("delete", 1, None), ("insert", None, 1),
                                     ("equal", 2, 2)]


def test_a_removed_block_equal_to_the_next_one_goes_last():
    # either empty paragraph could be the removed one; the later keeps it joinable
    old, new = _blocks("x", "", "", "y"), _blocks("x", "", "y")
    assert _ops(align(old, new)) == [("equal", 0, 0), ("equal", 1, 1), ("delete", 2, None),
                                     ("equal", 3, 2)]


def test_unique_blocks_anchor_a_long_alignment():
    old = [f"paragraph {n}" for n in range(2000)]
    new = old[:1000] + ["a new paragraph"] + old[1000:]
    steps = align(_blocks(*old), _blocks(*new))
    assert [s for s in steps if s.op != Op.EQUAL] == [s for s in steps if s.new == 1000]
    assert len(steps) == 2001


def test_one_base_aligns_with_several_versions_in_its_own_indices():
    base = _blocks("a", "b", "c")
    first, second = align_versions(base, [_blocks("a", "c"), _blocks("a", "b", "c", "d")])
    assert _ops(first) == [("equal", 0, 0), ("delete", 1, None), ("equal", 2, 1)]
    assert _ops(second)[-1] == ("insert", None, 3)
    assert [s.old for s in second if s.old is not None] == [0, 1, 2]


def test_tokens_and_token_opcodes():
    assert tokens("a) that, 2024") == ["a", ")", " ", "that", ",", " ", "2024"]
    ops = diff_tokens(tokens("to invite Member States"), tokens("to instruct Member States"))
    assert [op[0] for op in ops] == ["equal", "replace", "equal"]
