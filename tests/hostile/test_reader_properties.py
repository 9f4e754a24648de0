"""The reading doors, fed generated text: whatever arrives, the YAML and Markdown
readers give back data or a PipelineError that names the file, nothing else.

Examples are derived from a fixed seed (derandomize), so CI sees the same ones on
every run; a failure prints the smallest text that shows it.
"""

from __future__ import annotations

from pathlib import Path

import panflute as pf
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.render import pandoc
from pipeline.sources.resolution import load_resolution
from pipeline.sources.textfile import check_markdown
from pipeline.sources.yamlfile import load_yaml

SOURCE = Path("source.yaml")
RESOLUTION = Path("res-999.md")
QUICK = settings(max_examples=300, derandomize=True, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Text made of what YAML and Markdown give meaning to, so examples reach the parsers'
# corners rather than plain words.
_YAML_PIECES = st.sampled_from([
    "a", "b: ", ": ", "- ", "[", "]", "{", "}", ", ", "&x ", "*x", "!!str ", "!!python/name:os ",
    "? ", "|", ">-", "\n", "\n  ", "\t", "'", '"', "#", "---\n", "...\n", "9" * 120, "1e999",
    "0x", "~", "null", "yes", "\u00e9", "\x00", "\ufeff", "%YAML 1.1\n", "<<: *x\n",
])
_MARKDOWN_PIECES = st.sampled_from([
    "word ", "*", "_", "[", "]", "(", ")", "![", "](", "{", "}", "#", "\n", "\n\n", "> ",
    "- ", "1. ", "a) ", "    ", "`", "```\n", "<b>", "</b>", "<!--", "-->", "|", "---\n",
    "[^1]", "[^1]: note\n", "@R-01", "\\", "&amp;", "\u2011", "\t", ":::", "::: {.x}\n",
])
_YAML_TEXT = st.one_of(st.text(max_size=300), st.lists(_YAML_PIECES, max_size=60).map("".join))
_MARKDOWN_TEXT = st.one_of(st.text(max_size=300),
                           st.lists(_MARKDOWN_PIECES, max_size=80).map("".join))
_WORDS = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
                 max_size=20)
_PLAIN = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), _WORDS),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(_WORDS, inner, max_size=4)),
    max_leaves=20)


def _names_the_file(error: PipelineError, path: Path) -> None:
    assert error.location is not None and error.location.path == str(path), str(error)
    assert "\n" not in str(error).strip(), str(error)


@QUICK
@given(_YAML_TEXT)
def test_yaml_text_gives_data_or_a_located_error(text):
    try:
        load_yaml(SOURCE, text=text)
    except PipelineError as error:
        _names_the_file(error, SOURCE)


@QUICK
@given(_PLAIN)
def test_yaml_a_person_could_write_reads_back_as_written(data):
    """Plain YAML (no anchors, tags or repeated keys) is never refused."""
    text = yaml.safe_dump(data, allow_unicode=True)
    assert load_yaml(SOURCE, text=text) == data


@QUICK
@given(_MARKDOWN_TEXT)
def test_markdown_nesting_check_gives_nothing_or_a_located_error(text):
    try:
        check_markdown(text, RESOLUTION)
    except PipelineError as error:
        _names_the_file(error, RESOLUTION)
        assert error.location.line is not None


@QUICK
@given(_MARKDOWN_TEXT, _YAML_TEXT)
def test_resolution_source_gives_a_model_or_a_located_error(body, front):
    text = f"---\n{front}\n---\n{body}"
    try:
        load_resolution(RESOLUTION, text=text)
    except PipelineError as error:
        _names_the_file(error, RESOLUTION)


@SLOW
@given(_MARKDOWN_TEXT)
def test_pandoc_reads_any_markdown_or_says_why(text):
    try:
        doc = pandoc.parse_markdown(text, RESOLUTION)
    except PipelineError as error:
        _names_the_file(error, RESOLUTION)
    else:
        assert isinstance(doc, pf.Doc)
