/*
 * The header-era reader (harvest/hdr.c) on small trees held in memory,
 * written in the shapes of the real headers of each family (excerpts in our
 * own words; the numbers are the real ones, checked against the releases
 * named in each test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "layout.h"
#include "error.h"
#include "hdr.h"
#include "strbuf.h"
#include "tap.h"
#include "table.h"

typedef struct {
	const char *path, *text;
} file;

static kabi_intern *pool;
static int warnings;

static void warn(void *ctx, int line, const char *msg)
{
	(void)ctx;
	(void)line;
	printf("# warning: %s\n", msg);
	warnings++;
}

static int mem_read(void *ctx, const char *path, char **text, size_t *len)
{
	const file *f;

	for (f = ctx; f->path; f++) {
		if (strcmp(f->path, path) == 0) {
			*len = strlen(f->text);
			*text = kabi_strdup(f->text);
			return 0;
		}
	}
	return KABI_ENOTFOUND;
}

/* The first header layout row of abi whose path is `path`. */
static const kabi_layout *hdr_layout(const char *abi, const char *path)
{
	size_t n, i;
	const kabi_layout *l = kabi_layouts(&n);

	for (i = 0; i < n; i++)
		if (l[i].format == KABI_FMT_HEADER && strcmp(l[i].abi, abi) == 0 &&
		    strcmp(l[i].path, path) == 0)
			return &l[i];
	return NULL;
}

static int build(kabi_table *t, const char *abi, const char *path, const file *tree)
{
	const kabi_layout *l = hdr_layout(abi, path);

	memset(t, 0, sizeof(*t));
	if (!l) {
		OK(0, "no header layout row for %s at %s", abi, path);
		return -100;
	}
	return kabi_hdr_build(t, l, kabi_abi_find(abi), mem_read, (void *)tree, pool, warn, NULL);
}

/* "nr entry compat implemented" of a row, or "-" when absent. */
static const char *row(const kabi_table *t, const char *name)
{
	static char buf[256];
	const kabi_row *r = kabi_table_find(t, name);

	if (!r)
		return "-";
	snprintf(buf, sizeof(buf), "%lld %s %s %d", (long long)r->nr, *r->entry ? r->entry : "\"\"",
		 *r->compat ? r->compat : "\"\"", r->implemented);
	return buf;
}

static int64_t max_nr(const kabi_table *t)
{
	int64_t m = -1;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->rows[i].nr > m)
			m = t->rows[i].nr;
	return m;
}

/* x86_64 and i386, 2.6.12: include/asm-x86_64/unistd.h pairs each number
 * with __SYSCALL(); i386's entries are entry.S's .long list. */
static void test_x86_2_6_12(void)
{
	static const file tree[] = {
		{"include/asm-x86_64/unistd.h",
		 "#ifndef _ASM_X86_64_UNISTD_H_\n#define _ASM_X86_64_UNISTD_H_\n\n"
		 "#ifndef __SYSCALL\n#define __SYSCALL(a,b) \n#endif\n\n"
		 "/*\n * This file contains the system call numbers.\n */\n\n"
		 "#define __NR_read                                0\n"
		 "__SYSCALL(__NR_read, sys_read)\n"
		 "#define __NR_write                               1\n"
		 "__SYSCALL(__NR_write, sys_write)\n"
		 "#define __NR_clone                             56\n"
		 "__SYSCALL(__NR_clone, stub_clone)\n"
		 "#define __NR_uselib                            134\n"
		 "__SYSCALL(__NR_uselib, sys_ni_syscall)\n"
		 "#define __NR_tuxcall      \t\t\t184 /* reserved for tux */\n"
		 "__SYSCALL(__NR_tuxcall, sys_ni_syscall)\n"
		 "#define __NR_syscall_max __NR_tuxcall\n"
		 "#ifdef __KERNEL__\n#define __ARCH_WANT_OLD_READDIR\n#endif\n#endif\n"},
		{"include/asm-i386/unistd.h",
		 "#ifndef _ASM_I386_UNISTD_H_\n#define _ASM_I386_UNISTD_H_\n"
		 "#define __NR_restart_syscall      0\n#define __NR_exit\t\t  1\n#define __NR_fork\t\t  2\n"
		 "#define __NR_read\t\t  3\n#define __NR_break\t\t 17\n"
		 "#define __NR_waitid\t\t284\n/* #define __NR_sys_setaltroot\t285 */\n"
		 "#define NR_syscalls 285\n#endif\n"},
		{"arch/i386/kernel/entry.S",
		 "ENTRY(system_call)\n\tcmpl $(nr_syscalls), %eax\n\tjae syscall_badsys\n"
		 "\tcall *sys_call_table(,%eax,4)\n"
		 ".section __ex_table,\"a\"\n\t.align 4\n\t.long 1b,2b\n.previous\n"
		 ".data\nENTRY(sys_call_table)\n"
		 "\t.long sys_restart_syscall\t/* 0 - old \"setup()\" system call*/\n"
		 "\t.long sys_exit\n\t.long sys_fork\n\t.long sys_read\n\t.long sys_write\n"
		 "\t.long sys_open\t\t/* 5 */\n\t.long sys_close\n\t.long sys_waitpid\n\t.long sys_creat\n"
		 "\t.long sys_link\n\t.long sys_unlink\t/* 10 */\n\t.long sys_execve\n\t.long sys_chdir\n"
		 "\t.long sys_time\n\t.long sys_mknod\n\t.long sys_chmod\t\t/* 15 */\n\t.long sys_lchown16\n"
		 "\t.long sys_ni_syscall\t/* old break syscall holder */\n"
		 "\nsyscall_table_size=(.-sys_call_table)\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "x86_64", "include/asm-x86_64/unistd.h", tree) == 0, "x86_64 2.6.12");
	EQ_STR(row(&t, "read"), "0 sys_read \"\" 1");
	EQ_STR(row(&t, "clone"), "56 stub_clone \"\" 1");
	EQ_STR(row(&t, "uselib"), "134 \"\" \"\" 0"); /* as syscall_64.tbl writes it */
	EQ_STR(row(&t, "tuxcall"), "184 \"\" \"\" 0");
	EQ_STR(row(&t, "syscall_max"), "-");
	EQ_INT(t.n, 5);
	kabi_table_free(&t);

	OK(build(&t, "i386", "include/asm-i386/unistd.h", tree) == 0, "i386 2.6.12");
	/* the tree has no ia32entry.S: compat entries unknown ("?"), not none */
	EQ_STR(row(&t, "restart_syscall"), "0 sys_restart_syscall ? 1");
	EQ_STR(row(&t, "read"), "3 sys_read ? 1");
	EQ_STR(row(&t, "break"), "17 \"\" ? 0");
	EQ_STR(row(&t, "waitid"), "284 \"\" ? 0"); /* past the excerpt's table */
	EQ_STR(row(&t, "sys_setaltroot"), "-");
	kabi_table_free(&t);
}

/* Builds a 2.6.32-shaped i386 pair: unistd_32.h numbers 0..336 and a
 * syscall_table_32.S; only the last rows are spelled as in the release. */
static void test_x86_2_6_32(void)
{
	kabi_strbuf h32 = KABI_STRBUF_INIT, s32 = KABI_STRBUF_INIT, ia32 = KABI_STRBUF_INIT,
		    h64 = KABI_STRBUF_INIT;
	file tree[5];
	kabi_table t;
	int i;

	kabi_strbuf_puts(&h32, "#ifndef _ASM_X86_UNISTD_32_H\n#define _ASM_X86_UNISTD_32_H\n");
	kabi_strbuf_puts(&s32, "ENTRY(sys_call_table)\n");
	kabi_strbuf_puts(&ia32, "\t.section .rodata,\"a\"\n\t.align 8\nia32_sys_call_table:\n");
	for (i = 0; i <= 336; i++) {
		if (i == 285) { /* the hole: no __NR_, sys_ni_syscall in the table */
			kabi_strbuf_puts(&h32, "/* #define __NR_sys_setaltroot\t285 */\n");
			kabi_strbuf_puts(&s32, "\t.long sys_ni_syscall\t\t/* 285 */ /* available */\n");
			kabi_strbuf_puts(&ia32, "\t.quad quiet_ni_syscall\t\t/* available */\n");
		} else if (i == 2) {
			kabi_strbuf_puts(&h32, "#define __NR_fork\t\t  2\n");
			kabi_strbuf_puts(&s32, "\t.long ptregs_fork\n");
			kabi_strbuf_puts(&ia32, "\t.quad stub32_fork\n");
		} else if (i == 5) {
			kabi_strbuf_puts(&h32, "#define __NR_open\t\t  5\n");
			kabi_strbuf_puts(&s32, "\t.long sys_open\t\t/* 5 */\n");
			kabi_strbuf_puts(&ia32, "\t.quad compat_sys_open\t\t/* 5 */\n");
		} else if (i == 17) {
			kabi_strbuf_puts(&h32, "#define __NR_break\t\t 17\n");
			kabi_strbuf_puts(&s32, "\t.long sys_ni_syscall\t/* old break syscall holder */\n");
			kabi_strbuf_puts(&ia32, "\t.quad quiet_ni_syscall\t/* old break syscall holder */\n");
		} else if (i == 335) {
			kabi_strbuf_puts(&h32, "#define __NR_rt_tgsigqueueinfo\t335\n");
			kabi_strbuf_puts(&s32, "\t.long sys_rt_tgsigqueueinfo\t/* 335 */\n");
			kabi_strbuf_puts(&ia32, "\t.quad compat_sys_rt_tgsigqueueinfo\t/* 335 */\n");
		} else if (i == 336) {
			kabi_strbuf_puts(&h32, "#define __NR_perf_event_open\t336\n");
			kabi_strbuf_puts(&s32, "\t.long sys_perf_event_open\n");
			kabi_strbuf_puts(&ia32, "\t.quad sys_perf_event_open\n");
		} else {
			kabi_strbuf_printf(&h32, "#define __NR_call%d\t\t%d\n", i, i);
			kabi_strbuf_printf(&s32, "\t.long sys_call%d\n", i);
			kabi_strbuf_printf(&ia32, "\t.quad sys_call%d\n", i);
		}
	}
	kabi_strbuf_puts(&h32, "#ifdef __KERNEL__\n#define NR_syscalls 337\n#endif\n#endif\n");
	kabi_strbuf_puts(&ia32, "ia32_syscall_end:\n");
	/* x86_64 2.6.32 ends at perf_event_open 298. */
	kabi_strbuf_puts(&h64,
			 "#ifndef __SYSCALL\n#define __SYSCALL(a, b)\n#endif\n"
			 "#define __NR_read\t\t\t\t0\n__SYSCALL(__NR_read, sys_read)\n"
			 "#define __NR_newfstatat\t\t\t\t262\n__SYSCALL(__NR_newfstatat, sys_newfstatat)\n"
			 "#define __IGNORE_getcpu\t\t/* implemented as a vsyscall */\n"
			 "#define __NR_rt_tgsigqueueinfo\t\t\t297\n"
			 "__SYSCALL(__NR_rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo)\n"
			 "#define __NR_perf_event_open\t\t\t298\n"
			 "__SYSCALL(__NR_perf_event_open, sys_perf_event_open)\n"
			 "#ifndef __NO_STUBS\n#define __ARCH_WANT_OLD_READDIR\n#endif\n");
	tree[0] = (file){"arch/x86/include/asm/unistd_32.h", h32.buf};
	tree[1] = (file){"arch/x86/kernel/syscall_table_32.S", s32.buf};
	tree[2] = (file){"arch/x86/ia32/ia32entry.S", ia32.buf};
	tree[3] = (file){"arch/x86/include/asm/unistd_64.h", h64.buf};
	tree[4] = (file){NULL, NULL};

	OK(build(&t, "i386", "arch/x86/include/asm/unistd_32.h", tree) == 0, "i386 2.6.32");
	EQ_INT(t.n, 336); /* 0..336 less the hole at 285 */
	EQ_INT(max_nr(&t), 336);
	EQ_STR(row(&t, "perf_event_open"), "336 sys_perf_event_open \"\" 1");
	EQ_STR(row(&t, "rt_tgsigqueueinfo"), "335 sys_rt_tgsigqueueinfo compat_sys_rt_tgsigqueueinfo 1");
	EQ_STR(row(&t, "fork"), "2 ptregs_fork stub32_fork 1");
	EQ_STR(row(&t, "open"), "5 sys_open compat_sys_open 1");
	EQ_STR(row(&t, "break"), "17 \"\" \"\" 0"); /* 3.3's "17 i386 break" */
	kabi_table_free(&t);

	OK(build(&t, "x86_64", "arch/x86/include/asm/unistd_64.h", tree) == 0, "x86_64 2.6.32");
	EQ_INT(max_nr(&t), 298);
	EQ_STR(row(&t, "perf_event_open"), "298 sys_perf_event_open \"\" 1");
	EQ_STR(row(&t, "newfstatat"), "262 sys_newfstatat \"\" 1");
	EQ_STR(row(&t, "getcpu"), "-");
	kabi_table_free(&t);
	kabi_strbuf_free(&h32);
	kabi_strbuf_free(&s32);
	kabi_strbuf_free(&ia32);
	kabi_strbuf_free(&h64);
}

/* arm, 2.6.16 to 4.9: one header for both ABIs (base 0 with __ARM_EABI__,
 * 0x900000 without), an #if 0 block, an alias, and calls.S. */
static const char arm_header[] =
	"#ifndef __ASM_ARM_UNISTD_H\n#define __ASM_ARM_UNISTD_H\n\n"
	"#define __NR_OABI_SYSCALL_BASE\t0x900000\n\n"
	"#if defined(__thumb__) || defined(__ARM_EABI__)\n#define __NR_SYSCALL_BASE\t0\n"
	"#else\n#define __NR_SYSCALL_BASE\t__NR_OABI_SYSCALL_BASE\n#endif\n\n"
	"#define __NR_restart_syscall\t\t(__NR_SYSCALL_BASE+  0)\n"
	"#define __NR_exit\t\t\t(__NR_SYSCALL_BASE+  1)\n"
	"\t\t\t\t\t/* 7 was sys_waitpid */\n"
	"#define __NR_time\t\t\t(__NR_SYSCALL_BASE+ 13)\n"
	"#define __NR_pread64\t\t\t(__NR_SYSCALL_BASE+180)\n"
	"#if 0 /* reserve these for un-muxing socketcall */\n"
	"#define __NR_socket\t\t\t(__NR_SYSCALL_BASE+250)\n#endif\n"
	"#define __NR_arm_sync_file_range\t(__NR_SYSCALL_BASE+341)\n"
	"#define __NR_sync_file_range2\t\t__NR_arm_sync_file_range\n"
	"#define __ARM_NR_BASE\t\t\t(__NR_SYSCALL_BASE+0x0f0000)\n"
	"#define __ARM_NR_cacheflush\t\t(__ARM_NR_BASE+2)\n#endif\n";
static const char arm_calls[] =
	"/*\n *  linux/arch/arm/kernel/calls.S\n *\n *  This file is included thrice in entry-common.S\n */\n"
	"/* 0 */\t\tCALL(sys_restart_syscall)\n\t\tCALL(sys_exit)\n\t\tCALL(sys_fork_wrapper)\n"
	"\t\tCALL(sys_read)\n\t\tCALL(sys_write)\n/* 5 */\t\tCALL(sys_open)\n\t\tCALL(sys_close)\n"
	"\t\tCALL(sys_ni_syscall)\t\t/* was sys_waitpid */\n\t\tCALL(sys_creat)\n\t\tCALL(sys_link)\n"
	"/* 10 */\tCALL(sys_unlink)\n\t\tCALL(sys_execve_wrapper)\n\t\tCALL(sys_chdir)\n"
	"\t\tCALL(OBSOLETE(sys_time))\t/* used by libc4 */\n"
	"@FILL@"
	"/* 180 */\tCALL(ABI(sys_pread64, sys_oabi_pread64))\n"
	"#ifndef syscalls_counted\n.equ syscalls_padding, ((NR_syscalls + 3) & ~3) - NR_syscalls\n"
	"#define syscalls_counted\n#endif\n.rept syscalls_padding\n\t\tCALL(sys_ni_syscall)\n.endr\n";

static void test_arm(void)
{
	kabi_strbuf calls = KABI_STRBUF_INIT;
	const char *fill = strstr(arm_calls, "@FILL@");
	file tree[] = {
		{"arch/arm/include/asm/unistd.h", arm_header},
		{"arch/arm/kernel/calls.S", NULL},
		{"include/asm-arm/unistd.h", /* 2.6.12: no EABI yet */
		 "#define __NR_SYSCALL_BASE\t0x900000\n#define __NR_exit\t\t\t(__NR_SYSCALL_BASE+  1)\n"},
		{NULL, NULL},
	};
	kabi_table t;
	int i;

	/* slots 14..179, written out as the real file does */
	kabi_strbuf_add(&calls, arm_calls, (size_t)(fill - arm_calls));
	for (i = 14; i < 180; i++)
		kabi_strbuf_puts(&calls,
				 i % 5 ? "\t\tCALL(sys_ni_syscall)\n" : "/* n */\tCALL(sys_ni_syscall)\n");
	kabi_strbuf_puts(&calls, fill + 6);
	tree[1].text = calls.buf;

	OK(build(&t, "arm", "arch/arm/include/asm/unistd.h", tree) == 0, "arm EABI");
	EQ_STR(row(&t, "exit"), "1 sys_exit \"\" 1");
	EQ_STR(row(&t, "time"), "-"); /* OBSOLETE(): an oabi row of syscall.tbl */
	EQ_STR(row(&t, "pread64"), "180 sys_pread64 \"\" 1");
	EQ_STR(row(&t, "socket"), "-");                            /* #if 0 */
	EQ_STR(row(&t, "sync_file_range2"), "-");                  /* an alias */
	EQ_STR(row(&t, "arm_sync_file_range"), "341 \"\" \"\" 0"); /* past the excerpt's calls.S */
	EQ_STR(row(&t, "OABI_SYSCALL_BASE"), "-");
	kabi_table_free(&t);

	OK(build(&t, "arm-oabi", "arch/arm/include/asm/unistd.h", tree) == 0, "arm OABI");
	EQ_STR(row(&t, "exit"), "9437185 sys_exit \"\" 1"); /* 0x900001 */
	EQ_STR(row(&t, "time"), "9437197 sys_time \"\" 1");
	EQ_STR(row(&t, "pread64"), "9437364 sys_pread64 sys_oabi_pread64 1");
	kabi_table_free(&t);

	/* Before EABI the header numbers every call from 0x900000: no EABI table. */
	EQ_INT(build(&t, "arm", "include/asm-arm/unistd.h", tree), KABI_ENOTFOUND);
	OK(build(&t, "arm-oabi", "include/asm-arm/unistd.h", tree) == 0, "arm OABI 2.6.12");
	EQ_STR(row(&t, "exit"), "9437185 sys_exit \"\" 1");
	kabi_table_free(&t);
	kabi_strbuf_free(&calls);
}

/* arm calls.S before CALL(): `.long` lines inside `#ifndef NR_syscalls ...
 * #else <table> #endif` (the file is included twice), an #ifdef CONFIG_
 * alternative, #if expressions, and the .rept padding after the table. */
static void test_arm_calls_2_6_12(void)
{
	static const file tree[] = {
		{"include/asm-arm/unistd.h", "#define __NR_SYSCALL_BASE\t0x900000\n"
					     "#define __NR_restart_syscall\t\t(__NR_SYSCALL_BASE+  0)\n"
					     "#define __NR_exit\t\t\t(__NR_SYSCALL_BASE+  1)\n"
					     "#define __NR_fork\t\t\t(__NR_SYSCALL_BASE+  2)\n"
					     "#define __NR_read\t\t\t(__NR_SYSCALL_BASE+  3)\n"},
		{"arch/arm/kernel/calls.S",
		 "/*\n *  linux/arch/arm/kernel/calls.S\n *\n *  This file is included twice in entry-common.S\n */\n"
		 "#ifndef NR_syscalls\n#define NR_syscalls 320\n#else\n\n__syscall_start:\n"
		 "/* 0 */\t\t.long\tsys_restart_syscall\n\t\t.long\tsys_exit\n"
		 "#ifdef CONFIG_SOMETHING\n\t\t.long\tsys_something\n#else\n"
		 "\t\t.long\tsys_fork_wrapper\n#endif\n"
		 /* conditions as expressions (harvest/cexpr.c); one that is not one is false */
		 "#if defined(CONFIG_X) || !defined(NR_syscalls)\n\t\t.long\tsys_bogus\n"
		 "#elif (\n\t\t.long\tsys_bogus2\n#endif\n"
		 "#if CONFIG_X + 1 == 1 && defined NR_syscalls\n\t\t.long\tsys_read\n#endif\n"
		 "__syscall_end:\n\n"
		 "\t\t.rept\tNR_syscalls - (__syscall_end - __syscall_start) / 4\n"
		 "\t\t\t.long\tsys_ni_syscall\n\t\t.endr\n#endif\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "arm-oabi", "include/asm-arm/unistd.h", tree) == 0, "arm OABI 2.6.12");
	EQ_STR(row(&t, "fork"), "9437186 sys_fork_wrapper \"\" 1");
	EQ_STR(row(&t, "read"), "9437187 sys_read \"\" 1");
	kabi_table_free(&t);
}

/* mips: three _MIPS_SIM blocks; the real numbers of exit. */
static void test_mips(void)
{
	static const file tree[] = {
		{"arch/mips/include/uapi/asm/unistd.h",
		 "#ifndef _UAPI_ASM_UNISTD_H\n#define _UAPI_ASM_UNISTD_H\n#include <asm/sgidefs.h>\n\n"
		 "#if _MIPS_SIM == _MIPS_SIM_ABI32\n"
		 "#define __NR_Linux\t\t\t4000\n#define __NR_syscall\t\t\t(__NR_Linux +   0)\n"
		 "#define __NR_exit\t\t\t(__NR_Linux +   1)\n"
		 "#define __NR_unused18\t\t\t(__NR_Linux +  18)\n"
		 "/* #define __NR_sys_setaltroot\t\t(__NR_Linux + 279) */\n"
		 "#define __NR_Linux_syscalls\t\t366\n#endif\n\n"
		 "#define __NR_O32_Linux\t\t\t4000\n#define __NR_O32_Linux_syscalls\t366\n\n"
		 "#if _MIPS_SIM == _MIPS_SIM_ABI64\n"
		 "#define __NR_Linux\t\t\t5000\n#define __NR_read\t\t\t(__NR_Linux +   0)\n"
		 "#define __NR_exit\t\t\t(__NR_Linux +  58)\n#endif\n\n"
		 "#if _MIPS_SIM == _MIPS_SIM_NABI32\n"
		 "#define __NR_Linux\t\t\t6000\n#define __NR_read\t\t\t(__NR_Linux +   0)\n"
		 "#define __NR_exit\t\t\t(__NR_Linux +  58)\n#endif\n#endif\n"},
		{"arch/mips/include/uapi/asm/sgidefs.h",
		 "#define _MIPS_SIM_ABI32\t\t1\n#define _MIPS_SIM_NABI32\t2\n#define _MIPS_SIM_ABI64\t\t3\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "mips-o32", "arch/mips/include/uapi/asm/unistd.h", tree) == 0, "mips o32");
	EQ_STR(row(&t, "exit"), "4001 \"\" \"\" 2"); /* KABI_IMPL_UNKNOWN: no entry table read */
	EQ_STR(row(&t, "syscall"), "4000 \"\" \"\" 2");
	EQ_STR(row(&t, "unused18"), "-");
	EQ_STR(row(&t, "Linux"), "-");
	EQ_STR(row(&t, "read"), "-");
	EQ_INT(t.n, 2);
	kabi_table_free(&t);
	OK(build(&t, "mips-n64", "arch/mips/include/uapi/asm/unistd.h", tree) == 0, "mips n64");
	EQ_STR(row(&t, "exit"), "5058 \"\" \"\" 2");
	EQ_STR(row(&t, "read"), "5000 \"\" \"\" 2");
	kabi_table_free(&t);
	OK(build(&t, "mips-n32", "arch/mips/include/uapi/asm/unistd.h", tree) == 0, "mips n32");
	EQ_STR(row(&t, "exit"), "6058 \"\" \"\" 2");
	EQ_INT(t.n, 2);
	kabi_table_free(&t);
}

/* mips o32 kept the names unused59 and unused109 for slots that its entry
 * table fills: scall32-o32.S (its PTR list: "PTR sys_olduname" at 59 and
 * "PTR sys_uname" at 109), as syscall_o32.tbl's "59 o32 unused59
 * sys_olduname" later.  A placeholder name is no syscall only where its
 * slot is not implemented (unused18: sys_ni_syscall). */
static void test_mips_placeholders(void)
{
	static char table[4096];
	static file tree[] = {
		{"arch/mips/include/uapi/asm/unistd.h",
		 "#include <asm/sgidefs.h>\n#if _MIPS_SIM == _MIPS_SIM_ABI32\n"
		 "#define __NR_Linux\t\t\t4000\n#define __NR_syscall\t\t\t(__NR_Linux +   0)\n"
		 "#define __NR_exit\t\t\t(__NR_Linux +   1)\n#define __NR_unused18\t\t\t(__NR_Linux +  18)\n"
		 "#define __NR_ulimit\t\t\t(__NR_Linux +  58)\n#define __NR_unused59\t\t\t(__NR_Linux +  59)\n"
		 "#define __NR_umask\t\t\t(__NR_Linux +  60)\n#define __NR_newfstat\t\t\t(__NR_Linux + 108)\n"
		 "#define __NR_unused109\t\t\t(__NR_Linux + 109)\n#define __NR_iopl\t\t\t(__NR_Linux + 110)\n"
		 "#define __NR_reserved177\t\t(__NR_Linux + 177)\n"
		 "#define __NR_Linux_syscalls\t\t178\n#endif\n"},
		{"arch/mips/include/uapi/asm/sgidefs.h",
		 "#define _MIPS_SIM_ABI32\t\t1\n#define _MIPS_SIM_NABI32\t2\n#define _MIPS_SIM_ABI64\t\t3\n"},
		{"arch/mips/kernel/scall32-o32.S", table},
		{NULL, NULL},
	};
	kabi_strbuf sb = KABI_STRBUF_INIT;
	kabi_table t;
	int i;

	kabi_strbuf_printf(&sb, "\t.align\t2\n\t.type\tsys_call_table, @object\nEXPORT(sys_call_table)\n");
	for (i = 0; i < 178; i++) {
		const char *e = i == 0     ? "sys_syscall"
				: i == 1   ? "sys_exit"
				: i == 58  ? "sys_ni_syscall\t\t\t/* was sys_ulimit */"
				: i == 59  ? "sys_olduname"
				: i == 60  ? "sys_umask\t\t\t/* 4060 */"
				: i == 108 ? "sys_newfstat"
				: i == 109 ? "sys_uname"
				: i == 110 ? "sys_ni_syscall\t\t\t/* 4110 was iopl(2) */"
					   : "sys_ni_syscall";
		kabi_strbuf_printf(&sb, "\tPTR\t%s\n", e);
	}
	kabi_strbuf_printf(&sb, "\t.size\tsys_call_table,.-sys_call_table\n");
	snprintf(table, sizeof(table), "%s", sb.buf);
	kabi_strbuf_free(&sb);

	OK(build(&t, "mips-o32", "arch/mips/include/uapi/asm/unistd.h", tree) == 0, "mips o32");
	EQ_STR(row(&t, "unused59"), "4059 sys_olduname ? 1");
	EQ_STR(row(&t, "unused109"), "4109 sys_uname ? 1");
	EQ_STR(row(&t, "unused18"), "-"); /* sys_ni_syscall: a placeholder */
	EQ_STR(row(&t, "reserved177"), "-");
	EQ_STR(row(&t, "ulimit"), "4058 sys_ni_syscall ? 0");
	EQ_STR(row(&t, "umask"), "4060 sys_umask ? 1");
	kabi_table_free(&t);
}

/* mips o32 before 3.x wrote its 32-bit kernel's table as a macro of
 * `sys <entry> <nargs>` lines that the table's label invokes
 * (scall32-o32.S: `.macro syscalltable ... .endm`, then
 * `EXPORT(sys_call_table)` and `syscalltable`), one line with a stray
 * comma; the 64-bit kernel's o32 table in scall64-o32.S was still labelled
 * sys_call_table (sys32_call_table later). */
static void test_mips_o32_macro_table(void)
{
	static const file tree[] = {
		{"arch/mips/include/asm/unistd.h",
		 "#include <asm/sgidefs.h>\n#if _MIPS_SIM == _MIPS_SIM_ABI32\n"
		 "#define __NR_Linux\t\t\t4000\n#define __NR_syscall\t\t\t(__NR_Linux +   0)\n"
		 "#define __NR_exit\t\t\t(__NR_Linux +   1)\n#define __NR_fork\t\t\t(__NR_Linux +   2)\n"
		 "#define __NR_unused18\t\t\t(__NR_Linux +  18)\n#define __NR_stime\t\t\t(__NR_Linux +  25)\n"
		 "#define __NR_nanosleep\t\t\t(__NR_Linux +  26)\n"
		 "#define __NR_sched_setaffinity\t\t(__NR_Linux +  27)\n"
		 "#define __NR_sched_getaffinity\t\t(__NR_Linux +  28)\n"
		 "#define __NR_Linux_syscalls\t\t28\n#endif\n"},
		{"arch/mips/include/asm/sgidefs.h",
		 "#define _MIPS_SIM_ABI32\t\t1\n#define _MIPS_SIM_NABI32\t2\n#define _MIPS_SIM_ABI64\t\t3\n"},
		{"arch/mips/kernel/scall32-o32.S",
		 "LEAF(sys_syscall)\n\tlw\tt2, sys_call_table(t1)\t\t# syscall routine\n\tEND(sys_syscall)\n\n"
		 "\t.macro\tfifty ptr, nargs, from=1, to=50\n\tsys\t\\ptr\t\t\\nargs\n"
		 "\t.if\t\\to-\\from\n\tfifty\t\\ptr,\\nargs,\"(\\from+1)\",\\to\n\t.endif\n\t.endm\n\n"
		 "\t.macro\tsyscalltable\n\tsys\tsys_syscall\t\t8\t/* 4000 */\n\tsys\tsys_exit\t\t1\n"
		 "\tsys\tsys_fork\t\t0\n"
		 "\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\t/* 4005 */\n"
		 "\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\n"
		 "\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\t/* 4010 */\n"
		 "\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\n"
		 "\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\t/* 4015 */\n"
		 "\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\n"
		 "\tsys\tsys_ni_syscall\t\t0\t/* was sys_stat */\n"
		 "\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\t/* 4020 */\n"
		 "\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_ni_syscall\t\t0\n"
		 "\tsys\tsys_ni_syscall\t\t0\n\tsys\tsys_stime\t\t1\t/* 4025 */\n"
		 "\tsys\tsys_nanosleep,\t\t2\n"
		 "#ifdef CONFIG_MIPS_MT_FPAFF\n"
		 "\t/*\n\t * For FPU affinity scheduling on MIPS MT processors ...\n\t */\n"
		 "\tsys\tmipsmt_sys_sched_setaffinity\t3\n\tsys\tmipsmt_sys_sched_getaffinity\t3\n"
		 "#else\n\tsys\tsys_sched_setaffinity\t3\n\tsys\tsys_sched_getaffinity\t3\n"
		 "#endif /* CONFIG_MIPS_MT_FPAFF */\n\t.endm\n\n"
		 "\t/* We pre-compute the number of _instruction_ bytes needed to\n"
		 "\t   load or store the arguments 6-8. Negative values are ignored. */\n\n"
		 "\t.macro  sys function, nargs\n\tPTR\t\\function\n\tLONG\t(\\nargs << 2) - (5 << 2)\n\t.endm\n\n"
		 "\t.align\t3\n\t.type\tsys_call_table,@object\nEXPORT(sys_call_table)\n\tsyscalltable\n"
		 "\t.size\tsys_call_table, . - sys_call_table\n"},
		{"arch/mips/kernel/scall64-o32.S",
		 "LEAF(sys32_syscall)\n\tld\tt2, sys_call_table(t1)\t\t# syscall routine\n\tEND(sys32_syscall)\n\n"
		 "\t.align\t3\n\t.type\tsys_call_table,@object\nsys_call_table:\n"
		 "\tPTR\tsys32_syscall\t\t\t/* 4000 */\n\tPTR\tsys_exit\n\tPTR\tsys_fork\n"
		 "\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\t\t\t/* 4005 */\n"
		 "\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\n"
		 "\tPTR\tsys_ni_syscall\t\t\t/* 4010 */\n\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\n"
		 "\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\t\t\t/* 4015 */\n"
		 "\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\t\t\t/* was sys_stat */\n"
		 "\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\t\t\t/* 4020 */\n\tPTR\tsys_ni_syscall\n"
		 "\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\n\tPTR\tsys_ni_syscall\n"
		 "\tPTR\tcompat_sys_stime\t\t/* 4025 */\n\tPTR\tcompat_sys_nanosleep\n"
		 "\tPTR\tcompat_sys_sched_setaffinity\n\tPTR\tcompat_sys_sched_getaffinity\n"
		 "\t.size\tsys_call_table,.-sys_call_table\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "mips-o32", "arch/mips/include/asm/unistd.h", tree) == 0, "mips o32, 2.6.32 shape");
	EQ_STR(row(&t, "exit"), "4001 sys_exit \"\" 1");
	EQ_STR(row(&t, "fork"), "4002 sys_fork \"\" 1");
	EQ_STR(row(&t, "stime"), "4025 sys_stime compat_sys_stime 1");
	EQ_STR(row(&t, "nanosleep"), "4026 sys_nanosleep compat_sys_nanosleep 1");
	EQ_STR(row(&t, "sched_setaffinity"), "4027 sys_sched_setaffinity compat_sys_sched_setaffinity 1");
	EQ_STR(row(&t, "sched_getaffinity"), "4028 sys_sched_getaffinity compat_sys_sched_getaffinity 1");
	EQ_STR(row(&t, "unused18"), "-");
	kabi_table_free(&t);
}

/* sh64 (2.6.24-3.7): unistd.h picks unistd_64.h for a 64-bit kernel, and
 * arch/sh/kernel/syscalls_64.S holds the entries as a `.long` list after
 * sys_call_table: (slot 26 sh64_ptrace, 59 sys_ni_syscall, 90 old_mmap). */
static void test_sh64(void)
{
	static char table[8192];
	static file tree[] = {
		{"arch/sh/include/asm/unistd.h",
		 "#ifdef CONFIG_SUPERH32\n# include \"unistd_32.h\"\n#else\n# include \"unistd_64.h\"\n#endif\n"},
		{"arch/sh/include/asm/unistd_64.h",
		 "#ifndef __ASM_SH_UNISTD_64_H\n#define __ASM_SH_UNISTD_64_H\n\n"
		 "#define __NR_restart_syscall\t  0\n#define __NR_exit\t\t  1\n#define __NR_fork\t\t  2\n"
		 "#define __NR_ptrace\t\t 26\n#define __NR_oldolduname\t 59\n#define __NR_mmap\t\t 90\n"
		 "#define __NR_socket\t\t220\n\n#ifdef __KERNEL__\n#define NR_syscalls 221\n#endif\n#endif\n"},
		{"arch/sh/kernel/syscalls_64.S", table},
		{NULL, NULL},
	};
	kabi_strbuf sb = KABI_STRBUF_INIT;
	kabi_table t;
	int i;

	kabi_strbuf_printf(
		&sb, "#include <linux/sys.h>\n\n\t.section .data, \"aw\"\n\t.balign 32\n\n"
		     "/*\n * System calls jump table\n */\n\t.globl  sys_call_table\nsys_call_table:\n");
	for (i = 0; i < 221; i++) {
		const char *e = i == 0     ? "sys_restart_syscall\t/* 0  -  old \"setup()\" system call  */"
				: i == 1   ? "sys_exit"
				: i == 2   ? "sys_fork"
				: i == 26  ? "sh64_ptrace"
				: i == 59  ? "sys_ni_syscall\t/* sys_olduname */"
				: i == 90  ? "old_mmap\t\t\t/* 90 */"
				: i == 220 ? "sys_socket\t\t/* 220 */"
					   : "sys_ni_syscall";
		kabi_strbuf_printf(&sb, "\t.long %s\n", e);
	}
	snprintf(table, sizeof(table), "%s", sb.buf);
	kabi_strbuf_free(&sb);

	OK(build(&t, "sh64", "arch/sh/include/asm/unistd.h", tree) == 0, "sh64");
	EQ_STR(row(&t, "exit"), "1 sys_exit \"\" 1");
	EQ_STR(row(&t, "ptrace"), "26 sh64_ptrace \"\" 1");
	EQ_STR(row(&t, "oldolduname"), "59 sys_ni_syscall \"\" 0");
	EQ_STR(row(&t, "mmap"), "90 old_mmap \"\" 1");
	EQ_STR(row(&t, "socket"), "220 sys_socket \"\" 1");
	kabi_table_free(&t);
	/* a release without syscalls_64.S (the port's code went in 3.8, its
	 * header stayed): numbers, entries unknown */
	tree[2].path = "arch/sh/kernel/not-there.S";
	OK(build(&t, "sh64", "arch/sh/include/asm/unistd.h", tree) == 0, "sh64 without its table");
	EQ_STR(row(&t, "exit"), "1 \"\" \"\" 2");
	kabi_table_free(&t);
	tree[2].path = "arch/sh/kernel/syscalls_64.S";
}

/* ppc and ppc64 before 2.6.15: the tables are in misc.S, `.long sys_x`
 * after _GLOBAL(sys_call_table) on ppc; on ppc64 `.llong .sys_x` (the dot
 * names the code of a function descriptor), 32-bit tasks' table
 * sys_call_table32 first, then the 64-bit sys_call_table. */
static void test_ppc_misc(void)
{
	static const file tree[] = {
		{"include/asm-ppc64/unistd.h",
		 "#define __NR_restart_syscall\t  0\n#define __NR_exit\t\t  1\n#define __NR_fork\t\t  2\n"
		 "#define __NR_time\t\t 13\n#define __NR_mmap2\t\t192\n\n#define __NR_syscalls\t\t193\n"},
		{"include/asm-ppc/unistd.h",
		 "#define __NR_restart_syscall\t  0\n#define __NR_exit\t\t  1\n#define __NR_fork\t\t  2\n"
		 "#define __NR_time\t\t 13\n#define __NR_mmap2\t\t192\n\n#define __NR_syscalls\t\t193\n"},
		{"arch/ppc64/kernel/misc.S",
		 "_GLOBAL(kernel_thread)\n\tli\tr0,__NR_clone\n\tsc\n\tblr\n\n"
		 "/* Why isn't this a) automatic, b) written in 'C'? */\n\t.balign 8\n"
		 "_GLOBAL(sys_call_table32)\n\t.llong .sys_restart_syscall\t/* 0 */\n\t.llong .sys_exit\n"
		 "\t.llong .ppc_fork\n\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\n"
		 "\t.llong .sys_ni_syscall\t\t/* 5 */\n\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\n"
		 "\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\t\t/* 10 */\n"
		 "\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\n\t.llong .compat_sys_time\n\n"
		 "\t.balign 8\n_GLOBAL(sys_call_table)\n\t.llong .sys_restart_syscall\t/* 0 */\n\t.llong .sys_exit\n"
		 "\t.llong .ppc_fork\n\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\n"
		 "\t.llong .sys_ni_syscall\t\t/* 5 */\n\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\n"
		 "\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\t\t/* 10 */\n"
		 "\t.llong .sys_ni_syscall\n\t.llong .sys_ni_syscall\n\t.llong .sys64_time\n"},
		{"arch/ppc/kernel/misc.S",
		 "_GLOBAL(__main)\n\tblr\n\n\t.data\n\t.align\t4\n_GLOBAL(sys_call_table)\n"
		 "\t.long sys_restart_syscall\t/* 0 */\n\t.long sys_exit\n\t.long ppc_fork\n"
		 "\t.long sys_ni_syscall\n\t.long sys_ni_syscall\n\t.long sys_ni_syscall\t/* 5 */\n"
		 "\t.long sys_ni_syscall\n\t.long sys_ni_syscall\n\t.long sys_ni_syscall\n\t.long sys_ni_syscall\n"
		 "\t.long sys_ni_syscall\t/* 10 */\n\t.long sys_ni_syscall\n\t.long sys_ni_syscall\n"
		 "\t.long sys_time\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "powerpc64", "include/asm-ppc64/unistd.h", tree) == 0, "ppc64 2.6.12");
	EQ_STR(row(&t, "exit"), "1 sys_exit \"\" 1");
	EQ_STR(row(&t, "fork"), "2 ppc_fork \"\" 1");
	EQ_STR(row(&t, "time"), "13 sys64_time \"\" 1");
	EQ_STR(row(&t, "mmap2"), "192 \"\" \"\" 0"); /* past the table's end */
	kabi_table_free(&t);
	OK(build(&t, "powerpc", "include/asm-ppc/unistd.h", tree) == 0, "ppc 2.6.12");
	EQ_STR(row(&t, "exit"), "1 sys_exit \"\" 1");
	EQ_STR(row(&t, "time"), "13 sys_time compat_sys_time 1");
	kabi_table_free(&t);
}

/* Dead architectures whose tables are plain `.long` lists: avr32's
 * syscall_table.S (`sys_call_table:`, wrappers named __sys_x), m32r's
 * syscall_table.S (ENTRY(sys_call_table)), mn10300's entry.S (the table
 * after the code, ENTRY(sys_call_table), "nr_syscalls=" after it). */
static void test_dead_arch_lists(void)
{
	static const file tree[] = {
		{"arch/avr32/include/asm/unistd.h",
		 "#define __NR_restart_syscall\t  0\n#define __NR_exit\t\t  1\n#define __NR_umask\t\t  7\n"
		 "#define __NR_rt_sigreturn\t 68\n"},
		{"arch/avr32/kernel/syscall_table.S",
		 "\t.section .rodata,\"a\",@progbits\n\t.type\tsys_call_table,@object\n"
		 "\t.global\tsys_call_table\n\t.align\t2\nsys_call_table:\n"
		 "\t.long\tsys_restart_syscall\n\t.long\tsys_exit\n\t.long\tsys_fork\n\t.long\tsys_read\n"
		 "\t.long\tsys_write\n\t.long\tsys_open\t\t/* 5 */\n\t.long\tsys_close\n\t.long\tsys_umask\n"},
		{"arch/m32r/include/uapi/asm/unistd.h",
		 "#define __NR_restart_syscall\t  0\n#define __NR_exit\t\t  1\n#define __NR_lchown\t\t 16\n"},
		{"arch/m32r/kernel/syscall_table.S",
		 "ENTRY(sys_call_table)\n\t.long sys_restart_syscall\t/* 0  -  old \"setup()\" system call*/\n"
		 "\t.long sys_exit\n\t.long sys_fork\n\t.long sys_read\n\t.long sys_write\n"
		 "\t.long sys_open\t\t\t/* 5 */\n\t.long sys_close\n\t.long sys_waitpid\n\t.long sys_creat\n"
		 "\t.long sys_link\n\t.long sys_unlink\t\t/* 10 */\n\t.long sys_execve\n\t.long sys_chdir\n"
		 "\t.long sys_time\n\t.long sys_mknod\n\t.long sys_chmod\t\t\t/* 15 */\n"
		 "\t.long sys_ni_syscall\t\t/* lchown16 syscall holder */\n"},
		{"arch/mn10300/include/uapi/asm/unistd.h",
		 "#define __NR_restart_syscall      0\n#define __NR_exit\t\t  1\n#define __NR_fork\t\t  2\n"},
		{"arch/mn10300/kernel/entry.S",
		 "ENTRY(system_call)\n\tadd\t-4,sp\n\tmov\td0,(REG_ORIG_D0,fp)\n\tcmp\tnr_syscalls,d0\n\trets\n\n"
		 "\t.data\n\t.balign\t4\nENTRY(sys_call_table)\n\t.long sys_restart_syscall\t/* 0 */\n"
		 "\t.long sys_exit\n\t.long sys_ni_syscall\n\n\nnr_syscalls=(.-sys_call_table)/4\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "avr32", "arch/avr32/include/asm/unistd.h", tree) == 0, "avr32");
	EQ_STR(row(&t, "umask"), "7 sys_umask \"\" 1");
	EQ_STR(row(&t, "rt_sigreturn"), "68 \"\" \"\" 0"); /* past this excerpt's table */
	kabi_table_free(&t);
	OK(build(&t, "m32r", "arch/m32r/include/uapi/asm/unistd.h", tree) == 0, "m32r");
	EQ_STR(row(&t, "exit"), "1 sys_exit \"\" 1");
	EQ_STR(row(&t, "lchown"), "16 sys_ni_syscall \"\" 0");
	kabi_table_free(&t);
	OK(build(&t, "mn10300", "arch/mn10300/include/uapi/asm/unistd.h", tree) == 0, "mn10300");
	EQ_STR(row(&t, "exit"), "1 sys_exit \"\" 1");
	EQ_STR(row(&t, "fork"), "2 sys_ni_syscall \"\" 0");
	kabi_table_free(&t);
}

/* asm-generic (4.x-6.10 shape) with arm64's and riscv's __ARCH_WANT_ sets. */
static const char generic_unistd[] =
	"#include <asm/bitsperlong.h>\n\n"
	"#ifndef __SYSCALL\n#define __SYSCALL(x, y)\n#endif\n\n"
	"#if __BITS_PER_LONG == 32 || defined(__SYSCALL_COMPAT)\n"
	"#define __SC_3264(_nr, _32, _64) __SYSCALL(_nr, _32)\n#else\n"
	"#define __SC_3264(_nr, _32, _64) __SYSCALL(_nr, _64)\n#endif\n\n"
	"#ifdef __SYSCALL_COMPAT\n#define __SC_COMP(_nr, _sys, _comp) __SYSCALL(_nr, _comp)\n"
	"#define __SC_COMP_3264(_nr, _32, _64, _comp) __SYSCALL(_nr, _comp)\n#else\n"
	"#define __SC_COMP(_nr, _sys, _comp) __SYSCALL(_nr, _sys)\n"
	"#define __SC_COMP_3264(_nr, _32, _64, _comp) __SC_3264(_nr, _32, _64)\n#endif\n\n"
	"#define __NR_io_setup 0\n__SC_COMP(__NR_io_setup, sys_io_setup, compat_sys_io_setup)\n"
	"#define __NR_io_submit 2\n__SC_COMP(__NR_io_submit, sys_io_submit, compat_sys_io_submit)\n"
	"#define __NR3264_fcntl 25\n"
	"__SC_COMP_3264(__NR3264_fcntl, sys_fcntl64, sys_fcntl, compat_sys_fcntl64)\n"
	"#define __NR_renameat 38\n#ifdef __ARCH_WANT_RENAMEAT\n"
	"__SYSCALL(__NR_renameat, sys_renameat)\n#endif\n"
	"#define __NR_nfsservctl 42\n__SYSCALL(__NR_nfsservctl, sys_ni_syscall)\n"
	"#define __NR3264_lseek 62\n__SC_3264(__NR3264_lseek, sys_llseek, sys_lseek)\n"
	"#if defined(__ARCH_WANT_NEW_STAT) || defined(__ARCH_WANT_STAT64)\n"
	"#define __NR3264_fstatat 79\n__SC_3264(__NR3264_fstatat, sys_fstatat64, sys_newfstatat)\n#endif\n"
	"#define __NR_exit 93\n__SYSCALL(__NR_exit, sys_exit)\n"
	"#define __NR_arch_specific_syscall 244\n"
	"#define __NR_clone3 435\n__SYSCALL(__NR_clone3, sys_clone3)\n"
	"#undef __NR_syscalls\n#define __NR_syscalls 451\n\n"
	"#if __BITS_PER_LONG == 64 && !defined(__SYSCALL_COMPAT)\n"
	"#define __NR_fcntl __NR3264_fcntl\n#define __NR_lseek __NR3264_lseek\n"
	"#if defined(__ARCH_WANT_NEW_STAT)\n#define __NR_newfstatat __NR3264_fstatat\n#endif\n"
	"#else\n#define __NR_fcntl64 __NR3264_fcntl\n#define __NR_llseek __NR3264_lseek\n"
	"#if defined(__ARCH_WANT_STAT64)\n#define __NR_fstatat64 __NR3264_fstatat\n#endif\n#endif\n";

static void test_generic(void)
{
	static const file tree[] = {
		{"include/uapi/asm-generic/unistd.h", generic_unistd},
		{"include/uapi/asm-generic/bitsperlong.h",
		 "#ifndef __BITS_PER_LONG\n#define __BITS_PER_LONG 32\n#endif\n"},
		{"arch/arm64/include/uapi/asm/bitsperlong.h",
		 "#define __BITS_PER_LONG 64\n#include <asm-generic/bitsperlong.h>\n"},
		{"arch/arm64/include/uapi/asm/unistd.h",
		 "#define __ARCH_WANT_RENAMEAT\n#define __ARCH_WANT_NEW_STAT\n"
		 "#define __ARCH_WANT_SET_GET_RLIMIT\n#include <asm-generic/unistd.h>\n"},
		{"arch/riscv/include/uapi/asm/bitsperlong.h",
		 "#define __BITS_PER_LONG (__SIZEOF_POINTER__ * 8)\n#include <asm-generic/bitsperlong.h>\n"},
		{"arch/riscv/include/uapi/asm/unistd.h",
		 "#if defined(__LP64__) && !defined(__SYSCALL_COMPAT)\n#define __ARCH_WANT_NEW_STAT\n"
		 "#endif\n#include <asm-generic/unistd.h>\n"
		 "#ifndef __NR_riscv_flush_icache\n"
		 "#define __NR_riscv_flush_icache (__NR_arch_specific_syscall + 15)\n#endif\n"
		 "__SYSCALL(__NR_riscv_flush_icache, sys_riscv_flush_icache)\n"},
		{"arch/arc/include/uapi/asm/unistd.h",
		 "#if !defined(_UAPI_ASM_ARC_UNISTD_H) || defined(__SYSCALL)\n"
		 "#define _UAPI_ASM_ARC_UNISTD_H\n#define __ARCH_WANT_STAT64\n"
		 "#include <asm-generic/unistd.h>\n"
		 "#define __NR_cacheflush\t\t(__NR_arch_specific_syscall + 0)\n"
		 "__SYSCALL(__NR_cacheflush, sys_cacheflush)\n#endif\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "arm64", "arch/arm64/include/uapi/asm/unistd.h", tree) == 0, "arm64");
	EQ_STR(row(&t, "io_setup"), "0 sys_io_setup compat_sys_io_setup 1");
	EQ_STR(row(&t, "fcntl"), "25 sys_fcntl \"\" 1"); /* "25 64 fcntl sys_fcntl" */
	EQ_STR(row(&t, "fcntl64"), "-");
	EQ_STR(row(&t, "renameat"), "38 sys_renameat \"\" 1");
	EQ_STR(row(&t, "nfsservctl"), "42 sys_ni_syscall \"\" 0"); /* scripts/syscall.tbl keeps it */
	EQ_STR(row(&t, "lseek"), "62 sys_lseek \"\" 1");
	EQ_STR(row(&t, "newfstatat"), "79 sys_newfstatat \"\" 1");
	EQ_STR(row(&t, "clone3"), "435 sys_clone3 \"\" 1");
	EQ_STR(row(&t, "syscalls"), "-");
	EQ_STR(row(&t, "arch_specific_syscall"), "-");
	EQ_INT(t.n, 9);
	kabi_table_free(&t);

	OK(build(&t, "riscv64", "arch/riscv/include/uapi/asm/unistd.h", tree) == 0, "riscv64");
	EQ_STR(row(&t, "renameat"), "38 \"\" \"\" 0"); /* number defined, no __ARCH_WANT_RENAMEAT */
	EQ_STR(row(&t, "newfstatat"), "79 sys_newfstatat \"\" 1");
	EQ_STR(row(&t, "riscv_flush_icache"), "259 sys_riscv_flush_icache \"\" 1");
	kabi_table_free(&t);

	OK(build(&t, "riscv32", "arch/riscv/include/uapi/asm/unistd.h", tree) == 0, "riscv32");
	EQ_STR(row(&t, "fcntl64"), "25 sys_fcntl64 compat_sys_fcntl64 1"); /* "25 32 fcntl64 ..." */
	EQ_STR(row(&t, "llseek"), "62 sys_llseek \"\" 1");
	EQ_STR(row(&t, "newfstatat"), "-");
	EQ_STR(row(&t, "fstatat64"), "-");
	kabi_table_free(&t);

	OK(build(&t, "arc", "arch/arc/include/uapi/asm/unistd.h", tree) == 0, "arc");
	EQ_STR(row(&t, "fstatat64"), "79 sys_fstatat64 \"\" 1");
	EQ_STR(row(&t, "cacheflush"), "244 sys_cacheflush \"\" 1");
	kabi_table_free(&t);
}

/* riscv 4.15-4.19 kept no unistd.h of its own under uapi/: its kernel
 * header includes <uapi/asm/unistd.h>, which the build makes from
 * "generic-y += unistd.h" in arch/riscv/include/uapi/asm/Kbuild (a wrapper
 * including asm-generic's).  From 5.x a header listed as mandatory-y in
 * include/uapi/asm-generic/Kbuild is made the same way when the arch has
 * none.  A Kbuild that lists neither leaves the include unresolved. */
static void test_kbuild_generic(void)
{
	static const char riscv_asm_unistd[] =
		"/*\n * There is explicitly no include guard here because this file is expected to\n"
		" * be included multiple times.  See uapi/asm/syscalls.h for more info.\n */\n\n"
		"#define __ARCH_WANT_SYS_CLONE\n#include <uapi/asm/unistd.h>\n#include <uapi/asm/syscalls.h>\n";
	static const char riscv_syscalls[] =
		"#ifndef __NR_riscv_flush_icache\n"
		"#define __NR_riscv_flush_icache (__NR_arch_specific_syscall + 15)\n#endif\n"
		"__SYSCALL(__NR_riscv_flush_icache, sys_riscv_flush_icache)\n";
	static const char bpl_generic[] = "#ifndef __BITS_PER_LONG\n#define __BITS_PER_LONG 32\n#endif\n";
	static const char bpl_riscv[] =
		"#define __BITS_PER_LONG (__SIZEOF_POINTER__ * 8)\n#include <asm-generic/bitsperlong.h>\n";
	static const file generic_y[] = {
		{"arch/riscv/include/asm/unistd.h", riscv_asm_unistd},
		{"arch/riscv/include/uapi/asm/syscalls.h", riscv_syscalls},
		{"arch/riscv/include/uapi/asm/bitsperlong.h", bpl_riscv},
		{"arch/riscv/include/uapi/asm/Kbuild",
		 "# UAPI Header export list\ninclude include/uapi/asm-generic/Kbuild.asm\n\n"
		 "generic-y += setup.h\ngeneric-y += unistd.h\ngeneric-y += bpf_perf_event.h\n"},
		{"include/uapi/asm-generic/Kbuild.asm", "mandatory-y += bitsperlong.h\n"},
		{"include/uapi/asm-generic/unistd.h", generic_unistd},
		{"include/uapi/asm-generic/bitsperlong.h", bpl_generic},
		{NULL, NULL},
	};
	static const file mandatory_y[] = {
		{"arch/riscv/include/asm/unistd.h", riscv_asm_unistd},
		{"arch/riscv/include/uapi/asm/syscalls.h", riscv_syscalls},
		{"arch/riscv/include/uapi/asm/bitsperlong.h", bpl_riscv},
		{"arch/riscv/include/uapi/asm/Kbuild", "# SPDX-License-Identifier: GPL-2.0\n"},
		{"include/uapi/asm-generic/Kbuild",
		 "# Headers that are mandatory in usr/include/asm/\nmandatory-y += auxvec.h\n"
		 "mandatory-y += types.h \\\n\tunistd.h\n"},
		{"include/uapi/asm-generic/unistd.h", generic_unistd},
		{"include/uapi/asm-generic/bitsperlong.h", bpl_generic},
		{NULL, NULL},
	};
	static const file neither[] = {
		{"arch/riscv/include/asm/unistd.h", riscv_asm_unistd},
		{"arch/riscv/include/uapi/asm/syscalls.h", riscv_syscalls},
		{"arch/riscv/include/uapi/asm/Kbuild", "generic-y += setup.h\n# generic-y += unistd.h\n"},
		{"include/uapi/asm-generic/unistd.h", generic_unistd},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "riscv64", "arch/riscv/include/asm/unistd.h", generic_y) == 0, "riscv64 4.19");
	EQ_STR(row(&t, "fcntl"), "25 sys_fcntl \"\" 1");
	EQ_STR(row(&t, "exit"), "93 sys_exit \"\" 1");
	EQ_STR(row(&t, "riscv_flush_icache"), "259 sys_riscv_flush_icache \"\" 1");
	kabi_table_free(&t);
	OK(build(&t, "riscv32", "arch/riscv/include/asm/unistd.h", generic_y) == 0, "riscv32 4.19");
	EQ_STR(row(&t, "fcntl64"), "25 sys_fcntl64 compat_sys_fcntl64 1");
	kabi_table_free(&t);
	OK(build(&t, "riscv64", "arch/riscv/include/asm/unistd.h", mandatory_y) == 0, "mandatory-y");
	EQ_STR(row(&t, "exit"), "93 sys_exit \"\" 1");
	kabi_table_free(&t);
	EQ_INT(build(&t, "riscv64", "arch/riscv/include/asm/unistd.h", neither), KABI_ENOTFOUND);
}

/* A name defined as __NR_arch_specific_syscall (slot 244 of asm-generic)
 * is the arch's own syscall at that number, not a second name for a slot:
 * openrisc's or1k_atomic (3.1-6.10, written without parentheses), nios2's
 * and nds32's cacheflush (with them).  A name defined as another syscall's
 * name still is one (nds32's "#define __NR__llseek __NR_llseek"). */
static void test_arch_specific(void)
{
	static const file tree[] = {
		{"include/uapi/asm-generic/unistd.h", generic_unistd},
		{"include/uapi/asm-generic/bitsperlong.h",
		 "#ifndef __BITS_PER_LONG\n#define __BITS_PER_LONG 32\n#endif\n"},
		{"arch/openrisc/include/uapi/asm/unistd.h",
		 "#if !defined(__ASM_OPENRISC_UNISTD_H) || defined(__SYSCALL)\n"
		 "#define __ASM_OPENRISC_UNISTD_H\n#define __ARCH_HAVE_MMU\n"
		 "#define __ARCH_WANT_SYSCALL_OFF_T\n#include <asm-generic/unistd.h>\n\n"
		 "#define __NR_or1k_atomic __NR_arch_specific_syscall\n"
		 "__SYSCALL(__NR_or1k_atomic, sys_or1k_atomic)\n\n#endif\n"},
		{"arch/nios2/include/uapi/asm/unistd.h",
		 "#define sys_mmap2 sys_mmap_pgoff\n#define __ARCH_WANT_RENAMEAT\n"
		 "/* Use the standard ABI for syscalls */\n#include <asm-generic/unistd.h>\n\n"
		 "/* Additional Nios II specific syscalls. */\n"
		 "#define __NR_cacheflush (__NR_arch_specific_syscall)\n"
		 "__SYSCALL(__NR_cacheflush, sys_cacheflush)\n"},
		{"arch/nds32/include/uapi/asm/unistd.h",
		 "#define __ARCH_WANT_RENAMEAT\n#include <asm-generic/unistd.h>\n\n"
		 "/* Additional NDS32 specific syscalls. */\n"
		 "#define __NR_cacheflush\t\t(__NR_arch_specific_syscall)\n"
		 "#define __NR_sysfs\t\t(__NR_arch_specific_syscall + 3)\n"
		 "#define __NR__llseek             __NR_llseek\n"
		 "__SYSCALL(__NR_cacheflush, sys_cacheflush)\n__SYSCALL(__NR_sysfs, sys_sysfs)\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "openrisc", "arch/openrisc/include/uapi/asm/unistd.h", tree) == 0, "openrisc");
	EQ_STR(row(&t, "or1k_atomic"), "244 sys_or1k_atomic \"\" 1"); /* "244 or1k or1k_atomic" */
	EQ_STR(row(&t, "arch_specific_syscall"), "-");
	kabi_table_free(&t);
	OK(build(&t, "nios2", "arch/nios2/include/uapi/asm/unistd.h", tree) == 0, "nios2");
	EQ_STR(row(&t, "cacheflush"), "244 sys_cacheflush \"\" 1"); /* "244 nios2 cacheflush" */
	kabi_table_free(&t);
	OK(build(&t, "nds32", "arch/nds32/include/uapi/asm/unistd.h", tree) == 0, "nds32");
	EQ_STR(row(&t, "cacheflush"), "244 sys_cacheflush \"\" 1");
	EQ_STR(row(&t, "sysfs"), "247 sys_sysfs \"\" 1");
	EQ_STR(row(&t, "llseek"), "62 sys_llseek \"\" 1");
	EQ_STR(row(&t, "_llseek"), "-"); /* a second name for 62 */
	kabi_table_free(&t);
}

/* xtensa: renumbered in 2.6.20, when __SYSCALL(nr, entry, nargs) appeared. */
static void test_xtensa(void)
{
	static const file before[] = {
		{"include/asm-xtensa/unistd.h",
		 "#ifndef _XTENSA_UNISTD_H\n#define _XTENSA_UNISTD_H\n"
		 "#define __NR_spill\t\t  0\n#define __NR_exit\t\t  1\n#define __NR_read\t\t  3\n"
		 "#define __NR_write\t\t  4\n#define __NR_open\t\t  5\n"
		 "#define __NR_available62\t 62\n#define __NR_syscall_count\t\t285\n#endif\n"},
		{NULL, NULL},
	};
	static const file after[] = {
		{"include/asm-xtensa/unistd.h",
		 "#ifndef _XTENSA_UNISTD_H\n#define _XTENSA_UNISTD_H\n"
		 "#ifndef __SYSCALL\n# define __SYSCALL(nr,func,nargs)\n#endif\n"
		 "#define __NR_spill\t\t\t\t  0\n__SYSCALL(  0, sys_ni_syscall, 0)\n"
		 "#define __NR_open \t\t\t\t  8\n__SYSCALL(  8, sys_open, 3)\n"
		 "#define __NR_read \t\t\t\t 12\n__SYSCALL( 12, sys_read, 3)\n"
		 "#define __NR_write \t\t\t\t 13\n__SYSCALL( 13, sys_write, 3)\n"
		 "#define __NR_available62\t\t\t 62\n__SYSCALL( 62, sys_ni_syscall, 0)\n"
		 "#define __NR_syscall_count\t\t\t 299\n#endif\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "xtensa", "include/asm-xtensa/unistd.h", before) == 0, "xtensa 2.6.19");
	EQ_STR(row(&t, "read"), "3 \"\" \"\" 2");
	EQ_STR(row(&t, "open"), "5 \"\" \"\" 2");
	EQ_STR(row(&t, "available62"), "-");
	EQ_STR(row(&t, "syscall_count"), "-");
	kabi_table_free(&t);
	OK(build(&t, "xtensa", "include/asm-xtensa/unistd.h", after) == 0, "xtensa 2.6.20");
	EQ_STR(row(&t, "read"), "12 sys_read \"\" 1");
	EQ_STR(row(&t, "open"), "8 sys_open \"\" 1");
	EQ_STR(row(&t, "spill"), "0 sys_ni_syscall \"\" 0");
	EQ_INT(t.n, 4);
	kabi_table_free(&t);
}

/* s390: syscalls.S with SYSCALL(esa, esame, emu) (3.x) and, from 4.1,
 * SYSCALL(esame, emu); the 4.16 .tbl writes "13 32 time - compat_sys_time". */
static void test_s390(void)
{
	static const char header[] =
		"#ifndef _UAPI_ASM_S390_UNISTD_H_\n#define _UAPI_ASM_S390_UNISTD_H_\n"
		"#define __NR_exit                 1\n#define __NR_fork                 2\n"
		"#define __NR_read                 3\n#define __NR_restart_syscall      7\n"
		"#ifndef __s390x__\n#define __NR_time                13\n#endif\n"
		"#define NR_syscalls 14\n#endif\n";
	static const file old[] = {
		{"arch/s390/include/uapi/asm/unistd.h", header},
		{"arch/s390/kernel/syscalls.S",
		 "/*\n * SYSCALL(31 bit syscall, 64 bit syscall, 31 bit emulated syscall)\n */\n\n"
		 "#define NI_SYSCALL SYSCALL(sys_ni_syscall,sys_ni_syscall,sys_ni_syscall)\n\n"
		 "NI_SYSCALL\t\t\t\t\t\t\t/* 0 */\n"
		 "SYSCALL(sys_exit,sys_exit,compat_sys_exit)\n"
		 "SYSCALL(sys_fork,sys_fork,sys_fork)\n"
		 "SYSCALL(sys_read,sys_read,compat_sys_s390_read)\n"
		 "SYSCALL(sys_write,sys_write,compat_sys_s390_write)\n"
		 "SYSCALL(sys_open,sys_open,compat_sys_open)\t\t\t/* 5 */\n"
		 "SYSCALL(sys_close,sys_close,compat_sys_close)\n"
		 "SYSCALL(sys_restart_syscall,sys_restart_syscall,sys_restart_syscall)\n"
		 "SYSCALL(sys_creat,sys_creat,compat_sys_creat)\n"
		 "SYSCALL(sys_link,sys_link,compat_sys_link)\n"
		 "SYSCALL(sys_unlink,sys_unlink,compat_sys_unlink)\t\t/* 10 */\n"
		 "SYSCALL(sys_execve,sys_execve,compat_sys_execve)\n"
		 "SYSCALL(sys_chdir,sys_chdir,compat_sys_chdir)\n"
		 "SYSCALL(sys_time,sys_ni_syscall,compat_sys_time)\t\t/* old time syscall */\n"},
		{NULL, NULL},
	};
	static const file newer[] = {
		{"arch/s390/include/uapi/asm/unistd.h", header},
		{"arch/s390/kernel/syscalls.S",
		 "#define NI_SYSCALL SYSCALL(sys_ni_syscall,sys_ni_syscall)\n\n"
		 "NI_SYSCALL\t\t\t\t\t\t\t/* 0 */\n"
		 "SYSCALL(sys_exit,compat_sys_exit)\nSYSCALL(sys_fork,sys_fork)\n"
		 "SYSCALL(sys_read,compat_sys_s390_read)\nSYSCALL(sys_write,compat_sys_s390_write)\n"
		 "SYSCALL(sys_open,compat_sys_open)\t\t\t/* 5 */\nSYSCALL(sys_close,compat_sys_close)\n"
		 "SYSCALL(sys_restart_syscall,sys_restart_syscall)\nSYSCALL(sys_creat,compat_sys_creat)\n"
		 "SYSCALL(sys_link,compat_sys_link)\nSYSCALL(sys_unlink,compat_sys_unlink)\t\t/* 10 */\n"
		 "SYSCALL(sys_execve,compat_sys_execve)\nSYSCALL(sys_chdir,compat_sys_chdir)\n"
		 "SYSCALL(sys_ni_syscall,compat_sys_time)\t\t\t/* old time syscall */\n"},
		{NULL, NULL},
	};
	const file *trees[] = {old, newer};
	kabi_table t;
	int i;

	for (i = 0; i < 2; i++) {
		OK(build(&t, "s390x", "arch/s390/include/uapi/asm/unistd.h", trees[i]) == 0, "s390x %d", i);
		EQ_STR(row(&t, "exit"), "1 sys_exit compat_sys_exit 1");
		EQ_STR(row(&t, "fork"), "2 sys_fork \"\" 1");
		EQ_STR(row(&t, "read"), "3 sys_read compat_sys_s390_read 1");
		EQ_STR(row(&t, "time"), "-");
		kabi_table_free(&t);
		OK(build(&t, "s390", "arch/s390/include/uapi/asm/unistd.h", trees[i]) == 0, "s390 %d", i);
		EQ_STR(row(&t, "exit"), "1 sys_exit compat_sys_exit 1");
		EQ_STR(row(&t, "restart_syscall"), "7 sys_restart_syscall \"\" 1");
		EQ_STR(row(&t, "time"), "13 \"\" compat_sys_time 1"); /* "13 32 time - compat_sys_time" */
		kabi_table_free(&t);
	}
}

/* sparc: five entries a line; sparc64's file has the 32-bit compat table
 * and then the 64-bit one under two labels. */
static void test_sparc(void)
{
	static const file tree[] = {
		{"arch/sparc/include/uapi/asm/unistd.h",
		 "#ifndef _UAPI_SPARC_UNISTD_H\n#define _UAPI_SPARC_UNISTD_H\n"
		 "#ifndef __32bit_syscall_numbers__\n#ifndef __arch64__\n#define __32bit_syscall_numbers__\n#endif\n#endif\n"
		 "#define __NR_restart_syscall      0\n#define __NR_exit                 1\n"
		 "#define __NR_fork                 2\n#define __NR_read                 3\n"
		 "#define __NR_write                4\n#define __NR_open                 5\n"
		 "#define __NR_execv               11\n"
		 "#ifdef __32bit_syscall_numbers__\n#define __NR_lchown             16\n#endif\n#endif\n"},
		{"arch/sparc/kernel/systbls_32.S",
		 "\t.data\n\t.align 4\n\n\t/* First, the Linux native syscall table. */\n\n"
		 "\t.globl sys_call_table\nsys_call_table:\n"
		 "/*0*/\t.long sys_restart_syscall, sys_exit, sys_fork, sys_read, sys_write\n"
		 "/*5*/\t.long sys_open, sys_close, sys_wait4, sys_creat, sys_link\n"
		 "/*10*/  .long sys_unlink, sunos_execv, sys_chdir, sys_chown16, sys_mknod\n"
		 "/*15*/\t.long sys_chmod, sys_lchown16, sparc_brk, sys_nis_syscall, sys_lseek\n"},
		{"arch/sparc/kernel/systbls_64.S",
		 "\t.data\n\t.align\t4\n\n\t/* First, the 32-bit Linux native syscall table. */\n\n"
		 "\t.globl sys_call_table32\nsys_call_table32:\n"
		 "/*0*/\t.word sys_restart_syscall, sparc_exit, sys_fork, sys_read, sys_write\n"
		 "/*5*/\t.word compat_sys_open, sys_close, compat_sys_wait4, sys_creat, sys_link\n"
		 "/*10*/  .word sys_unlink, sunos_execv, sys_chdir, sys_chown16, sys_mknod\n"
		 "/*15*/\t.word sys_chmod, sys_lchown16, sys_brk, sys_nis_syscall, sys_lseek\n"
		 "\n\t/* Now the 64-bit native Linux syscall table. */\n\n"
		 "\t.align\t4\n\t.globl sys_call_table64, sys_call_table\nsys_call_table64:\nsys_call_table:\n"
		 "/*0*/\t.word sys_restart_syscall, sparc_exit, sys_fork, sys_read, sys_write\n"
		 "/*5*/\t.word sys_open, sys_close, sys_wait4, sys_creat, sys_link\n"
		 "/*10*/  .word sys_unlink, sys_nis_syscall, sys_chdir, sys_chown, sys_mknod\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "sparc", "arch/sparc/include/uapi/asm/unistd.h", tree) == 0, "sparc");
	EQ_STR(row(&t, "exit"), "1 sys_exit sparc_exit 1"); /* "1 32 exit sys_exit sparc_exit" */
	EQ_STR(row(&t, "open"), "5 sys_open compat_sys_open 1");
	EQ_STR(row(&t, "execv"), "11 sunos_execv \"\" 1");
	EQ_STR(row(&t, "lchown"), "16 sys_lchown16 \"\" 1");
	kabi_table_free(&t);
	OK(build(&t, "sparc64", "arch/sparc/include/uapi/asm/unistd.h", tree) == 0, "sparc64");
	EQ_STR(row(&t, "exit"), "1 sparc_exit \"\" 1"); /* "1 64 exit sparc_exit" */
	EQ_STR(row(&t, "open"), "5 sys_open \"\" 1");
	EQ_STR(row(&t, "execv"), "11 sys_nis_syscall \"\" 1");
	EQ_STR(row(&t, "lchown"), "-");
	kabi_table_free(&t);
}

/* powerpc 2.6.18-4.20: the entries are the positional macros of
 * asm/systbl.h, which arch/powerpc/kernel/systbl.S expands for a 64-bit
 * kernel as pairs (the 64-bit entry, the 32-bit task's one) and for a
 * 32-bit kernel as one entry; systbl.S also retires two calls on 64-bit
 * kernels by #define.  The excerpt is 4.19's, slots 0-76. */
static void test_powerpc(void)
{
	static const file tree[] = {
		{"arch/powerpc/include/uapi/asm/unistd.h",
		 "#ifndef _UAPI_ASM_POWERPC_UNISTD_H_\n#define _UAPI_ASM_POWERPC_UNISTD_H_\n\n\n"
		 "#define __NR_restart_syscall\t  0\n#define __NR_exit\t\t  1\n#define __NR_fork\t\t  2\n"
		 "#define __NR_read\t\t  3\n#define __NR_open\t\t  5\n#define __NR_execve\t\t 11\n"
		 "#define __NR_break\t\t 17\n#define __NR_oldstat\t\t 18\n#define __NR_umount\t\t 22\n"
		 "#define __NR_sigaction\t\t 67\n#define __NR_sigsuspend\t\t 72\n#define __NR_sigpending\t\t 73\n"
		 "#define __NR_getrlimit\t\t 76\n#define __NR_getpmsg\t\t187\t/* some people actually want streams */\n"
		 "\n#endif /* _UAPI_ASM_POWERPC_UNISTD_H_ */\n"},
		{"arch/powerpc/kernel/systbl.S",
		 "#include <asm/ppc_asm.h>\n\n#ifdef CONFIG_PPC64\n"
		 "#define SYSCALL(func)\t\t.8byte\tDOTSYM(sys_##func),DOTSYM(sys_##func)\n"
		 "#define COMPAT_SYS(func)\t.8byte\tDOTSYM(sys_##func),DOTSYM(compat_sys_##func)\n"
		 "#define SYSX(f, f3264, f32)\t.8byte\tDOTSYM(f),DOTSYM(f3264)\n#else\n"
		 "#define SYSCALL(func)\t\t.long\tsys_##func\n#define COMPAT_SYS(func)\t.long\tsys_##func\n"
		 "#define SYSX(f, f3264, f32)\t.long\tf32\n#endif\n"
		 "#define SYSCALL_SPU(func)\tSYSCALL(func)\n\n#ifdef CONFIG_PPC64\n"
		 "#define sys_sigpending\tsys_ni_syscall\n#define sys_old_getrlimit sys_ni_syscall\n\n"
		 "\t.p2align\t3\n#endif\n\n.section .rodata,\"a\"\n.globl sys_call_table\nsys_call_table:\n\n"
		 "#include <asm/systbl.h>\n"},
		{"arch/powerpc/include/asm/systbl.h",
		 "/*\n * List of powerpc syscalls. For the meaning of the _SPU suffix see\n"
		 " * arch/powerpc/platforms/cell/spu_callbacks.c\n */\n\n"
		 "SYSCALL(restart_syscall)\nSYSCALL(exit)\nPPC_SYS(fork)\nSYSCALL_SPU(read)\n"
		 "SYSCALL_SPU(write)\nCOMPAT_SYS_SPU(open)\nSYSCALL_SPU(close)\nSYSCALL_SPU(waitpid)\n"
		 "SYSCALL_SPU(creat)\nSYSCALL_SPU(link)\nSYSCALL_SPU(unlink)\nCOMPAT_SYS(execve)\n"
		 "SYSCALL_SPU(chdir)\nCOMPAT_SYS_SPU(time)\nSYSCALL_SPU(mknod)\nSYSCALL_SPU(chmod)\n"
		 "SYSCALL_SPU(lchown)\nSYSCALL(ni_syscall)\nOLDSYS(stat)\nCOMPAT_SYS_SPU(lseek)\n"
		 "SYSCALL_SPU(getpid)\nCOMPAT_SYS(mount)\nSYSX(sys_ni_syscall,sys_oldumount,sys_oldumount)\n"
		 "SYSCALL_SPU(setuid)\nSYSCALL_SPU(getuid)\nCOMPAT_SYS_SPU(stime)\nCOMPAT_SYS(ptrace)\n"
		 "SYSCALL_SPU(alarm)\nOLDSYS(fstat)\nSYSCALL(pause)\nCOMPAT_SYS(utime)\nSYSCALL(ni_syscall)\n"
		 "SYSCALL(ni_syscall)\nSYSCALL_SPU(access)\nSYSCALL_SPU(nice)\nSYSCALL(ni_syscall)\n"
		 "SYSCALL_SPU(sync)\nSYSCALL_SPU(kill)\nSYSCALL_SPU(rename)\nSYSCALL_SPU(mkdir)\n"
		 "SYSCALL_SPU(rmdir)\nSYSCALL_SPU(dup)\nSYSCALL_SPU(pipe)\nCOMPAT_SYS_SPU(times)\n"
		 "SYSCALL(ni_syscall)\nSYSCALL_SPU(brk)\nSYSCALL_SPU(setgid)\nSYSCALL_SPU(getgid)\n"
		 "SYSCALL(signal)\nSYSCALL_SPU(geteuid)\nSYSCALL_SPU(getegid)\nSYSCALL(acct)\n"
		 "SYSCALL(umount)\nSYSCALL(ni_syscall)\nCOMPAT_SYS_SPU(ioctl)\nCOMPAT_SYS_SPU(fcntl)\n"
		 "SYSCALL(ni_syscall)\nSYSCALL_SPU(setpgid)\nSYSCALL(ni_syscall)\n"
		 "SYSX(sys_ni_syscall,sys_olduname, sys_olduname)\nSYSCALL_SPU(umask)\nSYSCALL_SPU(chroot)\n"
		 "COMPAT_SYS(ustat)\nSYSCALL_SPU(dup2)\nSYSCALL_SPU(getppid)\nSYSCALL_SPU(getpgrp)\n"
		 "SYSCALL_SPU(setsid)\nSYS32ONLY(sigaction)\nSYSCALL_SPU(sgetmask)\nSYSCALL_SPU(ssetmask)\n"
		 "SYSCALL_SPU(setreuid)\nSYSCALL_SPU(setregid)\n#define compat_sys_sigsuspend sys_sigsuspend\n"
		 "SYS32ONLY(sigsuspend)\nCOMPAT_SYS(sigpending)\nSYSCALL_SPU(sethostname)\n"
		 "COMPAT_SYS_SPU(setrlimit)\nCOMPAT_SYS(old_getrlimit)\n"},
		{NULL, NULL},
	};
	kabi_table t;

	/* as 5.0's syscall.tbl writes the 64-bit rows */
	OK(build(&t, "powerpc64", "arch/powerpc/include/uapi/asm/unistd.h", tree) == 0, "powerpc64");
	EQ_STR(row(&t, "restart_syscall"), "0 sys_restart_syscall \"\" 1");
	EQ_STR(row(&t, "fork"), "2 ppc_fork \"\" 1");
	EQ_STR(row(&t, "open"), "5 sys_open compat_sys_open 1");
	EQ_STR(row(&t, "execve"), "11 sys_execve compat_sys_execve 1");
	EQ_STR(row(&t, "break"), "17 sys_ni_syscall \"\" 0");
	EQ_STR(row(&t, "oldstat"), "18 sys_ni_syscall \"\" 0");   /* OLDSYS */
	EQ_STR(row(&t, "umount"), "22 sys_ni_syscall \"\" 0");    /* SYSX(sys_ni_syscall, ...) */
	EQ_STR(row(&t, "sigaction"), "67 sys_ni_syscall \"\" 0"); /* SYS32ONLY */
	EQ_STR(row(&t, "sigsuspend"), "72 sys_ni_syscall \"\" 0");
	EQ_STR(row(&t, "sigpending"), "73 sys_ni_syscall \"\" 0"); /* systbl.S's #define */
	EQ_STR(row(&t, "getrlimit"), "76 sys_ni_syscall \"\" 0");
	/* past the excerpt's table: not in it, so not implemented */
	EQ_STR(row(&t, "getpmsg"), "187 \"\" \"\" 0");
	kabi_table_free(&t);
	/* and the 32-bit rows: the 32-bit kernel's entry, the 64-bit
	 * kernel's entry for 32-bit tasks where it differs */
	OK(build(&t, "powerpc", "arch/powerpc/include/uapi/asm/unistd.h", tree) == 0, "powerpc");
	EQ_STR(row(&t, "fork"), "2 ppc_fork \"\" 1");
	EQ_STR(row(&t, "open"), "5 sys_open compat_sys_open 1");
	EQ_STR(row(&t, "break"), "17 sys_ni_syscall \"\" 0");
	EQ_STR(row(&t, "oldstat"), "18 sys_stat sys_ni_syscall 1");
	EQ_STR(row(&t, "umount"), "22 sys_oldumount \"\" 1");
	EQ_STR(row(&t, "sigaction"), "67 sys_sigaction compat_sys_sigaction 1");
	EQ_STR(row(&t, "sigsuspend"), "72 sys_sigsuspend \"\" 1");
	EQ_STR(row(&t, "sigpending"), "73 sys_sigpending compat_sys_sigpending 1");
	EQ_STR(row(&t, "getrlimit"), "76 sys_old_getrlimit compat_sys_old_getrlimit 1");
	kabi_table_free(&t);
}

/* ia64 numbers from 1024; parisc from __NR_Linux (0). */
static void test_ia64_parisc(void)
{
	static const file tree[] = {
		{"include/asm-ia64/unistd.h",
		 "#define __NR_ni_syscall\t\t\t1024 /* reserved for the future */\n"
		 "#define __NR_exit\t\t\t1025\n#define __NR_read\t\t\t1026\n"
		 "#define __NR_uselib\t\t\t1093\n"
		 "#ifdef __KERNEL__\n#define NR_syscalls\t\t\t256 /* length of syscall table */\n#endif\n"},
		{"arch/ia64/kernel/entry.S",
		 "GLOBAL_ENTRY(ia64_ret_from_syscall)\n\tmovl r16=sys_call_table\n\tbr.cond.sptk.many b6\n"
		 "\t.rodata\n\t.align 8\n\t.globl sys_call_table\nsys_call_table:\n"
		 "\tdata8 sys_ni_syscall\t\t//  This must be sys_ni_syscall!  See ivt.S.\n"
		 "\tdata8 sys_exit\t\t\t\t// 1025\n\tdata8 sys_read\n"
		 "\t.org sys_call_table + 8*NR_syscalls\t// guard against failures to increase NR_syscalls\n"},
		{"include/asm-alpha/unistd.h",
		 "#define __NR_osf_syscall\t  0\t/* not implemented */\n#define __NR_exit\t\t  1\n"
		 "#define __NR_osf_old_open\t  5\t/* not implemented */\n"},
		{"arch/alpha/kernel/systbls.S",
		 "\t.data\n\t.align 3\n\t.globl sys_call_table\nsys_call_table:\n"
		 "\t.quad alpha_ni_syscall\t\t\t/* 0 */\n\t.quad sys_exit\n\t.quad alpha_fork\n"
		 "\t.quad sys_read\n\t.quad sys_write\n\t.quad alpha_ni_syscall\t\t\t/* 5 */\n"
		 "\t.size sys_call_table, . - sys_call_table\n"},
		{"include/asm-parisc/unistd.h", "#define __NR_Linux                0\n"
						"#define __NR_restart_syscall      (__NR_Linux + 0)\n"
						"#define __NR_exit                 (__NR_Linux + 1)\n"
						"#define __NR_Linux_syscalls       (__NR_exit + 1)\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "ia64", "include/asm-ia64/unistd.h", tree) == 0, "ia64");
	EQ_STR(row(&t, "exit"), "1025 sys_exit \"\" 1"); /* data8 list from 1024 */
	EQ_STR(row(&t, "read"), "1026 sys_read \"\" 1");
	EQ_STR(row(&t, "uselib"), "1093 \"\" \"\" 0"); /* past the excerpt's table */
	EQ_STR(row(&t, "ni_syscall"), "-");
	EQ_INT(t.n, 3);
	kabi_table_free(&t);
	OK(build(&t, "alpha", "include/asm-alpha/unistd.h", tree) == 0, "alpha");
	EQ_STR(row(&t, "exit"), "1 sys_exit \"\" 1");
	EQ_STR(row(&t, "osf_syscall"),
	       "0 sys_ni_syscall \"\" 0"); /* alpha_ni_syscall, as the .tbl writes it */
	EQ_STR(row(&t, "osf_old_open"), "5 sys_ni_syscall \"\" 0");
	kabi_table_free(&t);
	OK(build(&t, "parisc", "include/asm-parisc/unistd.h", tree) == 0, "parisc");
	EQ_STR(row(&t, "restart_syscall"), "0 \"\" \"\" 2");
	EQ_STR(row(&t, "exit"), "1 \"\" \"\" 2");
	EQ_STR(row(&t, "Linux"), "-");
	EQ_STR(row(&t, "Linux_syscalls"), "-");
	kabi_table_free(&t);
}

/* parisc 2.6.12-4.20: syscall_table.S, whose own #defines say what each
 * ENTRY_*() line is in a 32-bit kernel and in both tables of a 64-bit one
 * (3.0's file, slots 0-69). */
static void test_parisc_entries(void)
{
	static const file tree[] = {
		{"arch/parisc/include/asm/unistd.h",
		 "#define __NR_Linux                0\n#define __NR_restart_syscall      (__NR_Linux + 0)\n"
		 "#define __NR_exit                 (__NR_Linux + 1)\n#define __NR_fork                 (__NR_Linux + 2)\n"
		 "#define __NR_execve               (__NR_Linux + 11)\n#define __NR_time                 (__NR_Linux + 13)\n"
		 "#define __NR_lseek                (__NR_Linux + 19)\n#define __NR_sgetmask             (__NR_Linux + 68)\n"
		 "#define __NR_getpmsg\t\t(__NR_Linux + 196) /* Somebody *wants* streams? */\n"
		 "#define __NR_Linux_syscalls       (__NR_getpmsg + 1)\n"},
		{"arch/parisc/kernel/syscall_table.S",
		 "#if defined(CONFIG_64BIT) && !defined(SYSCALL_TABLE_64BIT)\n"
		 "/* Use ENTRY_SAME for 32-bit syscalls which are the same on wide and\n"
		 " * narrow palinux.  Use ENTRY_DIFF for those where a 32-bit specific\n"
		 " * implementation is required on wide palinux.  Use ENTRY_COMP where\n"
		 " * the compatibility layer has a useful 32-bit implementation.\n"
		 " */\n"
		 "#define ENTRY_SAME(_name_) .dword sys_##_name_\n"
		 "#define ENTRY_DIFF(_name_) .dword sys32_##_name_\n"
		 "#define ENTRY_UHOH(_name_) .dword sys32_##unimplemented\n"
		 "#define ENTRY_OURS(_name_) .dword parisc_##_name_\n"
		 "#define ENTRY_COMP(_name_) .dword compat_sys_##_name_\n"
		 "#elif defined(CONFIG_64BIT) && defined(SYSCALL_TABLE_64BIT)\n"
		 "#define ENTRY_SAME(_name_) .dword sys_##_name_\n"
		 "#define ENTRY_DIFF(_name_) .dword sys_##_name_\n"
		 "#define ENTRY_UHOH(_name_) .dword sys_##_name_\n"
		 "#define ENTRY_OURS(_name_) .dword sys_##_name_\n"
		 "#define ENTRY_COMP(_name_) .dword sys_##_name_\n"
		 "#else\n"
		 "#define ENTRY_SAME(_name_) .word sys_##_name_\n"
		 "#define ENTRY_DIFF(_name_) .word sys_##_name_\n"
		 "#define ENTRY_UHOH(_name_) .word sys_##_name_\n"
		 "#define ENTRY_OURS(_name_) .word parisc_##_name_\n"
		 "#define ENTRY_COMP(_name_) .word sys_##_name_\n"
		 "#endif\n"
		 "\n"
		 "\tENTRY_SAME(restart_syscall)\t/* 0 */\n"
		 "\tENTRY_SAME(exit)\n"
		 "\tENTRY_SAME(fork_wrapper)\n"
		 "\tENTRY_SAME(read)\n"
		 "\tENTRY_SAME(write)\n"
		 "\tENTRY_SAME(open)\t\t/* 5 */\n"
		 "\tENTRY_SAME(close)\n"
		 "\tENTRY_SAME(waitpid)\n"
		 "\tENTRY_SAME(creat)\n"
		 "\tENTRY_SAME(link)\n"
		 "\tENTRY_SAME(unlink)\t\t/* 10 */\n"
		 "\tENTRY_DIFF(execve_wrapper)\n"
		 "\tENTRY_SAME(chdir)\n"
		 "\t/* See comments in kernel/time.c!!! Maybe we don't need this? */\n"
		 "\tENTRY_COMP(time)\n"
		 "\tENTRY_SAME(mknod)\n"
		 "\tENTRY_SAME(chmod)\t\t/* 15 */\n"
		 "\tENTRY_SAME(lchown)\n"
		 "\tENTRY_SAME(socket)\n"
		 "\t/* struct stat is MAYBE identical wide and narrow ?? */\n"
		 "\tENTRY_COMP(newstat)\n"
		 "\tENTRY_DIFF(lseek)\n"
		 "\tENTRY_SAME(getpid)\t\t/* 20 */\n"
		 "\t/* the 'void * data' parameter may need re-packing in wide */\n"
		 "\tENTRY_COMP(mount)\n"
		 "\t/* concerned about struct sockaddr in wide/narrow */\n"
		 "\t/* ---> I think sockaddr is OK unless the compiler packs the struct */\n"
		 "\t/*      differently to align the char array */\n"
		 "\tENTRY_SAME(bind)\n"
		 "\tENTRY_SAME(setuid)\n"
		 "\tENTRY_SAME(getuid)\n"
		 "\tENTRY_COMP(stime)\t\t/* 25 */\n"
		 "\tENTRY_COMP(ptrace)\n"
		 "\tENTRY_SAME(alarm)\n"
		 "\t/* see stat comment */\n"
		 "\tENTRY_COMP(newfstat)\n"
		 "\tENTRY_SAME(pause)\n"
		 "\t/* struct utimbuf uses time_t which might vary */\n"
		 "\tENTRY_COMP(utime)\t\t/* 30 */\n"
		 "\t/* struct sockaddr... */\n"
		 "\tENTRY_SAME(connect)\n"
		 "\tENTRY_SAME(listen)\n"
		 "\tENTRY_SAME(access)\n"
		 "\tENTRY_SAME(nice)\n"
		 "\t/* struct sockaddr... */\n"
		 "\tENTRY_SAME(accept)\t\t/* 35 */\n"
		 "\tENTRY_SAME(sync)\n"
		 "\tENTRY_SAME(kill)\n"
		 "\tENTRY_SAME(rename)\n"
		 "\tENTRY_SAME(mkdir)\n"
		 "\tENTRY_SAME(rmdir)\t\t/* 40 */\n"
		 "\tENTRY_SAME(dup)\n"
		 "\tENTRY_SAME(pipe)\n"
		 "\tENTRY_COMP(times)\n"
		 "\t/* struct sockaddr... */\n"
		 "\tENTRY_SAME(getsockname)\n"
		 "\t/* it seems possible brk() could return a >4G pointer... */\n"
		 "\tENTRY_SAME(brk)\t\t\t/* 45 */\n"
		 "\tENTRY_SAME(setgid)\n"
		 "\tENTRY_SAME(getgid)\n"
		 "\tENTRY_SAME(signal)\n"
		 "\tENTRY_SAME(geteuid)\n"
		 "\tENTRY_SAME(getegid)\t\t/* 50 */\n"
		 "\tENTRY_SAME(acct)\n"
		 "\tENTRY_SAME(umount)\n"
		 "\t/* struct sockaddr... */\n"
		 "\tENTRY_SAME(getpeername)\n"
		 "\tENTRY_COMP(ioctl)\n"
		 "\tENTRY_COMP(fcntl)\t\t/* 55 */\n"
		 "\tENTRY_SAME(socketpair)\n"
		 "\tENTRY_SAME(setpgid)\n"
		 "\tENTRY_SAME(send)\n"
		 "\tENTRY_SAME(newuname)\n"
		 "\tENTRY_SAME(umask)\t\t/* 60 */\n"
		 "\tENTRY_SAME(chroot)\n"
		 "\tENTRY_COMP(ustat)\n"
		 "\tENTRY_SAME(dup2)\n"
		 "\tENTRY_SAME(getppid)\n"
		 "\tENTRY_SAME(getpgrp)\t\t/* 65 */\n"
		 "\tENTRY_SAME(setsid)\n"
		 "\tENTRY_SAME(pivot_root)\n"
		 "\t/* I don't like this */\n"
		 "\tENTRY_UHOH(sgetmask)\n"
		 "\tENTRY_UHOH(ssetmask)\n"
		 "\n"
		 "\t/* Nothing yet */\n"
		 "\n"
		 "#undef ENTRY_SAME\n"
		 "#undef ENTRY_DIFF\n"
		 "#undef ENTRY_UHOH\n"
		 "#undef ENTRY_COMP\n"
		 "#undef ENTRY_OURS\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "parisc64", "arch/parisc/include/asm/unistd.h", tree) == 0, "parisc64");
	EQ_STR(row(&t, "restart_syscall"), "0 sys_restart_syscall \"\" 1");
	EQ_STR(row(&t, "fork"), "2 sys_fork_wrapper \"\" 1");
	EQ_STR(row(&t, "execve"), "11 sys_execve_wrapper sys32_execve_wrapper 1"); /* ENTRY_DIFF */
	EQ_STR(row(&t, "time"), "13 sys_time compat_sys_time 1");                  /* ENTRY_COMP */
	EQ_STR(row(&t, "lseek"), "19 sys_lseek sys32_lseek 1");
	EQ_STR(row(&t, "sgetmask"), "68 sys_sgetmask sys32_unimplemented 1"); /* ENTRY_UHOH */
	EQ_STR(row(&t, "getpmsg"), "196 \"\" \"\" 0");                        /* past the excerpt */
	kabi_table_free(&t);
	OK(build(&t, "parisc", "arch/parisc/include/asm/unistd.h", tree) == 0, "parisc");
	EQ_STR(row(&t, "fork"), "2 sys_fork_wrapper \"\" 1");
	EQ_STR(row(&t, "execve"), "11 sys_execve_wrapper sys32_execve_wrapper 1");
	EQ_STR(row(&t, "time"), "13 sys_time compat_sys_time 1");
	EQ_STR(row(&t, "sgetmask"), "68 sys_sgetmask sys32_unimplemented 1");
	kabi_table_free(&t);
}

/* parisc until 4.0 numbered HP-UX's syscalls in the same header, from 1,
 * above the Linux ones ("HP-UX system calls get their native numbers for
 * binary compatibility"): they are another personality's numbers, not the
 * Linux ABI's, and slot 1 is Linux's exit only. */
static void test_parisc_hpux(void)
{
	static const file tree[] = {
		{"arch/parisc/include/asm/unistd.h",
		 "#ifndef _ASM_PARISC_UNISTD_H_\n#define _ASM_PARISC_UNISTD_H_\n\n"
		 "/*\n *   HP-UX system calls get their native numbers for binary compatibility.\n */\n\n"
		 "#define __NR_HPUX_exit                    1\n#define __NR_HPUX_fork                    2\n"
		 "#define __NR_HPUX_read                    3\n#define __NR_HPUX_reserved1              49\n"
		 "#define __NR_HPUX_sigsetreturn          224\n/* 226 missing */\n"
		 "#define __NR_HPUX___cnx_pmon_ctl        511\n\n#define __NR_HPUX_syscalls\t\t512\n\n"
		 "/*\n * Linux system call numbers.\n */\n\n"
		 "#define __NR_Linux                0\n#define __NR_restart_syscall      (__NR_Linux + 0)\n"
		 "#define __NR_exit                 (__NR_Linux + 1)\n#define __NR_fork                 (__NR_Linux + 2)\n"
		 "/* #define __NR_socketcall         (__NR_Linux + 102) */\n"
		 "#define __NR_getpmsg\t\t(__NR_Linux + 196) /* Somebody *wants* streams? */\n"
		 "#define __NR_Linux_syscalls       (__NR_getpmsg + 1)\n\n#endif\n"},
		{NULL, NULL},
	};
	kabi_table t;

	OK(build(&t, "parisc", "arch/parisc/include/asm/unistd.h", tree) == 0, "parisc");
	EQ_STR(row(&t, "exit"), "1 \"\" \"\" 2");
	EQ_STR(row(&t, "getpmsg"), "196 \"\" \"\" 2");
	EQ_STR(row(&t, "HPUX_exit"), "-");
	EQ_STR(row(&t, "HPUX_sigsetreturn"), "-");
	EQ_STR(row(&t, "HPUX___cnx_pmon_ctl"), "-");
	EQ_STR(row(&t, "HPUX_syscalls"), "-");
	EQ_STR(row(&t, "socketcall"), "-");
	EQ_INT(t.n, 4);
	kabi_table_free(&t);
	OK(build(&t, "parisc64", "arch/parisc/include/asm/unistd.h", tree) == 0, "parisc64");
	EQ_STR(row(&t, "HPUX_read"), "-");
	EQ_INT(t.n, 4);
	kabi_table_free(&t);
}

/* A comment is not a value: m68k's 2.6.32 header kept a retired number in
 * a comment after the name ("#define __NR_idle / * 112 * / Obsolete"); the
 * macro expands to an identifier, which an #if would read as 0, and no row
 * may come of it. */
static void test_comment_values(void)
{
	static const file tree[] = {
		{"arch/m68k/include/asm/unistd.h",
		 "#ifndef _ASM_M68K_UNISTD_H_\n#define _ASM_M68K_UNISTD_H_\n"
		 "#define __NR_restart_syscall\t  0\n#define __NR_exit\t\t  1\n"
		 "#define __NR_vhangup\t\t111\n#define __NR_idle\t\t/* 112 */ Obsolete\n"
		 "#define __NR_vm86\t\t113\n#define __NR_gone\t\tUNUSED_NR\n#define __NR_wait4\t\t114\n"
		 "#endif\n"},
		{"arch/m68k/kernel/entry.S",
		 "ENTRY(sys_call_table)\n\t.long sys_restart_syscall\n\t.long sys_exit\n"},
		{NULL, NULL},
	};
	kabi_table t;

	warnings = 0;
	OK(build(&t, "m68k", "arch/m68k/include/asm/unistd.h", tree) == 0, "m68k");
	EQ_INT(warnings, 2); /* idle and gone, said out loud */
	EQ_STR(row(&t, "idle"), "-");
	EQ_STR(row(&t, "gone"), "-");
	EQ_STR(row(&t, "exit"), "1 sys_exit \"\" 1");
	OK(kabi_table_find(&t, "wait4") && kabi_table_find(&t, "wait4")->nr == 114, "wait4 is 114");
	OK(kabi_table_find(&t, "vm86") && kabi_table_find(&t, "vm86")->nr == 113, "vm86 is 113");
	kabi_table_free(&t);
}

/* Missing headers, empty headers and preprocessor errors. */
static void test_errors(void)
{
	static const file tree[] = {
		{"include/asm-alpha/unistd.h", "#if 1\n#define __NR_exit 1\n"}, /* unterminated #if */
		{"include/asm-sparc/unistd.h", "/* nothing */\n"},
		{NULL, NULL},
	};
	kabi_table t;

	EQ_INT(build(&t, "s390", "include/asm-s390/unistd.h", tree), KABI_ENOTFOUND);
	warnings = 0;
	EQ_INT(build(&t, "alpha", "include/asm-alpha/unistd.h", tree), KABI_ENOTFOUND);
	EQ_INT(warnings, 1);
	EQ_INT(build(&t, "sparc", "include/asm-sparc/unistd.h", tree), KABI_ENOTFOUND);
	OK(kabi_hdr_name_is_not_syscall("syscalls") && kabi_hdr_name_is_not_syscall("reserved177") &&
		   !kabi_hdr_name_is_not_syscall("exit"),
	   "non-syscall names");
}

int main(void)
{
	kabi_intern_new(&pool);
	test_x86_2_6_12();
	test_x86_2_6_32();
	test_arm();
	test_arm_calls_2_6_12();
	test_mips();
	test_mips_placeholders();
	test_mips_o32_macro_table();
	test_sh64();
	test_ppc_misc();
	test_dead_arch_lists();
	test_generic();
	test_kbuild_generic();
	test_arch_specific();
	test_xtensa();
	test_s390();
	test_sparc();
	test_powerpc();
	test_ia64_parisc();
	test_parisc_hpux();
	test_parisc_entries();
	test_comment_values();
	test_errors();
	kabi_intern_free(pool);
	return tap_done();
}
