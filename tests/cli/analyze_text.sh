#!/usr/bin/env bash
# accord analyze (text report) on the model of lib.bash: people's names and titles
# rather than ids, the hand-computed counts, the solutions table, the stance matrix and
# progress, and --limit in the frontier table.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"

expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml"
out="$TMP/report.txt"
cp "$TMP/out" "$out"
has() { grep -q -- "$1" "$out" || fail "report lacks: $1"; }
has '^Test talks$'
has 'Alpha Republic'
has 'Beta Union'
has 'Mediator Office.*mediator'
has 'Alpha Republic.*0\.2000'
has '6 outcomes'
has '3 outcomes acceptable to every party (50% of the space)'
has 'Pareto frontier over all outcomes: 5 points'
has 'Nash.*Kalai-Smorodinsky.*Welfare'
# the solutions table: one row per issue with the chosen option titles
has 'Land border.*South to Beta.*South to Beta.*Split evenly'
has 'Reconstruction money.*High payments.*High payments.*Low payments'
has 'product 0.09'
# draft: utilities, stance matrix, progress
has 'Alpha Republic.*0\.7500.*0\.2000.*+0\.5500'
has 'Land border.*Split evenly.*criticise.*criticise'
has 'Reconstruction money.*High payments.*agree.*criticise'
has '0 of 2 points agreed (0%); weighted by salience 0%'
grep -q '"north"\|{"' "$out" && fail "the text report is not JSON"

# the frontier table lists 5 rows by default, 2 with --limit 2 and says what it left out
rows() { awk '/^Pareto frontier/{on=1; next} on && /^  *[0-9]+  /{n++} on && /^$/{exit} END{print n+0}' "$1"; }
[ "$(rows "$out")" = 5 ] || fail "5 frontier rows, got $(rows "$out")"
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --limit 2
[ "$(rows "$TMP/out")" = 2 ] || fail "--limit 2: 2 frontier rows, got $(rows "$TMP/out")"
grep -q '3 more points not shown' "$TMP/out" || fail "--limit says how many were left out"

# --agree-within moves the stances and the progress line
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --agree-within 0.5
grep -q '1 of 2 points agreed (50%); weighted by salience 50%' "$TMP/out" ||
  fail "progress at --agree-within 0.5"

# when the count and the salience-weighted progress differ by more than 15 points, a
# sentence says so: here 3 of 4 points (75%) are agreed but they weigh 3 x 5% = 15%
cat >"$TMP/gap.yaml" <<'YAML'
accord: 1
title: Gap
parties: [{id: a, name: Alpha}]
issues:
  - {id: big, options: [x, y]}
  - {id: s1, options: [x, y]}
  - {id: s2, options: [x, y]}
  - {id: s3, options: [x, y]}
preferences:
  a:
    weights: {big: 85, s1: 5, s2: 5, s3: 5}
    values: {big: {x: 1, y: 0}, s1: {x: 1, y: 0}, s2: {x: 1, y: 0}, s3: {x: 1, y: 0}}
plan: {big: y, s1: x, s2: x, s3: x}
YAML
expect_exit 0 "$ACCORD" analyze "$TMP/gap.yaml"
grep -q '3 of 4 points agreed (75%); weighted by salience 15%' "$TMP/out" ||
  fail "gap model progress line"
grep -q 'count flatters the draft' "$TMP/out" || fail "the sentence on a count/weight gap"
grep -q 'count flatters' "$TMP/report.txt" && fail "no gap sentence when count and weight agree"

# the report goes to stdout only; nothing on stderr when it is not a terminal
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml"
[ -s "$TMP/err" ] && fail "stderr stays empty: $(cat "$TMP/err")"

finish
