#!/bin/bash
# One release, one version: tags that spell a version that is already
# there another way (v5.01, v5.10.0, v05.10) are not releases of their own.
# Before, each became a release and `--at` answered from whichever it met.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
R=$T/repo
git -C "$R" tag v5.01 v5.10
git -C "$R" tag v5.10.0 v5.10
git -C "$R" tag v05.10 v5.9
git -C "$R" tag v5.10-rc01 v5.10-rc1

"$KABI" harvest "$R" --db "$T/k.db" 2>"$T/err"
eq "harvest exits 0" "$?" 0
eq "the releases are the canonical tags only" \
	"$("$KABI" versions --db "$T/k.db" --format csv | cut -d, -f1 | tr '\n' ' ')" \
	"name v4.0-rc1 v4.0 v4.2 v4.17 v5.9 v5.10-rc1 v5.10 "
for t in v5.01 v5.10.0 v05.10 v5.10-rc01; do
	ok "$t is noted" grep -q "skipping 'refs/tags/$t': not a kernel release tag" "$T/err"
done
ok "the note gives the spelling it would be" grep -q "refs/tags/v5.10.0'.*(v5.10)" "$T/err"

# Refs chosen by pattern: two refs of one version are one release, the
# second named in a note.
git -C "$R" branch topic v5.10
"$KABI" harvest "$R" --db "$T/p.db" --refs 'refs/tags/v5.10' --refs 'refs/tags/v5.10.0' \
	--refs 'refs/heads/topic' 2>"$T/perr"
eq "patterns: harvest exits 0" "$?" 0
eq "patterns: one release for version 5.10" \
	"$("$KABI" versions --db "$T/p.db" --format csv | cut -d, -f2 | grep -c '^5\.10$')" 1
ok "patterns: the duplicate is noted" grep -q "release 5.10 is already given by" "$T/perr"
finish
