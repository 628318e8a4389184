#!/bin/bash
# "In the table" is not "implemented" (issue 16, class 10), on Debian's 6.12
# tree (KABI_DEBIAN_REPO):
#  - every (ABI, syscall) the catalog marks implemented at 6.12 has a
#    definition built for that architecture: a signature the catalog read
#    (SYSCALL_DEFINE ... in generic code or the arch's directory), or else a
#    definition of the entry symbol in arch/<arch>/ that the tree itself
#    shows (an assembly label or ENTRY(), a "#define sys_mmap2
#    sys_mmap_pgoff" in a C table, alpha's "fork_like fork" macros);
#  - sys_map_shadow_stack is defined in arch/x86 alone (COND_SYSCALL in
#    kernel/sys_ni.c elsewhere): implemented on x86_64, not on arm64, and
#    table, show and check say why;
#  - a definition built only under a Kconfig option is "implemented if
#    CONFIG_X" (span_config): fanotify_init on x86_64 (fs/notify/fanotify/
#    Makefile), bpf, msgget, mq_open, io_uring_setup, quotactl; read and
#    write have no condition, and check still says available (exit 0).
. "$(dirname "$0")/../lib/testlib.sh"
[ -n "${KABI_DEBIAN_REPO:-}" ] && [ -d "$KABI_DEBIAN_REPO" ] ||
	skip "KABI_DEBIAN_REPO is not set (run scripts/prepare-debian-repo.sh, or 'make test')"
export KABI_DB="$T/k.db"
debian_db "$KABI_DB" || skip "no Debian catalog"
v612=$("$KABI" versions --format csv | awk -F, '$3 == "6.12" { print $1 }')
ok "a 6.12 release ($v612)" test -n "$v612"

sqlite3 -separator ' ' "$KABI_DB" "SELECT DISTINCT a.arch, t.entry FROM syscall_table t JOIN abi a ON a.id = t.abi_id
	WHERE t.release = '$v612' AND t.implemented = 1 AND NOT EXISTS (SELECT 1 FROM signature g
	WHERE g.abi_id = t.abi_id AND g.syscall_id = t.syscall_id AND g.first_ord <= t.ord AND g.last_ord >= t.ord)" >"$T/nosig"
ok "some implemented entries have no C signature (assembly ones)" test -s "$T/nosig"
: >"$T/missing"
while read -r arch e; do
	suffix=${e#*_}
	git -C "$KABI_DEBIAN_REPO" grep -qE \
		"^$e:|\($e\)|^#define[[:space:]]+$e[[:space:]]|[[:space:]*]$e\(|^[a-z_]+_like[[:space:]]+$suffix\$" \
		"$v612" -- "arch/$arch/*.S" "arch/$arch/*.c" || echo "$arch $e" >>"$T/missing"
done <"$T/nosig"
eq "every implemented entry without a signature is defined in its arch's directory" "$(cat "$T/missing")" ""
eq "no implemented row names an entry only cond_syscall provides" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM syscalls_at WHERE release = '$v612' AND implemented = 1 AND entry = 'sys_map_shadow_stack' AND abi <> 'x86_64' AND abi <> 'x32' AND abi <> 'i386'")" "0"

eq "x86_64: map_shadow_stack implemented" \
	"$("$KABI" table --abi x86_64 --at "$v612" --format csv | awk -F, '$2 == "map_shadow_stack" { print $5 }')" "1"
eq "arm64: map_shadow_stack in the table, not implemented, and why" \
	"$("$KABI" table --abi arm64 --at "$v612" --format csv | awk -F, '$2 == "map_shadow_stack" { print $3, $5, $9 }')" \
	"sys_map_shadow_stack 0 cond_syscall only: no definition of sys_map_shadow_stack is built for arm64"
"$KABI" check --kernel "$v612" --abi arm64 map_shadow_stack >"$T/out" 2>&1
eq "check arm64 map_shadow_stack: does not run (exit 1)" "$?" 1
ok "check: status not implemented, with the reason" \
	grep -qE "^map_shadow_stack +not implemented .*cond_syscall only" "$T/out"
ok "check: the verdict gives the reason" grep -q "map_shadow_stack (not implemented: cond_syscall only" "$T/out"
"$KABI" show map_shadow_stack --at "$v612" >"$T/out"
ok "show --at: arm64 not implemented, why" grep -qE "^arm64 +not implemented +453 +cond_syscall only" "$T/out"
ok "show --at: x86_64 available (if its Kconfig option)" grep -qE "^x86_64 +available if CONFIG_X86_USER_SHADOW_STACK +453" "$T/out"

# __ARCH_BROKEN_SYS_CLONE3 (arch/nios2/include/asm/unistd.h): kernel/fork.c's
# clone3 returns -ENOSYS there, though scripts/syscall.tbl lists sys_clone3
eq "nios2 and hexagon: clone3 not implemented, and why" \
	"$(sqlite3 -separator ' ' "$KABI_DB" "SELECT abi, implemented, why FROM syscalls_at WHERE release = '$v612' AND syscall = 'clone3' AND implemented = 0 ORDER BY abi")" \
	"hexagon 0 __ARCH_BROKEN_SYS_CLONE3: sys_clone3 returns -ENOSYS on hexagon (arch/hexagon/include/asm/unistd.h)
nios2 0 __ARCH_BROKEN_SYS_CLONE3: sys_clone3 returns -ENOSYS on nios2 (arch/nios2/include/asm/unistd.h)"
"$KABI" check --kernel "$v612" --abi nios2 clone3 >"$T/out" 2>&1
eq "check nios2 clone3: does not run" "$?" 1
ok "check: says __ARCH_BROKEN_SYS_CLONE3" grep -q "clone3 (not implemented: __ARCH_BROKEN_SYS_CLONE3" "$T/out"
eq "riscv64: clone3 implemented" \
	"$(sqlite3 "$KABI_DB" "SELECT implemented FROM syscalls_at WHERE release = '$v612' AND syscall = 'clone3' AND abi = 'riscv64'")" "1"
# Kconfig conditions (span_config): from the Makefiles and #ifdefs of 6.12
cfg() { sqlite3 "$KABI_DB" "SELECT coalesce(config, '-') FROM syscalls_at WHERE release = '$v612' AND abi = '$1' AND syscall = '$2'"; }
eq "x86_64 fanotify_init: if CONFIG_FANOTIFY" "$(cfg x86_64 fanotify_init)" "CONFIG_FANOTIFY"
eq "x86_64 fanotify_mark: if CONFIG_FANOTIFY" "$(cfg x86_64 fanotify_mark)" "CONFIG_FANOTIFY"
eq "x86_64 bpf: kernel/Makefile, then kernel/bpf/Makefile" "$(cfg x86_64 bpf)" "CONFIG_BPF && CONFIG_BPF_SYSCALL"
eq "x86_64 msgget: CONFIG_SYSVIPC" "$(cfg x86_64 msgget)" "CONFIG_SYSVIPC"
eq "x86_64 mq_open: CONFIG_POSIX_MQUEUE" "$(cfg x86_64 mq_open)" "CONFIG_POSIX_MQUEUE"
eq "x86_64 io_uring_setup: CONFIG_IO_URING (the top-level Kbuild)" "$(cfg x86_64 io_uring_setup)" "CONFIG_IO_URING"
eq "x86_64 quotactl: CONFIG_QUOTACTL" "$(cfg x86_64 quotactl)" "CONFIG_QUOTACTL"
eq "x86_64 read: no condition" "$(cfg x86_64 read)" "-"
eq "x86_64 write: no condition" "$(cfg x86_64 write)" "-"
eq "arm64 read: no condition" "$(cfg arm64 read)" "-"
eq "no condition on a span that is not implemented" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM syscalls_at WHERE config IS NOT NULL AND coalesce(implemented, 0) <> 1")" "0"
"$KABI" table --abi x86_64 --at "$v612" >"$T/out"
ok "table: fanotify_init implemented if CONFIG_FANOTIFY" grep -qE "^ *300 +fanotify_init +sys_fanotify_init +if CONFIG_FANOTIFY " "$T/out"
"$KABI" check --kernel "$v612" --abi x86_64 fanotify_init read >"$T/out" 2>&1
eq "check x86_64 fanotify_init read: runs (exit 0)" "$?" 0
ok "check: available if CONFIG_FANOTIFY" grep -qE "^fanotify_init +available if CONFIG_FANOTIFY " "$T/out"
finish
