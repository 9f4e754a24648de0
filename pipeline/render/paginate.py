"""Real page numbers for the table of contents, read from LibreOffice's layout.

The TOC is written with its entries filled in; only the page numbers need a
layout engine. When LibreOffice is installed, the finished file is laid out
once (converted to PDF in a fresh profile), each heading is found on its page,
the page label is read from that page's header, and the labels are written as
the cached results of the TOC's PAGEREF fields. Without LibreOffice the
entries keep a placeholder until Word or LibreOffice updates the fields.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import Category, PipelineError
from pipeline.ooxml.fields import set_page_numbers
from pipeline.ooxml.package import Package

_NUMBER = re.compile(r"[0-9]+|[ivxlcdm]+")
_LABEL = re.compile(rf"^-\s*({_NUMBER.pattern})\s*-$")


def available() -> bool:
    return bool(shutil.which("soffice") and shutil.which("pdftotext"))


def fill_toc_pages(package: Package, entries: list, footer: str | None = None) -> int:
    """Lay out *package* with LibreOffice and fill its TOC page numbers; returns how many.
    Pages are numbered in the header ("- 2 -"), or, with *footer*, beside that identifier
    at the foot of the page."""
    pages = _page_texts(package.to_bytes())
    # Headings are looked for in the body: not on the contents' own pages, which list
    # the same lines with dot leaders, nor before the first page numbered in Arabic
    # figures (a publication's front matter).
    contents = {i for i, text in enumerate(pages)
                if sum("....." in line for line in _lines(text)) >= 2}
    cursor = next((i for i, text in enumerate(pages)
                   if (_page_label(text, footer) or "").isdigit()), len(pages))
    found: dict[str, str] = {}
    for entry in entries:
        # Appendix titles stand on the line after "Appendix I"; clauses share one line.
        text = entry.number if entry.number.startswith("Appendix") else \
            f"{entry.number} {entry.title}"
        needle = " ".join(text.split())
        for index in range(cursor, len(pages)):
            if index in contents:
                continue
            lines = _lines(pages[index])
            # a long title wraps: its first line and the next, read together
            if any(f"{line} {after}".startswith(needle) or line.startswith(needle)
                   for line, after in zip(lines, lines[1:] + [""])):
                label = _page_label(pages[index], footer)
                if label:
                    found["_" + entry.bookmark] = label  # hidden at finishing
                cursor = index
                break
    return set_page_numbers(package.xml("word/document.xml"), found)


def _lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def _page_label(page: str, footer: str | None) -> str | None:
    lines = _lines(page)
    if footer is None:
        for line in lines[:2]:
            match = _LABEL.match(line)
            if match:
                return match.group(1)
        return None
    identifier = " ".join(footer.split())
    for line in reversed(lines[-2:]):
        if identifier in line:
            rest = line.replace(identifier, " ").split()
            if len(rest) == 1 and _NUMBER.fullmatch(rest[0]):
                return rest[0]
    return None


def _page_texts(docx: bytes) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="itudraft-layout-") as temp:
        folder = Path(temp)
        source = folder / "layout.docx"
        source.write_bytes(docx)
        run = subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}",
                              "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                              str(source)], capture_output=True, timeout=300, check=False)
        pdf = folder / "layout.pdf"
        if run.returncode != 0 or not pdf.is_file():
            raise PipelineError(Category.LAYOUT, "LibreOffice could not lay out the document to "
                                "number the contents; rerun with --no-paginate")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
    return text.split("\f")
