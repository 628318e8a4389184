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

/*
 * Names separated by white space or commas, '#' comments, from the len
 * bytes at buf.  A list of names is text: a NUL byte is an error naming
 * the input and the line (not the silent end of a line, which would check
 * what was before it and drop the rest).
 */
int kabi__check_parse_names(kabi_needs *ns, const char *buf, size_t len, const char *label)
{
	kabi_strbuf name = KABI_STRBUF_INIT;
	const char *p = buf, *end = buf + len;
	size_t line = 1;

	for (; p < end; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *hash;

		if (!eol)
			eol = end;
		if (memchr(p, '\0', (size_t)(eol - p))) {
			kabi_strbuf_free(&name);
			return kabi_error_set(KABI_EINVALID,
					      "'%s' line %zu: a NUL byte (a list of syscall names is text)",
					      label, line);
		}
		if ((hash = memchr(p, '#', (size_t)(eol - p))))
			eol = hash;
		while (p < eol) {
			const char *s;

			while (p < eol && (isspace((unsigned char)*p) || *p == ','))
				p++;
			for (s = p; p < eol && !isspace((unsigned char)*p) && *p != ','; p++)
				;
			if (p > s) {
				kabi_strbuf_reset(&name);
				kabi_strbuf_add(&name, s, (size_t)(p - s));
				kabi_needs_add(ns, NULL, name.buf, -1, 1, NULL);
			}
		}
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : end;
	}
	kabi_strbuf_free(&name);
	return 0;
}

int kabi__check_read_names(kabi_needs *ns, FILE *f, const char *label)
{
	unsigned char *buf;
	size_t len;
	int rc;

	if ((rc = kabi_artifact_slurp(&buf, &len, f, label)) < 0)
		return rc;
	rc = kabi__check_parse_names(ns, (const char *)buf, len, label);
	free(buf);
	return rc;
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
size_t kabi__check_set(checker *c, check_input *in, const kabi_needs *ns, int implied, const char *only)
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
				kabi_cli_error("note: '%s': ABI '%s' is not in the catalog; not checked",
					       in->label, abis[i]);
				continue;
			}
			kabi_cli_error("'%s': ABI '%s' is not in the catalog (see 'kabi abis')", in->label,
				       abis[i]);
			c->errors++;
			continue;
		}
		if (c->rel && kabi_catalog_has_table(&present, c->cat, abi, c->ord) < 0) {
			kabi__check_broken(c);
			break;
		}
		if (!present) {
			if (implied) {
				kabi_cli_error("note: '%s': ABI '%s' has no syscall table at %s; not checked",
					       in->label, abis[i], c->rel);
				continue;
			}
			if (c->legacy)
				kabi_cli_has_table(c->cat, abi, c->ord);
			else
				kabi_cli_error("'%s': ABI '%s' has no syscall table at %s (see 'kabi abis')",
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

static in_type sniffed(kabi_artifact_kind k)
{
	return k == KABI_ARTIFACT_ELF ? IN_ELF : k == KABI_ARTIFACT_SECCOMP ? IN_SECCOMP : IN_AUTO;
}

/*
 * The type of the file at path from its first bytes (kabi_artifact_sniff):
 * a directory is walked for ELF files; IN_AUTO is text, an strace log or a
 * list of names, told apart by reading it.  For a file that can be read
 * twice: the reader opens it again.
 */
int kabi__check_sniff(const char *path, in_type *t)
{
	unsigned char b[512];
	struct stat st;
	size_t n;
	FILE *f;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*t = IN_ELF;
		return 0;
	}
	if (!(f = fopen(path, "rb")))
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO, "cannot open '%s': %s",
				      path, strerror(errno));
	n = fread(b, 1, sizeof(b), f);
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		return kabi_error_set(KABI_EIO, "cannot read '%s': %s", path, strerror(e));
	}
	fclose(f);
	*t = sniffed(kabi_artifact_sniff(b, n));
	return 0;
}

/*
 * An input that cannot be read twice - standard input, a pipe, a terminal,
 * a device - is read whole into *buf (once); a regular file or a directory
 * is left for its reader to open (*buf NULL).  Type IN_AUTO becomes what
 * the first bytes say.
 */
static int open_input(unsigned char **buf, size_t *len, const char *path, in_type *type)
{
	struct stat st;
	FILE *f;
	int rc;

	*buf = NULL;
	*len = 0;
	if (path && stat(path, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
		return *type == IN_AUTO ? kabi__check_sniff(path, type) : 0;
	/* a forced strace log is read as a stream, whatever its size */
	if (!path && *type == IN_STRACE)
		return 0;
	if (!path)
		f = stdin;
	else if (!(f = fopen(path, "rb")))
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO, "cannot open '%s': %s",
				      path, strerror(errno));
	rc = kabi_artifact_slurp(buf, len, f, path ? path : "-");
	if (f != stdin)
		fclose(f);
	if (rc == 0 && *type == IN_AUTO)
		*type = sniffed(kabi_artifact_sniff(*buf, *len));
	return rc;
}

/* Reading no syscall from an input is no answer: an error naming it. */
static int nothing_read(checker *c, const kabi_needs *ns, const char *label, const char *what)
{
	if (ns->n || ns->unknown)
		return 0;
	kabi_cli_error("'%s': no %s in it", label, what);
	c->errors++;
	return 1;
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
		kabi_cli_error("note: '%s': ELF files of an architecture kabi does not know; not checked",
			       in->label);
	}
	if (want && !checked && nsets > noabi) {
		for (i = 0; !sets[i]->abi; i++)
			;
		kabi_cli_error("'%s': no %s syscalls in it (its ELF files are %s%s)", in->label, want,
			       sets[i]->abi, nsets - noabi > 1 ? " and others" : "");
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
	check_input in = {label, type, KABI_ITEMS_INIT};
	kabi_needs *ns = NULL;
	kabi_seccomp *p = NULL;
	kabi_needs_group *g = NULL;
	unsigned char *buf = NULL;
	size_t len = 0, i;
	struct stat st;
	int rc;

	if (c->broken)
		return;
	if (open_input(&buf, &len, path, &type) < 0) {
		input_error(c);
		return;
	}
	in.type = type == IN_AUTO ? IN_STRACE : type;
	switch (type) {
	case IN_AUTO:
	case IN_STRACE:
		ns = kabi_needs_new(abi, label);
		if (buf) {
			FILE *m = fmemopen(buf, len, "r");

			if (!m) {
				kabi_error_set(KABI_EIO, "cannot read '%s': %s", label, strerror(errno));
				input_error(c);
				break;
			}
			rc = kabi_strace_read_fp(ns, m, label);
			fclose(m);
		} else {
			rc = path ? kabi_strace_read(ns, path) : kabi_strace_read_fp(ns, stdin, label);
		}
		if (rc == 0) {
			in.type = IN_STRACE;
			if (ns->warning)
				kabi_cli_error("warning: %s%s", ns->warning,
					       ns->nwarnings > 1 ? " (and more like it)" : "");
			if (!nothing_read(c, ns, label, "syscalls"))
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
		in.type = IN_NAMES;
		ns = kabi_needs_new(abi, label);
		if (buf) {
			rc = kabi__check_parse_names(ns, (const char *)buf, len, label);
		} else {
			FILE *f = fopen(path, "rb");

			if (!f) {
				kabi_error_set(KABI_EIO, "cannot open '%s': %s", path, strerror(errno));
				input_error(c);
				break;
			}
			rc = kabi__check_read_names(ns, f, label);
			fclose(f);
		}
		if (rc < 0) {
			input_error(c);
			break;
		}
		if (!nothing_read(c, ns, label, "syscall names"))
			kabi__check_set(c, &in, ns, 0, NULL);
		break;
	}
	case IN_SECCOMP:
		if ((buf ? kabi_seccomp_parse(&p, (char *)buf, len, label) : kabi_seccomp_load(&p, path)) <
		    0) {
			input_error(c);
			break;
		}
		do_seccomp(c, &in, p);
		break;
	case IN_ELF:
		if (!buf && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
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
		if ((buf ? kabi_elf_read_mem(&ns, buf, len, label) : kabi_elf_read(&ns, path)) < 0) {
			input_error(c);
			break;
		}
		do_elf(c, &in, &ns, 1);
		break;
	}
	kabi__check_items_free(&in.warned);
	kabi_needs_free(ns);
	kabi_seccomp_free(p);
	kabi_needs_group_free(g);
	free(buf);
}
