/*
 * layout.c - the layout registry: where each era of the kernel keeps each
 * ABI's syscall table, and how to read it.
 */
#include "layout.h"

/* the layout macros and table, aligned by hand */
// clang-format off
#define TBL(abi, path, tags, off, flags) {abi, path, KABI_FMT_TBL, tags, off, flags, NULL, NULL, KABI_ENT_NONE, NULL, NULL, NULL, NULL, NULL, NULL}
#define GEN(abi, path) {abi, path, KABI_FMT_GENERIC_TBL, NULL, 0, 0, NULL, NULL, KABI_ENT_NONE, NULL, NULL, NULL, NULL, NULL, NULL}
/* ... whose arch's uapi unistd.h renames rows after including it. */
#define GENR(abi, path, renames) {abi, path, KABI_FMT_GENERIC_TBL, NULL, 0, 0, NULL, NULL, KABI_ENT_NONE, NULL, NULL, NULL, NULL, NULL, renames}
/* A header-era table: the header at `path`, preprocessed with the macros the
 * ABI's compiler predefines (kabi_abi_info.cpp). */
#define HDR(abi, path, flags) {abi, path, KABI_FMT_HEADER, NULL, 0, flags, NULL, NULL, KABI_ENT_NONE, NULL, NULL, NULL, NULL, NULL, NULL}
/* ... preprocessed with `extra` macros besides the ABI's. */
#define HDRX(abi, path, extra, flags) {abi, path, KABI_FMT_HEADER, NULL, 0, flags, extra, NULL, KABI_ENT_NONE, NULL, NULL, NULL, NULL, NULL, NULL}
/* ... whose entry points are in a positional list after `label` in `ent`. */
#define HDRL(abi, path, flags, ent, label, cent, clabel) \
	{abi, path, KABI_FMT_HEADER, NULL, 0, flags, NULL, ent, KABI_ENT_LIST, label, cent, clabel, NULL, NULL, NULL}
/* ... the same with the list's slot 0 numbered `first`. */
#define HDRLO(abi, path, first, ent, label, cent, clabel) \
	{abi, path, KABI_FMT_HEADER, NULL, first, 0, NULL, ent, KABI_ENT_LIST, label, cent, clabel, NULL, NULL, NULL}
/* sparc: .word/.long lists, five a line; sparc64's file holds the 32-bit
 * compat table (sys_call_table32, the .tbl's 5th column for 32-bit rows)
 * and the 64-bit one (sys_call_table64). */
#define SPARC32_TABLE "arch/sparc/kernel/systbls_32.S|arch/sparc/kernel/systbls.S"
#define SPARC64_TABLE "arch/sparc/kernel/systbls_64.S|arch/sparc64/kernel/systbls.S"
/* sh64: a .long list in arch/sh64 (2.6.12-2.6.23), then beside sh's (until
 * 3.7; its unistd_64.h stayed to 5.4 with no table: entries unknown). */
#define SH64_TABLE "arch/sh/kernel/syscalls_64.S|arch/sh64/kernel/syscalls.S"
/* m32r's table moved out of entry.S into its own file in 2.6.2x. */
#define M32R_TABLE "arch/m32r/kernel/syscall_table.S|arch/m32r/kernel/entry.S"
/* s390: SYSCALL(esa, esame, emu) / SYSCALL(esame, emu) lines in syscalls.S
 * give the 64-bit entry and the 31-bit compat entry, as syscall.tbl does. */
#define S390(abi, path, flags) \
	{abi, path, KABI_FMT_HEADER, NULL, 0, flags, NULL, "arch/s390/kernel/syscalls.S", KABI_ENT_LIST, NULL, NULL, NULL, NULL, NULL, NULL}
/* ... whose entry points are in arm's calls.S, slot 0 numbered `first`. */
#define HDRA(abi, path, flags, first) \
	{abi, path, KABI_FMT_HEADER, NULL, first, flags, NULL, "arch/arm/kernel/calls.S", KABI_ENT_ARM_CALLS, NULL, NULL, NULL, NULL, NULL, NULL}

/* powerpc: the positional macros of asm/systbl.h (2.6.18-4.20), or of
 * systbl.S itself (2.6.15-2.6.17); every candidate found is read for the
 * #defines that rename entries (systbl.S retires sys_sigpending on 64-bit). */
#define PPC_TABLE "arch/powerpc/kernel/systbl.S|arch/powerpc/include/asm/systbl.h|include/asm-powerpc/systbl.h"
#define HDRP(abi, path) \
	{abi, path, KABI_FMT_HEADER, NULL, 0, 0, NULL, PPC_TABLE, KABI_ENT_PPC, NULL, NULL, NULL, NULL, NULL, NULL}

/* parisc: the ENTRY_*() lines of syscall_table.S, expanded by its own
 * #defines for a 32-bit kernel and both tables of a 64-bit one. */
#define HDRPA(abi, path) \
	{abi, path, KABI_FMT_HEADER, NULL, 0, 0, NULL, "arch/parisc/kernel/syscall_table.S", KABI_ENT_PARISC, NULL, NULL, NULL, NULL, NULL, NULL}

/* Private syscalls: the header's `prefix`NAME macros (KABI_FMT_PRIVATE). */
#define PRIV(abi, path, prefix, extra) {abi, path, KABI_FMT_PRIVATE, prefix, 0, 0, extra, NULL, KABI_ENT_NONE, NULL, NULL, NULL, NULL, NULL, NULL}

/* Every unistd header path an architecture used, newest first: the UAPI
 * split (v3.7), arch/ARCH/include (v2.6.25-v2.6.30 by arch), include/asm-ARCH. */
#define UAPI(a) "arch/" a "/include/uapi/asm/unistd.h"
#define ASM(a) "arch/" a "/include/asm/unistd.h"
#define OLD(a) "include/asm-" a "/unistd.h"
#define X86_NI (KABI_L_NI_NONE)
/* i386's sys_call_table over time (entry.S until 2.6.15, then
 * syscall_table.S, syscall_table_32.S from 2.6.24), and the ia32 compat
 * table of x86_64 kernels, whose entries the .tbl's 5th column took over. */
#define I386_TABLE "arch/x86/kernel/syscall_table_32.S|arch/i386/kernel/syscall_table.S|arch/i386/kernel/entry.S"
#define IA32_TABLE "arch/x86/ia32/ia32entry.S|arch/x86_64/ia32/ia32entry.S"
#define ARM_EABI (KABI_L_NI_NONE | KABI_L_NO_COMPAT)

/* Per-ABI candidates; the first that yields rows wins at a release.  Tags
 * and offsets are the ones the kernel's own Makefiles pass to its
 * syscallhdr.sh / syscalltbl.sh for that ABI (mips passes no --abis, so
 * every row of each of its files counts: 6.1's n64 file has a "common"
 * row, 450 set_mempolicy_home_node). */
static const kabi_layout layouts[] = {
	TBL("x86_64", "arch/x86/entry/syscalls/syscall_64.tbl", "common,64", 0, 0),
	TBL("x86_64", "arch/x86/syscalls/syscall_64.tbl", "common,64", 0, 0),
	TBL("x32", "arch/x86/entry/syscalls/syscall_64.tbl", "common,x32", KABI_X32_BIT, 0),
	TBL("x32", "arch/x86/syscalls/syscall_64.tbl", "common,x32", KABI_X32_BIT, 0),
	TBL("i386", "arch/x86/entry/syscalls/syscall_32.tbl", "i386", 0, 0),
	TBL("i386", "arch/x86/syscalls/syscall_32.tbl", "i386", 0, 0),
	TBL("arm", "arch/arm/tools/syscall.tbl", "common,eabi", 0, KABI_L_NO_COMPAT),
	TBL("arm-oabi", "arch/arm/tools/syscall.tbl", "common,oabi", KABI_ARM_OABI_BASE, 0),
	GEN("arm64", "arch/arm64/tools/syscall_64.tbl"),
	/* arm64's syscall_32.tbl: the 5th column is the compat entry AArch32
	 * tasks run (arch/arm64/kernel/sys32.c builds the table from it). */
	TBL("arm64-compat", "arch/arm64/tools/syscall_32.tbl", "common,eabi", 0, 0),
	GEN("riscv64", "scripts/syscall.tbl"),
	GEN("riscv32", "scripts/syscall.tbl"),
	GEN("loongarch64", "scripts/syscall.tbl"),
	GEN("loongarch32", "scripts/syscall.tbl"), /* 7.1: syscall_abis_32 */
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
	/* csky and hexagon pass 64-bit arguments in aligned register pairs:
	 * sync_file_range2's order (6.10, "csky, hexagon: fix broken
	 * sys_sync_file_range", and stable).  From 6.11 their uapi unistd.h
	 * says "#define __NR_sync_file_range2 84" and "#undef
	 * __NR_sync_file_range" after asm/unistd_32.h, and their syscall
	 * tables "#define sys_sync_file_range sys_sync_file_range2". */
	GENR("csky", "scripts/syscall.tbl", "sync_file_range>sync_file_range2"),
	GEN("openrisc", "scripts/syscall.tbl"),
	GEN("nios2", "scripts/syscall.tbl"),
	GENR("hexagon", "scripts/syscall.tbl", "sync_file_range>sync_file_range2"),
	GEN("arc", "scripts/syscall.tbl"),
	/*
	 * The header era (harvest/hdr.c, docs/header-era.md).  After every
	 * .tbl row, so a release that has a .tbl uses it.
	 */
	/* x86: x86_64's header carries __SYSCALL(nr, entry); i386's entries
	 * are the positional .long list of sys_call_table. */
	HDR("x86_64", "arch/x86/include/asm/unistd_64.h", X86_NI),
	HDR("x86_64", "include/asm-x86/unistd_64.h", X86_NI),
	HDR("x86_64", OLD("x86_64"), X86_NI),
	HDRL("i386", "arch/x86/include/asm/unistd_32.h", X86_NI, I386_TABLE, "sys_call_table", IA32_TABLE, "ia32_sys_call_table"),
	HDRL("i386", "include/asm-x86/unistd_32.h", X86_NI, I386_TABLE, "sys_call_table", IA32_TABLE, "ia32_sys_call_table"),
	HDRL("i386", OLD("i386"), X86_NI, I386_TABLE, "sys_call_table", IA32_TABLE, "ia32_sys_call_table"),
	/* arm: __NR_SYSCALL_BASE is 0 with __ARM_EABI__, else 0x900000. */
	HDRA("arm", UAPI("arm"), ARM_EABI, 0),
	HDRA("arm", ASM("arm"), ARM_EABI, 0),
	HDRA("arm", OLD("arm"), ARM_EABI, 0),
	HDRA("arm-oabi", UAPI("arm"), KABI_L_NI_NONE, KABI_ARM_OABI_BASE),
	HDRA("arm-oabi", ASM("arm"), KABI_L_NI_NONE, KABI_ARM_OABI_BASE),
	HDRA("arm-oabi", OLD("arm"), KABI_L_NI_NONE, KABI_ARM_OABI_BASE),
	/*
	 * ARM's private syscalls, served by arm_syscall() (arch/arm/kernel/
	 * traps.c) for numbers __ARM_NR_BASE (__NR_SYSCALL_BASE + 0x0f0000)
	 * and up, and by compat_arm_syscall() (arch/arm64/kernel/sys_compat.c)
	 * for AArch32 tasks: added to the table of every era.  arm64's are in
	 * its asm/unistd.h under CONFIG_COMPAT (3.7: at the end of unistd32.h).
	 */
	PRIV("arm", UAPI("arm"), "__ARM_NR_", NULL),
	PRIV("arm", ASM("arm"), "__ARM_NR_", NULL),
	PRIV("arm", OLD("arm"), "__ARM_NR_", NULL),
	PRIV("arm-oabi", UAPI("arm"), "__ARM_NR_", NULL),
	PRIV("arm-oabi", ASM("arm"), "__ARM_NR_", NULL),
	PRIV("arm-oabi", OLD("arm"), "__ARM_NR_", NULL),
	PRIV("arm64-compat", ASM("arm64"), "__ARM_NR_compat_", "CONFIG_COMPAT=1"),
	PRIV("arm64-compat", "arch/arm64/include/asm/unistd32.h", "__ARM_NR_compat_", "CONFIG_COMPAT=1"),
	/* asm-generic users: the arch header defines its __ARCH_WANT_* and
	 * includes asm-generic/unistd.h; __SC_COMP & co. give the entries. */
	HDR("arm64", UAPI("arm64"), 0),
	HDR("arm64", ASM("arm64"), 0),
	/* arm64-compat: numbers and compat entries in unistd32.h; the entry
	 * column of syscall_32.tbl is arm's native EABI entry, read from arm's
	 * own table in the same tree. */
	{"arm64-compat", "arch/arm64/include/asm/unistd32.h", KABI_FMT_HEADER, NULL, 0, 0,
	 NULL, "arch/arm/tools/syscall.tbl|arch/arm/kernel/calls.S", KABI_ENT_ARM_CALLS,
	 "common,eabi", NULL, NULL, UAPI("arm") "|" ASM("arm"), "arm", NULL},
	HDR("riscv64", UAPI("riscv"), 0),
	HDR("riscv64", ASM("riscv"), 0), /* 4.15-4.19: <uapi/asm/unistd.h> is Kbuild's generic-y */
	HDR("riscv32", UAPI("riscv"), 0),
	HDR("riscv32", ASM("riscv"), 0),
	HDR("loongarch64", UAPI("loongarch"), 0),
	HDR("csky", UAPI("csky"), 0),
	HDR("openrisc", UAPI("openrisc"), 0),
	HDR("openrisc", ASM("openrisc"), 0),
	HDR("nios2", UAPI("nios2"), 0),
	HDR("hexagon", UAPI("hexagon"), 0),
	HDR("hexagon", ASM("hexagon"), 0),
	HDR("arc", UAPI("arc"), 0),
	HDR("arc", ASM("arc"), 0),
	HDR("c6x", UAPI("c6x"), 0),
	HDR("c6x", ASM("c6x"), 0),
	HDR("h8300", UAPI("h8300"), 0),
	HDR("h8300", ASM("h8300"), 0),
	HDR("h8300", OLD("h8300"), 0),
	HDR("nds32", UAPI("nds32"), 0),
	HDR("metag", UAPI("metag"), 0),
	HDR("metag", ASM("metag"), 0),
	HDR("tilegx", UAPI("tile"), 0),
	HDR("tilegx", ASM("tile"), 0),
	HDR("tilepro", UAPI("tile"), 0),
	HDR("tilepro", ASM("tile"), 0),
	HDR("score", UAPI("score"), 0),
	HDR("score", ASM("score"), 0),
	HDR("unicore32", UAPI("unicore32"), 0),
	HDR("unicore32", ASM("unicore32"), 0),
	/* Per-arch headers; mips, sh, m68k and microblaze with their positional
	 * entry tables (PTR / .long lists), powerpc with systbl.h's macros (misc.S's
	 * .long / .llong lists before 2.6.15), parisc with ENTRY_*(),
	 * the others with numbers only
	 * (docs/header-era.md). */
	HDRP("powerpc64", UAPI("powerpc")),
	HDRP("powerpc64", ASM("powerpc")),
	HDRP("powerpc64", OLD("powerpc")),
	HDRLO("powerpc64", OLD("ppc64"), 0, "arch/ppc64/kernel/misc.S", "sys_call_table", NULL, NULL),
	HDRP("powerpc", UAPI("powerpc")),
	HDRP("powerpc", ASM("powerpc")),
	HDRP("powerpc", OLD("powerpc")),
	HDRLO("powerpc", OLD("ppc"), 0, "arch/ppc/kernel/misc.S", "sys_call_table", "arch/ppc64/kernel/misc.S", "sys_call_table32"),
	S390("s390x", UAPI("s390"), KABI_L_NI_NONE),
	S390("s390x", ASM("s390"), KABI_L_NI_NONE),
	S390("s390x", OLD("s390"), KABI_L_NI_NONE),
	S390("s390", UAPI("s390"), KABI_L_NI_NONE | KABI_L_COMPAT_ONLY),
	S390("s390", ASM("s390"), KABI_L_NI_NONE | KABI_L_COMPAT_ONLY),
	S390("s390", OLD("s390"), KABI_L_NI_NONE | KABI_L_COMPAT_ONLY),
	HDRLO("mips-o32", UAPI("mips"), 4000, "arch/mips/kernel/scall32-o32.S", "sys_call_table", "arch/mips/kernel/scall64-o32.S", "sys32_call_table|sys_call_table"),
	HDRLO("mips-o32", ASM("mips"), 4000, "arch/mips/kernel/scall32-o32.S", "sys_call_table", "arch/mips/kernel/scall64-o32.S", "sys32_call_table|sys_call_table"),
	HDRLO("mips-o32", OLD("mips"), 4000, "arch/mips/kernel/scall32-o32.S", "sys_call_table", "arch/mips/kernel/scall64-o32.S", "sys32_call_table|sys_call_table"),
	HDRLO("mips-n32", UAPI("mips"), 6000, "arch/mips/kernel/scall64-n32.S", "sysn32_call_table", NULL, NULL),
	HDRLO("mips-n32", ASM("mips"), 6000, "arch/mips/kernel/scall64-n32.S", "sysn32_call_table", NULL, NULL),
	HDRLO("mips-n32", OLD("mips"), 6000, "arch/mips/kernel/scall64-n32.S", "sysn32_call_table", NULL, NULL),
	HDRLO("mips-n64", UAPI("mips"), 5000, "arch/mips/kernel/scall64-64.S", "sys_call_table", NULL, NULL),
	HDRLO("mips-n64", ASM("mips"), 5000, "arch/mips/kernel/scall64-64.S", "sys_call_table", NULL, NULL),
	HDRLO("mips-n64", OLD("mips"), 5000, "arch/mips/kernel/scall64-64.S", "sys_call_table", NULL, NULL),
	HDRLO("sparc64", UAPI("sparc"), 0, SPARC64_TABLE, "sys_call_table64", NULL, NULL),
	HDRLO("sparc64", ASM("sparc"), 0, SPARC64_TABLE, "sys_call_table64", NULL, NULL),
	HDRLO("sparc64", OLD("sparc64"), 0, SPARC64_TABLE, "sys_call_table64", NULL, NULL),
	HDRLO("sparc", UAPI("sparc"), 0, SPARC32_TABLE, "sys_call_table", SPARC64_TABLE, "sys_call_table32"),
	HDRLO("sparc", ASM("sparc"), 0, SPARC32_TABLE, "sys_call_table", SPARC64_TABLE, "sys_call_table32"),
	HDRLO("sparc", OLD("sparc"), 0, SPARC32_TABLE, "sys_call_table", SPARC64_TABLE, "sys_call_table32"),
	HDRPA("parisc64", UAPI("parisc")),
	HDRPA("parisc64", ASM("parisc")),
	HDRPA("parisc64", OLD("parisc")),
	HDRPA("parisc", UAPI("parisc")),
	HDRPA("parisc", ASM("parisc")),
	HDRPA("parisc", OLD("parisc")),
	HDRLO("alpha", UAPI("alpha"), 0, "arch/alpha/kernel/systbls.S", "sys_call_table", NULL, NULL),
	HDRLO("alpha", ASM("alpha"), 0, "arch/alpha/kernel/systbls.S", "sys_call_table", NULL, NULL),
	HDRLO("alpha", OLD("alpha"), 0, "arch/alpha/kernel/systbls.S", "sys_call_table", NULL, NULL),
	HDRLO("ia64", UAPI("ia64"), 1024, "arch/ia64/kernel/entry.S", "sys_call_table", NULL, NULL),
	HDRLO("ia64", ASM("ia64"), 1024, "arch/ia64/kernel/entry.S", "sys_call_table", NULL, NULL),
	HDRLO("ia64", OLD("ia64"), 1024, "arch/ia64/kernel/entry.S", "sys_call_table", NULL, NULL),
	HDRLO("m68k", UAPI("m68k"), 0, "arch/m68k/kernel/syscalltable.S|arch/m68k/kernel/entry.S", "sys_call_table", NULL, NULL),
	HDRLO("m68k", ASM("m68k"), 0, "arch/m68k/kernel/syscalltable.S|arch/m68k/kernel/entry.S", "sys_call_table", NULL, NULL),
	HDRLO("m68k", OLD("m68k"), 0, "arch/m68k/kernel/syscalltable.S|arch/m68k/kernel/entry.S", "sys_call_table", NULL, NULL),
	/* m68knommu's own header, whose compiler also predefined __uClinux__ */
	HDRX("m68k", OLD("m68knommu"), "__uClinux__", 0),
	HDRLO("sh", UAPI("sh"), 0, "arch/sh/kernel/syscalls_32.S", "sys_call_table", NULL, NULL),
	HDRLO("sh", ASM("sh"), 0, "arch/sh/kernel/syscalls_32.S", "sys_call_table", NULL, NULL),
	HDRLO("sh", OLD("sh"), 0, "arch/sh/kernel/syscalls_32.S", "sys_call_table", NULL, NULL),
	HDRLO("sh64", UAPI("sh"), 0, SH64_TABLE, "sys_call_table", NULL, NULL),
	HDRLO("sh64", ASM("sh"), 0, SH64_TABLE, "sys_call_table", NULL, NULL),
	HDRLO("sh64", OLD("sh"), 0, SH64_TABLE, "sys_call_table", NULL, NULL),
	HDRLO("sh64", OLD("sh64"), 0, SH64_TABLE, "sys_call_table", NULL, NULL),
	HDRLO("microblaze", UAPI("microblaze"), 0, "arch/microblaze/kernel/syscall_table.S", "sys_call_table", NULL, NULL),
	HDRLO("microblaze", ASM("microblaze"), 0, "arch/microblaze/kernel/syscall_table.S", "sys_call_table", NULL, NULL),
	/* xtensa: __SYSCALL(nr, entry, nargs) lines from v2.6.20. */
	HDR("xtensa", UAPI("xtensa"), 0),
	HDR("xtensa", ASM("xtensa"), 0),
	HDR("xtensa", OLD("xtensa"), 0),
	HDRLO("avr32", ASM("avr32"), 0, "arch/avr32/kernel/syscall_table.S", "sys_call_table", NULL, NULL),
	HDRLO("avr32", OLD("avr32"), 0, "arch/avr32/kernel/syscall_table.S", "sys_call_table", NULL, NULL),
	HDR("blackfin", UAPI("blackfin"), 0),
	HDR("blackfin", ASM("blackfin"), 0),
	HDR("blackfin", OLD("blackfin"), 0),
	HDR("cris", UAPI("cris"), 0),
	HDR("cris", ASM("cris"), 0),
	HDR("cris", OLD("cris"), 0),
	HDR("frv", UAPI("frv"), 0),
	HDR("frv", ASM("frv"), 0),
	HDR("frv", OLD("frv"), 0),
	HDRLO("m32r", UAPI("m32r"), 0, M32R_TABLE, "sys_call_table", NULL, NULL),
	HDRLO("m32r", ASM("m32r"), 0, M32R_TABLE, "sys_call_table", NULL, NULL),
	HDRLO("m32r", OLD("m32r"), 0, M32R_TABLE, "sys_call_table", NULL, NULL),
	HDRLO("mn10300", UAPI("mn10300"), 0, "arch/mn10300/kernel/entry.S", "sys_call_table", NULL, NULL),
	HDRLO("mn10300", ASM("mn10300"), 0, "arch/mn10300/kernel/entry.S", "sys_call_table", NULL, NULL),
	HDRLO("mn10300", OLD("mn10300"), 0, "arch/mn10300/kernel/entry.S", "sys_call_table", NULL, NULL),
};
// clang-format on

const kabi_layout *kabi_layouts(size_t *n)
{
	*n = sizeof(layouts) / sizeof(layouts[0]);
	return layouts;
}
