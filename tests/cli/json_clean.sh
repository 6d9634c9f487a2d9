#!/usr/bin/env bash
# --json keeps stdout to exactly one JSON document (the embedded model and stdin), with
# utilities written to at least 9 significant digits; and no progress bar ever appears
# when stderr is not a terminal.
source "$(dirname "$0")/lib.bash"
write_small_model "$TMP/m.yaml"

expect_exit 0 "$ACCORD" analyze @default --json --limit 3
cp "$TMP/out" "$TMP/default.json"
[ -s "$TMP/err" ] && fail "stderr stays empty: $(head -3 "$TMP/err")"
expect_exit 0 "$ACCORD" analyze - --json <"$TMP/m.yaml"
cp "$TMP/out" "$TMP/stdin.json"

python3 - "$TMP" <<'PY' || fail "JSON on stdout"
import json, re, sys
tmp, bad = sys.argv[1], []
for name in ("default", "stdin"):
    text = open(f"{tmp}/{name}.json").read()
    try:
        j = json.loads(text)
    except ValueError as e:
        bad.append(f"{name}: not one JSON document: {e}")
        continue
    if "\r" in text or "\x1b" in text:
        bad.append(f"{name}: terminal control characters on stdout")
    for k in ("title", "parties", "outcomes", "outcomes_log10", "reservation", "zopa", "pareto"):
        if k not in j:
            bad.append(f"{name}: missing key {k}")
    if name == "default":
        if len(j["pareto"]["points"]) > 3:
            bad.append("default: --limit 3 not honoured")
        if not isinstance(j["outcomes"], int):
            bad.append("default: outcomes is not an exact integer")
        # long utilities must not be rounded to a few digits
        nums = re.findall(r'"utility": \{[^}]*\}', text)
        digits = [len(re.sub(r"[^0-9]", "", m.split("e")[0]).lstrip("0"))
                  for u in nums for m in re.findall(r"-?\d+\.\d+(?:e[-+]?\d+)?", u)]
        if digits and max(digits) < 9:
            bad.append("default: utilities printed with fewer than 9 significant digits")
for b in bad:
    print("  " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

finish
