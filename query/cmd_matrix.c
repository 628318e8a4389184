/*
 * kabi matrix NAME... [--abi A,B,...] [--from V] [--to V] - for each
 * syscall and ABI, the first release at which it is available, and the
 * release at which it went away if it did.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "matrix.h"
#include "strbuf.h"

static const kabi_opt options[] = {
	KABI_OPT_ABIS("the ABIs, in columns (default: every ABI with a table at the last release looked at)"),
	{"from", 0, "VERSION", "look at releases from this one on (default: the oldest)", KABI_O_FROM,
	 KABI_COMPLETE_RELEASE, NULL},
	{"to", 0, "VERSION", "look at releases up to this one (default: the newest)", KABI_O_TO,
	 KABI_COMPLETE_RELEASE, NULL},
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_matrix = {
	"matrix",
	cmd_matrix,
	"when each syscall became available on each ABI",
	"NAME... [--abi ABI[,ABI...]] [--from VERSION] [--to VERSION]",
	"Prints one row per syscall NAME and one column per ABI.  A cell is the first release, among those "
	"looked at, at which the syscall is in the ABI's table and implemented; \"<=v3.4\" when that release "
	"only is the first one kabi knows with it: it was there at the first release looked at for that ABI, "
	"or releases the catalog lacks lie before it (a catalog of 6.1 and 6.12 cannot say which of 6.2 to "
	"6.12 brought it); \"v3.5 until v5.10\" when it is no longer "
	"available from v5.10 on; \"never\" when no release of the range has it; \"no table\" when the "
	"catalog has no table of the ABI in the range.\n\n"
	"--abi takes names and other tools' spellings (amd64, aarch64), repeated or comma-separated, and "
	"\"all\" for every ABI of the catalog.",
	options,
	KABI_COMPLETE_SYSCALL,
};

int cmd_matrix(int argc, char **argv)
{
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis;
	kabi_release_resolution r1, r2;
	kabi_cli_opts o;
	kabi_catalog *c = NULL;
	kabi_out *out = NULL;
	kabi_cat_syscall *scs = NULL;
	unsigned char *on = NULL, **tab = NULL;
	const char **cols = NULL, **vals = NULL;
	int *abi = NULL, from, to, ret = KABI_EXIT_ERROR;
	size_t nrels, na, nabi = 0, nsc, k, j;
	kabi_strbuf *cells = NULL;
	int i = kabi_cli_parse(&o, &kabi_cmd_matrix, argc, argv);

	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (i == argc) {
		kabi_cli_opts_free(&o);
		return kabi_cli_usage(&kabi_cmd_matrix, "give at least one syscall name");
	}
	if (kabi_cli_catalog(&c, o.db))
		goto done;
	if (kabi_catalog_releases(&rels, &nrels, c) < 0 || kabi_catalog_abis(&abis, &na, c) < 0) {
		kabi_cli_error("%s", kabi_error_last());
		goto done;
	}
	if (!nrels) {
		kabi_cli_error("the catalog has no releases");
		goto done;
	}
	from = 0;
	to = (int)nrels - 1;
	if (o.from) {
		if (kabi_cli_find_release(&r1, c, o.from))
			goto done;
		from = r1.ord;
	}
	if (o.to) {
		if (kabi_cli_find_release(&r2, c, o.to))
			goto done;
		to = r2.ord;
	}
	if (from > to) {
		kabi_cli_error("--from %s comes after --to %s", rels[from].name, rels[to].name);
		goto done;
	}
	if (kabi_cli_find_abis(&abi, &nabi, c, &o))
		goto done;
	tab = kabi_calloc(na ? na : 1, sizeof(*tab));
	for (k = 0; k < na; k++) {
		tab[k] = kabi_calloc(nrels, 1);
		if (kabi_catalog_table_releases(tab[k], nrels, c, (int)k) < 0) {
			kabi_cli_error("%s", kabi_error_last());
			goto done;
		}
	}
	if (!nabi) { /* every ABI with a table at the last release looked at */
		for (k = 0; k < na; k++)
			if (tab[k][to])
				abi[nabi++] = (int)k;
		if (!nabi) {
			kabi_cli_error("no ABI has a table at %s", rels[to].name);
			goto done;
		}
	}
	nsc = (size_t)(argc - i);
	scs = kabi_calloc(nsc, sizeof(*scs));
	for (k = 0; k < nsc; k++)
		if (kabi_cli_find_syscall(&scs[k], c, argv[i + (int)k]))
			goto done;

	cols = kabi_calloc(nabi + 1, sizeof(*cols));
	vals = kabi_calloc(nabi + 1, sizeof(*vals));
	cells = kabi_calloc(nabi, sizeof(*cells));
	cols[0] = "syscall";
	for (j = 0; j < nabi; j++) {
		cols[j + 1] = abis[abi[j]].name;
		cells[j] = (kabi_strbuf)KABI_STRBUF_INIT;
	}
	on = kabi_calloc(nrels, 1);
	out = kabi_out_new(o.fmt);
	kabi_out_table(out, "matrix", cols, nabi + 1);
	for (k = 0; k < nsc; k++) {
		vals[0] = scs[k].name;
		for (j = 0; j < nabi; j++) {
			if (kabi_catalog_implemented_releases(on, nrels, c, scs[k].id, abi[j]) < 0) {
				kabi_cli_error("%s", kabi_error_last());
				goto done;
			}
			if (kabi_matrix_cell(&cells[j], c, abi[j], on, tab[abi[j]], from, to) < 0) {
				kabi_cli_error("%s", kabi_error_last());
				goto done;
			}
			vals[j + 1] = cells[j].buf;
		}
		kabi_out_row(out, vals);
	}
	kabi_out_footer(out, "%zu syscall%s on %zu ABI%s, releases %s to %s", nsc, nsc == 1 ? "" : "s", nabi,
			nabi == 1 ? "" : "s", rels[from].name, rels[to].name);
	kabi_out_print(out, stdout);
	ret = KABI_EXIT_OK;
done:
	for (j = 0; cells && j < nabi; j++)
		kabi_strbuf_free(&cells[j]);
	for (k = 0; tab && k < na; k++)
		free(tab[k]);
	free(tab);
	free(cells);
	free(cols);
	free(vals);
	free(on);
	free(scs);
	free(abi);
	kabi_out_free(out);
	kabi_catalog_close(c);
	kabi_cli_opts_free(&o);
	return ret;
}
