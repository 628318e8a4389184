#!/bin/bash
# kabi export against other people's catalogs: the seccomp-csv of the real
# tables in ../shared/data (13 releases, 3.4 to 7.1) compared with
# libseccomp's own syscalls.csv files.  Every difference is listed below and
# explained in docs/formats.md ("seccomp-csv compared with libseccomp");
# a difference that is not in the list fails the test.  Also: every per-ABI
# format of every ABI at the newest release goes through its validator.
EXPORT_LIB_ONLY=1 . "$(dirname "$0")/test_export.sh"
DATA="${KABI_SHARED:-$KABI_SRC/../shared}/data"
[ -d "$DATA/real-tables" ] && [ -d "$DATA/oracle" ] ||
	skip "no $DATA/real-tables or oracle (../shared is not beside the project)"
bash "$KABI_SRC/scripts/prepare-real-tables-repo.sh" "$DATA" "$T/repo" >/dev/null 2>&1 ||
	{ echo "FAIL: cannot assemble the repository"; exit 1; }
"$KABI" harvest "$T/repo" --db "$T/k.db" 2>/dev/null
eq "harvest exits 0" "$?" 0
for abi in $(sqlite3 "$T/k.db" "SELECT a.name FROM abi_release ar JOIN abi a ON a.id = ar.abi_id
		WHERE ar.ord = (SELECT max(ord) FROM release) ORDER BY a.name"); do
	roundtrip "$T/k.db" "$abi" v7.1.5
done

# numdiff THEIRS OURS: "abi name theirs ours" per differing number over the
# names both have; "only-theirs NAME" / "only-ours NAME" for the others.
numdiff() {
	awk -F, 'FNR == 1 { if (NR == 1) for (i = 2; i <= NF; i += 2) abi[i] = $i; next }
	NR == FNR { for (i = 2; i <= NF; i += 2) th[$1, i] = $i; tn[$1] = 1; next }
	{ on[$1] = 1
	  if (!($1 in tn)) { print "only-ours", $1; next }
	  for (i = 2; i <= NF; i += 2) if (th[$1, i] != $i) print abi[i], $1, th[$1, i], $i }
	END { for (n in tn) if (!(n in on)) print "only-theirs", n }' "$1" "$2" | LC_ALL=C sort
}

# 7.1.5 against libseccomp at 7.1-rc4: names and numbers.  (mips o32's
# unused59 and unused109, implemented slots under placeholder names, are in
# kabi's tables but not in its seccomp-csv, as not in libseccomp's.)
"$KABI" export --db "$T/k.db" --format seccomp-csv --at v7.1.5 >"$T/71.csv"
eq "7.1 header" "$(head -1 "$T/71.csv" | cut -d, -f2-)" "$(head -1 "$DATA/oracle/libseccomp-syscalls-v7.1-rc4.csv" | cut -d, -f2-)"
numdiff "$DATA/oracle/libseccomp-syscalls-v7.1-rc4.csv" "$T/71.csv" >"$T/71.diff"
# s390 (31-bit compat) has no table in 7.1: kabi keeps the numbers of its
# last table in this catalog (6.12), as libseccomp keeps its last ones; the
# syscalls added after 6.12 (setxattrat ... in 6.13, file_getattr and
# file_setattr in 6.17) are those it cannot know.
eq "7.1: s390 keeps its 6.12 numbers; only later syscalls differ" "$(grep '^s390 ' "$T/71.diff")" "$(cat <<'LIST'
s390 file_getattr 468 PNR
s390 file_setattr 469 PNR
s390 getxattrat 464 PNR
s390 listxattrat 465 PNR
s390 open_tree_attr 467 PNR
s390 removexattrat 466 PNR
s390 setxattrat 463 PNR
LIST
)"
eq "7.1: the other differences are the known ones" "$(grep -v '^s390 ' "$T/71.diff")" "$(cat <<'LIST'
arm cacheflush 983042 PNR
loongarch64 memfd_secret PNR 447
only-theirs breakpoint
only-theirs get_tls
only-theirs set_tls
only-theirs usr26
only-theirs usr32
LIST
)"

# 6.12.117 against libseccomp at 6.16: numbers over the names both have
# (names added in 6.13-6.16 are only theirs and expected).
# No two of these releases are consecutive, so kabi knows no date after
# 3.0 exactly: by default every _kver is SCMP_KV_UNDEF (the first release
# is 3.4); --dates first-harvested gives the upper bounds compared below.
"$KABI" export --db "$T/k.db" --format seccomp-csv --at v6.12.117 >"$T/612x.csv"
eq "exact dates: none claimed in a catalog without consecutive releases" \
	"$(grep -o 'SCMP_KV_[0-9A-Z_]*' "$T/612x.csv" | sort -u)" SCMP_KV_UNDEF
"$KABI" export --db "$T/k.db" --format seccomp-csv --at v6.12.117 --dates first-harvested >"$T/612.csv" 2>/dev/null
eq "first-harvested: the same numbers" "$(cut -d, -f1-2,4,6,8 "$T/612.csv")" "$(cut -d, -f1-2,4,6,8 "$T/612x.csv")"
numdiff "$DATA/oracle/libseccomp-syscalls-v6.16-kver.csv" "$T/612.csv" >"$T/612.diff"
eq "6.12 vs 6.16: names only libseccomp has" "$(grep '^only-theirs' "$T/612.diff" | tr '\n' ' ')" \
	"only-theirs breakpoint only-theirs get_tls only-theirs getxattrat only-theirs listxattrat only-theirs open_tree_attr only-theirs removexattrat only-theirs set_tls only-theirs setxattrat only-theirs usr26 only-theirs usr32 "
eq "6.12 vs 6.16: number differences are the known ones" "$(grep -v '^only-' "$T/612.diff")" "$(cat <<'LIST'
arm arm_sync_file_range PNR 341
arm sync_file_range2 341 PNR
parisc get_thread_area 214 PNR
parisc set_thread_area 213 PNR
parisc timerfd 303 PNR
parisc64 _llseek 140 PNR
parisc64 get_thread_area 214 PNR
parisc64 set_thread_area 213 PNR
parisc64 timerfd 303 PNR
sh get_thread_area 244 PNR
sh ioperm 101 PNR
sh iopl 110 PNR
sh oldolduname 59 PNR
sh select 82 PNR
sh set_thread_area 243 PNR
sh vm86 166 PNR
sh vm86old 113 PNR
x32 epoll_ctl_old 214 PNR
x32 epoll_wait_old 215 PNR
x32 fadvise64_64 223 PNR
x32 fcntl64 25 PNR
x32 fstat64 80 PNR
x32 fstatat64 79 PNR
x32 fstatfs64 44 PNR
x32 ftruncate64 46 PNR
x32 get_thread_area 211 PNR
x32 mmap2 222 PNR
x32 sendfile64 71 PNR
x32 set_thread_area 205 PNR
x32 statfs64 43 PNR
x32 truncate64 45 PNR
x86 accept 202 PNR
x86 semop 193 PNR
x86 semtimedop 192 PNR
x86_64 fadvise64_64 223 PNR
x86_64 fcntl64 25 PNR
x86_64 fstat64 80 PNR
x86_64 fstatat64 79 PNR
x86_64 fstatfs64 44 PNR
x86_64 ftruncate64 46 PNR
x86_64 mmap2 222 PNR
x86_64 sendfile64 71 PNR
x86_64 statfs64 43 PNR
x86_64 truncate64 45 PNR
LIST
)"

# _kver (first-harvested): the first catalog release that has it, so the
# true release R satisfies R <= kabi's and, where the ABI had a table at the
# catalog's previous release (kabi's date is not the ABI's first table, the
# oldest date in its column), previous < R (as major.minor).
# libseccomp's date, where it gives one, must fall in that window; where it
# does not, the list below says so (docs/formats.md explains each).
lines=$(sqlite3 "$T/k.db" "SELECT major || '_' || minor FROM release ORDER BY ord" | tr '\n' ' ')
kver_bad=$(awk -F, -v lines="$lines" '
	function key(s,   a) { sub(/^SCMP_KV_/, "", s); split(s, a, "_"); return a[1] * 1000 + a[2] }
	BEGIN { n = split(lines, L, " "); for (i = 1; i <= n; i++) { k = key(L[i]); prev[k] = i > 1 ? key(L[i - 1]) : -1 } }
	FNR == 1 { file++; if (file == 2) for (i = 2; i <= NF; i += 2) abi[i] = $i; next }
	file == 1 { for (i = 2; i <= NF; i += 2) if ($(i + 1) != "SCMP_KV_UNDEF" && (!(i in first) || key($(i + 1)) < first[i])) first[i] = key($(i + 1)); next }
	file == 2 { for (i = 2; i <= NF; i += 2) { num[$1, i] = $i; kv[$1, i] = $(i + 1) } next }
	{ for (i = 2; i <= NF; i += 2) {
		if (!(($1, i) in num) || num[$1, i] != $i || $i == "PNR" || $(i + 1) == "SCMP_KV_UNDEF") continue
		ours = $(i + 1); sub(/^SCMP_KV_/, "", ours); o = key(ours)
		theirs = kv[$1, i]; sub(/^SCMP_KV_/, "", theirs)
		low = o > first[i] ? prev[o] : -1
		if (theirs != "UNDEF" && !(key(theirs) > low && key(theirs) <= o)) print abi[i], $1, theirs, ours
	} }' "$T/612.csv" "$DATA/oracle/libseccomp-syscalls-v6.16-kver.csv" "$T/612.csv" | LC_ALL=C sort)
eq "_kver: libseccomp's dates outside kabi's window are the known ones" "$kver_bad" "$(cat <<'LIST'
x86 accept4 3_10 4_4
x86 bind 3_10 4_4
x86 connect 3_10 4_4
x86 getpeername 3_10 4_4
x86 getsockname 3_10 4_4
x86 getsockopt 3_10 4_4
x86 listen 3_10 4_4
x86 msgctl 3_10 5_4
x86 msgget 3_10 5_4
x86 msgrcv 3_10 5_4
x86 msgsnd 3_10 5_4
x86 recvfrom 3_10 4_4
x86 recvmsg 3_10 4_4
x86 semctl 3_10 5_4
x86 semget 3_10 5_4
x86 sendmsg 3_10 4_4
x86 sendto 3_10 4_4
x86 setsockopt 3_10 4_4
x86 shmat 3_10 5_4
x86 shmctl 3_10 5_4
x86 shmdt 3_10 5_4
x86 shmget 3_10 5_4
x86 shutdown 3_10 4_4
x86 socket 3_10 4_4
x86 socketpair 3_10 4_4
LIST
)"
finish
