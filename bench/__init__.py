"""Benchmarks (make bench-*): measured runs, never timed tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_package() -> None:
    """itudraft's bytecode written before the runs, as Python keeps it wherever it may write
    it: this machine's environment sets PYTHONDONTWRITEBYTECODE, under which each process
    would compile every module of itudraft afresh (about 0.1 s a process)."""
    import compileall

    compileall.compile_dir(str(ROOT / "pipeline"), quiet=1)
