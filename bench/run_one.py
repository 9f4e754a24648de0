"""One engine run in its own process, so its peak memory is its own.

Usage: python -m bench.run_one ENGINE OLD NEW OUT; prints JSON {seconds, peak_mb}.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    engine, old, new, out = sys.argv[1:5]
    old_bytes, new_bytes = Path(old).read_bytes(), Path(new).read_bytes()
    if engine == "itudraft":
        from pipeline.process import tune_allocator
        from pipeline.redline import redline

        tune_allocator()  # as the itudraft command does
        start = time.perf_counter()
        data = redline(old_bytes, new_bytes, author="bench", date="2024-10-15T09:00:00Z").data
        seconds = time.perf_counter() - start
    else:
        from python_redlines.engines import DocxodusEngine

        runner = DocxodusEngine()
        start = time.perf_counter()
        data = runner.run_redline("bench", old_bytes, new_bytes)[0]
        seconds = time.perf_counter() - start
    Path(out).write_bytes(data)
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024}))


if __name__ == "__main__":
    main()
