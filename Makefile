# accord: every target installs missing packages first, then drives CMake.
BUILD      ?= build
SAN_BUILD  ?= build-sanitize
MAKEFLAGS += --no-print-directory
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
PREFIX     ?= /usr/local
DESTDIR    ?=

.PHONY: all deps build run test install uninstall sanitize release-clang configs bench bench-negmas fuzz valgrind clean

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

# make install PREFIX=DIR (default /usr/local); DESTDIR=STAGE stages the files under STAGE.
install: build
	@DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"

# Removes what the last install put down (its manifest; give the same DESTDIR), then
# accord's own folders (include/accord, lib/cmake/accord, the Python package) when they
# are left empty.
uninstall:
	@[ -f $(BUILD)/install_manifest.txt ] || { echo "uninstall: nothing installed from $(BUILD)"; exit 1; }
	@while IFS= read -r f || [ -n "$$f" ]; do \
		rm -f "$(DESTDIR)$$f"; \
		case "$$f" in */accord/__init__.py) rm -rf "$(DESTDIR)$${f%/__init__.py}/__pycache__";; esac; \
	done < $(BUILD)/install_manifest.txt
	@while IFS= read -r f || [ -n "$$f" ]; do \
		case "$$f" in */accord/*) d=$(DESTDIR)$${f%/accord/*}/accord; rmdir "$$d" 2>/dev/null || true;; esac; \
	done < $(BUILD)/install_manifest.txt
	@echo "removed $$(wc -l < $(BUILD)/install_manifest.txt) files"
	@rm -f $(BUILD)/install_manifest.txt

sanitize: deps
	@cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DACCORD_SANITIZE=ON -DACCORD_BENCH=OFF >/dev/null
	@cmake --build $(SAN_BUILD) -j $(JOBS)
	@cd $(SAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS)

# Every standard configuration must build warning-free. CI builds RelWithDebInfo (make
# test), Debug (make sanitize), Release with clang and the configurations below, where
# gcc's optimiser finds what -O2 does not (maybe-uninitialized at -O3 and -Os).
CONFIGS_BUILD ?= build-configs
configs: deps
	@CC=gcc cmake -S . -B $(CONFIGS_BUILD)/release -DCMAKE_BUILD_TYPE=Release -DACCORD_MPI=ON -DACCORD_BENCH=ON >/dev/null
	@cmake --build $(CONFIGS_BUILD)/release -j $(JOBS)
	@CC=gcc cmake -S . -B $(CONFIGS_BUILD)/minsizerel -DCMAKE_BUILD_TYPE=MinSizeRel -DACCORD_MPI=OFF -DACCORD_BENCH=ON >/dev/null
	@cmake --build $(CONFIGS_BUILD)/minsizerel -j $(JOBS)

CLANG_BUILD ?= build-clang
release-clang: deps
	@CC=clang cmake -S . -B $(CLANG_BUILD) -DCMAKE_BUILD_TYPE=Release -DACCORD_MPI=ON -DACCORD_BENCH=ON >/dev/null
	@cmake --build $(CLANG_BUILD) -j $(JOBS)
	@cd $(CLANG_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@for b in $(BUILD)/bench/bench_*; do [ -x "$$b" ] && "$$b" || exit 1; done
	@bash bench/bench_mpi.sh ./$(BUILD)/accord
	@bash bench/bench_serve.sh ./$(BUILD)/accord

# accord beside NegMAS (bench/negmas/compare.py; docs/scale.md). NEGMAS_PATH: folders to
# put on PYTHONPATH (a NegMAS checkout's src/, and stringcase.py's folder), colon-separated;
# without it, a NegMAS that Python can already import. Not part of make test.
NEGMAS_PATH   ?=
NEGMAS_PYTHON ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)
NEGMAS_DEBS   ?= python3-numpy python3-scipy python3-pandas python3-networkx python3-attr \
	python3-typer python3-rich python3-psutil python3-tabulate python3-click python3-yaml \
	python3-cloudpickle python3-colorlog python3-dill python3-inflect python3-plotly \
	python3-pil python3-sklearn python3-typing-extensions python3-pebble python3-matplotlib
NEGMAS_ARGS   ?=
bench-negmas: build
	@if [ -n "$(NEGMAS_PATH)" ]; then bash scripts/deps.sh $(NEGMAS_DEBS); fi
	@if PYTHONPATH="$(NEGMAS_PATH)$${PYTHONPATH:+:$$PYTHONPATH}" $(NEGMAS_PYTHON) -c "import negmas.preferences" >/dev/null 2>&1; then \
		PYTHONPATH="$(NEGMAS_PATH)$${PYTHONPATH:+:$$PYTHONPATH}" ACCORD_LIBRARY=$(BUILD)/libaccord.so \
			$(NEGMAS_PYTHON) bench/negmas/compare.py --accord $(BUILD)/accord $(NEGMAS_ARGS); \
	else \
		echo "bench-negmas: NegMAS cannot be imported by $(NEGMAS_PYTHON); skipped."; \
		echo "  Get NegMAS's source (yasserfarouk/negmas on GitHub) and stringcase.py (okunishinishi/python-stringcase),"; \
		echo "  then: make bench-negmas NEGMAS_PATH=NEGMAS/src:STRINGCASE_DIR (installs NegMAS's imports from Debian)."; \
		echo "  See docs/scale.md, 'Side by side with NegMAS'."; \
	fi

fuzz: deps
	@bash scripts/fuzz.sh

valgrind: build
	@bash scripts/valgrind.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(CLANG_BUILD)
