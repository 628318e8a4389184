/*
 * check_inputs.c - kabi check's inputs: names, strace logs, seccomp
 * profiles, ELF files and directories, from files or standard input, with
 * their type sniffed or forced; every ABI of what they need is checked.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_int.h"
#include "error.h"

/* Names separated by white space or commas, '#' comments. */
void kabi__check_read_names(kabi_needs *ns, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, f) >= 0) {
		char *p = line, *hash = strchr(line, '#');

		if (hash)
			*hash = '\0';
		while (*p) {
			char *s;

			while (*p && (isspace((unsigned char)*p) || *p == ','))
				p++;
			s = p;
			while (*p && !isspace((unsigned char)*p) && *p != ',')
				p++;
			if (p > s) {
				char c = *p;

				*p = '\0';
				kabi_needs_add(ns, NULL, s, -1, 1, NULL);
				*p = c;
			}
		}
	}
	free(line);
}

/* ---- inputs -------------------------------------------------------------------- */

/*
 * Checks every ABI of a set: the set's own first, then those of needs that
 * carry their own (a personality switch, int $0x80 in 64-bit code).  With
 * implied != 0 (a profile's architectures) an ABI that the catalog lacks
 * or that has no table at the target is skipped with a note; otherwise it
 * is an error.  only: check that ABI alone.  Returns the number of ABIs
 * checked.
 */
size_t kabi__check_set(checker *c, check_input *in, const kabi_needs *ns, int implied,
		       const char *only)
{
	const char **abis = kabi_calloc(ns->n + 1, sizeof(*abis));
	size_t nabis = 0, i, j, done = 0;

	if (ns->abi)
		abis[nabis++] = ns->abi;
	for (i = 0; i < ns->n; i++) {
		const char *a = ns->v[i].abi;

		for (j = 0; a && j < nabis && strcmp(abis[j], a) != 0; j++)
			;
		if (a && j == nabis)
			abis[nabis++] = a;
	}
	for (i = 0; i < nabis && !c->broken; i++) {
		int abi, present = 1;

		if (only && strcmp(only, abis[i]) != 0)
			continue;
		if (kabi__check_abi_lookup(c, abis[i], &abi) < 0)
			break;
		if (abi < 0) {
			if (implied) {
				kabi_cli_error(
				    "note: '%s': ABI '%s' is not in the catalog; not checked",
				    in->label, abis[i]);
				continue;
			}
			kabi_cli_error("'%s': ABI '%s' is not in the catalog (see 'kabi abis')",
			               in->label, abis[i]);
			c->errors++;
			continue;
		}
		if (c->rel && kabi_catalog_has_table(&present, c->cat, abi, c->ord) < 0) {
			kabi__check_broken(c);
			break;
		}
		if (!present) {
			if (implied) {
				kabi_cli_error(
				    "note: '%s': ABI '%s' has no syscall table at %s; not checked",
				    in->label, abis[i], c->rel);
				continue;
			}
			if (c->legacy)
				kabi_cli_has_table(c->cat, abi, c->ord);
			else
				kabi_cli_error(
				    "'%s': ABI '%s' has no syscall table at %s (see 'kabi abis')",
				    in->label, abis[i], c->rel);
			c->errors++;
			continue;
		}
		if (c->rel)
			kabi__check_abi(c, in, ns, abis[i], abi);
		else
			kabi__check_min_abi(c, in, ns, abis[i], abi);
		done++;
	}
	free(abis);
	return done;
}

static void input_error(checker *c)
{
	kabi_cli_error("%s", kabi_error_last());
	c->errors++;
}

/* The whole of a stream (stdin for --input seccomp/elf); owned by the caller. */
static int slurp(FILE *f, const char *name, unsigned char **buf, size_t *len)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		kabi_strbuf_add(&sb, chunk, n);
	if (ferror(f)) {
		kabi_strbuf_free(&sb);
		return kabi_error_set(KABI_EIO, "cannot read '%s': %s", name, strerror(errno));
	}
	*len = sb.len;
	kabi_strbuf_grow(&sb, 1);
	*buf = (unsigned char *)kabi_strbuf_detach(&sb);
	return 0;
}

/*
 * The type of a file from its first bytes: \x7fELF a binary, '{' after
 * white space a seccomp profile, anything else text (an strace log or a
 * list of names, told apart by reading it).
 */
int kabi__check_sniff(const char *path, in_type *t)
{
	unsigned char b[512];
	struct stat st;
	size_t n, i;
	FILE *f;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*t = IN_ELF;
		return 0;
	}
	if (!(f = fopen(path, "rb")))
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO,
		                      "cannot open '%s': %s", path, strerror(errno));
	n = fread(b, 1, sizeof(b), f);
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		return kabi_error_set(KABI_EIO, "cannot read '%s': %s", path, strerror(e));
	}
	fclose(f);
	*t = IN_AUTO;
	if (n >= 4 && memcmp(b,
	                     "\x7f"
	                     "ELF",
	                     4) == 0)
		*t = IN_ELF;
	for (i = 0; i < n && *t == IN_AUTO && isspace(b[i]); i++)
		;
	if (*t == IN_AUTO && i < n && b[i] == '{')
		*t = IN_SECCOMP;
	return 0;
}

/* An ELF file or directory: every ABI found, or only --abi. */
static void do_elf(checker *c, check_input *in, kabi_needs **sets, size_t nsets)
{
	const char *want = c->o->abi;
	size_t i, checked = 0, noabi = 0;

	for (i = 0; i < nsets; i++) {
		if (sets[i]->abi)
			checked += kabi__check_set(c, in, sets[i], 0, want);
		else
			noabi++;
	}
	if (noabi && noabi == nsets) {
		kabi_cli_error("'%s': ELF of an architecture kabi does not know", in->label);
		c->errors++;
	} else if (noabi) {
		kabi_cli_error(
		    "note: '%s': ELF files of an architecture kabi does not know; not checked",
		    in->label);
	}
	if (want && !checked && nsets > noabi) {
		for (i = 0; !sets[i]->abi; i++)
			;
		kabi_cli_error("'%s': no %s syscalls in it (its ELF files are %s%s)", in->label,
		               want, sets[i]->abi, nsets - noabi > 1 ? " and others" : "");
		c->errors++;
	}
}

/* Adds the kabi ABI of an SCMP_ARCH_* name to abis, once. */
static void add_arch(const char **abis, size_t *n, const char *scmp, const char *label)
{
	const char *a = kabi_seccomp_arch_abi(scmp);
	size_t k;

	if (!a) {
		kabi_cli_error("note: '%s': unknown architecture '%s'; not checked", label, scmp);
		return;
	}
	for (k = 0; k < *n && strcmp(abis[k], a) != 0; k++)
		;
	if (k == *n)
		abis[(*n)++] = a;
}

/* A profile's ABIs: --abi, else its architectures and archMap in order, else
 * x86_64 (a profile without architectures applies to the native one). */
static void do_seccomp(checker *c, check_input *in, const kabi_seccomp *p)
{
	size_t cap = p->architectures.n + 1, nabis = 0, i, j;
	const char **abis;

	for (i = 0; i < p->narch_map; i++)
		cap += 1 + p->arch_map[i].sub.n;
	abis = kabi_calloc(cap, sizeof(*abis));
	if (c->o->abi)
		abis[nabis++] = c->o->abi;
	for (i = 0; !c->o->abi && i < p->architectures.n; i++)
		add_arch(abis, &nabis, p->architectures.v[i], in->label);
	for (i = 0; !c->o->abi && i < p->narch_map; i++) {
		add_arch(abis, &nabis, p->arch_map[i].arch, in->label);
		for (j = 0; j < p->arch_map[i].sub.n; j++)
			add_arch(abis, &nabis, p->arch_map[i].sub.v[j], in->label);
	}
	if (!p->architectures.n && !p->narch_map && !nabis)
		abis[nabis++] = "x86_64";
	for (i = 0; i < nabis; i++) {
		kabi_seccomp_query q = KABI_SECCOMP_QUERY_INIT;
		kabi_needs *ns;

		q.abi = abis[i];
		q.kernel = c->rel; /* NULL with --min: minKernel is not applied */
		if (kabi_seccomp_names(&ns, p, &q, 1) < 0) {
			input_error(c);
			continue;
		}
		kabi__check_set(c, in, ns, !c->o->abi, NULL);
		kabi_needs_free(ns);
	}
	free(abis);
}

/* One input: path NULL = standard input. */
void kabi__check_do_input(checker *c, const char *path, in_type type)
{
	const char *label = path ? path : "-";
	const char *abi = c->o->abi ? c->o->abi : "x86_64";
	check_input in = {label, type, {NULL, 0}};
	kabi_needs *ns = NULL;
	kabi_seccomp *p = NULL;
	kabi_needs_group *g = NULL;
	unsigned char *buf = NULL;
	size_t len = 0, i;
	struct stat st;
	int rc;

	if (c->broken)
		return;
	if (path && type == IN_AUTO && kabi__check_sniff(path, &type) < 0) {
		input_error(c);
		return;
	}
	in.type = type == IN_AUTO ? IN_STRACE : type;
	if (!path && (type == IN_SECCOMP || type == IN_ELF) &&
	    slurp(stdin, label, &buf, &len) < 0) {
		input_error(c);
		return;
	}
	switch (type) {
	case IN_AUTO:
	case IN_STRACE:
		ns = kabi_needs_new(abi, label);
		rc = path ? kabi_strace_read(ns, path) : kabi_strace_read_fp(ns, stdin, label);
		if (rc == 0) {
			in.type = IN_STRACE;
			if (ns->warning)
				kabi_cli_error("warning: %s%s", ns->warning,
				               ns->nwarnings > 1 ? " (and more like it)" : "");
			kabi__check_set(c, &in, ns, 0, NULL);
			break;
		}
		if (type == IN_STRACE || rc != KABI_EINVALID) {
			input_error(c);
			break;
		}
		/* not strace output: a list of names */
		kabi_needs_free(ns);
		ns = NULL;
		/* fall through */
	case IN_NAMES: {
		FILE *f = path ? fopen(path, "r") : stdin;

		in.type = IN_NAMES;
		if (!f) {
			kabi_error_set(KABI_EIO, "cannot open '%s': %s", path, strerror(errno));
			input_error(c);
			break;
		}
		if (!ns)
			ns = kabi_needs_new(abi, label);
		kabi__check_read_names(ns, f);
		rc = ferror(f) ? errno : 0;
		if (f != stdin)
			fclose(f);
		if (rc) {
			kabi_error_set(KABI_EIO, "cannot read '%s': %s", label, strerror(rc));
			input_error(c);
			break;
		}
		kabi__check_set(c, &in, ns, 0, NULL);
		break;
	}
	case IN_SECCOMP:
		if ((path ? kabi_seccomp_load(&p, path)
		          : kabi_seccomp_parse(&p, (char *)buf, len, label)) < 0) {
			input_error(c);
			break;
		}
		do_seccomp(c, &in, p);
		break;
	case IN_ELF:
		if (path && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			g = kabi_needs_group_new();
			if (kabi_elf_read_dir(g, path) < 0) {
				for (i = 0; i < g->nerrors; i++)
					kabi_cli_error("%s", g->errors[i]);
				c->errors++;
			}
			if (!g->files && !g->nerrors) {
				kabi_cli_error("'%s': no ELF file in it", label);
				c->errors++;
			}
			do_elf(c, &in, g->v, g->n);
			break;
		}
		if ((path ? kabi_elf_read(&ns, path) : kabi_elf_read_mem(&ns, buf, len, label)) <
		    0) {
			input_error(c);
			break;
		}
		do_elf(c, &in, &ns, 1);
		break;
	}
	for (i = 0; i < in.warned.n; i++)
		free(in.warned.v[i]);
	free(in.warned.v);
	kabi_needs_free(ns);
	kabi_seccomp_free(p);
	kabi_needs_group_free(g);
	free(buf);
}

/* An operand is a file when --input says so, when it exists, or when it has
 * a '/' (no syscall name does; "./x.log" that is missing is an error). */
