"""A worked example: build a small two-party model the NegMAS way, analyse it, print its
Pareto frontier and the bargaining solutions, and plot the frontier when matplotlib is
present (frontier.png beside this file, or the path given as the first argument).

    ACCORD_LIBRARY=build/libaccord.so PYTHONPATH=python python3 python/examples/frontier.py
"""
import os
import sys

import accord

# -- 1. The scenario, as a NegMAS user has it: issues with values, and one linear
#       additive utility function per party (weights and value tables).
issues = [("price", [400, 500, 600, 700]),
          ("warranty", ["none", "1 year", "3 years"]),
          ("delivery", ["1 week", "1 month"])]
buyer = {"weights": [0.6, 0.3, 0.1],
         "values": [{400: 1.0, 500: 0.7, 600: 0.3, 700: 0.0},
                    {"none": 0.0, "1 year": 0.6, "3 years": 1.0},
                    {"1 week": 1.0, "1 month": 0.0}],
         "reserved_value": 0.3}
seller = {"weights": [0.7, 0.2, 0.1],
          "values": [{400: 0.0, 500: 0.4, 600: 0.8, 700: 1.0},
                     {"none": 1.0, "1 year": 0.6, "3 years": 0.0},
                     {"1 week": 0.2, "1 month": 1.0}],
          "reserved_value": 0.3}
model = accord.from_negmas(issues, {"buyer": buyer, "seller": seller}, title="Laptop sale")

# -- 2. The analysis: the same dict as `accord analyze MODEL --json`.
result = accord.analyze(model)
print("%s: %d outcomes, %s in the ZOPA" % (result["title"], result["outcomes"],
                                            result["zopa"]["count"]))
parties, rows = accord.frontier(result)
print("\nPareto frontier (%d points):" % len(rows))
print("  " + "".join("%10s" % p for p in parties) + "   outcome")
for point, row in zip(result["pareto"]["points"], rows):
    print("  " + "".join("%10.3f" % u for u in row) + "   " +
          ", ".join("%s=%s" % kv for kv in point["outcome"].items()))
for name in ("nash", "kalai", "welfare"):
    s = result[name]
    if s:
        print("%-8s %s" % (name, ", ".join("%s %.3f" % (p, s["utility"][p]) for p in parties)))

# -- 3. A simulated talk, seeded: the same seed gives the same talk.
talk = accord.simulate(model, protocol="alternating", seed=7)
print("\nalternating offers: %s at round %d, %s" % ("deal" if talk["deal"] else "no deal",
                                                   talk["round"], talk["outcome"]))

# -- 4. The chart, when matplotlib is installed.
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("\n(matplotlib is not installed: no chart)")
    sys.exit(0)
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "frontier.png")
fig, ax = plt.subplots(figsize=(5, 4))
ax.plot([r[0] for r in rows], [r[1] for r in rows], "o-", color="#0072B2", label="Pareto frontier")
ax.axvline(result["reservation"][parties[0]], color="#999999", ls="--", lw=1)
ax.axhline(result["reservation"][parties[1]], color="#999999", ls="--", lw=1, label="reservation values")
if result["nash"]:
    n = result["nash"]["utility"]
    ax.plot([n[parties[0]]], [n[parties[1]]], "s", color="#D55E00", ms=9, label="Nash point")
ax.set_xlabel("utility of " + parties[0])
ax.set_ylabel("utility of " + parties[1])
ax.set_title(result["title"])
ax.legend(loc="lower left", fontsize=8)
fig.tight_layout()
fig.savefig(out, dpi=100)
print("\nchart written to " + out)
