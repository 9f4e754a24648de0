"""Writing any :class:`~pipeline.render.document.Document`: the one render path.

    Document (AST blocks with fragments and layout markers)
      -> pieces shared with other documents rendered once (pieces), placeholders left
      -> fragments parsed (one pandoc call) -> layout markers to Word paragraphs
      -> pandoc writes the .docx with the reference document's styles
      -> the pieces' paragraphs pasted in place of their placeholders
      -> finishing (ITU styles, cover, sections, header, properties)
      -> contents page numbers through LibreOffice, when asked and installed
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import panflute as pf

from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.package import Package
from pipeline.ooxml.script import Script, apply_script
from pipeline.ooxml.styles import style_ids
from pipeline.render import housestyle, paginate, pandoc
from pipeline.render.document import Document
from pipeline.render.finish import Layout, finish
from pipeline.render.inline import Fragments, picture_inside
from pipeline.render.layout import insert_layout
from pipeline.render.pieces import Progress, paste
from pipeline.render.transforms import source_of, where
from pipeline.render.walk import walk
from pipeline.sources.languages import ENGLISH, Language


def render(document: Document, reference: Path | None = None,
           paginate_toc: bool | None = False, progress: Progress | None = None) -> bytes:
    """The finished .docx of *document*, with *reference*'s styles (default: the house
    style). *paginate_toc*: fill the contents' page numbers through LibreOffice
    (None: when it is installed). *progress*: called with (pieces done, pieces to do)
    while the document's new pieces are rendered, about every tenth of them."""
    package = render_package(document, reference, progress)
    if document.toc and (paginate_toc or (paginate_toc is None and paginate.available())):
        paginate.fill_toc_pages(package, document.toc, document.footer)
    return package.to_bytes()


def render_package(document: Document, reference: Path | None = None,
                   progress: Progress | None = None) -> Package:
    """The finished document as a package, before any pagination."""
    reference = reference or housestyle.reference(document.variant)
    house = housestyle.load().variant(document.variant)
    blocks, pastes = document.blocks, []
    fragments = document.fragments
    if document.pieces is not None:
        fragments = fragments or Fragments(document.origin)
        document.pieces.render(blocks, reference, progress)
        blocks, pastes = document.pieces.expand(blocks, reference, fragments)
    doc = pf.Doc(*blocks, api_version=pandoc.api_version())
    if fragments is not None:
        fragments.resolve(doc)
    insert_layout(doc, document.toc, document.toc_depth)
    folders = document.resource_paths or [document.origin.parent]
    _contain_pictures(doc, folders + sorted(fragments.picture_folders if fragments else []),
                      document.origin)
    package = Package.open(pandoc.write_docx(doc, reference, folders))
    paste(package, pastes)
    finish(package, house.styles, reference_styles(reference), document.properties,
           Layout(header_lines=document.header, footer=document.footer,
                  section_numbering=document.numbering, restart=not document.continuous),
           cover=document.cover or None,
           note_marks=fragments.marks if fragments else None)
    if document.language is not None and document.language.code != ENGLISH:
        apply_script(package, script_of(document.language))
    return package


def in_language(data: bytes, language: Language) -> bytes:
    """A finished .docx with *language*'s settings on what was added after rendering (a
    consolidation's comments and their references)."""
    if language.code == ENGLISH:
        return data
    package = Package.open(data)
    apply_script(package, script_of(language))
    return package.to_bytes()


def script_of(language: Language) -> Script:
    """How the house style sets *language* (styles/languages.yaml) in Word's terms."""
    slot = "complex" if language.rtl else "east_asian" if language.script == "han" else "latin"
    # headers and footers keep a left-to-right page's places (ITU's Arabic publications:
    # the page number on the right of an odd page, as in English)
    return Script(tag=language.tag, slot=slot, east_asian_font=language.fonts.get("east_asian"),
                  complex_font=language.fonts.get("complex"), rtl=language.rtl,
                  complex_scale=language.complex_scale, italic_as_bold=language.italic == "bold",
                  page_ltr=language.rtl)


def _contain_pictures(doc: pf.Doc, folders: list[Path], origin: Path) -> None:
    """Every picture is a file inside the document's source folders: the last check before
    pandoc reads them, so no path or URL in a source reaches anything else."""
    def check(elem, _doc):
        if isinstance(elem, pf.Image) and picture_inside(elem.url, folders) is None:
            location = where(elem, elem.url) if source_of(elem) else Location(str(origin))
            raise PipelineError(Category.IMAGE, f"picture '{elem.url}' is not a file in the "
                                "source folder (only pictures there are embedded)", location)
    walk(doc, check)


def reference_styles(reference: Path) -> set[str]:
    """The style ids of the reference document, read once per version of the file."""
    try:
        version = reference.stat().st_mtime_ns
    except OSError:
        raise PipelineError(Category.MISSING_FILE, "no such reference document",
                            Location(str(reference))) from None
    return _reference_styles(reference, version)


@lru_cache(maxsize=8)
def _reference_styles(reference: Path, _version: int) -> set[str]:
    return style_ids(Package.open(reference))
