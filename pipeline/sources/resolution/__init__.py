"""A Resolution's source: the model (:mod:`.model`), reading it (:mod:`.parser`), the
lettering rule (:mod:`.lettering`) and writing it back (:mod:`.serialize`)."""

from pipeline.sources.resolution.lettering import check_items, item_problems
from pipeline.sources.resolution.model import (CONVENTIONS, RESERVED_NOTE, Block, BlockKind,
                                               Conventions, Resolution)
from pipeline.sources.resolution.parser import load_conventions, load_resolution
from pipeline.sources.resolution.serialize import to_source

__all__ = ["CONVENTIONS", "RESERVED_NOTE", "Block", "BlockKind", "Conventions", "Resolution",
           "check_items", "item_problems", "load_conventions", "load_resolution", "to_source"]
