"""make bench-consolidate: six drafts of the 1000-Resolution generated document
consolidated, against one redline of the same size, measured in the same run.

Each draft edits about 1% of the words (and removes or adds a paragraph now and
then) with its own random seed, so drafts overlap in places. Every measurement is
a fresh process (imports excluded from the timed part); reported: median seconds
of RUNS runs, peak memory (maximum resident size of the process) and the ratio of
the medians. The target: consolidation within 3 times one redline. Results:
build/bench/consolidate.json and a section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import clean
from bench.corpus import VOCABULARY, _sentence, resolution
from bench.docs import write_section
from tests.redline.docmodel import Para, docx_bytes

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["APT", "ATU", "CEPT", "CITEL", "RCC", "ASMG"]
BEGIN, END = "<!-- bench-consolidate: begin -->", "<!-- bench-consolidate: end -->"


def documents(count: int, drafts: int, seed: int = 2024) -> tuple[bytes, list[bytes]]:
    """The base of *count* Resolutions and *drafts* drafts, each with its own edits."""
    rng = random.Random(seed)
    base: list[Para] = []
    for number in range(1, count + 1):
        base.extend(resolution(rng, number))
    out = []
    for k in range(drafts):
        edit = random.Random(seed * 31 + k)
        draft: list[Para] = []
        for para in base:
            tokens = para.runs[0][0].split(" ")
            if para.style == "Normal" and edit.random() < 0.005:
                continue
            tokens = [edit.choice(VOCABULARY) if edit.random() < 0.01 else t for t in tokens]
            draft.append(Para(para.style, [(" ".join(tokens), False, False, None)]))
            if para.style == "Normal" and edit.random() < 0.005:
                draft.append(Para("Normal", [("that " + _sentence(edit, 15) + ";", False,
                                              False, None)]))
        out.append(docx_bytes(draft))
    return docx_bytes(base), out


def _child(kind: str, folder: Path, drafts: int, keep: bool = False) -> None:
    """One timed run, in its own process: prints seconds and peak memory as JSON (the
    larger of this process's and of any process it started: the consolidation keys and
    aligns half of the drafts, then merges half of the text, in forked children, which
    share most of its pages); with
    *keep*, the output is written beside the inputs, as KIND.docx."""
    from pipeline.process import tune_allocator
    from pipeline.redline import consolidate, redline

    tune_allocator()  # as the itudraft command does
    base = (folder / "base.docx").read_bytes()
    paths = [(folder / f"draft{k}.docx").read_bytes() for k in range(drafts)]
    start = time.perf_counter()
    if kind == "redline":
        data = redline(base, paths[0], author=SOURCES[0], date="2024-09-10T00:00:00Z").data
        conflicts = 0
    else:
        result = consolidate(base, [(data, SOURCES[k], "2024-09-10T00:00:00Z")
                                    for k, data in enumerate(paths)])
        data, conflicts = result.data, len(result.conflicts)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    if keep:
        (folder / f"{kind}.docx").write_bytes(data)
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "conflicts": conflicts}))


def measure(runs: int, count: int, drafts: int, keep: bool = False) -> dict:
    folder = ROOT / "build" / "bench" / "consolidate"
    folder.mkdir(parents=True, exist_ok=True)
    base, versions = documents(count, drafts)
    (folder / "base.docx").write_bytes(base)
    for k, data in enumerate(versions):
        (folder / f"draft{k}.docx").write_bytes(data)
    found: dict[str, list[dict]] = {"redline": [], "consolidate": []}
    for _ in range(runs):  # interleaved, so both meet the same load
        for kind in found:
            run = subprocess.run(clean.command(sys.executable, "-m", "bench.consolidate_bench",
                                               "--child", kind, str(folder), str(drafts),
                                               *(["--keep"] if keep else [])),
                                 capture_output=True, text=True, cwd=ROOT, check=True)
            found[kind].append(json.loads(run.stdout.strip().splitlines()[-1]))
    summary = {kind: {"median_s": statistics.median(r["seconds"] for r in rows),
                      "peak_mb": max(r["peak_mb"] for r in rows),
                      "conflicts": rows[-1]["conflicts"]} for kind, rows in found.items()}
    summary["ratio"] = summary["consolidate"]["median_s"] / summary["redline"]["median_s"]
    summary.update(runs=runs, resolutions=count, drafts=drafts)
    return summary


def markdown(result: dict) -> str:
    r, c = result["redline"], result["consolidate"]
    return "\n".join([
        BEGIN,
        "## Consolidation (`make bench-consolidate`)",
        "",
        f"{result['drafts']} drafts of the {result['resolutions']}-Resolution generated "
        "document, each editing about 1% of the words with its own seed, consolidated "
        "into one text; beside it, one redline of the first draft against the same base, "
        f"measured in the same run. Median of {result['runs']} runs, each a fresh process "
        "(imports not timed), started from a small process (bench/clean.py) so that "
        "the benchmark's own memory does not count; peak memory is the process's maximum "
        "resident size (for "
        "the consolidation, which keys and aligns half of the drafts, then merges half of "
        "the text, in a forked child when a second core is there, the larger of the two; "
        "they share most pages; the one redline uses one core). "
        "Target: at most 3 times one redline.",
        "",
        "| run | median (s) | peak memory (MB) | conflicts |",
        "|---|---|---|---|",
        f"| one redline | {r['median_s']:.2f} | {r['peak_mb']:.0f} | \u2013 |",
        f"| consolidation of {result['drafts']} drafts | {c['median_s']:.2f} | "
        f"{c['peak_mb']:.0f} | {c['conflicts']} |",
        "",
        f"Ratio consolidation / redline: **{result['ratio']:.2f}**.",
        END, ""])


def write_doc(section: str) -> None:
    write_section(BEGIN, END, section)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]), "--keep" in sys.argv[5:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--resolutions", type=int, default=1000)
    parser.add_argument("--drafts", type=int, default=6)
    parser.add_argument("--keep", action="store_true",
                        help="also write the outputs, redline.docx and consolidate.docx, beside "
                        "the generated inputs in build/bench/consolidate/ (to compare bytes)")
    args = parser.parse_args()
    result = measure(args.runs, args.resolutions, args.drafts, args.keep)
    out = ROOT / "build" / "bench" / "consolidate.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    write_doc(markdown(result))
    print(f"wrote {out} and docs/benchmarks.md: ratio {result['ratio']:.2f}")


if __name__ == "__main__":
    main()
