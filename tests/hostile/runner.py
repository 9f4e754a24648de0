"""Run one itudraft command the way a user does, in a forked process with a memory
limit and a time limit, and report what the user would see.

Forking (rather than starting a new interpreter) keeps the hundreds of cases of the
bad-input suite fast: the child already has the pipeline imported. The child runs the
real command-line entry point; a Python exception escaping it is printed as the
traceback a user would have seen, so the suite can tell it from a clean error.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

#: The limits every case runs under (the issue's: under 10 s and 1 GB).
TIME_LIMIT = 10.0
MEMORY_LIMIT = 1 << 30


@dataclass
class Outcome:
    code: int | None        # exit status; None when the case was killed
    stdout: str
    stderr: str
    seconds: float
    killed_by: str = ""     # "time" or a signal name when the case did not exit

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def run(args: list[str], cwd: Path, time_limit: float = TIME_LIMIT,
        memory_limit: int = MEMORY_LIMIT, interrupt_after: float | None = None) -> Outcome:
    """``itudraft *args*`` in *cwd*; *interrupt_after*: send SIGINT after that many
    seconds, as a user pressing Ctrl-C."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(args, cwd, memory_limit, out.fileno(), err.fileno())
        status, killed_by, interrupted = None, "", False
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            elapsed = time.monotonic() - started
            if interrupt_after is not None and not interrupted and elapsed > interrupt_after:
                os.kill(pid, signal.SIGINT)
                interrupted = True
            if elapsed > time_limit:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                killed_by = "time"
                break
            time.sleep(0.01)
        seconds = time.monotonic() - started
        code = None
        if not killed_by:
            if os.WIFEXITED(status):
                code = os.WEXITSTATUS(status)
            else:
                killed_by = signal.Signals(os.WTERMSIG(status)).name
        out.seek(0)
        err.seek(0)
        return Outcome(code, out.read().decode("utf-8", "replace"),
                       err.read().decode("utf-8", "replace"), seconds, killed_by)


def _child(args: list[str], cwd: Path, memory_limit: int, out: int, err: int) -> None:
    code = 70
    try:
        os.setpgid(0, 0)
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.chdir(cwd)
        sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
        sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
        from pipeline.cli import main
        try:
            main.main(args=args, prog_name="itudraft", standalone_mode=True)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # what the user would see as a traceback
        traceback.print_exc()
        code = 99
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
