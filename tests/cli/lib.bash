# Shared by the command-line tests (sourced, not run): a scratch directory removed on
# exit, failure reporting that names the check, and the small hand-computed model.
#
# The model "Test talks": a mediator and two parties over 2 issues (3 x 2 = 6 outcomes).
#   u_a = 0.5*land_a + 0.5*money_a, u_b likewise; both reservations 0.2;
#   land:  north a=1.0 b=0.0 | split 0.5/0.5 | south 0.0/1.0   (b: red line on north)
#   money: low   a=0.0 b=1.0 | high  1.0/0.0
# Utilities (a, b) of every outcome:
#   north,low  0.50 0.50  red line      north,high 1.00 0.00  red line
#   split,low  0.25 0.75  ZOPA          split,high 0.75 0.25  ZOPA
#   south,low  0.00 1.00  a below 0.2   south,high 0.50 0.50  ZOPA
# ZOPA: 3. Every outcome sums to 1, so none dominates another: the frontier over all
# outcomes has the 5 distinct vectors (0.5,0.5 once, with its smallest outcome
# north,low), sorted by a descending: (1,0) (.75,.25) (.5,.5) (.25,.75) (0,1).
# Over the ZOPA (--feasible): 3 points.
# Nash over the ZOPA: products (u-r): split,low .05*.55=.0275; split,high .0275;
#   south,high .3*.3=.09 -> south,high, product 0.09.
# Kalai: best in ZOPA b_a=b_b=0.75; south,high min(.3/.55,.3/.55)=0.5454..; the others
#   min .05/.55 -> south,high.
# Welfare: every sum is 1, a tie: the lexicographically smallest ZOPA outcome split,low.
# Draft split,high: u=(0.75,0.25). Stances at agree-within 0.1: a land criticise (0.5 vs
#   best 1), money agree; b land criticise, money criticise (0 vs 1) -> 0 of 2 points.
#   At 0.5: a agrees to both, b to land only -> 1 of 2, weighted mean(0.5,0.5)=0.5.

set -u
ACCORD=${1:?usage: $0 path/to/accord}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILED=0

fail() {
  echo "FAIL: $*" >&2
  FAILED=1
}

# expect_exit CODE CMD...: runs CMD, output kept in $TMP/out and $TMP/err.
expect_exit() {
  local want=$1
  shift
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "exit $got, wanted $want: $*"
    sed 's/^/  stderr: /' "$TMP/err" | head -5 >&2
  fi
}

finish() {
  if [ "$FAILED" -ne 0 ]; then
    echo "some checks failed" >&2
    exit 1
  fi
  echo "all checks passed"
}

write_small_model() {
  cat >"$1" <<'YAML'
accord: 1
title: Test talks
parties:
  - {id: med, name: Mediator Office, role: mediator}
  - {id: a, name: Alpha Republic, reservation: 0.2}
  - {id: b, name: Beta Union, reservation: 0.2}
issues:
  - id: land
    title: Land border
    options:
      - {id: north, title: North to Alpha}
      - {id: split, title: Split evenly}
      - {id: south, title: South to Beta}
  - id: money
    title: Reconstruction money
    options: [{id: low, title: Low payments}, {id: high, title: High payments}]
preferences:
  a:
    weights: {land: 0.5, money: 0.5}
    values:
      land: {north: 1.0, split: 0.5, south: 0.0}
      money: {low: 0.0, high: 1.0}
  b:
    weights: {land: 0.5, money: 0.5}
    values:
      land: {north: 0.0, split: 0.5, south: 1.0}
      money: {low: 1.0, high: 0.0}
    red_lines: [{issue: land, options: [north]}]
plan:
  land: split
  money: high
YAML
}
