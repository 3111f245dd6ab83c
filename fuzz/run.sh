#!/usr/bin/env bash
# Runs one fuzz target with cargo-fuzz (libFuzzer) for RUNS inputs.
#
#   fuzz/run.sh TARGET [RUNS] [more libFuzzer flags…]
#   fuzz/run.sh open_plan 1000000
#   fuzz/run.sh compose_blocks 1000000 -max_total_time=3600
#   fuzz/run.sh image_bytes cmin     # minimise the kept corpus instead (below)
#
# TARGET is open_plan (bytes opened as a plan), compose_blocks (bytes as a
# section's JSON, through compose and the PDF layout) or image_bytes (bytes
# as a logo and a figure's picture); their bodies are in fuzz/bodies.rs, and
# `cargo test --test fuzz_corpus` replays the kept corpus through them.
#
# - cargo-fuzz needs nightly compiler flags (-Zsanitizer=…). With only a
#   stable toolchain, RUSTC_BOOTSTRAP=1 lets stable rustc accept them.
# - One process on one core (libFuzzer's default without -jobs/-workers;
#   `-jobs=1 -workers=1` would do the same but write its output to
#   fuzz-0.log). The corpus grows in fuzz/corpus/TARGET; a crash is written
#   to fuzz/artifacts/TARGET/ (not kept): copy it to fuzz/regressions/TARGET/
#   so the replay test keeps it fixed.
# - -max_len: open_plan holds the blank plan (132 KB); the whole sample plan
#   (364 KB) is kept for the replay, but fuzzing it (5 inputs/s) would drown
#   a run, so the fuzzer sees it cut short. Block JSON and pictures are kept
#   small so an input costs one short export.
# - -rss_limit_mb=2048 and -timeout=10: an input that takes more memory or
#   more than 10 s is a finding.
# - FUZZ_SANITIZER=none builds without AddressSanitizer (about twice as
#   fast; the default, address, also checks the unsafe code of dependencies).
# - Debug assertions (overflow checks) are on (-a).
# - -detect_leaks=0: an export frees its pages on a thread of its own after
#   it returns, which LeakSanitizer takes for a leak and reruns every input.
# - fuzz/dicts/TARGET.dict: the words of each format (schema node names,
#   PNG chunks and JPEG markers, SQLite header fields).
set -euo pipefail

target=${1:?usage: fuzz/run.sh open_plan|compose_blocks|image_bytes [RUNS|cmin] [libFuzzer flags…]}
runs=${2:-100000}
shift $(($# < 2 ? $# : 2))

# max_files and max_bytes: what `cmin` keeps in the repository.
case $target in
open_plan) max_len=135168 max_files=300 max_bytes=2000000 ;;
compose_blocks) max_len=16384 max_files=300 max_bytes=2000000 ;;
image_bytes) max_len=65536 max_files=300 max_bytes=2000000 ;;
*)
    echo "no fuzz target $target (open_plan, compose_blocks or image_bytes)" >&2
    exit 2
    ;;
esac

cd "$(dirname "$0")/.."
root=$PWD
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
sanitizer=${FUZZ_SANITIZER:-address}
corpus=$root/fuzz/corpus/$target
mkdir -p "$corpus" "$root/fuzz/artifacts/$target"
flags=(-max_len=$max_len -rss_limit_mb=2048 -timeout=10 -detect_leaks=0
    -dict="$root/fuzz/dicts/$target.dict")

if [ "$runs" = cmin ]; then
    # `cargo fuzz cmin`'s merge, run by hand to keep its control file (the
    # features of every input), then a greedy pick of the inputs that add
    # the most new edges per byte until the budget: the corpus is kept in the
    # repository and replayed by `cargo test`, so it stays small. Seeds
    # (files not named by libFuzzer's SHA-1) are always kept.
    cargo fuzz build -a -s "$sanitizer" "$target"
    host=$(rustc -vV | sed -n 's/^host: //p')
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mkdir "$work/merged"
    "fuzz/target/$host/release/$target" -merge=1 -merge_control_file="$work/control" \
        "${flags[@]}" "$@" "$work/merged" "$corpus"
    python3 - "$work/control" "$corpus" "$max_files" "$max_bytes" <<'PY'
import os, re, sys
control, corpus, max_files, max_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lines = open(control).read().split("\n")
n = int(lines[0])
files = lines[2 : 2 + n]
edges, features = {}, {}
for line in lines[2 + n :]:
    words = line.split()
    if words and words[0] in ("COV", "FT"):
        table = edges if words[0] == "COV" else features
        table[int(words[1])] = set(map(int, words[2:]))
size = {i: os.path.getsize(f) for i, f in enumerate(files)}
seed = {i for i, f in enumerate(files) if not re.fullmatch(r"[0-9a-f]{40}", os.path.basename(f))}
kept, have_e, have_f, total = set(seed), set(), set(), sum(size[i] for i in seed)
for i in seed:
    have_e |= edges.get(i, set())
    have_f |= features.get(i, set())
left = set(range(n)) - kept
while left and len(kept) < max_files:
    gain = lambda i: (len(edges.get(i, set()) - have_e), len(features.get(i, set()) - have_f))
    # New edges per byte first, then new features per byte.
    best = max(left, key=lambda i: tuple(g / max(size[i], 1) for g in gain(i)))
    left.remove(best)
    if gain(best) == (0, 0):
        break
    if total + size[best] > max_bytes:
        continue
    kept.add(best)
    total += size[best]
    have_e |= edges.get(best, set())
    have_f |= features.get(best, set())
for i in set(range(n)) - kept:
    os.remove(files[i])
all_e = set().union(*edges.values()) if edges else set()
print(f"kept {len(kept)} of {n} inputs, {total} bytes, {len(have_e)} of {len(all_e)} edges")
PY
    exit 0
fi
exec cargo fuzz run -a -s "$sanitizer" "$target" "$corpus" -- "${flags[@]}" -runs="$runs" \
    -artifact_prefix="$root/fuzz/artifacts/$target/" -print_final_stats=1 "$@"
