/*
 * abi.c - the ABI registry: every numbering namespace kabi knows.
 */
#include <elf.h>
#include <string.h>
#include <strings.h>

#include "abi.h"

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif
#ifndef EM_ALPHA_STD
#define EM_ALPHA_STD 41
#endif

/* The libc facts, short (KABI_LIBC_*, abi.h). */
#define GENERIC          KABI_LIBC_GENERIC
#define TIME64           KABI_LIBC_TIME64
#define NO_TIME32        KABI_LIBC_NO_TIME32
#define OFF32            KABI_LIBC_OFF32
#define UID16            KABI_LIBC_UID16
#define SOCKETCALL       KABI_LIBC_SOCKETCALL
#define IPCCALL          KABI_LIBC_IPCCALL
#define STAT_NEW         KABI_LIBC_STAT_NEW
#define STAT_64          KABI_LIBC_STAT_64
#define STAT_X           KABI_LIBC_STAT_X
#define STAT_XF          KABI_LIBC_STAT_XF
#define NO_RENAMEAT      KABI_LIBC_NO_RENAMEAT
#define NO_VFORK         KABI_LIBC_NO_VFORK
#define CLONE2           KABI_LIBC_CLONE2
#define ARM_CALLS        KABI_LIBC_ARM_CALLS
#define SYNC_FILE_RANGE2 KABI_LIBC_SYNC_FILE_RANGE2
#define TIME_CALL        KABI_LIBC_TIME_CALL
#define ARCH_PRCTL       KABI_LIBC_ARCH_PRCTL
/* ARM's private syscalls: arm_syscall() takes the numbers whose bits 16-19
 * are __ARM_NR_BASE's (0x0f0000 above __NR_SYSCALL_BASE). */
#define ARM_PRIVATE 0x0f0000, 0x0fffff
/* gcc's _MIPS_SIM for each MIPS ABI, with the values asm/sgidefs.h gives
 * the names it stands for. */
#define MIPS_SIM "_MIPS_SIM_ABI32=1 _MIPS_SIM_NABI32=2 _MIPS_SIM_ABI64=3 __mips__ _MIPS_SIM="

/* name, arch, bits, base, description; aliases, Docker arches, SCMP_ARCH_
 * names, libseccomp column, the 32-bit ABI a 64-bit kernel also runs, ELF;
 * predefined macros, libc facts, kernel word size, Kconfig symbols set,
 * Kconfig symbols set when it runs as compat.  arm64-compat's header is
 * read as the arm64 kernel's compiler sees it (__aarch64__). */
/* a data table, aligned by hand */
// clang-format off
static const kabi_abi_info abis[] = {
	{"x86_64", "x86", 64, 0, "x86-64 (AMD64), 64-bit",
	 "amd64 x86-64 x64 x86_64-unknown-linux-gnu", "amd64", "SCMP_ARCH_X86_64", "x86_64", "i386", {{EM_X86_64}, 64, 0, 0},
	 "__x86_64__", STAT_NEW | TIME_CALL | ARCH_PRCTL, 64, "", "", 0, 0},
	{"x32", "x86", 32, KABI_X32_BIT, "x86-64 x32: 32-bit pointers, numbers with __X32_SYSCALL_BIT",
	 "x86_64-x32 amd64-x32 x86_64-unknown-linux-gnux32", "amd64", "SCMP_ARCH_X32", "x32", "i386", {{EM_X86_64}, 32, 0, 0},
	 "__x86_64__", STAT_NEW | TIME_CALL | ARCH_PRCTL, 64, "X86_X32_ABI X86_X32 COMPAT", "", 0, 0},
	{"i386", "x86", 32, 0, "x86 32-bit (also ia32 compat on x86-64)",
	 "i686 i586 i486 x86 386 ia32 i686-unknown-linux-gnu", "amd64 386 x86", "SCMP_ARCH_X86", "x86", NULL, {{EM_386}, 0, 0, 0},
	 "__i386__", TIME64 | OFF32 | UID16 | SOCKETCALL | IPCCALL | STAT_XF | TIME_CALL, 32, "", "IA32_EMULATION", 0, 0},
	{"arm", "arm", 32, 0, "32-bit ARM EABI (and Thumb)",
	 "armhf armel armv7l armv7 armv6l arm-eabi armv7-unknown-linux-gnueabihf", "arm64 arm", "SCMP_ARCH_ARM", "arm", NULL, {{EM_ARM}, 0, 0, 0},
	 "__arm__ __ARM_EABI__", TIME64 | OFF32 | UID16 | STAT_XF | ARM_CALLS, 32, "AEABI", "", ARM_PRIVATE},
	{"arm-oabi", "arm", 32, KABI_ARM_OABI_BASE, "32-bit ARM old ABI, numbers from 0x900000",
	 "oabi", "", "", NULL, NULL, {{EM_ARM}, 0, 0xff000000u, 0},
	 "__arm__", TIME64 | OFF32 | UID16 | STAT_XF | ARM_CALLS, 32, "OABI_COMPAT", "", ARM_PRIVATE},
	{"arm64", "arm64", 64, 0, "AArch64",
	 "aarch64 armv8 arm64-v8a aarch64-unknown-linux-gnu", "arm64", "SCMP_ARCH_AARCH64", "aarch64", "arm", {{EM_AARCH64}, 64, 0, 0},
	 "__aarch64__", GENERIC | STAT_NEW, 64, "", "", 0, 0},
	{"arm64-compat", "arm64", 32, 0, "AArch32 tasks on an arm64 kernel",
	 "aarch32", "", "", NULL, NULL, {{0}, 0, 0, 0},
	 "__aarch64__", 0, 64, "COMPAT", "", ARM_PRIVATE},
	{"riscv64", "riscv", 64, 0, "RISC-V 64-bit",
	 "riscv64gc riscv64-unknown-linux-gnu", "riscv64", "SCMP_ARCH_RISCV64", "riscv64", NULL, {{EM_RISCV}, 64, 0, 0},
	 "__riscv", GENERIC | STAT_NEW | NO_RENAMEAT, 64, "", "", 0, 0},
	{"riscv32", "riscv", 32, 0, "RISC-V 32-bit",
	 "riscv32gc", "", "SCMP_ARCH_RISCV32", NULL, NULL, {{EM_RISCV}, 32, 0, 0},
	 "__riscv", GENERIC | TIME64 | NO_TIME32 | OFF32 | STAT_X | NO_RENAMEAT, 32, "", "", 0, 0},
	{"loongarch64", "loongarch", 64, 0, "LoongArch 64-bit",
	 "loong64 la64 loongarch64-unknown-linux-gnu", "loong64 loongarch64", "SCMP_ARCH_LOONGARCH64", "loongarch64", NULL, {{EM_LOONGARCH}, 64, 0, 0},
	 "__loongarch__ __loongarch64", GENERIC | STAT_X | NO_RENAMEAT, 64, "", "", 0, 0},
	/* From 7.1 (its Makefile.syscalls' syscall_abis_32 += memfd_secret);
	 * the libc facts are its table's: riscv32's, no glibc port yet. */
	{"loongarch32", "loongarch", 32, 0, "LoongArch 32-bit",
	 "loong32 la32", "", "", NULL, NULL, {{EM_LOONGARCH}, 32, 0, 0},
	 "__loongarch__ __loongarch_grlen=32", GENERIC | TIME64 | NO_TIME32 | OFF32 | STAT_X | NO_RENAMEAT, 32, "", "", 0, 0},
	{"powerpc64", "powerpc", 64, 0, "PowerPC 64-bit (ppc64, ppc64le)",
	 "ppc64 ppc64le ppc64el powerpc64le powerpc64le-unknown-linux-gnu", "ppc64le ppc64", "SCMP_ARCH_PPC64 SCMP_ARCH_PPC64LE", "ppc64", "powerpc", {{EM_PPC64}, 0, 0, 0},
	 "__powerpc__ __powerpc64__", IPCCALL | STAT_NEW | SYNC_FILE_RANGE2, 64, "", "", 0, 0},
	{"powerpc", "powerpc", 32, 0, "PowerPC 32-bit",
	 "ppc ppc32 powerpc-unknown-linux-gnu", "ppc64 ppc", "SCMP_ARCH_PPC", "ppc", NULL, {{EM_PPC}, 0, 0, 0},
	 "__powerpc__", TIME64 | OFF32 | IPCCALL | STAT_XF | SYNC_FILE_RANGE2, 32, "", "", 0, 0},
	{"s390x", "s390", 64, 0, "IBM Z 64-bit",
	 "s390x-unknown-linux-gnu", "s390x", "SCMP_ARCH_S390X", "s390x", "s390", {{EM_S390}, 64, 0, 0},
	 "__s390__ __s390x__", SOCKETCALL | IPCCALL | STAT_NEW, 64, "", "", 0, 0},
	{"s390", "s390", 32, 0, "IBM S/390 31-bit (compat on s390x kernels)",
	 "s390-31", "s390x s390", "SCMP_ARCH_S390", "s390", NULL, {{EM_S390}, 32, 0, 0},
	 "__s390__", TIME64 | OFF32 | UID16 | SOCKETCALL | IPCCALL | STAT_XF, 64, "COMPAT", "", 0, 0},
	{"mips-o32", "mips", 32, 4000, "MIPS o32, numbers from 4000",
	 "mips mipsel mips32 o32", "mips mipsle mips64 mips64le", "SCMP_ARCH_MIPS SCMP_ARCH_MIPSEL", "mips", NULL, {{EM_MIPS, EM_MIPS_RS3_LE}, 32, 0x20, 0},
	 MIPS_SIM "1", TIME64 | OFF32 | IPCCALL | STAT_XF | NO_VFORK, 32, "", "MIPS32_O32", 0, 0},
	{"mips-n32", "mips", 32, 6000, "MIPS n32, numbers from 6000",
	 "mipsn32 mips64n32 mipsel64n32 n32", "mips64 mips64le mips64n32 mipsel64n32", "SCMP_ARCH_MIPS64N32 SCMP_ARCH_MIPSEL64N32", "mips64n32", NULL, {{EM_MIPS, EM_MIPS_RS3_LE}, 32, 0x20, 0x20},
	 MIPS_SIM "2", TIME64 | STAT_XF | NO_VFORK, 64, "MIPS32_N32 COMPAT", "", 0, 0},
	{"mips-n64", "mips", 64, 5000, "MIPS n64, numbers from 5000",
	 "mips64 mips64el mips64le n64", "mips64 mips64le", "SCMP_ARCH_MIPS64 SCMP_ARCH_MIPSEL64", "mips64", "mips-o32", {{EM_MIPS, EM_MIPS_RS3_LE}, 64, 0, 0},
	 MIPS_SIM "3", STAT_NEW | NO_VFORK, 64, "", "", 0, 0},
	{"sparc64", "sparc", 64, 0, "SPARC 64-bit",
	 "sparcv9 sparc64-unknown-linux-gnu", "", "SCMP_ARCH_SPARC64", NULL, "sparc", {{EM_SPARCV9}, 0, 0, 0},
	 "__sparc__ __arch64__", IPCCALL | STAT_64, 64, "", "", 0, 0},
	{"sparc", "sparc", 32, 0, "SPARC 32-bit",
	 "sparc32", "", "SCMP_ARCH_SPARC", NULL, NULL, {{EM_SPARC, EM_SPARC32PLUS}, 0, 0, 0},
	 "__sparc__", TIME64 | OFF32 | UID16 | IPCCALL | STAT_XF, 32, "", "", 0, 0},
	{"parisc64", "parisc", 64, 0, "PA-RISC 64-bit",
	 "hppa64", "", "SCMP_ARCH_PARISC64", "parisc64", "parisc", {{EM_PARISC}, 64, 0, 0},
	 "__hppa__ __hppa64__", STAT_64, 64, "", "", 0, 0},
	{"parisc", "parisc", 32, 0, "PA-RISC 32-bit",
	 "hppa", "", "SCMP_ARCH_PARISC", "parisc", NULL, {{EM_PARISC}, 32, 0, 0},
	 "__hppa__", TIME64 | OFF32 | STAT_XF, 32, "", "", 0, 0},
	{"alpha", "alpha", 64, 0, "Alpha",
	 "", "", "SCMP_ARCH_ALPHA", NULL, NULL, {{EM_ALPHA_STD, EM_ALPHA}, 0, 0, 0},
	 "__alpha__", STAT_64, 64, "", "", 0, 0},
	{"ia64", "ia64", 64, 1024, "Itanium, numbers from 1024 (removed in 6.7)",
	 "itanium", "", "SCMP_ARCH_IA64", NULL, NULL, {{EM_IA_64}, 0, 0, 0},
	 "__ia64__", STAT_NEW | CLONE2, 64, "", "", 0, 0},
	{"m68k", "m68k", 32, 0, "Motorola 68k",
	 "", "", "SCMP_ARCH_M68K", "m68k", NULL, {{EM_68K}, 0, 0, 0},
	 "__m68k__", TIME64 | OFF32 | UID16 | SOCKETCALL | IPCCALL | STAT_XF, 32, "", "", 0, 0},
	{"sh", "sh", 32, 0, "SuperH 32-bit",
	 "sh4", "", "SCMP_ARCH_SH SCMP_ARCH_SHEB", "sh", NULL, {{EM_SH}, 0, 0, 0},
	 "__sh__", TIME64 | OFF32 | UID16 | IPCCALL | STAT_XF, 32, "", "", 0, 0},
	{"microblaze", "microblaze", 32, 0, "MicroBlaze", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__microblaze__", 0, 32, "", "", 0, 0},
	{"xtensa", "xtensa", 32, 0, "Xtensa", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__xtensa__", 0, 32, "", "", 0, 0},
	{"csky", "csky", 32, 0, "C-SKY", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__csky__", 0, 32, "", "", 0, 0},
	{"openrisc", "openrisc", 32, 0, "OpenRISC 1000", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__or1k__ __OR1K__", 0, 32, "", "", 0, 0},
	{"nios2", "nios2", 32, 0, "Nios II", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__nios2__", 0, 32, "", "", 0, 0},
	{"hexagon", "hexagon", 32, 0, "Hexagon", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__hexagon__", 0, 32, "", "", 0, 0},
	{"arc", "arc", 32, 0, "ARC", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__arc__", 0, 32, "", "", 0, 0},
	/* Architectures of the header era only (removed before their arch
	 * got a .tbl, or asm-generic users that left before v6.11). */
	{"sh64", "sh", 64, 0, "SuperH SH-5 64-bit (its unistd_64.h outlived the port: first and last from the catalog)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__sh__ __SH5__", 0, 64, "", "", 0, 0},
	{"avr32", "avr32", 32, 0, "AVR32 (removed in 4.12)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__avr32__", 0, 32, "", "", 0, 0},
	{"blackfin", "blackfin", 32, 0, "Blackfin (removed in 4.17)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__bfin__", 0, 32, "", "", 0, 0},
	{"cris", "cris", 32, 0, "CRIS (removed in 4.17)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__cris__", 0, 32, "", "", 0, 0},
	{"frv", "frv", 32, 0, "FR-V (removed in 4.17)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__frv__", 0, 32, "", "", 0, 0},
	{"m32r", "m32r", 32, 0, "M32R (removed in 4.17)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__m32r__", 0, 32, "", "", 0, 0},
	{"mn10300", "mn10300", 32, 0, "MN10300 / AM33 (removed in 4.17)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__mn10300__", 0, 32, "", "", 0, 0},
	{"score", "score", 32, 0, "S+core (removed in 4.17)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__score__", 0, 32, "", "", 0, 0},
	{"metag", "metag", 32, 0, "Meta (removed in 4.17)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__metag__", 0, 32, "", "", 0, 0},
	{"tilegx", "tile", 64, 0, "TILE-Gx 64-bit (removed in 4.17)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__tile__ __tilegx__", 0, 64, "", "", 0, 0},
	{"tilepro", "tile", 32, 0, "TILEPro 32-bit (removed in 4.17)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__tile__ __tilepro__", 0, 32, "", "", 0, 0},
	{"unicore32", "unicore32", 32, 0, "UniCore32 (removed in 5.9)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__unicore32__", 0, 32, "", "", 0, 0},
	{"c6x", "c6x", 32, 0, "TI C6x (removed in 5.12)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "_TMS320C6X", 0, 32, "", "", 0, 0},
	{"h8300", "h8300", 32, 0, "H8/300 (removed in 3.13, back on asm-generic in 4.2: two generations)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__H8300H__", 0, 32, "", "", 0, 0},
	{"nds32", "nds32", 32, 0, "Andes NDS32 (removed in 5.18)", "", "", "", NULL, NULL, {{0}, 0, 0, 0}, "__nds32__", 0, 32, "", "", 0, 0},
};
// clang-format on

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

int kabi_abi_list_has(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while (p && *p) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && strncasecmp(p, word, n) == 0)
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

const kabi_abi_info *kabi_abi_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(abis) / sizeof(abis[0]); i++)
		if (strcasecmp(abis[i].name, name) == 0)
			return &abis[i];
	for (i = 0; i < sizeof(abis) / sizeof(abis[0]); i++)
		if (kabi_abi_list_has(abis[i].aliases, name))
			return &abis[i];
	return NULL;
}

const kabi_abi_info *kabi_abi_of_elf(unsigned machine, int is64, uint32_t flags)
{
	const kabi_abi_info *best = NULL;
	size_t i, m;

	for (i = 0; i < sizeof(abis) / sizeof(abis[0]); i++) {
		const kabi_elf_id *e = &abis[i].elf;

		for (m = 0; m < sizeof(e->machine) / sizeof(e->machine[0]) && e->machine[m]; m++)
			if (e->machine[m] == machine)
				break;
		if (m == sizeof(e->machine) / sizeof(e->machine[0]) || !e->machine[m])
			continue;
		if ((e->class == 64 && !is64) || (e->class == 32 && is64) ||
		    (flags & e->flags_mask) != e->flags_value)
			continue;
		if (!best || e->flags_mask > best->elf.flags_mask)
			best = &abis[i];
	}
	return best;
}

int kabi_abi_nr_is_private(const kabi_abi_info *abi, int64_t nr)
{
	if (!abi || abi->private_last == 0)
		return 0;
	return nr - abi->base >= abi->private_first && nr - abi->base <= abi->private_last;
}

const kabi_abi_info *kabi_abi_of_seccomp(const char *scmp)
{
	size_t i;

	for (i = 0; i < sizeof(abis) / sizeof(abis[0]); i++)
		if (*abis[i].seccomp && kabi_abi_list_has(abis[i].seccomp, scmp))
			return &abis[i];
	return NULL;
}

const kabi_abi_info *kabi_abi_find(const char *name)
{
	int i = kabi_abi_index(name);

	return i < 0 ? NULL : &abis[i];
}

/* The Kconfig symbol of each architecture, and the word-size symbols of its
 * kernels ("64BIT" / "32BIT" on every arch; x86, powerpc and sparc have their
 * own as well).  "um" is no ABI's but its Kconfig is read like the others. */
// clang-format off
static const kabi_arch_info arches[] = {
	{"x86",        "X86",        "X86_64 64BIT",  "X86_32 32BIT"},
	{"arm",        "ARM",        "64BIT",         "32BIT"},
	{"arm64",      "ARM64",      "64BIT",         "32BIT"},
	{"riscv",      "RISCV",      "64BIT",         "32BIT"},
	{"loongarch",  "LOONGARCH",  "64BIT",         "32BIT"},
	{"powerpc",    "PPC",        "PPC64 64BIT",   "PPC32 32BIT"},
	{"s390",       "S390",       "64BIT",         "32BIT"},
	{"mips",       "MIPS",       "64BIT",         "32BIT"},
	{"sparc",      "SPARC",      "SPARC64 64BIT", "SPARC32 32BIT"},
	{"parisc",     "PARISC",     "64BIT",         "32BIT"},
	{"alpha",      "ALPHA",      "64BIT",         "32BIT"},
	{"ia64",       "IA64",       "64BIT",         "32BIT"},
	{"m68k",       "M68K",       "64BIT",         "32BIT"},
	{"sh",         "SUPERH",     "64BIT",         "32BIT"},
	{"microblaze", "MICROBLAZE", "64BIT",         "32BIT"},
	{"xtensa",     "XTENSA",     "64BIT",         "32BIT"},
	{"csky",       "CSKY",       "64BIT",         "32BIT"},
	{"openrisc",   "OPENRISC",   "64BIT",         "32BIT"},
	{"nios2",      "NIOS2",      "64BIT",         "32BIT"},
	{"hexagon",    "HEXAGON",    "64BIT",         "32BIT"},
	{"arc",        "ARC",        "64BIT",         "32BIT"},
	{"um",         "UML",        "64BIT",         "32BIT"},
};
// clang-format on

const kabi_arch_info *kabi_arches(size_t *n)
{
	*n = sizeof(arches) / sizeof(arches[0]);
	return arches;
}

const kabi_arch_info *kabi_arch_find(const char *arch)
{
	size_t i;

	for (i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		if (strcmp(arches[i].arch, arch) == 0)
			return &arches[i];
	return NULL;
}

const kabi_arch_info *kabi_arch_of_kconfig(const char *sym)
{
	size_t i;

	for (i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		if (strcmp(arches[i].kconfig, sym) == 0)
			return &arches[i];
	return NULL;
}
