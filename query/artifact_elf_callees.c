/*
 * artifact_elf_callees.c - where the functions that take a syscall number
 * are in an ELF file: libc's syscall() through its PLT entries and GOT
 * slots, or at its .symtab address in static binaries, and Go's
 * syscall.Syscall & co through .symtab or, when stripped, .gopclntab.
 * See artifact_elf.c for the overview.
 */
#include <stdlib.h>
#include <string.h>

#include "artifact_elf_int.h"
#include "error.h"

/*
 * Go functions whose first argument is the syscall number.  Calls go to
 * these names under the register ABI (Go 1.17+ on amd64, 1.18+ on arm64);
 * a ".abi0" suffix is the assembly entry that takes its arguments on the
 * stack.  golang.org/x/sys/unix may be vendored under any prefix.
 */
static const char *const go_syscall_funcs[] = {
	"syscall.Syscall",
	"syscall.Syscall6",
	"syscall.RawSyscall",
	"syscall.RawSyscall6",
	"syscall.rawSyscallNoError",
	"syscall.RawSyscallNoError",
	"syscall.rawVforkSyscall",
	"syscall.AllThreadsSyscall",
	"syscall.AllThreadsSyscall6",
	"runtime/internal/syscall.Syscall6",
	"internal/runtime/syscall.Syscall6",
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

const callee *kabi__elf_find_callee(const elf *e, uint64_t addr)
{
	size_t i;

	for (i = 0; i < e->ncallees; i++)
		if (e->callees[i].addr == addr)
			return &e->callees[i];
	return NULL;
}

int kabi__elf_is_slot(const elf *e, uint64_t addr)
{
	size_t i;

	for (i = 0; i < e->nslots; i++)
		if (e->slots[i] == addr)
			return 1;
	return 0;
}

const char *kabi__elf_sym_at(const elf *e, const sec *symsec, uint64_t i, uint64_t *value, unsigned *info,
			     unsigned *shndx)
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
			const char *name = kabi__elf_sym_at(e, s, j, &value, &info, &shndx), *go;
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
			name = kabi__elf_sym_at(e, &e->secs[s->link], sym, &value, &inf, &shndx);
			if (!name || strcmp(name, "syscall") != 0 || kabi__elf_is_slot(e, where))
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
		    strncmp(kabi__elf_sec_name(e, s), ".plt", 4) != 0)
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
				if (kabi__elf_is_slot(e, s->addr + p + 6 + (uint64_t)(int64_t)disp))
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
			if (!kabi__elf_is_slot(e, page + ((ldr >> 10) & 0xfff) * 8))
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
 * Older layouts (Go < 1.16) are not read.  The entry of the next function
 * (the table ends with the end of the code) bounds each one.
 *
 * with_callees: add the syscall-number-first functions to e->callees (a
 * stripped binary); always: the functions of Go's fallback table to
 * e->gofuncs.
 */
static void from_pclntab(elf *e, int with_callees)
{
	const sec *s = NULL, *text = NULL;
	uint64_t o, n, nfunc, start = 0, names, pcln, i, fe;
	uint32_t magic;
	unsigned ptr;
	int go118, regabi;
	size_t k;

	for (k = 0; k < e->nsecs; k++) {
		const char *nm = kabi__elf_sec_name(e, &e->secs[k]);
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
		if (with_callees && (go = go_callee(name, &abi0)))
			add_callee(e, entry, go, regabi ? ARG_GO_ANY_REG : ARG_GO_ANY);
		if (e->ngofuncs < MAX_GOFUNCS && kabi_go_fallback_find(name, e->abi, -1) &&
		    (i + 1) * fe + (go118 ? 4 : ptr) <= n - pcln) {
			if (!e->gofuncs)
				e->gofuncs = kabi_calloc(MAX_GOFUNCS, sizeof(*e->gofuncs));
			e->gofuncs[e->ngofuncs].lo = entry;
			e->gofuncs[e->ngofuncs].hi =
				go118 ? start + rd(e, (size_t)(at + fe), 4) : rdp(e, at + fe, ptr);
			e->gofuncs[e->ngofuncs].name = name;
			e->ngofuncs++;
		}
	}
}

/*
 * runtime.buildVersion from .go.buildinfo (Go 1.18+, debug/buildinfo):
 * the 14 magic bytes "\xff Go buildinf:", the pointer size, a flags byte
 * whose bit 2 says the strings follow the 32-byte header inline, each a
 * uvarint length and its bytes.  Older layouts point to the strings
 * instead; their version stays unknown.
 */
static void go_version(elf *e)
{
	static const char magic[] = "\xff Go buildinf:";
	uint64_t o, n, len = 0;
	unsigned shift = 0;
	size_t k, i;

	for (k = 0; k < e->nsecs; k++)
		if (strcmp(kabi__elf_sec_name(e, &e->secs[k]), ".go.buildinfo") == 0)
			break;
	if (k == e->nsecs || !in_file(e, e->secs[k].offset, e->secs[k].size) || e->secs[k].size < 33)
		return;
	o = e->secs[k].offset;
	n = e->secs[k].size;
	if (memcmp(e->b + o, magic, 14) != 0 || !(e->b[o + 15] & 2))
		return;
	for (i = 32; i < n && i < 32 + 10; i++) {
		len |= (uint64_t)(e->b[o + i] & 0x7f) << shift;
		shift += 7;
		if (!(e->b[o + i] & 0x80))
			break;
	}
	if (i >= n || len >= sizeof(e->gover) || len > n - i - 1)
		return;
	memcpy(e->gover, e->b + o + i + 1, (size_t)len);
	e->gover[len] = '\0';
}

const kabi_go_fallback *kabi__elf_go_fallback(elf *e, const char *abi, long long nr, uint64_t va)
{
	const kabi_go_fallback *row;
	size_t i;

	for (i = 0; i < e->ngofuncs; i++)
		if (va >= e->gofuncs[i].lo && va < e->gofuncs[i].hi)
			break;
	if (i == e->ngofuncs || !(row = kabi_go_fallback_find(e->gofuncs[i].name, abi ? abi : e->abi, nr)))
		return NULL;
	if (kabi_go_version_known(e->gover))
		return row;
	if (!e->go_noted)
		kabi_needs_warn(e->ns,
				"built by %s; kabi knows Go's fallbacks for %s only, so %s's %s (and any "
				"like it) counts as required",
				*e->gover ? e->gover : "an unknown Go release", KABI_GO_FALLBACK_VERSION,
				row->func, row->syscall);
	e->go_noted = 1;
	return NULL;
}

void kabi__elf_find_callees(elf *e)
{
	size_t before;

	if (e->machine != EM_X86_64 && !(e->machine == EM_AARCH64 && e->is64))
		return;
	before = e->ncallees;
	callees_from_symtab(e);
	from_pclntab(e, e->ncallees == before);
	if (e->ngofuncs)
		go_version(e);
	slots_from_relocs(e);
	callees_from_plt(e);
}
