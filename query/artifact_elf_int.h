/*
 * artifact_elf_int.h - what the ELF reader's files share (not public API).
 *
 * artifact_elf.c reads the headers, the imports and directories and holds
 * the overview; artifact_elf_callees.c finds the functions that take a
 * syscall number (libc's syscall(), Go's syscall.Syscall & co);
 * artifact_elf_code.c decodes the x86 and arm64 code before syscall
 * instructions and before calls to those functions, artifact_elf_isa.c
 * that of arm, riscv, powerpc64 and s390; artifact_elf_starts.c finds
 * where functions start.
 */
#ifndef KABI_ARTIFACT_ELF_INT_H
#define KABI_ARTIFACT_ELF_INT_H

#include <stddef.h>
#include <stdint.h>

#include "artifact.h"
#include "strbuf.h"

#define WINDOW            24
#define CALL_WINDOW       48
#define AARCH64_BACK      8
#define AARCH64_CALL_BACK 12
#define MAX_CALLEES       256
#define MAX_SLOTS         64
#define MAX_SYMS          (1u << 24)

enum {
	EM_SPARC = 2,
	EM_386 = 3,
	EM_68K = 4,
	EM_MIPS = 8,
	EM_MIPS_RS3_LE = 10,
	EM_PARISC = 15,
	EM_SPARC32PLUS = 18,
	EM_PPC = 20,
	EM_PPC64 = 21,
	EM_S390 = 22,
	EM_ARM = 40,
	EM_ALPHA_STD = 41,
	EM_SH = 42,
	EM_SPARCV9 = 43,
	EM_IA_64 = 50,
	EM_X86_64 = 62,
	EM_AARCH64 = 183,
	EM_RISCV = 243,
	EM_LOONGARCH = 258,
	EM_ALPHA = 0x9026,
};

typedef struct {
	uint32_t type, flags;
	uint64_t offset, vaddr, filesz;
} seg;

typedef struct {
	uint32_t type, link, name;
	uint64_t flags, addr, offset, size, entsize;
} sec;

/* A function whose first argument is a syscall number, and where that
 * argument lives at a call: x86_64 edi / arm64 x0 (C), x86_64 eax / arm64
 * x0 (Go register ABI), or the word at 0(%rsp) (Go ABI0 and Go < 1.17).
 * ARG_GO_ANY: a Go function known from .gopclntab, whose names do not say
 * which ABI it has: the stack slot first, then (register-ABI Go) eax/x0. */
enum { ARG_C, ARG_GO, ARG_GO_STACK, ARG_GO_ANY, ARG_GO_ANY_REG };

typedef struct {
	uint64_t addr;
	const char *name; /* static */
	int arg;
} callee;

/* A Go function of the fallback table (go_syscalls.c): its code is
 * [lo, hi); name borrowed from the file. */
typedef struct {
	uint64_t lo, hi;
	const char *name;
} gofunc;
#define MAX_GOFUNCS 64

typedef struct {
	const unsigned char *b;
	size_t len;
	const char *name;
	int is64, be;
	unsigned machine;
	uint32_t eflags;
	const char *abi;
	seg *segs;
	size_t nsegs;
	sec *secs;
	size_t nsecs;
	uint64_t shstrndx;
	callee *callees; /* entries of syscall() wrappers, MAX_CALLEES at most */
	size_t ncallees;
	uint64_t *slots; /* GOT slots holding the address of libc's syscall() */
	size_t nslots;
	gofunc *gofuncs; /* MAX_GOFUNCS at most */
	size_t ngofuncs;
	char gover[32];   /* runtime.buildVersion ("go1.19.8"), "" when unknown */
	int go_noted;     /* the note that the table is not applied is made */
	uint64_t *starts; /* function start addresses, sorted (x86, riscv, s390) */
	size_t nstarts, astarts;
	kabi_needs *ns;
	kabi_strbuf why;
	kabi_elf_site_fn site; /* NULL, or told of every site found */
	void *site_ctx;
} elf;

/* Every offset read from the file goes through in_file before use. */
static inline int in_file(const elf *e, uint64_t off, uint64_t size)
{
	return off <= e->len && size <= e->len - off;
}

static inline uint64_t rd(const elf *e, size_t off, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++) {
		unsigned char c = e->b[off + (e->be ? (size_t)i : (size_t)(n - 1 - i))];

		v = (v << 8) | c;
	}
	return v;
}

/* Read an address-sized field (4 or 8 bytes). */
static inline uint64_t rda(const elf *e, size_t off)
{
	return rd(e, off, e->is64 ? 8 : 4);
}

/* Name of section s, "" when it has none or it is out of bounds; borrowed
 * from the file buffer. */
const char *kabi__elf_sec_name(const elf *e, const sec *s);

/* Symbol i of the table in section symsec, NUL-terminated name or NULL;
 * *value, *info and *shndx filled.  Every offset is checked. */
const char *kabi__elf_sym_at(const elf *e, const sec *symsec, uint64_t i, uint64_t *value, unsigned *info,
			     unsigned *shndx);
/* Fill e->starts from the function symbols and .eh_frame
 * (artifact_elf_starts.c). */
void kabi__elf_find_starts(elf *e);

/* Fill e->callees and e->slots (artifact_elf_callees.c). */
void kabi__elf_find_callees(elf *e);
/* The callee at addr, NULL when none; borrowed from e. */
const callee *kabi__elf_find_callee(const elf *e, uint64_t addr);
/* 1 when addr is a GOT slot of libc's syscall(). */
int kabi__elf_is_slot(const elf *e, uint64_t addr);
/* The row of Go's fallback table for syscall nr made at va on abi, NULL
 * when va is in none of its functions, the number is not the row's, or
 * the binary was built by a Go release the table was not read for (then
 * noted once in e->ns). */
const kabi_go_fallback *kabi__elf_go_fallback(elf *e, const char *abi, long long nr, uint64_t va);

/* Length of the x86 instruction at p (n bytes readable; mode64: 64-bit
 * code), 0 when the bytes are not one (artifact_elf_x86.c). */
size_t kabi__x86_len(const unsigned char *p, size_t n, int mode64);

/* Scan the executable sections (or segments) for syscall instructions and
 * calls to e->callees, adding to e->ns (artifact_elf_code.c). */
void kabi__elf_scan_code(elf *e);
/* Record syscall nr (-1: unknown) made by `insn` [`to`] at va, of abi (NULL:
 * the file's): into e->ns, and to e->site. */
void kabi__elf_record(elf *e, const char *abi, long long nr, const char *insn, const char *to, uint64_t va);
/* The first function start above va, as an index into e->starts. */
size_t kabi__elf_next_start(const elf *e, uint64_t va);
/* Where the ELF header and the program header table end in the file. */
uint64_t kabi__elf_headers_end(const elf *e);

/* 1 when artifact_elf_isa.c decodes e's machine (arm, riscv, powerpc64,
 * s390); kabi__elf_scan_isa then does what kabi__elf_scan_code does for
 * x86 and arm64. */
int kabi__elf_isa_known(const elf *e);
void kabi__elf_scan_isa(elf *e);

#endif
