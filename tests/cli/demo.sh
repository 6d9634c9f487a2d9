#!/usr/bin/env bash
# accord demo: runs on the embedded model, says what the model is, prints its title and
# the report, the mediation, a simulated talk, the status of the example record it builds
# itself (in a temporary directory it removes), writes the HTML report and prints its
# path, and keeps stderr clean when it is not a terminal.
source "$(dirname "$0")/lib.bash"

mkdir -p "$TMP/tmpdir"
TMPDIR="$TMP/tmpdir" expect_exit 0 "$ACCORD" demo -o "$TMP/demo.html"
grep -q 'The record of the real talks' "$TMP/out" || fail "demo shows the record's status"
grep -q 'Version 4 of 2025-12-24' "$TMP/out" || fail "demo's record has the 20-point version"
grep -q 'Smallest revision' "$TMP/out" || fail "demo shows the mediation"
grep -q 'accord serve talks.db' "$TMP/out" || fail "demo says how to serve the record"
grep -q "Report written to $TMP/demo.html" "$TMP/out" || fail "demo prints the report's path"
[ -s "$TMP/demo.html" ] || fail "demo writes the report"
grep -q 'record of the talks' "$TMP/demo.html" || fail "the report includes the record"
[ -z "$(ls -A "$TMP/tmpdir")" ] || fail "demo removes its temporary record: $(ls -A "$TMP/tmpdir")"
grep -qi 'illustrative' "$TMP/out" || fail "demo says the model is illustrative"
grep -qi 'estimate' "$TMP/out" || fail "demo says the preferences are estimates"
grep -q '^Peace plan 2025' "$TMP/out" || fail "demo prints the model's title"
grep -q 'Pareto frontier' "$TMP/out" || fail "demo prints the analysis"
grep -q 'Ukraine' "$TMP/out" || fail "demo names the parties"
grep -q 'points agreed' "$TMP/out" || fail "demo reports the draft's progress"
# it ends with the summary of the talks (its numbers: demo_summary.sh)
[ "$(grep -n '^Summary of the talks$' "$TMP/out" | cut -d: -f1)" -gt "$(grep -n '^Report written to' "$TMP/out" | cut -d: -f1)" ] ||
  fail "the summary comes last"
grep -q 'Where the sides stand: Ukraine and the United States agree on 17 of the 20' "$TMP/out" ||
  fail "the summary says where the sides stand"
[ -s "$TMP/err" ] && fail "stderr stays empty: $(head -3 "$TMP/err")"

# it points to the model with US interests, with that model's count of active parties
active=$("$ACCORD" check @us-interests | sed -n 's/.*(\([0-9]*\) active).*/\1/p')
grep -A1 'With the United States as a party of its own' "$TMP/out" | grep -q "($active active" ||
  fail "the demo's pointer to @us-interests (with $active active parties)"
grep -q '^  accord analyze @us-interests$' "$TMP/out" || fail "the demo names accord analyze @us-interests"

# the demo and analyze @default agree on the report
"$ACCORD" analyze @default >"$TMP/analyze.txt" 2>/dev/null ||
  fail "analyze @default exits 0"
grep -q -F -f <(grep '^Pareto frontier' "$TMP/out") "$TMP/analyze.txt" ||
  fail "demo and analyze @default report the same frontier"

finish
