#!/usr/bin/env bash
# Exit codes and usage messages: 0 for help and version, 2 (with usage text on stderr
# and nothing on stdout) for every kind of bad command line, 1 for input errors.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"

expect_exit 0 "$ACCORD" --version
grep -q '^accord [0-9]' "$TMP/out" || fail "--version prints 'accord X.Y.Z'"
for h in --help -h help; do
  expect_exit 0 "$ACCORD" $h
  for c in demo check analyze; do
    grep -q "^  $c " "$TMP/out" || fail "$h lists the command $c"
  done
done
for c in demo check analyze; do
  expect_exit 0 "$ACCORD" $c --help
  grep -q "^usage: accord $c" "$TMP/out" || fail "$c --help shows its usage"
  expect_exit 0 "$ACCORD" help $c
  grep -q "^usage: accord $c" "$TMP/out" || fail "help $c shows its usage"
done
grep -q -- '--agree-within' <("$ACCORD" analyze --help) || fail "analyze --help lists --agree-within"

# usage errors: exit 2, a message on stderr, stdout untouched
usage() {
  expect_exit 2 "$@"
  [ -s "$TMP/out" ] && fail "usage error printed on stdout: ${*:2}"
  grep -qi 'usage\|try' "$TMP/err" || fail "usage error without a hint: ${*:2}"
}
usage "$ACCORD"
usage "$ACCORD" frobnicate
usage "$ACCORD" --frobnicate
usage "$ACCORD" help frobnicate
usage "$ACCORD" check
usage "$ACCORD" check "$TMP/m.yaml" "$TMP/m.yaml"
usage "$ACCORD" check --strict "$TMP/m.yaml"
usage "$ACCORD" analyze
usage "$ACCORD" analyze "$TMP/m.yaml" --bogus
usage "$ACCORD" analyze "$TMP/m.yaml" --limit
usage "$ACCORD" analyze "$TMP/m.yaml" --limit abc
usage "$ACCORD" analyze "$TMP/m.yaml" --limit -3
usage "$ACCORD" analyze "$TMP/m.yaml" --limit 1.5
usage "$ACCORD" analyze "$TMP/m.yaml" --limit=
usage "$ACCORD" analyze "$TMP/m.yaml" --threads -1
usage "$ACCORD" analyze "$TMP/m.yaml" --threads 99999999999999999999
usage "$ACCORD" analyze "$TMP/m.yaml" --method fastest
usage "$ACCORD" analyze "$TMP/m.yaml" --agree-within 2
usage "$ACCORD" analyze "$TMP/m.yaml" --agree-within nan
usage "$ACCORD" analyze "$TMP/m.yaml" extra
usage "$ACCORD" demo extra
usage "$ACCORD" demo --json
grep -q "unknown option '--json'" "$TMP/err" || fail "the usage error names the bad option"

# input errors: exit 1
expect_exit 1 "$ACCORD" check "$TMP/missing.yaml"
grep -q "missing.yaml" "$TMP/err" || fail "a missing file is named in the message"
expect_exit 1 "$ACCORD" analyze "$TMP/missing.yaml"
printf 'accord: 1\n' >"$TMP/empty.yaml"
expect_exit 1 "$ACCORD" analyze "$TMP/empty.yaml"
expect_exit 1 "$ACCORD" analyze - <"$TMP/empty.yaml"

# well-formed options are accepted, in either spelling and order
expect_exit 0 "$ACCORD" check "$TMP/m.yaml"
expect_exit 0 "$ACCORD" check -- "$TMP/m.yaml"
expect_exit 0 "$ACCORD" analyze --limit=2 --threads 1 "$TMP/m.yaml" --method=auto --agree-within 0
expect_exit 0 "$ACCORD" analyze "$TMP/m.yaml" --feasible --json --limit 0 --threads=0

finish
