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
