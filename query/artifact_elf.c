/*
 * artifact_elf.c - syscalls an ELF binary needs.
 *
 * Two sources:
 *  (a) imported libc wrappers: undefined function symbols of .dynsym, or of
 *      the PT_DYNAMIC symbol table (sized through DT_HASH / DT_GNU_HASH)
 *      when section headers are stripped, mapped through libc_syscalls.c;
 *  (b) syscall instructions with a constant number: x86_64/x32 `syscall`,
 *      i386 `int $0x80` and `call *%gs:0x10`, arm64 `svc #0`; and in
 *      artifact_elf_isa.c, 32-bit arm `svc #0` (ARM and Thumb state, r7)
 *      and OABI `svc #0x900000+nr`, riscv `ecall` (a7), powerpc64 `sc` /
 *      `scv 0` (r0, either byte order) and s390 `svc N` (r1 for `svc 0`).
 *
 * For (b) we use our own x86 decoder instead of capstone (no new
 * dependency, and the question is narrow).  artifact_elf_x86.c knows the
 * length of every instruction, so the scan walks the code instruction by
 * instruction as objdump -d does, from each executable section's start and
 * again from every function start (symbols, .eh_frame FDEs, the entry
 * point: artifact_elf_starts.c) where the walk was out of step: bytes 0f 05
 * or cd 80 inside a call's displacement or an immediate are never taken for
 * a syscall (tests/cli/test_elf_sites.sh checks every site against objdump
 * on a sample of the system's binaries).  For the number, the instructions
 * just before the syscall in the same function are searched backward for a
 * `mov $imm, %eax` (b8 imm32, 48 c7 c0 imm32, c7 c0 imm32) or `xor
 * %eax,%eax` with only straight-line instructions that leave eax alone in
 * between.  A jump target between the mov and the syscall is invisible to
 * us.  Anything the decoder does not know (calls, jumps, mul/div, pop %rax,
 * ...) rejects the candidate, so the error is biased toward "number
 * unknown" (counted in kabi_needs.unknown) rather than
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
 *     .gopclntab (Go 1.16+), which also says which Go function holds a
 *     site: a site of Go's fallback table (go_syscalls.c) is optional or
 *     a fallback there, when .go.buildinfo names the Go release the
 *     table was read in.  Without section headers (no PLT), or in
 *     stripped static C binaries, only (a) and (b) remain.  (c) is read
 *     on x86_64 and arm64 only.
 *
 * Files: this one reads headers, imports (a) and directories;
 * artifact_elf_code.c the x86 and arm64 code (b, c), artifact_elf_isa.c
 * the arm, riscv, powerpc64 and s390 code (b); artifact_elf_callees.c finds
 * the callees of (c), artifact_elf_starts.c the function starts the
 * variable-length decoders resynchronise at.
 *
 * Numbers are reported raw (x32 numbers keep their 0x40000000 bit, OABI
 * ones their 0x900000).  Other architectures (mips, sparc, loongarch ...)
 * get imports only.  Every offset and size read from the file
 * is checked against the buffer before use; files are read into memory with
 * a 512 MiB cap.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi.h"
#include "array.h"
#include "artifact_elf_int.h"
#include "error.h"
#include "file.h"

#define MAX_FILE  KABI_ELF_MAX
#define MAX_DEPTH 256

static int bad(const elf *e, uint64_t off, const char *what)
{
	return kabi_error_set(KABI_EINVALID, "'%s' offset %llu: %s", e->name, (unsigned long long)off, what);
}

/* The ABI from the header's fields: the registry's ELF column (db/abi.c). */
static const char *abi_of(unsigned machine, int is64, uint32_t flags)
{
	const kabi_abi_info *a = kabi_abi_of_elf(machine, is64, flags);

	return a ? a->name : NULL;
}

const char *kabi_elf_abi(const unsigned char *buf, size_t len)
{
	elf e;

	if (len < 52 ||
	    memcmp(buf,
		   "\x7f"
		   "ELF",
		   4) != 0 ||
	    (buf[4] != 1 && buf[4] != 2) || (buf[5] != 1 && buf[5] != 2))
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

	if (e->len < 16 || memcmp(e->b,
				  "\x7f"
				  "ELF",
				  4) != 0)
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

const char *kabi__elf_sec_name(const elf *e, const sec *s)
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

/* ---- imports ----------------------------------------------------------- */

static void add_libc_syscall(void *ctx, const char *sc, kabi_need_role role, const char *alt)
{
	elf *e = ctx;

	if (strcmp(sc, "?") == 0)
		kabi_needs_unknown(e->ns, e->why.buf);
	else
		kabi_needs_add_as(e->ns, NULL, sc, -1, 1, e->why.buf, role, alt);
}

static void add_import(elf *e, const char *sym)
{
	const kabi_libc_map *m;
	char name[128];
	const char *at = strchr(sym, '@');
	size_t n = at ? (size_t)(at - sym) : strlen(sym);

	if (n == 0 || n >= sizeof(name))
		return;
	memcpy(name, sym, n);
	name[n] = '\0';
	if (!(m = kabi_libc_lookup(name, e->abi)))
		return;
	kabi_strbuf_reset(&e->why);
	kabi_strbuf_printf(&e->why, "import %s", name);
	kabi_libc_syscalls(m, add_libc_syscall, e);
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
			if (tag == 4)
				hash = val;
			else if (tag == 5)
				strtab = val;
			else if (tag == 6)
				symtab = val;
			else if (tag == 10)
				strsz = val;
			else if (tag == 0x6ffffef5)
				gnuhash = val;
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

int kabi_elf_read_mem(kabi_needs **out, const unsigned char *buf, size_t len, const char *name)
{
	return kabi_elf_read_sites(out, buf, len, name, NULL, NULL);
}

/*
 * Code that the headers place past the end of the file: a truncated file
 * (a download cut short, a binary copied while written).  Its syscalls
 * would be missed, and an answer from the rest would be a "yes" from half
 * a program: an error instead.
 */
static int code_in_file(const elf *e)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < e->nsecs; i++) {
		const sec *s = &e->secs[i];

		if (s->type != 1 || !(s->flags & 4) || in_file(e, s->offset, s->size))
			continue;
		kabi_strbuf_printf(&sb,
				   "code section '%s' (%llu bytes) goes past the end of the file (%zu "
				   "bytes): a truncated file?",
				   kabi__elf_sec_name(e, s), (unsigned long long)s->size, e->len);
		rc = bad(e, s->offset, sb.buf);
		kabi_strbuf_free(&sb);
		return rc;
	}
	for (i = 0; i < e->nsegs; i++) {
		const seg *s = &e->segs[i];

		if (s->type != 1 || !(s->flags & 1) || in_file(e, s->offset, s->filesz))
			continue;
		kabi_strbuf_printf(&sb,
				   "executable segment (%llu bytes) goes past the end of the file (%zu "
				   "bytes): a truncated file?",
				   (unsigned long long)s->filesz, e->len);
		rc = bad(e, s->offset, sb.buf);
		kabi_strbuf_free(&sb);
		return rc;
	}
	return 0;
}

int kabi_elf_read_sites(kabi_needs **out, const unsigned char *buf, size_t len, const char *name,
			kabi_elf_site_fn site, void *ctx)
{
	elf e;
	int rc, found;

	*out = NULL;
	memset(&e, 0, sizeof(e));
	e.b = buf;
	e.len = len;
	e.name = name;
	e.site = site;
	e.site_ctx = ctx;
	if ((rc = read_headers(&e)) < 0 || (rc = code_in_file(&e)) < 0)
		goto out;
	e.ns = kabi_needs_new(e.abi, name);
	if ((rc = imports_from_sections(&e, &found)) < 0)
		goto out;
	if (!found && (rc = imports_from_dynamic(&e)) < 0)
		goto out;
	kabi__elf_find_callees(&e);
	if (e.machine == EM_X86_64 || e.machine == EM_386 || e.machine == EM_RISCV || e.machine == EM_S390)
		kabi__elf_find_starts(&e);
	kabi__elf_scan_code(&e);
	*out = e.ns;
	e.ns = NULL;
out:
	kabi_needs_free(e.ns);
	kabi_strbuf_free(&e.why);
	free(e.callees);
	free(e.gofuncs);
	free(e.slots);
	free(e.starts);
	free(e.segs);
	free(e.secs);
	return rc;
}

int kabi_elf_read(kabi_needs **out, const char *path)
{
	char *b;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = kabi_file_read(&b, &len, path, MAX_FILE)) < 0)
		return rc;
	rc = kabi_elf_read_mem(out, (const unsigned char *)b, len, path);
	free(b);
	return rc;
}

/* ---- directories ------------------------------------------------------- */

static void group_error(kabi_needs_group *g, const char *msg)
{
	KABI_ARRAY_GROW(g->errors, g->nerrors + 1, g->errors_alloc);
	g->errors[g->nerrors++] = kabi_strdup(msg);
}

/* One regular file, opened relative to dirfd. */
static void walk_file(kabi_needs_group *g, int dirfd, const char *name, const char *path, const char *rel,
		      const char *root)
{
	unsigned char magic[4];
	char *b = NULL;
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
	} else if (r == 4 && memcmp(magic,
				    "\x7f"
				    "ELF",
				    4) == 0) {
		if (kabi_file_read_fd(&b, &len, fd, path, MAX_FILE) < 0 ||
		    kabi_elf_read_mem(&one, (const unsigned char *)b, len, path) < 0) {
			group_error(g, kabi_error_last());
		} else {
			kabi_needs_group_merge(g, one, one->abi, rel, root);
			g->files++;
		}
	}
	kabi_needs_free(one);
	free(b);
	close(fd);
}

/* Recurse into the directory open as dirfd (closed here).  path is the
 * full path for messages, rel its part below the root. */
static void walk_dir(kabi_needs_group *g, int dirfd, kabi_strbuf *path, size_t rel_at, const char *root,
		     int depth)
{
	DIR *d = fdopendir(dirfd);
	struct dirent *de;

	if (!d) {
		kabi_error_set(KABI_EIO, "cannot read directory '%s': %s", path->buf, strerror(errno));
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
			kabi_error_set(KABI_EIO, "cannot stat '%s': %s", path->buf, strerror(errno));
			group_error(g, kabi_error_last());
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (depth >= MAX_DEPTH) {
				kabi_error_set(KABI_EIO, "'%s': deeper than %d directories", path->buf,
					       MAX_DEPTH);
				group_error(g, kabi_error_last());
				if (sub >= 0)
					close(sub);
			} else if (sub < 0) {
				kabi_error_set(KABI_EIO, "cannot open directory '%s': %s", path->buf,
					       strerror(errno));
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
		kabi_error_set(KABI_EIO, "cannot read directory '%s': %s", path->buf, strerror(errno));
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
