"""Any Office Open XML package (a .docx, an .xlsx) made repeatable: its zip entries
rewritten in a fixed order with one fixed time, some parts optionally replaced (the
document properties a library stamped with the clock)."""

from __future__ import annotations

import io
import zipfile

from pipeline.ooxml.package import _entry_order, write_entry


def restamp(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The package *data* with fixed entry times and order, and the parts in *replace*
    given those bytes."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist(), key=_entry_order):
            write_entry(target, name, replace.get(name, source.read(name)))
    return out.getvalue()
