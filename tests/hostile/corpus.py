"""The bad inputs: files a hostile tester (or a damaged e-mail attachment) brings,
generated here, never checked in as binaries.

A :class:`Case` prepares its folder (sources copied from the examples, then broken
one way) and gives the command to run there. Every case runs under the same
assertions (see test_bad_inputs.py); a case says what the user should see: an error
naming a file (and line), or success (a UTF-8 byte-order mark, a very long but valid
paragraph), plus any check of its own (a person's file still there).
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from tests.conftest import CONTENT, FIXTURES

SUPPLEMENT = FIXTURES / "mini-supplement"
OUT = "out"


@dataclass
class Case:
    name: str
    setup: Callable[[Path], list[str]]   # writes the case's files, returns the arguments
    names: str = ""                      # what the error line must name (a file)
    line: int | None = None              # and the line, where there is one
    ok: bool = False                     # the command must succeed
    findings: bool = False               # it must read everything: exit 0, or 1 with findings
    check: Callable[[Path], None] | None = None  # a case's own check, after the run
    outside_ok: tuple[str, ...] = field(default_factory=tuple)  # files it may write besides out/


# ----------------------------------------------------------------------------- sources

def _tree(case: Path) -> None:
    """A small proposals tree: the assembly, Resolution 901 in force, one contribution
    with its MOD draft."""
    (case / "resolutions").mkdir()
    for name in ("conventions.yaml", "res-901.md"):
        shutil.copy(CONTENT / "resolutions" / name, case / "resolutions" / name)
    shutil.copytree(CONTENT / "assemblies", case / "assemblies")
    drafts = case / "proposals" / "wtsa-24" / "drafts" / "acp"
    drafts.mkdir(parents=True)
    shutil.copy(CONTENT / "proposals" / "wtsa-24" / "acp-42a1.yaml", drafts.parent.parent)
    shutil.copy(CONTENT / "proposals" / "wtsa-24" / "drafts" / "acp" / "res-901.md", drafts)


RESOLUTIONS = ["resolutions", "--proposals", "proposals/wtsa-24", "--resolutions", "resolutions",
               "--assemblies", "assemblies", "--out", OUT, "--no-paginate"]
CONTRIBUTION = "proposals/wtsa-24/acp-42a1.yaml"
DRAFT = "proposals/wtsa-24/drafts/acp/res-901.md"


def _supplement(case: Path) -> None:
    shutil.copytree(SUPPLEMENT, case / "sup")


SUPPLEMENT_CMD = ["supplement", "--source", "sup", "--out", OUT, "--no-paginate"]


def _resolution(case: Path) -> None:
    (case / "res").mkdir()
    shutil.copy(CONTENT / "resolutions" / "res-901.md", case / "res" / "res-901.md")
    shutil.copytree(CONTENT / "assemblies", case / "assemblies")


RENDER = ["render", "res/res-901.md", "-o", f"{OUT}/res-901.docx", "--assemblies", "assemblies"]


def _content(case: Path) -> None:
    """The whole example content (meetings, positions, Action Plan, focal points)."""
    shutil.copytree(CONTENT, case / "content")


BRIEFINGS = ["briefings", "--content", "content", "--out", OUT]
ACTION_PLAN = ["actionplan", "build", "--content", "content", "--out", OUT]
ALL = ["all", "--content", "content", "--out", OUT, "--no-paginate", "-j", "1"]
FOCAL_POINTS = ["focalpoints", "--content", "content", "--out", f"{OUT}/focal-points.docx"]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


# ------------------------------------------------------------------------- bad texts

#: Broken contents for a YAML file, each with the line its error must name (None: any).
def _bad_yaml() -> dict[str, tuple[bytes, int | None]]:
    laughs = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    laughs += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
               f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]"
               for i in range(9)]
    return {
        "latin-1": ("title: Réunion\n".encode("latin-1"), 1),
        "utf-16": ("title: x\n".encode("utf-16"), None),
        "nul-bytes": (b"title: a\x00b\n", None),
        "binary": (bytes(range(256)) * 8, None),
        "huge-integer": (b"number: " + b"9" * 5000 + b"\n", 1),
        "recursive-alias": (b"a: &a [*a]\n", 1),
        "billion-laughs": (("\n".join(laughs) + "\n").encode(), 1),
        "nested-brackets": (b"a: " + b"[" * 20000 + b"]" * 20000 + b"\n", None),
        "nested-mappings": (("".join(f"{' ' * i}k{i}:\n" for i in range(200)) + " " * 200
                             + "v: 1\n").encode(), None),
        "duplicate-keys": (b"title: one\ntitle: two\n", 2),
        "tab-indent": (b"title:\n\t- x\n", None),
        "not-a-mapping": (b"- just\n- a list\n", None),
        "unclosed-quote": (b'title: "never closed\n', 1),
        "python-tag": (b"title: !!python/object/apply:os.system ['true']\n", 1),
        "too-large": (b"# " + b"x" * (9 * 1024 * 1024) + b"\n", None),
        "empty": (b"", None),
    }


def _bad_markdown() -> dict[str, tuple[str, int | None]]:
    return {
        "nested-lists-500": ("".join("  " * i + "- x\n" for i in range(500)), None),
        "nested-brackets-20000": ("[" * 20000 + "x" + "]" * 20000 + "\n", None),
        "unclosed-brackets-30": ("[" * 30 + "x\n", None),
        "nested-quotes-5000": (">" * 5000 + " x\n", None),
        "image-absolute": ("![](/etc/passwd)\n", None),
        "image-up": ("![](../../../../../../../../etc/passwd)\n", None),
        "image-url": ("![](http://127.0.0.1:9/x.png)\n", None),
        "image-file-url": ("![](file:///etc/passwd)\n", None),
    }


# ------------------------------------------------------------------------- Word files

@lru_cache(maxsize=1)
def good_docx() -> bytes:
    """A Resolution as itudraft renders it: the valid file every Word case starts from."""
    from pipeline.render import render
    from pipeline.render.resolution import resolution_document
    from pipeline.sources.resolution import load_resolution

    res = load_resolution(CONTENT / "resolutions" / "res-901.md")
    return render(resolution_document(res, "WTSA-24"))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes], duplicate: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        if duplicate:
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                archive.writestr(duplicate, parts[duplicate])
    return buffer.getvalue()


def _with(name: str, change: Callable[[bytes], bytes]) -> bytes:
    parts = _parts(good_docx())
    parts[name] = change(parts[name])
    return _zip(parts)


def _doctype(data: bytes) -> bytes:
    head, rest = data.split(b"?>", 1) if data.startswith(b"<?xml") else (b"", data)
    return head + (b"?>" if head else b"") + b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + rest


def _patch_sizes(data: bytes, name: str, field_: str) -> bytes:
    """The zip with *name*'s entry headers lying: sizes understated, or the CRC wrong."""
    out = bytearray(data)
    encoded = name.encode()
    for signature, offset in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        for match in re.finditer(re.escape(signature), bytes(out)):
            start = match.start()
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(out[name_at:name_at + len(encoded)]) != encoded:
                continue
            crc_at = start + offset
            if field_ == "crc":
                crc = struct.unpack_from("<I", out, crc_at)[0]
                struct.pack_into("<I", out, crc_at, crc ^ 0xFFFF)
            else:  # uncompressed size (after the compressed size) set to 10 bytes
                struct.pack_into("<I", out, crc_at + 8, 10)
    return bytes(out)


def _corrupt_deflate(data: bytes) -> bytes:
    out = bytearray(data)
    encoded = b"word/document.xml"
    for match in re.finditer(re.escape(b"PK\x03\x04"), bytes(out)):
        start = match.start()
        name_len, extra_len = struct.unpack_from("<HH", out, start + 26)
        if bytes(out[start + 30:start + 30 + name_len]) == encoded:
            body = start + 30 + name_len + extra_len
            size = struct.unpack_from("<I", out, start + 18)[0]
            for i in range(body + size // 3, body + size // 3 + 64):
                out[i] ^= 0x5A
            break
    return bytes(out)


def _zip_bomb() -> bytes:
    parts = _parts(good_docx())
    parts["word/media/bomb.bin"] = bytes(80 * 1024 * 1024)
    return _zip(parts)


def _long_paragraph(data: bytes) -> bytes:
    paragraph = b"<w:p><w:r><w:t>" + ("word " * 200_000).encode() + b"</w:t></w:r></w:p>"
    at = data.rfind(b"<w:sectPr")  # the body's own section properties end it
    at = at if at >= 0 else data.rfind(b"</w:body>")
    return data[:at] + paragraph + data[at:]


def _picture_outside(parts: dict[str, bytes]) -> dict[str, bytes]:
    rels = parts["word/_rels/document.xml.rels"]
    parts["word/_rels/document.xml.rels"] = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdEvil" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/image" Target="../../../../etc/passwd"/></Relationships>')
    blip = (b'<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
            b'drawingml/2006/wordprocessingDrawing"><wp:extent cx="10" cy="10"/>'
            b'<wp:docPr id="99" name="p"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
            b'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/'
            b'drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/'
            b'drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="p"/><pic:cNvPicPr/>'
            b'</pic:nvPicPr><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships" r:embed="rIdEvil"/></pic:blipFill><pic:spPr/>'
            b'</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    document = parts["word/document.xml"]
    at = document.rfind(b"<w:sectPr")
    parts["word/document.xml"] = document[:at] + blip + document[at:]
    return parts


def _tracked(data: bytes) -> bytes:
    return re.sub(rb"(<w:body>)", b'\\1<w:p><w:ins w:id="900" w:author="x" '
                  b'w:date="2024-01-01T00:00:00Z"><w:r><w:t>added</w:t></w:r></w:ins></w:p>',
                  data, count=1)


def bad_docx() -> dict[str, tuple[bytes, str]]:
    """Damaged or hostile Word files, each with what the commands that read it must do:
    "error", "ok" (a valid file), or "any" (either, cleanly: a command may use it)."""
    good = good_docx()
    parts = _parts(good)
    without = dict(parts)
    del without["word/document.xml"]
    return {
        "empty": (b"", "error"),
        "text": (b"this is not a Word file\n", "error"),
        "truncated": (good[:len(good) // 2], "error"),
        "sizes-understated": (_patch_sizes(good, "word/document.xml", "size"), "error"),
        "crc-wrong": (_patch_sizes(good, "word/document.xml", "crc"), "error"),
        "deflate-corrupt": (_corrupt_deflate(good), "error"),
        "zip-bomb": (_zip_bomb(), "error"),
        "duplicate-entry": (_zip(parts, duplicate="word/document.xml"), "error"),
        "no-document-part": (_zip(without), "error"),
        "root-not-document": (_with("word/document.xml",
                                    lambda d: b'<?xml version="1.0"?><foo/>'), "error"),
        "no-body": (_with("word/document.xml", lambda d: re.sub(
            rb"<w:body>.*</w:body>", b"", d, flags=re.S)), "error"),
        "malformed-xml": (_with("word/document.xml", lambda d: d[:len(d) // 2]), "error"),
        "doctype-document": (_with("word/document.xml", _doctype), "error"),
        "doctype-styles": (_with("word/styles.xml", _doctype), "error"),
        "doctype-rels": (_with("word/_rels/document.xml.rels", _doctype), "error"),
        "doctype-content-types": (_with("[Content_Types].xml", _doctype), "error"),
        "doctype-core": (_with("docProps/core.xml", _doctype), "error"),
        "picture-outside-package": (_zip(_picture_outside(dict(parts))), "any"),
        "tracked-changes": (_with("word/document.xml", _tracked), "any"),
        "long-paragraph": (_with("word/document.xml", _long_paragraph), "ok"),
    }


# ----------------------------------------------------------------------------- cases

def _write(case: Path, relative: str, data: bytes) -> None:
    path = case / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _yaml_cases() -> list[Case]:
    cases = []
    targets = {  # where a YAML file is read, and the command that reads it
        "supplement.yaml": (_supplement, "sup/supplement.yaml", SUPPLEMENT_CMD),
        "rules.yaml": (_supplement, "sup/rules.yaml", SUPPLEMENT_CMD),
        "contribution": (_tree, CONTRIBUTION, RESOLUTIONS),
        "assembly": (_tree, "assemblies/wtsa-24.yaml", RESOLUTIONS),
        "conventions": (_tree, "resolutions/conventions.yaml", RESOLUTIONS),
    }
    targets.update({  # the whole build reads every contribution before it builds anything
        "all-contribution": (_content, "content/proposals/wtsa-24/acp-42a1.yaml", ALL),
    })
    targets.update({  # the briefing notes' and the Action Plan's data
        "meeting": (_content, "content/meetings/com3-2.yaml", BRIEFINGS),
        "positions": (_content, "content/positions/wtsa-24.yaml", BRIEFINGS),
        "focal-points": (_content, "content/focal-points.yaml", FOCAL_POINTS),
        "actions": (_content, "content/action-plan/res-901.yaml", ACTION_PLAN),
        "plan": (_content, "content/action-plan/plan.yaml", ACTION_PLAN),
    })
    for target, (prepare, relative, command) in targets.items():
        for kind, (data, line) in _bad_yaml().items():
            def setup(case, prepare=prepare, relative=relative, data=data, command=command):
                prepare(case)
                _write(case, relative, data)
                return list(command)
            cases.append(Case(f"yaml-{target}-{kind}", setup, names=Path(relative).name,
                              line=line))
    # the same troubles in a Resolution's front matter, read by render
    for kind, (data, line) in _bad_yaml().items():
        if kind in ("too-large", "binary", "utf-16", "latin-1", "nul-bytes", "empty"):
            continue

        def front(case, data=data):
            _resolution(case)
            path = case / "res" / "res-901.md"
            text = path.read_text(encoding="utf-8")
            body = text.split("\n---\n", 1)[1]
            path.write_bytes(b"---\n" + data + b"\n---\n" + body.encode())
            return list(RENDER)
        cases.append(Case(f"front-matter-{kind}", front, names="res-901.md",
                          line=None if line is None else line + 1))
    return cases


def _text_file_cases() -> list[Case]:
    """Reading doors: encodings, folders, missing files, a byte-order mark."""
    cases = []
    files = {
        "clause": (_supplement, "sup/a.md", SUPPLEMENT_CMD),
        "resolution": (_resolution, "res/res-901.md", RENDER),
        "draft": (_tree, DRAFT, RESOLUTIONS),
        "in-force": (_tree, "resolutions/res-901.md", RESOLUTIONS),
        "guidance": (_content, "content/briefings/chairing-the-session.md", BRIEFINGS),
    }
    for target, (prepare, relative, command) in files.items():
        def latin(case, prepare=prepare, relative=relative, command=command):
            prepare(case)
            path = case / relative
            path.write_bytes(path.read_bytes().replace("a".encode(), "\u00e9".encode("latin-1"), 3))
            return list(command)

        def folder(case, prepare=prepare, relative=relative, command=command):
            prepare(case)
            (case / relative).unlink()
            (case / relative).mkdir()
            return list(command)

        def missing(case, prepare=prepare, relative=relative, command=command):
            prepare(case)
            (case / relative).unlink()
            return list(command)

        def bom(case, prepare=prepare, relative=relative, command=command):
            prepare(case)
            path = case / relative
            path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
            return list(command)

        def crlf(case, prepare=prepare, relative=relative, command=command):
            prepare(case)
            path = case / relative
            path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
            return list(command)

        name = Path(relative).name
        # a Resolution in force that is not there: the MOD that needs it has no base
        absent = Path(CONTRIBUTION).name if target == "in-force" else name
        cases += [Case(f"text-{target}-latin-1", latin, names=name),
                  Case(f"text-{target}-folder", folder, names=name),
                  Case(f"text-{target}-missing", missing, names=absent),
                  Case(f"text-{target}-bom", bom, ok=True),
                  Case(f"text-{target}-crlf", crlf, ok=True)]
    return cases


def _markdown_cases() -> list[Case]:
    cases = []
    for kind, (text, line) in _bad_markdown().items():
        def clause(case, text=text):
            _supplement(case)
            (case / "sup" / "a.md").write_text("# Heading\n\n" + text, encoding="utf-8")
            return list(SUPPLEMENT_CMD)

        def body(case, text=text):
            _resolution(case)
            path = case / "res" / "res-901.md"
            _replace(path, "\n*considering*\n", "\n*considering*\n\n" + text + "\n")
            return list(RENDER)

        def draft(case, text=text):
            _tree(case)
            path = case / DRAFT
            _replace(path, "\n*considering*\n", "\n*considering*\n\n" + text + "\n")
            return list(RESOLUTIONS)
        cases += [Case(f"markdown-clause-{kind}", clause, names="a.md"),
                  Case(f"markdown-resolution-{kind}", body, names="res-901.md"),
                  Case(f"markdown-draft-{kind}", draft, names="res-901.md")]
    # pictures named in a paragraph of a Resolution (inline, not a figure block)
    for where, url in (("absolute", "/etc/hostname"), ("up", "../../../etc/hostname")):
        def inline(case, url=url):
            _resolution(case)
            _replace(case / "res" / "res-901.md", "that the assembly adopts",
                     f"that the assembly ![x]({url}) adopts")
            return list(RENDER)
        cases.append(Case(f"markdown-inline-picture-{where}", inline, names="res-901.md"))
    # a valid but very long paragraph (half a megabyte) is not refused
    def long_clause(case):
        _supplement(case)
        (case / "sup" / "a.md").write_text("# Heading\n\n" + "word " * 100_000 + "\n",
                                          encoding="utf-8")
        return list(SUPPLEMENT_CMD)
    cases.append(Case("markdown-clause-long-paragraph", long_clause, ok=True))
    return cases


def _containment_cases() -> list[Case]:
    """Sources naming files outside their own folder tree."""
    def clause(name):
        def setup(case):
            _supplement(case)
            (case / "secret.md").write_text("# secret\n", encoding="utf-8")
            _replace(case / "sup" / "supplement.yaml", "clauses: [a.md, b.md]",
                     f"clauses: [a.md, '{name}']")
            return list(SUPPLEMENT_CMD)
        return setup

    def proposal(field_, value):
        def setup(case):
            _tree(case)
            (case / "secret.md").write_text("---\nnumber: 901\n---\n", encoding="utf-8")
            path = case / CONTRIBUTION
            if field_ == "text":
                _replace(path, "text: drafts/acp/res-901.md", f"text: {value}")
            else:
                _replace(path, "    text: drafts/acp/res-901.md",
                         f"    text: drafts/acp/res-901.md\n    base: {value}")
            return list(RESOLUTIONS)
        return setup

    def rules(value):
        def setup(case):
            _supplement(case)
            _replace(case / "sup" / "supplement.yaml", "rules: rules.yaml", f"rules: '{value}'")
            return list(SUPPLEMENT_CMD)
        return setup

    contribution = Path(CONTRIBUTION).name
    return [
        Case("outside-clause-absolute", clause("/etc/hostname"), names="supplement.yaml"),
        Case("outside-clause-up", clause("../secret.md"), names="supplement.yaml"),
        Case("outside-rules-absolute", rules("/etc/hostname"), names="supplement.yaml"),
        Case("outside-proposal-text-absolute", proposal("text", "/etc/hostname"),
             names=contribution),
        Case("outside-proposal-text-up", proposal("text", "../../secret.md"), names=contribution),
        Case("outside-proposal-base-absolute", proposal("base", "/etc/hostname"),
             names=contribution),
        Case("outside-proposal-base-up", proposal("base", "../../../secret.md"),
             names=contribution),
    ]


def _word_cases() -> list[Case]:
    cases = []
    for kind, (data, expect) in bad_docx().items():
        commands = {
            "redline-new": ["redline", "good.docx", "in.docx", "-o", f"{OUT}/red.docx",
                            "--date", "2024-10-15T09:00:00Z"],
            "redline-old": ["redline", "in.docx", "good.docx", "-o", f"{OUT}/red.docx",
                            "--date", "2024-10-15T09:00:00Z"],
            "accept": ["accept", "in.docx", "-o", f"{OUT}/accepted.docx"],
            "reject": ["reject", "in.docx", "-o", f"{OUT}/rejected.docx"],
            "import": ["import", "in.docx", "-o", f"{OUT}/res.md"],
            "consolidate-draft": ["consolidate", "good.docx", "good.docx", "in.docx",
                                  "--author", "APT", "--author", "CEPT",
                                  "-o", f"{OUT}/consolidated.docx"],
            "consolidate-base": ["consolidate", "in.docx", "good.docx",
                                 "--author", "APT", "-o", f"{OUT}/consolidated.docx"],
            "check": ["check", "in.docx"],  # no content folder: the package's rules and data
        }
        for command, args in commands.items():
            if kind == "tracked-changes" and command.startswith(("redline", "consolidate")):
                want = "error"  # redline refuses revisions it did not make (--accept-existing)
            else:
                want = expect

            def setup(case, data=data, args=args):
                (case / "in.docx").write_bytes(data)
                (case / "good.docx").write_bytes(good_docx())
                return list(args)
            if command == "check" and want == "ok":  # read, then findings on the text are fine
                cases.append(Case(f"docx-{kind}-{command}", setup, names="in.docx",
                                  findings=True))
                continue
            cases.append(Case(f"docx-{kind}-{command}", setup, names="in.docx",
                              ok=want == "ok", check=None if want != "any" else _any))
    return cases


def _any(case: Path) -> None:
    """Either outcome is right for this case; the suite's other checks still apply."""


CHECK = ["check", "--content", "content"]


def _check_cases() -> list[Case]:
    """The checker reads every source of the content folder: each broken one is a line
    naming it, exit 2, and the other files are still checked."""
    cases = []
    sources = {"contribution": "content/proposals/wtsa-24/acp-42a1.yaml",
               "assembly": "content/assemblies/wtsa-24.yaml",
               "texts": "content/texts.yaml", "rules": "content/supplement/rules.yaml"}
    for target, relative in sources.items():
        for kind, (data, line) in _bad_yaml().items():
            def setup(case, relative=relative, data=data):
                _content(case)
                _write(case, relative, data)
                return list(CHECK)
            cases.append(Case(f"check-yaml-{target}-{kind}", setup, names=Path(relative).name,
                              line=line))
    for kind, (text, line) in _bad_markdown().items():
        if kind.startswith("image"):
            continue  # the checker reads no picture

        def body(case, text=text):
            _content(case)
            path = case / "content" / "resolutions" / "res-903.md"
            path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
            return list(CHECK)
        cases.append(Case(f"check-markdown-{kind}", body, names="res-903.md", line=line))

    def config(text):
        def setup(case):
            _content(case)
            (case / "pyproject.toml").write_text(text, encoding="utf-8")
            return list(CHECK)
        return setup
    cases += [Case("check-config-unknown", config("[tool.itudraft.check]\nfoo = 1\n"),
                   names="pyproject.toml"),
              Case("check-config-type", config("[tool.itudraft.check]\nmax-item-words = 'x'\n"),
                   names="pyproject.toml"),
              Case("check-config-toml", config("[tool.itudraft.check\n"), names="pyproject.toml"),
              Case("check-missing-path", lambda case: (_content(case), CHECK + ["nothing.md"])[1],
                   names="nothing.md")]
    return cases


def _option_cases() -> list[Case]:
    def redline(*extra):
        def setup(case):
            (case / "good.docx").write_bytes(good_docx())
            (case / "new.docx").write_bytes(good_docx())
            return ["redline", "good.docx", "new.docx", "-o", f"{OUT}/red.docx", *extra]
        return setup

    cases = [Case(f"option-author-{kind}", redline("--author", value), names="--author")
             for kind, value in (("bell", "A\x07B"), ("newline", "A\nB"), ("escape", "A\x1b[31m"),
                                 ("empty", ""), ("long", "A" * 300))]
    cases += [Case(f"option-date-{kind}", redline("--date", value), names="date")
              for kind, value in (("words", "yesterday"), ("month-13", "2024-13-01T00:00:00Z"),
                                  ("control", "2024\x00"))]

    def consolidate(*extra):
        def setup(case):
            (case / "good.docx").write_bytes(good_docx())
            (case / "new.docx").write_bytes(good_docx())
            return ["consolidate", "good.docx", "new.docx", "good.docx", "-o",
                    f"{OUT}/consolidated.docx", *extra]
        return setup

    cases += [
        Case("option-consolidate-too-few-authors", consolidate("--author", "APT"),
             names="--author"),
        Case("option-consolidate-same-author", consolidate("--author", "APT", "--author", "APT"),
             names="author of its own"),
        Case("option-consolidate-dates", consolidate("--author", "APT", "--author", "CEPT",
                                                     "--date", "2024-09-01"), names="--date"),
        Case("option-accept-unknown-author", lambda case: (
            (case / "good.docx").write_bytes(good_docx()),
            ["accept", "good.docx", "--author", "NOBODY", "-o", f"{OUT}/a.docx"])[1],
            names="NOBODY"),
    ]
    return cases


def _output_cases() -> list[Case]:
    def docx(case):
        (case / "good.docx").write_bytes(good_docx())

    def same(command):
        def setup(case):
            docx(case)
            _resolution(case)
            return {
                "render": ["render", "res/res-901.md", "-o", "res/res-901.md",
                           "--assemblies", "assemblies"],
                "import": ["import", "good.docx", "-o", "good.docx"],
                "redline": ["redline", "good.docx", "good.docx", "-o", "./good.docx"],
                "accept": ["accept", "good.docx", "-o", "good.docx"],
                "reject": ["reject", "good.docx", "-o", "good.docx"],
            }[command]
        return setup

    def parent_file(command):
        def setup(case):
            docx(case)
            _resolution(case)
            _supplement(case)
            (case / "blocker").write_text("a person's file\n", encoding="utf-8")
            return {
                "render": ["render", "res/res-901.md", "-o", "blocker/x.docx",
                           "--assemblies", "assemblies"],
                "import": ["import", "good.docx", "-o", "blocker/x.md"],
                "accept": ["accept", "good.docx", "-o", "blocker/x.docx"],
                "supplement": ["supplement", "--source", "sup", "--out", "blocker/out",
                               "--no-paginate"],
            }[command]
        return setup

    def unwritable(case):
        docx(case)
        return ["accept", "good.docx", "-o", "/proc/itudraft-cannot-write.docx"]

    def output_is_folder(case):
        docx(case)
        (case / OUT / "x.docx").mkdir(parents=True)
        return ["accept", "good.docx", "-o", f"{OUT}/x.docx"]

    cases = [Case(f"output-is-input-{command}", same(command), names="")
             for command in ("render", "import", "redline", "accept", "reject")]
    cases += [Case(f"output-parent-is-a-file-{command}", parent_file(command), names="blocker")
              for command in ("render", "import", "accept", "supplement")]
    cases += [Case("output-unwritable", unwritable, names="/proc/"),
              Case("output-is-a-folder", output_is_folder, names="x.docx")]
    return cases


def _data_loss_cases() -> list[Case]:
    """Files a person put beside the outputs stay, whatever a manifest says."""
    def manifest(entry):
        def setup(case):
            _tree(case)
            (case / "victim.txt").write_text("keep me\n", encoding="utf-8")
            (case / OUT / "sub").mkdir(parents=True)
            (case / OUT / ".itudraft-outputs").write_text(entry + "\n", encoding="utf-8")
            return list(RESOLUTIONS)
        return setup

    def victim_kept(case):
        assert (case / "victim.txt").read_text(encoding="utf-8") == "keep me\n"

    def other_docx(case):
        _supplement(case)
        (case / OUT).mkdir()
        (case / OUT / "minutes.docx").write_bytes(b"a person's document")
        return list(SUPPLEMENT_CMD)

    def other_kept(case):
        assert (case / OUT / "minutes.docx").read_bytes() == b"a person's document"

    def media(case):
        parts = _picture_parts()
        (case / "pic.docx").write_bytes(_zip(parts))
        folder = case / OUT / "res-media"
        folder.mkdir(parents=True)
        (folder / "notes.txt").write_text("a person's notes\n", encoding="utf-8")
        return ["import", "pic.docx", "-o", f"{OUT}/res.md"]

    def media_kept(case):
        assert (case / OUT / "res-media" / "notes.txt").read_text(encoding="utf-8") \
            == "a person's notes\n"

    def media_clash(case):
        media(case)
        (case / OUT / "res-media" / "pixel.png").write_bytes(b"a person's picture")
        return ["import", "pic.docx", "-o", f"{OUT}/res.md"]

    def clash_kept(case):
        assert (case / OUT / "res-media" / "pixel.png").read_bytes() == b"a person's picture"

    return [
        Case("manifest-up-and-out", manifest("sub/../../victim.txt"), ok=True, check=victim_kept),
        Case("manifest-parent", manifest("../victim.txt"), ok=True, check=victim_kept),
        Case("manifest-absolute", manifest("/etc/hostname"), ok=True, check=victim_kept),
        Case("supplement-keeps-other-docx", other_docx, ok=True, check=other_kept),
        Case("import-keeps-person-media", media, ok=True, check=media_kept),
        Case("import-refuses-to-replace-person-picture", media_clash, names="pixel.png",
             check=clash_kept),
    ]


def _picture_parts() -> dict[str, bytes]:
    """The good Resolution with a picture (the fixture's pixel) in its first paragraph."""
    parts = _parts(good_docx())
    parts["word/media/pixel.png"] = (FIXTURES / "resolutions" / "pixel.png").read_bytes()
    parts = _picture_outside(parts)
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b'Target="../../../../etc/passwd"', b'Target="media/pixel.png"')
    types = parts["[Content_Types].xml"]
    if b'Extension="png"' not in types:
        parts["[Content_Types].xml"] = types.replace(
            b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
    return parts


def cases() -> list[Case]:
    return (_yaml_cases() + _text_file_cases() + _markdown_cases() + _containment_cases()
            + _word_cases() + _check_cases() + _option_cases() + _output_cases()
            + _data_loss_cases())
