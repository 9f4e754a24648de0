"""Benchmark: `itudraft all` at WTSA scale (issue 14), against a bare pandoc conversion
of the same Markdown.

    python -m bench.build_bench [--runs 3] [--sizes 10,100,300]

For each size N, a scratch content folder holds the example content plus N generated
Resolutions (bench/check_corpus.py, then an annex with a table and a footnote in one in
three) and contributions from the six regions and ten Member States with 3 x N proposals
on them in all (two regions and one Member State on each: MOD with a draft that edits a
few words, NOC, SUP), and a draft new Resolution per region. Each
measurement is a fresh `itudraft all --no-paginate` process, as `make all` starts one:

    cold      an empty build folder
    no-op     nothing changed
    one res   one Resolution in force changed (a word of an item)
    one contr one contribution changed (the Reasons of a proposal)

with the documents rebuilt each time (output files written), the CPU seconds and the
peak memory (largest process). The peer,
measured in the same run, is pandoc alone converting every Resolution and draft of the
folder to .docx, one process per file as a naive build would. Writes
build/bench/build.json and the section of docs/benchmarks.md between its markers.
Targets (issue 14, this 2-core machine, N = 100): cold 30 s, no-op 0.5 s, one changed 2 s.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import compile_package
from bench.check_corpus import FIRST, generate
from bench.docs import write_section

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench-build: begin -->", "<!-- bench-build: end -->"
ITUDRAFT = Path(sys.executable).parent / "itudraft"
REGIONS = {"APT": "ACP", "ASMG": "ARB", "ATU": "AFCP", "CEPT": "ECP", "CITEL": "IAP",
           "RCC": "RCC"}
#: Ten Member States with proposals of their own, and ITU's symbols for them (the
#: prefixes of their proposals, "B/70A1/1").
MEMBERS = {"Argentina": "ARG", "Brazil": "B", "Egypt": "EGY", "France": "F", "Ghana": "GHA",
           "India": "IND", "Japan": "J", "Kenya": "KEN", "Saudi Arabia": "ARS", "Sweden": "S"}


def _enrich(path: Path, rng: random.Random, index: int) -> None:
    """One Resolution in three gets a footnote and an annex with a table."""
    if index % 3:
        return
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(\n[a-z]\) that [^\n]*?)([;,]\n)", r"\1[^n1]\2", text, count=1)
    if "[^n1]" not in text:
        return
    has_annex = "# Annex A" in text
    text = text.rstrip("\n") + "\n\n"
    if not has_annex:
        text = text.replace("\n*resolves*\n\n1 ", "\n*resolves*\n\n1 in accordance with "
                            "Annex A, ", 1) if "\n*resolves*\n\n1 " in text else text
        if "Annex A" in text:
            text += "# Annex A: Figures for the generated example\n\n"
    if "Annex A" in text:
        rows = "\n".join(f"| Region {r} | {rng.randint(1, 40)} | {rng.randint(1, 9)} |"
                         for r in range(1, 6))
        text += ("Table A.1 – Counts for the generated example\n\n| Region | Items | Groups |\n"
                 f"|---|---|---|\n{rows}\n\n")
    text += "[^n1]: A footnote of the generated example, for the benchmark.\n"
    path.write_text(text, encoding="utf-8")


def scratch(folder: Path, size: int, seed: int = 0) -> Path:
    """A content folder with *size* generated Resolutions and 3 x *size* proposals (and a
    draft new Resolution from each region): two regions and one Member State on each
    Resolution."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    rng = random.Random(seed)
    paths = generate(content / "resolutions", size, seed)
    for index, path in enumerate(paths):
        _enrich(path, rng, index)
    assembly = content / "assemblies" / "wtsa-24.yaml"
    assembly.write_text(assembly.read_text(encoding="utf-8") + "member_states:\n" + "".join(
        f"  {name}: {{name: {name}, prefix: {prefix}}}\n" for name, prefix in MEMBERS.items()),
        encoding="utf-8")
    numbers = [FIRST + i for i in range(size)]
    targets: dict[str, list[int]] = {source: [] for source in [*REGIONS, *MEMBERS]}
    regions, members = list(REGIONS), list(MEMBERS)
    for index, number in enumerate(numbers):
        for shift in range(2):
            targets[regions[(index + shift) % len(regions)]].append(number)
        targets[members[index % len(members)]].append(number)
    for document, (source, numbers_of) in enumerate(targets.items(), start=60):
        if numbers_of or source in REGIONS:
            _contribution(content, source, document, sorted(set(numbers_of)), rng)
    return content


def _contribution(content: Path, source: str, document: int, numbers: list[int],
                  rng: random.Random) -> None:
    """One generated contribution of *source* (a region or a Member State) on the
    Resolutions *numbers*; a region's also proposes a draft new Resolution."""
    prefix = REGIONS.get(source) or MEMBERS[source]
    proposals = content / "proposals" / "wtsa-24"
    drafts = proposals / "drafts" / f"gen-{prefix.lower()}"
    drafts.mkdir(parents=True, exist_ok=True)
    members = f"[{', '.join(rng.sample(list(MEMBERS), 3))}]" if source in REGIONS else "[]"
    lines = ["# A generated contribution for the build benchmark; not an ITU document.",
             "assembly: wtsa-24", f"document: {document}", "addendum: 1",
             "date: 2024-09-10", "original: English", f"source: {source}",
             f"members: {members}", f"title: Generated proposals of {source}",
             "abstract: Generated proposals for the benchmark.", "proposals:"]
    serial = 0
    for number in numbers:
        serial += 1
        symbol = ("MOD", "NOC", "NOC", "SUP", "MOD")[serial % 5]
        lines += [f"  - symbol: {symbol}", f"    number: {prefix}/{document}A1/{serial}",
                  f"    resolution: {number}",
                  f"    reasons: Generated reasons of {source} for proposal {serial}, "
                  "for the benchmark."]
        if symbol == "MOD":
            draft = drafts / f"res-{number}.md"
            text = (content / "resolutions" / f"res-{number}.md").read_text(encoding="utf-8")
            text = text.replace("\nstatus:", "\n  - New Delhi, 2024\nstatus:", 1)
            text = re.sub(r"(\n1 [a-z]+ )", r"\1without delay ", text, count=1)
            draft.write_text(text, encoding="utf-8")
            lines.append(f"    text: drafts/gen-{prefix.lower()}/res-{number}.md")
    if source in REGIONS:
        serial += 1
        (drafts / "new.md").write_text(
            f"---\nnumber: '[{prefix}-9]'\ntitle: Generated draft new Resolution of "
            f"{source}\neditions:\n  - New Delhi, 2024\nstatus: draft\n---\n\n"
            "*considering*\n\nthat a generated text is needed,\n\n*resolves*\n\n"
            "to measure the build.\n", encoding="utf-8")
        lines += ["  - symbol: ADD", f"    number: {prefix}/{document}A1/{serial}",
                  f"    resolution: '[{prefix}-9]'", f"    text: drafts/gen-{prefix.lower()}/new.md",
                  "    reasons: A generated draft new Resolution for the benchmark."]
    (proposals / f"gen-{prefix.lower()}-{document}a1.yaml").write_text(
        "\n".join(lines) + "\n", encoding="utf-8")


def _run(command: list[str], cwd: Path) -> tuple[float, float, int, int]:
    """Seconds, CPU seconds (the process and its workers), documents written (output
    files new or replaced: a job can write several) and the peak memory so far in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    outputs = _outputs(cwd / "build")
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    written = sum(1 for name, stamp in _outputs(cwd / "build").items()
                  if outputs.get(name) != stamp)
    return seconds, cpu, written, max(after.ru_maxrss, before.ru_maxrss) // 1024


def _outputs(build: Path) -> dict[str, tuple[int, int]]:
    """Each output file of *build* (not the manifest or the cache) and its inode and
    time: a rewritten file is a new inode (written aside, then renamed)."""
    out = {}
    for path in build.rglob("*") if build.is_dir() else []:
        relative = path.relative_to(build)
        if path.is_file() and relative.parts[0] not in (".itudraft-cache", ".itudraft-build.json"):
            stat = path.stat()
            out[str(relative)] = (stat.st_ino, stat.st_mtime_ns)
    return out


def _pandoc(content: Path, out: Path) -> float:
    """Every Resolution and draft through pandoc alone, one process per file."""
    from pypandoc import get_pandoc_path

    pandoc = get_pandoc_path()
    files = sorted((content / "resolutions").glob("*.md")) + sorted(
        (content / "proposals").rglob("drafts/*/*.md"))
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for index, path in enumerate(files):
        subprocess.run([pandoc, str(path), "-o", str(out / f"{index}.docx")], check=True,
                       capture_output=True)
    return time.perf_counter() - start


def measure(size: int, runs: int) -> dict:
    rows: dict[str, list] = {k: [] for k in ("cold", "no-op", "one res", "one contr", "pandoc")}
    cpu: dict[str, list] = {k: [] for k in ("cold", "no-op", "one res", "one contr")}
    built: dict[str, int] = {}
    peak = 0
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="itudraft-bench-build-") as temp:
            folder = Path(temp)
            content = scratch(folder, size)
            proposals = sum(text.count("\n  - symbol:") for text in (
                p.read_text(encoding="utf-8") for p in (content / "proposals" / "wtsa-24")
                .glob("gen-*.yaml")))
            command = [str(ITUDRAFT), "all", "--content", "content", "--out", "build",
                       "--no-paginate"]
            rows["pandoc"].append(_pandoc(content, folder / "pandoc"))
            for kind in ("cold", "no-op", "one res", "one contr"):
                _change(content, kind, size)
                seconds, used, written, memory = _run(command, folder)
                rows[kind].append(seconds)
                cpu[kind].append(used)
                built[kind] = written
                peak = max(peak, memory)
        print(f"size {size}, run {run + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s"
                                                          for k, v in rows.items()), flush=True)
    return {"size": size, "proposals": proposals, "runs": runs,
            "all": rows, "median": {k: statistics.median(v) for k, v in rows.items()},
            "cpu": {k: statistics.median(v) for k, v in cpu.items()},
            "built": built, "peak_mb": peak,
            "ratio": statistics.median(rows["cold"]) / statistics.median(rows["pandoc"])}


def _change(content: Path, kind: str, size: int) -> None:
    """What changes before the measurement *kind*: a word of a Resolution in force, the
    Reasons of one proposal of a contribution, or nothing."""
    if kind == "one res":
        res = content / "resolutions" / f"res-{FIRST + size // 2}.md"
        res.write_text(res.read_text(encoding="utf-8").replace(" that ", " that, here, ", 1),
                       encoding="utf-8")
    elif kind == "one contr":
        contribution = next((content / "proposals" / "wtsa-24").glob("gen-*.yaml"))
        contribution.write_text(contribution.read_text(encoding="utf-8").replace(
            "for proposal 1,", "for proposal 1 (revised),", 1), encoding="utf-8")


def markdown(results: list[dict]) -> str:
    lines = [BEGIN, "## The whole pipeline (`make bench`)", "",
             "`itudraft all --no-paginate` on a scratch content folder: the examples plus N "
             "generated Resolutions (one in three with a footnote and an annex with a table) "
             "and contributions from the six regions and ten Member States with 3 N proposals "
             "on them (two regions and one Member State on each: MODs with drafts, NOCs, "
             "SUPs), and a draft new Resolution from each region; each measurement a fresh "
             "process, "
             "median of the runs, this machine (2 cores, shared). Documents: how many output "
             "files the build wrote (the examples' documents in the other five languages "
             "included). One Resolution changed: a word of one of its clauses (its title "
             "unchanged: the Action Plan, focal points and briefing notes, which show titles, "
             "are not rebuilt). Peer: pandoc alone converting every Resolution and draft, a "
             "process per file. Targets at N = 100: cold 30 s, no-op 0.5 s, one changed 2 s. "
             "itudraft's bytecode is compiled before the runs, as Python keeps it on an "
             "installation where it may write it (this machine's environment forbids that, "
             "and each process would compile every module again).",
             "",
             "| N | proposals | cold s (docs) | no-op s (docs) | one Resolution changed s (docs) "
             "| one contribution changed s (docs) | peak MB | pandoc alone s | cold / pandoc |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        m, b = r["median"], r["built"]
        lines.append(f"| {r['size']} | {r['proposals']} | {m['cold']:.1f} ({b['cold']}) | "
                     f"{m['no-op']:.2f} ({b['no-op']}) | {m['one res']:.1f} ({b['one res']}) | "
                     f"{m['one contr']:.1f} ({b['one contr']}) | {r['peak_mb']} | "
                     f"{m['pandoc']:.1f} | {r['ratio']:.2f} |")
    lines += ["", "CPU seconds (the build process and its workers, median; on a shared machine "
              "less noisy than the wall clock):", "",
              "| N | cold | no-op | one Resolution changed | one contribution changed |",
              "|---:|---:|---:|---:|---:|"]
    for r in results:
        c = r["cpu"]
        lines.append(f"| {r['size']} | {c['cold']:.1f} | {c['no-op']:.2f} | {c['one res']:.1f} | "
                     f"{c['one contr']:.1f} |")
    lines += ["", f"Runs per size: {', '.join(str(r['runs']) for r in results)}.", "", END]
    return "\n".join(lines)


def write_doc(results: list[dict]) -> None:
    write_section(BEGIN, END, markdown(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10,100,300")
    args = parser.parse_args()
    compile_package()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results.append(measure(size, args.runs if size <= 100 else 1))
    target = ROOT / "build" / "bench" / "build.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2), encoding="utf-8")
    write_doc(results)
    print(f"wrote {target} and docs/benchmarks.md")


if __name__ == "__main__":
    main()
