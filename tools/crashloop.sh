#!/usr/bin/env bash
# crashloop.sh: N times, starts one piece of work on a vault in a child
# process (a bundle import, a bundle export, a burst of edits, a passphrase
# change), kills it with SIGKILL at a random moment, then checks that the
# vault opens, that `check` and `audit` pass, and that every change the
# child reported committed before the kill is there. Reports runs,
# corrupted vaults and lost changes; exits 1 if there was either.
#
# Usage: tools/crashloop.sh N [BUILD_DIR]   (default BUILD_DIR: build)
# CRASHLOOP_ONLY=import|export|edits|passwd runs one kind of work only;
# CRASHLOOP_VERBOSE=1 says what each edits run found.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:?usage: tools/crashloop.sh N [BUILD_DIR]}
build=${2:-build}
cli="$PWD/$build/src/cli/sightline-cli"
if [ ! -x "$cli" ]; then
  echo "crashloop: $cli is missing; build first (meson setup $build && ninja -C $build)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sightline-crashloop-XXXXXX")
trap 'rm -rf "$work"' EXIT
pass1='correct horse battery staple'
pass2='violet marmalade under the bridge'
cheap=(--kdf-memory 8 --kdf-passes 1)

as () { local pass=$1; shift; printf '%s\n' "$pass" | "$cli" "$@" --passphrase-fd 0; }

# Random microseconds in [0, max)
rand_us () { echo $(( (RANDOM * 32768 + RANDOM) % $1 )); }

# Runs "$@" in the background in a process group of its own, and kills
# the whole group (the shell and the sightline-cli it started) after $delay
# microseconds, then waits until every process of the group is gone.
kill_after () {
  local delay=$1; shift
  setsid "$@" > "$work/child.out" 2>&1 &
  local pid=$!
  sleep "$(awk "BEGIN { printf \"%.6f\", $delay / 1e6 }")"
  kill -9 -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  while pgrep -g "$pid" > /dev/null 2>&1; do sleep 0.01; done
}

# The vault opens with $2, `check` and `audit` pass.
sound () {
  local vault=$1 pass=$2
  as "$pass" check "$vault" > /dev/null 2>&1 && as "$pass" audit "$vault" > /dev/null 2>&1
}

count_records () {
  as "$1" record list "$2" victim 2>/dev/null | grep -c . || true
}

echo "Setting up (not counted)..."
printf '%s\n' "$pass1" | "$cli" create "$work/laptop" --new-passphrase-fd 0 "${cheap[@]}" > /dev/null 2>&1
printf '%s\n' "$pass1" | "$cli" create "$work/office" --new-passphrase-fd 0 "${cheap[@]}" > /dev/null 2>&1
as "$pass1" identity "$work/laptop" --name Laptop > "$work/laptop.card"
as "$pass1" identity "$work/office" --name Office > "$work/office.card"
as "$pass1" peer add "$work/laptop" "$work/office.card" > /dev/null
as "$pass1" peer add "$work/office" "$work/laptop.card" > /dev/null
office_id=$(as "$pass1" peer list "$work/laptop" | cut -c1-16)
sub=$(as "$pass1" record add "$work/laptop" submission reference=CFE-001)
{
  echo "label,age,gender"
  for i in $(seq 1 1500); do echo "Child $i,$((8 + i % 10)),female"; done
} | sed "1s/^/parent,/; 2,\$s/^/$sub,/" > "$work/people.csv"
as "$pass1" import "$work/laptop" victim "$work/people.csv" > /dev/null
people=$(count_records "$pass1" "$work/laptop")
as "$pass1" bundle export "$work/laptop" --to "$office_id" -o "$work/large.slbundle" > /dev/null
cp -r "$work/office" "$work/office.pristine"
victim=$(as "$pass1" record list "$work/laptop" victim | awk 'NR == 1 { print substr($1, 1, 8) }')

# How long the slow steps take, to spread the kills over them.
start=$(date +%s%N)
as "$pass1" bundle import "$work/office" "$work/large.slbundle" > /dev/null
import_us=$(( ($(date +%s%N) - start) / 1000 ))
start=$(date +%s%N)
as "$pass1" bundle export "$work/laptop" --to "$office_id" -o "$work/timing.slbundle" --full > /dev/null
export_us=$(( ($(date +%s%N) - start) / 1000 ))
laptop_pass=$pass1

corrupted=0
lost=0
declare -A done_kinds=()
for run in $(seq 1 "$runs"); do
  kind=$(( RANDOM % 4 ))
  case ${CRASHLOOP_ONLY:-} in
    import) kind=0;; export) kind=1;; edits) kind=2;; passwd) kind=3;;
  esac
  case $kind in
    0) # import: all of the bundle or none of it
      rm -rf "$work/office"; cp -r "$work/office.pristine" "$work/office"
      kill_after "$(rand_us $(( import_us * 5 / 4 )))" \
        sh -c "printf '%s\n' '$pass1' | '$cli' bundle import '$work/office' '$work/large.slbundle' --passphrase-fd 0"
      if ! sound "$work/office" "$pass1"; then
        corrupted=$((corrupted + 1)); echo "run $run (import): the vault is damaged"
      else
        n=$(count_records "$pass1" "$work/office")
        if [ "$n" != 0 ] && [ "$n" != "$people" ]; then
          lost=$((lost + 1)); echo "run $run (import): part of the bundle: $n of $people people"
        fi
      fi
      done_kinds[import]=$(( ${done_kinds[import]:-0} + 1 ));;
    1) # export: the laptop sound; the file whole or absent
      rm -f "$work/out.slbundle"
      kill_after "$(rand_us $(( export_us * 5 / 4 )))" \
        sh -c "printf '%s\n' '$laptop_pass' | '$cli' bundle export '$work/laptop' --to '$office_id' -o '$work/out.slbundle' --full --passphrase-fd 0"
      if ! sound "$work/laptop" "$laptop_pass"; then
        corrupted=$((corrupted + 1)); echo "run $run (export): the vault is damaged"
      elif [ -e "$work/out.slbundle" ]; then
        rm -rf "$work/check"; cp -r "$work/office.pristine" "$work/check"
        if ! as "$pass1" bundle decrypt "$work/check" "$work/out.slbundle" -o "$work/check.txt" > /dev/null 2>&1; then
          corrupted=$((corrupted + 1)); echo "run $run (export): a half-written bundle was left"
        fi
        rm -f "$work/check.txt"
      fi
      done_kinds[export]=$(( ${done_kinds[export]:-0} + 1 ));;
    2) # a burst of edits: each one reported saved is there
      : > "$work/edits.log"
      cat > "$work/edits.sh" <<EDITS
for n in \$(seq 1 200); do
  printf '%s\n' '$laptop_pass' | '$cli' record edit '$work/laptop' '$victim' "missing_episodes=\$n" --passphrase-fd 0 > /dev/null 2>&1 && echo "\$n" >> '$work/edits.log'
done
EDITS
      kill_after "$(rand_us 3000000)" sh "$work/edits.sh"
      if ! sound "$work/laptop" "$laptop_pass"; then
        corrupted=$((corrupted + 1)); echo "run $run (edits): the vault is damaged"
      else
        last=$(tail -1 "$work/edits.log" 2>/dev/null || true)
        if [ -n "$last" ]; then
          stored=$(as "$laptop_pass" record show "$work/laptop" "$victim" 2>/dev/null | sed -n 's/^Missing episodes: *//p')
          # The kill may land after a commit and before its line is written.
          [ -n "${CRASHLOOP_VERBOSE:-}" ] && echo "run $run (edits): reported $last, holds $stored"
          if [ "$stored" != "$last" ] && [ "$stored" != "$((last + 1))" ]; then
            lost=$((lost + 1)); echo "run $run (edits): $last was reported saved, the vault holds '$stored'"
          fi
        fi
      fi
      done_kinds[edits]=$(( ${done_kinds[edits]:-0} + 1 ));;
    3) # a passphrase change: exactly one of the two opens it
      if [ "$laptop_pass" = "$pass1" ]; then new=$pass2; else new=$pass1; fi
      kill_after "$(rand_us 400000)" \
        sh -c "printf '%s\n%s\n' '$laptop_pass' '$new' | '$cli' passwd '$work/laptop' --passphrase-fd 0 --new-passphrase-fd 0 --kdf-memory 8 --kdf-passes 1"
      old_ok=0; new_ok=0
      as "$laptop_pass" check "$work/laptop" > /dev/null 2>&1 && old_ok=1
      as "$new" check "$work/laptop" > /dev/null 2>&1 && new_ok=1
      if [ $((old_ok + new_ok)) -ne 1 ]; then
        corrupted=$((corrupted + 1)); echo "run $run (passwd): old opens: $old_ok, new opens: $new_ok"
      elif [ $new_ok = 1 ]; then
        laptop_pass=$new
      fi
      if ! sound "$work/laptop" "$laptop_pass"; then
        corrupted=$((corrupted + 1)); echo "run $run (passwd): the vault is damaged"
      fi
      done_kinds[passwd]=$(( ${done_kinds[passwd]:-0} + 1 ));;
  esac
done

echo "crashloop: $runs runs (import ${done_kinds[import]:-0}, export ${done_kinds[export]:-0}," \
     "edits ${done_kinds[edits]:-0}, passwd ${done_kinds[passwd]:-0}):" \
     "$corrupted corrupted vaults, $lost lost changes"
[ "$corrupted" -eq 0 ] && [ "$lost" -eq 0 ]
