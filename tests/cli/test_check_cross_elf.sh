#!/bin/bash
# The syscall instructions kabi decodes in code for other ABIs than x86 and
# arm64 (query/artifact_elf_isa.c): 32-bit arm (ARM and Thumb state, EABI
# `svc #0` with the number in r7, OABI `svc #0x900000+nr`), riscv64
# (`ecall`, a7), powerpc64 in both byte orders (`sc`, r0) and s390x (`svc
# N`, or `svc 0` with the number in r1).
#
# Facts the expected values come from, the kernel's tables (v6.12:
# arch/arm/tools/syscall.tbl, arch/powerpc/kernel/syscalls/syscall.tbl,
# arch/s390/kernel/syscalls/syscall.tbl, and for riscv64 the generic
# include/uapi/asm-generic/unistd.h): getpid is 20 on arm, powerpc64 and
# s390x and 172 on riscv64; dup is 23 on riscv64; cachestat is 451 and
# mseal 462 on all four, added in 6.5 and 6.10, so missing on 6.1 and
# present on 6.12.  The OABI number is __NR_OABI_SYSCALL_BASE 0x900000
# plus arm's: getpid 0x900014 = 9437204.
#
# 1. For each ABI a -nostdlib -static program with two or three real
#    syscalls and a decoy (the syscall instruction's bytes where no
#    instruction starts: the second half of a Thumb bl, data in Thumb
#    code, an odd offset, an s390 immediate): kabi-elfsites finds exactly
#    the real sites, with their numbers.
# 2. kabi check against the Debian 6.1/6.12 catalog (KABI_DEBIAN_REPO):
#    mseal and cachestat are missing on 6.1, everything is there on 6.12.
# A program whose cross compiler is missing is skipped with the Debian
# package that has it (scripts/install-deps.sh --test installs them).
. "$(dirname "$0")/../lib/testlib.sh"
TOOL=$KABI_BUILD/tests/kabi-elfsites

BINS=()
build() {   # build NAME PACKAGE CC [FLAGS...]: compile $T/NAME.c into $T/NAME
	local name=$1 pkg=$2 cc=$3
	shift 3
	if ! have "$cc"; then
		skip_part "no $cc (Debian: $pkg): no $name program"
		return 1
	fi
	"$cc" -O1 -nostdlib -static "$@" -o "$T/$name" "$T/$name.c"
	eq "$name: compiles" "$?" 0
	BINS+=("$name")
}

sites() {   # sites NAME: "WHAT<TAB>NUMBER" of every site, in address order
	"$TOOL" "$T/$1" | cut -f3,4
}

# ---- arm: Thumb (Debian's armhf default), an ARM-state function, OABI ------
cat >"$T/arm.c" <<'EOF'
void _start(void)
{
	__asm__ volatile("movs r7, #20\n\tsvc #0" ::: "r7", "r0", "memory");
	__asm__ volatile("movw r7, #462\n\tsvc #0" ::: "r7", "r0", "memory");
}
__attribute__((target("arm"))) void in_arm_state(void)
{
	__asm__ volatile("movw r7, #451\n\tsvc #0" ::: "r7", "r0", "memory");
	__asm__ volatile("svc #0x900014" ::: "r0", "memory");
}
/* a bl whose second halfword is df00 (svc 0), and data words in Thumb code */
__asm__(".text\n.thumb\n.syntax unified\n.globl decoy\n.type decoy,%function\n.thumb_func\ndecoy:\n"
	".inst.w 0xf000df00\nbx lr\n.align 2\n.word 0xdf00df00\n.word 0xef000000\n.size decoy, .-decoy\n");
EOF
if build arm gcc-arm-linux-gnueabihf arm-linux-gnueabihf-gcc; then
	eq "arm: the Thumb, ARM and OABI sites, no decoy" "$(sites arm)" \
		"svc 0 (thumb)	20
svc 0 (thumb)	462
svc #0	451
svc #0x900014	9437204"
fi

# ---- riscv64: compressed code, an ecall at an address 2 mod 4 --------------
cat >"$T/riscv64.c" <<'EOF'
void _start(void)
{
	__asm__ volatile("li a7, 172\n\tecall" ::: "a7", "a0", "memory");
	__asm__ volatile(".balign 4\n\tc.nop\n\tli a7, 462\n\tecall" ::: "a7", "a0", "memory");
	__asm__ volatile("li a7, 23\n\tecall" ::: "a7", "a0", "memory");
}
/* ebreak shares ecall's low half; 73 00 00 00 at an odd offset */
__asm__(".text\n.globl decoy\n.type decoy,@function\ndecoy:\n"
	"ebreak\n.byte 0x01, 0x73, 0x00, 0x00, 0x00, 0x00\nret\n.size decoy, .-decoy\n");
EOF
if build riscv64 gcc-riscv64-linux-gnu riscv64-linux-gnu-gcc -march=rv64gc; then
	eq "riscv64: the three ecalls (c.li for 23), no decoy" "$(sites riscv64)" \
		"ecall	172
ecall	462
ecall	23"
	ok "riscv64: an ecall is at an address 2 mod 4 (after the c.nop)" \
		[ "$("$TOOL" "$T/riscv64" | cut -f2 | while read -r a; do echo $((a % 4)); done | grep -c 2)" -ge 1 ]
fi

# ---- powerpc64, little- and big-endian --------------------------------------
cat >"$T/ppc64le.c" <<'EOF'
void _start(void)
{
	__asm__ volatile("li 0, 20\n\tsc" ::: "r0", "r3", "memory");
	__asm__ volatile("li 0, 462\n\tmr 3, 4\n\tsc" ::: "r0", "r3", "memory");
}
/* sc's bytes at an offset that is not a multiple of 4 */
__asm__(".text\n.globl decoy\n.type decoy,@function\ndecoy:\n"
	"lis 3, 0x4400\n\tori 3, 3, 2\n\tblr\n.byte 0, 0x02, 0, 0, 0x44, 0, 0, 0\n"
	".byte 0, 0x44, 0, 0, 0x02, 0, 0, 0\n.size decoy, .-decoy\n");
EOF
cp "$T/ppc64le.c" "$T/ppc64.c"
if build ppc64le gcc-powerpc64le-linux-gnu powerpc64le-linux-gnu-gcc; then
	eq "ppc64le: the two sc, no decoy" "$(sites ppc64le)" "sc	20
sc	462"
	build ppc64 gcc-powerpc64le-linux-gnu powerpc64le-linux-gnu-gcc -mbig-endian &&
		eq "ppc64 (big-endian): the two sc" "$(sites ppc64)" "sc	20
sc	462"
fi

# ---- s390x: svc N, and svc 0 with r1 ----------------------------------------
cat >"$T/s390x.c" <<'EOF'
void _start(void)
{
	__asm__ volatile("svc 20" ::: "r1", "r2", "memory");
	__asm__ volatile("lghi %%r1, 462\n\tlgr %%r2, %%r3\n\tsvc 0" ::: "r1", "r2", "memory");
}
/* immediates holding 0a 14 (svc 20) at even offsets inside instructions */
__asm__(".text\n.globl decoy\n.type decoy,@function\ndecoy:\n"
	"lghi %r2, 0x0a14\n\tiilf %r2, 0x0a140a00\n\tbr %r14\n.size decoy, .-decoy\n");
EOF
if build s390x gcc-s390x-linux-gnu s390x-linux-gnu-gcc; then
	eq "s390x: svc 20 and svc 0 after lghi, no decoy" "$(sites s390x)" "svc 20	20
svc 0	462"
fi

((${#BINS[@]})) || { finish; }

# ---- part 2: verdicts against Debian's 6.1 and 6.12 -------------------------
if [ -z "${KABI_DEBIAN_REPO:-}" ] || [ ! -d "${KABI_DEBIAN_REPO:-}" ]; then
	skip_part "KABI_DEBIAN_REPO is not set: no checks against Debian's 6.1/6.12"
	finish
fi
export KABI_DB="$T/deb.db"
debian_db "$KABI_DB"
eq "the Debian catalog is harvested" "$?" 0

rows() {   # rows: "syscall,status,nr" of a CSV check output, table rows only
	grep -E '^[#a-z_0-9]+,[a-z ]+,[0-9]+,' | cut -d, -f1-3 | sort
}
declare -A ABI=([arm]=arm [riscv64]=riscv64 [ppc64le]=powerpc64 [ppc64]=powerpc64 [s390x]=s390x)
declare -A ON61=(
	[arm]="cachestat,added later,451
getpid,available,20
getpid,available,9437204
mseal,added later,462"
	[riscv64]="dup,available,23
getpid,available,172
mseal,added later,462"
	[ppc64le]="getpid,available,20
mseal,added later,462"
	[ppc64]="getpid,available,20
mseal,added later,462"
	[s390x]="getpid,available,20
mseal,added later,462"
)
for b in "${BINS[@]}"; do
	out=$("$KABI" check --kernel 6.1 "$T/$b" --format csv 2>/dev/null)
	eq "$b: fails on 6.1" "$(exit_code "$KABI" check --kernel 6.1 "$T/$b")" 1
	eq "$b: mseal missing on 6.1, the others there" "$(rows <<<"$out")" "${ON61[$b]}"
	eq "$b: read as ${ABI[$b]}" "$(grep -c ",elf,${ABI[$b]}," <<<"$out")" 1
	eq "$b: passes on 6.12" "$(exit_code "$KABI" check --kernel 6.12 "$T/$b")" 0
	eq "$b: everything available on 6.12" \
		"$("$KABI" check --kernel 6.12 "$T/$b" --format csv 2>/dev/null | rows | grep -vc ',available,')" 0
done
finish
