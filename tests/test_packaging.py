"""The package as someone installs it: a wheel, not this checkout, builds the Supplement
and renders a Resolution from the repository's sources, with its own data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.wordfile import ROOT, paragraphs

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed_for_the_wheel():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts)
             for path in (ROOT / "pipeline").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
    for name in listed - found:  # the data folders, which hold no code
        assert (ROOT / Path(*name.split("."))).is_dir(), name


def _wheel(tmp_path: Path) -> Path:
    """A wheel built from a copy of the tracked files (setuptools writes build/ beside them)."""
    source = tmp_path / "source"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                             check=True).stdout.decode().split("\0")
    for name in filter(None, tracked):
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_symlink():
            os.symlink(os.readlink(ROOT / name), target)
        else:
            shutil.copy2(ROOT / name, target)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(tmp_path / "dist"), str(source)], check=True, capture_output=True)
    return next((tmp_path / "dist").glob("itudraft-*.whl"))


def test_an_installed_wheel_builds_from_the_repository_sources(tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                    str(site), str(_wheel(tmp_path))], check=True, capture_output=True)
    data = site / "pipeline" / "data"
    assert (data / "styles" / "itu-styles.yaml").is_file() and not (data / "styles").is_symlink()
    assert (data / "conventions.yaml").is_file()
    assert (data / "rules.yaml").is_file() and (data / "texts.yaml").is_file()
    assert (data / "styles" / "languages.yaml").is_file() and (data / "conventions.ar.yaml").is_file()
    run = tmp_path / "elsewhere"
    run.mkdir()
    # a translation in a folder with no conventions of its own: the package's Arabic ones
    for name in ("res-901.md", "res-901.ar.md"):
        shutil.copy2(ROOT / "content" / "resolutions" / name, run / name)
    probe = ("import sys; sys.path.insert(0, sys.argv.pop(1)); import pipeline; "
             "assert pipeline.__file__.startswith(sys.path[0]), pipeline.__file__; "
             "from pipeline.cli import main; main()")
    for args in (["supplement", "--source", str(ROOT / "content" / "supplement"), "--out",
                  str(run / "sup"), "--no-paginate"],
                 ["render", str(ROOT / "content" / "resolutions" / "res-901.md"), "-o",
                  str(run / "r.docx")],
                 ["render", str(run / "res-901.ar.md"), "-o", str(run / "ar.docx")],
                 # no content folder here: the checker takes the package's rules and texts
                 ["check", str(ROOT / "content" / "resolutions" / "res-901.md")]):
        result = subprocess.run([sys.executable, "-c", probe, str(site), *args], cwd=run,
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    built = next((run / "sup").glob("*.docx"))
    assert [p.style for p in paragraphs(built)].count("Call") > 0
    assert paragraphs(run / "r.docx")[0].style == "ResNo"
