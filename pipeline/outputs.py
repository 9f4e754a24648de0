"""The one door for writing: atomic files, a manifest of what a build wrote, the
refusal to write over an input, and the digest of a file's bytes that tells whether a
file is still the one written or read before.

A file is written to a temporary name beside it and renamed into place, so a failed
or interrupted write leaves the previous output and no temporary file. It gets the
mode a file created by the user would get (0666 less the umask), or keeps the mode of
the file it replaces. A build that writes several files lists their plain names in a
manifest; the next build removes only files that manifest lists, inside its folder.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path, PurePosixPath

from pipeline.errors import Category, Location, PipelineError

MANIFEST = ".itudraft-outputs"  # what the last build wrote in its output folder


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _cannot(path: Path, exc: OSError) -> PipelineError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOTDIR or (exc.errno == errno.EEXIST and not path.parent.is_dir()):
        reason = "a file stands where its folder should be"
    return PipelineError(Category.OUTPUT, f"cannot write: {reason}", Location(str(path)))


def write_atomic(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder, then rename.

    A problem on the way (a read-only folder, a file where a folder should be, a full
    disk) is an ``output`` error naming *path*; the earlier file, if any, stays."""
    try:
        if path.is_dir():
            raise PipelineError(Category.OUTPUT, "cannot write: a folder of that name exists",
                                Location(str(path)))
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                        dir=path.parent)
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise _cannot(path, exc) from None
    except BaseException:  # an interrupt: the earlier file stays, no temporary file
        Path(temp).unlink(missing_ok=True)
        raise


def file_digest(path: Path) -> str:
    """The sha256 of *path*'s bytes, read once per version of the file (its size and
    time); OSError when it cannot be read."""
    stat = path.stat()
    return _file_digest(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4096)
def _file_digest(path: Path, _size: int, _mtime: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refuse_overwrite(output: Path, *inputs: Path | None) -> None:
    """An ``output`` error when *output* is one of *inputs* (the same file by any path)."""
    for source in inputs:
        if source is not None and _same_file(output, source):
            raise PipelineError(Category.OUTPUT, f"the output is the input '{source}': "
                                "choose another output path", Location(str(output)))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def plain_name(name: str) -> bool:
    """Whether a manifest entry is a plain relative path that stays inside its folder."""
    if not name or "\\" in name or "\x00" in name:
        return False
    parts = PurePosixPath(name).parts
    return (not PurePosixPath(name).is_absolute() and bool(parts)
            and all(part not in ("..", ".") for part in parts))


def write_set(out: Path, outputs: dict[Path, bytes], claimed_only: bool = False) -> None:
    """Write *outputs* (paths inside *out*) atomically and list them in the manifest.

    Files the previous build listed and this one does not make (a withdrawn proposal)
    are removed, and only those: an entry that is not a plain name inside *out*, or
    that is not a regular file, is left alone; anything else in *out* is the user's.
    *claimed_only*: refuse to replace a file the manifest does not list (a folder a
    person may have filled by hand)."""
    root = out.resolve()
    names = []
    for path in outputs:
        if not path.resolve().is_relative_to(root):
            raise PipelineError(Category.OUTPUT, f"'{path}' would be written outside the output "
                                f"folder '{out}'", Location(str(path)))
        names.append(path.resolve().relative_to(root).as_posix())
    manifest = out / MANIFEST
    earlier = _read_manifest(manifest)
    if claimed_only:
        for path, name in zip(outputs, names):
            if (path.exists() or path.is_symlink()) and name not in earlier:
                raise PipelineError(Category.OUTPUT, "exists and was not written by itudraft: "
                                    "move it, or choose another output", Location(str(path)))
    for path, content in outputs.items():
        write_atomic(path, content)
    keep = set(names)
    for name in earlier:
        if name in keep or not plain_name(name):
            continue
        stale = out / name
        try:
            inside = stale.resolve().is_relative_to(root)
            if inside and stale.is_file() and not stale.is_symlink():
                stale.unlink()
        except OSError:
            pass  # a stale file that cannot go is left, not an error
    write_atomic(manifest, ("\n".join(sorted(keep)) + "\n").encode("utf-8"))


def _read_manifest(manifest: Path) -> list[str]:
    try:
        if not manifest.is_file() or manifest.stat().st_size > 1 << 20:
            return []
        return manifest.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []
