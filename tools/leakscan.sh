#!/usr/bin/env bash
# leakscan.sh: runs a whole workflow through sightline-cli with planted
# names and numbers (create two vaults, record a submission, a visit and
# coded people with notes, mark names, review, sync both ways by bundle,
# show redacted notes, resolve a conflict, write an analyst pack), then
# through the application in a virtual X server (tools/leakscan-app.py:
# unlock, search for a planted name, type planted names into a note, copy
# it, lock; the clipboard and primary selection must then be empty of
# them), with HOME and the temporary folder pointed at a scratch folder.
# Then it searches every file the run left anywhere under that folder (the
# vaults, bundles and pack included, the app's settings, recent files and
# caches), for every planted string, as written, in lower and upper case,
# in UTF-16 and base64. Any hit is a leak: it is reported and the script
# exits 1. Core dumps are allowed, so that one written would be found.
#
# Usage: tools/leakscan.sh [BUILD_DIR]   (default BUILD_DIR: build)
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
cli="$PWD/$build/src/cli/sightline-cli"
if [ ! -x "$cli" ]; then
  echo "leakscan: $cli is missing; build first (meson setup $build && ninja -C $build)" >&2
  exit 2
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/sightline-leakscan-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/tmp" "$scratch/work"
export HOME="$scratch/home" TMPDIR="$scratch/tmp" XDG_CACHE_HOME="$scratch/home/.cache" \
       XDG_CONFIG_HOME="$scratch/home/.config" XDG_DATA_HOME="$scratch/home/.local/share" \
       XDG_STATE_HOME="$scratch/home/.local/state"
ulimit -c unlimited 2>/dev/null || true   # a core dump, if one were written, would be found
root=$PWD
cd "$scratch/work"

pass='correct horse battery staple'
as () { printf '%s\n' "$pass" | "$cli" "$@" --passphrase-fd 0; }

# Made-up identifiers, as a panel member would write them.
planted=(
  "Philippa Quenby" "Quenby" "Rhiannon Tregarthen" "Tregarthen" "Darius Olowokandi"
  "07700 900871" "07700900871" "943 476 5919" "9434765919" "OL9 6QZ" "Hollybank Lodge"
  "Crompton Fold Academy" "Qadir's Taxis"
  # typed into the application
  "Tamsin Greatorex" "Greatorex" "14 Wrexham Close" "07700 900456"
)

printf '%s\n' "$pass" | "$cli" create laptop --new-passphrase-fd 0 --kdf-memory 8 --kdf-passes 1 > /dev/null
printf '%s\n' "$pass" | "$cli" create office --new-passphrase-fd 0 --kdf-memory 8 --kdf-passes 1 > /dev/null
as identity laptop --name Laptop > laptop.card
as identity office --name Office > office.card
as peer add laptop office.card > /dev/null
as peer add office laptop.card > /dev/null
office_id=$(as peer list laptop | cut -c1-16)
laptop_id=$(as peer list office | cut -c1-16)

visit=$(as record add laptop site_visit reference=SV-77 \
  "notes=Philippa Quenby (14, NHS 943 476 5919) said Darius Olowokandi drove her from Hollybank Lodge to Crompton Fold Academy in a Qadir's Taxis car. Mum: 07700 900871, OL9 6QZ.")
victim=$(as record add laptop victim label=Victim-1 age=14 gender=female --parent "$visit" \
  "notes=Rhiannon Tregarthen, Philippa's friend, rang 07700900871 from OL9 6QZ.")
as record add laptop perpetrator label=Suspect-1 --parent "$visit" > /dev/null
as pseudonym add laptop "$visit" "Philippa Quenby" --kind person --role child > /dev/null
as pseudonym add laptop "$visit" "Rhiannon Tregarthen" --kind person --role child > /dev/null
as pseudonym add laptop "$visit" "Darius Olowokandi" --kind person --role suspect > /dev/null
as pseudonym add laptop "$visit" "Hollybank Lodge" --kind institution --role home > /dev/null
as pseudonym add laptop "$visit" "Crompton Fold Academy" --kind institution --role school > /dev/null
as pseudonym add laptop "$visit" "Qadir's Taxis" --kind institution --role taxi > /dev/null
as note show laptop "$visit" --redacted > /dev/null
as note review laptop "$visit" > /dev/null
as note review laptop "$victim" > /dev/null

# Sync both ways, with a conflict settled on the way.
as bundle export laptop --to "$office_id" -o to-office.slbundle > /dev/null
as bundle import office to-office.slbundle --dry-run > /dev/null
as bundle import office to-office.slbundle > /dev/null
as record edit laptop "$victim" age=15 > /dev/null
as record edit office "$victim" age=16 > /dev/null
as bundle export office --to "$laptop_id" -o to-laptop.slbundle > /dev/null
as bundle import laptop to-laptop.slbundle > /dev/null
clock=$(as conflicts list laptop | awk '/^  /{ print $2; exit }')
as conflicts resolve laptop "$victim" age "$clock" > /dev/null
as bundle export laptop --to "$office_id" -o to-office-2.slbundle > /dev/null
as bundle import office to-office-2.slbundle > /dev/null
as audit laptop > /dev/null
as audit office > /dev/null
as record list office victim --format csv > /dev/null
as tables office > /dev/null
as pack office -o pack > /dev/null

# The application, driven as a person would drive it.
app="$root/$build/src/ui/sightline"
app_status=0
if [ ! -x "$app" ]; then
  echo "leakscan: the application part is skipped: $app is not built (-Dui=false?)"
elif ! command -v xvfb-run > /dev/null || ! command -v dbus-run-session > /dev/null ||
     ! command -v xdotool > /dev/null || ! /usr/bin/python3 -c 'import pyatspi' 2> /dev/null; then
  echo "leakscan: the application part is skipped: it needs xvfb-run, dbus-run-session," \
       "xdotool and python3-pyatspi (build-aux/deps.sh installs them)"
else
  # Its own display numbers, away from the :99 the test suite's X server
  # may still hold as it shuts down; and a second try if the app could not
  # even be reached (status 2 is never a leak: that is 1).
  for attempt in 1 2; do
    app_status=0
    printf '%s\n' "$pass" |
      GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$root/$build/data" \
      xvfb-run -a -n 140 -e "$scratch/xvfb.log" -s '-screen 0 1280x800x24' dbus-run-session -- \
      /usr/bin/python3 "$root/tools/leakscan-app.py" "$app" laptop SV-77 \
        3< <(printf '%s\n' "Philippa Quenby" "Tamsin Greatorex" "14 Wrexham Close" "07700 900456") \
        2> "$scratch/app.log" || app_status=$?
    [ "$app_status" -ne 2 ] && break
  done
  if [ "$app_status" -eq 2 ]; then
    tail -n 20 "$scratch/app.log" "$scratch/xvfb.log" >&2
    echo "leakscan: the application workflow could not be driven (see above)" >&2
    exit 2
  fi
fi

# The search itself is checked first: a control file with one planted
# string must be found.
printf 'control: %s\n' "${planted[0]}" > "$scratch/control.txt"

utf16_pattern () {
  printf '%s' "$1" | iconv -f UTF-8 -t UTF-16LE | od -An -v -tx1 | tr -s ' \n' ' ' |
    sed 's/^ //; s/ $//; s/\([0-9a-f][0-9a-f]\)/\\x\1/g; s/ //g'
}

search () {
  local f=$1 hits=0
  for s in "${planted[@]}"; do
    upper=$(printf '%s' "$s" | tr '[:lower:]' '[:upper:]')
    lower=$(printf '%s' "$s" | tr '[:upper:]' '[:lower:]')
    b64=$(printf '%s' "$s" | base64 -w0 | tr -d '=')
    for needle in "$s" "$upper" "$lower" "$b64"; do
      if grep -qaF -- "$needle" "$f"; then
        echo "leakscan: \"$s\" found in ${f#"$scratch"/}"
        hits=$((hits + 1))
      fi
    done
    if LC_ALL=C grep -qaP -- "$(utf16_pattern "$s")" "$f"; then
      echo "leakscan: \"$s\" found (UTF-16) in ${f#"$scratch"/}"
      hits=$((hits + 1))
    fi
  done
  return "$hits"
}

if search "$scratch/control.txt" > /dev/null; then
  echo "leakscan: the search does not find a planted string in a control file; it is broken" >&2
  exit 2
fi
rm "$scratch/control.txt"

files=0
found=0
while IFS= read -r -d '' f; do
  files=$((files + 1))
  search "$f" || found=$((found + $?))
done < <(find "$scratch" -type f -print0)

echo "leakscan: ${#planted[@]} planted strings, $files files searched (the vaults, bundles," \
     "pack and everything else the run wrote under HOME and TMPDIR), $found found"
[ "$found" -eq 0 ] && [ "$app_status" -eq 0 ]
