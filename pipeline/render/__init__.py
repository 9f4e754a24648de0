"""Rendering: every document kind becomes a :class:`Document` (pandoc's AST plus what
finishing needs), and one writer turns it into an ITU-styled .docx.

    document    the Document model, layout markers, small AST builders
    inline      Markdown fragments parsed together, one pandoc call per document
    resolution  a Resolution (sources) as AST blocks in ITU layout
    layout      layout markers into Word paragraphs (page and section breaks, contents)
    writer      Document -> pandoc -> finishing -> bytes
    finish      ITU styling, cover, sections, header, properties (through ooxml)
    cover, toc  the cover page and the table of contents
    housestyle  the house style definition and its reference .docx
    pandoc      the one door to pandoc
    paginate    contents page numbers through LibreOffice's layout
    transforms  the Supplement's ordered AST transforms
"""

from pipeline.ooxml.parts import Properties
from pipeline.render.document import Document, TocEntry
from pipeline.render.writer import in_language, render, render_package

__all__ = ["Document", "Properties", "TocEntry", "in_language", "render", "render_package"]
