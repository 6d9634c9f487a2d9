#!/usr/bin/env bash
# accord forecast: the SMP on KTAB's example data (numbers of KTAB's shipped reference
# log), the EU model on the emission-standards case (round 0 by hand: weighted mean
# 50030/6770 = 7.390, weighted median 7), the embedded model through the mapping of
# ordered options, a model's `dimensions` section, bad CSV lines with exact messages,
# usage errors, and the forecast chart in accord report.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "python3 is required (scripts/deps.sh installs it)" >&2; exit 1; }
D=tests/forecast

expect_exit 0 "$ACCORD" forecast "$D/ktab-dummy-3dim.csv"
grep -q "Stable after 10 turns" "$TMP/out" || fail "smp text: stability line"
grep -q "^Turn 10$" "$TMP/out" || fail "smp text: a table per turn"
grep -q "  SActor-04        63.2   82.3   45.8   73.3   0.6001  +1.000" "$TMP/out" ||
  fail "smp text: turn-0 row of SActor-04"

expect_exit 0 "$ACCORD" forecast "$D/ktab-dummy-3dim.csv" --json
[ -s "$TMP/err" ] && fail "smp --json: stderr stays empty"
cp "$TMP/out" "$TMP/smp.json"
expect_exit 0 "$ACCORD" forecast "$D/emissions.csv" --model eu --json
cp "$TMP/out" "$TMP/eu.json"
expect_exit 0 "$ACCORD" forecast @default --turns 2 --json
cp "$TMP/out" "$TMP/default.json"
python3 - "$TMP" <<'PY' || fail "JSON content (see above)"
import json, sys
t = sys.argv[1]
s = json.load(open(t + "/smp.json"))
assert s["model"] == "smp" and s["stable"] is True
assert s["dimensions"] == ["Pstn1", "Pstn2", "Pstn3"] and len(s["actors"]) == 7
assert len(s["turns"]) == 11 and s["turns"][0]["turn"] == 0
t0 = s["turns"][0]
assert abs(t0["probability"]["SActor-04"] - 0.6001) < 5e-5
assert abs(t0["risk"]["SActor-00"] + 0.500) < 5e-4
assert t0["position"]["SActor-02"] == [82.45, 90.89, 0.07]
last = s["turns"][-1]
assert abs(last["position"]["SActor-05"][2] - 75.2) < 0.05
assert s["forecast"] == last["forecast"] and len(s["forecast"]) == 3
e = json.load(open(t + "/eu.json"))
assert e["model"] == "eu" and e["dimension"] == "Years" and e["range"] == 6
r0 = e["rounds"][0]
assert r0["round"] == 0 and abs(r0["mean"] - 50030 / 6770) < 1e-12 and r0["median"] == 7
assert all(0.5 <= v <= 2 for r in e["rounds"] for v in r["risk"].values())
assert e["rounds"][1]["moves"], "round 1 has moves"
d = json.load(open(t + "/default.json"))
assert len(d["dimensions"]) == 27 and d["actors"] == ["ua", "ru", "eu"]
assert len(d["turns"]) == 3 and d["stable"] is False
for turn in d["turns"]:
    assert all(-1 <= v <= 1 for v in turn["risk"].values())
PY

# determinism: the same bytes twice
"$ACCORD" forecast "$D/ktab-soe-pol-comp.csv" --json >"$TMP/a.json"
"$ACCORD" forecast "$D/ktab-soe-pol-comp.csv" --json >"$TMP/b.json"
cmp -s "$TMP/a.json" "$TMP/b.json" || fail "the same input gives the same bytes"

expect_exit 0 "$ACCORD" forecast "$D/emissions.csv" --model eu
grep -q "mean 7.390, median 7.000" "$TMP/out" || fail "eu text: round 0"
grep -q "How the forecast moved" "$TMP/out" || fail "eu text: summary"

# a model's dimensions section
cat >"$TMP/dims.yaml" <<'YAML'
accord: 1
parties:
  - {id: ua}
  - {id: ru}
  - {id: eu}
issues:
  - {id: x, options: [{id: a}, {id: b}]}
preferences:
  ua: {weights: {x: 1}, values: {x: {a: 1, b: 0}}}
  ru: {weights: {x: 1}, values: {x: {a: 0, b: 1}}}
  eu: {weights: {x: 1}, values: {x: {a: 1, b: 0}}}
dimensions:
  - id: territory
    actors:
      ua: {position: 0, salience: 60, capability: 30}
      ru: {position: 100, salience: 70, capability: 45}
      eu: {position: 10, salience: 40, capability: 25}
  - id: guarantees
    actors:
      ua: {position: 100, salience: 40, capability: 30}
      ru: {position: 0, salience: 30, capability: 45}
      eu: {position: 90, salience: 50, capability: 25}
YAML
expect_exit 0 "$ACCORD" forecast "$TMP/dims.yaml" --model eu --dim guarantees --json
grep -q '"dimension": "guarantees"' "$TMP/out" || fail "--dim picks the dimension"
expect_exit 0 "$ACCORD" forecast "$TMP/dims.yaml" --model eu --dim 2
expect_exit 1 "$ACCORD" forecast "$TMP/dims.yaml" --model eu --dim nowhere

# bad input: every bad line, file:line:col
printf 'a,b,3,1,\nActor,Description,Power,P1,S1,\nA,,1,10,50,\nB,,-2,20,50,\nC,,1,20,500,\n' >"$TMP/bad.csv"
expect_exit 1 "$ACCORD" forecast "$TMP/bad.csv"
cat >"$TMP/want" <<EOF2
$TMP/bad.csv:4:4: the capability must be a number above 0 and at most 1e8, found '-2'
$TMP/bad.csv:5:9: the salience on 'P1' must be a number in [0,100], found '500'
EOF2
diff "$TMP/want" "$TMP/err" >/dev/null || fail "bad CSV messages: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "nothing on stdout for bad input"
expect_exit 1 "$ACCORD" forecast "$TMP/missing.csv"

# usage errors
expect_exit 2 "$ACCORD" forecast
expect_exit 2 "$ACCORD" forecast "$D/emissions.csv" --model nope
expect_exit 2 "$ACCORD" forecast "$D/emissions.csv" --dim 1
expect_exit 2 "$ACCORD" forecast "$D/emissions.csv" --turns x
expect_exit 2 "$ACCORD" forecast "$D/emissions.csv" --vote-rule loud
grep -q "binary|propbin|prop|propcbc|cubic|asymprosp" "$TMP/err" || fail "the vote rules are listed"
expect_exit 2 "$ACCORD" forecast "$D/emissions.csv" --variant scholz
expect_exit 2 "$ACCORD" forecast "$D/emissions.csv" --model eu --variant nope
grep -q "issue|scholz" "$TMP/err" || fail "--variant: the message lists the variants"

expect_exit 2 "$ACCORD" forecast "$D/emissions.csv" --model eu --pce markov-uniform
grep -q -- "--pce is for --model smp" "$TMP/err" || fail "--pce under eu: the message"
expect_exit 2 "$ACCORD" forecast "$D/ktab-dummy-3dim.csv" --seed 3
grep -q "stochastic" "$TMP/err" || fail "--seed without a stochastic run: the message"
expect_exit 2 "$ACCORD" forecast "$D/ktab-dummy-3dim.csv" --pce markov
grep -q "conditional|markov-incentive|markov-uniform" "$TMP/err" || fail "--pce: the models listed"

# KTAB's Markov-incentive election with the PropCbc vote rule (smpExample): the turn-0
# risk attitudes of KTAB's reference log
expect_exit 0 "$ACCORD" forecast "$D/ktab-smp-example.csv" --pce markov-incentive \
  --vote-rule propcbc --turns 1
grep -q "election markov-incentive, deterministic choice" "$TMP/out" || fail "smp text: the PCE model"
grep -q "  David          135.4      26.3       16.5  15.9   0.2216  -0.001" "$TMP/out" ||
  fail "smp markov-incentive: David's turn-0 row"
# KTAB's power-weighted compromise bargains: Alice takes the compromise of 2:0 that
# KTAB's log prints (54.284, 52.641, 41.035)
expect_exit 0 "$ACCORD" forecast "$D/ktab-smp-example.csv" --pce markov-incentive \
  --vote-rule propcbc --bargain pw-comp --turns 1 --json
python3 - "$TMP/out" <<'PY' || fail "smp --bargain pw-comp"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["options"]["bargain"] == "pw-comp"
assert [round(v, 3) for v in d["turns"][1]["position"]["Alice"]] == [54.284, 52.641, 41.035]
PY
# the stochastic transition: a seed, the same bytes twice, the seed in the JSON
"$ACCORD" forecast "$D/ktab-smp-example.csv" --state-trans stochastic --seed 7 --json >"$TMP/s1.json"
"$ACCORD" forecast "$D/ktab-smp-example.csv" --state-trans stochastic --seed 7 --json >"$TMP/s2.json"
cmp -s "$TMP/s1.json" "$TMP/s2.json" || fail "stochastic: the same seed gives the same bytes"
grep -q '"seed": 7' "$TMP/s1.json" || fail "stochastic: the seed is in the JSON"
# a run that cycles says so; --stop-on-cycle ends it there
expect_exit 0 "$ACCORD" forecast @default
grep -q "The positions cycle instead of settling: turn 10 came back to turn 8" "$TMP/out" ||
  fail "smp text: the cycle of the embedded model"
expect_exit 0 "$ACCORD" forecast @default --stop-on-cycle --json
python3 - "$TMP/out" <<'PY' || fail "smp --stop-on-cycle: JSON"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["cycle"]
assert c["period"] == 2 and len(d["turns"]) == c["from"] + c["period"] + 1
assert d["options"]["stop_on_cycle"] is True and d["stable"] is False
assert len(c["forecast"]) == 27
for k in range(27):
    m = (d["turns"][-1]["forecast"][k] + d["turns"][-2]["forecast"][k]) / 2
    assert abs(c["forecast"][k] - m) < 1e-9
PY
expect_exit 0 "$ACCORD" forecast "$D/sultan.csv" --model eu --variant scholz --json
python3 - "$TMP/out" <<'PY' || fail "eu: the Sultan run cycles"
import json, sys
e = json.load(open(sys.argv[1]))
assert e["cycle"] == {"from": 0, "period": 2}
assert e["rounds"][1]["moves"] == {"RUSSIA": {"kind": "capitulation", "toward": "NAZER"}}
PY

# the EU model as Scholz et al.'s program runs it: their published round means
expect_exit 0 "$ACCORD" forecast "$D/emissions.csv" --model eu --variant scholz --json
python3 - "$TMP/out" <<'PY' || fail "eu --variant scholz: the published means"
import json, sys
e = json.load(open(sys.argv[1]))
assert e["variant"] == "scholz" and len(e["rounds"]) == 11
want = [7.389955686853767, 7.461314378277189, 7.552500865855845, 7.590144997451547,
        7.358130531334201, 7.3491739896752115, 7.414877545372958, 7.510457183677219,
        7.5724470975503, 7.324989065683666, 7.242130958473938]
for r, m in zip(e["rounds"], want):
    assert abs(r["mean"] - m) < 1e-12, (r["round"], r["mean"], m)
assert e["rounds"][4]["moves"]["Belgium"] == {"kind": "compromise", "toward": "Netherlands"}
PY
expect_exit 0 "$ACCORD" forecast "$D/ktab-dummy-3dim.csv" --vote-rule cubic --victory square \
  --risk-range max --risk-adjust half --commit full --interp s2pmax --turns 3 --json
expect_exit 0 "$ACCORD" forecast --help
grep -q -- "--model eu" "$TMP/out" || fail "help names --model eu"

# the report's forecast chart
expect_exit 0 "$ACCORD" report @default -o "$TMP/r.html"
grep -q "Where the forecast goes, turn by turn" "$TMP/r.html" || fail "report: forecast chart"

finish
