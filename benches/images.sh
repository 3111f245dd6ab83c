#!/usr/bin/env bash
# Time and peak memory of exporting plans whose figures show one 13,000²
# PNG (issue 10): 1 figure and 16 figures, with the release CLI, each under
# the issue's 6 GB address-space limit.
# Usage: benches/images.sh [PLANWRIGHT_BINARY]   (default: a fresh release build)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release --bin planwright --example figures_plan
bin=${1:-target/release/planwright}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for n in 1 16; do
  target/release/examples/figures_plan "$dir/f$n.plan" "$n" 13000 >/dev/null
  status=0
  (ulimit -v $((6 * 1024 * 1024)) && /usr/bin/time -f "%e s %M KB" -o "$dir/time" \
    "$bin" export pdf "$dir/f$n.plan" -o "$dir/f$n.pdf" >/dev/null 2>"$dir/err") || status=$?
  read -r secs _ kb _ < <(grep -E '^[0-9.]+ s [0-9]+ KB$' "$dir/time")
  printf '%2d figure(s) of a 13000x13000 PNG: %6s s, peak %5d MB, plan %d KB, ' \
    "$n" "$secs" $((kb / 1024)) $(($(stat -c %s "$dir/f$n.plan") / 1024))
  if [ "$status" -eq 0 ]; then
    echo "PDF $(($(stat -c %s "$dir/f$n.pdf") / 1024)) KB"
  else
    echo "FAILED (exit $status): $(tail -c 200 "$dir/err" | tr '\n' ' ')"
  fi
done
