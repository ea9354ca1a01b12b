#!/usr/bin/env bash
# Installs the Debian packages the real-editor (code-server + Chromium + Neovim) tests need.
# Idempotent: when every package is already installed (dpkg -s), apt is not touched at all.
# Must run as root (CI does) or with sudo available.
set -euo pipefail

PACKAGES=(
  # code-server native module builds (node-gyp)
  build-essential python3 pkg-config
  libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev
  # replaces the @vscode/ripgrep download
  ripgrep
  # browser driven by playwright-core
  chromium
  # fonts so screenshots render text
  fonts-dejavu-core
  # Neovim LSP client tests
  neovim
  # misc
  ca-certificates
)

log() { printf '[install-system-deps] %s\n' "$*"; }

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg -s "$pkg" >/dev/null 2>&1 ||
    ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "all ${#PACKAGES[@]} packages already installed; nothing to do"
else
  log "missing: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      log "not root and no sudo: cannot install ${missing[*]}" >&2
      exit 1
    }
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  start=$(date +%s)
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
  log "apt-get install finished in $(($(date +%s) - start))s"
fi

# Sanity checks of the binaries the tests call.
for bin in /usr/bin/chromium /usr/bin/rg nvim; do
  command -v "$bin" >/dev/null 2>&1 || {
    log "expected binary not found after install: $bin" >&2
    exit 1
  }
done
log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
# The first line only, read in full first: `| head -n1` closes the pipe early and rg then
# prints "error: broken pipe" into a passing run.
first_line() { local out; out="$("$@" 2>/dev/null)" || true; printf '%s' "${out%%$'\n'*}"; }
log "ripgrep: $(first_line /usr/bin/rg --version)"
log "neovim: $(first_line nvim --version)"
