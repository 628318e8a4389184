/*
 * kbuild.c - the goal lines of Makefiles and Kbuild files (see kbuild.h).
 *
 * Logical lines (backslash-newline joined, comments dropped) are either a
 * directive of a conditional block or an assignment `lhs op words`.  Only
 * what reads one way is kept: the lhs `obj-y`, `obj-$(CONFIG_X)` (and the
 * old top-level `core-`, `init-`, `drivers-`, `net-`, `libs-`), or a
 * composite `x-y`, `x-objs`, `x-$(CONFIG_X)`; the words that name an
 * object (`a.o`) or a directory (`sub/`) without a variable.  Any other
 * `obj-` lhs, and any block other than `ifdef CONFIG_X`, `ifeq
 * ($(CONFIG_X),y)` or `ifneq ($(CONFIG_X),)` (or any `else`), makes its
 * words' condition unknown.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "kbuild.h"
#include "strbuf.h"

#define MAX_FRAMES 32

void kabi_kbuild_free(kabi_kbuild *k)
{
	if (!k)
		return;
	free(k->items);
	memset(k, 0, sizeof(*k));
}

static int is_sym_char(int c)
{
	return isalnum(c) || c == '_';
}

/* "$(CONFIG_X)" or "${CONFIG_X}" exactly: "CONFIG_X" interned; else NULL. */
static const char *config_ref(kabi_intern *pool, const char *s, size_t n)
{
	size_t i;

	if (n < 11 || s[0] != '$' || !((s[1] == '(' && s[n - 1] == ')') || (s[1] == '{' && s[n - 1] == '}')))
		return NULL;
	if (strncmp(s + 2, "CONFIG_", 7) != 0)
		return NULL;
	for (i = 9; i < n - 1; i++)
		if (!is_sym_char((unsigned char)s[i]))
			return NULL;
	return i > 9 ? kabi_intern_len(pool, s + 2, n - 3) : NULL;
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* The condition a directive opens: ifdef CONFIG_X, ifeq ($(CONFIG_X),y),
 * ifneq ($(CONFIG_X),); NULL for anything else. */
static const char *directive_cond(kabi_intern *pool, const char *kw, const char *p, const char *end)
{
	const char *q;
	char buf[160];
	size_t n = 0;

	p = skip_ws(p, end);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (strcmp(kw, "ifdef") == 0) {
		for (q = p; q < end && is_sym_char((unsigned char)*q); q++)
			;
		if (q == end && end - p > 7 && strncmp(p, "CONFIG_", 7) == 0)
			return kabi_intern_len(pool, p, (size_t)(end - p));
		return NULL;
	}
	if (strcmp(kw, "ifeq") != 0 && strcmp(kw, "ifneq") != 0)
		return NULL;
	/* without blanks: ($(CONFIG_X),y) or ($(CONFIG_X),) */
	for (q = p; q < end && n < sizeof(buf) - 1; q++)
		if (*q != ' ' && *q != '\t')
			buf[n++] = *q;
	buf[n] = '\0';
	if (n < 4 || buf[0] != '(' || buf[n - 1] != ')')
		return NULL;
	q = strchr(buf, ',');
	if (!q)
		return NULL;
	if ((strcmp(kw, "ifeq") == 0 && strcmp(q, ",y)") == 0) ||
	    (strcmp(kw, "ifneq") == 0 && strcmp(q, ",)") == 0))
		return config_ref(pool, buf + 1, (size_t)(q - buf - 1));
	return NULL;
}

/* Splits an lhs into the goal list it feeds: *comp NULL for obj- (and the
 * top-level lists), else the composite's name; returns 1 with *cond ("",
 * "CONFIG_X" or NULL: unknown), 0 when the lhs is not one to keep. */
static int read_lhs(kabi_intern *pool, const char *s, size_t n, const char **comp, const char **cond)
{
	static const char *const goals[] = {"obj", "core", "init", "drivers", "net", "libs"};
	size_t pre, i;
	const char *dash;

	if (n > 2 && strncmp(s + n - 2, "-y", 2) == 0) {
		pre = n - 2;
		*cond = kabi_intern_len(pool, "", 0);
	} else if (n > 5 && strncmp(s + n - 5, "-objs", 5) == 0) {
		pre = n - 5;
		*cond = kabi_intern_len(pool, "", 0);
	} else {
		dash = NULL;
		for (i = 0; i + 1 < n; i++)
			if (s[i] == '-' && s[i + 1] == '$') {
				dash = s + i;
				break;
			}
		if (dash) {
			pre = (size_t)(dash - s);
			*cond = config_ref(pool, dash + 1, n - pre - 1);
		} else {
			/* obj-m and the like: a goal list, but not one that builds in */
			dash = memchr(s, '-', n);
			if (!dash)
				return 0;
			pre = (size_t)(dash - s);
			*cond = NULL;
		}
	}
	if (pre == 0)
		return 0;
	for (i = 0; i < pre; i++)
		if (s[i] == '$' || s[i] == '(' || s[i] == ')')
			return 0;
	*comp = NULL;
	for (i = 0; i < sizeof(goals) / sizeof(goals[0]); i++)
		if (strlen(goals[i]) == pre && strncmp(s, goals[i], pre) == 0)
			return 1;
	if (!*cond && memchr(s, '$', n))
		return 0; /* x-$(subst ...) of a composite: not kept */
	*comp = kabi_intern_len(pool, s, pre);
	return 1;
}

static void add_words(kabi_kbuild *k, kabi_intern *pool, const char *p, const char *end, const char *comp,
		      const char *cond)
{
	while (p < end) {
		const char *w;

		p = skip_ws(p, end);
		for (w = p; p < end && *p != ' ' && *p != '\t'; p++)
			;
		if (p == w || memchr(w, '%', (size_t)(p - w)))
			continue;
		if (!((p - w > 2 && p[-2] == '.' && p[-1] == 'o') || (p - w > 1 && p[-1] == '/')))
			continue;
		KABI_ARRAY_GROW(k->items, k->n + 1, k->alloc);
		k->items[k->n].word = kabi_intern_len(pool, w, (size_t)(p - w));
		k->items[k->n].comp = comp;
		/* signal_$(BITS).o: whatever it names, it says nothing sure */
		k->items[k->n].pattern = memchr(w, '$', (size_t)(p - w)) != NULL;
		k->items[k->n].cond = k->items[k->n].pattern ? NULL : cond;
		k->n++;
	}
}

static void read_line(kabi_kbuild *k, kabi_intern *pool, const char *p, const char *end, const char **frames,
		      size_t *nf, int *overflow)
{
	const char *w, *op, *comp, *cond;
	char kw[8];
	size_t i, n;

	p = skip_ws(p, end);
	for (w = p; p < end && (isalnum((unsigned char)*p) || *p == '_'); p++)
		;
	n = (size_t)(p - w);
	if (n > 0 && n < sizeof(kw) && (p == end || *p == ' ' || *p == '\t')) {
		memcpy(kw, w, n);
		kw[n] = '\0';
		if (strncmp(kw, "if", 2) == 0 && (strcmp(kw, "ifdef") == 0 || strcmp(kw, "ifndef") == 0 ||
						  strcmp(kw, "ifeq") == 0 || strcmp(kw, "ifneq") == 0)) {
			if (*nf < MAX_FRAMES)
				frames[(*nf)++] = directive_cond(pool, kw, p, end);
			else
				(*overflow)++;
			return;
		}
		if (strcmp(kw, "else") == 0) {
			if (*nf && !*overflow)
				frames[*nf - 1] = NULL;
			return;
		}
		if (strcmp(kw, "endif") == 0) {
			if (*overflow)
				(*overflow)--;
			else if (*nf)
				(*nf)--;
			return;
		}
	}
	p = w;
	op = memchr(p, '=', (size_t)(end - p));
	if (!op || op == p)
		return;
	w = op + 1;
	if (op[-1] == '+' || op[-1] == ':' || op[-1] == '?')
		op--;
	while (op > p && (op[-1] == ' ' || op[-1] == '\t'))
		op--;
	for (i = 0; p + i < op; i++)
		if (p[i] == ' ' || p[i] == '\t')
			return; /* not one word: export, override, a rule */
	if (!read_lhs(pool, p, (size_t)(op - p), &comp, &cond))
		return;
	if (*overflow)
		cond = NULL;
	for (i = *nf; i-- > 0 && cond;)
		cond = kabi_kbuild_and(pool, frames[i], cond);
	add_words(k, pool, w, end, comp, cond);
}

void kabi_kbuild_parse(kabi_kbuild *k, const char *text, size_t len, kabi_intern *pool)
{
	const char *frames[MAX_FRAMES];
	size_t nf = 0, i = 0;
	int overflow = 0;
	kabi_strbuf line = KABI_STRBUF_INIT;

	while (i < len) {
		int comment = 0;

		kabi_strbuf_reset(&line);
		while (i < len && text[i] != '\n') {
			if (text[i] == '\\' && i + 1 < len && text[i + 1] == '\n') {
				kabi_strbuf_putc(&line, ' ');
				i += 2;
				continue;
			}
			if (text[i] == '#')
				comment = 1;
			if (!comment)
				kabi_strbuf_putc(&line, text[i]);
			i++;
		}
		i++;
		if (line.len)
			read_line(k, pool, line.buf, line.buf + line.len, frames, &nf, &overflow);
	}
	kabi_strbuf_free(&line);
}

/* Whether a word with variables (each $(...) or ${...} any text) can be s. */
static int pattern_match(const char *pat, const char *s)
{
	if (*pat == '$' && (pat[1] == '(' || pat[1] == '{')) {
		char close = pat[1] == '(' ? ')' : '}';
		const char *e = strchr(pat, close);

		if (!e)
			return 1; /* not understood: may be anything */
		for (;; s++) {
			if (pattern_match(e + 1, s))
				return 1;
			if (!*s)
				return 0;
		}
	}
	if (!*pat)
		return !*s;
	return *pat == *s && pattern_match(pat + 1, s + 1);
}

static int names(const kabi_kbuild_item *it, const char *word)
{
	return it->pattern ? pattern_match(it->word, word) : strcmp(it->word, word) == 0;
}

/* The condition of `word` among the goal lines (comp NULL). found: whether
 * any names it. */
static const char *goal_cond(const kabi_kbuild *const *ks, size_t nk, const char *word, int *found)
{
	const char *same = NULL;
	int mixed = 0;
	size_t f, i;

	*found = 0;
	for (f = 0; f < nk; f++)
		for (i = 0; i < ks[f]->n; i++) {
			const kabi_kbuild_item *it = &ks[f]->items[i];

			if (it->comp || !names(it, word))
				continue;
			if (it->cond && !*it->cond) {
				*found = 1;
				return it->cond;
			}
			if (!it->cond || (*found && same != it->cond))
				mixed = 1;
			same = it->cond;
			*found = 1;
		}
	return mixed ? NULL : same;
}

const char *kabi_kbuild_cond(const kabi_kbuild *const *ks, size_t nk, const char *word, kabi_intern *pool)
{
	const char *same = NULL, *r;
	int found, mixed = 0, any = 0;
	size_t f, i, n = strlen(word);

	r = goal_cond(ks, nk, word, &found);
	if (found || n < 3 || strcmp(word + n - 2, ".o") != 0)
		return r;
	/* a part of a composite object */
	for (f = 0; f < nk; f++)
		for (i = 0; i < ks[f]->n; i++) {
			const kabi_kbuild_item *it = &ks[f]->items[i];
			kabi_strbuf sb = KABI_STRBUF_INIT;
			const char *c;

			if (!it->comp || !names(it, word))
				continue;
			kabi_strbuf_printf(&sb, "%s.o", it->comp);
			c = goal_cond(ks, nk, kabi_strbuf_str(&sb), &found);
			kabi_strbuf_free(&sb);
			if (!found)
				continue; /* a variable named like a composite: x-y used as $(x-y) */
			r = kabi_kbuild_and(pool, c, it->cond);
			if (r && !*r)
				return r;
			if (!r || (any && same != r))
				mixed = 1;
			same = r;
			any = 1;
		}
	return mixed || !any ? NULL : same;
}

int kabi_kbuild_has_atom(const char *list, const char *atom)
{
	const char *p = list;
	size_t n = strlen(atom);

	while ((p = strstr(p, atom)) != NULL) {
		int start = p == list || (p >= list + 4 && strncmp(p - 4, " && ", 4) == 0);

		if (start && (p[n] == '\0' || strncmp(p + n, " && ", 4) == 0))
			return 1;
		p += 1;
	}
	return 0;
}

const char *kabi_kbuild_and(kabi_intern *pool, const char *a, const char *b)
{
	kabi_strbuf sb = KABI_STRBUF_INIT;
	const char *p, *r;

	if (!a || !b)
		return NULL;
	if (!*b)
		return kabi_intern_str(pool, a);
	if (!*a)
		return kabi_intern_str(pool, b);
	kabi_strbuf_puts(&sb, a);
	for (p = b; *p;) {
		const char *e = strstr(p, " && ");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *atom = kabi_strndup(p, n);

		if (!kabi_kbuild_has_atom(kabi_strbuf_str(&sb), atom)) {
			kabi_strbuf_puts(&sb, " && ");
			kabi_strbuf_puts(&sb, atom);
		}
		free(atom);
		p += n;
		if (e)
			p += 4;
	}
	r = kabi_intern_str(pool, kabi_strbuf_str(&sb));
	kabi_strbuf_free(&sb);
	return r;
}
