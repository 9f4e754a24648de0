"""Overlaps between Resolutions: planted repeats are found with their lines, unrelated
texts are not, and the ranking does not depend on the order the files come in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.check_corpus import generate
from pipeline.check.overlaps import (find_overlaps, overlaps_json, overlaps_markdown,
                                     passages_of, plain_text)
from pipeline.sources.resolution import load_resolution

SHARED = ("that study groups shall publish the register of interoperability profiles for "
          "home gateways every year and notify the advisory group of each change")
NUDGED = ("that study groups shall publish the register of conformance profiles for "
          "home gateways every year and inform the advisory group of each change")
UNRELATED = [
    "that coastal stations report their maritime distress beacons to the regional centre",
    "that satellite operators coordinate orbital slots through the bureau before launch",
    "that tariff settlements between carriers are audited by an independent accountant",
    "that developing countries receive fellowships to attend the workshops on numbering",
]


def source(number: int, preamble: list[str], resolves: list[str], title: str = "") -> str:
    """A Resolution source: *preamble* items under considering, *resolves* items."""
    def items(texts: list[str], numbered: bool, last: bool) -> list[str]:
        out = []
        for index, text in enumerate(texts):
            marker = "" if len(texts) == 1 else (f"{index + 1} " if numbered
                                                 else f"{chr(97 + index)}) ")
            end = ";" if index < len(texts) - 1 else ("." if last else ",")
            out += [marker + text + end, ""]
        return out

    lines = ["---", f"number: {number}", f"title: {title or f'Resolution for test {number}'}",
             "editions:", "  - Geneva, 2022", "status: in-force", "---", "", "*considering*", ""]
    lines += items(preamble, False, False) + ["*resolves*", ""] + items(resolves, True, True)
    return "\n".join(lines)


def write(folder: Path, number: int, preamble: list[str], resolves: list[str]):
    path = folder / f"res-{number}.md"
    path.write_text(source(number, preamble, resolves), encoding="utf-8")
    return load_resolution(path)


def line_of(res, text: str) -> int:
    return next(block.line for block in res.blocks if text[:40] in block.text)


@pytest.fixture()
def planted(tmp_path):
    """Resolution 11 and 12 share a paragraph with two words changed; 13 shares nothing."""
    a = write(tmp_path, 11, [UNRELATED[0], SHARED], ["that the bureau keeps the list of profiles"
                                                     " for home gateways up to date"])
    b = write(tmp_path, 12, [UNRELATED[1]], [UNRELATED[2], NUDGED])
    c = write(tmp_path, 13, [UNRELATED[3]], ["that regional offices organize training on "
                                             "numbering plans for new administrations"])
    return a, b, c


def test_a_shared_paragraph_with_words_changed_is_found_at_its_lines(planted):
    a, b, _c = planted
    found = find_overlaps(list(planted))
    assert len(found.passages) == 1
    pair = found.passages[0]
    assert (pair.a.number, pair.a.line, pair.b.number, pair.b.line) == (
        11, line_of(a, SHARED), 12, line_of(b, NUDGED))
    assert pair.a.path == str(a.path) and 0.8 <= pair.score < 1
    assert pair.a.text == SHARED + "," and pair.b.text == NUDGED + "."


def test_unrelated_texts_are_neither_merge_candidates_nor_repeats(planted):
    found = find_overlaps(list(planted))
    numbers = {(p.a_number, p.b_number) for p in found.pairs}
    assert numbers == {(11, 12)}  # 13 is in no pair: not compared with the others alike


def test_a_near_twin_is_a_merge_candidate_ranked_first(tmp_path):
    base = [SHARED, UNRELATED[0], UNRELATED[1]]
    write(tmp_path, 21, base, [UNRELATED[2]])
    write(tmp_path, 22, [NUDGED, UNRELATED[0], UNRELATED[1]], [UNRELATED[2]])
    write(tmp_path, 23, [UNRELATED[3]], ["that regional offices organize training on numbering"
                                         " plans for new administrations"])
    found = find_overlaps([load_resolution(p) for p in sorted(tmp_path.glob("*.md"))])
    first = found.pairs[0]
    assert (first.a_number, first.b_number) == (21, 22)
    assert first.score >= 0.3 and found.merge_candidates == [first]
    assert [p.score for p in first.passages] == sorted((p.score for p in first.passages),
                                                      reverse=True)
    assert len(first.passages) == 4  # the three repeated items and the one resolves


def test_scores_are_ordered_and_ties_follow_numbers_and_lines(tmp_path):
    for number in (31, 32, 33):
        write(tmp_path, number, [SHARED, UNRELATED[number - 31]], [UNRELATED[3]])
    found = find_overlaps([load_resolution(p) for p in sorted(tmp_path.glob("*.md"))])
    scores = [p.score for p in found.passages]
    assert scores == sorted(scores, reverse=True)
    exact = [(p.a.number, p.a.line, p.b.number, p.b.line) for p in found.passages
             if p.score == 1.0]
    assert len(exact) == 6 and exact == sorted(exact)
    pair_scores = [p.score for p in found.pairs]
    assert pair_scores == sorted(pair_scores, reverse=True)


def test_the_result_does_not_depend_on_the_input_order(tmp_path):
    paths = generate(tmp_path, count=30, seed=3)
    resolutions = [load_resolution(path) for path in paths]
    forward = find_overlaps(resolutions)
    backward = find_overlaps(list(reversed(resolutions)))
    shuffled = find_overlaps(resolutions[1::2] + resolutions[::2])
    assert forward == backward == shuffled
    assert overlaps_markdown(forward) == overlaps_markdown(shuffled)
    assert forward.passages, "the generated corpus plants repeated paragraphs"


def test_short_paragraphs_and_repeats_inside_one_resolution_are_not_passages(tmp_path):
    short = "that the assembly meets every four years"  # seven words: boilerplate
    a = write(tmp_path, 41, [short, SHARED, SHARED], [UNRELATED[0]])
    b = write(tmp_path, 42, [short, UNRELATED[1]], [UNRELATED[2]])
    found = find_overlaps([a, b])
    assert found.passages == []
    assert len(passages_of(a)) == 3 and all(short not in p.text for p in passages_of(a))
    assert len(find_overlaps([a, b], min_words=5).passages) == 1


def test_plain_text_drops_emphasis_escapes_and_footnote_references():
    assert plain_text(r"to report under *resolves 1*[^note] to the \*group\*  now") == \
        "to report under resolves 1 to the *group* now"
    assert plain_text("see [the list](http://example.org) and [small]{.smallcaps}") == \
        "see the list and small"


def test_the_listing_and_the_json_name_both_places(planted):
    a, b, _c = planted
    found = find_overlaps(list(planted))
    text = overlaps_markdown(found)
    assert f"{a.path}:{line_of(a, SHARED)} and {b.path}:{line_of(b, NUDGED)}" in text
    assert "1. Resolution 11 and Resolution 12: 0.39 (1 shared paragraph)" in text
    data = json.loads(json.dumps(overlaps_json(found)))
    assert data["passages"][0]["a"]["line"] == line_of(a, SHARED)
    assert data["pairs"][0]["merge_candidate"] is True
    assert data["pairs"][0]["score"] == pytest.approx(0.39, abs=0.005)


def test_the_generated_corpus_loads_and_is_repeatable(tmp_path):
    first = generate(tmp_path / "one", count=12, seed=5)
    second = generate(tmp_path / "two", count=12, seed=5)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    for path in first:
        res = load_resolution(path)
        assert res.number >= 3001 and res.blocks
        items = [b for b in res.blocks if b.kind.value == "item"]
        assert items[-1].text.endswith(".")
