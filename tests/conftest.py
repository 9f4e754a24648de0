from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.proposals import build_resolutions
from pipeline.sources.proposal import load_proposal_set
from pipeline.supplement import build_supplement
from tests.wordfile import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
CONTENT = ROOT / "content"
PROPOSALS = CONTENT / "proposals" / "wtsa-24"


@pytest.fixture(scope="session")
def supplement_docx(tmp_path_factory) -> Path:
    """The real Supplement from content/supplement, built once for the session."""
    return build_supplement(ROOT / "content" / "supplement", tmp_path_factory.mktemp("sup"))


@pytest.fixture(scope="session")
def mini_docx(tmp_path_factory) -> Path:
    """The small fixture Supplement that exercises every Markdown convention."""
    return build_supplement(FIXTURES / "mini-supplement", tmp_path_factory.mktemp("mini"))


@pytest.fixture()
def mini_copy(tmp_path) -> Path:
    """A writable copy of the fixture Supplement, for tests that break it."""
    target = tmp_path / "src"
    shutil.copytree(FIXTURES / "mini-supplement", target)
    return target


@pytest.fixture(scope="session")
def proposal_set():
    """The example WTSA-24 proposals, read and checked."""
    return load_proposal_set(PROPOSALS, CONTENT / "resolutions", CONTENT / "assemblies")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """build/resolutions as `make resolutions` writes it from the example content."""
    out = tmp_path_factory.mktemp("resolutions")
    build_resolutions(PROPOSALS, CONTENT / "resolutions", CONTENT / "assemblies", out)
    return out
