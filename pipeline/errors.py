"""The one exception family of the pipeline.

Every problem a user can fix is raised as a PipelineError where it is found,
carrying a :class:`Category` and a location; the CLI renders it once as
``category: file:line:col: message`` and exits with the category's code:
1 for something to fix in the sources, 2 for input that is not what the
command takes at all (or a usage error).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Category(Enum):
    """What kind of problem an error is: its name on the error line and its exit status."""

    # Something to fix in the sources: exit 1.
    MISSING_FILE = ("missing-file", 1)
    ENCODING = ("encoding", 1)
    YAML = ("yaml", 1)
    SCHEMA = ("schema", 1)
    FRONT_MATTER = ("front-matter", 1)
    BODY = ("body", 1)
    LETTERING = ("lettering", 1)
    STYLE = ("style", 1)
    XREF = ("xref", 1)
    REFERENCE = ("reference", 1)
    RULES = ("rules", 1)
    IMAGE = ("image", 1)
    TEMPLATE = ("template", 1)
    RESOLUTION = ("resolution", 1)
    PROPOSAL = ("proposal", 1)
    BASE = ("base", 1)
    OUTSIDE = ("outside", 1)       # a source names a file outside its own folder tree
    TOO_LARGE = ("too-large", 1)   # a source beyond every sensible size or depth
    # The tools the build runs failed: exit 1.
    PANDOC = ("pandoc", 1)
    LAYOUT = ("layout", 1)
    # Input that is not what the command takes, or a usage error: exit 2.
    USAGE = ("usage", 2)
    BAD_DOCX = ("bad-docx", 2)
    TRACKED_CHANGES = ("tracked-changes", 2)
    CANNOT_MARK = ("cannot-mark", 2)
    NOT_A_RESOLUTION = ("import", 2)
    OUTPUT = ("output", 2)         # an output that cannot be written, or that is an input

    def __init__(self, label: str, exit_code: int):
        self.label = label
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Location:
    """A place in a source file; line and column are 1-based, None when unknown."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


class PipelineError(Exception):
    """A problem in the user's input or environment, reported without a traceback."""

    def __init__(self, category: Category, message: str, location: Location | None = None,
                 rule: str | None = None):
        # one line, whatever a library's message held
        message = " ".join(part.strip() for part in message.splitlines() if part.strip())
        super().__init__(message)
        self.category = category
        self.message = message
        self.location = location
        #: the slug of the Supplement's drafting rule the problem breaks, where one does
        #: (the checker reports such an error as a finding of that rule)
        self.rule = rule

    def __reduce__(self):
        # pickled whole, so that an error in a build's worker process reaches the build
        return (type(self), (self.category, self.message, self.location, self.rule))

    @property
    def exit_code(self) -> int:
        return self.category.exit_code

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{self.category}: {where}{self.message}"


def locate_text(path: Path | str, needle: str) -> Location:
    """The location of the first line of *path* that contains *needle*.

    Used where the parsed form (pandoc's AST) has lost source positions: the
    token the user wrote is searched in the file, so the error still points at
    the line to fix. Falls back to the file alone when the text is not found.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(str(path))
    for number, line in enumerate(lines, start=1):
        column = line.find(needle)
        if column >= 0:
            return Location(str(path), number, column + 1)
    return Location(str(path))
