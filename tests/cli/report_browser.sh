#!/usr/bin/env bash
# accord report in a real browser: headless Chromium opens the page of the embedded model
# from a file:// URL (offline: no network needed or allowed to matter) and takes a
# screenshot; the PNG must exist and not be blank: it is decoded here (zlib + struct,
# no imaging library) and must have many distinct colours and enough pixels of the
# frontier's blue (the inline SVG was drawn). Chromium comes from Debian's `chromium`
# package (scripts/deps.sh); when it is missing the test installs it, and only when it is
# missing AND cannot be installed does it print SKIP and pass.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "python3 is required (scripts/deps.sh installs it)" >&2; exit 1; }

find_browser() {
  for b in chromium chromium-browser google-chrome; do
    command -v "$b" >/dev/null 2>&1 && { command -v "$b"; return 0; }
  done
  return 1
}
BROWSER=$(find_browser)
if [ -z "$BROWSER" ]; then
  echo "chromium is not installed; trying to install it" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    export DEBIAN_FRONTEND=noninteractive
    { $SUDO apt-get install -y -qq chromium || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium; }; } >&2
  fi
  BROWSER=$(find_browser)
  if [ -z "$BROWSER" ]; then
    echo "SKIP: chromium is not installed and cannot be installed here (no root, or no package)"
    exit 77 # CTest's skip code (SKIP_RETURN_CODE)
  fi
fi

expect_exit 0 "$ACCORD" report @default -o "$TMP/report.html"
shot() { # shot HTML PNG
  local profile
  profile=$(mktemp -d)
  HOME="$profile" timeout 180 "$BROWSER" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --no-first-run --disable-sync \
    --user-data-dir="$profile" --screenshot="$2" --window-size=1280,2000 "file://$1" \
    >"$TMP/browser.log" 2>&1
  local rc=$?
  rm -rf "$profile"
  return $rc
}
shot "$TMP/report.html" "$TMP/report.png" || fail "chromium failed: $(tail -3 "$TMP/browser.log")"
[ -s "$TMP/report.png" ] || fail "no screenshot written"

# decode the PNG: size, distinct colours, pixels of the frontier blue (#0072B2, blended)
python3 - "$TMP/report.png" <<'PY' || fail "the screenshot looks blank or broken"
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, hdr = 8, b'', None
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        hdr = struct.unpack('>IIBBBBB', body)
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = hdr
assert depth == 8 and ctype in (2, 6) and interlace == 0, 'unexpected PNG format %s' % (hdr,)
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours, blue, nonwhite = set(), 0, 0
i = 0
for y in range(h):
    f = raw[i]; row = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = row[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: row[x] = (row[x] + a) & 255
        elif f == 2: row[x] = (row[x] + b) & 255
        elif f == 3: row[x] = (row[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 2 == 0:
        for x in range(0, stride, bpp * 2):
            px = bytes(row[x:x + 3])
            colours.add(px)
            r, g, bl = px
            if bl > 120 and r < 90 and 60 < g < 160 and bl - r > 80:
                blue += 1
            if px != b'\xff\xff\xff':
                nonwhite += 1
    prev = row
print('screenshot %dx%d: %d distinct colours, %d blue samples, %d non-white samples' % (w, h, len(colours), blue, nonwhite))
ok = w == 1280 and h == 2000 and len(colours) > 200 and blue > 2000 and nonwhite > 0.3 * (w * h / 4)
sys.exit(0 if ok else 1)
PY
finish
