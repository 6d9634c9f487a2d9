#!/usr/bin/env bash
# accord plan status, progress side by side, on random records: a random model (a mediator
# and three parties with random weights over six points) and random stances, some left
# unrecorded. A slow, obvious oracle in the test recomputes from the stances and the
# model's weights what status --json reports: each party's points agreed and rejected by
# count and by its salience (normalised over the version's points), progress together,
# the mediator's count, and the leading group (the greedy rule of the docs, and that no
# one else could join it); the text prints the group's sentence exactly when the group's
# share and weighted progress differ by more than 15 points.
source "$(dirname "$0")/lib.bash"

for seed in 1 2 3 4 5 6 7 8; do
  DB="$TMP/r$seed.db"
  python3 - "$seed" "$TMP/m$seed.yaml" "$TMP/st$seed.txt" <<'PY' || fail "generator"
import random, sys
rnd = random.Random(int(sys.argv[1]))
parties = ["a", "b", "c"]
points = ["p%d" % k for k in range(6)]
with open(sys.argv[2], "w") as f:
    f.write("accord: 1\ntitle: Random talks\nparties:\n  - {id: med, name: Mediator, role: mediator}\n")
    for p in parties:
        f.write("  - {id: %s, name: Party %s, reservation: 0.1}\n" % (p, p.upper()))
    f.write("issues:\n")
    for k in points:
        f.write("  - {id: %s, options: [{id: x}, {id: y}]}\n" % k)
    f.write("preferences:\n")
    for p in parties:
        w = {k: rnd.randint(0, 9) for k in points}
        w[points[0]] += 1  # never all zero
        f.write("  %s:\n    weights: {%s}\n    values:\n" % (p, ", ".join("%s: %d" % kv for kv in w.items())))
        for k in points:
            f.write("      %s: {x: 1.0, y: 0.0}\n" % k)
    f.write("plan: {%s}\n" % ", ".join("%s: x" % k for k in points))
# mostly agree, so that groups form; some points left unrecorded
with open(sys.argv[3], "w") as f:
    for p in parties + ["med"]:
        for k in points:
            r = rnd.random()
            if r < 0.15:
                continue
            f.write("%s %s %s\n" % (p, k, "agree" if r < 0.7 else "criticise" if r < 0.85 else "reject"))
PY
  "$ACCORD" plan init "$DB" --model "$TMP/m$seed.yaml" >/dev/null || fail "init $seed"
  "$ACCORD" plan draft "$DB" --from "$TMP/m$seed.yaml" --date 2025-01-01 >/dev/null || fail "draft $seed"
  while read -r p k s; do
    "$ACCORD" plan stance "$DB" --version 1 --party "$p" --point "$k" --stance "$s" >/dev/null ||
      fail "stance $seed $p $k $s"
  done <"$TMP/st$seed.txt"
  "$ACCORD" plan status "$DB" --json >"$TMP/s$seed.json" || fail "status --json $seed"
  "$ACCORD" plan status "$DB" >"$TMP/s$seed.txt" || fail "status $seed"
  python3 - "$TMP/m$seed.yaml" "$TMP/st$seed.txt" "$TMP/s$seed.json" "$TMP/s$seed.txt" <<'PY' || fail "oracle, seed $seed"
import json, re, sys, yaml
model = yaml.safe_load(open(sys.argv[1]))
j = json.load(open(sys.argv[3]))
text = " ".join(open(sys.argv[4]).read().split())
parties, points = ["a", "b", "c"], ["p%d" % k for k in range(6)]
stance = {(p, k): "not-discussed" for p in parties + ["med"] for k in points}
for line in open(sys.argv[2]):
    p, k, s = line.split()
    stance[(p, k)] = s
bad = []
def near(x, y):
    return abs(x - y) <= 1e-9
K = len(points)
w = {}
for p in parties:
    raw = model["preferences"][p]["weights"]
    tot = sum(raw.values())
    w[p] = {k: raw[k] / tot for k in points}
agreed_all = [k for k in points if all(stance[(p, k)] == "agree" for p in parties)]
if j["progress"]["points"] != len(agreed_all):
    bad.append("points together")
if not near(j["progress"]["weighted"], sum(sum(w[p][k] for p in parties) / 3 for k in agreed_all)):
    bad.append("weighted together")
for p in parties:
    bp = j["progress"]["by_party"][p]
    ag = [k for k in points if stance[(p, k)] == "agree"]
    rj = [k for k in points if stance[(p, k)] == "reject"]
    if bp["points"] != len(ag) or not near(bp["weighted"], sum(w[p][k] for k in ag)):
        bad.append("agreed of " + p)
    if bp["rejected"]["points"] != len(rj) or not near(bp["rejected"]["weighted"], sum(w[p][k] for k in rj)):
        bad.append("rejected of " + p)
if j["progress"]["by_mediator"]["med"]["points"] != sum(stance[("med", k)] == "agree" for k in points):
    bad.append("mediator")
for (p, k), s in stance.items():
    if j["stances"][p][k] != s:
        bad.append("stance %s %s" % (p, k))
# the leading group, by the rule: best single row, then grow greedily while half is kept
rows = parties + ["med"]
def joint(g):
    return sum(all(stance[(r, k)] == "agree" for r in g) for k in points)
best = max(rows, key=lambda r: (joint([r]), -rows.index(r)))
group = [] if joint([best]) == 0 else [best]
while group:
    cands = [r for r in rows if r not in group and 2 * joint(group + [r]) >= K]
    if not cands:
        break
    group.append(max(cands, key=lambda r: (joint(group + [r]), -rows.index(r))))
want = None if not group else {"members": [r for r in rows if r in group], "points": joint(group)}
if j["coalition"] != want:
    bad.append("group %s, want %s" % (j["coalition"], want))
if group:
    share = 100.0 * joint(group) / K
    said = re.search(r"agrees? on %d of %d points" % (joint(group), K), text) is not None
    expect = share - 100.0 * j["progress"]["weighted"] > 15 and (len(group) < len(rows) or len(agreed_all) < joint(group))
    if said != expect:
        bad.append("group sentence said=%s expected=%s" % (said, expect))
if bad:
    print("; ".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
done
finish
