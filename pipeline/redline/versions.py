"""One base and several versions of it, keyed and aligned for a consolidation.

Each block is serialized once: a version's block whose bytes are a base block's takes
that block's key and text (most blocks of a draft are the base's), and the bytes tell
the blocks that are equal by key but still differ (formatting, a picture). Only the
bytes of the blocks the base does not have are kept.

On a large text the versions are keyed and aligned on two cores: a forked child
process takes half of them and sends back plain data (which base block each block
equals, the others' bytes, the alignment steps); the results are the same as when
done one after the other, which is what happens with one core, without ``os.fork``,
with threads running, on small texts, or when the child fails. There too, the
blocks a merge does not use can go with the rest of their tree (:func:`kept_apart`).
"""

from __future__ import annotations

import pickle
from typing import Callable, Sequence

from lxml import etree

from pipeline.ooxml.wordml import text_of
from pipeline.redline.align import Blocks, Op, Step, align
from pipeline.redline.atoms import block_key, blocks_bytes, declared_alike, same_scope, xml_key
from pipeline.redline.forked import both, two_cores

#: How :class:`Keyed` takes a side's bytes by default: each block as it is written in
#: its place, the blocks cut from one writing of the element that holds them
#: (:func:`~pipeline.redline.atoms.blocks_bytes`), which is several times faster than
#: writing each block with every namespace declaration in scope.
IN_PLACE = object()


class _NoCut(Exception):
    """The blocks of a side could not be cut from one writing of their parent."""


#: A large text, from this many blocks in all the versions: keyed and aligned on both cores
#: (below, a child process costs more than it saves), the versions' unused blocks freed.
LARGE = 20_000
_OPS = {op.value: op for op in Op}


class Keyed:
    """Blocks with the keys and texts they are aligned on, and their bytes."""

    def __init__(self, blocks: Sequence[etree._Element], base: "Keyed | None" = None,
                 serialize: Callable[[etree._Element], bytes] | object = IN_PLACE):
        self.base = base
        self.serialize = serialize
        self.same: list[int | None] = []   # the base block of the same bytes
        self.own: dict[int, bytes] = {}    # the bytes of the others
        keys, texts = [], []
        known = base.known if base is not None else {}
        if serialize is IN_PLACE:
            raws = blocks_bytes(list(blocks))
            if raws is None:
                raise _NoCut
        else:
            raws = [serialize(block) for block in blocks]
        for index, (block, raw) in enumerate(zip(blocks, raws)):
            found = known.get(raw)
            self.same.append(found)
            if found is None:
                self.own[index] = raw
                text = text_of(block)
                keys.append(block_key(block, text))
                texts.append(text)
            else:
                keys.append(base.blocks.keys[found])
                texts.append(base.blocks.texts[found])
        self.blocks = Blocks(keys, texts)
        self.known: dict[bytes, int] = {}
        if base is None:
            for index in range(len(blocks) - 1, -1, -1):  # the first of equal blocks
                self.known[self.own[index]] = index

    @classmethod
    def _received(cls, base: "Keyed", same: list[int | None], own: dict[int, bytes]) -> "Keyed":
        keyed = cls.__new__(cls)
        keyed.base, keyed.same, keyed.own, keyed.known = base, same, own, {}
        keyed.serialize = base.serialize
        keyed.blocks = None  # aligned already
        return keyed

    def raw(self, index: int) -> bytes:
        found = self.same[index]
        return self.own[index] if found is None else self.base.own[found]

    def differs(self, index: int, base_index: int) -> bool:
        """Whether block *index* has other bytes than the base's block *base_index*."""
        found = self.same[index]
        return found != base_index and (found is None or self.base.own[found]
                                         != self.base.own[base_index])


def prepare(base: Sequence[etree._Element], versions: list[list[etree._Element]]
            ) -> tuple[Keyed, list[tuple[Keyed, list[Step]]]]:
    """The base keyed, and each version keyed and aligned with it (steps in the base's
    indices), in the order of *versions*."""
    # bytes as written in place, unless a version's file declares its namespaces otherwise
    # (another producer): then the keys that read only the namespaces an element uses
    if not declared_alike([_root(blocks) for blocks in [base, *versions] if blocks]):
        return _prepared(base, versions, xml_key)
    if not same_scope([list(base), *map(list, versions)]):  # a body declaring its own
        return _prepared(base, versions, etree.tostring)
    try:
        return _prepared(base, versions, IN_PLACE)
    except _NoCut:  # blocks not one element's children: each written on its own
        return _prepared(base, versions, etree.tostring)


def _prepared(base: Sequence[etree._Element], versions: list[list[etree._Element]],
              serialize) -> tuple[Keyed, list[tuple[Keyed, list[Step]]]]:
    mine = Keyed(base, serialize=serialize)
    if len(versions) < 2 or sum(map(len, versions)) < LARGE or not two_cores():
        return mine, [_one(mine, blocks) for blocks in versions]
    half = (len(versions) + 1) // 2
    return mine, _parallel(mine, versions[:half], versions[half:])


def _root(blocks: Sequence[etree._Element]) -> etree._Element:
    return blocks[0].getroottree().getroot()


def _one(mine: Keyed, blocks: Sequence[etree._Element]) -> tuple[Keyed, list[Step]]:
    side = Keyed(blocks, mine, mine.serialize)
    return side, align(mine.blocks, side.blocks)


def kept_apart(blocks: list[etree._Element | None], used: set[int]) -> etree._Element | None:
    """The blocks of *used* indices moved into a tree of their own, which reads them as
    theirs did (the same namespaces in scope), their places in *blocks* kept and the
    others' set to None; returns that tree's root, to stand for the version's part, so
    that the rest of its tree can go at once. None (nothing moved) when the blocks are
    not the children of a root's child."""
    first = next((block for block in blocks if block is not None), None)
    holder = first.getparent() if first is not None else None
    root = holder.getparent() if holder is not None else None
    if root is None or root.getparent() is not None or holder.nsmap != root.nsmap:
        return None
    apart = etree.Element(root.tag, nsmap=root.nsmap)
    inside = etree.SubElement(apart, holder.tag)
    for index, block in enumerate(blocks):
        if index in used:
            inside.append(block)
        else:
            blocks[index] = None
    return apart


def _parallel(mine: Keyed, here: list, there: list) -> list[tuple[Keyed, list[Step]]]:
    """*here* done in this process, *there* in a forked child at the same time."""
    done, data = both(lambda: [_one(mine, blocks) for blocks in here],
                      lambda: pickle.dumps([_sent(*_one(mine, blocks)) for blocks in there],
                                           protocol=pickle.HIGHEST_PROTOCOL))
    if data is None:  # whatever went wrong there, here it is done again (or raised)
        return done + [_one(mine, blocks) for blocks in there]
    return done + [_received(mine, *found) for found in pickle.loads(data)]


def _sent(side: Keyed, steps: list[Step]) -> tuple:
    return side.same, side.own, [(step.op.value, step.old, step.new) for step in steps]


def _received(mine: Keyed, same, own, steps) -> tuple[Keyed, list[Step]]:
    return Keyed._received(mine, same, own), [Step(_OPS[op], old, new) for op, old, new in steps]
