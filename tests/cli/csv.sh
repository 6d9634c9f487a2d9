#!/usr/bin/env bash
# --csv FILE: the frontier (analyze), the stance matrix (mediate) and the sweep results
# (sweep) as CSV carry the same numbers as the JSON, parse as RFC 4180 (a title with a
# comma is quoted), and a file that cannot be written is an input error.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"
sed -i 's/title: Land border/title: "Land, border"/' "$TMP/m.yaml"
if command -v /usr/bin/python3 >/dev/null; then PY=/usr/bin/python3; else PY=python3; fi

expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --json --csv "$TMP/f.csv"
cp "$TMP/out" "$TMP/f.json"
expect_exit 0 "$ACCORD" mediate "$TMP/m.yaml" --json --csv "$TMP/s.csv"
cp "$TMP/out" "$TMP/s.json"
expect_exit 0 "$ACCORD" sweep @default --runs 300 --seed 4 --json --csv "$TMP/w.csv"
cp "$TMP/out" "$TMP/w.json"
"$ACCORD" analyze @default --limit 5 --csv "$TMP/d.csv" >/dev/null || fail "analyze @default --csv"

"$PY" - "$TMP" <<'PY' || fail "CSV against JSON"
import csv, json, sys
t = sys.argv[1]
def rows(name):
    with open(t + "/" + name, newline="") as f:
        return list(csv.reader(f))
f, j = rows("f.csv"), json.load(open(t + "/f.json"))
assert f[0] == ["point"] + j["parties"] + ["land", "money"], f[0]
assert len(f) - 1 == j["pareto"]["count"] == 5, len(f)
for r, p in zip(f[1:], j["pareto"]["points"]):
    assert [float(x) for x in r[1:3]] == [p["utility"][q] for q in j["parties"]], (r, p)
    assert r[3:] == [p["outcome"]["land"], p["outcome"]["money"]], (r, p)
assert len(rows("d.csv")) == 6
s, j = rows("s.csv"), json.load(open(t + "/s.json"))
assert s[0] == ["issue", "title", "draft", "a", "b"], s[0]
assert s[1][:3] == ["land", "Land, border", "split"], s[1]
for r in s[1:]:
    assert r[3:] == [j["stances"][p][r[0]] for p in ("a", "b")], r
w, j = rows("w.csv"), json.load(open(t + "/w.json"))
assert w[0] == "what,party,issue,option,count,value,ci95_lo,ci95_hi".split(",")
deal = w[1]
assert deal[0] == "deal" and int(deal[4]) == j["deal"]["count"]
assert [float(x) for x in deal[5:]] == [j["deal"]["share"]] + j["deal"]["ci95"]
util = {r[1]: r for r in w if r[0] == "utility"}
for p, u in j["utility"].items():
    assert float(util[p][5]) == u["mean"] and [float(x) for x in util[p][6:]] == u["ci95"]
opts = [r for r in w if r[0] == "option"]
assert len(opts) == sum(len(v) for v in j["points"].values())
for r in opts:
    want = j["points"][r[2]][r[3]]
    assert int(r[4]) == want["count"] and float(r[5]) == want["share"], r
PY

expect_exit 1 "$ACCORD" analyze "$TMP/m.yaml" --csv "$TMP/no/such/dir.csv"
grep -q "cannot write" "$TMP/err" || fail "unwritable CSV reported"
expect_exit 2 "$ACCORD" sweep @default --runs 5 --csv
finish
