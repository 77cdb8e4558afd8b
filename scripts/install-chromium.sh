#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (the widget, the dashboard, the API reference).
# playwright-core drives it through executablePath; Playwright's own browser download cannot run
# on a machine that reaches only the npm registry and Debian's packages. Idempotent.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "install-chromium: $(/usr/bin/chromium --version)"
