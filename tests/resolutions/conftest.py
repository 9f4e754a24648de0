from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.proposals import build_resolutions
from pipeline.sources.proposal import load_proposal_set
from tests.wordfile import ROOT

CONTENT = ROOT / "content"
PROPOSALS = CONTENT / "proposals" / "wtsa-24"


@pytest.fixture(scope="session")
def proposal_set():
    return load_proposal_set(PROPOSALS, CONTENT / "resolutions", CONTENT / "assemblies")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """build/resolutions as `make resolutions` writes it from the example content."""
    out = tmp_path_factory.mktemp("resolutions")
    build_resolutions(PROPOSALS, CONTENT / "resolutions", CONTENT / "assemblies", out)
    return out
