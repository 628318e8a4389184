/* The ABI registry (db/abi.c) and the layout registry agree with each other
 * and with the other tools' names for each ABI; the facts in each row (the
 * predefined macros, libc facts, Kconfig symbols) are well formed and go
 * together; the arch table; enums and their name tables. */
#include <elf.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "abi.h"
#include "layout.h"
#include "model.h"
#include "output.h"
#include "tap.h"

static const char *lookup(const char *name)
{
	const kabi_abi_info *a = kabi_abi_lookup(name);

	return a ? a->name : "(none)";
}

static const char *elf(unsigned machine, int is64, uint32_t flags)
{
	const kabi_abi_info *a = kabi_abi_of_elf(machine, is64, flags);

	return a ? a->name : "(none)";
}

/* Every word of every row's list `field` is claimed by that row only. */
static void words_unique(const kabi_abi_info *abis, size_t n, size_t off, const char *what)
{
	size_t i, j;
	int dup = 0;

	for (i = 0; i < n; i++) {
		const char *list = *(const char *const *)((const char *)&abis[i] + off), *p = list;

		while (p && *p) {
			const char *e = strchr(p, ' ');
			char w[64];
			size_t len = e ? (size_t)(e - p) : strlen(p);

			snprintf(w, sizeof(w), "%.*s", (int)len, p);
			for (j = 0; j < n; j++)
				if (j != i &&
				    (kabi_abi_list_has(*(const char *const *)((const char *)&abis[j] + off),
						       w) ||
				     (off == offsetof(kabi_abi_info, aliases) &&
				      strcasecmp(abis[j].name, w) == 0))) {
					OK(0, "%s '%s' of %s is also %s's", what, w, abis[i].name,
					   abis[j].name);
					dup = 1;
				}
			p = e ? e + 1 : NULL;
		}
	}
	OK(!dup, "%s are unique", what);
}

/* A space-separated list of NAME or NAME=VALUE words, NAME a C identifier
 * (upper: upper-case letters, digits and '_' only, as Kconfig symbols). */
static int words_ok(const char *list, int upper)
{
	const char *p = list;

	if (!list)
		return 0;
	while (*p) {
		const char *s = p;

		if (*p >= '0' && *p <= '9')
			return 0;
		while (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		       (!upper && *p >= 'a' && *p <= 'z'))
			p++;
		if (p == s)
			return 0;
		if (*p == '=' && !upper)
			while (*p && *p != ' ')
				p++;
		if (*p == ' ' && p[1] && p[1] != ' ')
			p++;
		else if (*p)
			return 0;
	}
	return 1;
}

static int bits_set(unsigned v)
{
	int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/* The predefined macros, libc facts and Kconfig symbols of each row. */
static void test_facts(const kabi_abi_info *abis, size_t n, const kabi_layout *layouts, size_t nl)
{
	const unsigned stat = KABI_LIBC_STAT_NEW | KABI_LIBC_STAT_64 | KABI_LIBC_STAT_X | KABI_LIBC_STAT_XF;
	const unsigned only32 = KABI_LIBC_TIME64 | KABI_LIBC_NO_TIME32 | KABI_LIBC_OFF32 | KABI_LIBC_UID16;
	size_t i, j;
	int bad = 0, header, tbl;

	for (i = 0; i < n; i++) {
		const kabi_abi_info *a = &abis[i];
		unsigned f = a->libc;

		for (j = 0, header = tbl = 0; j < nl; j++)
			if (strcmp(layouts[j].abi, a->name) == 0) {
				header |= layouts[j].format == KABI_FMT_HEADER;
				tbl |= layouts[j].format != KABI_FMT_HEADER;
			}
		if (!words_ok(a->cpp, 0) || (header && !*a->cpp)) {
			OK(0, "%s: predefined macros '%s' (header era: %d)", a->name,
			   a->cpp ? a->cpp : "(null)", header);
			bad = 1;
		}
		if (!a->elf.machine[0] != !f) {
			OK(0, "%s: ELF ids and libc facts go together (facts %#x)", a->name, f);
			bad = 1;
		}
		if (f && bits_set(f & stat) != 1) {
			OK(0, "%s: one STAT_ fact, not %d", a->name, bits_set(f & stat));
			bad = 1;
		}
		if (((f & only32) && a->bits != 32) ||
		    ((f & KABI_LIBC_NO_TIME32) && !(f & KABI_LIBC_TIME64)) ||
		    ((f & KABI_LIBC_NO_RENAMEAT) && !(f & KABI_LIBC_GENERIC))) {
			OK(0, "%s: libc facts %#x contradict each other or the word size", a->name, f);
			bad = 1;
		}
		if ((a->kernel_bits != 32 && a->kernel_bits != 64) || a->kernel_bits < a->bits ||
		    !words_ok(a->kconfig, 1) || !words_ok(a->kconfig_compat, 1)) {
			OK(0, "%s: kernel_bits %d, kconfig '%s', kconfig_compat '%s'", a->name,
			   a->kernel_bits, a->kconfig ? a->kconfig : "(null)",
			   a->kconfig_compat ? a->kconfig_compat : "(null)");
			bad = 1;
		}
		if (tbl && !kabi_arch_find(a->arch)) {
			OK(0, "%s: its arch '%s' (of the .tbl era) has no row", a->name, a->arch);
			bad = 1;
		}
	}
	OK(!bad, "every ABI's macros, libc facts and Kconfig symbols are well formed");

	/* a few known values */
	EQ_STR(kabi_abi_find("arm")->cpp, "__arm__ __ARM_EABI__");
	OK(strstr(kabi_abi_find("mips-n32")->cpp, "_MIPS_SIM=2") != NULL, "mips-n32: _MIPS_SIM=2");
	OK(kabi_abi_find("riscv32")->libc & KABI_LIBC_NO_TIME32, "riscv32 has no 32-bit time calls");
	OK(kabi_abi_find("i386")->libc & KABI_LIBC_SOCKETCALL, "i386: socketcall");
	OK(!(kabi_abi_find("x32")->libc & KABI_LIBC_TIME64), "x32: 64-bit time_t");
	EQ_INT(kabi_abi_find("x32")->kernel_bits, 64);
	EQ_INT(kabi_abi_find("s390")->kernel_bits, 64);
	EQ_INT(kabi_abi_find("i386")->kernel_bits, 32);
	OK(kabi_abi_list_has(kabi_abi_find("x32")->kconfig, "X86_X32_ABI"), "x32: X86_X32_ABI");
	OK(kabi_abi_list_has(kabi_abi_find("i386")->kconfig_compat, "IA32_EMULATION"),
	   "i386: IA32_EMULATION");

	/* the arch table */
	{
		size_t na;
		const kabi_arch_info *ar = kabi_arches(&na);

		for (i = 0, bad = 0; i < na; i++) {
			for (j = 0; j < i; j++)
				bad |= !strcmp(ar[i].arch, ar[j].arch) ||
				       !strcmp(ar[i].kconfig, ar[j].kconfig);
			bad |= kabi_arch_find(ar[i].arch) != &ar[i] ||
			       kabi_arch_of_kconfig(ar[i].kconfig) != &ar[i];
			bad |= !words_ok(ar[i].kconfig, 1) || !kabi_abi_list_has(ar[i].kconfig64, "64BIT") ||
			       !kabi_abi_list_has(ar[i].kconfig32, "32BIT");
		}
		OK(!bad, "arches and their Kconfig symbols are unique and found; 64BIT/32BIT everywhere");
		EQ_STR(kabi_arch_find("x86")->kconfig, "X86");
		EQ_STR(kabi_arch_of_kconfig("SUPERH")->arch, "sh");
		OK(kabi_abi_list_has(kabi_arch_find("powerpc")->kconfig64, "PPC64"), "powerpc: PPC64");
		OK(kabi_arch_find("vax") == NULL && kabi_arch_of_kconfig("X86_64") == NULL, "no such arch");
	}
}

int main(void)
{
	size_t n, nl, i, j;
	const kabi_abi_info *abis = kabi_abis(&n);
	const kabi_layout *layouts = kabi_layouts(&nl);
	int bad;

	OK(n >= 40, "the registry has the ABIs (%zu)", n);
	for (i = 0, bad = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			bad |= strcmp(abis[i].name, abis[j].name) == 0;
	OK(!bad, "ABI names are unique");
	for (i = 0, bad = 0; i < nl; i++)
		if (!kabi_abi_find(layouts[i].abi)) {
			OK(0, "layout %zu names an unknown ABI '%s'", i, layouts[i].abi);
			bad = 1;
		}
	OK(!bad, "every layout row names a registered ABI");
	for (i = 0, bad = 0; i < n; i++) {
		const kabi_abi_info *c = abis[i].compat32 ? kabi_abi_find(abis[i].compat32) : NULL;

		if (abis[i].compat32 && (!c || c->bits != 32 || c == &abis[i])) {
			OK(0, "%s's compat32 '%s' is not another, 32-bit ABI", abis[i].name,
			   abis[i].compat32);
			bad = 1;
		}
		if (!abis[i].aliases || !abis[i].docker || !abis[i].seccomp) {
			OK(0, "%s: a name list is NULL (\"\" for none)", abis[i].name);
			bad = 1;
		}
	}
	OK(!bad, "compat32 names another, 32-bit ABI; no NULL lists");
	words_unique(abis, n, offsetof(kabi_abi_info, aliases), "aliases");
	words_unique(abis, n, offsetof(kabi_abi_info, seccomp), "SCMP_ARCH_ names");
	for (i = 0, bad = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			bad |= abis[i].libseccomp && abis[j].libseccomp &&
			       !strcmp(abis[i].libseccomp, abis[j].libseccomp);
	OK(!bad, "libseccomp columns are unique");

	/* the names people use (Debian, Docker/OCI/Go, Rust, uname -m) */
	EQ_STR(lookup("x86_64"), "x86_64");
	EQ_STR(lookup("amd64"), "x86_64");
	EQ_STR(lookup("AMD64"), "x86_64");
	EQ_STR(lookup("aarch64"), "arm64");
	EQ_STR(lookup("ppc64le"), "powerpc64");
	EQ_STR(lookup("ppc64el"), "powerpc64");
	EQ_STR(lookup("i686"), "i386");
	EQ_STR(lookup("x86"), "i386");
	EQ_STR(lookup("armhf"), "arm");
	EQ_STR(lookup("armel"), "arm");
	EQ_STR(lookup("mips64el"), "mips-n64");
	EQ_STR(lookup("mipsel"), "mips-o32");
	EQ_STR(lookup("s390x"), "s390x");
	EQ_STR(lookup("loong64"), "loongarch64");
	EQ_STR(lookup("riscv64gc"), "riscv64");
	EQ_STR(lookup("hppa"), "parisc");
	EQ_STR(lookup("x86_64-unknown-linux-gnu"), "x86_64");
	EQ_STR(lookup("vax"), "(none)");

	/* ELF headers */
	EQ_STR(elf(EM_X86_64, 1, 0), "x86_64");
	EQ_STR(elf(EM_X86_64, 0, 0), "x32");
	EQ_STR(elf(EM_386, 0, 0), "i386");
	EQ_STR(elf(EM_AARCH64, 1, 0), "arm64");
	EQ_STR(elf(EM_AARCH64, 0, 0), "(none)");
	EQ_STR(elf(EM_ARM, 0, 0x05000400), "arm");
	EQ_STR(elf(EM_ARM, 0, 0), "arm-oabi");
	EQ_STR(elf(EM_MIPS, 0, 0x20), "mips-n32");
	EQ_STR(elf(EM_MIPS, 0, 0x1000), "mips-o32");
	EQ_STR(elf(EM_MIPS_RS3_LE, 1, 0), "mips-n64");
	EQ_STR(elf(EM_S390, 1, 0), "s390x");
	EQ_STR(elf(EM_S390, 0, 0), "s390");
	EQ_STR(elf(EM_PPC64, 1, 2), "powerpc64");
	EQ_STR(elf(EM_SPARC32PLUS, 0, 0), "sparc");
	EQ_STR(elf(EM_RISCV, 1, 5), "riscv64");
	EQ_STR(elf(EM_LOONGARCH, 1, 0), "loongarch64");

	/* ABIs the code names (the check and strace readers' defaults and
	 * personalities, int $0x80, hdr.c's renames) */
	{
		static const char *const named[] = {"x86_64", "i386", "x32", "arm64-compat"};

		for (i = 0, bad = 0; i < sizeof(named) / sizeof(named[0]); i++)
			bad |= !kabi_abi_find(named[i]);
		OK(!bad, "every ABI the code names is registered");
	}
	test_facts(abis, n, layouts, nl);

	/* enums and their name tables */
	for (i = 0, bad = 0; i <= KABI_EV_SIGNATURE_CHANGED; i++)
		bad |= kabi_event_kind_parse(kabi_event_kind_name((kabi_event_kind)i)) != (int)i;
	OK(!bad && kabi_event_kind_parse("nope") == -1, "event kinds and their names agree");
	for (i = 0, bad = 0; i <= KABI_OUT_JSON; i++)
		bad |= !kabi_out_format_value(i, NULL) ||
		       kabi_out_format_parse(kabi_out_format_value(i, NULL)) != (int)i;
	OK(!bad && !kabi_out_format_value(KABI_OUT_JSON + 1, NULL), "output formats and their names agree");

	/* libseccomp */
	OK(kabi_abi_of_seccomp("SCMP_ARCH_PPC64LE") == kabi_abi_find("powerpc64"), "SCMP_ARCH_PPC64LE");
	OK(kabi_abi_of_seccomp("SCMP_ARCH_X32") == kabi_abi_find("x32"), "SCMP_ARCH_X32");
	OK(kabi_abi_of_seccomp("SCMP_ARCH_NOPE") == NULL, "an unknown SCMP_ARCH_");
	return tap_done();
}
