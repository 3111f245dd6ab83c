#!/usr/bin/env python3
"""Checks that the core library and command line (the `planwright` crate)
could build for Windows as they do for Linux: resolved for
x86_64-pc-windows-msvc, none of what they link is a Unix-only or desktop
library, and none is Tauri or a webview (the core never depends on them).
Reads `cargo metadata`; builds nothing. Exits 1 naming what it found."""

import sys

import crate_graph

TARGET = "x86_64-pc-windows-msvc"
# Crates that exist only for Unix desktops, or that would tie the core to a webview.
REFUSED = ("rustix", "nix", "gtk", "gdk", "glib", "gio", "webkit2gtk", "javascriptcore-rs",
           "soup3", "x11", "x11-dl", "zbus", "dbus", "tauri", "wry", "tao")


def main():
    packages, via = crate_graph.linked(TARGET, ("planwright",))
    bad = []
    for i in via:
        name = packages[i]["name"]
        if name in REFUSED or name.startswith(("gtk-", "gdk-", "glib-", "webkit2gtk-", "wayland-")):
            chain, at = [], i
            while at is not None:
                chain.append(packages[at]["name"])
                at = via[at]
            bad.append(" <- ".join(chain))
    if bad:
        sys.exit(f"the core would link, on {TARGET}:\n  " + "\n  ".join(sorted(bad)))
    print(f"the core links {len(via) - 1} crates on {TARGET}, none Unix-only or a webview's")


if __name__ == "__main__":
    main()
