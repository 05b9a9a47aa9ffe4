#!/usr/bin/env bash
# screenshots.sh: makes the README's screenshots of the main pages, in a
# virtual X server, from a demonstration vault with made-up records.
# Usage: tools/screenshots.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
out=docs/screenshots
cli="$build/src/cli/sightline-cli"
app="$build/src/ui/sightline"
pass='correct horse battery staple'
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
vault="$home/Documents/CSEGG inquiry.sightline"
mkdir -p "$home/Documents" "$out"

run_cli () { printf '%s\n' "$pass" | HOME="$home" "$cli" "$@" --passphrase-fd 0; }

printf '%s\n' "$pass" | HOME="$home" "$cli" create "$vault" --title "CSEGG inquiry" \
  --new-passphrase-fd 0 --kdf-memory 8 --kdf-passes 1 > /dev/null
s1=$(run_cli record add "$vault" submission reference=CFE-001 organisation_type=police \
       region=north_west date_received=14/05/2011 victims_count=12 victims_in_care_count=4 \
       within_window=yes refers_to_children_in_care=yes)
run_cli record add "$vault" submission reference=CFE-002 organisation_type=voluntary_organisation \
  region=london date_received=02/06/2011 victims_count=30 victims_in_care_count=9 within_window=no > /dev/null
run_cli record add "$vault" site_visit reference=SV-01 region=north_west > /dev/null
for i in 1 2 3 4 5 6; do
  run_cli record add "$vault" victim "label=Victim $i" gender=female "age=1$i" missing=yes \
    care_status=foster_care ethnicity_broad=white --parent "$s1" > /dev/null
done

cat > "$home/drive.sh" <<DRIVE
export HOME="$home" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" GTK_A11Y=none
"$app" "$vault" &
sleep 4
import -window root "$out/unlock.png"
xdotool type --delay 20 "$pass"
xdotool key Return
sleep 4
import -window root "$out/list.png"
xdotool key Tab Tab Tab Return
sleep 3
import -window root "$out/form.png"
kill %1
DRIVE
xvfb-run -a -s '-screen 0 960x680x24' sh "$home/drive.sh" > /dev/null 2>&1
for f in unlock list form; do
  convert "$out/$f.png" -crop 960x680+0+0 +repage "$out/$f.png"
done
echo "Wrote $out/unlock.png, $out/list.png and $out/form.png"
