#!/usr/bin/env bash
# Sourced by scripts/test.sh: installs Debian's chromium when missing (Playwright's own
# browser download cannot work on our closed network) and exports its path.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: install Debian's 'chromium' package (apt-get install chromium)" >&2
    exit 1
  fi
fi
export DOMAIN_SPLIT_CHROMIUM="$(command -v chromium)"
