"""A published ITU Resolution (.docx) into the Resolution source format.

Driven by ITU paragraph styles, looked up by name so that a file whose ids
differ (``Normalaftertitle0``) still reads right: Res_No gives the number and
edition, Res_title the title, Res_ref the editions and the history notes, the
first Normal_after_title the assembly, Call the calls, lettered and numbered
paragraphs their items, Section_No/Section_title the sections, heading N the
clause headings, enumlev1-3 the lists, Note the notes, Annex/Appendix_No the
annexes. Anything else keeps its style in a ``::: Style_name`` block. The
cover and the foreword (everything before the number line) are left out.

Inline formatting carried over: italic, bold, superscript, subscript,
footnotes, non-breaking hyphens; pictures are extracted next to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import etree

from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.ns import NS, qn
from pipeline.ooxml.package import Package
from pipeline import housestyle
from pipeline.resolution import escape_markdown
from pipeline.sources.resolution import (CALL, CAPTION, IMAGE, LIST_MARKER, MARKER, NOTE,
                                         load_conventions)

_NUMBER_LINE = re.compile(r"^(?P<draft>DRAFT NEW )?RESOLUTION\s+(?P<number>\S+)\s*"
                          r"\((?P<rev>Rev\.\s*)?(?P<edition>[^)]*)\)\s*$", re.IGNORECASE)
_OPENING = re.compile(r"\((?P<edition>[^()]*\d{4})\),?\s*$")
_PART = re.compile(r"^(?P<word>Section|Annex|Appendix)\s+(?P<number>\S+)\s*$", re.IGNORECASE)


@dataclass
class Segment:
    text: str
    italic: bool = False
    bold: bool = False
    script: str = ""  # "super" or "sub"


@dataclass
class Para:
    kind: str  # normalized style name: resno, call, normal, enumlev1...
    style_name: str
    segments: list[Segment] = field(default_factory=list)
    images: list[str] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return "".join(s.text for s in self.segments if s.script != "note")


def _kind(name: str) -> str:
    return re.sub(r"[\s_]", "", name).lower()


def _on(rpr: etree._Element | None, tag: str) -> bool:
    node = rpr.find(qn(tag)) if rpr is not None else None
    return node is not None and node.get(qn("w:val"), "true") not in ("0", "false", "off")


class _Reader:
    def __init__(self, package: Package, media_dir: Path | None, media_prefix: str):
        self.package = package
        self.media_dir = media_dir
        self.media_prefix = media_prefix
        styles = package.xml("word/styles.xml")
        self.names = {s.get(qn("w:styleId")): s.find(qn("w:name")).get(qn("w:val"))
                      for s in styles.iter(qn("w:style")) if s.find(qn("w:name")) is not None}
        self.notes: dict[str, str] = {}
        self.note_order: list[str] = []
        self.footnotes = package.xml("word/footnotes.xml") if package.has("word/footnotes.xml") \
            else None
        rels = package.xml("word/_rels/document.xml.rels")
        self.targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        self.images: dict[str, str] = {}

    def style_name(self, p: etree._Element) -> str:
        node = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        sid = node.get(qn("w:val")) if node is not None else "Normal"
        return self.names.get(sid, sid)

    def paragraph(self, p: etree._Element, in_note: bool = False) -> Para:
        name = self.style_name(p)
        para = Para(_kind(name), name)
        for run in p.iter(qn("w:r")):
            if any(a.tag in (qn("w:del"), qn("w:moveFrom")) for a in run.iterancestors()):
                continue
            rpr = run.find(qn("w:rPr"))
            rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
            in_ref = rstyle is not None and "footnote" in self.names.get(
                rstyle.get(qn("w:val")), "").lower()
            align = rpr.find(qn("w:vertAlign")) if rpr is not None else None
            script = {"superscript": "super", "subscript": "sub"}.get(
                align.get(qn("w:val")) if align is not None else "", "")
            style = dict(italic=_on(rpr, "w:i"), bold=_on(rpr, "w:b"), script=script)
            for child in run:
                if child.tag == qn("w:t") and not in_ref:
                    para.segments.append(Segment(child.text or "", **style))
                elif child.tag == qn("w:tab"):
                    para.segments.append(Segment("\t", **style))
                elif child.tag in (qn("w:br"), qn("w:cr")):
                    para.segments.append(Segment("\n", **style))
                elif child.tag == qn("w:noBreakHyphen"):
                    para.segments.append(Segment("\u2011", **style))
                elif child.tag == qn("w:footnoteReference") and not in_note:
                    para.segments.append(Segment(self.note(child.get(qn("w:id"))),
                                                 script="note"))
                elif child.tag == qn("w:drawing"):
                    para.images.extend(self.pictures(child))
        return para

    def note(self, note_id: str) -> str:
        if note_id not in self.notes:
            label = str(len(self.notes) + 1)
            self.notes[note_id] = label
            self.note_order.append(note_id)
        return f"[^{self.notes[note_id]}]"

    def note_text(self, note_id: str) -> str:
        if self.footnotes is None:
            return ""
        for note in self.footnotes.iter(qn("w:footnote")):
            if note.get(qn("w:id")) == note_id:
                texts = [markdown(self.paragraph(p, in_note=True).segments).strip()
                         for p in note.iter(qn("w:p"))]
                return " ".join(t for t in texts if t)
        return ""

    def pictures(self, drawing: etree._Element) -> list[str]:
        out = []
        for blip in drawing.iter(f"{{{NS['a']}}}blip"):
            rid = blip.get(qn("r:embed"))
            target = self.targets.get(rid)
            if not target or self.media_dir is None:
                continue
            part = "word/" + target.lstrip("/").removeprefix("word/")
            if part not in self.images:
                name = Path(part).name
                self.media_dir.mkdir(parents=True, exist_ok=True)
                (self.media_dir / name).write_bytes(self.package.raw(part))
                self.images[part] = f"{self.media_prefix}{name}"
            out.append(self.images[part])
        return out


def markdown(segments: list[Segment]) -> str:
    """Inline Markdown of *segments*: escaped text, *italic*, **bold**, ^sup^, ~sub~."""
    merged: list[Segment] = []
    for seg in segments:
        if seg.script == "note":
            merged.append(seg)
            continue
        text = seg.text.replace("\n", " ")
        if merged and merged[-1].script != "note" and \
                (merged[-1].italic, merged[-1].bold, merged[-1].script) == \
                (seg.italic, seg.bold, seg.script):
            merged[-1].text += text
        else:
            merged.append(Segment(text, seg.italic, seg.bold, seg.script))
    out = []
    for seg in merged:
        if seg.script == "note":
            out.append(seg.text)
            continue
        text = escape_markdown(seg.text)
        core = text.strip(" \t")
        if not core or not (seg.italic or seg.bold or seg.script):
            out.append(text)
            continue
        lead = text[:len(text) - len(text.lstrip(" \t"))]
        trail = text[len(text.rstrip(" \t")):]
        if seg.script:
            core = core.replace(" ", "\\ ")
            mark = "^" if seg.script == "super" else "~"
            core = f"{mark}{core}{mark}"
        if seg.bold:
            core = f"**{core}**"
        if seg.italic:
            core = f"*{core}*"
        out.append(lead + core + trail)
    return "".join(out)


def _plain(text: str) -> tuple[str, str | None]:
    """A plain paragraph's source line and the style block it needs, if any, so that
    the source format does not read it as structure (an item, a note, a heading...)."""
    if NOTE.match(text) or CAPTION.match(text) or CALL.match(text) or IMAGE.match(text):
        return text, "Normal"
    if MARKER.match(text):
        return "\\" + text, None  # "\a) ...", "\2024 ...": plain text, not an item
    if text[:1] in "#|:" or re.match(r"^ *- ", text):
        return "\\" + text.lstrip(" "), None
    return text, None


def _split_marker(text: str) -> tuple[str, str]:
    """("a)", "that ...") for "a)\\tthat ...", ("", text) when there is no TAB."""
    head, tab, rest = text.partition("\t")
    if tab and head and " " not in head.strip():
        return head.strip().replace("*", ""), rest  # the marker as typed, without italics
    return "", text


def import_docx(path: Path, media_dir: Path | None = None, media_prefix: str = "",
                warnings: list[str] | None = None) -> str:
    """The source text (front matter and body) of the Resolution in *path*."""
    package = Package.open(path)
    reader = _Reader(package, media_dir, media_prefix)
    body = package.xml("word/document.xml").find(qn("w:body"))
    nodes = list(body)
    start = next((i for i, node in enumerate(nodes) if node.tag == qn("w:p")
                  and _kind(reader.style_name(node)) == "resno"
                  and "".join(node.itertext()).strip()), None)
    if start is None:
        raise PipelineError(Category.NOT_A_RESOLUTION, "no number line (a paragraph in style Res_No) found: "
                            "is this an ITU Resolution?", Location(str(path)))
    paras = []  # read from the number line on: the cover and foreword stay out
    for node in nodes[start:]:
        if node.tag == qn("w:p"):
            paras.append(reader.paragraph(node))
        elif node.tag == qn("w:tbl"):
            paras.append(Para("table", "table", [Segment(_table(reader, node))]))
        elif node.tag == qn("w:sdt"):
            paras.extend(reader.paragraph(p) for p in node.iter(qn("w:p")))
    warn = warnings if warnings is not None else []
    front, lines, history = _convert(paras, path, warn)
    by_label = {f"[^{label}]": note_id for note_id, label in reader.notes.items()}
    if history:
        front["history_notes"] = [reader.note_text(by_label[label]) or "(empty footnote)"
                                  for label in history]
    for note_id in reader.note_order:
        if f"[^{reader.notes[note_id]}]" in history:
            continue
        text = reader.note_text(note_id)
        lines.append(f"[^{reader.notes[note_id]}]: {text or '(empty footnote)'}")
        lines.append("")
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    return "---\n" + head + "---\n\n" + "\n".join(lines).rstrip() + "\n"


def _table(reader: _Reader, table: etree._Element) -> str:
    rows = []
    for tr in table.iter(qn("w:tr")):
        cells = []
        for tc in tr.findall(qn("w:tc")):
            texts = [markdown(reader.paragraph(p).segments).replace("\t", " ").strip()
                     for p in tc.findall(qn("w:p"))]
            cells.append(" ".join(t for t in texts if t).replace("|", "\\|"))
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return ""
    width = rows[0].count(" | ") + 1
    return "\n".join([rows[0], "|" + "---|" * width] + rows[1:])


def _convert(paras: list[Para], path: Path,
             warn: list[str]) -> tuple[dict, list[str], list[str]]:
    front: dict = {}
    lines: list[str] = []
    conventions = load_conventions()
    known_calls = set(conventions.preambular) | set(conventions.operative)
    house = _house_names()
    fence: str | None = None
    index = 0

    def emit(text: str, style: str | None = None) -> None:
        nonlocal fence
        if style != fence:
            if fence is not None:
                lines.extend([":::", ""])
            if style is not None:
                lines.extend([f"::: {style}", ""])
            fence = style
        lines.extend([text, ""])

    opening_seen = False
    while index < len(paras):
        para = paras[index]
        index += 1
        text = markdown(para.segments).strip(" ")
        plain = para.plain.replace("\n", " ").strip()
        kind = para.kind
        for image in para.images:
            emit(f"![]({image})")
        if not plain and kind != "table":
            continue
        if kind == "resno" and "number" not in front:
            match = _NUMBER_LINE.match(" ".join(plain.split()))
            if not match:
                raise PipelineError(Category.NOT_A_RESOLUTION, f"number line '{plain}' is not 'RESOLUTION N "
                                    "(Place, Year)'", Location(str(path)))
            number = match.group("number")
            front["number"] = int(number) if number.isdigit() else number
            front["title"] = ""
            front["editions"] = [match.group("edition").strip()]
            front["status"] = "draft" if match.group("draft") else "in-force"
            front["_revised"] = bool(match.group("rev"))
            continue
        if kind == "restitle" and not opening_seen:
            title = " ".join((front.get("_plain_title", "") + " " + plain).split())
            front["_plain_title"] = title
            front["title"] = escape_markdown(title)  # the title is Markdown
            continue
        if kind == "resref" and not opening_seen:
            history = plain.strip().removeprefix("(").removesuffix(")")
            front["editions"] = [" ".join(item.split()) for item in history.split(";")
                                 if item.strip()]
            notes = [seg.text for seg in para.segments if seg.script == "note"]
            if notes:
                front["_notes"] = notes
            continue
        if kind == "normalaftertitle" and not opening_seen:
            opening_seen = True
            match = _OPENING.search(plain)
            if match:
                front["assembly"] = " ".join(match.group("edition").split())
            continue
        opening_seen = True
        if kind == "call":
            name = " ".join(plain.split())
            if name not in known_calls:
                warn.append(f"call '{name}' is not in content/resolutions/conventions.yaml; "
                            "add it there before rendering")
            emit(f"*{name}*")
        elif kind == "sectionno":
            title = ""
            if index < len(paras) and paras[index].kind == "sectiontitle":
                title = _title(paras[index])
                index += 1
            match = _PART.match(plain.replace("\u00a0", " "))
            if match:
                emit(f"# {plain}" + (f": {title}" if title else ""))
            else:
                emit(text, "Section_No")
                if title:
                    emit(title, "Section_title")
        elif kind in ("annexno", "appendixno"):
            first = para.plain.split("\n")[0].strip()
            title = ""
            while index < len(paras) and paras[index].kind in (kind.replace("no", "ref"),
                                                                 kind.replace("no", "title")):
                if paras[index].kind.endswith("title"):
                    title = _title(paras[index])
                index += 1
            if _PART.match(first):
                emit(f"# {first}" + (f": {title}" if title else ""))
            else:
                emit(text, house.get(para.kind) or "Normal")
        elif kind.startswith("heading") and kind[7:].isdigit():
            marker, rest = _split_marker(text)
            emit("#" * int(kind[7:]) + " " + (f"{marker} {rest}" if marker else text))
        elif kind in ("enumlev1", "enumlev2", "enumlev3"):
            level = int(kind[-1])
            marker, rest = _split_marker(text)
            indent = "  " * (level - 1)
            if marker and LIST_MARKER.match(f"{marker} x"):
                emit(f"{indent}- {marker} {rest}")
            elif text.startswith("\t"):
                emit(f"{indent}- {text}")
            else:
                emit(text, house.get(para.kind) or "Normal")
        elif kind == "note" and NOTE.match(plain):
            emit(text)
        elif kind == "table":
            emit(text)
        elif kind in ("normal", "normalaftertitle", "bodytext"):
            marker, rest = _split_marker(text)
            if marker and MARKER.match(f"{marker} x"):
                emit(f"{marker} {rest}")
            else:
                emit(*_plain(text))
        elif kind in ("figure", "figurenotitle", "tablenotitle") and CAPTION.match(plain):
            emit(escape_markdown(plain))  # the title style sets it bold
        else:
            style = house.get(para.kind)
            if style is None:
                warn.append(f"style '{para.style_name}' is not an ITU house style: "
                            f"'{plain[:40]}' imported as Normal text")
                emit(*_plain(text))
            else:
                emit(text, style)
    emit("", None)
    while lines and not lines[-1]:
        lines.pop()
    lines.append("")
    return _front(front, path), lines, front.get("_notes", [])


def _title(para: Para) -> str:
    """A title paragraph as inline Markdown on one line (its style sets it bold)."""
    return " ".join(markdown([Segment(s.text, s.italic, False, s.script)
                              for s in para.segments]).split())


def _house_names() -> dict[str, str]:
    """Normalized style name or id -> house style name, to match a file's own styles."""
    styles = housestyle.load().styles
    names = {_kind(style["name"]): style["name"] for style in styles}
    names.update({_kind(style["id"]): style["name"] for style in styles})
    return names


def _front(found: dict, path: Path) -> dict:
    if not found.get("title"):
        raise PipelineError(Category.NOT_A_RESOLUTION, "no title (a paragraph in style Res_title) after the "
                            "number line", Location(str(path)))
    front = {"number": found["number"], "title": found["title"], "editions": found["editions"],
             "status": found["status"]}
    revised = found.pop("_revised")
    if revised != (len(found["editions"]) > 1):
        front["revised"] = revised
    if found.get("assembly") and found["assembly"] != found["editions"][-1]:
        front["assembly"] = found["assembly"]
    return front
