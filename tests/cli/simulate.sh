#!/usr/bin/env bash
# accord simulate on the small model of lib.bash: a deal (both reservations 0.2, best
# utilities 1 and 0.5 without red lines... every protocol settles before the deadline),
# no deal on the "blocked" variant (a needs 0.9, only north,high gives it and it crosses
# b's red line), an event that fires at its round, the same bytes for the same seed
# (--json and --trace), one trace line per round, and usage errors.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"
command -v python3 >/dev/null || { echo "python3 is required (scripts/deps.sh installs it)" >&2; exit 1; }
sed -e 's/{id: a, name: Alpha Republic, reservation: 0.2}/{id: a, name: Alpha Republic, reservation: 0.9}/' \
    "$TMP/m.yaml" >"$TMP/blocked.yaml"
cp "$TMP/m.yaml" "$TMP/ev.yaml"
printf 'events:\n  - {at: 0.25, party: b, reservation: +0.1, note: hardening}\n' >>"$TMP/ev.yaml"

for p in mediated shuttle alternating; do
  expect_exit 0 "$ACCORD" simulate "$TMP/m.yaml" --protocol "$p" --json --rounds 40
  cp "$TMP/out" "$TMP/$p.json"
  [ -s "$TMP/err" ] && fail "$p: stderr stays empty: $(cat "$TMP/err")"
  expect_exit 0 "$ACCORD" simulate "$TMP/blocked.yaml" --protocol "$p" --json --rounds 40
  cp "$TMP/out" "$TMP/blocked-$p.json"
done
for v in hill veto anneal; do
  expect_exit 0 "$ACCORD" simulate "$TMP/ev.yaml" --variant "$v" --json --seed 5 \
    --strategy a=random --strategy b=conceder:3 --trace "$TMP/t1-$v.jsonl"
  cp "$TMP/out" "$TMP/j1-$v.json"
  expect_exit 0 "$ACCORD" simulate "$TMP/ev.yaml" --variant "$v" --json --seed 5 \
    --strategy a=random --strategy b=conceder:3 --trace "$TMP/t2-$v.jsonl"
  cmp -s "$TMP/out" "$TMP/j1-$v.json" || fail "$v: --json differs for the same seed"
  cmp -s "$TMP/t1-$v.jsonl" "$TMP/t2-$v.jsonl" || fail "$v: the trace differs for the same seed"
done

python3 - "$TMP" <<'PY' || fail "JSON content (see above)"
import json, sys
tmp = sys.argv[1]
for p in ["mediated", "shuttle", "alternating"]:
    j = json.load(open(f"{tmp}/{p}.json"))
    assert j["protocol"] == p, j["protocol"]
    assert j["deal"] is True, (p, j)
    assert 1 <= j["round"] <= 40
    u = j["utility"]
    assert u["a"] >= 0.2 and u["b"] >= 0.2, (p, u)
    assert set(j["outcome"]) == {"land", "money"}
    assert j["nash"]["utility"] == {"a": 0.5, "b": 0.5}, j["nash"]
    assert isinstance(j["pareto_optimal"], bool)
    assert j["strategies"] == {"a": "boulware:0.2", "b": "boulware:0.2"}
    b = json.load(open(f"{tmp}/blocked-{p}.json"))
    assert b["deal"] is False and b["round"] == 40, (p, b)
    assert b["nash"] is None
for v in ["hill", "veto", "anneal"]:
    j = json.load(open(f"{tmp}/j1-{v}.json"))
    lines = open(f"{tmp}/t1-{v}.jsonl").read().splitlines()
    assert len(lines) == j["round"], (v, len(lines), j["round"])
    fired = []
    for n, line in enumerate(lines, 1):
        r = json.loads(line)
        assert r["round"] == n and abs(r["t"] - n / 100) < 1e-12
        assert set(r) >= {"round", "t", "offer", "answers", "utilities", "events"}
        assert set(r["answers"]) == {"a", "b"}
        for a in r["answers"].values():
            assert isinstance(a["accept"], bool)
            assert set(a["stances"]) == {"land", "money"}
            assert set(a["stances"].values()) <= {"agree", "criticise", "reject"}
        fired += [(n, e["party"]) for e in r["events"]]
    if j["round"] >= 25:
        assert fired == [(25, "b")], fired
        assert j["events"][0]["round"] == 25
        assert abs(j["reservation"]["b"] - 0.3) < 1e-12
    # the last round of a deal: everyone accepts
    if j["deal"]:
        last = json.loads(lines[-1])
        assert all(a["accept"] for a in last["answers"].values())
PY

expect_exit 0 "$ACCORD" simulate "$TMP/m.yaml"
grep -q '^Deal at round' "$TMP/out" || fail "text: no 'Deal at round' line"
grep -q '^Pareto optimal: ' "$TMP/out" || fail "text: no Pareto line"
expect_exit 0 "$ACCORD" simulate "$TMP/ev.yaml" --rounds 30
grep -q 'Course of the talks' "$TMP/out" || fail "text: no course of the talks"

expect_exit 2 "$ACCORD" simulate "$TMP/m.yaml" --protocol haggle
expect_exit 2 "$ACCORD" simulate "$TMP/m.yaml" --variant x
expect_exit 2 "$ACCORD" simulate "$TMP/m.yaml" --strategy a=bold
expect_exit 2 "$ACCORD" simulate "$TMP/m.yaml" --strategy zz=boulware
expect_exit 2 "$ACCORD" simulate "$TMP/m.yaml" --strategy med=boulware
expect_exit 2 "$ACCORD" simulate "$TMP/m.yaml" --rounds 0
expect_exit 2 "$ACCORD" simulate "$TMP/m.yaml" --seed -1
expect_exit 2 "$ACCORD" simulate
expect_exit 1 "$ACCORD" simulate "$TMP/nonexistent.yaml"
expect_exit 1 "$ACCORD" simulate "$TMP/m.yaml" --trace "$TMP/no/such/dir/t.jsonl"
finish
