#!/usr/bin/env bash
# make install into a temporary prefix, and what a user does with it: the files in their
# places (DESTDIR staging too), a C program built with `pkg-config --cflags --libs accord`
# against the shared library and one built with CMake's find_package (shared and static),
# both printing the command's own analyze JSON byte for byte; the public headers compiled
# alone as C11 -pedantic and as C++; the installed man pages rendered by man -l; the
# Python package importable from the prefix; and make uninstall leaving nothing behind.
source "$(dirname "$0")/lib.bash"
if [ "${ACCORD_SANITIZE:-0}" = 1 ]; then
  echo "SKIP: a sanitized libaccord.so cannot be loaded by uninstrumented programs"
  exit 77
fi
for tool in cc g++ pkg-config man groff cmake make; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/deps.sh)"; exit 77; }
done
BUILD=$(cd "$(dirname "$ACCORD")" && pwd)
SRC=$(pwd)
P=$TMP/prefix
# cmake --install records what it installed in the build folder: keep the real one.
MANIFEST=$BUILD/install_manifest.txt
[ -f "$MANIFEST" ] && cp "$MANIFEST" "$TMP/manifest.saved"
restore() { if [ -f "$TMP/manifest.saved" ]; then cp "$TMP/manifest.saved" "$MANIFEST"; else rm -f "$MANIFEST"; fi; }
trap 'restore; rm -rf "$TMP"' EXIT

cmake --install "$BUILD" --prefix "$P" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; exit 1; }
VERSION=$("$ACCORD" --version | awk '{print $2}')
PYDIR=$(grep -o "$P/lib/python[^/]*/[a-z]*-packages" "$TMP/install.log" | head -1)
for f in bin/accord lib/libaccord.a lib/libaccord.so lib/libaccord.so.${VERSION%%.*} \
         lib/libaccord.so.$VERSION include/accord/accord.h include/accord/version.h \
         lib/pkgconfig/accord.pc lib/cmake/accord/accordConfig.cmake \
         lib/cmake/accord/accordConfigVersion.cmake lib/cmake/accord/accordTargets.cmake \
         share/man/man1/accord.1 share/man/man5/accord-model.5; do
  [ -e "$P/$f" ] || fail "not installed: $f"
done
[ -n "$PYDIR" ] && [ -f "$PYDIR/accord/__init__.py" ] || fail "the Python package is not installed"
grep -qx "LIBRARY = \"$P/lib/libaccord.so.${VERSION%%.*}\"" "$PYDIR/accord/_libpath.py" ||
  fail "the Python package does not name the installed library: $(cat "$PYDIR/accord/_libpath.py")"

"$ACCORD" analyze @default --json >"$TMP/want.json"
"$ACCORD" analyze data/examples/donbas-army.yaml --json >"$TMP/want2.json"

# pkg-config, the shared library
export PKG_CONFIG_PATH=$P/lib/pkgconfig
[ "$(pkg-config --modversion accord)" = "$VERSION" ] || fail "pkg-config --modversion"
cc -std=c11 -pedantic -Wall -Wextra -Werror tests/install/analyze_json.c \
   $(pkg-config --cflags --libs accord) -o "$TMP/prog" 2>"$TMP/cc.err" || fail "cc with pkg-config: $(cat "$TMP/cc.err")"
if [ -x "$TMP/prog" ]; then
  ldd "$TMP/prog" | grep -q 'libaccord.so' || fail "the program is not linked to libaccord.so"
  LD_LIBRARY_PATH=$P/lib "$TMP/prog" @default >"$TMP/got.json" || fail "the program failed"
  cmp -s "$TMP/want.json" "$TMP/got.json" || fail "the program's JSON differs from accord analyze --json"
  LD_LIBRARY_PATH=$P/lib "$TMP/prog" data/examples/donbas-army.yaml >"$TMP/got2.json"
  cmp -s "$TMP/want2.json" "$TMP/got2.json" || fail "the program's JSON differs on donbas-army.yaml"
  printf 'accord: 1\nparties: [}\n' >"$TMP/bad.yaml"
  LD_LIBRARY_PATH=$P/lib "$TMP/prog" "$TMP/bad.yaml" >/dev/null 2>"$TMP/bad.err" && fail "a bad model succeeded"
  grep -q "bad.yaml:2:" "$TMP/bad.err" || fail "a bad model is not located: $(cat "$TMP/bad.err")"
fi

# the README's C example and a sweep split in shares, both through the accessors only
# (the struct layouts are not in the headers), built with pkg-config against libaccord.so
cc -std=c11 -pedantic -Wall -Wextra -Werror tests/install/summary.c \
   $(pkg-config --cflags --libs accord) -o "$TMP/summary" 2>"$TMP/cc.err" || fail "cc summary.c: $(cat "$TMP/cc.err")"
python3 - README.md tests/install/summary.c <<'PY' || fail "the README's C example is not tests/install/summary.c"
import sys
readme, prog = open(sys.argv[1]).read(), open(sys.argv[2]).read()
body = prog[prog.index("#include <accord/accord.h>"):]
sys.exit(0 if "```c\n" + body + "```" in readme else 1)
PY
check_summary() { # MODEL JSON: the program's lines against the command's JSON
  LD_LIBRARY_PATH=$P/lib "$TMP/summary" "$1" >"$TMP/summary.txt" || { fail "summary $1 failed"; return; }
  python3 - "$2" "$TMP/summary.txt" "$VERSION" <<'PY' || fail "summary.c on $1 differs from analyze --json"
import json, sys
j, got, version = json.load(open(sys.argv[1])), open(sys.argv[2]).read(), sys.argv[3]
z = j["zopa"]
want = ["libaccord %s: %s" % (version, j["title"]),
        "%d outcomes, %s in the ZOPA, %d on the Pareto frontier"
        % (j["outcomes"], z["count"] if z["exact"] else "about %.3g" % z["estimate"],
           j["pareto"]["count"])]
for p in j["parties"]:
    line = "  %-4s reservation %.4f" % (p, j["reservation"][p])
    if j["nash"]:
        line += "  Nash %.4f" % j["nash"]["utility"][p]
    if j.get("plan"):
        line += "  draft %.4f" % j["plan"]["utility"][p]
    want.append(line)
if j.get("plan"):
    g = j["plan"]["progress"]
    want.append("draft: %d of %d points agreed by every party" % (g["points"], g["of"]))
if got != "\n".join(want) + "\n":
    print("want:\n" + "\n".join(want) + "\ngot:\n" + got, file=sys.stderr)
    sys.exit(1)
PY
}
if [ -x "$TMP/summary" ]; then
  check_summary @default "$TMP/want.json"
  check_summary data/examples/donbas-army.yaml "$TMP/want2.json"
fi
cc -std=c11 -pedantic -Wall -Wextra -Werror tests/install/sweep_shares.c \
   $(pkg-config --cflags --libs accord) -o "$TMP/shares" 2>"$TMP/cc.err" || fail "cc sweep_shares.c: $(cat "$TMP/cc.err")"
if [ -x "$TMP/shares" ]; then
  LD_LIBRARY_PATH=$P/lib "$TMP/shares" >"$TMP/shares.txt" || fail "sweep_shares: $(cat "$TMP/shares.txt")"
  "$ACCORD" sweep @default --runs 1000 --seed 7 --json >"$TMP/sweep.json"
  python3 - "$TMP/sweep.json" "$TMP/shares.txt" <<'PY' || fail "sweep_shares.c differs from sweep --json"
import json, sys
j, got = json.load(open(sys.argv[1])), open(sys.argv[2]).read().split("\n")
deals = j["deal"]["count"]
rounds = round(j["mean_round"] * deals) if deals else 0
top = j["agreements"][0]
want = ["deals %d rounds %d distinct %d" % (deals, rounds, j["distinct_agreements"]),
        "top %d %s" % (top["count"], " ".join(top["outcome"].values()))]
if got[:2] != want:
    print("want %s, got %s" % (want, got), file=sys.stderr)
    sys.exit(1)
PY
fi

# CMake's package: accord::accord and accord::accord_static
cmake -S tests/install -B "$TMP/user" -DCMAKE_PREFIX_PATH="$P" >"$TMP/user.log" 2>&1 &&
  cmake --build "$TMP/user" >>"$TMP/user.log" 2>&1 || { fail "find_package(accord) project"; cat "$TMP/user.log" >&2; }
if [ -x "$TMP/user/analyze_shared" ]; then
  LD_LIBRARY_PATH=$P/lib "$TMP/user/analyze_shared" data/examples/donbas-army.yaml | cmp -s - "$TMP/want2.json" ||
    fail "accord::accord program"
  "$TMP/user/analyze_static" data/examples/donbas-army.yaml | cmp -s - "$TMP/want2.json" ||
    fail "accord::accord_static program"
  ldd "$TMP/user/analyze_static" | grep -q libaccord && fail "accord::accord_static links the shared library"
fi

# no compiler extension in a public header: ac_u128 is two 64-bit halves for every
# compiler, in C and in C++ (and under clang when it is there)
grep -l '__int128\|__extension__' "$P"/include/accord/*.h && fail "a public header uses __int128"
cat >"$TMP/u128.c" <<'C'
#include <accord/accord.h>
#include <string.h>
typedef char u128_is_two_halves[sizeof(ac_u128) == 16 && sizeof(((ac_u128 *)0)->lo) == 8 ? 1 : -1];
int main(void)
{
    ac_u128 x = {5, 1};
    char buf[48];
    return strcmp(ac_u128_str(x, buf, sizeof buf), "18446744073709551621") != 0;
}
C
cp "$TMP/u128.c" "$TMP/u128.cc"
for cc_ in "cc -std=c11" "g++ -std=c++11 -x c++" $(command -v clang >/dev/null && echo "clang@-std=c11"); do
  cc_=${cc_//@/ }
  $cc_ -pedantic -Wall -Wextra -Werror -I"$P/include" -fsyntax-only "$TMP/u128.c" 2>"$TMP/h.err" ||
    fail "ac_u128 with $cc_: $(head -3 "$TMP/h.err")"
done
cc -std=c11 "$TMP/u128.c" $(pkg-config --cflags --libs accord) -o "$TMP/u128" && LD_LIBRARY_PATH=$P/lib "$TMP/u128" ||
  fail "ac_u128_str({5, 1}) is not 2^64 + 5"
# every public header on its own: C11 -pedantic and C++
for h in "$P"/include/accord/*.h; do
  printf '#include <accord/%s>\nint main(void) { return 0; }\n' "${h##*/}" >"$TMP/h.c"
  cc -std=c11 -pedantic -Wall -Wextra -Werror -I"$P/include" -fsyntax-only "$TMP/h.c" 2>"$TMP/h.err" ||
    fail "${h##*/} as C11 -pedantic: $(head -3 "$TMP/h.err")"
  cp "$TMP/h.c" "$TMP/h.cc"
  g++ -std=c++11 -pedantic -Wall -Wextra -Werror -I"$P/include" -fsyntax-only "$TMP/h.cc" 2>"$TMP/h.err" ||
    fail "${h##*/} as C++: $(head -3 "$TMP/h.err")"
done

# man pages: render without warnings; accord(1) has every sub-command
for page in "$P/share/man/man1/accord.1" "$P/share/man/man5/accord-model.5"; do
  MANWIDTH=80 man -l "$page" >"$TMP/page.txt" 2>"$TMP/page.err" || fail "man -l $page"
  [ -s "$TMP/page.err" ] && fail "man -l $page warns: $(head -3 "$TMP/page.err")"
  [ "$(wc -l <"$TMP/page.txt")" -gt 40 ] || fail "$page renders to almost nothing"
  groff -man -ww -z "$page" 2>"$TMP/groff.err"
  [ -s "$TMP/groff.err" ] && fail "groff warns on $page: $(head -3 "$TMP/groff.err")"
done
MANWIDTH=80 man -l "$P/share/man/man1/accord.1" >"$TMP/accord.txt" 2>/dev/null
"$ACCORD" --help | awk '/^Commands:/ {on = 1; next} on && /^$/ {exit} on {print $1}' >"$TMP/commands"
[ -s "$TMP/commands" ] || fail "no commands in accord --help"
while read -r c; do
  grep -q "^   $c\$" "$TMP/accord.txt" || fail "accord(1) has no section for $c"
  grep -q "accord $c" "$TMP/accord.txt" || fail "accord(1) has no synopsis for $c"
done <"$TMP/commands"
# the example of accord-model(5) is a valid model
sed -n '/^\.SH EXAMPLE/,/^\.fi/p' "$P/share/man/man5/accord-model.5" | sed '1,2d;$d' |
  sed 's/\\-/-/g' >"$TMP/example.yaml"
"$ACCORD" check "$TMP/example.yaml" >/dev/null 2>"$TMP/check.err" || fail "accord-model(5)'s example: $(cat "$TMP/check.err")"

# the Python package, from the prefix alone
if command -v /usr/bin/python3 >/dev/null; then PY=/usr/bin/python3; else PY=python3; fi
(cd "$TMP" && PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$PYDIR" "$PY" -c 'import accord, sys; sys.stdout.write(accord.version())') \
  >"$TMP/pyver" 2>"$TMP/py.err" || fail "import accord from the prefix: $(tail -3 "$TMP/py.err")"
[ "$(cat "$TMP/pyver")" = "$VERSION" ] || fail "accord.version() says '$(cat "$TMP/pyver")'"

# the installed command finds accord-full in libexec for the review server
[ -x "$P/libexec/accord/accord-full" ] || fail "not installed: libexec/accord/accord-full"
"$P/bin/accord" serve "$TMP/none/record.db" >/dev/null 2>"$TMP/serve.err"
grep -q "record.db" "$TMP/serve.err" || fail "installed accord serve did not reach accord-full: $(cat "$TMP/serve.err")"

# DESTDIR stages under another root; the package names the final place
DESTDIR=$TMP/stage cmake --install "$BUILD" --prefix /opt/accord >/dev/null 2>&1 || fail "DESTDIR install"
[ -x "$TMP/stage/opt/accord/bin/accord" ] || fail "DESTDIR: no staged binary"
grep -rqs 'LIBRARY = "/opt/accord/lib/libaccord.so' "$TMP"/stage/opt/accord/lib/python*/ ||
  fail "DESTDIR: the Python package does not name /opt/accord"
make -s -C "$SRC" uninstall BUILD="$BUILD" DESTDIR="$TMP/stage" >/dev/null 2>&1 || fail "make uninstall DESTDIR="
left=$(find "$TMP/stage" -type f -o -type l | head -5)
[ -z "$left" ] || fail "make uninstall DESTDIR= left: $left"

# make uninstall removes everything the (last) install put down
cmake --install "$BUILD" --prefix "$P" >/dev/null 2>&1
make -s -C "$SRC" uninstall BUILD="$BUILD" >"$TMP/uninstall.log" 2>&1 || fail "make uninstall: $(cat "$TMP/uninstall.log")"
left=$(find "$P" -type f -o -type l | head -5)
[ -z "$left" ] || fail "make uninstall left: $left"

finish
