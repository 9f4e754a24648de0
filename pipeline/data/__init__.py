"""What the pipeline reads besides its code, from the installed package.

``styles/`` (the house style and its reference .docx), ``templates/`` (covers and
front matter), ``conventions.yaml`` (the default list of calls), ``rules.yaml`` (the
Supplement's drafting rules) and ``texts.yaml`` (assemblies and texts, for the
checker). In the repository these are symbolic links to the files a drafter edits
(``styles/``, ``templates/``, ``content/...``); a wheel holds the files.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def path(*parts: str) -> Path:
    """The package data file or folder *parts*, e.g. ``path("styles", "itu-styles.yaml")``;
    in the repository, the file the link points at (the one to edit, named in errors)."""
    return Path(str(resources.files(__name__).joinpath(*parts))).resolve()


#: The house style definition and the reference document generated from it.
STYLES = path("styles", "itu-styles.yaml")
REFERENCE = path("styles", "itu-reference.docx")
#: The list of calls and the body's name, when a Resolutions folder has none of its own.
CONVENTIONS = path("conventions.yaml")
#: The Supplement's drafting rules and the list of assemblies and texts, for the checker
#: when it runs outside a content folder that has its own.
RULES = path("rules.yaml")
TEXTS = path("texts.yaml")


def templates(kind: str) -> Path:
    """The templates folder of one document kind (``supplement``, ``proposals``)."""
    return path("templates", kind)
