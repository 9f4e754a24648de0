"""The ITU house style: a readable YAML definition turned into a reference .docx.

``styles/itu-styles.yaml`` is the definition; ``styles/itu-reference.docx`` is
what pandoc and the finishing stage use. The reference document is generated
by :func:`build_reference`, byte for byte the same from the same definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import data
from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml import styles as ooxml_styles
from pipeline.outputs import write_atomic
from pipeline.sources.yamlfile import load_yaml

DEFINITION = data.STYLES
REFERENCE = data.REFERENCE

_TAB = {"oneOf": [{"type": "integer", "minimum": 0},
                  {"type": "object", "required": ["pos"], "additionalProperties": False,
                   "properties": {"pos": {"type": "integer", "minimum": 0},
                                  "align": {"enum": ["left", "center", "right", "decimal", "clear"]},
                                  "leader": {"enum": ["dot", "hyphen", "underscore", "none"]}}}]}
_STYLE_SCHEMA = {
    "type": "object", "required": ["id", "name"], "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9]*$",
               "description": "a style id of letters and digits"},
        "name": {"type": "string"},
        "type": {"enum": ["paragraph", "character", "table"]},
        "based_on": {"type": "string"}, "next": {"type": "string"},
        "font": {"type": "string"}, "size": {"type": "number", "minimum": 1, "maximum": 72},
        "bold": {"type": "boolean"}, "italic": {"type": "boolean"},
        "caps": {"type": "boolean"}, "superscript": {"type": "boolean"},
        "underline": {"type": "boolean"}, "color": {"type": "string", "pattern": "^[0-9A-F]{6}$"},
        "before": {"type": "number", "minimum": 0}, "after": {"type": "number", "minimum": 0},
        "line": {"type": "number", "minimum": 1},
        "align": {"enum": ["left", "center", "right", "both"]},
        "indent": {"type": "object", "additionalProperties": False,
                   "properties": {k: {"type": "integer"} for k in
                                  ("left", "right", "hanging", "first")}},
        "tabs": {"type": "array", "items": _TAB},
        "keep_next": {"type": "boolean"}, "keep_lines": {"type": "boolean"},
        "outline": {"type": "integer", "minimum": 0, "maximum": 8},
        "hidden": {"type": "boolean"}, "borders": {"type": "integer", "minimum": 1},
    },
}
SCHEMA = {
    "type": "object", "required": ["document", "styles"], "additionalProperties": False,
    "properties": {
        "document": {
            "type": "object", "required": ["page", "font", "size", "language", "default_tab"],
            "additionalProperties": False,
            "properties": {
                "page": {"type": "object",
                         "required": ["width", "height", "top", "bottom", "left", "right"],
                         "additionalProperties": {"type": "integer", "minimum": 0}},
                "font": {"type": "string"}, "size": {"type": "number"},
                "language": {"type": "string"}, "default_tab": {"type": "integer"},
            },
        },
        "styles": {"type": "array", "minItems": 1, "items": _STYLE_SCHEMA},
        "variants": {"type": "object", "additionalProperties": {
            "type": "object", "description": "style ids, each with the fields it changes",
            "additionalProperties": {
                "type": "object", "additionalProperties": False,
                "properties": {k: v for k, v in _STYLE_SCHEMA["properties"].items()
                               if k not in ("id", "name")}}}},
    },
}


@dataclass(frozen=True)
class HouseStyle:
    """The loaded definition: document defaults and the styles, in file order."""

    document: dict[str, Any]
    styles: list[dict[str, Any]] = field(default_factory=list)
    #: variant name -> style id -> the fields that variant changes
    variants: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    @property
    def ids(self) -> set[str]:
        return {style["id"] for style in self.styles}

    def by_name(self) -> dict[str, str]:
        """Style name -> id, as pandoc's custom-style attribute refers to styles by name."""
        return {style["name"]: style["id"] for style in self.styles}

    def variant(self, name: str | None) -> "HouseStyle":
        """The house style with variant *name*'s changes (None: as defined)."""
        if name is None:
            return self
        changes = self.variants[name]
        return HouseStyle(self.document, [{**style, **changes.get(style["id"], {})}
                                          for style in self.styles])


def load(path: Path = DEFINITION) -> HouseStyle:
    """Read and check the house style definition; references between styles must resolve.

    Read once per version of the file (every render asks for it); callers share the
    result and must not change it."""
    try:
        version = path.stat().st_mtime_ns
    except OSError:
        version = None  # _load reports the missing file
    return _load(path, version)


@lru_cache(maxsize=8)
def _load(path: Path, _version: int | None) -> HouseStyle:
    data = load_yaml(path, SCHEMA)
    ids = [style["id"] for style in data["styles"]]
    seen: set[str] = set()
    for index, style in enumerate(data["styles"]):
        if style["id"] in seen:
            raise PipelineError(Category.STYLE, f"style id '{style['id']}' is defined twice",
                                Location(str(path)))
        seen.add(style["id"])
        for link in ("based_on", "next"):
            if link in style and style[link] not in ids:
                raise PipelineError(Category.STYLE, f"styles[{index}] ({style['id']}): {link} names "
                                    f"unknown style '{style[link]}'", Location(str(path)))
    variants = data.get("variants", {})
    for name, changes in variants.items():
        for sid in changes:
            if sid not in seen:
                raise PipelineError(Category.STYLE, f"variant '{name}' changes unknown style "
                                    f"'{sid}'", Location(str(path)))
    return HouseStyle(data["document"], data["styles"], variants)


def reference(variant: str | None = None) -> Path:
    """The reference .docx of the house style, or of one of its variants."""
    return REFERENCE if variant is None else REFERENCE.with_name(
        f"{REFERENCE.stem}-{variant}{REFERENCE.suffix}")


def build_reference(house: HouseStyle | None = None, out: Path = REFERENCE,
                    variant: str | None = None) -> Path:
    """Write the reference .docx for *house* (the project's definition by default), with
    *variant*'s changes."""
    house = (house or load()).variant(variant)
    package = ooxml_styles.reference_package(house.document, house.styles)
    write_atomic(out, package.to_bytes())
    return out


def build_references(folder: Path | None = None) -> list[Path]:
    """Write the reference .docx of the house style and of each variant (into *folder*,
    by default beside the definition); returns the files."""
    house = load()
    out = []
    for variant in [None, *house.variants]:
        target = reference(variant)
        out.append(build_reference(house, (folder or target.parent) / target.name, variant))
    return out


def text_width() -> int:
    """The width between the page margins, in twips (covers lay out columns in it)."""
    page = load().document["page"]
    return page["width"] - page["left"] - page["right"]
