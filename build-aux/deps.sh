#!/usr/bin/env bash
# deps.sh: installs the Debian 12 packages Sightline needs, only those missing.
# Runs as root, or through sudo when there is one.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libgtk-4-bin libadwaita-1-dev libjson-glib-dev
  libsodium-dev libsqlcipher-dev sqlcipher libssl-dev libreadstat-dev zlib1g-dev
  libpwquality-dev cracklib-runtime
  desktop-file-utils appstream
  xvfb xauth imagemagick xdotool dbus at-spi2-core python3-pyatspi age pspp
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "sightline: these packages are missing and this is not root: ${missing[*]}" >&2
    echo "sightline: install them as root (apt-get install ...), then run this again" >&2
    exit 1
  fi
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
