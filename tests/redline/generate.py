"""Random documents and random revisions of them, driven by a random.Random.

Hypothesis hands in its own Random (so failures shrink and replay); the
LibreOffice tests use seeded ones.
"""

from __future__ import annotations

import copy
import random

from tests.redline.docmodel import WRAPS, Para, Table

WORDS = ("the assembly resolves that study groups shall report to TSAG on their work "
         "programme and invites Member States to contribute , ; . ( ) 2024 New Delhi "
         "Resolution considering noting instructs Director Bureau regional").split()
STYLES = ["Normal", "Normal", "Call", "enumlev1", "Heading1"]


def _text(rng: random.Random, low: int = 1, high: int = 8) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words)


def _para(rng: random.Random) -> Para:
    runs = []
    for index in range(rng.randint(1, 3)):
        text = (" " if index else "") + _text(rng)
        footnote = _text(rng, 2, 5) if rng.random() < 0.1 else None
        wrap = rng.choice(WRAPS) if rng.random() < 0.25 else None
        runs.append((text, rng.random() < 0.2, rng.random() < 0.2, footnote, wrap))
    return Para(rng.choice(STYLES), runs)


def _table(rng: random.Random) -> Table:
    """A table; one-column ones are framed figures (no draw of their own, so that a seed
    gives the documents it gave before frames were generated)."""
    columns = rng.randint(1, 3)
    return Table([[_text(rng, 1, 4) for _ in range(columns)] for _ in range(rng.randint(1, 3))],
                 framed=columns == 1)


def document(rng: random.Random, size: int = 8) -> list:
    return [_table(rng) if rng.random() < 0.15 else _para(rng)
            for _ in range(rng.randint(1, size))]


def _edit_words(rng: random.Random, para: Para) -> None:
    index = rng.randrange(len(para.runs))
    text, bold, italic, note, *wrap = para.runs[index]
    words = text.split(" ")
    position = rng.randrange(len(words))
    action = rng.choice(["replace", "insert", "delete"])
    if action == "replace":
        words[position] = rng.choice(WORDS)
    elif action == "insert":
        words.insert(position, rng.choice(WORDS))
    elif len(words) > 1:
        del words[position]
    para.runs[index] = (" ".join(words), bold, italic, note, *wrap)


def _edit_format(rng: random.Random, para: Para) -> None:
    index = rng.randrange(len(para.runs))
    text, bold, italic, note, *wrap = para.runs[index]
    para.runs[index] = (text, not bold, italic, note, *wrap) if rng.random() < 0.5 \
        else (text, bold, not italic, note, *wrap)


def _edit_wrap(rng: random.Random, para: Para) -> None:
    """Text put into a link, field or other container, or taken out of one."""
    index = rng.randrange(len(para.runs))
    text, bold, italic, note, *wrap = para.runs[index]
    new = None if wrap and wrap[0] else rng.choice(WRAPS)
    para.runs[index] = (text, bold, italic, note, new)


def _edit_note(rng: random.Random, para: Para) -> None:
    index = rng.randrange(len(para.runs))
    text, bold, italic, note, *wrap = para.runs[index]
    para.runs[index] = (text, bold, italic, None if note else _text(rng, 2, 5), *wrap) \
        if rng.random() < 0.5 or note is None \
        else (text, bold, italic, note + " " + rng.choice(WORDS), *wrap)


def _edit_table(rng: random.Random, table: Table) -> None:
    action = rng.choice(["cell", "cell", "add-row", "drop-row"])
    if action == "cell":
        row = rng.choice(table.rows)
        column = rng.randrange(len(row))
        row[column] = _text(rng, 1, 4) if rng.random() < 0.3 else row[column] + " " + rng.choice(WORDS)
    elif action == "add-row":
        table.rows.insert(rng.randint(0, len(table.rows)),
                          [_text(rng, 1, 4) for _ in range(len(table.rows[0]))])
    elif len(table.rows) > 1:
        del table.rows[rng.randrange(len(table.rows))]


def revise(model: list, rng: random.Random, edits: int = 3) -> list:
    """A revised copy of *model*: words, formatting, styles, notes, tables, blocks moved."""
    new = copy.deepcopy(model)
    for _ in range(rng.randint(1, edits)):
        action = rng.choice(["words", "words", "words", "format", "style", "note", "table",
                             "wrap", "insert", "delete", "move"])
        paras = [b for b in new if isinstance(b, Para)]
        tables = [b for b in new if isinstance(b, Table)]
        if action == "words" and paras:
            _edit_words(rng, rng.choice(paras))
        elif action == "format" and paras:
            _edit_format(rng, rng.choice(paras))
        elif action == "style" and paras:
            rng.choice(paras).style = rng.choice(STYLES)
        elif action == "note" and paras:
            _edit_note(rng, rng.choice(paras))
        elif action == "wrap" and paras:
            _edit_wrap(rng, rng.choice(paras))
        elif action == "table" and tables:
            _edit_table(rng, rng.choice(tables))
        elif action == "insert":
            new.insert(rng.randint(0, len(new)), _table(rng) if rng.random() < 0.15 else _para(rng))
        elif action == "delete" and len(new) > 1:
            del new[rng.randrange(len(new))]
        elif action == "move" and len(new) > 1:
            block = new.pop(rng.randrange(len(new)))
            new.insert(rng.randint(0, len(new)), block)
    return new
