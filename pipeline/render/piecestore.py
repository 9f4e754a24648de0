"""Rendered pieces kept between builds: content-addressed files in a folder of the
build (``build/.itudraft-cache/pieces/``), so a rebuild converts only the pieces whose
text changed.

An entry's name is the sha256 of everything that decides what pandoc writes for the
piece: the piece's content key (its text, see :class:`~pipeline.render.pieces.Pieces`),
the reference document's bytes, pandoc's version and the pipeline's own version (a
salt the caller gives: its code and data). An entry is written once, through a
temporary file renamed into place, by whichever process renders the piece first;
the same name always holds the same bytes, so two processes writing it at once
agree. Entries live in a folder per version of the pipeline; a build removes those of
other versions, and only files and folders named as the store names them.
"""

from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path

from pipeline.errors import Category, PipelineError
from pipeline.ooxml.build import el
from pipeline.ooxml.package import parse_xml, serialize_xml
from pipeline.outputs import file_digest, write_atomic
from pipeline.render import pandoc

FORMAT = "1"
#: A rendered piece is its body elements and the footnotes they refer to (ids 1, 2...
#: in the order of reference), or None: rendered in place, every time.
_IN_PLACE = b"in place\n"
MISSING = object()


#: The names the store gives its folders and files: a version of the pipeline, a shard,
#: an entry, and the temporary name an entry is written under.
_VERSION, _SHARD = re.compile(r"[0-9a-f]{16}"), re.compile(r"[0-9a-f]{2}")
#: (pieces are .xml; pandoc's conversions, kept whole, .bin)
_ENTRY = re.compile(r"[0-9a-f]{64}\.(xml|bin)")
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\.(xml|bin)\..*\.tmp")


class PieceStore:
    """The rendered pieces in *folder*, for one version of the pipeline (*salt*): in a
    folder of their own, so the entries of earlier versions can go (:meth:`prune`)."""

    def __init__(self, folder: Path, salt: str):
        self.folder = folder / salt[:16]
        self.salt = salt

    def prune(self) -> int:
        """Remove the entries of other versions of the pipeline beside this one's (only
        files named as the store names them, in folders named as it names them, and
        then those folders when empty); how many files went."""
        removed = 0
        parent = self.folder.parent
        for version in sorted(parent.iterdir()) if parent.is_dir() else []:
            if version == self.folder or not _owned(version, _VERSION):
                continue
            for shard in sorted(version.iterdir()):
                if not _owned(shard, _SHARD):
                    continue
                for entry in sorted(shard.iterdir()):
                    if entry.is_file() and not entry.is_symlink() and (
                            _ENTRY.fullmatch(entry.name) or _TEMPORARY.fullmatch(entry.name)):
                        entry.unlink()
                        removed += 1
                _remove_if_empty(shard)
            _remove_if_empty(version)
        return removed

    def name(self, key: str, reference: Path) -> str:
        h = hashlib.sha256(f"{FORMAT}\0{self.salt}\0{pandoc.version()}\0"
                           f"{file_digest(reference)}\0".encode())
        h.update(key.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _path(self, name: str) -> Path:
        return self.folder / name[:2] / f"{name}.xml"

    def get(self, name: str):
        """The piece stored under *name*, None when it renders in place, or MISSING."""
        try:
            data = self._path(name).read_bytes()
        except OSError:
            return MISSING
        try:
            return loads(data, str(self._path(name)))
        except PipelineError:  # a damaged entry: rendered again, and replaced
            return MISSING

    def put(self, name: str, data: bytes) -> None:
        """Store *data* (from :func:`dumps`) under *name*."""
        write_atomic(self._path(name), data)

    # -- pandoc's conversions (see pandoc.keep_conversions) --------------------------
    def conversion(self, key: bytes) -> bytes | None:
        """What pandoc wrote for the conversion *key* (its arguments, input and what it
        read besides), when a build kept it whole."""
        return self.kept("conversion", key)

    def keep_conversion(self, key: bytes, data: bytes) -> None:
        self.keep("conversion", key, data)

    # -- any other result kept whole (a Resolution's findings...) -----------------------
    def kept(self, kind: str, key: bytes) -> bytes | None:
        """The bytes kept for *key* among the results of *kind*: an entry is its bytes'
        sha256, then the bytes, and one whose bytes do not match (damaged on disk) is
        not used."""
        try:
            entry = self._kept_path(kind, key).read_bytes()
        except OSError:
            return None
        digest, data = entry[:32], entry[32:]
        return data if hashlib.sha256(data).digest() == digest else None

    def keep(self, kind: str, key: bytes, data: bytes) -> None:
        write_atomic(self._kept_path(kind, key), hashlib.sha256(data).digest() + data)

    def _kept_path(self, kind: str, key: bytes) -> Path:
        name = hashlib.sha256(f"{FORMAT}\0{self.salt}\0{kind}\0".encode() + key).hexdigest()
        return self.folder / name[:2] / f"{name}.bin"


def _owned(folder: Path, name: re.Pattern) -> bool:
    return folder.is_dir() and not folder.is_symlink() and bool(name.fullmatch(folder.name))


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # something else is in it: it stays


def dumps(rendered) -> bytes:
    """The bytes of a rendered piece, as the store keeps them."""
    if rendered is None:
        return _IN_PLACE
    elements, notes = rendered
    return serialize_xml(el("w:body", el("w:body", *[copy.deepcopy(e) for e in elements]),
                            el("w:footnotes", *[copy.deepcopy(n) for n in notes])))


def loads(data: bytes, where: str = "<piece>"):
    """The rendered piece *data* holds (what :func:`dumps` wrote)."""
    if data == _IN_PLACE:
        return None
    root = parse_xml(data, where)
    if len(root) != 2:
        raise PipelineError(Category.BAD_DOCX, f"{where} is not a rendered piece")
    return list(root[0]), list(root[1])

