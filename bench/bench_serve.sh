#!/usr/bin/env bash
# accord serve: requests per second of stance writes and reads on loopback (wrk, 2
# threads, 8 connections, 5 s each) against a two-point record, with whoami (token check
# only) as the baseline each is compared with. Prints a table; needs wrk.
set -u
ACCORD=${1:?usage: $0 path/to/accord}
command -v wrk >/dev/null || { echo "bench_serve: wrk is not installed, skipped"; exit 0; }
DIR=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
MODEL=$(dirname "$0")/../data/examples/donbas-army.yaml
"$ACCORD" plan init "$DIR/t.db" --model "$MODEL" >/dev/null
"$ACCORD" plan draft "$DIR/t.db" --from "$MODEL" >/dev/null
TOKEN=$("$ACCORD" plan token "$DIR/t.db" ua 2>/dev/null)
export TOKEN
"$ACCORD" serve "$DIR/t.db" --listen 127.0.0.1:0 >"$DIR/out" 2>"$DIR/err" &
PID=$!
for _ in $(seq 100); do [ -s "$DIR/out" ] && break; sleep 0.05; done
PORT=$(sed -n 's/.*:\([0-9]*\)\/$/\1/p' "$DIR/out")
cat >"$DIR/get.lua" <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
LUA
cat >"$DIR/put.lua" <<'LUA'
wrk.method = "PUT"
wrk.body = '{"stance": "criticise", "note": "bench"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
LUA
run() { # run SCRIPT PATH -> "req/s latency"
  wrk -t2 -c8 -d5s -s "$DIR/$1" "http://127.0.0.1:$PORT$2" |
    awk '/Requests\/sec/ {r = $2} /Latency/ {l = $2} END {print r, l}'
}
read -r base base_lat < <(run get.lua /api/v1/whoami)
printf "%-40s %10s %10s %8s\n" request "req/s" latency "ratio"
printf "%-40s %10.0f %10s %8s\n" "GET /api/v1/whoami (baseline)" "$base" "$base_lat" "x1"
for spec in "put.lua /api/v1/stances/ua/donbas PUT" "get.lua /api/v1/stances/ua GET" \
            "get.lua /api/v1/draft GET" "get.lua /api/v1/analysis/ua GET"; do
  set -- $spec
  read -r rps lat < <(run "$1" "$2")
  printf "%-40s %10.0f %10s %8s\n" "$3 $2" "$rps" "$lat" "x$(awk -v a="$rps" -v b="$base" 'BEGIN {printf "%.2f", a / b}')"
done
