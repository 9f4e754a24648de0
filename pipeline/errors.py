"""The one exception family of the pipeline.

Every problem a user can fix is raised as a PipelineError where it is found,
carrying a category and a location; the CLI renders it once as
``category: file:line:col: message`` and exits with its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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

    exit_code = 1

    def __init__(self, category: str, message: str, location: Location | None = None):
        super().__init__(message)
        self.category = category
        self.message = message
        self.location = location

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{self.category}: {where}{self.message}"


class BadInputError(PipelineError):
    """Input that is not what the command takes at all (exit status 2)."""

    exit_code = 2


def locate_text(path: Path | str, needle: str) -> Location:
    """The location of the first line of *path* that contains *needle*.

    Used where the parsed form (pandoc's AST) has lost source positions: the
    token the user wrote is searched in the file, so the error still points at
    the line to fix. Falls back to the file alone when the text is not found.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return Location(str(path))
    for number, line in enumerate(lines, start=1):
        column = line.find(needle)
        if column >= 0:
            return Location(str(path), number, column + 1)
    return Location(str(path))
