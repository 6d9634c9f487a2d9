#!/usr/bin/env bash
# accord report: the page and every SVG are well-formed XML (xmllint), the page is
# self-contained (no script, no external reference), and the charts have the right
# structure (python3 xml.etree): one frontier circle per Pareto point (the count
# `accord analyze --json` gives), one projection per pair of parties, party names as
# labels, every point inside the plot box, one stance cell per party and point; names
# with markup characters are escaped; usage and input errors.
source "$(dirname "$0")/lib.bash"
for tool in xmllint python3; do
  command -v $tool >/dev/null || { echo "$tool is required (scripts/deps.sh installs it)" >&2; exit 1; }
done
write_small_model "$TMP/m.yaml"

# check_report HTML SVGDIR ANALYZE_JSON: xmllint and the structure checks.
check_report() {
  local html=$1 dir=$2 json=$3
  xmllint --noout "$html" 2>"$TMP/xml.err" || fail "xmllint rejects $html: $(head -3 "$TMP/xml.err")"
  for f in "$dir"/*.svg; do
    xmllint --noout "$f" 2>"$TMP/xml.err" || fail "xmllint rejects $f: $(head -3 "$TMP/xml.err")"
  done
  python3 - "$html" "$dir" "$json" <<'PY' || fail "structure checks on $html"
import json, os, re, sys, itertools
import xml.etree.ElementTree as ET
html, d, js = sys.argv[1:]
a = json.load(open(js))
S = '{http://www.w3.org/2000/svg}'
H = '{http://www.w3.org/1999/xhtml}'
bad = []
def check(cond, msg):
    if not cond:
        bad.append(msg)
names = a['_names']
ids = a['parties']
n = a['pareto']['count']
# one projection per pair of parties, named frontier-A-B.svg
pairs = list(itertools.combinations(ids, 2))
for pa, pb in pairs:
    f = os.path.join(d, 'frontier-%s-%s.svg' % (pa, pb))
    check(os.path.exists(f), 'missing ' + f)
    if not os.path.exists(f):
        continue
    root = ET.parse(f).getroot()
    pts = [c for c in root.iter(S + 'circle') if c.get('class') == 'pt']
    check(len(pts) == n, '%s: %d frontier circles, analyze says %d' % (f, len(pts), n))
    box = [r for r in root.iter(S + 'rect') if r.get('class') == 'plot']
    check(len(box) == 1, f + ': one plot box')
    if box:
        x0, y0 = float(box[0].get('x')), float(box[0].get('y'))
        x1, y1 = x0 + float(box[0].get('width')), y0 + float(box[0].get('height'))
        out = [c for c in pts if not (x0 <= float(c.get('cx')) <= x1 and y0 <= float(c.get('cy')) <= y1)]
        check(not out, '%s: %d points outside the plot box' % (f, len(out)))
        # the point with the best utility for A sits at the right (u in [0,1] -> box)
        if len(a['pareto']['points']) == n:
            best = max(p['utility'][pa] for p in a['pareto']['points'])
            xs = max(float(c.get('cx')) for c in pts)
            check(abs(xs - (x0 + best * (x1 - x0))) < 0.11, '%s: rightmost point at %g' % (f, xs))
            low = min(p['utility'][pb] for p in a['pareto']['points'])
            ys = max(float(c.get('cy')) for c in pts)
            check(abs(ys - (y1 - low * (y1 - y0))) < 0.11, '%s: lowest point at %g' % (f, ys))
    texts = ' '.join(''.join(t.itertext()) for t in root.iter(S + 'text'))
    check(('utility of ' + names[pa]) in texts and ('utility of ' + names[pb]) in texts,
          f + ': axis labels name both parties')
    for label in ('Nash point', 'Kalai-Smorodinsky point', 'welfare point'):
        check(label in texts if a['nash'] else True, f + ': legend has ' + label)
    nums = re.findall(r'="(-?\d+\.\d{2,})"', open(f).read())
    check(not nums, f + ': coordinates rounded to 0.1 px, found %s' % nums[:3])
if a.get('plan'):
    f = os.path.join(d, 'stances.svg')
    root = ET.parse(f).getroot()
    cells = [r for r in root.iter(S + 'rect') if r.get('class') == 'cell' and r.find(S + 'title') is not None]
    np_, ni = len(ids), len(a['plan']['outcome'])
    check(len(cells) == np_ * ni, '%s: %d cells, want %d' % (f, len(cells), np_ * ni))
    texts = ' '.join(''.join(t.itertext()) for t in root.iter(S + 'text'))
    for p in ids:
        check(names[p][:15] in texts, f + ': column label ' + names[p])
    for word in ('agree', 'criticise', 'reject', 'not discussed'):
        check(word in texts, f + ': legend has ' + word)
    st = a['plan']['stances']
    want = sum(1 for p in ids for k, v in st[p].items() if v == 'agree')
    got = sum(1 for c in cells if c.get('fill') == '#0072B2')
    check(got == want, '%s: %d agree cells, analyze says %d' % (f, got, want))
    check(os.path.exists(os.path.join(d, 'progress.svg')), 'progress.svg')
# the page: XHTML, self-contained, every chart inline with its caption and table
root = ET.parse(html).getroot()
svgs = list(root.iter(S + 'svg'))
nfiles = len([x for x in os.listdir(d) if x.endswith('.svg')])
check(len(svgs) == nfiles, 'page has %d inline charts, %d files' % (len(svgs), nfiles))
figs = list(root.iter(H + 'figure'))
check(len(figs) == nfiles, 'one figure per chart')
for fg in figs:
    check(fg.find(H + 'figcaption') is not None, 'figure has a caption')
    check(fg.find('.//' + H + 'table') is not None, 'figure has its table')
check(not list(root.iter(H + 'script')) and not list(root.iter(H + 'link')), 'no script or link')
text = open(html).read()
ext = [m for m in re.findall(r'(?:src|href)="([^"]*)"', text) if not m.startswith('#')]
check(not ext, 'external references: %s' % ext[:3])
check('url(' not in text and '@import' not in text, 'no url() or @import in the CSS')
body = ''.join(root.itertext())
for p in ids:
    check(names[p] in body, 'page names ' + names[p])
if bad:
    print('\n'.join(bad[:20]), file=sys.stderr)
    sys.exit(1)
PY
}

# analyze --json plus the party names, for the checks
analyze_json() {
  "$ACCORD" analyze "$1" --json >"$TMP/a.json" || fail "analyze $1"
  python3 - "$1" "$TMP/a.json" <<'PY'
import json, sys, re
a = json.load(open(sys.argv[2]))
names = {}
text = open(sys.argv[1]).read() if sys.argv[1] != '@default' else ''
for m in re.finditer(r'\{id: ([\w.-]+), name: ([^,}]+)', text):
    names[m.group(1)] = m.group(2).strip().strip('"')
for p in a['parties']:
    names.setdefault(p, p)
a['_names'] = names
json.dump(a, open(sys.argv[2], 'w'))
PY
}

# 1. the small model: 2 parties, 5 frontier points, a draft
expect_exit 0 "$ACCORD" report "$TMP/m.yaml" -o "$TMP/r.html" --svg "$TMP/svg"
[ "$(cat "$TMP/out")" = "$TMP/r.html" ] || fail "stdout is the path written: $(cat "$TMP/out")"
[ -s "$TMP/err" ] && fail "stderr stays empty: $(cat "$TMP/err")"
ls "$TMP/svg" | sort | tr '\n' ' ' >"$TMP/list"
[ "$(cat "$TMP/list")" = "forecast.svg frontier-a-b.svg progress.svg stances.svg " ] || fail "svg files: $(cat "$TMP/list")"
analyze_json "$TMP/m.yaml"
check_report "$TMP/r.html" "$TMP/svg" "$TMP/a.json"
grep -q '>5 frontier\|of the 5 points' "$TMP/r.html" || fail "the caption gives the frontier size"
ls "$TMP" | grep -q '\.tmp' && fail "no temporary file is left behind"

# 2. the same without --svg: the same page, no files
expect_exit 0 "$ACCORD" report "$TMP/m.yaml" --output="$TMP/r2.html"
cmp -s "$TMP/r.html" "$TMP/r2.html" || fail "the page does not depend on --svg"

# 3. three parties and no draft: three projections, no draft charts
python3 - "$TMP/m.yaml" "$TMP/three.yaml" <<'PY'
import sys
t = open(sys.argv[1]).read()
t = t.replace("  - {id: b, name: Beta Union, reservation: 0.2}\n",
              "  - {id: b, name: Beta Union, reservation: 0.2}\n  - {id: c, name: \"Gamma <&> 'Co'\", reservation: 0.1}\n")
t = t.replace("plan:\n  land: split\n  money: high\n", "")
t += """  c:
    weights: {land: 0.3, money: 0.7}
    values:
      land: {north: 0.2, split: 1.0, south: 0.4}
      money: {low: 0.6, high: 0.3}
"""
open(sys.argv[2], 'w').write(t)
PY
expect_exit 0 "$ACCORD" report "$TMP/three.yaml" -o "$TMP/t.html" --svg "$TMP/svg3"
ls "$TMP/svg3" | sort | tr '\n' ' ' >"$TMP/list"
[ "$(cat "$TMP/list")" = "forecast.svg frontier-a-b.svg frontier-a-c.svg frontier-b-c.svg " ] || fail "three projections: $(cat "$TMP/list")"
analyze_json "$TMP/three.yaml"
check_report "$TMP/t.html" "$TMP/svg3" "$TMP/a.json"
grep -q "Gamma &lt;&amp;&gt; &#39;Co&#39;" "$TMP/t.html" || fail "a name with markup characters is escaped"

# 4. the embedded model: 13824 frontier points in each of 3 projections, a reasonable size
expect_exit 0 "$ACCORD" report @default -o "$TMP/d.html" --svg "$TMP/svgd"
"$ACCORD" analyze @default --json --limit 5 >"$TMP/a.json" || fail "analyze @default"
python3 - "$TMP/a.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
a['_names'] = {'ua': 'Ukraine', 'ru': 'Russia', 'eu': 'European partners'}
json.dump(a, open(sys.argv[1], 'w'))
PY
check_report "$TMP/d.html" "$TMP/svgd" "$TMP/a.json"
size=$(stat -c %s "$TMP/d.html")
[ "$size" -lt 4000000 ] || fail "the embedded model's page is $size bytes"

# 5. errors
expect_exit 2 "$ACCORD" report
expect_exit 2 "$ACCORD" report "$TMP/m.yaml" --bogus
expect_exit 2 "$ACCORD" report "$TMP/m.yaml" -o
expect_exit 2 "$ACCORD" report "$TMP/m.yaml" "$TMP/m.yaml"
expect_exit 2 "$ACCORD" report "$TMP/m.yaml" --agree-within 2
expect_exit 1 "$ACCORD" report "$TMP/missing.yaml" -o "$TMP/x.html"
expect_exit 1 "$ACCORD" report "$TMP/m.yaml" -o "$TMP/no/such/dir/x.html"
grep -q "cannot write" "$TMP/err" || fail "an unwritable output is reported: $(cat "$TMP/err")"
expect_exit 0 "$ACCORD" report --help
grep -q -- "--svg DIR" "$TMP/out" || fail "help lists --svg"
finish
