#!/bin/bash
# Commit attribution against a slow, obviously correct path: for every
# x86_64 event, walk `git rev-list --reverse --topo-order A..B` and read the
# table with `git show` at each commit and its parents; the answer is the
# first commit that has the change while none of its parents has it.
. "$(dirname "$0")/../lib/testlib.sh"

# row REPO COMMIT NAME: "nr entry" of NAME on x86_64 at COMMIT, or nothing
row() {
	{ git -C "$1" show "$2:arch/x86/entry/syscalls/syscall_64.tbl" 2>/dev/null ||
	  git -C "$1" show "$2:arch/x86/syscalls/syscall_64.tbl" 2>/dev/null; } |
	awk -v n="$3" '!/^#/ && ($2 == "common" || $2 == "64") && $3 == n {
		e = $4; sub(/^__x64_/, "", e); sub(/\/ptregs$/, "", e); print $1, e; exit }'
}

# has REPO COMMIT KIND NAME NEW_NR NEW_ENTRY: does COMMIT have the change?
has() {
	local r nr entry
	r=$(row "$1" "$2" "$4")
	read -r nr entry <<<"$r"
	case $3 in
	added) [ -n "$r" ] ;;
	removed) [ -z "$r" ] ;;
	renumbered | renamed) [ -n "$r" ] && [ "$nr" = "$5" ] ;;
	unimplemented) [ -n "$r" ] && { [ -z "$entry" ] || [ "$entry" = sys_ni_syscall ]; } ;;
	reimplemented) [ -n "$r" ] && [ -n "$entry" ] && [ "$entry" != sys_ni_syscall ] ;;
	entry_changed) [ -n "$r" ] && [ "$entry" = "$6" ] ;;
	*) return 1 ;;
	esac
}

slow() {   # slow REPO PREV REL KIND NAME NEW_NR NEW_ENTRY
	local repo=$1 range c p fresh
	if [ -n "$2" ]; then range="$2..$3"; else range="$3"; fi
	for c in $(git -C "$repo" rev-list --reverse --topo-order "$range"); do
		has "$repo" "$c" "$4" "$5" "$6" "$7" || continue
		fresh=1
		for p in $(git -C "$repo" rev-parse "$c^@"); do
			has "$repo" "$p" "$4" "$5" "$6" "$7" && fresh=0
		done
		[ $fresh = 1 ] && { echo "$c"; return; }
	done
	echo none
}

check_repo() {   # check_repo REPO LABEL
	local repo=$1 db="$T/$2.db" n=0
	"$KABI" harvest "$repo" --db "$db" 2>/dev/null
	eq "$2: every event has a commit" "$(sqlite3 "$db" "SELECT count(*) FROM event WHERE commit_id IS NULL")" 0
	while IFS='|' read -r prev rel kind name new_nr new_entry commit; do
		n=$((n + 1))
		eq "$2: $kind $name at $rel" "$commit" "$(slow "$repo" "$prev" "$rel" "$kind" "$name" "$new_nr" "$new_entry")"
	done < <(sqlite3 "$db" "SELECT coalesce(previous_release, ''), release, kind, syscall, coalesce(new_nr, ''),
		coalesce(new_entry, ''), commit_id FROM events WHERE abi = 'x86_64' ORDER BY ord, syscall")
	ok "$2: some events were checked" test "$n" -gt 0
}

bash "$KABI_SRC/tests/fixtures/make-merge-repo.sh" "$T/merge" >/dev/null 2>&1
check_repo "$T/merge" merge
# The facts the merge fixture was built for.
subj() { sqlite3 "$T/merge.db" "SELECT commit_subject FROM events WHERE abi = 'x86_64' AND syscall = '$1' AND kind = '$2'"; }
eq "a change made on a topic branch is the topic commit's" "$(subj foo added)" "add foo on topic"
eq "made, reverted and made again: the first" "$(subj bar added)" "add bar"
eq "made on two branches: one of the two branch commits" "$(subj baz added | sed 's/ on [ab]$//')" "add baz"
eq "a change only the merge made is the merge's" "$(subj grault added)" "Merge branch evil, adding grault in the merge"
eq "the table move makes no event" "$(sqlite3 "$T/merge.db" "SELECT count(*) FROM events WHERE abi = 'x86_64' AND release = 'v1.4' AND kind NOT IN ('added', 'unimplemented')")" 0
eq "author and date are the commit's" \
	"$(sqlite3 "$T/merge.db" "SELECT commit_author, date(commit_time, 'unixepoch') FROM events WHERE abi = 'x86_64' AND syscall = 'qux'")" \
	"kabi-test|$(git -C "$T/merge" log -1 --format=%ad --date=short ':/add qux')"

bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/tbl" >/dev/null 2>&1
check_repo "$T/tbl" tbl

# A header-era table is read from more files than its header: a separate
# entry table, the headers it includes, and a file that a commit inside the
# range starts to include (and a later one stops including, so no release
# tree reads it).  A commit that changed only one of those made the event.
bash "$KABI_SRC/tests/fixtures/make-watch-repo.sh" "$T/watch" >/dev/null 2>&1
"$KABI" harvest "$T/watch" --db "$T/watch.db" 2>/dev/null
wsubj() { sqlite3 "$T/watch.db" "SELECT commit_subject FROM events WHERE release = 'v1.1' AND abi = '$1' AND syscall = '$2' AND kind = '$3'"; }
eq "a change made in the entry table only is that commit's" "$(wsubj i386 write entry_changed)" \
	"i386: write enters sys_write_new (entry table only)"
eq "a change made in an included header only is that commit's" "$(wsubj arm64 foo added)" \
	"asm-generic: add foo (included header only)"
eq "a change made in a file included for a while only is that commit's" "$(wsubj arm64 baz added)" \
	"arm64: add baz (a newly included file only)"
eq "a change made in the header is the header commit's" "$(wsubj i386 bar added)" "i386: add bar (the header itself)"

# A signature change is watched on the definition's file alone: the commit
# that changed it, not the unrelated ones around it.
s="$T/sig"
mkdir -p "$s/arch/x86/entry/syscalls" "$s/kernel"
git -C "$s" init -q
scommit() { git -C "$s" add -A && git -C "$s" -c user.name=t -c user.email=t@t commit -q -m "$1"; }
sdef() { printf 'SYSCALL_DEFINE%s\n{\n\treturn 0;\n}\n' "$1" >"$s/kernel/foo.c"; }
printf '1\tcommon\tfoo\tsys_foo\n' >"$s/arch/x86/entry/syscalls/syscall_64.tbl"
sdef "1(foo, int, a)"
printf 'VERSION = 1\nPATCHLEVEL = 0\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$s/Makefile"
scommit "release v1.0" && git -C "$s" tag v1.0
echo readme >"$s/README" && scommit "readme"
sdef "2(foo, int, a, long, b)" && scommit "foo takes b"
echo more >>"$s/README" && scommit "more readme"
printf 'VERSION = 1\nPATCHLEVEL = 1\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$s/Makefile"
scommit "release v1.1" && git -C "$s" tag v1.1
"$KABI" harvest "$s" --db "$T/sig.db" 2>/dev/null
eq "a signature change is the commit's that changed the definition" \
	"$(sqlite3 "$T/sig.db" "SELECT commit_subject FROM events WHERE abi = 'x86_64' AND kind = 'signature_changed'")" \
	"foo takes b"

# A commit-graph file libgit2 cannot read (newer format, or damaged) must not
# change anything.
cp -r "$T/merge" "$T/cg"
git -C "$T/cg" commit-graph write --reachable 2>/dev/null
chmod u+w "$T/cg/.git/objects/info/commit-graph" 2>/dev/null
printf 'CGPH\x02\x09\x07\x00not really a commit graph' >"$T/cg/.git/objects/info/commit-graph"
git -C "$T/cg" config core.commitGraph true
"$KABI" harvest "$T/cg" --db "$T/cg.db" 2>/dev/null
eq "an unreadable commit-graph changes nothing" \
	"$(sqlite3 "$T/cg.db" "SELECT release, abi, syscall, kind, commit_id FROM events ORDER BY 1, 2, 3, 4")" \
	"$(sqlite3 "$T/merge.db" "SELECT release, abi, syscall, kind, commit_id FROM events ORDER BY 1, 2, 3, 4")"

# Attributions survive an incremental harvest unchanged.
before=$(sqlite3 "$T/merge.db" "SELECT release, abi, syscall, kind, commit_id FROM events ORDER BY 1, 2, 3, 4")
(cd "$T/merge" && printf '7\tcommon\tnew_one\t\tsys_new_one\n' >>arch/x86/entry/syscalls/syscall_64.tbl &&
	git add -A && GIT_COMMITTER_DATE=2021-01-01T00:00:00 git -c user.name=t -c user.email=t@t commit -q -m "add new_one" && git tag v1.5)
"$KABI" harvest "$T/merge" --db "$T/merge.db" 2>/dev/null
eq "old attributions kept" "$(sqlite3 "$T/merge.db" "SELECT release, abi, syscall, kind, commit_id FROM events WHERE release <> 'v1.5' ORDER BY 1, 2, 3, 4")" "$before"
eq "the new release's event attributed" "$(sqlite3 "$T/merge.db" "SELECT commit_subject FROM events WHERE abi = 'x86_64' AND release = 'v1.5'")" "add new_one"
finish
