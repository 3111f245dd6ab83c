#!/usr/bin/env bash
# Installs what building and testing Planwright needs on Debian 12, skipping
# whatever is already there. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: a C toolchain for bundled SQLite; the real readers the
# export tests check files with; WebKitGTK and its WebDriver for the desktop
# app and its end-to-end tests; Xvfb to run them without a screen; the
# dictionaries its spell checker uses (British and US English, the
# languages a plan can be written in that Debian has dictionaries for); a
# D-Bus daemon for the tests in which a second launch finds the running app;
# the desktop's MIME and application databases and their tools, to check
# the package registers the plan file's type; html5lib and Chromium, the
# HTML parser and the browser the HTML export is read back with;
# LibreOffice's Writer and pandoc, which read the Word export back; the
# Python virtual environments pyHanko is installed into, and OpenSSL, which
# the signing tests make RSA keys and PKCS#12 files with as councils do.
packages=(build-essential pkg-config curl ca-certificates poppler-utils qpdf fonts-liberation2
  libssl-dev libwebkit2gtk-4.1-dev xvfb xauth webkit2gtk-driver hunspell-en-gb hunspell-en-us
  dbus-daemon xdg-utils desktop-file-utils shared-mime-info libglib2.0-bin python3 python3-html5lib
  python3-venv openssl
  chromium libreoffice-writer-nogui pandoc)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust (rustup) first" >&2
  exit 1
fi
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

if ! command -v npm >/dev/null 2>&1; then
  echo "setup: npm not found; install Node.js 20 or later first" >&2
  exit 1
fi
# The web UI's packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  # `npm install --no-save` installs the locked versions and leaves the lock
  # as it is. Not `npm ci`: the lock holds only the platform packages the
  # registry serves (Linux builds of rollup, esbuild, the tauri CLI), and
  # `npm ci` refuses a lock without the other platforms' optional packages.
  (cd ui && npm install --no-save --no-audit --no-fund)
fi
# pyHanko, which the signing tests validate signed-off PDFs with besides
# poppler's pdfsig: in its own virtual environment, exactly as pinned.
pyhanko=target/pyhanko
if ! cmp -s tests/tools/requirements.txt "$pyhanko/requirements.txt" 2>/dev/null; then
  echo "setup: installing pyHanko into $pyhanko"
  rm -rf "$pyhanko"
  python3 -m venv "$pyhanko"
  "$pyhanko/bin/pip" install -q --disable-pip-version-check -r tests/tools/requirements.txt
  cp tests/tools/requirements.txt "$pyhanko/requirements.txt"
fi
# The WebDriver bridge for the app's end-to-end tests.
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --version ^2 --locked
