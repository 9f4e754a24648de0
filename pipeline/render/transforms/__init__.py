"""Small ordered transforms over pandoc's AST (panflute nodes), run in-process.

Each transform takes the document and the shared :class:`Context`; the build
runs them in the order listed by the caller. Sources arrive as one ``Div`` per
file with a ``data-source`` attribute, so any node can name its file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import panflute as pf

from pipeline.errors import Category, Location, PipelineError, locate_text
from pipeline.render.document import TocEntry
from pipeline.render.inline import Fragments

SOURCE_ATTR = "data-source"


@dataclass
class Context:
    """What transforms learn and share: labels, references, TOC entries, the house style."""

    style_names: dict[str, str]  # name -> id, of every style a source may name
    document_kind: str = "Supplement"
    labels: dict[str, str] = field(default_factory=dict)
    references: dict[str, Location] = field(default_factory=dict)
    toc: list[TocEntry] = field(default_factory=list)
    rules: list = field(default_factory=list)
    rule_blocks: dict[str, list[pf.Block]] = field(default_factory=dict)
    image_root: Path | None = None
    #: the document's Markdown fragments (Resolutions shown in it put their text there)
    fragments: Fragments | None = None

    def define(self, label: str, text: str, node: pf.Element) -> None:
        if label in self.labels:
            raise PipelineError(Category.XREF, f"label '{label}' is defined twice",
                                where(node, "#" + label))
        self.labels[label] = text


Transform = Callable[[pf.Doc, Context], None]


def source_div(blocks: Iterable[pf.Block], path: Path) -> pf.Div:
    """Wrap one file's blocks so that every node below can name its file."""
    return pf.Div(*blocks, attributes={SOURCE_ATTR: str(path)})


def source_of(node: pf.Element) -> str | None:
    while node is not None:
        if isinstance(node, pf.Div) and SOURCE_ATTR in node.attributes:
            return node.attributes[SOURCE_ATTR]
        node = node.parent
    return None


def where(node: pf.Element, needle: str) -> Location:
    """The file and line of *needle* in the source file that holds *node*."""
    path = source_of(node)
    return locate_text(path, needle) if path else Location("<generated>")


def run(doc: pf.Doc, ctx: Context, transforms: list[Transform]) -> pf.Doc:
    for transform in transforms:
        transform(doc, ctx)
    return doc
