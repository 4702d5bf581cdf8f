#!/usr/bin/env bash
# Renders icons/sidenote.svg (our own design) to every size Tauri and the
# desktop need. Needs rsvg-convert (librsvg2-bin) and ui/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
rsvg-convert -w 1024 -h 1024 icons/sidenote.svg -o icons/source-1024.png
(cd ui && npx tauri icon ../icons/source-1024.png -o ../icons) >/dev/null 2>&1
rm -f icons/source-1024.png
# Mobile and Windows-store sizes are not used by a desktop Linux/macOS/Windows build.
rm -rf icons/android icons/ios icons/Square*Logo.png icons/StoreLogo.png
