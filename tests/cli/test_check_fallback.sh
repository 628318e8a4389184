#!/bin/bash
# kabi check with fallbacks: a syscall is required, optional (glibc tries
# it first and falls back on ENOSYS, or the user's --optional) or only a
# fallback, and the verdict is runs / runs with fallbacks / does not run.
#
# Part 1 uses the fixture catalog of tests/fixtures/make-tbl-repo.sh (read
# its header: x86_64 v4.0-rc1 .. v5.10 with read 0 and write 1 from
# v4.0-rc1, uselib 134 never implemented, clone3 435 from v5.9).  Part 2
# uses the 13 real releases of ../shared/data/real-tables (3.4.108 ..
# 7.1.5) and programs compiled here against glibc, with these kernel
# facts: faccessat2 came in 5.8, statx in 4.11, rseq in 4.18, clone3 in
# 5.3, openat2 (437 on x86_64) in 5.6; faccessat, newfstatat and clone are
# 2.6-era.  And glibc 2.34+ facts: faccessat() tries faccessat2 and falls
# back to faccessat on ENOSYS (sysdeps/unix/sysv/linux/faccessat.c),
# statx() falls back to fstatat64(), which is newfstatat on x86_64
# (statx.c, statx_generic.c, fstatat64.c), pthread_create tries clone3
# then clone (clone-internal.c) and ignores a failed rseq registration.
# Every expected value below comes from those facts, not from kabi's output.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0

# ---- --optional on the fixture ------------------------------------------
printf 'read\nclone3\n' >"$T/needs.txt"
"$KABI" check --kernel v4.17 "$T/needs.txt" >"$T/out" 2>"$T/err"
eq "clone3 required on 4.17: does not run (exit 1)" "$?" 1
ok "... and says so" grep -q "x86_64 at v4.17: does not run: 1 of 2 syscalls not available: clone3 (added later)" "$T/out"

"$KABI" check --kernel v4.17 --optional clone3 "$T/needs.txt" >"$T/out" 2>"$T/err"
eq "--optional clone3: runs with fallbacks (exit 0)" "$?" 0
ok "... the degraded path: clone3 -> none" \
	grep -q "x86_64 at v4.17: runs with fallbacks: 1 of 2 syscalls not available, used instead: clone3 -> none" "$T/out"

"$KABI" check --kernel v4.17 --optional clone3=write "$T/needs.txt" --format csv >"$T/out" 2>"$T/err"
eq "--optional clone3=write: exit 0" "$?" 0
eq "the table says optional, with its fallback (columns at the end)" "$(grep '^clone3,' "$T/out")" \
	"clone3,added later,,<=v5.9,,optional,write"
eq "read stays required" "$(grep '^read,' "$T/out")" "read,available,0,<=v4.0-rc1,,required,"
# (counted from the end: the verdict text before them may hold commas)
eq "the verdicts table counts the fallback (fallbacks, oldest, unknown end the row)" \
	"$(grep "^$T/needs.txt,names," "$T/out" | awk -F, '{ print $4 "/" $(NF - 2) "/" $NF }')" "0/1/0"

"$KABI" check --kernel v4.17 --optional clone3=uselib "$T/needs.txt" >"$T/out" 2>"$T/err"
eq "a fallback that is not there either: does not run (exit 1)" "$?" 1
ok "... and names it" grep -q "clone3 (added later; its fallback uselib is not available either)" "$T/out"

eq "--optional clone3=write --optional clone3=uselib: every fallback is needed" \
	"$(exit_code "$KABI" check --kernel v4.17 --optional clone3=write --optional clone3=uselib "$T/needs.txt")" 1
eq "a comma list: --optional clone3,read" \
	"$(exit_code "$KABI" check --kernel v4.0-rc1 --optional clone3,read "$T/needs.txt")" 0
eq "on 5.9 clone3 is there: runs, fallback unused" \
	"$("$KABI" check --kernel v5.9 --optional clone3=uselib "$T/needs.txt" 2>/dev/null | tail -1)" \
	"$T/needs.txt: x86_64 at v5.9: runs: all 2 syscalls available"
eq "an --optional syscall the input does not need changes nothing" \
	"$(exit_code "$KABI" check --kernel v4.17 --optional write "$T/needs.txt")" 1
"$KABI" check --kernel v4.17 --optional clonee3 "$T/needs.txt" >/dev/null 2>"$T/err"
eq "--optional with a name no kernel had: exit 2" "$?" 2
ok "... with a suggestion" grep -q "clone3" "$T/err"
eq "--optional with an empty name: exit 2" "$(exit_code "$KABI" check --kernel v4.17 --optional 'read,,clone3' read)" 2
eq "--optional with an empty fallback: exit 2" "$(exit_code "$KABI" check --kernel v4.17 --optional 'clone3=' read)" 2
eq "names on the command line too" "$(exit_code "$KABI" check --kernel v4.17 --optional clone3 read clone3)" 0

# --min: the range where it runs counts the fallback; the range without
# fallbacks starts where clone3 does
"$KABI" check --min --optional clone3=write "$T/needs.txt" >"$T/out" 2>"$T/err"
eq "--min with a fallback: exit 0" "$?" 0
ok "--min: runs from the oldest release (read and write are there)" \
	grep -q "x86_64: oldest: v4.0-rc1 (oldest in the catalog); newest: v5.10 (newest in the catalog); without fallbacks: oldest: v5.9 (set by clone3)" "$T/out"
"$KABI" check --min --optional clone3=uselib "$T/needs.txt" >"$T/out" 2>"$T/err"
ok "--min with a fallback no release has: clone3's range, set by clone3 and its fallback" \
	grep -qx "$T/needs.txt: x86_64: oldest: v5.9 (set by clone3 (fallback uselib)); newest: v5.10 (newest in the catalog)" "$T/out"
"$KABI" check --min "$T/needs.txt" >"$T/out" 2>"$T/err"
ok "--min without --optional: from clone3's release, nothing more said" \
	grep -qx "$T/needs.txt: x86_64: oldest: v5.9 (set by clone3); newest: v5.10 (newest in the catalog)" "$T/out"

# ---- real releases, real programs ----------------------------------------
DATA="${KABI_SHARED:-$KABI_SRC/../shared}/data"
if [ ! -d "$DATA/real-tables" ]; then
	skip_part "no $DATA/real-tables (../shared is not beside the project)"
	finish
fi
if ! have gcc || [ "$(uname -m)" != x86_64 ] || ! ldd --version 2>&1 | grep -q GLIBC; then
	skip_part "no gcc with glibc on x86_64"
	finish
fi
bash "$KABI_SRC/scripts/prepare-real-tables-repo.sh" "$DATA" "$T/rt" >/dev/null 2>&1 ||
	{ echo "FAIL: cannot assemble the repository"; exit 1; }
export KABI_DB="$T/rt.db"
"$KABI" harvest "$T/rt" 2>/dev/null
eq "real-tables harvest exits 0" "$?" 0
glibc=$(ldd --version 2>&1 | head -1 | grep -oE '[0-9]+\.[0-9]+$')

# faccessat with AT_EACCESS, statx() and stat(): glibc 2.33+ (stat through
# fstatat64, newfstatat on x86_64), 2.34+ for the faccessat2 first try
cat >"$T/fa.c" <<'EOF'
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void)
{
	struct statx stx;
	struct stat st;

	return faccessat(AT_FDCWD, "/", R_OK, AT_EACCESS) | statx(AT_FDCWD, "/", 0, STATX_BASIC_STATS, &stx) |
	       stat("/", &st);
}
EOF
# openat2 through a raw syscall with a constant number: no fallback
cat >"$T/o2.c" <<'EOF'
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <fcntl.h>
int main(void)
{
	struct statx stx;
	long how[3] = {0, 0, 0};

	return (int)syscall(437, AT_FDCWD, "/", how, sizeof(how)) | statx(AT_FDCWD, "/", 0, STATX_BASIC_STATS, &stx);
}
EOF
cat >"$T/th.c" <<'EOF'
#include <pthread.h>
static void *run(void *a) { return a; }
int main(void)
{
	pthread_t t;

	return pthread_create(&t, 0, run, 0) || pthread_join(t, 0);
}
EOF
gcc -O2 -o "$T/fa" "$T/fa.c" && gcc -O2 -o "$T/o2" "$T/o2.c" && gcc -O2 -pthread -o "$T/th" "$T/th.c"
eq "the programs compile" "$?" 0
if [ "$(printf '%s\n' "$glibc" 2.34 | sort -V | head -1)" != 2.34 ]; then
	skip_part "glibc $glibc is older than 2.34"
	finish
fi

"$KABI" check --kernel v3.10.105 "$T/fa" --format csv >"$T/out" 2>"$T/err"
eq "faccessat + statx on 3.10: runs (exit 0)" "$?" 0
eq "faccessat2 is optional, falling back to faccessat" "$(grep '^faccessat2,' "$T/out" | cut -d, -f1,2,6,7)" \
	"faccessat2,added later,optional,faccessat"
eq "statx is optional, falling back to newfstatat" "$(grep '^statx,' "$T/out" | cut -d, -f1,2,6,7)" \
	"statx,added later,optional,newfstatat"
eq "faccessat is only a fallback" "$(grep '^faccessat,' "$T/out" | cut -d, -f1,2,6,7)" \
	"faccessat,available,fallback,faccessat2"
eq "newfstatat is required: stat() makes it" "$(grep '^newfstatat,' "$T/out" | cut -d, -f1,2,6)" \
	"newfstatat,available,required"
"$KABI" check --kernel v3.10.105 "$T/fa" >"$T/out" 2>"$T/err"
ok "3.10: runs with fallbacks, both paths named" \
	grep -qE "x86_64 at v3.10.105: runs with fallbacks: 2 of [0-9]+ syscalls not available, used instead: (faccessat2 -> faccessat, statx -> newfstatat|statx -> newfstatat, faccessat2 -> faccessat)$" "$T/out"
"$KABI" check --kernel v4.14.67 "$T/fa" >"$T/out" 2>"$T/err"
ok "4.14 has statx: only faccessat2 falls back" \
	grep -qE "x86_64 at v4.14.67: runs with fallbacks: 1 of [0-9]+ syscalls not available, used instead: faccessat2 -> faccessat$" "$T/out"
"$KABI" check --kernel v5.10.89 "$T/fa" >"$T/out" 2>"$T/err"
eq "5.10 has both: runs (exit 0)" "$?" 0
ok "... all available" grep -qE "x86_64 at v5.10.89: runs: all [0-9]+ syscalls available$" "$T/out"
"$KABI" check --min "$T/fa" >"$T/out" 2>"$T/err"
ok "--min: runs on the oldest release, without fallbacks from 5.10 (the first with faccessat2)" \
	grep -q "x86_64: oldest: v3.4.108 (oldest in the catalog); newest: v7.1.5 (newest in the catalog); without fallbacks: oldest: v5.10.89 (set by faccessat2)" "$T/out"

"$KABI" check --kernel v3.10.105 "$T/o2" >"$T/out" 2>"$T/err"
eq "raw openat2 on 3.10: does not run (exit 1)" "$?" 1
ok "... naming openat2 only, the statx fallback told" \
	grep -qE "x86_64 at v3.10.105: does not run: 1 of [0-9]+ syscalls not available: openat2 \(added later; call to syscall at 0x[0-9a-f]+\); with fallbacks: statx -> newfstatat;" "$T/out"
eq "raw openat2 on 5.4: does not run" "$(exit_code "$KABI" check --kernel v5.4.286 "$T/o2")" 1
eq "raw openat2 on 5.10: runs" "$(exit_code "$KABI" check --kernel v5.10.89 "$T/o2")" 0
"$KABI" check --kernel v5.4.286 --optional openat2 "$T/o2" >"$T/out" 2>"$T/err"
eq "--optional openat2 on 5.4: exit 0" "$?" 0
ok "... openat2 -> none" grep -qE "runs with fallbacks: 1 of [0-9]+ syscalls not available, used instead: openat2 -> none;" "$T/out"
"$KABI" check --min "$T/o2" >"$T/out" 2>"$T/err"
ok "--min of raw openat2: from 5.10 (the first release with openat2), set by openat2" \
	grep -q "x86_64: oldest: v5.10.89 (set by openat2)" "$T/out"

"$KABI" check --kernel v3.10.105 "$T/th" >"$T/out" 2>"$T/err"
eq "pthread_create on 3.10: runs (exit 0)" "$?" 0
ok "... clone3 -> clone and rseq -> none" \
	grep -qE "runs with fallbacks: 2 of [0-9]+ syscalls not available, used instead: clone3 -> clone, rseq -> none$" "$T/out"

# Debian 12's ls: faccessat (euidaccess) and statx, from glibc 2.36
if grep -q '^12\.' /etc/debian_version 2>/dev/null && nm -D /bin/ls 2>/dev/null | grep -q ' U statx@' &&
	nm -D /bin/ls | grep -q ' U faccessat@'; then
	"$KABI" check --kernel v3.10.105 /bin/ls >"$T/out" 2>"$T/err"
	eq "Debian 12 ls on 3.10: exit 0" "$?" 0
	ok "... runs with fallbacks: faccessat2 -> faccessat, statx -> newfstatat" \
		grep -qE "^/bin/ls: x86_64 at v3.10.105: runs with fallbacks: 2 of [0-9]+ syscalls not available, used instead: faccessat2 -> faccessat, statx -> newfstatat$" "$T/out"
	"$KABI" check --kernel v6.1.192 /bin/ls >"$T/out" 2>"$T/err"
	eq "Debian 12 ls on 6.1: exit 0" "$?" 0
	ok "... runs" grep -qE "^/bin/ls: x86_64 at v6.1.192: runs: all [0-9]+ syscalls available$" "$T/out"
else
	skip_part "/bin/ls is not Debian 12's"
fi
finish
