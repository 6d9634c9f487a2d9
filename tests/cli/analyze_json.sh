#!/usr/bin/env bash
# accord analyze --json on the hand-computed model of lib.bash: every number checked
# against the hand computation there, the keys and nesting of DESIGN §5, --limit and
# --feasible, and stdout holding one JSON document and nothing else.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"
command -v python3 >/dev/null || { echo "python3 is required (scripts/deps.sh installs it)" >&2; exit 1; }

expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --json
cp "$TMP/out" "$TMP/all.json"
[ -s "$TMP/err" ] && fail "stderr stays empty when it is not a terminal: $(cat "$TMP/err")"
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --json --limit 2
cp "$TMP/out" "$TMP/limit.json"
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --json --feasible
cp "$TMP/out" "$TMP/feasible.json"
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --json --agree-within 0.5
cp "$TMP/out" "$TMP/within.json"
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --json --method enumerate
cp "$TMP/out" "$TMP/enum.json"
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --json --method dp
cp "$TMP/out" "$TMP/dp.json"

python3 - "$TMP" <<'PY' || fail "JSON content (see above)"
import json, math, sys
tmp = sys.argv[1]
bad = []
def load(name):
    with open(f"{tmp}/{name}.json") as f:
        text = f.read()
    try:
        return json.loads(text)  # the whole of stdout must be one document
    except ValueError as e:
        bad.append(f"{name}: stdout is not one JSON document: {e}")
        return {}
def check(cond, what):
    if not cond:
        bad.append(what)
def near(x, y):
    return isinstance(x, (int, float)) and abs(x - y) < 1e-9

j = load("all")
check(list(j.keys())[:11] == ["title", "parties", "outcomes", "outcomes_log10", "reservation",
      "zopa", "pareto", "nash", "kalai", "welfare", "plan"], f"key order: {list(j.keys())}")
check(j.get("title") == "Test talks", "title")
check(j.get("parties") == ["a", "b"], "parties: active ids only")
check(j.get("outcomes") == 6 and isinstance(j.get("outcomes"), int), "outcomes is the integer 6")
check(near(j.get("outcomes_log10"), math.log10(6)), "outcomes_log10")
check(j.get("reservation") == {"a": 0.2, "b": 0.2}, "reservation")
check(j.get("zopa") == {"count": 3, "exact": True}, f"zopa: {j.get('zopa')}")
p = j.get("pareto", {})
check(p.get("count") == 5, f"pareto count: {p.get('count')}")
pts = p.get("points", [])
want = [((1, 0), ("north", "high")), ((.75, .25), ("split", "high")), ((.5, .5), ("north", "low")),
        ((.25, .75), ("split", "low")), ((0, 1), ("south", "low"))]
check(len(pts) == 5, "all 5 points listed without --limit")
for got, (u, o) in zip(pts, want):
    check(near(got["utility"]["a"], u[0]) and near(got["utility"]["b"], u[1]), f"point {got}")
    check(got["outcome"] == {"land": o[0], "money": o[1]}, f"point outcome {got}")
n = j.get("nash") or {}
check(near(n.get("product"), 0.09), f"nash product {n.get('product')}")
check(n.get("outcome") == {"land": "south", "money": "high"}, f"nash outcome {n.get('outcome')}")
check(near(n.get("utility", {}).get("a"), .5) and near(n.get("utility", {}).get("b"), .5), "nash utility")
k = j.get("kalai") or {}
check(k.get("outcome") == {"land": "south", "money": "high"}, f"kalai outcome {k.get('outcome')}")
check(near(k.get("value"), 0.3 / 0.55), f"kalai value {k.get('value')}")
w = j.get("welfare") or {}
check(w.get("outcome") == {"land": "split", "money": "low"}, f"welfare outcome (tie -> smallest) {w.get('outcome')}")
check(near(w.get("sum"), 1.0), "welfare sum")
pl = j.get("plan") or {}
check(near(pl.get("utility", {}).get("a"), .75) and near(pl.get("utility", {}).get("b"), .25), "plan utility")
check(pl.get("stances") == {"a": {"land": "criticise", "money": "agree"},
                            "b": {"land": "criticise", "money": "criticise"}}, f"stances {pl.get('stances')}")
check(pl.get("progress") == {"points": 0, "of": 2, "weighted": 0}, f"progress {pl.get('progress')}")
check(j.get("feasible") is False, "feasible flag")

l = load("limit")
check(l.get("pareto", {}).get("count") == 5, "--limit keeps the count")
check(len(l.get("pareto", {}).get("points", [])) == 2, "--limit 2 lists 2 points")
check(l.get("pareto", {}).get("points") == pts[:2], "--limit lists the first points")

f = load("feasible")
check(f.get("pareto", {}).get("count") == 3, f"--feasible frontier over the ZOPA: {f.get('pareto', {}).get('count')}")
check(f.get("feasible") is True, "feasible flag set")

a = load("within")
ap = a.get("plan", {})
check(ap.get("stances", {}).get("a") == {"land": "agree", "money": "agree"}, "agree-within 0.5: a")
check(ap.get("stances", {}).get("b") == {"land": "agree", "money": "criticise"}, "agree-within 0.5: b")
pr = ap.get("progress", {})
check(pr.get("points") == 1 and pr.get("of") == 2 and near(pr.get("weighted"), 0.5), f"progress at 0.5: {pr}")

e, d = load("enum"), load("dp")
check(e.get("solutions_method") == "enumerate", f"enumerate finds the solutions in its pass: {e.get('solutions_method')}")
check(d.get("solutions_method") in ("frontier", "branch-and-bound"), f"dp: solutions_method {d.get('solutions_method')}")
for x in (e, d):
    x.pop("method", None)
    x.pop("solutions_method", None)
check(e == d, "enumerate and dp give the same JSON")
check({kk: vv for kk, vv in j.items() if kk not in ("method", "solutions_method")} == e, "auto gives the same JSON as enumerate")

for b in bad:
    print("  " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# no plan in the model: no "plan" key; an empty ZOPA: null solutions
sed '/^plan:/,$d' "$TMP/m.yaml" | sed 's/reservation: 0.2}/reservation: 0.9}/' >"$TMP/nozopa.yaml"
expect_exit 0 "$ACCORD" analyze "$TMP/nozopa.yaml" --json
python3 - "$TMP/out" <<'PY' || fail "no plan, empty ZOPA"
import json, sys
j = json.load(open(sys.argv[1]))
ok = "plan" not in j and j["nash"] is None and j["kalai"] is None and j["welfare"] is None \
     and j["zopa"]["count"] == 0 and j["pareto"]["count"] == 5
if not ok:
    print("  got:", {k: j.get(k) for k in ("zopa", "nash", "kalai", "welfare", "plan")}, file=sys.stderr)
sys.exit(0 if ok else 1)
PY

finish
