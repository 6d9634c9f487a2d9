#!/usr/bin/env bash
# The bad-input corpus: every tests/bad/NAME.yaml must make `accord check` exit 1 with
# nothing on stdout and, as the first line of stderr, exactly tests/bad/NAME.expected.
# Two cases too large to keep in the repository are made here: a file one byte over the
# size limit and a model with one issue more than the limit.
source "$(dirname "$0")/lib.bash"

check_case() { # yaml expected-first-line
  local yaml=$1 want=$2
  expect_exit 1 "$ACCORD" check "$yaml"
  [ -s "$TMP/out" ] && fail "$yaml: stdout must be empty, got: $(head -1 "$TMP/out")"
  local got
  got=$(head -n 1 "$TMP/err")
  [ "$got" = "$want" ] || fail "$yaml: first message
  want: $want
  got:  $got"
}

n=0
for yaml in tests/bad/*.yaml; do
  expected=${yaml%.yaml}.expected
  if [ ! -f "$expected" ]; then
    fail "$yaml has no $expected"
    continue
  fi
  check_case "$yaml" "$(head -n 1 "$expected")"
  n=$((n + 1))
done
[ "$n" -ge 40 ] || fail "only $n cases in tests/bad (want at least 40)"
for expected in tests/bad/*.expected; do
  [ -f "${expected%.expected}.yaml" ] || fail "$expected has no .yaml"
done

# one byte over the 16 MiB limit: refused before parsing
{
  printf 'accord: 1\n#'
  head -c $((16 * 1024 * 1024 - 10)) /dev/zero | tr '\0' 'x'
} >"$TMP/too-large.yaml"
[ "$(stat -c %s "$TMP/too-large.yaml")" -eq $((16 * 1024 * 1024 + 1)) ] || fail "too-large.yaml size"
check_case "$TMP/too-large.yaml" \
  "$TMP/too-large.yaml: the file is larger than the limit of 16777216 bytes for a model"

# 10001 issues: the problem is reported at the list of issues
{
  printf 'accord: 1\nparties: [{id: a}]\nissues:\n'
  for ((k = 0; k <= 10000; k++)); do printf '  - {id: i%d, options: [x]}\n' "$k"; done
  printf 'preferences: {a: {weights: {i0: 1}, values: {i0: {x: 1}}}}\n'
} >"$TMP/too-many-issues.yaml"
check_case "$TMP/too-many-issues.yaml" \
  "$TMP/too-many-issues.yaml:4:3: too many issues: 10001 (the limit is 10000)"

finish
