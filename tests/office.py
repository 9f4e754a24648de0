"""Markers for the tests that open files in LibreOffice, as a person would.

They run in ``make test`` and CI (which installs LibreOffice); ``make test-fast``
leaves them out (``-m "not libreoffice"``); where LibreOffice is missing they skip
and say what to install.
"""

from __future__ import annotations

import pytest

from pipeline import libreoffice
from tests.wordfile import SOFFICE

#: Accept All / Reject All through LibreOffice's Python bridge.
bridge = [pytest.mark.libreoffice, pytest.mark.skipif(
    not libreoffice.available(),
    reason=f"LibreOffice with its Python bridge is not installed: apt-get install "
           f"{libreoffice.PACKAGES} (CI does)")]
#: Conversion to PDF and layout through soffice.
soffice = [pytest.mark.libreoffice, pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer "
           "poppler-utils (CI does)")]


def apply(marks: list):
    """A decorator applying every mark of *marks*."""
    def decorate(test):
        for mark in marks:
            test = mark(test)
        return test
    return decorate
