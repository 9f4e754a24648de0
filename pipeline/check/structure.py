"""Checks of a Resolution's structure: its calls, the items under them and their
punctuation (rules R-01 to R-17 and R-66 of the Supplement)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import process
from rapidfuzz.distance import Indel

from pipeline.check.context import Doc
from pipeline.check.model import Fix, Severity
from pipeline.check.registry import EVERY_LANGUAGE, LATIN_PUNCTUATION, Hit, check
from pipeline.sources.resolution import Block, BlockKind, item_problems

#: the preambular calls whose order the Supplement fixes (R-01); others may go anywhere
PREAMBULAR_ORDER = ["recalling", "considering", "considering further", "considering also",
                    "recognizing", "recognizing further", "recognizing also", "noting",
                    "noting further", "noting also", "bearing in mind", "taking into account",
                    "observing"]
#: the verbs of calls addressed to others, in the order of R-04
OPERATIVE_VERBS = ["instructs", "requests", "invites", "encourages", "appeals"]
#: capitals that make an abbreviation (two or more), as in TSB, TSAG, SG17
ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9-]*\b")


def _name(text: str) -> str:
    """A call as written, without emphasis marks, punctuation, case or extra spaces."""
    text = re.sub(r"[*_]", "", text).strip().rstrip(":,;.").strip()
    return " ".join(text.split())


def _known(doc: Doc, text: str) -> str | None:
    """The listed call that *text* is, ignoring case and punctuation; None when none."""
    name = _name(text).lower()
    for call in doc.ref.conventions.preambular + doc.ref.conventions.operative:
        if call.lower() == name:
            return call
    return None


# --- calls ----------------------------------------------------------------------------

@check("known-call", languages=(EVERY_LANGUAGE,))
def known_call(doc: Doc) -> Iterator[Hit]:
    """A call is one of those listed in the conventions, spelled as listed."""
    calls = doc.ref.conventions.preambular + doc.ref.conventions.operative
    for block in doc.res.blocks:
        if block.kind != BlockKind.CALL or _known(doc, block.text):
            continue
        best = process.extractOne(block.text, calls, scorer=Indel.normalized_similarity)
        line, column = doc.locate(block, block.text)
        if best and best[1] >= 0.85:
            yield Hit(line, column, f"unknown call *{block.text}*",
                      f"did you mean *{best[0]}*?", Fix(line, column, block.text, best[0]))
        else:
            yield Hit(line, column, f"unknown call *{block.text}*",
                      f"use a call listed in {doc.ref.conventions.path}, or add it there")


@check("call-paragraph-style", fixable=True)
def call_paragraph_style(doc: Doc) -> Iterator[Hit]:
    """A call is an italic paragraph of its own, lower case, without punctuation."""
    for block in doc.res.blocks:
        if block.kind == BlockKind.CALL:
            known = _known(doc, block.text)
            if known and known != block.text:  # *Considering,*: known once case and punctuation go
                line = block.line
                raw = doc.line(line)
                yield Hit(line, 1, f"call *{block.text}* is written in lower case without "
                          "punctuation", f"*{known}*",
                          Fix(line, 1, raw, raw[:len(raw) - len(raw.lstrip())] + f"*{known}*"))
        elif block.kind in (BlockKind.PARA, BlockKind.ITEM) and not block.marker:
            known = _known(doc, block.text)
            if known and len(block.text) < len(known) + 8:
                first, last = doc.span(block)
                if first != last:
                    continue
                raw = doc.line(first)
                yield Hit(first, 1, f"'{block.text}' is a call: an italic paragraph of its own",
                          f"*{known}*", Fix(first, 1, raw, f"*{known}*"))


@check("first-preambular-call", languages=(EVERY_LANGUAGE,))
def first_preambular_call(doc: Doc) -> Iterator[Hit]:
    """Preambular calls open with considering or recalling and keep the order of R-01."""
    preambular = [b for b, _ in doc.calls() if b.style == "preambular"]
    if not preambular:
        return
    first = preambular[0]
    if doc.call_name(first) not in ("considering", "recalling"):
        yield Hit(first.line, 1, f"the preambular part opens with *{first.text}*",
                  "open with *considering* (or *recalling*, then *considering*)")
    ranked = [(PREAMBULAR_ORDER.index(doc.call_name(b)), b) for b in preambular
              if doc.call_name(b) in PREAMBULAR_ORDER]
    for (rank_a, a), (rank_b, b) in zip(ranked, ranked[1:]):
        if rank_b < rank_a:
            yield Hit(b.line, 1, f"*{b.text}* comes after *{a.text}* (line {a.line})",
                      f"put *{b.text}* before *{a.text}*")


@check("operative-starts-resolves", fixable=True)
def operative_starts_resolves(doc: Doc) -> Iterator[Hit]:
    """The operative part opens with resolves; a later decision call is 'further resolves'."""
    operative = [b for b, _ in doc.calls() if b.style == "operative"]
    if operative and doc.call_name(operative[0]) not in ("resolves", "decides"):
        yield Hit(operative[0].line, 1, f"the operative part opens with *{operative[0].text}*",
                  "open the operative part with *resolves*")
    started = False
    for block, _ in doc.calls():
        started = started or block.style == "operative"
        if started and block.style == "preambular":
            yield Hit(block.line, 1, f"preambular call *{block.text}* after the operative part "
                      "has begun", "move it before the first operative call")
    for block in operative:
        if block.text == "resolves further":
            line, column = doc.locate(block, "resolves further")
            yield Hit(line, column, "*resolves further* is written *further resolves*",
                      "*further resolves*", Fix(line, column, "resolves further", "further resolves"))


def _operative_rank(text: str) -> tuple[int, int] | None:
    words = text.split()
    if words and words[0] == "further":
        words = words[1:]
    if not words or words[0] not in OPERATIVE_VERBS:
        return None
    rest = " ".join(words[1:])
    sub = 0
    if words[0] == "instructs":
        if rest.startswith("the Director"):
            sub = 0
        elif rest.startswith("the Telecommunication Standardization Advisory Group"):
            sub = 2
        else:
            sub = 1
    return OPERATIVE_VERBS.index(words[0]), sub


@check("operative-call-order")
def operative_call_order(doc: Doc) -> Iterator[Hit]:
    """instructs (Director, study groups, TSAG), then requests, invites, encourages."""
    ranked = [(_operative_rank(doc.call_name(b)), b) for b, _ in doc.calls()
              if b.style == "operative"]
    ranked = [(rank, b) for rank, b in ranked if rank is not None]
    for (rank_a, a), (rank_b, b) in zip(ranked, ranked[1:]):
        if rank_b < rank_a:
            yield Hit(b.line, 1, f"*{b.text}* comes after *{a.text}* (line {a.line})",
                      "calls addressed to others go: instructs (the Director, study groups, "
                      "TSAG), requests, invites, encourages")


@check("call-addressee-in-full")
def call_addressee_in_full(doc: Doc) -> Iterator[Hit]:
    """No abbreviation in a call; each verb and addressee once."""
    seen: dict[str, Block] = {}
    for block, _ in doc.calls():
        for match in ABBREVIATION.finditer(block.text):
            line, column = doc.locate(block, match.group())
            yield Hit(line, column, f"abbreviation '{match.group()}' in a call",
                      "name the addressee in full")
        name = doc.call_name(block)
        if name in seen:
            yield Hit(block.line, 1, f"*{block.text}* appears twice (also line "
                      f"{seen[name].line})", "join the items under one call")
        else:
            seen[name] = block


@check("call-has-items", languages=(EVERY_LANGUAGE,))
def call_has_items(doc: Doc) -> Iterator[Hit]:
    """Every call has at least one item under it."""
    for block, items in doc.calls():
        if not items:
            yield Hit(block.line, 1, f"*{block.text}* has no item under it",
                      "add its items or remove the call")


# --- items ----------------------------------------------------------------------------

_WORD_NUMBERING = re.compile(r"^(?P<marker>\d+\.|[a-z]\.|\([a-z]\)|\(\d+\))[ \t]+\S")


@check("no-word-numbering", languages=(EVERY_LANGUAGE,), fixable=True)
def no_word_numbering(doc: Doc) -> Iterator[Hit]:
    """Items are lettered and numbered as typed text: '1 that', 'a) that', not '1.' or '(a)'."""
    for call, items in doc.calls():
        for block in items:
            if block.marker:
                continue
            match = _WORD_NUMBERING.match(block.text)
            if not match:
                continue
            marker = match.group("marker")
            want = (marker.strip("().") + ")") if marker.strip("().").isalpha() else marker.strip("().")
            line, column = doc.locate(block, marker)
            yield Hit(line, column, f"item marker '{marker}' is list numbering",
                      f"type '{want}' followed by a space or TAB", Fix(line, column, marker, want))


_BIS_SPACED = re.compile(r"^(?P<bad>(?P<base>[a-z]\)|\d+)[ \t]+(?P<suffix>bis|ter|quater))\b")
_BIS_LETTER = re.compile(r"^(?P<bad>(?P<base>\d+)(?P<suffix>[a-h]))[ \t]")


@check("bis-item-form", languages=(EVERY_LANGUAGE,), fixable=True)
def bis_item_form(doc: Doc) -> Iterator[Hit]:
    """An inserted item is b)bis or 2bis, with no space; not 2a."""
    for call, items in doc.calls():
        for block in items:
            first, _ = doc.span(block)
            raw = doc.line(first)
            match = _BIS_SPACED.match(raw)
            if match:
                want = match.group("base") + match.group("suffix")
                yield Hit(first, 1, f"'{match.group('bad')}' is written '{want}'", want,
                          Fix(first, 1, match.group("bad"), want))
                continue
            match = _BIS_LETTER.match(raw)
            if match:
                yield Hit(first, 1, f"item '{match.group('bad')}': an inserted item takes 'bis', "
                          "'ter'... after the number before it", f"{match.group('base')}bis")


@check("items-lettered-in-sequence", languages=(EVERY_LANGUAGE,))
def items_lettered(doc: Doc) -> Iterator[Hit]:
    for block, message in item_problems(doc.res.blocks):
        if block.marker[:1].isalpha() or _call_of(doc, block) == "preambular":
            yield Hit(block.line, 1, message)


@check("items-numbered-in-sequence", languages=(EVERY_LANGUAGE,))
def items_numbered(doc: Doc) -> Iterator[Hit]:
    for block, message in item_problems(doc.res.blocks):
        if not (block.marker[:1].isalpha() or _call_of(doc, block) == "preambular"):
            yield Hit(block.line, 1, message)


def _call_of(doc: Doc, item: Block) -> str:
    for call, items in doc.calls():
        if any(i is item for i in items):
            return call.style
    return ""


@check("single-item-unlettered", languages=(EVERY_LANGUAGE,), fixable=True)
def single_item_unlettered(doc: Doc) -> Iterator[Hit]:
    """A call with one item gives it no letter or number."""
    for call, items in doc.calls():
        top = [i for i in items if i.marker and "." not in i.marker]
        unmarked = [i for i in items if not i.marker]
        if len(top) == 1 and len(items) == 1 and not unmarked:
            item = top[0]
            raw = doc.line(item.line)
            match = re.match(rf"^{re.escape(item.marker)}[ \t]+", raw)
            fix = Fix(item.line, 1, match.group(), "") if match else None
            yield Hit(item.line, 1, f"the only item under *{call.text}* is marked "
                      f"'{item.marker}'", "remove the letter or number", fix)


_ROMAN = re.compile(r"^\(?[ivxl]+\)$")


@check("list-levels", languages=(EVERY_LANGUAGE,), severity=Severity.WARNING)
def list_levels(doc: Doc) -> Iterator[Hit]:
    """enumlev1 letters (or dashes), enumlev2 small Roman numerals, enumlev3 dashes."""
    for block in doc.res.blocks:
        if block.kind != BlockKind.ENUM or not block.marker or block.marker == "–":
            continue
        marker = block.marker
        roman = bool(_ROMAN.match(marker))
        letter = bool(re.match(r"^\(?[a-z]\)$", marker))
        wrong = (marker in ("•", "-", "—") or marker.strip("()").isdigit()
                 or (block.level == 2 and letter and not roman)
                 or (block.level == 3 and (letter or roman)))
        if wrong:
            want = {1: "a), b)...", 2: "i), ii)...", 3: "a dash (–)"}[block.level]
            line, column = doc.locate(block, marker)
            yield Hit(line, column, f"list marker '{marker}' at level {block.level}",
                      f"level {block.level} uses {want}")


# --- punctuation ----------------------------------------------------------------------

def _units(doc: Doc) -> list[tuple[Block, list[tuple[Block, Block]]]]:
    """Each call with its items, each item with the block its punctuation ends on: the
    item itself, or the last list line under it."""
    out = []
    blocks = doc.res.blocks
    index = {id(b): i for i, b in enumerate(blocks)}
    for call, items in doc.calls():
        units = []
        for item in items:
            end = item
            for block in blocks[index[id(item)] + 1:]:
                if block.kind in (BlockKind.ITEM, BlockKind.CALL, BlockKind.SECTION,
                                  BlockKind.ANNEX, BlockKind.APPENDIX, BlockKind.HEADING):
                    break
                if block.kind in (BlockKind.ENUM, BlockKind.PARA, BlockKind.CLAUSE):
                    end = block
            units.append((item, end))
        out.append((call, units))
    return out


def _final_call(doc: Doc) -> Block | None:
    operative = [call for call, _ in doc.calls() if call.style == "operative"
                 and any(call is b for b in doc.body())]
    return operative[-1] if operative else None


def _punctuation_hits(doc: Doc, want_for) -> Iterator[Hit]:
    final = _final_call(doc)
    for call, units in _units(doc):
        for position, (item, end) in enumerate(units):
            last = position == len(units) - 1
            want = want_for(call, last, call is final)
            if want is None:
                continue
            line, column, char = doc.ending(end)
            if char == want or not char:
                continue
            if char == ":" and end is item:
                continue  # an item introducing a list or a quotation
            if char in "?!)\"”’'" and want != ".":
                continue
            place = f"'{item.marker}'" if item.marker else f"under *{call.text}*"
            name = {";": "a semicolon", ",": "a comma", ".": "a full stop"}[want]
            yield Hit(line, column, f"item {place} ends with '{char}', not {name}", want,
                      doc.punctuation_fix(end, want))


@check("item-ends-with-semicolon", languages=LATIN_PUNCTUATION, fixable=True)
def item_semicolon(doc: Doc) -> Iterator[Hit]:
    yield from _punctuation_hits(doc, lambda call, last, final: None if last else ";")


@check("last-item-ends-with-comma", languages=LATIN_PUNCTUATION, fixable=True)
def last_item_comma(doc: Doc) -> Iterator[Hit]:
    yield from _punctuation_hits(doc, lambda call, last, final: "," if last and not final
                                 else None)


@check("final-item-ends-with-full-stop", languages=LATIN_PUNCTUATION, fixable=True)
def final_item_full_stop(doc: Doc) -> Iterator[Hit]:
    yield from _punctuation_hits(doc, lambda call, last, final: "." if last and final else None)


_OPENING = {"preambular": ("that",), "resolves": ("that", "to"), "other": ("to",)}


@check("item-opening-word", severity=Severity.WARNING)
def item_opening_word(doc: Doc) -> Iterator[Hit]:
    """Preambular items open with 'that'; resolves with 'that' or 'to'; others with 'to'."""
    for call, items in doc.calls():
        if not call.style:
            continue
        if call.style == "preambular":
            allowed = _OPENING["preambular"]
        elif doc.call_name(call).split()[-1] in ("resolves", "decides"):
            allowed = _OPENING["resolves"]
        elif len(doc.call_name(call).split()) == 1 or doc.call_name(call).startswith("further "):
            continue  # a bare verb (*encourages*): the item names the addressee first
        else:
            allowed = _OPENING["other"]
        for item in items:
            if item.marker and "." in item.marker:
                continue  # sub-items continue their item's sentence
            words = re.sub(r"[*_,;:]", "", item.text).split()
            if not words or not words[0][0].isalpha():
                continue
            if words[0].lower() not in allowed:
                line, column = doc.locate(item, words[0])
                yield Hit(line, column, f"item under *{call.text}* opens with '{words[0]}'",
                          "open it with " + " or ".join(f"'{w}'" for w in allowed))


_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")


@check("en-dash-not-hyphen", fixable=True)
def en_dash(doc: Doc) -> Iterator[Hit]:
    """Separators are an en dash with spaces: 'NOTE – ', 'Figure 1 – ', ' – '."""
    for block in doc.res.blocks:
        if block.kind in (BlockKind.TABLE, BlockKind.IMAGE):
            continue
        for line, column, _match in doc.find_all(block, _SPACED_HYPHEN):
            yield Hit(line, column + 1, "a hyphen used as a dash", "use an en dash (–)",
                      Fix(line, column, " - ", " – "))
