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
 * An ABI whose tables ended before the release keeps the numbers of its
 * last table, as libseccomp keeps them (s390 after its 31-bit compat went).
 * With a libseccomp header (kabi_seccomp_lib_read()), only that release's
 * columns and SCMP_KV_ values are written.
 * docs/formats.md compares the result with libseccomp's own file.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abi.h"
#include "array.h"
#include "error.h"
#include "export.h"
#include "file.h"
#include "table.h"

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

struct kabi_seccomp_lib {
	unsigned char col[NABIS]; /* col[k]: its header defines column k's SCMP_ARCH_ */
	int (*kv)[2];             /* its SCMP_KV_MAJOR_MINOR values */
	size_t nkv, akv;
};

/* 1 when the identifier at p (len bytes) is word: not part of a longer one. */
static int ident_is(const char *p, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(p, word, len) == 0;
}

static int is_ident_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
}

int kabi_seccomp_lib_read(kabi_seccomp_lib **out, const char *path)
{
	kabi_seccomp_lib *lib;
	char *buf, *p, *end, upper[32];
	size_t len, k, i, narch = 0;
	int rc;

	*out = NULL;
	if ((rc = kabi_file_read(&buf, &len, path, (size_t)16 << 20)) < 0)
		return rc;
	lib = kabi_calloc(1, sizeof(*lib));
	end = buf + len;
	for (p = buf; p < end; p++) {
		const char *id;
		size_t n;

		if (!is_ident_char(*p) || (p > buf && is_ident_char(p[-1])))
			continue;
		for (id = p; p < end && is_ident_char(*p); p++)
			;
		n = (size_t)(p - id);
		if (n > 10 && memcmp(id, "SCMP_ARCH_", 10) == 0) {
			for (k = 0; k < NABIS; k++) {
				for (i = 0; seccomp_cols[k][i] && i + 1 < sizeof(upper); i++)
					upper[i] =
						(char)(seccomp_cols[k][i] >= 'a' && seccomp_cols[k][i] <= 'z'
							       ? seccomp_cols[k][i] - 'a' + 'A'
							       : seccomp_cols[k][i]);
				upper[i] = '\0';
				if (ident_is(id + 10, n - 10, upper) && !lib->col[k]) {
					lib->col[k] = 1;
					narch++;
				}
			}
		} else if (n > 8 && memcmp(id, "SCMP_KV_", 8) == 0) {
			int maj, min, used;

			if (sscanf(id + 8, "%d_%d%n", &maj, &min, &used) == 2 && (size_t)used == n - 8) {
				KABI_ARRAY_GROW(lib->kv, lib->nkv + 1, lib->akv);
				lib->kv[lib->nkv][0] = maj;
				lib->kv[lib->nkv][1] = min;
				lib->nkv++;
			}
		}
		if (p >= end)
			break;
	}
	free(buf);
	if (!narch) {
		kabi_seccomp_lib_free(lib);
		return kabi_error_set(KABI_EINVALID,
				      "'%s': not libseccomp's seccomp.h (no SCMP_ARCH_ of any ABI)", path);
	}
	*out = lib;
	return 0;
}

void kabi_seccomp_lib_free(kabi_seccomp_lib *lib)
{
	if (!lib)
		return;
	free(lib->kv);
	free(lib);
}

/* 1 when the libseccomp of the export knows SCMP_KV_maj_min (any without
 * a header given). */
static int lib_has_kv(const kabi_seccomp_lib *lib, int maj, int min)
{
	size_t i;

	for (i = 0; lib && i < lib->nkv; i++)
		if (lib->kv[i][0] == maj && lib->kv[i][1] == min)
			return 1;
	return !lib;
}

/* *pos: the position of ABI `abi`, -1 when the catalog does not have it
 * or no table of it at or before release ord; *at: its table to read, the
 * one at ord or, when its tables ended before ord, its last one. */
static int abi_at(int *pos, int *at, kabi_catalog *c, const char *abi, int ord)
{
	const kabi_cat_release *rels;
	unsigned char *tab;
	size_t nrel;
	int rc;

	*pos = *at = -1;
	rc = kabi_catalog_abi_find(pos, NULL, c, abi);
	if (rc == KABI_ENOTFOUND) {
		*pos = -1;
		return 0;
	}
	if (rc < 0 || (rc = kabi_catalog_releases(&rels, &nrel, c)) < 0)
		return rc;
	if (ord < 0 || (size_t)ord >= nrel)
		return kabi_error_set(KABI_EINVALID, "no release at position %d in the catalog", ord);
	tab = kabi_calloc(nrel, 1);
	if ((rc = kabi_catalog_table_releases(tab, nrel, c, *pos)) < 0) {
		free(tab);
		return rc;
	}
	for (*at = ord; *at >= 0 && !tab[*at]; (*at)--)
		;
	free(tab);
	if (*at < 0)
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

/* One ABI's ",SCMP_KV_X_Y" (after its number).  Where the number has been
 * there since 3.0 or before, SCMP_KV_3_0 is true whatever the catalog
 * lacks; a later date is written only where the catalog knows it
 * (since_known: it has the release just before), or the first harvested
 * release with it when the caller asked for upper bounds (t->dates_upper);
 * and only a value the libseccomp of t->lib knows.  SCMP_KV_UNDEF else. */
static void kver(FILE *f, const kabi_export_row *r, const kabi_export_table *t)
{
	int dated = r->since_major > 0,
	    old = r->since_major < 3 || (r->since_major == 3 && r->since_minor == 0);

	if (dated && old && lib_has_kv(t->lib, 3, 0))
		fputs(",SCMP_KV_3_0", f);
	else if (dated && !old && (r->since_known || t->dates_upper) &&
		 lib_has_kv(t->lib, r->since_major, r->since_minor)) {
		fprintf(f, ",SCMP_KV_%d_%d", r->since_major, r->since_minor);
		if (!r->since_known && t->nupper)
			(*t->nupper)++;
	} else
		fputs(",SCMP_KV_UNDEF", f);
}

int kabi_export_seccomp_csv(const kabi_export_table *t, FILE *f)
{
	abi_col cols[NABIS];
	const char **names = NULL;
	size_t nnames = 0, anames = 0, i, k;
	int rc = 0;

	memset(cols, 0, sizeof(cols));
	for (k = 0; k < NABIS; k++) {
		int pos, at;

		if (t->lib && !t->lib->col[k])
			continue; /* a column that libseccomp does not have */
		if ((rc = abi_at(&pos, &at, t->cat, col_abi(seccomp_cols[k]), t->ord)) < 0)
			goto out;
		if (pos < 0)
			continue; /* no table at or before this release: every row PNR */
		rc = kabi_export_load(&cols[k].t, t->cat, pos, at);
		if (rc)
			goto out;
		cols[k].loaded = 1;
		cols[k].byname = kabi_calloc(cols[k].t.n + 1, sizeof(*cols[k].byname));
		for (i = 0; i < cols[k].t.n; i++) {
			cols[k].byname[i] = &cols[k].t.rows[i];
			/* a slot the table calls unusedNN has no name user space
			 * (or libseccomp, whose build needs one) could use */
			if (kabi_name_is_placeholder(cols[k].t.rows[i].name))
				continue;
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
	for (k = 0; k < NABIS; k++) {
		if (t->lib && !t->lib->col[k])
			continue;
		fprintf(f, ",%s", seccomp_cols[k]);
		if (!t->lib || t->lib->nkv)
			fprintf(f, ",%s_kver", seccomp_cols[k]);
	}
	fputc('\n', f);
	for (i = 0; i < nnames; i++) {
		if (i && strcmp(names[i], names[i - 1]) == 0)
			continue;
		fputs(names[i], f);
		for (k = 0; k < NABIS; k++) {
			kabi_export_row key, *kp = &key;
			const kabi_export_row **hit = NULL;

			if (t->lib && !t->lib->col[k])
				continue;
			key.name = (char *)names[i];
			if (cols[k].loaded && cols[k].t.n)
				hit = bsearch(&kp, cols[k].byname, cols[k].t.n, sizeof(*cols[k].byname),
					      row_ptr_cmp);
			if (hit)
				fprintf(f, ",%lld", (long long)(*hit)->table_nr);
			else
				fputs(",PNR", f);
			if (t->lib && !t->lib->nkv)
				continue; /* libseccomp 2.5: no _kver columns */
			if (hit)
				kver(f, *hit, t);
			else
				fputs(",SCMP_KV_UNDEF", f);
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
