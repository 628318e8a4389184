/* The signature scanner on one file's text: definitions in the shapes the
 * kernel writes them, and the normaliser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kconfig.h"
#include "sig.h"
#include "sigset.h"
#include "tap.h"

static kabi_intern *pool;
static kabi_sigdef *defs;
static size_t ndefs;

static void scan(const char *text, const char *path)
{
	free(defs);
	defs = NULL;
	kabi_sig_scan_text(&defs, &ndefs, text, strlen(text), path, pool);
}

static const kabi_sigdef *find(const char *entry, int nth)
{
	size_t i;

	for (i = 0; i < ndefs; i++)
		if (strcmp(defs[i].entry, entry) == 0 && nth-- == 0)
			return &defs[i];
	return NULL;
}

static const char *norm(const char *decls)
{
	return kabi_sig_normalize(pool, decls, 0);
}

/* Every field of a definition, for one-line checks. */
static const char *show(const kabi_sigdef *d)
{
	static char buf[1024];

	if (!d)
		return "(none)";
	snprintf(buf, sizeof(buf), "%d %s %s %d [%s] [%s] %s:%d [%s]", d->kind, d->name, d->entry, d->nargs,
		 d->args, d->norm, d->file, d->line, d->cond);
	return buf;
}

static void test_normalize(void)
{
	EQ_STR(norm("unsigned int fd; char __user *buf; size_t count"), "unsigned int, char *, size_t");
	EQ_STR(norm("const char  __user * filename, int flags"), "const char *, int");
	EQ_STR(norm("char const __user *filename"), "const char *");
	EQ_STR(norm("unsigned dev"), "unsigned int");
	EQ_STR(norm("long int x, long unsigned int y, signed int z, short int s"),
	       "long, unsigned long, int, short");
	EQ_STR(norm("unsigned long long v, long long int w, signed char c, unsigned char u, char d"),
	       "unsigned long long, long long, signed char, unsigned char, char");
	EQ_STR(norm("const int fd"), "int");        /* top-level const */
	EQ_STR(norm("char *const argv"), "char *"); /* top-level const on a pointer */
	EQ_STR(norm("const char __user *const __user *argv"), "const char *const *");
	EQ_STR(norm("void"), "");
	EQ_STR(norm(""), "");
	EQ_STR(norm("void __user *arg"), "void *");
	EQ_STR(norm("int __user fildes[2]"), "int *"); /* a parameter array is a pointer */
	EQ_STR(norm("__u32 flags, __s64 off, u64 x"), "u32, s64, u64");
	EQ_STR(norm("struct timespec __user *rqtp"), "struct timespec *");
	EQ_STR(norm("struct __kernel_timespec __user *rqtp"), "struct __kernel_timespec *");
	EQ_STR(norm("struct pt_regs *"), "struct pt_regs *"); /* no name: kept whole */
	EQ_STR(norm("size_t"), "size_t");
	EQ_STR(norm("unsigned long"), "unsigned long");
	EQ_STR(norm("void (__user *handler)(int)"), "void (*)(int)");
	EQ_STR(norm("register long a, volatile int b, int __force c"), "long, int, int");
	EQ_STR(kabi_sig_normalize(pool, "unsigned; const char __user *; compat_uptr_t", 1),
	       "unsigned int, const char *, compat_uptr_t");
	/* interned: equal lists are the same pointer */
	OK(norm("unsigned int fd") == norm("unsigned fd2"), "normalised strings are interned");
}

/* fs/read_write.c and fs/open.c, 6.x: plain, multi-line, comments inside. */
static void test_basic_shapes(void)
{
	scan("#include <linux/syscalls.h>\n"
	     "\n"
	     "SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)\n"
	     "{\n"
	     "\treturn ksys_read(fd, buf, count);\n"
	     "}\n"
	     "\n"
	     "SYSCALL_DEFINE5(llseek, unsigned int, fd, unsigned long, offset_high,\n"
	     "\t\tunsigned long, offset_low, loff_t __user *, result,\n"
	     "\t\tunsigned int, whence)\n"
	     "{\n"
	     "\tint retval;\n"
	     "\tstruct fd f = fdget_pos(fd);\n"
	     "\tif (whence > SEEK_MAX) { retval = -EINVAL; goto out; }\n"
	     "out:\n"
	     "\treturn retval;\n"
	     "}\n"
	     "\n"
	     "SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, /* where */\n"
	     "\t\tint, flags, // how\n"
	     "\t\tumode_t, mode)\n"
	     "{\n"
	     "\tif (force_o_largefile())\n"
	     "\t\tflags |= O_LARGEFILE;\n"
	     "\treturn do_sys_open(dfd, filename, flags, mode);\n"
	     "}\n"
	     "SYSCALL_DEFINE0(sync)\n"
	     "{\n"
	     "\tksys_sync();\n"
	     "\treturn 0;\n"
	     "}\n",
	     "fs/read_write.c");
	EQ_INT(ndefs, 4);
	EQ_STR(show(find("sys_read", 0)),
	       "1 read sys_read 3 [unsigned int fd, char __user *buf, size_t count] [unsigned int, char *, size_t] "
	       "fs/read_write.c:3 []");
	EQ_STR(show(find("sys_llseek", 0)),
	       "1 llseek sys_llseek 5 [unsigned int fd, unsigned long offset_high, unsigned long offset_low, "
	       "loff_t __user *result, unsigned int whence] [unsigned int, unsigned long, unsigned long, loff_t *, "
	       "unsigned int] fs/read_write.c:8 []");
	EQ_STR(show(find("sys_openat", 0)),
	       "1 openat sys_openat 4 [int dfd, const char __user *filename, int flags, umode_t mode] "
	       "[int, const char *, int, umode_t] fs/read_write.c:19 []");
	EQ_STR(show(find("sys_sync", 0)), "1 sync sys_sync 0 [] [] fs/read_write.c:27 []");
}

/* What must not be taken: prototypes, macro bodies, comments, strings,
 * `#if 0` blocks, uses inside function bodies. */
static void test_not_definitions(void)
{
	scan("/* SYSCALL_DEFINE1(fake, int, x) { } */\n"
	     "// SYSCALL_DEFINE1(fake2, int, x)\n"
	     "asmlinkage long sys_read(unsigned int fd, char __user *buf, size_t count);\n"
	     "asmlinkage long sys_ni_syscall(void);\n"
	     "#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)\n"
	     "#define __SYSCALL_DEFINEx(x, name, ...)\t\t\t\\\n"
	     "\tasmlinkage long sys##name(__MAP(x,__SC_DECL,__VA_ARGS__))\t\\\n"
	     "\t{ return 0; }\n"
	     "static const char *s = \"SYSCALL_DEFINE1(str, int, x) {\";\n"
	     "#if 0\n"
	     "SYSCALL_DEFINE1(dead, int, x)\n"
	     "{\n"
	     "}\n"
	     "#endif\n"
	     "static int f(void)\n"
	     "{\n"
	     "\textern asmlinkage long sys_inner(int x);\n"
	     "\treturn 0;\n"
	     "}\n"
	     "asmlinkage __visible void __init start_kernel(void)\n"
	     "{\n"
	     "}\n"
	     "asmlinkage void do_page_fault(struct pt_regs *regs)\n"
	     "{\n"
	     "}\n"
	     "SYSCALL_DEFINE1(real, int, x)\n"
	     "{\n"
	     "\treturn x;\n"
	     "}\n",
	     "kernel/x.c");
	EQ_INT(ndefs, 1);
	EQ_STR(show(&defs[0]), "1 real sys_real 1 [int x] [int] kernel/x.c:26 []");
}

/* kernel/fork.c: clone's variants share one body after #endif. */
static void test_clone_variants(void)
{
	const kabi_sigdef *d;

	scan("#ifdef __ARCH_WANT_SYS_CLONE\n"
	     "#ifdef CONFIG_CLONE_BACKWARDS\n"
	     "SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,\n"
	     "\t\t int __user *, parent_tidptr,\n"
	     "\t\t unsigned long, tls,\n"
	     "\t\t int __user *, child_tidptr)\n"
	     "#elif defined(CONFIG_CLONE_BACKWARDS2)\n"
	     "SYSCALL_DEFINE5(clone, unsigned long, newsp, unsigned long, clone_flags,\n"
	     "\t\t int __user *, parent_tidptr,\n"
	     "\t\t int __user *, child_tidptr,\n"
	     "\t\t unsigned long, tls)\n"
	     "#elif defined(CONFIG_CLONE_BACKWARDS3)\n"
	     "SYSCALL_DEFINE6(clone, unsigned long, clone_flags, unsigned long, newsp,\n"
	     "\t\tint, stack_size,\n"
	     "\t\tint __user *, parent_tidptr,\n"
	     "\t\tint __user *, child_tidptr,\n"
	     "\t\tunsigned long, tls)\n"
	     "#else\n"
	     "SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,\n"
	     "\t\t int __user *, parent_tidptr,\n"
	     "\t\t int __user *, child_tidptr,\n"
	     "\t\t unsigned long, tls)\n"
	     "#endif\n"
	     "{\n"
	     "\tstruct kernel_clone_args args = {\n"
	     "\t\t.flags\t\t= (lower_32_bits(clone_flags) & ~CSIGNAL),\n"
	     "\t};\n"
	     "\n"
	     "\treturn kernel_clone(&args);\n"
	     "}\n"
	     "#endif\n"
	     "\n"
	     "SYSCALL_DEFINE2(clone3, struct clone_args __user *, uargs, size_t, size)\n"
	     "{\n"
	     "\treturn 0;\n"
	     "}\n",
	     "kernel/fork.c");
	EQ_INT(ndefs, 5);
	d = find("sys_clone", 0);
	EQ_STR(show(d),
	       "1 clone sys_clone 5 [unsigned long clone_flags, unsigned long newsp, int __user *parent_tidptr, "
	       "unsigned long tls, int __user *child_tidptr] [unsigned long, unsigned long, int *, unsigned long, "
	       "int *] kernel/fork.c:3 [defined(__ARCH_WANT_SYS_CLONE) && defined(CONFIG_CLONE_BACKWARDS)]");
	d = find("sys_clone", 1);
	EQ_STR(d ? d->cond : "", "defined(__ARCH_WANT_SYS_CLONE) && !defined(CONFIG_CLONE_BACKWARDS) && "
				 "defined(CONFIG_CLONE_BACKWARDS2)");
	EQ_STR(d ? d->norm : "", "unsigned long, unsigned long, int *, int *, unsigned long");
	d = find("sys_clone", 2);
	EQ_INT(d ? d->nargs : 0, 6);
	EQ_INT(d ? d->line : 0, 13);
	d = find("sys_clone", 3);
	EQ_STR(d ? d->cond : "", "defined(__ARCH_WANT_SYS_CLONE) && !defined(CONFIG_CLONE_BACKWARDS) && "
				 "!defined(CONFIG_CLONE_BACKWARDS2) && !defined(CONFIG_CLONE_BACKWARDS3)");
	EQ_STR(show(find("sys_clone3", 0)),
	       "1 clone3 sys_clone3 2 [struct clone_args __user *uargs, size_t size] "
	       "[struct clone_args *, size_t] kernel/fork.c:33 []");
}

/* arch/x86/kernel/process_64.c: the native and the compat arch_prctl. */
static void test_arch_and_compat(void)
{
	scan("SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)\n"
	     "{\n"
	     "\tlong ret;\n"
	     "\n"
	     "\tret = do_arch_prctl_64(current, option, arg2);\n"
	     "\tif (ret == -EINVAL)\n"
	     "\t\tret = do_arch_prctl_common(option, arg2);\n"
	     "\n"
	     "\treturn ret;\n"
	     "}\n"
	     "\n"
	     "#ifdef CONFIG_IA32_EMULATION\n"
	     "COMPAT_SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)\n"
	     "{\n"
	     "\treturn do_arch_prctl_common(option, arg2);\n"
	     "}\n"
	     "#endif /* CONFIG_IA32_EMULATION */\n",
	     "arch/x86/kernel/process_64.c");
	EQ_INT(ndefs, 2);
	EQ_STR(show(find("sys_arch_prctl", 0)),
	       "1 arch_prctl sys_arch_prctl 2 [int option, unsigned long arg2] "
	       "[int, unsigned long] arch/x86/kernel/process_64.c:1 []");
	EQ_STR(show(find("compat_sys_arch_prctl", 0)),
	       "2 arch_prctl compat_sys_arch_prctl 2 [int option, unsigned long arg2] [int, unsigned long] "
	       "arch/x86/kernel/process_64.c:13 [defined(CONFIG_IA32_EMULATION)]");
}

/* Before 2.6.29: plain asmlinkage definitions (2.6.27's fs/read_write.c,
 * arch/i386's sys_pipe, mips's void sigreturn). */
/* What makes an entry point in the table not implemented (issue 16, class
 * 10): kernel/sys_ni.c's weak symbols, and a body that returns -ENOSYS
 * under an arch opt-out (kernel/fork.c's clone3, 6.10+). */
static void test_not_built(void)
{
	const kabi_sigdef *d;
	kabi_sigdef *hdr = NULL;
	size_t nhdr = 0;

	scan("asmlinkage long sys_ni_syscall(void)\n{\n\treturn -ENOSYS;\n}\n\n"
	     "#ifndef COND_SYSCALL\n#define COND_SYSCALL(name) cond_syscall(sys_##name)\n#endif\n\n"
	     "COND_SYSCALL(io_setup);\nCOND_SYSCALL_COMPAT(io_setup);\n"
	     "COND_SYSCALL(map_shadow_stack);\n"
	     "cond_syscall(sys_pciconfig_iobase);\n",
	     "kernel/sys_ni.c");
	OK((d = find("sys_map_shadow_stack", 0)) && d->kind == KABI_SIG_COND,
	   "COND_SYSCALL(map_shadow_stack)");
	OK((d = find("compat_sys_io_setup", 0)) && d->kind == KABI_SIG_COND, "COND_SYSCALL_COMPAT(io_setup)");
	OK((d = find("sys_pciconfig_iobase", 0)) && d->kind == KABI_SIG_COND, "cond_syscall(sys_x)");
	OK((d = find("sys_ni_syscall", 0)) && d->kind == KABI_SIG_ASMLINKAGE,
	   "sys_ni_syscall is a definition");
	EQ_INT((int)ndefs, 5);

	scan("SYSCALL_DEFINE2(clone3, struct clone_args __user *, uargs, size_t, size)\n{\n"
	     "\tint err;\n\n\tstruct kernel_clone_args kargs;\n\tpid_t set_tid[MAX_PID_NS_LEVEL];\n\n"
	     "#ifdef __ARCH_BROKEN_SYS_CLONE3\n#warning clone3() entry point is missing, please fix\n"
	     "\treturn -ENOSYS;\n#endif\n\n\tkargs.set_tid = set_tid;\n\treturn kernel_clone(&kargs);\n}\n"
	     "SYSCALL_DEFINE0(fork)\n{\n#ifdef CONFIG_MMU\n\treturn kernel_clone(&args);\n#endif\n}\n",
	     "kernel/fork.c");
	OK((d = find("sys_clone3", 0)) && d->kind == KABI_SIG_SYS, "clone3 is a definition");
	EQ_STR(d ? d->enosys_if : NULL, "__ARCH_BROKEN_SYS_CLONE3");
	OK((d = find("sys_fork", 0)) && d->enosys_if == NULL, "another #ifdef is no opt-out");

	kabi_sig_scan_arch_broken(
		&hdr, &nhdr,
		"/* SPDX-License-Identifier: GPL-2.0-or-later */\n#define sys_mmap2 sys_mmap_pgoff\n"
		"#define __ARCH_WANT_STAT64\n\n#define __ARCH_BROKEN_SYS_CLONE3\n\n"
		"#include <uapi/asm/unistd.h>\n",
		strlen("/* SPDX-License-Identifier: GPL-2.0-or-later */\n#define sys_mmap2 sys_mmap_pgoff\n"
		       "#define __ARCH_WANT_STAT64\n\n#define __ARCH_BROKEN_SYS_CLONE3\n\n"
		       "#include <uapi/asm/unistd.h>\n"),
		"arch/nios2/include/asm/unistd.h", pool);
	EQ_INT((int)nhdr, 1);
	if (nhdr) {
		EQ_STR(hdr[0].name, "__ARCH_BROKEN_SYS_CLONE3");
		EQ_INT(hdr[0].kind, KABI_SIG_ARCH_BROKEN);
		EQ_INT(hdr[0].line, 5);
	}
	free(hdr);
}

static void test_asmlinkage(void)
{
	scan("asmlinkage ssize_t sys_read(unsigned int fd, char __user * buf, size_t count)\n"
	     "{\n"
	     "\tstruct file *file;\n"
	     "\treturn -EBADF;\n"
	     "}\n"
	     "EXPORT_SYMBOL_GPL(sys_read);\n"
	     "\n"
	     "asmlinkage long sys_llseek(unsigned int fd, unsigned long offset_high,\n"
	     "\t\t\t   unsigned long offset_low, loff_t __user * result,\n"
	     "\t\t\t   unsigned int origin)\n"
	     "{\n"
	     "\treturn 0;\n"
	     "}\n"
	     "asmlinkage int sys_pipe(unsigned long __user * fildes)\n"
	     "{\n"
	     "\treturn 0;\n"
	     "}\n"
	     "asmlinkage long sys_ni_syscall(void)\n"
	     "{\n"
	     "\treturn -ENOSYS;\n"
	     "}\n"
	     "asmlinkage void sys_sigreturn(void)\n"
	     "{\n"
	     "}\n"
	     "asmlinkage long compat_sys_open(const char __user *filename, int flags,\n"
	     "\t\tint mode)\n"
	     "{\n"
	     "\treturn 0;\n"
	     "}\n",
	     "fs/read_write.c");
	EQ_INT(ndefs, 6);
	EQ_STR(show(find("sys_read", 0)),
	       "3 sys_read sys_read 3 [unsigned int fd, char __user * buf, size_t count] "
	       "[unsigned int, char *, size_t] fs/read_write.c:1 []");
	EQ_STR(show(find("sys_llseek", 0)),
	       "3 sys_llseek sys_llseek 5 [unsigned int fd, unsigned long offset_high, unsigned long offset_low, "
	       "loff_t __user * result, unsigned int origin] [unsigned int, unsigned long, unsigned long, loff_t *, "
	       "unsigned int] fs/read_write.c:8 []");
	EQ_STR(find("sys_pipe", 0) ? find("sys_pipe", 0)->norm : "", "unsigned long *");
	EQ_STR(show(find("sys_ni_syscall", 0)),
	       "3 sys_ni_syscall sys_ni_syscall 0 [] [] fs/read_write.c:18 []");
	EQ_INT(find("sys_sigreturn", 0) ? find("sys_sigreturn", 0)->nargs : -1, 0);
	EQ_STR(find("compat_sys_open", 0) ? find("compat_sys_open", 0)->norm : "", "const char *, int, int");
	/* the same signature written both ways normalises the same */
	scan("SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)\n{\n}\n", "a.c");
	{
		const char *macro = defs[0].norm;

		scan("asmlinkage long sys_read(unsigned int fd, char __user * buf, size_t count)\n{\n}\n",
		     "b.c");
		OK(defs[0].norm == macro, "macro and asmlinkage forms normalise to one string");
	}
}

/* 2.6's arch code also defined entry points without asmlinkage
 * (x86_64's arch_prctl); only names of entry points are taken that way. */
static void test_plain(void)
{
	scan("long sys_arch_prctl(int code, unsigned long addr);\n"
	     "cond_syscall(sys_vm86);\n"
	     "SYSCALL_ALIAS(sys_fadvise64, SyS_fadvise64);\n"
	     "static int sys_off_notify(struct notifier_block *nb, unsigned long mode, void *cmd)\n"
	     "{\n"
	     "\treturn 0;\n"
	     "}\n"
	     "static int helper(int code)\n"
	     "{\n"
	     "\treturn sys_getpid();\n"
	     "}\n"
	     "long\n"
	     "sys_arch_prctl(int code, unsigned long addr)\n"
	     "{\n"
	     "\treturn do_arch_prctl(current, code, addr);\n"
	     "}\n"
	     "asmlinkage long sys32_rt_sigreturn(void)\n"
	     "{\n"
	     "\treturn 0;\n"
	     "}\n",
	     "arch/x86_64/kernel/process.c");
	/* two definitions, and cond_syscall(sys_vm86): a weak symbol, no definition */
	EQ_INT(ndefs, 3);
	OK(find("sys_vm86", 0) && find("sys_vm86", 0)->kind == KABI_SIG_COND,
	   "cond_syscall is KABI_SIG_COND");
	EQ_STR(show(find("sys_arch_prctl", 0)),
	       "4 sys_arch_prctl sys_arch_prctl 2 [int code, unsigned long addr] "
	       "[int, unsigned long] arch/x86_64/kernel/process.c:13 []");
	EQ_INT(find("sys32_rt_sigreturn", 0) ? find("sys32_rt_sigreturn", 0)->kind : 0, KABI_SIG_ASMLINKAGE);
}

/* SYSCALL32_DEFINEn (include/linux/syscalls.h), a file-local alias of the
 * definition macros (arch/powerpc/kernel/sys_ppc32.c) and macros standing
 * for two (u32, name) pairs (SC_ARG64, compat_arg_u64_dual, arm64's
 * arg_u32p). */
static void test_aliases_and_pairs(void)
{
	const kabi_sigdef *d;

	scan("#if defined(CONFIG_ARCH_SPLIT_ARG64) || defined(CONFIG_COMPAT)\n"
	     "SYSCALL32_DEFINE6(fanotify_mark,\n"
	     "\t\t\t\tint, fanotify_fd, unsigned int, flags,\n"
	     "\t\t\t\tSC_ARG64(mask), int, dfd,\n"
	     "\t\t\t\tconst char  __user *, pathname)\n"
	     "{\n"
	     "\treturn 0;\n"
	     "}\n"
	     "#endif\n",
	     "fs/notify/fanotify/fanotify_user.c");
	EQ_INT(ndefs, 2);
	EQ_STR(show(find("sys_fanotify_mark", 0)),
	       "1 fanotify_mark sys_fanotify_mark 6 [int fanotify_fd, unsigned int flags, u32 mask_lo, u32 mask_hi, "
	       "int dfd, const char __user *pathname] [int, unsigned int, u32, u32, int, const char *] "
	       "fs/notify/fanotify/fanotify_user.c:2 [!defined(CONFIG_COMPAT) && "
	       "(defined(CONFIG_ARCH_SPLIT_ARG64) || defined(CONFIG_COMPAT))]");
	d = find("compat_sys_fanotify_mark", 0);
	EQ_STR(d ? d->cond : "",
	       "defined(CONFIG_COMPAT) && (defined(CONFIG_ARCH_SPLIT_ARG64) || defined(CONFIG_COMPAT))");

	scan("#ifdef CONFIG_PPC32\n"
	     "#define PPC32_SYSCALL_DEFINE4\tSYSCALL_DEFINE4\n"
	     "#else\n"
	     "#define PPC32_SYSCALL_DEFINE4\tCOMPAT_SYSCALL_DEFINE4\n"
	     "#endif\n"
	     "\n"
	     "PPC32_SYSCALL_DEFINE4(ppc_truncate64,\n"
	     "\t\t       const char __user *, path, u32, reg4,\n"
	     "\t\t       unsigned long, len1, unsigned long, len2)\n"
	     "{\n"
	     "\treturn ksys_truncate(path, merge_64(len1, len2));\n"
	     "}\n",
	     "arch/powerpc/kernel/sys_ppc32.c");
	EQ_INT(ndefs, 2);
	EQ_STR(show(find("sys_ppc_truncate64", 0)),
	       "1 ppc_truncate64 sys_ppc_truncate64 4 [const char __user *path, u32 reg4, unsigned long len1, "
	       "unsigned long len2] [const char *, u32, unsigned long, unsigned long] "
	       "arch/powerpc/kernel/sys_ppc32.c:7 [defined(CONFIG_PPC32)]");
	d = find("compat_sys_ppc_truncate64", 0);
	EQ_STR(d ? d->cond : "", "!defined(CONFIG_PPC32)");

	scan("#ifdef __AARCH64EB__\n"
	     "#define arg_u32p(name)\tu32, name##_hi, u32, name##_lo\n"
	     "#else\n"
	     "#define arg_u32p(name)\tu32, name##_lo, u32, name##_hi\n"
	     "#endif\n"
	     "COMPAT_SYSCALL_DEFINE6(aarch32_fadvise64_64, int, fd, int, advice,\n"
	     "\t\t       arg_u32p(offset), arg_u32p(len))\n"
	     "{\n"
	     "}\n"
	     "COMPAT_SYSCALL_DEFINE4(readahead, int, fd, compat_arg_u64_dual(offset), size_t, count)\n"
	     "{\n"
	     "}\n",
	     "arch/arm64/kernel/sys32.c");
	EQ_INT(ndefs, 2);
	EQ_STR(show(find("compat_sys_aarch32_fadvise64_64", 0)),
	       "2 aarch32_fadvise64_64 compat_sys_aarch32_fadvise64_64 6 [int fd, int advice, u32 offset_lo, "
	       "u32 offset_hi, u32 len_lo, u32 len_hi] [int, int, u32, u32, u32, u32] arch/arm64/kernel/sys32.c:6 []");
	EQ_STR(find("compat_sys_readahead", 0) ? find("compat_sys_readahead", 0)->norm : "",
	       "int, u32, u32, size_t");
}

/* s390's compat wrappers before 4.20: each macro line is a whole
 * compat_sys_ function; the #define of the macro itself is not read. */
static void test_compat_wrap(void)
{
	scan("#define COMPAT_SYSCALL_WRAP2(name, ...) \\\n"
	     "\tCOMPAT_SYSCALL_WRAPx(2, _##name, __VA_ARGS__)\n"
	     "\n"
	     "COMPAT_SYSCALL_WRAP1(exit, int, error_code);\n"
	     "COMPAT_SYSCALL_WRAP2(creat, const char __user *, pathname, umode_t, mode);\n"
	     "COMPAT_SYSCALL_WRAP3(mknod, const char __user *, filename, umode_t, mode, unsigned, dev);\n",
	     "arch/s390/kernel/compat_wrapper.c");
	EQ_INT(ndefs, 3);
	EQ_STR(show(find("compat_sys_creat", 0)),
	       "2 creat compat_sys_creat 2 [const char __user *pathname, umode_t mode] [const char *, umode_t] "
	       "arch/s390/kernel/compat_wrapper.c:5 []");
	EQ_STR(find("compat_sys_mknod", 0) ? find("compat_sys_mknod", 0)->norm : "",
	       "const char *, umode_t, unsigned int");
}

/* Preprocessor details: #ifndef, #elif chains, nested levels, continuation
 * lines, comments on directive lines, `defined X` without parentheses,
 * #if 1, and branches that each open a brace. */
static void test_preprocessor(void)
{
	scan("#ifndef CONFIG_64BIT /* 32-bit only */\n"
	     "#if defined CONFIG_UID16 && \\\n"
	     "    !defined(CONFIG_X)\n"
	     "SYSCALL_DEFINE1(setuid16, old_uid_t, uid)\n"
	     "{\n"
	     "}\n"
	     "#endif\n"
	     "#endif\n"
	     "#if 1\n"
	     "SYSCALL_DEFINE1(one, int, x)\n"
	     "{\n"
	     "}\n"
	     "#else\n"
	     "SYSCALL_DEFINE1(zero, int, x)\n"
	     "{\n"
	     "}\n"
	     "#endif\n"
	     "static int g(int a)\n"
	     "#ifdef CONFIG_A\n"
	     "{ if (a) {\n"
	     "#else\n"
	     "{ if (!a) {\n"
	     "#endif\n"
	     "\treturn 1; }\n"
	     "\treturn 0;\n"
	     "}\n"
	     "#if IS_ENABLED(CONFIG_COMPAT) || defined(CONFIG_B)\n"
	     "# ifdef CONFIG_C\n"
	     "SYSCALL_DEFINE0(after)\n"
	     "{\n"
	     "}\n"
	     "# endif\n"
	     "#endif\n",
	     "kernel/uid16.c");
	EQ_INT(ndefs, 3);
	EQ_STR(show(find("sys_setuid16", 0)),
	       "1 setuid16 sys_setuid16 1 [old_uid_t uid] [old_uid_t] kernel/uid16.c:4 "
	       "[!defined(CONFIG_64BIT) && defined(CONFIG_UID16) && !defined(CONFIG_X)]");
	EQ_STR(show(find("sys_one", 0)), "1 one sys_one 1 [int x] [int] kernel/uid16.c:10 []");
	OK(find("sys_zero", 0) == NULL, "the #else of #if 1 is dead");
	EQ_STR(show(find("sys_after", 0)),
	       "1 after sys_after 0 [] [] kernel/uid16.c:29 [(IS_ENABLED(CONFIG_COMPAT) || defined(CONFIG_B)) && "
	       "defined(CONFIG_C)]");
}

/* Malformed input never crashes and yields nothing made up. */
static void test_malformed(void)
{
	static const char *const texts[] = {
		"SYSCALL_DEFINE3(read, unsigned int, fd",
		"SYSCALL_DEFINE2(x, int)\n{\n}\n",
		"asmlinkage long sys_x(int a",
		"/* unterminated",
		"#if 0\nSYSCALL_DEFINE0(x)\n{\n",
		"#endif\n#else\nSYSCALL_DEFINE0(y)\n{\n}\n",
		"SYSCALL_DEFINE0(x) SYSCALL_DEFINE0(y) {",
		"\"unterminated\nSYSCALL_DEFINE0(z)\n{\n}\n",
		"asmlinkage",
		"asmlinkage long",
		"#define A(x) u32, x##_a, u32\nSYSCALL_DEFINE2(q, A(v))\n{\n}\n",
		"",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		scan(texts[i], "m.c");
	scan("SYSCALL_DEFINE2(x, int)\n{\n}\n", "m.c");
	EQ_INT(ndefs, 0);
	scan("#endif\n#else\nSYSCALL_DEFINE0(y)\n{\n}\n", "m.c");
	EQ_INT(ndefs, 1); /* stray directives are ignored */
	scan("\"unterminated\nSYSCALL_DEFINE0(z)\n{\n}\n", "m.c");
	EQ_INT(ndefs, 1);
	EQ_INT(ndefs ? defs[0].line : 0, 2);
}

/* Mutations of real shapes (deterministic): whatever comes out, no crash,
 * no sanitizer report, and every definition has its fields. */
static void test_mutations(void)
{
	static const char base[] =
		"#ifdef CONFIG_CLONE_BACKWARDS\n"
		"SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,\n"
		"\t\t int __user *, parent_tidptr, /* c */ unsigned long, tls,\n"
		"\t\t int __user *, child_tidptr)\n"
		"#elif defined(CONFIG_CLONE_BACKWARDS2)\n"
		"SYSCALL32_DEFINE6(fanotify_mark, int, fd, unsigned int, flags, SC_ARG64(mask), int, dfd,\n"
		"\t\tconst char __user *, pathname)\n"
		"#else\n"
		"asmlinkage long sys_x(const char __user * p, int q[2], void (*f)(int))\n"
		"#endif\n"
		"{ return \"}\" '{'; }\n"
		"#define arg_u32p(name) u32, name##_lo, u32, name##_hi\n"
		"#define X_DEFINE4 COMPAT_SYSCALL_DEFINE4\n"
		"X_DEFINE4(y, arg_u32p(a), long int, b, unsigned, c) // x\n"
		"{\n}\n"
		"COMPAT_SYSCALL_WRAP1(exit, int, error_code);\n";
	static const char noise[] = "(){}#/*\"',\\\n _;&|!";
	char buf[sizeof(base) + 8];
	unsigned long long seed = 0x2545F4914F6CDD1DULL;
	int round, bad = 0;

	for (round = 0; round < 3000; round++) {
		size_t len = sizeof(base) - 1, k, i;

		memcpy(buf, base, sizeof(base));
		for (k = 0; k < 1 + (size_t)(round % 4); k++) {
			size_t at;

			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			at = (size_t)(seed % len);
			if (seed >> 60 == 0)
				len = at; /* truncate */
			else
				buf[at] = noise[(seed >> 32) % (sizeof(noise) - 1)];
		}
		free(defs);
		defs = NULL;
		kabi_sig_scan_text(&defs, &ndefs, buf, len, "m.c", pool);
		for (i = 0; i < ndefs; i++)
			if (!defs[i].name || !defs[i].entry || !defs[i].args || !defs[i].norm ||
			    !defs[i].cond || defs[i].line < 1 || defs[i].nargs < 0)
				bad++;
	}
	EQ_INT(bad, 0);
	scan(base, "m.c");
	EQ_INT(ndefs, 6); /* clone, fanotify_mark twice, sys_x, compat_sys_y, compat_sys_exit */
}

/* A condition that is constant whatever the macros are (evaluated by
 * harvest/cexpr.c with every name unknown) drops or takes its block; the
 * others are kept as text. */
static void test_constant_conditions(void)
{
	scan("#if (0)\nSYSCALL_DEFINE0(a) { }\n#endif\n"
	     "#if 0 && defined(CONFIG_X)\nSYSCALL_DEFINE0(b) { }\n#endif\n"
	     "#if !1\nSYSCALL_DEFINE0(c) { }\n#else\nSYSCALL_DEFINE0(d) { }\n#endif\n"
	     "#if 1 || defined(CONFIG_X)\nSYSCALL_DEFINE0(e) { }\n#else\nSYSCALL_DEFINE0(f) { }\n#endif\n"
	     "#if defined(CONFIG_X) && 1\nSYSCALL_DEFINE0(g) { }\n#endif\n"
	     "#if FOO(1) > 2\nSYSCALL_DEFINE0(h) { }\n#endif\n",
	     "k.c");
	OK(!find("sys_a", 0) && !find("sys_b", 0) && !find("sys_c", 0) && !find("sys_f", 0),
	   "constant false blocks are dropped");
	OK(find("sys_d", 0) && !*find("sys_d", 0)->cond, "#else of a constant false: unconditional");
	OK(find("sys_e", 0) && !*find("sys_e", 0)->cond, "constant true: unconditional");
	EQ_STR(find("sys_g", 0) ? find("sys_g", 0)->cond : "-", "defined(CONFIG_X) && 1");
	EQ_STR(find("sys_h", 0) ? find("sys_h", 0)->cond : "-", "FOO(1) > 2"); /* not an expression: kept */
}

/* A release's set from text alone: definitions from kabi_sig_scan_text,
 * Kconfig from kabi_kconfig_parse, no git. */
static void test_set_from_text(void)
{
	static const char fork_c[] = "#ifdef CONFIG_CLONE_BACKWARDS\n"
				     "SYSCALL_DEFINE2(clone, unsigned long, flags, int, tls)\n"
				     "#else\n"
				     "SYSCALL_DEFINE2(clone, int, tls, unsigned long, flags)\n"
				     "#endif\n"
				     "{ }\n"
				     "#if BITS_PER_LONG == 32\n"
				     "SYSCALL_DEFINE1(only32, int, x) { }\n"
				     "#endif\n";
	static const char generic[] = "config CLONE_BACKWARDS\n\tbool\n";
	static const char x86[] = "config X86_32\n\tdef_bool y\n\tselect CLONE_BACKWARDS if !64BIT\n";
	kabi_sigset *set;
	kabi_kconfig kc;
	const kabi_sigdef *d;

	kabi_sigset_new(&set, pool);
	scan(fork_c, "kernel/fork.c");
	kabi_sigset_add(set, defs, ndefs);
	memset(&kc, 0, sizeof(kc));
	kabi_kconfig_parse(&kc, generic, strlen(generic), pool);
	kabi_sigset_add_kconfig(set, NULL, &kc);
	kabi_kconfig_free(&kc);
	memset(&kc, 0, sizeof(kc));
	kabi_kconfig_parse(&kc, x86, strlen(x86), pool);
	kabi_sigset_add_kconfig(set, "x86", &kc);
	kabi_kconfig_free(&kc);
	kabi_sigset_finish(set);

	d = kabi_sig_resolve(set, kabi_abi_find("i386"), "sys_clone");
	EQ_STR(d ? d->norm : "-", "unsigned long, int");
	d = kabi_sig_resolve(set, kabi_abi_find("x86_64"), "sys_clone");
	EQ_STR(d ? d->norm : "-", "int, unsigned long");
	OK(kabi_sig_resolve(set, kabi_abi_find("i386"), "sys_only32") != NULL, "i386: BITS_PER_LONG == 32");
	OK(kabi_sig_resolve(set, kabi_abi_find("x86_64"), "sys_only32") == NULL, "x86_64: excluded");
	EQ_INT(kabi_sig_cond_eval(set, kabi_abi_find("x86_64"), 0, "BITS_PER_LONG > 32"), 1);
	EQ_INT(kabi_sig_cond_eval(set, kabi_abi_find("x86_64"), 0, "defined(CONFIG_X86_64) && (1"), -1);
	kabi_sigset_free(set);
}

int main(void)
{
	kabi_intern_new(&pool);
	test_normalize();
	test_basic_shapes();
	test_not_definitions();
	test_clone_variants();
	test_arch_and_compat();
	test_asmlinkage();
	test_not_built();
	test_plain();
	test_aliases_and_pairs();
	test_compat_wrap();
	test_preprocessor();
	test_constant_conditions();
	test_set_from_text();
	test_malformed();
	test_mutations();
	free(defs);
	kabi_intern_free(pool);
	return tap_done();
}
