#!/usr/bin/env python3
"""Checks that the core library and command line (the `planwright` crate)
could build for Windows as they do for Linux: resolved for
x86_64-pc-windows-msvc, none of what they link is a Unix-only or desktop
library, and none is Tauri or a webview (the core never depends on them).
Reads `cargo metadata`; builds nothing. Exits 1 naming what it found."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = "x86_64-pc-windows-msvc"
# Crates that exist only for Unix desktops, or that would tie the core to a webview.
REFUSED = ("rustix", "nix", "gtk", "gdk", "glib", "gio", "webkit2gtk", "javascriptcore-rs",
           "soup3", "x11", "x11-dl", "zbus", "dbus", "tauri", "wry", "tao")


def main():
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", TARGET],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    core = next(i for i in meta["workspace_members"] if packages[i]["name"] == "planwright")
    seen, todo, via = set(), [core], {core: None}
    # Each package of the lock file is visited once.
    while todo:
        at = todo.pop()
        if at in seen:
            continue
        seen.add(at)
        for dep in nodes[at]["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]):
                via.setdefault(dep["pkg"], at)
                todo.append(dep["pkg"])
    bad = []
    for i in seen:
        name = packages[i]["name"]
        if name in REFUSED or name.startswith(("gtk-", "gdk-", "glib-", "webkit2gtk-", "wayland-")):
            chain, at = [], i
            while at is not None:
                chain.append(packages[at]["name"])
                at = via[at]
            bad.append(" <- ".join(chain))
    if bad:
        sys.exit(f"the core would link, on {TARGET}:\n  " + "\n  ".join(sorted(bad)))
    print(f"the core links {len(seen) - 1} crates on {TARGET}, none Unix-only or a webview's")


if __name__ == "__main__":
    main()
