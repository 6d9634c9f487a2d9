#!/usr/bin/env bash
# The summary that ends `accord demo`: it is the last section, and every figure in it is
# the one the other commands give for the record's latest version: `plan status --json`
# (where the sides stand, the leading group, what the main rejecter rejects, weighted
# progress), `plan export` + `mediate --json` (the blocking point, the smallest revision
# and its margins) and `sweep --runs 10000 --json` (the odds). The numbers are read back
# from the text and compared, not matched against fixed strings.
source "$(dirname "$0")/lib.bash"
DB="$TMP/talks.db"
bash data/make-example-record.sh "$ACCORD" "$DB" 2>/dev/null || fail "the record script runs"

expect_exit 0 "$ACCORD" demo --ledger "$DB" -o "$TMP/demo.html"
cp "$TMP/out" "$TMP/demo.txt"
[ -s "$TMP/err" ] && fail "demo keeps stderr clean: $(head -3 "$TMP/err")"
"$ACCORD" plan status "$DB" --json >"$TMP/status.json" || fail "plan status --json"
"$ACCORD" plan export "$DB" -o "$TMP/latest.yaml" || fail "plan export"
"$ACCORD" mediate "$TMP/latest.yaml" --json >"$TMP/mediate.json" || fail "mediate --json"
"$ACCORD" sweep "$TMP/latest.yaml" --runs 10000 --json >"$TMP/sweep.json" || fail "sweep --json"

python3 - "$TMP" <<'PY' || fail "the summary's numbers"
import json, re, sys, yaml
d = sys.argv[1]
text = open(d + "/demo.txt").read()
st = json.load(open(d + "/status.json"))
med = json.load(open(d + "/mediate.json"))
sw = json.load(open(d + "/sweep.json"))
model = yaml.safe_load(open(d + "/latest.yaml"))
bad = []
def check(ok, what):
    if not ok:
        bad.append(what)

# the summary is the last section, after the full sections
head = "\nSummary of the talks\n"
check(head in text, "a summary section")
before, _, summary = text.rpartition(head)
for section in ("Pareto frontier", "Smallest revision", "The record of the real talks", "Report written to"):
    check(section in before, "section above the summary: " + section)
check(len(summary.splitlines()) <= 30, "the summary is short: %d lines" % len(summary.splitlines()))
s = " ".join(summary.split())

names = {p["id"]: p["name"] for p in model["parties"]}
title = {p["id"]: p["title"] for p in st["points"]}
K = len(st["points"])
def name_re(pid):
    return r"(?:the )?" + re.escape(names[pid])
def pct(x):
    return 100.0 * x
def near(printed, value, decimals=0):
    return abs(float(printed) - value) <= 0.5 * 10 ** -decimals + 1e-9

m = re.search(r"version (\d+) of (\S+), (\d+) points", s)
check(m and int(m[1]) == st["version"] and m[2] == st["date"] and int(m[3]) == K, "the version")

# where the sides stand: the leading group and its joint agreement, from the stances
group = st["coalition"]["members"]
rows = st["parties"] + st["mediators"]
joint = sum(all(st["stances"][p][k["id"]] == "agree" for p in group) for k in st["points"])
check(joint == st["coalition"]["points"], "the group's joint agreement")
check(2 * joint >= K, "the group agrees on at least half")
for r in rows:  # greedy and maximal: no one else could join and keep half
    if r not in group:
        j2 = sum(all(st["stances"][p][k["id"]] == "agree" for p in group + [r]) for k in st["points"])
        check(2 * j2 < K, "no one else keeps half: " + r)
gnames = " and ".join(name_re(p) for p in group)
m = re.search(r"Where the sides stand: " + gnames + r" agree on (\d+) of the (\d+) points \((\d+)%\)", s)
check(m and int(m[1]) == joint and int(m[2]) == K and near(m[3], pct(joint / K)), "the group's count")
for p in st["parties"]:
    if p in group:
        continue
    bp = st["progress"]["by_party"][p]
    m = re.search(name_re(p) + r" agrees? to (\d+)( and rejects? (\d+))?", s)
    check(m and int(m[1]) == bp["points"] and int(m[3] or 0) == bp["rejected"]["points"], "stand of " + p)

# why the count is not a deal: the party outside the group whose rejections weigh most
outside = [p for p in st["parties"] if p not in group and st["progress"]["by_party"][p]["rejected"]["points"]]
who = max(outside, key=lambda p: st["progress"]["by_party"][p]["rejected"]["weighted"])
m = re.search(r"Why (\d+)% of the points agreed is not a deal: the points " + name_re(who) +
              r" rejects? carry (\d+)% of (?:its|their) salience, and weighted by salience the draft is (\d+)% agreed", s)
check(m and near(m[1], pct(joint / K)), "why: the count")
check(m and near(m[2], pct(st["progress"]["by_party"][who]["rejected"]["weighted"])), "why: the rejected salience")
check(m and near(m[3], pct(st["progress"]["weighted"])), "why: weighted progress")

# what blocks it: the mediation's impasses, and who rejects them on the record
blocking = med["impasses"]["hard"] + med["impasses"]["soft"]
check(len(blocking) >= 1, "the latest version has an impasse")
for k in blocking:
    check('the point "%s"' % " ".join(title[k].split()) in s, "blocking point " + k)
    for p in st["parties"]:
        if st["stances"][p][k] == "reject":
            check(re.search(r"which .*" + name_re(p) + r".* on the record", s), "rejecter of " + k)

# the smallest revision and each side's margin over no deal
rev = med["revision"]
m = re.search(r"The smallest revision every side accepts changes (\d+) of the (\d+) points", s)
check(m and int(m[1]) == rev["count"] and int(m[2]) == K, "revision size")
opt_title = {(i["id"], o["id"]): o.get("title", o["id"]) for i in model["issues"] for o in i["options"]}
for c in rev["changes"]:
    check('to "%s"' % " ".join(opt_title[(c["issue"], c["to"])].split()) in s, "revision of " + c["issue"])
res = {p["id"]: p.get("reservation", 0) for p in model["parties"]}
for p in med["parties"]:
    m = re.search(re.escape(names[p]) + r" ([+-]\d+\.\d\d)", s)
    check(m and near(m[1], rev["utility"][p] - res[p], 2), "margin of " + p)

# the odds: the sweep's deal share, its interval, and how the deals settle the point
m = re.search(r"The odds: ([\d.]+)% of (\d+) simulated talks .* end in a deal \(95% interval ([\d.]+)% to ([\d.]+)%\)", s)
check(m and int(m[2]) == sw["runs"], "odds: runs")
check(m and near(m[1], pct(sw["deal"]["share"]), 1), "odds: deal share")
check(m and near(m[3], pct(sw["deal"]["ci95"][0]), 1) and near(m[4], pct(sw["deal"]["ci95"][1]), 1), "odds: interval")
for c in rev["changes"]:
    if c["issue"] in blocking:
        m = re.search(r"([\d.]+)% of the deals move (?:that point|\"[^\"]*\") as the revision does", s)
        check(m and near(m[1], pct(sw["points"][c["issue"]][c["to"]]["share"]), 1), "odds: the revision's option")
        kept = sw["points"][c["issue"]][c["from"]]["count"]
        check(("none keeps it as drafted" in s) == (kept == 0), "odds: the draft's option")
if bad:
    print("summary:\n" + summary, file=sys.stderr)
    print("failed: " + "; ".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
finish
