#!/bin/bash
# The signature scanner on Debian's 6.1 and 6.12 trees (KABI_DEBIAN_REPO,
# tags v6.1.* and v6.12.*), checked against systrack's argument lists from
# built kernels (../shared/data/oracle/systrack, mainline v6.1 and v6.12):
#  - per ABI, the agreement rate is printed; every disagreement must be one
#    of the documented ones below (docs/signatures.md explains each class),
#    overall agreement must stay >= 99% and each ABI's >= 95%;
#  - clone resolves to the variant each architecture's Kconfig selects;
#  - signature changes between 6.1 and 6.12, read in the trees, are found:
#    name_to_handle_at's mnt_id became `void __user *`, and the mmap offset
#    of riscv, loongarch and csky went from off_t to unsigned long;
#  - with KABI_LINUX_6_1 / KABI_LINUX_6_12 (the extracted trees), the files
#    on disk give the same definitions as the blobs in the repository.
. "$(dirname "$0")/../lib/testlib.sh"
[ -n "${KABI_DEBIAN_REPO:-}" ] && [ -d "$KABI_DEBIAN_REPO" ] ||
	skip "KABI_DEBIAN_REPO is not set (run scripts/prepare-debian-repo.sh, or 'make test')"
ORACLE=${KABI_SHARED:-$KABI_SRC/../shared}/data/oracle/systrack
TOOL=$KABI_BUILD/tests/kabi-sigtool
[ -x "$TOOL" ] || { echo "FAIL: $TOOL not built" >&2; exit 1; }
R=$KABI_DEBIAN_REPO
v61=$(git -C "$R" tag -l 'v6.1.*' | sort -V | tail -n1)
v612=$(git -C "$R" tag -l 'v6.12.*' | sort -V | tail -n1)
ok "a 6.1 tag ($v61)" test -n "$v61"
ok "a 6.12 tag ($v612)" test -n "$v612"

# Disagreements with systrack, as "release file name entry", by class.
cat >"$T/known" <<'EOF'
# stable backport: ftruncate's length became off_t in 6.1.y (systrack reads mainline v6.1)
v6.1 arm-32-eabi.tsv ftruncate sys_ftruncate
v6.1 arm-32-oabi.tsv ftruncate sys_ftruncate
v6.1 arm64-64-aarch32.tsv ftruncate compat_sys_ftruncate
v6.1 arm64-64-aarch64.tsv ftruncate sys_ftruncate
v6.1 mips-32-o32.tsv ftruncate sys_ftruncate
v6.1 mips-64-n32.tsv ftruncate sys_ftruncate
v6.1 mips-64-n64.tsv ftruncate sys_ftruncate
v6.1 mips-64-o32.tsv ftruncate compat_sys_ftruncate
v6.1 powerpc-32-ppc32.tsv ftruncate sys_ftruncate
v6.1 powerpc-64-ppc32.tsv ftruncate compat_sys_ftruncate
v6.1 powerpc-64-ppc64.tsv ftruncate sys_ftruncate
v6.1 riscv-64-rv64.tsv ftruncate sys_ftruncate
v6.1 s390-64-s390.tsv ftruncate compat_sys_ftruncate
v6.1 s390-64-s390x.tsv ftruncate sys_ftruncate
v6.1 x86-32-ia32.tsv ftruncate sys_ftruncate
v6.1 x86-64-ia32.tsv ftruncate compat_sys_ftruncate
v6.1 x86-64-x32.tsv ftruncate sys_ftruncate
v6.1 x86-64-x64.tsv ftruncate sys_ftruncate
# systrack gives another definition of the same name than the entry's
v6.12 powerpc-32-ppc32.tsv clock_nanosleep sys_clock_nanosleep_time32
v6.12 powerpc-32-ppc32.tsv io_pgetevents sys_io_pgetevents_time32
v6.12 powerpc-32-ppc32.tsv ppoll sys_ppoll_time32
v6.12 powerpc-32-ppc32.tsv pselect6 sys_pselect6_time32
v6.12 powerpc-32-ppc32.tsv recvmmsg sys_recvmmsg_time32
v6.12 powerpc-32-ppc32.tsv rt_sigtimedwait sys_rt_sigtimedwait_time32
v6.12 powerpc-32-ppc32.tsv sched_rr_get_interval sys_sched_rr_get_interval_time32
v6.12 powerpc-32-ppc32.tsv timer_gettime sys_timer_gettime32
v6.12 powerpc-32-ppc32.tsv timer_settime sys_timer_settime32
v6.12 s390-64-s390.tsv ftruncate compat_sys_ftruncate
v6.12 s390-64-s390.tsv truncate compat_sys_truncate
v6.1 arm-32-oabi.tsv fstatfs64 sys_fstatfs64_wrapper
v6.1 arm-32-oabi.tsv msgrcv sys_msgrcv
v6.1 arm-32-oabi.tsv statfs64 sys_statfs64_wrapper
v6.12 arm-32-oabi.tsv fstatfs64 sys_fstatfs64_wrapper
v6.12 arm-32-oabi.tsv msgrcv sys_msgrcv
v6.12 arm-32-oabi.tsv statfs64 sys_statfs64_wrapper
# arm's sigreturns: the C function takes the saved registers, user space passes nothing
v6.1 arm-32-eabi.tsv rt_sigreturn sys_rt_sigreturn_wrapper
v6.1 arm-32-eabi.tsv sigreturn sys_sigreturn_wrapper
v6.1 arm-32-oabi.tsv rt_sigreturn sys_rt_sigreturn_wrapper
v6.1 arm-32-oabi.tsv sigreturn sys_sigreturn_wrapper
v6.12 arm-32-eabi.tsv rt_sigreturn sys_rt_sigreturn_wrapper
v6.12 arm-32-eabi.tsv sigreturn sys_sigreturn_wrapper
v6.12 arm-32-oabi.tsv rt_sigreturn sys_rt_sigreturn_wrapper
v6.12 arm-32-oabi.tsv sigreturn sys_sigreturn_wrapper
# arm's private calls share one C function, arm_syscall(int no, struct pt_regs *regs)
v6.1 arm-32-eabi.tsv breakpoint arm_syscall
v6.1 arm-32-eabi.tsv cacheflush arm_syscall
v6.1 arm-32-eabi.tsv get_tls arm_syscall
v6.1 arm-32-eabi.tsv set_tls arm_syscall
v6.1 arm-32-eabi.tsv usr26 arm_syscall
v6.1 arm-32-eabi.tsv usr32 arm_syscall
v6.1 arm-32-oabi.tsv breakpoint arm_syscall
v6.1 arm-32-oabi.tsv cacheflush arm_syscall
v6.1 arm-32-oabi.tsv get_tls arm_syscall
v6.1 arm-32-oabi.tsv set_tls arm_syscall
v6.1 arm-32-oabi.tsv usr26 arm_syscall
v6.1 arm-32-oabi.tsv usr32 arm_syscall
v6.12 arm-32-eabi.tsv breakpoint arm_syscall
v6.12 arm-32-eabi.tsv cacheflush arm_syscall
v6.12 arm-32-eabi.tsv get_tls arm_syscall
v6.12 arm-32-eabi.tsv set_tls arm_syscall
v6.12 arm-32-eabi.tsv usr26 arm_syscall
v6.12 arm-32-eabi.tsv usr32 arm_syscall
v6.12 arm-32-oabi.tsv breakpoint arm_syscall
v6.12 arm-32-oabi.tsv cacheflush arm_syscall
v6.12 arm-32-oabi.tsv get_tls arm_syscall
v6.12 arm-32-oabi.tsv set_tls arm_syscall
v6.12 arm-32-oabi.tsv usr26 arm_syscall
v6.12 arm-32-oabi.tsv usr32 arm_syscall
# entry points written in assembly, with no C definition to read
v6.1 arm-32-eabi.tsv mmap2 sys_mmap2
v6.1 arm-32-oabi.tsv mmap2 sys_mmap2
v6.1 arm-32-oabi.tsv ftruncate64 sys_oabi_ftruncate64
v6.1 arm-32-oabi.tsv pread64 sys_oabi_pread64
v6.1 arm-32-oabi.tsv pwrite64 sys_oabi_pwrite64
v6.1 arm-32-oabi.tsv readahead sys_oabi_readahead
v6.1 arm-32-oabi.tsv truncate64 sys_oabi_truncate64
v6.1 arm-32-oabi.tsv syscall sys_syscall
v6.1 mips-32-o32.tsv syscall sys_syscall
v6.1 mips-64-o32.tsv syscall sys32_syscall
v6.1 powerpc-64-ppc64.tsv switch_endian exc_real_0xc00_system_call
v6.12 arm-32-eabi.tsv mmap2 sys_mmap2
v6.12 arm-32-oabi.tsv mmap2 sys_mmap2
v6.12 arm-32-oabi.tsv ftruncate64 sys_oabi_ftruncate64
v6.12 arm-32-oabi.tsv pread64 sys_oabi_pread64
v6.12 arm-32-oabi.tsv pwrite64 sys_oabi_pwrite64
v6.12 arm-32-oabi.tsv readahead sys_oabi_readahead
v6.12 arm-32-oabi.tsv truncate64 sys_oabi_truncate64
v6.12 arm-32-oabi.tsv syscall sys_syscall
v6.12 mips-32-o32.tsv syscall sys_syscall
v6.12 mips-64-o32.tsv syscall sys32_syscall
EOF

# The systrack comparison needs ../shared; the checks after it read only the
# Debian trees.
[ -d "$ORACLE" ] || skip_part "no systrack oracle at $ORACLE (../shared is not beside the project)"
[ -d "$ORACLE" ] && for pair in "v6.1 $v61" "v6.12 $v612"; do
	set -- $pair
	ver=$1 tag=$2
	"$TOOL" oracle "$R" "$tag" "$ver" "$ORACLE" >"$T/or-$ver" 2>"$T/err-$ver"
	eq "sigtool oracle $tag exits 0" "$?" 0
	cat "$T/err-$ver"
	echo "agreement with systrack at $ver ($tag), per ABI:"
	awk -F'\t' '$1 == "RATE" { printf "  %-22s %-13s %9s  %7s  (%s)\n", $2, $3, $4, $5, $6 }
		$1 == "TOTAL" { printf "  %-36s %9s  %7s\n", "total", $2, $3 }' "$T/or-$ver"
	echo "disagreements at $ver:"
	awk -F'\t' '$1 == "DIFF" || $1 == "MISSING" { print "  " $0 }' "$T/or-$ver"
	ok "$ver: overall agreement >= 99%" awk -F'\t' '$1 == "TOTAL" { exit !($3 + 0 >= 99.0) }' "$T/or-$ver"
	eq "$ver: every ABI >= 95%" "$(awk -F'\t' '$1 == "RATE" && $5 + 0 < 95.0 { print $2 }' "$T/or-$ver")" ""
	eq "$ver: 20 systrack files compared" "$(grep -c '^RATE' "$T/or-$ver")" 20
	eq "$ver: disagreements are the documented ones" \
		"$(awk -F'\t' -v v="$ver" '$1 == "DIFF" || $1 == "MISSING" { print v, $2, $3, $4 }' "$T/or-$ver" | sort)" \
		"$(grep "^$ver " "$T/known" | sort)"
done

# One line per candidate: SPEC verdict kind name entry nargs norm file:line cond args
resolve() {   # resolve TAG SPEC...: "SPEC norm file:line" of the chosen definitions
	"$TOOL" resolve "$R" "$@" 2>/dev/null | awk -F'\t' '$2 == "chosen" || $2 == "none" { print $1 " | " $7 }'
}
"$TOOL" resolve "$R" "$v612" x86_64/sys_clone i386/sys_clone arm64/sys_clone s390x/sys_clone \
	microblaze/sys_clone mips-n64/__sys_clone x86_64/sys_name_to_handle_at riscv64/sys_mmap \
	riscv32/sys_mmap2 loongarch64/sys_mmap csky/sys_mmap2 x86_64/sys_arch_prctl i386/compat_sys_arch_prctl \
	x86_64/sys_ftruncate 2>/dev/null >"$T/r612"
"$TOOL" resolve "$R" "$v61" x86_64/sys_name_to_handle_at riscv64/sys_mmap riscv32/sys_mmap2 \
	loongarch64/sys_mmap csky/sys_mmap2 x86_64/sys_ftruncate 2>/dev/null >"$T/r61"
chosen() {   # chosen FILE SPEC: "norm | file" of the chosen candidate
	awk -F'\t' -v s="$2" '$1 == s && $2 == "chosen" { sub(/:[0-9]+$/, "", $8); print $7 " | " $8 }' "$1"
}
variants() {  # variants FILE SPEC: how many other variants were recorded
	awk -F'\t' -v s="$2" '$1 == s && $2 == "variant"' "$1" | wc -l
}
# clone: tls 5th by default; 4th with CLONE_BACKWARDS (x86 only for X86_32,
# arm64, mips ...); the first two swapped with BACKWARDS2 (s390); stack_size
# added 3rd with BACKWARDS3 (microblaze)
eq "clone x86_64: default order" "$(chosen "$T/r612" x86_64/sys_clone)" \
	"unsigned long, unsigned long, int *, int *, unsigned long | kernel/fork.c"
eq "clone i386: CLONE_BACKWARDS (select in config X86_32)" "$(chosen "$T/r612" i386/sys_clone)" \
	"unsigned long, unsigned long, int *, unsigned long, int * | kernel/fork.c"
eq "clone arm64: CLONE_BACKWARDS" "$(chosen "$T/r612" arm64/sys_clone)" \
	"unsigned long, unsigned long, int *, unsigned long, int * | kernel/fork.c"
eq "clone s390x: CLONE_BACKWARDS2 (newsp first)" \
	"$(awk -F'\t' '$1 == "s390x/sys_clone" && $2 == "chosen" { print $10 }' "$T/r612")" \
	"unsigned long newsp, unsigned long clone_flags, int __user *parent_tidptr, int __user *child_tidptr, unsigned long tls"
eq "clone microblaze: CLONE_BACKWARDS3 (6 arguments)" "$(chosen "$T/r612" microblaze/sys_clone)" \
	"unsigned long, unsigned long, int, int *, int *, unsigned long | kernel/fork.c"
eq "clone mips: __sys_clone is sys_clone behind a trampoline" "$(chosen "$T/r612" mips-n64/__sys_clone)" \
	"unsigned long, unsigned long, int *, unsigned long, int * | kernel/fork.c"
eq "clone: the three other variants are recorded" "$(variants "$T/r612" x86_64/sys_clone)" 3
eq "arch_prctl x86_64: arch/x86's own" "$(chosen "$T/r612" x86_64/sys_arch_prctl)" \
	"int, unsigned long | arch/x86/kernel/process_64.c"
eq "arch_prctl i386 compat" "$(chosen "$T/r612" i386/compat_sys_arch_prctl)" \
	"int, unsigned long | arch/x86/kernel/process_64.c"

# Known changes between 6.1 and 6.12 (read in fs/fhandle.c, arch/*/kernel/sys*.c)
eq "name_to_handle_at at 6.1: int __user *mnt_id" "$(chosen "$T/r61" x86_64/sys_name_to_handle_at)" \
	"int, const char *, struct file_handle *, int *, int | fs/fhandle.c"
eq "name_to_handle_at at 6.12: void __user *mnt_id" "$(chosen "$T/r612" x86_64/sys_name_to_handle_at)" \
	"int, const char *, struct file_handle *, void *, int | fs/fhandle.c"
for spec in riscv64/sys_mmap riscv32/sys_mmap2 loongarch64/sys_mmap csky/sys_mmap2; do
	eq "$spec at 6.1: off_t offset" "$(chosen "$T/r61" $spec | sed 's/ | .*//')" \
		"unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, off_t"
	eq "$spec at 6.12: unsigned long offset" "$(chosen "$T/r612" $spec | sed 's/ | .*//')" \
		"unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long"
done
eq "ftruncate in 6.1.y: off_t length (stable backport)" "$(chosen "$T/r61" x86_64/sys_ftruncate)" \
	"unsigned int, off_t | fs/open.c"
[ -d "$ORACLE" ] && eq "systrack's mainline v6.1: unsigned long length" \
	"$(awk -F'\t' '$1 == "v6.1" && $3 == "ftruncate" { print $6 }' "$ORACLE/x86-64-x64.tsv")" \
	"unsigned int fd; unsigned long length"

# The extracted trees give the same definitions as the repository's blobs.
for pair in "${KABI_LINUX_6_1:-} $v61" "${KABI_LINUX_6_12:-} $v612"; do
	set -- $pair
	[ $# -eq 2 ] && [ -d "$1" ] || { skip_part "extracted tree for $pair not set (KABI_LINUX_6_1/6_12): no file check"; continue; }
	dir=$1 tag=$2
	for f in fs/fhandle.c kernel/fork.c arch/riscv/kernel/sys_riscv.c arch/x86/kernel/process_64.c; do
		(cd "$dir" && "$TOOL" dump "$f") >"$T/disk"
		git -C "$R" show "$tag:$f" >"$T/blob.c"
		(cd "$T" && "$TOOL" dump blob.c) | sed "s|blob.c:|$f:|" >"$T/git"
		eq "$tag $f: tree file and blob agree" "$(cat "$T/disk")" "$(cat "$T/git")"
		ok "$tag $f: has definitions" test -s "$T/disk"
	done
done
finish
