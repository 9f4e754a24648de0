"""Namespaces of WordprocessingML and the helper that builds Clark names."""

from __future__ import annotations

from functools import lru_cache

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}

REL_TYPES = {
    "header": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "footer": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
    "styles": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
    "settings": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings",
    "core": "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    "app": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
    "document": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "fontTable": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable",
}

CONTENT_TYPES = {
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "document": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "settings": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "fontTable": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
}


#: xml:space, which says whether a w:t keeps its leading and trailing white space.
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@lru_cache(maxsize=4096)  # called hundreds of thousands of times on a long document
def qn(name: str) -> str:
    """The Clark name ``{uri}local`` of a prefixed name such as ``w:p``."""
    prefix, local = name.split(":", 1)
    return f"{{{NS[prefix]}}}{local}"
