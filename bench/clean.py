"""Run a command from a small process, so that the peak memory it reports is its own.

Linux keeps a process's maximum resident size across fork and exec: a command started by
a benchmark that holds the generated documents (hundreds of MB) reports at least that
much, whatever it uses itself. Started from this small process instead, it reports what
it used. The command's output and exit status pass through.

Usage: python -m bench.clean COMMAND...            runs COMMAND
       python -m bench.clean --measure COMMAND...  also prints, as the last line, JSON
           {seconds, peak_mb, status}: wall time and peak resident MB of COMMAND (its
           output goes to /dev/null, its error output passes through)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def command(*args: str, measure: bool = False) -> list[str]:
    """*args* as a command run through this launcher."""
    return [sys.executable, "-m", "bench.clean", *(["--measure"] if measure else []), *args]


def main() -> None:
    args = sys.argv[1:]
    measure = bool(args) and args[0] == "--measure"
    if measure:
        args = args[1:]
    if not args:
        raise SystemExit(__doc__)
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL if measure else None)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if measure:
        print(json.dumps({"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024,
                          "status": code}), flush=True)
    sys.exit(code)


if __name__ == "__main__":
    main()
