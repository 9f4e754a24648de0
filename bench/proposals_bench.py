"""make bench-proposals: one contribution of many NOC proposals built by `itudraft
resolutions`, at several sizes, to show how the time grows with the proposals.

    python -m bench.proposals_bench [--runs 3] [--sizes 500,2000,10000] [--doc]

For each size, a scratch copy of the example content whose ATU contribution holds
that many proposals (its own ADD and MOD, then NOC proposals on the Resolutions in
force, each with its own reasons) is built by `itudraft resolutions --no-paginate`
in a fresh process per run, as `make` would (start-up, imports, every output:
the contribution, the other contributions, the compilation and the clean texts).
Reported: the median, min and max wall seconds of RUNS runs and the median time per
proposal. Results: build/bench/proposals.json; with --doc also the section of
docs/benchmarks.md between its markers.
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
ITUDRAFT = Path(sys.executable).parent / "itudraft"
BEGIN, END = "<!-- bench-proposals: begin -->", "<!-- bench-proposals: end -->"
#: The contribution that grows, and the Resolutions in force its NOC proposals name.
CONTRIBUTION = "afcp-40a1.yaml"
NOC_RESOLUTIONS = [901, 902, 903, 904, 905, 906]
WORDS = ("the study groups continue this work and the actions of the Resolution remain "
         "relevant to developing countries regional workshops meetings").split()


def reasons(n: int) -> str:
    """Reasons of proposal *n*: a sentence of its own, so no two proposals read alike."""
    words = [WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(12 + n % 9)]
    return f"Reason {n}: " + " ".join(words).capitalize() + "."


def contribution(count: int, template: dict) -> dict:
    """*template* (the ATU contribution) with *count* proposals: its own first, then NOCs."""
    prefix = template["proposals"][0]["number"].rsplit("/", 1)[0]
    own = [p for p in template["proposals"] if p["symbol"] != "NOC"][:count]
    proposals = [{**p, "number": f"{prefix}/{n}"} for n, p in enumerate(own, start=1)]
    for n in range(len(proposals) + 1, count + 1):
        proposals.append({"symbol": "NOC", "number": f"{prefix}/{n}",
                          "resolution": NOC_RESOLUTIONS[n % len(NOC_RESOLUTIONS)],
                          "reasons": reasons(n)})
    return {**template, "proposals": proposals}


def scratch(folder: Path, count: int) -> Path:
    """A content folder whose ATU contribution holds *count* proposals; the proposals folder."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns(
        "supplement", "meetings", "action-plan", "briefings"))
    path = next((content / "proposals").glob(f"*/{CONTRIBUTION}"))
    template = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(contribution(count, template), sort_keys=False,
                                   allow_unicode=True, width=100), encoding="utf-8")
    return path.parent


def run_once(content: Path, out: Path) -> float:
    """Wall seconds of one `itudraft resolutions` process on *content*."""
    proposals = next((content / "proposals").iterdir())
    start = time.perf_counter()
    subprocess.run([str(ITUDRAFT), "resolutions", "--proposals", str(proposals),
                    "--resolutions", str(content / "resolutions"),
                    "--assemblies", str(content / "assemblies"), "--out", str(out),
                    "--no-paginate"], capture_output=True, text=True, check=True, cwd=ROOT)
    return time.perf_counter() - start


def measure(runs: int, sizes: list[int]) -> dict:
    rows = []
    with tempfile.TemporaryDirectory(prefix="itudraft-bench-") as temp:
        for size in sizes:
            content = scratch(Path(temp) / str(size), size).parent.parent
            seconds = []
            for n in range(runs):
                seconds.append(run_once(content, Path(temp) / f"out-{size}-{n}"))
                print(f"{size} proposals, run {n + 1}: {seconds[-1]:.2f}s", flush=True)
            median = statistics.median(seconds)
            rows.append({"proposals": size, "median_s": median, "min_s": min(seconds),
                         "max_s": max(seconds), "ms_per_proposal": 1000 * median / size,
                         "all_s": seconds})
    return {"runs": runs, "sizes": rows}


def markdown(result: dict) -> str:
    return "\n".join([
        BEGIN,
        "## Many proposals in one contribution (`make bench-proposals`)",
        "",
        "One contribution (the ATU example's ADD and MOD, then NOC proposals on the "
        "Resolutions in force, each with its own reasons) built with the other examples by "
        "`itudraft resolutions --no-paginate`: the contribution, the compilation of every "
        "proposal and the clean texts. Each run is a fresh process, start-up included; "
        f"median of {result['runs']} runs on this machine (2 cores, shared). Target: "
        "10,000 proposals in at most about 30 s.",
        "",
        "| proposals | median s | min s | max s | ms per proposal |",
        "|---:|---:|---:|---:|---:|",
        *[f"| {row['proposals']:,} | {row['median_s']:.2f} | {row['min_s']:.2f} | "
          f"{row['max_s']:.2f} | {row['ms_per_proposal']:.2f} |" for row in result["sizes"]],
        "",
        END, ""])


def write_doc(section: str) -> None:
    write_section(BEGIN, END, section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="500,2000,10000",
                        help="proposals in the contribution, comma-separated")
    parser.add_argument("--doc", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--scratch", type=int, metavar="COUNT", help=argparse.SUPPRESS)
    parser.add_argument("--into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scratch:  # a scratch content folder to build or profile by hand
        print(scratch(args.into, args.scratch))
        return
    result = measure(args.runs, [int(size) for size in args.sizes.split(",")])
    target = ROOT / "build" / "bench" / "proposals.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    section = markdown(result)
    if args.doc:
        write_doc(section)
    print(section)
    print(f"wrote {target}" + (" and docs/benchmarks.md" if args.doc else ""))


if __name__ == "__main__":
    main()
