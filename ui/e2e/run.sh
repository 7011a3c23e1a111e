#!/usr/bin/env bash
# Browser suite against the running platform (deploy/local/up.sh): headless Debian Chromium driven
# by playwright-core, real Keycloak logins. Installs Chromium from Debian packages when missing
# (a test tool must never download its own browser here).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x /usr/bin/chromium ]]; then
  echo "installing Debian chromium (once)"
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
[[ -d node_modules ]] || npm ci --no-audit --no-fund
exec npm run --silent e2e
