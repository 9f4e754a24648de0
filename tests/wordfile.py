"""Reading built .docx files the way a reviewer looks at them: paragraphs, styles, text."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "itu-samples"
SOFFICE = shutil.which("soffice")


@dataclass
class Para:
    style: str
    text: str
    in_table: bool


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def paragraphs(path: Path, name: str = "word/document.xml") -> list[Para]:
    """Every paragraph in body order with its style id (Normal when none) and text."""
    out = []
    for p in part(path, name).iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        text = "".join("\t" if node.tag == f"{{{W}}}tab" else (node.text or "")
                       for node in p.iter(f"{{{W}}}t", f"{{{W}}}tab")
                       if node.getparent().getparent() is not None)
        in_table = any(a.tag == f"{{{W}}}tc" for a in p.iterancestors())
        out.append(Para(style.get(f"{{{W}}}val") if style is not None else "Normal", text, in_table))
    return out


def style_ids(path: Path) -> dict[str, str]:
    """Style id -> style name, of every style defined in the file."""
    styles = part(path, "word/styles.xml")
    return {s.get(f"{{{W}}}styleId"): s.find("w:name", NS).get(f"{{{W}}}val")
            for s in styles.findall("w:style", NS)}
