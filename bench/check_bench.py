"""Benchmark: `itudraft check --overlaps` on the example Resolutions plus a generated
corpus (bench/check_corpus.py), against reading the same files with no check.

    python -m bench.check_bench [--runs 5] [--count 100]

Each run is a fresh `itudraft` process, as `make check` starts one, so interpreter
start-up and imports are counted. The peer, measured in the same run and alternating
with it, is the same command with no rule selected: it reads and parses every source
and stops there, so the ratio is what the checks and the overlap finder cost on top of
reading. Writes build/bench/check.json and the section of docs/benchmarks.md between
its markers. Target (issue 12): the whole check with overlaps under 2 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.check_corpus import generate
from bench.docs import write_section

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench-check: begin -->", "<!-- bench-check: end -->"
ITUDRAFT = Path(sys.executable).parent / "itudraft"


def scratch(folder: Path, count: int) -> Path:
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    generate(content / "resolutions", count)
    return content


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, done


def markdown(result: dict) -> str:
    med = result["median"]
    return "\n".join([
        BEGIN,
        "## Checker (`make bench-check`)",
        "",
        f"`itudraft check --overlaps` on the {result['resolutions']} Resolutions of a scratch "
        f"content folder (the examples and {result['count']} generated ones, "
        f"bench/check_corpus.py) and the example contributions; each run a fresh process, "
        f"median of {result['runs']} runs on this machine (2 cores, shared). The peer is the "
        "same command with no rule selected, which reads and parses every source and stops: "
        "the ratio is the cost of the checks and the overlap finder on top of reading. "
        "Target: under 2 s.",
        "",
        "| command | median s | min s | max s |",
        "|---|---:|---:|---:|",
        *[f"| {name} | {med[name]:.2f} | {result['min'][name]:.2f} | {result['max'][name]:.2f} |"
          for name in ("check --overlaps", "read only (peer)")],
        "",
        f"Ratio check / read only: {result['ratio']:.2f}. Findings on the corpus: "
        f"{result['findings']}; merge candidates and repeated paragraphs are listed by "
        "`--overlaps`.",
        "",
        END,
    ])


def write_doc(result: dict) -> None:
    write_section(BEGIN, END, markdown(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"check --overlaps": [], "read only (peer)": []}
    findings = ""
    with tempfile.TemporaryDirectory(prefix="itudraft-bench-") as temp:
        content = scratch(Path(temp), args.count)
        resolutions = len(list((content / "resolutions").glob("*.md")))
        full = [str(ITUDRAFT), "check", "--content", "content", "--overlaps"]
        peer = [str(ITUDRAFT), "check", "--content", "content", "--select", "none"]
        for n in range(args.runs):
            for name, command in (("check --overlaps", full), ("read only (peer)", peer)):
                seconds, done = timed(command, Path(temp))
                if done.returncode == 2:
                    raise SystemExit(f"{name} failed: {done.stderr.strip()}")
                times[name].append(seconds)
                if name == "check --overlaps":
                    findings = done.stderr.strip().splitlines()[-1]
            print(f"run {n + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in times.items()))
    result = {"count": args.count, "resolutions": resolutions, "runs": args.runs, "all": times,
              "median": {k: statistics.median(v) for k, v in times.items()},
              "min": {k: min(v) for k, v in times.items()},
              "max": {k: max(v) for k, v in times.items()}, "findings": findings}
    result["ratio"] = result["median"]["check --overlaps"] / result["median"]["read only (peer)"]
    target = ROOT / "build" / "bench" / "check.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2), encoding="utf-8")
    write_doc(result)
    print(f"median {result['median']['check --overlaps']:.2f}s (ratio {result['ratio']:.2f} to "
          f"reading alone); wrote {target} and docs/benchmarks.md")


if __name__ == "__main__":
    main()
