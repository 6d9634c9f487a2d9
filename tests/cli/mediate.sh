#!/usr/bin/env bash
# accord mediate on the hand-computed model of lib.bash (and two variants), every number
# checked against the hand computation below; the text report's sections; usage errors.
#
# Draft split,high: u = (0.75, 0.25), both reservations 0.2: acceptable as it stands.
# Revisions (fewest changes, then Nash): #1 the draft itself, 0 changes, Nash .55*.05 =
#   .0275; one change: south,high (.5,.5) Nash .09, split,low (.25,.75) Nash .0275,
#   north,high crosses b's red line -> #2 south,high, #3 split,low.
# Impasses: none hard; the ZOPA {split,low; split,high; south,high} keeps both drafted
#   options -> none soft. Trades: a conceding land (split->south) would need b to concede
#   money, where the draft (high) is already b's worst; a conceding money needs b to give
#   up land split->north, b's red line -> none.
# Variant "blocked": reservations a 0.9, b 0: only north,high (1,0) reaches a's bar, and it
#   crosses b's red line: no deal. Drop of a: best u_a with no red line and b >= 0 is
#   split,high 0.75 -> 0.15; drop of b: nothing free of red lines gives a 0.9 -> null.
#   Red lines: relaxing b's line on land=north opens north,high -> one red line.
# Variant "locked": money locked at high: revisions keep it, so #2 is south,high and
#   there is no third (split,low changes money).
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"
command -v python3 >/dev/null || { echo "python3 is required (scripts/deps.sh installs it)" >&2; exit 1; }
sed -e 's/{id: a, name: Alpha Republic, reservation: 0.2}/{id: a, name: Alpha Republic, reservation: 0.9}/' \
    -e 's/{id: b, name: Beta Union, reservation: 0.2}/{id: b, name: Beta Union, reservation: 0.0}/' \
    "$TMP/m.yaml" >"$TMP/blocked.yaml"
sed -e 's/^  money: high$/  money: {option: high, locked: true}/' "$TMP/m.yaml" >"$TMP/locked.yaml"
grep -q 'locked: true' "$TMP/locked.yaml" || fail "the locked variant was not written"

expect_exit 0 "$ACCORD" mediate "$TMP/m.yaml" --json --top 3
cp "$TMP/out" "$TMP/top.json"
[ -s "$TMP/err" ] && fail "stderr stays empty: $(cat "$TMP/err")"
expect_exit 0 "$ACCORD" mediate "$TMP/blocked.yaml" --json
cp "$TMP/out" "$TMP/blocked.json"
expect_exit 0 "$ACCORD" mediate "$TMP/locked.yaml" --json --top 3
cp "$TMP/out" "$TMP/locked.json"
expect_exit 0 "$ACCORD" mediate "$TMP/m.yaml" --json --agree-within 0.5
cp "$TMP/out" "$TMP/within.json"

python3 - "$TMP" <<'PY' || fail "JSON content (see above)"
import json, sys
tmp = sys.argv[1]
bad = []
def load(name):
    with open(f"{tmp}/{name}.json") as f:
        return json.load(f)
def check(cond, what):
    if not cond:
        bad.append(what)
def near(x, y):
    return isinstance(x, (int, float)) and abs(x - y) < 1e-9

j = load("top")
check(j["parties"] == ["a", "b"], "parties")
check(j["stances"] == {"a": {"land": "criticise", "money": "agree"},
                       "b": {"land": "criticise", "money": "criticise"}}, f"stances {j['stances']}")
p = j["progress"]
check(p["points"] == 0 and p["of"] == 2 and near(p["weighted"], 0), f"progress {p}")
check(near(p["by_party"]["a"], 0) and near(p["by_party"]["b"], 0), "progress by party")
check(j["impasses"] == {"hard": [], "soft": []}, f"impasses {j['impasses']}")
check(j["zopa_empty"] is False, "zopa_empty")
r = j["revision"]
check(r["changed"] == [] and r["count"] == 0 and near(r["nash"], 0.0275), f"revision {r}")
check(r["outcome"] == {"land": "split", "money": "high"}, "revision outcome")
revs = j["revisions"]
check(len(revs) == 3, f"3 revisions, got {len(revs)}")
want = [({"land": "split", "money": "high"}, 0, .0275, []),
        ({"land": "south", "money": "high"}, 1, .09, ["land"]),
        ({"land": "split", "money": "low"}, 1, .0275, ["money"])]
for got, (o, c, n, ch) in zip(revs, want):
    check(got["outcome"] == o and got["count"] == c and near(got["nash"], n) and got["changed"] == ch,
          f"revision {got}")
check(revs[1]["changes"] == [{"issue": "land", "from": "split", "to": "south"}], "from/to")
check(near(revs[1]["utility"]["a"], .5) and near(revs[1]["utility"]["b"], .5), "revision utility")
check(j["no_deal"] is None, "no_deal null when a ZOPA exists")
check(j["trades"] == [], f"trades {j['trades']}")

w = load("within")
check(w["progress"]["points"] == 1 and near(w["progress"]["weighted"], .5), "progress at 0.5")
check(near(w["progress"]["by_party"]["a"], .5) and near(w["progress"]["by_party"]["b"], .5),
      "progress by party at 0.5")

b = load("blocked")
check(b["zopa_empty"] is True and b["revision"] is None and b["revisions"] == [], "blocked: no revision")
nd = b["no_deal"] or {}
check(near(nd.get("reservation_drop", {}).get("a"), .15), f"drop a {nd.get('reservation_drop')}")
check(nd.get("reservation_drop", {}).get("b", 0) is None, "drop b null")
check(nd.get("opens_with", {}).get("a") == {"land": "split", "money": "high"}, "opens_with a")
check(nd.get("red_lines") == [{"party": "b", "issue": "land", "option": "north"}], f"red lines {nd.get('red_lines')}")
check(nd.get("red_lines_search") == "found", "red line search found")

l = load("locked")
check(j["draft"]["locked"] == [] and l["draft"]["locked"] == ["money"], "locked list")
lr = l["revisions"]
check([x["outcome"] for x in lr] == [{"land": "split", "money": "high"}, {"land": "south", "money": "high"}],
      f"locked revisions {[x['outcome'] for x in lr]}")

if bad:
    print("\n".join(bad))
    sys.exit(1)
PY

# The text report: its sections and the plain no-deal sentence.
expect_exit 0 "$ACCORD" mediate "$TMP/m.yaml" --top 2
for s in "Stances on the draft" "Progress" "Impasses" "Smallest revision every party accepts" \
         "Revision #2" "Package trades" "Alpha Republic" "criticise"; do
  grep -q "$s" "$TMP/out" || fail "text report lacks '$s'"
done
expect_exit 0 "$ACCORD" mediate "$TMP/blocked.yaml"
grep -q "no agreement exists that every side prefers to no deal" <(tr 'N' 'n' <"$TMP/out") ||
  fail "the no-deal sentence"
grep -q "Beta Union: Land border -- North to Alpha" "$TMP/out" || fail "the red line to relax"

# The embedded model: 3 changes, fast enough for a test.
expect_exit 0 "$ACCORD" mediate @default --json
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); r=j["revision"]; assert r["count"]==3 and len(r["changed"])==3, r' "$TMP/out" ||
  fail "@default revision"

# Usage errors.
expect_exit 2 "$ACCORD" mediate
expect_exit 2 "$ACCORD" mediate "$TMP/m.yaml" --top 0
expect_exit 2 "$ACCORD" mediate "$TMP/m.yaml" --agree-within 2
expect_exit 2 "$ACCORD" mediate "$TMP/m.yaml" --bogus
sed '/^plan:/,$d' "$TMP/m.yaml" >"$TMP/noplan.yaml"
expect_exit 1 "$ACCORD" mediate "$TMP/noplan.yaml"
grep -q "draft plan" "$TMP/err" || fail "no plan: message"
finish
