#!/usr/bin/env bash
# libaccord.so beside the command: a soname of the major version, only public ac_ names
# exported (no ac__ internal one, nothing else), and ac_version() agreeing with the
# command's --version and with the generated accord/version.h.
source "$(dirname "$0")/lib.bash"
if [ "${ACCORD_SANITIZE:-0}" = 1 ]; then
  echo "SKIP: a sanitized libaccord.so cannot be loaded by uninstrumented programs"
  exit 77
fi
DIR=$(cd "$(dirname "$ACCORD")" && pwd)
SO=$DIR/libaccord.so
[ -e "$SO" ] || { echo "no $SO"; exit 1; }
VERSION=$("$ACCORD" --version | awk '{print $2}')
MAJOR=${VERSION%%.*}

readelf -d "$SO" | grep -q "Library soname: \[libaccord.so.$MAJOR\]" ||
  fail "soname is not libaccord.so.$MAJOR: $(readelf -d "$SO" | grep SONAME)"
[ -e "$DIR/libaccord.so.$VERSION" ] || fail "no libaccord.so.$VERSION"

nm -D --defined-only "$SO" | awk '$2 ~ /[TDBRVW]/ {print $3}' >"$TMP/exported"
[ "$(wc -l <"$TMP/exported")" -gt 100 ] || fail "too few exported names: $(wc -l <"$TMP/exported")"
grep -v '^ac_' "$TMP/exported" >"$TMP/other" && fail "exported names without ac_: $(head -5 "$TMP/other")"
grep '^ac__' "$TMP/exported" >"$TMP/internal" && fail "internal names exported: $(head -5 "$TMP/internal")"
for f in ac_version ac_model_load_file ac_analyze ac_analysis_write_json ac_mediation_write_json \
         ac_simulate ac_simulation_write_json ac_sweep_write_json; do
  grep -qx "$f" "$TMP/exported" || fail "$f is not exported"
done

H=$(find "$DIR" -path '*/include/accord/version.h' | head -1)
grep -q "#define ACCORD_VERSION \"$VERSION\"" "$H" || fail "version.h does not say $VERSION"
GOT=$(python3 -c 'import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
lib.ac_version.restype = ctypes.c_char_p
print(lib.ac_version().decode(), lib.ac_version_num())' "$SO")
IFS=. read -r A B C <<<"$VERSION"
[ "$GOT" = "$VERSION $((A * 1000000 + B * 1000 + C))" ] || fail "ac_version() says '$GOT'"

finish
