"""The Supplement stage: metadata, templates and clauses into the finished .docx.

read (sources.supplement) -> front matter from the templates, clauses parsed
by pandoc -> ordered transforms (render.transforms) -> one Document -> the
render path -> one file in build/supplement/, written atomically.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import panflute as pf

from pipeline import data
from pipeline.errors import Category, Location, PipelineError
from pipeline.outputs import write_set
from pipeline.render import Document, Properties, housestyle, pandoc, render
from pipeline.render.cover import cover_elements, fill
from pipeline.render.transforms import Context, run, source_div
from pipeline.render.inline import Fragments
from pipeline.render.transforms.clauses import number_clauses
from pipeline.render.transforms.resolutions import include_resolutions
from pipeline.render.transforms.xrefs import check_styles, expand_rules, resolve_xrefs
from pipeline.sources.supplement import Supplement, load_supplement
from pipeline.sources.yamlfile import load_yaml

TRANSFORMS = [include_resolutions, check_styles, expand_rules, number_clauses, resolve_xrefs]


def _templates() -> Path:
    return data.templates("supplement")


def _jinja() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_templates())),
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                              autoescape=False)


def _template_values(sup: Supplement) -> dict:
    return {"number": sup.number, "title": sup.title, "series": sup.series,
            "series_title": sup.series_title, "month": sup.month, "year": sup.year,
            "study_group": sup.study_group, "summary": sup.summary,
            "keywords": sup.keywords, "history": sup.history}


def _render_template(name: str, values: dict) -> str:
    try:
        return _jinja().get_template(name).render(**values)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise PipelineError(Category.TEMPLATE, str(exc),
                            Location(str(_templates() / name), line)) from None


def _cover(sup: Supplement) -> list:
    description = load_yaml(_templates() / "cover.yaml")
    env = _jinja()
    values = _template_values(sup)
    return cover_elements(fill(description, lambda text: env.from_string(text).render(**values)),
                          housestyle.text_width())


def _rule_blocks(sup: Supplement) -> dict[str, list[pf.Block]]:
    """Each rule's text as pandoc blocks, parsed in one pandoc call."""
    if not sup.rules:
        return {}
    text = "\n\n".join(f"::: {{#{rule.id}}}\n{rule.text}\n:::" for rule in sup.rules)
    doc = pandoc.parse_markdown(text, sup.folder / "rules")
    return {div.identifier: list(div.content) for div in doc.content if isinstance(div, pf.Div)}


def supplement_document(sup: Supplement) -> Document:
    """The Supplement as a Document: front matter, clauses, numbered and resolved."""
    ctx = Context(style_names=housestyle.load().by_name(), rules=sup.rules, image_root=sup.folder,
                  fragments=Fragments(sup.folder / "supplement.yaml"))
    ctx.rule_blocks = _rule_blocks(sup)
    front_path = _templates() / "front.md.j2"
    front = pandoc.parse_markdown(_render_template("front.md.j2", _template_values(sup)),
                                  front_path)
    doc = pf.Doc(source_div(front.content, front_path), api_version=front.api_version)
    for clause in sup.clauses:
        parsed = pandoc.parse_markdown(clause.text, clause.path)
        doc.content.append(source_div(parsed.content, clause.path))
    run(doc, ctx, TRANSFORMS)
    properties = Properties(title=f"Supplement {sup.number} to ITU-T {sup.series}-series "
                                  f"Recommendations: {sup.title}",
                            subject=sup.title, keywords=sup.keywords,
                            creator=f"ITU-T {sup.study_group}", description=sup.summary,
                            date=f"{sup.year:04d}-{sup.month:02d}-01T00:00:00Z")
    return Document(blocks=list(doc.content), origin=sup.folder / "supplement.yaml",
                    properties=properties, header=[], footer=sup.identifier, cover=_cover(sup),
                    toc=ctx.toc, numbering=["lowerRoman", "decimal"],
                    resource_paths=[sup.folder], fragments=ctx.fragments)


def build_supplement(folder: Path, out_dir: Path, reference: Path | None = None,
                     paginate_toc: bool | None = None) -> Path:
    """Build the Supplement in *folder* into *out_dir*; the file an earlier build wrote
    under another name (an earlier edition's) goes, nothing else there is touched.

    *paginate_toc*: fill the contents' page numbers through LibreOffice (None: when installed).
    """
    sup = load_supplement(folder)
    content = render(supplement_document(sup), reference, paginate_toc)
    target = out_dir / f"{sup.file_stem}.docx"
    write_set(out_dir, {target: content})
    return target
