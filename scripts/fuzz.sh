#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer) into $FUZZ_BUILD, runs each for FUZZ_SECONDS on a copy of
# its seed corpus, prints libFuzzer's final numbers ("#N DONE cov: X ft: Y") per target,
# and copies any crash into tests/bad/fuzz-crashes/. Not part of the CMake build.
#
#   FUZZ_SECONDS=60      time per target
#   FUZZ_TARGETS="..."   targets to run (default: every fuzz/fuzz_*.c)
#   FUZZ_BUILD=build-fuzz
#   FUZZ_JOBS=2          parallel compile jobs
# Exit status: 0 when no target crashed, 1 otherwise (or when the build failed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER=${FUZZ_SECONDS:-60}
OUT=${FUZZ_BUILD:-build-fuzz}
JOBS=${FUZZ_JOBS:-2}
case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac # fuzz_cli_args changes directory

# clang and libFuzzer's runtime (libclang-rt-14-dev on Debian 12) may be missing on a
# fresh machine.
extra=(clang)
if ! command -v clang >/dev/null 2>&1 ||
   ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  extra+=(libclang-rt-14-dev)
fi
bash scripts/deps.sh "${extra[@]}"
CC=${FUZZ_CC:-clang}

mkdir -p "$OUT/obj/lib" "$OUT/obj/cli" "$OUT/runs" "$OUT/include/accord"
# accord/version.h, as CMake's configure_file makes it from the project version.
version=$(sed -n 's/^project(accord VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
IFS=. read -r vmajor vminor vpatch <<<"$version"
sed -e "s/@PROJECT_VERSION_MAJOR@/$vmajor/; s/@PROJECT_VERSION_MINOR@/$vminor/" \
    -e "s/@PROJECT_VERSION_PATCH@/$vpatch/; s/@PROJECT_VERSION@/$version/" \
    cmake/version.h.in >"$OUT/include/accord/version.h.new"
cmp -s "$OUT/include/accord/version.h.new" "$OUT/include/accord/version.h" 2>/dev/null ||
  mv "$OUT/include/accord/version.h.new" "$OUT/include/accord/version.h"
rm -f "$OUT/include/accord/version.h.new"
CFLAGS=(-g -O1 -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -fno-omit-frame-pointer
        -Iinclude -I"$OUT/include" -Isrc $(pkg-config --cflags yaml-0.1 libxml-2.0 json-c sqlite3 libmicrohttpd gnutls))
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all)
LIBS=($(pkg-config --libs yaml-0.1 libxml-2.0 json-c sqlite3 libmicrohttpd gnutls) -lpthread -lm)

# The embedded default model, as the CMake build makes it.
cmake -DIN=data/peace-plan-2025.yaml -DOUT="$OUT/default_model.c.new" -P cmake/embed.cmake
cmp -s "$OUT/default_model.c.new" "$OUT/default_model.c" 2>/dev/null ||
  mv "$OUT/default_model.c.new" "$OUT/default_model.c"
rm -f "$OUT/default_model.c.new"

compile() { # src obj extra-flags...
  local src=$1 obj=$2
  shift 2
  if [ ! -e "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find include src -newer "$obj" -name '*.h' | head -1)" ]; then
    "$CC" "${CFLAGS[@]}" "${SAN[@]}" -fsanitize=fuzzer-no-link "$@" -c "$src" -o "$obj"
  fi
}

# Library objects go into one archive, so each target links only what it uses.
# FUZZ_LIB_DIRS: the directories under src/ that make the library (default: all but cli).
if [ -n "${FUZZ_LIB_DIRS:-}" ]; then
  lib_dirs=($FUZZ_LIB_DIRS)
else
  lib_dirs=()
  for d in src/*/; do d=$(basename "$d"); [ "$d" = cli ] || lib_dirs+=("$d"); done
fi
echo "fuzz: compiling src/{${lib_dirs[*]}} and src/cli with $CC"
pids=()
failed=0
run_bg() { # limits the number of compile jobs to $JOBS
  "$@" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$JOBS" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
}
objs=()
for d in "${lib_dirs[@]}"; do
  for src in src/$d/*.c; do
    [ -e "$src" ] || continue
    obj="$OUT/obj/lib/${d}_$(basename "${src%.c}").o"
    objs+=("$obj")
    run_bg compile "$src" "$obj"
  done
done
objs+=("$OUT/obj/lib/default_model.o")
run_bg compile "$OUT/default_model.c" "$OUT/obj/lib/default_model.o"
bash cmake/record-commands.sh data/make-example-record.sh >"$OUT/example-record.commands"
cmake -DIN="$OUT/example-record.commands" -DOUT="$OUT/example_record.c" -DPREFIX=cli_example_record \
  -P cmake/embed.cmake
cli_objs=("$OUT/obj/cli/example_record.o")
run_bg compile "$OUT/example_record.c" "$OUT/obj/cli/example_record.o"
for src in src/cli/*.c; do
  obj="$OUT/obj/cli/$(basename "${src%.c}").o"
  cli_objs+=("$obj")
  run_bg compile "$src" "$obj" -Dmain=accord_main
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
if [ "$failed" -ne 0 ]; then
  echo "fuzz: compiling failed (a file being edited? FUZZ_LIB_DIRS picks the directories)" >&2
  exit 1
fi
rm -f "$OUT/libaccord-fuzz.a"
ar rcs "$OUT/libaccord-fuzz.a" "${objs[@]}"

if [ -n "${FUZZ_TARGETS:-}" ]; then
  targets=($FUZZ_TARGETS)
else
  targets=()
  for f in fuzz/fuzz_*.c; do targets+=("$(basename "${f%.c}")"); done
fi

for t in "${targets[@]}"; do
  extra_objs=()
  [ "$t" = fuzz_cli_args ] && extra_objs=("${cli_objs[@]}")
  echo "fuzz: linking $t"
  "$CC" "${CFLAGS[@]}" "${SAN[@]}" -fsanitize=fuzzer "fuzz/$t.c" "${extra_objs[@]}" "$OUT/libaccord-fuzz.a" \
    "${LIBS[@]}" -o "$OUT/$t"
done

crashed=0
summary=()
mkdir -p tests/bad/fuzz-crashes
for t in "${targets[@]}"; do
  name=${t#fuzz_}
  corpus="$OUT/corpus/$t"
  mkdir -p "$corpus" "$OUT/runs/$t"
  rm -f "$OUT/runs/$t"/crash-* "$OUT/runs/$t"/leak-* "$OUT/runs/$t"/timeout-* "$OUT/runs/$t"/oom-*
  [ -d "fuzz/corpus/$t" ] && cp -n fuzz/corpus/$t/* "$corpus"/ 2>/dev/null || true
  opts=(-max_total_time="$SECONDS_PER" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10
        -artifact_prefix="$OUT/runs/$t/")
  [ -f "fuzz/$name.dict" ] && opts+=(-dict="$ROOT/fuzz/$name.dict")
  case $t in
    fuzz_cli_args) opts+=(-close_fd_mask=2 -max_len=512) ;;
    fuzz_analyze) opts+=(-max_len=256) ;;
    *) opts+=(-max_len=8192) ;;
  esac
  echo "fuzz: running $t for ${SECONDS_PER}s"
  log="$OUT/runs/$t.log"
  set +e
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$OUT/$t" "${opts[@]}" "$corpus" >"$log" 2>&1
  rc=$?
  set -e
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  [ -z "$done_line" ] && done_line=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
  summary+=("$t: ${done_line:-no stats} (executions: ${execs:-?}, exit $rc)")
  for a in "$OUT/runs/$t"/crash-* "$OUT/runs/$t"/leak-* "$OUT/runs/$t"/timeout-* "$OUT/runs/$t"/oom-*; do
    [ -e "$a" ] || continue
    crashed=1
    cp "$a" "tests/bad/fuzz-crashes/$t-$(basename "$a")"
    echo "fuzz: $t found $(basename "$a"): copied to tests/bad/fuzz-crashes/ (log: $log)" >&2
  done
  if [ "$rc" -ne 0 ] && ! ls "$OUT/runs/$t"/crash-* "$OUT/runs/$t"/leak-* "$OUT/runs/$t"/timeout-* "$OUT/runs/$t"/oom-* >/dev/null 2>&1; then
    crashed=1
    echo "fuzz: $t exited $rc without an artifact; see $log" >&2
    tail -20 "$log" >&2
  fi
done

echo "fuzz: results (${SECONDS_PER}s per target)"
for s in "${summary[@]}"; do echo "  $s"; done
rmdir tests/bad/fuzz-crashes 2>/dev/null || true
exit $crashed
