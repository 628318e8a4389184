#!/bin/bash
# The benchmark's small generated repository (bench/kabi-gen --size small):
# the generator is deterministic, and a harvest finds exactly what the
# generator's plan says it planted on the x86 ABIs (adds on topic branches,
# removals, slots made unimplemented, the x32 renumbering of 3.15, the
# stub_* entries of 4.4) and nothing for the table moves (3.3 -> 4.2) and
# entry-prefix changes (4.17, 5.7).  Expected values come from --plan, never
# from kabi.  When the catalog has commit attribution, each planted event
# must name a commit with the planted change's subject.
. "$(dirname "$0")/../lib/testlib.sh"
GEN=${KABI_BUILD:?}/bench/kabi-gen
[ -x "$GEN" ] || skip "no $GEN (built by bench/CMakeLists.txt)"
command -v sqlite3 >/dev/null || skip "no sqlite3"
set -o pipefail

git init -q --bare "$T/repo"
"$GEN" --seed 7 --size small --plan "$T/plan" >"$T/stream"
eq "kabi-gen exits 0" "$?" 0
git -C "$T/repo" fast-import --quiet --active-branches=16 <"$T/stream"
eq "fast-import takes the stream" "$?" 0
ok "same seed, same stream" cmp -s "$T/stream" <("$GEN" --seed 7 --size small --plan "$T/plan2")
ok "same seed, same plan" cmp -s "$T/plan" "$T/plan2"
rm -f "$T/stream"

plan() { awk -F'\t' "$1" "$T/plan"; }
eq "tags in the repository are the plan's" \
	"$(git -C "$T/repo" tag | sort)" "$(plan '$1 == "tag" { print $2 }' | sort)"
eq "tags point at their 'Linux' commits" \
	"$(git -C "$T/repo" log -1 --format=%s v4.2-rc1) $(git -C "$T/repo" log -1 --format=%s v2.6.12-rc2)" \
	"Linux 4.2-rc1 Linux-2.6.12-rc2"
merges=$(git -C "$T/repo" rev-list --merges --count --all)
commits=$(git -C "$T/repo" rev-list --count --all)
ok "merges with two parents, about one in ten or fewer ($merges of $commits)" \
	test "$merges" -gt $((commits / 20)) -a "$merges" -lt $((commits / 5))
ok "no octopus merges" test -z "$(git -C "$T/repo" rev-list --min-parents=3 --all)"
ok "every table path of the plan is in the history" \
	test "$(plan '$1 == "path"' | wc -l)" -eq "$(git -C "$T/repo" log --format= --name-only --all -- \
		$(plan '$1 == "path" { print $2 }') | sort -u | wc -l)"
# Table changes land inside the ranges, never on the tagged commits.
eq "tagged commits change only the Makefile" \
	"$(git -C "$T/repo" log --no-walk=unsorted --format= --name-only \
		$(plan '$1 == "tag" && $2 != "v2.6.12-rc2" { print $2 "^{commit}" }') | grep -v '^$' | sort -u)" "Makefile"

export KABI_DB="$T/k.db"
"$KABI" harvest "$T/repo" >"$T/out" 2>"$T/err"
eq "harvest exits 0" "$?" 0
eq "every tag is a release, in order" \
	"$(sqlite3 "$KABI_DB" "SELECT name FROM release ORDER BY ord")" "$(plan '$1 == "tag" { print $2 }')"

# The x86 events after each ABI's first .tbl release (v3.3-rc1; x32: v3.4-rc1),
# which spans the 4.2 move and the 4.17 and 5.7 prefix changes.
q="SELECT release, abi, syscall, kind, coalesce(old_nr, '-'), coalesce(new_nr, '-') FROM events
   WHERE abi IN ('x86_64', 'i386', 'x32')
     AND ord > (SELECT ord FROM release WHERE name = CASE abi WHEN 'x32' THEN 'v3.4-rc1' ELSE 'v3.3-rc1' END)"
got=$(sqlite3 -separator ' ' "$KABI_DB" "$q" | sort)
declare -A ORD
i=0
for tag in $(plan '$1 == "tag" { print $2 }'); do ORD[$tag]=$((i += 1)); done
want=$(plan '$1 == "event" && $8 == "tbl" { print $2, $3, $4, $5, $6, $7 }' |
	while read -r tag abi rest; do
		first=v3.3-rc1
		[ "$abi" != x32 ] || first=v3.4-rc1
		[ "${ORD[$tag]}" -le "${ORD[$first]}" ] || echo "$tag $abi $rest"
	done | sort)
eq "x86 events are exactly the planted ones" "$got" "$want"
ok "the plan has adds, a removal, unimplemented slots, entry changes and a renumbering" \
	test "$(printf '%s\n' "$want" | awk '{ print $4 }' | sort -u | tr '\n' ' ')" = \
	"added entry_changed removed renumbered unimplemented "
eq "x32 io_setup renumbered at 3.15 (planted)" \
	"$(printf '%s\n' "$got" | grep ' x32 io_setup renumbered ')" \
	"$(printf '%s\n' "$want" | grep ' x32 io_setup renumbered ')"
eq "no x86 events at the 4.2 move or the prefix changes of 4.17 and 5.7" \
	"$(printf '%s\n' "$got" | grep -E '^v(4\.2|4\.17|5\.7)-rc1 ' | grep -v ' added ' || true)" ""

# Attribution, once kabi records it: the planted subject, on a commit that
# is inside the release's range and is not the tagged commit.
nattr=$(sqlite3 "$KABI_DB" "SELECT count(*) FROM event WHERE commit_id IS NOT NULL")
if [ "$nattr" -gt 0 ]; then
	bad=$(plan '$1 == "event" && $8 == "tbl" { print $2 "\t" $3 "\t" $4 "\t" $5 "\t" $9 }' |
		while IFS=$'\t' read -r tag abi sc kind subject; do
			s=$(sqlite3 "$KABI_DB" "SELECT commit_subject FROM events WHERE release = '$tag'
				AND abi = '$abi' AND syscall = '$sc' AND kind = '$kind'")
			[ -z "$s" ] || [ "$s" = "$subject" ] || echo "$tag $abi $sc $kind: '$s', planted '$subject'"
		done)
	eq "attributed commits carry the planted subjects" "$bad" ""
else
	echo "note: this kabi records no commit attribution; subjects not checked"
fi
finish
