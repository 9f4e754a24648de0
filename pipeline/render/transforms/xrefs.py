"""Names and references: ITU style names, cross-references, reference keys, rules.

- ``custom-style`` on a Div or Span may give an ITU style's name or id; an
  unknown one is an error.
- ``@sec:x``, ``@tbl:x``, ``@fig:x``, ``@app:x`` become "clause 6.2",
  "Table 3", "Figure 1", "Appendix I"; ``[-@sec:x]`` gives the number alone;
  ``@R-07`` names a drafting rule. A label that nothing defines is an error.
- A bracketed reference key in running text, ``[ITU-T A.1]`` or ``[b-...]``,
  must be listed under References or Bibliography.
"""

from __future__ import annotations

import re

import panflute as pf

from pipeline.errors import Category, PipelineError
from pipeline.render.document import styled, text_inlines
from pipeline.render.transforms import Context, where
from pipeline.render.walk import walk

#: Bracketed text that is a citation of a reference, not an aside.
REFERENCE_KEY = re.compile(r"\[((?:b-)?(?:ITU|ISO|IEC|IETF|ETSI|IEEE)[^\[\]]*)\]")


def check_styles(doc: pf.Doc, ctx: Context) -> None:
    """Normalize every ``custom-style`` to the ITU style name; unknown names are errors."""
    ids_to_names = {sid: name for name, sid in ctx.style_names.items()}

    def action(elem: pf.Element, _doc: pf.Doc) -> None:
        if isinstance(elem, (pf.Div, pf.Span)) and "custom-style" in elem.attributes:
            given = elem.attributes["custom-style"]
            if given in ctx.style_names:
                return
            if given in ids_to_names:
                elem.attributes["custom-style"] = ids_to_names[given]
                return
            raise PipelineError(Category.STYLE, f"unknown style '{given}': use an ITU style name "
                                f"such as Call, enumlev1 or Heading_b (see styles/itu-styles.yaml)",
                                where(elem, given))

    walk(doc, action)


def expand_rules(doc: pf.Doc, ctx: Context) -> None:
    """``::: {.rules group=G}`` lists the rules of group G; ``::: rules-table`` tabulates all."""
    shown: set[str] = set()
    groups = {rule.group for rule in ctx.rules}

    def action(elem: pf.Element, _doc: pf.Doc):
        if not isinstance(elem, pf.Div):
            return None
        if "rules" in elem.classes:
            group = elem.attributes.get("group", "")
            if group not in groups:
                raise PipelineError(Category.RULES, f"no rules in group '{group}' (groups: "
                                    f"{', '.join(sorted(groups))})", where(elem, "rules"))
            chosen = [rule for rule in ctx.rules if rule.group == group]
            shown.update(rule.id for rule in chosen)
            return [styled("enumlev1", pf.Para(pf.Str(f"{rule.id}\t"), *_rule_inlines(ctx, rule)))
                    for rule in chosen]
        if "rules-table" in elem.classes:
            return _rules_table(elem, ctx)
        return None

    walk(doc, action)
    missing = [rule for rule in ctx.rules if rule.id not in shown]
    if missing:
        raise PipelineError(Category.RULES, f"rule {missing[0].id} (group '{missing[0].group}') is "
                            f"shown nowhere: add '::: {{.rules group={missing[0].group}}}' to a "
                            f"clause", missing[0].location)


def _rule_inlines(ctx: Context, rule) -> list[pf.Inline]:
    blocks = ctx.rule_blocks.get(rule.id, [])
    return list(blocks[0].content) if blocks else [pf.Str(rule.text)]


def _rules_table(elem: pf.Div, ctx: Context) -> list[pf.Block]:
    def cell(inlines: list[pf.Inline]) -> pf.TableCell:
        return pf.TableCell(pf.Plain(*inlines))

    head = pf.TableHead(pf.TableRow(cell([pf.Str("Rule")]), cell([pf.Str("Requirement")]),
                                    cell([pf.Str("Done")])))
    rows = [pf.TableRow(cell([pf.Str(rule.id)]), cell(_rule_inlines(ctx, rule)), cell([]))
            for rule in ctx.rules]
    title = text_inlines(elem.attributes.get("title", "Checklist of drafting rules"))
    return [pf.Table(pf.TableBody(*rows), head=head, caption=pf.Caption(pf.Plain(*title)),
                     colspec=[("AlignLeft", 0.1), ("AlignLeft", 0.8), ("AlignCenter", 0.1)],
                     identifier=elem.identifier)]


def resolve_xrefs(doc: pf.Doc, ctx: Context) -> None:
    """Replace every citation-form reference by its text; a dangling one is an error."""
    rule_ids = {rule.id for rule in ctx.rules}

    def action(elem: pf.Element, _doc: pf.Doc):
        if not isinstance(elem, pf.Cite):
            return None
        out: list[pf.Inline] = []
        for citation in elem.citations:
            key = citation.id
            if key in rule_ids:
                text = key
            elif key in ctx.labels:
                text = ctx.labels[key]
                if citation.mode == "SuppressAuthor":
                    text = text.split(" ", 1)[-1]
            else:
                raise PipelineError(Category.XREF, f"cross-reference '@{key}' points at nothing: no "
                                    f"heading, table, figure or rule has that label",
                                    where(elem, "@" + key))
            if out:
                out.extend([pf.Str(","), pf.Space()])
            out.extend(list(citation.prefix) + text_inlines(text) + list(citation.suffix))
        return pf.Span(*out)

    walk(doc, action)
    _check_reference_keys(doc, ctx)


def _check_reference_keys(doc: pf.Doc, ctx: Context) -> None:
    def action(elem: pf.Element, _doc: pf.Doc) -> None:
        if not isinstance(elem, (pf.Para, pf.Plain)):
            return
        parent = elem.parent
        if isinstance(parent, pf.Div) and parent.attributes.get("custom-style") == "Ref_text":
            return
        for match in REFERENCE_KEY.finditer(pf.stringify(elem)):
            if match.group(1) not in ctx.references:
                raise PipelineError(Category.XREF, f"reference [{match.group(1)}] is cited but not "
                                    f"listed under References or Bibliography",
                                    where(elem, match.group(0)))

    walk(doc, action)
