/*
 * artifact_elf_code.c - the syscall numbers that x86 and arm64 code puts in
 * a register (or Go's stack slot) before a syscall instruction or a call to
 * a function that takes the number: a small focused decoder, see
 * artifact_elf.c for why and for its limits.
 */
#include <limits.h>
#include <string.h>

#include "artifact_elf_int.h"

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
	while (i < n && i < 4 &&
	       (p[i] == 0x66 || p[i] == 0xf2 || p[i] == 0xf3 || p[i] == 0x2e || p[i] == 0x3e ||
		p[i] == 0x26 || p[i] == 0x64 || p[i] == 0x65 || p[i] == 0x36)) {
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
	byteop = (op < 0x40 && !(op & 1)) || op == 0x80 || op == 0x86 || op == 0x88 || op == 0x8a ||
		 op == 0xc0 || op == 0xc6 || op == 0xd0 || op == 0xd2;
	switch (op) {
	case 0x88:
	case 0x89:
	case 0x86:
	case 0x87:
	case 0x00:
	case 0x01:
	case 0x08:
	case 0x09:
	case 0x10:
	case 0x11:
	case 0x18:
	case 0x19:
	case 0x20:
	case 0x21:
	case 0x28:
	case 0x29:
	case 0x30:
	case 0x31:
	case 0xd1:
	case 0xd3:
	case 0xd0:
	case 0xd2:
		dest_rm = 1;
		dest_reg = op == 0x86 || op == 0x87;
		break;
	case 0x8a:
	case 0x8b:
	case 0x8d:
	case 0x02:
	case 0x03:
	case 0x0a:
	case 0x0b:
	case 0x12:
	case 0x13:
	case 0x1a:
	case 0x1b:
	case 0x22:
	case 0x23:
	case 0x2a:
	case 0x2b:
	case 0x32:
	case 0x33:
	case 0x1b6:
	case 0x1b7:
	case 0x1be:
	case 0x1bf:
	case 0x1af: dest_reg = 1; break;
	case 0x38:
	case 0x39:
	case 0x3a:
	case 0x3b:
	case 0x84:
	case 0x85:
	case 0x11f:
	case 0x11e: /* nop r/m, endbr */ break;
	case 0x110:
	case 0x128:
	case 0x157:
	case 0x16f:
	case 0x1ef: /* to an xmm register */ xmm = 1; break;
	case 0x111:
	case 0x129:
	case 0x17f:
	case 0x1d6: /* from one: xmm or memory */
		xmm = 1;
		dest_rm = 1;
		break;
	case 0x63:
		if (!mode64)
			return 0;
		dest_reg = 1;
		break;
	case 0x80:
	case 0x83:
	case 0xc6:
	case 0xc0:
	case 0xc1:
		imm = 1;
		dest_rm = 1;
		break;
	case 0x81:
	case 0xc7:
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

/* The starts of the last instructions decoded, newest last: a backward
 * search tries only these (never the middle of an instruction). */
#define RING 32
typedef struct {
	size_t at[RING];
	size_t n; /* how many were pushed since the last function start */
} bounds;

static void bounds_push(bounds *bd, size_t at)
{
	bd->at[bd->n++ % RING] = at;
}

/*
 * The constant in reg (0-7 or X86_STACK0) at the instruction at b[at], -1
 * if unknown: the nearest `mov $imm` among the instructions decoded before
 * it (at most window bytes back, in the same function) from which
 * decoding forward reaches b[at] through instructions that leave reg alone.
 */
static long long x86_number(const unsigned char *b, size_t at, int mode64, unsigned reg, size_t window,
			    const bounds *bd)
{
	size_t k, lo = at > window ? at - window : 0;

	for (k = 0; k < bd->n && k < RING; k++) {
		size_t q = bd->at[(bd->n - 1 - k) % RING], p, len;
		long long val;
		int clob = 0;

		if (q >= at)
			continue;
		if (q < lo)
			break;
		if (!(len = x86_mov_imm(b, q, at, mode64, reg, &val))) {
			uint32_t w;

			/* an instruction that writes reg before the syscall, and is
			 * not a mov of a constant: the number is not known here */
			if (!x86_insn(b + q, at - q, mode64, &w) || (w >> reg & 1))
				break;
			continue;
		}
		for (p = q + len; p < at;) {
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
		break;
	}
	return -1;
}

void kabi__elf_record(elf *e, const char *abi, long long nr, const char *insn, const char *to, uint64_t va)
{
	const kabi_go_fallback *go;

	kabi_strbuf_reset(&e->why);
	kabi_strbuf_printf(&e->why, "%s%s%s", insn, to ? " " : "", to ? to : "");
	if (e->site)
		e->site(e->site_ctx, va, e->why.buf, nr);
	kabi_strbuf_printf(&e->why, " at 0x%llx", (unsigned long long)va);
	if (nr < 0) {
		kabi_needs_unknown(e->ns, e->why.buf);
	} else if (e->ngofuncs && (go = kabi__elf_go_fallback(e, abi, nr, va))) {
		/* a first try, or a fallback, of Go's (go_syscalls.c) */
		kabi_strbuf_printf(&e->why, " in %s", go->func);
		kabi_needs_add_as(e->ns, abi, NULL, nr, 1, e->why.buf, go->role, go->alt);
	} else {
		kabi_needs_add(e->ns, abi, NULL, nr, 1, e->why.buf);
	}
}

static void record(elf *e, const char *abi, long long nr, const char *insn, uint64_t va)
{
	kabi__elf_record(e, abi, nr, insn, NULL, va);
}

static void record_call(elf *e, long long nr, const callee *c, uint64_t va)
{
	kabi__elf_record(e, NULL, nr, "call to", c->name, va);
}

/* A call or jump at b[i] to one of e->callees: direct (e8/e9 rel32, eb
 * rel8) or through a GOT slot of syscall() (-fno-plt: ff 15/ff 25 disp32). */
static const callee *x86_call(const elf *e, const unsigned char *b, size_t i, size_t n, uint64_t va)
{
	static const callee got = {0, "syscall", ARG_C};
	uint64_t next;

	if ((b[i] == 0xe8 || b[i] == 0xe9) && i + 5 <= n) {
		next = va + i + 5;
		return kabi__elf_find_callee(e, next + (uint64_t)(int64_t)(int32_t)le32_at(b + i + 1));
	}
	if (b[i] == 0xeb && i + 2 <= n) /* jmp rel8: a tail call to a neighbour */
		return kabi__elf_find_callee(e, va + i + 2 + (uint64_t)(int64_t)(signed char)b[i + 1]);
	if (b[i] == 0xff && i + 6 <= n && (b[i + 1] == 0x15 || b[i + 1] == 0x25) && e->nslots) {
		next = va + i + 6;
		if (kabi__elf_is_slot(e, next + (uint64_t)(int64_t)(int32_t)le32_at(b + i + 2)))
			return &got;
	}
	return NULL;
}

/* The number passed to c by the call at b[i], -1 if unknown. */
static long long x86_call_number(const unsigned char *b, size_t i, const callee *c, const bounds *bd)
{
	long long nr;

	switch (c->arg) {
	case ARG_C: return x86_number(b, i, 1, 7, CALL_WINDOW, bd);
	case ARG_GO: return x86_number(b, i, 1, 0, CALL_WINDOW, bd);
	case ARG_GO_STACK:
	case ARG_GO_ANY: return x86_number(b, i, 1, X86_STACK0, CALL_WINDOW, bd);
	}
	nr = x86_number(b, i, 1, X86_STACK0, CALL_WINDOW, bd);
	return nr >= 0 ? nr : x86_number(b, i, 1, 0, CALL_WINDOW, bd);
}

size_t kabi__elf_next_start(const elf *e, uint64_t va)
{
	size_t lo = 0, hi = e->nstarts;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->starts[mid] <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Decodes the code at b (n bytes at address va) instruction by instruction,
 * as a disassembler does, and looks at each instruction start only: a
 * syscall instruction, int $0x80, call *%gs:0x10, or (calls) a call to one
 * of e->callees (not in the PLT itself, whose entries jump through the
 * slots they resolve).  Bytes that are no instruction are passed one at a
 * time, and what follows them up to the next function start is taken for
 * data: a syscall there is only a call kabi could not determine
 * (record_odd()); an instruction that would run over a function's first
 * byte means the decoding is out of step: it starts again there.
 */
/* Bytes like a syscall instruction after bytes that are no instruction,
 * with no function start in between: most likely data in the code (a
 * constant table), possibly code kabi decodes wrong.  Not a site, but
 * said: a call kabi could not determine. */
static void record_odd(elf *e, const char *insn, uint64_t va)
{
	kabi_strbuf_reset(&e->why);
	kabi_strbuf_printf(&e->why, "bytes like %s at 0x%llx after bytes that are no instruction", insn,
			   (unsigned long long)va);
	kabi_needs_unknown(e->ns, e->why.buf);
}

static void scan_x86(elf *e, const unsigned char *b, size_t n, uint64_t va, int calls)
{
	int mode64 = e->machine == EM_X86_64, odd = 0;
	const callee *c;
	size_t i = 0, s = kabi__elf_next_start(e, va > 0 ? va - 1 : 0);
	bounds bd = {{0}, 0};

	calls = calls && mode64 && (e->ncallees || e->nslots);
	while (i < n) {
		size_t len = kabi__x86_len(b + i, n - i, mode64);

		while (s < e->nstarts && e->starts[s] <= va + i) {
			if (e->starts[s] == va + i) {
				bd.n = 0; /* a function starts here: nothing before it counts */
				odd = 0;
			}
			s++;
		}
		if (!len) {
			len = 1;
			odd = 1; /* no instruction: data, until the next function */
		}
		if (s < e->nstarts && e->starts[s] < va + i + len && e->starts[s] < va + n) {
			i = (size_t)(e->starts[s] - va); /* out of step: go on from the function start */
			continue;
		}
		if (odd && len == 2 &&
		    ((mode64 && b[i] == 0x0f && b[i + 1] == 0x05) || (b[i] == 0xcd && b[i + 1] == 0x80)))
			record_odd(e, b[i] == 0x0f ? "syscall" : "int $0x80", va + i);
		else if (mode64 && len == 2 && b[i] == 0x0f && b[i + 1] == 0x05)
			record(e, NULL, x86_number(b, i, 1, 0, WINDOW, &bd), "syscall", va + i);
		else if (len == 2 && b[i] == 0xcd && b[i + 1] == 0x80)
			record(e, "i386", x86_number(b, i, mode64, 0, WINDOW, &bd), "int $0x80", va + i);
		else if (!mode64 && len == 7 && memcmp(b + i, "\x65\xff\x15\x10\0\0\0", 7) == 0)
			record(e, NULL, x86_number(b, i, 0, 0, WINDOW, &bd), "call *%gs:0x10", va + i);
		else if (calls && (c = x86_call(e, b, i + (b[i] == 0xf2 || b[i] == 0x3e), n, va)))
			record_call(e, x86_call_number(b, i, c, &bd), c, va + i); /* (bnd, notrack) */
		bounds_push(&bd, i);
		i += len;
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

static void scan_arm64(elf *e, const unsigned char *b, size_t n, uint64_t va, uint64_t off, int calls)
{
	size_t i = (size_t)((4 - (off & 3)) & 3), base = (size_t)(b - e->b);

	for (; i + 4 <= n; i += 4) {
		uint32_t w = (uint32_t)rd(e, base + i, 4);
		const callee *c;

		if (w == 0xd4000001) {
			record(e, NULL, a64_number(e, base + i, base, 8, AARCH64_BACK), "svc #0", va + i);
		} else if ((w & 0x7c000000u) == 0x14000000u && calls && e->ncallees) { /* b, bl */
			int64_t imm = (int64_t)(w & 0x3ffffff);

			if (imm & (1 << 25))
				imm -= (int64_t)1 << 26;
			if (!(c = kabi__elf_find_callee(e, va + i + (uint64_t)(imm * 4))))
				continue;
			record_call(e,
				    c->arg == ARG_GO_STACK || c->arg == ARG_GO_ANY
					    ? -1
					    : a64_number(e, base + i, base, 0, AARCH64_CALL_BACK),
				    c, va + i);
		}
	}
}

uint64_t kabi__elf_headers_end(const elf *e)
{
	uint64_t eh = rd(e, e->is64 ? 52 : 40, 2), phoff = rda(e, e->is64 ? 32 : 28);
	uint64_t ph = phoff + rd(e, e->is64 ? 54 : 42, 2) * rd(e, e->is64 ? 56 : 44, 2);

	return phoff <= eh + 64 && ph > eh ? ph : eh;
}

void kabi__elf_scan_code(elf *e)
{
	size_t i;
	int any = 0, calls;

	if (kabi__elf_isa_known(e)) {
		kabi__elf_scan_isa(e);
		return;
	}
	if (e->machine != EM_X86_64 && e->machine != EM_386 && !(e->machine == EM_AARCH64 && e->is64))
		return;
	for (i = 0; i < e->nsecs; i++) {
		const sec *s = &e->secs[i];

		if (s->type != 1 || !(s->flags & 4) || !in_file(e, s->offset, s->size))
			continue;
		any = 1;
		calls = strncmp(kabi__elf_sec_name(e, s), ".plt", 4) != 0;
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
		if (e->machine == EM_AARCH64) {
			scan_arm64(e, e->b + s->offset, (size_t)s->filesz, s->vaddr, s->offset, 1);
		} else {
			/* not the ELF and program headers at the start of the first
			 * segment: they are no code */
			uint64_t skip = s->offset ? 0 : kabi__elf_headers_end(e);

			if (skip < s->filesz)
				scan_x86(e, e->b + skip, (size_t)(s->filesz - skip), s->vaddr + skip, 1);
		}
	}
}
