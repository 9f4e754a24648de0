"""How a person reads a redline: the words it marks against the fewest a word-level diff
needs, and how many separate changes it shows.

The body's text is read as one stream in document order (paragraph ends count as
white space), each character flagged when it sits in a w:ins or w:del. A word (a
run of non-white-space) is marked when any of its characters is. The minimal edit
is the number of words deleted plus inserted by a minimal word-level diff of the
old and new streams (a longest common subsequence, computed between the
paragraphs the two files share, which a minimal diff keeps). A change region is a
stretch of marked text with no unmarked text inside it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from difflib import SequenceMatcher

from lxml import etree
from rapidfuzz.distance import Indel

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = {W + "t", W + "delText", W + "tab"}
_CHANGE = {W + "ins": "ins", W + "del": "del", W + "moveTo": "ins", W + "moveFrom": "del"}


@dataclass(frozen=True)
class Quality:
    marked_words: int
    minimal_words: int
    regions: int

    @property
    def excess(self) -> float:
        """Marked words over the minimal, as a fraction (0.05 is 5% more)."""
        return self.marked_words / self.minimal_words - 1 if self.minimal_words else 0.0


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(W + "body")


def _pieces(data: bytes) -> list[tuple[str, str | None]]:
    """(text, "ins" | "del" | None) in document order; a paragraph's end is ("\\n", None)."""
    out: list[tuple[str, str | None]] = []
    for node in _body(data).iter(W + "p", *_TEXT):
        if node.tag == W + "p":
            if out:
                out.append(("\n", None))
            continue
        state = next((_CHANGE[a.tag] for a in node.iterancestors() if a.tag in _CHANGE), None)
        out.append(("\t" if node.tag == W + "tab" else node.text or "", state))
    return out


def _words(pieces, hide: str) -> list[tuple[str, bool]]:
    """The words of the view without *hide* ("ins" or "del"), each with whether it is marked."""
    words: list[tuple[str, bool]] = []
    current, marked = [], False
    for text, state in pieces:
        if state == hide:
            continue
        for char in text:
            if char.isspace():
                if current:
                    words.append(("".join(current), marked))
                current, marked = [], False
                continue
            current.append(char)
            marked = marked or state is not None
    if current:
        words.append(("".join(current), marked))
    return words


def _paragraph_words(data: bytes) -> list[list[str]]:
    """Each paragraph's words, of a file without revisions."""
    paragraphs: list[list[str]] = [[]]
    for text, _ in _pieces(data):
        if text == "\n":
            paragraphs.append([])
        else:
            paragraphs[-1].append(text)
    return ["".join(p).split() for p in paragraphs]


def minimal_words(old: bytes, new: bytes) -> int:
    """Words deleted plus inserted by a minimal word-level diff of the two bodies."""
    old_paras, new_paras = _paragraph_words(old), _paragraph_words(new)
    keys = lambda paras: ["\x00".join(p) for p in paras]  # noqa: E731
    total = 0
    matcher = SequenceMatcher(None, keys(old_paras), keys(new_paras), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            total += Indel.distance([w for p in old_paras[i1:i2] for w in p],
                                    [w for p in new_paras[j1:j2] for w in p])
    return total


def regions(pieces) -> int:
    """Stretches of marked text with no unmarked text inside (paragraph ends do not part them)."""
    count, inside = 0, False
    for text, state in pieces:
        if state is not None and text:
            count += not inside
            inside = True
        elif text and text != "\n":
            inside = False
    return count


def measure(old: bytes, new: bytes, redlined: bytes) -> Quality:
    """The marked words, the minimal word edit and the change regions of *redlined*."""
    pieces = _pieces(redlined)
    marked = sum(m for _, m in _words(pieces, "ins")) + sum(m for _, m in _words(pieces, "del"))
    return Quality(marked, minimal_words(old, new), regions(pieces))
