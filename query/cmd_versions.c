/*
 * kabi versions - the releases in the catalog
 * kabi abis     - the ABIs in the catalog, with the releases they span
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "error.h"

static const kabi_opt options[] = {
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_versions = {
	"versions",
	cmd_versions,
	"the releases the catalog holds",
	"",
	"Lists the releases in the catalog in version order, with the commit each was read from and how many "
	"ABIs have a syscall table there.  Then, if the harvest read any ABI's table with a warning (an "
	"#include of its header that was not in the tree), a table of those notes: the answers there may "
	"depend on the missing file.",
	options,
	0,
};

const kabi_command kabi_cmd_abis = {
	"abis",
	cmd_abis,
	"the ABIs the catalog holds (x86_64, i386, arm64, mips-o32 ...)",
	"",
	"Lists the ABIs that have a table in at least one release: the first and last release with a table, "
	"and the table's size at the last one.  base is what user space adds to the table's numbers (mips "
	"4000, x32 0x40000000 ...); the text output writes a base from 0x10000 up in hexadecimal, csv and "
	"json as a decimal integer.  generations counts the ABI's lives in the catalog: a new one starts where "
	"it has a table again after releases without one (h8300 came back in 4.2), or a table of another "
	"numbering; each is listed below the table.  The harvest's notes follow, as in versions.",
	options,
	0,
};

/* Parses the common options and opens the catalog: 0; -1 when the help
 * was printed (exit 0); otherwise the exit code, after saying why. */
static int start(kabi_cli_opts *o, kabi_catalog **c, const kabi_command *cmd, int argc, char **argv)
{
	int i = kabi_cli_parse(o, cmd, argc, argv);

	if (i < 0)
		return i == -2 ? -1 : KABI_EXIT_ERROR;
	if (i < argc)
		return kabi_cli_usage(cmd, "unexpected argument '%s'", argv[i]);
	return kabi_cli_catalog(c, o->db) ? KABI_EXIT_ERROR : 0;
}

/* The harvest's warnings, a table of their own after the listing (none
 * when the catalog has none): what each ABI's table was read without. */
static int notes_table(kabi_out *out, kabi_catalog *c, const kabi_cat_release *rels, const kabi_cat_abi *abis)
{
	static const char *const cols[] = {"release", "abi", "note"};
	const kabi_cat_note *notes;
	size_t n, i;

	if (kabi_catalog_notes(&notes, &n, c) < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (!n)
		return 0;
	kabi_out_table(out, "notes", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < n; i++) {
		const char *v[3] = {rels[notes[i].ord].name, abis[notes[i].abi].name, notes[i].note};

		kabi_out_row(out, v);
	}
	kabi_out_footer(out, "%zu table%s read with a warning: the answers there may be wrong", n,
			n == 1 ? "" : "s");
	return 0;
}

/* "2023-01-01": the day of a Unix time, in UTC. */
static void utc_date(char *buf, size_t size, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, size, "?");
}

int cmd_versions(int argc, char **argv)
{
	static const char *const cols[] = {"name", "version", "line",     "rc:int",
					   "date", "commit",  "abis:int", "version_from"};
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis;
	kabi_catalog *c = NULL;
	kabi_cli_opts o;
	kabi_out *out;
	size_t n, na, i;
	int ret = start(&o, &c, &kabi_cmd_versions, argc, argv);

	if (ret)
		return ret < 0 ? KABI_EXIT_OK : ret;
	if (kabi_catalog_releases(&rels, &n, c) < 0 || kabi_catalog_count_tables(c) < 0 ||
	    kabi_catalog_abis(&abis, &na, c) < 0) {
		ret = kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	out = kabi_out_new(o.fmt);
	kabi_out_table(out, "versions", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < n; i++) {
		const kabi_cat_release *r = &rels[i];
		char rc[16], date[32], commit[13], nabi[16];
		const char *v[8] = {r->name, r->version, r->line, rc,
				    date,    commit,     nabi,    r->from_makefile ? "makefile" : "ref"};

		snprintf(rc, sizeof(rc), "%d", r->v.rc);
		utc_date(date, sizeof(date), r->commit_time);
		snprintf(commit, sizeof(commit), "%.12s", r->commit);
		snprintf(nabi, sizeof(nabi), "%d", r->ntables);
		kabi_out_row(out, v);
	}
	if ((ret = notes_table(out, c, rels, abis)) == 0)
		kabi_out_print(out, stdout);
	kabi_out_free(out);
out:
	kabi_catalog_close(c);
	return ret;
}

/* An ABI's base as the text output writes it: 4000 for mips, 0x40000000
 * for x32 (a bit, or a big round number, reads better in hexadecimal). */
static void base_text(char *buf, size_t size, int64_t base)
{
	if (base >= 0x10000)
		snprintf(buf, size, "0x%" PRIx64, (uint64_t)base);
	else
		snprintf(buf, size, "%" PRId64, base);
}

int cmd_abis(int argc, char **argv)
{
	static const char *const cols[] = {"name",        "arch",           "bits:int",     "base:int",
					   "first",       "last",           "syscalls:int", "implemented:int",
					   "description", "generations:int"};
	const kabi_cat_release *rels;
	const kabi_cat_abi *abis;
	const kabi_cat_generation *gens;
	kabi_catalog *c = NULL;
	kabi_cli_opts o;
	kabi_out *out;
	size_t nr, na, ng, i;
	int ret = start(&o, &c, &kabi_cmd_abis, argc, argv);

	if (ret)
		return ret < 0 ? KABI_EXIT_OK : ret;
	if (kabi_catalog_releases(&rels, &nr, c) < 0 || kabi_catalog_abis(&abis, &na, c) < 0 ||
	    kabi_catalog_generations(&gens, &ng, c) < 0) {
		ret = kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	out = kabi_out_new(o.fmt);
	kabi_out_table(out, "abis", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < na; i++) {
		const kabi_cat_abi *a = &abis[i];
		char bits[16], base[32], rows[16], impl[16], ngen[16];
		const char *v[10] = {a->name, a->arch, bits, base,           NULL,
				     NULL,    rows,    impl, a->description, ngen};
		size_t k;
		int g = 0;

		if (a->first_ord < 0) /* no table anywhere: not listed */
			continue;
		snprintf(bits, sizeof(bits), "%d", a->bits);
		if (o.fmt == KABI_OUT_TEXT)
			base_text(base, sizeof(base), a->base);
		else
			snprintf(base, sizeof(base), "%" PRId64, a->base);
		v[4] = rels[a->first_ord].name;
		v[5] = rels[a->last_ord].name;
		snprintf(rows, sizeof(rows), "%d", a->last_rows);
		snprintf(impl, sizeof(impl), "%d", a->last_implemented);
		for (k = 0; k < ng; k++)
			g += gens[k].abi == (int)i;
		snprintf(ngen, sizeof(ngen), "%d", g);
		kabi_out_row(out, v);
	}
	/* An ABI that lived more than once: each life, from the data. */
	for (i = 0; i < ng; i++)
		if ((i > 0 && gens[i - 1].abi == gens[i].abi) ||
		    (i + 1 < ng && gens[i + 1].abi == gens[i].abi))
			kabi_out_footer(out, "%s: generation %d: %s to %s", abis[gens[i].abi].name,
					gens[i].generation, rels[gens[i].first_ord].name,
					rels[gens[i].last_ord].name);
	if ((ret = notes_table(out, c, rels, abis)) == 0)
		kabi_out_print(out, stdout);
	kabi_out_free(out);
out:
	kabi_catalog_close(c);
	return ret;
}
