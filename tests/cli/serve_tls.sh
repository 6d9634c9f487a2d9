#!/usr/bin/env bash
# accord serve over HTTPS: a self-signed certificate made here (openssl), the API answers
# over TLS with the token, 401 without, cookies marked Secure and HSTS sent; plain HTTP to
# the TLS port gets nothing. Bad certificate files are refused at start.
source "$(dirname "$0")/lib.bash"
command -v openssl >/dev/null && command -v curl >/dev/null || { echo "SKIP: needs openssl and curl"; exit 77; }
write_small_model "$TMP/m.yaml"
DB="$TMP/r.db"
"$ACCORD" plan init "$DB" --model "$TMP/m.yaml" >/dev/null || fail "init"
"$ACCORD" plan draft "$DB" --from "$TMP/m.yaml" >/dev/null || fail "draft"
TOKEN=$("$ACCORD" plan token "$DB" a 2>/dev/null)
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/key.pem" -out "$TMP/cert.pem" -days 2 \
  -subj /CN=127.0.0.1 >/dev/null 2>&1 || fail "openssl made no certificate"
"$ACCORD" serve "$DB" --listen 127.0.0.1:0 --tls-cert "$TMP/cert.pem" --tls-key "$TMP/key.pem" \
  >"$TMP/srv.out" 2>"$TMP/srv.err" &
PID=$!
for _ in $(seq 200); do [ -s "$TMP/srv.out" ] && break; sleep 0.05; done
grep -q '^accord serve: .* on https://127.0.0.1:[0-9]*/$' "$TMP/srv.out" || fail "start line: $(cat "$TMP/srv.out" "$TMP/srv.err")"
PORT=$(sed -n 's/.*:\([0-9]*\)\/$/\1/p' "$TMP/srv.out")
URL="https://127.0.0.1:$PORT"
code=$(curl -s -o "$TMP/who" -w '%{http_code}' --cacert "$TMP/cert.pem" -H "Authorization: Bearer $TOKEN" "$URL/api/v1/whoami")
[ "$code" = 200 ] && grep -q '"party": "a"' "$TMP/who" || fail "whoami over TLS: $code $(cat "$TMP/who")"
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$TMP/cert.pem" "$URL/api/v1/whoami")
[ "$code" = 401 ] || fail "no token over TLS: $code"
curl -s -D "$TMP/h" -o /dev/null --cacert "$TMP/cert.pem" "$URL/signin"
grep -qi '^strict-transport-security:' "$TMP/h" || fail "no HSTS over TLS"
grep -i '^set-cookie:' "$TMP/h" | grep -q 'Secure' || fail "cookies not Secure over TLS"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT/api/v1/whoami")
[ "$code" = 200 ] && fail "plain HTTP answered on the TLS port"
kill "$PID"
wait "$PID" 2>/dev/null
: >"$TMP/bad.pem"
expect_exit 1 "$ACCORD" serve "$DB" --listen 127.0.0.1:0 --tls-cert "$TMP/bad.pem" --tls-key "$TMP/bad.pem"
grep -q 'TLS' "$TMP/err" || fail "a bad certificate is refused with a message: $(cat "$TMP/err")"
expect_exit 2 "$ACCORD" serve "$DB" --tls-cert "$TMP/cert.pem"
expect_exit 1 "$ACCORD" serve "$TMP/none.db" --listen 127.0.0.1:0
finish
