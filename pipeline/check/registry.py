"""The checks and the rules they apply.

Each check is a function registered with :func:`check` under the slug that
``content/supplement/rules.yaml`` gives in a rule's ``check:`` field; the rule
id, its group and its text come from there, so the Supplement and the checker
read one list. A test holds both directions: every slug in the rules has a
check, every check names a slug of the rules.

A check takes a :class:`~pipeline.check.context.Doc` (one Resolution) or a
:class:`~pipeline.check.context.ContributionDoc` (one contribution with its
proposals) and yields :class:`Hit`s; the runner turns them into findings with
the rule's id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pipeline.check.model import Fix, Severity

#: scope of a check: one Resolution text, or one contribution of proposals
RESOLUTION = "resolution"
CONTRIBUTION = "contribution"
#: all the Resolutions read in a run, with those in force: yields (path shown, Hit)
CORPUS = "corpus"


@dataclass(frozen=True)
class Hit:
    """What a check found: where, what, and how to put it right."""

    line: int | None
    column: int | None
    message: str
    suggestion: str = ""
    fix: Fix | None = None
    severity: Severity | None = None  # None: the check's own severity


@dataclass(frozen=True)
class Check:
    slug: str
    scope: str
    severity: Severity
    function: Callable[..., Iterator[Hit]]
    fixable: bool
    #: the languages of the texts the check reads (codes; see styles/languages.yaml): a
    #: check of English words covers English only, one of letters and numbers every language
    languages: tuple[str, ...] = ("en",)

    def covers(self, language: str) -> bool:
        return EVERY_LANGUAGE in self.languages or language in self.languages


CHECKS: dict[str, Check] = {}
#: A check that reads no words (structure, letters, numbers): it covers every language.
EVERY_LANGUAGE = "*"
#: The languages whose items end with ";" "," and "." as English ones do.
LATIN_PUNCTUATION = ("en", "fr", "es", "ru")


def check(slug: str, scope: str = RESOLUTION, severity: Severity = Severity.ERROR,
          fixable: bool = False, languages: tuple[str, ...] = ("en",)):
    """Register the decorated function as the check of rule *slug*, for texts in
    *languages* (English unless it says more)."""
    def register(function):
        if slug in CHECKS:
            raise ValueError(f"two checks for {slug}")
        CHECKS[slug] = Check(slug, scope, severity, function, fixable, tuple(languages))
        return function
    return register
