#!/usr/bin/env bash
# Builds the Debian package: the desktop app, with the planwright command
# line, its manual pages and bash completions, and the plan file's type.
#   scripts/package.sh            release build: target/release/bundle/deb/*.deb
#   scripts/package.sh --debug    debug build, from the web UI the tests built
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
profile=release flag=(--release) bundle=()
if [ "${1:-}" = --debug ]; then
  profile=debug flag=() bundle=(--debug)
fi
# A new UI build would make cargo link the app again.
if [ "$profile" = release ] || [ ! -f ui/dist/index.html ]; then
  (cd ui && npm run build)
fi
cargo build "${flag[@]}" -p planwright --bin planwright
cargo build "${flag[@]}" -p planwright-app

# What tauri.conf.json's bundle.linux.deb.files takes from target/package.
staging=target/package
rm -rf "$staging"
mkdir -p "$staging/man1"
cp "target/$profile/planwright" "$staging/planwright"
"$staging/planwright" generate man "$staging/man1" >/dev/null
gzip -9n "$staging"/man1/*.1
"$staging/planwright" generate completions bash >"$staging/planwright.bash"

# From the top: the CLI looks for src-tauri/ below the folder it starts in.
ui/node_modules/.bin/tauri bundle --bundles deb "${bundle[@]}" --ci
ls "target/$profile/bundle/deb/"*.deb
