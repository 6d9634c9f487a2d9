#!/usr/bin/env bash
# The models compiled into the command are the files they come from: @default is
# data/peace-plan-2025.yaml and @us-interests data/peace-plan-2025-us-interests.yaml,
# compared through accord's own model writer (plan init, draft and export); names that are
# not embedded models are files like any other (and missing ones an input error).
source "$(dirname "$0")/lib.bash"
for pair in "@default data/peace-plan-2025.yaml" "@us-interests data/peace-plan-2025-us-interests.yaml"; do
  set -- $pair
  name=$1 file=$2 tag=${1#@}
  "$ACCORD" check "$name" >"$TMP/$tag.check" 2>&1 || fail "accord check $name: $(cat "$TMP/$tag.check")"
  "$ACCORD" check "$file" >"$TMP/$tag.file.check" 2>&1
  cmp -s "$TMP/$tag.check" "$TMP/$tag.file.check" || fail "check $name differs from check $file"
  for src in "$name" "$file"; do
    k=$([ "$src" = "$name" ] && echo e || echo f)
    "$ACCORD" plan init "$TMP/$tag.$k.db" --model "$src" >/dev/null 2>&1 &&
      "$ACCORD" plan draft "$TMP/$tag.$k.db" --from "$src" --date 2025-11-20 >/dev/null 2>&1 &&
      "$ACCORD" plan export "$TMP/$tag.$k.db" -o "$TMP/$tag.$k.yaml" >/dev/null 2>&1 ||
      fail "plan init/export of $src"
  done
  cmp -s "$TMP/$tag.e.yaml" "$TMP/$tag.f.yaml" || fail "$name is not the model of $file"
done
"$ACCORD" check @us-interests | grep -q "4 active" || fail "@us-interests has not 4 active parties"
"$ACCORD" check @default | grep -q "3 active" || fail "@default has not 3 active parties"
"$ACCORD" check @no-such-model >/dev/null 2>"$TMP/none.err"; rc=$?
[ "$rc" = 1 ] || fail "an unknown @ name exits $rc, not 1"
grep -q "@no-such-model" "$TMP/none.err" || fail "an unknown @ name is not named: $(cat "$TMP/none.err")"
finish
