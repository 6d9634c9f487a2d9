#!/usr/bin/env bash
# accord sweep: the same bytes for --threads 1, 2 and 3 (and for the same seed), numbers
# that add up (per-point counts sum to the deals, shares are count/runs), a different
# seed giving different draws, and usage errors.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"
command -v python3 >/dev/null || { echo "python3 is required (scripts/deps.sh installs it)" >&2; exit 1; }
cat >>"$TMP/m.yaml" <<'YAML'
events:
  - {at: 0.5, party: b, reservation: +0.2}
uncertainty:
  - {party: a, reservation: true, sd: 0.2}
  - {party: b, weight: land, sd: 0.1}
  - {party: a, value: money, sd: 0.1}
YAML
for th in 1 2 3; do
  expect_exit 0 "$ACCORD" sweep "$TMP/m.yaml" --runs 700 --threads "$th" --seed 3 --json \
    --strategy a=random --rounds 20
  cp "$TMP/out" "$TMP/s$th.json"
  [ -s "$TMP/err" ] && fail "stderr stays empty when not a terminal: $(cat "$TMP/err")"
done
cmp -s "$TMP/s1.json" "$TMP/s2.json" || fail "--threads 1 and 2 differ"
cmp -s "$TMP/s1.json" "$TMP/s3.json" || fail "--threads 1 and 3 differ"
expect_exit 0 "$ACCORD" sweep "$TMP/m.yaml" --runs 700 --seed 4 --json --strategy a=random --rounds 20
cmp -s "$TMP/out" "$TMP/s1.json" && fail "seeds 3 and 4 give the same sweep"

python3 - "$TMP" <<'PY' || fail "JSON content (see above)"
import json, sys
j = json.load(open(sys.argv[1] + "/s1.json"))
assert j["runs"] == 700 and j["seed"] == 3
d = j["deal"]["count"]
assert 0 < d < 700, d
assert abs(j["deal"]["share"] - d / 700) < 1e-15
lo, hi = j["deal"]["ci95"]
assert lo <= d / 700 <= hi
for issue, opts in j["points"].items():
    assert sum(o["count"] for o in opts.values()) == d, issue
assert sum(a["count"] for a in j["agreements"]) == d  # at most 6 outcomes, all listed
counts = [a["count"] for a in j["agreements"]]
assert counts == sorted(counts, reverse=True)
for p, u in j["utility"].items():
    assert u["ci95"][0] <= u["mean"] <= u["ci95"][1]
PY

expect_exit 0 "$ACCORD" sweep "$TMP/m.yaml" --runs 300 --protocol alternating
grep -q '^Deal in ' "$TMP/out" || fail "text: no 'Deal in' line"
expect_exit 0 "$ACCORD" sweep @default --runs 200 --threads 2
grep -q 'Most frequent agreements' "$TMP/out" || fail "text: no agreements on the default model"

expect_exit 2 "$ACCORD" sweep "$TMP/m.yaml"
expect_exit 2 "$ACCORD" sweep "$TMP/m.yaml" --runs 0
expect_exit 2 "$ACCORD" sweep "$TMP/m.yaml" --runs 10 --threads x
expect_exit 2 "$ACCORD" sweep "$TMP/m.yaml" --runs 10 --protocol x
expect_exit 2 "$ACCORD" sweep --runs 10
finish
