#!/usr/bin/env bash
# Builds Planwright and opens it on the sample plan.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --bin planwright
sample=target/sample.plan
target/release/planwright sample --force "$sample"
target/release/planwright outline "$sample"
