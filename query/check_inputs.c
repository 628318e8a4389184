/*
 * check_inputs.c - kabi check's inputs: names, strace logs, seccomp
 * profiles, ELF files and directories, from files or standard input, with
 * their type sniffed or forced; every ABI of what they need is checked.
 */
#define _GNU_SOURCE /* fopencookie */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "check_int.h"
#include "error.h"

/* The most of an input's first bytes that sniffing looks at. */
#define SNIFF_BYTES 512
/* What is kept of a stream read as a stream (a pipe of strace output or
 * names): more than the strace reader reads before it tells a log from
 * something else, so that a names reader can read it again from its
 * start. */
#define STREAM_HEAD (KABI_STRACE_FIRST_MAX + (1 << 20))

/* The most of a word of a names list that is kept: a longer word is no
 * syscall name, and words longer than this are told apart by their first
 * NAME_KEEP bytes only.  With the list read in chunks, memory does not
 * depend on the length of the list, of a line or of a word. */
#define NAME_KEEP   4096
#define NAMES_CHUNK (64 * 1024)

/*
 * Names separated by white space or commas, '#' comments, fed in pieces
 * of any size.  A list of names is text: a NUL byte is an error naming the
 * input and the line (not the silent end of a line, which would check
 * what was before it and drop the rest).
 */
typedef struct {
	kabi_needs *ns;
	const char *label;
	kabi_strbuf word; /* the word being read, its first NAME_KEEP bytes */
	size_t line;
	int comment; /* after a '#' on this line */
} names_parser;

static void names_word(names_parser *np)
{
	if (!np->word.len)
		return;
	kabi_needs_add(np->ns, NULL, np->word.buf, -1, 1, NULL);
	kabi_strbuf_reset(&np->word);
}

static int names_feed(names_parser *np, const char *p, size_t len)
{
	const char *end = p + len, *s;

	while (p < end) {
		if (*p == '\0')
			return kabi_error_set(KABI_EINVALID,
					      "'%s' line %zu: a NUL byte (a list of syscall names is text)",
					      np->label, np->line);
		if (*p == '\n') {
			names_word(np);
			np->line++;
			np->comment = 0;
			p++;
		} else if (np->comment) {
			while (p < end && *p != '\n' && *p)
				p++;
		} else if (*p == '#') {
			names_word(np);
			np->comment = 1;
			p++;
		} else if (isspace((unsigned char)*p) || *p == ',') {
			names_word(np);
			p++;
		} else {
			for (s = p; p < end && *p && *p != '#' && *p != ',' && !isspace((unsigned char)*p);
			     p++)
				;
			if (np->word.len < NAME_KEEP)
				kabi_strbuf_add(&np->word, s,
						(size_t)(p - s) < NAME_KEEP - np->word.len
							? (size_t)(p - s)
							: NAME_KEEP - np->word.len);
		}
	}
	return 0;
}

int kabi__check_parse_names(kabi_needs *ns, const char *buf, size_t len, const char *label)
{
	names_parser np = {ns, label, KABI_STRBUF_INIT, 1, 0};
	int rc = names_feed(&np, buf, len);

	if (rc == 0)
		names_word(&np);
	kabi_strbuf_free(&np.word);
	return rc;
}

int kabi__check_read_names(kabi_needs *ns, FILE *f, const char *label)
{
	names_parser np = {ns, label, KABI_STRBUF_INIT, 1, 0};
	char *chunk = kabi_malloc(NAMES_CHUNK);
	size_t n;
	int rc = 0;

	while (rc == 0 && (n = fread(chunk, 1, NAMES_CHUNK, f)) > 0)
		rc = names_feed(&np, chunk, n);
	if (rc == 0 && ferror(f))
		rc = kabi_error_set(KABI_EIO, "cannot read '%s' after line %zu: %s", label, np.line,
				    strerror(errno));
	if (rc == 0)
		names_word(&np);
	kabi_strbuf_free(&np.word);
	free(chunk);
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

void kabi__check_listed(checker *c, check_input *in, kabi_needs *ns)
{
	char *own = ns->abi;
	size_t k;

	if (!c->nabis) {
		kabi__check_set(c, in, ns, 0, NULL);
		return;
	}
	for (k = 0; k < c->nabis && !c->broken; k++) {
		ns->abi = (char *)c->abis[k];
		kabi__check_set(c, in, ns, 0, NULL);
	}
	ns->abi = own;
}

/* The ABI of a names list or an strace log: the first --abi, else x86_64. */
static const char *input_abi(const checker *c)
{
	return c->nabis ? c->abis[0] : "x86_64";
}

static void input_error(checker *c)
{
	kabi_cli_error("%s", kabi_error_last());
	c->errors++;
}

/* The kind an input's first bytes say it is: the surest of the kinds'
 * sniffers (check_kind.sniff), the first on a tie.  Some kind is always
 * at least a maybe. */
static in_type sniffed(const unsigned char *buf, size_t len)
{
	in_type best = IN_AUTO;
	int k, sure, best_sure = 0;

	if (len > SNIFF_BYTES)
		len = SNIFF_BYTES;
	for (k = 0; k < IN_AUTO; k++) {
		if (!kabi__check_kinds[k].sniff)
			continue;
		sure = kabi__check_kinds[k].sniff(buf, len);
		if (sure > best_sure) {
			best = (in_type)k;
			best_sure = sure;
		}
	}
	assert(best != IN_AUTO);
	return best;
}

/*
 * Text sniffed in bytes full of NULs: none of the text kinds (names,
 * strace logs, profiles) has them, so this is binary data of no kind kabi
 * reads (zeros, a sparse file) - an error now, from the first bytes, rather
 * than after reading all of it.  A stray NUL in text is left to the reader,
 * which names its line.
 */
static int binary_text(const unsigned char *buf, size_t len, in_type t, const char *label)
{
	size_t i, nul = 0;

	if (len > SNIFF_BYTES)
		len = SNIFF_BYTES;
	if (t == IN_ELF || t == IN_IMAGE)
		return 0;
	for (i = 0; i < len; i++)
		nul += !buf[i];
	if (nul < 8 && nul * 2 <= len)
		return 0;
	return kabi_error_set(KABI_EINVALID,
			      "'%s': binary data that is no ELF file or image (%zu NUL bytes in its first "
			      "%zu; --input names the kind)",
			      label, nul, len);
}

/*
 * The kind of the file at path from its first bytes (sniffed()), or of the
 * directory (the kind that walks them).  For a file that can be read
 * twice: the reader opens it again.
 */
int kabi__check_sniff(const char *path, in_type *t)
{
	unsigned char b[SNIFF_BYTES];
	struct stat st;
	size_t n;
	FILE *f;
	int k;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		kabi_strbuf layout = KABI_STRBUF_INIT;
		unsigned want;

		kabi_strbuf_printf(&layout, "%s/oci-layout", path);
		want = access(layout.buf, F_OK) == 0 ? KIND_LAYOUT : KIND_DIR;
		kabi_strbuf_free(&layout);
		for (k = 0; k < IN_AUTO && !(kabi__check_kinds[k].flags & want); k++)
			;
		*t = (in_type)k;
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
	*t = sniffed(b, n);
	return binary_text(b, n, *t, path);
}

/*
 * A device is no file to check: /dev/zero or a disk would be read up to
 * the size cap, a tape or a serial line could block for ever.  A terminal
 * (names typed by hand) and the null device (read as empty, and reported
 * so) are read.  path NULL: standard input.
 */
/* Linux's terminal majors: virtual consoles and serial lines (4), /dev/tty
 * and the console (5), pseudo-terminals (136-143).  Not isatty(): opening a
 * device to ask may act on it (a tape rewinds when closed). */
static int is_tty(const struct stat *st)
{
	unsigned m = major(st->st_rdev);

	return m == 4 || m == 5 || (m >= 136 && m <= 143);
}

int kabi__check_not_a_device(const char *path)
{
	const char *label = path ? path : "-";
	struct stat st;

	if (path ? stat(path, &st) : fstat(STDIN_FILENO, &st))
		return 0; /* the open that follows says why */
	if (S_ISBLK(st.st_mode))
		return kabi_error_set(KABI_EINVALID, "'%s': a block device, not a file", label);
	if (!S_ISCHR(st.st_mode) || st.st_rdev == makedev(1, 3) || is_tty(&st))
		return 0;
	return kabi_error_set(KABI_EINVALID, "'%s': a character device, not a file", label);
}

/* The most of an input of kind t read whole from a pipe: what its reader
 * takes from a file. */
static size_t kind_max(in_type t)
{
	return t == IN_SECCOMP ? KABI_SECCOMP_MAX : t == IN_ELF ? KABI_ELF_MAX : KABI_ARTIFACT_STREAM_MAX;
}

/* Reads f whole into *buf, its kind sniffed from the first bytes before
 * the rest is read: binary_text() fails without reading on.  A kind read
 * as a stream (KIND_STREAM) is read to STREAM_HEAD bytes only; *stream
 * says that more may follow in f. */
static int slurp_sniffed(unsigned char **buf, size_t *len, FILE *f, const char *label, in_type *type,
			 int *stream)
{
	unsigned char head[SNIFF_BYTES], *rest;
	size_t n = fread(head, 1, sizeof(head), f), nrest = 0;
	int rc;

	if (ferror(f))
		return kabi_error_set(KABI_EIO, "cannot read '%s': %s", label, strerror(errno));
	*type = sniffed(head, n);
	if ((rc = binary_text(head, n, *type, label)) < 0)
		return rc;
	if (n == sizeof(head) && (kabi__check_kinds[*type].flags & KIND_STREAM)) {
		*buf = kabi_malloc(STREAM_HEAD + 1);
		memcpy(*buf, head, n);
		n += fread(*buf + n, 1, STREAM_HEAD - n, f);
		if (ferror(f)) {
			free(*buf);
			*buf = NULL;
			return kabi_error_set(KABI_EIO, "cannot read '%s': %s", label, strerror(errno));
		}
		(*buf)[n] = '\0';
		*len = n;
		*stream = n == STREAM_HEAD;
		return 0;
	}
	if (n < sizeof(head)) {
		rest = NULL;
	} else if ((rc = kabi_artifact_slurp(&rest, &nrest, f, label, kind_max(*type) - n)) < 0) {
		if (rc == KABI_EINVALID) /* too large: say so of the whole */
			kabi_error_set(rc, "'%s': larger than %zu MiB (the most kabi reads as --input %s%s)",
				       label, kind_max(*type) >> 20, kabi__check_kinds[*type].name,
				       kind_max(*type) == KABI_ARTIFACT_STREAM_MAX
					       ? " from a pipe: save it to a file"
					       : "");
		return rc;
	}
	/* the head before the rest, in the rest's buffer (no second copy of
	 * a large input; realloc moves no bytes of a large block) */
	*buf = kabi_realloc(rest, n + nrest + 1);
	if (nrest)
		memmove(*buf + n, *buf, nrest);
	memcpy(*buf, head, n);
	(*buf)[n + nrest] = '\0';
	*len = n + nrest;
	return 0;
}

/*
 * An input that cannot be read twice - standard input, a pipe, a terminal
 * (kabi__check_not_a_device()) - is read whole into *buf (once), unless
 * its kind is read as a stream (an strace log, names: forced, or sniffed
 * from its first bytes): then *buf holds its first bytes (none when
 * forced) and in->rest the stream, for input_stream().  A regular file or
 * a directory is left for its reader to open (*buf NULL).  Type IN_AUTO
 * becomes what the first bytes say.
 */
static int open_input(check_input *in, unsigned char **buf, size_t *len, const char *path, in_type *type)
{
	const char *label = path ? path : "-";
	struct stat st;
	int rc, stream = 0;
	FILE *f;

	*buf = NULL;
	*len = 0;
	if (path && stat(path, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
		return *type == IN_AUTO ? kabi__check_sniff(path, type) : 0;
	if ((rc = kabi__check_not_a_device(path)) < 0)
		return rc;
	if (!path)
		f = stdin;
	else if (!(f = fopen(path, "rb")))
		return kabi_error_set(errno == ENOENT ? KABI_ENOTFOUND : KABI_EIO, "cannot open '%s': %s",
				      path, strerror(errno));
	if (*type != IN_AUTO && (kabi__check_kinds[*type].flags & KIND_STREAM)) {
		in->rest = f; /* read as a stream, whatever its size */
		return 0;
	}
	rc = *type == IN_AUTO ? slurp_sniffed(buf, len, f, label, type, &stream)
			      : kabi_artifact_slurp(buf, len, f, label, kind_max(*type));
	if (rc == 0 && stream)
		in->rest = f;
	else if (f != stdin)
		fclose(f);
	return rc;
}

/* The bytes of an input read as a stream: those read already, then the
 * rest of the stream. */
typedef struct {
	const unsigned char *buf;
	size_t len, pos;
	check_input *in;
} replay;

static ssize_t replay_read(void *cookie, char *out, size_t n)
{
	replay *r = cookie;
	size_t k;

	if (r->pos < r->len) {
		k = r->len - r->pos < n ? r->len - r->pos : n;
		memcpy(out, r->buf + r->pos, k);
		r->pos += k;
		return (ssize_t)k;
	}
	if (!r->in->rest)
		return 0;
	r->in->rest_read = 1;
	k = fread(out, 1, n, r->in->rest);
	return k == 0 && ferror(r->in->rest) ? -1 : (ssize_t)k;
}

static int replay_close(void *cookie)
{
	free(cookie);
	return 0;
}

/* The input as a stream from its start: the len bytes at buf, then
 * in->rest.  NULL (the error set) when it was read past those already. */
static FILE *input_stream(check_input *in, const unsigned char *buf, size_t len)
{
	cookie_io_functions_t io = {replay_read, NULL, NULL, replay_close};
	replay *r;
	FILE *f;

	if (in->rest_read) {
		kabi_error_set(KABI_EINVALID,
			       "'%s': cannot be read again as another kind (--input names the kind)",
			       in->label);
		return NULL;
	}
	r = kabi_calloc(1, sizeof(*r));
	r->buf = buf;
	r->len = len;
	r->in = in;
	if (!(f = fopencookie(r, "r", io))) {
		kabi_error_set(KABI_EIO, "cannot read '%s': %s", in->label, strerror(errno));
		free(r);
	}
	return f;
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

/* An ELF file or directory: every ABI found, or only those of --abi. */
static void do_elf(checker *c, check_input *in, kabi_needs **sets, size_t nsets)
{
	size_t i, k, checked = 0, noabi = 0;

	for (i = 0; i < nsets; i++) {
		/* what the reader could not tell (a Go release whose fallbacks
		 * kabi does not know) */
		if (sets[i]->warning)
			kabi_cli_error("note: '%s': %s%s", in->label, sets[i]->warning,
				       sets[i]->nwarnings > 1 ? " (and more like it)" : "");
		if (!sets[i]->abi)
			noabi++;
		else if (!c->nabis)
			checked += kabi__check_set(c, in, sets[i], 0, NULL);
		for (k = 0; sets[i]->abi && k < c->nabis; k++)
			checked += kabi__check_set(c, in, sets[i], 0, c->abis[k]);
	}
	if (noabi && noabi == nsets) {
		kabi_cli_error("'%s': ELF of an architecture kabi does not know", in->label);
		c->errors++;
	} else if (noabi) {
		kabi_cli_error("note: '%s': ELF files of an architecture kabi does not know; not checked",
			       in->label);
	}
	if (c->nabis && !checked && nsets > noabi) {
		for (i = 0; !sets[i]->abi; i++)
			;
		kabi_cli_error("'%s': no %s%s syscalls in it (its ELF files are %s%s)", in->label, c->abis[0],
			       c->nabis > 1 ? " or other --abi" : "", sets[i]->abi,
			       nsets - noabi > 1 ? " and others" : "");
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
	cap += c->nabis;
	abis = kabi_calloc(cap, sizeof(*abis));
	for (i = 0; i < c->nabis; i++)
		abis[nabis++] = c->abis[i];
	for (i = 0; !c->nabis && i < p->architectures.n; i++)
		add_arch(abis, &nabis, p->architectures.v[i], in->label);
	for (i = 0; !c->nabis && i < p->narch_map; i++) {
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
		kabi__check_set(c, in, ns, !c->nabis, NULL);
		kabi_needs_free(ns);
	}
	free(abis);
}

/* ---- the kinds ----------------------------------------------------------------- */

/* An strace log; 1 (nothing reported) when one sniffed as text is not one. */
static int read_strace(checker *c, check_input *in, const char *path, const unsigned char *buf, size_t len,
		       int forced)
{
	kabi_needs *ns = kabi_needs_new(input_abi(c), in->label);
	int rc, ret = 0;

	if (buf || in->rest) {
		FILE *m = input_stream(in, buf, len);

		if (!m) {
			input_error(c);
			goto out;
		}
		rc = kabi_strace_read_fp(ns, m, in->label);
		fclose(m);
	} else {
		rc = kabi_strace_read(ns, path);
	}
	if (rc == 0) {
		if (ns->warning)
			kabi_cli_error("warning: %s%s", ns->warning,
				       ns->nwarnings > 1 ? " (and more like it)" : "");
		/* a log is of the one ABI it was traced on: numbers without a
		 * name mean that ABI's syscalls */
		if (c->nabis > 1)
			kabi_cli_error("note: '%s': an strace log is checked on the first --abi, %s, only",
				       in->label, c->abis[0]);
		if (!nothing_read(c, ns, in->label, "syscalls"))
			kabi__check_set(c, in, ns, 0, NULL);
	} else if (forced || rc != KABI_EINVALID) {
		input_error(c);
	} else {
		ret = 1; /* not strace output */
	}
out:
	kabi_needs_free(ns);
	return ret;
}

/* A list of syscall names. */
static int read_names(checker *c, check_input *in, const char *path, const unsigned char *buf, size_t len,
		      int forced)
{
	kabi_needs *ns = kabi_needs_new(input_abi(c), in->label);
	int rc;

	(void)forced;
	if (buf && !in->rest) {
		rc = kabi__check_parse_names(ns, (const char *)buf, len, in->label);
	} else {
		FILE *f = buf || in->rest ? input_stream(in, buf, len) : fopen(path, "rb");

		if (!f) {
			if (!buf && !in->rest)
				kabi_error_set(KABI_EIO, "cannot open '%s': %s", path, strerror(errno));
			input_error(c);
			goto out;
		}
		rc = kabi__check_read_names(ns, f, in->label);
		fclose(f);
	}
	if (rc < 0) {
		input_error(c);
		goto out;
	}
	if (!nothing_read(c, ns, in->label, "syscall names"))
		kabi__check_listed(c, in, ns);
out:
	kabi_needs_free(ns);
	return 0;
}

/* An OCI/Docker seccomp profile. */
static int read_seccomp(checker *c, check_input *in, const char *path, const unsigned char *buf, size_t len,
			int forced)
{
	kabi_seccomp *p = NULL;

	(void)forced;
	if ((buf ? kabi_seccomp_parse(&p, (char *)buf, len, in->label) : kabi_seccomp_load(&p, path)) < 0)
		input_error(c);
	else
		do_seccomp(c, in, p);
	kabi_seccomp_free(p);
	return 0;
}

/* An ELF file, or a directory walked for them. */
static int read_elf(checker *c, check_input *in, const char *path, const unsigned char *buf, size_t len,
		    int forced)
{
	kabi_needs *ns = NULL;
	kabi_needs_group *g;
	struct stat st;
	size_t i;

	(void)forced;
	if (!buf && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		g = kabi_needs_group_new();
		if (kabi_elf_read_dir(g, path) < 0) {
			for (i = 0; i < g->nerrors; i++)
				kabi_cli_error("%s", g->errors[i]);
			c->errors++;
		}
		if (!g->files && !g->nerrors) {
			kabi_cli_error("'%s': no ELF file in it", in->label);
			c->errors++;
		}
		do_elf(c, in, g->v, g->n);
		kabi_needs_group_free(g);
		return 0;
	}
	if ((buf ? kabi_elf_read_mem(&ns, buf, len, in->label) : kabi_elf_read(&ns, path)) < 0)
		input_error(c);
	else
		do_elf(c, in, &ns, 1);
	kabi_needs_free(ns);
	return 0;
}

/* A container image (or a root file system tarball): one verdict per
 * image and ABI, the ABI of each ELF file from its header, the image's
 * config naming the ABI of those whose header names none. */
static int read_image(checker *c, check_input *in, const char *path, const unsigned char *buf, size_t len,
		      int forced)
{
	kabi_images im;
	kabi_strbuf label = KABI_STRBUF_INIT;
	size_t i, j;

	(void)forced;
	if (kabi_image_read(&im, path, buf, len, in->label) < 0) {
		input_error(c);
		kabi_images_free(&im);
		return 0;
	}
	for (i = 0; i < im.n && !c->broken; i++) {
		const kabi_image *m = &im.v[i];
		check_input one = {in->label, IN_IMAGE, KABI_ITEMS_INIT, NULL, 0};

		if (im.n > 1) {
			kabi_strbuf_reset(&label);
			kabi_strbuf_printf(&label, "%s (%s)", in->label, m->name);
			one.label = label.buf;
		}
		if (m->arch && !m->abi)
			kabi_cli_error("note: '%s': architecture '%s' of its config is no ABI kabi knows",
				       one.label, m->arch);
		if (m->nother)
			kabi_cli_error(
				"note: '%s': its config says %s (%s) but %zu ELF file%s do%s not (%s%s); "
				"each is checked as its header says",
				one.label, m->arch, m->abi, m->nother, m->nother == 1 ? "" : "s",
				m->nother == 1 ? "es" : "", m->other, m->nother > 1 ? " ..." : "");
		for (j = 0; j < m->g->nerrors; j++)
			kabi_cli_error("%s", m->g->errors[j]);
		c->errors += m->g->nerrors > 0;
		if (!m->g->files && !m->g->nerrors) {
			kabi_cli_error("'%s': no ELF file in it (%zu layer%s)", one.label, m->nlayers,
				       m->nlayers == 1 ? "" : "s");
			c->errors++;
		}
		if (m->g->n)
			do_elf(c, &one, m->g->v, m->g->n);
		kabi__check_items_free(&one.warned);
	}
	kabi_strbuf_free(&label);
	kabi_images_free(&im);
	return 0;
}

/* Any input may be an strace log until it is read. */
static int sniff_text(const unsigned char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return 1;
}

/* '{' after white space: JSON, a profile. */
static int sniff_seccomp(const unsigned char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len && isspace(buf[i]); i++)
		;
	return i < len && buf[i] == '{' ? 2 : 0;
}

/* A tar header (its checksum right) or gzip's magic. */
static int sniff_image(const unsigned char *buf, size_t len)
{
	return kabi_image_sniff(buf, len) ? 2 : 0;
}

static int sniff_elf(const unsigned char *buf, size_t len)
{
	return len >= 4 && memcmp(buf,
				  "\x7f"
				  "ELF",
				  4) == 0
		       ? 2
		       : 0;
}

/* In in_type order.  Text that is not an strace log is a list of names. */
/*
 * How a needed syscall counts, by how it is needed (required, optional,
 * only a fallback: kabi_need_role) and by what the catalog says of it
 * (available, not implemented, added later, removed, never on the ABI, no
 * such name or number): a program or a log needs every required syscall it
 * makes, a number no release had included; a profile lists other
 * architectures' syscalls and typos harmlessly; a list typed by hand needs
 * what it names, and a name no kernel ever had is the user's error
 * (unknown_is_error).  A missing optional syscall is a degraded path when
 * its fallbacks are there (FALLBACK), a missing fallback counts through
 * what it stands in for (SPARE).
 */
// clang-format off
/* a row per role (required, optional, fallback), a column per status;
 * ABSENT(x): the same for not implemented, added later, removed, never */
#define ABSENT(x) x, x, x, x
/* ... then a column for "implementation unknown" and one for "no such name" */
#define NEEDED  {{KABI_CHK_OK, ABSENT(KABI_CHK_MISSING),  KABI_CHK_UNSURE, KABI_CHK_MISSING},      \
		 {KABI_CHK_OK, ABSENT(KABI_CHK_FALLBACK), KABI_CHK_UNSURE, KABI_CHK_FALLBACK},     \
		 {KABI_CHK_OK, ABSENT(KABI_CHK_SPARE),    KABI_CHK_SPARE,  KABI_CHK_SPARE}}
#define LISTED  {{KABI_CHK_OK, ABSENT(KABI_CHK_MISSING),  KABI_CHK_UNSURE, KABI_CHK_UNKNOWN},      \
		 {KABI_CHK_OK, ABSENT(KABI_CHK_FALLBACK), KABI_CHK_UNSURE, KABI_CHK_UNKNOWN},      \
		 {KABI_CHK_OK, ABSENT(KABI_CHK_SPARE),    KABI_CHK_SPARE,  KABI_CHK_UNKNOWN}}
#define ALLOWED {{KABI_CHK_OK, KABI_CHK_MISSING,  KABI_CHK_MISSING,  KABI_CHK_MISSING,  KABI_CHK_ELSEWHERE, KABI_CHK_UNSURE, KABI_CHK_UNKNOWN}, \
		 {KABI_CHK_OK, KABI_CHK_FALLBACK, KABI_CHK_FALLBACK, KABI_CHK_FALLBACK, KABI_CHK_ELSEWHERE, KABI_CHK_UNSURE, KABI_CHK_UNKNOWN}, \
		 {KABI_CHK_OK, KABI_CHK_SPARE,    KABI_CHK_SPARE,    KABI_CHK_SPARE,    KABI_CHK_ELSEWHERE, KABI_CHK_SPARE,  KABI_CHK_UNKNOWN}}
// clang-format on

const check_kind kabi__check_kinds[] = {
	{"names", "syscall names, separated by white space or commas; '#' starts a comment", NULL, read_names,
	 IN_AUTO, KIND_STREAM, LISTED, 1},
	{"strace", "an strace log (-f, -ff or -c output)", sniff_text, read_strace, IN_NAMES, KIND_STREAM,
	 NEEDED, 0},
	{"seccomp", "an OCI/Docker seccomp profile (JSON)", sniff_seccomp, read_seccomp, IN_AUTO, 0, ALLOWED,
	 0},
	{"elf", "an ELF binary, or a directory walked for ELF binaries", sniff_elf, read_elf, IN_AUTO,
	 KIND_DIR, NEEDED, 0},
	{"image",
	 "a container image: an OCI image layout (a directory or a tar), a docker save tarball, or a root "
	 "file system tarball; its ELF binaries, whiteouts honoured",
	 sniff_image, read_image, IN_AUTO, KIND_LAYOUT, NEEDED, 0},
};

_Static_assert(sizeof(kabi__check_kinds) / sizeof(kabi__check_kinds[0]) == IN_AUTO,
	       "a row per in_type, in its order");

/* One input: path NULL = standard input. */
void kabi__check_do_input(checker *c, const char *path, in_type type)
{
	check_input in = {path ? path : "-", type, KABI_ITEMS_INIT, NULL, 0};
	unsigned char *buf = NULL;
	size_t len = 0;
	int forced = type != IN_AUTO;

	if (c->broken)
		return;
	if (open_input(&in, &buf, &len, path, &type) < 0) {
		input_error(c);
		return;
	}
	for (;;) {
		in.type = type;
		if (!kabi__check_kinds[type].read(c, &in, path, buf, len, forced))
			break;
		type = kabi__check_kinds[type].fallback;
		assert(type != IN_AUTO);
	}
	kabi__check_items_free(&in.warned);
	if (in.rest && in.rest != stdin)
		fclose(in.rest);
	free(buf);
}
