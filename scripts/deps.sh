#!/usr/bin/env bash
# Installs what the tests need and the machine lacks; does nothing when all
# of it is there. Today that is Debian's chromium, which the browser tests in
# ./web drive headless (without it they are skipped, or fail when CI=true).
# As root it runs `apt-get update` once and `apt-get install -y chromium`;
# otherwise through `sudo -n` when that works without a password, else it
# only says what is missing.
set -euo pipefail

have_chromium() {
  [ -n "${CHROMIUM:-}" ] && [ -x "${CHROMIUM}" ] && return 0
  local b
  for b in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$b" >/dev/null 2>&1 && return 0
  done
  return 1
}

if have_chromium; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps: chromium is missing and there is no apt-get here; install it by hand (the browser tests skip without it)" >&2
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "deps: chromium is missing; run as root: apt-get update && apt-get install -y chromium" >&2
    exit 0
  fi
fi

echo "deps: installing chromium (Debian package) for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
have_chromium || { echo "deps: chromium did not install" >&2; exit 1; }
echo "deps: $(chromium --version 2>/dev/null || echo chromium installed)" >&2
