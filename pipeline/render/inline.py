"""Markdown fragments: text fields that hold Markdown (a Resolution's paragraphs, titles,
footnotes), parsed together, in one pandoc call per document.

A document is built as AST first; where a fragment goes, the builder puts the
empty node :meth:`Fragments.inline` or :meth:`Fragments.blocks` returns, and
:meth:`Fragments.resolve` replaces each one by what pandoc read. Every fragment
is read as the inline text of one paragraph (a line that starts ``1.`` or
``-`` stays text), tables as blocks; footnote definitions are read with them,
so references become notes.
"""

from __future__ import annotations

from pathlib import Path

import panflute as pf

from pipeline.errors import Category, Location, PipelineError
from pipeline.render import pandoc
from pipeline.render.walk import walk

_KEY = "data-fragment"
#: Bookmarks at the start of a note that carry its typed mark.
MARK_BOOKMARK = "Mark"


class Fragments:
    """The Markdown fragments of one document."""

    def __init__(self, origin: Path):
        self.origin = origin
        self._sources: list[tuple[str, str, Path | None]] = []  # kind, text, picture folder
        #: the folders pictures of these fragments were taken from
        self.picture_folders: set[Path] = set()
        self._notes: list[str] = []
        #: bookmark name -> the mark its note types instead of Word's number
        self.marks: dict[str, str] = {}

    def inline(self, text: str, pictures: Path | None = None) -> pf.Span:
        """Where the inlines of *text* go; relative picture paths are taken from *pictures*."""
        self._sources.append(("inline", text, pictures))
        if pictures is not None:
            self.picture_folders.add(pictures)
        return pf.Span(attributes={_KEY: str(len(self._sources) - 1)})

    def blocks(self, text: str) -> pf.Div:
        """Where the blocks of *text* (a pipe table, say) go."""
        self._sources.append(("blocks", text, None))
        return pf.Div(attributes={_KEY: str(len(self._sources) - 1)})

    def mark(self, text: str) -> str:
        """The bookmark name that, at the start of a note's definition, types *text* as
        the note's mark (finishing reads it back: :data:`MARK_BOOKMARK`)."""
        name = f"{MARK_BOOKMARK}{len(self.marks) + 1:04d}"
        self.marks[name] = text
        return name

    def notes(self, definitions: list[str]) -> None:
        """Footnote definitions (``[^label]: text``) the fragments' references point at."""
        self._notes.extend(definitions)

    def resolve(self, doc: pf.Doc) -> None:
        """Parse every fragment and put it in place in *doc*."""
        if not self._sources:
            return
        parsed = self._parse()

        def action(elem, _doc):
            if isinstance(elem, (pf.Span, pf.Div)) and _KEY in elem.attributes:
                return parsed[int(elem.attributes[_KEY])]
            return None

        walk(doc, action)
        walk(doc, _separate_note_marks)

    def _parse(self) -> list[list[pf.Element]]:
        pieces = []
        for index, (kind, text, _pictures) in enumerate(self._sources):
            pieces.append(f"[]{{#f{index}}} {text}" if kind == "inline"
                          else f"::: {{#f{index}}}\n{text}\n:::")
        source = "\n\n".join(pieces + self._notes) + "\n"
        # -smart: quotes, dashes and dots stay as typed, as in the texts in force
        doc = pandoc.parse_markdown(source, self.origin, "-smart", lines=False)
        found: dict[int, list[pf.Element]] = {}
        for block in doc.content:
            if isinstance(block, pf.Div) and block.identifier.startswith("f"):
                found[int(block.identifier[1:])] = list(block.content)
            elif isinstance(block, (pf.Para, pf.Plain)) and block.content \
                    and isinstance(block.content[0], pf.Span) \
                    and block.content[0].identifier.startswith("f"):
                inlines = list(block.content[1:])
                if inlines and isinstance(inlines[0], pf.Space):
                    inlines = inlines[1:]
                found[int(block.content[0].identifier[1:])] = inlines
        out = []
        for index, (_kind, text, pictures) in enumerate(self._sources):
            if index not in found:
                raise PipelineError(Category.PANDOC, f"pandoc did not read the text "
                                    f"'{text[:40]}' as one paragraph", Location(str(self.origin)))
            if pictures is not None:
                _anchor_pictures(found[index], pictures, self.origin)
            out.append(found[index])
        return out


def _separate_note_marks(elem, _doc):
    """Two note references side by side read as one number ("12"): as ITU's texts do, a
    comma and a space in the footnote reference style go between them."""
    if isinstance(elem, (pf.Para, pf.Plain)):
        content = elem.content
        for index in range(len(content) - 1, 0, -1):
            if isinstance(content[index], pf.Note) and isinstance(content[index - 1], pf.Note):
                content.insert(index, pf.Span(pf.Str(","), pf.Space(),
                                              attributes={"custom-style": "footnote reference"}))


def _anchor_pictures(inlines: list[pf.Element], folder: Path, origin: Path) -> None:
    """Picture paths in *inlines* taken from *folder* (made absolute); a picture from
    outside *folder*'s tree is an error, not an attachment."""
    for inline in inlines:
        if isinstance(inline, pf.Image):
            target = picture_inside(inline.url, [folder])
            if target is None:
                raise PipelineError(Category.IMAGE, f"picture '{inline.url}' is not a file in "
                                    f"the source's folder {folder}", Location(str(origin)))
            inline.url = str(target)


def picture_inside(url: str, folders: list[Path]) -> Path | None:
    """The file *url* names inside one of *folders* (a path relative to one, or an absolute
    path into one), or None: a URL with a scheme, or a path leading out, is never read."""
    if not url or "\x00" in url or (":" in url.split("/")[0] and not Path(url).is_absolute()):
        return None
    for folder in folders:
        try:
            root = folder.resolve()
            target = (folder / url).resolve()
        except (OSError, RuntimeError):
            continue
        if target.is_relative_to(root) and target.is_file():
            return target
    return None
