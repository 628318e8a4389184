/* The signature scanner on trees: a fixture repository written with
 * libgit2 (real file shapes, cut down), the cache across releases, and
 * resolution per ABI: arch over generic, clone's variant from the arch
 * Kconfig, compat entries, trampolines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi.h"
#include "error.h"
#include "repo.h"
#include "sig_tree.h"
#include "tap.h"

typedef struct {
	const char *path, *text;
} file;

static const char fork_c[] = "#ifdef __ARCH_WANT_SYS_CLONE\n"
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
			     "\treturn kernel_clone(&args);\n"
			     "}\n"
			     "#endif\n";

static const char fork_c_v2_tail[] =
	"\n"
	"SYSCALL_DEFINE2(clone3, struct clone_args __user *, uargs, size_t, size)\n"
	"{\n"
	"\treturn 0;\n"
	"}\n";

static const file files[] = {
	{"Makefile", "VERSION = 6\nPATCHLEVEL = 1\n"},
	{"arch/Kconfig", "config ARCH_SPLIT_ARG64\n"
			 "\tbool\n"
			 "\thelp\n"
			 "\t  For a 32-bit arch with 64-bit arguments split in two registers.\n"
			 "\n"
			 "config CLONE_BACKWARDS\n"
			 "\tbool\n"
			 "\thelp\n"
			 "\t  Architecture has tls passed as the 4th argument of clone(2),\n"
			 "\t  not the 5th one.\n"
			 "\n"
			 "config CLONE_BACKWARDS2\n"
			 "\tbool\n"
			 "\n"
			 "config CLONE_BACKWARDS3\n"
			 "\tbool\n"
			 "\n"
			 "config HAVE_ARCH_SECCOMP\n"
			 "\tbool\n"
			 "\n"
			 "config SECCOMP\n"
			 "\tprompt \"Enable seccomp\" if EXPERT\n"
			 "\tdef_bool y\n"},
	{"arch/x86/Kconfig", "# Select 32 or 64 bit\n"
			     "config 64BIT\n"
			     "\tbool \"64-bit kernel\" if \"$(ARCH)\" = \"x86\"\n"
			     "\tdefault \"$(ARCH)\" != \"i386\"\n"
			     "\n"
			     "config X86_32\n"
			     "\tdef_bool y\n"
			     "\tdepends on !64BIT\n"
			     "\t# Options that are inherently 32-bit kernel only:\n"
			     "\tselect ARCH_WANT_IPC_PARSE_VERSION\n"
			     "\tselect CLONE_BACKWARDS\n"
			     "\tselect ARCH_SPLIT_ARG64\n"
			     "\n"
			     "config X86_64\n"
			     "\tdef_bool y\n"
			     "\tdepends on 64BIT\n"
			     "\n"
			     "config X86\n"
			     "\tdef_bool y\n"
			     "\tselect HAVE_ARCH_SECCOMP\n"},
	{"arch/arm64/Kconfig", "config ARM64\n"
			       "\tdef_bool y\n"
			       "\tselect ARM_GIC_V3_ITS if PCI\n"
			       "\tselect CLONE_BACKWARDS\n"},
	{"arch/s390/Kconfig", "config S390\n\tdef_bool y\n\tselect CLONE_BACKWARDS2\n"},
	{"arch/microblaze/Kconfig", "config MICROBLAZE\n\tdef_bool y\n\tselect CLONE_BACKWARDS3\n"},
	{"arch/mips/Kconfig", "config MIPS\n\tbool\n\tdefault y\n\tselect CLONE_BACKWARDS\n"},
	{"arch/riscv/Kconfig", "config RISCV\n\tdef_bool y\n\tselect HAVE_ARCH_SECCOMP\n"},
	{"arch/x86/kernel/process_64.c",
	 "SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)\n"
	 "{\n"
	 "\treturn do_arch_prctl_64(current, option, arg2);\n"
	 "}\n"
	 "\n"
	 "#ifdef CONFIG_IA32_EMULATION\n"
	 "COMPAT_SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)\n"
	 "{\n"
	 "\treturn do_arch_prctl_common(option, arg2);\n"
	 "}\n"
	 "#endif /* CONFIG_IA32_EMULATION */\n"},
	{"arch/x86/um/syscalls_64.c", "SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)\n"
				      "{\n"
				      "\treturn arch_prctl(current, option, (unsigned long __user *) arg2);\n"
				      "}\n"},
	{"arch/arm/kernel/signal.c", "asmlinkage int sys_sigreturn(struct pt_regs *regs)\n"
				     "{\n"
				     "\treturn regs->ARM_r0;\n"
				     "}\n"},
	{"arch/arm/kernel/entry-common.S", "sys_sigreturn_wrapper:\n\tmov r0, sp\n\tb sys_sigreturn\n"},
	{"fs/notify/fanotify/fanotify_user.c",
	 "#ifndef CONFIG_ARCH_SPLIT_ARG64\n"
	 "SYSCALL_DEFINE5(fanotify_mark, int, fanotify_fd, unsigned int, flags,\n"
	 "\t\t\t      __u64, mask, int, dfd,\n"
	 "\t\t\t      const char  __user *, pathname)\n"
	 "{\n"
	 "\treturn do_fanotify_mark(fanotify_fd, flags, mask, dfd, pathname);\n"
	 "}\n"
	 "#endif\n"
	 "\n"
	 "#if defined(CONFIG_ARCH_SPLIT_ARG64) || defined(CONFIG_COMPAT)\n"
	 "SYSCALL32_DEFINE6(fanotify_mark,\n"
	 "\t\t\t\tint, fanotify_fd, unsigned int, flags,\n"
	 "\t\t\t\tSC_ARG64(mask), int, dfd,\n"
	 "\t\t\t\tconst char  __user *, pathname)\n"
	 "{\n"
	 "\treturn 0;\n"
	 "}\n"
	 "#endif\n"},
	{"mm/mmap.c", "SYSCALL_DEFINE1(brk, unsigned long, brk)\n{\n\treturn 0;\n}\n"},
	{"mm/nommu.c", "SYSCALL_DEFINE1(brk, unsigned long, brk)\n{\n\treturn mm->brk = brk;\n}\n"},
	{"mm/util.c", "/* no definitions here */\nint x;\n"},
	{"tools/include/fake.c", "SYSCALL_DEFINE1(user_space_copy, int, x)\n{\n}\n"},
	{"Documentation/example.c", "SYSCALL_DEFINE1(doc_example, int, x)\n{\n}\n"},
	{"README", "SYSCALL_DEFINE1(readme, int, x)\n{\n}\n"},
	{"kernel/fork.c", fork_c},
};

#define NFILES (sizeof(files) / sizeof(files[0]))

/* Before 2.6.24 (x86 split in i386 and x86_64) and 2.6.29 (no
 * SYSCALL_DEFINE): 2.6.23's shapes. */
static const file old_files[] = {
	{"arch/i386/kernel/process.c",
	 "asmlinkage int sys_fork(struct pt_regs regs)\n"
	 "{\n"
	 "\treturn do_fork(SIGCHLD, regs.esp, &regs, 0, NULL, NULL);\n"
	 "}\n"
	 "\n"
	 "asmlinkage int sys_clone(struct pt_regs regs)\n"
	 "{\n"
	 "\tunsigned long clone_flags;\n"
	 "\treturn do_fork(clone_flags, newsp, &regs, 0, parent_tidptr, child_tidptr);\n"
	 "}\n"},
	{"arch/x86_64/kernel/process.c",
	 "asmlinkage long sys_fork(struct pt_regs *regs)\n"
	 "{\n"
	 "\treturn do_fork(SIGCHLD, regs->rsp, regs, 0, NULL, NULL);\n"
	 "}\n"
	 "\n"
	 "asmlinkage long\n"
	 "sys_clone(unsigned long clone_flags, unsigned long newsp,\n"
	 "\t  void __user *parent_tid, void __user *child_tid, struct pt_regs *regs)\n"
	 "{\n"
	 "\treturn do_fork(clone_flags, newsp, regs, 0, parent_tid, child_tid);\n"
	 "}\n"},
	{"fs/read_write.c", "asmlinkage ssize_t sys_read(unsigned int fd, char __user * buf, size_t count)\n"
			    "{\n"
			    "\treturn ret;\n"
			    "}\n"
			    "EXPORT_SYMBOL_GPL(sys_read);\n"},
	{"include/linux/syscalls.h",
	 "asmlinkage long sys_read(unsigned int fd, char __user *buf, size_t count);\n"},
};

static git_repository *git;

/* Writes the tree of the files whose path starts with prefix. */
static int build_tree(git_oid *out, const file *fs, size_t n, const char *prefix)
{
	git_treebuilder *tb;
	size_t plen = strlen(prefix), i, j;
	char done[64][64];
	size_t ndone = 0;

	if (git_treebuilder_new(&tb, git, NULL) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *rest, *slash;

		if (strncmp(fs[i].path, prefix, plen) != 0)
			continue;
		rest = fs[i].path + plen;
		slash = strchr(rest, '/');
		if (!slash) {
			git_oid blob;

			git_blob_create_from_buffer(&blob, git, fs[i].text, strlen(fs[i].text));
			git_treebuilder_insert(NULL, tb, rest, &blob, GIT_FILEMODE_BLOB);
		} else {
			char dir[64], sub[256];
			git_oid t;
			int seen = 0;

			snprintf(dir, sizeof(dir), "%.*s", (int)(slash - rest), rest);
			for (j = 0; j < ndone; j++)
				seen |= strcmp(done[j], dir) == 0;
			if (seen)
				continue;
			snprintf(done[ndone++], sizeof(done[0]), "%s", dir);
			snprintf(sub, sizeof(sub), "%s%s/", prefix, dir);
			if (build_tree(&t, fs, n, sub) < 0)
				return -1;
			git_treebuilder_insert(NULL, tb, dir, &t, GIT_FILEMODE_TREE);
		}
	}
	i = (size_t)git_treebuilder_write(out, tb);
	git_treebuilder_free(tb);
	return (int)i;
}

static const kabi_abi_info *abi(const char *name)
{
	const kabi_abi_info *a = kabi_abi_find(name);

	if (!a)
		abort();
	return a;
}

/* "file:line nargs" of the chosen definition, or "none". */
static const char *chosen(const kabi_sigset *set, const char *abiname, const char *entry)
{
	static char buf[256];
	const kabi_sigdef *d = kabi_sig_resolve(set, abi(abiname), entry);

	if (!d)
		return "none";
	snprintf(buf, sizeof(buf), "%s:%d %d", d->file, d->line, d->nargs);
	return buf;
}

/* Everything a set says that the harvest reads: each definition with where
 * it is and what it is built under, and what each ABI resolves, one line
 * each, sorted.  malloc'd. */
static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *render(const kabi_sigset *set)
{
	static const char *const abis[] = {"x86_64", "i386", "arm64", "arm", "riscv64", "s390x"};
	size_t n, i, k, total = 0;
	const kabi_sigdef *d = kabi_sigset_defs(set, &n);
	char **lines = calloc(n * 7 + 1, sizeof(*lines)), *out, *p;

	for (i = 0; i < n; i++) {
		char buf[1024];

		snprintf(buf, sizeof(buf), "%s %s:%d (%s) [%s] build=%s", d[i].entry, d[i].file, d[i].line,
			 d[i].norm, d[i].cond, d[i].build ? d[i].build : "?");
		lines[total++] = strdup(buf);
		for (k = 0; k < sizeof(abis) / sizeof(abis[0]); k++) {
			snprintf(buf, sizeof(buf), "%s %s -> %s if %s", abis[k], d[i].entry,
				 chosen(set, abis[k], d[i].entry),
				 kabi_sigset_built_if(set, abi(abis[k]), &d[i]));
			lines[total++] = strdup(buf);
		}
	}
	qsort(lines, total, sizeof(*lines), line_cmp);
	for (i = 0, k = 1; i < total; i++)
		k += strlen(lines[i]) + 1;
	p = out = malloc(k);
	for (i = 0; i < total; i++) {
		p += sprintf(p, "%s\n", lines[i]);
		free(lines[i]);
	}
	*p = '\0';
	free(lines);
	return out;
}

/* The tree of fs (n files) with `extra` added and, where a path is in
 * both, extra's text. */
static int build_with(git_oid *out, const file *fs, size_t n, const file *extra, size_t nextra)
{
	file all[64];
	size_t i, j, m = 0;

	for (i = 0; i < n; i++) {
		all[m] = fs[i];
		for (j = 0; j < nextra; j++)
			if (strcmp(extra[j].path, fs[i].path) == 0)
				all[m].text = extra[j].text;
		m++;
	}
	for (j = 0; j < nextra; j++) {
		for (i = 0; i < n && strcmp(extra[j].path, fs[i].path) != 0; i++)
			;
		if (i == n)
			all[m++] = extra[j];
	}
	return build_tree(out, all, m, "");
}

int main(void)
{
	char dir[] = "/tmp/kabi-sigtree.XXXXXX";
	kabi_intern *pool;
	kabi_sig_cache *cache;
	kabi_repo *repo;
	kabi_sigset *set, *set2;
	kabi_sig_stats st;
	git_oid tree1, tree2;
	file files2[NFILES];
	char fork2[sizeof(fork_c) + sizeof(fork_c_v2_tail)];
	size_t n;
	kabi_sigcand cand[8];

	if (!mkdtemp(dir))
		return 99;
	git_libgit2_init();
	if (git_repository_init(&git, dir, 1) < 0)
		return 99;
	OK(build_tree(&tree1, files, NFILES, "") == 0, "fixture tree written");
	memcpy(files2, files, sizeof(files));
	snprintf(fork2, sizeof(fork2), "%s%s", fork_c, fork_c_v2_tail);
	files2[NFILES - 1].text = fork2;
	OK(build_tree(&tree2, files2, NFILES, "") == 0, "second fixture tree written");

	OK(kabi_repo_open(&repo, dir) == 0, "repository opens");
	kabi_intern_new(&pool);
	kabi_sig_cache_new(&cache, pool);
	EQ_INT(kabi_sig_scan_tree(&set, repo, &tree1, cache, &st), 0);
	/* 8 .c files outside tools/ and Documentation/ (the README and the
	 * .S file are not read), plus 7 Kconfig files and the top-level
	 * Makefile (what it builds under which options) */
	EQ_INT(st.files, 8);
	EQ_INT(st.read, 8 + 7 + 1);
	EQ_INT(st.parsed, 7);
	kabi_sigset_defs(set, &n);
	EQ_INT(n, st.defs);
	EQ_INT(n, 4 + 3 + 1 + 3 + 2);
	EQ_STR(chosen(set, "x86_64", "sys_user_space_copy"), "none");
	EQ_STR(chosen(set, "x86_64", "sys_doc_example"), "none");
	EQ_STR(chosen(set, "x86_64", "sys_readme"), "none");

	/* clone: the variant each arch's Kconfig selects */
	EQ_STR(chosen(set, "x86_64", "sys_clone"), "kernel/fork.c:19 5");
	EQ_STR(chosen(set, "i386", "sys_clone"), "kernel/fork.c:3 5"); /* X86_32 selects BACKWARDS */
	EQ_STR(chosen(set, "arm64", "sys_clone"), "kernel/fork.c:3 5");
	EQ_STR(chosen(set, "arm64-compat", "sys_clone"), "kernel/fork.c:3 5");
	EQ_STR(chosen(set, "mips-n64", "__sys_clone"), "kernel/fork.c:3 5"); /* save_static trampoline */
	EQ_STR(chosen(set, "s390x", "sys_clone"), "kernel/fork.c:8 5");
	EQ_STR(chosen(set, "microblaze", "sys_clone"), "kernel/fork.c:13 6");
	EQ_STR(chosen(set, "riscv64", "sys_clone"), "kernel/fork.c:19 5"); /* selects none */
	n = kabi_sig_candidates(cand, 8, set, abi("x86_64"), "sys_clone");
	EQ_INT(n, 4);
	EQ_INT(cand[0].verdict, KABI_SIGR_CHOSEN);
	EQ_INT(cand[1].verdict, KABI_SIGR_VARIANT);
	EQ_INT(cand[3].verdict, KABI_SIGR_VARIANT);

	/* arch over generic; UML's copy under arch/x86/um is not x86's */
	EQ_STR(chosen(set, "x86_64", "sys_arch_prctl"), "arch/x86/kernel/process_64.c:1 2");
	EQ_INT(kabi_sig_candidates(cand, 8, set, abi("x86_64"), "sys_arch_prctl"), 1);
	EQ_STR(chosen(set, "i386", "compat_sys_arch_prctl"), "arch/x86/kernel/process_64.c:7 2");
	EQ_STR(chosen(set, "arm64", "sys_arch_prctl"), "none");

	/* fanotify_mark: split 64-bit argument where the arch says so */
	EQ_STR(chosen(set, "x86_64", "sys_fanotify_mark"), "fs/notify/fanotify/fanotify_user.c:2 5");
	EQ_STR(chosen(set, "i386", "sys_fanotify_mark"), "fs/notify/fanotify/fanotify_user.c:11 6");
	EQ_STR(chosen(set, "i386", "compat_sys_fanotify_mark"), "fs/notify/fanotify/fanotify_user.c:11 6");
	EQ_STR(chosen(set, "arm64", "compat_sys_fanotify_mark"), "fs/notify/fanotify/fanotify_user.c:11 6");

	/* mm/nommu.c stands in only without an MMU */
	EQ_STR(chosen(set, "riscv64", "sys_brk"), "mm/mmap.c:1 1");
	n = kabi_sig_candidates(cand, 8, set, abi("riscv64"), "sys_brk");
	EQ_INT(n, 2);
	EQ_INT(cand[1].verdict, KABI_SIGR_SHADOWED);

	/* arm's assembly wrapper in front of a C function */
	EQ_STR(chosen(set, "arm", "sys_sigreturn_wrapper"), "arch/arm/kernel/signal.c:1 1");
	EQ_STR(chosen(set, "x86_64", "sys_sigreturn_wrapper"), "none");

	/* which column counts */
	EQ_INT(kabi_sig_abi_compat_only(abi("arm64-compat")), 1);
	EQ_INT(kabi_sig_abi_compat_only(abi("s390")), 1);
	EQ_INT(kabi_sig_abi_compat_only(abi("x32")), 1);
	EQ_INT(kabi_sig_abi_compat_only(abi("mips-n32")), 1);
	EQ_INT(kabi_sig_abi_compat_only(abi("i386")), 0);
	EQ_INT(kabi_sig_abi_compat_only(abi("x86_64")), 0);
	EQ_INT(kabi_sig_abi_compat_only(abi("mips-o32")), 0);

	/* conditions for an ABI */
	EQ_INT(kabi_sig_cond_eval(set, abi("x86_64"), 0, "defined(CONFIG_64BIT)"), 1);
	EQ_INT(kabi_sig_cond_eval(set, abi("i386"), 0, "defined(CONFIG_64BIT)"), 0);
	EQ_INT(kabi_sig_cond_eval(set, abi("i386"), 1, "defined(CONFIG_64BIT) && defined(CONFIG_COMPAT)"), 1);
	EQ_INT(kabi_sig_cond_eval(set, abi("i386"), 1, "IS_ENABLED(CONFIG_IA32_EMULATION)"), 1);
	EQ_INT(kabi_sig_cond_eval(set, abi("x32"), 0, "defined(CONFIG_X86_X32_ABI)"), 1);
	EQ_INT(kabi_sig_cond_eval(set, abi("x86_64"), 0, "defined(CONFIG_FOO)"), -1);
	EQ_INT(kabi_sig_cond_eval(set, abi("x86_64"), 0, "defined(CONFIG_FOO) || !defined(CONFIG_X86_32)"),
	       1);
	EQ_INT(kabi_sig_cond_eval(set, abi("x86_64"), 0, "defined(CONFIG_FOO) && defined(CONFIG_ARM64)"), 0);
	EQ_INT(kabi_sig_cond_eval(set, abi("x86_64"), 0, "defined(__ARCH_WANT_SYS_CLONE)"), -1);
	EQ_INT(kabi_sig_cond_eval(set, abi("x86_64"), 0, "CONFIG_NR_CPUS > 256"), -1);
	EQ_INT(kabi_sig_cond_eval(set, abi("x86_64"), 0, "defined(CONFIG_HAVE_ARCH_SECCOMP)"), 1);
	EQ_INT(kabi_sig_cond_eval(set, abi("arm64"), 0, "defined(CONFIG_HAVE_ARCH_SECCOMP)"), 0);
	EQ_INT(kabi_sig_cond_eval(set, abi("arm64"), 0, "defined(CONFIG_SECCOMP)"), -1); /* has a prompt */
	EQ_INT(kabi_sig_cond_eval(set, abi("arm64"), 0, ""), 1);
	EQ_INT(kabi_sig_cond_eval(set, abi("parisc64"), 0, "BITS_PER_LONG == 32"), 0);
	EQ_INT(kabi_sig_cond_eval(set, abi("parisc"), 0, "BITS_PER_LONG == 32"), 1);
	EQ_INT(kabi_sig_cond_eval(set, abi("i386"), 1, "__BITS_PER_LONG != 64 || defined(CONFIG_X)"), -1);
	/* the registry's facts: the ABI row's kconfig (always) and
	 * kconfig_compat (as a compat ABI only), the arch rows' symbols */
	EQ_INT(kabi_sig_cond_eval(set, abi("mips-o32"), 1, "defined(CONFIG_MIPS32_O32)"), 1);
	EQ_INT(kabi_sig_cond_eval(set, abi("mips-o32"), 0, "defined(CONFIG_MIPS32_O32)"), -1);
	EQ_INT(kabi_sig_cond_eval(set, abi("i386"), 0, "defined(CONFIG_IA32_EMULATION)"), -1);
	EQ_INT(kabi_sig_cond_eval(set, abi("mips-n32"), 0,
				  "defined(CONFIG_MIPS32_N32) && defined(CONFIG_64BIT)"),
	       1);
	EQ_INT(kabi_sig_cond_eval(set, abi("arm-oabi"), 0,
				  "defined(CONFIG_OABI_COMPAT) && !defined(CONFIG_AEABI)"),
	       -1);
	EQ_INT(kabi_sig_cond_eval(set, abi("powerpc"), 0, "defined(CONFIG_PPC32) && !defined(CONFIG_PPC64)"),
	       1);
	EQ_INT(kabi_sig_cond_eval(set, abi("sh"), 0, "defined(CONFIG_SUPERH) && !defined(CONFIG_X86)"), 1);
	EQ_INT(kabi_sig_cond_eval(set, abi("x86_64"), 0, "defined(CONFIG_X86_64) && defined(CONFIG_UML)"), 0);
	EQ_INT(kabi_sig_cond_eval(set, abi("x86_64"), 0, "defined(CONFIG_x86)"), -1); /* case counts */
	EQ_INT(kabi_sig_cond_eval(set, abi("cris"), 0, "defined(CONFIG_32BIT) && !defined(CONFIG_X86_32)"),
	       -1);

	/* an old tree: arch/i386 and arch/x86_64 are x86's, asmlinkage
	 * definitions, the header's prototypes not read */
	{
		git_oid old_tree;
		kabi_sigset *os;

		kabi_sig_cache *oc;

		OK(build_tree(&old_tree, old_files, sizeof(old_files) / sizeof(old_files[0]), "") == 0,
		   "old fixture tree written");
		kabi_sig_cache_new(&oc, pool); /* the cache follows one line of releases */
		EQ_INT(kabi_sig_scan_tree(&os, repo, &old_tree, oc, &st), 0);
		kabi_sig_cache_free(oc);
		EQ_INT(st.defs, 5);
		EQ_STR(chosen(os, "i386", "sys_clone"), "arch/i386/kernel/process.c:6 1");
		EQ_STR(chosen(os, "x86_64", "sys_clone"), "arch/x86_64/kernel/process.c:6 5");
		EQ_STR(chosen(os, "i386", "sys_fork"), "arch/i386/kernel/process.c:1 1");
		EQ_STR(chosen(os, "x86_64", "sys_read"), "fs/read_write.c:1 3");
		EQ_STR(chosen(os, "arm64", "sys_clone"), "none");
		EQ_STR(kabi_sig_resolve(os, abi("x86_64"), "sys_clone")->norm,
		       "unsigned long, unsigned long, void *, void *, struct pt_regs *");
		kabi_sigset_free(os);
	}

	/* a second release: only the changed directory (kernel/) is walked
	 * besides the root and arch/ ones, only the changed blob read */
	EQ_INT(kabi_sig_scan_tree(&set2, repo, &tree2, cache, &st), 0);
	EQ_INT(st.files, 1);
	EQ_INT(st.read, 1);
	EQ_INT(st.parsed, 1);
	EQ_STR(chosen(set2, "x86_64", "sys_clone3"), "kernel/fork.c:29 2");
	EQ_STR(chosen(set, "x86_64", "sys_clone3"), "none");
	/* the same blob again costs nothing */
	kabi_sigset_free(set2);
	EQ_INT(kabi_sig_scan_tree(&set2, repo, &tree2, cache, &st), 0);
	EQ_INT(st.read, 0);

	/* The view kept between harvests: a release's scan saved, restored
	 * into a new cache (a later harvest), then the next release scanned
	 * through it.  Directories and .c files that define nothing are not
	 * read again where their ids are the same; the set is the one a scan
	 * from scratch gives. */
	{
		static const file inert[] = {
			{"drivers/net/dummy.c", "static int dummy;\n"},
			{"drivers/net/Makefile", "obj-$(CONFIG_DUMMY) += dummy.o\n"},
			{"drivers/char/mem.c", "int mem(void) { return 0; }\n"},
			{"lib/string.c", "char *strcpy(char *d, const char *s) { return d; }\n"},
		};
		file next[5];
		git_oid t3, t4;
		kabi_sig_cache *ca, *cc, *cr;
		kabi_sigset *s3, *cold, *warm;
		kabi_sig_stats cst, wst;
		unsigned char *view, *bad;
		size_t vlen;
		char *rc, *rw;

		memcpy(next, inert, sizeof(inert));
		next[2].text = "int mem(void) { return 1; }\n"; /* drivers/char changes */
		next[4] = (file){"kernel/fork.c", fork_c};      /* a definition changes */
		OK(build_with(&t3, files2, NFILES, inert, 4) == 0, "tree with inert files written");
		OK(build_with(&t4, files2, NFILES, next, 5) == 0, "its next release written");

		kabi_sig_cache_new(&ca, pool);
		kabi_sig_cache_save(ca, &view, &vlen);
		OK(view == NULL && vlen == 0, "no view before a scan");
		EQ_INT(kabi_sig_scan_tree(&s3, repo, &t3, ca, NULL), 0);
		EQ_INT(kabi_sig_cache_save(ca, &view, &vlen), 0);
		OK(view && vlen > 24, "a view after a scan (%zu bytes)", vlen);
		kabi_sig_cache_free(ca);
		kabi_sigset_free(s3);

		kabi_sig_cache_new(&cc, pool);
		EQ_INT(kabi_sig_scan_tree(&cold, repo, &t4, cc, &cst), 0);
		/* from scratch: the root Makefile, 7 Kconfig files, the 8 .c
		 * files of the fixture and the 4 new files */
		EQ_INT(cst.read, 1 + 7 + 8 + 4);

		kabi_sig_cache_new(&cr, pool);
		EQ_INT(kabi_sig_cache_restore(cr, view, vlen), 0);
		EQ_INT(kabi_sig_scan_tree(&warm, repo, &t4, cr, &wst), 0);
		/* through the view: not mm/util.c (defines nothing, same id),
		 * nothing of drivers/net/ and lib/ (same trees), but the changed
		 * drivers/char/mem.c, every file with definitions, and the
		 * Makefile and Kconfig files of the directories walked */
		EQ_INT(wst.read, 1 + 7 + 7 + 1);
		EQ_INT(wst.files, cst.files - 2); /* dummy.c and string.c: not visited */
		EQ_INT(wst.defs, cst.defs);
		rc = render(cold);
		rw = render(warm);
		EQ_STR(rw, rc);
		OK(strstr(rc, "sys_clone kernel/fork.c:19") != NULL, "the changed fork.c is read: %.60s", rc);
		free(rw);
		kabi_sigset_free(warm);
		kabi_sig_cache_free(cr);

		/* the view after the restored scan is the view of a scan from scratch */
		{
			unsigned char *v2, *v3;
			size_t l2, l3;
			kabi_sig_cache *c2;
			kabi_sigset *s2;

			kabi_sig_cache_new(&c2, pool);
			EQ_INT(kabi_sig_cache_restore(c2, view, vlen), 0);
			EQ_INT(kabi_sig_scan_tree(&s2, repo, &t4, c2, NULL), 0);
			kabi_sig_cache_save(c2, &v2, &l2);
			kabi_sig_cache_save(cc, &v3, &l3);
			OK(l2 == l3 && memcmp(v2, v3, l2) == 0, "same view restored or not (%zu, %zu bytes)",
			   l2, l3);
			EQ_INT(kabi_sig_cache_restore(c2, v2, l2), -1); /* a cache that has scanned */
			free(v2);
			free(v3);
			kabi_sigset_free(s2);
			kabi_sig_cache_free(c2);
		}

		/* a damaged view is refused whole, and the scan then reads
		 * everything and answers the same */
		bad = malloc(vlen);
		{
			size_t cut[] = {0, 10, 24, vlen / 2, vlen - 1};
			size_t i;

			for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
				kabi_sig_cache_new(&cr, pool);
				EQ_INT(kabi_sig_cache_restore(cr, view, cut[i]), -1);
				kabi_sig_cache_free(cr);
			}
			for (i = 0; i < vlen; i += vlen / 7 + 1) {
				memcpy(bad, view, vlen);
				bad[i] ^= 0x5a;
				kabi_sig_cache_new(&cr, pool);
				EQ_INT(kabi_sig_cache_restore(cr, bad, vlen), -1);
				EQ_INT(kabi_sig_scan_tree(&warm, repo, &t4, cr, &wst), 0);
				EQ_INT(wst.read, cst.read);
				rw = render(warm);
				EQ_STR(rw, rc);
				free(rw);
				kabi_sigset_free(warm);
				kabi_sig_cache_free(cr);
			}
		}
		free(bad);
		free(rc);
		free(view);
		kabi_sigset_free(cold);
		kabi_sig_cache_free(cc);
	}

	/* sets outlive the cache as long as the pool lives */
	kabi_sig_cache_free(cache);
	EQ_STR(chosen(set2, "s390x", "sys_clone"), "kernel/fork.c:8 5");

	/* a missing tree is an error with a message */
	{
		git_oid bad;
		kabi_sig_cache *c2;
		kabi_sigset *s3 = NULL;

		memset(&bad, 0x42, sizeof(bad));
		kabi_sig_cache_new(&c2, pool);
		OK(kabi_sig_scan_tree(&s3, repo, &bad, c2, NULL) == KABI_EIO, "missing tree: KABI_EIO");
		OK(s3 == NULL, "no set on failure");
		OK(strstr(kabi_error_last(), "cannot read tree") != NULL, "message: %s", kabi_error_last());
		kabi_sig_cache_free(c2);
	}
	kabi_sigset_free(set);
	kabi_sigset_free(set2);
	kabi_sig_cache_free(NULL);
	kabi_sigset_free(NULL);
	kabi_intern_free(pool);
	kabi_repo_free(repo);
	git_repository_free(git);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		OK(system(cmd) == 0, "temporary directory removed");
	}
	git_libgit2_shutdown();
	return tap_done();
}
