#!/usr/bin/env bash
# The NegMAS comparison's own pieces (bench/negmas/compare.py), without NegMAS: the
# problems it writes for accord are read back as the same problem (accord's frontiers,
# Nash, Kalai-Smorodinsky and welfare points equal a brute-force computation from the
# problem's own numbers), and its comparison functions tell equal frontiers and
# solutions from ones that differ by more than 1e-9.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "python3 is required (scripts/deps.sh installs it)" >&2; exit 1; }
BENCH=$(cd "$(dirname "$0")/../../bench/negmas" && pwd)

python3 - "$ACCORD" "$BENCH" "$TMP" <<'PY' || fail "compare.py's problems or comparisons are wrong"
import itertools, json, math, subprocess, sys
accord, bench, tmp = sys.argv[1:4]
sys.path.insert(0, bench)
import compare as c

TOL = 1e-9
bad = 0


def check(cond, what):
    global bad
    if not cond:
        print("FAIL:", what)
        bad += 1


def brute(problem):
    """Every outcome's utilities from the problem's numbers, by the definitions."""
    parties = problem["parties"]
    ids = [it["id"] for it in problem["issues"]]
    us = []
    for combo in itertools.product(*[it["options"] for it in problem["issues"]]):
        u = []
        for p in parties:
            s = sum(p["weights"].values())
            u.append(sum(p["weights"][i] / s * p["values"][i][o] for i, o in zip(ids, combo)))
        us.append(u)
    return us, [p["reservation"] for p in parties]


def frontier(points):
    dom = lambda q, p: all(a >= b - TOL for a, b in zip(q, p)) and any(a > b + TOL for a, b in zip(q, p))
    return [p for p in points if not any(dom(q, p) for q in points)]


for seed in range(1, 7):
    for opposed in (False, True):
        pr = c.random_problem(5, seed, opposed=opposed)
        path = "%s/p%d%d.yaml" % (tmp, seed, opposed)
        c.write_yaml(pr, path)
        us, r = brute(pr)
        zopa = [u for u in us if all(x >= y - TOL for x, y in zip(u, r))]
        for feasible, pts in ((True, zopa), (False, us)):
            cmd = [accord, "analyze", "--json"] + (["--feasible"] if feasible else []) + [path]
            res = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
            ok, detail = c.same_frontier(c.accord_vectors(res, res["parties"]), frontier(pts))
            check(ok, "seed %d opposed %s feasible %s: frontier %s" % (seed, opposed, feasible, detail))
            if not feasible or not zopa:
                continue
            nash = max(math.prod(x - y for x, y in zip(u, r)) for u in zopa)
            check(c.same_solution(res["nash"], [u for u in zopa if math.prod(x - y for x, y in zip(u, r)) >= nash - TOL],
                                  res["parties"]), "seed %d: Nash" % seed)
            wel = max(sum(u) for u in zopa)
            check(c.same_solution(res["welfare"], [u for u in zopa if sum(u) >= wel - TOL], res["parties"]),
                  "seed %d: welfare" % seed)
            check(c.same_solution(res["kalai"], c.maxmin_share(frontier(zopa), r), res["parties"]),
                  "seed %d: Kalai-Smorodinsky" % seed)

# The comparisons themselves: ties within 1e-9 merge, differences beyond it are seen.
f = [[0.9, 0.1], [0.5, 0.5], [0.1, 0.9]]
check(c.same_frontier(f, [p[:] for p in reversed(f)])[0], "order must not matter")
check(c.same_frontier(f, f + [[0.5 + 4e-10, 0.5]])[0], "a duplicate within 1e-9 is one vector")
check(not c.same_frontier(f, f[:2])[0], "a missing point must be seen")
check(not c.same_frontier(f, [[0.9, 0.1], [0.5, 0.5 + 1e-7], [0.1, 0.9]])[0], "a moved point must be seen")
check(len(c.merge_ties([[0.5, 0.5], [0.5 + 2e-9, 0.5]])) == 2, "points 2e-9 apart stay apart")
sol = {"utility": {"a": 0.5, "b": 0.5}}
check(c.same_solution(sol, [[0.9, 0.1], [0.5, 0.5]], ["a", "b"]), "a solution among the optima")
check(not c.same_solution(sol, [[0.5, 0.5 + 1e-7]], ["a", "b"]), "a different solution must be seen")
check(c.same_solution(None, [], ["a", "b"]) and not c.same_solution(None, [[0.5, 0.5]], ["a", "b"]),
      "an empty ZOPA on one side only must be seen")
check(c.maxmin_share([[0.9, 0.5], [0.7, 0.7], [0.5, 0.9]], [0.4, 0.4]) == [[0.7, 0.7]],
      "max-min share point")
sys.exit(1 if bad else 0)
PY
exit $FAILED
