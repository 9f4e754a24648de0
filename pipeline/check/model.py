"""What the checker reports: findings, as plain data.

A :class:`Finding` names the rule of the Supplement it applies (``R-14``), the
place (file, line, column; 1-based), a one-line message, a suggestion where
one exists, and, for the rules whose repair is mechanical, a :class:`Fix`: an
exact replacement on one line that ``--fix`` applies and ``--diff`` shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Fix:
    """Replace *old* at *column* of *line* by *new* (both may be empty: an insertion,
    a deletion). Lines and columns are 1-based; *old* must be found there."""

    line: int
    column: int
    old: str
    new: str


@dataclass(frozen=True)
class Finding:
    path: str
    line: int | None
    column: int | None
    rule: str                 # "R-14"
    slug: str                 # "item-ends-with-semicolon"
    severity: Severity
    message: str
    suggestion: str = ""
    fix: Fix | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message)

    def location(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            text += f":{self.column or 1}"
        return text
