/*
 * kabi show NAME [--abi A]           - a syscall's history on every ABI
 * kabi show NR --abi A [--at V]      - the same, for the syscall with that number
 * kabi show NAME --at V              - which ABIs have it at one release, which lack it
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "strbuf.h"

static const kabi_opt options[] = {
	KABI_OPT_ABI("only on this ABI (needed with a number)"),
	KABI_OPT_AT("with a name: the ABIs that have it at that release; with a number: the release where "
		    "it names the syscall (default: the newest)"),
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_show = {
	"show",
	cmd_show,
	"a syscall's whole history on every ABI",
	"NAME [--abi ABI]\nNAME --at VERSION\nNR --abi ABI [--at VERSION]",
	"Prints where syscall NAME exists: its spans (number, entry points and implementation constant from "
	"one release to another) on every ABI, or on ABI only, its argument lists, and the events that "
	"changed it, oldest first, each with the commit that made it.  NAME is matched ignoring case when "
	"the catalog has no syscall spelt that way.\n\n"
	"With --at VERSION, NAME's state on every ABI with a table at that release instead: available, "
	"not implemented, added later, removed or never on that ABI, and its number there; the last line "
	"names the ABIs that lack it.\n\n"
	"A number NR (decimal, or hexadecimal with 0x) as user space passes it on ABI names the syscall "
	"that has it at release VERSION (default: the newest release); when none has it there, the next "
	"syscall to have it, else the last one that had it, with a note on stderr.",
	options,
	KABI_COMPLETE_SYSCALL,
};

/* Parses a syscall number: decimal or 0x hexadecimal, all of text.  0, or
 * -1 when text is not one. */
static int parse_nr(int64_t *nr, const char *text)
{
	int hex = text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
	const char *digits = hex ? text + 2 : text;
	char *end;
	long long v;

	if (!isxdigit((unsigned char)*digits))
		return -1;
	errno = 0;
	v = strtoll(digits, &end, hex ? 16 : 10);
	if (errno || *end || v < 0)
		return -1;
	*nr = v;
	return 0;
}

/*
 * The syscall that number text names on ABI abi at --at (or the newest
 * release); a note on stderr when the number is not that syscall's at the
 * release but before or after it.  0, or the exit code after saying why.
 */
static int find_by_nr(kabi_cat_syscall *sc, kabi_catalog *c, int abi, const char *text, const char *at)
{
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis;
	kabi_release_resolution rel;
	kabi_cat_nr_match m;
	size_t nrels, nabis;
	int64_t nr;

	if (parse_nr(&nr, text) < 0)
		return kabi_cli_usage(&kabi_cmd_show, "'%s' is neither a syscall name nor a number", text);
	if (kabi_catalog_releases(&rels, &nrels, c) < 0 || kabi_catalog_abis(&abis, &nabis, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (at) {
		if (kabi_cli_find_release(&rel, c, at))
			return KABI_EXIT_ERROR;
	} else if (nrels == 0) {
		return kabi_cli_error("the catalog has no releases");
	} else {
		rel.ord = (int)nrels - 1;
		rel.name = rels[rel.ord].name;
	}
	if (kabi_catalog_syscall_by_nr(&m, c, abi, nr, rel.ord) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (m.when == KABI_NR_LATER)
		fprintf(stderr, "kabi: note: no syscall has number %s on %s at %s; %s has it from %s\n", text,
			abis[abi].name, rel.name, m.sc.name, rels[m.first_ord].name);
	else if (m.when == KABI_NR_EARLIER)
		fprintf(stderr, "kabi: note: no syscall has number %s on %s at %s; %s had it until %s\n",
			text, abis[abi].name, rel.name, m.sc.name, rels[m.last_ord].name);
	*sc = m.sc;
	return 0;
}

static int spans_table(kabi_out *out, kabi_catalog *c, const kabi_cat_history *h, const kabi_cat_abi *abis,
		       const kabi_cat_release *rels, size_t nrels, kabi_out_format fmt)
{
	kabi_strbuf from = KABI_STRBUF_INIT;
	/* columns are only ever added at the end; why: not implemented or
	 * unknown for a reason the entry does not show; config: implemented
	 * only under these Kconfig options (text says it in implemented) */
	static const char *const cols[] = {
		"abi",  "nr:int", "entry",        "compat_entry", "implemented:bool",
		"from", "to",     "private:bool", "why:opt",      "config:opt"};
	kabi_strbuf to = KABI_STRBUF_INIT, impl = KABI_STRBUF_INIT;
	size_t i;

	kabi_out_table(out, "spans", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < h->nspans; i++) {
		const kabi_cat_span *s = &h->spans[i];
		char nr[32];
		const char *v[10] = {abis[s->abi].name,
				     nr,
				     s->entry,
				     s->compat_entry,
				     NULL,
				     NULL,
				     NULL,
				     NULL,
				     s->why,
				     NULL};

		if (kabi_cli_date(&from, c, s->abi, s->first_ord)) {
			kabi_strbuf_free(&from);
			kabi_strbuf_free(&to);
			kabi_strbuf_free(&impl);
			return KABI_EXIT_ERROR;
		}
		v[5] = from.buf;
		snprintf(nr, sizeof(nr), "%lld", (long long)s->nr);
		v[4] = kabi_cli_impl_word(s->implemented, fmt);
		if (s->config && s->implemented == KABI_IMPL_YES) {
			if (fmt == KABI_OUT_TEXT) {
				kabi_strbuf_reset(&impl);
				kabi_strbuf_printf(&impl, "if %s", s->config);
				v[4] = impl.buf;
			} else {
				v[9] = s->config;
			}
		}
		v[7] = fmt == KABI_OUT_TEXT ? (s->is_private ? "yes" : "no") : (s->is_private ? "1" : "0");
		kabi_strbuf_reset(&to);
		kabi_strbuf_puts(&to, rels[s->last_ord].name);
		if ((size_t)s->last_ord + 1 == nrels)
			kabi_strbuf_puts(&to, " (newest)");
		v[6] = to.buf;
		kabi_out_row(out, v);
	}
	kabi_strbuf_free(&from);
	kabi_strbuf_free(&to);
	kabi_strbuf_free(&impl);
	return 0;
}

static int same_sig(const kabi_cat_signature *a, const kabi_cat_signature *b)
{
	return strcmp(a->text, b->text) == 0 && strcmp(a->file, b->file) == 0 && a->line == b->line &&
	       a->first_ord == b->first_ord && a->last_ord == b->last_ord;
}

/*
 * The argument lists.  The text view shows ABIs with the same definition
 * (text, file, line) over the same releases on one line, their names
 * joined by spaces, ordered by their first ABI then release; csv and json
 * give one row per ABI and span.  h->sigs is by ABI then first release.
 */
static void signatures_table(kabi_out *out, const kabi_cat_history *h, const kabi_cat_abi *abis,
			     const kabi_cat_release *rels, int text)
{
	static const char *const cols[] = {"abi", "args", "file", "line:int", "from", "to", "normalised"};
	unsigned char *done = kabi_calloc(h->nsigs ? h->nsigs : 1, 1);
	kabi_strbuf names = KABI_STRBUF_INIT;
	size_t i, j;

	kabi_out_table(out, "signatures", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < h->nsigs; i++) {
		const kabi_cat_signature *g = &h->sigs[i];
		char line[16];
		const char *v[7] = {
			NULL,   g->text, g->file, line, rels[g->first_ord].name, rels[g->last_ord].name,
			g->args};

		if (done[i])
			continue;
		kabi_strbuf_reset(&names);
		kabi_strbuf_puts(&names, abis[g->abi].name);
		for (j = i + 1; text && j < h->nsigs; j++) {
			if (!done[j] && same_sig(g, &h->sigs[j])) {
				done[j] = 1;
				kabi_strbuf_printf(&names, " %s", abis[h->sigs[j].abi].name);
			}
		}
		snprintf(line, sizeof(line), "%d", g->line);
		v[0] = names.buf;
		kabi_out_row(out, v);
	}
	kabi_strbuf_free(&names);
	free(done);
}

static const char *num(char *buf, size_t size, int64_t n)
{
	if (n < 0)
		return NULL;
	snprintf(buf, size, "%lld", (long long)n);
	return buf;
}

/* The events, the detail in the one wording of kabi_cat_event_describe()
 * from the point of view of the syscall shown. */
static int events_table(kabi_out *out, kabi_catalog *c, const kabi_cat_history *h, const kabi_cat_abi *abis,
			int text)
{
	kabi_strbuf when = KABI_STRBUF_INIT;
	static const char *const cols[] = {
		"release",  "abi",  "kind",   "old_nr:int", "new_nr:int",    "old_entry",     "new_entry",
		"old_name", "name", "commit", "subject",    "old_signature", "new_signature", "detail"};
	static const char *const text_cols[] = {"release", "abi", "kind", "detail", "commit", "subject"};
	kabi_strbuf detail = KABI_STRBUF_INIT;
	size_t i;

	if (text)
		kabi_out_table(out, "events", text_cols, sizeof(text_cols) / sizeof(text_cols[0]));
	else
		kabi_out_table(out, "events", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < h->nevents; i++) {
		const kabi_cat_event *e = &h->events[i];
		char onr[32], nnr[32], shortid[13];

		if (kabi_cli_date(&when, c, e->abi, e->ord)) {
			kabi_strbuf_free(&when);
			kabi_strbuf_free(&detail);
			return KABI_EXIT_ERROR;
		}
		kabi_strbuf_reset(&detail);
		kabi_cat_event_describe(&detail, e, h->name);
		if (text) {
			const char *t[6] = {
				when.buf, abis[e->abi].name, kabi_event_kind_name(e->kind), detail.buf,
				"",       e->commit_subject};

			if (e->commit) {
				snprintf(shortid, sizeof(shortid), "%.12s", e->commit);
				t[4] = shortid;
			}
			kabi_out_row(out, t);
		} else {
			const char *v[14] = {when.buf,
					     abis[e->abi].name,
					     kabi_event_kind_name(e->kind),
					     num(onr, sizeof(onr), e->old_nr),
					     num(nnr, sizeof(nnr), e->new_nr),
					     e->old_entry,
					     e->new_entry,
					     e->old_name,
					     e->name,
					     e->commit,
					     e->commit_subject,
					     e->old_signature,
					     e->new_signature,
					     detail.buf};

			kabi_out_row(out, v);
		}
	}
	kabi_strbuf_free(&detail);
	kabi_strbuf_free(&when);
	return 0;
}

/* kabi show NAME --at V: the syscall on every ABI with a table at V. */
static int at_release(kabi_out *out, kabi_catalog *c, const kabi_cat_syscall *sc, const char *at,
		      kabi_out_format fmt)
{
	static const char *const cols[] = {"abi", "status", "nr:int", "why:opt", "config:opt"};
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis;
	kabi_release_resolution rel;
	kabi_strbuf lack = KABI_STRBUF_INIT, notab = KABI_STRBUF_INIT, unk = KABI_STRBUF_INIT;
	kabi_strbuf status = KABI_STRBUF_INIT;
	size_t nrels, nabis, a, have = 0, nlack = 0, nunknown = 0;

	if (kabi_cli_find_release(&rel, c, at))
		return -1;
	if (kabi_catalog_releases(&rels, &nrels, c) < 0 || kabi_catalog_abis(&abis, &nabis, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	kabi_out_table(out, "abis", cols, sizeof(cols) / sizeof(cols[0]));
	for (a = 0; a < nabis; a++) {
		kabi_cat_status st;
		int present;
		char nr[32];
		const char *v[5] = {abis[a].name, NULL, NULL, NULL, NULL};

		if (kabi_catalog_has_table(&present, c, (int)a, rel.ord) < 0 ||
		    (present && kabi_catalog_syscall_status(&st, c, sc->id, (int)a, rel.ord) < 0)) {
			kabi_strbuf_free(&lack);
			kabi_strbuf_free(&notab);
			kabi_strbuf_free(&unk);
			kabi_strbuf_free(&status);
			return kabi_cli_error("%s", kabi_error_last());
		}
		if (!present) {
			if (abis[a].first_ord >= 0) /* an ABI of other releases */
				kabi_strbuf_printf(&notab, "%s%s", notab.len ? ", " : "", abis[a].name);
			continue;
		}
		v[1] = kabi_cli_status_word(st.status);
		v[3] = st.why;
		if (st.status == KABI_SC_AVAILABLE && st.config) {
			if (fmt == KABI_OUT_TEXT) {
				kabi_strbuf_reset(&status);
				kabi_strbuf_printf(&status, "%s if %s", v[1], st.config);
				v[1] = status.buf;
			} else {
				v[4] = st.config;
			}
		}
		if (st.nr >= 0) {
			snprintf(nr, sizeof(nr), "%lld", (long long)st.nr);
			v[2] = nr;
		}
		kabi_out_row(out, v);
		if (st.status == KABI_SC_IMPL_UNKNOWN) {
			nunknown++;
			kabi_strbuf_printf(&unk, "%s%s", unk.len ? ", " : "", abis[a].name);
		} else if (st.status == KABI_SC_AVAILABLE) {
			have++;
		} else {
			nlack++;
			kabi_strbuf_printf(&lack, "%s%s", lack.len ? ", " : "", abis[a].name);
		}
	}
	kabi_out_footer(out, "%s at %s: available on %zu ABI%s; not on %zu%s%s", sc->name, rel.name, have,
			have == 1 ? "" : "s", nlack, nlack ? ": " : "", nlack ? lack.buf : "");
	if (nunknown)
		kabi_out_footer(out, "implementation unknown (entry table not read) on %zu: %s", nunknown,
				unk.buf);
	if (notab.len)
		kabi_out_footer(out, "no table at %s: %s", rel.name, notab.buf);
	kabi_strbuf_free(&unk);
	kabi_strbuf_free(&status);
	kabi_strbuf_free(&lack);
	kabi_strbuf_free(&notab);
	return 0;
}

int cmd_show(int argc, char **argv)
{
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis;
	kabi_cli_opts o;
	kabi_catalog *c = NULL;
	kabi_cat_history *h = NULL;
	kabi_cat_syscall sc;
	kabi_out *out = NULL;
	size_t nrels, nabis;
	int abi = -1, ret = KABI_EXIT_ERROR, text;
	const char *name;
	int i = kabi_cli_parse(&o, &kabi_cmd_show, argc, argv);

	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (argc - i != 1)
		return kabi_cli_usage(&kabi_cmd_show, "one syscall name or number, please");
	name = argv[i];
	/* syscall names start with a letter or '_'; a digit starts a number */
	if (isdigit((unsigned char)name[0]) && !o.abi)
		return kabi_cli_usage(&kabi_cmd_show,
				      "a syscall number needs --abi: numbers differ between ABIs");
	if (!isdigit((unsigned char)name[0]) && o.at && o.abi)
		return kabi_cli_usage(&kabi_cmd_show, "with a name, --at shows every ABI: no --abi");
	if (kabi_cli_catalog(&c, o.db))
		return KABI_EXIT_ERROR;
	if (o.abi && kabi_cli_find_abi(&abi, c, o.abi))
		goto out;
	if (isdigit((unsigned char)name[0]) ? find_by_nr(&sc, c, abi, name, o.at)
					    : kabi_cli_find_syscall(&sc, c, name))
		goto out;
	if (kabi_catalog_releases(&rels, &nrels, c) < 0 || kabi_catalog_abis(&abis, &nabis, c) < 0 ||
	    kabi_catalog_history(&h, c, sc.id, abi) < 0) {
		kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	text = o.fmt == KABI_OUT_TEXT;
	out = kabi_out_new(o.fmt);
	if (o.at && !isdigit((unsigned char)name[0])) {
		if (at_release(out, c, &sc, o.at, o.fmt) == 0) {
			kabi_out_print(out, stdout);
			ret = KABI_EXIT_OK;
		}
		goto out;
	}
	if (spans_table(out, c, h, abis, rels, nrels, o.fmt))
		goto out;
	if (h->nspans == 0 && text)
		kabi_out_footer(out, "%s has never been on %s", h->name,
				abi >= 0 ? abis[abi].name : "any ABI");
	signatures_table(out, h, abis, rels, text);
	if (events_table(out, c, h, abis, text))
		goto out;
	kabi_out_print(out, stdout);
	ret = KABI_EXIT_OK;
out:
	kabi_out_free(out);
	kabi_cat_history_free(h);
	kabi_catalog_close(c);
	return ret;
}
