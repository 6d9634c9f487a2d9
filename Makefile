# accord: every target installs missing packages first, then drives CMake.
BUILD      ?= build
SAN_BUILD  ?= build-sanitize
MAKEFLAGS += --no-print-directory
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps build run test sanitize release-clang bench fuzz valgrind clean

all: build

deps:
	@bash scripts/deps.sh

$(BUILD)/CMakeCache.txt: | deps
	@mkdir -p $(BUILD)
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCORD_MPI=ON $(CMAKE_ARGS) \
		>$(BUILD)/configure.log 2>&1 || { cat $(BUILD)/configure.log; rm -f $@; exit 1; }

build: deps $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS)

# The demo is what a newcomer sees first: the build stays quiet (a note on a terminal,
# erased when done) and shows its output only when it fails.
run: deps $(BUILD)/CMakeCache.txt
	@[ -t 2 ] && printf 'building accord ...' >&2; \
	 cmake --build $(BUILD) -j $(JOBS) >$(BUILD)/build.log 2>&1; rc=$$?; \
	 [ -t 2 ] && printf '\r\033[K' >&2; \
	 if [ $$rc -ne 0 ]; then cat $(BUILD)/build.log; echo "make run: the build failed" >&2; exit $$rc; fi
	@./$(BUILD)/accord demo -o $(BUILD)/demo-report.html

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

sanitize: deps
	@cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DACCORD_SANITIZE=ON -DACCORD_BENCH=OFF >/dev/null
	@cmake --build $(SAN_BUILD) -j $(JOBS)
	@cd $(SAN_BUILD) && ACCORD_TIME_SCALE=5 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS)

# Every standard configuration must build warning-free; CI checks Release with clang.
CLANG_BUILD ?= build-clang
release-clang: deps
	@CC=clang cmake -S . -B $(CLANG_BUILD) -DCMAKE_BUILD_TYPE=Release -DACCORD_MPI=ON -DACCORD_BENCH=ON >/dev/null
	@cmake --build $(CLANG_BUILD) -j $(JOBS)
	@cd $(CLANG_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@for b in $(BUILD)/bench/bench_*; do [ -x "$$b" ] && "$$b" || exit 1; done
	@bash bench/bench_mpi.sh ./$(BUILD)/accord
	@bash bench/bench_serve.sh ./$(BUILD)/accord

fuzz: deps
	@bash scripts/fuzz.sh

valgrind: build
	@bash scripts/valgrind.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(CLANG_BUILD)
