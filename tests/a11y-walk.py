#!/usr/bin/python3
# a11y-walk.py
#
# Copyright 2026 The Sightline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Walks the accessibility tree of the running application, as a screen
# reader sees it over AT-SPI, on the unlock page, the list of records, a
# record's form, a note's editor and the Sync page, and fails if an
# interactive control has no name.
#
# Usage (the test does this): dbus-run-session -- a11y-walk.py CLI APP SCHEMADIR
# Needs a display (the test suite runs under xvfb-run) and pyatspi.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# TAP goes to fd 3 when the test gives one: the accessibility daemons
# started for this session write to stdout, which is not TAP.
try:
    TAP = os.fdopen(3, "w", buffering=1)
except OSError:
    TAP = sys.stdout


def tap(line):
    print(line, file=TAP)


try:
    import pyatspi
except ImportError:
    tap("1..0 # SKIP pyatspi is not installed (python3-pyatspi)")
    sys.exit(0)

from sl_atspi import click, find, launch  # noqa: E402

CLI, APP, SCHEMAS = sys.argv[1:4]
PASS = "correct horse battery staple\n"

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_LINK, pyatspi.ROLE_TEXT,
}
# GTK 4.8 reports AdwEntryRow's inner text as ROLE_TEXT; a switch is a toggle.
SWITCH = getattr(pyatspi, "ROLE_SWITCH", None)
if SWITCH is not None:
    INTERACTIVE.add(SWITCH)


def cli(home, *args, stdin=PASS):
    env = dict(os.environ, HOME=home, ASAN_OPTIONS="detect_leaks=0")
    out = subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        tap(f"Bail out! {' '.join(args)}: {out.stderr}")
        sys.exit(1)
    return out.stdout.strip()


def walk(node, found, path=""):
    try:
        role = node.getRole()
        states = node.getState()
        name = node.name or ""
    except Exception:
        return
    # GTK 4.8 marks hidden stack pages visible too, so every page in the
    # tree is checked; a control without a name is exposed under its
    # widget type ("GtkImage").
    visible = states.contains(pyatspi.STATE_VISIBLE)
    unnamed = not name.strip() or re.fullmatch(r"(Gtk|Adw|Sl)[A-Z]\w*", name.strip())
    if visible and role in INTERACTIVE and unnamed:
        # a text inside a labelled row takes its name from the row
        label = ""
        try:
            for rel in node.getRelationSet():
                if rel.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                    label = rel.getTarget(0).name
        except Exception:
            pass
        if not label:
            found.append(f"{path}/{node.getRoleName()}[{name}]")
    for i in range(node.childCount):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            walk(child, found, f"{path}/{node.getRoleName()}[{name[:20]}]")


def has_name(node, text):
    try:
        if text in (node.name or ""):
            return True
        return any(has_name(node.getChildAtIndex(i), text) for i in range(node.childCount))
    except Exception:
        return False


def wait_for(app, text, timeout=30, poke=None):
    end = time.time() + timeout
    next_poke = time.time()
    while time.time() < end:
        if has_name(app, text):
            return True
        if poke is not None and time.time() >= next_poke:
            poke()
            next_poke = time.time() + 4
        time.sleep(0.5)
    return False


def check(app, what, n, expect):
    time.sleep(0.5)
    if not has_name(app, expect):
        tap(f"not ok {n} - {what}: the page did not open (no '{expect}')")
        return False
    found = []
    walk(app, found)
    if found:
        tap(f"not ok {n} - {what}: {len(found)} unnamed control(s)")
        for f in found[:20]:
            tap(f"# unnamed: {f}")
        return False
    tap(f"ok {n} - {what}: every control has a name")
    return True


def main():
    home = tempfile.mkdtemp(prefix="sightline-a11y-")
    vault = os.path.join(home, "A11y.sightline")
    cli(home, "create", vault, "--new-passphrase-fd", "0", "--kdf-memory", "8", "--kdf-passes", "1")
    sub = cli(home, "record", "add", vault, "submission", "reference=CFE-001",
              "organisation_type=police", "summary=Met Jade Thompson; her mum rang from "
              "07700 900123.", "--passphrase-fd", "0")
    cli(home, "record", "add", vault, "victim", "label=Victim 1", "age=14", "--parent", sub,
        "--passphrase-fd", "0")

    env = dict(os.environ, HOME=home, GSETTINGS_BACKEND="memory", GSETTINGS_SCHEMA_DIR=SCHEMAS,
               ASAN_OPTIONS="detect_leaks=0", GSK_RENDERER="cairo")
    env.pop("GTK_A11Y", None)
    proc, app = launch([APP, vault], env, timeout=30)
    ok = True
    tap("1..5")
    try:
        if app is None:
            tap("Bail out! the application never appeared on the accessibility bus")
            return 1
        ok &= check(app, "unlock page", 1, "Passphrase")

        entry = find(app, pyatspi.ROLE_PASSWORD_TEXT) or find(app, pyatspi.ROLE_TEXT, "Passphrase")
        if entry is None:
            tap("Bail out! no passphrase entry on the unlock page")
            return 1
        entry.queryEditableText().setTextContents(PASS.strip())
        unlock = find(app, pyatspi.ROLE_PUSH_BUTTON, "_Unlock Unlock") or \
            find(app, pyatspi.ROLE_PUSH_BUTTON, "Unlock")
        unlock.queryAction().doAction(0)
        wait_for(app, "Search Submissions")
        ok &= check(app, "list of records", 2, "Search Submissions")

        # Open the first record as a person would: focus its row, Enter.
        def open_first():
            label = find(app, pyatspi.ROLE_LABEL, "CFE-001")
            node = label
            while node is not None and node.getRole() not in (pyatspi.ROLE_LIST_ITEM,
                                                               pyatspi.ROLE_TABLE_CELL):
                node = node.parent
            try:
                (node or label).queryComponent().grabFocus()
            except Exception:
                subprocess.run(["xdotool", "key", "Tab", "Tab", "Tab"], check=False)
            subprocess.run(["xdotool", "key", "Return"], check=False)

        wait_for(app, "Add victim", timeout=40, poke=open_first)
        ok &= check(app, "record form", 3, "Add victim")

        # The summary's Review button opens the note editor; its side list
        # fills in once the worker has looked at the note.
        def open_note():
            button = find(app, pyatspi.ROLE_PUSH_BUTTON, prefix="Edit and Review “Summary”")
            if button is not None:
                button.queryAction().doAction(0)

        wait_for(app, "Phone Numbers", timeout=40, poke=open_note)
        ok &= check(app, "note editor", 4, "Phone Numbers")

        # The Sync page, from the sidebar's Sync row, clicked.
        def open_sync():
            label = find(app, pyatspi.ROLE_LABEL, "Sync")
            if label is None:
                return
            click(label, check=False)

        wait_for(app, "Trusted Devices", timeout=40, poke=open_sync)
        ok &= check(app, "sync page", 5, "Trusted Devices")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)
    return 0 if ok else 1


sys.exit(main())
