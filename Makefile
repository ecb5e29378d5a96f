# Two commands matter: `make run` and `make test`. Everything else supports them.
.PHONY: run test bench bench-inbox fuzz deps build build-dev clean format

DATA ?= ./webcare-data
LISTEN ?= 127.0.0.1:8080
RELEASE_BIN := build/release/src/app/webcare

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

build-dev: deps
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev

# Builds a release binary, creates the data folder with demo data on first start, serves.
run: build
	@if [ ! -f "$(DATA)/webcare.db" ]; then \
	  echo "First start: generating demo data in $(DATA) ..."; \
	  $(RELEASE_BIN) demo --data "$(DATA)" --posts 20000; \
	fi
	@echo ""
	@echo "  Webcare is starting on http://$(LISTEN)"
	@echo "  Log in as agent@webcare.demo (or agent2@, lead@, admin@, viewer@webcare.demo), password webcare-demo"
	@echo "  Stop with Ctrl-C."
	@echo ""
	@$(RELEASE_BIN) serve --data "$(DATA)" --listen "$(LISTEN)"

# Unit, integration and browser tests on the dev build (ASan + UBSan); CTest prints the summary.
test: build-dev
	@ctest --preset dev

bench: build
	@mkdir -p build/bench
	@build/release/bench/webcare_bench
	@$(MAKE) --no-print-directory bench-inbox

# Realtime fan-out and conversation-list latency of the real server on a prepared inbox of
# 1,000,000 conversations (bench/README.md, "Inbox"); INBOX_BENCH_FLAGS=--quick for a smoke run.
bench-inbox: build
	@mkdir -p build/bench
	@build/release/bench/webcare_inbox_bench $(INBOX_BENCH_FLAGS)

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	@rm -rf build

# Builds the parsers' libFuzzer targets with clang and runs each for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
fuzz: deps
	@command -v clang++ >/dev/null || apt-get install -y -qq clang >/dev/null
	@CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWEBCARE_FUZZ=ON \
	  -DWEBCARE_SANITIZE=ON -DWEBCARE_BUILD_WEB=OFF -DWEBCARE_BUILD_TESTS=OFF -DWEBCARE_BUILD_BENCH=OFF >/dev/null
	@cmake --build build/fuzz --target interchange_fuzzer rfc3339_fuzzer query_fuzzer matcher_fuzzer
	@for target in interchange rfc3339 query matcher; do \
	  mkdir -p build/fuzz/corpus/$$target; \
	  build/fuzz/fuzz/$${target}_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    build/fuzz/corpus/$$target fuzz/corpus/$$target || exit 1; \
	done
