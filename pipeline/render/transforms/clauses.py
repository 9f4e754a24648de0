"""Clause numbering in document order: headings, appendices, tables, figures, lists.

Headings are typed as ``6.2<TAB>Title``, as ITU does. Level-1 heading classes
set what a clause holds: ``.references``, ``.abbreviations``, ``.bibliography``
(a closing part, unnumbered) and ``.appendix`` (Appendix I, II...); any
heading may be ``.unnumbered``. Tables and figures are numbered 1, 2... in
the body and I.1, I.2... in appendices. The blocks themselves are shaped by
:mod:`pipeline.transforms.blocks`.
"""

from __future__ import annotations

import panflute as pf

from pipeline.render.document import (CENTRE, PAGE_BREAK, TOC_BOOKMARK, TocEntry, marker, para,
                                      roman, styled, text_inlines)
from pipeline.render.transforms import Context, blocks

KINDS = ("references", "abbreviations", "bibliography")
#: How ITU's Recommendation skeleton heads an appendix (and the bibliography).
APPENDIX_STYLE = "Appendix_No & title"
TOC_DEPTH = 2


class Numbering:
    """The running state of one pass over the document."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.counters: list[int] = []
        self.appendix = 0
        self.kind = ""
        self.seq = 0
        self.tables = 0
        self.figures = 0
        self.in_call = False  # after a Call paragraph: items "a)", "1", "1.1" take a TAB

    @property
    def clause(self) -> str:
        parts = [str(n) for n in self.counters]
        if self.appendix and parts:
            parts[0] = roman(self.appendix)
        return ".".join(parts)

    def caption_number(self, what: str) -> str:
        """The next table or figure number: 3 in the body, II.3 in Appendix II."""
        count = getattr(self, what) + 1
        setattr(self, what, count)
        return f"{roman(self.appendix)}.{count}" if self.appendix else str(count)

    def bookmark(self) -> str:
        self.seq += 1
        return f"{TOC_BOOKMARK}{self.seq:04d}"

    def heading(self, header: pf.Header) -> list[pf.Block]:
        classes = set(header.classes)
        title = list(header.content)
        label = header.identifier if ":" in header.identifier else ""
        if header.level == 1:
            self.kind = next((k for k in KINDS if k in classes), "")
        if "unnumbered" in classes:
            return [styled("Heading_b", pf.Para(*title))]
        if header.level == 1 and "bibliography" in classes:
            return self._closing_part(title, label, header)
        if header.level == 1 and "appendix" in classes:
            return self._appendix(title, label, header)
        return [self._numbered(header, title, label)]

    def _numbered(self, header: pf.Header, title: list, label: str) -> pf.Header:
        level = min(header.level, len(self.counters) + 1)  # a skipped level counts as next
        self.counters = self.counters[:level] + [0] * (level - len(self.counters))
        self.counters[-1] += 1
        number = self.clause
        bookmark = self.bookmark()
        if label:
            self.ctx.define(label, f"clause {number}", header)
        if level <= TOC_DEPTH:
            self.ctx.toc.append(TocEntry(level, number, pf.stringify(pf.Plain(*title)), bookmark))
        return pf.Header(pf.Str(f"{number}\t"), *title, level=min(level, 9), identifier=bookmark)

    def _appendix(self, title: list, label: str, header: pf.Header) -> list[pf.Block]:
        self.appendix += 1
        self.counters = [0]
        self.tables = self.figures = 0
        name = f"Appendix {roman(self.appendix)}"
        bookmark = self.bookmark()
        if label:
            self.ctx.define(label, name, header)
        self.ctx.toc.append(TocEntry(1, name, pf.stringify(pf.Plain(*title)), bookmark))
        kind = self.ctx.document_kind
        heading = pf.Para(*text_inlines(name), pf.LineBreak(), pf.LineBreak(), *title)
        return [marker(PAGE_BREAK), styled(APPENDIX_STYLE, heading, identifier=bookmark),
                pf.Div(para(f"(This appendix does not form an integral part of this {kind}.)"),
                       classes=[CENTRE])]

    def _closing_part(self, title: list, label: str, header: pf.Header) -> list[pf.Block]:
        bookmark = self.bookmark()
        text = pf.stringify(pf.Plain(*title))
        if label:
            self.ctx.define(label, text, header)
        self.ctx.toc.append(TocEntry(1, "", text, bookmark))
        self.counters = []
        return [marker(PAGE_BREAK), styled(APPENDIX_STYLE, pf.Para(*title), identifier=bookmark)]


def number_clauses(doc: pf.Doc, ctx: Context) -> None:
    """Number and shape headings, definition lists, notes, tables and figures in order."""
    _walk(doc.content, Numbering(ctx))


def _walk(content: pf.ListContainer, state: Numbering) -> None:
    index = 0
    while index < len(content):
        block = content[index]
        replacement = _shape(block, state, content, index)
        if replacement is None:
            if isinstance(block, pf.Div) and "custom-style" not in block.attributes:
                _walk(block.content, state)
            index += 1
            continue
        content[index:index + 1] = replacement
        index += len(replacement)


def _shape(block: pf.Block, state: Numbering, content: pf.ListContainer,
           index: int) -> list[pf.Block] | None:
    if isinstance(block, pf.Div) and block.attributes.get("custom-style") == "Call":
        state.in_call = True
        return None
    if isinstance(block, pf.Header):
        state.in_call = False
        return state.heading(block)
    if isinstance(block, pf.Para) and state.in_call:
        return blocks.call_item(block)
    if isinstance(block, pf.DefinitionList):
        return blocks.definition_list(block, state.kind, state.clause, state.ctx)
    if isinstance(block, pf.Table):
        return blocks.table(block, state.caption_number("tables") if block.caption.content
                            else None, state.ctx)
    if isinstance(block, pf.Figure):
        return blocks.figure(block, state.caption_number("figures"), state.ctx)
    if isinstance(block, pf.Div) and "note" in block.classes:
        return blocks.note(block, content, index)
    if isinstance(block, (pf.BulletList, pf.OrderedList)):
        return blocks.enumeration(block, 1)
    return None
