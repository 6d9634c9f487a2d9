#!/usr/bin/env bash
# accord plan: every sub-command on the small test model (lib.bash): init, draft with
# every kind of change, stance, meeting, status (text and JSON), diff, log, export; usage
# errors exit 2; bad input exits 1 with a clear message and leaves the record unchanged.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"
DB="$TMP/r.db"
dump() { sqlite3 "$DB" .dump; }

expect_exit 0 "$ACCORD" plan init "$DB" --model "$TMP/m.yaml"
grep -q '^saved: record .*3 parties, 2 points$' "$TMP/out" || fail "init summary: $(cat "$TMP/out")"
[ "$(sqlite3 "$DB" 'PRAGMA journal_mode')" = wal ] || fail "WAL journal"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 2 ] || fail "schema version 2"
expect_exit 1 "$ACCORD" plan init "$DB" --model "$TMP/m.yaml"
grep -q 'already initialised' "$TMP/err" || fail "second init refused"
"$ACCORD" plan init "$TMP/stdin.db" --model - <"$TMP/m.yaml" >/dev/null || fail "init --model -"
expect_exit 1 "$ACCORD" plan init "$TMP/bad.db" --model "$TMP/none.yaml"
[ -e "$TMP/bad.db" ] && fail "an unreadable model creates no record"

expect_exit 0 "$ACCORD" plan draft "$DB" --from "$TMP/m.yaml" --date 2025-11-20 --note first
grep -qx 'saved version 1' "$TMP/out" || fail "draft 1: $(cat "$TMP/out")"
expect_exit 0 "$ACCORD" plan draft "$DB" --set money=low --reword land="Where the border runs" \
  --add-point court --options yes,no --title "International court" --option yes --date 2025-11-23
grep -qx 'saved version 2' "$TMP/out" || fail "draft 2"
expect_exit 0 "$ACCORD" plan draft "$DB" --merge land,money=deal --title "Land for money" --drop court
grep -qx 'saved version 3' "$TMP/out" || fail "draft 3"

for s in "1 a land agree" "1 b land agree" "1 a money agree" "1 b money reject" "2 a court criticise" "1 b money agree"; do
  set -- $s
  expect_exit 0 "$ACCORD" plan stance "$DB" --version "$1" --party "$2" --point "$3" --stance "$4" \
    --date 2025-11-21 --note "source [S1]"
  grep -q "^saved stance [0-9]*: $2 $4 on $3 (version $1)$" "$TMP/out" || fail "stance $s: $(cat "$TMP/out")"
done
expect_exit 0 "$ACCORD" plan meeting "$DB" --date 2025-11-23 --place Geneva --parties med,a,b --note talks
grep -q '^saved meeting 1: 2025-11-23, Geneva$' "$TMP/out" || fail "meeting: $(cat "$TMP/out")"

# status of version 1: the last stance of b on money (agree) superseded its reject
expect_exit 0 "$ACCORD" plan status "$DB" --version 1
grep -q 'Progress: 2 of 2 points agreed by every party (100%); weighted by salience 100%' "$TMP/out" ||
  fail "status v1 progress: $(cat "$TMP/out")"
grep -q 'Land border .*Split evenly .*agree .*agree' "$TMP/out" || fail "status v1 matrix row"
expect_exit 0 "$ACCORD" plan status "$DB" --version 2 --json
python3 - "$TMP/out" <<'PY' || fail "status --json"
import json, sys
j = json.load(open(sys.argv[1]))
ok = (j["version"] == 2 and j["parties"] == ["a", "b"]
      and [p["id"] for p in j["points"]] == ["land", "money", "court"]
      and j["points"][0]["title"] == "Where the border runs"
      and j["stances"]["a"]["court"] == "criticise" and j["stances"]["b"]["land"] == "not-discussed"
      and j["mediators"] == ["med"] and j["stances"]["med"]["land"] == "not-discussed"
      and j["progress"] == {"points": 0, "of": 3, "weighted": 0,
                            "by_party": {p: {"points": 0, "weighted": 0, "rejected": {"points": 0, "weighted": 0}}
                                         for p in ("a", "b")},
                            "by_mediator": {"med": {"points": 0}}}
      and j["coalition"] is None and j["impasses"] == [])
if not ok:
    print(json.dumps(j, indent=1), file=sys.stderr)
sys.exit(0 if ok else 1)
PY
# the latest version by default; an impasse; a mediator's stance is shown, not counted
expect_exit 0 "$ACCORD" plan stance "$DB" --version 3 --party b --point deal --stance reject
expect_exit 0 "$ACCORD" plan stance "$DB" --version 3 --party med --point deal --stance agree --note "[S2]"
grep -q '^saved stance [0-9]*: med agree on deal (version 3)$' "$TMP/out" || fail "a mediator's stance is saved"
expect_exit 0 "$ACCORD" plan status "$DB" --json
python3 - "$TMP/out" <<'PY' || fail "status --json of version 3"
import json, sys
j = json.load(open(sys.argv[1]))
ok = (j["version"] == 3 and j["impasses"] == [{"point": "deal", "title": "Land for money", "rejected_by": ["b"]}]
      and j["stances"]["med"] == {"deal": "agree"} and j["progress"]["by_mediator"] == {"med": {"points": 1}}
      and j["progress"]["by_party"]["b"]["rejected"] == {"points": 1, "weighted": 1}
      and j["progress"]["points"] == 0 and j["coalition"] == {"members": ["med"], "points": 1})
if not ok:
    print(json.dumps(j, indent=1), file=sys.stderr)
sys.exit(0 if ok else 1)
PY
expect_exit 0 "$ACCORD" plan status "$DB"
grep -q 'Mediator Office *1 of 1 (100%) *(mediator)' "$TMP/out" || fail "status shows the mediator's row: $(cat "$TMP/out")"

expect_exit 0 "$ACCORD" plan diff "$DB" 1 3
grep -q '^Version 1 -> 3: 1 change$' "$TMP/out" || fail "diff header: $(cat "$TMP/out")"
grep -q 'deal .*merged from land,money' "$TMP/out" || fail "diff merge"
expect_exit 0 "$ACCORD" plan diff "$DB" 1 2
grep -q 'money .*high -> low' "$TMP/out" || fail "diff option"
grep -q 'reworded: "Land border" -> "Where the border runs"' "$TMP/out" || fail "diff reword"
grep -q '+ court .*added' "$TMP/out" || fail "diff add"
expect_exit 0 "$ACCORD" plan diff "$DB" 2 3
grep -q -- '- court .*dropped' "$TMP/out" || fail "diff drop"

expect_exit 0 "$ACCORD" plan log "$DB"
[ "$(wc -l <"$TMP/out")" -eq 12 ] || fail "log: 3 versions, 1 meeting, 8 stances: $(cat "$TMP/out")"
head -1 "$TMP/out" | grep -q '^2025-11-20  version 1 .*2 points: first$' || fail "log starts with version 1"
grep -q '^2025-11-23  meeting 1 .*Geneva (med,a,b): talks$' "$TMP/out" || fail "log meeting"
awk '{ if (prev > $1) bad = 1; prev = $1 } END { exit bad }' "$TMP/out" || fail "log in date order"

# export: the model with version 3's plan, which analyze accepts
expect_exit 0 "$ACCORD" plan export "$DB" --version 3 -o "$TMP/v3.yaml"
expect_exit 0 "$ACCORD" check "$TMP/v3.yaml"
grep -q '^ok: 3 parties (2 active), 1 issues\?, 3 outcomes$' "$TMP/out" || fail "exported v3: $(cat "$TMP/out")"
expect_exit 0 "$ACCORD" analyze "$TMP/v3.yaml" --json
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["plan"]["outcome"] == {"deal": "split"} else 1)' \
  "$TMP/out" || fail "exported plan"
expect_exit 0 "$ACCORD" plan export "$DB" --version 1
cmp -s "$TMP/out" <("$ACCORD" plan export "$DB" --version 1 -o -) || fail "export to stdout"
# a version with an undrafted point makes no model
expect_exit 0 "$ACCORD" plan draft "$DB" --add-point extra --options p,q
expect_exit 1 "$ACCORD" plan export "$DB" --version 4 -o "$TMP/v4.yaml"
grep -q "point 'extra' has no drafted option in version 4" "$TMP/err" || fail "export undrafted: $(cat "$TMP/err")"
[ -e "$TMP/v4.yaml" ] && fail "a failed export leaves no file"
# version 1 exports the very model it was drafted from
"$ACCORD" plan export "$DB" --version 1 -o "$TMP/v1.yaml" && "$ACCORD" analyze "$TMP/v1.yaml" --json >"$TMP/a1.json" &&
  "$ACCORD" analyze "$TMP/m.yaml" --json >"$TMP/a0.json" || fail "analyze exported v1"
cmp -s "$TMP/a0.json" "$TMP/a1.json" || fail "version 1 exports the model it was drafted from"

# bad input: exit 1, a clear message, nothing changed
before=$(dump)
bad() {
  local want=$1 msg=$2
  shift 2
  expect_exit "$want" "$ACCORD" plan "$@"
  grep -q -- "$msg" "$TMP/err" || fail "'$*': wanted '$msg', got: $(cat "$TMP/err")"
}
bad 1 "unknown party 'zz'" stance "$DB" --version 1 --party zz --point land --stance agree
bad 1 "unknown point 'zz'" stance "$DB" --version 1 --party a --point zz --stance agree
bad 1 "unknown version 9" stance "$DB" --version 9 --party a --point land --stance agree
bad 1 "point 'land' is not in version 3" stance "$DB" --version 3 --party a --point land --stance agree
bad 1 "bad date '2025-02-29'" stance "$DB" --version 1 --party a --point land --stance agree --date 2025-02-29
bad 1 "bad date 'yesterday'" meeting "$DB" --date yesterday --place X --parties a
bad 1 "unknown party 'q'" meeting "$DB" --date 2025-01-01 --place X --parties a,q
bad 1 "unknown option 'east' for point 'deal'" draft "$DB" --set deal=east
bad 1 "point 'court' is not in the draft" draft "$DB" --set court=yes
bad 1 "point 'deal' is already in the draft" draft "$DB" --add-point deal --options x,y
bad 1 "give no --options" draft "$DB" --add-point court --options x,y
bad 1 "unknown version 7 (the record has versions 1 to 4)" status "$DB" --version 7
bad 1 "unknown version 8" diff "$DB" 1 8
bad 1 "unknown version 9" export "$DB" --version 9
bad 1 "cannot write /nonexistent/v.yaml" export "$DB" --version 1 -o /nonexistent/v.yaml
bad 2 "unknown stance 'maybe'" stance "$DB" --version 1 --party a --point land --stance maybe
bad 2 "not a version number" status "$DB" --version x
bad 2 "unknown sub-command 'frobnicate'" frobnicate "$DB"
bad 2 "needs DB" status
bad 2 "--title follows" draft "$DB" --title x
bad 2 "KEY=VALUE" draft "$DB" --set land
bad 2 "stance needs" stance "$DB" --party a
[ "$before" = "$(dump)" ] || fail "bad input changed the record"

# a dropped point comes back with its identity (its stances on earlier versions stay its own)
expect_exit 0 "$ACCORD" plan draft "$DB" --add-point court --option no
expect_exit 0 "$ACCORD" plan status "$DB" --json
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); p=j["points"][-1]; sys.exit(0 if (p["id"], p["title"], p["option"]) == ("court", "International court", "no") else 1)' \
  "$TMP/out" || fail "re-added point: $(cat "$TMP/out")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM point WHERE code = 'court'")" = 1 ] || fail "one court point"

# records that are not (yet) records
bad 1 "no such record" status "$TMP/none.db"
[ -e "$TMP/none.db" ] && fail "a failed open created a file"
: >"$TMP/empty.db"
bad 1 "empty database, not an accord record" status "$TMP/empty.db"
[ -s "$TMP/empty.db" ] && fail "opening an empty file changed it"
sqlite3 "$TMP/future.db" "PRAGMA application_id = 1094927172; PRAGMA user_version = 99; CREATE TABLE t(x);"
bad 1 "record format version 99 was written by a newer accord" log "$TMP/future.db"
sqlite3 "$TMP/other.db" "CREATE TABLE t(x);"
bad 1 "not an accord record" log "$TMP/other.db"

expect_exit 0 "$ACCORD" plan --help
grep -q 'accord plan stance DB' "$TMP/out" || fail "plan --help"
finish
