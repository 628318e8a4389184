#!/bin/bash
# Answers that must not depend on the files a tree happens to have, and the
# life of an ABI as one fact (issue 16, classes 1, 3 and 7), on the fixture
# of tests/fixtures/make-life-repo.sh (real file shapes, cut down).
. "$(dirname "$0")/../lib/testlib.sh"

bash "$KABI_SRC/tests/fixtures/make-life-repo.sh" "$T/repo" >/dev/null
"$KABI" harvest "$T/repo" --db "$T/k.db" 2>"$T/harvest.err"
DB=$T/k.db
q() { sqlite3 "$DB" "$1"; }
names() { # names RELEASE ABI: the ABI's syscalls there, "name:nr" by number
	q "SELECT group_concat(syscall || ':' || nr, ' ') FROM (SELECT syscall, nr FROM syscalls_at
		WHERE release = '$1' AND abi = '$2' ORDER BY nr, syscall)"
}

# --- class 1: the preprocessor's environment comes from the ABI ---------------
# arm64 reads asm-generic's unistd.h, whose <asm/bitsperlong.h> is absent:
# the 64-bit branch all the same.
eq "arm64 at 3.10 has the 64-bit names without asm/bitsperlong.h" "$(names v3.10.105 arm64)" \
	"io_setup:0 io_getevents:4 fcntl:25 openat:56 lseek:62 read:63 write:64 newfstatat:79 fstat:80 exit:93 mmap:222"
eq "riscv64 at 5.10: the time32 io_getevents, no *_time64" "$(names v5.10 riscv64)" \
	"io_setup:0 io_getevents:4 fcntl:25 openat:56 lseek:62 read:63 write:64 newfstatat:79 fstat:80 exit:93 mmap:222"
eq "riscv32 at 5.10: clock_gettime64, no time32 io_getevents, the 32-bit names" "$(names v5.10 riscv32)" \
	"io_setup:0 fcntl64:25 openat:56 llseek:62 read:63 write:64 fstatat64:79 fstat64:80 exit:93 mmap2:222 clock_gettime64:403"
eq "h8300 (32-bit asm-generic) at 5.10 has clock_gettime64" \
	"$(q "SELECT nr FROM syscalls_at WHERE release = 'v5.10' AND abi = 'h8300' AND syscall = 'clock_gettime64'")" 403
# score: the 13 off_t calls of asm-generic's 32-bit branch (1046-1058)
eq "score at 3.10 has the 13 off_t calls" "$(q "SELECT group_concat(syscall, ' ') FROM (SELECT syscall
	FROM syscalls_at WHERE release = 'v3.10.105' AND abi = 'score' AND nr >= 1046 ORDER BY nr)")" \
	"sendfile ftruncate truncate stat lstat fstat fcntl fadvise64 newfstatat fstatfs statfs lseek mmap"
eq "score's end (4.17, before 5.10 here) is its generation's, no syscall removed" \
	"$(q "SELECT count(*) FROM events WHERE abi = 'score' AND kind = 'removed'")" 0
"$KABI" check --db "$DB" --kernel 5.10 --abi arm64 fstat mmap >"$T/out" 2>&1
eq "check --kernel 5.10 --abi arm64 fstat mmap: available" "$?" 0
ok "... and says so" grep -q "all 2 syscalls available" "$T/out"
"$KABI" check --db "$DB" --kernel 5.10 --abi arm64 fstat64 >/dev/null 2>&1
ok "arm64 has no fstat64" test $? -ne 0

# The missing #include is a note in the catalog, shown by versions and abis.
eq "the note of arm64 at 3.10" "$(q "SELECT note FROM harvest_note n JOIN abi a ON a.id = n.abi_id
	JOIN release r ON r.ord = n.ord WHERE a.name = 'arm64' AND r.name = 'v3.10.105'")" \
	"#include <asm/bitsperlong.h> not found (include/uapi/asm-generic/unistd.h:1)"
eq "tables without a missing include have no note" \
	"$(q "SELECT count(*) FROM harvest_note n JOIN abi a ON a.id = n.abi_id WHERE a.name LIKE 'arm64-compat' OR a.name = 'arm'")" 0
ok "the harvest says it" grep -q "v3.10.105: arch/arm64/include/uapi/asm/unistd.h: #include <asm/bitsperlong.h> not found" "$T/harvest.err"
"$KABI" versions --db "$DB" --format csv >"$T/versions.csv"
ok "versions lists the notes" grep -q "^v3.10.105,arm64,#include <asm/bitsperlong.h> not found" "$T/versions.csv"
"$KABI" versions --db "$DB" >"$T/versions.txt"
ok "versions in text says what they mean" grep -q "11 tables read with a warning" "$T/versions.txt"
"$KABI" abis --db "$DB" --format json >"$T/abis.json"
ok "abis lists the notes (json)" grep -q "asm/bitsperlong.h" "$T/abis.json"
# A harvest over the first catalog keeps the notes of the releases it does not read again.
git -C "$T/repo" tag v5.11 v5.10
"$KABI" harvest "$T/repo" --db "$DB" 2>/dev/null
eq "an update keeps the old releases' notes, adds the new one's" "$(q "SELECT count(*) FROM harvest_note")" 15
eq "... the one of arm64 at 3.10" "$(q "SELECT count(*) FROM harvest_note n JOIN release r ON r.ord = n.ord
	WHERE r.name = 'v3.10.105'")" 2

# --- class 3: arm64-compat in the era of numbered __SYSCALL lines ------------------
# (and the two private syscalls of arm64's asm/unistd.h, __ARM_NR_compat_
# cacheflush and set_tls at 0x0f0002 and 0x0f0005, rows since issue 14)
eq "arm64-compat at 3.10: arm's names for unistd32.h's numbers" "$(names v3.10.105 arm64-compat)" \
	"restart_syscall:0 exit:1 fork:2 read:3 write:4 open:5 close:6 sigreturn:119 openat:322 kcmp:378 finit_module:379 cacheflush:983042 set_tls:983045"
eq "no __NR_compat_* row" "$(q "SELECT count(*) FROM spans WHERE abi = 'arm64-compat' AND syscall LIKE 'compat%'")" 0
eq "the compat entry is unistd32.h's, the entry arm's" \
	"$(q "SELECT entry || ' ' || compat_entry FROM syscalls_at WHERE release = 'v3.10.105' AND abi = 'arm64-compat' AND syscall = 'openat'")" \
	"sys_openat compat_sys_openat"
"$KABI" check --db "$DB" --kernel 3.10.105 --abi arm64-compat read write openat >"$T/out" 2>&1
eq "check --kernel 3.10.105 --abi arm64-compat read write openat: available" "$?" 0
ok "... all three" grep -q "all 3 syscalls available" "$T/out"

# --- class 7: the life of an ABI -------------------------------------------------
eq "h8300: generations from the data" "$(q "SELECT g.generation || ':' || f.name || '-' || l.name
	FROM abi_generation g JOIN abi a ON a.id = g.abi_id JOIN release f ON f.ord = g.first_ord
	JOIN release l ON l.ord = g.last_ord WHERE a.name = 'h8300' ORDER BY g.generation" | tr '\n' ' ')" \
	"1:v3.10.105-v3.10.105 2:v4.2-v5.11 "
eq "abis: h8300's first, last and generations" \
	"$("$KABI" abis --db "$DB" --format csv | awk -F, '$1 == "h8300" { print $5, $6, $NF }')" "v3.10.105 v5.11 2"
eq "abis: arm64 lives once" "$("$KABI" abis --db "$DB" --format csv | awk -F, '$1 == "arm64" { print $NF }')" 1
ok "abis lists each life" grep -q "h8300: generation 2: v4.2 to v5.11" <("$KABI" abis --db "$DB")
eq "no per-syscall removed at h8300's end in 3.13" \
	"$(q "SELECT count(*) FROM events WHERE abi = 'h8300' AND kind = 'removed' AND release = 'v3.13'")" 0
eq "nothing renamed or renumbered across its generations" \
	"$(q "SELECT count(*) FROM events WHERE abi = 'h8300' AND kind IN ('renamed', 'renumbered')")" 0
"$KABI" diff --db "$DB" v3.10.105 v4.2 --events --abi h8300 --format csv >"$T/ev.csv"
ok "diff --events: one abi_removed at 3.13" grep -qx "v3.13,h8300,abi_removed,,,,,,,,," "$T/ev.csv"
ok "diff --events: one abi_added at 4.2" grep -qx "v4.2,h8300,abi_added,,,,,,,,," "$T/ev.csv"
eq "diff --events: nothing else removed" "$(grep -c ",removed," "$T/ev.csv")" 0
# show: a syscall that went with its ABI says so, once per life that ended
# (h8300's first at 3.13, score's at 5.10), and not where the ABI lives on
eq "show read: abi_removed where h8300's and score's lives ended" \
	"$("$KABI" show read --db "$DB" --format csv | awk -F, '$3 == "abi_removed" { print $1, $2, $4, $14 }' | tr '\n' ' ')" \
	"<=v3.13 h8300 3 the ABI ended (was number 3) <=v5.10 score 63 the ABI ended (was number 63) "
# check over several ABIs: h8300 3.10's entry table is not read, so its
# verdict is unknown in the summary and the verdicts table too, never "runs"
"$KABI" check --db "$DB" --kernel 3.10.105 --abi arm,h8300 read write >"$T/out" 2>&1
eq "check --abi arm,h8300: exit 3 (unknown)" "$?" 3
eq "check: the summary says unknown for h8300, runs for arm" \
	"$(awk '$1 == "names" { print $2, $3 }' "$T/out" | tr '\n' ' ')" "arm runs h8300 unknown "
eq "check csv: the verdicts table counts the unknown" \
	"$("$KABI" check --db "$DB" --kernel 3.10.105 --abi arm,h8300 read write --format csv 2>/dev/null |
		sed -n '/^input,type,abi,missing/,$p' | awk -F, '{ print $3 "," $4 "," $NF }')" \
	"abi,missing,unknown
arm,0,0
h8300,0,2"
# --min: the range starts with h8300's second life; the first (3.10) has a
# table whose entries were not read, so the reason is not "first table", and
# a syscall only ever in an unread era is unknown there, not "never"
"$KABI" check --db "$DB" --min --abi h8300 read write >"$T/out" 2>&1
eq "check --min h8300 read write: exit 0" "$?" 0
eq "... oldest v4.2, with a true reason" "$(awk '$1 == "oldest" { $1 = ""; print }' "$T/out")" \
	" v4.2 no h8300 table at v3.13, the release before"
"$KABI" check --db "$DB" --min --abi h8300 read open >"$T/out" 2>&1
eq "check --min h8300 read open: exit 3 (unknown)" "$?" 3
ok "... open is unknown where h8300 has it, not never implemented" \
	grep -q "implementation unknown wherever h8300 has it: open" "$T/out"
ok "... and nothing says never" sh -c "! grep -q 'never implemented' '$T/out'"
"$KABI" publish "$T/site" --db "$DB" --quiet
eq "the site's page of read says so too" \
	"$(grep -A1 '<td class="kind">abi_removed</td>' "$T/site/syscall/read.html" | grep -c '<td>the ABI ended (was number')" 2

# The same two releases with none between: the second table numbers read,
# write and exit anew, so it is another generation all the same.
git clone -q "$T/repo" "$T/two"
git -C "$T/two" tag -d v3.13 v5.10 v5.11 >/dev/null
"$KABI" harvest "$T/two" --db "$T/two.db" 2>/dev/null
eq "without the release between, still two generations" \
	"$(sqlite3 "$T/two.db" "SELECT count(*) FROM abi_generation g JOIN abi a ON a.id = g.abi_id WHERE a.name = 'h8300'")" 2
eq "... no rename, renumber or removal of h8300's syscalls" \
	"$(sqlite3 "$T/two.db" "SELECT count(*) FROM events WHERE abi = 'h8300' AND kind IN ('renamed', 'renumbered', 'removed')")" 0
"$KABI" diff --db "$T/two.db" v3.10.105 v4.2 --abi h8300 --format csv >"$T/d.csv"
eq "diff: the ABI ended and began again, no line per syscall" "$(cut -d, -f1,2 "$T/d.csv" | tr '\n' ' ')" \
	"abi,change h8300,abi_removed h8300,abi_added "
# unistd32.h's numbered slots without arm's header to name them: said.
git clone -q "$T/repo" "$T/noarm"
git -C "$T/noarm" rm -q arch/arm/include/uapi/asm/unistd.h
git -C "$T/noarm" -c user.name=kabi-test -c user.email=test@kabi.invalid commit -q -m "no arm header"
git -C "$T/noarm" tag v5.12
"$KABI" harvest "$T/noarm" --db "$T/noarm.db" 2>"$T/noarm.err"
ok "a table that cannot be named is said, not silently gone" \
	grep -q "v5.12: arch/arm64/include/asm/unistd32.h: the names of .* numbered slots .* not found" "$T/noarm.err"
eq "arm64 is one generation there" \
	"$(sqlite3 "$T/two.db" "SELECT count(*) FROM abi_generation g JOIN abi a ON a.id = g.abi_id WHERE a.name = 'arm64'")" 1
finish
