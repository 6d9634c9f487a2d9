#!/usr/bin/env bash
# accord sweep --mpi on 2 and 3 ranks prints the same bytes as one process (the merge of
# the ranks' shares is exact). Runs only in builds with -DACCORD_MPI=ON and with mpirun
# present; elsewhere it checks that --mpi is refused as a usage error and passes.
source "$(dirname "$0")/lib.bash"
# Open MPI keeps allocations past MPI_Finalize, which LeakSanitizer would report in a
# sanitized build with MPI; accord's own merge code is leak-checked by test_sweep_share.
[ "${ACCORD_SANITIZE:-0}" = 1 ] && export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
write_small_model "$TMP/m.yaml"
cat >>"$TMP/m.yaml" <<'YAML'
uncertainty:
  - {party: a, reservation: true, sd: 0.2}
  - {party: b, weight: land, sd: 0.1}
YAML
"$ACCORD" sweep "$TMP/m.yaml" --runs 10 --mpi >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'built without MPI' "$TMP/err"; then
  echo "accord built without MPI: --mpi is a usage error, as it should be; skipping the rest"
  finish
  exit 77 # the MPI part cannot run here: CTest's skip code (SKIP_RETURN_CODE)
fi
command -v mpirun >/dev/null || { echo "mpirun missing (scripts/deps.sh installs openmpi-bin)" >&2; exit 1; }
MPIRUN=(mpirun --allow-run-as-root --oversubscribe)
expect_exit 0 "$ACCORD" sweep "$TMP/m.yaml" --runs 1500 --seed 11 --json --strategy a=random
cp "$TMP/out" "$TMP/one.json"
for n in 2 3; do
  expect_exit 0 "${MPIRUN[@]}" -n "$n" "$ACCORD" sweep "$TMP/m.yaml" --runs 1500 --seed 11 \
    --json --strategy a=random --mpi --threads 1
  cmp -s "$TMP/out" "$TMP/one.json" || fail "$n ranks differ from one process"
done
expect_exit 0 "${MPIRUN[@]}" -n 2 "$ACCORD" sweep "$TMP/m.yaml" --runs 300 --mpi
grep -q '^Deal in ' "$TMP/out" || fail "text: no 'Deal in' line from rank 0"
[ "$(grep -c '^Sweep:' "$TMP/out")" -eq 1 ] || fail "only rank 0 prints"
finish
