"""Reading and writing .docx packages safely and deterministically.

A Package holds the parts of a zip as bytes and parses XML parts lazily with
one hardened parser (no DTDs, no entities, no network). Writing orders the
parts the same way every time and stamps every entry with one fixed time, so
the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import os
import zlib
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.errors import Category, Location, PipelineError
from pipeline.ooxml.ns import qn

#: Refuse packages that would unpack to more than this many bytes ...
MAX_UNCOMPRESSED = 512 * 1024 * 1024
#: ... or with a part larger than this that expands more than MAX_RATIO times (a zip
#: bomb's signature; a long but real document, even of repeated text, stays far below).
MAX_PART = 64 * 1024 * 1024
MAX_RATIO = 100
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
#: zlib's level for the XML parts: 3 writes a long document's XML in under half the time
#: of the default 6, for an XML part about a sixth larger (a 137,000-word Recommendation's
#: document.xml: 0.09 s -> 0.04 s; with the pictures stored, the whole file written in
#: 0.13 s -> 0.04 s, 2.07 -> 2.22 MB).
COMPRESS_LEVEL = 3
#: Pictures already compressed, stored as they are: deflating them again gains a percent
#: or two of their size and cost a long document's writing a third of its time.
_STORED = (".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".gif")

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
    remove_blank_text=False,
)


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse one XML part with the hardened parser; DOCTYPEs are refused."""
    try:
        tree = etree.parse(io.BytesIO(data), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise PipelineError(Category.BAD_DOCX, f"{where} is not well-formed XML: {exc}") from None
    if tree.docinfo.doctype:
        raise PipelineError(Category.BAD_DOCX, f"{where} has a DOCTYPE, which Word files never carry")
    return tree.getroot()


def serialize_xml(root: etree._Element) -> bytes:
    """The bytes of an XML part, with the declaration Word writes."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class Package:
    """The parts of a .docx, by zip name; XML parts parsed on first use."""

    def __init__(self, parts: dict[str, bytes], origin: str = "<memory>"):
        self._raw = dict(parts)
        self._xml: dict[str, etree._Element] = {}
        self.origin = origin

    @classmethod
    def open(cls, source: str | os.PathLike | bytes) -> "Package":
        """Read a package from a path or bytes, refusing what is not a sane .docx."""
        origin = "<bytes>" if isinstance(source, bytes) else str(source)
        data = source if isinstance(source, bytes) else _read_file(Path(source))
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise PipelineError(Category.BAD_DOCX, "not a zip file, so not a .docx",
                                Location(origin)) from None
        with archive:
            infos = archive.infolist()
            _check_sizes(infos, origin)
            names = {info.filename for info in infos}
            if "EncryptionInfo" in names or "[Content_Types].xml" not in names:
                raise PipelineError(Category.BAD_DOCX, "not a Word .docx package (encrypted, or no "
                                    "[Content_Types].xml)", Location(origin))
            if "word/document.xml" not in names:
                raise PipelineError(Category.BAD_DOCX, "no word/document.xml in the package",
                                    Location(origin))
            if len(names) != len(infos):
                raise PipelineError(Category.BAD_DOCX, "a part name appears twice in the zip",
                                    Location(origin))
            parts = {info.filename: _read_part(archive, info, origin) for info in infos
                     if not info.is_dir()}
        for name, part in parts.items():
            if name.endswith((".xml", ".rels")) and _declares_doctype(part):
                raise PipelineError(Category.BAD_DOCX, f"part {name} has a DOCTYPE, which Word "
                                    "files never carry", Location(origin))
        package = cls(parts, origin)
        root = package.xml("word/document.xml")
        if root.tag != qn("w:document") or root.find(qn("w:body")) is None:
            raise PipelineError(Category.BAD_DOCX, "word/document.xml is not a Word document "
                                "(its root is not w:document with a w:body)", Location(origin))
        return package

    def names(self) -> list[str]:
        return list(self._raw)

    def has(self, name: str) -> bool:
        return name in self._raw or name in self._xml

    def xml(self, name: str) -> etree._Element:
        """The parsed root of XML part *name* (parsed once, then shared)."""
        if name not in self._xml:
            self._xml[name] = parse_xml(self._raw[name], f"{self.origin}!{name}")
            self._raw[name] = b""  # the tree is the part now, as after set_xml
        return self._xml[name]

    def set_xml(self, name: str, root: etree._Element) -> None:
        self._xml[name] = root
        self._raw[name] = b""

    def raw(self, name: str) -> bytes:
        if name in self._xml:
            return serialize_xml(self._xml[name])
        return self._raw[name]

    def set_raw(self, name: str, data: bytes) -> None:
        self._xml.pop(name, None)
        self._raw[name] = data

    def remove(self, name: str) -> None:
        self._raw.pop(name, None)
        self._xml.pop(name, None)

    def to_bytes(self) -> bytes:
        """The package as a zip, entries in a fixed order with a fixed time stamp."""
        buffer = io.BytesIO()
        order = sorted(self._raw, key=_entry_order)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in order:
                write_entry(archive, name, self.raw(name))
        return buffer.getvalue()


def write_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Part *name* into *archive* as every package of the pipeline writes it: one fixed
    time, pictures stored, the rest deflated at COMPRESS_LEVEL."""
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(_STORED) \
        else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=COMPRESS_LEVEL)


def _entry_order(name: str) -> tuple[int, str]:
    # Word and most readers expect the content types first and the package
    # relationships next; the rest in name order keeps the bytes stable.
    first = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    return (first.get(name, 2), name)


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PipelineError(Category.MISSING_FILE, "no such file", Location(str(path))) from None
    except IsADirectoryError:
        raise PipelineError(Category.BAD_DOCX, "a folder, not a .docx file", Location(str(path))) from None


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str) -> bytes:
    """One part's bytes; a damaged part (bad CRC, corrupt or truncated data, sizes the
    header understates, an unknown compression) is refused, never half read."""
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
            OSError) as exc:
        raise PipelineError(Category.BAD_DOCX, f"part {info.filename} is damaged ({exc})",
                            Location(origin)) from None


def _declares_doctype(data: bytes) -> bool:
    """Whether an XML part declares a DOCTYPE before its root element (skipping the XML
    declaration, comments and processing instructions, as a parser would)."""
    position = 0
    head = data[:65536]
    while True:
        start = head.find(b"<", position)
        if start < 0:
            return False
        if head.startswith(b"<!--", start):
            end = head.find(b"-->", start)
        elif head.startswith(b"<?", start):
            end = head.find(b"?>", start)
        else:
            return head[start:start + 9].upper() == b"<!DOCTYPE"
        if end < 0:
            return False
        position = end + 2


def _check_sizes(infos: list[zipfile.ZipInfo], origin: str) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise PipelineError(Category.BAD_DOCX, f"unpacks to {total} bytes, more than the "
                            f"{MAX_UNCOMPRESSED} a Word file can sensibly hold", Location(origin))
    for info in infos:
        if info.file_size > MAX_PART and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PipelineError(Category.BAD_DOCX, f"part {info.filename} expands {info.file_size} "
                                f"bytes from {info.compress_size}: refused as a zip bomb",
                                Location(origin))
