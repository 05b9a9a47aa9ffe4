#!/usr/bin/python3
# clipboard.py
#
# Copyright 2026 The Sightline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Another application's side of the clipboard, for the tests:
#   clipboard.py own TEXT       puts TEXT on the clipboard, prints "ready"
#                               and keeps it there until killed
#   clipboard.py read [primary] prints what the clipboard (or the primary
#                               selection) holds, or nothing
# Needs a display and PyGObject with GTK 4.

import sys

import gi

gi.require_version("Gtk", "4.0")
from gi.repository import Gdk, GLib, GObject, Gtk  # noqa: E402

Gtk.init()
display = Gdk.Display.get_default()
loop = GLib.MainLoop()

if sys.argv[1] == "own":
    value = GObject.Value(GObject.TYPE_STRING, sys.argv[2])
    display.get_clipboard().set_content(Gdk.ContentProvider.new_for_value(value))
    print("ready", flush=True)
    loop.run()
elif sys.argv[1] == "read":
    primary = len(sys.argv) > 2 and sys.argv[2] == "primary"
    clipboard = display.get_primary_clipboard() if primary else display.get_clipboard()
    out = []

    def done(source, result):
        try:
            out.append(source.read_text_finish(result) or "")
        except GLib.Error:
            out.append("")
        loop.quit()

    clipboard.read_text_async(None, done)
    GLib.timeout_add_seconds(10, loop.quit)
    loop.run()
    sys.stdout.write(out[0] if out else "")
else:
    sys.exit("usage: clipboard.py own TEXT | read [primary]")
