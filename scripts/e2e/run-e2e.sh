#!/usr/bin/env bash
# `npm run test:e2e`: the real-editor tests, from a clean clone (after `npm ci`).
#   1. Debian packages (chromium, neovim, build headers...): scripts/e2e/install-system-deps.sh
#   2. code-server 4.100.3, cached in .cache/code-server: scripts/e2e/setup-code-server.sh
#   3. `npm run package` (builds dist/ and the .vsix), `tsc -p .` (the test files)
#   4. mocha --config test/e2e/.mocharc.json: the .vsix contents, Neovim, the in-editor suite in
#      code-server (trusted and Restricted Mode) and the Playwright UI test.
# Steps 1-2 are idempotent and take < 2 s when done. E2E_SKIP_COMPILE=1 skips `tsc` (npm test has
# just compiled). Artifacts (logs, screenshots, results) are in test-results/.
set -euo pipefail
cd "$(dirname "$0")/../.."

T0=$(date +%s)
step() {
  local name=$1
  shift
  local t=$(date +%s)
  printf '\n::: [e2e %4ss] %s\n' "$(($(date +%s) - T0))" "$name"
  "$@"
  printf '::: [e2e] %s done in %ss\n' "$name" "$(($(date +%s) - t))"
}
trap 'rc=$?; printf "\n::: [e2e] %s after %ss. Artifacts: test-results/ (logs/, screenshots/, *.results.json)\n" "$([ $rc -eq 0 ] && echo passed || echo "FAILED (exit $rc)")" "$(($(date +%s) - T0))"' EXIT

mkdir -p test-results
step "system packages" bash scripts/e2e/install-system-deps.sh
step "code-server" bash scripts/e2e/setup-code-server.sh
step "package (build + vsce)" npm run --silent package
if [ "${E2E_SKIP_COMPILE:-0}" != 1 ]; then
  step "compile tests" npx tsc -p .
fi
step "mocha (e2e)" npx mocha --config test/e2e/.mocharc.json "$@"
