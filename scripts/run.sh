#!/usr/bin/env bash
# Builds Planwright (web UI + desktop app) and opens it on a freshly written
# sample plan. Needs a display: run it in a desktop session (or under
# `xvfb-run` to check that it starts).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
(cd ui && npm run build)
cargo build --release -p planwright --bin planwright
cargo build --release -p planwright-app
sample=target/sample.plan
rm -f "$sample" "$sample-wal" "$sample-shm"
target/release/planwright sample "$sample"
exec target/release/planwright-app "$sample"
