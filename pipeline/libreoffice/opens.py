"""Whether LibreOffice opens every Word file of a build: CI's check after `make all`.

    python -m pipeline.libreoffice.opens build

Each .docx under the folder is opened by LibreOffice (one process for all of them) and
read paragraph by paragraph; a file it cannot open, or that reads as nothing, is named
and the exit status is 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.libreoffice import PACKAGES, available, resolve_revisions


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("build")
    files = sorted(p for p in folder.rglob("*.docx") if not p.name.startswith("~$"))
    if not available():
        print(f"opens: LibreOffice is not installed (apt-get install {PACKAGES})", file=sys.stderr)
        return 2
    if not files:
        print(f"opens: no .docx under {folder}", file=sys.stderr)
        return 1
    try:
        texts = resolve_revisions([(path, "none") for path in files])
    except (RuntimeError, OSError, ValueError) as error:
        print(f"opens: {error}", file=sys.stderr)
        return 1
    empty = [path for path, paragraphs in zip(files, texts) if not any(p.strip()
                                                                       for p in paragraphs)]
    for path in empty:
        print(f"opens: {path}: LibreOffice reads no text in it", file=sys.stderr)
    print(f"LibreOffice opened {len(files) - len(empty)} of {len(files)} Word files in {folder}")
    return 1 if empty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
