#!/bin/bash
# Harvests the repository made from Debian's linux-source-6.1 and -6.12
# (scripts/prepare-debian-repo.sh; KABI_DEBIAN_REPO names it) and checks
# facts read in the two trees' syscall tables:
#  - x86_64 6.1 -> 6.12: exactly cachestat (451) ... mseal (462) and
#    uretprobe (335) added; lookup_dcookie was already not implemented at
#    6.1 (fs/dcookies.c went in 5.12: only COND_SYSCALL in kernel/sys_ni.c
#    provides sys_lookup_dcookie, issue 16 class 10), so 6.7's table writing
#    sys_ni_syscall is only a new entry point;
#  - powerpc64 gets the same generic ones, with map_shadow_stack (453) a
#    sys_ni_syscall slot: present but not implemented;
#  - arm64 at 6.1 is read from its asm-generic header (the header era) and
#    at 6.12 from scripts/syscall.tbl through arch/arm64/tools/syscall_64.tbl,
#    with no event at that change but the real ones;
#  - the README's question: openat2 and clone3 yes, cachestat and mseal no,
#    on 6.1.
. "$(dirname "$0")/../lib/testlib.sh"
[ -n "${KABI_DEBIAN_REPO:-}" ] && [ -d "$KABI_DEBIAN_REPO" ] ||
	skip "KABI_DEBIAN_REPO is not set (run scripts/prepare-debian-repo.sh, or 'make test')"
export KABI_DB="$T/k.db"
"$KABI" harvest "$KABI_DEBIAN_REPO" 2>"$T/err"
eq "harvest exits 0" "$?" 0
v61=$("$KABI" versions --format csv | awk -F, '$3 == "6.1" { print $1 }')
v612=$("$KABI" versions --format csv | awk -F, '$3 == "6.12" { print $1 }')
ok "a 6.1 release ($v61)" test -n "$v61"
ok "a 6.12 release ($v612)" test -n "$v612"

eq "x86_64: added between 6.1 and 6.12" \
	"$("$KABI" diff "$v61" "$v612" --abi x86_64 --format csv | awk -F, '$2 == "added" { print $3 "=" $5 }' | sort | tr '\n' ' ')" \
	"cachestat=451 fchmodat2=452 futex_requeue=456 futex_wait=455 futex_wake=454 listmount=458 lsm_get_self_attr=459 lsm_list_modules=461 lsm_set_self_attr=460 map_shadow_stack=453 mseal=462 statmount=457 uretprobe=335 "
eq "x86_64: nothing removed or unimplemented (lookup_dcookie was not implemented at 6.1 already)" \
	"$("$KABI" diff "$v61" "$v612" --abi x86_64 --format csv | awk -F, 'NR > 1 && $2 != "added" { print $2, $3 }')" \
	""
eq "x86_64: lookup_dcookie at 6.1: not implemented, and why" \
	"$(sqlite3 -separator ' ' "$KABI_DB" "SELECT entry, implemented, why FROM syscalls_at WHERE release = '$v61' AND abi = 'x86_64' AND syscall = 'lookup_dcookie'")" \
	"sys_lookup_dcookie 0 cond_syscall only: no definition of sys_lookup_dcookie is built for x86"
eq "powerpc64: the generic additions" \
	"$("$KABI" diff "$v61" "$v612" --abi powerpc64 --format csv | awk -F, '$2 == "added" { print $3 }' | sort | tr '\n' ' ')" \
	"cachestat fchmodat2 futex_requeue futex_wait futex_wake listmount lsm_get_self_attr lsm_list_modules lsm_set_self_attr map_shadow_stack mseal statmount "
eq "powerpc64: map_shadow_stack is a reserved slot" \
	"$("$KABI" table --abi powerpc64 --at "$v612" --format csv | awk -F, '$2 == "map_shadow_stack" { print $1, $3, $5 }')" \
	"453 sys_ni_syscall 0"
eq "arm64 6.1: header era, read from arch/arm64/include/uapi/asm/unistd.h" \
	"$(sqlite3 "$KABI_DB" "SELECT path FROM abi_release ar JOIN abi a ON a.id = ar.abi_id JOIN release r ON r.ord = ar.ord WHERE a.name = 'arm64' AND r.name = '$v61'")" \
	"arch/arm64/include/uapi/asm/unistd.h"
for abi in arm64 arm64-compat riscv64 riscv32 loongarch64 arc openrisc nios2; do
	eq "$abi: header -> scripts/syscall.tbl between 6.1 and 6.12: nothing but real changes" \
		"$("$KABI" diff "$v61" "$v612" --abi $abi --format csv | awk -F, 'NR > 1 && $2 != "added" { print $2, $3 }')" \
		""
done
# The header era's own syscalls at 244, written as __NR_arch_specific_syscall
# (issue 16): in the 6.1 table, so no "added" at 6.12's scripts/syscall.tbl.
eq "openrisc, nios2 6.1: or1k_atomic and cacheflush at 244" \
	"$(for a in openrisc nios2; do "$KABI" table --abi $a --at "$v61" --format csv | awk -F, '$1 == 244 { print $2, $3, $5 }'; done)" \
	"or1k_atomic sys_or1k_atomic 1
cacheflush sys_cacheflush 1"
# mips o32's placeholder names over implemented slots: syscall_o32.tbl's
# "59 o32 unused59 sys_olduname", "109 o32 unused109 sys_uname".
eq "mips-o32 6.1, 6.12: unused59 and unused109 are implemented" \
	"$(for v in "$v61" "$v612"; do "$KABI" table --abi mips-o32 --at "$v" --format csv | awk -F, '$2 ~ /^unused/ { print $1, $2, $3, $5 }'; done)" \
	"4059 unused59 sys_olduname 1
4109 unused109 sys_uname 1
4059 unused59 sys_olduname 1
4109 unused109 sys_uname 1"
"$KABI" table --abi arm64 --at "$v612" --format csv >"$T/arm64"
eq "arm64 6.12: rows as scripts/syscall.tbl gives them for common,64,renameat,rlimit,memfd_secret" \
	"$(awk -F, 'NR > 1' "$T/arm64" | wc -l)" \
	"$(git -C "$KABI_DEBIAN_REPO" show "$v612:scripts/syscall.tbl" |
		awk '!/^#/ && NF >= 3 && $2 ~ /^(common|64|renameat|rlimit|memfd_secret)$/' | wc -l)"
eq "arm64 6.12: a few numbers" \
	"$(awk -F, '$2 ~ /^(io_setup|openat|clone3|mseal|renameat|newfstatat|getrlimit)$/ { print $2 "=" $1 }' "$T/arm64" | sort | tr '\n' ' ')" \
	"clone3=435 getrlimit=163 io_setup=0 mseal=462 newfstatat=79 openat=56 renameat=38 "
eq "arm64 6.12: no arch-private rows of other archs" "$(grep -cE ',(riscv_hwprobe|cacheflush|riscv_flush_icache),' "$T/arm64")" 0
"$KABI" check --kernel 6.1 openat2 clone3 cachestat mseal >"$T/out"
eq "check on 6.1 exits 1" "$?" 1
ok "check verdict names the missing ones" grep -q "2 of 4 syscalls not available: cachestat (added later), mseal (added later)" "$T/out"
eq "check on 6.12 exits 0" "$(exit_code "$KABI" check --kernel 6.12 openat2 clone3 cachestat mseal)" 0
# Signatures (issue 6), read in the trees: fs/fhandle.c's name_to_handle_at
# took `int __user *, mnt_id` in 6.1 and `void __user *, mnt_id` in 6.12;
# fs/read_write.c: SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count).
eq "name_to_handle_at changed signature on x86_64 in 6.12" \
	"$(sqlite3 "$KABI_DB" "SELECT previous_release, release, old_signature, new_signature FROM events
		WHERE abi = 'x86_64' AND syscall = 'name_to_handle_at' AND kind = 'signature_changed'")" \
	"$v61|$v612|int, const char *, struct file_handle *, int *, int|int, const char *, struct file_handle *, void *, int"
eq "diff --signatures lists it" \
	"$("$KABI" diff "$v61" "$v612" --abi x86_64 --signatures --format csv | awk -F, '$2 == "name_to_handle_at" { print $1, $2 }')" \
	"x86_64 name_to_handle_at"
eq "the signature event has its commit" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM event WHERE kind = 'signature_changed' AND commit_id IS NULL")" 0
eq "table --signatures: read" \
	"$("$KABI" table --abi x86_64 --at "$v61" --signatures --format csv | awk -F, '$2 == "read"')" \
	"0,read,sys_read,,1,<=$v61,,\"unsigned int fd, char __user *buf, size_t count\",fs/read_write.c,$(git -C "$KABI_DEBIAN_REPO" show "$v61:fs/read_write.c" | grep -n '^SYSCALL_DEFINE3(read,' | cut -d: -f1)"
ok "show prints the signature history" sh -c "'$KABI' show name_to_handle_at --abi x86_64 | grep -q 'void __user \*mnt_id'"
eq "every x86_64 syscall implemented at 6.12 has a signature but a few assembly entries" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM syscalls_at sa WHERE release = '$v612' AND abi = 'x86_64' AND implemented
		AND NOT EXISTS (SELECT 1 FROM signatures g WHERE g.abi = sa.abi AND g.syscall = sa.syscall
		AND g.first_ord <= (SELECT ord FROM release WHERE name = '$v612') AND g.last_ord >= (SELECT ord FROM release WHERE name = '$v612'))" | awk '{ print ($1 <= 5) }')" 1
eq "re-harvest is a no-op" "$("$KABI" harvest "$KABI_DEBIAN_REPO" 2>&1 | grep -c 'is up to date')" 1
finish
