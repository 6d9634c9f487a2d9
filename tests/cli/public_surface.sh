#!/usr/bin/env bash
# The public surface stays narrow: the command reads results through the accessors only
# (it includes no internal header of the library), and no public header lays out the
# opaque results or uses a compiler extension.
source "$(dirname "$0")/lib.bash"
hits=$(grep -n '#include "\(core\|analysis\|sim\|io\|ledger\|report\|serve\|stability\|strategy\|protocol\|forecast\)/' src/cli/*.c src/cli/*.h)
[ -z "$hits" ] || fail "the command includes internal headers: $hits"
for t in ac_space ac_analysis ac_mediation ac_sweep ac_model; do
  grep -n "^struct $t \?{\|typedef struct $t {" include/accord/*.h && fail "a public header lays out $t"
done
grep -n '__int128\|__extension__' include/accord/*.h && fail "a public header uses a compiler extension"
# the internal layouts are where the documentation says
for f in core/space_internal.h analysis/analysis_internal.h analysis/mediation_internal.h sim/sweep_internal.h core/u128.h; do
  [ -f "src/$f" ] || fail "src/$f is missing"
done
finish
