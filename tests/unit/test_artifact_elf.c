/*
 * test_artifact_elf.c - the ELF reader on programs compiled here (gcc:
 * dynamic, -static, -nostdlib with inline `syscall`; aarch64-linux-gnu-gcc
 * when installed), on hand-assembled minimal ELF files, on stripped section
 * headers (PT_DYNAMIC path), on truncated and corrupted files, and on a
 * directory tree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "artifact.h"
#include "error.h"
#include "tap.h"

static char dir[] = "/tmp/kabi-elf-XXXXXX";

static const char *tmp(const char *name)
{
	static char path[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
	return path[k];
}

static void put(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	fwrite(data, 1, n, f);
	fclose(f);
}

static int run(const char *fmt, const char *a, const char *b)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), fmt, a, b);
	return system(cmd);
}

static int has_name(const kabi_needs *ns, const char *name)
{
	return kabi_needs_find(ns, NULL, name, -1) != NULL;
}

static int has_nr(const kabi_needs *ns, long long nr)
{
	return kabi_needs_find(ns, NULL, NULL, nr) != NULL;
}

static const char prog_c[] = "#define _GNU_SOURCE\n"
			     "#include <fcntl.h>\n#include <unistd.h>\n#include <sys/stat.h>\n"
			     "#include <sys/syscall.h>\n#include <sys/wait.h>\n"
			     "int main(int argc, char **argv)\n{\n"
			     "\tchar b[8];\n\tstruct stat st;\n\tint p[2];\n"
			     "\tint fd = open(argv[0], O_RDONLY);\n"
			     "\tif (stat(\"/\", &st) < 0 || pipe(p) < 0)\n\t\treturn 1;\n"
			     "\tif (fork() == 0)\n\t\t_exit(0);\n"
			     "\tsyscall(SYS_getrandom, b, sizeof(b), 0);\n"
			     "\treturn fd + argc;\n}\n";

static const char nostdlib_c[] =
	"void _start(void)\n{\n"
	"\t__asm__ volatile(\"mov $39, %%eax\\n\\tsyscall\" ::: \"rax\", \"rcx\", \"r11\", \"memory\");\n"
	"\t__asm__ volatile(\"xor %%edi, %%edi\\n\\tmov $231, %%eax\\n\\tsyscall\" ::: "
	"\"rax\", \"rdi\", \"rcx\", \"r11\", \"memory\");\n}\n";

static const char a64_c[] =
	"void _start(void)\n{\n"
	"\t__asm__ volatile(\"mov x8, #172\\n\\tsvc #0\" ::: \"x8\", \"x0\", \"memory\");\n"
	"\t__asm__ volatile(\"mov x0, #0\\n\\tmov x8, #94\\n\\tsvc #0\" ::: \"x8\", \"x0\", "
	"\"memory\");\n}\n";

static void write_src(const char *name, const char *src)
{
	put(tmp(name), src, strlen(src));
}

/* ---- hand-made ELF files --------------------------------------------- */

static void le16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}
static void le32(unsigned char *p, uint32_t v)
{
	le16(p, v & 0xffff);
	le16(p + 2, v >> 16);
}
static void le64(unsigned char *p, uint64_t v)
{
	le32(p, (uint32_t)v);
	le32(p + 4, (uint32_t)(v >> 32));
}

/* A minimal ELF64 LE executable: header, one PT_LOAD R+X, code at 0x78. */
static size_t mini_elf64(unsigned char *b, unsigned machine, const uint32_t *code, size_t ncode)
{
	size_t i, len = 0x78 + ncode * 4;

	memset(b, 0, len);
	memcpy(b,
	       "\x7f"
	       "ELF\x02\x01\x01",
	       7);
	le16(b + 16, 2); /* ET_EXEC */
	le16(b + 18, machine);
	le32(b + 20, 1);
	le64(b + 24, 0x400078); /* entry */
	le64(b + 32, 64);       /* phoff */
	le16(b + 52, 64);       /* ehsize */
	le16(b + 54, 56);
	le16(b + 56, 1);
	le32(b + 64, 1); /* PT_LOAD */
	le32(b + 68, 5); /* R+X */
	le64(b + 72, 0);
	le64(b + 80, 0x400000);
	le64(b + 88, 0x400000);
	le64(b + 96, len);
	le64(b + 104, len);
	le64(b + 112, 0x1000);
	for (i = 0; i < ncode; i++)
		le32(b + 0x78 + i * 4, code[i]);
	return len;
}

static void test_abi_table(void)
{
	static const struct {
		int cls, data;
		unsigned machine;
		uint32_t flags;
		const char *abi;
	} cases[] = {
		{2, 1, 62, 0, "x86_64"},       {1, 1, 62, 0, "x32"},          {1, 1, 3, 0, "i386"},
		{2, 1, 183, 0, "arm64"},       {1, 1, 40, 0x05000000, "arm"}, {1, 1, 40, 0, "arm-oabi"},
		{2, 1, 243, 0, "riscv64"},     {1, 1, 243, 0, "riscv32"},     {1, 2, 20, 0, "powerpc"},
		{2, 2, 21, 0, "powerpc64"},    {2, 1, 21, 0, "powerpc64"},    {2, 2, 22, 0, "s390x"},
		{1, 2, 22, 0, "s390"},         {1, 2, 8, 0x1000, "mips-o32"}, {1, 1, 8, 0x20, "mips-n32"},
		{2, 2, 8, 0, "mips-n64"},      {1, 2, 2, 0, "sparc"},         {2, 2, 43, 0, "sparc64"},
		{1, 2, 15, 0, "parisc"},       {2, 2, 15, 0, "parisc64"},     {2, 1, 0x9026, 0, "alpha"},
		{2, 1, 50, 0, "ia64"},         {1, 2, 4, 0, "m68k"},          {1, 1, 42, 0, "sh"},
		{2, 1, 258, 0, "loongarch64"}, {2, 1, 9999, 0, NULL},
	};
	unsigned char h[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int be = cases[i].data == 2;
		unsigned m = cases[i].machine;
		uint32_t f = cases[i].flags;
		size_t fo = cases[i].cls == 2 ? 48 : 36;

		memset(h, 0, sizeof(h));
		memcpy(h,
		       "\x7f"
		       "ELF",
		       4);
		h[4] = (unsigned char)cases[i].cls;
		h[5] = (unsigned char)cases[i].data;
		h[6] = 1;
		h[18 + be] = (unsigned char)m;
		h[19 - be] = (unsigned char)(m >> 8);
		h[fo + (be ? 0 : 3)] = (unsigned char)(f >> 24);
		h[fo + (be ? 1 : 2)] = (unsigned char)(f >> 16);
		h[fo + (be ? 2 : 1)] = (unsigned char)(f >> 8);
		h[fo + (be ? 3 : 0)] = (unsigned char)f;
		EQ_STR(kabi_elf_abi(h, sizeof(h)), cases[i].abi);
	}
	OK(kabi_elf_abi((const unsigned char *)"\x7f"
					       "ELF",
			4) == NULL,
	   "short header");
}

static void test_handmade_arm64(void)
{
	/* movz x8,#172; svc; movz w8,#93; mov x0,x1; svc; ldr x8,[sp]; svc */
	static const uint32_t code[] = {0xd2801588, 0xd4000001, 0x52800ba8, 0xaa0103e0,
					0xd4000001, 0xf94003e8, 0xd4000001};
	unsigned char b[256];
	size_t len = mini_elf64(b, 183, code, sizeof(code) / sizeof(code[0]));
	kabi_needs *ns;

	EQ_INT(kabi_elf_read_mem(&ns, b, len, "mini-arm64"), 0);
	if (!ns)
		return;
	EQ_STR(ns->abi, "arm64");
	OK(has_nr(ns, 172) && has_nr(ns, 93), "hand-made arm64: svc numbers");
	EQ_INT(ns->n, 2);
	EQ_INT(ns->unknown, 1); /* x8 loaded from memory */
	kabi_needs_free(ns);
}

static void test_handmade_x86(void)
{
	/* mov $39,%eax; syscall; mov %rdi,%rax; syscall; mov $60,%eax; call x;
	 * syscall; xor %eax,%eax; mov %rsi,%rdx; syscall; int $0x80 after
	 * mov $1,%eax (i386 ABI in a 64-bit binary) */
	static const unsigned char code[] = {
		0xb8, 0x27, 0,    0,    0,    0x0f, 0x05, 0x48, 0x89, 0xf8, 0x0f, 0x05, 0xb8,
		0x3c, 0,    0,    0,    0xe8, 0,    0,    0,    0,    0x0f, 0x05, 0x31, 0xc0,
		0x48, 0x89, 0xf2, 0x0f, 0x05, 0xb8, 0x01, 0,    0,    0,    0xcd, 0x80,
	};
	unsigned char b[256];
	size_t len = mini_elf64(b, 62, NULL, 0);
	kabi_needs *ns;
	const kabi_need *d;

	memcpy(b + len, code, sizeof(code));
	len += sizeof(code);
	le64(b + 96, len);
	le64(b + 104, len);
	EQ_INT(kabi_elf_read_mem(&ns, b, len, "mini-x86"), 0);
	if (!ns)
		return;
	OK(has_nr(ns, 39) && has_nr(ns, 0), "hand-made x86_64: 39 and 0");
	OK(!has_nr(ns, 60), "a call between mov and syscall rejects the mov");
	d = kabi_needs_find(ns, "i386", NULL, 1);
	OK(d && strstr(d->why, "int $0x80"), "int $0x80 is i386");
	EQ_INT(ns->n, 3);
	EQ_INT(ns->unknown, 2);
	kabi_needs_free(ns);
}

/* ---- arm, riscv, powerpc64, s390x: hand-made code ----------------------- */

static void put_n(unsigned char *p, uint64_t v, int n, int be)
{
	int i;

	for (i = 0; i < n; i++)
		p[be ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

/*
 * A minimal ELF executable of either class and byte order: header, one
 * PT_LOAD R+X at 0x10000 holding the whole file, the code right after the
 * program header, entry at the code (+1: Thumb).  No section headers, so
 * the code scan reads the segment.  Returns the length.
 */
static size_t mini_elf(unsigned char *b, int is64, int be, unsigned machine, uint32_t flags,
		       const unsigned char *code, size_t n, int thumb)
{
	size_t eh = is64 ? 64 : 52, ph = is64 ? 56 : 32, at = eh + ph, len = at + n;
	int a = is64 ? 8 : 4;

	memset(b, 0, len);
	memcpy(b,
	       "\x7f"
	       "ELF",
	       4);
	b[4] = is64 ? 2 : 1;
	b[5] = be ? 2 : 1;
	b[6] = 1;
	put_n(b + 16, 2, 2, be); /* ET_EXEC */
	put_n(b + 18, machine, 2, be);
	put_n(b + 20, 1, 4, be);
	put_n(b + 24, 0x10000 + at + (thumb ? 1 : 0), a, be);
	put_n(b + 24 + a, eh, a, be); /* phoff */
	put_n(b + (is64 ? 48 : 36), flags, 4, be);
	put_n(b + (is64 ? 52 : 40), eh, 2, be);
	put_n(b + (is64 ? 54 : 42), ph, 2, be);
	put_n(b + (is64 ? 56 : 44), 1, 2, be);
	put_n(b + eh, 1, 4, be); /* PT_LOAD */
	if (is64) {
		put_n(b + eh + 4, 5, 4, be); /* R+X */
		put_n(b + eh + 16, 0x10000, 8, be);
		put_n(b + eh + 32, len, 8, be);
		put_n(b + eh + 40, len, 8, be);
	} else {
		put_n(b + eh + 8, 0x10000, 4, be);
		put_n(b + eh + 16, len, 4, be);
		put_n(b + eh + 20, len, 4, be);
		put_n(b + eh + 24, 5, 4, be);
	}
	memcpy(b + at, code, n);
	return len;
}

/* Code words or halfwords (n bytes each) as bytes in byte order be. */
static size_t units(unsigned char *out, const uint32_t *v, size_t count, int n, int be)
{
	size_t i;

	for (i = 0; i < count; i++)
		put_n(out + i * (size_t)n, v[i], n, be);
	return count * (size_t)n;
}

typedef struct {
	char text[1024];
	uint64_t code; /* the address of the code's first byte */
} sites;

static void collect(void *ctx, uint64_t va, const char *what, long long nr)
{
	sites *s = ctx;
	size_t n = strlen(s->text);

	snprintf(s->text + n, sizeof(s->text) - n, "%s+%llu=%lld;", what, (unsigned long long)(va - s->code),
		 nr);
}

/* The sites kabi finds in the hand-made file, "WHAT+OFFSET=NR;" each. */
static const char *isa_sites(const char *name, int is64, int be, unsigned machine, uint32_t flags,
			     const unsigned char *code, size_t n, int thumb, const char *abi)
{
	static sites s;
	unsigned char b[512];
	size_t len = mini_elf(b, is64, be, machine, flags, code, n, thumb);
	kabi_needs *ns = NULL;

	memset(&s, 0, sizeof(s));
	s.code = 0x10000 + (is64 ? 120 : 84);
	EQ_INT(kabi_elf_read_sites(&ns, b, len, name, collect, &s), 0);
	EQ_STR(ns ? ns->abi : NULL, abi);
	kabi_needs_free(ns);
	return s.text;
}

static void test_handmade_arm(void)
{
	/* ARM state: mov r7,#20; svc 0 | movw r7,#462; svc | mov r7,#1; ldr
	 * r7,[sp]; svc (unknown) | movw r7,#5; movt r7,#15; svc (0xf0005) |
	 * mov r7,#20; bl .+8; svc (unknown) | svc #0x900014 (OABI getpid) |
	 * moveq r7,#20; svc (unknown) | mov r7,#0x3bc (rotated); svc |
	 * svc #0x123456 (no Linux call) */
	static const uint32_t a32[] = {
		0xe3a07014, 0xef000000, 0xe30071ce, 0xef000000, 0xe3a07001, 0xe59d7000, 0xef000000,
		0xe3007005, 0xe340700f, 0xef000000, 0xe3a07014, 0xeb000000, 0xef000000, 0xef900014,
		0x03a07014, 0xef000000, 0xe3a07fef, 0xef000000, 0xef123456,
	};
	/* Thumb: movs r7,#20; svc 0 | movw r7,#462; svc | bl (second half
	 * df00: no svc) | it eq; moveq r7,#5; svc (unknown) | mov.w r7,#256;
	 * mov r0,r1; svc | movs r7,#1; pop {r7}; svc (unknown) */
	static const uint32_t t16[] = {
		0x2714, 0xdf00, 0xf240, 0x17ce, 0xdf00, 0xf000, 0xdf00, 0xbf08, 0x2705,
		0xdf00, 0xf44f, 0x7780, 0x4608, 0xdf00, 0x2701, 0xbc80, 0xdf00,
	};
	unsigned char code[128];
	size_t n;

	n = units(code, a32, sizeof(a32) / sizeof(a32[0]), 4, 0);
	EQ_STR(isa_sites("mini-arm", 0, 0, 40, 0x05000400, code, n, 0, "arm"),
	       "svc #0+4=20;svc #0+12=462;svc #0+24=-1;svc #0+36=983045;svc #0+48=-1;"
	       "svc #0x900014+52=9437204;svc #0+60=-1;svc #0+68=956;");
	/* big-endian BE8: code stays little-endian */
	EQ_STR(isa_sites("mini-armbe8", 0, 1, 40, 0x05800000, code, n, 0, "arm"),
	       "svc #0+4=20;svc #0+12=462;svc #0+24=-1;svc #0+36=983045;svc #0+48=-1;"
	       "svc #0x900014+52=9437204;svc #0+60=-1;svc #0+68=956;");
	n = units(code, t16, sizeof(t16) / sizeof(t16[0]), 2, 0);
	EQ_STR(isa_sites("mini-thumb", 0, 0, 40, 0x05000400, code, n, 1, "arm"),
	       "svc 0 (thumb)+2=20;svc 0 (thumb)+8=462;svc 0 (thumb)+18=-1;svc 0 (thumb)+26=256;"
	       "svc 0 (thumb)+32=-1;");
	/* the same halfwords as ARM state: no svc at any word */
	EQ_STR(isa_sites("mini-thumb-as-arm", 0, 0, 40, 0x05000400, code, n, 0, "arm"), "");
}

static void test_handmade_riscv(void)
{
	/* c.nop; li a7,172 (addi); ecall (at +6: not 4-aligned) | c.li a7,23;
	 * ecall | li a7,20; j .+4; ecall (unknown) | ebreak (ecall's low
	 * half) | ld a7,0(sp); ecall (unknown) | bytes 73 00 00 00 at an odd
	 * offset, where no instruction starts */
	static const unsigned char code[] = {
		0x01, 0x00, 0x93, 0x08, 0xc0, 0x0a, 0x73, 0x00, 0x00, 0x00,             /* +0 */
		0xdd, 0x48, 0x73, 0x00, 0x00, 0x00,                                     /* +10 */
		0x93, 0x08, 0x40, 0x01, 0x6f, 0x00, 0x40, 0x00, 0x73, 0x00, 0x00, 0x00, /* +16 */
		0x73, 0x00, 0x10, 0x00,                                                 /* +28 */
		0x83, 0x38, 0x01, 0x00, 0x73, 0x00, 0x00, 0x00,                         /* +32 */
		0x01, 0x73, 0x00, 0x00, 0x00, 0x01, 0x00,                               /* +40 */
	};

	EQ_STR(isa_sites("mini-riscv", 1, 0, 243, 5, code, sizeof(code), 0, "riscv64"),
	       "ecall+6=172;ecall+12=23;ecall+24=-1;ecall+36=-1;");
}

static void test_handmade_ppc(void)
{
	/* li r0,20; sc | li r0,462; mr r3,r4; sc | li r0,1; mflr r0; sc
	 * (unknown) | li r0,20; b .+4; sc (unknown) | li r0,451; scv 0 */
	static const uint32_t w[] = {
		0x38000014, 0x44000002, 0x380001ce, 0x7c832378, 0x44000002, 0x38000001, 0x7c0802a6,
		0x44000002, 0x38000014, 0x48000004, 0x44000002, 0x380001c3, 0x44000001,
	};
	/* glibc's: li r0,174; std r10,32(r1); andis. r9,r9,16; beq 1f; scv 0;
	 * b 2f; 1: sc | li r0,171; beq 1f; scv 0; blr; nop; ori r2,r2,0; 1: sc
	 * | li r0,20; b .+8; sc (no bc to it: unknown) | li r0,20; bl; sc
	 * (unknown) */
	static const uint32_t glibc[] = {
		0x380000ae, 0xf9410020, 0x75290010, 0x4182000c, 0x44000001, 0x48000008, 0x44000002,
		0x380000ab, 0x41820014, 0x44000001, 0x4e800020, 0x60000000, 0x60420000, 0x44000002,
		0x38000014, 0x48000008, 0x44000002, 0x38000014, 0x48000001, 0x44000002,
	};
	unsigned char code[128];
	size_t n = units(code, w, sizeof(w) / sizeof(w[0]), 4, 0);
	const char *want = "sc+4=20;sc+16=462;sc+28=-1;sc+40=-1;scv 0+48=451;";

	EQ_STR(isa_sites("mini-ppc64le", 1, 0, 21, 2, code, n, 0, "powerpc64"), want);
	n = units(code, w, sizeof(w) / sizeof(w[0]), 4, 1);
	EQ_STR(isa_sites("mini-ppc64", 1, 1, 21, 1, code, n, 0, "powerpc64"), want);
	n = units(code, glibc, sizeof(glibc) / sizeof(glibc[0]), 4, 0);
	EQ_STR(isa_sites("mini-ppc64le-glibc", 1, 0, 21, 2, code, n, 0, "powerpc64"),
	       "scv 0+16=174;sc+24=174;scv 0+36=171;sc+52=171;sc+64=-1;sc+76=-1;");
}

static void test_handmade_s390(void)
{
	/* svc 20 | lghi %r1,462; svc 0 | lghi %r2,0x0a14 (decoy) | lhi
	 * %r1,451; lgr %r2,%r3; svc 0 | lghi %r1,20; lgr %r1,%r3; svc 0
	 * (unknown) | iilf %r2,0x0a140a00 (decoy) | lghi %r1,20; brasl; svc 0
	 * (unknown) */
	static const unsigned char code[] = {
		0x0a, 0x14,                                                             /* +0 */
		0xa7, 0x19, 0x01, 0xce, 0x0a, 0x00,                                     /* +2 */
		0xa7, 0x29, 0x0a, 0x14,                                                 /* +8 */
		0xa7, 0x18, 0x01, 0xc3, 0xb9, 0x04, 0x00, 0x23, 0x0a, 0x00,             /* +12 */
		0xa7, 0x19, 0x00, 0x14, 0xb9, 0x04, 0x00, 0x13, 0x0a, 0x00,             /* +22 */
		0xc0, 0x29, 0x0a, 0x14, 0x0a, 0x00,                                     /* +32 */
		0xa7, 0x19, 0x00, 0x14, 0xc0, 0xe5, 0,    0,    0,    3,    0x0a, 0x00, /* +38 */
	};

	EQ_STR(isa_sites("mini-s390x", 1, 1, 22, 0, code, sizeof(code), 0, "s390x"),
	       "svc 20+0=20;svc 0+6=462;svc 0+20=451;svc 0+30=-1;svc 0+48=-1;");
}

static kabi_needs *read_ok(const char *path)
{
	kabi_needs *ns = NULL;
	int rc = kabi_elf_read(&ns, path);

	OK(rc == 0, "read %s: %s", path, rc ? kabi_error_last() : "");
	return ns;
}

/* Strip the section headers in place, so imports come from PT_DYNAMIC. */
static void strip_sections(const char *from, const char *to)
{
	size_t len;
	unsigned char *b = (unsigned char *)tap_slurp(from, &len);

	if (!b || len < 64)
		return;
	memset(b + 40, 0, 8); /* e_shoff */
	memset(b + 58, 0, 6); /* e_shentsize, e_shnum, e_shstrndx */
	put(to, b, len);
	free(b);
}

/* The same imports (needs by name); needs by number come from code, and
 * calls through the PLT are only resolved with section headers. */
static int same_names(const kabi_needs *a, const kabi_needs *b)
{
	size_t i, na = 0, nb = 0;

	for (i = 0; i < a->n; i++) {
		if (!a->v[i].name)
			continue;
		na++;
		if (!kabi_needs_find(b, NULL, a->v[i].name, -1))
			return 0;
	}
	for (i = 0; i < b->n; i++)
		nb += b->v[i].name != NULL;
	return na == nb;
}

static int test_compiled(void)
{
	kabi_needs *ns, *ns2;

	write_src("prog.c", prog_c);
	if (run("gcc -O1 -o %s %s 2>/dev/null", tmp("dyn"), tmp("prog.c")) != 0) {
		printf("# gcc cannot build here, compiled programs skipped\n");
		return 0;
	}
	ns = read_ok(tmp("dyn"));
	if (ns) {
		EQ_STR(ns->abi, "x86_64");
		OK(has_name(ns, "openat"), "open -> openat");
		OK(has_name(ns, "newfstatat"), "stat -> newfstatat");
		OK(has_name(ns, "pipe2"), "pipe -> pipe2");
		OK(has_name(ns, "clone"), "fork -> clone");
		OK(has_name(ns, "exit_group"), "_exit -> exit_group");
		OK(ns->unknown >= 1 && ns->unknown_why && strstr(ns->unknown_why, "import syscall"),
		   "syscall() is an unknown number");
	}
	/* the same through PT_DYNAMIC, with DT_GNU_HASH and with DT_HASH */
	strip_sections(tmp("dyn"), tmp("dyn-nosec"));
	ns2 = read_ok(tmp("dyn-nosec"));
	OK(ns && ns2 && same_names(ns, ns2), "PT_DYNAMIC (GNU hash) gives the same imports");
	kabi_needs_free(ns2);
	if (run("gcc -O1 -Wl,--hash-style=sysv -o %s %s", tmp("dyn-sysv"), tmp("prog.c")) == 0) {
		strip_sections(tmp("dyn-sysv"), tmp("dyn-sysv-nosec"));
		ns2 = read_ok(tmp("dyn-sysv-nosec"));
		OK(ns && ns2 && same_names(ns, ns2), "PT_DYNAMIC (sysv hash) gives the same imports");
		kabi_needs_free(ns2);
	}
	kabi_needs_free(ns);

	if (run("gcc -O1 -static -o %s %s 2>/dev/null", tmp("static"), tmp("prog.c")) == 0) {
		ns = read_ok(tmp("static"));
		if (ns) {
			OK(ns->n > 10 && has_nr(ns, 257) && has_nr(ns, 56) && has_nr(ns, 293) &&
				   has_nr(ns, 262) && has_nr(ns, 231),
			   "static: openat, clone, pipe2, newfstatat, exit_group by number");
			OK(!has_name(ns, "openat"), "static: no imports");
		}
		kabi_needs_free(ns);
	} else {
		printf("# no static libc, -static skipped\n");
	}

	write_src("ns.c", nostdlib_c);
	EQ_INT(run("gcc -O1 -nostdlib -static -o %s %s", tmp("ns"), tmp("ns.c")), 0);
	ns = read_ok(tmp("ns"));
	if (ns) {
		OK(has_nr(ns, 39) && has_nr(ns, 231), "nostdlib: 39 and 231");
		EQ_INT(ns->n, 2);
		EQ_INT(ns->unknown, 0);
	}
	kabi_needs_free(ns);
	return 1;
}

static void test_cross_arm64(void)
{
	kabi_needs *ns;

	if (run("command -v aarch64-linux-gnu-gcc >/dev/null 2>&1", "", "") != 0) {
		printf("# aarch64-linux-gnu-gcc not installed, hand-made arm64 ELF only\n");
		return;
	}
	write_src("a64.c", a64_c);
	EQ_INT(run("aarch64-linux-gnu-gcc -O1 -nostdlib -static -o %s %s", tmp("a64"), tmp("a64.c")), 0);
	ns = read_ok(tmp("a64"));
	if (ns) {
		EQ_STR(ns->abi, "arm64");
		OK(has_nr(ns, 172) && has_nr(ns, 94), "arm64: getpid 172, exit_group 94");
		EQ_INT(ns->n, 2);
	}
	kabi_needs_free(ns);
	if (run("aarch64-linux-gnu-gcc -O1 -o %s %s 2>/dev/null", tmp("a64dyn"), tmp("prog.c")) == 0) {
		ns = read_ok(tmp("a64dyn"));
		OK(ns && has_name(ns, "openat") && has_name(ns, "newfstatat") && has_name(ns, "pipe2") &&
			   has_name(ns, "clone"),
		   "arm64 dynamic imports");
		kabi_needs_free(ns);
	}
}

/* ---- syscall(N, ...) through libc ------------------------------------ */

/* Both calls stay in the binary (argc decides at run time); the second
 * number is a run-time value. */
static const char libc_call_c[] = "#include <sys/syscall.h>\n#include <unistd.h>\n"
				  "#ifndef SYS_cachestat\n#define SYS_cachestat 451\n#endif\n"
				  "int main(int argc, char **argv)\n{\n"
				  "\tif (argc > 5)\n\t\treturn syscall(462, 0, 0, 0) == 0;\n"
				  "\tif (argc > 3)\n\t\treturn syscall(argc + 400, 0) == 0;\n"
				  "\treturn syscall(SYS_cachestat, -1, 0, 0, 0) == 0;\n}\n";

/* Calls to a syscall() of our own, with what sits between the constant and
 * the call: only straight-line code that leaves edi alone keeps it. */
static const char own_call_c[] =
	"long syscall(long n, ...)\n{\n\t__asm__ volatile(\"\" ::: \"memory\");\n\treturn n;\n}\n"
	"#define C(s) __asm__ volatile(s : : : \"rax\", \"rdi\", \"rcx\", \"rdx\", \"rsi\", "
	"\"r8\", \"r9\", \"r10\", \"r11\", \"memory\")\n"
	"void _start(void)\n{\n"
	"\tC(\"mov $451, %%edi\\n\\tmov %%eax, %%edi\\n\\tcall syscall\");\n"
	"\tC(\"mov $452, %%edi\\n\\txor %%eax, %%eax\\n\\tcall syscall\");\n"
	"\tC(\"mov $453, %%edi\\n\\tmov $1, %%ah\\n\\tlea 8(%%rsp), %%rsi\\n\\tcall syscall\");\n"
	"\tC(\"mov $454, %%eax\\n\\tmov $1, %%ah\\n\\tsyscall\");\n"
	"\tC(\"mov $455, %%edi\\n\\tjmp 1f\\n1:\\tcall syscall\");\n"
	"\tC(\"mov $456, %%rdi\\n\\tmov %%dil, %%al\\n\\tjmp syscall\");\n"
	"\tC(\"mov $457, %%edi\\n\\tmov %%al, %%dil\\n\\tcall syscall\");\n"
	"\tC(\"xor %%edi, %%edi\\n\\tcall syscall\");\n"
	"}\n";

static void check_libc_calls(const char *what, const char *path, int dynamic)
{
	kabi_needs *ns = read_ok(path);
	const kabi_need *d;

	if (!ns)
		return;
	OK(has_nr(ns, 451) && has_nr(ns, 462), "%s: syscall(SYS_cachestat) and syscall(462) found", what);
	OK(!has_nr(ns, 400) && !has_nr(ns, 401), "%s: no number for syscall(argc + 400)", what);
	d = kabi_needs_find(ns, NULL, NULL, 451);
	OK(d && d->why && strstr(d->why, "call to syscall at 0x"), "%s: why '%s'", what,
	   d && d->why ? d->why : "");
	if (dynamic)
		OK(ns->unknown >= 2 && ns->unknown_why && strstr(ns->unknown_why, "import syscall"),
		   "%s: the import and the run-time number stay unknown", what);
	else
		OK(ns->unknown >= 1, "%s: the run-time number is unknown", what);
	kabi_needs_free(ns);
}

static void test_libc_calls(void)
{
	static const struct {
		const char *name, *flags;
	} builds[] = {
		{"call-O2", "-O2"},
		{"call-O0", "-O0"},
		{"call-noplt", "-O2 -fno-plt"}, /* call *syscall@GOTPCREL(%rip) */
		{"call-now", "-O2 -Wl,-z,now"},
		{"call-pltsec", "-O2 -fcf-protection -Wl,-z,ibtplt"}, /* .plt.sec */
		{"call-nopie", "-O2 -no-pie"},
	};
	kabi_needs *ns;
	size_t i;

	write_src("call.c", libc_call_c);
	for (i = 0; i < sizeof(builds) / sizeof(builds[0]); i++) {
		char cmd[1024];

		snprintf(cmd, sizeof(cmd), "cd %s && gcc %s -o %s call.c 2>/dev/null", dir, builds[i].flags,
			 builds[i].name);
		if (system(cmd) != 0) {
			printf("# gcc %s does not build here\n", builds[i].flags);
			continue;
		}
		check_libc_calls(builds[i].name, tmp(builds[i].name), 1);
	}
	if (run("cd %s && gcc -O2 -static -o %s call.c 2>/dev/null", dir, "call-static") == 0)
		check_libc_calls("call-static", tmp("call-static"), 0);
	else
		printf("# no static libc, static syscall() calls skipped\n");

	/* syscall's address taken in a PIE as well: the call goes through .plt.got */
	write_src("pltgot.c", "#include <unistd.h>\nlong (*volatile fp)(long, ...);\n"
			      "int main(void)\n{\n\tfp = syscall;\n"
			      "\treturn syscall(451, -1, 0, 0, 0) == 0;\n}\n");
	if (run("cd %s && gcc -O2 -o pltgot pltgot.c 2>/dev/null%s", dir, "") == 0) {
		ns = read_ok(tmp("pltgot"));
		OK(ns && has_nr(ns, 451), ".plt.got: syscall(451) found");
		kabi_needs_free(ns);
	}

	write_src("own.c", own_call_c);
	EQ_INT(run("cd %s && gcc -O1 -nostdlib -static -o own own.c%s", dir, ""), 0);
	ns = read_ok(tmp("own"));
	if (ns) {
		OK(!has_nr(ns, 451), "mov %%eax,%%edi after the constant: unknown");
		OK(has_nr(ns, 452), "xor %%eax,%%eax between: 452 found");
		OK(has_nr(ns, 453), "mov $1,%%ah and lea to rsi between: 453 found");
		OK(!has_nr(ns, 454) && !has_nr(ns, 1), "mov $1,%%ah before syscall writes eax");
		OK(!has_nr(ns, 455), "a jump between: unknown");
		OK(has_nr(ns, 456), "mov $imm,%%rdi then a tail jump: 456 found");
		OK(!has_nr(ns, 457), "mov %%al,%%dil writes edi: unknown");
		OK(has_nr(ns, 0), "xor %%edi,%%edi: 0 (read)");
		EQ_INT(ns->unknown, 4); /* 451, 454, 455, 457 */
	}
	kabi_needs_free(ns);
}

/* Go's syscall entry points by name (symbols with dots, as Go names them):
 * the register ABI passes the number in eax, ".abi0" functions take it at
 * 0(%rsp). */
static const char go_like_c[] =
	"__asm__(\".globl syscall.Syscall\\nsyscall.Syscall: ret\\n\"\n"
	"\t\".globl syscall.rawSyscallNoError.abi0\\nsyscall.rawSyscallNoError.abi0: ret\\n\"\n"
	"\t\".type syscall.Syscall, @function\\n.type syscall.rawSyscallNoError.abi0, @function\");\n"
	"#define C(s) __asm__ volatile(s : : : \"rax\", \"rbx\", \"rdi\", \"rcx\", \"memory\")\n"
	"void _start(void)\n{\n"
	"\tC(\"mov $451, %%eax\\n\\txor %%ebx, %%ebx\\n\\tmov %%rbx, %%rcx\\n\\tcall syscall.Syscall\");\n"
	"\tC(\"mov $452, %%eax\\n\\tmov %%ebx, %%eax\\n\\tcall syscall.Syscall\");\n"
	"\tC(\"sub $32, %%rsp\\n\\tmovq $39, (%%rsp)\\n\\tmovups %%xmm15, 8(%%rsp)\\n\\t"
	"movq $0, 24(%%rsp)\\n\\tcall syscall.rawSyscallNoError.abi0\\n\\tadd $32, %%rsp\");\n"
	"\tC(\"sub $32, %%rsp\\n\\tmovq $40, (%%rsp)\\n\\tmovl $1, 4(%%rsp)\\n\\t"
	"call syscall.rawSyscallNoError.abi0\\n\\tadd $32, %%rsp\");\n"
	"\tC(\"movq $41, (%%rsp)\\n\\tpush %%rax\\n\\tcall syscall.rawSyscallNoError.abi0\\n\\tpop %%rax\");\n"
	"}\n";

static void test_go_like(void)
{
	kabi_needs *ns;
	const kabi_need *d;

	write_src("golike.c", go_like_c);
	if (run("cd %s && gcc -O1 -nostdlib -static -o golike golike.c%s", dir, "") != 0) {
		OK(0, "the Go-like program builds");
		return;
	}
	ns = read_ok(tmp("golike"));
	if (!ns)
		return;
	OK(has_nr(ns, 451), "register ABI: mov $451,%%eax before call syscall.Syscall");
	d = kabi_needs_find(ns, NULL, NULL, 451);
	OK(d && d->why && strstr(d->why, "call to syscall.Syscall at 0x"), "why '%s'",
	   d && d->why ? d->why : "");
	OK(!has_nr(ns, 452), "register ABI: eax overwritten");
	OK(has_nr(ns, 39), "stack ABI: movq $39,(%%rsp), stores above it, call *.abi0");
	OK(!has_nr(ns, 40), "stack ABI: a store into the slot");
	OK(!has_nr(ns, 41), "stack ABI: a push moves the slot");
	EQ_INT(ns->n, 2);
	EQ_INT(ns->unknown, 3);
	kabi_needs_free(ns);
}

static void test_handmade_arm64_orr(void)
{
	/* orr x8,xzr,#0x3f; svc; orr x8,xzr,#0x38; svc; mov w8,wzr; svc;
	 * orr w8,wzr,#0x55555555 (a 2-bit element); svc */
	static const uint32_t code[] = {0xb24017e8, 0xd4000001, 0xb27d0be8, 0xd4000001,
					0x2a1f03e8, 0xd4000001, 0x3200f3e8, 0xd4000001};
	unsigned char b[256];
	size_t len = mini_elf64(b, 183, code, sizeof(code) / sizeof(code[0]));
	kabi_needs *ns;

	EQ_INT(kabi_elf_read_mem(&ns, b, len, "mini-arm64-orr"), 0);
	if (!ns)
		return;
	OK(has_nr(ns, 63) && has_nr(ns, 56) && has_nr(ns, 0) && has_nr(ns, 0x55555555),
	   "orr with a bitmask immediate and mov from wzr");
	EQ_INT(ns->n, 4);
	EQ_INT(ns->unknown, 0);
	kabi_needs_free(ns);
}

/* A stripped Go binary in miniature: no .symtab names, only .gopclntab
 * (Go 1.18 layout, or 1.16's with -DGO116) naming three functions. */
static const char pclntab_c[] =
	"#ifdef GO116\n"
	"#define HDR \".long 0xfffffffa\\n .byte 0, 0, 1, 8\\n .quad 3, 0, names - hdr, 0, 0, 0, tab - hdr\\n\"\n"
	"#define TAB \"tab: .quad f1, fn1 - tab, f2, fn2 - tab, _start, fn3 - tab, 0, 0\\n\" \\\n"
	"\t\"fn1: .quad f1\\n .long 0\\nfn2: .quad f2\\n .long 16\\nfn3: .quad _start\\n .long 42\\n\"\n"
	"#else\n"
	"#define HDR \".long 0xfffffff0\\n .byte 0, 0, 1, 8\\n .quad 3, 0, textbase, names - hdr, 0, 0, 0, tab - hdr\\n\"\n"
	"#define TAB \"tab: .long f1 - textbase, fn1 - tab, f2 - textbase, fn2 - tab\\n\" \\\n"
	"\t\" .long _start - textbase, fn3 - tab, 0, 0\\n\" \\\n"
	"\t\"fn1: .long f1 - textbase, 0\\nfn2: .long f2 - textbase, 16\\nfn3: .long _start - textbase, 42\\n\"\n"
	"#endif\n"
	"__asm__(\".text\\ntextbase: nop\\nf1: ret\\nf2: ret\\n.section .gopclntab,\\\"a\\\"\\nhdr: \" HDR\n"
	"\t\"names: .asciz \\\"syscall.Syscall\\\"\\n .asciz \\\"syscall.rawSyscallNoError\\\"\\n\"\n"
	"\t\" .asciz \\\"main.main\\\"\\n\" TAB \".text\\n\");\n"
	"#define C(s) __asm__ volatile(s : : : \"rax\", \"rbx\", \"memory\")\n"
	"void _start(void)\n{\n"
	"\tC(\"mov $451, %%eax\\n\\txor %%ebx, %%ebx\\n\\tcall f1\");\n"
	"\tC(\"sub $32, %%rsp\\n\\tmovq $39, (%%rsp)\\n\\tcall f2\\n\\tadd $32, %%rsp\");\n"
	"\tC(\"mov $452, %%eax\\n\\tmov %%ebx, %%eax\\n\\tcall f1\");\n"
	"}\n";

static void test_pclntab(void)
{
	static const char *const defs[] = {"", "-DGO116"};
	size_t i;

	write_src("pcln.c", pclntab_c);
	for (i = 0; i < 2; i++) {
		kabi_needs *ns;
		const kabi_need *d;

		if (run("cd %s && gcc -O1 -nostdlib -static %s -o pcln pcln.c && strip pcln", dir, defs[i]) !=
		    0) {
			OK(0, "the .gopclntab program builds (%s)", defs[i]);
			continue;
		}
		ns = read_ok(tmp("pcln"));
		if (!ns)
			continue;
		OK(has_nr(ns, 451), "pclntab%s: mov $451,%%eax before syscall.Syscall", defs[i]);
		OK(has_nr(ns, 39), "pclntab%s: movq $39,(%%rsp) before rawSyscallNoError", defs[i]);
		OK(!has_nr(ns, 452), "pclntab%s: eax overwritten", defs[i]);
		d = kabi_needs_find(ns, NULL, NULL, 451);
		OK(d && d->why && strstr(d->why, "call to syscall.Syscall at 0x"), "why '%s'",
		   d && d->why ? d->why : "");
		EQ_INT(ns->n, 2);
		EQ_INT(ns->unknown, 1);
		kabi_needs_free(ns);
	}
}

static void test_libc_calls_arm64(void)
{
	if (run("command -v aarch64-linux-gnu-gcc >/dev/null 2>&1", "", "") != 0) {
		printf("# aarch64-linux-gnu-gcc not installed, arm64 syscall() calls skipped\n");
		return;
	}
	write_src("call.c", libc_call_c);
	if (run("cd %s && aarch64-linux-gnu-gcc -O2 -o a64-call call.c%s", dir, "") == 0)
		check_libc_calls("arm64 dynamic", tmp("a64-call"), 1);
	if (run("cd %s && aarch64-linux-gnu-gcc -O2 -mbranch-protection=standard -Wl,-z,force-bti "
		"-o a64-bti call.c 2>/dev/null%s",
		dir, "") == 0)
		check_libc_calls("arm64 BTI PLT", tmp("a64-bti"), 1);
	if (run("cd %s && aarch64-linux-gnu-gcc -O2 -static -o a64-call-static call.c 2>/dev/null%s", dir,
		"") == 0)
		check_libc_calls("arm64 static", tmp("a64-call-static"), 0);
}

/* xorshift, so the corruption test is the same on every run */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Every prefix of a real binary (dense at the start, sparse later) and
 * thousands of corrupted headers: errors or results, never a crash (the
 * sanitizer build turns any out-of-bounds read into a failure). */
static void test_hostile(const char *path)
{
	size_t len, cut, i;
	unsigned char *b = (unsigned char *)tap_slurp(path, &len), *copy;
	kabi_needs *ns;
	uint32_t seed = 12345;
	unsigned errors = 0, fine = 0;

	if (!b) {
		OK(0, "cannot read %s", path);
		return;
	}
	for (cut = 0; cut < len; cut += cut < 8192 ? 1 : 997) {
		copy = malloc(cut ? cut : 1);
		memcpy(copy, b, cut);
		if (kabi_elf_read_mem(&ns, copy, cut, "cut") < 0)
			errors++;
		else
			fine++;
		kabi_needs_free(ns);
		free(copy);
	}
	/* section headers sit at the end, so most prefixes must be errors */
	OK(errors > 0, "truncations: %u errors, %u parsed", errors, fine);
	EQ_INT(kabi_elf_read_mem(&ns, b, len, "whole"), 0);
	kabi_needs_free(ns);
	EQ_INT(kabi_elf_read_mem(&ns, b, 40, "short"), KABI_EINVALID);
	OK(strstr(kabi_error_last(), "'short' offset") != NULL, "error names file and offset: %s",
	   kabi_error_last());
	{
		unsigned parsed = 0, failed = 0, unnamed = 0, odd = 0;

		for (i = 0; i < 3000; i++) {
			size_t n = len < 65536 ? len : 65536, k;
			int rc;

			copy = malloc(n);
			memcpy(copy, b, n);
			for (k = 0; k < 1 + rnd(&seed) % 4; k++) {
				size_t at = rnd(&seed) % (i % 2 ? 64 : n);

				copy[at] = (unsigned char)rnd(&seed);
			}
			ns = NULL;
			rc = kabi_elf_read_mem(&ns, copy, n, "flip");
			if (rc == 0)
				parsed++;
			else if (rc < 0)
				failed++;
			else
				odd++;
			if (rc < 0 && !strstr(kabi_error_last(), "'flip'"))
				unnamed++;
			kabi_needs_free(ns);
			free(copy);
		}
		/* every corruption is parsed or refused with a message naming the
		 * file; flips in the header (every other run) make some refusals */
		EQ_INT(odd, 0);
		EQ_INT(unnamed, 0);
		OK(failed > 0 && parsed > 0, "corruptions: %u parsed, %u refused", parsed, failed);
	}
	free(b);
}

/* The other ISAs' decoders on real binaries cut short and corrupted, where
 * a cross compiler is installed (tests/cli/test_check_cross_elf.sh checks
 * what they find). */
static void test_hostile_cross(void)
{
	static const struct {
		const char *cc, *out, *src;
	} progs[] = {
		{"arm-linux-gnueabihf-gcc", "x-arm",
		 "void _start(void) { __asm__ volatile(\"mov r7, #20\\n\\tsvc #0\" ::: \"r7\"); }\n"},
		{"riscv64-linux-gnu-gcc", "x-riscv64",
		 "void _start(void) { __asm__ volatile(\"li a7, 172\\n\\tecall\" ::: \"a7\"); }\n"},
		{"powerpc64le-linux-gnu-gcc", "x-ppc64le",
		 "void _start(void) { __asm__ volatile(\"li 0, 20\\n\\tsc\" ::: \"r0\"); }\n"},
		{"s390x-linux-gnu-gcc", "x-s390x",
		 "void _start(void) { __asm__ volatile(\"lghi %%r1, 20\\n\\tsvc 0\" ::: \"r1\"); }\n"},
	};
	size_t i;

	for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++) {
		char cmd[1024];

		snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", progs[i].cc);
		if (system(cmd) != 0) {
			printf("# %s not installed: no corrupted %s binary\n", progs[i].cc, progs[i].out);
			continue;
		}
		write_src("x.c", progs[i].src);
		snprintf(cmd, sizeof(cmd), "%s -O1 -nostdlib -static -o %s %s", progs[i].cc,
			 tmp(progs[i].out), tmp("x.c"));
		if (system(cmd) != 0) {
			OK(0, "%s cannot build the test program", progs[i].cc);
			continue;
		}
		test_hostile(tmp(progs[i].out));
	}
}

static void test_dir(int compiled)
{
	kabi_needs_group *g = kabi_needs_group_new();
	static const uint32_t code[] = {0xd2801588, 0xd4000001};
	unsigned char b[256];
	size_t len = mini_elf64(b, 183, code, 2), i;
	int rc, saw_bad = 0;

	run("mkdir -p %s/usr/bin %s/lib/deep/er", tmp("root"), tmp("root"));
	put(tmp("root/lib/deep/er/a64"), b, len);
	put(tmp("root/usr/bin/not-elf"), "#!/bin/sh\n", 10);
	put(tmp("root/usr/bin/broken"),
	    "\x7f"
	    "ELF\x02\x01\x01",
	    7);
	if (compiled)
		run("cp %s %s/usr/bin/ns", tmp("ns"), tmp("root"));
	OK(symlink("..", tmp("root/lib/loop")) == 0, "symlink loop");
	OK(symlink("/usr/bin", tmp("root/outside")) == 0, "symlink out of the tree");
	rc = kabi_elf_read_dir(g, tmp("root"));
	EQ_INT(rc, KABI_EIO);
	OK(strstr(kabi_error_last(), "broken") != NULL, "error names the broken file: %s", kabi_error_last());
	EQ_INT(g->nerrors, 1);
	EQ_INT(g->files, compiled ? 2 : 1);
	EQ_INT(g->n, compiled ? 2 : 1);
	for (i = 0; i < g->n; i++) {
		const kabi_need *d;

		if (g->v[i]->abi && strcmp(g->v[i]->abi, "arm64") == 0) {
			d = kabi_needs_find(g->v[i], NULL, NULL, 172);
			OK(d && strstr(d->why, "lib/deep/er/a64"), "why names the file: %s", d ? d->why : "");
		} else if (g->v[i]->abi && strcmp(g->v[i]->abi, "x86_64") == 0) {
			OK(has_nr(g->v[i], 231), "x86_64 set has 231");
		} else {
			saw_bad = 1;
		}
	}
	OK(!saw_bad, "one set per ABI");
	kabi_needs_group_free(g);

	/* An unreadable file and directory are reported and the walk goes on.
	 * Root reads everything, so as root the walk runs in a child that
	 * drops to nobody (65534). */
	put(tmp("root/usr/bin/secret"), b, len);
	chmod(tmp("root/usr/bin/secret"), 0);
	run("mkdir -p %s/locked && chmod 0 %s/locked", tmp("root"), tmp("root"));
	chmod(dir, 0755);
	{
		pid_t pid = fork();
		int status = -1;

		if (pid == 0) {
			int ok;

			if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
				_exit(3);
			g = kabi_needs_group_new();
			rc = kabi_elf_read_dir(g, tmp("root"));
			ok = rc == KABI_EIO && g->nerrors == 3 && g->files == (compiled ? 2u : 1u);
			for (i = 0; i < g->nerrors; i++)
				if (strstr(g->errors[i], "secret") || strstr(g->errors[i], "locked"))
					ok = ok && strstr(g->errors[i], "Permission denied") != NULL;
			kabi_needs_group_free(g);
			_exit(ok ? 0 : 1);
		}
		waitpid(pid, &status, 0);
		chmod(tmp("root/locked"), 0755);
		OK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "unreadable file and directory reported, walk continued (status %d)", status);
	}
	g = kabi_needs_group_new();
	EQ_INT(kabi_elf_read_dir(g, tmp("missing")), KABI_ENOTFOUND);
	kabi_needs_group_free(g);
}

static void test_errors(void)
{
	kabi_needs *ns;

	put(tmp("text"), "hello world, not an ELF file\n", 29);
	EQ_INT(kabi_elf_read(&ns, tmp("text")), KABI_EINVALID);
	OK(ns == NULL && strstr(kabi_error_last(), "not an ELF file"), "not ELF: %s", kabi_error_last());
	EQ_INT(kabi_elf_read(&ns, tmp("missing")), KABI_ENOTFOUND);
}

static void test_libc_table(void)
{
	static const struct {
		const char *wrapper, *abi, *syscalls;
	} cases[] = {
		{"open", "x86_64", "openat"},
		{"open", "arm64", "openat"},
		{"stat", "x86_64", "newfstatat"},
		{"stat", "i386", "statx>fstatat64"},
		{"fstat", "loongarch64", "statx"},
		{"dup2", "x86_64", "dup2"},
		{"dup2", "riscv64", "dup3 fcntl"},
		{"poll", "arm64", "ppoll"},
		{"poll", "x86_64", "poll"},
		{"select", "x86_64", "pselect6"},
		{"access", "arm64", "faccessat"},
		{"unlink", "riscv64", "unlinkat"},
		{"mkdir", "arm64", "mkdirat"},
		{"rename", "arm64", "renameat"},
		{"rename", "riscv64", "renameat2"},
		{"alarm", "arm64", "setitimer"},
		{"epoll_create", "arm64", "epoll_create1"},
		{"mmap", "arm", "mmap2"},
		{"getuid", "i386", "getuid32"},
		{"socket", "i386", "socketcall"},
		{"fork", "ia64", "clone2 set_robust_list"},
		{"syscall", "x86_64", "?"},
		{"clock_gettime", "arm", "clock_gettime64>clock_gettime"},
		{"wait", "riscv32", "waitid"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const kabi_libc_map *m = kabi_libc_lookup(cases[i].wrapper, cases[i].abi);

		OK(m && strcmp(m->syscalls, cases[i].syscalls) == 0, "%s on %s: got '%s'", cases[i].wrapper,
		   cases[i].abi, m ? m->syscalls : "(none)");
	}
	OK(kabi_libc_lookup("strcmp_not_a_wrapper", "x86_64") == NULL, "unknown wrapper");
	OK(kabi_libc_count() > 300, "table has %zu rows", kabi_libc_count());
	OK(kabi_libc_lookup("pthread_create", NULL) != NULL, "NULL ABI takes the first row");
}

int main(void)
{
	int compiled;
	char cmd[600];

	if (!mkdtemp(dir))
		return 99;
	test_abi_table();
	test_libc_table();
	test_handmade_arm64();
	test_handmade_x86();
	test_handmade_arm();
	test_handmade_riscv();
	test_handmade_ppc();
	test_handmade_s390();
	test_errors();
	compiled = test_compiled();
	test_handmade_arm64_orr();
	if (compiled) {
		test_libc_calls();
		test_go_like();
		test_pclntab();
	}
	test_cross_arm64();
	test_libc_calls_arm64();
	test_hostile(compiled ? tmp("dyn") : "/bin/true");
	if (compiled)
		test_hostile(tmp("ns"));
	test_hostile_cross();
	test_dir(compiled);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", dir);
	return tap_done();
}
