"""What crates a workspace member links on a target, as `cargo metadata`
resolves them: the closure of its normal (not dev or build) dependencies.
Used by licences.py and portable.py."""

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def linked(target, roots):
    """Returns (packages by id, {id: the id that pulled it in, None for a root})
    for everything the workspace members named in `roots` link on `target`."""
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout)
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    todo = [i for i in meta["workspace_members"] if packages[i]["name"] in roots]
    via = {i: None for i in todo}
    seen = set()
    # Bounded by the lock file's packages: each is visited once.
    while todo:
        at = todo.pop()
        if at in seen:
            continue
        seen.add(at)
        for dep in nodes[at]["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]):
                via.setdefault(dep["pkg"], at)
                todo.append(dep["pkg"])
    return packages, {i: via[i] for i in seen}
