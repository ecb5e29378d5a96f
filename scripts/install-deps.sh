#!/usr/bin/env bash
# Installs every Debian package the project needs and the web UI's npm packages.
# Idempotent and quiet when everything is already present. Run as root (or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libabsl-dev libsimdjson-dev nlohmann-json3-dev
  libsqlite3-dev sqlite3 libzstd-dev libsodium-dev
  libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcld2-dev libicu-dev libvectorscan-dev python3-pattern libcurl4-openssl-dev
  nodejs npm chromium curl python3
  tzdata  # Time zones of business hours (absl::LoadTimeZone reads /usr/share/zoneinfo).
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    # A tool may be present from outside Debian (e.g. a newer Node.js); accept it.
    case "$pkg" in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
    esac
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages of the web UI and the browser tests, pinned by their package-lock.json files.
# Re-installed only when a lock file changed.
for dir in web tests/browser tools/lexicons; do
  if [[ -f $dir/package-lock.json ]]; then
    stamp=$dir/node_modules/.lock-stamp
    if [[ ! -f $stamp ]] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
      echo "install-deps: npm ci in $dir/"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
      cp "$dir/package-lock.json" "$stamp"
    fi
  fi
done
