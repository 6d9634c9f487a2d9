#!/usr/bin/env bash
# accord report with --ledger, --trace and --sweep on the small model of lib.bash: the
# extra charts appear (progress over the record's versions, the latest recorded stances,
# the simulated talk, the sweep), all well-formed (xmllint) and with the right structure
# (python3 xml.etree): one bar pair per version, one stance cell per party and point of
# the latest version, one line per party over every round of the trace, one bar segment
# set per point of the sweep; bad input files are input errors.
source "$(dirname "$0")/lib.bash"
for tool in xmllint python3; do
  command -v $tool >/dev/null || { echo "$tool is required (scripts/deps.sh installs it)" >&2; exit 1; }
done
write_small_model "$TMP/m.yaml"
# an event, so the trace marks one
cat >>"$TMP/m.yaml" <<'YAML'
events:
  - {at: 0.5, party: b, reservation: +0.05, note: "harvest <failed>"}
YAML

A="$ACCORD"
expect_exit 0 "$A" plan init "$TMP/rec.db" --model "$TMP/m.yaml"
expect_exit 0 "$A" plan draft "$TMP/rec.db" --from "$TMP/m.yaml" --date 2025-01-10
expect_exit 0 "$A" plan stance "$TMP/rec.db" --version 1 --party a --point land --stance agree --date 2025-01-11
expect_exit 0 "$A" plan draft "$TMP/rec.db" --date 2025-02-01
expect_exit 0 "$A" plan stance "$TMP/rec.db" --version 2 --party a --point money --stance agree --date 2025-02-02
expect_exit 0 "$A" plan stance "$TMP/rec.db" --version 2 --party b --point money --stance agree --date 2025-02-02
expect_exit 0 "$A" plan stance "$TMP/rec.db" --version 2 --party b --point land --stance reject --date 2025-02-03
expect_exit 0 "$A" simulate "$TMP/m.yaml" --trace "$TMP/t.jsonl" --rounds 40
expect_exit 0 "$A" sweep "$TMP/m.yaml" --runs 200 --json
cp "$TMP/out" "$TMP/s.json"

expect_exit 0 "$A" report "$TMP/m.yaml" -o "$TMP/r.html" --svg "$TMP/svg" \
  --ledger "$TMP/rec.db" --trace "$TMP/t.jsonl" --sweep "$TMP/s.json"
[ -s "$TMP/err" ] && fail "stderr stays empty: $(cat "$TMP/err")"
ls "$TMP/svg" | sort | tr '\n' ' ' >"$TMP/list"
[ "$(cat "$TMP/list")" = "forecast.svg frontier-a-b.svg progress-versions.svg progress.svg stances-recorded.svg stances.svg sweep.svg trace.svg " ] ||
  fail "svg files: $(cat "$TMP/list")"
xmllint --noout "$TMP/r.html" 2>"$TMP/x" || fail "xmllint rejects the page: $(head -3 "$TMP/x")"
for f in "$TMP"/svg/*.svg; do
  xmllint --noout "$f" 2>"$TMP/x" || fail "xmllint rejects $f: $(head -3 "$TMP/x")"
done

python3 - "$TMP/svg" "$TMP/t.jsonl" "$TMP/s.json" "$TMP/r.html" <<'PY' || fail "structure checks"
import json, os, sys
import xml.etree.ElementTree as ET
d, trace, sweep, html = sys.argv[1:]
S = '{http://www.w3.org/2000/svg}'
bad = []
def check(c, m):
    if not c: bad.append(m)
def svg(name): return ET.parse(os.path.join(d, name)).getroot()
def texts(root): return ' '.join(''.join(t.itertext()) for t in root.iter(S + 'text'))
# progress over 2 versions
root = svg('progress-versions.svg')
bars = [r for r in root.iter(S + 'rect') if (r.get('class') or '').startswith('bar')]
check(len(bars) == 4, 'progress-versions: %d bars, want 4' % len(bars))
t = texts(root)
check('v1 2025-01-10' in t and 'v2 2025-02-01' in t, 'progress-versions labels: ' + t[:200])
# v2: money agreed by both -> 1 of 2
check('1 of 2 (50%)' in t, 'v2 has 1 of 2 points agreed')
# recorded stances of v2: 2 parties x 2 points; a/land not discussed, b/land reject
root = svg('stances-recorded.svg')
cells = [r for r in root.iter(S + 'rect') if r.get('class') == 'cell' and r.find(S + 'title') is not None]
check(len(cells) == 4, 'stances-recorded: %d cells' % len(cells))
tips = [c.find(S + 'title').text for c in cells]
check(any(x.startswith('Beta Union on Land border') and x.endswith('reject') for x in tips), 'b rejects land: %s' % tips)
check(any(x.startswith('Alpha Republic on Land border') and x.endswith('not discussed') for x in tips), 'a/land not discussed')
check('Recorded stances, version 2' in texts(root), 'title names the version')
# trace: one path per party, one vertex per round, the event marked
rounds = [json.loads(l) for l in open(trace) if l.strip()]
root = svg('trace.svg')
series = [p for p in root.iter(S + 'path') if p.get('class') == 'series']
check(len(series) == 2, 'trace: %d series' % len(series))
for p in series:
    check(p.get('d').count('L') == len(rounds) - 1, 'trace: one vertex per round')
box = [r for r in root.iter(S + 'rect') if r.get('class') == 'plot'][0]
x0, y0 = float(box.get('x')), float(box.get('y'))
x1, y1 = x0 + float(box.get('width')), y0 + float(box.get('height'))
for p in series:
    for seg in p.get('d')[1:].split('L'):
        x, y = map(float, seg.split())
        check(x0 <= x <= x1 and y0 <= y <= y1, 'trace vertex %g,%g outside the plot' % (x, y))
nev = sum(len(r['events']) for r in rounds)
evl = [l for l in root.iter(S + 'line') if l.get('class') == 'event']
check(len(evl) == nev and nev == 1, 'trace: %d event lines, %d events' % (len(evl), nev))
t = texts(root)
check('Alpha Republic' in t and 'Beta Union' in t, 'trace legend names the parties')
check('harvest <failed>' in open(html).read().replace('&lt;', '<').replace('&gt;', '>'), 'event note in the table')
# sweep: one row per point, segments sum to the bar width; deal probability
s = json.load(open(sweep))
root = svg('sweep.svg')
segs = [r for r in root.iter(S + 'rect') if r.get('class') == 'seg']
nonzero = sum(1 for k in s['points'].values() for o in k.values() if o['count'] > 0)
check(len(segs) == nonzero, 'sweep: %d segments, %d options agreed' % (len(segs), nonzero))
t = texts(root)
check('Land border' in t and 'Reconstruction money' in t, 'sweep labels the points by title')
pct = round(100 * s['deal']['share'], 1)
check(('probability of a deal: %g%%' % pct) in t, 'sweep gives the deal probability %g: %s' % (pct, t[:200]))
if bad:
    print('\n'.join(bad[:20]), file=sys.stderr); sys.exit(1)
PY

# bad inputs
echo '{"not": "a sweep"}' >"$TMP/bad.json"
expect_exit 1 "$A" report "$TMP/m.yaml" -o "$TMP/x.html" --sweep "$TMP/bad.json"
grep -q "not a sweep" "$TMP/err" || fail "a bad sweep is named: $(cat "$TMP/err")"
printf '{"round":1,"utilities":{"a":0.5,"b":0.5}}\nnot json\n' >"$TMP/bad.jsonl"
expect_exit 1 "$A" report "$TMP/m.yaml" -o "$TMP/x.html" --trace "$TMP/bad.jsonl"
grep -q "bad.jsonl:2:" "$TMP/err" || fail "a bad trace line is located: $(cat "$TMP/err")"
expect_exit 1 "$A" report "$TMP/m.yaml" -o "$TMP/x.html" --trace "$TMP/none.jsonl"
: >"$TMP/empty.db"
expect_exit 1 "$A" report "$TMP/m.yaml" -o "$TMP/x.html" --ledger "$TMP/empty.db"
expect_exit 1 "$A" report "$TMP/m.yaml" -o "$TMP/x.html" --ledger "$TMP/none.db"
[ -e "$TMP/x.html" ] && fail "no page is written when an input is bad"
expect_exit 2 "$A" report "$TMP/m.yaml" --sweep
finish
