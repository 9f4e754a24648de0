"""What `itudraft all` shows while it works: on a terminal, a line per document and an
overall bar (rich); otherwise plain lines, one per document built or failed."""

from __future__ import annotations

import sys


class Display:
    def __init__(self, quiet: bool = False, stream=None):
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.live = not quiet and self.stream.isatty()
        self._progress = None
        self._task = None

    def __enter__(self) -> "Display":
        if self.live:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, \
                TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                      MofNCompleteColumn(), TimeElapsedColumn(),
                                      console=Console(file=self.stream), transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task("building", total=None)
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def planned(self, count: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, total=count)

    def report(self, kind: str, label: str, seconds: float) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)
            if kind != "fresh":
                mark = {"built": "[green]built[/]", "failed": "[red]failed[/]"}[kind]
                self._progress.console.print(f"{mark} {label}" + (f" ({seconds:.1f} s)"
                                                                if kind == "built" else ""),
                                             highlight=False, markup=True)
            return
        if kind == "failed" or (kind == "built" and not self.quiet):
            if kind == "built":
                print(f"built {label} ({seconds:.1f} s)", file=self.stream, flush=True)
