"""Resolutions shown inside another document (the Supplement's model Resolution), set by
the same renderer as the Resolutions themselves: ``::: {.resolution file="res.md"}``."""

from __future__ import annotations

import panflute as pf

from pipeline.errors import Category, PipelineError
from pipeline.render.resolution import resolution_blocks
from pipeline.render.transforms import Context, where
from pipeline.sources.resolution import load_resolution
from pipeline.render.walk import walk


def include_resolutions(doc: pf.Doc, ctx: Context) -> None:
    """Each ``resolution`` block becomes the Resolution its ``file`` names (relative to
    the document's sources), in ITU layout."""
    count = 0

    def action(elem: pf.Element, _doc: pf.Doc):
        nonlocal count
        if not (isinstance(elem, pf.Div) and "resolution" in elem.classes):
            return None
        name = elem.attributes.get("file", "")
        path = (ctx.image_root or where(elem, "").path) / name
        if not name or not path.is_file():
            raise PipelineError(Category.MISSING_FILE, f"no Resolution file '{name}' to show "
                                f"(looked in {path.parent})", where(elem, name or "resolution"))
        count += 1
        return resolution_blocks(load_resolution(path), ctx.fragments, notes=f"r{count}")

    walk(doc, action)
