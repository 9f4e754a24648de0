"""The process tuning the CLI does at its start (pipeline.process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_GLIBC = hasattr(os, "confstr") and bool(os.confstr("CS_GNU_LIBC_VERSION") or "")


@pytest.mark.skipif(not _GLIBC, reason="glibc's allocator only: elsewhere nothing is tuned")
def test_fast_bins_turned_off_and_the_engine_still_right():
    """glibc takes the setting (mallopt answers 1), and a redline made after it in that
    process is the one made without."""
    script = ("import sys; from pipeline.process import tune_allocator; "
              "from pipeline.redline import redline; from tests.redline.docmodel import "
              "Para, docx_bytes; tuned = tune_allocator() if sys.argv[1] == '1' else None; "
              "old = docx_bytes([Para('Normal', [('to invite Member States', False, False, "
              "None)])]); new = docx_bytes([Para('Normal', [('to instruct Member States', "
              "False, False, None)])]); sys.stdout.buffer.write(repr(tuned).encode() + b'|' + "
              "redline(old, new, 'T', '2024-10-15T09:00:00Z').data)")
    runs = [subprocess.run([sys.executable, "-c", script, flag], capture_output=True,
                           check=True, cwd=Path(__file__).parents[1]).stdout for flag in ("1", "0")]
    assert runs[0].startswith(b"True|") and runs[1].startswith(b"None|")
    assert runs[0].split(b"|", 1)[1] == runs[1].split(b"|", 1)[1]

