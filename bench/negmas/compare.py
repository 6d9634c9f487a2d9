#!/usr/bin/env python3
"""accord beside NegMAS on the same 2-party problems.

For random linear additive problems (issues of 4 options, 4^8 to 4^12 outcomes by
default) and the ANAC scenarios of a GENIUS folder, builds the same problem for both
tools, times NegMAS's pareto_frontier + nash_points + ks_points + max_welfare_points
and accord's whole process (`accord analyze --json --feasible FILE`, wall clock, best
of N; and the library in-process through the Python package when it can be loaded),
checks that the frontiers hold the same utility vectors (within 1e-9) and that the
Nash, Kalai-Smorodinsky and welfare points agree, and prints a table.

Conventions, so that both tools answer the same question:
- NegMAS's pareto_frontier keeps the outcomes at or above every reserved value and
  returns their non-dominated utility vectors: accord's frontier over the ZOPA
  (`--feasible`). NegMAS drops exact duplicates only; accord treats utilities within
  1e-9 as equal, so NegMAS's points are merged within 1e-9 before comparing.
  `--frontier all` compares the frontiers over all outcomes instead (accord's default,
  NegMAS with every reserved value at -inf); solutions are then not compared.
- Solutions are read off NegMAS's frontier with explicit ranges (reservation value,
  best utility on that frontier), accord's r_i and b_i (DESIGN §1): Nash maximises
  prod(u_i - r_i) in both, welfare the sum. For Kalai-Smorodinsky the tools differ on
  a discrete frontier: accord maximises the least share (u_i - r_i)/(b_i - r_i),
  NegMAS's ks_points minimises the spread max - min of the shares. accord's point is
  checked against the max-min-share point of NegMAS's frontier; whether NegMAS's own
  ks_points picks the same point is shown apart. NegMAS's kalai_points is the
  egalitarian point (max min(u_i - r_i)), which accord does not compute.
- NegMAS runs in a child process with a time and memory bound per case (it holds
  every outcome in Python lists), so a case it cannot finish is reported, not waited on.

Needs python3 with NegMAS importable (installed, or its source's src/ folder on
PYTHONPATH; see docs/scale.md) and NumPy; GENIUS scenarios are read by NegMAS's own
reader (negmas.inout.Scenario.from_genius_folder) and by accord directly.
"""

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

TOL = 1e-9
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


# ---------------------------------------------------------------- problems

def random_problem(n_issues, seed, n_options=4, opposed=False):
    """A 2-party random linear additive problem: integer raw weights (both tools
    normalise them the same way), values uniform in [0, 1] at full precision,
    reservation values in [0.4, 0.55] (above every party's least utility, so NegMAS's
    and accord's Nash products use the same r_i). Opposed: the second party's value
    of an option is 1 - the first's (its weights stay its own), which makes large
    frontiers."""
    rng = random.Random(seed * 1000003 + n_issues + (500 if opposed else 0))
    issues = [{"id": "i%d" % k, "options": ["o%d" % j for j in range(n_options)]}
              for k in range(n_issues)]
    parties = []
    for p in ("a", "b"):
        weights = {it["id"]: rng.randint(1, 100) for it in issues}
        values = {it["id"]: {o: rng.random() for o in it["options"]} for it in issues}
        if opposed and parties:
            values = {i: {o: 1.0 - v for o, v in t.items()}
                      for i, t in parties[0]["values"].items()}
        parties.append({"id": p, "reservation": round(rng.uniform(0.4, 0.55), 4),
                        "weights": weights, "values": values})
    return {"title": "%s 2x%d" % ("opposed" if opposed else "random", n_issues), "issues": issues, "parties": parties}


def write_yaml(problem, path):
    """The accord model (docs/model-format.md), floats written with repr so that the
    loader reads back the very same doubles."""
    with open(path, "w") as f:
        f.write("accord: 1\ntitle: %s\nparties:\n" % problem["title"])
        for p in problem["parties"]:
            f.write("  - {id: %s, reservation: %r}\n" % (p["id"], p["reservation"]))
        f.write("issues:\n")
        for it in problem["issues"]:
            f.write("  - {id: %s, options: [%s]}\n" % (it["id"], ", ".join(it["options"])))
        f.write("preferences:\n")
        for p in problem["parties"]:
            f.write("  %s:\n    weights: {%s}\n    values:\n" % (
                p["id"], ", ".join("%s: %r" % kv for kv in p["weights"].items())))
            for iid, tab in p["values"].items():
                f.write("      %s: {%s}\n" % (iid, ", ".join("%s: %r" % kv for kv in tab.items())))


# ---------------------------------------------------------------- NegMAS side (child)

def negmas_from_problem(problem):
    from negmas.outcomes import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    issues = [make_issue(list(it["options"]), it["id"]) for it in problem["issues"]]
    ufuns = []
    for p in problem["parties"]:
        total = sum(p["weights"].values())
        ufuns.append(LinearAdditiveUtilityFunction(
            values={k: dict(v) for k, v in p["values"].items()},
            weights={k: w / total for k, w in p["weights"].items()},
            issues=issues, reserved_value=p["reservation"], name=p["id"]))
    return issues, ufuns


def sanitize(name):
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def negmas_from_genius(folder):
    """NegMAS reads the scenario itself; its ufuns keep GENIUS's raw evaluations and
    weights, so they are put on GENIUS's own scale (evaluation / the issue's largest
    evaluation, weights / their sum), the scale accord's importer uses
    (docs/genius.md)."""
    from negmas.inout import Scenario
    from negmas.preferences import LinearAdditiveUtilityFunction
    sc = Scenario.from_genius_folder(folder, ignore_discount=True, ignore_reserved=False)
    issues = list(sc.outcome_space.issues)
    ufuns = []
    for u in sc.ufuns:
        total = sum(u.weights)
        tables = []
        for issue, fun in zip(issues, u.values):
            raw = {v: float(fun(v)) for v in issue.all}
            top = max(raw.values())
            tables.append({v: (x / top if top >= 1e-5 else 0.0) for v, x in raw.items()})
        ufuns.append(LinearAdditiveUtilityFunction(
            values=tables, weights=[w / total for w in u.weights], issues=issues,
            reserved_value=float(u.reserved_value), name=sanitize(u.name)))
    return issues, ufuns


def negmas_worker(spec_path):
    import warnings
    warnings.simplefilter("ignore")
    with open(spec_path) as f:
        spec = json.load(f)
    from negmas.preferences import (pareto_frontier, nash_points, ks_points,
                                    max_welfare_points)
    # a first call on a tiny problem, so that no one-time cost is timed
    warm_issues, warm_ufuns = negmas_from_problem(random_problem(2, 0))
    pareto_frontier(warm_ufuns, issues=warm_issues)
    if "genius" in spec:
        issues, ufuns = negmas_from_genius(spec["genius"])
    else:
        issues, ufuns = negmas_from_problem(spec["problem"])
    if spec.get("all"):
        for u in ufuns:
            u.reserved_value = float("-inf")
    times = {}
    t0 = time.perf_counter()
    frontier, _ = pareto_frontier(ufuns, issues=issues)
    t1 = time.perf_counter()
    times["pareto_frontier"] = t1 - t0
    res = {}
    if frontier and not spec.get("all"):
        ranges = [(float(u.reserved_value), max(pt[i] for pt in frontier))
                  for i, u in enumerate(ufuns)]
        # NegMAS's Kalai-Smorodinsky is ks_points (its kalai_points is egalitarian)
        for name, fun in (("nash", nash_points), ("kalai", ks_points),
                          ("welfare", max_welfare_points)):
            t = time.perf_counter()
            pts = fun(ufuns, frontier, ranges=ranges)
            times[name] = time.perf_counter() - t
            res[name] = [list(map(float, p)) for p, _ in pts]
    total = time.perf_counter() - t0
    json.dump({"parties": [u.name for u in ufuns],
               "outcomes": math.prod(i.cardinality for i in issues),
               "frontier": [list(map(float, p)) for p in frontier],
               "solutions": res, "times": times, "total": total}, sys.stdout)


def run_negmas(spec, timeout, memory_gb, repeat):
    """Best of `repeat` runs of the child; None and a reason when it cannot finish."""
    fd, path = tempfile.mkstemp(suffix=".json", prefix="accord-negmas-")
    with os.fdopen(fd, "w") as f:
        json.dump(spec, f)

    def limit():
        cap = int(memory_gb * (1 << 30))
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               MKL_NUM_THREADS="1")
    best, times = None, []
    try:
        for _ in range(repeat):
            try:
                cp = subprocess.run([sys.executable, os.path.abspath(__file__),
                                     "--negmas-worker", path],
                                    capture_output=True, text=True, timeout=timeout,
                                    preexec_fn=limit, env=env)
            except subprocess.TimeoutExpired:
                return None, times, "over %g s" % timeout
            if cp.returncode != 0:
                tail = (cp.stderr.strip().splitlines() or ["exit %d" % cp.returncode])[-1]
                if "MemoryError" in cp.stderr:
                    tail = "over %g GB" % memory_gb
                return None, times, tail
            r = json.loads(cp.stdout)
            times.append(r["total"])
            if best is None or r["total"] < best["total"]:
                best = r
    finally:
        os.unlink(path)
    return best, times, None


# ---------------------------------------------------------------- accord side

def run_accord(accord, model, repeat, threads=None, feasible=True):
    cmd = [accord, "analyze", "--json"] + (["--feasible"] if feasible else []) + [model]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        cp = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        if cp.returncode != 0:
            raise SystemExit("accord failed on %s: %s" % (model, cp.stderr.strip()))
        out = cp.stdout
    return json.loads(out), times


def load_library():
    """The Python package over libaccord.so, when the build has one."""
    lib = os.environ.get("ACCORD_LIBRARY") or os.path.join(ROOT, "build", "libaccord.so")
    if not os.path.exists(lib):
        return None
    os.environ["ACCORD_LIBRARY"] = lib
    sys.path.insert(0, os.path.join(ROOT, "python"))
    try:
        import accord
        accord.version()
        return accord
    except Exception:
        return None


def run_library(lib, model, repeat, feasible=True):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        lib.analyze(model, feasible=feasible)
        times.append(time.perf_counter() - t)
    return times


# ---------------------------------------------------------------- comparison

def merge_ties(points):
    """Sorted by the first utility descending; neighbours within TOL in every
    coordinate are one vector (accord's rule for telling frontier vectors apart)."""
    pts = sorted(points, key=lambda p: [-x for x in p])
    out = []
    for p in pts:
        if out and all(abs(a - b) <= TOL for a, b in zip(p, out[-1])):
            continue
        out.append(p)
    return out


def accord_vectors(res, parties):
    return [[pt["utility"][p] for p in parties] for pt in res["pareto"]["points"]]


def same_frontier(a, b):
    a, b = merge_ties(a), merge_ties(b)
    if len(a) != len(b):
        return False, "%d vs %d points" % (len(a), len(b))
    worst = max((abs(x - y) for p, q in zip(a, b) for x, y in zip(p, q)), default=0.0)
    if worst > TOL:
        return False, "largest difference %.3g" % worst
    return True, "max diff %.1e" % worst


def maxmin_share(frontier, reservations):
    """Kalai-Smorodinsky by accord's definition (DESIGN §1), read off NegMAS's
    frontier: the points maximising min_i (u_i - r_i)/(b_i - r_i), b_i the best u_i on
    it (a party with b_i = r_i contributes 1)."""
    if not frontier:
        return []
    best = [max(p[i] for p in frontier) for i in range(len(reservations))]

    def share(p):
        return min((u - r) / (b - r) if b - r > TOL else 1.0
                   for u, r, b in zip(p, reservations, best))
    top = max(share(p) for p in frontier)
    return [p for p in frontier if share(p) >= top - TOL]


def same_solution(acc, pts, parties):
    """accord's point is one of NegMAS's optimal points (NegMAS lists every point
    within 1e-12 of the optimum; accord picks one by its tie rule)."""
    if acc is None:
        return not pts
    if not pts or "utility" not in acc:
        return False
    u = [acc["utility"][p] for p in parties]
    return any(all(abs(x - y) <= TOL for x, y in zip(u, q)) for q in pts)


def order_parties(neg, acc_parties):
    """Puts NegMAS's vectors in accord's party order (names are sanitised alike)."""
    names = [sanitize(n) for n in neg["parties"]]
    if sorted(names) != sorted(acc_parties):
        return neg
    perm = [names.index(p) for p in acc_parties]
    fix = lambda pts: [[p[i] for i in perm] for p in pts]
    neg = dict(neg)
    neg["frontier"] = fix(neg["frontier"])
    neg["solutions"] = {k: fix(v) for k, v in neg["solutions"].items()}
    return neg


# ---------------------------------------------------------------- main

def spread(ts):
    return "%.3g-%.3g" % (min(ts), max(ts)) if len(ts) > 1 else "%.3g" % ts[0]


def negmas_version():
    import negmas
    pkg = os.path.dirname(os.path.abspath(negmas.__file__))
    try:
        d = subprocess.run(["git", "-C", pkg, "describe", "--tags", "--always"],
                           capture_output=True, text=True, check=True).stdout.strip()
        c = subprocess.run(["git", "-C", pkg, "rev-parse", "HEAD"],
                           capture_output=True, text=True, check=True).stdout.strip()
        return "%s (commit %s)" % (d, c)
    except (OSError, subprocess.CalledProcessError):
        pass
    try:
        from importlib.metadata import version
        return version("negmas")
    except Exception:
        return getattr(negmas, "__version__", "unknown")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--accord", default=os.path.join(ROOT, "build", "accord"))
    ap.add_argument("--issues", default="8,9,10,11,12",
                    help="issue counts of the random problems (4 options each)")
    ap.add_argument("--opposed", default="10,11",
                    help="issue counts of the problems with opposed values")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5, help="accord runs per case (best of)")
    ap.add_argument("--negmas-repeat", type=int, default=1, help="NegMAS runs per case")
    ap.add_argument("--negmas-timeout", type=float, default=900,
                    help="seconds NegMAS may take per run (default 900)")
    ap.add_argument("--negmas-memory", type=float, default=10,
                    help="GB of address space NegMAS may use per run (default 10)")
    ap.add_argument("--genius", default=os.environ.get(
        "ACCORD_GENIUS_DIR", os.path.join(ROOT, "..", "shared", "data", "genius")),
        help="folder of GENIUS scenario folders ('' for none)")
    ap.add_argument("--frontier", choices=("zopa", "all"), default="zopa",
                    help="zopa (default): NegMAS's pareto_frontier with reserved values"
                    " against accord --feasible; all: both over all outcomes")
    ap.add_argument("--json", metavar="FILE", help="also write every measurement as JSON")
    ap.add_argument("--negmas-worker", metavar="SPEC", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.negmas_worker:
        return negmas_worker(a.negmas_worker)
    try:
        import negmas  # noqa: F401  (the child processes import it again)
    except ImportError as e:
        raise SystemExit("compare.py: NegMAS cannot be imported (%s); see docs/scale.md,"
                         " 'Side by side with NegMAS'" % e)
    if not os.access(a.accord, os.X_OK):
        raise SystemExit("compare.py: no accord binary at %s (make build)" % a.accord)
    lib = load_library()
    tmp = tempfile.mkdtemp(prefix="accord-negmas-")
    cases = []
    for kind, sizes in (("random", a.issues), ("opposed", a.opposed)):
        for n in [int(x) for x in sizes.split(",") if x]:
            problem = random_problem(n, a.seed, opposed=kind == "opposed")
            path = os.path.join(tmp, "%s-%d.yaml" % (kind, n))
            write_yaml(problem, path)
            cases.append(("%s 4^%d" % (kind, n), path, {"problem": problem}))
    if a.genius and os.path.isdir(a.genius):
        for d in sorted(os.listdir(a.genius)):
            full = os.path.join(os.path.abspath(a.genius), d)
            if os.path.isdir(full):
                cases.append((d, full, {"genius": full}))

    start = time.perf_counter()
    subprocess.run([a.accord, "--version"], capture_output=True)
    boot = min(_timed([a.accord, "--version"]) for _ in range(5))
    print("NegMAS %s; accord %s; process start (accord --version) %.4f s" % (
        negmas_version(), subprocess.run([a.accord, "--version"], capture_output=True,
                                         text=True).stdout.strip(), boot))
    if a.frontier == "zopa":
        print("NegMAS: pareto_frontier + nash_points + ks_points + max_welfare_points, best of"
              " %d; accord: analyze --json --feasible, whole process, best of %d%s" % (
                  a.negmas_repeat, a.repeat, "; lib: the same in-process" if lib else ""))
    else:
        print("Frontiers over all outcomes. NegMAS: pareto_frontier, reserved values -inf,"
              " best of %d; accord: analyze --json (ZOPA, both frontiers, solutions), whole"
              " process, best of %d%s" % (a.negmas_repeat, a.repeat,
                                          "; lib: the same in-process" if lib else ""))
    head = ("case", "outcomes", "NegMAS s", "accord s", "ratio", "1 thread s", "lib s",
            "method", "frontier", "identical", "ks_points same")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    sys.stdout.flush()
    rows = []
    for name, model, spec in cases:
        feas = a.frontier == "zopa"
        spec = dict(spec, all=not feas)
        acc, ts = run_accord(a.accord, model, a.repeat, feasible=feas)
        _, ts1 = run_accord(a.accord, model, a.repeat, threads=1, feasible=feas)
        tl = run_library(lib, model, a.repeat, feasible=feas) if lib else None
        neg, nts, why = run_negmas(spec, a.negmas_timeout, a.negmas_memory, a.negmas_repeat)
        parties = acc["parties"]
        row = {"case": name, "outcomes": acc["outcomes"], "accord_s": ts, "accord_1t_s": ts1,
               "lib_s": tl, "negmas_s": nts, "method": acc.get("method"),
               "frontier": acc["pareto"]["count"], "negmas": why or "ok"}
        if neg is None:
            ident = "NegMAS: " + why
            timed_out = why.startswith("over") and why.endswith(" s")
            ratio = ">%.0fx" % (a.negmas_timeout / min(ts)) if timed_out else "-"
        else:
            neg = order_parties(neg, parties)
            ok_f, detail = same_frontier(accord_vectors(acc, parties), neg["frontier"])
            sol = {}
            if feas:
                sol = {k: same_solution(acc.get(k), neg["solutions"].get(k, []), parties)
                       for k in ("nash", "welfare")}
                res = [acc["reservation"][p] for p in parties]
                sol["kalai"] = same_solution(acc.get("kalai"),
                                             maxmin_share(neg["frontier"], res), parties)
                row["negmas_ks_points_same"] = same_solution(
                    acc.get("kalai"), neg["solutions"].get("kalai", []), parties)
            row.update({"frontier_identical": ok_f, "frontier_detail": detail,
                        "negmas_frontier_raw": len(neg["frontier"]), "solutions": sol,
                        "negmas_times": neg["times"]})
            bad = [k for k, v in sol.items() if not v]
            ident = ("yes" if ok_f and not bad else "NO") + (
                "" if ok_f else " (frontier: %s)" % detail) + (
                " (differs: %s)" % ", ".join(bad) if bad else "")
            r = neg["total"] / min(ts)
            ratio = ("%.0fx" if r >= 10 else "%.2gx") % r
        rows.append(row)
        ks = row.get("negmas_ks_points_same")
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %d | %s | %s |" % (
            name, "{:.3g}".format(acc["outcomes"]), spread(nts) if nts else "-", spread(ts),
            ratio, spread(ts1), spread(tl) if tl else "-", acc.get("method", "?"),
            acc["pareto"]["count"], ident, "-" if ks is None else ("yes" if ks else "no")))
        sys.stdout.flush()
    shutil.rmtree(tmp, ignore_errors=True)
    print("(times: best-worst of the runs; ratio: best NegMAS / best accord whole process;"
          " %.0f s in all)" % (time.perf_counter() - start))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"negmas": negmas_version(), "process_start_s": boot, "rows": rows}, f,
                      indent=1)
    return 0


def _timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True)
    return time.perf_counter() - t


if __name__ == "__main__":
    sys.exit(main())
