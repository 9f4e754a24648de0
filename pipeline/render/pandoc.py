"""The one door to pandoc: Markdown to a typed AST, and an AST to .docx.

Pandoc comes from the pypandoc_binary wheel, so nothing is installed on the
system. The AST travels as JSON and is handled in-process as panflute nodes.
"""

from __future__ import annotations

import io
import subprocess
import time
from functools import lru_cache
from pathlib import Path

import panflute as pf
import pypandoc

from pipeline.errors import Category, Location, PipelineError
from pipeline.outputs import file_digest
from pipeline.sources.textfile import check_markdown

#: Markdown as the sources are written: pandoc's dialect without raw TeX or
#: TeX maths (drafters write Word text, and a stray dollar sign stays text).
MARKDOWN = "markdown-raw_tex-tex_math_dollars"


def _binary() -> str:
    return pypandoc.get_pandoc_path()


#: Far beyond any real document (the whole WTSA compilation is written in seconds);
#: only a pathological input gets there.
TIMEOUT = 300


def _run(args: list[str], stdin: bytes, what: str, version: str = "") -> bytes:
    """What pandoc writes for *stdin* with *args*. The last few conversions are kept, by
    their arguments, input and the *version* of the files they read besides (the two
    sides of a redlined document are mostly the same skeleton, their texts differing in
    pieces pasted afterwards: the second side's reading and writing are the first's);
    and all of them in a build's cache when one is kept (:func:`keep_conversions`)."""
    return _converted(tuple(args), stdin, what, version)


#: Where conversions are kept between builds: an object with conversion(key) and
#: keep_conversion(key, data) (a build's PieceStore), or None.
_KEPT: list = [None]


def keep_conversions(store) -> None:
    """Keep every conversion in *store* (None: in memory only), keyed by pandoc's version,
    the arguments, the input and the version of what it reads besides. A conversion that
    reads pictures (its version a moment, never the same) is never kept."""
    _KEPT[0] = store


@lru_cache(maxsize=8)
def _converted(args: tuple[str, ...], stdin: bytes, what: str, _version: str) -> bytes:
    store = _KEPT[0] if _version.startswith("sha256:") else None
    key = b""
    if store is not None:
        key = "\0".join((version(), *args, _version, "")).encode("utf-8", "surrogatepass") + stdin
        kept = store.conversion(key)  # (None too for a damaged entry: converted again)
        if kept is not None:
            return kept
    out = _convert(args, stdin, what)
    if store is not None:
        store.keep_conversion(key, out)
    return out


def _convert(args: tuple[str, ...], stdin: bytes, what: str) -> bytes:
    try:
        result = subprocess.run([_binary(), *args], input=stdin, capture_output=True,
                                check=False, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise PipelineError(Category.PANDOC, f"pandoc took more than {TIMEOUT} s on {what}: "
                            "simplify its Markdown (deep nesting, very long lines)") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PipelineError(Category.PANDOC, f"pandoc failed on {what}: "
                            f"{message[-1] if message else 'no message'}")
    return result.stdout


def parse_markdown(text: str, origin: Path | str, extensions: str = "",
                   lines: bool = True) -> pf.Doc:
    """The panflute document of Markdown *text* read from *origin*; *extensions*
    adds to or removes from pandoc's Markdown ones, e.g. ``-smart``. *lines*: whether
    *text*'s lines are *origin*'s (errors then name the line)."""
    try:
        check_markdown(text, origin)
    except PipelineError as exc:
        if lines:
            raise
        raise PipelineError(exc.category, str(exc.message), Location(str(origin))) from None
    # reading Markdown reads nothing else: the same text is the same conversion
    data = _run(["-f", MARKDOWN + extensions, "-t", "json"], text.encode("utf-8"), str(origin),
                "sha256:-")
    try:
        return pf.load(io.StringIO(data.decode("utf-8")))
    except RecursionError:
        raise PipelineError(Category.TOO_LARGE, "the Markdown nests deeper than a document "
                            "can (lists in lists, quotations in quotations)",
                            Location(str(origin))) from None


@lru_cache(maxsize=1)
def api_version() -> tuple[int, ...]:
    """The AST version of the pandoc binary, for documents built without parsing any."""
    return tuple(parse_markdown("", "<empty>").api_version)


@lru_cache(maxsize=1)
def version() -> str:
    """The first line of ``pandoc --version``: the binary the pieces were written by."""
    return _run(["--version"], b"", "--version").decode("utf-8", "replace").splitlines()[0]


def write_docx(doc: pf.Doc, reference: Path, resource_path: list[Path]) -> bytes:
    """The .docx pandoc writes for *doc* with *reference* as its reference document."""
    stream = io.StringIO()
    pf.dump(doc, stream)
    if not reference.is_file():
        raise PipelineError(Category.MISSING_FILE, "no such reference document",
                            Location(str(reference)))
    data = stream.getvalue().encode("utf-8")
    if b'"t":"Image"' in data:  # pictures are read from files: converted afresh
        search, version = ":".join(str(p) for p in resource_path), f"{time.monotonic_ns()}"
    else:  # nothing to look for: the same conversion wherever the document comes from
        search, version = ".", f"sha256:{file_digest(reference)}"
    return _run(["-f", "json", "-t", "docx", "-o", "-", "--reference-doc", str(reference),
                 "--resource-path", search], data, "the assembled document", version)
