#!/usr/bin/env bash
# accord plan survives kill -9: a writer loop (each command prints "saved ..." only after
# its commit) is killed, with every accord process it is running, at random moments 20
# times. Afterwards the record passes PRAGMA integrity_check, every write that was
# reported as saved is in it, and the record still takes reads and writes.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"
DB="$TMP/r.db"
"$ACCORD" plan init "$DB" --model "$TMP/m.yaml" >/dev/null || fail "init"
"$ACCORD" plan draft "$DB" --from "$TMP/m.yaml" >/dev/null || fail "draft"
: >"$TMP/saved"
set -m # every background job in its own process group, so one kill reaches the whole loop

writer() {
  local round=$1 i=0
  while :; do
    i=$((i + 1))
    "$ACCORD" plan meeting "$DB" --date 2025-12-14 --place "r$round-$i" --parties a,b --note "x" >>"$TMP/saved"
    "$ACCORD" plan stance "$DB" --version 1 --party a --point money --stance agree --note "r$round-$i" >>"$TMP/saved"
  done
}

for round in $(seq 1 20); do
  writer "$round" &
  pid=$!
  # 30..300 ms: long enough for a few commits, short enough to land inside one
  sleep "0.$(printf '%03d' $((30 + RANDOM % 270)))"
  kill -9 -- "-$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # wait reaps the loop's shell only: let its accord child finish dying too (a zombie
  # that nobody reaps holds no locks, so only live members count)
  for _ in $(seq 500); do
    ps -e -o pgid=,stat= | awk -v g="$pid" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }' || break
    sleep 0.01
  done
done
set +m

ic=$(sqlite3 -cmd '.timeout 5000' "$DB" 'PRAGMA integrity_check' 2>&1)
[ "$ic" = ok ] || fail "integrity_check after kill -9: $ic"
saved_meetings=$(grep -c '^saved meeting' "$TMP/saved")
saved_stances=$(grep -c '^saved stance' "$TMP/saved")
[ "$saved_meetings" -ge 10 ] || fail "the writer saved too little to test anything ($saved_meetings)"
# every meeting reported as saved is present (by its unique place)
grep '^saved meeting' "$TMP/saved" | sed 's/^saved meeting [0-9]*: [0-9-]*, //' | sort >"$TMP/want"
sqlite3 "$DB" 'SELECT place FROM meeting' | sort >"$TMP/have"
missing=$(comm -23 "$TMP/want" "$TMP/have" | wc -l)
[ "$missing" -eq 0 ] || fail "$missing meetings reported as saved are missing"
# every stance reported as saved is present (by its id)
grep '^saved stance' "$TMP/saved" | sed 's/^saved stance \([0-9]*\):.*/\1/' | sort >"$TMP/want"
sqlite3 "$DB" 'SELECT id FROM stance' | sort >"$TMP/have"
missing=$(comm -23 "$TMP/want" "$TMP/have" | wc -l)
[ "$missing" -eq 0 ] || fail "$missing stances reported as saved are missing"
# a meeting row never lacks its parties (the transaction is all or nothing)
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM meeting m WHERE (SELECT count(*) FROM meeting_party WHERE meeting = m.id) != 2')" = 0 ] ||
  fail "a meeting was half written"
"$ACCORD" plan status "$DB" >/dev/null || fail "status after the kills"
"$ACCORD" plan meeting "$DB" --date 2025-12-15 --place after --parties a >/dev/null || fail "a write after the kills"
echo "kill test: $saved_meetings meetings and $saved_stances stances reported saved, all present"
finish
