/*
 * artifact_elf_starts.c - where functions start: the addresses from which
 * the x86, riscv and s390 code scans decode, so that after bytes they could
 * not decode (data in code, padding) they are back in step at the next
 * function.
 *
 * Two sources, both in stripped binaries' reach: the function symbols of
 * .symtab and .dynsym, and the call-frame information every x86-64 (and
 * riscv, s390x) object carries for unwinding (.eh_frame: one FDE per function, whose initial
 * location is the function's first instruction; the Linux Standard Base's
 * "Exception Frames" and DWARF 4 section 6.4.1 describe the layout and the
 * pointer encodings).
 */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "artifact_elf_int.h"
#include "error.h"

#define MAX_STARTS (1u << 22)

static void add_start(elf *e, uint64_t addr)
{
	if (e->nstarts >= MAX_STARTS)
		return;
	KABI_ARRAY_GROW(e->starts, e->nstarts + 1, e->astarts);
	e->starts[e->nstarts++] = addr;
}

static void starts_from_symbols(elf *e)
{
	size_t i;

	for (i = 0; i < e->nsecs; i++) {
		const sec *s = &e->secs[i];
		uint64_t j, n = s->size / (e->is64 ? 24 : 16);

		if ((s->type != 2 && s->type != 11) || !in_file(e, s->offset, s->size) || n > MAX_SYMS)
			continue;
		for (j = 1; j < n; j++) {
			uint64_t value;
			unsigned info, shndx;

			if (kabi__elf_sym_at(e, s, j, &value, &info, &shndx) && shndx != 0 && value != 0 &&
			    (info & 15) == 2 /* STT_FUNC */)
				add_start(e, value);
		}
	}
}

/* A cursor over one section's bytes; every read is checked. */
typedef struct {
	const elf *e;
	size_t at, end;
	uint64_t addr0; /* the address of the section's first byte */
	size_t off0;
	int bad;
} cursor;

static uint64_t take(cursor *c, int n)
{
	uint64_t v;

	if (c->bad || c->end - c->at < (size_t)n) {
		c->bad = 1;
		return 0;
	}
	v = rd(c->e, c->at, n);
	c->at += (size_t)n;
	return v;
}

static uint64_t uleb(cursor *c)
{
	uint64_t v = 0;
	unsigned shift = 0, b;

	do {
		b = (unsigned)take(c, 1);
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while ((b & 0x80) && !c->bad);
	return v;
}

/* A pointer in DWARF exception-header encoding enc (DW_EH_PE_*): absolute
 * or relative to its own address; *ok 0 for encodings kabi does not read. */
static uint64_t pointer(cursor *c, unsigned enc, int *ok)
{
	uint64_t here = c->addr0 + (c->at - c->off0), v;

	*ok = 1;
	switch (enc & 0x0f) {
	case 0x00: v = take(c, c->e->is64 ? 8 : 4); break;
	case 0x01: v = uleb(c); break;
	case 0x02: v = take(c, 2); break;
	case 0x03: v = take(c, 4); break;
	case 0x04: v = take(c, 8); break;
	case 0x0a: v = (uint64_t)(int64_t)(int16_t)take(c, 2); break;
	case 0x0b: v = (uint64_t)(int64_t)(int32_t)take(c, 4); break;
	case 0x0c: v = take(c, 8); break;
	default: *ok = 0; return 0;
	}
	switch (enc & 0x70) {
	case 0x00: break;
	case 0x10: v += here; break; /* pcrel */
	default: *ok = 0;
	}
	if (enc & 0x80) /* indirect: the value is elsewhere */
		*ok = 0;
	if (!c->e->is64)
		v &= 0xffffffffu;
	return v;
}

/* The FDE pointer encoding of the CIE at off, -1 when it cannot be read. */
static int cie_encoding(const elf *e, const sec *s, size_t off)
{
	cursor c = {e, off, (size_t)(s->offset + s->size), s->addr, (size_t)s->offset, 0};
	uint64_t len = take(&c, 4), version;
	const char *aug;
	size_t augend;
	int enc = 0; /* absptr */

	if (len == 0xffffffffu)
		len = take(&c, 8);
	if (c.bad || len > c.end - c.at)
		return -1;
	c.end = c.at + (size_t)len;
	if (take(&c, 4) != 0) /* a CIE has id 0 in .eh_frame */
		return -1;
	version = take(&c, 1);
	aug = (const char *)e->b + c.at;
	augend = c.at;
	while (augend < c.end && e->b[augend])
		augend++;
	if (c.bad || augend >= c.end)
		return -1;
	c.at = augend + 1;
	if (strstr(aug, "eh")) /* GCC 2.x's pointer: not read */
		return -1;
	uleb(&c); /* code alignment */
	uleb(&c); /* data alignment (sleb: only skipped) */
	if (version == 1)
		take(&c, 1);
	else
		uleb(&c);
	if (aug[0] != 'z')
		return c.bad ? -1 : enc;
	uleb(&c); /* augmentation length */
	for (aug++; *aug && !c.bad; aug++) {
		int ok;

		if (*aug == 'R') {
			enc = (int)take(&c, 1);
		} else if (*aug == 'P') {
			unsigned penc = (unsigned)take(&c, 1);

			pointer(&c, penc & 0x7f, &ok);
			if (!ok)
				return -1;
		} else if (*aug == 'L') {
			take(&c, 1);
		} else if (*aug != 'S' && *aug != 'B') {
			break; /* unknown: the FDE encoding is already known, or absptr */
		}
	}
	return c.bad ? -1 : enc;
}

static void starts_from_eh_frame(elf *e, const sec *s)
{
	size_t end = (size_t)(s->offset + s->size), at = (size_t)s->offset;
	size_t cached_cie = (size_t)-1;
	int enc = -1;

	while (end - at >= 8) {
		cursor c = {e, at, end, s->addr, (size_t)s->offset, 0};
		uint64_t len = take(&c, 4), id;
		size_t body, next;

		if (len == 0) /* the terminator */
			break;
		if (len == 0xffffffffu)
			len = take(&c, 8);
		if (c.bad || len > end - c.at || len < 4)
			break;
		body = c.at;
		next = body + (size_t)len;
		c.end = next;
		id = take(&c, 4);
		if (id != 0 &&
		    id <= body - (size_t)s->offset) { /* an FDE: id is the distance back to its CIE */
			size_t cie = body - (size_t)id;
			int ok;
			uint64_t pc;

			if (cie != cached_cie) {
				enc = cie_encoding(e, s, cie);
				cached_cie = cie;
			}
			if (enc >= 0) {
				pc = pointer(&c, (unsigned)enc, &ok);
				if (ok && !c.bad && pc)
					add_start(e, pc);
			}
		}
		at = next;
	}
}

static int addr_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

void kabi__elf_find_starts(elf *e)
{
	size_t i, k;

	/* the entry point: the one start that binaries without sections have */
	add_start(e, rda(e, 24));
	starts_from_symbols(e);
	for (i = 0; i < e->nsecs; i++) {
		const sec *s = &e->secs[i];

		if (s->type != 8 /* NOBITS */ && in_file(e, s->offset, s->size) &&
		    strcmp(kabi__elf_sec_name(e, s), ".eh_frame") == 0)
			starts_from_eh_frame(e, s);
	}
	if (!e->nstarts)
		return;
	qsort(e->starts, e->nstarts, sizeof(*e->starts), addr_cmp);
	for (i = k = 1; i < e->nstarts; i++)
		if (e->starts[i] != e->starts[k - 1])
			e->starts[k++] = e->starts[i];
	e->nstarts = k;
}
