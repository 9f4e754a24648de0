"""Two parts of one job at the same time, the second in a forked child process that sends
back bytes: how a large consolidation uses a second core.

The child starts as a copy of this process (nothing is pickled to start it), does its
part, writes bytes down a pipe and leaves without cleaning up; this process does its own
part meanwhile, then reads them. A child that fails sends nothing and the caller does
that part itself, so the result never depends on the child. Only where forking is safe
and pays: ``os.fork`` exists, no other thread runs (a fork copies locks held by
threads), and this process may use two processors.
"""

from __future__ import annotations

import os
import signal
import threading
from typing import Callable, TypeVar

T = TypeVar("T")


def two_cores() -> bool:
    """Whether a forked child can run beside this process on a core of its own."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) >= 2
    return (os.cpu_count() or 1) >= 2


def both(here: Callable[[], T], there: Callable[[], bytes]) -> tuple[T, bytes | None]:
    """*here*'s result, made in this process, and *there*'s bytes, made in a forked child
    at the same time (None when the child failed, or could not be started: the caller
    then does that part itself)."""
    try:
        read_end, write_end = os.pipe()
    except OSError:  # no descriptors left: one process
        return here(), None
    try:
        pid = os.fork()
    except OSError:  # no memory or processes left for a child: one process
        os.close(read_end)
        os.close(write_end)
        return here(), None
    if pid == 0:  # the child: bytes down the pipe, then gone without cleaning up
        status = 1
        try:
            os.close(read_end)
            for name in (signal.SIGINT, signal.SIGTERM):
                signal.signal(name, signal.SIG_DFL)
            data = there()
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    reaped = False
    try:
        with os.fdopen(read_end, "rb") as source:
            done = here()
            data = source.read()
        _, status = os.waitpid(pid, 0)
        reaped = True
    finally:
        if not reaped:  # interrupted here: the child goes too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    return done, (data if status == 0 else None)
