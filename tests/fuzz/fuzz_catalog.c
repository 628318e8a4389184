/*
 * fuzz_catalog.c - libFuzzer harness for the catalog reader (db/read.h).
 *
 * Published catalogs are handed to others, so every query command must
 * survive a damaged or crafted file: the input is written to a file and
 * opened as a catalog; when it opens, the harness asks what the query
 * commands ask (releases, ABIs, names, tables, spans, events, signatures,
 * histories, numbers, statuses) and frees every answer.  An error is fine;
 * a crash, a leak or undefined behaviour is not.
 *
 * The corpus holds small real catalogs (tests/fuzz/corpus_catalog, made by
 * tests/fuzz/make-catalog-corpus.sh) for mutations to start from.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read.h"

static char path[64];

static void write_input(const uint8_t *data, size_t size)
{
	FILE *f;

	if (!path[0]) {
		int fd;

		snprintf(path, sizeof(path), "/tmp/kabi-fuzz-catalog-XXXXXX");
		if ((fd = mkstemp(path)) < 0)
			abort();
		close(fd);
	}
	if (!(f = fopen(path, "wb")) || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
}

/* What `kabi table`, `show`, `diff`, `check` and `export` read for one ABI. */
static void ask_abi(kabi_catalog *c, int abi, size_t nrel, const kabi_cat_syscall *sc, size_t nsc)
{
	unsigned char on[64];
	kabi_cat_spans *spans;
	size_t ord, i;

	if (kabi_catalog_abi_spans(&spans, c, abi) == 0)
		kabi_cat_spans_free(spans);
	if (nrel <= sizeof(on)) {
		kabi_catalog_table_releases(on, nrel, c, abi);
		if (nsc)
			kabi_catalog_implemented_releases(on, nrel, c, sc[0].id, abi);
	}
	for (ord = 0; ord < nrel && ord < 4; ord++) {
		kabi_cat_table *t;
		kabi_cat_signatures *sigs;
		kabi_cat_nr_match m;
		int present, dated;

		kabi_catalog_has_table(&present, c, abi, (int)ord);
		kabi_catalog_dated(&dated, c, abi, (int)ord);
		if (kabi_catalog_table(&t, c, abi, (int)ord) == 0)
			kabi_cat_table_free(t);
		if (kabi_catalog_signatures_at(&sigs, c, (int)ord, abi) == 0)
			kabi_cat_signatures_free(sigs);
		kabi_catalog_syscall_by_nr(&m, c, abi, 0, (int)ord);
		kabi_catalog_syscall_by_nr(&m, c, abi, -1, (int)ord);
		for (i = 0; i < nsc && i < 4; i++) {
			kabi_cat_status st;

			kabi_catalog_syscall_status(&st, c, sc[i].id, abi, (int)ord);
		}
	}
	if (nrel >= 2) {
		kabi_cat_sigchanges *ch;

		if (kabi_catalog_signature_changes(&ch, c, 0, (int)nrel - 1, abi) == 0)
			kabi_cat_sigchanges_free(ch);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const kabi_cat_release *rel;
	const kabi_cat_abi *abis;
	const kabi_cat_syscall *sc;
	kabi_cat_suggestions sugg;
	kabi_release_resolution rr;
	kabi_cat_syscall found;
	kabi_catalog *c;
	size_t nrel = 0, nabi = 0, nsc = 0, a, i;
	int abi;

	write_input(data, size);
	if (kabi_catalog_open_read(&c, path) < 0)
		return 0;
	if (kabi_catalog_releases(&rel, &nrel, c) < 0)
		nrel = 0;
	if (kabi_catalog_abis(&abis, &nabi, c) < 0)
		nabi = 0;
	if (kabi_catalog_syscalls(&sc, &nsc, c) < 0)
		nsc = 0;
	kabi_catalog_resolve_release(&rr, c, "6.1");
	kabi_catalog_resolve_release(&rr, c, "v5.10");
	kabi_catalog_abi_find(&abi, &sugg, c, "x86_64");
	kabi_catalog_abi_find(&abi, &sugg, c, "x86_46");
	kabi_catalog_syscall_find(&found, &sugg, c, "OPENAT", KABI_CAT_NOCASE);
	kabi_catalog_syscall_find(&found, &sugg, c, "opnat", 0);
	for (a = 0; a < nabi && a < 4; a++)
		ask_abi(c, (int)a, nrel, sc, nsc);
	if (nrel) {
		kabi_cat_events *ev;

		if (kabi_catalog_events(&ev, c, 0, (int)nrel - 1, -1) == 0) {
			kabi_strbuf sb = KABI_STRBUF_INIT;

			for (i = 0; i < ev->n && i < 64; i++)
				kabi_cat_event_describe(&sb, &ev->v[i], "x86_64");
			kabi_strbuf_free(&sb);
			kabi_cat_events_free(ev);
		}
	}
	for (i = 0; i < nsc && i < 4; i++) {
		kabi_cat_history *h;

		if (kabi_catalog_history(&h, c, sc[i].id, -1) == 0)
			kabi_cat_history_free(h);
	}
	kabi_catalog_close(c);
	return 0;
}
