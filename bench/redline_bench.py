"""make bench-redline: itudraft's redline engine side by side with Docxodus.

For each pair (synthetic corpora of 10, 100 and 1000 Resolutions, the ITU
sample files with programmatic revisions, and a table-heavy pair the size of a real
Recommendation built from them, :mod:`bench.recommendation_pair`) both engines run RUNS times, each
run in a fresh process; reported: median seconds, peak memory, revision
count, the words marked against the fewest a word-level diff needs and the
separate change regions (:mod:`bench.quality`), and whether Accept All / Reject
All of the output give exactly the new and the old text (checked with
itudraft's accept/reject, and with LibreOffice when it is installed). On the
Recommendation pair also the whole `itudraft redline` process (start-up, reading,
writing) and, as a floor, what merely reading both files and writing one costs. Results:
build/bench/redline.json and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path

from bench import clean, compile_package, quality, recommendation_pair
from bench.corpus import corpus
from pipeline import libreoffice
from pipeline.redline import accept, reject
from tests.wordfile import texts
from tests.redline.edits import revise_docx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "itu-samples"
ENGINES = ("itudraft", "docxodus")
RECOMMENDATION = "Recommendation (tables)"
W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _revisions(data: bytes) -> int:
    from lxml import etree

    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    ns = "{%s}" % W.decode()
    return sum(1 for _ in root.iter(ns + "ins", ns + "del"))


def _pairs(sizes: list[int], folder: Path, recommendation: bool = True
           ) -> list[tuple[str, Path, Path, int]]:
    pairs = []
    for size in sizes:
        old, new, words = corpus(size)
        paths = folder / f"corpus{size}-old.docx", folder / f"corpus{size}-new.docx"
        paths[0].write_bytes(old)
        paths[1].write_bytes(new)
        pairs.append((f"{size} Resolutions", *paths, words))
    for sample in sorted(SAMPLES.glob("*.docx")):
        new_path = folder / f"{sample.stem}-revised.docx"
        new_path.write_bytes(revise_docx(sample.read_bytes(), seed=len(sample.name)))
        words = len(" ".join(texts(sample.read_bytes())).split())
        pairs.append((sample.name, sample, new_path, words))
    if recommendation:  # built in a process of its own: this one stays small (see bench.clean)
        built = subprocess.run([sys.executable, "-m", "bench.recommendation_pair", "build",
                                str(folder)], capture_output=True, text=True, cwd=ROOT, check=True)
        facts = json.loads(built.stdout.strip().splitlines()[-1]) \
            if built.stdout.strip().startswith("{") else None
        if facts is None:
            print(f"Recommendation pair skipped: {recommendation_pair.SAMPLES} is absent",
                  flush=True)
        else:
            old, new = Path(facts.pop("old")), Path(facts.pop("new"))
            print(json.dumps({"pair": RECOMMENDATION, **facts}), flush=True)
            pairs.append((RECOMMENDATION, old, new, facts["words"]))
    return pairs


def _process(command: list[str]) -> dict:
    """Wall seconds and peak resident MB of one whole process (start-up included), started
    from a small process (bench.clean) so that its peak is its own."""
    result = subprocess.run(clean.command(*command, measure=True), cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:]}
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    return {"seconds": measured["seconds"], "peak_mb": measured["peak_mb"]}


def _whole_process(runs: int, old: Path, new: Path, out: Path) -> dict:
    """`itudraft redline OLD NEW -o OUT` and the read+write floor, median of *runs*."""
    itudraft = Path(sys.executable).with_name("itudraft")
    command = ([str(itudraft)] if itudraft.is_file() else [sys.executable, "-m", "pipeline.cli"])
    whole = [_process(command + ["redline", str(old), str(new), "-o", str(out),
                                 "--author", "bench", "--date", "2024-10-15T09:00:00Z"])
             for _ in range(runs)]
    floor = []
    for _ in range(runs):
        result = subprocess.run(clean.command(sys.executable, "-m", "bench.recommendation_pair",
                                              "baseline", str(old), str(new),
                                              str(out.with_suffix(".floor.docx"))),
                                capture_output=True, text=True, cwd=ROOT, check=False)
        if result.returncode == 0:
            floor.append(json.loads(result.stdout.strip().splitlines()[-1]))
    ok = [w for w in whole if "error" not in w]
    row = {"process_runs": len(ok)}
    if ok:
        row.update(process_s=statistics.median(w["seconds"] for w in ok),
                   process_peak_mb=statistics.median(w["peak_mb"] for w in ok))
    else:
        row["process_error"] = whole[0]["error"]
    if floor:
        row.update(read_write_s=statistics.median(f["zip_lxml_s"] for f in floor),
                   read_write_peak_mb=statistics.median(f["peak_mb"] for f in floor),
                   python_docx_s=statistics.median(f["python_docx_s"] for f in floor),
                   python_docx_peak_mb=statistics.median(f["python_docx_peak_mb"]
                                                         for f in floor))
    return row


def _run(engine: str, old: Path, new: Path, out: Path) -> dict:
    result = subprocess.run(clean.command(sys.executable, "-m", "bench.run_one", engine, str(old),
                                          str(new), str(out)),
                            capture_output=True, text=True, cwd=ROOT, check=False, timeout=1800)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(runs: int, sizes: list[int], use_lo: bool, recommendation: bool = True,
            recommendation_peer: bool = True) -> list[dict]:
    folder = ROOT / "build" / "bench" / "redline"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    lo_jobs = []
    for name, old, new, words in _pairs(sizes, folder, recommendation):
        for engine in ENGINES:
            if name == RECOMMENDATION and engine == "docxodus" and not recommendation_peer:
                row = {"pair": name, "words": words, "engine": engine, "skipped": True}
                rows.append(row)
                print(json.dumps(row), flush=True)
                continue
            out = folder / f"{Path(old).stem}-{engine}.docx"
            samples = [_run(engine, old, new, out) for _ in range(runs)]
            ok = [s for s in samples if "error" not in s]
            row = {"pair": name, "words": words, "engine": engine, "runs": len(ok)}
            if ok:
                data = out.read_bytes()
                marked = quality.measure(old.read_bytes(), new.read_bytes(), data)
                row.update(marked_words=marked.marked_words, minimal_words=marked.minimal_words,
                           regions=marked.regions)
                row.update(
                    median_s=statistics.median(s["seconds"] for s in ok),
                    peak_mb=max(s["peak_mb"] for s in ok),
                    revisions=_revisions(data),
                    exact_own=(texts(accept(data)) == texts(new.read_bytes())
                               and texts(reject(data)) == texts(old.read_bytes())))
                if use_lo:
                    lo_jobs.append((len(rows), old, new, out))
            else:
                row["error"] = samples[0]["error"]
            if name == RECOMMENDATION and engine == "itudraft":
                row.update(_whole_process(runs, old, new, out))
            rows.append(row)
            print(json.dumps(row), flush=True)
    if lo_jobs:
        jobs = [j for _, old, new, out in lo_jobs for j in
                ((old, "none"), (new, "none"), (out, "accept"), (out, "reject"))]
        views = libreoffice.resolve_revisions(jobs, timeout=3600)
        for k, (index, *_rest) in enumerate(lo_jobs):
            old_view, new_view, accepted, rejected = views[4 * k: 4 * k + 4]
            rows[index]["exact_libreoffice"] = accepted == new_view and rejected == old_view
    return rows


def _introduction(runs: int) -> list[str]:
    return ["# Benchmarks", "",
            "## Redline engine (`make bench-redline`)", "",
            f"itudraft's engine and Docxodus (python-redlines) on the same pairs in one run, "
            f"each run in a fresh process, median of {runs} runs; peak memory is the "
            "process's maximum resident size (each process started from a small one, "
            "bench/clean.py: Linux counts in a process the memory of the one that "
            "started it). \"Exact\" means Accept All gives exactly the new "
            "text and Reject All exactly the old one (own: itudraft's accept/reject; "
            "LibreOffice: its Accept All / Reject All through python3-uno). Docxodus's "
            "times include its start-up, about half a second, which dominates the small "
            "pairs; the 1000-Resolution pair is the target (at most 3 s, at least 20x "
            "faster, under 1 GB). The machine is shared and has 2 cores: compare engines "
            "within one run, not across runs. itudraft's bytecode is compiled before the "
            "runs, as an installation keeps it.", "",
            "\"Marked words\" counts the words (runs of non-space) of the old and new texts "
            "that hold a deleted or inserted character, against the fewest a minimal "
            "word-level diff deletes plus inserts (marking only a changed comma can come "
            "under it: the diff counts that word deleted and inserted); \"regions\" counts "
            "the separate changes a reader meets, stretches of marked text with no unmarked "
            "text between them.", "",
            "| pair | words | engine | median s | peak MB | revisions | marked words "
            "(minimal) | regions | exact (own) | exact (LibreOffice) | speed-up |",
            "|---|---:|---|---:|---:|---:|---:|---:|---|---|---:|"]


def markdown(rows: list[dict], runs: int) -> str:
    lines = _introduction(runs)
    by_pair: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_pair.setdefault(row["pair"], {})[row["engine"]] = row
    for pair, engines in by_pair.items():
        base = engines.get("docxodus", {}).get("median_s")
        for engine in ENGINES:
            row = engines.get(engine)
            if row is None:
                continue
            if "error" in row:
                lines.append(f"| {pair} | {row['words']} | {engine} | failed | | | | | | | |")
                continue
            if row.get("skipped"):
                lines.append(f"| {pair} | {row['words']} | {engine} | not run | | | | | | | |")
                continue
            ratio = f"{base / row['median_s']:.1f}x" if base and engine == "itudraft" else ""
            lo = {True: "yes", False: "no"}.get(row.get("exact_libreoffice"), "not run")
            lines.append(f"| {pair} | {row['words']} | {engine} | {row['median_s']:.3f} | "
                         f"{row['peak_mb']:.0f} | {row['revisions']} | {_marked(row)} | "
                         f"{row.get('regions', '')} | "
                         f"{'yes' if row['exact_own'] else 'no'} | {lo} | {ratio} |")
    lines.extend(_recommendation(rows, runs))
    return "\n".join(lines) + "\n"


def _recommendation(rows: list[dict], runs: int) -> list[str]:
    """The whole-process numbers of the Recommendation pair, under the table."""
    row = next((r for r in rows if r["pair"] == RECOMMENDATION and r["engine"] == "itudraft"
                and "process_s" in r), None)
    if row is None:
        return []
    out = ["", f"The Recommendation pair ({row['words']} words and about 190 tables from "
           "the English sample Recommendations repeated, about 2,400 edits; "
           "`bench/recommendation_pair.py`), whole process `itudraft redline OLD NEW -o OUT`, "
           f"median of {runs}: {row['process_s']:.2f} s, {row['process_peak_mb']:.0f} MB "
           "(target: at most 1.5 s and 250 MB)."]
    if "read_write_s" in row:
        out[-1] += (f" Merely reading both files and writing one (zipfile and lxml) takes "
                    f"{row['read_write_s']:.2f} s in a process of "
                    f"{row['read_write_peak_mb']:.0f} MB; python-docx open+save of both, "
                    f"{row['python_docx_s']:.2f} s more (process peak then "
                    f"{row.get('python_docx_peak_mb', 0):.0f} MB).")
    return out


def _marked(row: dict) -> str:
    """"201 (193, +4.1%)": the words marked, the minimal, how far above it."""
    if "marked_words" not in row:
        return ""
    marked, minimal = row["marked_words"], row["minimal_words"]
    excess = f", {marked / minimal - 1:+.1%}" if minimal else ""
    return f"{marked} ({minimal}{excess})"


def write_doc(page: str) -> None:
    """docs/benchmarks.md as *page*, keeping what other benchmarks wrote after the redline
    section (from the first HTML comment, as bench.briefings_bench marks its own)."""
    docs = ROOT / "docs" / "benchmarks.md"
    text = docs.read_text(encoding="utf-8") if docs.is_file() else ""
    others = text[text.index("<!--"):] if "<!--" in text else ""
    docs.write_text(page + ("\n" + others if others else ""), encoding="utf-8")


def rewrite_markdown(runs: int = 3) -> None:
    """Rewrite docs/benchmarks.md from the last build/bench/redline.json."""
    rows = json.loads((ROOT / "build" / "bench" / "redline.json").read_text())
    write_doc(markdown(rows, runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--no-recommendation", action="store_true",
                        help="leave out the Recommendation-size table-heavy pair")
    parser.add_argument("--no-recommendation-peer", action="store_true",
                        help="do not run Docxodus on the Recommendation pair (slow)")
    args = parser.parse_args()
    compile_package()  # whole-process times: the bytecode as an installation keeps it
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rows = measure(args.runs, sizes, use_lo=libreoffice.available() and not args.no_libreoffice,
                   recommendation=not args.no_recommendation,
                   recommendation_peer=not args.no_recommendation_peer)
    out = ROOT / "build" / "bench" / "redline.json"
    out.write_text(json.dumps(rows, indent=2) + "\n")
    docs = ROOT / "docs" / "benchmarks.md"
    write_doc(markdown(rows, args.runs))
    print(f"wrote {out} and {docs}")


if __name__ == "__main__":
    main()
