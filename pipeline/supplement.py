"""The Supplement stage: metadata, templates and clauses into the finished .docx.

read (sources.supplement) -> assemble Markdown (templates) -> pandoc AST ->
ordered transforms -> pandoc .docx -> finishing (cover, sections, header,
properties) -> one file in build/supplement/, written atomically.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import panflute as pf

from pipeline import data, housestyle, paginate, pandoc
from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.cover import cover_elements, fill
from pipeline.ooxml.finish import Layout, Properties, finish
from pipeline.ooxml.ns import qn
from pipeline.ooxml.package import Package, write_atomic
from pipeline.sources.supplement import Supplement, load_supplement
from pipeline.sources.yamlfile import load_yaml
from pipeline.transforms import Context, run, source_div
from pipeline.transforms.clauses import number_clauses
from pipeline.transforms.xrefs import (check_styles, expand_rules, insert_layout_blocks,
                                       resolve_xrefs)

TEMPLATES = data.templates("supplement")
TRANSFORMS = [check_styles, expand_rules, number_clauses, resolve_xrefs, insert_layout_blocks]


def _jinja() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
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
        raise PipelineError(Category.TEMPLATE, str(exc), Location(str(TEMPLATES / name), line)) from None


def _cover(sup: Supplement, text_width: int) -> list:
    description = load_yaml(TEMPLATES / "cover.yaml")
    env = _jinja()
    values = _template_values(sup)
    return cover_elements(fill(description, lambda text: env.from_string(text).render(**values)),
                          text_width)


def _rule_blocks(sup: Supplement) -> dict[str, list[pf.Block]]:
    """Each rule's text as pandoc blocks, parsed in one pandoc call."""
    if not sup.rules:
        return {}
    text = "\n\n".join(f"::: {{#{rule.id}}}\n{rule.text}\n:::" for rule in sup.rules)
    doc = pandoc.parse_markdown(text, sup.folder / "rules")
    return {div.identifier: list(div.content) for div in doc.content if isinstance(div, pf.Div)}


def render_supplement(sup: Supplement, reference: Path, paginate_toc: bool | None = None) -> bytes:
    """The finished Supplement as .docx bytes, built with *reference* as reference document."""
    house = housestyle.load()
    reference_pkg = Package.open(reference)
    reference_ids = {node.get(qn("w:styleId"))
                     for node in reference_pkg.xml("word/styles.xml").iter(qn("w:style"))}
    ctx = Context(style_names=house.by_name(), rules=sup.rules, image_root=sup.folder)
    ctx.rule_blocks = _rule_blocks(sup)
    front_path = TEMPLATES / "front.md.j2"
    front = pandoc.parse_markdown(_render_template("front.md.j2", _template_values(sup)),
                                  front_path)
    doc = pf.Doc(source_div(front.content, front_path), api_version=front.api_version)
    for clause in sup.clauses:
        parsed = pandoc.parse_markdown(clause.text, clause.path)
        doc.content.append(source_div(parsed.content, clause.path))
    run(doc, ctx, TRANSFORMS)
    package = Package.open(pandoc.write_docx(doc, reference, [sup.folder]))
    page = house.document["page"]
    properties = Properties(title=f"Supplement {sup.number} to ITU-T {sup.series}-series "
                                  f"Recommendations: {sup.title}",
                            subject=sup.title, keywords=sup.keywords,
                            creator=f"ITU-T {sup.study_group}", description=sup.summary,
                            date=f"{sup.year:04d}-{sup.month:02d}-01T00:00:00Z")
    finish(package, house.styles, reference_ids, properties,
           Layout(header_lines=[sup.identifier]),
           cover=_cover(sup, page["width"] - page["left"] - page["right"]))
    if paginate_toc or (paginate_toc is None and paginate.available()):
        paginate.fill_toc_pages(package, ctx.toc)
    return package.to_bytes()


def build_supplement(folder: Path, out_dir: Path, reference: Path | None = None,
                     paginate_toc: bool | None = None) -> Path:
    """Build the Supplement in *folder* into *out_dir*; the only .docx left there is the new one.

    *paginate_toc*: fill the contents' page numbers through LibreOffice (None: when installed).
    """
    sup = load_supplement(folder)
    data = render_supplement(sup, reference or housestyle.REFERENCE, paginate_toc)
    target = out_dir / f"{sup.file_stem}.docx"
    write_atomic(target, data)
    for stale in out_dir.glob("*.docx"):
        if stale != target:
            stale.unlink()
    return target
