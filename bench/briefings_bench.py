"""Benchmark: the Action Plan with 400 actions and ten briefing notes, built together.

    python -m bench.briefings_bench [--runs 5] [--actions 400] [--notes 10]

Makes a scratch content folder from the repository's examples (the action files grown
to --actions items, the committee meeting copied to --notes sessions), then builds
both in a fresh process per run, as `make` would: the time of the process (start-up and
imports included) and of each build inside it. Writes build/bench/briefings.json and
the section of docs/benchmarks.md between its markers.
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

import yaml

from bench.docs import write_section

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench-briefings: begin -->", "<!-- bench-briefings: end -->"
STATUSES = ["not started", "ongoing", "completed", "recurring"]


def scratch(folder: Path, actions: int, notes: int) -> Path:
    """A content folder with *actions* actions and *notes* meetings."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("supplement"))
    files = sorted((content / "action-plan").glob("res-*.yaml"))
    per_file = -(-actions // len(files))
    made = 0
    for path in files:
        number = int(path.stem.split("-")[1])
        items = []
        for n in range(1, per_file + 1):
            if made == actions:
                break
            made += 1
            items.append({"id": f"{number}-{n:03d}", "clause": f"instructs the Director {n}",
                          "text": f"to carry out task {n} of Resolution {number}, within the "
                                  "available resources, and to report on it to TSAG;",
                          "responsible": ["Director of TSB", "Study groups", "TSAG",
                                          "Member States"][n % 4],
                          "collaborators": ["Director of BDT"] if n % 3 == 0 else [],
                          "reporting_to": ["TSAG"], "status": STATUSES[n % 4],
                          "updated": "2024-05-01", "notes": f"Benchmark item {n}."})
        path.write_text(yaml.safe_dump({"resolution": number, "actions": items},
                                       sort_keys=False))
    meetings = content / "meetings"
    for path in meetings.glob("*.yaml"):
        path.unlink()
    for n in range(1, notes + 1):
        source = "com3-2.yaml" if n % 2 else "adhoc-ori-1.yaml"
        shutil.copy(ROOT / "content" / "meetings" / source, meetings / f"session-{n:02d}.yaml")
    return content


def one(content: Path, out: Path) -> dict[str, float]:
    """Build both in this process; the seconds of each step."""
    start = time.perf_counter()
    from pipeline.actionplan import build_actionplan
    from pipeline.briefings import build_briefings
    from pipeline.sources.content import Content
    imported = time.perf_counter()
    build_actionplan(Content(content), out / "action-plan")
    planned = time.perf_counter()
    notes = build_briefings(Content(content), out / "briefings")
    done = time.perf_counter()
    assert len(notes) >= 1
    return {"imports": imported - start, "actionplan": planned - imported,
            "briefings": done - planned}


def markdown(result: dict) -> str:
    med = result["median"]
    return "\n".join([
        BEGIN,
        "## Briefing notes and Action Plan (`make bench-briefings`)",
        "",
        f"The Action Plan with {result['actions']} actions (Word report with its status chart, "
        f"Excel workbook) and {result['notes']} briefing notes, built from a scratch copy of "
        f"the example content; each run is a fresh process, as `make` starts one; median of "
        f"{result['runs']} runs on this machine (2 cores, shared). \"Process\" is the wall "
        "time of the whole command, interpreter start-up and imports (matplotlib, openpyxl, "
        "docxtpl) included. Target: under 5 s.",
        "",
        "| step | median s | min s | max s |",
        "|---|---:|---:|---:|",
        *[f"| {step} | {med[step]:.2f} | {result['min'][step]:.2f} | {result['max'][step]:.2f} |"
          for step in ("imports", "actionplan", "briefings", "process")],
        "",
        END,
    ])


def write_doc(result: dict) -> None:
    write_section(BEGIN, END, markdown(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--actions", type=int, default=400)
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--one", nargs=2, metavar=("CONTENT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(Path(args.one[0]), Path(args.one[1]))))
        return
    runs = []
    with tempfile.TemporaryDirectory(prefix="itudraft-bench-") as temp:
        content = scratch(Path(temp), args.actions, args.notes)
        for n in range(args.runs):
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "bench.briefings_bench", "--one",
                                  str(content), str(Path(temp) / f"out{n}")], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
            row = json.loads(out)
            row["process"] = time.perf_counter() - start
            runs.append(row)
            print(f"run {n + 1}: " + ", ".join(f"{k} {v:.2f}s" for k, v in row.items()))
    steps = runs[0].keys()
    result = {"actions": args.actions, "notes": args.notes, "runs": args.runs, "all": runs,
              "median": {s: statistics.median(r[s] for r in runs) for s in steps},
              "min": {s: min(r[s] for r in runs) for s in steps},
              "max": {s: max(r[s] for r in runs) for s in steps}}
    target = ROOT / "build" / "bench" / "briefings.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2), encoding="utf-8")
    write_doc(result)
    print(f"median: {result['median']['process']:.2f}s for the whole process; wrote {target} "
          "and docs/benchmarks.md")


if __name__ == "__main__":
    main()
