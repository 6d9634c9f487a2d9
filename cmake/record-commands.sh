#!/usr/bin/env bash
# Turns data/make-example-record.sh into the list of `accord` commands it runs, for
# embedding in the binary (so `accord demo` can build the example record itself): the
# script is run with a stand-in for accord that prints each command's arguments,
# separated by the unit separator (0x1f), one command per line. The database path is
# the placeholder {DB}.
set -euo pipefail
script=${1:?usage: $0 make-example-record.sh}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/accord" <<'STUB'
#!/usr/bin/env bash
first=1
for a in "$@"; do
  if [ $first -eq 0 ]; then printf '\037' >>"$ACCORD_RECORD_OUT"; fi
  printf '%s' "$a" >>"$ACCORD_RECORD_OUT"
  first=0
done
printf '\n' >>"$ACCORD_RECORD_OUT"
STUB
chmod +x "$tmp/accord"
export ACCORD_RECORD_OUT="$tmp/out"
: >"$ACCORD_RECORD_OUT"
bash "$script" "$tmp/accord" "{DB}" >/dev/null 2>&1
cat "$ACCORD_RECORD_OUT"
