"""Run inside LibreOffice's own Python (a user script of the fresh profile), not by the
project's venv nor over the bridge: walking a long document portion by portion costs a
bridge round trip per call, which made the readings 20-30 times slower.

``texts(doc)`` returns the document's paragraph texts as JSON: paragraphs in order,
a table's cells row by row (nested tables inline), footnote and endnote anchors and
comment anchors left out (Word keeps no text there; asking LibreOffice 7.4 for the
string of a comment's portion ends the process).
"""

import json


def _paragraph_text(paragraph):
    parts = []
    portions = paragraph.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        if portion.TextPortionType not in ("Footnote", "Endnote", "Annotation", "AnnotationEnd"):
            parts.append(portion.getString())
    return "".join(parts)


def _walk(text, out):
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            out.append(_paragraph_text(element))
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                _walk(element.getCellByName(name), out)


def texts(doc):
    out = []
    _walk(doc.getText(), out)
    return json.dumps(out)


g_exportedScripts = (texts,)
