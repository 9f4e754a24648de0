"""Run by Debian's /usr/bin/python3 (which has python3-uno), not by the project's venv.

Reads a JSON list of {"path", "action"} on stdin; for each, loads the document
hidden in a headless LibreOffice, runs Accept All or Reject All tracked
changes, and prints the paragraph texts (table cells row by row) as JSON. The
texts are read by itudraft_texts.py, installed as a user script of the fresh
profile and run inside LibreOffice.
Usage: uno_revisions.py WORKDIR
"""

import json
import os
import shutil
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

_SCRIPT = "itudraft_texts.py"
_SCRIPT_URL = "vnd.sun.star.script:%s$texts?language=Python&location=user" % _SCRIPT


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def install_script(profile):
    folder = os.path.join(profile, "user", "Scripts", "python")
    os.makedirs(folder, exist_ok=True)
    shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), _SCRIPT), folder)


def connect(workdir):
    pipe = "itudraft%d" % os.getpid()
    profile = os.path.join(workdir, "profile")
    install_script(profile)
    office = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
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


def main():
    jobs = json.load(sys.stdin)
    office, ctx = connect(sys.argv[1])
    desktop = None
    try:
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        factory = smgr.createInstanceWithContext(
            "com.sun.star.script.provider.MasterScriptProviderFactory", ctx)
        reader = factory.createScriptProvider("user").getScript(_SCRIPT_URL)
        results = []
        for job in jobs:
            url = uno.systemPathToFileUrl(job["path"])
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            command = {"accept": ".uno:AcceptAllTrackedChanges",
                       "reject": ".uno:RejectAllTrackedChanges"}.get(job["action"])
            if command:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, command, "", 0, ())
            texts, _, _ = reader.invoke((doc,), (), ())
            results.append(json.loads(texts))
            doc.close(True)
        json.dump(results, sys.stdout)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:  # the office may already be gone; it is killed below
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
