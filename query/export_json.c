/*
 * export_json.c - the table as one JSON object:
 *   {"abi": "x86_64", "release": "v6.12", "version": "6.12", "base": 0,
 *    "syscalls": [{"nr": 0, "table_nr": 0, "name": "read", "entry": "sys_read",
 *                  "compat_entry": null, "implemented": true,
 *                  "added": "v4.0", "removed": null}, ...]}
 * Empty entry points are null.  SQLite's json functions read it back
 * (tests/cli/test_export.sh).
 */
#include <string.h>

#include "export.h"
#include "utf8.h"

static void str(FILE *f, const char *s)
{
	if (!s || !*s) {
		fputs("null", f);
		return;
	}
	const char *end = s + strlen(s);

	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		size_t k = c < 0x80 ? 1 : kabi_utf8_seq(s, (size_t)(end - s));

		if (!k) {
			fputs("\xef\xbf\xbd", f); /* not UTF-8: U+FFFD */
		} else if (k > 1) {
			fwrite(s, 1, k, f);
			s += k - 1;
		} else if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

int kabi_export_json(const kabi_export_table *t, FILE *f)
{
	size_t i;

	fputs("{\"abi\": ", f);
	str(f, t->abi);
	fputs(", \"release\": ", f);
	str(f, t->release);
	fputs(", \"version\": ", f);
	str(f, t->version);
	fprintf(f, ", \"base\": %lld,\n \"syscalls\": [", (long long)t->base);
	for (i = 0; i < t->n; i++) {
		const kabi_export_row *r = &t->rows[i];
		char added[80];

		fprintf(f, "%s\n  {\"nr\": %lld, \"table_nr\": %lld, \"name\": ", i ? "," : "",
			(long long)r->nr, (long long)r->table_nr);
		str(f, r->name);
		fputs(", \"entry\": ", f);
		str(f, r->entry);
		fputs(", \"compat_entry\": ", f);
		str(f, r->compat_entry);
		/* null: unknown (the era's entry table was not read) */
		fprintf(f, ", \"implemented\": %s, \"added\": ",
			r->implemented == KABI_IMPL_YES  ? "true"
			: r->implemented == KABI_IMPL_NO ? "false"
							 : "null");
		str(f, kabi_export_added(r, added, sizeof(added)));
		fputs(", \"removed\": ", f);
		str(f, r->removed);
		fprintf(f, ", \"private\": %s", r->is_private ? "true" : "false");
		fputs(", \"why\": ", f);
		str(f, r->why);
		fputs(", \"config\": ", f);
		str(f, r->config);
		fputc('}', f);
	}
	fputs(t->n ? "\n ]}\n" : "]}\n", f);
	return 0;
}
