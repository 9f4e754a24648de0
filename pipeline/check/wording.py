"""Checks of a Resolution's wording: citations, cross-references, footnotes, annexes,
language and dates (rules R-18 to R-45 and R-68 of the Supplement)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pipeline.check.context import Doc
from pipeline.check.model import Fix, Severity
from pipeline.check.registry import Hit, check
from pipeline.sources.resolution import BlockKind

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
_MONTH = "|".join(MONTHS)
_SUFFIX = "(?:bis|ter|quater|quinquies|sexies)?"
_MARKER = rf"(?:[a-z]\){_SUFFIX}|\d+{_SUFFIX}(?:\.\d+{_SUFFIX})*)"


def _body_lines(doc: Doc) -> Iterator[tuple[int, str]]:
    """(number, text) of every line after the front matter that holds running text."""
    start = _front_matter_end(doc)
    for number in range(start + 1, len(doc.lines) + 1):
        text = doc.line(number)
        stripped = text.lstrip()
        if not stripped or stripped.startswith(("![", ":::")):
            continue
        yield number, text


def _shouting(text: str) -> bool:
    """A line in capitals (a figure's labels, a heading typed in capitals): its words are
    not abbreviations, nor terms to capitalize."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 2 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def _front_matter_end(doc: Doc) -> int:
    for number in range(2, len(doc.lines) + 1):
        if doc.line(number).strip() in ("---", "..."):
            return number
    return 0


def _front_line(doc: Doc, needle: str) -> tuple[int, int]:
    for number in range(1, _front_matter_end(doc) + 1):
        at = doc.line(number).find(needle)
        if at >= 0:
            return number, at + 1
    return 1, 1


def _in_italics(text: str, position: int) -> bool:
    return text[:position].count("*") % 2 == 1


def _reference(calls: tuple[str, ...]) -> str:
    names = "|".join(re.escape(c) for c in sorted(calls, key=len, reverse=True))
    return rf"(?P<call>{names}) (?P<marker>{_MARKER})(?![\w)])"


@lru_cache(maxsize=16)
def _calls_pattern(calls: tuple[str, ...]) -> re.Pattern:
    """A call followed by an item's marker: 'resolves 2', 'considering b)bis'."""
    return re.compile(r"(?<![\w*])" + _reference(calls))


@lru_cache(maxsize=16)
def _italic_reference(calls: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\*{_reference(calls)}\*(?P<external> (?:of|in) (?:WTSA )?Resolution)?")


def _calls(doc: Doc) -> tuple[str, ...]:
    return tuple(doc.ref.conventions.preambular + doc.ref.conventions.operative)


# --- citations ------------------------------------------------------------------------

CITATION = re.compile(
    r"(?P<wtsa>WTSA )?(?P<word>Resolutions?|Res\.)[ \u00a0]+(?P<no>No\.?[ \u00a0]*)?(?P<number>\d+)"
    r"(?P<edition>[ \u00a0]*\((?P<rev>Rev\.[ \u00a0]*)?(?P<place>[^(),]+), (?P<year>\d{4})\))?"
    r"(?P<body> of (?:the |this )?(?P<bodyname>[A-Z][\w-]*(?: [A-Z][\w-]*)*|assembly))?")
XREF_BEFORE = re.compile(r"\* (?:of|in) $")


def _citations(doc: Doc) -> Iterator[tuple[int, int, re.Match]]:
    for number, text in _body_lines(doc):
        for match in CITATION.finditer(text):
            yield number, match.start() + 1, match


def _meeting(doc: Doc, place: str, year: int):
    """('wtsa' or the conference's name, meeting) for an edition, or None."""
    for meeting in doc.ref.texts.assemblies:
        if meeting.place == place and meeting.year == year:
            return "wtsa", meeting
    for body, meetings in doc.ref.texts.conferences.items():
        for meeting in meetings:
            if meeting.place == place and meeting.year == year:
                return body, meeting
    return None


@check("edition-in-citation")
def edition_in_citation(doc: Doc) -> Iterator[Hit]:
    """'Resolution 72 (Rev. Busan, 2014)': every citation gives the edition."""
    for line, column, match in _citations(doc):
        if match.group("word") == "Resolutions" or match.group("edition"):
            continue
        text = doc.line(line)
        if XREF_BEFORE.search(text[:match.start()]):
            continue  # *resolves 2* of Resolution N: external-reference-has-edition
        if str(doc.res.number) == match.group("number"):
            yield Hit(line, column, f"Resolution {match.group('number')} cites itself",
                      "write 'this Resolution'")
            continue
        yield Hit(line, column, f"Resolution {match.group('number')} is cited without its edition",
                  f"Resolution {match.group('number')} (Rev. Place, Year)")


@check("resolution-citation-form", fixable=True)
def resolution_citation_form(doc: Doc) -> Iterator[Hit]:
    """No 'No.' or 'Res.'; another body named after the edition; WTSA Resolutions as
    'WTSA Resolution N (...)'; 'of this assembly' only for this assembly's texts."""
    for line, column, match in _citations(doc):
        if match.group("no"):
            at = column + match.start("no") - match.start()
            yield Hit(line, at, "'No.' before a Resolution's number", "remove 'No.'",
                      Fix(line, at, match.group("no"), ""))
        if match.group("word") == "Res.":
            yield Hit(line, column, "'Res.' for Resolution", "write 'Resolution'",
                      Fix(line, column + match.start("word") - match.start(), "Res.", "Resolution"))
        if not match.group("edition"):
            continue
        found = _meeting(doc, match.group("place").strip(), int(match.group("year")))
        if not found:
            continue
        body, meeting = found
        end = column + match.end("edition") - match.start()
        if body != "wtsa":
            if match.group("bodyname") != body:
                yield Hit(line, end, f"Resolution {match.group('number')} "
                          f"({meeting.place}, {meeting.year}) is of the {body}",
                          f"add 'of the {body}' after the edition")
            continue
        if match.group("bodyname") == "assembly" and meeting.edition != doc.res.assembly:
            yield Hit(line, end, f"'of this assembly' in a text of {doc.res.assembly} for a "
                      f"text of {meeting.short}",
                      f"write 'WTSA Resolution {match.group('number')} (...)'")
        elif not match.group("wtsa") and match.group("bodyname") not in (
                "World Telecommunication Standardization Assembly", "assembly"):
            at = column + match.start("word") - match.start()
            yield Hit(line, at, f"a WTSA Resolution is cited as 'WTSA Resolution "
                      f"{match.group('number')} (...)'", "add 'WTSA ' before 'Resolution'",
                      Fix(line, at, "", "WTSA "), severity=Severity.WARNING)


@check("cited-text-current", severity=Severity.WARNING)
def cited_text_current(doc: Doc) -> Iterator[Hit]:
    """A cited WTSA Resolution is in force, in the edition cited."""
    current = doc.ref.assembly
    for line, column, match in _citations(doc):
        if not match.group("edition") or match.group("number") == str(doc.res.number):
            continue
        number, place, year = int(match.group("number")), match.group("place").strip(), \
            int(match.group("year"))
        found = _meeting(doc, place, year)
        if found is None or found[0] != "wtsa":
            continue
        if number in doc.ref.texts.suppressed:
            yield Hit(line, column, f"Resolution {number} was suppressed "
                      f"({doc.ref.texts.suppressed[number]})", "remove or replace the citation",
                      severity=Severity.ERROR)
            continue
        in_force = doc.ref.in_force.get(number)
        if in_force is None:
            continue
        latest = in_force.editions[-1]
        if current is not None and (place, year) == (current.place, current.year):
            continue  # revised at this assembly too
        if f"{place}, {year}" != latest:
            rev = "Rev. " if len(in_force.editions) > 1 else ""
            yield Hit(line, column, f"Resolution {number} is cited in its {place}, {year} "
                      f"edition; the text in force is ({rev}{latest})",
                      f"Resolution {number} ({rev}{latest})")


RECOMMENDATION_OLD = re.compile(r"ITU-T Recommendation (?P<id>[A-Z]\.\d[\w.]*)")
RECOMMENDATION_ABBR = re.compile(r"\bRec\. ITU-T\b")
RECOMMENDATION_BARE = re.compile(r"\bRecommendations? (?P<id>[A-Z]\.\d+[\w.]*)")


@check("recommendation-citation-form", fixable=True)
def recommendation_citation_form(doc: Doc) -> Iterator[Hit]:
    """'Recommendation ITU-T A.1', not 'ITU-T Recommendation A.1', 'Rec.' or 'A.1' alone."""
    for line, text in _body_lines(doc):
        for match in RECOMMENDATION_OLD.finditer(text):
            want = f"Recommendation ITU-T {match.group('id')}"
            yield Hit(line, match.start() + 1, f"'{match.group()}' is written '{want}'", want,
                      Fix(line, match.start() + 1, match.group(), want))
        for match in RECOMMENDATION_ABBR.finditer(text):
            yield Hit(line, match.start() + 1, "'Rec.' for Recommendation",
                      "Recommendation ITU-T", Fix(line, match.start() + 1, "Rec.", "Recommendation"))
        for match in RECOMMENDATION_BARE.finditer(text):
            if text[:match.start()].endswith("ITU-T "):
                continue  # the old form, said above
            at = match.start("id") + 1
            yield Hit(line, at, f"Recommendation {match.group('id')} without its Sector",
                      f"Recommendation ITU-T {match.group('id')}", Fix(line, at, "", "ITU-T "))


# --- cross-references -----------------------------------------------------------------

@check("italic-cross-reference", fixable=True)
def italic_cross_reference(doc: Doc) -> Iterator[Hit]:
    """*resolves 2*, in italics; no 'above' or 'below'."""
    pattern = _calls_pattern(_calls(doc))
    for line, text in _body_lines(doc):
        for match in pattern.finditer(text):
            if _in_italics(text, match.start()):
                continue
            yield Hit(line, match.start() + 1, f"cross-reference '{match.group()}' is not in italics",
                      f"*{match.group()}*", Fix(line, match.start() + 1, match.group(),
                                                f"*{match.group()}*"))
        for match in re.finditer(r"\b(?:referred to|mentioned|set out|described|listed) "
                                 r"(?P<where>above|below)\b", text):
            yield Hit(line, match.start("where") + 1, f"'{match.group('where')}' in a reference",
                      "name the call and item in italics", severity=Severity.WARNING)


def _targets(doc: Doc) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for call, items in doc.calls():
        markers = out.setdefault(doc.call_name(call), set())
        markers.update(item.marker for item in items if item.marker)
        if len(items) == 1 and not items[0].marker:
            markers.add("")
    return out


@check("cross-reference-target-exists")
def cross_reference_target(doc: Doc) -> Iterator[Hit]:
    """*considering e)* names an item that exists in this Resolution."""
    pattern = _italic_reference(_calls(doc))
    targets = _targets(doc)
    for line, text in _body_lines(doc):
        for match in pattern.finditer(text):
            if match.group("external"):
                continue
            call, marker = match.group("call"), match.group("marker")
            if call not in targets:
                yield Hit(line, match.start() + 1, f"*{call} {marker}*: this Resolution has no "
                          f"*{call}*")
            elif marker not in targets[call]:
                known = ", ".join(sorted(targets[call] - {""}, key=lambda m: (len(m), m)))
                yield Hit(line, match.start() + 1, f"*{call} {marker}*: no item {marker} under "
                          f"*{call}*", f"items: {known}" if known else "")


@check("external-reference-has-edition")
def external_reference_edition(doc: Doc) -> Iterator[Hit]:
    """*resolves 2* of Resolution 72 (Rev. Busan, 2014): the other text with its edition."""
    pattern = re.compile(r"\* (?:of|in) (?:WTSA )?Resolution[ \u00a0]+(?P<number>\d+)(?![ \u00a0]*\(|\d)")
    for line, text in _body_lines(doc):
        for match in pattern.finditer(text):
            yield Hit(line, match.start() + 3, f"reference into Resolution {match.group('number')} "
                      "without its edition", f"Resolution {match.group('number')} (Rev. Place, Year)")


# --- footnotes ------------------------------------------------------------------------

_TYPED_NOTE = re.compile(r"\^\d+\^|<sup>\s*\d+\s*</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]")


@check("word-footnotes")
def word_footnotes(doc: Doc) -> Iterator[Hit]:
    """Footnotes are real notes ([^label]), not typed superscript numbers."""
    for line, text in _body_lines(doc):
        for match in _TYPED_NOTE.finditer(text):
            yield Hit(line, match.start() + 1, f"footnote number typed as '{match.group()}'",
                      "use a footnote: [^label] in the text and '[^label]: text' below")


@check("footnote-ends-with-full-stop", fixable=True)
def footnote_full_stop(doc: Doc) -> Iterator[Hit]:
    for note in doc.res.footnotes:
        label = note.split("]", 1)[0] + "]:"
        first = next((n for n, text in _body_lines(doc) if text.startswith(label)), None)
        if first is None:
            continue
        last = first
        while last < len(doc.lines) and doc.line(last + 1).strip() and \
                not doc.line(last + 1).startswith("[^"):
            last += 1
        text = doc.line(last).rstrip()
        if text.endswith((".", ".)", ".”", '."', "?", "!")):
            continue
        yield Hit(last, len(text), "a footnote ends without a full stop", "end it with '.'",
                  Fix(last, len(text) + 1, "", "."))


# --- annexes --------------------------------------------------------------------------

def _roman(number: int) -> str:
    out = ""
    for value, digits in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + digits, number - value
    return out


def _parts(doc: Doc):
    return [b for b in doc.res.blocks if b.kind in (BlockKind.ANNEX, BlockKind.APPENDIX)]


@check("annex-lettering")
def annex_lettering(doc: Doc) -> Iterator[Hit]:
    """Annexes A, B, C; appendices I, II, III; in the order the body first cites them."""
    counts = {BlockKind.ANNEX: 0, BlockKind.APPENDIX: 0}
    for block in _parts(doc):
        counts[block.kind] += 1
        n = counts[block.kind]
        want = chr(ord("A") + n - 1) if block.kind == BlockKind.ANNEX else _roman(n)
        if block.marker != want:
            yield Hit(block.line, 1, f"{block.text.title()} {block.marker} should be "
                      f"{block.text.title()} {want}", f"{block.text.title()} {want}")
    found = _parts(doc)
    first = found[0].line if found else len(doc.lines) + 1
    body_text = "\n".join(doc.line(n) for n in range(1, first))
    for kind in (BlockKind.ANNEX, BlockKind.APPENDIX):
        parts = [b for b in found if b.kind == kind]
        word = "Annex" if kind == BlockKind.ANNEX else "Appendix"
        mentions = [(body_text.find(f"{word} {b.marker}"), b) for b in parts]
        mentioned = [(at, b) for at, b in mentions if at >= 0]
        if [b.marker for _, b in sorted(mentioned, key=lambda m: m[0])] != \
                [b.marker for _, b in mentioned]:
            first = sorted(mentioned, key=lambda m: m[0])[0][1]
            yield Hit(first.line, 1, f"{word}es are not in the order the body cites them"
                      if word == "Annex" else f"{word}s are not in the order the body cites them",
                      severity=Severity.WARNING)


@check("annex-referenced")
def annex_referenced(doc: Doc) -> Iterator[Hit]:
    """The body refers to every annex and appendix."""
    parts = _parts(doc)
    if not parts:
        return
    body = "\n".join(doc.line(n) for n in range(1, parts[0].line))
    for block in parts:
        word = "Annex" if block.kind == BlockKind.ANNEX else "Appendix"
        if not re.search(rf"\b{word}[ \u00a0]{re.escape(block.marker)}\b", body):
            yield Hit(block.line, 1, f"the body never refers to {word} {block.marker}",
                      f"refer to {word} {block.marker} where the body relies on it")


# --- language -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _plain(text: str) -> str:
    return re.sub(r"\[\^[^\]]+\]|[*_]", "", text)


@check("long-sentence", severity=Severity.WARNING)
def long_sentence(doc: Doc) -> Iterator[Hit]:
    config = doc.ref.config
    for block in doc.res.blocks:
        if block.kind not in (BlockKind.ITEM, BlockKind.PARA, BlockKind.CLAUSE, BlockKind.ENUM,
                              BlockKind.NOTE):
            continue
        text = _plain(block.text)
        words = len(text.split())
        if block.kind == BlockKind.ITEM and words > config.max_item_words:
            yield Hit(block.line, 1, f"item of {words} words (more than "
                      f"{config.max_item_words})", "split it into items, one provision each")
            continue
        for sentence in _SENTENCE_END.split(text):
            count = len(sentence.split())
            if count > config.max_sentence_words:
                line, column = doc.locate(block, sentence.split()[0])
                yield Hit(line, column, f"sentence of {count} words (more than "
                          f"{config.max_sentence_words})", "split it")


GENDERED = [(re.compile(r"\b(vice-)?(chair)(?:man|woman|men|women)\b", re.I), None),
            (re.compile(r"\b(?:he or she|she or he|he/she|s/he|his or her|her or his|"
                        r"him or her|himself or herself)\b", re.I), None)]


@check("gendered-terms", fixable=True)
def gendered_terms(doc: Doc) -> Iterator[Hit]:
    chair, pronouns = GENDERED[0][0], GENDERED[1][0]
    for line, text in _body_lines(doc):
        for match in chair.finditer(text):
            plural = match.group().lower().endswith("men")
            want = match.group()[:match.end(2) - match.start()] + ("s" if plural else "")
            yield Hit(line, match.start() + 1, f"'{match.group()}'", f"'{want}'",
                      Fix(line, match.start() + 1, match.group(), want))
        for match in pronouns.finditer(text):
            yield Hit(line, match.start() + 1, f"'{match.group()}'",
                      "repeat the title of the post instead of a pronoun")


#: spellings of ITU English: the wrong stem -> the right one (suffixes follow)
SPELLING = {"organis": "organiz", "standardis": "standardiz", "recognis": "recogniz",
            "harmonis": "harmoniz", "prioritis": "prioritiz", "utilis": "utiliz",
            "summaris": "summariz", "finalis": "finaliz", "emphasis": "emphasiz",
            "realis": "realiz", "minimis": "minimiz", "maximis": "maximiz",
            "authoris": "authoriz", "characteris": "characteriz", "centers": "centres",
            "center": "centre", "behavior": "behaviour", "favor": "favour", "labor": "labour",
            "color": "colour", "honor": "honour", "endeavor": "endeavour", "catalog": "catalogue",
            "analyz": "analys", "defense": "defence", "program": "programme"}
_SPELLING = re.compile(r"\b(?P<stem>" + "|".join(sorted(SPELLING, key=len, reverse=True))
                       + r")(?P<rest>[a-z]*)\b", re.I)
#: stems whose wrong form is only wrong with these endings (emphasis is a noun)
_ENDINGS = {"emphasis": ("e", "es", "ed", "ing"), "program": ("", "s"),
            "catalog": ("", "s"), "center": ("", "ed"), "centers": ("",)}


@check("itu-spelling", severity=Severity.WARNING, fixable=True)
def itu_spelling(doc: Doc) -> Iterator[Hit]:
    for line, text in _body_lines(doc):
        for match in _SPELLING.finditer(text):
            stem, rest = match.group("stem"), match.group("rest")
            key = stem.lower()
            if key in _ENDINGS and rest.lower() not in _ENDINGS[key]:
                continue
            if key == "program" and re.search(r"\bcomputer $", text[:match.start()], re.I):
                continue
            if key.endswith("is") and not rest[:1] in ("e", "i", "a"):
                continue  # 'emphasis', 'analysis'...: only -ise, -ised, -ising, -isation
            if key in ("favor", "labor", "color", "honor", "endeavor") and rest not in (
                    "", "s", "ed", "ing", "able"):
                continue
            right = SPELLING[key]
            if key == "program" and rest == "s":
                right, rest = "programmes", ""
            want = (right[0].upper() + right[1:] if stem[0].isupper() else right) + rest
            yield Hit(line, match.start() + 1, f"'{match.group()}' in ITU English is '{want}'",
                      f"'{want}'", Fix(line, match.start() + 1, match.group(), want))


_ROMAN_ONLY = re.compile(r"^[IVXLC]+$")


@check("abbreviation-expanded", severity=Severity.WARNING)
def abbreviation_expanded(doc: Doc) -> Iterator[Hit]:
    """An abbreviation first appears in parentheses after the words it stands for."""
    known = set(doc.ref.config.known_abbreviations)
    seen: set[str] = set()
    calls = {b.line for b in doc.res.blocks if b.kind == BlockKind.CALL}
    for line, text in _body_lines(doc):
        if line in calls or text.lstrip().startswith("#") or _shouting(text):
            continue
        for match in re.finditer(r"(?<![\w-])[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Z0-9]+)*"
                                 r"(?![\w-])", text):
            token = match.group()
            if token.endswith("s") and (token[:-1] in seen or token[:-1] in known):
                continue  # a plural: 'WTSAs' after 'WTSA'
            if token in seen or token in known or _ROMAN_ONLY.match(token) or \
                    SHORT_NAME.fullmatch(text[match.start():match.end() + 5].split()[0]
                                         .rstrip(",;.)")) or \
                    sum(c.isupper() for c in token) < 2 or not token[1:2].isupper() and \
                    not token[1:2].isdigit() and sum(c.islower() for c in token) > 1:
                continue
            before, after = text[:match.start()], text[match.end():]
            if _capitals_run(token, before, after):
                continue  # NOTE 3 – CHAIRMAN'S REQUEST: words in capitals, not abbreviations
            seen.add(token)
            if after.startswith(")") and before.rfind("(") > before.rfind(")"):
                continue  # spelled out: 'the Bureau (TSB)', '(traditional approval process, TAP)'
            if _in_citation(text, match.start()):
                continue
            yield Hit(line, match.start() + 1, f"'{token}' is used before it is spelled out",
                      f"write the words in full, then ({token}), at its first use")


def _capitals_run(token: str, before: str, after: str) -> bool:
    """*token* is a word typed in capitals: six letters or more, or next to such a word."""
    def shouted(word: str) -> bool:
        word = word.strip("'’:;,.()").removesuffix("'S").removesuffix("’S")
        return len(word) >= 5 and word.isalpha() and word.isupper()
    neighbours = before.split()[-1:] + after.split()[:1]
    return shouted(token) or any(shouted(word) for word in neighbours)


def _in_citation(text: str, position: int) -> bool:
    """'WTSA Resolution', 'ITU-T X.509': an abbreviation that is part of a citation."""
    return bool(re.match(r"WTSA Resolutions? ", text[position:]))


TERMS = ["Member States", "Sector Members", "Secretary-General", "Plenipotentiary Conference",
         "Telecommunication Standardization Bureau",
         "Telecommunication Standardization Advisory Group"]
_TERMS = re.compile("|".join(re.escape(t) for t in TERMS), re.I)


@check("term-consistency", severity=Severity.WARNING, fixable=True)
def term_consistency(doc: Doc) -> Iterator[Hit]:
    """Terms of the basic texts keep their capitals: Member States, Sector Members..."""
    lookup = {t.lower(): t for t in TERMS}
    for line, text in _body_lines(doc):
        if _shouting(text):
            continue
        for match in _TERMS.finditer(text):
            want = lookup[match.group().lower()]
            if match.group() != want and not match.group().isupper():
                yield Hit(line, match.start() + 1, f"'{match.group()}' is written '{want}'",
                          f"'{want}'", Fix(line, match.start() + 1, match.group(), want))


LATIN = {"inter alia", "ad hoc", "i.e.", "e.g.", "et al.", "mutatis mutandis", "per se",
         "de facto", "vice versa"}


@check("no-direct-formatting")
def no_direct_formatting(doc: Doc) -> Iterator[Hit]:
    """No bold, underline or strike-through; italic only for calls and references to them."""
    calls = set(_calls(doc))
    xref = _calls_pattern(_calls(doc))
    call_lines = {b.line for b in doc.res.blocks if b.kind == BlockKind.CALL}
    for line, text in _body_lines(doc):
        for match in re.finditer(r"\*\*[^*]+\*\*|__[^_]+__|\[[^\]]*\]\{\.underline\}|<u>|~~",
                                 text):
            if match.start() == len(text) - len(text.lstrip()) and \
                    text[match.end():].startswith(":"):
                continue  # a defined term: bold at the head of its definition
            yield Hit(line, match.start() + 1, f"direct formatting '{match.group()[:20]}'",
                      "formatting comes from the ITU styles")
        for match in re.finditer(r"(?<![*\w])\*(?P<inner>[^*\s][^*]*?)\*(?![*\w])", text):
            inner = " ".join(match.group("inner").split())
            if inner in calls or xref.fullmatch(inner) or inner.lower() in LATIN or \
                    line in call_lines or re.fullmatch(_MARKER, inner):
                continue
            if any(inner.startswith(call + " ") for call in calls):
                continue  # *resolves 2 and 3*, *instructs ... 1 to 3*
            yield Hit(line, match.start() + 1, f"italic '{inner[:30]}' is neither a call nor a "
                      "reference to one", "remove the italics", severity=Severity.WARNING)


# --- dates and editions ---------------------------------------------------------------

@check("number-line-format")
def number_line_format(doc: Doc) -> Iterator[Hit]:
    """Editions are 'Place, Year': the number line adds 'Rev.' itself."""
    for edition in doc.res.editions:
        if re.search(r"\b[Rr]ev\b|[()]|\bWTSA\b", edition):
            line, column = _front_line(doc, edition)
            yield Hit(line, column, f"edition '{edition}': write only 'Place, Year'",
                      "the number line adds 'Rev.' and the parentheses")


@check("history-chronological")
def history_chronological(doc: Doc) -> Iterator[Hit]:
    """Editions oldest first, each once, ending with the current edition."""
    years = []
    for edition in doc.res.editions:
        match = re.search(r"(\d{4})$", edition)
        years.append(int(match.group(1)) if match else 0)
    for index in range(1, len(years)):
        if years[index] <= years[index - 1]:
            line, column = _front_line(doc, doc.res.editions[index])
            yield Hit(line, column, f"edition '{doc.res.editions[index]}' after "
                      f"'{doc.res.editions[index - 1]}'", "list editions oldest first, each once")


def _edition_hits(doc: Doc, edition: str, what: str) -> Iterator[Hit]:
    texts = doc.ref.texts
    if not texts.assemblies:
        return
    match = re.fullmatch(r"(?:Rev\.\s*)?(?P<place>.+), (?P<year>\d{4})", edition)
    if not match:
        return
    place, year = match.group("place"), int(match.group("year"))
    if any(m.place == place and m.year == year for m in texts.assemblies):
        return
    line, column = _front_line(doc, edition)
    same_year = texts.assembly_by_year(year)
    if same_year:
        yield Hit(line, column, f"{what} '{edition}': the assembly of {year} met in "
                  f"{same_year.place}", f"'{same_year.edition}'",
                  Fix(line, column, edition, same_year.edition))
    else:
        nearest = min(texts.assemblies, key=lambda m: abs(m.year - year))
        yield Hit(line, column, f"{what} '{edition}': no assembly met in {place}, {year}",
                  f"'{nearest.edition}' ({nearest.short})?")


@check("edition-year-matches-assembly", fixable=True)
def edition_year(doc: Doc) -> Iterator[Hit]:
    for edition in doc.res.editions:
        yield from _edition_hits(doc, edition, "edition")


@check("opening-line-comma")
def opening_line(doc: Doc) -> Iterator[Hit]:
    """The opening line names an assembly that met: the front matter's 'assembly'."""
    if doc.res.assembly != doc.res.editions[-1]:
        yield from _edition_hits(doc, doc.res.assembly, "assembly")


_DATE_PATTERNS = [
    (re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th) (?:of )?(?P<month>{_MONTH})"
                rf"(?:,? (?P<year>\d{{4}}))?"), "ordinal"),
    (re.compile(rf"\b(?P<month>{_MONTH}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?, (?P<year>\d{{4}})"),
     "month first"),
    (re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTH}), (?P<year>\d{{4}})"), "comma"),
    (re.compile(r"\b(?P<day>\d{1,2}) (?P<month>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
                r"\.? (?P<year>\d{4})"), "abbreviated"),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"), "numeric"),
]


@check("date-format", fixable=True)
def date_format(doc: Doc) -> Iterator[Hit]:
    """15 October 2024: day, month in full, year; no ordinals, no commas."""
    for line, text in _body_lines(doc):
        for pattern, kind in _DATE_PATTERNS:
            for match in pattern.finditer(text):
                if kind == "numeric":
                    yield Hit(line, match.start() + 1, f"date '{match.group()}' in figures",
                              "write it as 15 October 2024")
                    continue
                month = match.group("month")
                if kind == "abbreviated":
                    month = next(m for m in MONTHS if m.startswith(month[:3]))
                want = f"{int(match.group('day'))} {month}" + (
                    f" {match.group('year')}" if match.group("year") else "")
                yield Hit(line, match.start() + 1, f"date '{match.group()}' is written '{want}'",
                          f"'{want}'", Fix(line, match.start() + 1, match.group(), want))


SHORT_NAME = re.compile(r"\b(?P<short>(?:WTSA|WTSC|PP|WTDC|WRC|RA|WTPF|WCIT)-\d{2,4})\b")


@check("no-short-assembly-names", fixable=True)
def no_short_names(doc: Doc) -> Iterator[Hit]:
    """'the World Telecommunication Standardization Assembly (New Delhi, 2024)', not WTSA-24."""
    names = doc.ref.texts.short_names()
    for line, text in _body_lines(doc):
        for match in SHORT_NAME.finditer(text):
            short = match.group("short")
            if short not in names:
                yield Hit(line, match.start() + 1, f"short name '{short}' in the text",
                          "name the assembly or conference with its place and year")
                continue
            body, meeting = names[short]
            body = body or doc.ref.conventions.body
            the = "" if text[:match.start()].endswith(("the ", "The ")) else "the "
            want = f"{the}{body} ({meeting.place}, {meeting.year})"
            yield Hit(line, match.start() + 1, f"short name '{short}' in the text", f"'{want}'",
                      Fix(line, match.start() + 1, short, want))
