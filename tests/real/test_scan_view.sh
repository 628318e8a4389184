#!/bin/bash
# The scan view kept in the catalog (scan_view), on Debian's 6.1 and 6.12
# trees: a catalog of 6.1 alone keeps the view of 6.1's tree; adding 6.12
# then scans 6.12 through it (what is the same as in 6.1 and defines no
# syscall is not read), and the catalog is the one a harvest of both from
# scratch writes, view included.  A damaged view changes nothing but the
# time: the scan reads the whole tree.
. "$(dirname "$0")/../lib/testlib.sh"
[ -n "${KABI_DEBIAN_REPO:-}" ] && [ -d "$KABI_DEBIAN_REPO" ] ||
	skip "KABI_DEBIAN_REPO is not set (run scripts/prepare-debian-repo.sh, or 'make test')"
v61=$(git -C "$KABI_DEBIAN_REPO" tag -l 'v6.1.*' | sort -V | tail -n1)
v612=$(git -C "$KABI_DEBIAN_REPO" tag -l 'v6.12.*' | sort -V | tail -n1)
ok "a 6.1 tag ($v61)" test -n "$v61"
ok "a 6.12 tag ($v612)" test -n "$v612"

# A copy of the repository (hard links) without the 6.12 tag.
R=$T/r.git
git clone -q --bare --local "$KABI_DEBIAN_REPO" "$R"
git -C "$R" tag -d "$v612" >/dev/null
"$KABI" harvest "$R" --db "$T/inc.db" --quiet
eq "6.1 alone: harvest exits 0" "$?" 0
eq "the view is 6.1's tree" "$(sqlite3 "$T/inc.db" "SELECT release FROM scan_view")" "$v61"
ok "the view is a view" test "$(sqlite3 "$T/inc.db" "SELECT substr(data, 1, 16) FROM scan_view")" = "kabi-scan-view 1"
cp "$T/inc.db" "$T/damaged.db"
sqlite3 "$T/damaged.db" "UPDATE scan_view SET data = substr(data, 1, length(data) / 2)"

git -C "$R" fetch -q "$KABI_DEBIAN_REPO" "refs/tags/$v612:refs/tags/$v612"
"$KABI" harvest "$R" --db "$T/inc.db" 2>"$T/err"
eq "6.12 added: harvest exits 0" "$?" 0
ok "only 6.12 is read" grep -q "harvested 1 new release" "$T/err"
eq "the view is now 6.12's" "$(sqlite3 "$T/inc.db" "SELECT release FROM scan_view")" "$v612"
"$KABI" harvest "$R" --db "$T/damaged.db" --quiet
eq "from a damaged view: harvest exits 0" "$?" 0
"$KABI" harvest "$R" --db "$T/scratch.db" --quiet
eq "from scratch: harvest exits 0" "$?" 0

dump() { sqlite3 "$1" .dump | grep -v "'harvest_time'"; }
dump "$T/scratch.db" >"$T/scratch.sql"
ok "the catalog has signatures" grep -q "^INSERT INTO signature" "$T/scratch.sql"
dump "$T/inc.db" >"$T/inc.sql"
ok "through the view: the same catalog as from scratch (view included)" cmp -s "$T/inc.sql" "$T/scratch.sql"
dump "$T/damaged.db" >"$T/damaged.sql"
ok "through a damaged view: the same catalog" cmp -s "$T/damaged.sql" "$T/scratch.sql"
finish
