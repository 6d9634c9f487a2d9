#!/usr/bin/env bash
# accord analyze under a budget: --max-frontier, --time-limit and Ctrl-C stop the
# analysis with a message on stderr saying what was not computed, partial results marked
# "exact": false in the JSON (frontier count null, solutions {"exact": false}), exit 0
# for a budget and 130 for an interrupt; usage errors for bad values; a complete
# analysis says "exact": true. The Nash, Kalai and welfare points need no frontier (a
# branch and bound finds them): at a frontier limit they are still computed, and they
# are marked only when the search itself is stopped (opposed values, 6 x 40).
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "python3 is required (scripts/deps.sh installs it)" >&2; exit 1; }

# A seeded random model: 6 parties, 27 issues of 4 options (frontiers of millions);
# "opposed": 6 x 40, even parties against odd ones (a hard search for the solutions).
make_model() { # FILE ISSUES KIND
python3 - "$@" <<'PY'
import random, sys
random.seed(7)
P, I, O = 6, int(sys.argv[2]), 4
opposed = sys.argv[3] == "opposed"
out = ["accord: 1", "title: six parties", "parties:"]
out += [f"  - {{id: p{p}, reservation: 0.3}}" for p in range(P)]
out.append("issues:")
for i in range(I):
    out.append(f"  - id: i{i}")
    out.append("    options: [" + ", ".join(f"{{id: o{o}}}" for o in range(O)) + "]")
out.append("preferences:")
for p in range(P):
    out.append(f"  p{p}:")
    out.append("    weights: {" + ", ".join(f"i{i}: {random.random():.4f}" for i in range(I)) + "}")
    out.append("    values:")
    for i in range(I):
        vals = [random.random() for o in range(O)]
        if opposed:
            rng = random.Random(i * 31 + 1)
            shared = [rng.random() for o in range(O)]
            vals = [min(1, max(0, (1 - x if p % 2 else x) + 0.1 * (v - 0.5))) for x, v in zip(shared, vals)]
        out.append(f"      i{i}: {{" + ", ".join(f"o{o}: {v:.4f}" for o, v in enumerate(vals)) + "}")
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
}
make_model "$TMP/big.yaml" 27 random
make_model "$TMP/opposed.yaml" 40 opposed

check_partial() { # FILE SOLUTIONS: the JSON of a stopped analysis; SOLUTIONS: computed or not
    python3 - "$1" "$2" <<'PY' || fail "partial JSON $1 (see above)"
import json, sys
d = json.load(open(sys.argv[1]))
solved = sys.argv[2] == "computed"
bad = []
if d.get("exact") is not False: bad.append(f"exact: {d.get('exact')}")
if not d.get("stopped"): bad.append("no 'stopped' message")
p = d.get("pareto", {})
if p.get("exact") is not False or p.get("count") is not None or p.get("points") != []:
    bad.append(f"pareto: {p}")
for k in ("nash", "kalai", "welfare"):
    if solved and not (isinstance(d.get(k), dict) and "utility" in d[k] and "outcome" in d[k]):
        bad.append(f"{k} not computed: {d.get(k)}")
    if not solved and d.get(k) != {"exact": False}: bad.append(f"{k}: {d.get(k)}")
want = "branch-and-bound" if solved else "none"
if d.get("solutions_method") != want: bad.append(f"solutions_method {d.get('solutions_method')}, want {want}")
if "count" not in d.get("zopa", {}): bad.append("the ZOPA count is missing")
for b in bad: print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

expect_exit 0 "$ACCORD" analyze "$TMP/big.yaml" --json --max-frontier 2000
check_partial "$TMP/out" computed
grep -q "incomplete" "$TMP/err" || fail "no message on stderr: $(cat "$TMP/err")"
grep -q "more than the limit of 2000" "$TMP/err" || fail "the message names the limit: $(cat "$TMP/err")"

expect_exit 0 "$ACCORD" analyze "$TMP/big.yaml" --max-frontier 2000
grep -q "not computed (budget)" "$TMP/out" || fail "the text report says what was not computed"
grep -q "Bargaining solutions over the ZOPA" "$TMP/out" || fail "the text report shows the solutions"
grep -q "branch and bound over the ZOPA" "$TMP/out" || fail "the text report says how the solutions were found"
grep -q "^Incomplete: " "$TMP/out" || fail "the text report ends with what stopped"

expect_exit 0 "$ACCORD" analyze "$TMP/big.yaml" --json --time-limit 0.5
check_partial "$TMP/out" computed
grep -q "the time limit" "$TMP/err" || fail "the message names the time limit: $(cat "$TMP/err")"

expect_exit 0 "$ACCORD" analyze "$TMP/opposed.yaml" --json --time-limit 0.5
check_partial "$TMP/out" not
grep -q "the Nash, Kalai and welfare points were not computed" "$TMP/err" \
    || fail "the message says the solutions were not computed: $(cat "$TMP/err")"

# Ctrl-C: whatever has been computed is printed, marked, and the exit code is 130.
"$ACCORD" analyze "$TMP/opposed.yaml" --json >"$TMP/int.json" 2>"$TMP/int.err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" = 130 ] || fail "exit code after Ctrl-C: $rc, want 130 ($(cat "$TMP/int.err"))"
check_partial "$TMP/int.json" not
grep -q "interrupt" "$TMP/int.err" || fail "the message says it was interrupted"

expect_exit 2 "$ACCORD" analyze "$TMP/big.yaml" --max-frontier 0
expect_exit 2 "$ACCORD" analyze "$TMP/big.yaml" --time-limit -1
expect_exit 2 "$ACCORD" analyze "$TMP/big.yaml" --max-memory x

write_small_model "$TMP/m.yaml"
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --json --max-frontier 1000 --time-limit 600
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['exact'] is True and d['pareto']['exact'] is True and 'stopped' not in d else 1)" "$TMP/out" \
    || fail "a complete analysis says exact: true"
finish
