"""Small element builders: the one way the pipeline makes WordprocessingML nodes."""

from __future__ import annotations

import re

from lxml import etree

from pipeline.ooxml.ns import NS, XML_SPACE, qn

#: An element of a part: what the layers above hold without importing lxml.
Element = etree._Element


#: One childless element per prefixed tag, copied by :func:`el`.
_MADE: dict[str, etree._Element] = {}


def el(tag: str, *children: etree._Element, text: str | None = None,
       **attrs: str | int) -> etree._Element:
    """Element *tag* (``w:p``) with ``w:``-namespaced *attrs* and *children*.

    Attribute keys may carry a prefix with a double underscore (``r__id``) for
    namespaces other than w.
    """
    made = _MADE.get(tag)
    if made is None:
        made = _MADE[tag] = etree.Element(qn(tag), nsmap=_nsmap_for(tag))
    node = made.__copy__()  # a copy costs a fraction of making one
    for key, value in attrs.items():
        prefix, _, local = key.rpartition("__")
        node.set(qn(f"{prefix or 'w'}:{local}"), str(value))
    for child in children:
        if child is not None:
            node.append(child)
    if text is not None:
        node.text = text
    return node


#: Childless elements by tag and namespaces, to copy: making an element that declares the
#: sixteen namespaces of a Word body costs twenty times as much as copying one.
_BARE: dict[tuple, etree._Element] = {}


def bare_copy(node: etree._Element) -> etree._Element:
    """A new element with *node*'s tag, attributes and namespaces in scope, and no
    children or text: what ``etree.Element(node.tag, dict(node.attrib), nsmap=node.nsmap)``
    makes, made faster."""
    nsmap = node.nsmap
    key = (node.tag, *nsmap.items())
    made = _BARE.get(key)
    if made is None:
        if len(_BARE) > 512:  # documents of many kinds in one process: start again
            _BARE.clear()
        made = _BARE[key] = etree.Element(node.tag, nsmap=nsmap)
    out = made.__copy__()
    for name, value in node.attrib.items():
        out.set(name, value)
    return out


def _nsmap_for(name: str) -> dict[str, str]:
    prefix = name.split(":", 1)[0]
    return {prefix: NS[prefix]}


def root(name: str, *prefixes: str) -> etree._Element:
    """A part's root element declaring the namespaces *prefixes* (w and r by default)."""
    prefixes = prefixes or ("w", "r")
    return etree.Element(qn(name), nsmap={p: NS[p] for p in prefixes})


#: Characters Word keeps as elements of their own in a run, not as text.
_SPECIAL = {"\n": "w:br", "\t": "w:tab", "\u2011": "w:noBreakHyphen"}
_SPECIAL_SPLIT = re.compile("([\n\t\u2011])")


def text_nodes(text: str) -> list[etree._Element]:
    """The run content for *text*: ``w:t`` pieces, ``w:tab`` for TABs, ``w:br`` for line
    feeds, ``w:noBreakHyphen`` for non-breaking hyphens (U+2011), as Word writes them."""
    nodes: list[etree._Element] = []
    for part in _SPECIAL_SPLIT.split(text):
        if part in _SPECIAL:
            nodes.append(el(_SPECIAL[part]))
        elif part:
            t = el("w:t", text=part)
            t.set(XML_SPACE, "preserve")
            nodes.append(t)
    return nodes


def text_run(text: str, rpr: etree._Element | None = None) -> etree._Element:
    """A run holding *text*, its TABs, line feeds and non-breaking hyphens as elements."""
    run = el("w:r")
    if rpr is not None:
        run.append(rpr)
    run.extend(text_nodes(text))
    return run


def paragraph(style: str | None, *runs: etree._Element) -> etree._Element:
    """A paragraph in *style* (None for Normal) holding *runs*."""
    p = el("w:p")
    if style:
        p.append(el("w:pPr", el("w:pStyle", val=style)))
    for run in runs:
        p.append(run)
    return p


def field_runs(instruction: str, result: list[etree._Element] | str) -> list[etree._Element]:
    """The runs of a complex field: begin, instruction, separate, cached *result*, end."""
    cached = [text_run(result)] if isinstance(result, str) else result
    instr = el("w:instrText", text=f" {instruction} ")
    instr.set(XML_SPACE, "preserve")
    return ([el("w:r", el("w:fldChar", fldCharType="begin")), el("w:r", instr),
             el("w:r", el("w:fldChar", fldCharType="separate"))]
            + cached + [el("w:r", el("w:fldChar", fldCharType="end"))])


def to_string(node: Element) -> str:
    """The XML of *node* as text, with its namespace declarations (a fragment to embed)."""
    return etree.tostring(node, encoding="unicode")
