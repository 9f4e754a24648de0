"""LibreOffice's Accept All and Reject All against ours on generated consolidations, wider
than the test's twelve seeds (issue 10), and where they differ, what the text has there.

    python -m bench.libreoffice_agreement [FIRST] [COUNT]     (default 1000 80)

Seeds FIRST..FIRST+COUNT-1, each a generated base with 2 to 6 generated drafts (as
tests/redline/test_consolidate.py makes them); one LibreOffice process resolves them all.
Prints each case that differs with the kinds of place it holds (a tracked paragraph mark
in a paragraph holding a note reference, with or without a paragraph before it; a tracked
mark right before a table; a text that starts with a table), then the counts.
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from lxml import etree

from pipeline import libreoffice
from pipeline.redline import accept, consolidate, reject
from tests.redline import generate
from tests.redline.docmodel import docx_bytes
from tests.redline.test_consolidate import _drafts, _parts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def places(data: bytes) -> set[str]:
    """The kinds of place LibreOffice resolves otherwise that *data*'s body holds."""
    body = _parts(data)["word/document.xml"].find(W + "body")
    blocks = [b for b in body if b.tag in (W + "p", W + "tbl")]
    found = set()
    if blocks and blocks[0].tag == W + "tbl":
        found.add("a text that starts with a table")
    for index, block in enumerate(blocks):
        mark = block.find(f"{W}pPr/{W}rPr") if block.tag == W + "p" else None
        if mark is None or (mark.find(W + "ins") is None and mark.find(W + "del") is None):
            continue
        alone = index == 0 or blocks[index - 1].tag == W + "tbl"
        if block.find(f".//{W}footnoteReference") is not None:
            found.add("a note's paragraph mark, " + ("nothing before it" if alone
                                                     else "a paragraph before it"))
        if index + 1 < len(blocks) and blocks[index + 1].tag == W + "tbl":
            found.add("a mark right before a table")
    return found


def main() -> None:
    first = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 80
    with tempfile.TemporaryDirectory(prefix="itudraft-lo-agreement-") as temp:
        jobs, cases = [], []
        for seed in range(first, first + count):
            rng = random.Random(seed)
            model = generate.document(rng)
            data = consolidate(docx_bytes(model), _drafts(model, rng, 2 + seed % 5)).data
            path = Path(temp) / f"c{seed}.docx"
            path.write_bytes(data)
            for action, resolve in (("accept", accept), ("reject", reject)):
                ours = Path(temp) / f"c{seed}-{action}.docx"
                ours.write_bytes(resolve(data))
                jobs += [(path, action), (ours, "none")]
                cases.append((seed, action, data))
        results = libreoffice.resolve_revisions(jobs)
    kinds: Counter = Counter()
    differ = 0
    for index, (seed, action, data) in enumerate(cases):
        if results[2 * index] != results[2 * index + 1]:
            differ += 1
            found = places(data)
            kinds.update(found or {"none of these"})
            print(f"seed {seed} {action}: {'; '.join(sorted(found)) or 'none of these'}")
    print(f"{differ} of {len(cases)} differ; places: {dict(kinds)}")


if __name__ == "__main__":
    main()
