#!/bin/bash
# kabi's linux-scale benchmark (see bench/README.md).
#
#   bench/run.sh [--size small|medium|full] [--seed N | --seeds "N M ..."] [--repeat N] [--keep DIR] [--build DIR]
#   bench/run.sh --generate-only [--size ...] [--seed N] [--build DIR]
#
# Each seed is a different history shape (kabi-gen: topic-branch length,
# merge density, files per commit, tree size, how many ranges hold table
# changes); --seeds runs this script once per seed and prints, worst first,
# each shape's ratio of the full harvest's CPU time (user + system) and wall
# time to git log's, the worst being the headline.
#
# Builds (or reuses) a generated linux-shaped repository for (size, seed),
# then times, on that repository in this run:
#   - the references: git rev-list --count --all, and
#     git log --format=%H -- <every table path> without a commit-graph;
#   - a full harvest into a new catalog (with attribution when kabi has it);
#   - a re-harvest with nothing new;
#   - a harvest after one new release (a commit with a new syscall, a
#     "Linux 7.0-rc1" commit and its tag) is added on top;
# and prints each figure, the ratios, peak memory and the catalog's size
# against the targets of issue 3.  Each is the fastest of --repeat runs
# (default 3; the full-size full harvest runs once unless --repeat is given).
#
# git log and the full harvest run interleaved (git, kabi, git, kabi ...), so
# both meet the same load; ratios are of the fastest run of each.
#
# Needs: a build with kabi, bench/kabi-gen and bench/kabi-timeit (make bench
# does it), git, sqlite3.  KABI_COMMIT names the kabi being measured when the
# build is not of this checkout.  Repositories are cached in $KABI_BENCH_CACHE
# (default: cache/bench in the source tree), one per size, seed and
# generator version.  The working files (catalogs, logs) go to a temporary
# directory, removed at the end unless --keep DIR names one to keep.
# --generate-only builds (or goes on building) the repository and stops; an
# import checkpoints every $KABI_BENCH_CHECKPOINT commits (default: 50,000
# at full size, never otherwise) and goes on from the last checkpoint when
# it was stopped.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZE=small
SEED=1
SEEDS=
REPEAT=3
REPEAT_FULL=
KEEP=
GENERATE_ONLY=
BUILD=${KABI_BUILD:-$ROOT/build}
CACHE=${KABI_BENCH_CACHE:-$ROOT/cache/bench}

log() { printf '%s\n' "$*" >&2; }
usage() {
	echo "usage: bench/run.sh [--size small|medium|full] [--seed N | --seeds \"N M ...\"] [--repeat N] [--keep DIR] [--build DIR]" >&2
	echo "       bench/run.sh --generate-only [--size small|medium|full] [--seed N] [--build DIR]" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--size) SIZE=${2:?}; shift 2 ;;
	--seed) SEED=${2:?}; shift 2 ;;
	--seeds) SEEDS=${2:?}; shift 2 ;;
	--keep) KEEP=${2:?}; shift 2 ;;
	--repeat) REPEAT=${2:?}; shift 2 ;;
	--build) BUILD=${2:?}; shift 2 ;;
	--generate-only) GENERATE_ONLY=1; shift ;;
	-h|--help) usage ;;
	*) echo "bench/run.sh: unknown argument '$1'" >&2; usage ;;
	esac
done
case $SIZE in small|medium|full) ;; *) echo "bench/run.sh: unknown size '$SIZE'" >&2; usage ;; esac
case $SEED in ''|*[!0-9]*) echo "bench/run.sh: --seed takes a number, not '$SEED'" >&2; usage ;; esac
case $REPEAT in ''|0|*[!0-9]*) echo "bench/run.sh: --repeat takes a positive number, not '$REPEAT'" >&2; usage ;; esac
for s in $SEEDS; do
	case $s in *[!0-9]*) echo "bench/run.sh: --seeds takes numbers, not '$s'" >&2; usage ;; esac
done

# --- several shapes: this script once per seed, then the summary ---------
if [ -n "$SEEDS" ] && [ -n "$GENERATE_ONLY" ]; then
	for s in $SEEDS; do "$0" --generate-only --size "$SIZE" --build "$BUILD" --seed "$s"; done
	exit 0
fi
if [ -n "$SEEDS" ]; then
	if [ -n "$KEEP" ]; then
		mkdir -p "$KEEP"
		ALL=$(cd "$KEEP" && pwd)
	else
		ALL=$(mktemp -d "${TMPDIR:-/tmp}/kabi-bench.XXXXXX")
		trap 'rm -rf "$ALL"' EXIT
	fi
	args=(--size "$SIZE" --build "$BUILD")
	[ "$REPEAT" = 3 ] || args+=(--repeat "$REPEAT")
	for s in $SEEDS; do
		"$0" "${args[@]}" --seed "$s" --keep "$ALL/seed-$s"
		echo
	done
	{
		echo "== $SIZE, seeds $SEEDS: full harvest against git log --format=%H -- <table paths>, worst first"
		printf '%-5s %9s %9s %9s %9s %8s %8s  %s\n' seed "git CPU" "kabi CPU" "git wall" "kabi wall" "CPU x" "wall x" shape
		for s in $SEEDS; do grep '^summary' "$ALL/seed-$s/results.txt"; done |
			sort -k7,7 -g -r |
			awk '{ printf "%-5s %9.3f %9.3f %9.3f %9.3f %8.2f %8.2f ", $2, $3, $4, $5, $6, $7, $8
			       for (i = 9; i <= NF; i++) printf " %s", $i; printf "\n" }'
		worst=$(for s in $SEEDS; do grep '^summary' "$ALL/seed-$s/results.txt"; done | sort -k7,7 -g -r | head -1)
		wwall=$(for s in $SEEDS; do grep '^summary' "$ALL/seed-$s/results.txt"; done | sort -k8,8 -g -r | head -1)
		echo "headline: worst CPU-time ratio $(echo "$worst" | awk '{ print $7 }')x (seed $(echo "$worst" | awk '{ print $2 }')), worst wall ratio $(echo "$wwall" | awk '{ print $8 }')x (seed $(echo "$wwall" | awk '{ print $2 }'))"
	} | tee "$ALL/summary.txt"
	[ -z "$KEEP" ] || log "bench: per-seed results and summary.txt are in $ALL"
	exit 0
fi

# A full-size harvest from scratch takes minutes: once, unless asked.
if [ "$SIZE" = full ] && [ "$REPEAT" = 3 ]; then REPEAT_FULL=1; else REPEAT_FULL=$REPEAT; fi

KABI=$BUILD/kabi
GEN=$BUILD/bench/kabi-gen
TIMEIT=$BUILD/bench/kabi-timeit
for f in "$KABI" "$GEN" "$TIMEIT"; do
	[ -x "$f" ] || { echo "bench/run.sh: '$f' is not built (run: make bench)" >&2; exit 2; }
done
command -v sqlite3 >/dev/null || { echo "bench/run.sh: sqlite3 is needed (scripts/install-deps.sh)" >&2; exit 2; }

if [ -n "$KEEP" ]; then
	mkdir -p "$KEEP"
	WORK=$(cd "$KEEP" && pwd)
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/kabi-bench.XXXXXX")
fi
NEXT_TAG=v7.0-rc1
NEXT_REF=refs/heads/kabi-bench-next
REPO=
cleanup() {
	# The new release is added to the cached repository for the last step
	# only; take it away again so the cache stays as generated.
	if [ -n "$REPO" ] && [ -d "$REPO" ]; then
		git -C "$REPO" tag -d "$NEXT_TAG" >/dev/null 2>&1 || true
		git -C "$REPO" update-ref -d "$NEXT_REF" >/dev/null 2>&1 || true
	fi
	[ -n "$KEEP" ] || rm -rf "$WORK"
}
trap cleanup EXIT

# --- the repository, cached by size, seed and generator version ---------
GENVER=$("$GEN" --version)
DIR=$CACHE/$SIZE-$SEED
REPO=$DIR/repo.git
PLAN=$DIR/plan.tsv
GEN_SECS=
# A full-size import takes hours (bench/README.md): it checkpoints every
# 50,000 commits, and a run that finds the checkpoint of an import that did
# not finish goes on from there.  Packs written after the last checkpoint
# are fast-import's temporary files; the new process starts a pack of its
# own, and a repack at the end leaves one pack, as a single import would
# (written in git's order, not fast-import's: as in a clone).
generate() {
	local resume=0 ckpt='' n
	if [ -f "$DIR.tmp/resume" ] && [ "$(sed -n 1p "$DIR.tmp/resume")" = "$GENVER" ]; then
		resume=$(sed -n 2p "$DIR.tmp/resume")
		log "bench: resuming the import of the $SIZE repository (seed $SEED) after commit $resume ..."
		# what the stopped fast-import left: its unfinished pack, the .keep
		# files that would keep its checkpoints' packs out of a repack, and
		# the locks of refs it was writing (kabi-gen starts each branch from
		# a mark, not from a ref that may be past the checkpoint)
		# (and what a stopped repack left: .tmp-*)
		rm -f "$DIR.tmp"/repo.git/objects/pack/tmp_* "$DIR.tmp"/repo.git/objects/pack/*.keep \
			"$DIR.tmp"/repo.git/objects/pack/.tmp-*
		find "$DIR.tmp/repo.git" -name '*.lock' -delete
	else
		log "bench: generating the $SIZE repository (seed $SEED) into $DIR ..."
		rm -rf "$DIR" "$DIR.tmp"
		mkdir -p "$DIR.tmp"
		git init -q --bare "$DIR.tmp/repo.git"
		git -C "$DIR.tmp/repo.git" config gc.auto 0
	fi
	n=${KABI_BENCH_CHECKPOINT:-}
	[ -z "$n" ] && [ "$SIZE" = full ] && n=50000
	[ -n "$n" ] && ckpt="--checkpoint $n"
	[ "$resume" -gt 0 ] && ckpt="$ckpt --resume $resume"
	if [ ! -f "$DIR.tmp/imported" ]; then
		# fast-import does the heavy lifting; both run at low priority.  It
		# allocates and frees zlib's buffers for every object: keeping freed
		# memory in the heap instead of returning it removes most of its
		# system time.
		# shellcheck disable=SC2086
		nice "$GEN" --seed "$SEED" --size "$SIZE" --plan "$DIR.tmp/plan.tsv" $ckpt |
			GLIBC_TUNABLES=glibc.malloc.trim_threshold=4000000000:glibc.malloc.mmap_threshold=33554432:glibc.malloc.top_pad=67108864 \
			nice git -C "$DIR.tmp/repo.git" fast-import --quiet --active-branches=16 \
			--import-marks-if-exists="$DIR.tmp/marks" --export-marks="$DIR.tmp/marks" |
			while read -r _ _ _ n; do
				printf '%s\n%s\n' "$GENVER" "$n" >"$DIR.tmp/resume.new"
				mv "$DIR.tmp/resume.new" "$DIR.tmp/resume"
			done
		touch "$DIR.tmp/imported"
	fi
	if [ "$(find "$DIR.tmp/repo.git/objects/pack" -name '*.pack' | wc -l)" -gt 1 ]; then
		log "bench: repacking into one pack ..."
		nice git -C "$DIR.tmp/repo.git" -c repack.writeBitmaps=false repack -a -d -q
	fi
	rm -f "$DIR.tmp/marks" "$DIR.tmp/resume" "$DIR.tmp/imported"
	echo "$GENVER" >"$DIR.tmp/stamp"
	mv "$DIR.tmp" "$DIR"
}
if [ ! -f "$DIR/stamp" ] || [ "$(cat "$DIR/stamp")" != "$GENVER" ]; then
	t0=$(date +%s.%N)
	generate
	t1=$(date +%s.%N)
	GEN_SECS=$(awk "BEGIN { print $t1 - $t0 }")
fi
if [ -n "$GENERATE_ONLY" ]; then
	log "bench: $REPO is ready"
	exit 0
fi
cleanup_leftovers() {
	git -C "$REPO" tag -d "$NEXT_TAG" >/dev/null 2>&1 || true
	git -C "$REPO" update-ref -d "$NEXT_REF" >/dev/null 2>&1 || true
}
cleanup_leftovers
# The references run without a commit-graph; fast-import writes none, and
# none may have been written since.
rm -f "$REPO/objects/info/commit-graph"
rm -rf "$REPO/objects/info/commit-graphs"

mapfile -t PATHS < <(awk -F'\t' '$1 == "path" { print $2 }' "$PLAN")
NTAGS=$(awk -F'\t' '$1 == "tag"' "$PLAN" | wc -l)
SHAPE=$(awk -F'\t' '$1 == "shape" { print $2 }' "$PLAN")

# once NAME CMD...: runs CMD once, stdout to $WORK/NAME.out, stderr to
# $WORK/NAME.err, calling $PREP (a function, if set) first; keeps in
# BEST_<NAME>_{S,CPU,KB} the fastest wall time, the least CPU time and the
# largest peak RSS so far.  The fastest of a few runs is the figure least
# disturbed by other work on a shared machine.
PREP=
once() {
	local name=$1 s kb cpu v
	shift
	[ -z "$PREP" ] || "$PREP"
	"$TIMEIT" "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
		log "bench: '$*' failed; see $WORK/$name.err"
		tail -5 "$WORK/$name.err" >&2
		KEEP=$WORK
		exit 1
	}
	read -r s kb _ cpu <"$WORK/$name.time"
	v=BEST_${name}_S
	if [ -z "${!v:-}" ] || awk "BEGIN { exit !($s < ${!v}) }"; then printf -v "$v" %s "$s"; fi
	v=BEST_${name}_CPU
	if [ -z "${!v:-}" ] || awk "BEGIN { exit !($cpu < ${!v}) }"; then printf -v "$v" %s "$cpu"; fi
	v=BEST_${name}_KB
	if [ -z "${!v:-}" ] || [ "$kb" -gt "${!v}" ]; then printf -v "$v" %s "$kb"; fi
}
# timed NAME CMD...: once, $REPEAT times; SECS, CPU and RSS_KB the figures.
timed() {
	local name=$1 i v
	for ((i = 0; i < REPEAT; i++)); do once "$@"; done
	v=BEST_${name}_S; SECS=${!v}
	v=BEST_${name}_CPU; CPU=${!v}
	v=BEST_${name}_KB; RSS_KB=${!v}
}

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
log "bench: references (git without a commit-graph) ..."
git -C "$REPO" -c core.commitGraph=false rev-list --count --all >/dev/null   # warm the page cache
timed revlist git -C "$REPO" -c core.commitGraph=false rev-list --count --all
REVLIST_S=$SECS REVLIST_KB=$RSS_KB
NCOMMITS=$(cat "$WORK/revlist.out")
REVLIST_CPU=$CPU
NMERGES=$(git -C "$REPO" -c core.commitGraph=false rev-list --merges --count --all)

# git log and the full harvest, interleaved.
DB=$WORK/kabi.db
fresh_db() { rm -f "$DB"; }
log "bench: git log -- <table paths> and the full harvest, interleaved ($REPEAT_FULL run(s) each) ..."
for ((run = 0; run < REPEAT_FULL; run++)); do
	once gitlog git -C "$REPO" -c core.commitGraph=false log --format=%H -- "${PATHS[@]}"
	PREP=fresh_db once harvest_full env KABI_TRACE_PHASES=1 "$KABI" harvest "$REPO" --db "$DB"
	sig=$(awk '$2 == "signatures" { print $6 }' "$WORK/harvest_full.err")
	if [ -z "${SIG_CPU:-}" ] || awk "BEGIN { exit !($sig < $SIG_CPU) }"; then SIG_CPU=$sig; fi
done
GITLOG_S=$BEST_gitlog_S GITLOG_CPU=$BEST_gitlog_CPU GITLOG_KB=$BEST_gitlog_KB
FULL_S=$BEST_harvest_full_S FULL_CPU=$BEST_harvest_full_CPU FULL_KB=$BEST_harvest_full_KB
# The signature phase's reference: git reading the same objects (the first
# release's .c blobs, then those changed between consecutive releases).
log "bench: git ls-tree, diff-tree and cat-file of the .c blobs the signature phase reads ..."
timed sigref "$ROOT/bench/sigref.sh" "$REPO" "$DB"
SIGREF_S=$SECS SIGREF_CPU=$CPU
NLOG=$(wc -l <"$WORK/gitlog.out")
NREL=$(sqlite3 "$DB" "SELECT count(*) FROM release")
log "bench: re-harvest, nothing new ..."
timed harvest_again "$KABI" harvest "$REPO" --db "$DB"
AGAIN_S=$SECS AGAIN_CPU=$CPU AGAIN_KB=$RSS_KB
# fast-import leaves the tags as loose refs; a clone of linux.git has them in
# packed-refs with their commits' ids beside (peeled), which kabi reads
# without opening a tag object.  A shared clone of the repository has that
# layout; the catalog is a copy, so the runs that follow see the same state.
log "bench: re-harvest, nothing new, tags in packed-refs ..."
rm -rf "$WORK/packed.git"
git clone -q --bare --shared "$REPO" "$WORK/packed.git"
cp "$DB" "$WORK/packed.db"
timed harvest_packed "$KABI" harvest "$WORK/packed.git" --db "$WORK/packed.db"
PACKED_S=$SECS PACKED_CPU=$CPU PACKED_KB=$RSS_KB
rm -rf "$WORK/packed.git" "$WORK/packed.db"

# One new release on top of mainline: a commit that wires up a syscall in
# the x86 tables (and the generic one), then "Linux 7.0-rc1", tagged.
log "bench: one new release ..."
MASTER=$(git -C "$REPO" rev-parse refs/heads/master)
newtbl() {   # newtbl PATH ROW: the file at master with ROW appended, as fast-import data
	local body
	body=$(git -C "$REPO" show "$MASTER:$1"; printf '%s\n' "$2")
	printf 'M 100644 inline %s\ndata %d\n%s\n' "$1" "$(($(printf '%s\n' "$body" | wc -c)))" "$body"
}
last_nr() { git -C "$REPO" show "$MASTER:$1" | awk '$1 ~ /^[0-9]+$/ && $1 < 512 { n = $1 } END { print n + 1 }'; }
N64=$(last_nr arch/x86/entry/syscalls/syscall_64.tbl)
N32=$(last_nr arch/x86/entry/syscalls/syscall_32.tbl)
NGEN=$(last_nr scripts/syscall.tbl)
T=$(git -C "$REPO" log -1 --format=%ct "$MASTER")
{
	printf 'commit %s\nmark :1\nauthor Bench <bench@kabi.example.org> %d +0000\ncommitter Bench <bench@kabi.example.org> %d +0000\n' \
		"$NEXT_REF" $((T + 3600)) $((T + 3600))
	printf 'data 41\nsyscalls: wire up the kabi_bench syscall\n\nfrom %s\n' "$MASTER"
	newtbl arch/x86/entry/syscalls/syscall_64.tbl "$N64	common	kabi_bench		sys_kabi_bench"
	newtbl arch/x86/entry/syscalls/syscall_32.tbl "$N32	i386	kabi_bench		sys_kabi_bench"
	newtbl scripts/syscall.tbl "$NGEN	common	kabi_bench		sys_kabi_bench"
	printf 'commit %s\nmark :2\nauthor Linus Torvalds <torvalds@kernel.example.org> %d -0700\ncommitter Linus Torvalds <torvalds@kernel.example.org> %d -0700\n' \
		"$NEXT_REF" $((T + 7200)) $((T + 7200))
	printf 'data 13\nLinux 7.0-rc1\n'
	mk=$(printf '# SPDX-License-Identifier: GPL-2.0\nVERSION = 7\nPATCHLEVEL = 0\nSUBLEVEL = 0\nEXTRAVERSION = -rc1\nNAME = Baby Opossum Posse\n')
	printf 'M 100644 inline Makefile\ndata %d\n%s\n' "$(($(printf '%s\n' "$mk" | wc -c)))" "$mk"
	printf 'tag %s\nfrom :2\ntagger Linus Torvalds <torvalds@kernel.example.org> %d -0700\ndata 14\nLinux 7.0-rc1\n\n' \
		"$NEXT_TAG" $((T + 7200))
	printf 'done\n'
} | git -C "$REPO" fast-import --quiet --done
cp "$DB" "$WORK/before-new.db"
old_db() { cp "$WORK/before-new.db" "$DB"; }
PREP=old_db timed harvest_new "$KABI" harvest "$REPO" --db "$DB"
rm -f "$WORK/before-new.db"
NEW_S=$SECS NEW_CPU=$CPU NEW_KB=$RSS_KB
cleanup_leftovers

# --- the figures ----------------------------------------------------------
DB_BYTES=$(stat -c %s "$DB")
NEV=$(sqlite3 "$DB" "SELECT count(*) FROM event")
NATTR=$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE commit_id IS NOT NULL")
NEWOK=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE release = '$NEXT_TAG' AND syscall = 'kabi_bench' AND kind = 'added'")
PEAK_KB=$(printf '%s\n' "$FULL_KB" "$AGAIN_KB" "$PACKED_KB" "$NEW_KB" | sort -n | tail -1)
# Which kabi: $KABI_COMMIT when the build is not of this checkout (e.g. of a
# `git archive` of a commit); else this checkout's HEAD, "+changes" when its
# harvest/, db/ or query/ differ from it.
if [ -z "${KABI_COMMIT:-}" ]; then
	KABI_COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
	git -C "$ROOT" diff --quiet HEAD -- harvest db query 2>/dev/null || KABI_COMMIT="$KABI_COMMIT+changes"
fi
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
MEM=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
PACK=$(du -sh "$REPO" | cut -f1)

ratio() { awk "BEGIN { printf \"%.2f\", $1 / ($2 > 0 ? $2 : 0.001) }"; }
NOSIG_CPU=$(awk "BEGIN { print $FULL_CPU - $SIG_CPU }")
verdict() {   # verdict VALUE LIMIT UNIT [le|lt]: met/missed, and by how much
	awk -v v="$1" -v l="$2" -v u="$3" -v op="${4:-le}" 'BEGIN {
		ok = (op == "lt") ? (v < l) : (v <= l)
		if (ok) printf "met (%.0f%% of the limit)", 100 * v / l
		else printf "MISSED by %.3g %s (%.2fx the limit)", v - l, u, v / l }'
}

{
	echo "kabi benchmark: size $SIZE, seed $SEED ($GENVER), kabi $KABI_COMMIT"
	echo "machine: $(nproc) cores, $CPU, $MEM; $(uname -sr); load average $LOAD0 before, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) after"
	echo "repository: $REPO ($PACK)"
	echo "  shape: ${SHAPE:-classic}"
	echo "  $NCOMMITS commits, $NMERGES merges (1 in $(ratio "$NCOMMITS" "$NMERGES")), $NTAGS tags, ${#PATHS[@]} table paths, $NLOG commits touch them"
	[ -n "$GEN_SECS" ] && printf '  generated in %.1f s (kabi-gen | git fast-import)\n' "$GEN_SECS"
	echo
	printf '%-48s %9s %9s %10s\n' "(fastest of $REPEAT runs; git log, full harvest: $REPEAT_FULL)" "wall s" "CPU s" "max RSS"
	printf '%-48s %9.3f %9.3f %7d MiB\n' "git rev-list --count --all" "$REVLIST_S" "$REVLIST_CPU" $((REVLIST_KB / 1024))
	printf '%-48s %9.3f %9.3f %7d MiB\n' "git log --format=%H -- <${#PATHS[@]} table paths>" "$GITLOG_S" "$GITLOG_CPU" $((GITLOG_KB / 1024))
	printf '%-48s %9.3f %9.3f %7d MiB\n' "kabi harvest (full, $NREL releases)" "$FULL_S" "$FULL_CPU" $((FULL_KB / 1024))
	printf '%-48s %9s %9.3f\n' "  of which the signature phase" "" "$SIG_CPU"
	printf '%-48s %9.3f %9.3f\n' "git diff-tree + cat-file of the changed .c blobs" "$SIGREF_S" "$SIGREF_CPU"
	printf '%-48s %9.3f %9.3f %7d MiB\n' "kabi harvest (nothing new)" "$AGAIN_S" "$AGAIN_CPU" $((AGAIN_KB / 1024))
	printf '%-48s %9.3f %9.3f %7d MiB\n' "  the same, tags in packed-refs (a clone)" "$PACKED_S" "$PACKED_CPU" $((PACKED_KB / 1024))
	printf '%-48s %9.3f %9.3f %7d MiB\n' "kabi harvest (one new release)" "$NEW_S" "$NEW_CPU" $((NEW_KB / 1024))
	echo
	echo "full harvest / git log -- paths:   CPU $(ratio "$FULL_CPU" "$GITLOG_CPU")x, wall $(ratio "$FULL_S" "$GITLOG_S")x"
	echo "full harvest / git rev-list --all: CPU $(ratio "$FULL_CPU" "$REVLIST_CPU")x, wall $(ratio "$FULL_S" "$REVLIST_S")x"
	echo "signature phase / git reading its objects: CPU $(ratio "$SIG_CPU" "$SIGREF_CPU")x"
	# git log reads no blob: set against it, the harvest less the signature
	# phase; the whole harvest against git doing both jobs
	echo "full harvest less the signature phase / git log: CPU $(ratio "$NOSIG_CPU" "$GITLOG_CPU")x"
	echo "full harvest / (git log + git reading the signature phase's objects): CPU $(ratio "$FULL_CPU" "$(awk "BEGIN { print $GITLOG_CPU + $SIGREF_CPU }")")x"
	echo "catalog: $DB_BYTES bytes, $NEV events, $NATTR with a commit (attribution)"
	[ "$NEWOK" -gt 0 ] || echo "warning: the new release's syscall was not seen as added at $NEXT_TAG"
	echo
	echo "targets (issues 3 and 15; they apply at full size):"
	echo "  full harvest <= 2x git log:  CPU $(verdict "$(ratio "$FULL_CPU" "$GITLOG_CPU")" 2 x); wall $(verdict "$(ratio "$FULL_S" "$GITLOG_S")" 2 x)"
	echo "    (less the signature phase): CPU $(verdict "$(ratio "$NOSIG_CPU" "$GITLOG_CPU")" 2 x)"
	echo "  signature phase <= 2x git:   CPU $(verdict "$(ratio "$SIG_CPU" "$SIGREF_CPU")" 2 x)"
	echo "  re-harvest <= 0.2 s:         CPU $(verdict "$AGAIN_CPU" 0.2 s); wall $(verdict "$AGAIN_S" 0.2 s)"
	echo "    (tags in packed-refs):     CPU $(verdict "$PACKED_CPU" 0.2 s); wall $(verdict "$PACKED_S" 0.2 s)"
	echo "  one new release <= 2 s:      wall $(verdict "$NEW_S" 2 s); CPU $(verdict "$NEW_CPU" 2 s)"
	echo "  peak RSS < 1 GiB:            $(verdict "$PEAK_KB" 1048576 KiB lt)"
	echo "  catalog < 16 MB (10^6 B):    $(verdict "$DB_BYTES" 16000000 bytes lt)"
	[ "$NATTR" -gt 0 ] || echo "  (this kabi records no commit attribution yet: the full harvest is tags only)"
	# one line for --seeds: seed, git CPU, kabi CPU, git wall, kabi wall, CPU ratio, wall ratio, shape
	echo "summary $SEED $GITLOG_CPU $FULL_CPU $GITLOG_S $FULL_S $(ratio "$FULL_CPU" "$GITLOG_CPU") $(ratio "$FULL_S" "$GITLOG_S") $NCOMMITS commits, $NMERGES merges, ${SHAPE:-classic}"
} | tee "$WORK/results.txt"
[ -z "$KEEP" ] || log "bench: catalogs, logs and results.txt are in $WORK"
