#!/usr/bin/env bash
# Runs every test (unit + end-to-end) from a fresh machine: installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")"

# The end-to-end tests drive Debian's Chromium through Playwright (never `playwright install`:
# browser downloads are blocked here, and Playwright works offline with this executable).
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing chromium (apt)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

dotnet build AdminServer.sln -c Release -warnaserror -nologo -v quiet
dotnet test AdminServer.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
