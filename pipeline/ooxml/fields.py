"""Fields: writing the cached results that Word shows until it updates a field."""

from __future__ import annotations

from pipeline.ooxml.build import Element, text_nodes
from pipeline.ooxml.ns import qn


def set_page_numbers(document: Element, pages: dict[str, str]) -> int:
    """Write *pages* (bookmark -> page label) as the cached results of the PAGEREF fields.

    Returns how many fields were filled. The field keeps its instruction, so
    Word's own update still recomputes it.
    """
    filled = 0
    for instr in document.iter(qn("w:instrText")):
        words = (instr.text or "").split()
        if len(words) < 2 or words[0] != "PAGEREF" or words[1] not in pages:
            continue
        run = instr.getparent()
        result = _field_result_run(run)
        if result is not None:
            for child in [c for c in result if c.tag != qn("w:rPr")]:
                result.remove(child)
            result.extend(text_nodes(pages[words[1]]))
            filled += 1
    return filled


def _field_result_run(instr_run: Element) -> Element | None:
    """The first run after the field's ``separate`` mark: where its cached result sits."""
    seen_separate = False
    for sibling in instr_run.itersiblings():
        mark = sibling.find(qn("w:fldChar"))
        if mark is not None:
            kind = mark.get(qn("w:fldCharType"))
            if kind == "separate":
                seen_separate = True
                continue
            return None
        if seen_separate and sibling.tag == qn("w:r"):
            return sibling
    return None
