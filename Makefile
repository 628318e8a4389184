# Thin wrapper around CMake and the scripts/ that the README's two commands use.
#
#   make demo [REPO=/path/to/linux.git]   deps, Release build, harvest, two answers
#   make test                             deps, ASan+UBSan build, real data, ctest
#   make bench [SIZE=small|medium|full] [SEEDS="1 2 3"]   linux-scale benchmark over
#                                         several history shapes, worst first (bench/README.md)
#   make stress [KILLS=100]               the reliability tests with many more trials
#   make fuzz [FUZZ_TIME=60]              every libFuzzer harness for FUZZ_TIME seconds (clang)
#   make install [PREFIX=/usr/local]      kabi (and libexec/kabi/kabi-helper), kabi(1), bash and
#                                         zsh completions, docs
#   make uninstall                        removes what the last install put there
#
# Everything downloaded or built from downloads lives in $(CACHE) and is reused.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:

CACHE      ?= cache
BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= kabi.db
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
REPO       ?=
SIZE       ?= small
SEEDS      ?= 1 2 3
PREFIX     ?= /usr/local

.PHONY: all deps build demo test-deps test bench install uninstall clean distclean

all: build

# --downloads: before the long steps, check that apt can download the Debian
# packages the demo reads (not needed with REPO=).
deps:
	scripts/install-deps.sh $(if $(REPO),,--downloads '$(CACHE)')

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	MAKEFLAGS= MAKELEVEL= cmake --build $(BUILD) -j$(JOBS) --target kabi

# The newest release of a series ("6.1") in the catalog: the `name` column of
# `kabi versions --format csv`, release tags only (no -rc).
# (Text::ParseWords is in perl-base, which every Debian system has.)
define newest_of
$(BUILD)/kabi versions --db $(DB) --format csv |
	perl -MText::ParseWords -ne 's/\r?\n$$//; my @f = parse_line(",", 0, $$_);
		if ($$. == 1) { ($$c) = grep { $$f[$$_] eq "name" } 0 .. $$#f; die "kabi versions: no name column\n" unless defined $$c; next }
		print "$$f[$$c]\n" if $$f[$$c] =~ /^v?$(subst .,\.,$(1))(\.[0-9]+)?$$/' |
	sort -V | tail -n1
endef

demo: build
	@repo='$(REPO)'
	if [[ -z $$repo ]]; then
		eval "$$(scripts/prepare-debian-repo.sh '$(CACHE)')"
		repo=$$KABI_DEBIAN_REPO
	fi
	$(BUILD)/kabi harvest "$$repo" --db $(DB)
	old=$$($(call newest_of,6.1))
	new=$$($(call newest_of,6.12))
	if [[ -z $$old || -z $$new ]]; then
		echo "make demo: $$repo has no 6.1 or no 6.12 release to compare; releases in $(DB):" >&2
		$(BUILD)/kabi versions --db $(DB) >&2
		exit 1
	fi
	echo
	echo "== Which system calls changed on x86_64 between $$old and $$new?"
	echo "\$$ kabi diff $$old $$new --abi x86_64 --signatures"
	$(BUILD)/kabi diff "$$old" "$$new" --abi x86_64 --signatures --db $(DB)
	echo
	echo "== Will a program that uses openat2, clone3, cachestat and mseal run on $$old (x86_64)?"
	echo "\$$ kabi check --abi x86_64 --kernel $$old openat2 clone3 cachestat mseal"
	rc=0
	$(BUILD)/kabi check --abi x86_64 --kernel "$$old" openat2 clone3 cachestat mseal --db $(DB) || rc=$$?
	case $$rc in
	0) echo "(exit 0: all of them are available)" ;;
	1) echo "(exit 1: some are missing on $$old)" ;;
	*) echo "make demo: kabi check failed (exit $$rc)" >&2; exit $$rc ;;
	esac
	echo
	echo "The catalog is $(DB): try $(BUILD)/kabi --help, or sqlite3 $(DB)."

test-deps:
	scripts/install-deps.sh --test --downloads '$(CACHE)'

# The test suite runs under AddressSanitizer and UndefinedBehaviorSanitizer.
# Real-data tests find their inputs through these variables (they skip without):
#   KABI_DEBIAN_REPO   git repo of Debian's linux-source-6.1 and -6.12 trees
#   KABI_LINUX_6_1, KABI_LINUX_6_12   the same trees, extracted
#   KABI_CROSS_ROOT    Debian's linux-libc-dev-*-cross headers, unpacked
# (tests/real/test_real_tables.sh builds its repository from ../shared itself.)
test: test-deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DKABI_SANITIZE=ON >/dev/null
	MAKEFLAGS= MAKELEVEL= cmake --build $(ASAN_BUILD) -j$(JOBS)
	eval "$$(KEEP_TREES=1 scripts/prepare-debian-repo.sh '$(CACHE)')"
	eval "$$(scripts/prepare-cross-headers.sh '$(CACHE)')"
	export KABI_DEBIAN_REPO KABI_LINUX_6_1 KABI_LINUX_6_12 KABI_CROSS_ROOT
	rc=0
	(cd $(ASAN_BUILD) && ctest --output-on-failure -j$(JOBS)) || rc=$$?
	scripts/test-summary.sh $(ASAN_BUILD) || { ((rc)) || rc=1; }
	exit $$rc

# tests/reliability/ with more trials than `make test` runs (it runs 10).
KILLS ?= 100
stress: test-deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DKABI_SANITIZE=ON >/dev/null
	MAKEFLAGS= MAKELEVEL= cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && KABI_KILL_TRIALS=$(KILLS) ctest --output-on-failure -R '^reliability/'

# libFuzzer builds (clang) of tests/fuzz/fuzz_*.c, each run for FUZZ_TIME
# seconds from its committed corpus; new inputs go to $(CACHE)/fuzz/NAME, and
# a crash stops the run with the crashing input saved in $(CACHE)/fuzz/ (commit
# it to tests/fuzz/corpus_NAME once fixed: ctest then replays it forever).
FUZZ_BUILD ?= build-fuzz
FUZZ_TIME  ?= 60
fuzz: test-deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug >/dev/null
	MAKEFLAGS= MAKELEVEL= cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzzers kabi
	bash tests/fuzz/make-catalog-corpus.sh $(FUZZ_BUILD)/kabi $(CACHE)/fuzz/catalog
	for f in $(FUZZ_BUILD)/tests/fuzz_*; do
		name=$${f##*/fuzz_}
		mkdir -p $(CACHE)/fuzz/$$name
		echo "== fuzz_$$name for $(FUZZ_TIME) s"
		$$f -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=$(CACHE)/fuzz/ $(CACHE)/fuzz/$$name tests/fuzz/corpus_$$name 2>&1 |
			grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' || true
		test "$${PIPESTATUS[0]}" = 0
	done

bench: build
	MAKEFLAGS= MAKELEVEL= cmake --build $(BUILD) -j$(JOBS) --target kabi-gen kabi-timeit
	bench/run.sh --size '$(SIZE)' --seeds '$(SEEDS)' --build $(BUILD)

# DESTDIR, when set, is put before PREFIX (cmake --install reads it).
install: build
	MAKEFLAGS= MAKELEVEL= cmake --build $(BUILD) -j$(JOBS) --target kabi-man
	cmake --install $(BUILD) --prefix '$(PREFIX)'

# Every file cmake recorded in install_manifest.txt, then the directories
# of kabi's own it made (share/doc/kabi, libexec/kabi; the shared ones,
# bin/ or share/man/, stay).
uninstall:
	@manifest='$(BUILD)/install_manifest.txt'
	if [[ ! -f $$manifest ]]; then
		echo "make uninstall: no $$manifest: nothing was installed from $(BUILD)" >&2
		exit 1
	fi
	# (cmake ends the manifest without a newline)
	while IFS= read -r f || [[ -n $$f ]]; do
		if [[ -n $$f ]]; then rm -fv -- "$$f"; fi
	done <"$$manifest"
	{ grep '/share/doc/kabi/\|/kabi/kabi-helper$$' "$$manifest" || true; } | xargs -r -d '\n' dirname | sort -ru |
		xargs -r -d '\n' rmdir --ignore-fail-on-non-empty --
	rm -f -- "$$manifest"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

distclean: clean
	rm -rf $(CACHE) $(DB)
