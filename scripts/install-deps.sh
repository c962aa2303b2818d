#!/usr/bin/env bash
# Installs what sealpost needs to build, run and test on Debian 12, as root. Idempotent: it installs only
# the packages that are missing, so a second run costs a second or two.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev libboost-dev postgresql
  libssl-dev openssl libxmlsec1-dev xmlsec1 libxml2-dev libxml2-utils
  nlohmann-json3-dev libtomlplusplus-dev libzip-dev libcurl4-openssl-dev curl
  libcjose-dev libjansson-dev nodejs
  libpango1.0-dev libcairo2-dev libqrencode-dev libpodofo-dev fonts-dejavu-core
  libctemplate-dev libicu-dev chromium
  libgtest-dev libgmock-dev libbenchmark-dev
  poppler-utils clang-format unzip
  libsaxonhe-java default-jre-headless  # EN 16931 invoice validation (XSLT 2.0) in the tests
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing packages and not root; run as root or install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Test tools from npm (pinned in package-lock.json), when the project has any.
if [ -f package-lock.json ]; then
  # Debian's nodejs comes without npm; NodeSource's includes it.
  if ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends npm
  fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
fi
