"""A synthetic corpus for the checker's benchmark: *count* Resolution sources that
``load_resolution`` reads, about 450 words each, some sharing paragraphs.

Every word is invented here from a small telecom-standardization vocabulary; no text
comes from an ITU document. Each Resolution has a topic (a qualifier and a field, and
a few terms of its own), preambular calls with lettered items, operative calls with
numbered items, and one Resolution in four has a section of clauses or an annex. So
that overlaps exist, a few Resolutions repeat a paragraph of another with a word or two
changed, and a few pairs are near-twins (the pairs a merger would join). The same
*count* and *seed* write the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

QUALIFIERS = ["adaptive", "federated", "low-latency", "photonic", "sovereign", "resilient",
              "programmable", "quantum-safe", "green", "converged", "autonomous", "open",
              "multilingual", "interoperable", "trusted", "sub-terahertz", "neutral-host",
              "cooperative", "lightweight", "distributed", "verifiable", "inclusive",
              "self-healing", "intent-based"]
#: A field is a head and a tail: 400 fields, so few Resolutions share one.
FIELD_HEADS = ["metro", "satellite", "submarine", "rural", "vehicle", "home", "campus",
               "maritime", "railway", "aeronautical", "industrial", "medical", "agricultural",
               "broadcast", "public-safety", "data-centre", "municipal", "tactile", "wearable",
               "drone"]
FIELD_TAILS = ["backhaul", "numbering", "roaming", "metering", "slicing", "messaging", "timing",
               "caching", "alerting", "identity", "telemetry", "switching", "tariffs",
               "archiving", "positioning", "signalling", "charging", "peering", "provisioning",
               "spectrum sharing"]
TERMS = ["beacon", "ledger", "codebook", "gateway", "profile", "registry", "handshake",
         "manifest", "probe", "testbed", "overlay", "cipher", "descriptor", "waveform",
         "scheduler", "repository", "taxonomy", "checkpoint", "catalogue", "interface",
         "sandbox", "dashboard", "baseline", "template", "vocabulary", "benchmark",
         "corridor", "exchange", "clearinghouse", "observatory", "toolkit", "workbench",
         "certificate", "heartbeat", "topology", "inventory", "fingerprint", "watermark",
         "timestamp", "locator", "dictionary", "playbook", "scorecard", "roadmap", "blueprint",
         "handbook", "simulator", "emulator", "transponder", "modulator", "antenna", "splitter",
         "multiplexer", "firmware", "middleware", "orchestrator", "broker", "relay", "mailbox",
         "queue", "counter", "threshold"]
ACTORS = ["study groups", "the advisory group", "regional groups", "rapporteurs",
          "focus groups", "editors of Recommendations", "the secretariat", "test laboratories",
          "operators", "vendors", "administrations", "academic members"]
VERBS = ["document", "compare", "align", "publish", "review", "measure", "catalogue",
         "harmonize", "validate", "simplify", "maintain", "coordinate", "survey", "update"]
FINDINGS = ["differ from one region to another", "are described in several incompatible ways",
            "are seldom tested before deployment", "depend on a small number of suppliers",
            "are costly to maintain in developing countries", "change faster than the texts",
            "are not yet covered by any Recommendation", "are hard to find for newcomers",
            "raise questions of energy use", "need trained staff in each administration"]
TAILS = ["within the available resources", "in close cooperation with the other Sectors",
         "taking into account the needs of developing countries", "before the next assembly",
         "in a form that can be reused by other bodies", "with the help of the secretariat",
         "using contributions from the membership", "in each of the six official languages"]
PLACES = ["Johannesburg, 2008", "Dubai, 2012", "Hammamet, 2016", "Geneva, 2022"]
PREAMBULAR = ["considering", "considering further", "recognizing", "noting", "bearing in mind",
              "observing", "convinced"]
OPERATIVE = ["instructs the Director of the Telecommunication Standardization Bureau",
             "instructs study groups", "invites Member States and Sector Members",
             "encourages Sector Members", "invites regional telecommunication organizations"]
#: The first number of the generated Resolutions, far from the examples' 901-907.
FIRST = 3001


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("ch", "sh", "x", "s")) else "s")


#: Sentence shapes; each {slot} is filled by the _Writer method of that name.
PREAMBLES = [
    "that {thing} {finding}, and that {actors} have offered to {verb} {thing} {tail}",
    "that the work on {thing} in {region} has shown that {thing} {finding}",
    "that {count} administrations reported, in replies to a survey on {field}, that {thing} "
    "{finding}",
    "that {thing} and {thing} are often deployed together, which {effect}",
    "that the cost of {gerund} {thing} falls sharply once {actors} share {thing}",
    "that {actors} have published guidance on {thing}, but that {thing} {finding}",
    "the growing use of {thing} for {purpose}, in particular in {region}",
    "that a common {term} would let {actors} {verb} {thing} {tail}",
    "that earlier work of {actors} on {field} left open how {thing} should be {done}",
    "that {thing} {finding} unless {actors} {verb} {thing} at an early stage",
]
DECISIONS = [
    "that {actors} shall {verb} {thing} and {verb} {thing}, {tail}",
    "that {thing} developed in ITU-T shall be {done} {tail}",
    "that the {term} for {field} shall be kept by {actors}, who {verb} it {frequency}",
    "to give priority, in the work on {field}, to {thing} that serve {purpose}",
    "that {actors} should consult {actors} before they {verb} {thing}",
    "that any new work item on {thing} identifies the {term} it relies on and the {thing} it "
    "affects",
]
TASKS = [
    "to {verb} {thing} together with {actors}, and to report on the {field} {term} {tail}",
    "to organize, {tail}, a workshop on {thing} for {actors} from {region}",
    "to keep the {term} of {thing} up to date and to make it available {frequency}",
    "to study how {thing} could be {done} and to submit proposals to {actors}",
    "to share with {actors} their experience of {gerund} {thing} in {region}",
    "to contribute to the {term} on {field}, in particular on {thing}",
    "to take {thing} into account when they {verb} {thing} {tail}",
    "to assist {region} in {gerund} {thing}, {tail}",
]
#: What may follow an item, so that two items of the same shape seldom read alike.
EXTENSIONS = [
    ", which {effect}", ", in particular for {purpose}", ", as {actors} in {region} have noted",
    ", with attention to {thing}", ", where {thing} {finding}", ", drawing on {thing}",
    ", relying on the {term} kept by {actors}", ", {frequency}",
]
CLAUSES = [
    "The {term} for {field} lists {thing}; {actors} {verb} it {frequency}.",
    "Each entry gives the {term} concerned, the {thing} it covers and the body that keeps it.",
    "Where {thing} {finding}, {actors} record the reasons and {verb} {thing} {tail}.",
    "A {term} is withdrawn only after {actors} have been consulted on {thing}.",
    "{actors_cap} may propose changes to {thing} at any time; the changes are {done} {tail}.",
]
REGIONS = ["small island developing states", "landlocked developing countries",
           "least developed countries", "mountainous regions", "coastal cities",
           "sparsely populated areas", "fast-growing urban areas", "border regions"]
EFFECTS = ["doubles the work of the editors", "makes faults harder to locate",
           "calls for joint work between study groups", "slows the approval of new texts",
           "leaves smaller operators at a disadvantage", "opens new markets to local suppliers"]
PURPOSES = ["public safety", "universal service", "the protection of consumers",
            "the reduction of energy use", "the recovery from disasters", "fair competition",
            "the inclusion of persons with disabilities", "the reuse of existing equipment"]
DONE = ["tested", "published", "harmonized", "reviewed", "translated", "registered",
        "validated", "simplified"]
FREQUENCIES = ["once a year", "at each of its meetings", "every two years",
               "whenever a Recommendation is revised", "before each assembly"]
GERUNDS = ["deploying", "testing", "maintaining", "procuring", "documenting", "certifying",
           "operating", "retiring"]


class _Writer:
    """The sentences of one Resolution, drawn from its topic."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.qualifier = rng.choice(QUALIFIERS)
        self.field_name = f"{rng.choice(FIELD_HEADS)} {rng.choice(FIELD_TAILS)}"
        self.terms = rng.sample(TERMS, 4)
        #: the name of the Resolution's own system, as real texts name theirs
        self.acronym = "".join(rng.choice("ABCDEFGHKLMNPRSTVWXZ") for _ in range(3)) + \
            f"-{rng.randint(2, 9)}"
        # each Resolution speaks its own part of the common vocabulary, as real texts do
        self.pools = {name: rng.sample(pool, max(2, len(pool) * 2 // 5)) for name, pool in (
            ("ACTORS", ACTORS), ("VERBS", VERBS), ("FINDINGS", FINDINGS), ("TAILS", TAILS),
            ("REGIONS", REGIONS), ("EFFECTS", EFFECTS), ("PURPOSES", PURPOSES), ("DONE", DONE),
            ("FREQUENCIES", FREQUENCIES), ("GERUNDS", GERUNDS), ("EXTENSIONS", EXTENSIONS),
            ("PREAMBLES", PREAMBLES), ("DECISIONS", DECISIONS), ("TASKS", TASKS))}

    def fill(self, shapes: list[str], extend: bool = True) -> str:
        shape = self.rng.choice(shapes)
        for _ in range(2 if extend else 0):
            if self.rng.random() < 0.45:
                shape += self.rng.choice(self.pools['EXTENSIONS'])
        out = []
        for index, part in enumerate(shape.split("{")):
            if index == 0:
                out.append(part)
                continue
            slot, _, rest = part.partition("}")
            out.append(getattr(self, slot)() + rest)
        return "".join(out)

    def thing(self) -> str:
        rng = self.rng
        shape = rng.randrange(6)
        if shape == 4:
            return f"the {self.acronym} {rng.choice(self.terms)}"
        if shape == 5:
            return f"{self.acronym} {_plural(rng.choice(self.terms))}"
        if shape == 0:
            return f"{self.qualifier} {self.field_name} {_plural(rng.choice(self.terms))}"
        if shape == 1:
            return f"the {_plural(rng.choice(self.terms))} used for {self.field_name}"
        if shape == 2:
            return f"{rng.choice(QUALIFIERS)} {_plural(rng.choice(self.terms))}"
        return f"{_plural(rng.choice(self.terms))} of {rng.choice(QUALIFIERS)} {self.field_name}"

    def field(self) -> str:
        return self.field_name

    def term(self) -> str:
        return self.rng.choice(self.terms)

    def actors(self) -> str:
        return self.rng.choice(self.pools['ACTORS'])

    def actors_cap(self) -> str:
        return self.actors().capitalize()

    def verb(self) -> str:
        return self.rng.choice(self.pools['VERBS'])

    def finding(self) -> str:
        return self.rng.choice(self.pools['FINDINGS'])

    def tail(self) -> str:
        return self.rng.choice(self.pools['TAILS'])

    def region(self) -> str:
        return self.rng.choice(self.pools['REGIONS'])

    def count(self) -> str:
        return str(self.rng.randint(12, 97))

    def effect(self) -> str:
        return self.rng.choice(self.pools['EFFECTS'])

    def purpose(self) -> str:
        return self.rng.choice(self.pools['PURPOSES'])

    def done(self) -> str:
        return self.rng.choice(self.pools['DONE'])

    def frequency(self) -> str:
        return self.rng.choice(self.pools['FREQUENCIES'])

    def gerund(self) -> str:
        return self.rng.choice(self.pools['GERUNDS'])

    def preamble(self) -> str:
        return self.fill(self.pools["PREAMBLES"])

    def decision(self) -> str:
        return self.fill(self.pools["DECISIONS"])

    def task(self) -> str:
        return self.fill(self.pools["TASKS"])

    def clause(self) -> str:
        return self.fill(CLAUSES, extend=False)


def _items(call: str, texts: list[str], operative: bool, last: bool) -> list[str]:
    """The paragraphs of one call: its name, then its items marked and punctuated."""
    out = [f"*{call}*", ""]
    for index, text in enumerate(texts):
        if len(texts) == 1:
            marker = ""
        elif operative:
            marker = f"{index + 1} "
        else:
            marker = f"{chr(ord('a') + index)}) "
        end = ";" if index < len(texts) - 1 else ("." if last else ",")
        out += [f"{marker}{text}{end}", ""]
    return out


def _body(rng: random.Random, writer: _Writer) -> list[str]:
    preambular = ["considering"] + sorted(rng.sample(PREAMBULAR[1:], rng.randint(1, 3)),
                                          key=PREAMBULAR.index)
    operative = ["resolves"] + sorted(rng.sample(OPERATIVE, rng.randint(1, 3)),
                                      key=OPERATIVE.index)
    lines: list[str] = []
    for call in preambular:
        lines += _items(call, [writer.preamble() for _ in range(rng.randint(1, 4))], False, False)
    for position, call in enumerate(operative):
        make = writer.decision if call == "resolves" else writer.task
        lines += _items(call, [make() for _ in range(rng.randint(1, 4))], True,
                        position == len(operative) - 1)
    if rng.random() < 0.25:
        kind = rng.choice(["Section 1: Arrangements", "Annex A: Working arrangements"])
        prefix = "1" if kind.startswith("Section") else "A"
        lines += [f"# {kind} for {writer.field_name}", ""]
        for index in range(rng.randint(2, 4)):
            lines += [f"{prefix}.{index + 1} {writer.clause()}", ""]
    return lines


def _front(number: int, rng: random.Random, writer: _Writer) -> list[str]:
    editions = PLACES[rng.randrange(len(PLACES)):]
    title = (f"{writer.qualifier.capitalize()} {writer.field_name} and their "
             f"{_plural(writer.terms[0])}")
    return (["---", f"number: {number}", f"title: {title}", "editions:"]
            + [f"  - {edition}" for edition in editions]
            + ["status: in-force", "history_notes:",
               "  - A generated Resolution for the checker's benchmark; not an ITU text.",
               "---", ""])


def _nudge(rng: random.Random, text: str, changes: int) -> str:
    """*text* with *changes* of its inner words replaced (a repeat that is not exact)."""
    words = text.split(" ")
    for _ in range(changes):
        index = rng.randrange(2, len(words) - 2)
        if words[index].isalpha():
            words[index] = rng.choice(VERBS + TERMS)
    return " ".join(words)


def _share(rng: random.Random, bodies: list[list[str]]) -> None:
    """Plant repeats: a paragraph of one Resolution copied, nudged, into another, and a
    few near-twins that repeat half the items of another Resolution."""
    count = len(bodies)
    if count < 2:
        return
    for _ in range(max(1, count // 8)):
        source, target = rng.sample(range(count), 2)
        _copy_items(rng, bodies[source], bodies[target], 1)
    for _ in range(max(1, count // 30)):
        source, target = rng.sample(range(count), 2)
        _copy_items(rng, bodies[source], bodies[target], 6)


def _copy_items(rng: random.Random, source: list[str], target: list[str], how_many: int) -> None:
    def items(body: list[str]) -> list[int]:
        return [i for i, line in enumerate(body) if line.startswith(("that ", "to "))
                or (line[:1].isalpha() and line[1:3] in (") ",) or line[:2] in
                    {f"{n} " for n in range(1, 10)})]

    donors, places = items(source), items(target)
    for donor, place in zip(rng.sample(donors, min(how_many, len(donors))),
                            rng.sample(places, min(how_many, len(places)))):
        marker, text = _split_marker(source[donor])
        own_marker, own_text = _split_marker(target[place])
        if text.startswith("that ") != own_text.startswith("that "):
            continue  # a "that" item goes where a "that" item stood
        end = own_text[-1]
        target[place] = own_marker + _nudge(rng, text[:-1], rng.randint(0, 2)) + end


def _split_marker(line: str) -> tuple[str, str]:
    head, _, rest = line.partition(" ")
    if head.endswith(")") or head.isdigit():
        return head + " ", rest
    return "", line


def generate(folder: Path, count: int = 100, seed: int = 0) -> list[Path]:
    """Write *count* Resolution sources res-3001.md... into *folder*; their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    fronts, bodies = [], []
    for index in range(count):
        writer = _Writer(rng)
        fronts.append(_front(FIRST + index, rng, writer))
        bodies.append(_body(rng, writer))
    _share(rng, bodies)
    paths = []
    for index, (front, body) in enumerate(zip(fronts, bodies)):
        path = folder / f"res-{FIRST + index}.md"
        path.write_text("\n".join(front + body).rstrip("\n") + "\n", encoding="utf-8")
        paths.append(path)
    return paths
