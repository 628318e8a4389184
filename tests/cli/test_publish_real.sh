#!/bin/bash
# kabi publish on real catalogs: the 13 releases of ../shared/data/real-tables
# (3.4 to 7.1, 30 ABIs) and, with KABI_DEBIAN_REPO, Debian's 6.1/6.12.  Every
# page is valid HTML, no internal link is dead, every syscall, ABI and
# release has its page and every ABI at the newest release its exports.
# Skips, saying why, when neither is available.
PUBLISH_LIB_ONLY=1 . "$(dirname "$0")/test_publish.sh"
DATA="${KABI_SHARED:-$KABI_SRC/../shared}/data"

# site_checks NAME DB DIR
site_checks() {
	local name=$1 db=$2 dir=$3 abis f
	"$KABI" publish "$dir" --db "$db" --progress=none >"$T/$name.out" 2>"$T/$name.err"
	eq "$name: publish exits 0" "$?" 0
	eq "$name: nothing on stderr" "$(cat "$T/$name.err")" ""
	eq "$name: every page is valid HTML" "$(check_html "$dir")" ""
	eq "$name: no dead internal links" "$(check_links "$dir")" ""
	eq "$name: a page per syscall" "$(ls "$dir/syscall" | wc -l)" \
		"$(sqlite3 "$db" "SELECT count(DISTINCT syscall_id) FROM span")"
	eq "$name: a page per ABI with tables" "$(ls "$dir/abi" | wc -l)" \
		"$(sqlite3 "$db" "SELECT count(DISTINCT abi_id) FROM abi_release")"
	eq "$name: a diff page per release after the first" "$(ls "$dir/diff" | wc -l)" \
		"$(($(sqlite3 "$db" "SELECT count(*) FROM release") - 1))"
	abis=$(sqlite3 "$db" "SELECT count(*) FROM abi_release WHERE ord = (SELECT max(ord) FROM release)")
	for f in json csv c-header gdb-xml; do
		eq "$name: $f for every ABI at the newest release" "$(ls "$dir/export/$f" | wc -l)" "$abis"
	done
	ok "$name: seccomp-csv" test -s "$dir/export/seccomp-csv/syscalls.csv"
	if have node; then
		ok "$name: the JavaScript data parse" bash -c "for f in '$dir'/data/*.js '$dir'/kabi.js; do node --check \"\$f\" || exit 1; done"
	else
		skip_part "no node (Debian: nodejs): $name: the site's JavaScript is not parsed"
	fi
}

ran=0
if [ -d "$DATA/real-tables" ]; then
	bash "$KABI_SRC/scripts/prepare-real-tables-repo.sh" "$DATA" "$T/repo" >/dev/null 2>&1 ||
		{ echo "FAIL: cannot assemble the repository"; exit 1; }
	"$KABI" harvest "$T/repo" --db "$T/rt.db" 2>/dev/null
	site_checks real-tables "$T/rt.db" "$T/rt"
	ok "real-tables: the io_uring pages" test -s "$T/rt/syscall/io_uring_setup.html"
	ok "real-tables: ia64 ends in the catalog" grep -q 'The ia64 table is gone from this release' "$T/rt/diff/v6.12.117.html"
	ran=1
else
	skip_part "no $DATA/real-tables (../shared is not beside the project)"
fi
if [ -n "${KABI_DEBIAN_REPO:-}" ] && [ -d "$KABI_DEBIAN_REPO" ]; then
	debian_db "$T/deb.db"
	site_checks debian "$T/deb.db" "$T/deb"
	ran=1
else
	skip_part "KABI_DEBIAN_REPO is not set: no Debian site"
fi
[ "$ran" = 1 ] || skip "neither ../shared/data/real-tables nor KABI_DEBIAN_REPO is available"
finish
