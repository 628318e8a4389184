#!/bin/bash
# Harvests the fixture repository of tests/fixtures/make-tbl-repo.sh and
# checks the catalog and the CLI's answers against what the fixture was
# built to contain (see the comment at the top of that script).
. "$(dirname "$0")/../lib/testlib.sh"
FX="$KABI_SRC/tests/fixtures/make-tbl-repo.sh"
bash "$FX" "$T/repo" >/dev/null
export KABI_DB="$T/k.db"

"$KABI" harvest "$T/repo" >"$T/out" 2>"$T/err"
eq "harvest exits 0" "$?" 0
ok "tree tags noted" grep -q "skipping 'refs/tags/v2.6.11-tree': it does not lead to a commit" "$T/err"
ok "malformed line named with ref, path and line" \
	grep -q "v5.9: arch/x86/entry/syscalls/syscall_64.tbl:14: expected 3 to 6 fields" "$T/err"
eq "no bar on a pipe" "$(tr -cd '\r' <"$T/err" | wc -c)" 0
ok "plain progress lines instead" grep -q "^kabi: tables: done, " "$T/err"

eq "versions in version order (rc first, whatever the dates)" \
	"$("$KABI" versions --format csv | cut -d, -f1)" \
	"name
v4.0-rc1
v4.0
v4.2
v4.17
v5.9
v5.10-rc1
v5.10"

# Every event, by hand from the fixture's design: the x86 path move (v4.2)
# and the prefix changes (v4.17, v5.10) make none.
eq "events" "$(sqlite3 -separator ' ' "$KABI_DB" \
	"SELECT release, abi, syscall, kind, coalesce(old_nr, '-'), coalesce(new_nr, '-') FROM events
	 WHERE release <> 'v4.0-rc1' ORDER BY ord, abi, syscall, kind")" \
"v4.0 x32 close added - 1073741827
v4.0 x86_64 close added - 3
v4.17 x32 io_setup entry_changed 1073742367 1073742367
v4.17 x32 io_setup renumbered 1073742030 1073742367
v4.17 x86_64 rt_sigreturn entry_changed 15 15
v5.9 x32 clone3 added - 1073742259
v5.9 x86_64 _sysctl unimplemented 156 156
v5.9 x86_64 clone3 added - 435
v5.10-rc1 x86_64 uselib removed 134 -"
eq "first release: 5 x86_64, 5 x32, 5 i386 syscalls" \
	"$(sqlite3 "$KABI_DB" "SELECT abi, count(*) FROM events WHERE release = 'v4.0-rc1' GROUP BY abi ORDER BY abi" | tr '\n' ' ')" \
	"i386|5 x32|5 x86_64|8 "

# Dates: v4.0 follows v4.0-rc1 and v5.10-rc1 follows v5.9, so what those
# show first is dated; the other steps skip releases (v4.2 -> v4.17), and
# the first release has no before: "<=" there (kabi_catalog_dated).
eq "table csv" "$("$KABI" table --abi x86_64 --at 5.9 --format csv)" \
"nr,name,entry,compat_entry,implemented,added,removed,private
0,read,sys_read,,1,<=v4.0-rc1,,0
1,write,sys_write,,1,<=v4.0-rc1,,0
2,open,sys_open,,1,<=v4.0-rc1,,0
3,close,sys_close,,1,v4.0,,0
13,rt_sigaction,sys_rt_sigaction,,1,<=v4.0-rc1,,0
15,rt_sigreturn,sys_rt_sigreturn,,1,<=v4.0-rc1,,0
134,uselib,,,0,<=v4.0-rc1,v5.10-rc1,0
156,_sysctl,sys_ni_syscall,,0,<=v4.0-rc1,,0
206,io_setup,sys_io_setup,,1,<=v4.0-rc1,,0
435,clone3,sys_clone3,,1,<=v5.9,,0"
eq "i386 keeps its compat column" "$("$KABI" table --abi i386 --at v4.17 --format csv | grep ',open,')" \
	"5,open,sys_open,compat_sys_open,1,<=v4.0-rc1,,0"

"$KABI" check --kernel v4.17 read clone3 uselib >"$T/out"
eq "check: a missing one exits 1" "$?" 1
eq "check rows" "$(head -4 "$T/out" | awk '{print $1, $2}')" "syscall status
read available
clone3 added
uselib not"
ok "check verdict" grep -q "x86_64 at v4.17: does not run: 2 of 3 syscalls not available" "$T/out"
eq "check: all available exits 0" "$(exit_code "$KABI" check --kernel 5.10 read clone3)" 0
eq "check: names from stdin" "$(printf 'read\n# a comment\nwrite, close\n' | "$KABI" check --kernel 5.10 --format csv | cut -d, -f1,2 | tr '\n' ' ')" \
	"syscall,status read,available write,available close,available "
eq "check: a removed one" "$("$KABI" check --kernel 5.10 uselib --format csv | tail -1)" "uselib,removed,,<=v4.0-rc1,v5.10-rc1,required,"
"$KABI" check --kernel 5.10 clonee3 2>"$T/err" >/dev/null
eq "check: a typo exits 2" "$?" 2
ok "check: a typo gets a suggestion" grep -q "unknown syscall 'clonee3' (did you mean clone3" "$T/err"
"$KABI" table --abi x86_46 --at 5.10 2>"$T/err"
eq "unknown ABI exits 2" "$?" 2
ok "unknown ABI suggests" grep -q "unknown ABI 'x86_46' (did you mean x86_64" "$T/err"
# Other tools' names of an ABI (db/abi.c): Debian's, Go's, Rust's, uname -m's.
for alias in amd64 x86-64 AMD64 x86_64-unknown-linux-gnu; do
	eq "--abi $alias is x86_64" "$("$KABI" table --abi "$alias" --at 5.10 --format csv)" \
		"$("$KABI" table --abi x86_64 --at 5.10 --format csv)"
done
eq "--abi i686 is i386" "$("$KABI" table --abi i686 --at 5.10 --format csv | head -3)" \
	"$("$KABI" table --abi i386 --at 5.10 --format csv | head -3)"
"$KABI" table --abi x86_64 --at 5.11 2>"$T/err"
eq "unknown release exits 2" "$?" 2
ok "unknown release names the nearest" grep -q "no release '5.11' in the catalog (nearest: v5.10" "$T/err"
"$KABI" table --abi x86_64 --at 5.1x 2>"$T/err"
ok "a non-version is explained" grep -q "'5.1x' is not a kernel version" "$T/err"
eq "x32 numbers carry __X32_SYSCALL_BIT" \
	"$("$KABI" show io_setup --abi x32 --format csv | sed -n 2,3p)" \
	"x32,1073742030,sys_io_setup,,1,<=v4.0-rc1,v4.2,0
x32,1073742367,compat_sys_io_setup,,1,<=v4.17,v5.10 (newest),0"
# show's events in the one wording (kabi_cat_event_describe)
eq "show: io_setup's events on x32, worded" \
	"$("$KABI" show io_setup --abi x32 --format csv | awk -F, '$1 ~ /^(<=)?v/ { print $1, $3, $NF }')" \
	"<=v4.0-rc1 added number 1073742030
<=v4.17 renumbered number 1073742030 -> 1073742367
<=v4.17 entry_changed entry sys_io_setup -> compat_sys_io_setup"
eq "show: uselib's removal, worded" "$("$KABI" show uselib --abi x86_64 --format csv | awk -F, '$3 == "removed" { print $1, $NF }')" \
	"v5.10-rc1 was number 134"
# show by number: the syscall with that number on the ABI, at --at or the newest release
eq "show NR --abi: clone3 is 435 on x86_64" "$("$KABI" show 435 --abi x86_64 --format csv | sed -n 2p)" \
	"x86_64,435,sys_clone3,,1,<=v5.9,v5.10 (newest),0"
eq "show NR in hex" "$("$KABI" show 0x1b3 --abi x86_64 --format csv | sed -n 2p | cut -d, -f1-3)" "x86_64,435,sys_clone3"
eq "show NR on x32: the number with __X32_SYSCALL_BIT" \
	"$("$KABI" show 1073742259 --abi x32 --format csv | sed -n 2p | cut -d, -f1-3)" "x32,1073742259,sys_clone3"
"$KABI" show 435 --abi x86_64 --at v4.17 --format csv >"$T/out" 2>"$T/err"
eq "show NR --at before the number was used exits 0" "$?" 0
eq "... shows the next syscall to have it" "$(sed -n 2p "$T/out" | cut -d, -f1-3)" "x86_64,435,sys_clone3"
eq "... and says so" "$(cat "$T/err")" "kabi: note: no syscall has number 435 on x86_64 at v4.17; clone3 has it from v5.9"
"$KABI" show 134 --abi x86_64 --format csv >"$T/out" 2>"$T/err"
eq "show NR after it was removed: the last holder" "$(sed -n 2p "$T/out" | cut -d, -f1-2,6,7)" "x86_64,134,<=v4.0-rc1,v5.9"
eq "... and says so" "$(cat "$T/err")" "kabi: note: no syscall has number 134 on x86_64 at v5.10; uselib had it until v5.9"
eq "show NR --at where it is that syscall's: no note" \
	"$("$KABI" show 134 --abi x86_64 --at 4.17 2>&1 >/dev/null)" ""
"$KABI" show 435 >/dev/null 2>"$T/err"
eq "show NR without --abi exits 2" "$?" 2
ok "... saying --abi is needed" grep -q "^kabi: a syscall number needs --abi" "$T/err"
ok "... with the usage" grep -q "^   or: kabi show NR --abi ABI" "$T/err"
"$KABI" show 999 --abi x86_64 >/dev/null 2>"$T/err"
eq "show NR that no syscall had exits 2" "$?" 2
eq "... and says so" "$(cat "$T/err")" "kabi: no syscall has had number 999 on x86_64"
eq "show 12x: neither a name nor a number" "$(exit_code "$KABI" show 12x --abi x86_64)" 2
eq "show NAME --at --abi: a usage error (--at shows every ABI)" "$(exit_code "$KABI" show clone3 --at 5.9 --abi x86_64)" 2
eq "show CLONE3 finds clone3" "$("$KABI" show CLONE3 --abi x86_64 --format csv | sed -n 2p | cut -d, -f1-3)" \
	"x86_64,435,sys_clone3"
eq "diff: what a program sees" "$("$KABI" diff v4.0 v5.10 --abi x86_64 --format csv)" \
"abi,change,syscall,old_nr,new_nr,old_entry,new_entry,old_name
x86_64,unimplemented,_sysctl,156,156,sys_sysctl,sys_ni_syscall,
x86_64,added,clone3,,435,,sys_clone3,
x86_64,removed,uselib,134,,,,"
eq "diff --entries: the plumbing apart, native and compat" \
	"$("$KABI" diff v4.0 v5.10 --abi x86_64 --entries --format csv | sed -n '/^abi,syscall,nr,/,$p')" \
"abi,syscall,nr,old_entry,new_entry,old_compat,new_compat
x86_64,rt_sigreturn,15,stub_rt_sigreturn,sys_rt_sigreturn,,"
ok "diff text: the entry-only change is counted" grep -q "x86_64: 1 with new entry points only (--entries lists them)" \
	<("$KABI" diff v4.0 v5.10 --abi x86_64)
"$KABI" table --abi x86_64 --at 5.10 --format json >"$T/t.json"
eq "json is valid" "$(sqlite3 :memory: "SELECT json_valid(readfile('$T/t.json')), json_array_length(readfile('$T/t.json'))")" "1|9"

# Nothing new: the catalog is not rewritten.
ino=$(stat -c %i "$KABI_DB")
"$KABI" harvest "$T/repo" 2>"$T/err"
ok "re-harvest says up to date" grep -q "is up to date (7 releases)" "$T/err"
eq "re-harvest leaves the file alone" "$(stat -c %i "$KABI_DB")" "$ino"

# Incremental harvests equal a harvest from scratch: one release after
# the others, and one in the middle of them.
dump() { sqlite3 "$1" "SELECT * FROM spans ORDER BY abi, syscall, first_ord; SELECT release, abi, syscall, kind, old_nr, new_nr, old_entry, new_entry FROM events ORDER BY 1, 2, 3, 4"; }
git -C "$T/repo" checkout -q v5.10
sed -i 's/^435\tcommon\tclone3.*/&\n436\tcommon\tclose_range\t\tsys_close_range/' "$T/repo/arch/x86/entry/syscalls/syscall_64.tbl"
(. "$KABI_SRC/tests/lib/commit.sh"; commit_release "$T/repo" v5.11 "2021-02-14T12:00:00")
git -C "$T/repo" checkout -q v4.2
sed -i 's/^13\t64\trt_sigaction.*/&\n14\t64\trt_sigprocmask\t\tsys_rt_sigprocmask/' "$T/repo/arch/x86/entry/syscalls/syscall_64.tbl"
(. "$KABI_SRC/tests/lib/commit.sh"; commit_release "$T/repo" v4.3 "2015-11-01T12:00:00")
"$KABI" harvest "$T/repo" 2>"$T/err"
ok "incremental harvest reads only the 2 new releases" grep -q "harvested 2 new releases" "$T/err"
"$KABI" harvest "$T/repo" --db "$T/scratch.db" 2>/dev/null
eq "incremental equals from scratch" "$(dump "$KABI_DB")" "$(dump "$T/scratch.db")"
eq "the middle release's change shows" \
	"$(sqlite3 "$KABI_DB" "SELECT release, kind FROM events WHERE syscall = 'rt_sigprocmask' ORDER BY ord")" \
	"v4.3|added
v4.17|removed"

# A tag that moves is read again.
git -C "$T/repo" tag -f v5.11 v5.10 >/dev/null
"$KABI" harvest "$T/repo" 2>"$T/err"
ok "a moved tag is read again" grep -q "harvested 1 new release" "$T/err"
eq "close_range is gone with the moved tag" "$(sqlite3 "$KABI_DB" "SELECT count(*) FROM span sp JOIN syscall s ON s.id = sp.syscall_id WHERE s.name = 'close_range'")" 0

# KABI_TRACE_PHASES: each phase's wall and CPU time, printed by the command
# (the library only measures), in the order the harvest runs them.
KABI_TRACE_PHASES=1 "$KABI" harvest "$T/repo" --db "$T/trace.db" 2>"$T/err"
eq "KABI_TRACE_PHASES: the five phases in order" \
	"$(awk '$3 ~ /^[0-9.]+$/ && $4 == "s" && $5 == "cpu" { print $2 }' "$T/err" | tr '\n' ' ')" \
	"tables signatures spans attribution write "

# --refs with a version from the Makefile
git -C "$T/repo" branch -q topic v5.9
"$KABI" harvest "$T/repo" --refs 'topic' --db "$T/refs.db" 2>"$T/err"
eq "--refs harvest exits 0" "$?" 0
eq "--refs takes the Makefile's version" "$(sqlite3 "$T/refs.db" "SELECT name, ref, version_source FROM release")" \
	"v5.9|refs/heads/topic|makefile"

# Errors leave no catalog behind and say what went wrong, in one line.
"$KABI" harvest "$T/nope" --db "$T/none.db" 2>"$T/err"
eq "a missing repository exits 2" "$?" 2
eq "one line" "$(wc -l <"$T/err")" 1
ok "no catalog written" test ! -e "$T/none.db"
mkdir "$T/ro" && chmod 555 "$T/ro"
if [ "$(id -u)" != 0 ]; then
	"$KABI" harvest "$T/repo" --db "$T/ro/k.db" 2>"$T/err"
	eq "an unwritable catalog exits 2" "$?" 2
fi
"$KABI" versions --db "$T/none.db" 2>"$T/err"
eq "querying a missing catalog exits 2" "$?" 2
ok "and says so" grep -q "no catalog at" "$T/err"
echo "not a database" >"$T/junk.db"
"$KABI" versions --db "$T/junk.db" 2>"$T/err"
eq "querying junk exits 2" "$?" 2
finish
