/*
 * hdr.c - header-era syscall tables (see hdr.h and docs/header-era.md).
 *
 * One run of the preprocessor per (layout row, distinct set of files):
 *
 *   1. predefine what the target compiler would (__CHAR_BIT__, __SIZEOF_LONG__,
 *      __LP64__ and the ABI's arch macros), protect __SYSCALL so that the
 *      header's __SYSCALL(nr, entry) lines reach us as text, and replace
 *      asm-generic's helpers __SC_COMP/__SC_3264/__SC_COMP_3264 by ours,
 *      which keep the compat entry point in a third argument the way
 *      scripts/syscall.tbl's fifth column does;
 *   2. run the header, following #include inside the same tree;
 *   3. every object-like __NR_name that evaluates to a number is a row,
 *      unless it is an alias (its body is another __NR_ name), not a syscall
 *      (__NR_syscalls ...) or outside the ABI's number range;
 *   4. entry points come from the separate entry table when the row names
 *      one, else from the header's __SYSCALL lines; an era with neither has
 *      unknown entries: "" with KABI_IMPL_UNKNOWN and a reason, never
 *      "implemented"; a compat table the row names and that cannot be read
 *      leaves every compat entry KABI_ENTRY_UNKNOWN, not "none".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cexpr.h"
#include "cpp.h"
#include "error.h"
#include "hdr.h"
#include "strbuf.h"
#include "tbl.h"

/* Names defined as __NR_<name> that are not syscalls. */
static const char *const not_syscalls[] = {
	"syscalls",      "syscall_max",        "Linux",        "Linux_syscalls",
	"SYSCALL_BASE",  "OABI_SYSCALL_BASE",  "SYSCALL_MASK", "arch_specific_syscall",
	"O32_Linux",     "O32_Linux_syscalls", "N32_Linux",    "N32_Linux_syscalls",
	"64_Linux",      "64_Linux_syscalls",  "NR_syscalls",  "last_syscall",
	"syscall_count",
};

/*
 * Continuity data (docs/header-era.md).  A header name that the .tbl which
 * replaced the header spells differently for the same slot is stored under
 * the .tbl's name.  Only pairs seen in real trees are listed.
 */
static const struct {
	const char *abi, *header_name, *name;
} aliases[] = {
	/* arch/arm64/include/asm/unistd32.h vs arch/arm64/tools/syscall_32.tbl (v6.11) */
	{"arm64-compat", "sync_file_range2", "arm_sync_file_range"},
};

/* asm-generic rows written __SC_COMP(nr, sys, compat) whose compat entry
 * scripts/syscall.tbl gives only to 32-bit ABIs (a time32 or 32 row with
 * the compat entry beside a 64 row without one): 64-bit ABIs drop it. */
static const char *const compat_32_only[] = {"gettimeofday", "settimeofday", "wait4", "fadvise64"};

static const char *alias_of(const char *abi, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].abi, abi) == 0 && strcmp(aliases[i].header_name, name) == 0)
			return aliases[i].name;
	return name;
}

static int in_list(const char *const *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

/* Prefixes of names that number another personality's syscalls in the
 * same header: parisc's HP-UX calls (until 4.0, "__NR_HPUX_exit 1" beside
 * Linux's "__NR_exit (__NR_Linux + 1)"). */
static const char *const other_personalities[] = {
	"HPUX_",
	/* arm64's unistd32.h: the kernel's own names for AArch32 numbers
	 * (__NR_compat_sigreturn 119, __NR_compat_syscalls, the count) */
	"compat_",
};

/* The names above and another personality's: never syscalls. */
static int is_never_syscall(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(other_personalities) / sizeof(other_personalities[0]); i++)
		if (strncmp(name, other_personalities[i], strlen(other_personalities[i])) == 0)
			return 1;

	for (i = 0; i < sizeof(not_syscalls) / sizeof(not_syscalls[0]); i++)
		if (strcmp(name, not_syscalls[i]) == 0)
			return 1;
	return 0;
}

int kabi_hdr_name_is_not_syscall(const char *name)
{
	return is_never_syscall(name) || kabi_name_is_placeholder(name);
}

/* ---- entry points ------------------------------------------------------ */

typedef struct {
	int64_t nr;
	const char *entry, *compat; /* interned, raw (not normalised) */
	int obsolete;               /* arm OBSOLETE(): OABI only */
	size_t seq;                 /* order of appearance: the last of one number wins */
} slot;

typedef struct {
	slot *v;
	size_t n, alloc;
} slots;

static void slots_put(slots *s, int64_t nr, const char *entry, const char *compat, int obsolete)
{
	slot *x;

	KABI_ARRAY_GROW(s->v, s->n + 1, s->alloc);
	x = &s->v[s->n];
	x->nr = nr;
	x->entry = entry;
	x->compat = compat;
	x->obsolete = obsolete;
	x->seq = s->n++;
}

static int slot_cmp(const void *a, const void *b)
{
	const slot *x = a, *y = b;

	if (x->nr != y->nr)
		return x->nr < y->nr ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts by number, keeping the last slot given for each number. */
static void slots_sort(slots *s)
{
	size_t i, w = 0;

	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), slot_cmp);
	for (i = 0; i < s->n; i++) {
		if (w && s->v[w - 1].nr == s->v[i].nr)
			w--;
		s->v[w++] = s->v[i];
	}
	s->n = w;
}

static const slot *slots_find(const slots *s, int64_t nr)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->v[mid].nr == nr)
			return &s->v[mid];
		if (s->v[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int is_ident_char(int c)
{
	return isalnum(c) || c == '_';
}

/* An identifier (possibly with a $ or . as some assemblers allow): the
 * trimmed text [s, e) when it is one, interned. */
static const char *ident(kabi_intern *pool, const char *s, const char *e)
{
	const char *p;

	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	if (s == e || isdigit((unsigned char)*s))
		return NULL;
	for (p = s; p < e; p++)
		if (!is_ident_char((unsigned char)*p))
			return NULL;
	return kabi_intern_len(pool, s, (size_t)(e - s));
}

/* Splits "a, b(c, d), e" at top-level commas; returns the count (at most max). */
static int split_args(const char *s, const char *e, const char **as, const char **ae, int max)
{
	int n = 0, depth = 0;
	const char *start = s, *p;

	for (p = s; p <= e; p++) {
		if (p == e || (*p == ',' && depth == 0)) {
			if (n < max) {
				as[n] = start;
				ae[n] = p;
			}
			n++;
			start = p + 1;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		}
	}
	return n;
}

/* The matching ')' of the '(' at open, or NULL. */
static const char *close_paren(const char *open, const char *end)
{
	int depth = 0;
	const char *p;

	for (p = open; p < end; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p;
	}
	return NULL;
}

/* `WORD(inner)` at [s, e): the inner text. */
static int unwrap(const char *word, const char *s, const char *e, const char **is, const char **ie)
{
	size_t wl = strlen(word);
	const char *open, *close;

	while (s < e && isspace((unsigned char)*s))
		s++;
	if ((size_t)(e - s) <= wl || strncmp(s, word, wl) != 0)
		return 0;
	open = s + wl;
	while (open < e && isspace((unsigned char)*open))
		open++;
	if (open >= e || *open != '(' || !(close = close_paren(open, e)))
		return 0;
	*is = open + 1;
	*ie = close;
	return 1;
}

/* One element of an entry list: x, OBSOLETE(x), ABI(native, oabi). */
static void list_element(slots *out, int64_t nr, const char *s, const char *e, kabi_intern *pool)
{
	const char *is, *ie, *as[2], *ae[2];
	const char *entry = NULL, *compat = NULL;
	int obsolete = 0;

	const char *xs[3], *xe[3];
	int n;

	if (unwrap("CALL", s, e, &is, &ie)) {
		s = is;
		e = ie;
	}
	if (unwrap("SYSCALL", s, e, &is, &ie) && (n = split_args(is, ie, xs, xe, 3)) >= 2 && n <= 3) {
		/* s390's syscalls.S: SYSCALL(esa, esame, emu) until 4.0, then
		 * SYSCALL(esame, emu): the 64-bit entry and the 31-bit compat one,
		 * as syscall.tbl's 4th and 5th columns. */
		entry = ident(pool, xs[n - 2], xe[n - 2]);
		compat = ident(pool, xs[n - 1], xe[n - 1]);
	} else if (ident(pool, s, e) && strcmp(ident(pool, s, e), "NI_SYSCALL") == 0) {
		entry = kabi_intern_str(pool, "sys_ni_syscall");
	} else if (unwrap("OBSOLETE", s, e, &is, &ie)) {
		obsolete = 1;
		entry = ident(pool, is, ie);
	} else if (unwrap("ABI", s, e, &is, &ie) && split_args(is, ie, as, ae, 2) == 2) {
		entry = ident(pool, as[0], ae[0]);
		compat = ident(pool, as[1], ae[1]);
	} else {
		while (s < e && isspace((unsigned char)*s))
			s++;
		if (s < e && *s == '.') /* ppc64's ".sys_x": the code of descriptor sys_x */
			s++;
		entry = ident(pool, s, e);
	}
	slots_put(out, nr, entry ? entry : kabi_intern_len(pool, "", 0),
		  compat ? compat : kabi_intern_len(pool, "", 0), obsolete);
}

/* Copies a line without comments into sb; *in_comment carries a block
 * comment across lines. */
static void strip_comments(kabi_strbuf *sb, const char *p, const char *eol, int *in_comment)
{
	kabi_strbuf_reset(sb);
	while (p < eol) {
		if (*in_comment) {
			if (p + 1 < eol && p[0] == '*' && p[1] == '/') {
				*in_comment = 0;
				p += 2;
			} else {
				p++;
			}
			continue;
		}
		if (p + 1 < eol && p[0] == '/' && p[1] == '*') {
			*in_comment = 1;
			p += 2;
			continue;
		}
		if (p + 1 < eol && p[0] == '/' && p[1] == '/')
			break;
		kabi_strbuf_putc(sb, *p++);
	}
}

/* The lines of an assembly table, one at a time, without comments (a block
 * comment may span lines) and without leading space. */
typedef struct {
	const char *p, *end;
	int in_comment;
	kabi_strbuf line;
} line_iter;

static void line_iter_init(line_iter *it, const char *text, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->p = text;
	it->end = text + len;
}

/* The next line, valid until the next call; NULL at the end. */
static const char *next_line(line_iter *it)
{
	const char *eol, *q;

	if (it->p >= it->end)
		return NULL;
	eol = memchr(it->p, '\n', (size_t)(it->end - it->p));
	if (!eol)
		eol = it->end;
	strip_comments(&it->line, it->p, eol, &it->in_comment);
	it->p = eol + 1;
	q = it->line.buf ? it->line.buf : "";
	while (isspace((unsigned char)*q))
		q++;
	return q;
}

/* An entry line: [.long|.quad|.word|PTR] a, b ... or CALL(...); fills
 * [*s, *e) with the elements.  0 when it is not one. */
static int entry_line(const char *line, const char **s, const char **e)
{
	static const char *const directives[] = {".long",  ".quad", ".llong", ".word",
						 ".dword", ".int",  "PTR",    "data8"};
	const char *p = line;
	size_t i;

	while (isspace((unsigned char)*p))
		p++;
	*e = p + strlen(p);
	while (*e > p && isspace((unsigned char)(*e)[-1]))
		(*e)--;
	if ((strncmp(p, "CALL", 4) == 0 && !is_ident_char((unsigned char)p[4])) ||
	    (strncmp(p, "SYSCALL", 7) == 0 && !is_ident_char((unsigned char)p[7])) ||
	    (strncmp(p, "NI_SYSCALL", 10) == 0 && !is_ident_char((unsigned char)p[10]))) {
		*s = p;
		*e = p + strlen(p);
		while (*e > p && isspace((unsigned char)(*e)[-1]))
			(*e)--;
		/* one element per line, commas inside its parentheses */
		return 2;
	}
	for (i = 0; i < sizeof(directives) / sizeof(directives[0]); i++) {
		size_t dl = strlen(directives[i]);

		if (strncmp(p, directives[i], dl) == 0 && isspace((unsigned char)p[dl])) {
			*s = p + dl;
			return 1;
		}
	}
	return 0;
}

/* Does the line define `label` (label: or ENTRY(label))? */
static int defines_label(const char *line, const char *label)
{
	size_t ll = strlen(label);
	const char *p = line;

	while ((p = strstr(p, label)) != NULL) {
		int before = p == line || !is_ident_char((unsigned char)p[-1]);
		char after = p[ll];

		if (before && (after == ':' || after == ')'))
			return 1;
		p += ll;
	}
	return 0;
}

/*
 * Conditionals inside an entry table, decided without a preprocessor run
 * (the files are assembly): `#ifdef CONFIG_X ... #else ... #endif` takes the
 * branch of a kernel built without the option; NR_syscalls counts as
 * defined, since the table is read as its second inclusion (2.6.12's
 * calls.S is `#ifndef NR_syscalls #define NR_syscalls ... #else <table>`).
 */
typedef struct {
	int depth;
	unsigned char active[33], taken[33]; /* per level; [0] is the file */
} cond_state;

static int nr_syscalls_defined(void *ctx, const char *name, size_t len, kabi_cexpr_val *out)
{
	(void)ctx;
	out->v = len == 11 && memcmp(name, "NR_syscalls", 11) == 0;
	return 0;
}

/* An #if/#elif (kind "if") or #ifdef/#ifndef line's condition: anything
 * that is not an expression is false. */
static int cond_eval(const char *kind, const char *rest)
{
	kabi_cexpr_ops ops = KABI_CEXPR_OPS_INIT;
	const char *p = rest;

	while (isspace((unsigned char)*p))
		p++;
	if (strcmp(kind, "ifdef") == 0 || strcmp(kind, "ifndef") == 0) {
		int def = strncmp(p, "NR_syscalls", 11) == 0 && !is_ident_char((unsigned char)p[11]);

		return kind[2] == 'n' ? !def : def;
	}
	ops.defined = nr_syscalls_defined;
	return kabi_cexpr_truth(p, strlen(p), &ops) == 1;
}

/* A '#' line: updates the state.  Returns whether lines are active now. */
static int cond_line(cond_state *st, const char *q)
{
	char kind[16];
	size_t n;

	q++;
	while (*q == ' ' || *q == '\t')
		q++;
	n = 0;
	while (isalpha((unsigned char)q[n]) && n < sizeof(kind) - 1) {
		kind[n] = q[n];
		n++;
	}
	kind[n] = '\0';
	q += n;
	if (strncmp(kind, "if", 2) == 0 && (!kind[2] || !strcmp(kind, "ifdef") || !strcmp(kind, "ifndef"))) {
		int v = cond_eval(kind, q), up = st->active[st->depth];

		if (st->depth < 32) {
			st->depth++;
			st->active[st->depth] = up && v;
			st->taken[st->depth] = v;
		}
	} else if (strcmp(kind, "elif") == 0 && st->depth > 0) {
		int v = !st->taken[st->depth] && cond_eval("if", q);

		st->active[st->depth] = st->active[st->depth - 1] && v;
		st->taken[st->depth] |= v;
	} else if (strcmp(kind, "else") == 0 && st->depth > 0) {
		st->active[st->depth] = st->active[st->depth - 1] && !st->taken[st->depth];
		st->taken[st->depth] = 1;
	} else if (strcmp(kind, "endif") == 0 && st->depth > 0) {
		st->depth--;
	}
	return st->active[st->depth];
}

/*
 * The table inside `.macro name ... .endm` from slot *nr on: mips o32's
 * scall32-o32.S until 3.x wrote `sys <entry> <nargs>` lines there (the
 * `sys` macro emits the entry), and its table's label invokes the macro.
 * Returns the number of slots read (0: no such macro).
 */
static int parse_macro_table(slots *out, const char *text, size_t len, const char *name, int64_t *nr,
			     kabi_intern *pool)
{
	size_t nl = strlen(name);
	line_iter it;
	cond_state st;
	const char *q;
	int in_body = 0, got = 0;

	memset(&st, 0, sizeof(st));
	st.active[0] = 1;
	line_iter_init(&it, text, len);
	while ((q = next_line(&it)) != NULL) {
		const char *s, *e;

		if (!in_body) {
			in_body = strncmp(q, ".macro", 6) == 0 && isspace((unsigned char)q[6]) &&
				  (q = q + 6 + strspn(q + 6, " \t"), strncmp(q, name, nl) == 0) &&
				  (q[nl] == '\0' || isspace((unsigned char)q[nl]));
			continue;
		}
		if (strncmp(q, ".endm", 5) == 0)
			break;
		if (*q == '#') {
			cond_line(&st, q);
			continue;
		}
		if (!st.active[st.depth])
			continue;
		if (strncmp(q, "sys", 3) == 0 && isspace((unsigned char)q[3])) {
			/* "sys sys_nanosleep, 2": the entry is the first word */
			s = q + 3 + strspn(q + 3, " \t");
			for (e = s; is_ident_char((unsigned char)*e); e++)
				;
			if (e > s) {
				list_element(out, (*nr)++, s, e, pool);
				got++;
			}
		} else if (entry_line(q, &s, &e) == 1) {
			const char *as[16], *ae[16];
			int n = split_args(s, e, as, ae, 16), i;

			for (i = 0; i < n && i < 16; i++)
				list_element(out, (*nr)++, as[i], ae[i], pool);
			got += n;
		}
	}
	kabi_strbuf_free(&it.line);
	return got;
}

/*
 * Reads a positional entry table: slot i is number first + i.  With a label,
 * the table is the run of entry lines after the line defining it (a label
 * followed by no entry lines is skipped: 2.6.12's entry.S names
 * sys_call_table in code before the table).  Without one (arm's calls.S),
 * every entry line of the file counts.
 */
static void parse_entry_list(slots *out, const char *text, size_t len, const char *label, int64_t first,
			     kabi_intern *pool)
{
	line_iter it;
	int active = label == NULL, got = 0, kind;
	int64_t nr = first;
	cond_state st;
	const char *q;

	memset(&st, 0, sizeof(st));
	st.active[0] = 1;
	line_iter_init(&it, text, len);
	while ((q = next_line(&it)) != NULL) {
		const char *s, *e;

		if (*q == '#') {
			cond_line(&st, q);
			continue;
		}
		if (*q == '\0' || !st.active[st.depth])
			continue;
		if (active && (kind = entry_line(q, &s, &e)) != 0) {
			const char *as[16], *ae[16];
			int n = kind == 2 ? 1 : split_args(s, e, as, ae, 16), i;

			if (kind == 2) {
				as[0] = s;
				ae[0] = e;
			}
			for (i = 0; i < n && i < 16; i++, nr++)
				list_element(out, nr, as[i], ae[i], pool);
			got += n;
			continue;
		}
		if (label && active && got)
			break; /* the end of the table */
		if (label && !active && defines_label(q, label)) {
			active = 1;
			/* "sys_call_table: .long sys_x" on one line */
			q = strchr(q, ':') ? strchr(q, ':') + 1 : q + strlen(q);
			if (entry_line(q, &s, &e)) {
				const char *as[16], *ae[16];
				int n = split_args(s, e, as, ae, 16), i;

				for (i = 0; i < n && i < 16; i++, nr++)
					list_element(out, nr, as[i], ae[i], pool);
				got += n;
			}
		} else if (label && active && !got && !defines_label(q, label)) {
			/* A label line followed by anything but entries: keep looking,
			 * unless it is an alignment or section directive or another
			 * label of the same table (sparc's "sys_call_table64:" then
			 * "sys_call_table:"). */
			size_t idl = 0;
			int n;

			while (is_ident_char((unsigned char)q[idl]))
				idl++;
			if (idl && q[idl] == ':' && q[idl + 1] == '\0')
				continue;
			/* the label invokes a macro that holds the table */
			if (idl && q[idl] == '\0' &&
			    (n = parse_macro_table(out, text, len, q, &nr, pool)) > 0) {
				got += n;
				continue;
			}
			if (*q != '.' || strncmp(q, ".size", 5) == 0)
				active = 0;
		}
	}
	kabi_strbuf_free(&it.line);
}

/* The table after the first of the '|'-separated labels the file defines
 * (mips's scall64-o32.S called its table sys_call_table before
 * sys32_call_table). */
static void parse_labelled_list(slots *out, const char *text, size_t len, const char *labels, int64_t first,
				kabi_intern *pool)
{
	const char *p = labels;

	while (*p && !out->n) {
		size_t n = strcspn(p, "|");
		char *label = kabi_strndup(p, n);

		parse_entry_list(out, text, len, label, first, pool);
		free(label);
		p += n;
		if (*p == '|')
			p++;
	}
}

/* ---- the preprocessor run ---------------------------------------------- */

typedef struct {
	const kabi_layout *l;
	const kabi_abi_info *abi;
	kabi_hdr_read_fn read;
	void *read_ctx;
	kabi_intern *pool;
	kabi_cpp *cpp;
	slots syscalls; /* from __SYSCALL lines */
	int nsyscall_lines;
	/* for alias detection and the row list */
	struct nr_macro {
		const char *name; /* without __NR_, interned */
		const char *body; /* as defined, interned */
		const char *file; /* where, interned */
		int line;
		int alias;
	} * macros;
	size_t nmacros, amacros;
	/* `#define sys_mmap2 sys_mmap_pgoff` in an arch header: entries are
	 * reported as the __SYSCALL line writes them (sys_mmap2), as the .tbl
	 * does; from[i] is the expansion of to[i]. */
	const char **from, **to;
	size_t nrenames, arenames;
	kabi_strbuf missing; /* the #includes not found, for the table's note */
	const char *prefix;  /* of the numbers' macros: "__NR_", or a private row's tags */
	size_t plen;
	int private_only; /* KABI_FMT_PRIVATE: names that start in lower case, no entries */
} run_ctx;

static char *dirname_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? kabi_strndup(path, (size_t)(slash - path)) : kabi_strdup("");
}

/* Joins dir and a relative name, folding "./" and "../". */
static void join_path(kabi_strbuf *out, const char *dir, const char *name)
{
	char *buf, *parts[64], *tok, *save = NULL;
	size_t n = 0, i;
	kabi_strbuf tmp = KABI_STRBUF_INIT;

	kabi_strbuf_printf(&tmp, "%s/%s", dir, name);
	buf = tmp.buf;
	for (tok = strtok_r(buf, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (n)
				n--;
			continue;
		}
		if (n < 64)
			parts[n++] = tok;
	}
	kabi_strbuf_reset(out);
	for (i = 0; i < n; i++)
		kabi_strbuf_printf(out, "%s%s", i ? "/" : "", parts[i]);
	kabi_strbuf_free(&tmp);
}

/* The directory of the main header when it is an asm directory
 * (include/asm-i386, arch/x86/include/asm ...), else NULL. */
static char *own_asm_dir(const char *path)
{
	char *dir = dirname_of(path);
	const char *base = strrchr(dir, '/');

	base = base ? base + 1 : dir;
	if (strcmp(base, "asm") == 0 || strncmp(base, "asm-", 4) == 0)
		return dir;
	free(dir);
	return NULL;
}

static int try_read(run_ctx *c, const char *path, char **text, size_t *len, char **out_path)
{
	int err = c->read(c->read_ctx, path, text, len);

	if (err == 0)
		*out_path = kabi_strdup(path);
	return err;
}

/* ---- Kbuild's generated wrappers ---------------------------------------- */

/* Does the make variable `var` (generic-y, mandatory-y) list `name` in the
 * Kbuild text?  `var += a.h b.h`, `:=` or `=`, backslash continuations,
 * # comments.  An `include FILE` line is followed (depth-limited): the
 * arch files of 4.x include include/uapi/asm-generic/Kbuild.asm. */
static int kbuild_lists(run_ctx *c, const char *path, const char *var, const char *name, int depth)
{
	char *raw = NULL, *text, *p, *end;
	size_t len, vl = strlen(var), nl = strlen(name);
	int found = 0, err;

	if (depth > 3 || (err = c->read(c->read_ctx, path, &raw, &len)) < 0)
		return 0;
	text = kabi_strndup(raw, len); /* NUL-terminated, ours to cut */
	free(raw);
	len = strlen(text);
	/* join continuation lines */
	for (p = text; p < text + len; p++)
		if (*p == '\\' && p + 1 < text + len && p[1] == '\n')
			p[0] = p[1] = ' ';
	for (p = text, end = text + len; p < end && !found;) {
		char *eol = memchr(p, '\n', (size_t)(end - p)), *hash, *q;

		if (!eol)
			eol = end;
		*eol = '\0';
		if ((hash = strchr(p, '#')) != NULL)
			*hash = '\0';
		q = p;
		while (isspace((unsigned char)*q))
			q++;
		if (strncmp(q, "include", 7) == 0 && isspace((unsigned char)q[7])) {
			char *f = q + 7, *fe;

			while (isspace((unsigned char)*f))
				f++;
			fe = f;
			while (*fe && !isspace((unsigned char)*fe))
				fe++;
			*fe = '\0';
			if (*f && strchr(f, '$') == NULL)
				found = kbuild_lists(c, f, var, name, depth + 1);
		} else if (strncmp(q, var, vl) == 0) {
			q += vl;
			while (*q == ' ' || *q == '\t')
				q++;
			if (q[0] == '+' || q[0] == ':')
				q++;
			if (*q == '=') {
				for (q++; *q;) {
					size_t wl;

					while (isspace((unsigned char)*q))
						q++;
					wl = strcspn(q, " \t\r\f\v");
					if (wl == nl && strncmp(q, name, nl) == 0)
						found = 1;
					q += wl;
				}
			}
		}
		p = eol + 1;
	}
	free(text);
	return found;
}

/* Is uapi header asm/`name` one the build makes as a wrapper of
 * asm-generic's: generic-y in the arch's uapi Kbuild, or mandatory-y in
 * include/uapi/asm-generic/Kbuild (5.x makes those the arch lacks)? */
static int uapi_generic(run_ctx *c, const char *name)
{
	kabi_strbuf p = KABI_STRBUF_INIT;
	int found;

	kabi_strbuf_printf(&p, "arch/%s/include/uapi/asm/Kbuild", c->abi->arch);
	found = kbuild_lists(c, p.buf, "generic-y", name, 0) ||
		kbuild_lists(c, "include/uapi/asm-generic/Kbuild", "mandatory-y", name, 0);
	kabi_strbuf_free(&p);
	return found;
}

/*
 * #include resolution: "x.h" next to the including file first; <asm/x.h>
 * in the main header's own asm directory, the arch's uapi/asm and asm,
 * include/asm-ARCH, then asm-generic (what Kbuild's generic-y wrappers do);
 * <uapi/asm/x.h> in the arch's uapi/asm, else asm-generic's when Kbuild
 * makes it a wrapper (uapi_generic); other <uapi/...> and <asm-generic/...>
 * in their directories; anything else under include/uapi and include.  Not
 * found: skipped by the preprocessor.
 */
static int resolve(void *ctx, const char *name, int angled, const char *from, char **text, size_t *len,
		   char **out_path)
{
	run_ctx *c = ctx;
	kabi_strbuf p = KABI_STRBUF_INIT;
	const char *arch = c->abi->arch;
	int err = KABI_ENOTFOUND;

#define TRY(...)                                                                                             \
	do {                                                                                                 \
		kabi_strbuf_reset(&p);                                                                       \
		kabi_strbuf_printf(&p, __VA_ARGS__);                                                         \
		if ((err = try_read(c, p.buf, text, len, out_path)) != KABI_ENOTFOUND)                       \
			goto done;                                                                           \
	} while (0)

	if (!angled) {
		char *dir = dirname_of(from);

		join_path(&p, dir, name);
		free(dir);
		if ((err = try_read(c, p.buf, text, len, out_path)) != KABI_ENOTFOUND)
			goto done;
	}
	if (strncmp(name, "asm/", 4) == 0) {
		char *own = own_asm_dir(c->l->path);

		if (own) {
			kabi_strbuf_reset(&p);
			kabi_strbuf_printf(&p, "%s/%s", own, name + 4);
			free(own);
			if ((err = try_read(c, p.buf, text, len, out_path)) != KABI_ENOTFOUND)
				goto done;
		}
		TRY("arch/%s/include/uapi/asm/%s", arch, name + 4);
		TRY("arch/%s/include/asm/%s", arch, name + 4);
		TRY("include/asm-%s/%s", arch, name + 4);
		TRY("include/uapi/asm-generic/%s", name + 4);
		TRY("include/asm-generic/%s", name + 4);
	} else if (strncmp(name, "uapi/asm/", 9) == 0) {
		TRY("arch/%s/include/uapi/asm/%s", arch, name + 9);
		if (uapi_generic(c, name + 9))
			TRY("include/uapi/asm-generic/%s", name + 9);
	} else if (strncmp(name, "uapi/", 5) == 0) {
		TRY("include/%s", name);
	} else if (strncmp(name, "asm-generic/", 12) == 0) {
		TRY("include/uapi/%s", name);
		TRY("include/%s", name);
	} else {
		TRY("include/uapi/%s", name);
		TRY("include/%s", name);
	}
#undef TRY
done:
	kabi_strbuf_free(&p);
	return err;
}

/* An #include the run could not resolve: said in the table's note, since
 * what the header defines may depend on it. */
static int on_missing(void *ctx, const char *name, const char *from, int line)
{
	run_ctx *c = ctx;

	kabi_strbuf_printf(&c->missing, "%s#include <%s> not found (%s:%d)", c->missing.len ? "; " : "", name,
			   from, line);
	return 0;
}

/* Finds __SYSCALL(...) and __KABI_SYSCALL(...) invocations in an output line. */
static int on_line(void *ctx, const char *text, const char *file, int line)
{
	run_ctx *c = ctx;
	const char *p = text, *end = text + strlen(text);

	while (p < end) {
		const char *id = p, *open, *close, *as[3], *ae[3];
		size_t idlen;
		int is_kabi, n;
		char *nrtext;
		long long nr;

		if (!is_ident_char((unsigned char)*p)) {
			p++;
			continue;
		}
		while (p < end && is_ident_char((unsigned char)*p))
			p++;
		idlen = (size_t)(p - id);
		is_kabi = idlen == 14 && strncmp(id, "__KABI_SYSCALL", 14) == 0;
		if (!is_kabi && !(idlen == 9 && strncmp(id, "__SYSCALL", 9) == 0))
			continue;
		open = p;
		while (open < end && isspace((unsigned char)*open))
			open++;
		if (open >= end || *open != '(' || !(close = close_paren(open, end)))
			continue;
		p = close + 1;
		n = split_args(open + 1, close, as, ae, 3);
		if (n < 2)
			continue;
		nrtext = kabi_strndup(as[0], (size_t)(ae[0] - as[0]));
		if (kabi_cpp_eval(c->cpp, nrtext, &nr) == 0) {
			const char *entry = ident(c->pool, as[1], ae[1]);
			const char *compat = is_kabi && n >= 3 ? ident(c->pool, as[2], ae[2]) : NULL;

			slots_put(&c->syscalls, nr, entry ? entry : kabi_intern_len(c->pool, "", 0),
				  compat ? compat : kabi_intern_len(c->pool, "", 0), 0);
			c->nsyscall_lines++;
		}
		free(nrtext);
	}
	(void)file;
	(void)line;
	return 0;
}

static int on_macro(void *ctx, const char *name, const char *body, const char *file, int line)
{
	run_ctx *c = ctx;
	struct nr_macro *m;
	const char *b;

	if (strncmp(name, "sys_", 4) == 0 || strncmp(name, "compat_sys_", 11) == 0) {
		const char *e = body;

		while (is_ident_char((unsigned char)*e))
			e++;
		if (e == body || *e != '\0' || isdigit((unsigned char)*body))
			return 0;
		if (c->nrenames == c->arenames) {
			KABI_ARRAY_GROW(c->from, c->nrenames + 1, c->arenames);
			KABI_ARRAY_RESIZE(c->to, c->arenames);
		}
		c->from[c->nrenames] = kabi_intern_str(c->pool, body);
		c->to[c->nrenames++] = kabi_intern_str(c->pool, name);
		return 0;
	}
	if (strncmp(name, c->prefix, c->plen) != 0 || name[c->plen] == '\0')
		return 0;
	/* __ARM_NR_BASE, __ARM_NR_COMPAT_END: bounds, not syscalls */
	if (c->private_only && !islower((unsigned char)name[c->plen]))
		return 0;
	KABI_ARRAY_GROW(c->macros, c->nmacros + 1, c->amacros);
	m = &c->macros[c->nmacros++];
	m->name = kabi_intern_str(c->pool, name + c->plen);
	m->body = kabi_intern_str(c->pool, body);
	m->file = kabi_intern_str(c->pool, file ? file : "");
	m->line = line;
	/* An alias: the body is another syscall's __NR_ name, maybe in
	 * parentheses.  A name that is not a syscall's is a base
	 * ("#define __NR_or1k_atomic __NR_arch_specific_syscall"): the macro
	 * is a syscall at that number. */
	b = body;
	while (*b == '(' || isspace((unsigned char)*b))
		b++;
	m->alias = strncmp(b, "__NR_", 5) == 0;
	if (m->alias) {
		const char *target = b += 5;
		char tname[128];

		while (is_ident_char((unsigned char)*b))
			b++;
		snprintf(tname, sizeof(tname), "%.*s", (int)(b - target), target);
		while (*b == ')' || isspace((unsigned char)*b))
			b++;
		m->alias = *b == '\0' && !kabi_hdr_name_is_not_syscall(tname);
	}
	return 0;
}

static void predefine(kabi_cpp *cpp, const char *defs)
{
	const char *p = defs;

	while (p && *p) {
		size_t n;
		char *tok, *eq;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (!n)
			break;
		tok = kabi_strndup(p, n);
		eq = strchr(tok, '=');
		if (eq)
			*eq++ = '\0';
		kabi_cpp_define(cpp, tok, eq);
		free(tok);
		p += n;
	}
}

/* What the ABI's compiler predefines, from what kabi knows of the ABI
 * (never from the files a tree happens to have), and a layout's extras. */
static void predefine_abi(kabi_cpp *cpp, const kabi_abi_info *abi, const char *extra)
{
	char buf[32];

	/* What the target compiler predefines about its word size. */
	kabi_cpp_define(cpp, "__CHAR_BIT__", "8");
	snprintf(buf, sizeof(buf), "%d", abi->bits / 8);
	kabi_cpp_define(cpp, "__SIZEOF_LONG__", buf);
	kabi_cpp_define(cpp, "__SIZEOF_POINTER__", buf);
	if (abi->bits == 64) {
		kabi_cpp_define(cpp, "__LP64__", NULL);
		kabi_cpp_define(cpp, "_LP64", NULL);
	} else {
		kabi_cpp_define(cpp, "__ILP32__", NULL);
	}
	/* What every arch's <asm/bitsperlong.h> says for the ABI, known
	 * here whether or not that header is found: without it asm-generic's
	 * unistd.h would take its 32-bit branch on a 64-bit ABI (fstat64,
	 * mmap2) and leave the *_time64 calls out on a 32-bit one. */
	snprintf(buf, sizeof(buf), "%d", abi->bits);
	kabi_cpp_define(cpp, "__BITS_PER_LONG", buf);
	predefine(cpp, abi->cpp);
	predefine(cpp, extra);
}

/* Is tag one of the comma-separated tags? */
static int tag_listed(const char *tag, const char *tags)
{
	size_t tl = strlen(tag);
	const char *p = tags;

	while (p && *p) {
		size_t n = strcspn(p, ",");

		if (n == tl && strncmp(p, tag, n) == 0)
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* Entries of a .tbl (arm's, for arm64-compat): the rows tagged `tags`. */
static void parse_entry_tbl(slots *out, const char *text, size_t len, const char *tags, int64_t first,
			    kabi_intern *pool)
{
	kabi_tbl tbl;
	size_t i;

	kabi_tbl_parse(&tbl, text, len, pool, NULL, NULL);
	for (i = 0; i < tbl.n; i++)
		if (tag_listed(tbl.v[i].tag, tags))
			slots_put(out, tbl.v[i].nr + first, tbl.v[i].entry, kabi_intern_len(pool, "", 0), 0);
	kabi_tbl_free(&tbl);
}

/* ---- powerpc's systbl.h ------------------------------------------------- */

enum { PPC_K64 = 1, PPC_K32 = 2, PPC_KALL = 3 };

/* The object-like `#define from to` lines of the systbl files, for the
 * kernels of `mask` (systbl.S: "#define sys_sigpending sys_ni_syscall"
 * under CONFIG_PPC64). */
typedef struct {
	struct ppc_rename {
		const char *from, *to; /* interned */
		int mask;
	} * v;
	size_t n, alloc;
} ppc_renames;

static const char *ppc_renamed(const ppc_renames *r, const char *e, int kernel)
{
	size_t i;

	for (i = r->n; i-- > 0;)
		if ((r->v[i].mask & kernel) && r->v[i].from == e)
			return r->v[i].to;
	return e;
}

static const char *ppc_name(kabi_intern *pool, const char *prefix, const char *s, const char *e)
{
	char buf[256];
	const char *id = ident(pool, s, e);

	if (!id)
		return NULL;
	snprintf(buf, sizeof(buf), "%s%s", prefix, id);
	return kabi_intern_str(pool, buf);
}

/*
 * One line of systbl.h as arch/powerpc/kernel/systbl.S expands it: a 64-bit
 * kernel's pair (*e64, the entry of 64-bit tasks; *c64, the one of 32-bit
 * tasks) and a 32-bit kernel's entry *e32.  A _SPU variant is the same in
 * the kernel's table (spu_callbacks.c reads the suffix for SPU programs).
 * 0 when the line is not one of the macros.
 */
static int ppc_line(kabi_intern *pool, const char *q, const char **e64, const char **c64, const char **e32)
{
	static const char *const words[] = {"SYSCALL",   "COMPAT_SYS", "PPC_SYS", "OLDSYS",
					    "SYS32ONLY", "PPC64ONLY",  "SYSX"};
	const size_t nwords = sizeof(words) / sizeof(words[0]);
	const char *ni = kabi_intern_str(pool, "sys_ni_syscall");
	const char *end = q + strlen(q), *open, *is, *ie, *as[3], *ae[3];
	char word[32];
	size_t wl = 0, i;

	while (is_ident_char((unsigned char)q[wl]) && wl < sizeof(word) - 1) {
		word[wl] = q[wl];
		wl++;
	}
	word[wl] = '\0';
	open = q + wl;
	if (wl > 4 && strcmp(word + wl - 4, "_SPU") == 0)
		word[wl - 4] = '\0';
	for (i = 0; i < nwords && strcmp(word, words[i]) != 0; i++)
		;
	while (open < end && isspace((unsigned char)*open))
		open++;
	if (i == nwords || *open != '(' || !(ie = close_paren(open, end)))
		return 0;
	is = open + 1;
	if (i == 6) { /* SYSX(f, f3264, f32) */
		if (split_args(is, ie, as, ae, 3) != 3)
			return 0;
		*e64 = ident(pool, as[0], ae[0]);
		*c64 = ident(pool, as[1], ae[1]);
		*e32 = ident(pool, as[2], ae[2]);
		return *e64 && *c64 && *e32;
	}
	if (!ident(pool, is, ie))
		return 0;
	switch (i) {
	case 0: /* SYSCALL */ *e64 = *c64 = *e32 = ppc_name(pool, "sys_", is, ie); break;
	case 1: /* COMPAT_SYS */
		*e64 = *e32 = ppc_name(pool, "sys_", is, ie);
		*c64 = ppc_name(pool, "compat_sys_", is, ie);
		break;
	case 2: /* PPC_SYS */ *e64 = *c64 = *e32 = ppc_name(pool, "ppc_", is, ie); break;
	case 3: /* OLDSYS */
		*e64 = *c64 = ni;
		*e32 = ppc_name(pool, "sys_", is, ie);
		break;
	case 4: /* SYS32ONLY */
		*e64 = ni;
		*c64 = ppc_name(pool, "compat_sys_", is, ie);
		*e32 = ppc_name(pool, "sys_", is, ie);
		break;
	default: /* PPC64ONLY */
		*e64 = ppc_name(pool, "ppc_", is, ie);
		*c64 = *e32 = ni;
		break;
	}
	return 1;
}

/* The kernels for which an #if/#ifdef/#ifndef line is true: CONFIG_PPC64
 * is defined for the 64-bit one; any other option is not defined. */
static int ppc_cond(const char *kind, const char *rest)
{
	int ppc64 = strstr(rest, "CONFIG_PPC64") != NULL;
	int neg = strcmp(kind, "ifndef") == 0 || (strcmp(kind, "if") == 0 && strchr(rest, '!'));

	if (strcmp(kind, "elif") == 0)
		return 0;
	if (ppc64)
		return neg ? PPC_K32 : PPC_K64;
	return neg ? PPC_KALL : 0;
}

/*
 * A systbl file: its object-like `#define a b` lines go to `renames` (for
 * the kernels whose conditions they are under), its macro lines are slots
 * from `first` with the entries of the 64-bit ABI (abi64) or the 32-bit
 * one: the 64-bit kernel's entry, and its 32-bit tasks' one where the 32-bit
 * kernel has the same entry (syscall.tbl's "common" rows); the 32-bit
 * kernel's entry, and the 64-bit kernel's one for 32-bit tasks where it
 * differs (syscall.tbl's "32" rows).  Returns the number of macro lines.
 */
static size_t parse_ppc(slots *out, ppc_renames *renames, const char *text, size_t len, int64_t first,
			int abi64, kabi_intern *pool)
{
	const char *none = kabi_intern_len(pool, "", 0), *q;
	line_iter it;
	int depth = 0;
	int mask[33], cond[33]; /* per level: the kernels it is active for, its condition's */
	size_t got = 0;

	mask[0] = cond[0] = PPC_KALL;
	line_iter_init(&it, text, len);
	while ((q = next_line(&it)) != NULL) {
		const char *e64, *c64, *e32;

		if (*q == '#') {
			char kind[16] = "", a[128], b[128];
			int n = 0;

			if (sscanf(q + 1, " %15[a-z]%n", kind, &n) != 1)
				continue;
			if (!strcmp(kind, "if") || !strcmp(kind, "ifdef") || !strcmp(kind, "ifndef")) {
				if (depth < 32) {
					depth++;
					cond[depth] = ppc_cond(kind, q + 1 + n);
					mask[depth] = mask[depth - 1] & cond[depth];
				}
			} else if (!strcmp(kind, "elif") && depth > 0) {
				mask[depth] = 0;
			} else if (!strcmp(kind, "else") && depth > 0) {
				cond[depth] = PPC_KALL & ~cond[depth];
				mask[depth] = mask[depth - 1] & cond[depth];
			} else if (!strcmp(kind, "endif") && depth > 0) {
				depth--;
			} else if (!strcmp(kind, "define") && mask[depth]) {
				int m = 0;

				if (sscanf(q + 1 + n, " %127[A-Za-z0-9_] %127[A-Za-z0-9_]%n", a, b, &m) ==
					    2 &&
				    q[1 + n + m] == '\0' && !isdigit((unsigned char)b[0])) {
					struct ppc_rename *r;

					KABI_ARRAY_GROW(renames->v, renames->n + 1, renames->alloc);
					r = &renames->v[renames->n++];
					r->from = kabi_intern_str(pool, a);
					r->to = kabi_intern_str(pool, b);
					r->mask = mask[depth];
				}
			}
			continue;
		}
		if (!mask[depth] || !ppc_line(pool, q, &e64, &c64, &e32))
			continue;
		e64 = ppc_renamed(renames, e64, PPC_K64);
		c64 = ppc_renamed(renames, c64, PPC_K64);
		e32 = ppc_renamed(renames, e32, PPC_K32);
		if (abi64)
			slots_put(out, first + (int64_t)got, e64, e64 == e32 && c64 != e64 ? c64 : none, 0);
		else
			slots_put(out, first + (int64_t)got, e32, c64 != e32 ? c64 : none, 0);
		got++;
	}
	kabi_strbuf_free(&it.line);
	return got;
}

/* powerpc: every candidate is read for its #defines, in order (systbl.S
 * first), and the first with macro lines is the table. */
static int read_ppc_table(slots *out, run_ctx *c, const char *paths, int64_t first)
{
	ppc_renames renames = {0};
	const char *p = paths;
	int ret = 0;

	while (p && *p && !ret) {
		size_t n = strcspn(p, "|");
		char *path = kabi_strndup(p, n), *text = NULL;
		size_t len;
		int err = c->read(c->read_ctx, path, &text, &len);

		free(path);
		if (err < 0 && err != KABI_ENOTFOUND) {
			ret = err;
			break;
		}
		if (err == 0) {
			if (parse_ppc(out, &renames, text, len, first, c->abi->bits == 64, c->pool))
				ret = 1;
			free(text);
		}
		p += n;
		if (*p == '|')
			p++;
	}
	free(renames.v);
	return ret;
}

/* ---- parisc's syscall_table.S ------------------------------------------ */

/*
 * The file is read for three kernels, as the build includes it: a 32-bit
 * kernel's table, a 64-bit kernel's table for 32-bit tasks (CONFIG_64BIT)
 * and its table for 64-bit tasks (CONFIG_64BIT and SYSCALL_TABLE_64BIT;
 * 2.6.12-2.6.13 say __LP64__ for CONFIG_64BIT).  Each defines the ENTRY_*
 * macros its own way ("#define ENTRY_COMP(_name_) .dword compat_sys_##_name_").
 */
enum { PA_K32, PA_K64C, PA_K64, PA_NKERNELS };

struct pa_macro {
	char name[32], param[32], body[96]; /* body: "sys_##_name_", "sys32_##unimplemented" */
};

typedef struct {
	int kernel;
	struct pa_macro macros[16];
	int nmacros;
	cond_state st;
	const char **v; /* the kernel's list, slot i at v[i] */
	size_t n, alloc;
} pa_kernel;

static int pa_defined(void *ctx, const char *name, size_t len, kabi_cexpr_val *out)
{
	const pa_kernel *k = ctx;

	out->v = 0;
	if ((len == 12 && memcmp(name, "CONFIG_64BIT", 12) == 0) ||
	    (len == 8 && memcmp(name, "__LP64__", 8) == 0))
		out->v = k->kernel != PA_K32;
	else if (len == 19 && memcmp(name, "SYSCALL_TABLE_64BIT", 19) == 0)
		out->v = k->kernel == PA_K64;
	return 0;
}

/* A '#' line for kernel k (as cond_line, with k's macros). */
static void pa_cond_line(pa_kernel *k, const char *q)
{
	cond_state *st = &k->st;
	kabi_cexpr_ops ops = KABI_CEXPR_OPS_INIT;
	char kind[16];
	size_t n = 0;
	int v;

	ops.defined = pa_defined;
	ops.ctx = k;
	q++;
	while (*q == ' ' || *q == '\t')
		q++;
	while (isalpha((unsigned char)q[n]) && n < sizeof(kind) - 1) {
		kind[n] = q[n];
		n++;
	}
	kind[n] = '\0';
	q += n;
	while (*q == ' ' || *q == '\t')
		q++;
	if (!strcmp(kind, "ifdef") || !strcmp(kind, "ifndef")) {
		kabi_cexpr_val val = {0};
		size_t il = 0;

		while (is_ident_char((unsigned char)q[il]))
			il++;
		pa_defined(k, q, il, &val);
		v = kind[2] == 'n' ? !val.v : (int)val.v;
	} else if (!strcmp(kind, "if") || !strcmp(kind, "elif")) {
		v = kabi_cexpr_truth(q, strlen(q), &ops) == 1;
	} else {
		v = 0;
	}
	if (!strcmp(kind, "if") || !strcmp(kind, "ifdef") || !strcmp(kind, "ifndef")) {
		if (st->depth < 32) {
			st->depth++;
			st->active[st->depth] = st->active[st->depth - 1] && v;
			st->taken[st->depth] = (unsigned char)v;
		}
	} else if (!strcmp(kind, "elif") && st->depth > 0) {
		v = v && !st->taken[st->depth];
		st->active[st->depth] = st->active[st->depth - 1] && v;
		st->taken[st->depth] |= (unsigned char)v;
	} else if (!strcmp(kind, "else") && st->depth > 0) {
		st->active[st->depth] = st->active[st->depth - 1] && !st->taken[st->depth];
		st->taken[st->depth] = 1;
	} else if (!strcmp(kind, "endif") && st->depth > 0) {
		st->depth--;
	} else if (!strcmp(kind, "define") && st->active[st->depth] && k->nmacros < 16) {
		struct pa_macro *m = &k->macros[k->nmacros];
		char dir[16];

		/* ENTRY_SAME(_name_) .dword sys_##_name_ */
		if (sscanf(q, "%31[A-Za-z0-9_] ( %31[A-Za-z0-9_] ) %15s %95[A-Za-z0-9_#]", m->name, m->param,
			   dir, m->body) == 4 &&
		    dir[0] == '.') {
			int i;

			for (i = 0; i < k->nmacros && strcmp(k->macros[i].name, m->name) != 0; i++)
				;
			if (i < k->nmacros)
				k->macros[i] = *m; /* redefined */
			else
				k->nmacros++;
		}
	}
}

/* ENTRY_x(arg) by kernel k's macro: the entry, interned, or NULL. */
static const char *pa_expand(const pa_kernel *k, const char *q, kabi_intern *pool)
{
	char word[32], arg[96], out[192];
	const char *b;
	int i, n = 0;

	if (sscanf(q, "%31[A-Za-z0-9_] ( %95[A-Za-z0-9_] )%n", word, arg, &n) != 2 || n == 0)
		return NULL;
	for (i = 0; i < k->nmacros && strcmp(k->macros[i].name, word) != 0; i++)
		;
	if (i == k->nmacros)
		return NULL;
	out[0] = '\0';
	for (b = k->macros[i].body; *b;) {
		const char *hh = strstr(b, "##");
		size_t pl = hh ? (size_t)(hh - b) : strlen(b);
		char part[96];

		snprintf(part, sizeof(part), "%.*s", (int)pl, b);
		strncat(out, strcmp(part, k->macros[i].param) == 0 ? arg : part,
			sizeof(out) - strlen(out) - 1);
		b += pl;
		if (hh)
			b += 2;
	}
	return kabi_intern_str(pool, out);
}

/*
 * parisc's syscall_table.S: the slots of the ABI's kernel from `first`.
 * parisc64 has the 64-bit table's entry, and the 32-bit tasks' one as
 * compat where the 32-bit kernel's entry is the same (syscall.tbl's
 * "common" rows: "68 common sgetmask sys_sgetmask sys32_unimplemented");
 * parisc has the 32-bit kernel's, and the 64-bit kernel's for 32-bit tasks
 * as compat where it differs.
 */
static void parse_parisc(slots *out, const char *text, size_t len, int64_t first, int abi64,
			 kabi_intern *pool)
{
	const char *none = kabi_intern_len(pool, "", 0);
	pa_kernel *k = kabi_calloc(PA_NKERNELS, sizeof(*k));
	line_iter it;
	const char *q;
	int i;
	size_t j;

	for (i = 0; i < PA_NKERNELS; i++) {
		k[i].kernel = i;
		k[i].st.active[0] = 1;
	}
	line_iter_init(&it, text, len);
	while ((q = next_line(&it)) != NULL) {
		for (i = 0; i < PA_NKERNELS; i++) {
			const char *e;

			if (*q == '#') {
				pa_cond_line(&k[i], q);
				continue;
			}
			if (!k[i].st.active[k[i].st.depth] || !(e = pa_expand(&k[i], q, pool)))
				continue;
			KABI_ARRAY_GROW(k[i].v, k[i].n + 1, k[i].alloc);
			k[i].v[k[i].n++] = e;
		}
	}
	for (j = 0; j < k[abi64 ? PA_K64 : PA_K32].n; j++) {
		const char *e64 = j < k[PA_K64].n ? k[PA_K64].v[j] : none;
		const char *c64 = j < k[PA_K64C].n ? k[PA_K64C].v[j] : none;
		const char *e32 = j < k[PA_K32].n ? k[PA_K32].v[j] : none;

		if (abi64)
			slots_put(out, first + (int64_t)j, e64, e64 == e32 && c64 != e64 ? c64 : none, 0);
		else
			slots_put(out, first + (int64_t)j, e32, c64 != e32 ? c64 : none, 0);
	}
	for (i = 0; i < PA_NKERNELS; i++)
		free(k[i].v);
	free(k);
	kabi_strbuf_free(&it.line);
}

/* Reads the first of the '|'-separated candidate tables that yields entries;
 * a .tbl candidate is read as one, its rows chosen by the tags in `label`. */
static int read_entry_table(slots *out, run_ctx *c, const char *paths, const char *label, int64_t first)
{
	const char *p = paths;

	if (c->l->entry_format == KABI_ENT_PPC)
		return read_ppc_table(out, c, paths, first);
	while (p && *p) {
		size_t n = strcspn(p, "|");
		char *path = kabi_strndup(p, n), *text = NULL;
		size_t len;
		int err = c->read(c->read_ctx, path, &text, &len);

		free(path);
		if (err < 0 && err != KABI_ENOTFOUND)
			return err;
		if (err == 0) {
			if (n > 4 && strncmp(p + n - 4, ".tbl", 4) == 0)
				parse_entry_tbl(out, text, len, label ? label : "common", first, c->pool);
			else if (c->l->entry_format == KABI_ENT_PARISC)
				parse_parisc(out, text, len, first, c->abi->bits == 64, c->pool);
			else if (c->l->entry_format == KABI_ENT_ARM_CALLS || !label)
				parse_entry_list(out, text, len, NULL, first, c->pool);
			else
				parse_labelled_list(out, text, len, label, first, c->pool);
			free(text);
			if (out->n)
				return 1;
		}
		p += n;
		if (*p == '|')
			p++;
	}
	return 0;
}

/* The "not implemented" entry under the names the tables used. */
static int is_ni(const char *e)
{
	return strcmp(e, "sys_ni_syscall") == 0 || strcmp(e, "quiet_ni_syscall") == 0 ||
	       strcmp(e, "compat_sys_ni_syscall") == 0 || strcmp(e, "alpha_ni_syscall") == 0;
}

static const char *norm_entry(run_ctx *c, const char *e)
{
	size_t i;

	for (i = 0; i < c->nrenames; i++) {
		if (c->from[i] == e) { /* both interned */
			e = c->to[i];
			break;
		}
	}
	e = kabi_entry_normalize(c->pool, e);
	if (is_ni(e)) /* written sys_ni_syscall, or nothing, by the .tbl that followed */
		return c->l->flags & KABI_L_NI_NONE ? kabi_intern_len(c->pool, "", 0)
						    : kabi_intern_str(c->pool, "sys_ni_syscall");
	return e;
}

/* The number of __NR_ macro m of a run, or -1 when it is an alias, not a
 * syscall, or no number. */
static long long macro_nr(run_ctx *c, const struct nr_macro *m)
{
	char name[256];
	long long nr;

	if (m->alias || is_never_syscall(m->name))
		return -1;
	snprintf(name, sizeof(name), "__NR_%s", m->name);
	if (kabi_cpp_eval_number(c->cpp, name, &nr) < 0)
		return -1;
	return nr;
}

/*
 * The header numbers slots it does not name (l->names): each __SYSCALL(N,
 * entry) line with an implemented entry whose N no __NR_ name of the
 * header has takes its name from
 * the naming header (the first of l->names found), read as l->names_abi's
 * compiler does: defined as __NR_<name> N in the run, it is then a row
 * like the others.  Slots the naming header does not name stay out.
 */
static int name_slots(run_ctx *c)
{
	const kabi_abi_info *nabi = kabi_abi_find(c->l->names_abi ? c->l->names_abi : c->abi->name);
	char *paths = kabi_strdup(c->l->names), *p, *save = NULL, *text = NULL;
	run_ctx n;
	size_t i, j, len, nnamed = c->nmacros;
	long long *have, *names_nr;
	int err = 0;

	memset(&n, 0, sizeof(n));
	have = kabi_malloc((nnamed ? nnamed : 1) * sizeof(*have));
	for (i = 0; i < nnamed; i++)
		have[i] = macro_nr(c, &c->macros[i]);
	/* Every implemented slot named (3.17 on: the unnamed ones are
	 * "__SYSCALL(7, sys_ni_syscall)", no row, as in syscall_32.tbl):
	 * nothing to read. */
	for (i = 0; i < c->syscalls.n; i++) {
		if (!kabi_entry_is_impl(c->syscalls.v[i].entry))
			continue;
		for (j = 0; j < nnamed && have[j] != c->syscalls.v[i].nr; j++)
			;
		if (j == nnamed)
			break;
	}
	if (!nabi || i == c->syscalls.n)
		goto out;
	n.l = c->l;
	n.abi = nabi;
	n.read = c->read;
	n.read_ctx = c->read_ctx;
	n.pool = c->pool;
	n.prefix = "__NR_"; /* the names header's numbers, never private ones */
	n.plen = strlen(n.prefix);
	for (p = strtok_r(paths, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
		if ((err = c->read(c->read_ctx, p, &text, &len)) == KABI_ENOTFOUND)
			continue;
		if (err < 0)
			goto out;
		kabi_cpp_new(&n.cpp);
		kabi_cpp_set_include(n.cpp, resolve, &n);
		predefine_abi(n.cpp, nabi, NULL);
		err = kabi_cpp_run(n.cpp, p, text, len, NULL, NULL);
		free(text);
		if (err == KABI_EINVALID) {
			err = 0; /* no names from a header that does not preprocess */
			goto out;
		}
		if (err < 0)
			goto out;
		kabi_cpp_foreach_macro(n.cpp, on_macro, &n);
		break;
	}
	err = 0;
	if (!n.cpp) { /* no naming header in this tree: said in the note */
		kabi_strbuf_printf(&c->missing, "%sthe names of %s's numbered slots (%s) not found",
				   c->missing.len ? "; " : "", c->l->path, c->l->names);
		goto out;
	}
	names_nr = kabi_malloc((n.nmacros ? n.nmacros : 1) * sizeof(*names_nr));
	for (j = 0; j < n.nmacros; j++)
		names_nr[j] = macro_nr(&n, &n.macros[j]);
	for (i = 0; i < c->syscalls.n; i++) {
		long long nr = c->syscalls.v[i].nr;

		if (!kabi_entry_is_impl(c->syscalls.v[i].entry))
			continue;
		for (j = 0; j < nnamed && have[j] != nr; j++)
			;
		if (j < nnamed)
			continue; /* the header names it */
		for (j = 0; j < n.nmacros; j++) {
			char name[256], num[32];

			if (names_nr[j] != nr)
				continue;
			snprintf(name, sizeof(name), "__NR_%s", n.macros[j].name);
			snprintf(num, sizeof(num), "%lld", nr);
			kabi_cpp_define(c->cpp, name, num);
			KABI_ARRAY_GROW(c->macros, c->nmacros + 1, c->amacros);
			c->macros[c->nmacros] = n.macros[j];
			c->macros[c->nmacros].body = kabi_intern_str(c->pool, num);
			c->macros[c->nmacros++].alias = 0;
			break;
		}
	}
	free(names_nr);
out:
	free(have);
	free(paths);
	free(n.syscalls.v);
	free(n.macros);
	free(n.from);
	free(n.to);
	kabi_strbuf_free(&n.missing);
	kabi_cpp_free(n.cpp);
	return err;
}

int kabi_hdr_build(kabi_table *out, const kabi_layout *l, const kabi_abi_info *abi, kabi_hdr_read_fn read,
		   void *read_ctx, kabi_intern *pool, kabi_warn_fn warn, void *warn_ctx)
{
	run_ctx c;
	char *text = NULL;
	size_t len, i, nrows = 0;
	slots ent = {0}, cent = {0};
	kabi_row *rows = NULL;
	int err, have_ent = 0, have_cent = 0;
	const char *empty = kabi_intern_len(pool, "", 0), *unknown, *why_unknown;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.l = l;
	c.abi = abi;
	c.read = read;
	c.read_ctx = read_ctx;
	c.pool = pool;
	c.private_only = l->format == KABI_FMT_PRIVATE;
	c.prefix = c.private_only && l->tags ? l->tags : "__NR_";
	c.plen = strlen(c.prefix);
	if ((err = read(read_ctx, l->path, &text, &len)) < 0)
		return err;
	kabi_cpp_new(&c.cpp);
	kabi_cpp_set_include(c.cpp, resolve, &c);
	predefine_abi(c.cpp, abi, l->cpp_extra);
	/* asm-generic's helpers, as scripts/syscall.tbl spells them: the
	 * compat entry is the 5th column of a common (or 32-bit) row. */
	kabi_cpp_protect(c.cpp, "__SYSCALL");
	kabi_cpp_define(c.cpp, "__SC_COMP(_nr, _sys, _comp)", "__KABI_SYSCALL(_nr, _sys, _comp)");
	if (abi->bits == 64) {
		kabi_cpp_define(c.cpp, "__SC_3264(_nr, _32, _64)", "__SYSCALL(_nr, _64)");
		kabi_cpp_define(c.cpp, "__SC_COMP_3264(_nr, _32, _64, _comp)", "__SYSCALL(_nr, _64)");
	} else {
		kabi_cpp_define(c.cpp, "__SC_3264(_nr, _32, _64)", "__SYSCALL(_nr, _32)");
		kabi_cpp_define(c.cpp, "__SC_COMP_3264(_nr, _32, _64, _comp)",
				"__KABI_SYSCALL(_nr, _32, _comp)");
	}
	kabi_cpp_protect(c.cpp, "__SC_COMP");
	kabi_cpp_protect(c.cpp, "__SC_3264");
	kabi_cpp_protect(c.cpp, "__SC_COMP_3264");
	err = kabi_cpp_run(c.cpp, l->path, text, len, on_line, &c);
	free(text);
	if (err < 0) {
		if (err != KABI_EINVALID)
			goto out;
		if (warn) {
			char msg[512];

			snprintf(msg, sizeof(msg), "cannot preprocess: %s", kabi_error_last());
			warn(warn_ctx, 0, msg);
		}
		err = KABI_ENOTFOUND;
		goto out;
	}
	kabi_cpp_foreach_macro(c.cpp, on_macro, &c);
	kabi_cpp_foreach_missing(c.cpp, on_missing, &c);
	if (l->names && c.syscalls.n && (err = name_slots(&c)) < 0)
		goto out;

	if (c.private_only) {
		/* no entry points: the arch's trap handler serves them */
	} else if (l->entries) {
		if ((err = read_entry_table(&ent, &c, l->entries, l->label, l->offset)) < 0)
			goto out;
		have_ent = err > 0;
	}
	if (l->compat_entries) {
		if ((err = read_entry_table(&cent, &c, l->compat_entries, l->compat_label, l->offset)) < 0)
			goto out;
		have_cent = err > 0;
	}
	if (!have_ent && c.nsyscall_lines && !c.private_only) {
		ent = c.syscalls;
		memset(&c.syscalls, 0, sizeof(c.syscalls));
		have_ent = 1;
	}
	unknown = l->compat_entries && !have_cent && !(l->flags & KABI_L_NO_COMPAT)
			  ? kabi_intern_str(pool, KABI_ENTRY_UNKNOWN)
			  : NULL;
	why_unknown =
		kabi_intern_str(pool, l->entries ? "entry table not read: no entries found where this era "
						   "keeps them"
						 : "entry table not read: this era's entry points are "
						   "not in its header");
	slots_sort(&ent);
	slots_sort(&cent);
	slots_sort(&c.syscalls); /* left only when a separate table gave the entries */

	rows = kabi_malloc((c.nmacros ? c.nmacros : 1) * sizeof(*rows));
	for (i = 0; i < c.nmacros; i++) {
		char name[256];
		long long nr;
		kabi_row *r;
		const slot *s, *s2;
		int placeholder;

		if (c.macros[i].alias || is_never_syscall(c.macros[i].name))
			continue;
		/* A placeholder (unusedNN ...) is a syscall only where the
		 * entry table implements its slot: mips o32's unused59 is
		 * sys_olduname.  Unknown entries leave it out. */
		placeholder = kabi_name_is_placeholder(c.macros[i].name);
		if (placeholder && !have_ent)
			continue;
		snprintf(name, sizeof(name), "%s%s", c.prefix, c.macros[i].name);
		if (kabi_cpp_eval_number(c.cpp, name, &nr) < 0) {
			/* No number: said, never guessed (m68k 2.6.32's
			 * "#define __NR_idle / * 112 * / Obsolete"). */
			if (warn) {
				char msg[512];

				snprintf(msg, sizeof(msg), "%s:%d: %s is defined as '%.200s', not a number",
					 c.macros[i].file, c.macros[i].line, name, c.macros[i].body);
				warn(warn_ctx, c.macros[i].line > 0 ? c.macros[i].line : 1, msg);
			}
			continue;
		}
		/* The ABI's own range: arm's header numbers from 0x900000 without
		 * __ARM_EABI__ (all of 2.6.12-2.6.15), which is not EABI. */
		if (nr < abi->base || nr - abi->base >= 0x100000)
			continue;
		/* A private row's numbers are the ABI's private range. */
		if (c.private_only && !kabi_abi_nr_is_private(abi, nr))
			continue;
		r = &rows[nrows];
		r->nr = nr;
		r->name = kabi_intern_str(pool, alias_of(abi->name, c.macros[i].name));
		r->entry = empty;
		r->compat = empty;
		r->why = NULL;
		r->config = NULL;
		if (c.private_only) { /* no entry: the arch's trap handler serves it */
			r->implemented = KABI_IMPL_YES;
			nrows++;
			continue;
		}
		if (!have_ent) {
			r->implemented = KABI_IMPL_UNKNOWN; /* entry unknown in this era */
			r->why = why_unknown;
			nrows++;
			continue;
		}
		s = slots_find(&ent, nr);
		if (s && s->obsolete && (l->flags & KABI_L_NO_COMPAT))
			continue; /* arm OBSOLETE(): an OABI-only syscall */
		if (s) {
			r->entry = norm_entry(&c, s->entry);
			if (!(l->flags & KABI_L_NO_COMPAT))
				r->compat = norm_entry(&c, s->compat);
		}
		/* Both a native table and the header's __SYSCALL lines (arm64's
		 * unistd32.h beside arm's table): the header's entry is the compat
		 * one, or the entry where the native table has no slot. */
		if (c.syscalls.n && (s2 = slots_find(&c.syscalls, nr)) != NULL) {
			if (!s || !*s->entry)
				r->entry = norm_entry(&c, s2->entry);
			else if (!(l->flags & KABI_L_NO_COMPAT))
				r->compat = norm_entry(&c, s2->entry);
		}
		if (have_cent && (s = slots_find(&cent, nr)) != NULL)
			r->compat = norm_entry(&c, s->entry);
		if (abi->bits == 64 &&
		    in_list(compat_32_only, sizeof(compat_32_only) / sizeof(compat_32_only[0]), r->name))
			r->compat = empty;
		if (r->compat == r->entry || (*r->compat && is_ni(r->compat) && !*r->entry))
			r->compat = empty;
		if (l->flags & KABI_L_COMPAT_ONLY)
			r->implemented = *r->compat ? !is_ni(r->compat) : *r->entry && !is_ni(r->entry);
		else
			r->implemented = *r->entry && !is_ni(r->entry);
		r->implemented = r->implemented ? KABI_IMPL_YES : KABI_IMPL_NO;
		if (placeholder && r->implemented != KABI_IMPL_YES)
			continue;
		if (unknown) /* the compat table was not read: unknown, not none */
			r->compat = unknown;
		nrows++;
	}
	if (nrows) {
		kabi_table_from_rows(out, rows, nrows);
		if (c.missing.len)
			out->note = kabi_intern_str(pool, c.missing.buf);
		err = 0;
	} else {
		/* no table, maybe for want of a file: said, since there is no
		 * table to hold the note */
		if (c.missing.len && warn)
			warn(warn_ctx, 0, c.missing.buf);
		err = KABI_ENOTFOUND;
	}
out:
	free(rows);
	free(ent.v);
	free(cent.v);
	free(c.syscalls.v);
	kabi_strbuf_free(&c.missing);
	free(c.macros);
	free(c.from);
	free(c.to);
	kabi_cpp_free(c.cpp);
	return err;
}
