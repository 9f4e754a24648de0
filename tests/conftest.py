from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.supplement import build_supplement
from tests.wordfile import ROOT

FIXTURES = Path(__file__).parent / "fixtures"


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
