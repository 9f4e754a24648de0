"""Carrying relationships (pictures, links) from one package into another."""

from __future__ import annotations

import posixpath

from lxml import etree

from pipeline.ooxml.ns import NS, qn

_R = "{%s}" % NS["r"]


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def target_part(part: str, target: str) -> str | None:
    """The package part an internal relationship of *part* points at (``word/media/x.png``
    for ``media/x.png`` from ``word/document.xml``), or None when the target leaves the
    package (``../../x``) or is absolute outside it."""
    if target.startswith("/"):
        name = posixpath.normpath(target.lstrip("/"))
    else:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
    if name.startswith("../") or name == ".." or name.startswith("/"):
        return None
    return name


class RelImporter:
    """Maps relationship ids of the old document's *part* to ids in the new one,
    copying the targets (media files) into the new package on first use."""

    def __init__(self, old, new, part: str):
        self.old, self.new, self.part = old, new, part
        self.mapping: dict[str, str] = {}

    def import_attributes(self, node: etree._Element) -> None:
        for element in node.iter():
            for name, value in list(element.attrib.items()):
                if name.startswith(_R):
                    element.set(name, self._import(value))

    def _rels(self, package):
        name = rels_name(self.part)
        if not package.has(name):
            root = etree.Element(qn("rel:Relationships"), nsmap={None: NS["rel"]})
            package.set_xml(name, root)
        return package.xml(name)

    def _import(self, rid: str) -> str:
        if rid in self.mapping:
            return self.mapping[rid]
        old_rel = next((r for r in self._rels(self.old) if r.get("Id") == rid), None)
        if old_rel is None:
            return rid
        new_rels = self._rels(self.new)
        if old_rel.get("TargetMode") == "External":  # the same link in the new file: its id
            for rel in new_rels:
                if (rel.get("Type"), rel.get("Target"), rel.get("TargetMode")) == \
                        (old_rel.get("Type"), old_rel.get("Target"), "External"):
                    self.mapping[rid] = rel.get("Id")
                    return rel.get("Id")
        taken = {r.get("Id") for r in new_rels}
        new_id = f"rIdOld{len(self.mapping) + 1}"
        while new_id in taken:
            new_id += "x"
        target = old_rel.get("Target")
        if old_rel.get("TargetMode") != "External":
            target = self._copy_part(target)
            for rel in new_rels:  # the same part, already related the same way: that one
                if (rel.get("Type"), rel.get("Target"), rel.get("TargetMode")) == \
                        (old_rel.get("Type"), target, None):
                    self.mapping[rid] = rel.get("Id")
                    return rel.get("Id")
        attrs = {"Id": new_id, "Type": old_rel.get("Type"), "Target": target}
        if old_rel.get("TargetMode"):
            attrs["TargetMode"] = old_rel.get("TargetMode")
        etree.SubElement(new_rels, qn("rel:Relationship"), attrs)
        self.mapping[rid] = new_id
        return new_id

    def _copy_part(self, target: str) -> str:
        folder = posixpath.dirname(self.part)
        source = target_part(self.part, target)
        if source is None or not self.old.has(source):
            return target  # outside the package, or missing: nothing to carry
        if self.new.has(source) and self.new.raw(source) == self.old.raw(source):
            return posixpath.relpath(source, folder)  # the same part is there already
        base, ext = posixpath.splitext(posixpath.basename(source))
        name = posixpath.join(posixpath.dirname(source), f"{base}-old{ext}")
        counter = 1
        while self.new.has(name) and self.new.raw(name) != self.old.raw(source):
            counter += 1
            name = posixpath.join(posixpath.dirname(source), f"{base}-old{counter}{ext}")
        self.new.set_raw(name, self.old.raw(source))
        self._ensure_content_type(ext.lstrip("."), source)
        return posixpath.relpath(name, folder)

    def _ensure_content_type(self, ext: str, source: str) -> None:
        types_new = self.new.xml("[Content_Types].xml")
        if any(d.get("Extension", "").lower() == ext.lower() for d in types_new.findall(qn("ct:Default"))):
            return
        types_old = self.old.xml("[Content_Types].xml")
        for default in types_old.findall(qn("ct:Default")):
            if default.get("Extension", "").lower() == ext.lower():
                etree.SubElement(types_new, qn("ct:Default"), dict(default.attrib))
                return
