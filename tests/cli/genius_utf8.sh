#!/usr/bin/env bash
# Regression (found by fuzz_genius): a GeniusWeb profile whose strings are not UTF-8 must
# be refused at import (exit 1, a clear message), not imported into a model that cannot
# then be written.
set -u
ACCORD=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# the fuzz input's first byte selects the target's mode; the rest is the profile
tail -c +2 tests/bad/fuzz-crashes/fuzz_genius-geniusweb-invalid-utf8 > "$TMP/ua.json"
"$ACCORD" import geniusweb "$TMP/ua.json" > "$TMP/out" 2> "$TMP/err"
rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: exit $rc, expected 1"; cat "$TMP/err"; exit 1; }
grep -q "not valid UTF-8" "$TMP/err" || { echo "FAIL: message"; cat "$TMP/err"; exit 1; }
[ ! -s "$TMP/out" ] || { echo "FAIL: output written"; exit 1; }
echo "1 passed, 0 failed"
