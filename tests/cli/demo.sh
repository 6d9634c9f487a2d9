#!/usr/bin/env bash
# accord demo: runs on the embedded model, says what the model is, prints its title and
# the report, and keeps stderr clean when it is not a terminal.
source "$(dirname "$0")/lib.bash"

expect_exit 0 "$ACCORD" demo
grep -qi 'illustrative' "$TMP/out" || fail "demo says the model is illustrative"
grep -qi 'estimate' "$TMP/out" || fail "demo says the preferences are estimates"
grep -q '^Peace plan 2025' "$TMP/out" || fail "demo prints the model's title"
grep -q 'Pareto frontier' "$TMP/out" || fail "demo prints the analysis"
grep -q 'Ukraine' "$TMP/out" || fail "demo names the parties"
grep -q 'points agreed' "$TMP/out" || fail "demo reports the draft's progress"
[ -s "$TMP/err" ] && fail "stderr stays empty: $(head -3 "$TMP/err")"

# the demo and analyze @default agree on the report
"$ACCORD" analyze @default >"$TMP/analyze.txt" 2>/dev/null ||
  fail "analyze @default exits 0"
grep -q -F -f <(grep '^Pareto frontier' "$TMP/out") "$TMP/analyze.txt" ||
  fail "demo and analyze @default report the same frontier"

finish
