#!/usr/bin/env bash
# test.sh: installs what is missing, builds with warnings as errors under
# AddressSanitizer and UndefinedBehaviorSanitizer, and runs every test (the
# UI tests in a virtual X server), then fuzzes each parser for 5 seconds
# (tools/fuzz.sh), kills the CLI at random moments 8 times
# (tools/crashloop.sh) and searches what a whole workflow through the CLI
# and the application left behind for planted identifiers
# (tools/leakscan.sh). Ends with one line: N passed, N failed,
# N skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/deps.sh || exit 1

dir=build-test
if [ -f "$dir/build.ninja" ]; then
  meson setup --reconfigure "$dir" >/dev/null || exit 1
else
  meson setup "$dir" --buildtype=debug -Dwerror=true -Db_sanitize=address,undefined \
    -Db_lundef=false || exit 1
fi
ninja -C "$dir" || exit 1

xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C "$dir" --print-errorlogs --num-processes 2
status=$?

# A short fuzzing run (tools/fuzz.sh: clang, its own build-fuzz/), counted as
# one more test: any crash, leak or hang in a parser fails it.
tools/fuzz.sh 5
fuzz_status=$?
if [ "$fuzz_status" -ne 0 ]; then
  status=1
fi

# A short crash loop and the leak scan, each counted as one more test.
ASAN_OPTIONS=detect_leaks=0 tools/crashloop.sh 8 "$dir"
crash_status=$?
ASAN_OPTIONS=detect_leaks=0 tools/leakscan.sh "$dir"
leak_status=$?
if [ "$crash_status" -ne 0 ] || [ "$leak_status" -ne 0 ]; then
  status=1
fi

# Count from meson's own log: each TAP subtest, or the whole test when it
# speaks no TAP. (The log holds each test's environment: keep it private.)
python3 - "$dir/meson-logs/testlog.json" "$fuzz_status" "$crash_status" "$leak_status" <<'PY'
import json, re, sys
passed = failed = skipped = 0
for extra in sys.argv[2:]:
    if extra == "0":
        passed += 1
    else:
        failed += 1
for line in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(line)
    out = t.get("stdout") or ""
    oks = len(re.findall(r"^ok \d+", out, re.M))
    skips = len(re.findall(r"^ok \d+ .*# SKIP", out, re.M))
    bad = len(re.findall(r"^not ok \d+", out, re.M))
    plan = re.search(r"^1\.\.(\d+)", out, re.M)
    if plan and t["result"] == "OK" and bad == 0:
        # a long log may be cut short: trust the plan of a passing test
        oks = max(oks, int(plan.group(1)))
    if oks or bad:
        passed += oks - skips
        skipped += skips
        failed += bad
        if t["result"] not in ("OK", "SKIP", "EXPECTEDFAIL") and bad == 0:
            failed += 1   # crashed or timed out between subtests
    elif t["result"] == "OK":
        passed += 1
    elif t["result"] == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
