"""Run by Debian's /usr/bin/python3 (which has python3-uno), not by the project's venv.

Reads a JSON list of {"path", "action"} on stdin; for each, loads the document
hidden in a headless LibreOffice, runs Accept All or Reject All tracked
changes, and prints the paragraph texts (table cells row by row) as JSON.
Usage: uno_revisions.py WORKDIR
"""

import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(workdir):
    pipe = "itudraft%d" % os.getpid()
    profile = "file://" + os.path.join(workdir, "profile")
    office = subprocess.Popen(["soffice", "-env:UserInstallation=" + profile, "--headless",
                               "--invisible", "--nologo", "--norestore", "--nodefault",
                               "--accept=pipe,name=%s;urp;" % pipe],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return office, ctx
        except Exception:  # the office is still starting
            time.sleep(0.25)
    office.kill()
    raise SystemExit("LibreOffice did not start")


def paragraph_text(paragraph):
    """The paragraph's text without footnote and endnote anchors (Word keeps no text there)."""
    parts = []
    portions = paragraph.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        if portion.TextPortionType not in ("Footnote", "Endnote"):
            parts.append(portion.getString())
    return "".join(parts)


def texts(doc):
    out = []
    walk(doc.getText(), out)
    return out


def walk(text, out):
    """Paragraphs in order; a table's cells row by row, nested tables inline."""
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            out.append(paragraph_text(element))
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                walk(element.getCellByName(name), out)


def main():
    jobs = json.load(sys.stdin)
    office, ctx = connect(sys.argv[1])
    try:
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        results = []
        for job in jobs:
            url = uno.systemPathToFileUrl(job["path"])
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            command = {"accept": ".uno:AcceptAllTrackedChanges",
                       "reject": ".uno:RejectAllTrackedChanges"}.get(job["action"])
            if command:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, command, "", 0, ())
            results.append(texts(doc))
            doc.close(True)
        json.dump(results, sys.stdout)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.wait(timeout=30)


if __name__ == "__main__":
    main()
