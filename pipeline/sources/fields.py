"""Field helpers shared by the YAML sources of the assembly's working documents
(meetings, positions, the Action Plan, focal points): schema fragments, dates and
one-line texts, each error naming the file, the line and the field."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Callable

from pipeline.errors import Category, Location, PipelineError

TEXT = {"type": "string", "minLength": 1}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "a date as YYYY-MM-DD"}
RESOLUTION = {"anyOf": [{"type": "integer", "minimum": 1},
                        {"type": "string", "pattern": r"^\[[^\]]+\]$"}],
              "description": "a Resolution number or a provisional identifier like '[ACP-1]'"}
TEXTS = {"type": "array", "items": TEXT}

#: Control characters other than TAB and line feeds: never part of a drafter's text, and
#: characters some Word templating engines turn into paragraph or page breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

#: A function giving the location of a field, from its path in the file.
At = Callable[..., Location]


def locator(path: Path, positions: dict) -> At:
    """``at("agenda", 2, "title")``: where that field is in *path* (its line and column
    when known, the nearest enclosing field's otherwise)."""
    def at(*field_path) -> Location:
        for end in range(len(field_path), -1, -1):
            if tuple(field_path[:end]) in positions:
                line, column = positions[tuple(field_path[:end])]
                return Location(str(path), line, column)
        return Location(str(path))
    return at


def one_line(text: str) -> str:
    """*text* as one line: runs of white space (a folded YAML paragraph's line ends
    included) become one space; control characters go."""
    return " ".join(_CONTROL.sub(" ", text).split())


def check_date(value: str, where: Location, name: str) -> datetime.date:
    """*value* (already YYYY-MM-DD by the schema) as a date; 2024-02-30 is refused."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise PipelineError(Category.SCHEMA, f"field '{name}': '{value}' is not a date",
                            where) from None


def resolution_label(number: int | str) -> str:
    """'Resolution 901' or 'draft new Resolution [ACP-1]'."""
    return f"Resolution {number}" if isinstance(number, int) else \
        f"draft new Resolution {number}"


def check_resolution(number: int | str, known: set, where: Location) -> None:
    """*number* is a Resolution in force or one a contribution proposes (*known*)."""
    if number not in known:
        listed = ", ".join(str(n) for n in sorted(known, key=lambda n: (isinstance(n, str), str(n))))
        raise PipelineError(Category.RESOLUTION, f"unknown Resolution {number}: not in force and "
                            f"proposed by no contribution (known: {listed})", where)
