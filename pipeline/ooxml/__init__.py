"""The OOXML layer: the only code of the pipeline that touches zip and lxml."""

from pipeline.ooxml.ns import NS, qn
from pipeline.ooxml.package import Package

__all__ = ["NS", "qn", "Package"]
