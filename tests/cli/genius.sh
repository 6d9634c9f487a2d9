#!/usr/bin/env bash
# accord import genius / export genius and GENIUS folders as MODEL: the three public ANAC
# scenarios analysed by accord against an independent computation in python (the XML
# read with xml.etree, every outcome enumerated with GENIUS's semantics), import to YAML
# giving the same analysis, export of the small model of lib.bash (with the notes on what
# GENIUS cannot hold) and its analysis from the exported folder, and located errors.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "python3 is required (scripts/deps.sh installs it)" >&2; exit 1; }
SHARED=${ACCORD_SHARED_DIR:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}
DATA=$SHARED/data/genius

if [ -d "$DATA" ]; then
  for sc in Laptop ItexvsCypress AirportSiteSelectionA; do
    expect_exit 0 "$ACCORD" analyze "$DATA/$sc" --json
    cp "$TMP/out" "$TMP/$sc.json"
    python3 - "$DATA/$sc" "$TMP/$sc.json" <<'PY' || fail "$sc: analysis differs from the independent computation"
import itertools, json, os, sys, xml.etree.ElementTree as ET
folder, result = sys.argv[1], json.load(open(sys.argv[2]))
files = sorted(f for f in os.listdir(folder) if f.endswith(".xml"))
dom = [f for f in files if ET.parse(os.path.join(folder, f)).getroot().tag == "negotiation_template"][0]
issues = [(int(i.get("index")), [it.get("value") for it in i.findall("item")])
          for i in ET.parse(os.path.join(folder, dom)).getroot().iter("issue")]
profiles = []
for f in files:
    if f == dom:
        continue
    root = ET.parse(os.path.join(folder, f)).getroot()
    res = root.find("reservation")
    w = {int(x.get("index")): float(x.get("value")) for x in root.iter("weight")}
    ws = sum(w.values())
    tab = {}
    for i in root.iter("issue"):
        ev = {it.get("value"): float(it.get("evaluation")) for it in i.findall("item")}
        mx = max(ev.values())
        tab[int(i.get("index"))] = {v: (0.0 if mx < 1e-5 else e / mx) * w[int(i.get("index"))] / ws
                                    for v, e in ev.items()}
    profiles.append((float(res.get("value")) if res is not None else 0.0, tab))
us = []
for combo in itertools.product(*[vals for _, vals in issues]):
    us.append(tuple(sum(t[idx][v] for (idx, _), v in zip(issues, combo)) for _, t in profiles))
r = [p[0] for p in profiles]
zopa = [u for u in us if all(x >= ri - 1e-9 for x, ri in zip(u, r))]
front = set()
for u in us:
    if not any(all(a >= b - 1e-9 for a, b in zip(v, u)) and any(a > b + 1e-9 for a, b in zip(v, u)) for v in us):
        front.add(tuple(round(x, 9) for x in u))
nash = max((u for u in zopa), key=lambda u: (u[0] - r[0]) * (u[1] - r[1]))
prod = (nash[0] - r[0]) * (nash[1] - r[1])
bad = []
if result["outcomes"] != len(us): bad.append(f"outcomes {result['outcomes']} != {len(us)}")
if result["zopa"]["count"] != len(zopa): bad.append(f"zopa {result['zopa']['count']} != {len(zopa)}")
if result["pareto"]["count"] != len(front): bad.append(f"pareto {result['pareto']['count']} != {len(front)}")
if abs(result["nash"]["product"] - prod) > 1e-9: bad.append(f"nash {result['nash']['product']} != {prod}")
for b in bad: print(folder, b)
sys.exit(1 if bad else 0)
PY
  done

  # import to YAML (stdout and -o) gives the same analysis as the folder
  expect_exit 0 "$ACCORD" import genius "$DATA/Laptop/laptop_domain.xml" \
    "$DATA/Laptop/laptop_buyer_utility.xml" "$DATA/Laptop/laptop_seller_utility.xml"
  head -1 "$TMP/out" | grep -q '^accord: 1' || fail "import writes an accord model, got: $(head -2 "$TMP/out")"
  cp "$TMP/out" "$TMP/laptop.yaml"
  expect_exit 0 "$ACCORD" import genius "$DATA/Laptop" -o "$TMP/laptop2.yaml"
  [ -s "$TMP/out" ] && fail "with -o stdout stays empty"
  cmp -s "$TMP/laptop.yaml" "$TMP/laptop2.yaml" || fail "folder and file list import differently"
  grep -q 'discount: 0.42441038' "$TMP/laptop.yaml" || fail "the discount factor is kept"
  for sc in Laptop ItexvsCypress AirportSiteSelectionA; do
    expect_exit 0 "$ACCORD" import genius "$DATA/$sc" -o "$TMP/$sc.yaml"
    expect_exit 0 "$ACCORD" analyze "$TMP/$sc.yaml" --json
    cmp -s "$TMP/out" "$TMP/$sc.json" || fail "$sc: the YAML import analyses like the folder"
  done
  expect_exit 0 "$ACCORD" check "$DATA/AirportSiteSelectionA/AirportSiteSelection-A-prof1.xml"
  grep -q '^ok: 1 party (1 active), 3 issues, 420 outcomes$' "$TMP/out" ||
    fail "a single profile is its own domain, got: $(cat "$TMP/out")"
else
  echo "SKIP: $DATA not found; the ANAC scenario checks did not run" >&2
fi

# export of the small model: a domain and one profile per party, notes on what is left out
write_small_model "$TMP/m.yaml"
expect_exit 0 "$ACCORD" export genius "$TMP/m.yaml" "$TMP/out-dir"
for f in domain a b; do [ -s "$TMP/out-dir/$f.xml" ] || fail "export writes $f.xml"; done
[ -e "$TMP/out-dir/med.xml" ] && fail "a mediator gets no profile"
grep -q 'note: GENIUS has no mediators' "$TMP/err" || fail "mediator note, got: $(cat "$TMP/err")"
grep -q 'note: GENIUS has no red lines' "$TMP/err" || fail "red-line note"
grep -q 'note: GENIUS has no draft plan' "$TMP/err" || fail "draft note"
python3 - "$TMP/out-dir" <<'PY' || fail "exported files follow GENIUS's layout"
import sys, xml.etree.ElementTree as ET
d = ET.parse(sys.argv[1] + "/domain.xml").getroot()
assert d.tag == "negotiation_template"
us = d.find("utility_space"); assert us.get("number_of_issues") == "2"
obj = us.find("objective"); assert obj.get("index") == "0" and obj.get("name") == "Test talks"
iss = obj.findall("issue")
assert [i.get("name") for i in iss] == ["land", "money"]
assert all(i.get("type") == i.get("etype") == i.get("vtype") == "discrete" for i in iss)
assert [it.get("value") for it in iss[0].findall("item")] == ["north", "split", "south"]
p = ET.parse(sys.argv[1] + "/b.xml").getroot()
assert p.tag == "utility_space"
w = {x.get("index"): float(x.get("value")) for x in p.iter("weight")}
assert w == {"1": 0.5, "2": 0.5}, w
ev = {it.get("value"): float(it.get("evaluation")) for it in p.find("objective").findall("issue")[0].findall("item")}
assert ev == {"north": 0.0, "split": 0.5, "south": 1.0}, ev
assert float(p.find("reservation").get("value")) == 0.2
assert float(p.find("discount_factor").get("value")) == 1.0
PY
# the exported folder analyses like the model without its mediator, red lines and draft:
# every outcome sums to 1 (5 frontier vectors), ZOPA: every outcome with both >= 0.2 (4)
expect_exit 0 "$ACCORD" analyze "$TMP/out-dir" --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["parties"] == ["a", "b"], r["parties"]
assert r["outcomes"] == 6 and r["pareto"]["count"] == 5 and r["zopa"]["count"] == 4, r
assert "plan" not in r' "$TMP/out" || fail "analysis of the exported folder"

# GeniusWeb: a folder with a domain and two profiles; utilities used as given, the
# reservation value is the utility of the reservation bid
mkdir -p "$TMP/gw"
cat >"$TMP/gw/domain.json" <<'JSON'
{"name": "fruit", "issuesValues": {"kind": {"values": ["apple", "pear"]}, "size": {"values": ["small", "big"]}}}
JSON
cat >"$TMP/gw/buyer.json" <<'JSON'
{"LinearAdditiveUtilitySpace": {"name": "Buyer", "domain": {"name": "fruit", "issuesValues": {"kind": {"values": ["apple", "pear"]}, "size": {"values": ["small", "big"]}}},
 "issueWeights": {"kind": 0.75, "size": 0.25},
 "issueUtilities": {"kind": {"DiscreteValueSetUtilities": {"valueUtilities": {"apple": 1, "pear": 0.2}}},
                    "size": {"DiscreteValueSetUtilities": {"valueUtilities": {"small": 0, "big": 1}}}},
 "reservationBid": {"issuevalues": {"kind": "pear", "size": "big"}}}}
JSON
cat >"$TMP/gw/seller.json" <<'JSON'
{"LinearAdditiveUtilitySpace": {"name": "Seller", "domain": {"name": "fruit", "issuesValues": {"kind": {"values": ["apple", "pear"]}, "size": {"values": ["small", "big"]}}},
 "issueWeights": {"kind": 0.5, "size": 0.5},
 "issueUtilities": {"kind": {"discreteutils": {"valueUtilities": {"apple": 0.4, "pear": 1}}},
                    "size": {"discreteutils": {"valueUtilities": {"small": 1, "big": 0.5}}}},
 "reservationBid": null}}
JSON
expect_exit 0 "$ACCORD" analyze "$TMP/gw" --json
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["title"] == "fruit" and r["parties"] == ["buyer", "seller"], r["parties"]
# buyer: apple,small .75 | apple,big 1 | pear,small .15 | pear,big .4 (its reservation)
# seller: apple,small .7 | apple,big .45 | pear,small 1 | pear,big .75
# no vector dominates another (4 frontier points); ZOPA: buyer >= .4 (3 outcomes);
# Nash products (u_b - .4) * u_s: apple,big .27 | apple,small .245 | pear,big 0
assert abs(r["reservation"]["buyer"] - 0.4) < 1e-12 and r["reservation"]["seller"] == 0
assert r["outcomes"] == 4 and r["zopa"]["count"] == 3 and r["pareto"]["count"] == 4, r
assert abs(r["nash"]["product"] - 0.6 * 0.45) < 1e-12, r["nash"]
assert r["nash"]["outcome"] == {"kind": "apple", "size": "big"}' "$TMP/out" || fail "GeniusWeb folder analysis"
expect_exit 0 "$ACCORD" import geniusweb "$TMP/gw/seller.json" "$TMP/gw/buyer.json" --domain "$TMP/gw/domain.json"
grep -q '^- {id: seller, name: Seller}$' "$TMP/out" || fail "geniusweb import keeps the order given, got: $(head -5 "$TMP/out")"
expect_exit 1 "$ACCORD" import geniusweb "$TMP/gw/domain.json"
grep -q 'not a GeniusWeb LinearAdditiveUtilitySpace profile' "$TMP/err" || fail "a domain is not a profile"

# errors: located, exit 1; usage errors exit 2
mkdir -p "$TMP/bad"
cp "$TMP/out-dir/domain.xml" "$TMP/bad/"
sed 's/ evaluation="0.5"//' "$TMP/out-dir/a.xml" >"$TMP/bad/a.xml"
expect_exit 1 "$ACCORD" analyze "$TMP/bad"
grep -q "^$TMP/bad/a.xml:[0-9][0-9]*: value 'split' of issue 'land' has no evaluation" "$TMP/err" ||
  fail "missing evaluation located, got: $(cat "$TMP/err")"
printf '<utility_space>\n<objective>\n' >"$TMP/bad/a.xml"
expect_exit 1 "$ACCORD" import genius "$TMP/bad/domain.xml" "$TMP/bad/a.xml"
grep -q "^$TMP/bad/a.xml:[0-9][0-9]*: XML error" "$TMP/err" || fail "XML error located, got: $(cat "$TMP/err")"
expect_exit 2 "$ACCORD" import
expect_exit 2 "$ACCORD" import xml a b
expect_exit 2 "$ACCORD" import genius "$TMP/bad/domain.xml" --steps 1
expect_exit 2 "$ACCORD" export genius "$TMP/m.yaml"
expect_exit 2 "$ACCORD" export csv "$TMP/m.yaml" "$TMP/x"
finish
