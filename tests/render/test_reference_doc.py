"""Building with another reference document, such as ITU's own skeleton."""

from __future__ import annotations

import pytest

from pipeline.supplement import build_supplement
from tests.wordfile import NS, SAMPLES, paragraphs, part, style_ids

SKELETON = SAMPLES / "ITU-T-Rec-skeleton.docx"


@pytest.mark.skipif(not SKELETON.exists(), reason=f"ITU sample not found at {SKELETON}")
def test_itu_skeleton_as_reference_keeps_itu_style_ids(mini_copy, tmp_path):
    built = build_supplement(mini_copy, tmp_path / "out", SKELETON)
    skeleton = style_ids(SKELETON)
    output = style_ids(built)
    # The skeleton's own definitions win for every style it has ...
    for sid in ("RecNo", "Rectitle", "Heading1", "Reftext", "Tablehead", "Note", "enumlev1"):
        assert output[sid] == skeleton[sid]
    # ... and every paragraph still carries an ITU style that the file defines.
    used = {p.style for p in paragraphs(built)}
    assert used <= set(output)
    by_text = {p.text: p.style for p in paragraphs(built)}
    assert by_text["1\tScope"] == "Heading1"
    assert by_text["Table 1 \u2013 Change symbols"] == "TableNoTitle"
    assert by_text["considering"] == "Call"   # not in the skeleton: added from the house style
    assert output["Call"] == "Call"
    call = part(built, "word/styles.xml").find("w:style[@w:styleId='Call']", NS)
    assert call.find("w:rPr/w:i", NS) is not None  # the ITU definition, not pandoc's plain one


def test_missing_reference_doc_is_a_clear_error(mini_copy, tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    result = CliRunner().invoke(main, ["supplement", "--source", str(mini_copy), "--out",
                                       str(tmp_path / "o"), "--reference-doc",
                                       str(tmp_path / "nope.docx")])
    assert result.exit_code == 1
    assert result.output.strip() == \
        f"itudraft: missing-file: {tmp_path / 'nope.docx'}: no such reference document"
