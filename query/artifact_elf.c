/*
 * artifact_elf.c - syscalls an ELF binary needs.
 *
 * Two sources:
 *  (a) imported libc wrappers: undefined function symbols of .dynsym, or of
 *      the PT_DYNAMIC symbol table (sized through DT_HASH / DT_GNU_HASH)
 *      when section headers are stripped, mapped through libc_syscalls.c;
 *  (b) syscall instructions with a constant number: x86_64/x32 `syscall`,
 *      i386 `int $0x80` and `call *%gs:0x10`, arm64 `svc #0`.
 *
 * For (b) we use a small focused x86 length decoder instead of capstone: no
 * new dependency, and the question is narrow - "is there a `mov $imm, %eax`
 * (b8 imm32, 48 c7 c0 imm32, c7 c0 imm32) or `xor %eax,%eax` shortly before
 * this syscall, with only straight-line instructions that leave eax alone in
 * between?".  We try each byte position in a WINDOW-byte window before the
 * syscall as the start of such a mov and accept it only when decoding
 * forward from there lands exactly on the syscall through instructions the
 * decoder knows.  False positives remain possible: bytes 0f 05 / cd 80 can
 * sit inside another instruction or in data that lives in an executable
 * section, and a mov we decode from the middle of a longer instruction can
 * chain to the syscall by accident; a jump target between the mov and the
 * syscall is invisible to us.  Anything the decoder does not know (calls,
 * jumps, mul/div, pop %rax, ...) rejects the candidate, so the error is
 * biased toward "number unknown" (counted in kabi_needs.unknown) rather than
 * toward a wrong number.  arm64 is simpler: fixed-width words, look back at
 * most AARCH64_BACK instructions for `movz w8/x8, #imm` (or `orr x8, xzr,
 * #bitmask`, which Go's assembler uses for 56 or 63), giving up at a
 * branch or at any other instruction whose Rd field is x8.
 *
 * (c) calls with a constant first argument to functions that take a
 *     syscall number: libc's syscall() - through its PLT entry (.plt,
 *     .plt.sec, .plt.got; found from the JUMP_SLOT/GLOB_DAT relocation of
 *     the dynamic symbol), through its GOT slot (-fno-plt) or, in static
 *     binaries, at its .symtab address - and Go's syscall.Syscall &
 *     co (go_syscall_funcs).  The same backward search as for syscall
 *     instructions looks for the argument register: edi for C and eax for
 *     Go's register ABI on x86_64, the word at 0(%rsp) for Go's stack ABI
 *     (".abi0" functions, and every call in Go before 1.17), x0 on arm64.
 *     Call sites without a constant count as unknown; the import of
 *     syscall() stays unknown too, since calls through function pointers
 *     are not seen.  Stripped Go binaries name their functions in
 *     .gopclntab (Go 1.16+).  Without section headers (no PLT), or in
 *     stripped static C binaries, only (a) and (b) remain.
 *
 * Numbers are reported raw (x32 numbers keep their 0x40000000 bit).  Other
 * architectures get imports only.  Every offset and size read from the file
 * is checked against the buffer before use; files are read into memory with
 * a 512 MiB cap.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "artifact.h"
#include "error.h"
#include "strbuf.h"

#define MAX_FILE     ((size_t)512 << 20)
#define WINDOW       24
#define CALL_WINDOW  48
#define AARCH64_BACK 8
#define AARCH64_CALL_BACK 12
#define MAX_CALLEES  256
#define MAX_SLOTS    64
#define MAX_DEPTH    256
#define MAX_SYMS     (1u << 24)

enum {
	EM_SPARC = 2, EM_386 = 3, EM_68K = 4, EM_MIPS = 8, EM_MIPS_RS3_LE = 10,
	EM_PARISC = 15, EM_SPARC32PLUS = 18, EM_PPC = 20, EM_PPC64 = 21, EM_S390 = 22,
	EM_ARM = 40, EM_ALPHA_STD = 41, EM_SH = 42, EM_SPARCV9 = 43, EM_IA_64 = 50,
	EM_X86_64 = 62, EM_AARCH64 = 183, EM_RISCV = 243, EM_LOONGARCH = 258,
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
	callee *callees;  /* entries of syscall() wrappers, MAX_CALLEES at most */
	size_t ncallees;
	uint64_t *slots;  /* GOT slots holding the address of libc's syscall() */
	size_t nslots;
	kabi_needs *ns;
	kabi_strbuf why;
} elf;

static int in_file(const elf *e, uint64_t off, uint64_t size)
{
	return off <= e->len && size <= e->len - off;
}

static uint64_t rd(const elf *e, size_t off, int n)
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
static uint64_t rda(const elf *e, size_t off)
{
	return rd(e, off, e->is64 ? 8 : 4);
}

static int bad(const elf *e, uint64_t off, const char *what)
{
	return kabi_error_set(KABI_EINVALID, "'%s' offset %llu: %s", e->name,
			      (unsigned long long)off, what);
}

static const char *abi_of(unsigned machine, int is64, uint32_t flags)
{
	switch (machine) {
	case EM_X86_64: return is64 ? "x86_64" : "x32";
	case EM_386: return "i386";
	case EM_AARCH64: return is64 ? "arm64" : NULL;
	case EM_ARM: return (flags & 0xff000000u) ? "arm" : "arm-oabi";
	case EM_RISCV: return is64 ? "riscv64" : "riscv32";
	case EM_PPC: return "powerpc";
	case EM_PPC64: return "powerpc64";
	case EM_S390: return is64 ? "s390x" : "s390";
	case EM_MIPS:
	case EM_MIPS_RS3_LE:
		if (is64)
			return "mips-n64";
		return (flags & 0x20) ? "mips-n32" : "mips-o32"; /* EF_MIPS_ABI2 */
	case EM_SPARC:
	case EM_SPARC32PLUS: return "sparc";
	case EM_SPARCV9: return "sparc64";
	case EM_PARISC: return is64 ? "parisc64" : "parisc";
	case EM_ALPHA:
	case EM_ALPHA_STD: return "alpha";
	case EM_IA_64: return "ia64";
	case EM_68K: return "m68k";
	case EM_SH: return "sh";
	case EM_LOONGARCH: return is64 ? "loongarch64" : NULL;
	}
	return NULL;
}

const char *kabi_elf_abi(const unsigned char *buf, size_t len)
{
	elf e;

	if (len < 52 || memcmp(buf, "\x7f" "ELF", 4) != 0 || (buf[4] != 1 && buf[4] != 2) ||
	    (buf[5] != 1 && buf[5] != 2))
		return NULL;
	memset(&e, 0, sizeof(e));
	e.b = buf;
	e.len = len;
	e.is64 = buf[4] == 2;
	e.be = buf[5] == 2;
	if (e.is64 && len < 64)
		return NULL;
	return abi_of((unsigned)rd(&e, 18, 2), e.is64, (uint32_t)rd(&e, e.is64 ? 48 : 36, 4));
}

/* ---- headers --------------------------------------------------------- */

static int read_headers(elf *e)
{
	uint64_t phoff, shoff, shnum, i;
	unsigned phentsize, phnum, shentsize;

	if (e->len < 16 || memcmp(e->b, "\x7f" "ELF", 4) != 0)
		return bad(e, 0, "not an ELF file");
	if (e->b[4] != 1 && e->b[4] != 2)
		return bad(e, 4, "bad ELF class");
	if (e->b[5] != 1 && e->b[5] != 2)
		return bad(e, 5, "bad ELF data encoding");
	if (e->b[6] != 1)
		return bad(e, 6, "bad ELF version");
	e->is64 = e->b[4] == 2;
	e->be = e->b[5] == 2;
	if (e->len < (e->is64 ? 64u : 52u))
		return bad(e, e->len, "truncated ELF header");
	e->machine = (unsigned)rd(e, 18, 2);
	e->eflags = (uint32_t)rd(e, e->is64 ? 48 : 36, 4);
	e->abi = abi_of(e->machine, e->is64, e->eflags);
	phoff = rda(e, e->is64 ? 32 : 28);
	shoff = rda(e, e->is64 ? 40 : 32);
	phentsize = (unsigned)rd(e, e->is64 ? 54 : 42, 2);
	phnum = (unsigned)rd(e, e->is64 ? 56 : 44, 2);
	shentsize = (unsigned)rd(e, e->is64 ? 58 : 46, 2);
	shnum = rd(e, e->is64 ? 60 : 48, 2);
	e->shstrndx = rd(e, e->is64 ? 62 : 50, 2);

	if (phnum) {
		if (phentsize != (e->is64 ? 56u : 32u))
			return bad(e, e->is64 ? 54 : 42, "bad program header entry size");
		if (phoff > e->len || (uint64_t)phnum * phentsize > e->len - phoff)
			return bad(e, e->is64 ? 32 : 28, "program headers outside the file");
		e->segs = kabi_calloc(phnum, sizeof(*e->segs));
		for (i = 0; i < phnum; i++) {
			size_t o = (size_t)(phoff + i * phentsize);
			seg *s = &e->segs[e->nsegs++];

			s->type = (uint32_t)rd(e, o, 4);
			if (e->is64) {
				s->flags = (uint32_t)rd(e, o + 4, 4);
				s->offset = rd(e, o + 8, 8);
				s->vaddr = rd(e, o + 16, 8);
				s->filesz = rd(e, o + 32, 8);
			} else {
				s->offset = rd(e, o + 4, 4);
				s->vaddr = rd(e, o + 8, 4);
				s->filesz = rd(e, o + 16, 4);
				s->flags = (uint32_t)rd(e, o + 24, 4);
			}
		}
	}
	if (shoff) {
		if (shentsize != (e->is64 ? 64u : 40u))
			return bad(e, e->is64 ? 58 : 46, "bad section header entry size");
		if (!in_file(e, shoff, shentsize))
			return bad(e, e->is64 ? 40 : 32, "section headers outside the file");
		if (shnum == 0) /* extended numbering: the count is in sh[0].sh_size */
			shnum = rd(e, (size_t)shoff + (e->is64 ? 32 : 20), e->is64 ? 8 : 4);
		if (e->shstrndx == 0xffff) /* SHN_XINDEX: the index is in sh[0].sh_link */
			e->shstrndx = rd(e, (size_t)shoff + (e->is64 ? 40 : 24), 4);
		if (shnum > (e->len - shoff) / shentsize)
			return bad(e, e->is64 ? 40 : 32, "section headers outside the file");
		e->secs = kabi_calloc((size_t)shnum, sizeof(*e->secs));
		for (i = 0; i < shnum; i++) {
			size_t o = (size_t)(shoff + i * shentsize);
			sec *s = &e->secs[e->nsecs++];

			s->name = (uint32_t)rd(e, o, 4);
			s->type = (uint32_t)rd(e, o + 4, 4);
			if (e->is64) {
				s->flags = rd(e, o + 8, 8);
				s->addr = rd(e, o + 16, 8);
				s->offset = rd(e, o + 24, 8);
				s->size = rd(e, o + 32, 8);
				s->link = (uint32_t)rd(e, o + 40, 4);
				s->entsize = rd(e, o + 56, 8);
			} else {
				s->flags = rd(e, o + 8, 4);
				s->addr = rd(e, o + 12, 4);
				s->offset = rd(e, o + 16, 4);
				s->size = rd(e, o + 20, 4);
				s->link = (uint32_t)rd(e, o + 24, 4);
				s->entsize = rd(e, o + 36, 4);
			}
		}
	}
	return 0;
}

/* ---- imports ----------------------------------------------------------- */

static void add_import(elf *e, const char *sym)
{
	const kabi_libc_map *m;
	char name[128];
	const char *p, *at = strchr(sym, '@');
	size_t n = at ? (size_t)(at - sym) : strlen(sym);

	if (n == 0 || n >= sizeof(name))
		return;
	memcpy(name, sym, n);
	name[n] = '\0';
	if (!(m = kabi_libc_lookup(name, e->abi)))
		return;
	kabi_strbuf_reset(&e->why);
	kabi_strbuf_printf(&e->why, "import %s", name);
	for (p = m->syscalls; *p;) {
		const char *q;

		while (*p == ' ')
			p++;
		for (q = p; *q && *q != ' '; q++)
			;
		if (q == p)
			break;
		if (q - p == 1 && *p == '?') {
			kabi_needs_unknown(e->ns, e->why.buf);
		} else {
			char sc[64];
			size_t k = (size_t)(q - p) < sizeof(sc) ? (size_t)(q - p) : sizeof(sc) - 1;

			memcpy(sc, p, k);
			sc[k] = '\0';
			kabi_needs_add(e->ns, NULL, sc, -1, 1, e->why.buf);
		}
		p = q;
	}
}

/*
 * Walk nsyms symbols at file offset symoff, names in [stroff, stroff+strsz).
 * Ranges were checked by the caller; every name is bounded by strsz.
 */
static void scan_symbols(elf *e, uint64_t symoff, uint64_t nsyms, uint64_t stroff, uint64_t strsz)
{
	size_t entsize = e->is64 ? 24 : 16;
	uint64_t i;

	for (i = 1; i < nsyms; i++) {
		size_t o = (size_t)(symoff + i * entsize);
		uint32_t nameoff = (uint32_t)rd(e, o, 4);
		unsigned info = e->b[o + (e->is64 ? 4 : 12)];
		unsigned shndx = (unsigned)rd(e, o + (e->is64 ? 6 : 14), 2);
		unsigned bind = info >> 4, type = info & 15;
		const char *s;
		size_t maxn;

		if (shndx != 0 || (bind != 1 && bind != 2) || (type != 0 && type != 2 && type != 10))
			continue;
		if (nameoff >= strsz)
			continue;
		s = (const char *)e->b + stroff + nameoff;
		maxn = (size_t)(strsz - nameoff);
		if (!memchr(s, '\0', maxn))
			continue;
		add_import(e, s);
	}
}

static int imports_from_sections(elf *e, int *found)
{
	size_t i, entsize = e->is64 ? 24 : 16;

	*found = 0;
	for (i = 0; i < e->nsecs; i++) {
		const sec *s = &e->secs[i], *str;

		if (s->type != 11) /* SHT_DYNSYM */
			continue;
		*found = 1;
		if (!in_file(e, s->offset, s->size))
			return bad(e, s->offset, ".dynsym outside the file");
		if (s->link >= e->nsecs)
			return bad(e, s->offset, ".dynsym links to a missing string table");
		str = &e->secs[s->link];
		if (str->type != 3 || !in_file(e, str->offset, str->size))
			return bad(e, str->offset, "bad .dynstr");
		scan_symbols(e, s->offset, s->size / entsize, str->offset, str->size);
	}
	return 0;
}

/* File offset of virtual address va with at least `need` bytes; 0 = none
 * (offset 0 is the ELF header, never a table). */
static uint64_t va_to_off(const elf *e, uint64_t va, uint64_t need)
{
	size_t i;

	for (i = 0; i < e->nsegs; i++) {
		const seg *s = &e->segs[i];

		if (s->type != 1 || va < s->vaddr || va - s->vaddr >= s->filesz)
			continue;
		if (need > s->filesz - (va - s->vaddr))
			continue;
		if (!in_file(e, s->offset + (va - s->vaddr), need))
			continue;
		return s->offset + (va - s->vaddr);
	}
	return 0;
}

/* Number of symbols from DT_GNU_HASH: the highest bucket start, then its
 * chain to the end marker. */
static uint64_t gnu_hash_count(const elf *e, uint64_t off)
{
	uint64_t nbuckets, symoffset, bloom, buckets, chains, i, max = 0;
	size_t word = e->is64 ? 8 : 4;

	if (!in_file(e, off, 16))
		return 0;
	nbuckets = rd(e, (size_t)off, 4);
	symoffset = rd(e, (size_t)off + 4, 4);
	bloom = rd(e, (size_t)off + 8, 4);
	buckets = off + 16 + bloom * word;
	if (!in_file(e, buckets, nbuckets * 4) || bloom > e->len || nbuckets > e->len)
		return 0;
	for (i = 0; i < nbuckets; i++) {
		uint64_t b = rd(e, (size_t)(buckets + i * 4), 4);

		if (b > max)
			max = b;
	}
	if (max < symoffset)
		return symoffset;
	chains = buckets + nbuckets * 4;
	for (i = max; i < MAX_SYMS; i++) {
		uint64_t at = chains + (i - symoffset) * 4;

		if (!in_file(e, at, 4))
			return 0;
		if (rd(e, (size_t)at, 4) & 1)
			return i + 1;
	}
	return 0;
}

static int imports_from_dynamic(elf *e)
{
	uint64_t strtab = 0, symtab = 0, strsz = 0, hash = 0, gnuhash = 0, nsyms = 0;
	uint64_t symoff, stroff;
	size_t i, dsz = e->is64 ? 16 : 8;

	for (i = 0; i < e->nsegs; i++) {
		const seg *s = &e->segs[i];
		uint64_t o;

		if (s->type != 2) /* PT_DYNAMIC */
			continue;
		if (!in_file(e, s->offset, s->filesz))
			return bad(e, s->offset, "PT_DYNAMIC outside the file");
		for (o = 0; o + dsz <= s->filesz; o += dsz) {
			uint64_t tag = rda(e, (size_t)(s->offset + o));
			uint64_t val = rda(e, (size_t)(s->offset + o + dsz / 2));

			if (tag == 0)
				break;
			if (tag == 4) hash = val;
			else if (tag == 5) strtab = val;
			else if (tag == 6) symtab = val;
			else if (tag == 10) strsz = val;
			else if (tag == 0x6ffffef5) gnuhash = val;
		}
	}
	if (!symtab || !strtab || !strsz)
		return 0; /* static, or nothing to import */
	if (!(stroff = va_to_off(e, strtab, strsz)))
		return bad(e, 0, "DT_STRTAB outside the loaded segments");
	if (hash) {
		uint64_t h = va_to_off(e, hash, 8);

		if (h)
			nsyms = rd(e, (size_t)h + 4, 4);
	} else if (gnuhash) {
		uint64_t h = va_to_off(e, gnuhash, 16);

		if (h)
			nsyms = gnu_hash_count(e, h);
	}
	if (!nsyms)
		return bad(e, 0, "cannot size the dynamic symbol table (no usable DT_HASH/DT_GNU_HASH)");
	if (nsyms > MAX_SYMS || !(symoff = va_to_off(e, symtab, nsyms * (e->is64 ? 24 : 16))))
		return bad(e, 0, "DT_SYMTAB outside the loaded segments");
	scan_symbols(e, symoff, nsyms, stroff, strsz);
	return 0;
}

/* ---- syscall() wrappers: where they are -------------------------------- */

/*
 * Go functions whose first argument is the syscall number.  Calls go to
 * these names under the register ABI (Go 1.17+ on amd64, 1.18+ on arm64);
 * a ".abi0" suffix is the assembly entry that takes its arguments on the
 * stack.  golang.org/x/sys/unix may be vendored under any prefix.
 */
static const char *const go_syscall_funcs[] = {
	"syscall.Syscall", "syscall.Syscall6", "syscall.RawSyscall", "syscall.RawSyscall6",
	"syscall.rawSyscallNoError", "syscall.RawSyscallNoError", "syscall.rawVforkSyscall",
	"syscall.AllThreadsSyscall", "syscall.AllThreadsSyscall6",
	"runtime/internal/syscall.Syscall6", "internal/runtime/syscall.Syscall6",
	"internal/runtime/syscall/linux.Syscall6",
};
static const char *const go_unix_funcs[] = {
	"Syscall", "Syscall6", "RawSyscall", "RawSyscall6", "SyscallNoError", "RawSyscallNoError",
};

/* The static name of a syscall-number-first Go function, NULL when sym is
 * not one; *abi0 says whether it is the stack-ABI entry. */
static const char *go_callee(const char *sym, int *abi0)
{
	static const char unix_pkg[] = "golang.org/x/sys/unix.";
	size_t n = strlen(sym), i;
	const char *u;

	*abi0 = n > 5 && memcmp(sym + n - 5, ".abi0", 5) == 0;
	if (*abi0)
		n -= 5;
	for (i = 0; i < sizeof(go_syscall_funcs) / sizeof(go_syscall_funcs[0]); i++)
		if (strlen(go_syscall_funcs[i]) == n && memcmp(sym, go_syscall_funcs[i], n) == 0)
			return go_syscall_funcs[i];
	if (!(u = strstr(sym, unix_pkg)) || u + sizeof(unix_pkg) - 1 > sym + n)
		return NULL;
	u += sizeof(unix_pkg) - 1;
	for (i = 0; i < sizeof(go_unix_funcs) / sizeof(go_unix_funcs[0]); i++)
		if (strlen(go_unix_funcs[i]) == (size_t)(sym + n - u) &&
		    memcmp(u, go_unix_funcs[i], (size_t)(sym + n - u)) == 0)
			return go_unix_funcs[i];
	return NULL;
}

static void add_callee(elf *e, uint64_t addr, const char *name, int arg)
{
	if (e->ncallees == MAX_CALLEES)
		return;
	if (!e->callees)
		e->callees = kabi_calloc(MAX_CALLEES, sizeof(*e->callees));
	e->callees[e->ncallees].addr = addr;
	e->callees[e->ncallees].name = name;
	e->callees[e->ncallees].arg = arg;
	e->ncallees++;
}

static const callee *find_callee(const elf *e, uint64_t addr)
{
	size_t i;

	for (i = 0; i < e->ncallees; i++)
		if (e->callees[i].addr == addr)
			return &e->callees[i];
	return NULL;
}

static int is_slot(const elf *e, uint64_t addr)
{
	size_t i;

	for (i = 0; i < e->nslots; i++)
		if (e->slots[i] == addr)
			return 1;
	return 0;
}

/* Name of section s, "" when it has none or it is out of bounds. */
static const char *sec_name(const elf *e, const sec *s)
{
	const sec *str;

	if (e->shstrndx >= e->nsecs)
		return "";
	str = &e->secs[e->shstrndx];
	if (str->type != 3 || !in_file(e, str->offset, str->size) || s->name >= str->size ||
	    !memchr(e->b + str->offset + s->name, '\0', (size_t)(str->size - s->name)))
		return "";
	return (const char *)e->b + str->offset + s->name;
}

/* Symbol i of the table in section symsec, NUL-terminated name or NULL;
 * *value and *info filled.  Every offset is checked against the file. */
static const char *sym_at(const elf *e, const sec *symsec, uint64_t i, uint64_t *value,
			  unsigned *info, unsigned *shndx)
{
	size_t entsize = e->is64 ? 24 : 16;
	const sec *str;
	uint64_t o;
	uint32_t nameoff;

	if (symsec->link >= e->nsecs || i >= symsec->size / entsize)
		return NULL;
	str = &e->secs[symsec->link];
	o = symsec->offset + i * entsize;
	if (str->type != 3 || !in_file(e, str->offset, str->size) || !in_file(e, o, entsize))
		return NULL;
	nameoff = (uint32_t)rd(e, (size_t)o, 4);
	*info = e->b[o + (e->is64 ? 4 : 12)];
	*shndx = (unsigned)rd(e, (size_t)o + (e->is64 ? 6 : 14), 2);
	*value = rd(e, (size_t)o + (e->is64 ? 8 : 4), e->is64 ? 8 : 4);
	if (nameoff >= str->size ||
	    !memchr(e->b + str->offset + nameoff, '\0', (size_t)(str->size - nameoff)))
		return NULL;
	return (const char *)e->b + str->offset + nameoff;
}

/*
 * Defined functions of .symtab that take a syscall number first: libc's
 * syscall() in static binaries and Go's syscall.Syscall & co.  A Go binary
 * built before the register ABI has no ".abi0" symbols; its calls pass
 * the number on the stack even to the unsuffixed names.
 */
static void callees_from_symtab(elf *e)
{
	size_t i, first = e->ncallees, k;
	int regabi = 0;

	for (i = 0; i < e->nsecs; i++) {
		const sec *s = &e->secs[i];
		uint64_t j, n = s->size / (e->is64 ? 24 : 16);

		if (s->type != 2 || !in_file(e, s->offset, s->size) || n > MAX_SYMS)
			continue;
		for (j = 1; j < n; j++) {
			uint64_t value;
			unsigned info, shndx;
			const char *name = sym_at(e, s, j, &value, &info, &shndx), *go;
			int abi0;

			if (!name || shndx == 0 || value == 0)
				continue;
			if (!regabi && strstr(name, ".abi0"))
				regabi = 1;
			if ((info & 15) != 2) /* STT_FUNC */
				continue;
			if (strcmp(name, "syscall") == 0)
				add_callee(e, value, "syscall", ARG_C);
			else if ((go = go_callee(name, &abi0)))
				add_callee(e, value, go, abi0 ? ARG_GO_STACK : ARG_GO);
		}
	}
	for (k = first; !regabi && k < e->ncallees; k++)
		if (e->callees[k].arg == ARG_GO)
			e->callees[k].arg = ARG_GO_STACK;
}

/* GOT slots that the dynamic linker fills with syscall()'s address:
 * JUMP_SLOT and GLOB_DAT relocations against the dynamic symbol. */
static void slots_from_relocs(elf *e)
{
	unsigned jump = e->machine == EM_X86_64 ? 7 : 1026, glob = e->machine == EM_X86_64 ? 6 : 1025;
	size_t i, entsize = e->is64 ? 24 : 12;

	for (i = 0; i < e->nsecs; i++) {
		const sec *s = &e->secs[i];
		uint64_t j;

		if (s->type != 4 || s->link >= e->nsecs || e->secs[s->link].type != 11 ||
		    !in_file(e, s->offset, s->size))
			continue;
		for (j = 0; j < s->size / entsize && e->nslots < MAX_SLOTS; j++) {
			size_t o = (size_t)(s->offset + j * entsize);
			uint64_t where = rda(e, o), info = rda(e, o + entsize / 3), value;
			uint64_t sym = e->is64 ? info >> 32 : info >> 8;
			unsigned type = (unsigned)(e->is64 ? info & 0xffffffffu : info & 0xff), inf, shndx;
			const char *name;

			if (type != jump && type != glob)
				continue;
			name = sym_at(e, &e->secs[s->link], sym, &value, &inf, &shndx);
			if (!name || strcmp(name, "syscall") != 0 || is_slot(e, where))
				continue;
			if (!e->slots)
				e->slots = kabi_calloc(MAX_SLOTS, sizeof(*e->slots));
			e->slots[e->nslots++] = where;
		}
	}
}

/*
 * PLT entries that jump through one of those slots.  x86_64 entries
 * (.plt, .plt.sec, .plt.got) are 8 or 16 bytes, each an optional endbr64
 * and bnd prefix, then `jmp *disp32(%rip)`.  arm64 entries are an optional
 * `bti c`, then `adrp x16, page; ldr x17, [x16, #off]; ...; br x17`.
 */
static void callees_from_plt(elf *e)
{
	size_t i;

	for (i = 0; i < e->nsecs && e->nslots; i++) {
		const sec *s = &e->secs[i];
		const unsigned char *b;
		size_t o;

		if (s->type != 1 || !(s->flags & 4) || !in_file(e, s->offset, s->size) ||
		    strncmp(sec_name(e, s), ".plt", 4) != 0)
			continue;
		b = e->b + s->offset;
		if (e->machine == EM_X86_64) {
			for (o = 0; o + 6 <= s->size; o += 8) {
				size_t p = o;
				int32_t disp;

				if (p + 10 <= s->size && memcmp(b + p, "\xf3\x0f\x1e\xfa", 4) == 0)
					p += 4;
				if (b[p] == 0xf2 && p + 7 <= s->size)
					p++;
				if (b[p] != 0xff || b[p + 1] != 0x25)
					continue;
				disp = (int32_t)(uint32_t)rd(e, (size_t)s->offset + p + 2, 4);
				if (is_slot(e, s->addr + p + 6 + (uint64_t)(int64_t)disp))
					add_callee(e, s->addr + o, "syscall", ARG_C);
			}
			continue;
		}
		for (o = (size_t)((4 - (s->offset & 3)) & 3); o + 8 <= s->size; o += 4) {
			uint32_t adrp = (uint32_t)rd(e, (size_t)s->offset + o, 4);
			uint32_t ldr = (uint32_t)rd(e, (size_t)s->offset + o + 4, 4);
			uint64_t pc = s->addr + o, page;
			int64_t imm;

			if ((adrp & 0x9f00001fu) != 0x90000010u || (ldr & 0xffc003ffu) != 0xf9400211u)
				continue;
			imm = (int64_t)((((adrp >> 5) & 0x7ffff) << 2) | ((adrp >> 29) & 3));
			if (imm & (1 << 20))
				imm -= (int64_t)1 << 21;
			page = (pc & ~(uint64_t)0xfff) + (uint64_t)(imm * 4096);
			if (!is_slot(e, page + ((ldr >> 10) & 0xfff) * 8))
				continue;
			add_callee(e, pc, "syscall", ARG_C);
			if (o >= 4 && rd(e, (size_t)s->offset + o - 4, 4) == 0xd503245fu)
				add_callee(e, pc - 4, "syscall", ARG_C); /* bti c */
		}
	}
}

/* Read a pointer-sized (ptr 4 or 8) field at file offset off. */
static uint64_t rdp(const elf *e, uint64_t off, unsigned ptr)
{
	return rd(e, (size_t)off, (int)ptr);
}

/*
 * Stripped Go binaries (-ldflags=-s, and Debian's) have no .symtab, but the
 * runtime's own function table, .gopclntab, names every function.  Layouts
 * (runtime/symtab.go pcHeader): magic, 2 pad bytes, minLC, ptrSize, then
 * pointer-sized nfunc, nfiles, [textStart: 1.18+], funcnameOffset,
 * cuOffset, filetabOffset, pctabOffset, pclnOffset.  At pclnOffset the
 * functab: nfunc pairs (entry, funcoff) - uint32 entryoff from textStart
 * in 1.18+, pointer-sized in 1.16/1.17 - and at pclnOffset + funcoff the
 * _func, whose nameOff (int32 after the entry field) indexes funcnametab.
 * Older layouts (Go < 1.16) are not read.
 */
static void callees_from_pclntab(elf *e)
{
	const sec *s = NULL, *text = NULL;
	uint64_t o, n, nfunc, start = 0, names, pcln, i, fe;
	uint32_t magic;
	unsigned ptr;
	int go118, regabi;
	size_t k;

	for (k = 0; k < e->nsecs; k++) {
		const char *nm = sec_name(e, &e->secs[k]);
		size_t l = strlen(nm);

		/* ".data.rel.ro.gopclntab" in PIE builds */
		if (l >= 10 && strcmp(nm + l - 10, ".gopclntab") == 0 && e->secs[k].type == 1)
			s = &e->secs[k];
		else if (strcmp(nm, ".text") == 0)
			text = &e->secs[k];
	}
	if (!s || !in_file(e, s->offset, s->size) || s->size < 16)
		return;
	o = s->offset;
	n = s->size;
	magic = (uint32_t)rd(e, (size_t)o, 4);
	ptr = e->b[o + 7];
	go118 = magic == 0xfffffff0u || magic == 0xfffffff1u;
	if ((!go118 && magic != 0xfffffffau) || (ptr != 4 && ptr != 8) ||
	    n < 8 + (uint64_t)(go118 ? 8 : 7) * ptr)
		return;
	/* the register ABI came with 1.17 on amd64 and 1.18 on arm64 */
	regabi = go118 || (magic == 0xfffffffau && e->machine == EM_X86_64);
	nfunc = rdp(e, o + 8, ptr);
	if (go118)
		start = rdp(e, o + 8 + 2 * (uint64_t)ptr, ptr);
	if (go118 && !start && text) /* PIE: relocated at run time */
		start = text->addr;
	names = rdp(e, o + 8 + (uint64_t)(go118 ? 3 : 2) * ptr, ptr);
	pcln = rdp(e, o + 8 + (uint64_t)(go118 ? 7 : 6) * ptr, ptr);
	fe = go118 ? 8 : 2 * (uint64_t)ptr;
	if (names >= n || pcln >= n || nfunc > MAX_SYMS || nfunc > (n - pcln) / fe)
		return;
	for (i = 0; i < nfunc; i++) {
		uint64_t at = o + pcln + i * fe, entry, func, nameoff;
		const char *name, *go;
		int abi0;

		entry = go118 ? start + rd(e, (size_t)at, 4) : rdp(e, at, ptr);
		func = go118 ? rd(e, (size_t)at + 4, 4) : rdp(e, at + ptr, ptr);
		if (func > n - pcln || n - pcln - func < (uint64_t)(go118 ? 8 : ptr + 4))
			continue;
		nameoff = rd(e, (size_t)(o + pcln + func + (go118 ? 4 : ptr)), 4);
		if (nameoff >= n - names ||
		    !memchr(e->b + o + names + nameoff, '\0', (size_t)(n - names - nameoff)))
			continue;
		name = (const char *)e->b + o + names + nameoff;
		if ((go = go_callee(name, &abi0)))
			add_callee(e, entry, go, regabi ? ARG_GO_ANY_REG : ARG_GO_ANY);
	}
}

static void find_callees(elf *e)
{
	size_t before;

	if (e->machine != EM_X86_64 && !(e->machine == EM_AARCH64 && e->is64))
		return;
	before = e->ncallees;
	callees_from_symtab(e);
	if (e->ncallees == before)
		callees_from_pclntab(e);
	slots_from_relocs(e);
	callees_from_plt(e);
}

/* ---- x86 --------------------------------------------------------------- */

/* Register numbers are the encoding's (0 eax, 7 edi, 8-15 r8-r15); bit
 * X86_STACK0 of a write mask stands for the 8 bytes at 0(%rsp). */
#define X86_STACK0 16

/* Byte registers 4-7 without a REX prefix are ah, ch, dh, bh. */
static unsigned x86_reg8(unsigned r, int byteop, unsigned rex)
{
	return byteop && !rex && r >= 4 && r < 8 ? r - 4 : r;
}

/*
 * Length of the straight-line instruction at p (at most n bytes), 0 when
 * unknown or control flow.  *writes gets the registers it may write, and
 * X86_STACK0 when it may write near 0(%rsp) or move %rsp.
 */
static size_t x86_insn(const unsigned char *p, size_t n, int mode64, uint32_t *writes)
{
	size_t i = 0, modrm_at;
	unsigned op, rex = 0, mod, reg, rm, imm = 0;
	int opsize16 = 0, dest_reg = 0, dest_rm = 0, byteop, xmm = 0;

	*writes = 0;
	while (i < n && i < 4 && (p[i] == 0x66 || p[i] == 0xf2 || p[i] == 0xf3 || p[i] == 0x2e ||
				  p[i] == 0x3e || p[i] == 0x26 || p[i] == 0x64 || p[i] == 0x65 ||
				  p[i] == 0x36)) {
		opsize16 |= p[i] == 0x66;
		i++;
	}
	if (i < n && mode64 && (p[i] & 0xf0) == 0x40)
		rex = p[i++];
	if (i >= n)
		return 0;
	op = p[i++];
	if (op == 0x0f) {
		if (i >= n)
			return 0;
		op = 0x100 | p[i++];
	}
	byteop = (op < 0x40 && !(op & 1)) || op == 0x80 || op == 0x86 || op == 0x88 ||
		 op == 0x8a || op == 0xc0 || op == 0xc6 || op == 0xd0 || op == 0xd2;
	switch (op) {
	case 0x88: case 0x89: case 0x86: case 0x87:
	case 0x00: case 0x01: case 0x08: case 0x09: case 0x10: case 0x11: case 0x18: case 0x19:
	case 0x20: case 0x21: case 0x28: case 0x29: case 0x30: case 0x31:
	case 0xd1: case 0xd3: case 0xd0: case 0xd2:
		dest_rm = 1;
		dest_reg = op == 0x86 || op == 0x87;
		break;
	case 0x8a: case 0x8b: case 0x8d:
	case 0x02: case 0x03: case 0x0a: case 0x0b: case 0x12: case 0x13: case 0x1a: case 0x1b:
	case 0x22: case 0x23: case 0x2a: case 0x2b: case 0x32: case 0x33:
	case 0x1b6: case 0x1b7: case 0x1be: case 0x1bf: case 0x1af:
		dest_reg = 1;
		break;
	case 0x38: case 0x39: case 0x3a: case 0x3b: case 0x84: case 0x85:
	case 0x11f: case 0x11e: /* nop r/m, endbr */
		break;
	case 0x110: case 0x128: case 0x157: case 0x16f: case 0x1ef: /* to an xmm register */
		xmm = 1;
		break;
	case 0x111: case 0x129: case 0x17f: case 0x1d6: /* from one: xmm or memory */
		xmm = 1;
		dest_rm = 1;
		break;
	case 0x63:
		if (!mode64)
			return 0;
		dest_reg = 1;
		break;
	case 0x80: case 0x83: case 0xc6: case 0xc0: case 0xc1:
		imm = 1;
		dest_rm = 1;
		break;
	case 0x81: case 0xc7:
		imm = opsize16 ? 2 : 4;
		dest_rm = 1;
		break;
	case 0x90:
		if (rex & 1) /* xchg %r8, %rax */
			*writes = 1u | 1u << 8;
		return i;
	default:
		if (op >= 0x140 && op <= 0x14f) { /* cmovcc */
			dest_reg = 1;
			break;
		}
		if (op >= 0x50 && op <= 0x57) { /* push */
			*writes = 1u << 4 | 1u << X86_STACK0;
			return i;
		}
		if (op >= 0x58 && op <= 0x5f) { /* pop */
			*writes = 1u << ((op & 7) | ((rex & 1) ? 8 : 0)) | 1u << 4 | 1u << X86_STACK0;
			return i;
		}
		if (!mode64 && op >= 0x40 && op <= 0x4f) { /* inc/dec */
			*writes = 1u << (op & 7);
			return i;
		}
		if (op >= 0xb0 && op <= 0xb7) { /* mov $imm8, %r8 */
			*writes = 1u << x86_reg8((op & 7) | ((rex & 1) ? 8 : 0), 1, rex);
			return i + 1 <= n ? i + 1 : 0;
		}
		if (op >= 0xb8 && op <= 0xbf) { /* mov $imm, %r */
			size_t k = (rex & 8) ? 8 : opsize16 ? 2 : 4;

			*writes = 1u << ((op & 7) | ((rex & 1) ? 8 : 0));
			return i + k <= n ? i + k : 0;
		}
		return 0;
	}
	if (i >= n)
		return 0;
	modrm_at = i;
	mod = p[i] >> 6;
	reg = ((p[i] >> 3) & 7) | ((rex & 4) ? 8 : 0);
	rm = (p[i] & 7) | ((rex & 1) ? 8 : 0);
	i++;
	if (mod != 3) {
		int rsp_based = 0, indexed = 0;
		long disp = 0;

		if ((p[modrm_at] & 7) == 4) { /* SIB */
			if (i >= n)
				return 0;
			rsp_based = (p[i] & 7) == 4 && !(rex & 1);
			indexed = ((p[i] >> 3) & 7) != 4 || (rex & 2);
			if (mod == 0 && (p[i] & 7) == 5)
				i += 4;
			i++;
		} else if (mod == 0 && (p[modrm_at] & 7) == 5) {
			i += 4;
		}
		if (mod == 1 && i < n)
			disp = (signed char)p[i];
		else if (mod == 2 && i + 4 <= n)
			disp = (int32_t)(p[i] | p[i + 1] << 8 | p[i + 2] << 16 | (uint32_t)p[i + 3] << 24);
		if (mod == 1)
			i += 1;
		else if (mod == 2)
			i += 4;
		/* group 1 /7 is cmp: no write */
		if ((op == 0x80 || op == 0x81 || op == 0x83) && (reg & 7) == 7)
			dest_rm = 0;
		if (dest_rm && rsp_based && (indexed || (disp > -16 && disp < 8)))
			*writes |= 1u << X86_STACK0;
	} else if ((op == 0x80 || op == 0x81 || op == 0x83) && (reg & 7) == 7) {
		dest_rm = 0;
	}
	i += imm;
	if (i > n)
		return 0;
	if (dest_reg && !xmm)
		*writes |= 1u << x86_reg8(reg, byteop, rex);
	if (dest_rm && mod == 3 && !xmm)
		*writes |= 1u << x86_reg8(rm, byteop, rex);
	if (*writes & 1u << 4)
		*writes |= 1u << X86_STACK0;
	return i;
}

static uint32_t le32_at(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * A `mov $imm, reg` / `xor reg, reg` at q (reg 0-7), or `movq/movl $imm,
 * (%rsp)` for X86_STACK0: its length and value.
 */
static size_t x86_mov_imm(const unsigned char *b, size_t q, size_t end, int mode64, unsigned reg,
			  long long *val)
{
	const unsigned char *p = b + q;
	size_t n = end - q;
	unsigned x = 0xc0 | reg << 3 | reg; /* modrm of reg, reg */

	/* a REX.B before the opcode would make it %r8-%r15: ambiguous, skip */
	if (mode64 && q > 0 && (b[q - 1] & 0xf1) == 0x41)
		return 0;
	if (reg == X86_STACK0) {
		if (mode64 && n >= 8 && memcmp(p, "\x48\xc7\x04\x24", 4) == 0) {
			*val = (long long)(int32_t)le32_at(p + 4);
			return 8;
		}
		if (n >= 7 && memcmp(p, "\xc7\x04\x24", 3) == 0) {
			*val = (long long)le32_at(p + 3);
			return 7;
		}
		return 0;
	}
	if (n >= 5 && p[0] == 0xb8 + reg) {
		*val = (long long)le32_at(p + 1);
		return 5;
	}
	if (mode64 && n >= 7 && p[0] == 0x48 && p[1] == 0xc7 && p[2] == 0xc0 + reg) {
		*val = (long long)(int32_t)le32_at(p + 3);
		return 7;
	}
	if (n >= 6 && p[0] == 0xc7 && p[1] == 0xc0 + reg) {
		*val = (long long)le32_at(p + 2);
		return 6;
	}
	if (n >= 2 && (p[0] == 0x31 || p[0] == 0x33) && p[1] == x) {
		*val = 0;
		return 2;
	}
	if (mode64 && n >= 3 && p[0] == 0x48 && (p[1] == 0x31 || p[1] == 0x33) && p[2] == x) {
		*val = 0;
		return 3;
	}
	return 0;
}

/*
 * The constant in reg (0-7 or X86_STACK0) at the instruction at b[at], -1
 * if unknown: the nearest `mov $imm` in the window from which decoding
 * forward reaches b[at] through instructions that leave reg alone.
 */
static long long x86_number(const unsigned char *b, size_t at, int mode64, unsigned reg,
			    size_t window)
{
	size_t lo = at > window ? at - window : 0, q;

	for (q = at; q-- > lo;) {
		long long val;
		size_t k = x86_mov_imm(b, q, at, mode64, reg, &val), p;
		int clob = 0;

		if (!k)
			continue;
		for (p = q + k; p < at;) {
			uint32_t w;
			size_t l = x86_insn(b + p, at - p, mode64, &w);

			if (!l || (w >> reg & 1)) {
				clob = 1;
				break;
			}
			p += l;
		}
		if (p == at && !clob)
			return val;
	}
	return -1;
}

/* Record syscall nr (-1: unknown) made by `insn` [`to`] at va. */
static void record_to(elf *e, const char *abi, long long nr, const char *insn, const char *to,
		      uint64_t va)
{
	kabi_strbuf_reset(&e->why);
	kabi_strbuf_printf(&e->why, "%s%s%s at 0x%llx", insn, to ? " " : "", to ? to : "",
			   (unsigned long long)va);
	if (nr < 0)
		kabi_needs_unknown(e->ns, e->why.buf);
	else
		kabi_needs_add(e->ns, abi, NULL, nr, 1, e->why.buf);
}

static void record(elf *e, const char *abi, long long nr, const char *insn, uint64_t va)
{
	record_to(e, abi, nr, insn, NULL, va);
}

static void record_call(elf *e, long long nr, const callee *c, uint64_t va)
{
	record_to(e, NULL, nr, "call to", c->name, va);
}

/* A call or jump at b[i] to one of e->callees: direct (e8/e9 rel32, eb
 * rel8) or through a GOT slot of syscall() (-fno-plt: ff 15/ff 25 disp32). */
static const callee *x86_call(const elf *e, const unsigned char *b, size_t i, size_t n, uint64_t va)
{
	static const callee got = {0, "syscall", ARG_C};
	uint64_t next;

	if ((b[i] == 0xe8 || b[i] == 0xe9) && i + 5 <= n) {
		next = va + i + 5;
		return find_callee(e, next + (uint64_t)(int64_t)(int32_t)le32_at(b + i + 1));
	}
	if (b[i] == 0xeb) /* jmp rel8: a tail call to a neighbour */
		return find_callee(e, va + i + 2 + (uint64_t)(int64_t)(signed char)b[i + 1]);
	if (b[i] == 0xff && (b[i + 1] == 0x15 || b[i + 1] == 0x25) && i + 6 <= n && e->nslots) {
		next = va + i + 6;
		if (is_slot(e, next + (uint64_t)(int64_t)(int32_t)le32_at(b + i + 2)))
			return &got;
	}
	return NULL;
}

/* The number passed to c by the call at b[i], -1 if unknown. */
static long long x86_call_number(const unsigned char *b, size_t i, const callee *c)
{
	long long nr;

	switch (c->arg) {
	case ARG_C:
		return x86_number(b, i, 1, 7, CALL_WINDOW);
	case ARG_GO:
		return x86_number(b, i, 1, 0, CALL_WINDOW);
	case ARG_GO_STACK:
	case ARG_GO_ANY:
		return x86_number(b, i, 1, X86_STACK0, CALL_WINDOW);
	}
	nr = x86_number(b, i, 1, X86_STACK0, CALL_WINDOW);
	return nr >= 0 ? nr : x86_number(b, i, 1, 0, CALL_WINDOW);
}

/* calls: look for calls to e->callees too (not in the PLT itself, whose
 * entries jump through the slots they resolve). */
static void scan_x86(elf *e, const unsigned char *b, size_t n, uint64_t va, int calls)
{
	int mode64 = e->machine == EM_X86_64;
	const callee *c;
	size_t i;

	calls = calls && mode64 && (e->ncallees || e->nslots);
	for (i = 0; i + 1 < n; i++) {
		if (mode64 && b[i] == 0x0f && b[i + 1] == 0x05)
			record(e, NULL, x86_number(b, i, 1, 0, WINDOW), "syscall", va + i);
		else if (b[i] == 0xcd && b[i + 1] == 0x80)
			record(e, "i386", x86_number(b, i, mode64, 0, WINDOW), "int $0x80", va + i);
		else if (!mode64 && i + 7 <= n && memcmp(b + i, "\x65\xff\x15\x10\0\0\0", 7) == 0)
			record(e, NULL, x86_number(b, i, 0, 0, WINDOW), "call *%gs:0x10", va + i);
		else if (calls && (c = x86_call(e, b, i, n, va)))
			record_call(e, x86_call_number(b, i, c), c, va + i);
	}
}

/* ---- arm64 ------------------------------------------------------------- */

/*
 * The value of the logical immediate N:immr:imms (ARM ARM DecodeBitMasks),
 * -1 when the encoding is reserved: a run of imms+1 ones, rotated right by
 * immr within an element of 2..64 bits, repeated to fill the register.
 */
static long long a64_bitmask(unsigned n, unsigned immr, unsigned imms, int sf)
{
	unsigned v = n << 6 | (~imms & 0x3f), len = 6, size, r, s, i;
	uint64_t elt, mask;

	if (!v || (!sf && n))
		return -1;
	while (!(v >> len & 1))
		len--;
	if (len == 0)
		return -1;
	size = 1u << len;
	s = imms & (size - 1);
	r = immr & (size - 1);
	if (s == size - 1)
		return -1;
	mask = size == 64 ? ~(uint64_t)0 : ((uint64_t)1 << size) - 1;
	elt = ((uint64_t)1 << (s + 1)) - 1;
	if (r)
		elt = ((elt >> r) | (elt << (size - r))) & mask;
	for (i = size; i < 64; i *= 2)
		elt |= elt << i;
	if (!sf)
		elt &= 0xffffffffu;
	return elt > (uint64_t)LLONG_MAX ? -1 : (long long)elt;
}

/*
 * The constant that `movz wR/xR, #imm16` put in register reg before the
 * instruction at file offset at (lo: start of the code), -1 if unknown:
 * look back at most `back` instructions, giving up at a branch or at an
 * instruction that may write reg (its Rd, or Rt2 of a load pair).
 */
static long long a64_number(const elf *e, size_t at, size_t lo, unsigned reg, size_t back)
{
	size_t k;

	for (k = 1; k <= back && k * 4 <= at - lo; k++) {
		uint32_t x = (uint32_t)rd(e, at - k * 4, 4);

		if ((x & 0x7fe0001fu) == (0x52800000u | reg)) /* movz, shift 0 */
			return (x >> 5) & 0xffff;
		if ((x & 0x7f8003ffu) == (0x320003e0u | reg)) /* orr wR/xR, wzr/xzr, #bitmask */
			return a64_bitmask(x >> 22 & 1, x >> 16 & 0x3f, x >> 10 & 0x3f, (int)(x >> 31));
		if ((x & 0x7fffffffu) == (0x2a1f03e0u | reg)) /* mov wR/xR, wzr/xzr */
			return 0;
		if ((x & 0x7c000000u) == 0x14000000u || (x & 0xfe000000u) == 0xd6000000u ||
		    (x & 0x7e000000u) == 0x34000000u || (x & 0x7e000000u) == 0x36000000u ||
		    (x & 0xff000010u) == 0x54000000u || x == 0xd4000001u)
			break; /* branch or svc */
		if ((x & 0x1f) == reg)
			break;
		if ((x & 0x3a400000u) == 0x28400000u && ((x >> 10) & 0x1f) == reg)
			break; /* ldp/ldnp second register */
	}
	return -1;
}

static void scan_arm64(elf *e, const unsigned char *b, size_t n, uint64_t va, uint64_t off,
		       int calls)
{
	size_t i = (size_t)((4 - (off & 3)) & 3), base = (size_t)(b - e->b);

	for (; i + 4 <= n; i += 4) {
		uint32_t w = (uint32_t)rd(e, base + i, 4);
		const callee *c;

		if (w == 0xd4000001) {
			record(e, NULL, a64_number(e, base + i, base, 8, AARCH64_BACK), "svc #0",
			       va + i);
		} else if ((w & 0x7c000000u) == 0x14000000u && calls && e->ncallees) { /* b, bl */
			int64_t imm = (int64_t)(w & 0x3ffffff);

			if (imm & (1 << 25))
				imm -= (int64_t)1 << 26;
			if (!(c = find_callee(e, va + i + (uint64_t)(imm * 4))))
				continue;
			record_call(e,
				    c->arg == ARG_GO_STACK || c->arg == ARG_GO_ANY
					    ? -1
					    : a64_number(e, base + i, base, 0, AARCH64_CALL_BACK),
				    c, va + i);
		}
	}
}

static void scan_code(elf *e)
{
	size_t i;
	int any = 0, calls;

	if (e->machine != EM_X86_64 && e->machine != EM_386 &&
	    !(e->machine == EM_AARCH64 && e->is64))
		return;
	for (i = 0; i < e->nsecs; i++) {
		const sec *s = &e->secs[i];

		if (s->type != 1 || !(s->flags & 4) || !in_file(e, s->offset, s->size))
			continue;
		any = 1;
		calls = strncmp(sec_name(e, s), ".plt", 4) != 0;
		if (e->machine == EM_AARCH64)
			scan_arm64(e, e->b + s->offset, (size_t)s->size, s->addr, s->offset, calls);
		else
			scan_x86(e, e->b + s->offset, (size_t)s->size, s->addr, calls);
	}
	if (any)
		return;
	for (i = 0; i < e->nsegs; i++) {
		const seg *s = &e->segs[i];

		if (s->type != 1 || !(s->flags & 1) || !in_file(e, s->offset, s->filesz))
			continue;
		if (e->machine == EM_AARCH64)
			scan_arm64(e, e->b + s->offset, (size_t)s->filesz, s->vaddr, s->offset, 1);
		else
			scan_x86(e, e->b + s->offset, (size_t)s->filesz, s->vaddr, 1);
	}
}

int kabi_elf_read_mem(kabi_needs **out, const unsigned char *buf, size_t len, const char *name)
{
	elf e;
	int rc, found;

	*out = NULL;
	memset(&e, 0, sizeof(e));
	e.b = buf;
	e.len = len;
	e.name = name;
	if ((rc = read_headers(&e)) < 0)
		goto out;
	e.ns = kabi_needs_new(e.abi, name);
	if ((rc = imports_from_sections(&e, &found)) < 0)
		goto out;
	if (!found && (rc = imports_from_dynamic(&e)) < 0)
		goto out;
	find_callees(&e);
	scan_code(&e);
	*out = e.ns;
	e.ns = NULL;
out:
	kabi_needs_free(e.ns);
	kabi_strbuf_free(&e.why);
	free(e.callees);
	free(e.slots);
	free(e.segs);
	free(e.secs);
	return rc;
}

/* Read a whole open file with the size cap. */
static int slurp_fd(int fd, const char *path, unsigned char **out, size_t *len)
{
	struct stat st;
	unsigned char *b;
	size_t got = 0;

	*out = NULL;
	if (fstat(fd, &st) < 0)
		return kabi_error_set(KABI_EIO, "cannot stat '%s': %s", path, strerror(errno));
	if ((uint64_t)st.st_size > MAX_FILE)
		return kabi_error_set(KABI_EINVALID, "'%s': larger than %zu MiB", path,
				      MAX_FILE >> 20);
	b = kabi_malloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, b + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(b);
			return kabi_error_set(KABI_EIO, "cannot read '%s': %s", path,
					      strerror(errno));
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	*out = b;
	*len = got;
	return 0;
}

int kabi_elf_read(kabi_needs **out, const char *path)
{
	unsigned char *b;
	size_t len;
	int fd, rc;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO,
				      "cannot open '%s': %s", path, strerror(errno));
	rc = slurp_fd(fd, path, &b, &len);
	close(fd);
	if (rc < 0)
		return rc;
	rc = kabi_elf_read_mem(out, b, len, path);
	free(b);
	return rc;
}

/* ---- directories ------------------------------------------------------- */

static void group_error(kabi_needs_group *g, const char *msg)
{
	if (g->nerrors == g->errors_alloc) {
		g->errors_alloc = g->errors_alloc ? g->errors_alloc * 2 : 8;
		g->errors = kabi_realloc(g->errors, g->errors_alloc * sizeof(*g->errors));
	}
	g->errors[g->nerrors++] = kabi_strdup(msg);
}

static void merge(kabi_needs_group *g, const kabi_needs *one, const char *rel, const char *root)
{
	kabi_needs *set = kabi_needs_group_get(g, one->abi, root);
	kabi_strbuf why = KABI_STRBUF_INIT;
	size_t i;

	for (i = 0; i < one->n; i++) {
		const kabi_need *d = &one->v[i];

		kabi_strbuf_reset(&why);
		kabi_strbuf_printf(&why, "%s in '%s'", d->why ? d->why : "", rel);
		kabi_needs_add(set, d->abi, d->name, d->nr, d->count, why.buf);
	}
	if (one->unknown) {
		kabi_strbuf_reset(&why);
		kabi_strbuf_printf(&why, "%s in '%s'", one->unknown_why ? one->unknown_why : "", rel);
		if (!set->unknown_why)
			set->unknown_why = kabi_strdup(why.buf);
		set->unknown += one->unknown;
	}
	kabi_strbuf_free(&why);
}

/* One regular file, opened relative to dirfd. */
static void walk_file(kabi_needs_group *g, int dirfd, const char *name, const char *path,
		      const char *rel, const char *root)
{
	unsigned char magic[4], *b = NULL;
	kabi_needs *one = NULL;
	size_t len;
	ssize_t r;
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		kabi_error_set(KABI_EIO, "cannot open '%s': %s", path, strerror(errno));
		group_error(g, kabi_error_last());
		return;
	}
	r = pread(fd, magic, 4, 0);
	if (r < 0) {
		kabi_error_set(KABI_EIO, "cannot read '%s': %s", path, strerror(errno));
		group_error(g, kabi_error_last());
	} else if (r == 4 && memcmp(magic, "\x7f" "ELF", 4) == 0) {
		if (slurp_fd(fd, path, &b, &len) < 0 || kabi_elf_read_mem(&one, b, len, path) < 0) {
			group_error(g, kabi_error_last());
		} else {
			merge(g, one, rel, root);
			g->files++;
		}
	}
	kabi_needs_free(one);
	free(b);
	close(fd);
}

/* Recurse into the directory open as dirfd (closed here).  path is the
 * full path for messages, rel its part below the root. */
static void walk_dir(kabi_needs_group *g, int dirfd, kabi_strbuf *path, size_t rel_at,
		     const char *root, int depth)
{
	DIR *d = fdopendir(dirfd);
	struct dirent *de;

	if (!d) {
		kabi_error_set(KABI_EIO, "cannot read directory '%s': %s", path->buf,
			       strerror(errno));
		group_error(g, kabi_error_last());
		close(dirfd);
		return;
	}
	while ((errno = 0, de = readdir(d))) {
		size_t keep = path->len;
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		kabi_strbuf_printf(path, "/%s", de->d_name);
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			kabi_error_set(KABI_EIO, "cannot stat '%s': %s", path->buf,
				       strerror(errno));
			group_error(g, kabi_error_last());
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd, de->d_name,
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (depth >= MAX_DEPTH) {
				kabi_error_set(KABI_EIO, "'%s': deeper than %d directories",
					       path->buf, MAX_DEPTH);
				group_error(g, kabi_error_last());
				if (sub >= 0)
					close(sub);
			} else if (sub < 0) {
				kabi_error_set(KABI_EIO, "cannot open directory '%s': %s",
					       path->buf, strerror(errno));
				group_error(g, kabi_error_last());
			} else {
				walk_dir(g, sub, path, rel_at, root, depth + 1);
			}
		} else if (S_ISREG(st.st_mode)) {
			walk_file(g, dirfd, de->d_name, path->buf, path->buf + rel_at, root);
		}
		/* symlinks, devices, fifos and sockets are skipped: a symlink's
		 * target inside the tree is read as itself, one outside is not
		 * ours, and not following them rules out loops */
		path->len = keep;
		path->buf[keep] = '\0';
	}
	if (errno) {
		kabi_error_set(KABI_EIO, "cannot read directory '%s': %s", path->buf,
			       strerror(errno));
		group_error(g, kabi_error_last());
	}
	closedir(d);
}

int kabi_elf_read_dir(kabi_needs_group *g, const char *dir)
{
	kabi_strbuf path = KABI_STRBUF_INIT;
	size_t before = g->nerrors;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO,
				      "cannot open directory '%s': %s", dir, strerror(errno));
	kabi_strbuf_puts(&path, dir);
	while (path.len > 1 && path.buf[path.len - 1] == '/')
		path.buf[--path.len] = '\0';
	walk_dir(g, fd, &path, path.len + 1, dir, 0);
	kabi_strbuf_free(&path);
	if (g->nerrors > before)
		return kabi_error_set(KABI_EIO, "%s (and %zu more)", g->errors[before],
				      g->nerrors - before - 1);
	return 0;
}
