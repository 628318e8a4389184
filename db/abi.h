/*
 * abi.h - the ABI registry.
 *
 * Data: adding an architecture is adding a row, not a branch.  An ABI is a
 * numbering namespace (x86_64, x32, mips-o32 ...).  Where each era of the
 * kernel keeps an ABI's table is harvest/layout.h.
 */
#ifndef KABI_ABI_H
#define KABI_ABI_H

#include <stddef.h>
#include <stdint.h>

/* Bases that are part of an ABI's numbers. */
#define KABI_X32_BIT 0x40000000LL      /* __X32_SYSCALL_BIT */
#define KABI_ARM_OABI_BASE 0x900000LL  /* __NR_OABI_SYSCALL_BASE */

typedef struct {
	const char *name;  /* "x86_64" */
	const char *arch;  /* kernel arch directory: "x86" */
	int bits;          /* word size of the ABI's user space */
	int64_t base;      /* added to the table's number: what user space passes */
	const char *description;
} kabi_abi_info;

/* The ABI list, in display order; *n receives the count.  Static data. */
const kabi_abi_info *kabi_abis(size_t *n);
/* NULL when no ABI has that name. */
const kabi_abi_info *kabi_abi_find(const char *name);
/* Index of the ABI in kabi_abis(), or -1. */
int kabi_abi_index(const char *name);

#endif
