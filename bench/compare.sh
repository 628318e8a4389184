#!/bin/bash
# bench/compare.sh - do two builds of kabi harvest the same catalogs?
#
#   bench/compare.sh --old KABI --new KABI [--keep DIR] REPO...
#   bench/compare.sh --old-db DB --new KABI REPO        (one repository)
#
# A speed change must not change an answer.  For each repository, each
# kabi harvests it into a new catalog and the two are compared as SQL
# (`sqlite3 .dump`), leaving out what may differ without being an answer:
# the harvest's time (meta 'harvest_time'), the signature scan's cache
# (table scan_view, which older catalogs lack) and where the repository
# was (meta 'repository', the releases' repository column).  --old-db
# takes a catalog harvested earlier instead of running the old build (a
# full-size harvest by an older kabi takes minutes).
#
# Prints "same" or "DIFFER" per repository, with the first lines of the
# difference, and exits 1 when any differ.
set -eu
usage() {
	echo "usage: $0 --old KABI|--old-db DB --new KABI [--keep DIR] REPO..." >&2
	exit 2
}
old= old_db= new= keep=
while [ $# -gt 0 ]; do
	case $1 in
	--old) old=$2; shift 2 ;;
	--old-db) old_db=$2; shift 2 ;;
	--new) new=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] && [ -n "$new" ] || usage
if [ -n "$old" ] && [ -n "$old_db" ]; then usage; fi
if [ -z "$old" ] && [ -z "$old_db" ]; then usage; fi
if [ -n "$old_db" ] && [ $# -ne 1 ]; then usage; fi
command -v sqlite3 >/dev/null || { echo "$0: needs sqlite3" >&2; exit 2; }
for x in $old $new; do
	[ -x "$x" ] || { echo "$0: '$x' is not an executable" >&2; exit 2; }
done
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	work=$(cd "$keep" && pwd)
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/kabi-compare.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi

# dump DB OUT: the catalog as SQL, without what is not an answer
dump() {
	local t=$work/dump.tmp.db
	cp "$1" "$t"
	sqlite3 "$t" "DROP TABLE IF EXISTS scan_view;
		DELETE FROM meta WHERE key IN ('harvest_time', 'repository');
		UPDATE release SET repository = '';"
	sqlite3 "$t" .dump >"$2"
	rm -f "$t"
}

# harvest KABI REPO DB: a new catalog of every release of REPO
harvest() {
	rm -f "$3"
	if ! "$1" harvest "$2" --db "$3" --quiet 2>"$3.err"; then
		echo "$0: $1 harvest $2 failed: $(tail -1 "$3.err")" >&2
		return 1
	fi
}

bad=0 i=0
for repo in "$@"; do
	i=$((i + 1))
	if [ -n "$old_db" ]; then
		cp "$old_db" "$work/$i.old.db"
	else
		harvest "$old" "$repo" "$work/$i.old.db"
	fi
	harvest "$new" "$repo" "$work/$i.new.db"
	dump "$work/$i.old.db" "$work/$i.old.sql"
	dump "$work/$i.new.db" "$work/$i.new.sql"
	if cmp -s "$work/$i.old.sql" "$work/$i.new.sql"; then
		echo "same: $repo ($(grep -c '^INSERT' "$work/$i.new.sql") rows)"
	else
		echo "DIFFER: $repo"
		diff "$work/$i.old.sql" "$work/$i.new.sql" | head -20
		bad=1
	fi
done
exit "$bad"
