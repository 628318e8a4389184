/* The x86 instruction lengths the code scan walks by, on encodings whose
 * lengths the Intel SDM fixes (listed with the objdump spelling). */
#include <string.h>

#include "artifact_elf_int.h"
#include "tap.h"

int main(void)
{
	static const struct {
		const char *bytes;
		size_t n;
		int mode64;
		size_t want;
		const char *insn;
	} cases[] = {
		{"\x0f\x05", 2, 1, 2, "syscall"},
		{"\xcd\x80", 2, 0, 2, "int $0x80"},
		{"\xb8\x27\0\0\0", 5, 1, 5, "mov $0x27,%eax"},
		{"\x48\xb8\1\2\3\4\5\6\7\x8", 10, 1, 10, "movabs $imm64,%rax"},
		{"\x66\xb8\x34\x12", 4, 1, 4, "mov $0x1234,%ax"},
		{"\x48\xc7\xc0\x3c\0\0\0", 7, 1, 7, "mov $0x3c,%rax"},
		{"\xe8\x0f\x05\0\0", 5, 1, 5, "call rel32 (0f 05 in its displacement)"},
		{"\xb8\x0f\x05\xcd\x80", 5, 1, 5, "mov $0x80cd050f,%eax"},
		{"\xf3\x0f\x1e\xfa", 4, 1, 4, "endbr64"},
		{"\xc5\xf8\x77", 3, 1, 3, "vzeroupper"},
		{"\xc5\xfd\x6f\x04\x24", 5, 1, 5, "vmovdqa (%rsp),%ymm0"},
		{"\xc4\xe3\x79\x0f\xc1\x08", 6, 1, 6, "vpalignr $0x8,%xmm1,%xmm0,%xmm0"},
		{"\x62\xf1\x7c\x48\x10\x04\x24", 7, 1, 7, "vmovups (%rsp),%zmm0"},
		{"\x48\x8b\x05\0\0\0\0", 7, 1, 7, "mov 0x0(%rip),%rax"},
		{"\x48\x8b\x44\x24\x08", 5, 1, 5, "mov 0x8(%rsp),%rax"},
		{"\x0f\x1f\x44\0\0", 5, 1, 5, "nopl 0x0(%rax,%rax,1)"},
		{"\x66\x2e\x0f\x1f\x84\0\0\0\0\0", 10, 1, 10, "cs nopw 0x0(%rax,%rax,1)"},
		{"\x48\xa1\1\2\3\4\5\6\7\x8", 10, 1, 10, "movabs 0x0807060504030201,%rax"},
		{"\x67\xa1\1\2\3\4", 6, 1, 6, "addr32 mov 0x4030201,%eax"},
		{"\xf6\xc1\x01", 3, 1, 3, "test $0x1,%cl"},
		{"\xf7\xc1\1\0\0\0", 6, 1, 6, "test $0x1,%ecx"},
		{"\xf7\xd0", 2, 1, 2, "not %eax"},
		{"\xc8\x10\0\0", 4, 1, 4, "enter $0x10,$0x0"},
		{"\x66\x0f\x3a\x0f\xc1\x08", 6, 1, 6, "palignr $0x8,%xmm1,%xmm0"},
		{"\x66\x0f\x38\x00\xc1", 5, 1, 5, "pshufb %xmm1,%xmm0"},
		{"\x0f\x84\0\0\0\0", 6, 1, 6, "je rel32"},
		{"\xff\x15\0\0\0\0", 6, 1, 6, "call *0x0(%rip)"},
		{"\x41\xff\xd3", 3, 1, 3, "call *%r11"},
		{"\xf0\x48\x0f\xb1\x17", 5, 1, 5, "lock cmpxchg %rdx,(%rdi)"},
		{"\x65\x48\x8b\x04\x25\x28\0\0\0", 9, 1, 9, "mov %gs:0x28,%rax"},
		{"\xc4\x06", 2, 0, 2, "les (%esi),%eax (32-bit: not VEX)"},
		{"\x66\xe8\0\0", 4, 0, 4, "callw rel16 (32-bit)"},
		{"\x40", 1, 0, 1, "inc %eax (32-bit)"},
		{"\x65\xff\x15\x10\0\0\0", 7, 0, 7, "call *%gs:0x10"},
		{"\x06", 1, 1, 0, "push %es: not in 64-bit mode"},
		{"\xb8\x27\0", 3, 1, 0, "cut short"},
		{"\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x90", 15, 1, 15,
		 "15 bytes: the limit"},
		{"\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x90", 16, 1, 0,
		 "16 bytes: too long"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t got =
			kabi__x86_len((const unsigned char *)cases[i].bytes, cases[i].n, cases[i].mode64);

		OK(got == cases[i].want, "%s: %zu bytes (got %zu)", cases[i].insn, cases[i].want, got);
	}
	return tap_done();
}
