/*
 * export_seccomp_csv.c - libseccomp's src/syscalls.csv:
 *
 *   #syscall (v6.16.0 2025-08-26),x86,x86_kver,x86_64,x86_64_kver,...
 *   accept4,364,SCMP_KV_4_3,288,SCMP_KV_3_0,...
 *
 * One row per syscall that any libseccomp ABI has at the release, in
 * libseccomp's order (by name, underscores ignored); per ABI the number in
 * the kernel's table (ABI base not included) and the first release with
 * that number as SCMP_KV_MAJOR_MINOR.  PNR: the ABI has no such syscall;
 * SCMP_KV_UNDEF: the catalog cannot date it (it was there at the ABI's
 * oldest table in the catalog, or the catalog lacks the release before the
 * one it first has it at; see kver()).  libseccomp's enum starts at 3.0,
 * so older releases are written as SCMP_KV_3_0, as libseccomp itself does.
 * docs/formats.md compares the result with libseccomp's own file.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abi.h"
#include "array.h"
#include "error.h"
#include "export.h"

/* libseccomp's ABI columns, in its order (a fact of its file's layout);
 * which ABI each column is, is the registry's libseccomp column (db/abi.c). */
static const char *const seccomp_cols[] = {
	"x86",       "x86_64", "x32",      "arm", "aarch64", "loongarch64", "m68k", "mips",  "mips64",
	"mips64n32", "parisc", "parisc64", "ppc", "ppc64",   "riscv64",     "s390", "s390x", "sh",
};
#define NABIS (sizeof(seccomp_cols) / sizeof(seccomp_cols[0]))

/* The catalog's name of the ABI in libseccomp's column col. */
static const char *col_abi(const char *col)
{
	size_t i, n;
	const kabi_abi_info *abis = kabi_abis(&n);

	for (i = 0; i < n; i++)
		if (abis[i].libseccomp && strcmp(abis[i].libseccomp, col) == 0)
			return abis[i].name;
	return col;
}

/* libseccomp's order: names compared with '_' ignored, then as bytes. */
static int name_cmp(const char *a, const char *b)
{
	const char *p = a, *q = b;

	for (;;) {
		while (*p == '_')
			p++;
		while (*q == '_')
			q++;
		if (*p != *q || !*p)
			break;
		p++;
		q++;
	}
	if (*p != *q)
		return (unsigned char)*p - (unsigned char)*q;
	return strcmp(a, b);
}

static int row_ptr_cmp(const void *a, const void *b)
{
	const kabi_export_row *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static int str_cmp(const void *a, const void *b)
{
	return name_cmp(*(const char *const *)a, *(const char *const *)b);
}

typedef struct {
	kabi_export_table t;
	const kabi_export_row **byname; /* t.rows sorted by name */
	int loaded;
} abi_col;

/* *pos: the position of ABI `abi` when it has a table at release ord, -1
 * when the catalog does not have the ABI or has no table of it there. */
static int abi_at(int *pos, kabi_catalog *c, const char *abi, int ord)
{
	int present, rc;

	*pos = -1;
	rc = kabi_catalog_abi_find(pos, NULL, c, abi);
	if (rc == KABI_ENOTFOUND) {
		*pos = -1;
		return 0;
	}
	if (rc < 0 || (rc = kabi_catalog_has_table(&present, c, *pos, ord)) < 0)
		return rc;
	if (!present)
		*pos = -1;
	return 0;
}

static void header_version(FILE *f, const kabi_export_table *t)
{
	char date[16] = "";
	time_t tt = (time_t)t->commit_time;
	struct tm tm;

	if (gmtime_r(&tt, &tm))
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	if (t->major >= 3)
		fprintf(f, "v%d.%d.%d", t->major, t->minor, t->patch);
	else
		fprintf(f, "v%d.%d.%d.%d", t->major, t->minor, t->patch, t->sublevel);
	if (t->rc)
		fprintf(f, "-rc%d", t->rc);
	fprintf(f, " %s", date);
}

/* One ABI's "NR,SCMP_KV_X_Y" pair.  Where the number has been there since
 * 3.0 or before, SCMP_KV_3_0 is true whatever the catalog lacks; a later
 * date is written only where the catalog knows it (since_known: it has the
 * release just before), else SCMP_KV_UNDEF, or the first harvested release
 * with it when the caller asked for upper bounds (t->dates_upper). */
static void kver(FILE *f, const kabi_export_row *r, const kabi_export_table *t)
{
	int dated = r->since_major > 0,
	    old = r->since_major < 3 || (r->since_major == 3 && r->since_minor == 0);

	if (dated && old)
		fprintf(f, ",%lld,SCMP_KV_3_0", (long long)r->table_nr);
	else if (dated && (r->since_known || t->dates_upper)) {
		fprintf(f, ",%lld,SCMP_KV_%d_%d", (long long)r->table_nr, r->since_major, r->since_minor);
		if (!r->since_known && t->nupper)
			(*t->nupper)++;
	} else
		fprintf(f, ",%lld,SCMP_KV_UNDEF", (long long)r->table_nr);
}

int kabi_export_seccomp_csv(const kabi_export_table *t, FILE *f)
{
	abi_col cols[NABIS];
	const char **names = NULL;
	size_t nnames = 0, anames = 0, i, k;
	int rc = 0;

	memset(cols, 0, sizeof(cols));
	for (k = 0; k < NABIS; k++) {
		int pos;

		if ((rc = abi_at(&pos, t->cat, col_abi(seccomp_cols[k]), t->ord)) < 0)
			goto out;
		if (pos < 0)
			continue; /* no table at this release: every row PNR */
		rc = kabi_export_load(&cols[k].t, t->cat, pos, t->ord);
		if (rc)
			goto out;
		cols[k].loaded = 1;
		cols[k].byname = kabi_calloc(cols[k].t.n + 1, sizeof(*cols[k].byname));
		for (i = 0; i < cols[k].t.n; i++) {
			cols[k].byname[i] = &cols[k].t.rows[i];
			KABI_ARRAY_GROW(names, nnames + 1, anames);
			names[nnames++] = cols[k].t.rows[i].name;
		}
		qsort(cols[k].byname, cols[k].t.n, sizeof(*cols[k].byname), row_ptr_cmp);
	}
	if (nnames)
		qsort(names, nnames, sizeof(*names), str_cmp);

	fputs("#syscall (", f);
	header_version(f, t);
	fputc(')', f);
	for (k = 0; k < NABIS; k++)
		fprintf(f, ",%s,%s_kver", seccomp_cols[k], seccomp_cols[k]);
	fputc('\n', f);
	for (i = 0; i < nnames; i++) {
		if (i && strcmp(names[i], names[i - 1]) == 0)
			continue;
		fputs(names[i], f);
		for (k = 0; k < NABIS; k++) {
			kabi_export_row key, *kp = &key;
			const kabi_export_row **hit = NULL;

			key.name = (char *)names[i];
			if (cols[k].loaded && cols[k].t.n)
				hit = bsearch(&kp, cols[k].byname, cols[k].t.n, sizeof(*cols[k].byname),
					      row_ptr_cmp);
			if (!hit)
				fputs(",PNR,SCMP_KV_UNDEF", f);
			else
				kver(f, *hit, t);
		}
		fputc('\n', f);
	}
out:
	for (k = 0; k < NABIS; k++) {
		free(cols[k].byname);
		if (cols[k].loaded)
			kabi_export_table_free(&cols[k].t);
	}
	free(names);
	return rc;
}
