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
# csky and hexagon: slot 84 is sync_file_range2 in user space at both
# releases (6.1: __ARCH_WANT_SYNC_FILE_RANGE2 in the uapi unistd.h, since
# "csky, hexagon: fix broken sys_sync_file_range", 6.10 and stable; 6.12:
# "#define __NR_sync_file_range2 84" and "#undef __NR_sync_file_range"
# after asm/unistd_32.h), so the move to scripts/syscall.tbl renames nothing.
eq "csky, hexagon: 84 is sync_file_range2 at 6.1 and 6.12, no event" \
	"$(for a in csky hexagon; do for v in "$v61" "$v612"; do "$KABI" table --abi $a --at "$v" --format csv |
		awk -F, '$1 == 84 { print $2, $3 }'; done; "$KABI" diff "$v61" "$v612" --abi $a --format csv |
		awk -F, 'NR > 1 && $3 ~ /sync_file_range/ { print $2, $3 }'; done)" \
	"sync_file_range2 sys_sync_file_range2
sync_file_range2 sys_sync_file_range2
sync_file_range2 sys_sync_file_range2
sync_file_range2 sys_sync_file_range2"
# ARM's private syscalls (issue 14): arch/arm/include/uapi/asm/unistd.h's
# __ARM_NR_* at __NR_SYSCALL_BASE + 0x0f0000 + 1..6, and arm64's
# asm/unistd.h's __ARM_NR_compat_cacheflush and _set_tls (under
# CONFIG_COMPAT), rows of the arm ABIs marked private.
eq "arm, arm-oabi, arm64-compat 6.12: the private rows, from the trees' headers" \
	"$(for a in arm arm-oabi arm64-compat; do "$KABI" table --abi $a --at "$v612" --format csv |
		awk -F, -v a=$a '$8 == 1 { printf "%s %s %x %s %s\n", a, $2, $1, $3, $5 }'; done)" \
	"$(for v in 0 900000; do for s in breakpoint:1 cacheflush:2 usr26:3 usr32:4 set_tls:5 get_tls:6; do
		printf '%s %s %x  1\n' "$([ $v = 0 ] && echo arm || echo arm-oabi)" "${s%:*}" $((0x$v + 0x0f0000 + ${s#*:})); done; done)
arm64-compat cacheflush f0002  1
arm64-compat set_tls f0005  1"
eq "the headers define them so" \
	"$(git -C "$KABI_DEBIAN_REPO" show "$v612:arch/arm/include/uapi/asm/unistd.h" | grep -c '^#define __ARM_NR_[a-z]')$(git -C "$KABI_DEBIAN_REPO" show "$v612:arch/arm64/include/asm/unistd.h" | grep -c '^#define __ARM_NR_compat_[a-z]')" "62"
eq "no other row is private; 6.1 has the same ones, no event at 6.12" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM syscalls_at WHERE table_nr >= 983040")|$("$KABI" diff "$v61" "$v612" --abi arm --format csv | grep -cE ',(breakpoint|cacheflush|usr26|usr32|set_tls|get_tls),')" "28|0"
ok "check: set_tls on arm is available" sh -c "'$KABI' check --abi arm --kernel 6.12 set_tls 2>/dev/null | grep -q '^set_tls  *available'"
eq "show marks it private" "$("$KABI" show get_tls --format csv | awk -F, 'NR > 1 && $1 == "arm" { print $2, $8 }' | head -1)" "983046 1"
"$KABI" export --abi arm --at "$v612" --format gdb-xml >"$T/arm.xml"
eq "gdb-xml: ARM_ names, as gdb's arm-linux.xml" "$(grep -o 'name="ARM_[a-z_0-9]*" number="[0-9]*"' "$T/arm.xml" | tr '\n' ' ')" \
	'name="ARM_breakpoint" number="983041" name="ARM_cacheflush" number="983042" name="ARM_usr26" number="983043" name="ARM_usr32" number="983044" name="ARM_set_tls" number="983045" name="ARM_get_tls" number="983046" '
eq "c-header: __ARM_NR_ as <asm/unistd.h>; glibc, go, rust: none" \
	"$("$KABI" export --abi arm --at "$v612" --format c-header | grep -c '^#define __ARM_NR_')$(for f in glibc go rust; do "$KABI" export --abi arm --at "$v612" --format $f | grep -ciE 'breakpoint|set_tls'; done | tr -d '\n')" "6000"
eq "musl: musl's __ARM_NR_ block (arch/arm/bits/syscall.h.in), none as SYS_" \
	"$("$KABI" export --abi arm --at "$v612" --format musl | grep -E 'ARM_|_tls|breakpoint' | tr '\t' ' ' | tr -s ' ')" \
	"#define __ARM_NR_breakpoint 0x0f0001
#define __ARM_NR_cacheflush 0x0f0002
#define __ARM_NR_usr26 0x0f0003
#define __ARM_NR_usr32 0x0f0004
#define __ARM_NR_set_tls 0x0f0005
#define __ARM_NR_get_tls 0x0f0006"
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
# (then an empty why and config: the table has the columns, lookup_dcookie
# has a why, other rows a config)
eq "table --signatures: read" \
	"$("$KABI" table --abi x86_64 --at "$v61" --signatures --format csv | awk -F, '$2 == "read"')" \
	"0,read,sys_read,,1,<=$v61,,0,\"unsigned int fd, char __user *buf, size_t count\",fs/read_write.c,$(git -C "$KABI_DEBIAN_REPO" show "$v61:fs/read_write.c" | grep -n '^SYSCALL_DEFINE3(read,' | cut -d: -f1),,"
ok "show prints the signature history" sh -c "'$KABI' show name_to_handle_at --abi x86_64 | grep -q 'void __user \*mnt_id'"
eq "every x86_64 syscall implemented at 6.12 has a signature but a few assembly entries" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM syscalls_at sa WHERE release = '$v612' AND abi = 'x86_64' AND implemented
		AND NOT EXISTS (SELECT 1 FROM signatures g WHERE g.abi = sa.abi AND g.syscall = sa.syscall
		AND g.first_ord <= (SELECT ord FROM release WHERE name = '$v612') AND g.last_ord >= (SELECT ord FROM release WHERE name = '$v612'))" | awk '{ print ($1 <= 5) }')" 1
eq "re-harvest is a no-op" "$("$KABI" harvest "$KABI_DEBIAN_REPO" 2>&1 | grep -c 'is up to date')" 1
finish
