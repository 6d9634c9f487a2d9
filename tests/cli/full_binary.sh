#!/usr/bin/env bash
# The usual command loads no HTTP, TLS or MPI library (they slowed its start-up past the
# time of a whole analysis); `accord serve` and `accord sweep --mpi` reach accord-full,
# which sits beside it, under the same process id, with the same answers and exit codes.
source "$(dirname "$0")/lib.bash"
FULL=$(dirname "$ACCORD")/accord-full
[ -x "$FULL" ] || fail "no accord-full beside $ACCORD"
if command -v readelf >/dev/null; then
  needed=$(readelf -d "$ACCORD" | awk '/NEEDED/ {print $NF}')
  for lib in libmicrohttpd libgnutls libmpi libopen-rte; do
    echo "$needed" | grep -q "$lib" && fail "accord loads $lib at start"
  done
  readelf -d "$FULL" | grep -q 'libmicrohttpd' || fail "accord-full does not link libmicrohttpd"
  # no empty RUNPATH entry, which would load libraries from the current directory
  for b in "$ACCORD" "$FULL"; do
    rp=$(readelf -d "$b" | sed -n 's/.*R[UN]*PATH.*\[\(.*\)\]/\1/p')
    case ":$rp:" in ::) ;; *::*) fail "${b##*/} has an empty RUNPATH entry: [$rp]" ;; esac
  done
fi

# serve: the same message and status from both, for a record that cannot be opened
"$ACCORD" serve "$TMP/missing/record.db" >"$TMP/a.out" 2>"$TMP/a.err"; ra=$?
"$FULL" serve "$TMP/missing/record.db" >"$TMP/f.out" 2>"$TMP/f.err"; rf=$?
[ "$ra" = "$rf" ] && [ "$ra" != 0 ] || fail "serve exit codes: accord $ra, accord-full $rf"
cmp -s "$TMP/a.err" "$TMP/f.err" || fail "serve messages differ: $(cat "$TMP/a.err") / $(cat "$TMP/f.err")"
# a usage error is answered by accord-full too (exit 2)
"$ACCORD" serve --no-such-option >/dev/null 2>&1; [ $? = 2 ] || fail "serve usage error is not 2"
# help stays in the usual binary and names the command
"$ACCORD" serve --help | grep -q "accord serve DB" || fail "accord serve --help"

# the process id survives the hand-over: the server's pid is the one the shell started
"$ACCORD" plan init "$TMP/r.db" --model @default >/dev/null 2>&1 &&
  "$ACCORD" plan draft "$TMP/r.db" --from @default >/dev/null 2>&1 || fail "plan init, draft"
"$ACCORD" serve "$TMP/r.db" --listen 127.0.0.1:0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
pid=$!
for _ in $(seq 100); do grep -q "http://" "$TMP/serve.out" "$TMP/serve.err" 2>/dev/null && break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
  exe=$(readlink "/proc/$pid/exe")
  [ "${exe##*/}" = accord-full ] || fail "the server process runs $exe"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null
else
  fail "the server did not start: $(cat "$TMP/serve.err")"
fi

# sweep --mpi without mpirun: both binaries give the same answer and status
"$ACCORD" sweep @default --runs 256 --seed 5 --mpi --json >"$TMP/m1.json" 2>"$TMP/m1.err"; r1=$?
"$FULL" sweep @default --runs 256 --seed 5 --mpi --json >"$TMP/m2.json" 2>"$TMP/m2.err"; r2=$?
[ "$r1" = "$r2" ] || fail "sweep --mpi exit codes: accord $r1, accord-full $r2"
cmp -s "$TMP/m1.json" "$TMP/m2.json" || fail "sweep --mpi output differs between the binaries"
finish
