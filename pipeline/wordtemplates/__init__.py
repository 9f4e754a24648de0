"""The Word templates of the assembly's working documents, generated from the house style.

    templates/briefings/briefing-note.docx     a chair's briefing note (one per session)
    templates/action-plan/action-plan.docx     the WTSA Action Plan report
    templates/focal-points/focal-points.docx   the regional focal points per Resolution

They are docxtpl templates: Word documents in the house styles with ``{{ field }}``
places and ``{%p %}``/``{%tr %}``/``{%tc %}`` loops, which a secretary may edit in
Word (wording, styles, order). `itudraft templates` writes them afresh from the house
style, replacing such edits; the stages fill whatever the files hold.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import data
from pipeline.ooxml.build import Element, root
from pipeline.ooxml.package import Package
from pipeline.outputs import write_atomic
from pipeline.ooxml.parts import Properties, write_properties
from pipeline.render import housestyle
from pipeline.wordtemplates import layouts
from pipeline.wordtemplates.blocks import page_furniture, section_properties

#: The templates, by file under templates/: (layout, document title).
TEMPLATES = {
    Path("briefings", "briefing-note.docx"): (layouts.briefing_note, "Chair's briefing note"),
    Path("action-plan", "action-plan.docx"): (layouts.action_plan, "WTSA Action Plan"),
    Path("focal-points", "focal-points.docx"): (layouts.focal_points, "Regional focal points"),
}
_DATE = "2024-01-01T00:00:00Z"  # fixed: the same house style gives the same bytes


def template_path(name: str, folder: Path | None = None) -> Path:
    """The template *name* ('briefings/briefing-note.docx') in *folder* (default: the
    package's templates, i.e. the repository's templates/ folder)."""
    return (folder or data.path("templates")) / name


def template_docx(layout, title: str) -> bytes:
    """A template: the house style's reference document with *layout*'s body, a header
    (``{{ header }}``) and a page-number footer on every page."""
    package = Package.open(data.REFERENCE)
    header, footer = page_furniture(package, "{{ header }}")
    page = housestyle.load().document["page"]

    def sections(landscape: bool = False) -> Element:
        return section_properties(page, landscape, footer, header)

    body = root("w:body")
    body.extend(layout(sections))
    document = root("w:document")
    document.append(body)
    package.set_xml("word/document.xml", document)
    write_properties(package, Properties(title=title, subject=title, keywords=["template"],
                                         creator="itudraft", date=_DATE))
    return package.to_bytes()


def build_templates(folder: Path | None = None) -> list[Path]:
    """Write every template into *folder* (default: the repository's templates/)."""
    out = []
    for name, (layout, title) in TEMPLATES.items():
        target = template_path(str(name), folder)
        write_atomic(target, template_docx(layout, title))
        out.append(target)
    return out


__all__ = ["TEMPLATES", "build_templates", "template_docx", "template_path"]
