/*
 * export.c - the table of export formats, and loading one ABI's table at
 * one release (through db/read.h) into the rows the writers format.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "export.h"

const kabi_export_format kabi_export_formats[] = {
	{"json", "json", "the table as a JSON object (abi, release, syscalls)", 1, kabi_export_json, 0},
	{"csv", "csv", "the table as CSV, the columns of 'kabi table --format csv'", 1, kabi_export_csv, 0},
	{"c-header", "h", "#ifndef __NR_x / #define __NR_x N fallbacks for a C library", 1,
	 kabi_export_c_header, 0},
	{"gdb-xml", "xml", "gdb's syscall XML (syscalls_info), numbers as gdb reads them, with groups", 1,
	 kabi_export_gdb_xml, 1},
	{"seccomp-csv", "csv", "libseccomp's src/syscalls.csv: every libseccomp ABI, with _kver columns", 0,
	 kabi_export_seccomp_csv, 0},
	{"go", "go", "golang.org/x/sys/unix's zsysnum_linux_<GOARCH>.go (SYS_READ = 0)", 1, kabi_export_go,
	 0},
	{"musl", "h", "musl's bits/syscall.h (__NR_x, then SYS_x)", 1, kabi_export_musl, 0},
	{"glibc", "h", "glibc's arch-syscall.h layout (#define __NR_x N, sorted by name)", 1,
	 kabi_export_glibc, 0},
	{"rust", "rs", "the SYS_* constants of Rust's libc crate (pub const SYS_x: ::c_long = N;)", 1,
	 kabi_export_rust, 0},
};
const size_t kabi_export_nformats = sizeof(kabi_export_formats) / sizeof(kabi_export_formats[0]);

const char *kabi_export_format_value(size_t i, const char **help)
{
	if (i >= kabi_export_nformats)
		return NULL;
	if (help)
		*help = kabi_export_formats[i].help;
	return kabi_export_formats[i].name;
}

const char *kabi_export_added(const kabi_export_row *r, char *buf, size_t size)
{
	if (!r->added)
		return NULL;
	snprintf(buf, size, "%s%s", r->added_known ? "" : "<=", r->added);
	return buf;
}

const kabi_export_format *kabi_export_format_find(const char *name)
{
	size_t i;

	for (i = 0; i < kabi_export_nformats; i++)
		if (strcmp(kabi_export_formats[i].name, name) == 0)
			return &kabi_export_formats[i];
	return NULL;
}

void kabi_export_ctext(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		fputc(*s, f);
		if (*s == '*' && s[1] == '/')
			fputc(' ', f);
	}
}

void kabi_export_linetext(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
}

int kabi_export_is_ident(const char *s)
{
	if (!s || !(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (; *s; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

/* gdb reads the number from the syscall register, as user space passed it
 * (mips from 4000/5000/6000, x32 with its bit), except on arm, where its
 * arm-linux.xml holds the EABI slot and gdb takes the OABI number from the
 * swi instruction minus 0x900000.  ABIs listed here get table numbers. */
static const char *const gdb_table_relative[] = {"arm-oabi"};

int64_t kabi_export_gdb_number(const kabi_export_table *t, const kabi_export_row *r)
{
	size_t i;

	for (i = 0; i < sizeof(gdb_table_relative) / sizeof(gdb_table_relative[0]); i++)
		if (strcmp(t->abi, gdb_table_relative[i]) == 0)
			return r->table_nr;
	return r->nr;
}

/*
 * The rows are the reader's table (kabi_catalog_table): the "added",
 * "since" and "removed" rules and whether an event dates the syscall are
 * the reader's (kabi_cat_row), so 'kabi table', the exports and the site
 * agree by construction.  Release positions become names here.
 */
static int load_rows(kabi_export_table *t, kabi_catalog *c, const kabi_cat_release *rels)
{
	const kabi_cat_abi *abis;
	size_t nabi, i;
	int rc;

	if ((rc = kabi_catalog_abis(&abis, &nabi, c)) < 0)
		return rc;
	if (t->abi_index < 0 || (size_t)t->abi_index >= nabi)
		return kabi_error_set(KABI_ENOTFOUND, "no ABI at position %d in the catalog", t->abi_index);
	t->abi = abis[t->abi_index].name;
	t->base = abis[t->abi_index].base;
	if ((rc = kabi_catalog_table(&t->tab, c, t->abi_index, t->ord)) < 0)
		return rc;
	t->n = t->tab->n;
	t->rows = kabi_calloc(t->n ? t->n : 1, sizeof(*t->rows));
	for (i = 0; i < t->n; i++) {
		const kabi_cat_row *s = &t->tab->rows[i];
		kabi_export_row *r = &t->rows[i];

		r->name = s->name;
		r->nr = s->nr;
		r->table_nr = s->table_nr;
		r->entry = s->entry;
		r->compat_entry = s->compat_entry;
		r->implemented = s->implemented;
		r->is_private = s->is_private;
		r->why = s->why;
		r->config = s->implemented == KABI_IMPL_YES ? s->config : NULL;
		r->added = s->added_ord >= 0 ? rels[s->added_ord].name : NULL;
		r->added_known = s->added_known;
		if (!s->added_known && s->added_ord > 0) {
			int before;

			if ((rc = kabi_catalog_has_table(&before, c, t->abi_index, s->added_ord - 1)) < 0)
				return rc;
			if (before)
				r->added_after = rels[s->added_ord - 1].name;
		}
		r->removed = s->removed_ord >= 0 ? rels[s->removed_ord].name : NULL;
		r->since_known = s->since_known && s->since_ord >= 0;
		if (s->since_ord >= 0) {
			r->since_major = rels[s->since_ord].v.part[0];
			r->since_minor = rels[s->since_ord].v.part[1];
		}
	}
	return 0;
}

int kabi_export_load(kabi_export_table *t, kabi_catalog *c, int abi, int ord)
{
	const kabi_cat_release *rels;
	size_t nrel;
	int rc;

	memset(t, 0, sizeof(*t));
	t->cat = c;
	t->abi_index = abi;
	if ((rc = kabi_catalog_releases(&rels, &nrel, c)) < 0)
		return rc;
	if (ord < 0 || (size_t)ord >= nrel)
		return kabi_error_set(KABI_ENOTFOUND, "no release at position %d in the catalog", ord);
	t->release = rels[ord].name;
	t->version = rels[ord].version;
	t->major = rels[ord].v.part[0];
	t->minor = rels[ord].v.part[1];
	t->patch = rels[ord].v.part[2];
	t->sublevel = rels[ord].v.part[3];
	t->rc = rels[ord].v.rc;
	t->commit_time = rels[ord].commit_time;
	t->first_release = rels[0].name;
	t->ord = ord;
	if (abi >= 0 && (rc = load_rows(t, c, rels)) < 0)
		kabi_export_table_free(t);
	return rc;
}

void kabi_export_table_free(kabi_export_table *t)
{
	if (!t)
		return;
	free(t->rows);
	kabi_cat_table_free(t->tab);
	memset(t, 0, sizeof(*t));
}
