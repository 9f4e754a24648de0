"""Findings as text (one line each, like a compiler's), JSON, or SARIF 2.1.0 (which CI
systems show on the lines of a pull request); and ``--fix`` / ``--diff``."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from pipeline.check.model import Finding, Severity
from pipeline.outputs import write_atomic
from pipeline.sources.supplement import Rule
from pipeline.sources.textfile import read_text


def text(findings: list[Finding]) -> str:
    lines = []
    for finding in findings:
        level = "" if finding.severity == Severity.ERROR else " (warning)"
        line = f"{finding.location()}: {finding.rule}{level} {finding.message}"
        if finding.suggestion:
            line += f" [{finding.suggestion}]"
        if finding.fix:
            line += " (fixable)"
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")


def as_json(findings: list[Finding]) -> str:
    return json.dumps([{"path": f.path, "line": f.line, "column": f.column, "rule": f.rule,
                        "check": f.slug, "severity": str(f.severity), "message": f.message,
                        "suggestion": f.suggestion, "fixable": f.fix is not None}
                       for f in findings], indent=2, ensure_ascii=False) + "\n"


def sarif(findings: list[Finding], rules: dict[str, Rule], version: str) -> str:
    used = sorted({f.slug for f in findings} | set(rules), key=lambda s: rules[s].id
                  if s in rules else s)
    descriptors = [{"id": rules[slug].id, "name": slug,
                    "shortDescription": {"text": rules[slug].text.split(";")[0][:200]},
                    "fullDescription": {"text": rules[slug].text},
                    "properties": {"group": rules[slug].group}}
                   for slug in used if slug in rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    for f in findings:
        region = {}
        if f.line:
            region = {"startLine": f.line, "startColumn": f.column or 1}
        result = {"ruleId": f.rule, "level": "error" if f.severity == Severity.ERROR else "warning",
                  "message": {"text": f.message + (f" [{f.suggestion}]" if f.suggestion else "")},
                  "locations": [{"physicalLocation": {
                      "artifactLocation": {"uri": Path(f.path).as_posix()},
                      **({"region": region} if region else {})}}]}
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        results.append(result)
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "itudraft check", "version": version,
                                         "rules": descriptors}},
                     "results": results}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def fixed_texts(findings: list[Finding]) -> dict[str, tuple[str, str]]:
    """path -> (text now, text with the fixes) for every file a fix applies to. Fixes
    that overlap one already applied on the same line wait for the next run."""
    by_path: dict[str, list] = {}
    for finding in findings:
        if finding.fix is not None:
            by_path.setdefault(finding.path, []).append(finding.fix)
    out = {}
    for path, fixes in sorted(by_path.items()):
        if path.endswith(".docx"):
            continue  # a Word file is fixed in Word
        original = read_text(Path(path), what="source")
        lines = original.split("\n")
        taken: dict[int, list[tuple[int, int]]] = {}
        for fix in sorted(set(fixes), key=lambda x: (x.line, x.column), reverse=True):
            index = fix.line - 1
            if not 0 <= index < len(lines):
                continue
            start = fix.column - 1
            end = start + len(fix.old)
            if lines[index][start:end] != fix.old:
                continue
            if any(start < b and a < max(end, start + 1) for a, b in taken.get(fix.line, [])):
                continue
            lines[index] = lines[index][:start] + fix.new + lines[index][end:]
            taken.setdefault(fix.line, []).append((start, max(end, start + 1)))
        new = "\n".join(lines)
        if new != original:
            out[path] = (original, new)
    return out


def diff(changes: dict[str, tuple[str, str]]) -> str:
    parts = []
    for path, (old, new) in changes.items():
        parts.extend(difflib.unified_diff(old.splitlines(keepends=True),
                                          new.splitlines(keepends=True), f"a/{path}", f"b/{path}"))
    return "".join(parts)


def write_fixes(changes: dict[str, tuple[str, str]]) -> None:
    for path, (_old, new) in changes.items():
        write_atomic(Path(path), new.encode("utf-8"))
