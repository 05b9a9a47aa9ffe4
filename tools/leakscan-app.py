#!/usr/bin/python3
# leakscan-app.py
#
# Copyright 2026 The Sightline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The application's part of tools/leakscan.sh: starts the app on a vault,
# and as a person would, with real key presses and clicks (xdotool) found
# through the accessibility tree (AT-SPI), unlocks it with the passphrase,
# searches for a planted name, opens a site visit, types planted names and
# numbers into its notes, copies them with Ctrl+A Ctrl+C, locks with
# Ctrl+L and quits. It then checks that the clipboard and the primary
# selection hold none of what was typed; the files the run left behind are
# searched by leakscan.sh.
#
# Usage: dbus-run-session -- leakscan-app.py APP VAULT RECORD_REFERENCE
#        (under an X server; HOME and the rest as leakscan.sh sets them).
#        The passphrase comes on stdin, the text to type on fd 3, one
#        string a line (the first is typed into the search box), so that
#        none of it is on a command line.
# Prints "leakscan-app: ..." lines; exits 0 when clean, 1 on a leak, 2
# when the workflow itself could not be driven.

import os
import subprocess
import sys
import time

import pyatspi

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
CLIPBOARD = os.path.join(HERE, "..", "tests", "clipboard.py")

from sl_atspi import click, find, launch  # noqa: E402


def say(text):
    print(f"leakscan-app: {text}", flush=True)


def fail(text):
    say(text)
    # LEAKSCAN_SHOT=FILE keeps a picture of the screen, to see what went wrong.
    if os.environ.get("LEAKSCAN_SHOT"):
        subprocess.run(["import", "-window", "root", os.environ["LEAKSCAN_SHOT"]], check=False)
    sys.exit(2)


def wait_find(app, role, name=None, prefix=None, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        node = find(app, role, name, prefix)
        if node is not None:
            return node
        time.sleep(0.3)
    fail(f"'{name or prefix or 'the passphrase entry'}' never appeared")


def focus(node, until_focused=False):
    # @until_focused: again until it says it has the focus. Just after a
    # page changes, its entry can take none yet, and keys typed then would
    # go to the page (where BackSpace goes back to the lock screen). (The
    # passphrase's text never says so in GTK 4.8.)
    for _ in range(20 if until_focused else 1):
        try:
            focused = node.queryComponent().grabFocus()
        except Exception:
            focused = False
        if not focused:
            click(node)
        time.sleep(0.3)
        try:
            if not until_focused or node.getState().contains(pyatspi.STATE_FOCUSED):
                return
        except Exception:
            pass
    fail(f"'{node.name}' never took the focus")


def key(*keys):
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)
    time.sleep(0.2)


def type_text(text):
    # On stdin, so that the text is on no command line.
    subprocess.run(["xdotool", "type", "--delay", "15", "--file", "-"], input=text, text=True,
                   check=True)
    time.sleep(0.3)


def clipboard(which):
    args = ["/usr/bin/python3", CLIPBOARD, "read"] + (["primary"] if which == "primary" else [])
    return subprocess.run(args, capture_output=True, text=True, timeout=30).stdout


def main():
    app_path, vault, reference = sys.argv[1:4]
    passphrase = sys.stdin.readline().rstrip("\n")
    with os.fdopen(3) as f:
        search, *note = [line.rstrip("\n") for line in f if line.strip()]

    env = dict(os.environ, GSK_RENDERER="cairo")
    env.pop("GTK_A11Y", None)
    # The X server answers before the app starts (on a loaded machine it
    # has been seen not to, and the app then cannot open the display).
    for _ in range(100):
        if subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True).returncode == 0:
            break
        time.sleep(0.2)
    else:
        fail(f"the X server at {os.environ.get('DISPLAY')} never answered")
    proc, app = launch([app_path, vault], env, timeout=60)
    try:
        if app is None:
            fail("the application never appeared on the accessibility bus")

        # GTK 4.8 exposes the passphrase entry as a text named "Passphrase".
        focus(wait_find(app, pyatspi.ROLE_TEXT, "Passphrase"))
        type_text(passphrase)
        key("Return")

        # Search as you type, in the list of site visits.
        click(wait_find(app, pyatspi.ROLE_LABEL, "Site visits"))
        focus(wait_find(app, pyatspi.ROLE_ENTRY, prefix="Search Site"), until_focused=True)
        type_text(search)
        time.sleep(1)
        key("ctrl+a")
        key("BackSpace")

        # The visit's notes: type at the end, then copy them all.
        click(wait_find(app, pyatspi.ROLE_LABEL, reference))
        notes = wait_find(app, pyatspi.ROLE_TEXT, prefix="Notes")
        # Far down the form: reached with Tab from the first field, as a
        # person without a mouse would.
        focus(wait_find(app, pyatspi.ROLE_TEXT, prefix="Reference"))
        for _ in range(80):
            if notes.getState().contains(pyatspi.STATE_FOCUSED):
                break
            key("Tab")
        else:
            fail("Tab never reached the notes")
        key("ctrl+End")
        type_text(" " + " ".join(note))
        time.sleep(1)
        key("ctrl+a")
        key("ctrl+c")
        time.sleep(0.5)
        copied = clipboard("clipboard")
        if note[0] not in copied:
            fail("the copy did not reach the clipboard, so the check after the lock means "
                 "nothing: the workflow is broken")

        # Leave the field, so that the note is saved, then lock.
        key("Tab")
        time.sleep(1)
        key("ctrl+l")
        wait_find(app, pyatspi.ROLE_PUSH_BUTTON, prefix="_Unlock")
        time.sleep(0.5)

        leaks = 0
        for which in ("clipboard", "primary"):
            held = clipboard(which)
            hits = [s for s in [search, *note] if s in held]
            if hits:
                say(f"after the lock, the {which} still holds {len(hits)} planted string(s)")
                leaks += len(hits)
        say(f"typed {1 + len(note)} planted strings, copied them, locked: "
            f"{leaks} left on the clipboard or the primary selection")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 1 if leaks else 0


sys.exit(main())
