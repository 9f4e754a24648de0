"""A table-heavy pair the size of a real ITU-T Recommendation (issue 14 §3): an OLD .docx
of about 137,000 words and 190 tables, made by repeating the bodies (paragraphs and
tables) of the English sample Recommendations in ../shared/itu-samples/, and a NEW one
with about 2,400 edits as a drafter makes them: words replaced, inserted and deleted,
sentences inserted and deleted, cells rewritten, rows and paragraphs added and removed.
Deterministic for a seed.

The samples are read from that folder at run time, never copied into the repository;
:func:`build` returns None when the folder is absent. The package of the largest sample
is the container (its styles, numbering, headers and footers kept as they are); every
copy of a body but the container's first loses what points into another part or must
be unique in the file (relationship ids, footnote references, drawings, bookmarks,
comments, section breaks), so the result stays a valid Word file.

Usage: python -m bench.recommendation_pair build FOLDER [SEED] [--identical-copies]  writes FOLDER/recommendation-{old,new}.docx
       python -m bench.recommendation_pair baseline OLD NEW OUT
           reads both files and writes one (zipfile + lxml, then python-docx open+save),
           prints JSON {zip_lxml_s, python_docx_s, seconds, peak_mb (after the zipfile
           + lxml step), python_docx_peak_mb (at the end)}.
"""

from __future__ import annotations

import copy
import io
import json
import random
import sys
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

from tests.redline.edits import movable as movable_paragraphs

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "itu-samples"
#: The English Recommendations among the samples; the first is the container.
RECOMMENDATIONS = ("T-REC-X.500-201610.docx", "T-REC-E.119-201704-E.docx",
                   "T-REC-A.12-201611.docx")
TARGET_WORDS, TARGET_TABLES = 137_000, 184  # about 193 top-level tables come out
#: Edits by kind, about 2,400 in all.
EDITS = {"word": 2000, "sentence_inserted": 150, "sentence_deleted": 120, "cell": 40,
         "row_added": 15, "row_removed": 15, "paragraph_added": 30, "paragraph_removed": 30}

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_T, W_R, W_TBL, W_TR, W_TC = (_w(t) for t in ("p", "t", "r", "tbl", "tr", "tc"))
#: Elements a copy cannot keep: they point into other parts or must be unique.
DROPPED = tuple(_w(t) for t in ("bookmarkStart", "bookmarkEnd", "commentRangeStart",
                                "commentRangeEnd", "permStart", "permEnd"))
#: Runs holding these go from a copy whole.
RUN_DROPPED = tuple(_w(t) for t in ("footnoteReference", "endnoteReference",
                                    "commentReference", "drawing", "object", "pict"))
NEW_WORDS = ("revised", "amended", "the", "Recommendation", "ITU-T", "2024", "shall",
             "notwithstanding", "service", "identifier")
NEW_SENTENCES = ("This clause was revised by Study Group 2 in 2024.",
                 "Administrations should take this into account when assigning resources.",
                 "See also the latest edition of the referenced Recommendations.",
                 "The provisions of this clause apply to all directory entries.",
                 "Further details are given in the appendix.")


def _words(body) -> int:
    """Words as bench.redline_bench counts them: the paragraph texts (tabs as spaces)
    joined and split."""
    return len(" ".join("".join(t.text or "" if t.tag == W_T else " "
                                for t in p.iter(W_T, _w("tab"))) for p in body.iter(W_P)
                        ).split())


def _sanitize(block) -> None:
    """Drop from a copy what points into another part or must be unique in the file."""
    for node in list(block.iter(*RUN_DROPPED)):
        run = next((a for a in node.iterancestors(W_R)), None)
        target = run if run is not None else node
        if target.getparent() is not None:
            target.getparent().remove(target)
    for node in list(block.iter(*DROPPED)):
        node.getparent().remove(node)
    for node in list(block.iter(_w("sectPr"))):
        node.getparent().remove(node)
    for node in list(block.iter()):
        if not any(k.startswith(f"{{{R_NS}}}") for k in node.attrib):
            continue
        parent = node.getparent()
        if parent is None:
            continue
        if node.tag == _w("hyperlink"):  # a link into the rels: keep its text, unlinked
            index = parent.index(node)
            for child in list(node):
                parent.insert(index, child)
                index += 1
        parent.remove(node)


def _vary(block, rng: random.Random, vocabulary: list) -> None:
    """Make a copy read as other text: one word in each text of four words or more
    replaced by a word of the samples. Real Recommendations repeat few paragraphs; copies
    left identical would make an alignment face eight equal candidates for each one."""
    for t in _texts(block.iter(W_T)):
        words = t.text.split(" ")
        if len(words) >= 4:
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
            _set(t, " ".join(words))


def _bodies() -> list:
    out = []
    for name in RECOMMENDATIONS:
        with zipfile.ZipFile(SAMPLES / name) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        out.append([c for c in root.find(_w("body")) if c.tag != _w("sectPr")])
    return out


def build_old(rng: random.Random, distinct: bool = True):
    """(document.xml root of OLD, words, tables): container's body with the samples'
    bodies repeated after it and extra copies of their tables spread evenly."""
    with zipfile.ZipFile(SAMPLES / RECOMMENDATIONS[0]) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    body = root.find(_w("body"))
    final_sectpr = body.find(_w("sectPr"))
    bodies = _bodies()
    pool = [copy.deepcopy(b) for blocks in bodies for b in blocks if b.tag == W_TBL]
    vocabulary = sorted({w for blocks in bodies for b in blocks for t in b.iter(W_T)
                         for w in (t.text or "").split() if w.isalpha() and len(w) > 3})
    vary = (lambda block: _vary(block, rng, vocabulary)) if distinct else (lambda block: None)
    words, tables = _words(body), len(body.findall(W_TBL))
    extra = 0
    ratio = TARGET_TABLES / TARGET_WORDS
    turn = 1  # the container's own body is already there
    while words < TARGET_WORDS:
        for block in bodies[turn % len(bodies)]:
            added = copy.deepcopy(block)
            _sanitize(added)
            vary(added)
            final_sectpr.addprevious(added)
            words += _words(added)
            tables += added.tag == W_TBL
            if added.tag == W_P and tables < words * ratio:
                table = copy.deepcopy(pool[extra % len(pool)])
                _sanitize(table)
                vary(table)
                final_sectpr.addprevious(table)
                extra += 1
                words += _words(table)
                tables += 1
            if words >= TARGET_WORDS:
                break
        turn += 1
    return root, words, tables


def _set(t, text: str) -> None:
    t.text = text
    t.set(XML_SPACE, "preserve")


def _texts(nodes) -> list:
    return [t for t in nodes if (t.text or "").strip() and t.getparent().tag == W_R]


def revise(root, rng: random.Random) -> Counter:
    """Edit the OLD document.xml *root* in place into NEW; returns the edits by kind."""
    body = root.find(_w("body"))
    done: Counter = Counter()
    # Whole paragraphs first, so later edits land on the final set of paragraphs.
    movable = movable_paragraphs(body)
    for p in rng.sample(movable, EDITS["paragraph_removed"]):
        body.remove(p)
        done["paragraph_removed"] += 1
    movable = movable_paragraphs(body)
    for _ in range(EDITS["paragraph_added"]):
        source = rng.choice(movable)
        added = copy.deepcopy(source)
        _sanitize(added)
        texts = _texts(added.iter(W_T))
        if not texts:
            continue
        _set(texts[0], rng.choice(NEW_SENTENCES) + " ")
        for t in texts[1:]:
            t.getparent().remove(t)
        rng.choice(movable).addnext(added)
        done["paragraph_added"] += 1
    tables = [t for t in body.iter(W_TBL)]
    # Rows: removed and added in tables of three rows or more, rows without merges.
    def plain(tr) -> bool:
        return (tr.find(f".//{_w('vMerge')}") is None and tr.find(f".//{_w('tblHeader')}")
                is None and bool(_texts(tr.iter(W_T))))

    for kind in ("row_removed", "row_added"):
        while done[kind] < EDITS[kind]:
            table = rng.choice(tables)
            rows = [tr for tr in table.findall(W_TR) if plain(tr)]
            if len(table.findall(W_TR)) < 3 or not rows:
                continue
            row = rng.choice(rows)
            if kind == "row_removed":
                table.remove(row)
            else:
                added = copy.deepcopy(row)
                for tc in added.findall(W_TC):
                    texts = _texts(tc.iter(W_T))
                    for i, t in enumerate(texts):
                        if i == 0:
                            _set(t, "New entry")
                        else:
                            t.getparent().remove(t)
                row.addnext(added)
            done[kind] += 1
    # Cells rewritten: the text of one cell replaced by a new wording.
    cells = [tc for tc in body.iter(W_TC) if _texts(tc.iter(W_T))]
    for tc in rng.sample(cells, EDITS["cell"]):
        texts = _texts(tc.iter(W_T))
        _set(texts[0], f"{texts[0].text.rstrip()} (amended in 2024)")
        done["cell"] += 1
    # Sentences, in the texts holding more than one.
    sentences = [t for t in _texts(body.iter(W_T)) if ". " in t.text.strip()]
    for t in rng.sample(sentences, EDITS["sentence_inserted"] + EDITS["sentence_deleted"]):
        parts = t.text.split(". ")
        k = rng.randrange(len(parts) - 1)
        if done["sentence_deleted"] < EDITS["sentence_deleted"]:
            del parts[k]
            kind = "sentence_deleted"
        else:
            parts.insert(k + 1, rng.choice(NEW_SENTENCES).rstrip("."))
            kind = "sentence_inserted"
        _set(t, ". ".join(parts))
        done[kind] += 1
    # Words replaced, inserted and deleted, spread over the text in proportion.
    texts = _texts(body.iter(W_T))
    weights = [len(t.text.split(" ")) for t in texts]
    for t in rng.choices(texts, weights=weights, k=EDITS["word"]):
        words = t.text.split(" ")
        position = rng.randrange(len(words))
        action = rng.choice(("replace", "insert", "delete"))
        if action == "replace" or len(words) < 2 and action == "delete":
            words[position] = rng.choice(NEW_WORDS)
        elif action == "insert":
            words.insert(position, rng.choice(NEW_WORDS))
        else:
            del words[position]
        _set(t, " ".join(words))
        done["word"] += 1
    return done


def _package(root, template: Path) -> bytes:
    """The container package with *root* as its word/document.xml, the rest as is."""
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def build(seed: int = 14, distinct: bool = True) -> tuple[bytes, bytes, dict] | None:
    """(OLD, NEW, facts) or None when the samples are absent; *distinct* False leaves
    the repeated copies word for word the same (a pathological case for alignment)."""
    if not all((SAMPLES / n).is_file() for n in RECOMMENDATIONS):
        return None
    rng = random.Random(seed)
    root, words, tables = build_old(rng, distinct)
    old = _package(root, SAMPLES / RECOMMENDATIONS[0])
    edits = revise(root, rng)
    new = _package(root, SAMPLES / RECOMMENDATIONS[0])
    facts = {"words": words, "tables": tables,
             "tables_all": sum(1 for _ in etree.fromstring(
                 zipfile.ZipFile(io.BytesIO(old)).read("word/document.xml")).iter(W_TBL)),
             "edits": sum(edits.values()), "edits_by_kind": dict(edits)}
    return old, new, facts


def write(folder: Path, seed: int = 14, distinct: bool = True
          ) -> tuple[Path, Path, dict] | None:
    built = build(seed, distinct)
    if built is None:
        return None
    old, new, facts = built
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "recommendation-old.docx", folder / "recommendation-new.docx"
    paths[0].write_bytes(old)
    paths[1].write_bytes(new)
    return paths[0], paths[1], facts


def baseline(old: Path, new: Path, out: Path) -> dict:
    """What merely reading both files and writing one costs: zipfile + lxml (every part
    read, both document.xml parsed, one package written), then python-docx open+save."""
    import resource
    import time

    start = time.perf_counter()
    parts = {}
    for path in (old, new):
        with zipfile.ZipFile(path) as archive:
            parts[path] = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    roots = {p: etree.fromstring(parts[p]["word/document.xml"]) for p in parts}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts[new].items():
            if name == "word/document.xml":
                data = etree.tostring(roots[new], xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            target.writestr(name, data)
    out.write_bytes(buffer.getvalue())
    zip_lxml = time.perf_counter() - start
    zip_lxml_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del parts, roots, buffer

    import docx

    start = time.perf_counter()
    for path in (old, new):
        docx.Document(str(path)).save(io.BytesIO())
    python_docx = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"zip_lxml_s": zip_lxml, "python_docx_s": python_docx, "seconds": zip_lxml,
            "peak_mb": zip_lxml_peak, "python_docx_peak_mb": peak}


def main() -> None:
    if len(sys.argv) < 3 or sys.argv[1] not in ("build", "baseline"):
        raise SystemExit("usage: python -m bench.recommendation_pair build FOLDER [SEED] "
                         "[--identical-copies] | baseline OLD NEW OUT")
    command, *args = sys.argv[1:]
    if command == "build":
        written = write(Path(args[0]), *(int(a) for a in args[1:2] if a.isdigit()),
                        distinct="--identical-copies" not in args)
        if written is None:
            print(f"skipped: {SAMPLES} is absent")
            return
        print(json.dumps({"old": str(written[0]), "new": str(written[1]), **written[2]}))
    elif command == "baseline":
        print(json.dumps(baseline(*(Path(a) for a in args[:3]))))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
