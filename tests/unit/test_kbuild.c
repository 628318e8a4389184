/*
 * The Makefile reader (harvest/kbuild.c): under which Kconfig options a
 * directory builds an object or a subdirectory, on text in the shapes of
 * the 6.12 Makefiles (our own words, not copies).
 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "intern.h"
#include "kbuild.h"
#include "tap.h"

static kabi_intern *pool;

static const char *cond_of(const char *text, const char *word)
{
	kabi_kbuild k;
	const kabi_kbuild *ks[1] = {&k};
	const char *c;

	memset(&k, 0, sizeof(k));
	kabi_kbuild_parse(&k, text, strlen(text), pool);
	c = kabi_kbuild_cond(ks, 1, word, pool);
	kabi_kbuild_free(&k);
	return c ? c : "(unknown)";
}

/* ipc/: one object listed under two options is under neither alone */
static const char ipc[] = "# SPDX-License-Identifier: GPL-2.0\n"
			  "#\n# the ipc subsystem\n#\n"
			  "obj-$(CONFIG_SYSVIPC_COMPAT) += compat.o\n"
			  "obj-$(CONFIG_SYSVIPC) += util.o msgutil.o msg.o sem.o shm.o syscall.o\n"
			  "obj-$(CONFIG_POSIX_MQUEUE) += mqueue.o msgutil.o\n"
			  "obj-$(CONFIG_IPC_NS) += namespace.o\n";

/* fs/notify/: continuation lines, plain obj-y subdirectories */
static const char notify[] = "obj-$(CONFIG_FSNOTIFY)\t\t+= fsnotify.o notification.o group.o \\\n"
			     "\t\t\t   mark.o fdinfo.o\n"
			     "\n"
			     "obj-y\t\t\t+= dnotify/\n"
			     "obj-y\t\t\t+= fanotify/\n";

/* the top-level Kbuild of 6.1+ and the core-y of an old top-level Makefile */
static const char top[] = "obj-y\t\t\t+= init/\n"
			  "obj-y\t\t\t+= arch/$(SRCARCH)/\n"
			  "obj-y\t\t\t+= kernel/\n"
			  "obj-y\t\t\t+= ipc/\n"
			  "obj-$(CONFIG_BLOCK)\t+= block/\n"
			  "obj-$(CONFIG_IO_URING)\t+= io_uring/\n";
static const char old_top[] = "core-y\t\t+= kernel/ mm/ fs/ ipc/ security/ crypto/ block/\n"
			      "drivers-$(CONFIG_PCI)\t+= pcistuff/\n";

/* kernel/bpf/: ifeq blocks, ${} references, an `else` */
static const char bpf[] = "obj-y := core.o\n"
			  "ifneq ($(CONFIG_BPF_JIT_ALWAYS_ON),y)\n"
			  "cflags-nogcse-$(CONFIG_X86)$(CONFIG_CC_IS_GCC) := -fno-gcse\n"
			  "endif\n"
			  "obj-$(CONFIG_BPF_SYSCALL) += syscall.o verifier.o\n"
			  "obj-${CONFIG_BPF_LSM}\t  += inode_storage.o\n"
			  "ifeq ($(CONFIG_MMU)$(CONFIG_64BIT),yy)\n"
			  "obj-$(CONFIG_BPF_SYSCALL) += arena.o\n"
			  "endif\n"
			  "ifeq ($(CONFIG_NET),y)\n"
			  "obj-$(CONFIG_BPF_SYSCALL) += devmap.o\n"
			  "else\n"
			  "obj-$(CONFIG_BPF_SYSCALL) += nonet.o\n"
			  "endif\n"
			  "ifdef CONFIG_PERF_EVENTS\n"
			  "obj-$(CONFIG_BPF_SYSCALL) += stackmap.o\n"
			  "endif\n";

/* arch/x86/kernel/: an object a variable may name is under no sure option */
static const char x86k[] = "obj-y\t\t\t+= process_$(BITS).o signal.o signal_$(BITS).o\n"
			   "obj-$(CONFIG_IA32_EMULATION)\t+= sys_ia32.o signal_32.o\n"
			   "obj-${CONFIG_X86_64}\t\t+= sys_x86_64.o\n";

/* mm/: objects listed through a variable, and a composite object */
static const char mm[] = "mmu-y\t\t\t:= nommu.o\n"
			 "mmu-$(CONFIG_MMU)\t:= highmem.o memory.o mmap.o\n"
			 "obj-y\t\t\t:= filemap.o $(mmu-y)\n"
			 "obj-m += modonly.o\n"
			 "obj-$(subst m,y,$(CONFIG_X)) += substy.o\n"
			 "obj-y += twice.o\n"
			 "obj-$(CONFIG_A) += twice.o\n"
			 "obj-$(CONFIG_QUOTA) += quota.o\n"
			 "quota-y := dquot.o\n"
			 "quota-$(CONFIG_QUOTACTL) += ctl.o\n"
			 "quota-objs += netlink.o\n";

int main(void)
{
	kabi_intern_new(&pool);

	EQ_STR(cond_of(ipc, "mqueue.o"), "CONFIG_POSIX_MQUEUE");
	EQ_STR(cond_of(ipc, "msg.o"), "CONFIG_SYSVIPC");
	EQ_STR(cond_of(ipc, "msgutil.o"), "(unknown)");
	EQ_STR(cond_of(ipc, "nothere.o"), "(unknown)");

	EQ_STR(cond_of(notify, "mark.o"), "CONFIG_FSNOTIFY");
	EQ_STR(cond_of(notify, "fdinfo.o"), "CONFIG_FSNOTIFY");
	EQ_STR(cond_of(notify, "fanotify/"), "");

	EQ_STR(cond_of(top, "kernel/"), "");
	EQ_STR(cond_of(top, "io_uring/"), "CONFIG_IO_URING");
	EQ_STR(cond_of(top, "arch/"), "(unknown)");
	EQ_STR(cond_of(old_top, "ipc/"), "");
	EQ_STR(cond_of(old_top, "pcistuff/"), "CONFIG_PCI");

	EQ_STR(cond_of(bpf, "core.o"), "");
	EQ_STR(cond_of(bpf, "syscall.o"), "CONFIG_BPF_SYSCALL");
	EQ_STR(cond_of(bpf, "inode_storage.o"), "CONFIG_BPF_LSM");
	EQ_STR(cond_of(bpf, "arena.o"), "(unknown)");
	EQ_STR(cond_of(bpf, "devmap.o"), "CONFIG_NET && CONFIG_BPF_SYSCALL");
	EQ_STR(cond_of(bpf, "nonet.o"), "(unknown)");
	EQ_STR(cond_of(bpf, "stackmap.o"), "CONFIG_PERF_EVENTS && CONFIG_BPF_SYSCALL");

	EQ_STR(cond_of(x86k, "signal_32.o"), "(unknown)");
	EQ_STR(cond_of(x86k, "sys_ia32.o"), "CONFIG_IA32_EMULATION");
	EQ_STR(cond_of(x86k, "signal.o"), "");
	EQ_STR(cond_of(x86k, "sys_x86_64.o"), "CONFIG_X86_64");
	EQ_STR(cond_of(mm, "filemap.o"), "");
	EQ_STR(cond_of(mm, "mmap.o"), "(unknown)"); /* mmu.o is no goal */
	EQ_STR(cond_of(mm, "nommu.o"), "(unknown)");
	EQ_STR(cond_of(mm, "modonly.o"), "(unknown)"); /* a module, not built in */
	EQ_STR(cond_of(mm, "substy.o"), "(unknown)");
	EQ_STR(cond_of(mm, "twice.o"), "");
	EQ_STR(cond_of(mm, "dquot.o"), "CONFIG_QUOTA");
	EQ_STR(cond_of(mm, "ctl.o"), "CONFIG_QUOTA && CONFIG_QUOTACTL");
	EQ_STR(cond_of(mm, "netlink.o"), "CONFIG_QUOTA");

	/* and: atoms once, unknown wins, "" is neutral */
	EQ_STR(kabi_kbuild_and(pool, "CONFIG_A", "CONFIG_A"), "CONFIG_A");
	EQ_STR(kabi_kbuild_and(pool, "CONFIG_A && CONFIG_B", "CONFIG_B && CONFIG_C"),
	       "CONFIG_A && CONFIG_B && CONFIG_C");
	EQ_STR(kabi_kbuild_and(pool, "CONFIG_AB", "CONFIG_A"), "CONFIG_AB && CONFIG_A");
	EQ_STR(kabi_kbuild_and(pool, "", "CONFIG_A"), "CONFIG_A");
	OK(kabi_kbuild_and(pool, NULL, "CONFIG_A") == NULL, "unknown && A is unknown");

	/* junk is skipped, not fatal */
	EQ_STR(cond_of("ifeq\nendif\nendif\nelse\n= x.o\nobj-$( += y.o\n\\", "y.o"), "(unknown)");

	kabi_intern_free(pool);
	return tap_done();
}
