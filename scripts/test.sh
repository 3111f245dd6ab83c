#!/usr/bin/env bash
# Runs every check and test Planwright has.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo fmt --all --check
cargo clippy --all-targets -- -D warnings
cargo test
