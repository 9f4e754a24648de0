"""YAML files validated by JSON Schema, with errors that point at file:line:col.

Data is loaded with a safe loader that keeps dates as strings (a drafter's
``2026-03-01`` stays text), and every value's position is remembered so a
schema error names the line of the offending field. The one door for YAML:
duplicate keys, anchors and aliases (which no source needs, and which "billion
laughs" files abuse), nesting deeper than any source and numbers longer than
any source are refused before anything is built from the document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import yaml

from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.textfile import read_text

#: Limits no source comes near: nesting of mappings and lists, digits of a number.
MAX_DEPTH = 64
MAX_DIGITS = 100


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as plain strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

#: libyaml's parser, when PyYAML has it, with the same tags: it builds the same nodes
#: some ten times faster (a WTSA's hundreds of sources are read on every build). Input
#: it refuses is read again by the Python parser, whose messages the errors quote.
_FastLoader = getattr(yaml, "CSafeLoader", None)
if _FastLoader is not None:
    _FastLoader = type("_FastLoader", (_FastLoader,), {
        "yaml_implicit_resolvers": _Loader.yaml_implicit_resolvers})


def _compose(text: str) -> yaml.Node | None:
    if _FastLoader is not None:
        try:
            yaml.reader.Reader(text)  # the characters PyYAML refuses, refused alike
            return yaml.compose(text, Loader=_FastLoader)
        except (yaml.YAMLError, RecursionError):
            pass  # said by the Python parser, in its words
    return yaml.compose(text, Loader=_Loader)

Path_ = tuple[Any, ...]

#: What sources are made of: text, numbers, yes/no, nothing, lists and fields.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}"
                        for name in ("str", "int", "float", "bool", "null", "seq", "map"))


def load_yaml(path: Path, schema: dict | None = None, text: str | None = None,
              line_offset: int = 0, positions_out: dict | None = None,
              root: Path | tuple[Path, ...] | None = None) -> Any:
    """The data of YAML file *path*, checked against *schema* when given.

    *text* (with *line_offset*, the number of lines before it in the file)
    serves YAML front matter embedded in a larger file. *positions_out*, when
    given, receives each field's (line, column) keyed by its path, e.g.
    ``("rules", 3, "id")``. *root*: the folder tree *path* must lie in.
    """
    if text is None:
        text = read_text(path, root, what="YAML file")
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        # where the broken construct starts (an unclosed bracket or quote), else where
        # the parser stopped
        mark = exc.context_mark or exc.problem_mark
        where = Location(str(path), mark.line + 1 + line_offset, mark.column + 1) if mark \
            else Location(str(path))
        raise PipelineError(Category.YAML, f"malformed YAML: {exc.problem or exc.context}",
                            where) from None
    except yaml.reader.ReaderError as exc:
        line = text[:exc.position].count("\n") + 1 + line_offset
        raise PipelineError(Category.YAML, f"a character YAML does not allow "
                            f"(U+{exc.character:04X}); delete it or write it as an escape "
                            "in double quotes", Location(str(path), line)) from None
    except yaml.YAMLError as exc:
        raise PipelineError(Category.YAML, f"malformed YAML: {exc}", Location(str(path))) from None
    except RecursionError:
        raise PipelineError(Category.TOO_LARGE, "YAML nested more deeply than any source is",
                            Location(str(path))) from None
    if node is None:
        data: Any = None
        positions: dict[Path_, tuple[int, int]] = {}
    else:
        _check_tree(node, path, line_offset)
        try:
            data = _Loader(text).construct_document(node)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise PipelineError(Category.YAML, f"malformed YAML: {exc.problem or exc.context}",
                                Location(str(path), mark.line + 1 + line_offset,
                                         mark.column + 1) if mark else Location(str(path))
                                ) from None
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            raise PipelineError(Category.YAML, f"malformed YAML: {exc}",
                                Location(str(path))) from None
        positions = {(): _mark(node)}
        _record(node, (), positions)
    if schema is not None:
        _validate(path, data, schema, positions, line_offset)
    if positions_out is not None:
        positions_out.update({key: (line + line_offset, column)
                              for key, (line, column) in positions.items()})
    return data


def _check_tree(top: yaml.Node, path: Path, line_offset: int) -> None:
    """Refuse what no source needs and what harms a reader: a node used twice (an alias),
    an anchor, nesting deeper than MAX_DEPTH, a number of more than MAX_DIGITS digits,
    a key given twice in one mapping."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(top, 1)]

    def fail(node: yaml.Node, category: Category, message: str) -> None:
        raise PipelineError(category, message, Location(
            str(path), node.start_mark.line + 1 + line_offset, node.start_mark.column + 1))

    while stack:
        node, depth = stack.pop()
        if id(node) in seen or getattr(node, "anchor", None):
            fail(node, Category.YAML, "anchors and aliases (& and *) are not used in sources; "
                 "write the value out")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            fail(node, Category.TOO_LARGE, f"nested more than {MAX_DEPTH} levels deep")
        if node.tag not in _PLAIN_TAGS:
            fail(node, Category.YAML, f"the tag '{node.tag}' is not used in sources; write "
                 "plain text, numbers, lists and fields")
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_DIGITS:
                fail(node, Category.TOO_LARGE, f"a number of more than {MAX_DIGITS} digits")
        elif isinstance(node, yaml.MappingNode):
            keys: set = set()
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    fail(key, Category.YAML, "a field name is a list or a mapping; field names "
                         "are plain words")
                if key.value in keys:
                    fail(key, Category.YAML, f"field '{key.value}' is given twice")
                keys.add(key.value)
                stack.extend([(key, depth + 1), (value, depth + 1)])
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _record(node: yaml.Node, path: Path_, out: dict[Path_, tuple[int, int]]) -> None:
    """Remember where each field starts: a mapping value at its key, a list item at itself."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[path + (key.value,)] = _mark(key)
            _record(value, path + (key.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out[path + (index,)] = _mark(item)
            _record(item, path + (index,), out)


def _validate(path: Path, data: Any, schema: dict, positions: dict, line_offset: int) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), str(e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    field_path = tuple(error.absolute_path)
    where = _nearest(positions, field_path)
    field = ".".join(str(part) for part in field_path) or "(top level)"
    if error.validator == "required":
        missing = [name for name in error.validator_value
                   if not isinstance(error.instance, dict) or name not in error.instance]
        message = f"missing field '{'.'.join(map(str, field_path + (missing[0],)))}'"
        if field_path == ():
            message = f"missing field '{missing[0]}'"
    elif error.validator == "additionalProperties":
        message = f"{field}: {error.message}"
    else:
        message = f"field '{field}': {_short(error)}"
    line, column = where if where else (None, None)
    if line is not None:
        line += line_offset
    raise PipelineError(Category.SCHEMA, message, Location(str(path), line, column))


def _nearest(positions: dict, field_path: Path_) -> tuple[int, int] | None:
    for end in range(len(field_path), -1, -1):
        if field_path[:end] in positions:
            return positions[field_path[:end]]
    return None


def _short(error: jsonschema.ValidationError) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if description:
        return f"expected {description}, found {error.instance!r}"
    return error.message
