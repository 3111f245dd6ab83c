#!/usr/bin/env bash
# Runs every check and test Planwright has: core, web UI, desktop app, and the
# app end to end under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --all --check

# Web UI: types and unit tests (the editor schema mapping, paste, autosave).
(cd ui && npm run typecheck && npm run lint && npm test && npm run build)
# The About box's licences match what the lock files and the UI bundle hold;
# the core links nothing Unix-only or a webview's when resolved for Windows.
python3 scripts/licences.py --check
python3 scripts/portable.py
# Lints for the whole workspace at once, now that ui/dist exists for the
# app to embed (one pass: linting the core alone first checked its
# dependencies twice, with and without the app's features).
cargo clippy --workspace --all-targets -- -D warnings
cargo test
# App unit tests, including the check that ui/src/bindings is up to date.
cargo test -p planwright-app
cargo build -p planwright-app
# The Debian package of that build, for the end-to-end tests to unpack.
scripts/package.sh --debug
# End to end: the real app binary under tauri-driver + WebKitWebDriver, and
# the package as a desktop sees it.
xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p planwright-e2e -- --test-threads=1
