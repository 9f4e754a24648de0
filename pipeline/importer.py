"""A published ITU Resolution (.docx) into the Resolution model (sources.resolution).

Driven by ITU paragraph styles, looked up by name so that a file whose ids
differ (``Normalaftertitle0``) still reads right: Res_No gives the number and
edition, Res_title the title, Res_ref the editions and the history notes, the
first Normal_after_title the assembly, Call the calls, lettered and numbered
paragraphs their items, Section_No/Section_title the sections, heading N the
clause headings, enumlev1-3 the lists, Note the notes, Annex/Appendix_No the
annexes. Anything else keeps its style (a styled block). The cover and the
foreword (everything before the number line) are left out. The model is written
as a source by :func:`pipeline.sources.resolution.to_source`.

Inline formatting carried over: italic, bold, superscript, subscript,
footnotes, non-breaking hyphens; pictures are extracted next to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.build import Element
from pipeline.ooxml.ns import NS, qn
from pipeline.ooxml.package import Package
from pipeline.ooxml.rels import target_part
from pipeline.ooxml.wordml import W_P, paragraph_style
from pipeline.render import housestyle
from pipeline.render.resolution import escape_markdown
from pipeline.sources.resolution import (Block, BlockKind, Conventions, Resolution,
                                         load_conventions)
from pipeline.sources.resolution.parser import CAPTION, LIST_MARKER, MARKER, NOTE
from pipeline.sources.resolution.serialize import reads_plain

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


def _on(rpr: Element | None, tag: str) -> bool:
    node = rpr.find(qn(tag)) if rpr is not None else None
    return node is not None and node.get(qn("w:val"), "true") not in ("0", "false", "off")


class _Reader:
    def __init__(self, package: Package, media_dir: Path | None, media_prefix: str,
                 warnings: list[str]):
        self.package = package
        self.warnings = warnings
        self.media_dir = media_dir
        self.media_prefix = media_prefix
        styles = package.xml("word/styles.xml")
        self.names = {s.get(qn("w:styleId")): s.find(qn("w:name")).get(qn("w:val"))
                      for s in styles.iter(qn("w:style")) if s.find(qn("w:name")) is not None}
        self.notes: dict[str, str] = {}
        self.note_order: list[str] = []
        self.numbered = 0  # notes Word numbers itself, met so far
        self.footnotes = package.xml("word/footnotes.xml") if package.has("word/footnotes.xml") \
            else None
        rels = package.xml("word/_rels/document.xml.rels")
        self.targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        self.images: dict[str, str] = {}

    def style_name(self, p: Element) -> str:
        sid = paragraph_style(p) or "Normal"
        return self.names.get(sid, sid)

    def paragraph(self, p: Element, in_note: bool = False) -> Para:
        name = self.style_name(p)
        para = Para(_kind(name), name)
        runs = [run for run in p.iter(qn("w:r"))
                if not any(a.tag in (qn("w:del"), qn("w:moveFrom")) for a in run.iterancestors())]
        for index, run in enumerate(runs):
            rpr = run.find(qn("w:rPr"))
            in_ref = self.in_reference_style(run)
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
                    mark = self.mark(child, runs[index + 1:])
                    para.segments.append(Segment(self.note(child.get(qn("w:id")), mark),
                                                 script="note"))
                elif child.tag == qn("w:drawing"):
                    para.images.extend(self.pictures(child))
        return para

    def in_reference_style(self, run: Element) -> bool:
        """Whether *run* is in the footnote reference style (a mark, not text)."""
        style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        return style is not None and "footnote" in self.names.get(style.get(qn("w:val")),
                                                                   "").lower()

    def mark(self, reference: Element, following: list[Element]) -> str:
        """The mark a reader sees on a note reference: the one typed after it
        (``w:customMarkFollows``), or Word's number among the numbered notes; then what
        is typed on in the reference style ("1" then "bis": 1bis; not ", ")."""
        if reference.get(qn("w:customMarkFollows")) in ("1", "true", "on"):
            mark = "".join(t.text or "" for t in reference.itersiblings(qn("w:t"))).strip()
        else:
            self.numbered += 1
            mark = str(self.numbered)
        for run in following:
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if not self.in_reference_style(run) or not text.strip().isalnum() \
                    or run.find(qn("w:footnoteReference")) is not None:
                break
            mark += text.strip()
        return mark or "*"

    def note(self, note_id: str, mark: str) -> str:
        """The label of a note: the mark a reader sees (kept, so the text renders with it)."""
        if note_id not in self.notes:
            label = mark
            while label in self.notes.values():  # two notes show one mark: keep both apart
                label += "-2"
            self.notes[note_id] = label
            self.note_order.append(note_id)
        return f"[^{self.notes[note_id]}]"

    def note_text(self, note_id: str) -> str:
        """The text of a note, without the mark it opens with (a suffix such as "bis"
        typed after Word's number belongs to the mark, not the text)."""
        if self.footnotes is None:
            return ""
        suffix = self.notes.get(note_id, "").lstrip("0123456789")
        for note in self.footnotes.iter(qn("w:footnote")):
            if note.get(qn("w:id")) == note_id:
                paras = [self.paragraph(p, in_note=True) for p in note.iter(qn("w:p"))]
                if paras and suffix:
                    segments = paras[0].segments
                    while segments and not segments[0].text.strip():
                        segments.pop(0)
                    if segments and segments[0].text.strip() == suffix:
                        segments.pop(0)
                texts = [markdown(para.segments).strip() for para in paras]
                return " ".join(t for t in texts if t)
        return ""

    def pictures(self, drawing: Element) -> list[str]:
        """The pictures of *drawing*, saved in the media folder; a relationship that points
        outside the package, or at nothing, is skipped with a warning."""
        out = []
        for blip in drawing.iter(f"{{{NS['a']}}}blip"):
            rid = blip.get(qn("r:embed"))
            target = self.targets.get(rid)
            if not target or self.media_dir is None:
                continue
            part = target_part("word/document.xml", target)
            if part is None or not self.package.has(part):
                self.warnings.append(f"a picture points at '{target}', which is not in the "
                                     "file: left out")
                continue
            if part not in self.images:
                name = Path(part).name
                taken = {Path(used).name for used in self.images.values()}
                if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}", name) or name in taken:
                    suffix = re.sub(r"[^A-Za-z0-9.]", "", Path(part).suffix)[:10]
                    name = f"image{len(self.images) + 1}{suffix}"
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


def _split_marker(text: str) -> tuple[str, str]:
    """("a)", "that ...") for "a)\\tthat ...", ("", text) when there is no TAB."""
    head, tab, rest = text.partition("\t")
    if tab and head and " " not in head.strip():
        return head.strip().replace("*", ""), rest  # the marker as typed, without italics
    return "", text


def import_docx(path: Path, media_dir: Path | None = None, media_prefix: str = "",
                warnings: list[str] | None = None,
                conventions: Conventions | None = None) -> Resolution:
    """The Resolution in Word file *path*, as a model. Pictures are saved in *media_dir*
    and named *media_prefix* + file name in the text; what cannot be read exactly is
    said in *warnings*."""
    package = Package.open(path)
    warnings = warnings if warnings is not None else []
    reader = _Reader(package, media_dir, media_prefix, warnings)
    body = package.xml("word/document.xml").find(qn("w:body"))
    nodes = list(body) if body is not None else []
    start = next((i for i, node in enumerate(nodes) if node.tag == W_P
                  and _kind(reader.style_name(node)) == "resno"
                  and "".join(node.itertext()).strip()), None)
    if start is None:
        raise PipelineError(Category.NOT_A_RESOLUTION, "no number line (a paragraph in style "
                            "Res_No) found: is this an ITU Resolution?", Location(str(path)))
    paras = []  # read from the number line on: the cover and foreword stay out
    for node in nodes[start:]:
        if node.tag == W_P:
            paras.append(reader.paragraph(node))
        elif node.tag == qn("w:tbl"):
            paras.append(Para("table", "table", [Segment(_table(reader, node))]))
        elif node.tag == qn("w:sdt"):
            paras.extend(reader.paragraph(p) for p in node.iter(W_P))
    conventions = conventions or load_conventions()
    builder = _Builder(path, conventions, warnings)
    res = builder.convert(paras)
    by_label = {f"[^{label}]": note_id for note_id, label in reader.notes.items()}
    res.history_notes = [reader.note_text(by_label[label]) or "(empty footnote)"
                         for label in builder.history]
    marks = [label[2:-1] for label in builder.history]
    if marks != [str(n) for n in range(1, len(marks) + 1)]:
        res.history_marks = marks
    for note_id in reader.note_order:
        if f"[^{reader.notes[note_id]}]" not in builder.history:
            text = reader.note_text(note_id)
            res.footnotes.append(f"[^{reader.notes[note_id]}]: {text or '(empty footnote)'}")
    return res


def _table(reader: _Reader, table: Element) -> str:
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


class _Builder:
    """The model of a Resolution from its paragraphs, read in order."""

    def __init__(self, path: Path, conventions: Conventions, warnings: list[str]):
        self.path, self.conventions, self.warnings = path, conventions, warnings
        self.house = _house_names()
        self.front: dict = {}
        self.blocks: list[Block] = []
        self.history: list[str] = []  # footnote labels on the history line
        self.under_call = False

    def add(self, kind: BlockKind, text: str, **fields) -> None:
        self.blocks.append(Block(kind, text, 0, **fields))
        if kind == BlockKind.CALL:
            self.under_call = True
        elif kind in (BlockKind.HEADING, BlockKind.SECTION, BlockKind.ANNEX,
                      BlockKind.APPENDIX):
            self.under_call = False

    def styled(self, text: str, style: str | None) -> None:
        """A paragraph in *style*: plain when Normal or unknown, else a styled block."""
        if style in (None, "Normal"):
            self.add(BlockKind.PARA, text)
        else:
            self.add(BlockKind.STYLED, text, style=style)

    def convert(self, paras: list[Para]) -> Resolution:
        index = 0
        while index < len(paras):
            para = paras[index]
            index += 1
            for image in para.images:
                self.add(BlockKind.IMAGE, f"![]({image})", title=image)
            plain = para.plain.replace("\n", " ").strip()
            if plain or para.kind == "table":
                index = self.paragraph(para, plain, paras, index)
        return self.resolution()

    def paragraph(self, para: Para, plain: str, paras: list[Para], index: int) -> int:
        """Read *para* (and the title paragraphs after it); returns the next index."""
        text = markdown(para.segments).strip(" ")
        kind = para.kind
        front = self.front
        if kind == "resno" and "number" not in front:
            self.number_line(plain)
        elif kind == "restitle" and "opening" not in front:
            front["plain_title"] = " ".join((front.get("plain_title", "") + " " + plain).split())
        elif kind == "resref" and "opening" not in front:
            history = plain.strip().removeprefix("(").removesuffix(")")
            front["editions"] = [" ".join(item.split()) for item in history.split(";")
                                 if item.strip()]
            self.history = [seg.text for seg in para.segments if seg.script == "note"]
        elif kind == "normalaftertitle" and "opening" not in front:
            front["opening"] = True
            match = _OPENING.search(plain)
            if match:
                front["assembly"] = " ".join(match.group("edition").split())
        else:
            front["opening"] = True
            return self.body(para, text, plain, paras, index)
        return index

    def number_line(self, plain: str) -> None:
        match = _NUMBER_LINE.match(" ".join(plain.split()))
        if not match:
            raise PipelineError(Category.NOT_A_RESOLUTION, f"number line '{plain}' is not "
                                "'RESOLUTION N (Place, Year)'", Location(str(self.path)))
        number = match.group("number")
        self.front.update(number=int(number) if number.isdigit() else number,
                          editions=[match.group("edition").strip()],
                          status="draft" if match.group("draft") else "in-force",
                          revised=bool(match.group("rev")))

    def body(self, para: Para, text: str, plain: str, paras: list[Para], index: int) -> int:
        kind = para.kind
        if kind == "call":
            name = " ".join(plain.split())
            style = self.conventions.kind_of(name)
            if style is None:
                self.warnings.append(f"call '{name}' is not in {self.conventions.path}; "
                                     "add it there before rendering")
            self.add(BlockKind.CALL, name, style=style or "")
        elif kind in ("sectionno", "annexno", "appendixno"):
            index = self.part(para, text, plain, paras, index)
        elif kind.startswith("heading") and kind[7:].isdigit():
            marker, rest = _split_marker(text)
            self.add(BlockKind.HEADING, rest if marker else text, marker=marker,
                     level=int(kind[7:]))
        elif kind in ("enumlev1", "enumlev2", "enumlev3"):
            marker, rest = _split_marker(text)
            if marker and LIST_MARKER.match(f"{marker} x"):
                self.add(BlockKind.ENUM, rest, marker=marker, level=int(kind[-1]))
            elif text.startswith("\t"):
                self.add(BlockKind.ENUM, text[1:], marker="", level=int(kind[-1]))
            else:
                self.styled(text, self.house.get(kind))
        elif kind == "note" and NOTE.match(plain):
            self.add(BlockKind.NOTE, text)
        elif kind == "table":
            self.add(BlockKind.TABLE, text)
        elif kind in ("normal", "normalaftertitle", "bodytext"):
            self.normal(text)
        elif kind in ("figure", "figurenotitle", "tablenotitle") and CAPTION.match(plain):
            self.add(BlockKind.CAPTION, escape_markdown(plain))  # the title style sets it bold
        elif self.house.get(kind) is None:
            self.warnings.append(f"style '{para.style_name}' is not an ITU house style: "
                                 f"'{plain[:40]}' imported as Normal text")
            self.normal(text)
        else:
            self.styled(text, self.house[kind])
        return index

    def normal(self, text: str) -> None:
        """A Normal paragraph: an item or clause when it starts with a marker and a TAB;
        under a call, an item without a letter; else a plain paragraph."""
        marker, rest = _split_marker(text)
        if marker and MARKER.match(f"{marker} x"):
            self.add(BlockKind.ITEM if self.under_call else BlockKind.CLAUSE, rest, marker=marker)
        elif self.under_call and reads_plain(text):
            self.add(BlockKind.ITEM, text)
        else:
            self.add(BlockKind.PARA, text)

    def part(self, para: Para, text: str, plain: str, paras: list[Para], index: int) -> int:
        """A section, annex or appendix: its number paragraph, then its reference and title."""
        kind = para.kind
        first = para.plain.split("\n")[0].strip().replace("\u00a0", " ")
        title = ""
        follows = {"sectionno": ("sectiontitle",)}.get(kind, (kind.replace("no", "ref"),
                                                              kind.replace("no", "title")))
        while index < len(paras) and paras[index].kind in follows:
            if paras[index].kind.endswith("title"):
                title = _title(paras[index])
            index += 1
        match = _PART.match(first if kind != "sectionno" else plain.replace("\u00a0", " "))
        if match:
            self.add(BlockKind(match.group("word").lower()), match.group("word"),
                     marker=match.group("number"), title=title)
        else:
            self.styled(text, self.house.get(kind))
            if title and kind == "sectionno":
                self.styled(title, "Section_title")
        return index

    def resolution(self) -> Resolution:
        front = self.front
        if not front.get("plain_title"):
            raise PipelineError(Category.NOT_A_RESOLUTION, "no title (a paragraph in style "
                                "Res_title) after the number line", Location(str(self.path)))
        editions = front["editions"]
        return Resolution(path=self.path.with_suffix(".md"), number=front["number"],
                          title=escape_markdown(front["plain_title"]),  # the title is Markdown
                          editions=editions, status=front["status"],
                          body_name=self.conventions.body,
                          assembly=front.get("assembly", editions[-1]),
                          revised=front["revised"], blocks=self.blocks)


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
