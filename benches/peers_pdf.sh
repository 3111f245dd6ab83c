#!/usr/bin/env bash
# Times Planwright's PDF export against its peers on the same content, in one
# run: LibreOffice headless (HTML → PDF) and typst (PyPI `typst`, .typ → PDF).
# Prints the times, the ratios, page counts and file sizes (LibreOffice's
# PDF is untagged; Planwright's and typst's are tagged).
#
#   benches/peers_pdf.sh [RUNS]      (installs LibreOffice and typst if missing)
#
# Not part of the test command: it downloads the peers.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"

if ! command -v soffice >/dev/null 2>&1; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui
fi
python3 -c "import typst" 2>/dev/null || python3 -m pip install -q typst

cargo build -q --release --bin planwright --example peers_pdf
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target="${CARGO_TARGET_DIR:-target}"
"$target/release/examples/peers_pdf" "$work" >/dev/null

python3 - "$work" "$runs" "$PWD" "$target" <<'PY'
import os, statistics, subprocess, sys, time

work, runs, repo, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
pw = os.path.join(repo, target, "release/planwright")
fonts = os.path.join(repo, "fonts")
profile = "file://" + os.path.join(work, "lo-profile")

def timed(fn, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)

def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return next(int(l.split()[1]) for l in out.splitlines() if l.startswith("Pages:"))

def soffice(src):
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                    "--outdir", os.path.join(work, "lo"), src],
                   check=True, capture_output=True)

def typst_cold(src, out):
    # typst memoises across compiles in one process (comemo): a second
    # compile of the same file is mostly cache hits. Each timing is a first
    # compile in a fresh interpreter, timed inside it (start-up and import
    # not counted, which favours typst).
    code = ("import sys, time, typst; t = time.perf_counter(); "
            "typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]]); "
            "print(time.perf_counter() - t)")
    r = subprocess.run([sys.executable, "-c", code, src, out, fonts], check=True, capture_output=True, text=True)
    return float(r.stdout.strip())

# Warm LibreOffice's profile once, untimed, so its first-start setup is not counted.
soffice(os.path.join(work, "sample.html"))

print(f"{'content':<10}{'planwright':>12}{'LibreOffice':>13}{'typst':>9}{'LO/pw':>8}{'typst/pw':>10}"
      f"{'pages pw/LO/typst':>20}{'size pw/LO/typst':>22}")
for name in ["sample", "big"]:
    plan = os.path.join(work, f"{name}.plan")
    out_pw = os.path.join(work, f"{name}.pw.pdf")
    out_ty = os.path.join(work, f"{name}.typst.pdf")
    t_pw = timed(lambda: subprocess.run([pw, "export", "pdf", plan, "-o", out_pw], check=True, capture_output=True), runs)
    t_lo = timed(lambda: soffice(os.path.join(work, f"{name}.html")), max(1, runs // 2))
    t_ty = statistics.median(typst_cold(os.path.join(work, f"{name}.typ"), out_ty) for _ in range(max(1, runs // 2)))
    lo_pdf = os.path.join(work, "lo", f"{name}.pdf")
    s_pw, s_lo, s_ty = (os.path.getsize(p) for p in (out_pw, lo_pdf, out_ty))
    print(f"{name:<10}{t_pw:>11.3f}s{t_lo:>12.3f}s{t_ty:>8.3f}s{t_lo / t_pw:>7.1f}x{t_ty / t_pw:>9.1f}x"
          f"{pages(out_pw):>9}/{pages(lo_pdf)}/{pages(out_ty)}{s_pw // 1024:>9}K/{s_lo // 1024}K/{s_ty // 1024}K")
print("planwright times include process start and reading the .plan file; typst's are first compiles")
print("in a fresh interpreter, without its start-up; LibreOffice's include its start-up, as a user meets it.")
PY
