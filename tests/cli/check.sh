#!/usr/bin/env bash
# accord check: a good model gets the one-line summary and exit 0; a bad one gets every
# problem as file:line:col: message on stderr, sorted by position, and exit 1.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/good.yaml"

expect_exit 0 "$ACCORD" check "$TMP/good.yaml"
grep -qx 'ok: 3 parties (2 active), 2 issues, 6 outcomes' "$TMP/out" ||
  fail "summary line, got: $(cat "$TMP/out")"
[ -s "$TMP/err" ] && fail "a good model leaves stderr empty"

# standard input and the embedded model
expect_exit 0 "$ACCORD" check - <"$TMP/good.yaml"
grep -q '^ok: 3 parties' "$TMP/out" || fail "check - reads standard input"
expect_exit 0 "$ACCORD" check @default
grep -q '^ok: [0-9]* parties ([0-9]* active), [0-9]* issues, [0-9]* outcomes$' "$TMP/out" ||
  fail "check @default summary, got: $(cat "$TMP/out")"

# an unknown key on line 3, column 1, and a reservation out of range on line 6
cat >"$TMP/bad.yaml" <<'YAML'
accord: 1
title: Bad
colour: red
parties:
  - {id: a, name: Alpha}
  - {id: b, name: Beta, reservation: 1.5}
issues:
  - id: land
    options: [north, south]
preferences:
  a:
    weights: {land: 1}
    values: {land: {north: 1, south: 0}}
  b:
    weights: {land: 1}
    values: {land: {north: 0, south: 1}}
YAML
expect_exit 1 "$ACCORD" check "$TMP/bad.yaml"
[ -s "$TMP/out" ] && fail "problems go to stderr, not stdout"
grep -q "^$TMP/bad.yaml:3:1: .*colour" "$TMP/err" ||
  fail "unknown key reported as file:3:1:, got: $(cat "$TMP/err")"
grep -q "^$TMP/bad.yaml:6:[0-9][0-9]*: " "$TMP/err" ||
  fail "out-of-range reservation reported on line 6, got: $(cat "$TMP/err")"
# every line is file:line:col: message, in position order
awk -F: -v f="$TMP/bad.yaml" '
  $1 != f || $2 !~ /^[0-9]+$/ || $3 !~ /^[0-9]+$/ { print "not file:line:col: " $0; bad = 1 }
  ($2 + 0 < line) || ($2 + 0 == line && $3 + 0 < col) { print "out of order: " $0; bad = 1 }
  { line = $2 + 0; col = $3 + 0 }
  END { exit bad }' "$TMP/err" || fail "diagnostics are file:line:col: and sorted"

# stdin gets a name too
expect_exit 1 "$ACCORD" check - <"$TMP/bad.yaml"
grep -q '^[^:]*:3:1: ' "$TMP/err" || fail "stdin problems keep line:col, got: $(cat "$TMP/err")"

# a YAML syntax error
printf 'accord: 1\nparties: [\n' >"$TMP/syntax.yaml"
expect_exit 1 "$ACCORD" check "$TMP/syntax.yaml"
grep -q "^$TMP/syntax.yaml:[0-9]*:[0-9]*: " "$TMP/err" || fail "syntax error located"

finish
