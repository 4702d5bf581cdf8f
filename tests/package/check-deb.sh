#!/usr/bin/env bash
# Builds the .deb (debug profile: fast), installs it, checks what it put on
# the system (binary, desktop entry, icons, browser host manifests), launches the *installed* app under the current X display, runs the
# installed CLI, then removes the package. Needs root (or sudo) and a DISPLAY
# (test-all.sh runs it under xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
out=target/e2e
mkdir -p "$out"

# Named explicitly: the CLI otherwise guesses the app and frontend folders and
# can pick another package.json or tauri.conf.json in the tree (bench peers,
# the benchmark's minimal window).
TAURI_APP_PATH="$PWD/src-tauri" TAURI_FRONTEND_PATH="$PWD/ui" ui/node_modules/.bin/tauri build --debug --bundles deb >/dev/null
deb="$(ls -t "${CARGO_TARGET_DIR:-target}"/debug/bundle/deb/*.deb | head -1)"
version="$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="sidenote"))')"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version is not the workspace version $version"
for field in Description Maintainer Homepage Depends; do
  [ -n "$(dpkg-deb -f "$deb" "$field")" ] || fail "control field $field is empty"
done

$SUDO dpkg -i "$deb" >/dev/null
trap '$SUDO dpkg -r sidenote >/dev/null 2>&1 || true' EXIT

[ -x /usr/bin/sidenote ] || fail "/usr/bin/sidenote missing"
desktop=/usr/share/applications/Sidenote.desktop
[ -f "$desktop" ] || fail "$desktop missing"
grep -q '^Exec=sidenote %U$' "$desktop" || fail "Exec line should pass files and links: $(grep ^Exec "$desktop")"
grep -q '^Icon=sidenote$' "$desktop" || fail "Icon line"
for mime in text/html text/plain text/markdown application/epub+zip x-scheme-handler/sidenote; do
  grep -q "^MimeType=.*$mime;" "$desktop" || fail "MimeType lacks $mime"
done
grep -q '^Categories=Office;Viewer;Education;$' "$desktop" || fail "Categories"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop" || fail "desktop-file-validate"; fi
for size in 32x32 128x128 512x512; do
  [ -f "/usr/share/icons/hicolor/$size/apps/sidenote.png" ] || fail "icon $size missing"
done
[ -f /usr/share/icons/hicolor/scalable/apps/sidenote.svg ] || fail "scalable icon missing"

# The browser connection: one host manifest per browser, naming the installed
# binary and only our extension; the installed binary answers as a host.
host=app.sidenote.reader
for manifest in /usr/lib/mozilla/native-messaging-hosts/$host.json /etc/chromium/native-messaging-hosts/$host.json \
  /etc/opt/chrome/native-messaging-hosts/$host.json; do
  [ -f "$manifest" ] || fail "$manifest missing"
  python3 - "$manifest" <<'PY' || fail "$manifest is not the host manifest for /usr/bin/sidenote"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["name"] == "app.sidenote.reader" and m["path"] == "/usr/bin/sidenote" and m["type"] == "stdio", m
if "mozilla" in sys.argv[1]:
    assert m["allowed_extensions"] == ["capture@sidenote.reader"], m
else:
    assert m["allowed_origins"] == ["chrome-extension://mmdnojkimbdeholjphacklkmodlfpgik/"], m
PY
done
python3 - <<'PY' || fail "the installed binary does not answer a browser's ping"
import json, struct, subprocess
ping = json.dumps({"type": "ping"}).encode()
out = subprocess.run(["/usr/bin/sidenote", "chrome-extension://mmdnojkimbdeholjphacklkmodlfpgik/"], input=struct.pack("=I", len(ping)) + ping,
                     capture_output=True, timeout=30, env={"PATH": "/usr/bin:/bin"}).stdout
(length,) = struct.unpack("=I", out[:4])
reply = json.loads(out[4:4 + length])
assert reply["ok"] is True and reply["version"], reply
PY

# The installed CLI works headless.
[ "$(env -u DISPLAY /usr/bin/sidenote --version)" = "sidenote $version" ] || fail "--version"
lib="$(mktemp -d)"
id="$(env -u DISPLAY /usr/bin/sidenote --library "$lib" import tests/e2e/fixtures/lighthouse.txt)"
shown="$(env -u DISPLAY /usr/bin/sidenote --library "$lib" show "$id")"
case "$shown" in "The Keeper of Skerry Light"*) ;; *) fail "installed CLI import/show: $shown" ;; esac

# The installed app opens a window.
XDG_CONFIG_HOME="$lib/xdg" /usr/bin/sidenote --library "$lib" >/dev/null 2>&1 &
app_pid=$!
found=""
for _ in $(seq 1 100); do
  if xdotool search --name '^Sidenote$' >/dev/null 2>&1; then found=yes; break; fi
  sleep 0.2
done
[ -n "$found" ] || { kill "$app_pid" 2>/dev/null; fail "the installed app's window did not appear"; }
# Wait until the page has painted (the content area is no longer blank).
painted=""
for _ in $(seq 1 60); do
  import -window root "$out/installed-app.png"
  # Inside the window, below its menu bar and the app's top bar: the window
  # is centred on the screen, and the black screen beside it must not count
  # as paint (a blank window passed that way once the window was moved).
  spread="$(convert "$out/installed-app.png" -crop 800x500+100+80 -colorspace gray -format '%[fx:standard_deviation]' info:)"
  if python3 -c "import sys; sys.exit(0 if float('$spread') > 0.02 else 1)"; then painted=yes; break; fi
  sleep 0.5
done
[ -n "$painted" ] || { kill "$app_pid" 2>/dev/null; fail "the installed app's window stayed blank"; }
kill -TERM "$app_pid"; wait "$app_pid" 2>/dev/null || true

# The icon as a file manager shows it: the installed 128px icon and the entry's name.
name="$(sed -n 's/^Name=//p' "$desktop")"
convert -size 360x260 gradient:'#3b4a5e'-'#222a35' \
  /usr/share/icons/hicolor/128x128/apps/sidenote.png -gravity north -geometry +0+42 -composite \
  -font DejaVu-Sans -fill white -pointsize 20 -gravity north -annotate +0+188 "$name" "$out/desktop-icon.png"

$SUDO dpkg -r sidenote >/dev/null
trap - EXIT
[ ! -e /usr/bin/sidenote ] || fail "/usr/bin/sidenote still present after removal"
[ ! -e /etc/chromium/native-messaging-hosts/$host.json ] || fail "the Chromium host manifest is still present after removal"
rm -rf "$lib"
echo "check-deb: ok ($deb installed, launched, used and removed)"
