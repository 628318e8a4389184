/*
 * test_artifact_seccomp.c - seccomp profiles from tests/fixtures/seccomp:
 * rule extraction, per-ABI / kernel / capability selection, the strict JSON
 * parser and its error offsets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artifact.h"
#include "error.h"
#include "tap.h"

static char fixdir[1024];

static const char *fixture(const char *name)
{
	static char path[1200];

	snprintf(path, sizeof(path), "%s/%s", fixdir, name);
	return path;
}

static int has(const kabi_needs *ns, const char *name)
{
	return kabi_needs_find(ns, NULL, name, -1) != NULL;
}

static kabi_needs *allowed(const kabi_seccomp *p, const char *abi, const char *kernel,
			   const char *const *caps, size_t ncaps)
{
	kabi_seccomp_query q = KABI_SECCOMP_QUERY_INIT;
	kabi_needs *ns = NULL;

	q.abi = abi;
	q.kernel = kernel;
	q.caps = caps;
	q.ncaps = ncaps;
	if (kabi_seccomp_names(&ns, p, &q, 1) < 0)
		return NULL;
	return ns;
}

static void test_docker_like(void)
{
	static const char *const admin[] = {"CAP_SYS_ADMIN"};
	static const char *const boot_admin[] = {"CAP_SYS_ADMIN", "CAP_SYS_BOOT"};
	kabi_seccomp *p;
	kabi_needs *ns;
	kabi_seccomp_query q = KABI_SECCOMP_QUERY_INIT;
	const kabi_need *d;
	const kabi_seccomp_rule *r;

	EQ_INT(kabi_seccomp_load(&p, fixture("docker-like.json")), 0);
	if (!p)
		return;
	EQ_STR(p->default_action, "SCMP_ACT_ERRNO");
	EQ_INT(p->default_errno_ret, 1);
	OK(!kabi_seccomp_default_allows(p), "default denies");
	EQ_INT(p->narch_map, 4);
	EQ_STR(p->arch_map[0].arch, "SCMP_ARCH_X86_64");
	EQ_INT(p->arch_map[0].sub.n, 2);
	EQ_STR(p->arch_map[0].sub.v[1], "SCMP_ARCH_X32");
	EQ_INT(p->arch_map[3].sub.n, 0);
	EQ_INT(p->nrules, 16);
	r = &p->rules[1];
	EQ_STR(r->action, "SCMP_ACT_ERRNO");
	EQ_INT(r->errno_ret, 38);
	EQ_INT(r->excludes.caps.n, 1);
	OK(r->comment && strstr(r->comment, "ENOSYS"), "comment kept");
	EQ_STR(p->rules[2].includes.min_kernel, "5.8");
	EQ_INT(p->rules[4].nargs, 1);
	EQ_INT(p->rules[13].names.n, 1); /* legacy "name" */
	EQ_STR(p->rules[13].names.v[0], "syslog");
	EQ_INT(p->rules[0].errno_ret, -1);

	/* x86_64, kernel 6.1, no caps */
	ns = allowed(p, "x86_64", "6.1", NULL, 0);
	OK(ns != NULL, "x86_64 query");
	if (ns) {
		OK(has(ns, "read") && has(ns, "openat") && has(ns, "clone3"), "base names");
		OK(has(ns, "faccessat2") && has(ns, "ptrace"), "minKernel met");
		OK(has(ns, "arch_prctl") && !has(ns, "set_tls") && !has(ns, "riscv_flush_icache"),
		   "arch includes");
		OK(!has(ns, "mount") && !has(ns, "kexec_load"), "caps required");
		OK(has(ns, "clone"), "clone without CAP_SYS_ADMIN");
		OK(!has(ns, "bpf"), "bpf excluded from 5.8");
		OK(has(ns, "syslog"), "SCMP_ACT_LOG allows");
		OK(!has(ns, "reboot") && !has(ns, "uselib"), "TRACE/KILL do not allow");
		d = kabi_needs_find(ns, NULL, "personality", -1);
		OK(d && strstr(d->why, "argument filters"), "args flagged in why");
		EQ_STR(ns->abi, "x86_64");
		kabi_needs_free(ns);
	}
	/* i386 is covered by archMap and by "amd64"/"x86" includes */
	ns = allowed(p, "i386", "4.4", NULL, 0);
	if (ns) {
		OK(has(ns, "arch_prctl") && has(ns, "clone"), "i386 via amd64");
		OK(!has(ns, "faccessat2") && !has(ns, "ptrace"), "minKernel not met on 4.4");
		OK(has(ns, "bpf"), "bpf allowed before 5.8");
		kabi_needs_free(ns);
	} else {
		OK(0, "i386 query: %s", kabi_error_last());
	}
	/* arm64 with caps */
	ns = allowed(p, "arm64", "5.10", admin, 1);
	if (ns) {
		OK(has(ns, "set_tls") && has(ns, "cacheflush") && !has(ns, "arch_prctl"), "arm arches");
		OK(has(ns, "mount") && has(ns, "setns"), "CAP_SYS_ADMIN includes");
		OK(!has(ns, "kexec_load"), "all caps are needed");
		OK(!has(ns, "clone"), "clone excluded with CAP_SYS_ADMIN");
		kabi_needs_free(ns);
	} else {
		OK(0, "arm64 query: %s", kabi_error_last());
	}
	ns = allowed(p, "arm64", "5.10", boot_admin, 2);
	OK(ns && has(ns, "kexec_load"), "both caps present");
	kabi_needs_free(ns);
	/* s390x: clone is included for neither, s390 names are */
	ns = allowed(p, "s390x", NULL, NULL, 0);
	OK(ns && has(ns, "s390_runtime_instr") && !has(ns, "clone") && has(ns, "ptrace"),
	   "s390x; unknown kernel ignores minKernel");
	kabi_needs_free(ns);
	ns = allowed(p, "riscv64", "6.6", NULL, 0);
	OK(ns && has(ns, "riscv_flush_icache"), "SCMP_ARCH name in includes");
	kabi_needs_free(ns);
	/* powerpc64 is not in the archMap */
	q.abi = "powerpc64";
	EQ_INT(kabi_seccomp_names(&ns, p, &q, 1), KABI_ENOTFOUND);
	OK(ns == NULL, "no set on error");
	/* the denied side */
	q.abi = "x86_64";
	q.kernel = "6.1";
	EQ_INT(kabi_seccomp_names(&ns, p, &q, 0), 0);
	OK(ns && has(ns, "clone3") && has(ns, "reboot") && has(ns, "kcmp") && !has(ns, "read"),
	   "non-allowing rules");
	kabi_needs_free(ns);
	q.kernel = "six";
	EQ_INT(kabi_seccomp_names(&ns, p, &q, 1), KABI_EINVALID);
	kabi_seccomp_free(p);
}

static void test_arch_map(void)
{
	static const struct {
		const char *scmp, *abi;
	} cases[] = {
		{"SCMP_ARCH_X86_64", "x86_64"},     {"SCMP_ARCH_X86", "i386"},
		{"SCMP_ARCH_X32", "x32"},           {"SCMP_ARCH_AARCH64", "arm64"},
		{"SCMP_ARCH_ARM", "arm"},           {"SCMP_ARCH_PPC64LE", "powerpc64"},
		{"SCMP_ARCH_PPC", "powerpc"},       {"SCMP_ARCH_S390X", "s390x"},
		{"SCMP_ARCH_MIPSEL", "mips-o32"},   {"SCMP_ARCH_MIPS64N32", "mips-n32"},
		{"SCMP_ARCH_MIPSEL64", "mips-n64"}, {"SCMP_ARCH_LOONGARCH64", "loongarch64"},
		{"SCMP_ARCH_RISCV64", "riscv64"},   {"SCMP_ARCH_PARISC64", "parisc64"},
		{"SCMP_ARCH_M68K", "m68k"},         {"SCMP_ARCH_SH", "sh"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		EQ_STR(kabi_seccomp_arch_abi(cases[i].scmp), cases[i].abi);
	OK(kabi_seccomp_arch_abi("SCMP_ARCH_NONSENSE") == NULL, "unknown arch");
	OK(kabi_seccomp_action_allows("SCMP_ACT_ALLOW") && kabi_seccomp_action_allows("SCMP_ACT_LOG"),
	   "allow actions");
	OK(!kabi_seccomp_action_allows("SCMP_ACT_TRACE") && !kabi_seccomp_action_allows("SCMP_ACT_NOTIFY") &&
		   !kabi_seccomp_action_allows("SCMP_ACT_ERRNO"),
	   "non-allow actions");
}

static void test_small(void)
{
	kabi_seccomp *p;
	kabi_needs *ns;

	EQ_INT(kabi_seccomp_load(&p, fixture("small.json")), 0);
	if (!p)
		return;
	OK(kabi_seccomp_default_allows(p), "default allows");
	EQ_INT(p->architectures.n, 2);
	EQ_STR(p->rules[0].comment, "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" / \t");
	ns = allowed(p, "i386", NULL, NULL, 0);
	OK(ns && ns->n == 0, "nothing explicitly allowed");
	kabi_needs_free(ns);
	ns = allowed(p, "arm64", NULL, NULL, 0);
	OK(ns == NULL, "arm64 not covered by architectures");
	kabi_seccomp_free(p);
}

/* Each malformed fixture fails with a message naming the file, the line
 * and the offset of `at` (the first occurrence of that text in the file,
 * or the end of the file when at is NULL). */
static void bad(const char *name, const char *at, int skip, const char *what)
{
	char want[64];
	size_t len, off;
	char *buf = tap_slurp(fixture(name), &len);
	kabi_seccomp *p = (kabi_seccomp *)1;
	int rc;

	if (!buf) {
		OK(0, "cannot read fixture %s", name);
		return;
	}
	off = at ? (size_t)(strstr(buf, at) - buf) + (size_t)skip : len;
	rc = kabi_seccomp_load(&p, fixture(name));
	EQ_INT(rc, KABI_EINVALID);
	OK(p == NULL, "%s: no profile", name);
	snprintf(want, sizeof(want), "(offset %zu)", off);
	OK(strstr(kabi_error_last(), want) && strstr(kabi_error_last(), name) &&
		   strstr(kabi_error_last(), what),
	   "%s: want '%s' and '%s' in: %s", name, want, what, kabi_error_last());
	free(buf);
}

static void test_malformed(void)
{
	kabi_seccomp *p;
	static const char *const inline_bad[] = {
		"",
		"{",
		"{\"a\":}",
		"{\"a\" 1}",
		"[1,]",
		"\"\\u12\"",
		"\"\\udc00\"",
		"01",
		"1.",
		"-",
		"1e",
		"{\"a\":1}x",
		"\"\x01\"",
		"\"\xc3\x28\"",
		"nul",
		"\xef\xbb\xbf{}",
		"{\"syscalls\": {}}",
		"{\"defaultErrnoRet\": -1}",
		"{\"defaultErrnoRet\": 1.5}",
		"{\"archMap\": [{\"subArchitectures\": []}]}",
		"{\"syscalls\": [{\"name\": \"a\\u0000b\", \"action\": \"x\"}]}",
	};
	char deep[300];
	size_t i;

	bad("bad-truncated.json", "\"op", 0, "unterminated string");
	bad("bad-type-names.json", "\"write\"", 0, "line 5");
	bad("bad-type-element.json", "42", 0, "element 1 is a number");
	bad("bad-escape.json", "\\q", 0, "line 3");
	bad("bad-surrogate.json", "\\ud83d", 0, "surrogate");
	bad("bad-trailing-comma.json", ",]", 1, "unexpected character");
	bad("bad-minkernel.json", "\"five\"", 0, "minKernel");
	bad("bad-no-action.json", "{\"names\"", 0, "without \"action\"");
	bad("bad-top-array.json", "[", 0, "must be an object");
	bad("bad-number.json", "01", 1, "',' or '}' expected");

	for (i = 0; i < sizeof(inline_bad) / sizeof(inline_bad[0]); i++) {
		int rc = kabi_seccomp_parse(&p, inline_bad[i], strlen(inline_bad[i]), "inline");

		OK(rc == KABI_EINVALID && !p, "inline case %zu rejected", i);
		OK(strstr(kabi_error_last(), "offset") != NULL, "inline case %zu: %s", i, kabi_error_last());
	}
	memset(deep, '[', sizeof(deep));
	EQ_INT(kabi_seccomp_parse(&p, deep, sizeof(deep), "deep"), KABI_EINVALID);
	OK(strstr(kabi_error_last(), "nesting") != NULL, "depth limit: %s", kabi_error_last());
	EQ_INT(kabi_seccomp_load(&p, fixture("missing.json")), KABI_ENOTFOUND);
	/* valid odd corners */
	{
		const char *ok = " {\"syscalls\": null, \"x\": [true, false, null, -0.5e+3]} ";

		EQ_INT(kabi_seccomp_parse(&p, ok, strlen(ok), "ok"), 0);
	}
	OK(p && p->nrules == 0 && p->default_action == NULL, "empty profile");
	kabi_seccomp_free(p);
}

int main(void)
{
	const char *src = getenv("KABI_SRC");

	if (src) {
		snprintf(fixdir, sizeof(fixdir), "%s/tests/fixtures/seccomp", src);
	} else {
		const char *f = __FILE__, *cut = strstr(f, "tests/unit/");

		snprintf(fixdir, sizeof(fixdir), "%.*stests/fixtures/seccomp", cut ? (int)(cut - f) : 0, f);
	}
	test_arch_map();
	test_docker_like();
	test_small();
	test_malformed();
	return tap_done();
}
