"""Driving LibreOffice as a subprocess: its Python bridge (python3-uno) loads only in
Debian's own /usr/bin/python3, so a small script runs there, with a fresh user
profile per run, and answers in JSON. The document is read by a script that runs
inside LibreOffice (libreoffice-script-provider-python), a call per document
instead of one per text portion over the bridge."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
_SCRIPT = Path(__file__).with_name("uno_revisions.py")
#: Where Debian's libreoffice-script-provider-python puts LibreOffice's own Python scripting.
SCRIPT_PROVIDER = Path("/usr/lib/libreoffice/program/pythonscript.py")
#: What to install for :func:`available`, as CI does.
PACKAGES = "libreoffice-writer python3-uno libreoffice-script-provider-python"
#: A user-interface file of Writer's: the -nogui build lacks them, and opening a document
#: with comments in it then ends LibreOffice.
WRITER_UI = Path("/usr/lib/libreoffice/share/config/soffice.cfg/modules/swriter/ui/annotation.ui")


def available() -> bool:
    """Whether soffice (the full Writer), the uno bridge and LibreOffice's Python
    scripting are installed."""
    if not shutil.which("soffice") or not Path(SYSTEM_PYTHON).exists() \
            or not SCRIPT_PROVIDER.exists() or not WRITER_UI.exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
    return probe.returncode == 0


def resolve_revisions(jobs: list[tuple[Path, str]], timeout: int = 600) -> list[list[str]]:
    """For each (file, "accept" | "reject" | "none"), LibreOffice's paragraph texts after
    running Accept All or Reject All on it. One LibreOffice process serves all jobs."""
    with tempfile.TemporaryDirectory(prefix="itudraft-uno-") as temp:
        request = [{"path": str(Path(path).resolve()), "action": action} for path, action in jobs]
        run = subprocess.run([SYSTEM_PYTHON, str(_SCRIPT), temp], input=json.dumps(request),
                             capture_output=True, text=True, timeout=timeout, check=False)
        if run.returncode != 0:
            raise RuntimeError(f"LibreOffice bridge failed: {run.stderr.strip()[-2000:]}")
        return json.loads(run.stdout)
