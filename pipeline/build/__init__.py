"""`itudraft all`: every output of the content folder, rebuilt only where its inputs
changed, on all cores, shown as it goes.

    plan: read the content once -> one Job per output document (a contribution, the
          compilation, a clean text, a consolidated draft, a briefing note...), each
          with the files it is made from
    hash: each job's inputs (their bytes), the pipeline's own code and data, the
          options -> skip the job when build/.itudraft-build.json holds the same hash
          and its outputs are still the bytes it wrote
    run:  the other jobs in a process pool (a job is a plain function of its
          arguments, so a parallel build gives the bytes of a serial one); jobs that
          read what others found (conflicts.md, the briefing notes' conflict counts)
          run after them, from the facts those jobs left in the manifest
    write: each output atomically, as its job finishes; outputs the build no longer
          makes are removed when they are still the bytes it wrote

A job that fails is reported on one line and the others go on (``fail_fast`` stops at
the first); the manifest keeps the jobs that succeeded, so the next build redoes only
what failed or changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from pipeline import __version__, data
from pipeline.errors import Category, PipelineError
from pipeline import outputs
from pipeline.outputs import write_atomic

MANIFEST = ".itudraft-build.json"
#: The folder of rendered pieces kept between builds (pipeline.render.piecestore).
CACHE = ".itudraft-cache"
FORMAT = 1


@dataclass(frozen=True)
class Settings:
    """What every job is built with (plain values: they cross to the worker processes)."""

    content: Path
    reference: Path | None = None
    paginate: bool | None = None
    #: where rendered pieces are kept between builds (None: the build folder's CACHE)
    cache: Path | None = None


@dataclass(frozen=True)
class Job:
    key: str                         # the first output, e.g. "resolutions/acp-42a1.docx"
    outputs: tuple[str, ...]         # paths relative to the build folder
    inputs: tuple[Path, ...]         # the files it is made from
    task: str                        # a function of TASKS
    args: tuple = ()
    needs: tuple[str, ...] = ()      # jobs whose facts it reads (run before it)
    #: what it takes from a file only in part (a contribution's date and source, not its
    #: other proposals' Reasons): hashed in place of that file
    values: tuple = ()


@dataclass
class Outcome:
    built: list[str] = field(default_factory=list)
    fresh: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


# --- hashing ----------------------------------------------------------------------------

def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The sha256 of *path*'s bytes ("-" when it does not exist)."""
    try:
        return outputs.file_digest(path)
    except OSError:
        return "-"


def pipeline_files() -> list[Path]:
    """The pipeline's own code and data: every module of the package (not only the
    build's: a renderer's change must rebuild what it renders) and every data file, the
    house style and templates too (in the repository the data folder links to them), not
    Python's bytecode (its first writing would rebuild everything) nor the hidden and
    lock files an editor leaves beside a file it has open (.~lock.*#, ~$*)."""
    package = Path(__file__).resolve().parent.parent
    code = [p for p in package.rglob("*.py") if "__pycache__" not in p.parts]
    found, seen = [], set()
    for folder, folders, names in os.walk(data.path(), followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a link back up the tree: walked once
            folders[:] = []
            continue
        seen.add(real)
        folders[:] = sorted(f for f in folders if f != "__pycache__" and not f.startswith("."))
        found += [Path(folder, name).resolve() for name in names
                  if not name.endswith(".py") and not name.startswith((".", "~$"))]
    return sorted(code) + sorted(set(found))


def pipeline_digest() -> str:
    """The pipeline's code and data, each file by its name and bytes: any change to them
    (a file renamed too) rebuilds everything."""
    root = Path(__file__).resolve().parent.parent.parent
    h = hashlib.sha256(__version__.encode())
    for path in pipeline_files():
        h.update(f"{_shown(path, root)}\0{file_digest(path)}\0".encode())
    return h.hexdigest()


def _shown(path: Path, root: Path) -> str:
    """*path* relative to the repository (or the installation) it belongs to."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return path.name


def tree_digest(settings: Settings, pipeline: str) -> str:
    """Every file of the content folder (names and bytes), the options and the pipeline."""
    root = settings.content.resolve()
    h = hashlib.sha256(f"{FORMAT}\0{pipeline}\0{settings.paginate!r}\0".encode())
    if settings.reference:
        h.update(file_digest(settings.reference).encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(f"{path.relative_to(root)}\0{file_digest(path)}\0".encode())
    return h.hexdigest()


def _all_fresh(manifest: dict, out: Path) -> bool:
    return bool(manifest["jobs"]) and all(
        file_digest(out / name) == digest for record in manifest["jobs"].values()
        for name, digest in record.get("outputs", {}).items())


def job_digest(job: Job, settings: Settings, pipeline: str, facts: dict) -> str:
    """What decides a job's outputs: its inputs' bytes (by their path relative to the
    content folder, so a checkout elsewhere gives the same hash), its arguments, the
    options, the pipeline, and the facts of the jobs it needs."""
    h = hashlib.sha256(f"{FORMAT}\0{pipeline}\0{job.task}\0{job.args!r}\0{job.values!r}\0"
                       .encode())
    h.update(f"{settings.paginate!r}\0{file_digest(settings.reference) if settings.reference else ''}"
             .encode())
    root = settings.content.resolve()
    # in the order of their names in the content folder, not of the paths as spelled (a
    # text named through a draft is absolute, the others as the content folder was given)
    files = {path.resolve(): path for path in job.inputs}
    for name, _where, path in sorted((_name_in(path, root), str(where), path)
                                     for where, path in files.items()):
        h.update(f"{name}\0{file_digest(path)}\0".encode())
    for need in job.needs:
        h.update(json.dumps(facts.get(need), sort_keys=True).encode())
    return h.hexdigest()


@lru_cache(maxsize=65536)
def _name_in(path: Path, root: Path) -> str:
    """*path* relative to the content folder *root* (its name alone when outside)."""
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return path.name


# --- the manifest -----------------------------------------------------------------------

def _load_manifest(out: Path) -> dict:
    path = out / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"format": FORMAT, "jobs": {}}
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or \
            not isinstance(manifest.get("jobs"), dict):
        return {"format": FORMAT, "jobs": {}}  # another version's: thrown away
    return manifest


def _save_manifest(out: Path, manifest: dict) -> None:
    write_atomic(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())


def _fresh(job: Job, digest: str, manifest: dict, out: Path) -> bool:
    record = manifest["jobs"].get(job.key)
    if not record or record.get("inputs") != digest:
        return False
    return all(file_digest(out / name) == record["outputs"].get(name) for name in job.outputs)


# --- running ----------------------------------------------------------------------------

def run_job(job: Job, settings: Settings, facts: dict
            ) -> tuple[dict[str, bytes], dict | None, float]:
    """Make one job's outputs (in this process or a worker), and the seconds it took."""
    from pipeline.build.jobs import TASKS, keep_conversions

    start = time.perf_counter()
    keep_conversions(settings.cache)  # every job's pandoc conversions, kept between builds
    try:
        needed = {key: facts.get(key) for key in job.needs}
        outputs, job_facts = TASKS[job.task](settings, *job.args, facts=needed)
    finally:  # a build run in this process leaves no cache to the next render
        keep_conversions(None)
    return outputs, job_facts, time.perf_counter() - start


def build_all(settings: Settings, out: Path, jobs: int | None = None, fail_fast: bool = False,
              report: Callable[[str, str, float], None] | None = None,
              planned: Callable[[int], None] | None = None) -> Outcome:
    """Build every output of *settings.content* into *out*. *report(kind, label, seconds)*
    is told of each job: "built", "fresh" (up to date) or "failed" (label then carries the
    error line); *planned(n)* of the number of jobs first."""
    report = report or (lambda kind, label, seconds: None)
    if settings.cache is None:
        settings = replace(settings, cache=out / CACHE / "pieces")
    manifest = _load_manifest(out)
    pipeline = pipeline_digest()
    tree = tree_digest(settings, pipeline)
    if manifest.get("tree") == tree and _all_fresh(manifest, out):
        # nothing in the content folder, the options or the pipeline changed, and every
        # output is the one written: no need to read the sources at all
        if planned:
            planned(len(manifest["jobs"]))
        for key in sorted(manifest["jobs"]):
            report("fresh", key, 0.0)
        return Outcome(fresh=sorted(manifest["jobs"]))
    from pipeline.build.jobs import plan
    from pipeline.render.piecestore import PieceStore

    PieceStore(settings.cache, pipeline).prune()  # earlier versions' pieces
    all_jobs = plan(settings)
    if planned:
        planned(len(all_jobs))
    previous = {name: digest for record in manifest["jobs"].values()
                for name, digest in record.get("outputs", {}).items()}
    facts = {key: record.get("facts") for key, record in manifest["jobs"].items()}
    outcome = Outcome()
    done: set[str] = set()
    pending = list(all_jobs)
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    running: dict[Future, tuple[Job, str]] = {}
    failed_keys: set[str] = set()
    try:
        while pending or running:
            ready = [job for job in pending if all(need in done for need in job.needs)]
            for job in ready:
                pending.remove(job)
                if any(need in failed_keys for need in job.needs):
                    failed_keys.add(job.key)
                    outcome.failed.append((job.key, "not built: a job it needs failed"))
                    report("failed", f"{job.key}: not built, a job it needs failed", 0.0)
                    done.add(job.key)
                    continue
                digest = job_digest(job, settings, pipeline, facts)
                if _fresh(job, digest, manifest, out):
                    outcome.fresh.append(job.key)
                    done.add(job.key)
                    report("fresh", job.key, 0.0)
                    continue
                if pool is None:
                    future: Future = Future()
                    try:
                        future.set_result(run_job(job, settings, facts))
                    except Exception as error:  # noqa: BLE001 - reported as the job's failure
                        future.set_exception(error)
                    running[future] = (job, digest)
                    break  # serial: take its result before the next job starts
                running[pool.submit(run_job, job, settings, facts)] = (job, digest)
            if not running:
                if pending and not ready:
                    raise PipelineError(Category.USAGE, "the build's jobs wait on each other: "
                                        + ", ".join(j.key for j in pending))
                continue
            finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: running[f][0].key):
                job, digest = running.pop(future)
                done.add(job.key)
                try:
                    outputs, job_facts, seconds = future.result()
                except PipelineError as error:
                    _fail(outcome, failed_keys, job, str(error), report)
                except Exception as error:  # noqa: BLE001 - a bug in one job: said, the rest go on
                    _fail(outcome, failed_keys, job, f"internal-error: {type(error).__name__}: "
                          f"{error} (a bug in itudraft)", report)
                else:
                    written = {}
                    for name in job.outputs:
                        write_atomic(out / name, outputs[name])
                        written[name] = _digest(outputs[name])
                    manifest["jobs"][job.key] = {"inputs": digest, "outputs": written,
                                                 "facts": job_facts}
                    facts[job.key] = job_facts
                    outcome.built.append(job.key)
                    report("built", job.key, seconds)
                if fail_fast and outcome.failed:
                    raise _Stop
    except _Stop:
        pass
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        keys = {job.key for job in all_jobs}
        if not fail_fast or not outcome.failed:
            outcome.removed = _remove_stale(out, manifest, keys, previous)
            manifest["jobs"] = {k: v for k, v in manifest["jobs"].items() if k in keys}
        # the shortcut of the next build only when this one made everything
        manifest["tree"] = tree if not outcome.failed and not pending else None
        _save_manifest(out, manifest)
    return outcome


class _Stop(Exception):
    pass


def _fail(outcome: Outcome, failed_keys: set, job: Job, message: str, report) -> None:
    failed_keys.add(job.key)
    outcome.failed.append((job.key, message))
    report("failed", f"{job.key}: {message}", 0.0)


def _remove_stale(out: Path, manifest: dict, keys: set[str], previous: dict) -> list[str]:
    """Outputs an earlier build wrote that no job makes now, when they are still the
    bytes it wrote (a file a person changed, or wrote there, stays)."""
    made = {name for key, record in manifest["jobs"].items() if key in keys
            for name in record.get("outputs", {})}
    removed = []
    for name, digest in sorted(previous.items()):
        path = out / name
        if name in made or ".." in Path(name).parts or Path(name).is_absolute():
            continue
        if file_digest(path) == digest:
            path.unlink()
            removed.append(name)
    return removed


def inputs_under(*folders: Path, pattern: str = "*") -> list[Path]:
    """Every file under *folders* (recursively), sorted: a job's inputs."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_file():
            found.append(folder)
        elif folder.is_dir():
            found.extend(p for p in folder.rglob(pattern) if p.is_file())
    return sorted(found)


def unique(paths: Iterable[Path | None]) -> tuple[Path, ...]:
    return tuple(sorted({p for p in paths if p is not None}, key=str))


@lru_cache(maxsize=1)
def temporary_folder() -> Path:
    """A folder for one process's imported Word bases, removed when the process exits."""
    import atexit
    import shutil

    folder = Path(tempfile.mkdtemp(prefix="itudraft-bases-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder
