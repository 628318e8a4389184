/*
 * export_csv.c - the table as CSV, with exactly the columns and quoting of
 * 'kabi table --format csv' (both go through output.c), so one parser reads
 * both: nr,name,entry,compat_entry,implemented,added,removed,private,why,config
 * (implemented 1, 0 or "unknown"; why empty when the entry says it all;
 * config: the Kconfig options an implemented one is built under, empty
 * when none; each of the last two left out when no row has one).
 */
#include "export.h"
#include "output.h"

int kabi_export_csv(const kabi_export_table *t, FILE *f)
{
	static const char *const cols[] = {"nr:int",           "name",      "entry",   "compat_entry",
					   "implemented:bool", "added",     "removed", "private:bool",
					   "why:opt",          "config:opt"};
	kabi_out *out = kabi_out_new(KABI_OUT_CSV);
	size_t i;

	kabi_out_table(out, "table", cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < t->n; i++) {
		const kabi_export_row *r = &t->rows[i];
		char nr[32], added[80];
		const char *v[10];

		snprintf(nr, sizeof(nr), "%lld", (long long)r->nr);
		v[0] = nr;
		v[1] = r->name;
		v[2] = r->entry;
		v[3] = r->compat_entry;
		v[4] = r->implemented == KABI_IMPL_YES  ? "1"
		       : r->implemented == KABI_IMPL_NO ? "0"
							: "unknown";
		v[5] = kabi_export_added(r, added, sizeof(added));
		v[6] = r->removed;
		v[7] = r->is_private ? "1" : "0";
		v[8] = r->why;
		v[9] = r->config;
		kabi_out_row(out, v);
	}
	kabi_out_print(out, f);
	kabi_out_free(out);
	return 0;
}
