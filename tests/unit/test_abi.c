/* The ABI registry (db/abi.c) and the layout registry agree with each other
 * and with the other tools' names for each ABI. */
#include <elf.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "abi.h"
#include "layout.h"
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

	/* libseccomp */
	OK(kabi_abi_of_seccomp("SCMP_ARCH_PPC64LE") == kabi_abi_find("powerpc64"), "SCMP_ARCH_PPC64LE");
	OK(kabi_abi_of_seccomp("SCMP_ARCH_X32") == kabi_abi_find("x32"), "SCMP_ARCH_X32");
	OK(kabi_abi_of_seccomp("SCMP_ARCH_NOPE") == NULL, "an unknown SCMP_ARCH_");
	return tap_done();
}
