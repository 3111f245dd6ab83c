#!/usr/bin/env bash
# The desktop app's figures (issue 4): launch to interactive window on the
# sample plan, keystroke to screen in a 10,000-word section, idle memory, an
# edit in a grid of 500 actions (`bash benches/app_figures.sh grid`: that alone),
# a second launch handing its plan to the running app (`… handover`: that alone).
# Builds the app as users get it (release), then drives it under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run build)
cargo build --release -p planwright-app
PLANWRIGHT_APP=target/release/planwright-app \
  xvfb-run -a -s "-screen 0 1280x800x24" cargo run -q -p planwright-e2e --example app_figures -- "$@"
