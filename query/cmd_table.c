/*
 * kabi table --abi A --at V [--missing-on B] - an ABI's syscall table at one
 * release (or what of it another ABI lacks there)
 */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "error.h"
#include "strbuf.h"

static const kabi_opt options[] = {
	KABI_OPT_ABI("the ABI (see 'kabi abis')"),
	KABI_OPT_AT("the release: v6.1, 6.1 (the newest 6.1.y) or 6.1.0"),
	{"missing-on", 0, "ABI", "only the syscalls that this other ABI lacks at that release",
	 KABI_O_MISSING_ON, KABI_COMPLETE_ABI, NULL},
	{"signatures", 's', NULL, "add each entry point's argument list, with its file and line",
	 KABI_O_SIGNATURES, 0, NULL},
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_table = {
	"table",
	cmd_table,
	"the syscall table of an ABI at a release",
	"--abi ABI --at VERSION [--missing-on ABI] [--signatures]",
	"Prints the syscall table of ABI at release VERSION: the number as user space passes it, the entry "
	"points, whether it is implemented (yes; no: a slot wired to sys_ni_syscall, or to an entry point no "
	"definition of which is built for the architecture, is present but not implemented; unknown: the "
	"entry table of the release's era was not read), why when the entry does not say, "
	"the release that added it (\"<=v6.12\" when that is only the first release of the catalog with it: "
	"there at the ABI's first table, or releases the catalog lacks lie before it) and the release that "
	"removed it later, if any.  --missing-on B keeps only the syscalls implemented on ABI that B does "
	"not have implemented at that release (absent from its table, or wired to nothing): what a program "
	"for ABI could use that one for B cannot.  --signatures adds the argument list of each entry point as the ABI "
	"compiles it, with its file and line.",
	options,
	0,
};

/* n as text into buf; NULL for a negative n (none). */
static const char *num(char *buf, size_t size, int64_t n)
{
	if (n < 0)
		return NULL;
	snprintf(buf, size, "%lld", (long long)n);
	return buf;
}

/* 1 when t has name, implemented. */
static int implemented_in(const kabi_cat_table *t, const char *name)
{
	size_t r;

	for (r = 0; r < t->n; r++)
		if (t->rows[r].implemented == KABI_IMPL_YES && strcmp(t->rows[r].name, name) == 0)
			return 1;
	return 0;
}

int cmd_table(int argc, char **argv)
{
	/* columns are only ever added at the end; why: not implemented, or
	 * unknown, for a reason the entry does not show; config: implemented
	 * only under these Kconfig options (text says it in implemented) */
	static const char *const cols[] = {
		"nr:int",       "name", "entry", "compat_entry", "implemented:bool", "added",     "removed",
		"private:bool", "args", "file",  "line:int",     "why:opt",          "config:opt"};
	static const char *const cols_nosig[] = {"nr:int",           "name",      "entry",   "compat_entry",
						 "implemented:bool", "added",     "removed", "private:bool",
						 "why:opt",          "config:opt"};
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis;
	kabi_release_resolution rel;
	kabi_cli_opts o;
	kabi_catalog *c = NULL;
	kabi_cat_table *t = NULL, *t2 = NULL;
	kabi_out *out = NULL;
	size_t nrels, nabis, r;
	int abi, abi2 = -1, ret = KABI_EXIT_ERROR;
	size_t shown = 0;
	kabi_strbuf added = KABI_STRBUF_INIT, impl = KABI_STRBUF_INIT;
	int i = kabi_cli_parse(&o, &kabi_cmd_table, argc, argv);

	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (i < argc)
		return kabi_cli_usage(&kabi_cmd_table, "unexpected argument '%s'", argv[i]);
	if (!o.abi || !o.at)
		return kabi_cli_usage(&kabi_cmd_table, "--abi and --at are required");
	if (kabi_cli_catalog(&c, o.db))
		return KABI_EXIT_ERROR;
	if (kabi_cli_find_abi(&abi, c, o.abi) || kabi_cli_find_release(&rel, c, o.at) ||
	    kabi_cli_has_table(c, abi, rel.ord))
		goto out;
	if (o.missing_on &&
	    (kabi_cli_find_abi(&abi2, c, o.missing_on) || kabi_cli_has_table(c, abi2, rel.ord)))
		goto out;
	if (kabi_catalog_releases(&rels, &nrels, c) < 0 || kabi_catalog_abis(&abis, &nabis, c) < 0 ||
	    kabi_catalog_table(&t, c, abi, rel.ord) < 0 ||
	    (abi2 >= 0 && kabi_catalog_table(&t2, c, abi2, rel.ord) < 0)) {
		kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	out = kabi_out_new(o.fmt);
	if (o.signatures)
		kabi_out_table(out, "table", cols, 13);
	else
		kabi_out_table(out, "table", cols_nosig, 10);
	for (r = 0; r < t->n; r++) {
		const kabi_cat_row *row = &t->rows[r];
		char nr[32], line[16];
		const char *v[13] = {num(nr, sizeof(nr), row->nr),
				     row->name,
				     row->entry,
				     row->compat_entry,
				     NULL,
				     NULL,
				     NULL,
				     NULL,
				     NULL,
				     NULL,
				     NULL,
				     NULL,
				     NULL};

		if (t2 && (row->implemented != KABI_IMPL_YES || implemented_in(t2, row->name)))
			continue;
		/* the "added" rule's own dating (added_known), as the exports print it */
		kabi_strbuf_reset(&added);
		if (row->added_ord >= 0)
			kabi_strbuf_printf(&added, "%s%s",
					   row->added_known ? "" : "<=", rels[row->added_ord].name);
		v[5] = added.len ? added.buf : NULL;
		v[6] = row->removed_ord >= 0 ? rels[row->removed_ord].name : NULL;
		shown++;
		v[4] = kabi_cli_impl_word(row->implemented, o.fmt);
		v[7] = o.fmt == KABI_OUT_TEXT ? (row->is_private ? "yes" : "no")
					      : (row->is_private ? "1" : "0");
		if (row->args) {
			v[8] = row->sig_text;
			v[9] = row->sig_file;
			v[10] = num(line, sizeof(line), row->sig_line);
		}
		v[o.signatures ? 11 : 8] = row->why;
		if (!o.signatures)
			v[9] = NULL; /* the signature's file above: config's place here */
		if (row->config && row->implemented == KABI_IMPL_YES) {
			if (o.fmt == KABI_OUT_TEXT) {
				kabi_strbuf_reset(&impl);
				kabi_strbuf_printf(&impl, "if %s", row->config);
				v[4] = impl.buf;
			} else {
				v[o.signatures ? 12 : 9] = row->config;
			}
		}
		kabi_out_row(out, v);
	}
	if (t2)
		kabi_out_footer(out,
				"%zu of the %zu syscalls implemented on %s at %s are not available on %s",
				shown, t->implemented, abis[abi].name, rel.name, abis[abi2].name);
	else if (t->unknown)
		kabi_out_footer(out,
				"%s at %s: %zu syscalls, %zu implemented, %zu reserved or not implemented, "
				"%zu unknown (entry table not read)",
				abis[abi].name, rel.name, t->n, t->implemented,
				t->n - t->implemented - t->unknown, t->unknown);
	else
		kabi_out_footer(out,
				"%s at %s: %zu syscalls, %zu implemented, %zu reserved or not implemented",
				abis[abi].name, rel.name, t->n, t->implemented, t->n - t->implemented);
	kabi_out_print(out, stdout);
	ret = KABI_EXIT_OK;
out:
	kabi_out_free(out);
	kabi_cat_table_free(t);
	kabi_cat_table_free(t2);
	kabi_strbuf_free(&added);
	kabi_strbuf_free(&impl);
	kabi_catalog_close(c);
	return ret;
}
