#!/usr/bin/env bash
# Install the Debian packages the test suite needs when they are missing:
# chromium (browser tests), postgresql (the second database), gettext (catalog checks),
# LibreOffice Writer and Liberation fonts (documents open in LibreOffice, PDF copies).
# `apt-get update` runs once, and only when something has to be installed.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -qi "liberation serif" || missing+=(fonts-liberation)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "Missing packages ${missing[*]} and no root rights: install them with apt-get." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
