/*
 * abi.c - the ABI registry: every numbering namespace kabi knows.
 */
#include <string.h>

#include "abi.h"

static const kabi_abi_info abis[] = {
	{"x86_64", "x86", 64, 0, "x86-64 (AMD64), 64-bit"},
	{"x32", "x86", 32, KABI_X32_BIT, "x86-64 x32: 32-bit pointers, numbers with __X32_SYSCALL_BIT"},
	{"i386", "x86", 32, 0, "x86 32-bit (also ia32 compat on x86-64)"},
	{"arm", "arm", 32, 0, "32-bit ARM EABI (and Thumb)"},
	{"arm-oabi", "arm", 32, KABI_ARM_OABI_BASE, "32-bit ARM old ABI, numbers from 0x900000"},
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
	/* Architectures of the header era only (removed before their arch
	 * got a .tbl, or asm-generic users that left before v6.11). */
	{"sh64", "sh", 64, 0, "SuperH SH-5 64-bit (removed in 3.8)"},
	{"avr32", "avr32", 32, 0, "AVR32 (removed in 4.12)"},
	{"blackfin", "blackfin", 32, 0, "Blackfin (removed in 4.17)"},
	{"cris", "cris", 32, 0, "CRIS (removed in 4.17)"},
	{"frv", "frv", 32, 0, "FR-V (removed in 4.17)"},
	{"m32r", "m32r", 32, 0, "M32R (removed in 4.17)"},
	{"mn10300", "mn10300", 32, 0, "MN10300 / AM33 (removed in 4.17)"},
	{"score", "score", 32, 0, "S+core (removed in 4.17)"},
	{"metag", "metag", 32, 0, "Meta (removed in 4.17)"},
	{"tilegx", "tile", 64, 0, "TILE-Gx 64-bit (removed in 4.17)"},
	{"tilepro", "tile", 32, 0, "TILEPro 32-bit (removed in 4.17)"},
	{"unicore32", "unicore32", 32, 0, "UniCore32 (removed in 5.9)"},
	{"c6x", "c6x", 32, 0, "TI C6x (removed in 5.12)"},
	{"h8300", "h8300", 32, 0, "H8/300 (removed in 3.13, back 4.2-6.2)"},
	{"nds32", "nds32", 32, 0, "Andes NDS32 (removed in 5.18)"},
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
