/*
 * kabi show NAME [--abi A] - a syscall's history on every ABI
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "strbuf.h"

static const kabi_opt options[] = {
	KABI_OPT_ABI("only on this ABI"),
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_show = {
	"show", cmd_show, "a syscall's whole history on every ABI", "NAME [--abi ABI]",
	"Prints where syscall NAME exists: its spans (number, entry points and implementation constant from "
	"one release to another) on every ABI, or on ABI only, its argument lists, and the events that "
	"changed it, oldest first, each with the commit that made it.",
	options, KABI_COMPLETE_SYSCALL,
};

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* A short description of an event for the text view. */
static void describe(kabi_strbuf *sb, sqlite3_stmt *st, const char *name)
{
	const char *kind = col(st, 2);

	kabi_strbuf_reset(sb);
	if (strcmp(kind, "added") == 0)
		kabi_strbuf_printf(sb, "as %s", col(st, 4) ? col(st, 4) : "?");
	else if (strcmp(kind, "removed") == 0)
		kabi_strbuf_printf(sb, "was %s", col(st, 3) ? col(st, 3) : "?");
	else if (strcmp(kind, "renumbered") == 0)
		kabi_strbuf_printf(sb, "%s -> %s", col(st, 3), col(st, 4));
	else if (strcmp(kind, "renamed") == 0 && col(st, 7) && strcmp(col(st, 7), name) == 0)
		kabi_strbuf_printf(sb, "to %s at %s", col(st, 8), col(st, 4));
	else if (strcmp(kind, "renamed") == 0)
		kabi_strbuf_printf(sb, "from %s at %s", col(st, 7) ? col(st, 7) : "?", col(st, 4));
	else if (strcmp(kind, "signature_changed") == 0)
		kabi_strbuf_printf(sb, "(%s) -> (%s)", col(st, 11) ? col(st, 11) : "?", col(st, 12) ? col(st, 12) : "?");
	else
		kabi_strbuf_printf(sb, "%s -> %s", col(st, 5) && *col(st, 5) ? col(st, 5) : "(none)",
				   col(st, 6) && *col(st, 6) ? col(st, 6) : "(none)");
}

int cmd_show(int argc, char **argv)
{
	static const char *const span_cols[] = {"abi", "nr:int", "entry", "compat_entry", "implemented:bool",
						"from", "to"};
	static const char *const ev_cols[] = {"release", "abi", "kind", "old_nr:int", "new_nr:int", "old_entry",
					      "new_entry", "old_name", "name", "commit", "subject", "old_signature",
					      "new_signature", "detail"};
	/* the text view: release, abi, kind, detail, commit, subject */
	static const char *const text_cols[] = {"release", "abi", "kind", "detail", "commit", "subject"};
	kabi_cli_opts o;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	kabi_out *out = NULL;
	kabi_strbuf sb = KABI_STRBUF_INIT;
	int sys, abi = 0, rc, ret = KABI_EXIT_ERROR;
	const char *name;
	int i = kabi_cli_parse(&o, &kabi_cmd_show, argc, argv);

	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (argc - i != 1)
		return kabi_cli_usage(&kabi_cmd_show, "one syscall name, please");
	name = argv[i];
	if (kabi_cli_open(&db, o.db))
		return KABI_EXIT_ERROR;
	if (kabi_cli_syscall(db, name, &sys) || (o.abi && kabi_cli_abi(db, o.abi, &abi)))
		goto out;

	out = kabi_out_new(o.fmt);
	kabi_out_table(out, "spans", span_cols, sizeof(span_cols) / sizeof(span_cols[0]));
	st = kabi_cli_prepare(db, "SELECT a.name, sp.nr, sp.entry, sp.compat_entry, sp.implemented, f.name, "
				  "CASE WHEN sp.last_ord = (SELECT max(ord) FROM release) THEN l.name || ' (newest)' "
				  "ELSE l.name END "
				  "FROM span sp JOIN abi a ON a.id = sp.abi_id JOIN release f ON f.ord = sp.first_ord "
				  "JOIN release l ON l.ord = sp.last_ord WHERE sp.syscall_id = ?1 "
				  "AND (?2 = 0 OR sp.abi_id = ?2) ORDER BY a.id, sp.first_ord");
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, sys);
	sqlite3_bind_int(st, 2, abi);
	rc = kabi_cli_emit(out, db, st, 7, 4, o.fmt == KABI_OUT_TEXT);
	st = NULL;
	if (rc)
		goto out;
	if (kabi_out_rows(out) == 0 && o.fmt == KABI_OUT_TEXT)
		kabi_out_footer(out, "%s has never been on %s", name, o.abi);

	/* Signatures: ABIs with the same argument lists over the same releases
	 * are shown once in the text view. */
	{
		static const char *const sig_cols[] = {"abi", "args", "file", "line:int", "from", "to", "normalised"};

		kabi_out_table(out, "signatures", sig_cols, sizeof(sig_cols) / sizeof(sig_cols[0]));
		st = kabi_cli_prepare(db, o.fmt == KABI_OUT_TEXT
			? "SELECT group_concat(abi, ' '), text, file, line, first_release, last_release, args FROM "
			  "(SELECT a.name AS abi, a.id AS aid, g.* , f.name AS first_release, l.name AS last_release "
			  " FROM signature g JOIN abi a ON a.id = g.abi_id JOIN release f ON f.ord = g.first_ord "
			  " JOIN release l ON l.ord = g.last_ord WHERE g.syscall_id = ?1 AND (?2 = 0 OR g.abi_id = ?2) "
			  " ORDER BY a.id) GROUP BY text, file, line, first_ord, last_ord ORDER BY min(aid), first_ord"
			: "SELECT a.name, g.text, g.file, g.line, f.name, l.name, g.args FROM signature g "
			  "JOIN abi a ON a.id = g.abi_id JOIN release f ON f.ord = g.first_ord "
			  "JOIN release l ON l.ord = g.last_ord WHERE g.syscall_id = ?1 AND (?2 = 0 OR g.abi_id = ?2) "
			  "ORDER BY a.id, g.first_ord");
		if (!st)
			goto out;
		sqlite3_bind_int(st, 1, sys);
		sqlite3_bind_int(st, 2, abi);
		rc = kabi_cli_emit(out, db, st, 7, -1, 0);
		st = NULL;
		if (rc)
			goto out;
	}

	if (o.fmt == KABI_OUT_TEXT)
		kabi_out_table(out, "events", text_cols, sizeof(text_cols) / sizeof(text_cols[0]));
	else
		kabi_out_table(out, "events", ev_cols, sizeof(ev_cols) / sizeof(ev_cols[0]));
	st = kabi_cli_prepare(db, "SELECT r.name, a.name, e.kind, e.old_nr, e.new_nr, e.old_entry, e.new_entry, "
				  "e.old_name, s.name, e.commit_id, e.commit_subject, e.old_signature, e.new_signature "
				  "FROM event e JOIN release r ON r.ord = e.ord JOIN abi a ON a.id = e.abi_id "
				  "JOIN syscall s ON s.id = e.syscall_id "
				  "WHERE (e.syscall_id = ?1 OR e.old_name = ?3) AND (?2 = 0 OR e.abi_id = ?2) "
				  "ORDER BY e.ord, a.id, e.id");
	if (!st)
		goto out;
	sqlite3_bind_int(st, 1, sys);
	sqlite3_bind_int(st, 2, abi);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[14];
		int c;

		for (c = 0; c < 13; c++)
			v[c] = col(st, c);
		describe(&sb, st, name);
		v[13] = sb.buf;
		if (o.fmt == KABI_OUT_TEXT) {
			const char *t[6] = {v[0], v[1], v[2], v[13], v[9] ? v[9] : "", v[10]};
			char shortid[13];

			if (v[9]) {
				snprintf(shortid, sizeof(shortid), "%.12s", v[9]);
				t[4] = shortid;
			}
			kabi_out_row(out, t);
		} else {
			kabi_out_row(out, v);
		}
	}
	if (rc != SQLITE_DONE) {
		kabi_cli_error("cannot query the catalog: %s", sqlite3_errmsg(db));
		goto out;
	}
	kabi_out_print(out, stdout);
	ret = KABI_EXIT_OK;
out:
	kabi_strbuf_free(&sb);
	kabi_out_free(out);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ret;
}
