"""The one door through which sources are read as text.

A source file is read only when it lies inside the folder tree it belongs to
(a clause inside the Supplement's folder, a draft inside the proposals' folder),
is a regular file of sensible size, and is UTF-8 (a byte-order mark is allowed
and dropped). Anything else is one error naming the file.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import Category, Location, PipelineError

#: Larger than any source a person writes (the Supplement is about 100 KB).
MAX_TEXT_BYTES = 8 * 1024 * 1024


def inside(path: Path, root: Path | tuple[Path, ...], where: Location | None = None,
           what: str = "file") -> Path:
    """*path* resolved, refused unless it lies inside *root* (its own folder tree, or one
    of several: a proposal may name a base among the Resolutions in force)."""
    roots = root if isinstance(root, tuple) else (root,)
    resolved = path.resolve()
    if not any(resolved.is_relative_to(folder.resolve()) for folder in roots):
        raise PipelineError(Category.OUTSIDE, f"the {what} {path} lies outside "
                            f"{' and '.join(str(folder) for folder in roots)}; sources are read "
                            "only from their own folders", where or Location(str(path)))
    return resolved


def read_text(path: Path, root: Path | tuple[Path, ...] | None = None,
              where: Location | None = None,
              what: str = "file") -> str:
    """The text of *path* (UTF-8, BOM dropped, line ends as \\n), inside *root* when given."""
    if root is not None:
        inside(path, root, where, what)
    location = where or Location(str(path))
    try:
        if path.is_dir():
            raise PipelineError(Category.MISSING_FILE, f"{path} is a folder, not a {what}",
                                location)
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise PipelineError(Category.TOO_LARGE, f"{path} is larger than "
                                f"{MAX_TEXT_BYTES // (1024 * 1024)} MB, more than a source "
                                "can sensibly hold", location)
        data = path.read_bytes()
    except FileNotFoundError:
        raise PipelineError(Category.MISSING_FILE, f"no such {what}", location) from None
    except PermissionError:
        raise PipelineError(Category.MISSING_FILE, f"the {what} cannot be read (permission "
                            "denied)", location) from None
    except OSError as exc:
        raise PipelineError(Category.MISSING_FILE, f"the {what} cannot be read "
                            f"({exc.strerror or exc})", location) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PipelineError(Category.ENCODING, f"not UTF-8 text ({exc.reason} at byte "
                            f"{exc.start}); save the file as UTF-8",
                            Location(str(path), line)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: Deeper than any drafter nests brackets; pandoc's Markdown reader takes time that
#: grows exponentially with bracket nesting (measured with pandoc 3.9: a thousand
#: groups four deep 1.4 s, five deep 5.6 s; ten deep, seconds for a single group).
MAX_BRACKET_DEPTH = 4
#: Deeper than ITU's four list levels many times over; past some hundreds, the
#: document tree no longer fits Python's recursion limit.
MAX_QUOTE_DEPTH = 16
MAX_INDENT = 128


def check_markdown(text: str, path: Path | str, first_line: int = 1) -> None:
    """Refuse Markdown nested beyond sense (brackets, quotes, indentation), at the line
    where it happens, before pandoc spends minutes on it. *first_line*: the file line
    *text* starts at."""
    depth = 0
    for number, line in enumerate(text.split("\n"), first_line):
        stripped = line.lstrip(" \t")
        if not stripped:
            depth = 0  # a paragraph ends: pandoc reads inlines paragraph by paragraph
            continue
        indent = len(line[:len(line) - len(stripped)].expandtabs(4))
        quotes = stripped[:len(stripped) - len(stripped.lstrip("> \t"))].count(">")
        if indent > MAX_INDENT or quotes > MAX_QUOTE_DEPTH:
            raise PipelineError(Category.TOO_LARGE, "lists or quotations nested deeper than "
                                "any document needs; flatten them", Location(str(path), number))
        if "[" not in line:
            depth = max(0, depth - line.count("]")) if depth else 0
            continue
        escaped = False
        for char in line:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == "[":
                depth += 1
                if depth > MAX_BRACKET_DEPTH:
                    raise PipelineError(Category.TOO_LARGE, f"square brackets nested more "
                                        f"than {MAX_BRACKET_DEPTH} deep; close them or escape "
                                        "them (\\[)", Location(str(path), number))
            elif char == "]" and depth:
                depth -= 1
