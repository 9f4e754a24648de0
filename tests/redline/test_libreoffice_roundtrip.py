"""The round-trip property checked independently: LibreOffice's own Accept All and
Reject All on the redlined files give exactly the new and the old texts."""

from __future__ import annotations

import random


from pipeline import libreoffice
from pipeline.redline import redline
from tests import office
from tests.redline import generate
from tests.redline.docmodel import docx_bytes

pytestmark = office.bridge

DATE = "2024-10-15T09:00:00Z"
SEEDS = range(60)


def _view(texts: list[str]) -> list[str]:
    # LibreOffice puts an empty paragraph before a table that opens a document in
    # some files and not in others; it is not in the file, so it is not compared.
    return texts[1:] if texts[:1] == [""] else texts


def test_generated_pairs_round_trip_in_libreoffice(tmp_path):
    jobs, caveats = [], {}
    for seed in SEEDS:
        rng = random.Random(seed)
        model = generate.document(rng)
        old, new = docx_bytes(model), docx_bytes(generate.revise(model, rng))
        result = redline(old, new, date=DATE)
        caveats[seed] = result.stats.libreoffice_caveats
        paths = [tmp_path / f"{seed}-{name}.docx" for name in ("old", "new", "redline")]
        for path, data in zip(paths, (old, new, result.data)):
            path.write_bytes(data)
        # LibreOffice's own reading of old and new is the reference: it is what a
        # person sees on opening them (it adds a paragraph before a leading table).
        jobs += [(paths[0], "none"), (paths[1], "none"), (paths[2], "accept"), (paths[2], "reject")]
    results = libreoffice.resolve_revisions(jobs)
    failures, flagged = [], []
    for index, seed in enumerate(SEEDS):
        old_view, new_view, accepted, rejected = map(_view, results[4 * index: 4 * index + 4])
        exact = accepted == new_view and rejected == old_view
        if caveats[seed]:
            flagged.append(seed)
        elif not exact:
            failures.append(seed)
    assert not failures, f"seeds whose LibreOffice round trip differs: {failures}"
    # The engine flags the two layouts LibreOffice cannot resolve (a tracked paragraph
    # mark beside a footnote, or joining across a whole inserted table); they stay rare.
    assert len(flagged) <= len(SEEDS) // 5, f"flagged seeds: {flagged}"
