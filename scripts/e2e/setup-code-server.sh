#!/usr/bin/env bash
# Idempotent, cached install of code-server (= VS Code 1.100.3 web + Node 20 extension host)
# into .cache/code-server/package, following docs/REAL-VSCODE.md:
#   npm pack -> npm install --ignore-scripts -> node-gyp rebuild of the native modules
#   -> Debian ripgrep instead of the @vscode/ripgrep download -> symlinks.
# A marker file is written only after a full, smoke-checked install; without it the
# package folder is wiped and the install is redone. Needs scripts/e2e/install-system-deps.sh first.
#
# Env: CODE_SERVER_VERSION (default 4.100.3), CODE_SERVER_CACHE (default <repo>/.cache/code-server),
#      CODE_SERVER_FORCE=1 to reinstall even if the marker exists.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${CODE_SERVER_CACHE:-$ROOT/.cache/code-server}"
PKG="$CACHE/package"
MARKER="$CACHE/.installed-$VERSION"
TARBALL="$CACHE/code-server-$VERSION.tgz"
NATIVE_MODULES=(@parcel/watcher @vscode/spdlog @vscode/deviceid kerberos native-watchdog node-pty)

T0=$(date +%s)
log() { printf '[setup-code-server %4ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
die() {
  log "ERROR: $*" >&2
  exit 1
}
trap 'rc=$?; [ $rc -eq 0 ] || log "FAILED (exit $rc) at line $LINENO; the next run redoes the install" >&2' EXIT

# Keep code-server from writing ~/.config/code-server/config.yaml.
smoke() { XDG_CONFIG_HOME="$CACHE/xdg-config" XDG_DATA_HOME="$CACHE/xdg-data" node "$PKG/out/node/entry.js" --version 2>&1 | grep -v "Wrote default config"; }

mkdir -p "$CACHE"
# Serialise concurrent runs (two CI steps or two engineers on one checkout).
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi

if [ -f "$MARKER" ] && [ "${CODE_SERVER_FORCE:-0}" != 1 ]; then
  if out=$(smoke 2>&1); then
    log "code-server $VERSION already installed in $PKG ($(echo "$out" | head -n1)); nothing to do"
    exit 0
  fi
  log "marker present but smoke check failed ($out); reinstalling"
fi

for bin in node npm python3 make g++ /usr/bin/rg; do
  command -v "$bin" >/dev/null 2>&1 || die "missing $bin: run scripts/e2e/install-system-deps.sh"
done
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' ||
  die "Node >= 20 required, found $(node --version)"

# node-gyp: prefer the one bundled with npm, fall back to `npm exec`.
NPM_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NPM_GYP" ] || NPM_GYP="$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
if [ -f "$NPM_GYP" ]; then
  GYP=(node "$NPM_GYP")
else
  GYP=(npm exec --yes -- node-gyp)
fi
# Node headers: use the local install's headers (no internet for the nodejs.org download).
NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
GYP_ARGS=(rebuild --jobs=max)
if [ -f "$NODE_PREFIX/include/node/node.h" ]; then
  GYP_ARGS+=("--nodedir=$NODE_PREFIX")
  export npm_config_nodedir="$NODE_PREFIX"
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel="${npm_config_loglevel:-warn}"

rm -f "$CACHE"/.installed-*
rm -rf "$PKG"

if [ ! -s "$TARBALL" ]; then
  log "npm pack code-server@$VERSION"
  (cd "$CACHE" && npm pack "code-server@$VERSION" --silent >/dev/null)
  [ -s "$TARBALL" ] || die "npm pack did not produce $TARBALL"
else
  log "using cached $TARBALL"
fi
log "extracting"
if ! tar -xzf "$TARBALL" -C "$CACHE"; then
  rm -f "$TARBALL"
  die "corrupt tarball removed; rerun"
fi
[ -f "$PKG/out/node/entry.js" ] || die "unexpected tarball layout (no package/out/node/entry.js)"

log "npm install (code-server, --omit=dev --ignore-scripts)"
(cd "$PKG" && npm install --omit=dev --ignore-scripts --no-package-lock)
log "npm rebuild argon2"
(cd "$PKG" && npm rebuild argon2)

log "npm install (lib/vscode, --omit=dev --ignore-scripts)"
(cd "$PKG/lib/vscode" && npm install --omit=dev --ignore-scripts --no-package-lock)

log "ripgrep: copying /usr/bin/rg"
mkdir -p "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp /usr/bin/rg "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"

for mod in "${NATIVE_MODULES[@]}"; do
  dir="$PKG/lib/vscode/node_modules/$mod"
  [ -f "$dir/binding.gyp" ] || die "native module $mod not found at $dir"
  log "node-gyp rebuild $mod"
  (cd "$dir" && "${GYP[@]}" "${GYP_ARGS[@]}" >"$CACHE/gyp-${mod//\//_}.log" 2>&1) || {
    tail -n 40 "$CACHE/gyp-${mod//\//_}.log" >&2
    die "node-gyp rebuild failed for $mod (log: $CACHE/gyp-${mod//\//_}.log)"
  }
done

log "symlinks"
(cd "$PKG/lib/vscode" && ln -sfn node_modules node_modules.asar)
(cd "$PKG/lib/vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$PKG/lib/vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)

log "npm install (lib/vscode/extensions, --omit=dev --ignore-scripts)"
(cd "$PKG/lib/vscode/extensions" && npm install --omit=dev --ignore-scripts --no-package-lock)

log "smoke check: entry.js --version"
out=$(smoke) || die "smoke check failed"
echo "$out"
# The native modules the extension host/server load must actually load.
(cd "$PKG/lib/vscode" && node -e '
  for (const m of ["@parcel/watcher", "@vscode/spdlog", "node-pty", "native-watchdog"]) require(m);
') || die "a native module does not load"
(cd "$PKG" && node -e 'require("argon2")') || die "argon2 does not load"

printf 'version=%s\ninstalled=%s\nnode=%s\nseconds=%s\n' "$VERSION" "$(date -u +%FT%TZ)" \
  "$(node --version)" "$(($(date +%s) - T0))" >"$MARKER"
log "done: code-server $VERSION in $PKG (marker $MARKER)"
