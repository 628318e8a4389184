#!/bin/bash
# make-catalog-corpus.sh KABI OUT: small catalogs for fuzz_catalog, made by
# the kabi binary KABI (so they always have the schema this build reads):
# the .tbl fixture repository harvested, rewritten with 512-byte
# pages (fewer bytes for the fuzzer to mutate), and damaged copies of the
# kinds tests/unit/test_read.c names (a span before the first release, one
# past the last, an unknown event kind, a version that is no version).
#
# make-catalog-corpus.sh --replay REPLAY KABI DIR: makes the corpus in a
# temporary directory and runs the replay binary on it and on DIR (the
# committed regression inputs): what ctest's fuzz/replay_catalog runs.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
replay=
if [ "${1:-}" = --replay ]; then
	replay=$2
	shift 2
fi
kabi=$1
dir=$2
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
out=$dir
[ -n "$replay" ] && out=$w/corpus
mkdir -p "$out"
for fx in tbl; do
	bash "$src/fixtures/make-$fx-repo.sh" "$w/$fx" >/dev/null
	"$kabi" harvest "$w/$fx" --db "$w/$fx.db" --quiet 2>/dev/null
	sqlite3 "$w/$fx.db" "PRAGMA page_size = 512; VACUUM"
	cp "$w/$fx.db" "$out/$fx.db"
done
damage() { # damage NAME SQL: a copy of the tbl catalog with SQL applied
	cp "$w/tbl.db" "$out/$1.db"
	sqlite3 "$out/$1.db" "$2"
}
damage span-before "UPDATE span SET first_ord = -100 WHERE rowid = 1"
damage span-after "UPDATE span SET last_ord = 2000000000 WHERE rowid = 1"
damage event-kind "PRAGMA ignore_check_constraints = ON; UPDATE event SET kind = 'exploded' WHERE rowid = 1"
damage version "UPDATE release SET version = 'not.a.version' WHERE ord = 0"
damage no-abi "DELETE FROM abi WHERE rowid = 1"
if [ -n "$replay" ]; then
	"$replay" "$out" "$dir"
fi
