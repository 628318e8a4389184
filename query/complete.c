/*
 * complete.c - `kabi --complete INDEX WORD...`, what the shell
 * completions (query/completion.bash, query/completion.zsh) ask: the
 * candidates for word INDEX of the command line WORD..., read from the
 * same tables as the parser (so they cannot drift from it) and, for ABI,
 * release and syscall names, from the catalog.  See opts.h for the output.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "error.h"
#include "cli.h"
#include "opts.h"
#include "strbuf.h"

typedef struct {
	FILE *out;
	const char *prefix; /* what a candidate must start with */
	const char *lead;   /* printed before each candidate: "--format=" when the word had it */
	const char *db;     /* --db on the line, if any */
} comp;

static void cand(comp *c, const char *s)
{
	if (s && strncmp(s, c->prefix, strlen(c->prefix)) == 0)
		fprintf(c->out, "%s%s\n", c->lead, s);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Names from the catalog (what: KABI_COMPLETE_ABI, _RELEASE or _SYSCALL);
 * nothing when it cannot be read (a completion never complains). */
static void catalog_names(comp *c, unsigned what)
{
	kabi_strbuf path = KABI_STRBUF_INIT;
	const char *db = kabi_cli_db_path(c->db), *home = getenv("HOME");
	kabi_catalog *cat = NULL;
	size_t i, n;

	/* the shell has not expanded a ~ in the words it passes */
	if (strncmp(db, "~/", 2) == 0 && home)
		kabi_strbuf_printf(&path, "%s%s", home, db + 1);
	else
		kabi_strbuf_puts(&path, db);
	if (kabi_catalog_open_read(&cat, path.buf) == 0) {
		const kabi_cat_abi *abis;
		const kabi_cat_release *rels;
		const kabi_cat_syscall *sys;

		if (what == KABI_COMPLETE_ABI && kabi_catalog_abis(&abis, &n, cat) == 0) {
			const char **names = kabi_calloc(n ? n : 1, sizeof(*names));
			size_t k = 0;

			for (i = 0; i < n; i++)
				if (abis[i].first_ord >= 0) /* ABIs with a table somewhere */
					names[k++] = abis[i].name;
			qsort(names, k, sizeof(*names), str_cmp);
			for (i = 0; i < k; i++)
				cand(c, names[i]);
			free(names);
		} else if (what == KABI_COMPLETE_RELEASE && kabi_catalog_releases(&rels, &n, cat) == 0) {
			for (i = 0; i < n; i++)
				cand(c, rels[i].name);
		} else if (what == KABI_COMPLETE_SYSCALL && kabi_catalog_syscalls(&sys, &n, cat) == 0) {
			for (i = 0; i < n; i++)
				cand(c, sys[i].name);
		}
	}
	kabi_catalog_close(cat);
	kabi_error_clear();
	kabi_strbuf_free(&path);
}

static void offer(comp *c, const kabi_program *p, unsigned what, const kabi_opt *o)
{
	size_t i;

	if (what & KABI_COMPLETE_FILE)
		fprintf(c->out, "@files:%s\n", c->prefix);
	if (what & KABI_COMPLETE_DIR)
		fprintf(c->out, "@dirs:%s\n", c->prefix);
	if ((what & KABI_COMPLETE_VALUES) && o && o->values)
		for (i = 0; o->values(i, NULL); i++)
			cand(c, o->values(i, NULL));
	if (what & KABI_COMPLETE_COMMAND)
		for (i = 0; i < p->ncommands; i++)
			cand(c, p->commands[i]->name);
	if (what & KABI_COMPLETE_ABI)
		catalog_names(c, KABI_COMPLETE_ABI);
	if (what & KABI_COMPLETE_RELEASE)
		catalog_names(c, KABI_COMPLETE_RELEASE);
	if (what & KABI_COMPLETE_SYSCALL)
		catalog_names(c, KABI_COMPLETE_SYSCALL);
}

/* The row a long option word ("--na", "--name=x") stands for, as
 * getopt_long would take it: exactly, or an unambiguous abbreviation. */
static const kabi_opt *long_opt(const kabi_command *cmd, const char *word)
{
	const kabi_opt *o, *found = NULL;
	size_t len = strcspn(word + 2, "=");

	for (o = cmd->opts; o && o->name; o++) {
		if (strncmp(o->name, word + 2, len) != 0)
			continue;
		if (strlen(o->name) == len)
			return o;
		if (found)
			return NULL;
		found = o;
	}
	return found;
}

static const kabi_opt *short_opt(const kabi_command *cmd, char letter)
{
	const kabi_opt *o;

	for (o = cmd->opts; o && o->name; o++)
		if (o->letter && o->letter == letter)
			return o;
	return NULL;
}

/* Notes --db's value; the parser's rows call it "db" everywhere. */
static void seen(comp *c, const kabi_opt *o, const char *arg)
{
	if (o && arg && strcmp(o->name, "db") == 0)
		c->db = arg;
}

/*
 * Parses one option word of cmd (before the word being completed): notes
 * --db, and returns the row whose argument is the next word, if any.
 */
static const kabi_opt *option_word(comp *c, const kabi_command *cmd, const char *w)
{
	const kabi_opt *o;

	if (w[1] == '-') {
		o = long_opt(cmd, w);
		if (o && o->arg && strchr(w, '='))
			seen(c, o, strchr(w, '=') + 1);
		return o && o->arg && !strchr(w, '=') ? o : NULL;
	}
	/* a cluster of flags, perhaps ending with one that takes an argument */
	for (w++; *w; w++) {
		o = short_opt(cmd, *w);
		if (!o)
			return NULL;
		if (o->arg) {
			seen(c, o, w[1] ? w + 1 : NULL);
			return w[1] ? NULL : o;
		}
	}
	return NULL;
}

int kabi_complete(FILE *out, const kabi_program *p, int argc, char **argv)
{
	const kabi_command *cmd = NULL, *in;
	const kabi_opt *expect = NULL, *o;
	comp c = {out, "", "", NULL};
	kabi_strbuf lead = KABI_STRBUF_INIT;
	char **words, **owned, *end;
	const char *cur = NULL;
	long index;
	int n, i, nw = 0, nowned = 0, strip = 0, dashdash = 0, helping = 0;

	if (argc < 2)
		return KABI_EXIT_ERROR;
	index = strtol(argv[0], &end, 10);
	n = argc - 1;
	if (*end || end == argv[0] || index < 1 || index > n)
		return KABI_EXIT_ERROR;
	argv++;

	/* The words before the one completed.  bash splits "--format=js"
	 * into "--format", "=", "js": join them again (and print only what
	 * follows the '=', which is all bash replaces). */
	words = kabi_malloc((size_t)n * sizeof(*words));
	owned = kabi_malloc((size_t)n * sizeof(*owned));
	for (i = 1; i < index;) {
		kabi_strbuf sb = KABI_STRBUF_INIT;

		if (strncmp(argv[i], "--", 2) != 0 || strchr(argv[i], '=') || i + 1 >= n ||
		    strcmp(argv[i + 1], "=") != 0) {
			words[nw++] = argv[i++];
			continue;
		}
		if (index <= i + 2) {
			kabi_strbuf_printf(&sb, "%s=%s", argv[i], index == i + 2 ? argv[i + 2] : "");
			cur = owned[nowned++] = kabi_strbuf_detach(&sb);
			strip = 1;
			break;
		}
		kabi_strbuf_printf(&sb, "%s=%s", argv[i], argv[i + 2]);
		words[nw++] = owned[nowned++] = kabi_strbuf_detach(&sb);
		i += 3;
	}
	if (!cur)
		cur = index < n ? argv[index] : "";

	for (i = 0; i < nw; i++) {
		const char *w = words[i];

		in = cmd ? cmd : p->top;
		if (expect) {
			seen(&c, expect, w);
			expect = NULL;
		} else if (!dashdash && cmd && strcmp(w, "--") == 0) {
			dashdash = 1;
		} else if (!dashdash && w[0] == '-' && w[1]) {
			expect = option_word(&c, in, w);
		} else if (!cmd && !helping && strcmp(w, "help") == 0) {
			helping = 1;
		} else if (!cmd && !helping) {
			size_t k;

			for (k = 0; k < p->ncommands && strcmp(p->commands[k]->name, w) != 0; k++)
				;
			if (k == p->ncommands)
				goto out; /* no such command: nothing to offer */
			cmd = p->commands[k];
		} else if (helping) {
			goto out; /* kabi help CMD takes one */
		}
	}

	in = cmd ? cmd : p->top;
	if (expect) {
		c.prefix = cur;
		offer(&c, p, expect->complete, expect);
	} else if (!dashdash && strncmp(cur, "--", 2) == 0 && strchr(cur, '=')) {
		o = long_opt(in, cur);
		c.prefix = strchr(cur, '=') + 1;
		if (!strip)
			kabi_strbuf_add(&lead, cur, (size_t)(c.prefix - cur));
		c.lead = lead.len ? lead.buf : "";
		if (o && o->arg)
			offer(&c, p, o->complete, o);
	} else if (!dashdash && cur[0] == '-') {
		c.prefix = cur;
		for (o = in->opts; o && o->name; o++) {
			kabi_strbuf sb = KABI_STRBUF_INIT;

			kabi_strbuf_printf(&sb, "--%s", o->name);
			cand(&c, sb.buf);
			kabi_strbuf_free(&sb);
		}
		cand(&c, "--help");
	} else {
		c.prefix = cur;
		offer(&c, p, cmd ? cmd->operands : KABI_COMPLETE_COMMAND, NULL);
	}
out:
	for (i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	free(words);
	kabi_strbuf_free(&lead);
	return KABI_EXIT_OK;
}
