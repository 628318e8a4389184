#include <string.h>

#include "abi.h"

#define X32_BIT 0x40000000LL
#define ARM_OABI_BASE 0x900000LL

static const kabi_abi_info abis[] = {
	{"x86_64", "x86", 64, 0, "x86-64 (AMD64), 64-bit"},
	{"x32", "x86", 32, X32_BIT, "x86-64 x32: 32-bit pointers, numbers with __X32_SYSCALL_BIT"},
	{"i386", "x86", 32, 0, "x86 32-bit (also ia32 compat on x86-64)"},
	{"arm", "arm", 32, 0, "32-bit ARM EABI (and Thumb)"},
	{"arm-oabi", "arm", 32, ARM_OABI_BASE, "32-bit ARM old ABI, numbers from 0x900000"},
	{"arm64", "arm64", 64, 0, "AArch64"},
	{"arm64-compat", "arm64", 32, 0, "AArch32 tasks on an arm64 kernel"},
	{"riscv64", "riscv", 64, 0, "RISC-V 64-bit"},
	{"riscv32", "riscv", 32, 0, "RISC-V 32-bit"},
	{"loongarch64", "loongarch", 64, 0, "LoongArch 64-bit"},
	{"powerpc64", "powerpc", 64, 0, "PowerPC 64-bit (ppc64, ppc64le)"},
	{"powerpc", "powerpc", 32, 0, "PowerPC 32-bit"},
	{"s390x", "s390", 64, 0, "IBM Z 64-bit"},
	{"s390", "s390", 32, 0, "IBM S/390 31-bit (compat on s390x kernels)"},
	{"mips-o32", "mips", 32, 4000, "MIPS o32, numbers from 4000"},
	{"mips-n32", "mips", 32, 6000, "MIPS n32, numbers from 6000"},
	{"mips-n64", "mips", 64, 5000, "MIPS n64, numbers from 5000"},
	{"sparc64", "sparc", 64, 0, "SPARC 64-bit"},
	{"sparc", "sparc", 32, 0, "SPARC 32-bit"},
	{"parisc64", "parisc", 64, 0, "PA-RISC 64-bit"},
	{"parisc", "parisc", 32, 0, "PA-RISC 32-bit"},
	{"alpha", "alpha", 64, 0, "Alpha"},
	{"ia64", "ia64", 64, 1024, "Itanium, numbers from 1024 (removed in 6.7)"},
	{"m68k", "m68k", 32, 0, "Motorola 68k"},
	{"sh", "sh", 32, 0, "SuperH 32-bit"},
	{"microblaze", "microblaze", 32, 0, "MicroBlaze"},
	{"xtensa", "xtensa", 32, 0, "Xtensa"},
	{"csky", "csky", 32, 0, "C-SKY"},
	{"openrisc", "openrisc", 32, 0, "OpenRISC 1000"},
	{"nios2", "nios2", 32, 0, "Nios II"},
	{"hexagon", "hexagon", 32, 0, "Hexagon"},
	{"arc", "arc", 32, 0, "ARC"},
};

#define TBL(abi, path, tags, off, flags) {abi, path, KABI_FMT_TBL, tags, off, flags}
#define GEN(abi, path) {abi, path, KABI_FMT_GENERIC_TBL, NULL, 0, 0}

/* Per-ABI candidates; the first that yields rows wins at a release.  Tags
 * and offsets are the ones the kernel's own Makefiles pass to its
 * syscallhdr.sh / syscalltbl.sh for that ABI (mips passes no --abis, so
 * every row of each of its files counts: 6.1's n64 file has a "common"
 * row, 450 set_mempolicy_home_node). */
static const kabi_layout layouts[] = {
	TBL("x86_64", "arch/x86/entry/syscalls/syscall_64.tbl", "common,64", 0, 0),
	TBL("x86_64", "arch/x86/syscalls/syscall_64.tbl", "common,64", 0, 0),
	TBL("x32", "arch/x86/entry/syscalls/syscall_64.tbl", "common,x32", X32_BIT, 0),
	TBL("x32", "arch/x86/syscalls/syscall_64.tbl", "common,x32", X32_BIT, 0),
	TBL("i386", "arch/x86/entry/syscalls/syscall_32.tbl", "i386", 0, 0),
	TBL("i386", "arch/x86/syscalls/syscall_32.tbl", "i386", 0, 0),
	TBL("arm", "arch/arm/tools/syscall.tbl", "common,eabi", 0, KABI_L_NO_COMPAT),
	TBL("arm-oabi", "arch/arm/tools/syscall.tbl", "common,oabi", ARM_OABI_BASE, 0),
	GEN("arm64", "arch/arm64/tools/syscall_64.tbl"),
	TBL("arm64-compat", "arch/arm64/tools/syscall_32.tbl", "common,eabi", 0, KABI_L_NO_COMPAT),
	GEN("riscv64", "scripts/syscall.tbl"),
	GEN("riscv32", "scripts/syscall.tbl"),
	GEN("loongarch64", "scripts/syscall.tbl"),
	TBL("powerpc64", "arch/powerpc/kernel/syscalls/syscall.tbl", "common,nospu,64", 0, 0),
	TBL("powerpc", "arch/powerpc/kernel/syscalls/syscall.tbl", "common,nospu,32", 0, 0),
	TBL("s390x", "arch/s390/kernel/syscalls/syscall.tbl", "common,64", 0, 0),
	TBL("s390", "arch/s390/kernel/syscalls/syscall.tbl", "common,32", 0, KABI_L_COMPAT_ONLY),
	TBL("mips-o32", "arch/mips/kernel/syscalls/syscall_o32.tbl", "common,o32", 4000, 0),
	TBL("mips-n32", "arch/mips/kernel/syscalls/syscall_n32.tbl", "common,n32", 6000, 0),
	TBL("mips-n64", "arch/mips/kernel/syscalls/syscall_n64.tbl", "common,n64", 5000, 0),
	TBL("sparc64", "arch/sparc/kernel/syscalls/syscall.tbl", "common,64", 0, 0),
	TBL("sparc", "arch/sparc/kernel/syscalls/syscall.tbl", "common,32", 0, 0),
	TBL("parisc64", "arch/parisc/kernel/syscalls/syscall.tbl", "common,64", 0, 0),
	TBL("parisc", "arch/parisc/kernel/syscalls/syscall.tbl", "common,32", 0, 0),
	TBL("alpha", "arch/alpha/kernel/syscalls/syscall.tbl", "common", 0, 0),
	TBL("ia64", "arch/ia64/kernel/syscalls/syscall.tbl", "common", 1024, 0),
	TBL("m68k", "arch/m68k/kernel/syscalls/syscall.tbl", "common", 0, 0),
	TBL("sh", "arch/sh/kernel/syscalls/syscall.tbl", "common", 0, 0),
	TBL("microblaze", "arch/microblaze/kernel/syscalls/syscall.tbl", "common", 0, 0),
	TBL("xtensa", "arch/xtensa/kernel/syscalls/syscall.tbl", "common", 0, 0),
	GEN("csky", "scripts/syscall.tbl"),
	GEN("openrisc", "scripts/syscall.tbl"),
	GEN("nios2", "scripts/syscall.tbl"),
	GEN("hexagon", "scripts/syscall.tbl"),
	GEN("arc", "scripts/syscall.tbl"),
};

const kabi_abi_info *kabi_abis(size_t *n)
{
	*n = sizeof(abis) / sizeof(abis[0]);
	return abis;
}

int kabi_abi_index(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(abis) / sizeof(abis[0]); i++)
		if (strcmp(abis[i].name, name) == 0)
			return (int)i;
	return -1;
}

const kabi_abi_info *kabi_abi_find(const char *name)
{
	int i = kabi_abi_index(name);

	return i < 0 ? NULL : &abis[i];
}

const kabi_layout *kabi_layouts(size_t *n)
{
	*n = sizeof(layouts) / sizeof(layouts[0]);
	return layouts;
}
