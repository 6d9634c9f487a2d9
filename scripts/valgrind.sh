#!/usr/bin/env bash
# Runs the test programs (BUILD/tests/test_*) and the accord command on the command-line
# tests' typical commands under valgrind's memcheck: any invalid read or write, use of
# uninitialised memory or definite/indirect leak fails the run.
#
#   bash scripts/valgrind.sh [BUILD]      (make valgrind builds first, then runs this)
#   VALGRIND_SKIP="test_a test_b"  test programs left out (default: test_default_model,
#                                  which analyses the 27-point model many times over and
#                                  takes far too long under valgrind; its paths are
#                                  covered by the others and by `accord check @default`)
#   VALGRIND_TIMEOUT=600           seconds per program before it counts as a failure
#   VALGRIND_JOBS=2                programs run at once
#   VALGRIND_FULL=1                also run `accord demo` (the whole default-model job)
# Exit status: 0 when every run was clean, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SKIP=${VALGRIND_SKIP-test_default_model}
TIMEOUT=${VALGRIND_TIMEOUT:-600}
JOBS=${VALGRIND_JOBS:-2}
ACCORD=$BUILD/accord

command -v valgrind >/dev/null 2>&1 || bash scripts/deps.sh valgrind || exit 1
[ -x "$ACCORD" ] || { echo "valgrind: no $ACCORD (build first: make build)" >&2; exit 1; }

LOGS=$BUILD/valgrind
rm -rf "$LOGS"
mkdir -p "$LOGS"
VG=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --track-fds=no)

# run NAME WANT-EXIT CMD...: the test programs use --error-exitcode=1 (they exit 0 when
# they pass); commands expected to exit 1 themselves get --error-exitcode=99 instead so
# that the two cannot be confused. Each run appends "NAME status" to the results file.
run() {
  local name=$1 want=$2
  shift 2
  local code=1
  [ "$want" -ne 0 ] && code=99
  local t0=$SECONDS
  ACCORD_SOURCE_DIR=$PWD ACCORD_SHARED_DIR=$PWD/../shared \
    timeout "$TIMEOUT" "${VG[@]}" --error-exitcode=$code --log-file="$LOGS/$name.log" \
    "$@" >"$LOGS/$name.out" 2>"$LOGS/$name.err" </dev/null
  local rc=$? status=ok
  if [ $rc -eq 124 ]; then status="TIMEOUT after ${TIMEOUT}s"
  elif [ $rc -eq $code ] && [ -s "$LOGS/$name.log" ]; then status="VALGRIND ERRORS (see $LOGS/$name.log)"
  elif [ $rc -ne "$want" ]; then status="EXIT $rc, wanted $want (see $LOGS/$name.err)"
  fi
  echo "$name|$status|$((SECONDS - t0))" >>"$LOGS/results"
}

# a small hand-checked model, as in tests/cli/lib.bash
small=$LOGS/small.yaml
source tests/cli/lib.bash "$ACCORD" >/dev/null 2>&1 && write_small_model "$small"
trap - EXIT
rm -rf "${TMP:-}"
[ -s "$small" ] || cp data/examples/donbas-army.yaml "$small"

jobs_list=()
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  case " $SKIP " in *" $name "*) echo "$name|skipped|0" >>"$LOGS/results"; continue ;; esac
  jobs_list+=("$name|0|$t")
done
ex=data/examples/donbas-army.yaml
cli=(
  "cli_help|0|$ACCORD --help"
  "cli_version|0|$ACCORD --version"
  "cli_help_analyze|0|$ACCORD help analyze"
  "cli_usage|2|$ACCORD analyze"
  "cli_check_default|0|$ACCORD check @default"
  "cli_check_example|0|$ACCORD check $ex"
  "cli_check_bad|1|$ACCORD check tests/bad/unknown-key.yaml"
  "cli_check_syntax|1|$ACCORD check tests/bad/syntax-unclosed.yaml"
  "cli_check_missing|1|$ACCORD check tests/bad/no-such-file.yaml"
  "cli_analyze_text|0|$ACCORD analyze $small"
  "cli_analyze_json|0|$ACCORD analyze $small --json --feasible --limit 2"
  "cli_analyze_example|0|$ACCORD analyze $ex --agree-within 0.5"
  "cli_analyze_dp|0|$ACCORD analyze $ex --json --method dp"
  "cli_analyze_enum|0|$ACCORD analyze $ex --json --method enumerate --threads 2"
)
[ "${VALGRIND_FULL:-0}" = 1 ] && cli+=("cli_demo|0|$ACCORD demo")
jobs_list+=("${cli[@]}")

echo "valgrind: ${#jobs_list[@]} runs, $JOBS at a time, logs in $LOGS"
running=0
for j in "${jobs_list[@]}"; do
  IFS='|' read -r name want cmd <<<"$j"
  # shellcheck disable=SC2086 # cmd is split into words on purpose
  run "$name" "$want" $cmd &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
done
wait

bad=0
while IFS='|' read -r name status secs; do
  printf '  %-24s %s (%ss)\n' "$name" "$status" "$secs"
  case $status in ok | skipped) ;; *) bad=1 ;; esac
done < <(sort "$LOGS/results")
if [ $bad -eq 0 ]; then echo "valgrind: all clean (${SECONDS}s)"; else echo "valgrind: FAILED (${SECONDS}s)" >&2; fi
exit $bad
