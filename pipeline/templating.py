"""Word templates filled with data (docxtpl): the one way the briefing notes, the Action
Plan and the focal points become .docx files a secretary can still edit in Word.

Every value is escaped (autoescape: ``&``, ``<`` and ``{{`` from the data appear as
typed, never as markup or template code); the names the template uses are checked
against the data before anything is rendered, and a field missing inside a value stops
the rendering (StrictUndefined) instead of leaving a blank. The result is made
repeatable: fixed document properties, zip entries in a fixed order and time.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.package import Package
from pipeline.ooxml.parts import Properties, write_properties
from pipeline.ooxml.tables import fit_tables



def environment() -> jinja2.Environment:
    """The Jinja environment of every template: values escaped, missing fields fatal."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def _open(template: Path) -> DocxTemplate:
    if not template.is_file():
        raise PipelineError(Category.MISSING_FILE, "no such template", Location(str(template)))
    return DocxTemplate(template)


@lru_cache(maxsize=16)
def _variables(template: Path, _version: tuple[int, int]) -> frozenset[str]:
    """The names *template* uses, read once per version of the file (each note of a build
    is filled from the same template)."""
    try:
        return frozenset(_open(template).get_undeclared_template_variables(environment()))
    except jinja2.TemplateSyntaxError as exc:
        raise PipelineError(Category.TEMPLATE, f"template syntax: {exc.message}",
                            Location(str(template))) from None


def check_variables(template: Path, context: dict[str, Any]) -> None:
    """Every name *template* uses is in *context*; otherwise an error naming them."""
    _open(template)  # a missing template is named as such
    stat = template.stat()
    missing = _variables(template.resolve(), (stat.st_mtime_ns, stat.st_size)) - set(context)
    if missing:
        raise PipelineError(Category.TEMPLATE, f"the template uses {', '.join(sorted(missing))}, "
                            f"which the data do not provide (they provide: "
                            f"{', '.join(sorted(context))})", Location(str(template)))


def render_template(template: Path, context: dict[str, Any], properties: Properties,
                    pictures: dict[str, tuple[bytes, float]] | None = None) -> bytes:
    """*template* filled with *context*, as .docx bytes with *properties*.

    *pictures* maps a context name to a PNG and its width in millimetres: the template
    shows it where it says ``{{ name }}``."""
    names = dict(context, **{name: None for name in pictures or {}})
    check_variables(template, names)
    tpl = _open(template)
    values = dict(context)
    for name, (png, width) in (pictures or {}).items():
        values[name] = InlineImage(tpl, io.BytesIO(png), width=Mm(width))
    try:
        tpl.render(values, environment(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise PipelineError(Category.TEMPLATE, f"the template asks for a field the data lack: "
                            f"{exc.message}", Location(str(template))) from None
    except jinja2.TemplateError as exc:
        raise PipelineError(Category.TEMPLATE, f"template: {exc}", Location(str(template))) from None
    buffer = io.BytesIO()
    tpl.save(buffer)
    package = Package.open(buffer.getvalue())
    fit_tables(package.xml("word/document.xml"))
    write_properties(package, properties)
    return package.to_bytes()
