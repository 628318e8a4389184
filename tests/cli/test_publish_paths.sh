#!/bin/bash
# publish writes its copy of the catalog beside the target and renames it
# into place: a directory reached through a symbolic link works, publishing
# over the catalog it reads keeps it whole, and running out of space leaves
# the source catalog as it was.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
"$KABI" harvest "$T/repo" --db "$T/k.db" --quiet
# the copy leaves out the harvest's scan view (test_publish.sh checks that)
dump() { sqlite3 "$1" .dump | grep -v '^INSERT INTO scan_view' | md5sum; }
want=$(dump "$T/k.db")

mkdir "$T/real"
ln -s real "$T/link"
"$KABI" publish "$T/link/site" --db "$T/k.db" --quiet 2>"$T/err"
eq "a directory through a symlink: exit 0" "$?" 0
eq "a directory through a symlink: the copy is the catalog" "$(dump "$T/real/site/kabi.db")" "$want"

# The catalog published into the directory that holds it.
mkdir "$T/self"
cp "$T/k.db" "$T/self/kabi.db"
"$KABI" publish "$T/self" --force --db "$T/self/kabi.db" --quiet
eq "over its own catalog: exit 0" "$?" 0
eq "over its own catalog: still the catalog" "$(dump "$T/self/kabi.db")" "$want"

# Out of space while copying: the source catalog stays.
mkdir "$T/full"
cp "$T/k.db" "$T/full/kabi.db"
(trap '' XFSZ; ulimit -f 8; exec "$KABI" publish "$T/full" --force --db "$T/full/kabi.db" --quiet) 2>"$T/err"
ok "out of space: a non-zero exit" test "$?" -ne 0
ok "out of space: says so" test -s "$T/err"
eq "out of space: the source catalog is as it was" "$(dump "$T/full/kabi.db")" "$want"
eq "out of space: no temporary copy left" "$(ls "$T/full" | grep -c 'kabi.db.tmp')" 0
finish
