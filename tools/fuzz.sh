#!/usr/bin/env bash
# fuzz.sh [SECONDS_PER_TARGET]: builds the libFuzzer targets in fuzz/ with
# clang (in build-fuzz/, under AddressSanitizer and UndefinedBehaviorSanitizer),
# runs each for SECONDS_PER_TARGET seconds (default 60) on a copy of its seed
# corpus, and prints one line per target: "fuzz-csv: N runs, 0 crashes".
#
# Exits non-zero when a target crashed (or leaked, hung, ran out of memory or
# hit a GLib critical). Its input is kept in fuzz/crashes/ (not in git) with a
# .txt beside it: the command that reproduces it and the sanitizer's report.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-60}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: tools/fuzz.sh [SECONDS_PER_TARGET]" >&2
  exit 2
fi

dir=build-fuzz
targets=(fuzz-age fuzz-bundle fuzz-card fuzz-codebook fuzz-csv fuzz-redactor fuzz-returns)
cctv="$root/../shared/testdata/age-cctv"

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: clang is missing (build-aux/deps.sh installs clang and libclang-rt-14-dev)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sightline-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT

# The same options every time, so that a crash reproduces with the command
# written beside it. A GLib critical is a bug when outside input causes it.
export ASAN_OPTIONS=handle_sigtrap=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export G_DEBUG=fatal-criticals
export G_SLICE=always-malloc
env_line="ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS G_DEBUG=$G_DEBUG G_SLICE=$G_SLICE"

if [ ! -f "$dir/build.ninja" ]; then
  if ! CC=clang meson setup "$dir" -Dfuzz=true -Dui=false -Dwerror=false \
       -Db_sanitize=address,undefined -Db_lundef=false >"$work/setup.log" 2>&1; then
    tail -n 30 "$work/setup.log" >&2
    echo "fuzz: could not configure $dir" >&2
    exit 1
  fi
fi
if ! ninja -C "$dir" "${targets[@]/#/fuzz/}" >"$work/build.log" 2>&1; then
  tail -n 30 "$work/build.log" >&2
  echo "fuzz: could not build the targets in $dir (configured with -Dfuzz=true and CC=clang?)" >&2
  exit 1
fi

# The public age test vectors (C2SP CCTV), when this machine has them: the
# age file after each one's header, read in place, never copied into git.
add_cctv () {
  python3 - "$cctv" "$1" <<'PY'
import os, sys, zlib
src, dst = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    path = os.path.join(src, name)
    if name == "README.md" or os.path.getsize(path) > 65536:
        continue
    data = open(path, "rb").read()
    head, sep, body = data.partition(b"\n\n")
    if not sep:
        continue
    if b"compressed: zlib" in head:
        try:
            body = zlib.decompress(body)
        except zlib.error:
            continue
    if len(body) <= 65536:
        open(os.path.join(dst, "cctv-" + name), "wb").write(body)
PY
}

failed=0
for t in "${targets[@]}"; do
  corpus="$work/$t"
  artifacts="$work/$t-artifacts"
  log="$work/$t.log"
  mkdir -p "$corpus" "$artifacts"
  cp fuzz/corpus/"$t"/* "$corpus"/
  if [ "$t" = fuzz-age ] && [ -d "$cctv" ]; then
    add_cctv "$corpus"
  fi

  # libFuzzer's default schedule (entropic) weighs every feature a run
  # touches; the redactor touches some 50,000 and spent 70% of its time
  # there (perf): 59 runs a second against 679 with the older schedule,
  # which also reached more code in 10 seconds (15,220 edges against
  # 13,044). Only the redactor gains; the other targets keep the default.
  schedule=()
  if [ "$t" = fuzz-redactor ]; then
    schedule=(-entropic=0)
  fi

  timeout -s INT $((seconds + 300)) "$dir/fuzz/$t" "${schedule[@]}" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1
  status=$?

  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
  if [ "$status" -eq 0 ] && [ -n "$runs" ]; then
    echo "$t: $runs runs, 0 crashes"
    continue
  fi

  failed=1
  # No "Done" line after a crash: count the runs from the last status line.
  runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  mkdir -p fuzz/crashes
  unit=$(find "$artifacts" -type f | head -n 1)
  if [ -n "$unit" ]; then
    kept="fuzz/crashes/$t-$(basename "$unit")"
    cp "$unit" "$kept"
    {
      echo "# $t: $(basename "$unit" | cut -d- -f1) found after ${runs:-0} runs"
      echo "# reproduce (from the top of the source tree):"
      echo "$env_line $dir/fuzz/$t $kept"
      echo
      grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|RELOAD)' "$log" | tail -n 80
    } >"$kept.txt"
    echo "$t: ${runs:-0} runs, 1 crash: $kept (reproduce: see $kept.txt)"
  else
    kept="fuzz/crashes/$t-$(date -u +%Y%m%dT%H%M%S).log"
    cp "$log" "$kept"
    echo "$t: ${runs:-0} runs, 1 crash: exit status $status, no input kept (log: $kept)"
  fi
done

exit "$failed"
