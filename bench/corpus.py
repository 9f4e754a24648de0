"""A synthetic corpus for the redline benchmark: N example Resolutions in one file,
about 325 words each, and a revision with about 2% of the words edited and some
paragraphs added and removed. Deterministic for a given N and seed."""

from __future__ import annotations

import random

from tests.redline.docmodel import Para, docx_bytes

VOCABULARY = ("the assembly resolves that study groups shall report to the advisory group "
              "on their work programme and invites Member States Sector Members and "
              "Associates to contribute actively noting considering recognizing further "
              "instructs Director of the Bureau regional organizations preparation "
              "standardization telecommunication development countries bridging gap "
              "accessibility security quality service emergency environment").split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(words))


def resolution(rng: random.Random, number: int) -> list[Para]:
    """One example Resolution of about 325 words."""
    out = [Para("ResNo", [(f"RESOLUTION {number} (Rev. New Delhi, 2024)", False, False, None)]),
           Para("Restitle", [(_sentence(rng, 6).capitalize(), False, False, None)]),
           Para("Normalaftertitle", [("The World Telecommunication Standardization Assembly "
                                      "(New Delhi, 2024),", False, False, None)])]
    words = 0
    letter = 0
    for call in ("considering", "recognizing", "resolves", "instructs the Director"):
        out.append(Para("Call", [(call, False, False, None)]))
        for _ in range(rng.randint(2, 4)):
            length = rng.randint(18, 34)
            marker = f"{chr(ord('a') + letter % 26)})\t" if call[0] in "cr" and call != "resolves" \
                else f"{letter + 1}\t"
            out.append(Para("Normal", [(marker + "that " + _sentence(rng, length) + ";",
                                        False, False, None)]))
            words += length
            letter += 1
    return out


def corpus(count: int, seed: int = 2024) -> tuple[bytes, bytes, int]:
    """(old .docx, revised .docx, words) for *count* Resolutions."""
    rng = random.Random(seed + count)
    old: list[Para] = []
    for number in range(1, count + 1):
        old.extend(resolution(rng, number))
    new: list[Para] = []
    words = 0
    for para in old:
        text = para.runs[0][0]
        tokens = text.split(" ")
        words += len(tokens)
        if para.style == "Normal" and rng.random() < 0.03:
            continue  # a paragraph removed
        edited = [rng.choice(VOCABULARY) if rng.random() < 0.02 else token for token in tokens]
        new.append(Para(para.style, [(" ".join(edited), False, False, None)]))
        if para.style == "Normal" and rng.random() < 0.03:
            new.append(Para("Normal", [("that " + _sentence(rng, 20) + ";", False, False, None)]))
    return docx_bytes(old), docx_bytes(new), words
