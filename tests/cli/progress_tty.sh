#!/usr/bin/env bash
# On a terminal, `accord analyze` shows a progress bar on stderr for each phase, the ZOPA
# count's own progress while the analysis waits for it, never a bar that goes back within
# a phase, and erases the bar before the report; stdout stays the same as without one.
source "$(dirname "$0")/lib.bash"
command -v script >/dev/null || { echo "skip: no script(1)"; exit 0; }

# script(1) gives the command a terminal; stdout goes to a file, stderr to the terminal
script -qec "'$ACCORD' analyze @default >'$TMP/tty.out'" "$TMP/typescript" >/dev/null 2>&1 ||
  fail "analyze on a terminal"
"$ACCORD" analyze @default >"$TMP/plain.out" 2>/dev/null || fail "analyze without a terminal"
cmp -s "$TMP/tty.out" "$TMP/plain.out" || fail "stdout differs with a terminal on stderr"

python3 - "$TMP/typescript" <<'PY' || fail "progress bar"
import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
draws = re.findall(r"\r([^\r\[]+?)\s+\[[#.]+\]\s+(\d+)%", text)
if not draws:
    sys.exit("no bar drawn")
labels = [w.strip() for w, _ in draws]
# the count takes most of the embedded model's analysis: the wait shows it moving
if not any(w.strip() == "counting the ZOPA" and int(p) > 0 for w, p in draws):
    sys.exit(f"no ZOPA progress in {draws}")
last = {}
prev = None
for w, p in draws:
    w, p = w.strip(), int(p)
    if w == prev and p < last[w]:
        sys.exit(f"{w}: {last[w]}% then {p}%")
    last[w], prev = p, w
end = max(m.end() for m in re.finditer(r"\r[^\r\[]+?\s+\[[#.]+\]\s+\d+%", text))
if "\r\x1b[K" not in text[end:]:
    sys.exit("bar not erased at the end: %r" % text[end:end + 60])
PY
