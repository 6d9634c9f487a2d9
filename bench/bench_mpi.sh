#!/usr/bin/env bash
# Sweep scaling across MPI ranks: the same sweep of the embedded model on 1 and 2 ranks
# (one thread each), wall time, speed-up, and a check that the outputs are byte-identical.
# Usage: bench/bench_mpi.sh path/to/accord [runs]
set -u
ACCORD=${1:?usage: $0 path/to/accord [runs]}
RUNS=${2:-20000}
command -v mpirun >/dev/null || { echo "bench_mpi: mpirun not found; skipped"; exit 0; }
"$ACCORD" sweep @default --runs 1 --mpi >/dev/null 2>&1 || { echo "bench_mpi: accord built without MPI; skipped"; exit 0; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "bench_mpi: sweep of the embedded model, $RUNS runs, one thread per rank"
printf '  %-6s %10s %10s\n' ranks seconds speed-up
base=""
for r in 1 2; do
  s=$(date +%s.%N)
  mpirun --allow-run-as-root --oversubscribe -n "$r" "$ACCORD" sweep @default --runs "$RUNS" \
    --threads 1 --mpi --json >"$TMP/out$r" 2>/dev/null || { echo "bench_mpi: mpirun failed"; exit 1; }
  e=$(date +%s.%N)
  t=$(python3 -c "print(f'{$e - $s:.3f}')")
  [ -z "$base" ] && base=$t
  printf '  %-6s %10s %10s\n' "$r" "$t" "$(python3 -c "print(f'{$base / $t:.2f}')")"
done
cmp -s "$TMP/out1" "$TMP/out2" && echo "  outputs byte-identical" || { echo "  outputs DIFFER"; exit 1; }
