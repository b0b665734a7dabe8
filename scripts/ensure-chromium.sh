#!/usr/bin/env bash
# The browser test needs headless Chromium (Debian's package). Install it when missing
# and we may; otherwise say so — the browser test then fails with this hint.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser test…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk) >/dev/null 2>&1 \
    || echo "warning: could not install chromium with apt-get"
else
  echo "warning: chromium is not installed; install Debian's 'chromium' package (sudo apt-get install chromium)"
fi
exit 0
