#!/usr/bin/env bash
# accord plan with two writers at once: two background processes each record 200 rows
# (one meetings, one stances) into the same record at the same time. Every command must
# succeed (the second writer waits and retries instead of failing on the lock) and every
# row must be there afterwards: none lost, none doubled, integrity_check ok.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"
DB="$TMP/r.db"
N=200
"$ACCORD" plan init "$DB" --model "$TMP/m.yaml" >/dev/null || fail "init"
"$ACCORD" plan draft "$DB" --from "$TMP/m.yaml" >/dev/null || fail "draft"

meetings() {
  local i bad=0
  for ((i = 1; i <= N; i++)); do
    "$ACCORD" plan meeting "$DB" --date 2025-11-23 --place "Geneva $i" --parties a,b >/dev/null || bad=$((bad + 1))
  done
  echo "$bad" >"$TMP/bad.meetings"
}
stances() {
  local i bad=0 s
  for ((i = 1; i <= N; i++)); do
    s=agree; ((i % 2)) && s=criticise
    "$ACCORD" plan stance "$DB" --version 1 --party b --point land --stance $s --note "n$i" >/dev/null || bad=$((bad + 1))
  done
  echo "$bad" >"$TMP/bad.stances"
}
meetings &
p1=$!
stances &
p2=$!
wait "$p1" "$p2"

[ "$(cat "$TMP/bad.meetings")" = 0 ] || fail "$(cat "$TMP/bad.meetings") meeting commands failed"
[ "$(cat "$TMP/bad.stances")" = 0 ] || fail "$(cat "$TMP/bad.stances") stance commands failed"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM meeting')" = $N ] || fail "meetings: $(sqlite3 "$DB" 'SELECT count(*) FROM meeting')"
[ "$(sqlite3 "$DB" 'SELECT count(DISTINCT place) FROM meeting')" = $N ] || fail "every meeting once"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM meeting_party')" = $((2 * N)) ] || fail "meeting parties"
[ "$(sqlite3 "$DB" 'SELECT count(DISTINCT note) FROM stance')" = $N ] || fail "stances: $(sqlite3 "$DB" 'SELECT count(*) FROM stance')"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
# the last stance recorded (n200, agree) is the current one
"$ACCORD" plan status "$DB" --json | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["stances"]["b"]["land"] == "agree" else 1)' ||
  fail "status after concurrent writes"
finish
