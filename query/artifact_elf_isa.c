/*
 * artifact_elf_isa.c - syscall instructions of 32-bit arm, riscv, powerpc64
 * and s390x code, and the constant each puts in its number register: the
 * same small focused decoding as artifact_elf_code.c's for x86 and arm64
 * (see artifact_elf.c for the overview).
 *
 * Every decoder walks the code by the ISA's instruction lengths from a
 * place where an instruction starts, and looks only at instruction starts:
 *  - arm: `svc #0` (EABI, number in r7) and `svc #0x900000+nr` (OABI, the
 *    number in the instruction) in ARM state, `svc 0` in Thumb state (16-
 *    and 32-bit instructions: a first halfword 0b11101/0b11110/0b11111...
 *    starts a 32-bit one).  Which bytes are ARM, Thumb or data the mapping
 *    symbols say ($a, $t, $d: ARM ELF, "Mapping symbols"); a file without
 *    them (stripped) is decoded from each function symbol and the entry
 *    point, in the state their address's bit 0 gives.  The number: `mov
 *    r7, #imm`, `movw r7, #imm` (and `movt r7`), Thumb `movs r7, #imm8` or
 *    `mov.w r7, #imm`, outside an IT block;
 *  - riscv: `ecall`, number in a7: `li a7, imm` (`addi[w] a7, zero, imm`,
 *    `c.li a7, imm`).  With the C extension instructions are 2 or 4 bytes
 *    (the low two bits 11: 4), walked from each section and function start;
 *  - powerpc64 (either byte order): `sc` and `scv 0`, number in r0: `li
 *    r0, imm` (addi r0, 0, imm); here the search passes a conditional
 *    branch and follows one back to an sc only jumps reach, which is how
 *    glibc picks between scv and sc (ppc_number);
 *  - s390x (and 31-bit s390): `svc N` (0a NN), whose number is N when N is
 *    not 0, else the one in r1: `lghi %r1, imm` / `lhi %r1, imm`.
 *    Instructions are 2, 4 or 6 bytes by the top two bits of the first.
 * Looking back from the syscall at most BACK instructions, the search
 * gives up at a branch, at a syscall and at any instruction that may write
 * the number register - by a field's position, so more often than needed:
 * the error is toward "number unknown", never toward a wrong number.
 * Fixed-width code (arm, powerpc) is read at aligned addresses only.
 * Calls to syscall() are not followed on these ISAs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "artifact_elf_int.h"

#define BACK 8 /* instructions looked back for the number */

/* The starts of the last BACK instructions decoded, newest last. */
typedef struct {
	size_t at[BACK];
	size_t n;
} ring;

static void ring_push(ring *r, size_t at)
{
	r->at[r->n++ % BACK] = at;
}

/* The start of the k-th instruction before the current one (0: the one just
 * before), (size_t)-1 when there is none. */
static size_t ring_get(const ring *r, size_t k)
{
	return k < r->n && k < BACK ? r->at[(r->n - 1 - k) % BACK] : (size_t)-1;
}

/* The n-byte word at p, most significant byte first when be. */
static uint32_t word(const unsigned char *p, int n, int be)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[be ? i : n - 1 - i];
	return v;
}

/*
 * Walk b[0, n) (address va) by instruction lengths from the first aligned
 * byte: len_of gives the length of the instruction at p (0: not one, step
 * align), at looks at each.  A function start (e->starts) inside an
 * instruction means the walk is out of step: it starts again there.
 */
typedef size_t (*len_fn)(const unsigned char *p, size_t avail);
typedef void (*insn_fn)(elf *e, const unsigned char *b, size_t i, size_t len, uint64_t va, const ring *r);

static void walk(elf *e, const unsigned char *b, size_t n, uint64_t va, size_t align, len_fn len_of,
		 insn_fn at)
{
	size_t i = (size_t)((align - va % align) % align), s = kabi__elf_next_start(e, va ? va - 1 : 0);
	ring r = {{0}, 0};

	while (i < n) {
		size_t len = len_of(b + i, n - i);

		while (s < e->nstarts && (e->starts[s] <= va + i || e->starts[s] % align)) {
			if (e->starts[s] == va + i)
				r.n = 0; /* a function starts here: nothing before it counts */
			s++;
		}
		if (s < e->nstarts && e->starts[s] < va + i + (len ? len : align) && e->starts[s] < va + n) {
			i = (size_t)(e->starts[s] - va);
			continue;
		}
		if (!len) { /* no instruction: the look back stops here */
			r.n = 0;
			i += align;
			continue;
		}
		at(e, b, i, len, va, &r);
		ring_push(&r, i);
		i += len;
	}
}

/* ---- riscv --------------------------------------------------------------- */

#define RV_A7 17

static size_t rv_len(const unsigned char *p, size_t avail)
{
	size_t len = (p[0] & 3) != 3 ? 2 : (p[0] & 0x1c) != 0x1c ? 4 : (p[0] & 0x3f) == 0x1f ? 6 : 0;

	return avail >= 2 && len <= avail ? len : 0;
}

/* The constant in a7 before the instruction at b[i], -1 if unknown. */
static long long rv_number(const unsigned char *b, const ring *r)
{
	size_t k, q;

	for (k = 0; (q = ring_get(r, k)) != (size_t)-1; k++) {
		uint32_t h = word(b + q, 2, 0), w;

		if ((h & 3) != 3) { /* compressed */
			unsigned f3 = h >> 13, quad = h & 3;

			if ((h & 0xef83) == 0x4881) { /* c.li a7, imm6 */
				long long v = (h >> 12 & 1) << 5 | (h >> 2 & 0x1f);

				return v >= 32 ? -1 : v;
			}
			if ((quad == 1 && f3 >= 5) || (quad == 2 && f3 == 4 && !(h >> 2 & 0x1f)))
				break; /* c.j, c.beqz, c.bnez; c.jr, c.jalr, c.ebreak */
			if (quad != 0 && (h >> 7 & 0x1f) == RV_A7)
				break;
			continue;
		}
		if (rv_len(b + q, 4) != 4)
			break;
		w = word(b + q, 4, 0);
		if ((w & 0xfffff) == 0x893 || (w & 0xfffff) == 0x89b) { /* addi[w] a7, zero, imm */
			long long v = (long long)(w >> 20) - (w >> 31 ? 4096 : 0);

			return v;
		}
		if ((w & 0x7f) == 0x63 || (w & 0x7f) == 0x67 || (w & 0x7f) == 0x6f || (w & 0x7f) == 0x73)
			break; /* branch, jalr, jal, system */
		if ((w >> 7 & 0x1f) == RV_A7)
			break;
	}
	return -1;
}

static void rv_insn(elf *e, const unsigned char *b, size_t i, size_t len, uint64_t va, const ring *r)
{
	if (len == 4 && word(b + i, 4, 0) == 0x00000073)
		kabi__elf_record(e, NULL, rv_number(b, r), "ecall", NULL, va + i);
}

/* ---- powerpc ------------------------------------------------------------- */

#define PPC_BACK 16 /* glibc puts its argument set-up between li r0 and sc */
#define PPC_JOIN 32 /* how far back a bc to an sc reached only by jumps is looked for */

/* nop (ori r0,r0,0) and ori r2,r2,0: alignment padding */
static int ppc_nop(uint32_t x)
{
	return x == 0x60000000u || x == 0x60420000u;
}

/* b, blr, bctr: nothing falls through to the next word */
static int ppc_jumps_away(uint32_t x)
{
	return (x >> 26 == 18 && !(x & 1)) || x == 0x4e800020u || x == 0x4e800420u;
}

/*
 * The constant in r0 before the word at b[i] (lo: where the code starts),
 * -1 if unknown.  glibc tests whether the kernel has scv between li r0 and
 * the syscall: a `bc` to the sc path, which sits after a `b` or after the
 * function's `blr`.  So a `bc` does not end the search (on the path that
 * falls through, its taken path leaves), and where the search stands at a
 * word only jumps reach (a b, blr or bctr and padding before it), it goes on
 * from a `bc` to that word, when one is near.
 */
static long long ppc_number(const elf *e, const unsigned char *b, size_t i, size_t lo)
{
	size_t pos = i, top = i, k, q;

	for (k = 0; k < PPC_BACK && pos - lo >= 4; k++, pos -= 4) {
		uint32_t x = word(b + pos - 4, 4, e->be), op = x >> 26;

		if ((x & 0xffff0000u) == 0x38000000u) /* li r0, imm */
			return (long long)(int16_t)(x & 0xffff);
		if (ppc_nop(x))
			continue;
		if (ppc_jumps_away(x)) { /* top is reached by jumps only */
			for (q = pos - 4; q - lo >= 4 && pos - q <= PPC_JOIN * 4; q -= 4) {
				uint32_t y = word(b + q - 4, 4, e->be);

				if (y >> 26 == 16 && !(y & 3) &&
				    q - 4 + (size_t)(int64_t)(int16_t)(y & 0xfffc) == top)
					break;
			}
			if (q - lo < 4 || pos - q > PPC_JOIN * 4)
				break;
			pos = q; /* on from the bc (the loop steps over it) */
		} else if (op == 16 && !(x & 3)) {
			/* bc: on the path that falls through (its taken path leaves) */
		} else if (op == 16 || op == 17 || op == 18 || op == 19) {
			break; /* bcl, sc, bl, bclr/bcctr & co */
		} else if ((x >> 21 & 0x1f) == 0) {
			break; /* RT (or RS, BF ...) is r0 */
		}
		top = pos - 4;
	}
	return -1;
}

static void scan_ppc(elf *e, const unsigned char *b, size_t n, uint64_t va)
{
	size_t i = (size_t)((4 - va % 4) % 4), lo = i;

	for (; i + 4 <= n; i += 4) {
		uint32_t w = word(b + i, 4, e->be);

		if (w == 0x44000002u)
			kabi__elf_record(e, NULL, ppc_number(e, b, i, lo), "sc", NULL, va + i);
		else if (w == 0x44000001u)
			kabi__elf_record(e, NULL, ppc_number(e, b, i, lo), "scv 0", NULL, va + i);
	}
}

/* ---- s390 ---------------------------------------------------------------- */

static size_t s390_len(const unsigned char *p, size_t avail)
{
	size_t len = p[0] < 0x40 ? 2 : p[0] < 0xc0 ? 4 : 6;

	return len <= avail ? len : 0;
}

/* 1 when the instruction at p may branch or write r1 (or r0, whose pair
 * is r0-r1): the R1 field is in the second byte's high nibble but for
 * RRE/RRF (b3, b9), where it is in the fourth's. */
static int s390_stops(const unsigned char *p)
{
	unsigned op = p[0], r1 = p[1] >> 4, x = p[1] & 0xf;

	if (op < 0x40) /* RR: the arithmetic and loads of 10-1f only */
		return !(op >= 0x10 && r1 > 1);
	if (op == 0xb3 || op == 0xb9)
		return (p[3] >> 4) <= 1;
	if (op == 0xa7 || op == 0xa5) /* RI: a7 4-7 are branches */
		return (op == 0xa7 && x >= 4 && x <= 7) || r1 <= 1;
	if (op < 0xa0) {
		switch (op) {
		case 0x44: /* ex */
		case 0x45: /* bal */
		case 0x46: /* bct */
		case 0x47: /* bc */
		case 0x4d: /* bas */
		case 0x80:
		case 0x82:
		case 0x83:
		case 0x84: /* brxh */
		case 0x85: /* brxle */
		case 0x86: /* bxh */
		case 0x87: /* bxle */
		case 0x98: /* lm: a range */
		case 0x99:
		case 0x9a: return 1;
		}
		return r1 <= 1;
	}
	if (op < 0xc0)
		return 1;
	if (op == 0xc0 || op == 0xc2 || op == 0xc4 || op == 0xc6 || op == 0xc8 || op == 0xcc)
		return (op == 0xc0 && (x == 4 || x == 5)) || (op == 0xc6 && x == 0) ||
		       (op == 0xcc && x == 6) || r1 <= 1; /* brcl, brasl, exrl, brcth */
	if (op == 0xe3)
		return p[5] == 0x46 || r1 <= 1; /* bctg */
	if (op == 0xe5 || op == 0xe7 || op == 0xed)
		return r1 <= 1;
	return 1; /* SS (d0-df, e8-ef), RSY (eb: lmg, bxhg), ec (compare and branch) */
}

/* The constant in r1 before the instruction at b[i], -1 if unknown. */
static long long s390_number(const unsigned char *b, const ring *r)
{
	size_t k, q;

	for (k = 0; (q = ring_get(r, k)) != (size_t)-1; k++) {
		const unsigned char *p = b + q;

		if (p[0] == 0xa7 && (p[1] == 0x19 || p[1] == 0x18)) /* lghi / lhi %r1, imm16 */
			return (long long)(int16_t)(p[2] << 8 | p[3]);
		if (s390_stops(p))
			break;
	}
	return -1;
}

static void s390_insn(elf *e, const unsigned char *b, size_t i, size_t len, uint64_t va, const ring *r)
{
	char what[16];

	if (len != 2 || b[i] != 0x0a)
		return;
	snprintf(what, sizeof(what), "svc %u", b[i + 1]);
	kabi__elf_record(e, NULL, b[i + 1] ? (long long)b[i + 1] : s390_number(b, r), what, NULL, va + i);
}

/* ---- arm ----------------------------------------------------------------- */

#define EF_ARM_BE8 0x00800000u

typedef struct {
	uint64_t addr;
	char state; /* 'a' ARM, 't' Thumb, 'd' data */
} mark;

typedef struct {
	mark *v;
	size_t n, alloc;
} marks;

static void add_mark(marks *m, uint64_t addr, char state)
{
	if (m->n >= MAX_SYMS)
		return;
	KABI_ARRAY_GROW(m->v, m->n + 1, m->alloc);
	m->v[m->n].addr = addr;
	m->v[m->n++].state = state;
}

/* Add the mapping symbols ($a, $t, $d, optionally with a ".suffix") of
 * .symtab (fn 0), or the function symbols of .symtab and .dynsym, Thumb
 * when their address is odd (fn 1). */
static void marks_from_symbols(const elf *e, marks *m, int fn)
{
	size_t i;

	for (i = 0; i < e->nsecs; i++) {
		const sec *s = &e->secs[i];
		uint64_t j, n = s->size / (e->is64 ? 24 : 16);

		if ((s->type != 2 && (!fn || s->type != 11)) || !in_file(e, s->offset, s->size) ||
		    n > MAX_SYMS)
			continue;
		for (j = 1; j < n; j++) {
			uint64_t v;
			unsigned info, shndx;
			const char *name = kabi__elf_sym_at(e, s, j, &v, &info, &shndx);

			if (!name || shndx == 0 || shndx >= 0xff00)
				continue;
			if (!fn && name[0] == '$' && name[1] && strchr("atd", name[1]) &&
			    (!name[2] || name[2] == '.'))
				add_mark(m, v, name[1]);
			else if (fn && (info & 15) == 2 /* STT_FUNC */ && v > 1)
				add_mark(m, v & ~(uint64_t)1, v & 1 ? 't' : 'a');
		}
	}
}

/* Where ARM code, Thumb code and data are: from the mapping symbols when
 * there are any (0), else from the function symbols and the entry point
 * (1). */
static int find_marks(const elf *e, marks *m)
{
	uint64_t entry = rda(e, 24);

	marks_from_symbols(e, m, 0);
	if (m->n)
		return 0;
	if (entry > 1)
		add_mark(m, entry & ~(uint64_t)1, entry & 1 ? 't' : 'a');
	marks_from_symbols(e, m, 1);
	return 1;
}

static int mark_cmp(const void *pa, const void *pb)
{
	const mark *a = pa, *b = pb;

	return a->addr < b->addr ? -1 : a->addr > b->addr;
}

static uint32_t ror32(uint32_t v, unsigned r)
{
	r &= 31;
	return r ? v >> r | v << (32 - r) : v;
}

/* 1 when the ARM-state word x may branch or write r7: its Rd/Rt (bits
 * 12-15) or Rn/RdHi (16-19) is r7 or Rd is pc, a load/store multiple
 * names r7 or pc, or ldrd loads r6-r7. */
static int arm_stops(uint32_t x)
{
	unsigned rd = x >> 12 & 15;

	return x >> 28 == 0xf || (x & 0x0e000000u) == 0x0a000000u || (x & 0x0ff000d0u) == 0x01200010u ||
	       (x & 0x0f000000u) == 0x0f000000u || rd == 7 || rd == 15 || (x >> 16 & 15) == 7 ||
	       ((x & 0x0e000000u) == 0x08000000u && (x & 0x8080u)) ||
	       ((x & 0x0e1000f0u) == 0x000000d0u && rd == 6);
}

/* The constant in r7 before the ARM-state word at b[i] (lo: where this
 * stretch of ARM code starts), -1 if unknown. */
static long long arm_number(const unsigned char *b, size_t i, size_t lo, int be)
{
	long long hi = -1;
	size_t k;

	for (k = 1; k <= BACK && k * 4 <= i - lo; k++) {
		uint32_t x = word(b + i - k * 4, 4, be), v;

		if ((x & 0xfff0f000u) == 0xe3407000u) { /* movt r7, #imm16 */
			if (hi >= 0)
				break;
			hi = (x >> 16 & 15) << 12 | (x & 0xfff);
			continue;
		}
		if ((x & 0xffeff000u) == 0xe3a07000u) /* mov[s] r7, #imm */
			v = ror32(x & 0xff, (x >> 8 & 15) * 2);
		else if ((x & 0xfff0f000u) == 0xe3007000u) /* movw r7, #imm16 */
			v = (x >> 16 & 15) << 12 | (x & 0xfff);
		else if (arm_stops(x))
			break;
		else
			continue;
		return hi >= 0 ? (long long)((v & 0xffff) | (uint32_t)hi << 16) : (long long)v;
	}
	return -1;
}

/* Thumb: a first halfword that starts a 32-bit instruction. */
static int t32(uint32_t h)
{
	return (h >> 11) >= 0x1d;
}

/* 1 when the Thumb instruction h1 (h2: its second halfword) may branch
 * or write r7. */
static int thumb_stops(uint32_t h1, uint32_t h2)
{
	if (!t32(h1))
		return (h1 & 0xf000) == 0xd000 || (h1 & 0xf800) == 0xe000 || (h1 & 0xf500) == 0xb100 ||
		       (h1 & 0xff00) == 0x4700 || (h1 & 7) == 7 || (h1 >> 8 & 7) == 7 ||
		       ((h1 & 0xf600) == 0xb400 && (h1 & 0x1ff) >= 0x80) || /* push/pop: r7, pc */
		       ((h1 & 0xf000) == 0xc000 && (h1 & 0x80));            /* ldm/stm */
	return ((h1 & 0xf800) == 0xf000 && (h2 & 0x8000)) || ((h1 & 0xfe00) == 0xe800 && (h2 & 0x8080)) ||
	       (h2 >> 8 & 15) == 7 || (h2 >> 12) == 7 || (h2 >> 12) == 15;
}

static uint32_t thumb_expand_imm(uint32_t imm12)
{
	uint32_t imm8 = imm12 & 0xff;

	if (imm12 >> 10)
		return ror32(0x80 | (imm12 & 0x7f), imm12 >> 7);
	switch (imm12 >> 8 & 3) {
	case 0: return imm8;
	case 1: return imm8 << 16 | imm8;
	case 2: return imm8 << 24 | imm8 << 8;
	}
	return imm8 * 0x01010101u;
}

/* The constant in r7 before the Thumb instruction at b[i], -1 if unknown. */
static long long thumb_number(const unsigned char *b, const ring *r, int be)
{
	long long hi = -1;
	size_t k, q, j;

	for (k = 0; (q = ring_get(r, k)) != (size_t)-1; k++) {
		uint32_t h1 = word(b + q, 2, be), h2 = t32(h1) ? word(b + q + 2, 2, be) : 0, v;
		uint32_t imm16 = (h1 & 15) << 12 | (h1 >> 10 & 1) << 11 | (h2 >> 12 & 7) << 8 | (h2 & 0xff);

		if (t32(h1) && (h1 & 0xfbf0) == 0xf2c0 && (h2 & 0x8f00) == 0x0700) { /* movt r7 */
			if (hi >= 0)
				break;
			hi = imm16;
			continue;
		}
		if (!t32(h1) && (h1 & 0xff00) == 0x2700) /* movs r7, #imm8 */
			v = h1 & 0xff;
		else if (t32(h1) && (h1 & 0xfbf0) == 0xf240 && (h2 & 0x8f00) == 0x0700) /* movw r7 */
			v = imm16;
		else if (t32(h1) && (h1 & 0xfbef) == 0xf04f && (h2 & 0x8f00) == 0x0700) /* mov.w r7 */
			v = thumb_expand_imm((h1 >> 10 & 1) << 11 | (h2 >> 12 & 7) << 8 | (h2 & 0xff));
		else if (thumb_stops(h1, h2))
			break;
		else
			continue;
		/* in an IT block the mov may not have run: an IT covers the 1-4
		 * instructions after it that its mask's lowest set bit says */
		for (j = k + 1; j <= k + 4 && (q = ring_get(r, j)) != (size_t)-1; j++) {
			uint32_t it = word(b + q, 2, be), len = 4;

			if ((it & 0xff00) != 0xbf00 || !(it & 15))
				continue;
			while (!(it >> (4 - len) & 1))
				len--;
			if (j - k <= len)
				return -1;
		}
		return hi >= 0 ? (long long)((v & 0xffff) | (uint32_t)hi << 16) : (long long)v;
	}
	return -1;
}

/* Decode b[from, to) in state st ('a' or 't'). */
static void scan_arm_stretch(elf *e, const unsigned char *b, size_t from, size_t to, uint64_t va, char st)
{
	int be = e->be && !(e->eflags & EF_ARM_BE8); /* BE8: big-endian data, little-endian code */
	size_t i;

	if (st == 'a') {
		for (i = from + (size_t)((4 - (va + from) % 4) % 4); i + 4 <= to; i += 4) {
			uint32_t w = word(b + i, 4, be), imm = w & 0xffffff;
			char what[24];

			if ((w & 0x0f000000u) != 0x0f000000u || w >> 28 == 0xf)
				continue;
			if (imm == 0) {
				kabi__elf_record(e, "arm", arm_number(b, i, from, be), "svc #0", NULL,
						 va + i);
			} else if (imm >= 0x900000 && imm <= 0x9fffff) { /* OABI: the number is in it */
				snprintf(what, sizeof(what), "svc #0x%x", (unsigned)imm);
				kabi__elf_record(e, "arm-oabi", imm, what, NULL, va + i);
			}
		}
	} else if (st == 't') {
		ring r = {{0}, 0};

		for (i = from + (size_t)((va + from) & 1); i + 2 <= to;) {
			uint32_t h = word(b + i, 2, be);
			size_t len = t32(h) ? 4 : 2;

			if (i + len > to)
				break;
			if (h == 0xdf00)
				kabi__elf_record(e, "arm", thumb_number(b, &r, be), "svc 0 (thumb)", NULL,
						 va + i);
			ring_push(&r, i);
			i += len;
		}
	}
}

static void scan_arm(elf *e, const unsigned char *b, size_t n, uint64_t va, const marks *m, char state0)
{
	size_t k = 0, pos = 0;
	char st = state0;

	while (k < m->n && m->v[k].addr <= va)
		st = m->v[k++].state;
	for (;;) {
		size_t end = k < m->n && m->v[k].addr < va + n ? (size_t)(m->v[k].addr - va) : n;

		if (end > pos)
			scan_arm_stretch(e, b, pos, end, va, st);
		if (end == n)
			break;
		pos = end;
		st = m->v[k++].state;
	}
}

/* ---- dispatch ------------------------------------------------------------ */

int kabi__elf_isa_known(const elf *e)
{
	return e->machine == EM_ARM || e->machine == EM_RISCV || e->machine == EM_PPC64 ||
	       e->machine == EM_S390;
}

/* The regions to decode: the executable sections, or without section
 * headers the executable segments less the ELF and program headers. */
void kabi__elf_scan_isa(elf *e)
{
	marks m = {NULL, 0, 0};
	char state0 = 'd';
	size_t i, nreg = 0;

	if (e->machine == EM_ARM) {
		int fallback = find_marks(e, &m);

		if (m.n)
			qsort(m.v, m.n, sizeof(*m.v), mark_cmp);
		/* without mapping symbols, code before the first function is
		 * decoded in the first one's state */
		if (fallback && m.n)
			state0 = m.v[0].state;
	}
	for (i = 0; i < e->nsecs + e->nsegs; i++) {
		const unsigned char *b;
		uint64_t off, size, va;

		if (i < e->nsecs) {
			const sec *s = &e->secs[i];

			if (s->type != 1 || !(s->flags & 4))
				continue;
			off = s->offset, size = s->size, va = s->addr;
		} else {
			const seg *s = &e->segs[i - e->nsecs];
			uint64_t skip;

			if (nreg || s->type != 1 || !(s->flags & 1))
				continue;
			skip = s->offset ? 0 : kabi__elf_headers_end(e);
			if (skip >= s->filesz)
				continue;
			off = s->offset + skip, size = s->filesz - skip, va = s->vaddr + skip;
		}
		if (!in_file(e, off, size))
			continue;
		if (i < e->nsecs)
			nreg++;
		b = e->b + off;
		switch (e->machine) {
		case EM_ARM: scan_arm(e, b, (size_t)size, va, &m, state0); break;
		case EM_RISCV: walk(e, b, (size_t)size, va, 2, rv_len, rv_insn); break;
		case EM_PPC64: scan_ppc(e, b, (size_t)size, va); break;
		case EM_S390: walk(e, b, (size_t)size, va, 2, s390_len, s390_insn); break;
		}
	}
	free(m.v);
}
