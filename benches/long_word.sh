#!/usr/bin/env bash
# Wall time and peak memory of `planwright export pdf` on plans whose text is
# one unbroken word (a pasted key or encoded blob), written straight into the plan
# with SQL as a hand-made or hostile plan would be (examples/long_word.rs).
# The issue's goal: a 50 MB word exports in under 10 s and 300 MB.
#
#   benches/long_word.sh [SIZE…]     sizes in bytes; default 100000 1000000 50000000
#   PLANWRIGHT=path/to/planwright benches/long_word.sh …   time another build
#   LETTERS=x benches/long_word.sh …   the word from these letters (default:
#                                      letters and digits; x has no hyphenation point)
#
# Each export is stopped after LIMIT_S seconds (default 120) or when it asks
# for more than LIMIT_MB of address space (default 4000), so an old,
# quadratic build cannot take the machine down; the exit column shows it.
#
# Not part of the test command: it takes a release build and a minute or two.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000 50000000)

if [ ! -x /usr/bin/time ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends time
fi

cargo build -q --release --bin planwright --example long_word
planwright="${PLANWRIGHT:-target/release/planwright}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf '%-12s %10s %14s %8s %s\n' "word bytes" "wall (s)" "peak RSS (MB)" "pages" "exit"
for size in "${sizes[@]}"; do
  plan="$work/word-$size.plan"
  pdf="$work/word-$size.pdf"
  target/release/examples/long_word "$plan" "$size" ${LETTERS:+"$LETTERS"} >/dev/null
  status=0
  (
    ulimit -v $((${LIMIT_MB:-4000} * 1024))
    exec /usr/bin/time -v -o "$work/time.txt" timeout "${LIMIT_S:-120}" \
      "$planwright" export pdf "$plan" -o "$pdf"
  ) >"$work/out.txt" 2>"$work/err.txt" || status=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
  printf '%-12s %10s %14s %8s %s\n' "$size" "$wall" "$rss" "${pages:--}" "$status"
  if [ -s "$work/err.txt" ]; then sed 's/^/    /' "$work/err.txt" | head -5; fi
  rm -f "$plan" "$pdf"
done
