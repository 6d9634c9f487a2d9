#!/usr/bin/env bash
# accord stability: the Elmira conflict's text and JSON (the JSON contract of
# docs/stability.md, checked with python3's json module), the status quo and --from,
# --explicit (the option form expanded, read back to the same answers), check's summary,
# other commands refusing a conflict model, usage errors, and report drawing the graph.
source "$(dirname "$0")/lib.bash"
E=data/conflicts/elmira.yaml

expect_exit 0 "$ACCORD" check "$E"
grep -qx 'ok: conflict of 3 decision makers, 9 states, 24 moves' "$TMP/out" ||
  fail "check summary, got: $(cat "$TMP/out")"

expect_exit 0 "$ACCORD" stability "$E"
grep -q '^  Nash  s5 s8 s9$' "$TMP/out" || fail "Nash equilibria line"
grep -q '^  GMR   s1 s4 s5 s8 s9$' "$TMP/out" || fail "GMR equilibria line"
grep -q '^  to s5     s1 -lg-> s5$' "$TMP/out" || fail "status quo path to s5"
grep -q '{moe, ur} can move to s8' "$TMP/out" || fail "coalition moe+ur from s5"

expect_exit 0 "$ACCORD" stability "$E" --json
python3 - "$TMP/out" <<'PY' || fail "JSON contract"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["equilibria"] == {"nash": ["s5", "s8", "s9"], "gmr": ["s1", "s4", "s5", "s8", "s9"],
                           "smr": ["s1", "s4", "s5", "s8", "s9"], "seq": ["s5", "s8", "s9"]}
assert set(d["stability"]) == {"moe", "ur", "lg"}
assert d["stability"]["lg"]["s1"] == {"nash": False, "gmr": True, "smr": True, "seq": False}
assert d["status_quo"]["from"] == "s1" and d["status_quo"]["reachable"] == ["s5"]
assert d["status_quo"]["paths"]["s5"] == [{"dm": "lg", "from": "s1", "to": "s5"}]
assert d["coalitions"]["analysed"] is True and d["coalitions"]["of"] == ["nash", "seq", "smr", "gmr"]
assert d["coalitions"]["states"]["s5"] == [{"coalition": ["moe", "ur"], "to": "s8"}]
PY

# --from another status quo
expect_exit 0 "$ACCORD" stability "$E" --from s2 --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status_quo"]["from"]=="s2"; assert "s4" in d["status_quo"]["reachable"]' "$TMP/out" ||
  fail "--from s2"
expect_exit 2 "$ACCORD" stability "$E" --from s77
expect_exit 2 "$ACCORD" stability "$E" --json --explicit
expect_exit 2 "$ACCORD" stability
expect_exit 2 "$ACCORD" stability "$E" --bogus

# --explicit expands the option form; the expansion gives the same answers
for f in data/conflicts/cuban-missile-crisis.yaml data/conflicts/garrison.yaml; do
  expect_exit 0 "$ACCORD" stability "$f" --explicit
  cp "$TMP/out" "$TMP/explicit.yaml"
  grep -q '^  states:' "$TMP/explicit.yaml" || fail "$f: --explicit lists the states"
  expect_exit 0 "$ACCORD" stability "$f" --json
  cp "$TMP/out" "$TMP/a.json"
  expect_exit 0 "$ACCORD" stability "$TMP/explicit.yaml" --json
  python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); del a["title"], b["title"]; assert a == b' \
    "$TMP/a.json" "$TMP/out" || fail "$f: the explicit form gives other answers"
done

# a conflict model is no negotiation model; a negotiation model has no conflict
expect_exit 1 "$ACCORD" analyze "$E"
grep -q "is a conflict model" "$TMP/err" || fail "analyze on a conflict model: $(cat "$TMP/err")"
expect_exit 1 "$ACCORD" stability @default
grep -q "has no conflict section" "$TMP/err" || fail "stability on @default"

# the report draws the graph with the equilibria marked
expect_exit 0 "$ACCORD" report "$E" -o "$TMP/r.html" --svg "$TMP"
grep -q 'The conflict: states, moves and equilibria' "$TMP/r.html" || fail "report has the chart"
[ -s "$TMP/conflict.svg" ] || fail "report --svg writes conflict.svg"
grep -q 'marker-end="url(#cfa0)"' "$TMP/conflict.svg" || fail "moves drawn as arrows"
grep -q '#009E73' "$TMP/conflict.svg" || fail "equilibria filled"
# a negotiation model with a conflict section: the report has both, analyze still works
write_small_model "$TMP/both.yaml"
sed -n '/^conflict:/,$p' data/conflicts/chicken.yaml >>"$TMP/both.yaml"
expect_exit 0 "$ACCORD" check "$TMP/both.yaml"
grep -q '^ok: conflict of 2 decision makers, 4 states, 8 moves$' "$TMP/out" || fail "check both: $(cat "$TMP/out")"
expect_exit 0 "$ACCORD" analyze "$TMP/both.yaml" --json
expect_exit 0 "$ACCORD" stability "$TMP/both.yaml" --json
grep -q '"ds"' "$TMP/out" || fail "stability of a negotiation model's conflict"
expect_exit 0 "$ACCORD" report "$TMP/both.yaml" -o "$TMP/both.html"
grep -q 'Pareto' "$TMP/both.html" && grep -q 'The conflict: states, moves and equilibria' "$TMP/both.html" ||
  fail "report of a model with both sections"
finish
