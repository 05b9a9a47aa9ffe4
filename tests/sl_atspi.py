# sl_atspi.py
#
# Copyright 2026 The Sightline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What tests/a11y-walk.py and tools/leakscan-app.py both do with the
# running application over AT-SPI: find it, find a control in it, click
# one as a person would (xdotool, at the middle of its extents).

import subprocess
import time

import pyatspi


def find_app(timeout=30):
    """The application on the accessibility bus, once it has a window."""
    end = time.time() + timeout
    while time.time() < end:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name in ("sightline", "Sightline") and app.childCount > 0:
                return app
        time.sleep(0.3)
    return None


def find(node, role, name=None, prefix=None):
    """The first node under @node with @role, named @name or starting @prefix."""
    try:
        if node.getRole() == role and (name is None or node.name == name) and \
                (prefix is None or (node.name or "").startswith(prefix)):
            return node
    except Exception:
        return None
    for i in range(node.childCount):
        try:
            hit = find(node.getChildAtIndex(i), role, name, prefix)
        except Exception:
            hit = None
        if hit is not None:
            return hit
    return None


def click(node, check=True):
    """A click at the middle of @node (the window is at the screen's corner)."""
    e = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    subprocess.run(["xdotool", "mousemove", str(e.x + e.width // 2), str(e.y + e.height // 2),
                    "click", "1"], check=check)


def launch(argv, env, timeout=60, tries=3):
    """Starts the application and waits for it on the bus. Returns
    (process, app), app None if it never appeared. An app that exits
    before it appears (on a loaded machine it has been seen failing to
    open the display) is started again, up to @tries times."""
    proc = None
    for _ in range(tries):
        proc = subprocess.Popen(argv, env=env)
        end = time.time() + timeout
        while time.time() < end and proc.poll() is None:
            app = find_app(timeout=1)
            if app is not None:
                return proc, app
        if proc.poll() is None:
            return proc, None   # running, but not on the bus: no use retrying
        time.sleep(1)
    return proc, None
