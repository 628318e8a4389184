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
# How a tag leads to its commit: lightweight, annotated (a tag object),
# both as loose refs and packed (packed-refs then records the annotated
# ones' peeled ids, as in a clone of linux.git, and the harvest reads no
# object to know a tag is unchanged).  Every way gives git's commit, and
# the annotated tag of a tree (v2.6.11) is skipped in both.
P=$T/packed
git clone -q --bare "$R" "$P"
for t in v4.0 v4.17 v5.10; do
	git -C "$P" -c user.name=kabi-test -c user.email=test@kabi.invalid tag -f -a -m "Linux $t" "$t" "$t^{commit}" >/dev/null
done
L=$T/loose
git clone -q --bare "$P" "$L"
rm -f "$L/packed-refs"
git -C "$P" for-each-ref --format='%(objectname) %(refname)' refs/tags | while read -r id ref; do
	mkdir -p "$(dirname "$L/$ref")"
	echo "$id" >"$L/$ref"
done
git -C "$P" pack-refs --all
ok "packed: packed-refs has peeled lines" grep -q '^\^' "$P/packed-refs"
ok "loose: no packed-refs" test ! -e "$L/packed-refs"
want=$(for t in v4.0-rc1 v4.0 v4.2 v4.17 v5.9 v5.10-rc1 v5.10; do echo "$t $(git -C "$R" rev-parse "$t^{commit}")"; done)
for repo in "$P" "$L"; do
	k=$(basename "$repo")
	"$KABI" harvest "$repo" --db "$T/$k.db" 2>"$T/$k.err"
	eq "$k: harvest exits 0" "$?" 0
	eq "$k: each release has its tag's commit" \
		"$(sqlite3 -separator ' ' "$T/$k.db" "SELECT name, commit_id FROM release ORDER BY ord")" "$want"
	ok "$k: the tag of a tree is skipped" grep -q "skipping 'refs/tags/v2.6.11': it does not lead to a commit" "$T/$k.err"
	ok "$k: again, nothing new" grep -q "is up to date (7 releases)" <("$KABI" harvest "$repo" --db "$T/$k.db" 2>&1)
done
# A packed annotated tag moved to another commit: its release is read again.
git -C "$P" -c user.name=kabi-test -c user.email=test@kabi.invalid tag -f -a -m "Linux 5.9 again" v5.9 "v5.10^{commit}" >/dev/null
git -C "$P" pack-refs --all
"$KABI" harvest "$P" --db "$T/packed.db" 2>"$T/moved.err"
ok "moved: one release read again" grep -q "harvested 1 new release" "$T/moved.err"
eq "moved: its new commit" "$(sqlite3 "$T/packed.db" "SELECT commit_id FROM release WHERE name = 'v5.9'")" \
	"$(git -C "$R" rev-parse "v5.10^{commit}")"
finish
