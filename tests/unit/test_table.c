/* The .tbl reader and ABI selection, on lines in the shapes of the real files. */
#include <string.h>

#include "abi.h"
#include "layout.h"
#include "error.h"
#include "tap.h"
#include "table.h"
#include "tbl.h"

static int warnings, last_warning_line;

static void warn(void *ctx, int line, const char *msg)
{
	(void)ctx;
	(void)msg;
	warnings++;
	last_warning_line = line;
}

static kabi_intern *pool;

static void parse(kabi_tbl *t, const char *text)
{
	warnings = 0;
	kabi_tbl_parse(t, text, strlen(text), pool, warn, NULL);
}

static const kabi_layout *layout_of(const char *abi, const char *path)
{
	size_t n, i;
	const kabi_layout *l = kabi_layouts(&n);

	for (i = 0; i < n; i++)
		if (strcmp(l[i].abi, abi) == 0 && strcmp(l[i].path, path) == 0)
			return &l[i];
	return NULL;
}

static int select_abi(kabi_table *out, const kabi_tbl *t, const char *abi, const char *path)
{
	const kabi_layout *l = layout_of(abi, path);

	if (!l)
		return -100;
	return kabi_tbl_select(out, t, l->tags, l->offset, l->flags, pool, NULL, NULL);
}

#define X86_64 "arch/x86/entry/syscalls/syscall_64.tbl"

static void test_x86_64(void)
{
	/* 6.12's syscall_64.tbl has a 6th column (noreturn) and '-' entries. */
	const char *text = "# SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note\n"
			   "#\n# 64-bit system call numbers and entry vectors\n#\n"
			   "0\tcommon\tread\t\t\tsys_read\n"
			   "15\t64\trt_sigreturn\t\tsys_rt_sigreturn/ptregs\n"
			   "60\tcommon\texit\t\t\tsys_exit\t\t\t-\t\t\tnoreturn\n"
			   "134\t64\tuselib\n"
			   "156\t64\t_sysctl\t\t\tsys_ni_syscall\n"
			   "206\t64\tio_setup\t\t__x64_sys_io_setup\n"
			   "# don't use numbers 387 through 423, add new calls after the last\n"
			   "435\tcommon\tclone3\t\t\tsys_clone3\n"
			   "512\tx32\trt_sigaction\t\tcompat_sys_rt_sigaction\n"
			   "543\tx32\tio_setup\t\t__x32_compat_sys_io_setup\n";
	kabi_tbl t;
	kabi_table x64, x32;
	const kabi_row *r;

	parse(&t, text);
	EQ_INT(warnings, 0);
	EQ_INT(t.n, 9);
	EQ_INT(select_abi(&x64, &t, "x86_64", X86_64), 0);
	EQ_INT(select_abi(&x32, &t, "x32", X86_64), 0);
	EQ_INT(x64.n, 7); /* read rt_sigreturn exit uselib _sysctl io_setup clone3 */
	EQ_INT(x32.n, 5); /* read exit clone3 rt_sigaction io_setup */
	r = kabi_table_find(&x64, "rt_sigreturn");
	OK(r && strcmp(r->entry, "sys_rt_sigreturn") == 0, "/ptregs dropped");
	r = kabi_table_find(&x64, "exit");
	OK(r && r->implemented && *r->compat == '\0', "exit: '-' compat is none, noreturn ignored");
	r = kabi_table_find(&x64, "uselib");
	OK(r && !r->implemented && r->nr == 134, "uselib: present, not implemented");
	r = kabi_table_find(&x64, "_sysctl");
	OK(r && !r->implemented, "sys_ni_syscall is not implemented");
	r = kabi_table_find(&x64, "io_setup");
	OK(r && strcmp(r->entry, "sys_io_setup") == 0, "__x64_ prefix dropped");
	r = kabi_table_find(&x32, "io_setup");
	OK(r && r->nr == 0x40000000 + 543 && strcmp(r->entry, "compat_sys_io_setup") == 0,
	   "x32: __X32_SYSCALL_BIT added, __x32_ prefix dropped");
	OK(kabi_table_find(&x32, "rt_sigreturn") == NULL, "x32 takes no 64-only rows");
	kabi_table_free(&x64);
	kabi_table_free(&x32);
	kabi_tbl_free(&t);
}

static void test_malformed(void)
{
	kabi_tbl t;

	parse(&t, "0 common read sys_read\nfoo common bar sys_bar\n2 common\n"
		  "3 common a b c d e\n4 common ok sys_ok # trailing comment\n5 common bad$name sys_x\n");
	EQ_INT(warnings, 4);
	EQ_INT(last_warning_line, 6);
	EQ_INT(t.n, 2);
	kabi_tbl_free(&t);
	parse(&t, "");
	EQ_INT(t.n, 0);
	kabi_tbl_free(&t);
	parse(&t, "\x01\x02\xff\n\n   \n#\n99999999999999999999 common x sys_x\n");
	EQ_INT(t.n, 0);
	EQ_INT(warnings, 2);
	kabi_tbl_free(&t);
}

static void test_arm(void)
{
	/* arm: OABI rows, 5th column is the OABI compat entry (not EABI's). */
	kabi_tbl t;
	kabi_table eabi, oabi;
	const kabi_row *r;

	parse(&t, "0\tcommon\trestart_syscall\tsys_restart_syscall\n"
		  "13\toabi\ttime\t\t\tsys_time32\n"
		  "106\tcommon\tstat\t\t\tsys_newstat\n"
		  "195\tcommon\tstat64\t\t\tsys_stat64\t\tsys_oabi_stat64\n"
		  "281\tcommon\tsocket\t\t\tsys_socket\n");
	EQ_INT(select_abi(&eabi, &t, "arm", "arch/arm/tools/syscall.tbl"), 0);
	EQ_INT(select_abi(&oabi, &t, "arm-oabi", "arch/arm/tools/syscall.tbl"), 0);
	EQ_INT(eabi.n, 4);
	EQ_INT(oabi.n, 5);
	r = kabi_table_find(&eabi, "stat64");
	OK(r && *r->compat == '\0', "EABI ignores the OABI compat column");
	r = kabi_table_find(&oabi, "stat64");
	OK(r && r->nr == 0x900000 + 195 && strcmp(r->compat, "sys_oabi_stat64") == 0, "OABI base and entry");
	OK(kabi_table_find(&eabi, "time") == NULL, "time is OABI only");
	kabi_table_free(&eabi);
	kabi_table_free(&oabi);
	kabi_tbl_free(&t);
}

static void test_s390(void)
{
	kabi_tbl t;
	kabi_table s, x;
	const kabi_row *r;
	const char *path = "arch/s390/kernel/syscalls/syscall.tbl";

	/* v4.16 - v6.18: 64-bit entry and compat entry, '-' for none */
	parse(&t, "1    common\texit\t\t\tsys_exit\t\t\tsys_exit\n"
		  "3    common\tread\t\t\tsys_read\t\t\tcompat_sys_s390_read\n"
		  "13   32\t\ttime\t\t\t-\t\t\t\tsys_time32\n"
		  "16   32\t\tlchown\t\t\t-\t\t\t\tsys_lchown16\n"
		  "222  common\treadahead\t\tsys_readahead\t\t\tcompat_sys_s390_readahead\n"
		  "223  64\t\tmadvise\t\t\tsys_madvise\t\t\t-\n");
	EQ_INT(select_abi(&s, &t, "s390", path), 0);
	EQ_INT(select_abi(&x, &t, "s390x", path), 0);
	EQ_INT(s.n, 5);
	EQ_INT(x.n, 4);
	r = kabi_table_find(&s, "time");
	OK(r && r->implemented && strcmp(r->compat, "sys_time32") == 0,
	   "31-bit: implemented by compat entry");
	r = kabi_table_find(&x, "exit");
	OK(r && *r->compat == '\0', "compat equal to entry is stored as none");
	kabi_table_free(&s);
	kabi_table_free(&x);
	kabi_tbl_free(&t);

	/* v6.19+: 4 columns, all common: no 31-bit ABI any more */
	parse(&t,
	      "# The <abi> is always common.\n1\tcommon\texit\t\t\tsys_exit\n3\tcommon\tread\t\t\tsys_read\n");
	EQ_INT(select_abi(&s, &t, "s390", path), KABI_ENOTFOUND);
	EQ_INT(select_abi(&x, &t, "s390x", path), 0);
	EQ_INT(x.n, 2);
	kabi_table_free(&x);
	kabi_tbl_free(&t);
}

static void test_offsets(void)
{
	kabi_tbl t;
	kabi_table tb;
	const kabi_row *r;

	parse(&t, "0\tn64\tread\t\t\t\tsys_read\n# 1 is unused\n"
		  "450\tcommon\tset_mempolicy_home_node\t\tsys_set_mempolicy_home_node\n");
	EQ_INT(select_abi(&tb, &t, "mips-n64", "arch/mips/kernel/syscalls/syscall_n64.tbl"), 0);
	r = kabi_table_find(&tb, "read");
	OK(r && r->nr == 5000, "mips n64 + 5000");
	r = kabi_table_find(&tb, "set_mempolicy_home_node");
	OK(r && r->nr == 5450, "mips: a common row counts (6.1's n64 file has one)");
	kabi_table_free(&tb);
	EQ_INT(select_abi(&tb, &t, "mips-n32", "arch/mips/kernel/syscalls/syscall_n32.tbl"), 0);
	EQ_INT(tb.n, 1); /* n32 takes the common row, not the n64 one */
	kabi_table_free(&tb);
	kabi_tbl_free(&t);

	/* syscall_o32.tbl (5.0-): two slots kept their placeholder names but
	 * are implemented; the others are not syscalls. */
	parse(&t, "18\to32\tunused18\t\t\tsys_ni_syscall\n"
		  "59\to32\tunused59\t\t\tsys_olduname\n"
		  "109\to32\tunused109\t\t\tsys_uname\n"
		  "150\to32\tunused150\t\t\tsys_ni_syscall\n"
		  "177\to32\treserved177\t\t\tsys_ni_syscall\n"
		  "4\to32\twrite\t\t\t\tsys_write\n");
	EQ_INT(select_abi(&tb, &t, "mips-o32", "arch/mips/kernel/syscalls/syscall_o32.tbl"), 0);
	r = kabi_table_find(&tb, "unused59");
	OK(r && r->nr == 4059 && r->implemented && strcmp(r->entry, "sys_olduname") == 0,
	   "mips o32 unused59 is sys_olduname");
	r = kabi_table_find(&tb, "unused109");
	OK(r && r->nr == 4109 && r->implemented && strcmp(r->entry, "sys_uname") == 0,
	   "mips o32 unused109 is sys_uname");
	OK(!kabi_table_find(&tb, "unused18") && !kabi_table_find(&tb, "unused150") &&
		   !kabi_table_find(&tb, "reserved177"),
	   "unimplemented placeholders are no rows");
	EQ_INT(tb.n, 3);
	kabi_table_free(&tb);
	kabi_tbl_free(&t);

	parse(&t, "# 1120 was old_stat\n0\tcommon\tni_syscall\t\t\tsys_ni_syscall\n"
		  "1\tcommon\texit\t\t\t\tsys_exit\n");
	EQ_INT(select_abi(&tb, &t, "ia64", "arch/ia64/kernel/syscalls/syscall.tbl"), 0);
	EQ_INT(tb.n, 1); /* ni_syscall is a placeholder, not a syscall */
	r = kabi_table_find(&tb, "exit");
	OK(r && r->nr == 1025, "ia64 + 1024");
	kabi_table_free(&tb);
	kabi_tbl_free(&t);

	parse(&t,
	      "0\tnospu\trestart_syscall\t\t\tsys_restart_syscall\n"
	      "13\t32\ttime\t\t\t\tsys_time32\n13\t64\ttime\t\t\t\tsys_time\n13\tspu\ttime\t\t\t\tsys_time\n"
	      "5\tcommon\topen\t\t\t\tsys_open\t\t\tcompat_sys_open\n");
	EQ_INT(select_abi(&tb, &t, "powerpc", "arch/powerpc/kernel/syscalls/syscall.tbl"), 0);
	r = kabi_table_find(&tb, "time");
	OK(r && strcmp(r->entry, "sys_time32") == 0 && tb.n == 3, "powerpc 32 takes nospu, common, 32");
	kabi_table_free(&tb);
	kabi_tbl_free(&t);
}

static void test_generic(void)
{
	/* scripts/syscall.tbl with arch/riscv/kernel/Makefile.syscalls (6.11+) */
	const char *mk = "# SPDX-License-Identifier: GPL-2.0\n\nsyscall_abis_32 += riscv memfd_secret\n"
			 "syscall_abis_64 += riscv rlimit memfd_secret\n";
	const char *mk_arm64 = "syscall_abis_32 +=\nsyscall_abis_64 += renameat rlimit memfd_secret\n\n"
			       "syscalltbl = arch/arm64/tools/syscall_%.tbl\n";
	char tags[256];
	kabi_tbl t;
	kabi_table tb;

	OK(kabi_generic_tags(tags, sizeof(tags), mk, strlen(mk), 64) == 0, "tags 64");
	EQ_STR(tags, "common,64,riscv,rlimit,memfd_secret");
	OK(kabi_generic_tags(tags, sizeof(tags), mk, strlen(mk), 32) == 0, "tags 32");
	EQ_STR(tags, "common,32,riscv,memfd_secret");
	OK(kabi_generic_tags(tags, sizeof(tags), mk_arm64, strlen(mk_arm64), 64) == 0, "tags arm64");
	EQ_STR(tags, "common,64,renameat,rlimit,memfd_secret");
	OK(kabi_generic_tags(tags, 12, mk, strlen(mk), 64) == KABI_EINVALID, "too small a buffer");
	/* loongarch's before 7.1: no 32-bit ABI */
	OK(kabi_generic_tags(tags, sizeof(tags),
			     "# SPDX\n\n# No special ABIs on loongarch so far\nsyscall_abis_64 +=\n",
			     strlen("# SPDX\n\n# No special ABIs on loongarch so far\nsyscall_abis_64 +=\n"),
			     32) == KABI_ENOTFOUND,
	   "no syscall_abis_32 line: no 32-bit ABI");
	OK(kabi_generic_tags(tags, sizeof(tags), "syscall_abis_64 +=\n", strlen("syscall_abis_64 +=\n"),
			     64) == 0,
	   "an empty syscall_abis_64 line: a 64-bit ABI");
	EQ_STR(tags, "common,64");

	parse(&t, "38\trenameat\trenameat\t\t\tsys_renameat\n"
		  "79\tstat64\t\tfstatat64\t\t\tsys_fstatat64\n"
		  "79\t64\t\tnewfstatat\t\t\tsys_newfstatat\n"
		  "163\trlimit\t\tgetrlimit\t\t\tsys_getrlimit\n"
		  "244\tarc\t\tcacheflush\t\t\tsys_cacheflush\n"
		  "258\triscv\t\triscv_hwprobe\t\t\tsys_riscv_hwprobe\n"
		  "447\tmemfd_secret\tmemfd_secret\t\t\tsys_memfd_secret\n");
	kabi_generic_tags(tags, sizeof(tags), mk, strlen(mk), 64);
	EQ_INT(kabi_tbl_select(&tb, &t, tags, 0, 0, pool, NULL, NULL), 0);
	EQ_INT(tb.n, 4); /* newfstatat getrlimit riscv_hwprobe memfd_secret */
	OK(kabi_table_find(&tb, "renameat") == NULL && kabi_table_find(&tb, "fstatat64") == NULL &&
		   kabi_table_find(&tb, "cacheflush") == NULL,
	   "rows of other tags left out");
	kabi_table_free(&tb);
	kabi_tbl_free(&t);
}

/* csky's slot 84 as its uapi unistd.h renames it (layout.c GENR). */
static void test_rename(void)
{
	kabi_tbl t;
	kabi_table tb;
	const kabi_row *r;
	uint64_t before;

	parse(&t, "82\tcommon\tfsync\t\t\tsys_fsync\n"
		  "84\tcommon\tsync_file_range\t\tsys_sync_file_range\t\tcompat_sys_sync_file_range\n"
		  "244\tcsky\tset_thread_area\t\tsys_set_thread_area\n");
	EQ_INT(kabi_tbl_select(&tb, &t, "common,32,csky", 0, 0, pool, NULL, NULL), 0);
	before = tb.fingerprint;
	kabi_table_rename(&tb, NULL, pool);
	kabi_table_rename(&tb, "nosuch>other", pool);
	OK(tb.fingerprint == before, "renaming nothing leaves the table");
	kabi_table_rename(&tb, "sync_file_range>sync_file_range2", pool);
	OK(kabi_table_find(&tb, "sync_file_range") == NULL, "the old name is gone");
	r = kabi_table_find(&tb, "sync_file_range2");
	OK(r != NULL, "the new name is there");
	if (r) {
		EQ_INT(r->nr, 84);
		EQ_STR(r->entry, "sys_sync_file_range2");
		EQ_STR(r->compat, "compat_sys_sync_file_range2");
		EQ_INT(r->implemented, 1);
	}
	EQ_INT(tb.n, 3);
	EQ_STR(tb.rows[2].name, "sync_file_range2"); /* still sorted by name */
	OK(tb.fingerprint != before, "a new fingerprint");
	kabi_table_free(&tb);
	kabi_tbl_free(&t);
}

static void test_normalize(void)
{
	EQ_STR(kabi_entry_normalize(pool, "__x64_sys_read"), "sys_read");
	EQ_STR(kabi_entry_normalize(pool, "__ia32_compat_sys_open"), "compat_sys_open");
	EQ_STR(kabi_entry_normalize(pool, "__x32_compat_sys_ioctl"), "compat_sys_ioctl");
	EQ_STR(kabi_entry_normalize(pool, "__x64_sys_rt_sigreturn/ptregs"), "sys_rt_sigreturn");
	EQ_STR(kabi_entry_normalize(pool, "__arm64_sys_read"), "sys_read");
	EQ_STR(kabi_entry_normalize(pool, "-"), "");
	EQ_STR(kabi_entry_normalize(pool, "stub_execve"), "stub_execve");
	EQ_STR(kabi_entry_normalize(pool, "__x64_stub"), "__x64_stub");
	OK(kabi_name_is_placeholder("unused109"), "unused109");
	OK(kabi_name_is_placeholder("reserved177"), "reserved177");
	OK(kabi_name_is_placeholder("available62"), "available62");
	OK(kabi_name_is_placeholder("ni_syscall"), "ni_syscall");
	OK(!kabi_name_is_placeholder("unusedfoo"), "unusedfoo is a name");
	OK(!kabi_name_is_placeholder("read"), "read");
}

int main(void)
{
	kabi_intern_new(&pool);
	test_x86_64();
	test_malformed();
	test_arm();
	test_s390();
	test_offsets();
	test_generic();
	test_rename();
	test_normalize();
	kabi_intern_free(pool);
	return tap_done();
}
