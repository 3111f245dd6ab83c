#!/usr/bin/env python3
"""Writes ui/src/licences.json: what the app ships that others made, with its
licence, for the About box. Read from the lock files, not by hand:

- Rust crates: everything the planwright and planwright-app binaries link on
  Linux (normal dependencies, as `cargo metadata` resolves them for
  x86_64-unknown-linux-gnu; a Windows build links another set);
- npm packages: exactly those the web UI's bundle holds, as its build lists
  them in ui/dist/bundled-packages.json, with the licence in the lock file;
- the fonts in fonts/.

`--check` exits 1 if the kept file is not what this would write."""

import json
import sys
from pathlib import Path

import crate_graph

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "ui/src/licences.json"
SHIPPED = ("planwright", "planwright-app")


def crates():
    packages, linked = crate_graph.linked("x86_64-unknown-linux-gnu", SHIPPED)
    ours = {i for i in linked if packages[i]["source"] is None}
    return sorted(
        (
            {
                "name": packages[i]["name"],
                "version": packages[i]["version"],
                "licence": packages[i]["license"] or "see its source",
                "source": packages[i]["repository"] or "",
            }
            for i in linked.keys() - ours
        ),
        key=lambda c: (c["name"], c["version"]),
    )


def npm():
    listed = ROOT / "ui/dist/bundled-packages.json"
    if not listed.exists():
        sys.exit(f"{listed} is missing: build the web UI first (npm run build in ui/)")
    bundled = json.loads(listed.read_text())
    lock = json.loads((ROOT / "ui/package-lock.json").read_text())["packages"]
    out = []
    for name in bundled:
        entry = lock.get(f"node_modules/{name}")
        if entry is None:
            sys.exit(f"{name} is in the bundle but not in ui/package-lock.json")
        out.append({
            "name": name,
            "version": entry["version"],
            "licence": entry.get("license", "see its source"),
            "source": f"https://www.npmjs.com/package/{name}",
        })
    return out


def fonts():
    return [{
        "name": "Liberation Sans",
        "version": "2",
        "licence": "OFL-1.1",
        "source": "Debian's fonts-liberation2; embedded in exported PDFs",
    }]


def main():
    text = json.dumps({"fonts": fonts(), "crates": crates(), "npm": npm()}, indent=1) + "\n"
    if sys.argv[1:] == ["--check"]:
        if OUT.read_text() != text:
            sys.exit(f"{OUT.relative_to(ROOT)} is out of date: run python3 scripts/licences.py")
        return
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
