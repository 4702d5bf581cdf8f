#!/usr/bin/env bash
# Installs everything Sidenote needs to build, run and test on Debian 12 /
# Ubuntu 22.04+: system libraries, the WebDriver stack (and Chromium for the
# browser extension's tests), Node packages and tauri-driver. Idempotent: skips what is already there. Run as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  build-essential pkg-config file curl git
  libwebkit2gtk-4.1-dev libssl-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  librsvg2-bin xvfb xauth webkit2gtk-driver xdotool imagemagick desktop-file-utils fonts-dejavu-core
  # Chinese, Japanese and Korean glyphs for the e2e screenshots of CJK books
  # (1.8 MB download, 7 MB installed; fonts-noto-cjk would be 57 MB).
  fonts-droid-fallback
  # The browser extension's end-to-end tests (tests/browser-e2e).
  chromium chromium-driver
  # Sync's end-to-end test (src-tauri/tests/sync_syncthing.rs): two instances on 127.0.0.1.
  syncthing
)
# Firefox ESR where the distribution has it (Debian); geckodriver is built below.
if apt-cache show firefox-esr >/dev/null 2>&1; then APT_PACKAGES+=(firefox-esr); fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is required (found $(node --version)); install it from your distribution's backports or NodeSource." >&2
  exit 1
fi
if ! command -v cargo >/dev/null; then
  echo "setup: Rust is required: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
# The gates of scripts/test-all.sh need rustfmt and clippy, which a minimal
# rustup profile leaves out.
for tool in rustfmt clippy; do
  probe="$tool"
  [ "$tool" = clippy ] && probe="cargo-clippy"
  if ! "$probe" --version >/dev/null 2>&1; then
    if command -v rustup >/dev/null; then
      echo "setup: installing $tool"
      rustup component add "$tool"
    else
      echo "setup: $tool is missing and there is no rustup to install it with; install your distribution's $tool package." >&2
      exit 1
    fi
  fi
done

if ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi
# Not in Debian's archive; npm's package downloads its binary at install time.
if ! command -v geckodriver >/dev/null; then
  echo "setup: installing geckodriver (about 1.5 minutes)"
  cargo install geckodriver --locked --quiet
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing UI packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -d extension/node_modules ] || [ extension/package-lock.json -nt extension/node_modules/.package-lock.json ]; then
  echo "setup: installing the browser extension's packages"
  (cd extension && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: done"
