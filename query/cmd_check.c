/*
 * kabi check --kernel V [--abi A] NAME... - are these syscalls available?
 *
 * Names come from the arguments, or from standard input (whitespace or
 * comma separated, '#' comments) when there are none or one is "-".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "strbuf.h"

static const char usage[] = "kabi check --kernel VERSION [--abi ABI] [NAME...|-] [--db FILE] [--format text|csv|json]";

typedef struct {
	char **v;
	size_t n;
} names;

static void add_name(names *ns, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		if (strlen(ns->v[i]) == len && strncmp(ns->v[i], s, len) == 0)
			return;
	ns->v = kabi_realloc(ns->v, (ns->n + 1) * sizeof(*ns->v));
	ns->v[ns->n++] = kabi_strndup(s, len);
}

static void read_names(names *ns, FILE *f)
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
			if (p > s)
				add_name(ns, s, (size_t)(p - s));
		}
	}
	free(line);
}

int cmd_check(int argc, char **argv)
{
	static const char *const cols[] = {"syscall", "status", "nr:int", "first", "removed"};
	kabi_cli_opts o;
	sqlite3 *db = NULL;
	sqlite3_stmt *at = NULL, *hist = NULL, *known = NULL;
	kabi_out *out = NULL;
	names ns = {NULL, 0};
	kabi_strbuf missing = KABI_STRBUF_INIT;
	char *rel = NULL;
	const char *abi_name;
	int abi, ord, ret = KABI_EXIT_ERROR, nmissing = 0, nunknown = 0, stdin_used = 0;
	size_t k;
	int i = kabi_cli_parse(&o, argc, argv, "dfak", usage,
			       "Tells whether each syscall NAME is implemented on ABI (default x86_64) at\n"
			       "kernel release VERSION.  Exit status: 0 all are, 1 some are not, 2 an error\n"
			       "(such as a name that no kernel in the catalog has ever had).\n");

	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (!o.kernel)
		return kabi_cli_usage(usage, "--kernel is required");
	abi_name = o.abi ? o.abi : "x86_64";
	for (; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (!stdin_used)
				read_names(&ns, stdin);
			stdin_used = 1;
		} else {
			add_name(&ns, argv[i], strlen(argv[i]));
		}
	}
	if (ns.n == 0 && !stdin_used)
		read_names(&ns, stdin);
	if (ns.n == 0) {
		kabi_cli_usage(usage, "no syscall names to check");
		goto out;
	}
	if (kabi_cli_open(&db, o.db))
		goto out;
	if (kabi_cli_abi(db, abi_name, &abi) || kabi_cli_release(db, o.kernel, &ord, &rel) ||
	    kabi_cli_abi_present(db, abi, abi_name, ord, rel))
		goto out;
	known = kabi_cli_prepare(db, "SELECT id FROM syscall WHERE name = ?1");
	at = kabi_cli_prepare(db, "SELECT nr, implemented FROM span WHERE abi_id = ?1 AND syscall_id = ?2 "
				  "AND first_ord <= ?3 AND last_ord >= ?3");
	hist = kabi_cli_prepare(
		db, "SELECT (SELECT r.name FROM span sp JOIN release r ON r.ord = sp.first_ord "
		    "        WHERE sp.abi_id = ?1 AND sp.syscall_id = ?2 ORDER BY sp.first_ord LIMIT 1), "
		    "(SELECT r.name FROM event e JOIN release r ON r.ord = e.ord WHERE e.abi_id = ?1 "
		    " AND e.syscall_id = ?2 AND e.kind = 'removed' AND e.ord <= ?3 ORDER BY e.ord DESC LIMIT 1), "
		    "(SELECT r.name FROM span sp JOIN release r ON r.ord = sp.first_ord "
		    " WHERE sp.abi_id = ?1 AND sp.syscall_id = ?2 AND sp.first_ord > ?3 ORDER BY sp.first_ord LIMIT 1)");
	if (!known || !at || !hist)
		goto out;
	out = kabi_out_new(o.fmt);
	kabi_out_table(out, "check", cols, sizeof(cols) / sizeof(cols[0]));
	for (k = 0; k < ns.n; k++) {
		const char *v[5] = {ns.v[k], NULL, NULL, NULL, NULL};
		char nrbuf[32];
		int sys = -1, ok = 0;

		sqlite3_bind_text(known, 1, ns.v[k], -1, SQLITE_STATIC);
		if (sqlite3_step(known) == SQLITE_ROW)
			sys = sqlite3_column_int(known, 0);
		sqlite3_reset(known);
		if (sys < 0) {
			char *s = kabi_suggest_sql(db, ns.v[k], "SELECT name FROM syscall");

			kabi_cli_error("unknown syscall '%s'%s%s%s", ns.v[k], *s ? " (did you mean " : "", s,
				       *s ? "?)" : "");
			free(s);
			v[1] = "unknown";
			kabi_out_row(out, v);
			nunknown++;
			continue;
		}
		sqlite3_bind_int(at, 1, abi);
		sqlite3_bind_int(at, 2, sys);
		sqlite3_bind_int(at, 3, ord);
		sqlite3_bind_int(hist, 1, abi);
		sqlite3_bind_int(hist, 2, sys);
		sqlite3_bind_int(hist, 3, ord);
		if (sqlite3_step(hist) == SQLITE_ROW) {
			/* first: when it first appeared on this ABI; removed: the
			 * removal before the target, if it is absent there */
			v[3] = (const char *)sqlite3_column_text(hist, 0);
		}
		if (sqlite3_step(at) == SQLITE_ROW) {
			snprintf(nrbuf, sizeof(nrbuf), "%lld", (long long)sqlite3_column_int64(at, 0));
			v[2] = nrbuf;
			ok = sqlite3_column_int(at, 1);
			v[1] = ok ? "available" : "not implemented";
		} else if (!v[3]) {
			v[1] = "never on this ABI";
		} else if (sqlite3_column_type(hist, 2) != SQLITE_NULL &&
			   (sqlite3_column_type(hist, 1) == SQLITE_NULL)) {
			v[1] = "added later";
			v[3] = (const char *)sqlite3_column_text(hist, 2);
		} else {
			v[1] = "removed";
			v[4] = (const char *)sqlite3_column_text(hist, 1);
		}
		kabi_out_row(out, v);
		if (!ok) {
			nmissing++;
			if (missing.len)
				kabi_strbuf_puts(&missing, ", ");
			kabi_strbuf_printf(&missing, "%s (%s)", ns.v[k], v[1]);
		}
		sqlite3_reset(at);
		sqlite3_reset(hist);
	}
	if (nmissing)
		kabi_out_footer(out, "%s at %s: %d of %zu syscalls not available: %s", abi_name, rel, nmissing,
				ns.n - (size_t)nunknown, missing.buf);
	else if (!nunknown)
		kabi_out_footer(out, "%s at %s: all %zu syscalls available", abi_name, rel, ns.n);
	kabi_out_print(out, stdout);
	ret = nunknown ? KABI_EXIT_ERROR : nmissing ? KABI_EXIT_NO : KABI_EXIT_OK;
out:
	for (k = 0; k < ns.n; k++)
		free(ns.v[k]);
	free(ns.v);
	kabi_strbuf_free(&missing);
	kabi_out_free(out);
	sqlite3_finalize(known);
	sqlite3_finalize(at);
	sqlite3_finalize(hist);
	sqlite3_close(db);
	free(rel);
	return ret;
}
