/*
 * artifact_elf_x86.c - the length of any x86 instruction, so that the code
 * scan walks instruction boundaries as a disassembler does and never takes
 * the bytes of `syscall` inside another instruction (a call's displacement,
 * an immediate) for one.
 *
 * Only lengths: prefixes, REX, the one-byte, 0f, 0f 38 and 0f 3a maps,
 * 3DNow!, VEX, EVEX and XOP, ModRM/SIB/displacement in 16-, 32- and 64-bit
 * addressing, and the immediates (Intel SDM vol. 2, appendix A).
 */
#include "artifact_elf_int.h"

/* Immediate kinds of the one-byte map. */
enum {
	I0,
	I8,
	I16,
	IZ /* 16 or 32 by operand size */,
	IV /* imm64 with REX.W */,
	I24 /* enter */,
	IFAR,
	IMOFFS
};

/* One-byte opcodes: M = has ModRM; the immediate; X = not an instruction
 * start (prefixes and escapes, handled before the table). */
#define M 0x10
#define X 0x20
// clang-format off
static const unsigned char one[256] = {
	/* 00 */ M, M, M, M, I8, IZ, I0, I0, M, M, M, M, I8, IZ, I0, X,
	/* 10 */ M, M, M, M, I8, IZ, I0, I0, M, M, M, M, I8, IZ, I0, I0,
	/* 20 */ M, M, M, M, I8, IZ, X, I0, M, M, M, M, I8, IZ, X, I0,
	/* 30 */ M, M, M, M, I8, IZ, X, I0, M, M, M, M, I8, IZ, X, I0,
	/* 40 */ I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0,
	/* 50 */ I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, I0,
	/* 60 */ I0, I0, M, M, X, X, X, X, IZ, M | IZ, I8, M | I8, I0, I0, I0, I0,
	/* 70 */ I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8,
	/* 80 */ M | I8, M | IZ, M | I8, M | I8, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 90 */ I0, I0, I0, I0, I0, I0, I0, I0, I0, I0, IFAR, I0, I0, I0, I0, I0,
	/* a0 */ IMOFFS, IMOFFS, IMOFFS, IMOFFS, I0, I0, I0, I0, I8, IZ, I0, I0, I0, I0, I0, I0,
	/* b0 */ I8, I8, I8, I8, I8, I8, I8, I8, IV, IV, IV, IV, IV, IV, IV, IV,
	/* c0 */ M | I8, M | I8, I16, I0, M, M, M | I8, M | IZ, I24, I0, I16, I0, I0, I8, I0, I0,
	/* d0 */ M, M, M, M, I8, I8, I0, I0, M, M, M, M, M, M, M, M,
	/* e0 */ I8, I8, I8, I8, I8, I8, I8, I8, IZ, IZ, IFAR, I8, I0, I0, I0, I0,
	/* f0 */ X, I0, X, X, I0, I0, M, M, I0, I0, I0, I0, I0, I0, M, M,
};

/* The 0f map: ModRM, and an imm8 where marked I8. */
static const unsigned char two[256] = {
	/* 00 */ M, M, M, M, I0, I0, I0, I0, I0, I0, I0, I0, I0, M, I0, M | I8,
	/* 10 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 20 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 30 */ I0, I0, I0, I0, I0, I0, I0, I0, X, I0, X, I0, I0, I0, I0, I0,
	/* 40 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 50 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 60 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 70 */ M | I8, M | I8, M | I8, M | I8, M, M, M, I0, M, M, M, M, M, M, M, M,
	/* 80 */ IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ,
	/* 90 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* a0 */ I0, I0, I0, M, M | I8, M, M, M, I0, I0, I0, M, M | I8, M, M, M,
	/* b0 */ M, M, M, M, M, M, M, M, M, M, M | I8, M, M, M, M, M,
	/* c0 */ M, M, M | I8, M, M | I8, M | I8, M | I8, M, I0, I0, I0, I0, I0, I0, I0, I0,
	/* d0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* e0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* f0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
};
// clang-format on

/* Bytes of a ModRM operand at p (the ModRM byte, SIB, displacement), 0 when
 * cut short. */
static size_t modrm_len(const unsigned char *p, size_t n, int addr16)
{
	unsigned mod, rm;
	size_t len = 1;

	if (n < 1)
		return 0;
	mod = p[0] >> 6;
	rm = p[0] & 7;
	if (mod == 3)
		return 1;
	if (addr16) {
		if (mod == 1)
			len += 1;
		else if (mod == 2 || (mod == 0 && rm == 6))
			len += 2;
	} else {
		if (rm == 4) {
			if (n < 2)
				return 0;
			len++; /* SIB */
			if (mod == 0 && (p[1] & 7) == 5)
				len += 4;
		}
		if (mod == 1)
			len += 1;
		else if (mod == 2 || (mod == 0 && rm == 5))
			len += 4;
	}
	return len <= n ? len : 0;
}

/* An instruction of a VEX/EVEX/XOP map after its prefix bytes: opcode,
 * ModRM and the immediate. */
static size_t vex_tail(const unsigned char *p, size_t n, unsigned map, int addr16, int has_modrm)
{
	size_t len = 1, m;
	unsigned op;
	int imm;

	if (n < 1)
		return 0;
	op = p[0];
	if (map == 1 && op == 0x77) /* vzeroupper, vzeroall */
		return 1;
	if (!has_modrm)
		return 1;
	if (!(m = modrm_len(p + 1, n - 1, addr16)))
		return 0;
	len += m;
	imm = map == 3 || map == 8 || (map == 1 && (two[op] & 15) == I8) ? 1 : map == 10 ? 4 : 0;
	len += (size_t)imm;
	return len <= n ? len : 0;
}

/* One-byte opcodes that 64-bit mode does not have (a disassembler shows
 * "(bad)" and goes on at the next byte). */
static int invalid64(unsigned op)
{
	switch (op) {
	case 0x06:
	case 0x07:
	case 0x0e:
	case 0x16:
	case 0x17:
	case 0x1e:
	case 0x1f:
	case 0x27:
	case 0x2f:
	case 0x37:
	case 0x3f:
	case 0x60:
	case 0x61:
	case 0x82:
	case 0x9a:
	case 0xce:
	case 0xd4:
	case 0xd5:
	case 0xd6:
	case 0xea: return 1;
	}
	return 0;
}

size_t kabi__x86_len(const unsigned char *p, size_t n, int mode64)
{
	size_t i = 0, m;
	int opsize16 = 0, a67 = 0, addr16, rexw = 0;
	unsigned op, kind, imm = 0;

	if (n > 15)
		n = 15; /* the architecture's limit */
	for (;; i++) {
		if (i >= n)
			return 0;
		if (p[i] == 0x66)
			opsize16 = 1;
		else if (p[i] == 0x67)
			a67 = 1;
		else if (p[i] == 0xf0 || p[i] == 0xf2 || p[i] == 0xf3 || p[i] == 0x2e || p[i] == 0x36 ||
			 p[i] == 0x3e || p[i] == 0x26 || p[i] == 0x64 || p[i] == 0x65)
			;
		else if (mode64 && (p[i] & 0xf0) == 0x40)
			rexw = (p[i] & 8) != 0; /* only the last REX before the opcode counts */
		else
			break;
		if (!(mode64 && (p[i] & 0xf0) == 0x40))
			rexw = 0;
	}
	/* 0x67 in 64-bit mode gives 32-bit addresses: the same ModRM forms */
	addr16 = a67 && !mode64;
	op = p[i++];
	if (mode64 && invalid64(op))
		return 0;

	/* VEX (c4, c5), EVEX (62): in 32-bit mode only where the next byte's
	 * ModRM would be a register (else LES, LDS, BOUND) */
	if ((op == 0xc4 || op == 0xc5 || op == 0x62) && i < n && (mode64 || (p[i] & 0xc0) == 0xc0)) {
		if (op == 0xc5) {
			m = vex_tail(p + i + 1, n - i - 1, 1, addr16, 1);
			return m ? i + 1 + m : 0;
		}
		if (op == 0xc4) {
			if (i + 2 > n)
				return 0;
			m = vex_tail(p + i + 2, n - i - 2, p[i] & 31, addr16, 1);
			return m ? i + 2 + m : 0;
		}
		if (i + 3 > n)
			return 0;
		m = vex_tail(p + i + 3, n - i - 3, p[i] & 7, addr16, 1);
		return m ? i + 3 + m : 0;
	}
	/* XOP (8f with ModRM.reg != 0; pop r/m has reg 0), maps 8-10 */
	if (op == 0x8f && i < n && (p[i] & 0x38) != 0) {
		if (i + 2 > n)
			return 0;
		m = vex_tail(p + i + 2, n - i - 2, p[i] & 31, addr16, 1);
		return m ? i + 2 + m : 0;
	}

	if (op == 0x0f) {
		if (i >= n)
			return 0;
		op = p[i++];
		if (op == 0x38 || op == 0x3a) { /* three-byte maps: ModRM; 0f 3a also imm8 */
			if (i >= n || !(m = modrm_len(p + i + 1, n - i - 1, addr16)))
				return 0;
			i += 1 + m + (op == 0x3a);
			return i <= n ? i : 0;
		}
		kind = two[op];
		if (op == 0x0f) { /* 3DNow!: ModRM, then the opcode byte */
			kind = M | I8;
		} else if ((kind & 15) == IZ) { /* jcc rel32 (rel16 with 66 in 32-bit mode) */
			imm = opsize16 && !mode64 ? 2 : 4;
			kind = I0;
		}
	} else {
		kind = one[op];
		if (kind & X)
			return 0;
		/* f6 /0, f6 /1 (test) take an imm8; f7 /0, /1 an imm16/32 */
		if ((op == 0xf6 || op == 0xf7) && i < n && ((p[i] >> 3) & 7) < 2)
			kind |= op == 0xf6 ? I8 : IZ;
	}
	if (kind & M) {
		if (!(m = modrm_len(p + i, n - i, addr16)))
			return 0;
		i += m;
	}
	switch (kind & 15) {
	case I8: imm = 1; break;
	case I16: imm = 2; break;
	case I24: imm = 3; break;
	case IZ:
		if (op == 0xe8 || op == 0xe9)
			imm = opsize16 && !mode64 ? 2 : 4;
		else
			imm = opsize16 && !rexw ? 2 : 4;
		break;
	case IV: imm = rexw ? 8 : opsize16 ? 2 : 4; break;
	case IFAR: imm = mode64 ? 0 : opsize16 ? 4 : 6; break;
	case IMOFFS: imm = mode64 ? (a67 ? 4 : 8) : a67 ? 2 : 4; break;
	}
	i += imm;
	return i <= n ? i : 0;
}
