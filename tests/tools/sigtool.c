/*
 * sigtool - the signature scanner from the command line, for the real-data
 * test and the benchmark (not installed; kabi's own commands use the
 * library through the catalog).
 *
 *   sigtool dump FILE...                      definitions in C files, TSV
 *   sigtool tree REPO REV...                  scan trees with one cache; timing
 *                                             on stderr, the last tree's
 *                                             definitions on stdout (TSV)
 *   sigtool resolve REPO REV ABI/ENTRY...     candidates, best first
 *   sigtool oracle REPO REV VERSION DIR       compare with systrack TSV files in DIR
 *                                             rows for VERSION (v6.1), per ABI
 *   sigtool ambiguous REPO REV ABI...         entries whose candidates differ other
 *                                             than by configuration variant
 *   sigtool sigs REPO REV ABI...              entry -> normalised signature for
 *                                             every definition an ABI resolves
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "repo.h"
#include "sig_tree.h"
#include "table.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *kind_name(int kind)
{
	return kind == KABI_SIG_SYS      ? "sys"
	       : kind == KABI_SIG_COMPAT ? "compat"
	       : kind == KABI_SIG_PLAIN  ? "plain"
	       : kind == KABI_SIG_COND   ? "cond"
					 : "asmlinkage";
}

static void print_def(const kabi_sigdef *d)
{
	if (d->kind == KABI_SIG_COND) /* a weak symbol, no definition */
		return;
	printf("%s\t%s\t%s\t%d\t%s\t%s:%d\t%s\t%s\n", kind_name(d->kind), d->name, d->entry, d->nargs,
	       d->norm, d->file, d->line, d->cond, d->args);
}

static int fail(const char *what)
{
	fprintf(stderr, "sigtool: %s: %s\n", what, kabi_error_last());
	return 1;
}

static int tree_of(git_oid *tree, kabi_repo *repo, const char *rev)
{
	git_object *o;

	if (git_revparse_single(&o, kabi_repo_git(repo), rev) < 0) {
		kabi_error_set(KABI_ENOTFOUND, "no revision '%s'", rev);
		return -1;
	}
	{
		git_object *t;

		if (git_object_peel(&t, o, GIT_OBJECT_TREE) < 0) {
			git_object_free(o);
			kabi_error_set(KABI_ENOTFOUND, "'%s' has no tree", rev);
			return -1;
		}
		*tree = *git_object_id(t);
		git_object_free(t);
	}
	git_object_free(o);
	return 0;
}

static int cmd_dump(int argc, char **argv)
{
	kabi_intern *pool;
	int i;

	kabi_intern_new(&pool);
	for (i = 0; i < argc; i++) {
		size_t len = 0, n, k;
		char *text;
		kabi_sigdef *defs;
		FILE *f = fopen(argv[i], "rb");

		if (!f) {
			fprintf(stderr, "sigtool: cannot open '%s'\n", argv[i]);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		len = (size_t)ftell(f);
		fseek(f, 0, SEEK_SET);
		text = malloc(len + 1);
		if (fread(text, 1, len, f) != len)
			len = 0;
		fclose(f);
		kabi_sig_scan_text(&defs, &n, text, len, argv[i], pool);
		for (k = 0; k < n; k++)
			print_def(&defs[k]);
		free(defs);
		free(text);
	}
	kabi_intern_free(pool);
	return 0;
}

typedef struct {
	kabi_repo *repo;
	kabi_intern *pool;
	kabi_sig_cache *cache;
	kabi_sigset *set;
} ctx;

static int open_tree(ctx *c, const char *repo, const char *rev)
{
	git_oid tree;
	kabi_sig_stats st;
	double t0;

	memset(c, 0, sizeof(*c));
	if (kabi_repo_open(&c->repo, repo) < 0)
		return fail("open");
	kabi_intern_new(&c->pool);
	kabi_sig_cache_new(&c->cache, c->pool);
	if (tree_of(&tree, c->repo, rev) < 0)
		return fail("rev");
	t0 = now();
	if (kabi_sig_scan_tree(&c->set, c->repo, &tree, c->cache, &st) < 0)
		return fail("scan");
	fprintf(stderr, "%s: %zu .c files, %zu read, %zu parsed, %zu definitions, %.2f s\n", rev, st.files,
		st.read, st.parsed, st.defs, now() - t0);
	return 0;
}

static void close_tree(ctx *c)
{
	kabi_sigset_free(c->set);
	kabi_sig_cache_free(c->cache);
	kabi_intern_free(c->pool);
	kabi_repo_free(c->repo);
}

static int cmd_tree(int argc, char **argv)
{
	kabi_repo *repo;
	kabi_intern *pool;
	kabi_sig_cache *cache;
	kabi_sigset *set = NULL;
	int i;

	if (argc < 2)
		return 2;
	if (kabi_repo_open(&repo, argv[0]) < 0)
		return fail("open");
	kabi_intern_new(&pool);
	kabi_sig_cache_new(&cache, pool);
	for (i = 1; i < argc; i++) {
		git_oid tree;
		kabi_sig_stats st;
		double t0;

		if (tree_of(&tree, repo, argv[i]) < 0)
			return fail("rev");
		kabi_sigset_free(set);
		t0 = now();
		if (kabi_sig_scan_tree(&set, repo, &tree, cache, &st) < 0)
			return fail("scan");
		fprintf(stderr,
			"%s: %zu .c files, %zu blobs read (%.1f MB), %zu parsed, %zu definitions, %.2f s\n",
			argv[i], st.files, st.read, (double)st.bytes_read / 1e6, st.parsed, st.defs,
			now() - t0);
	}
	{
		size_t n, k;
		const kabi_sigdef *d = kabi_sigset_defs(set, &n);

		for (k = 0; k < n; k++)
			print_def(&d[k]);
	}
	kabi_sigset_free(set);
	kabi_sig_cache_free(cache);
	kabi_intern_free(pool);
	kabi_repo_free(repo);
	return 0;
}

static const char *verdict_name(int v)
{
	static const char *const names[] = {"chosen", "variant", "excluded", "shadowed"};

	return v >= 0 && v <= 3 ? names[v] : "?";
}

static int cmd_resolve(int argc, char **argv)
{
	ctx c;
	int i;

	if (argc < 3)
		return 2;
	if (open_tree(&c, argv[0], argv[1]))
		return 1;
	for (i = 2; i < argc; i++) {
		char abiname[64];
		const char *slash = strchr(argv[i], '/');
		const kabi_abi_info *abi;
		kabi_sigcand cand[16];
		size_t n, k;

		if (!slash || (size_t)(slash - argv[i]) >= sizeof(abiname)) {
			fprintf(stderr, "sigtool: want ABI/ENTRY, not '%s'\n", argv[i]);
			return 2;
		}
		snprintf(abiname, sizeof(abiname), "%.*s", (int)(slash - argv[i]), argv[i]);
		if (!(abi = kabi_abi_find(abiname))) {
			fprintf(stderr, "sigtool: no ABI '%s'\n", abiname);
			return 2;
		}
		n = kabi_sig_candidates(cand, 16, c.set, abi, slash + 1);
		for (k = 0; k < n && k < 16; k++) {
			printf("%s\t%s\t", argv[i], verdict_name(cand[k].verdict));
			print_def(cand[k].def);
		}
		if (!n)
			printf("%s\tnone\n", argv[i]);
	}
	close_tree(&c);
	return 0;
}

static int cmd_sigs(int argc, char **argv)
{
	ctx c;
	int i;

	if (argc < 3)
		return 2;
	if (open_tree(&c, argv[0], argv[1]))
		return 1;
	for (i = 2; i < argc; i++) {
		const kabi_abi_info *abi = kabi_abi_find(argv[i]);
		size_t n, k;
		const kabi_sigdef *d = kabi_sigset_defs(c.set, &n);

		if (!abi) {
			fprintf(stderr, "sigtool: no ABI '%s'\n", argv[i]);
			return 2;
		}
		for (k = 0; k < n; k++) {
			const kabi_sigdef *r = kabi_sig_resolve(c.set, abi, d[k].entry);

			if (r == &d[k])
				printf("%s\t%s\t%s\t%s:%d\n", abi->name, r->entry, r->norm, r->file, r->line);
		}
	}
	close_tree(&c);
	return 0;
}

/* Entries with more than one candidate that are not variants of one
 * definition: where ranking, not configuration, decided. */
static int cmd_ambiguous(int argc, char **argv)
{
	ctx c;
	int i;

	if (argc < 3)
		return 2;
	if (open_tree(&c, argv[0], argv[1]))
		return 1;
	for (i = 2; i < argc; i++) {
		const kabi_abi_info *abi = kabi_abi_find(argv[i]);
		size_t n, k;
		const kabi_sigdef *d = kabi_sigset_defs(c.set, &n);

		if (!abi)
			return 2;
		for (k = 0; k < n; k++) {
			kabi_sigcand cand[16];
			size_t m = kabi_sig_candidates(cand, 16, c.set, abi, d[k].entry), j;

			if (m < 2 || cand[0].def != &d[k])
				continue;
			for (j = 1; j < m && j < 16; j++)
				if (cand[j].verdict != KABI_SIGR_VARIANT &&
				    cand[j].verdict != KABI_SIGR_EXCLUDED &&
				    cand[j].def->norm != cand[0].def->norm)
					printf("%s\t%s\t%s:%d [%s]\t%s\t%s:%d [%s]\t%s\n", abi->name,
					       d[k].entry, cand[0].def->file, cand[0].def->line,
					       cand[0].def->cond, verdict_name(cand[j].verdict),
					       cand[j].def->file, cand[j].def->line, cand[j].def->cond,
					       cand[j].def->norm);
		}
	}
	close_tree(&c);
	return 0;
}

/* systrack's file names and kabi's ABI names. */
static const struct {
	const char *file, *abi;
} oracle_files[] = {
	{"x86-64-x64.tsv", "x86_64"},
	{"x86-64-x32.tsv", "x32"},
	{"x86-32-ia32.tsv", "i386"},
	{"x86-64-ia32.tsv", "i386"},
	{"arm-32-eabi.tsv", "arm"},
	{"arm-32-oabi.tsv", "arm-oabi"},
	{"arm64-64-aarch64.tsv", "arm64"},
	{"arm64-64-aarch32.tsv", "arm64-compat"},
	{"mips-32-o32.tsv", "mips-o32"},
	{"mips-64-o32.tsv", "mips-o32"},
	{"mips-64-n32.tsv", "mips-n32"},
	{"mips-64-n64.tsv", "mips-n64"},
	{"powerpc-32-ppc32.tsv", "powerpc"},
	{"powerpc-64-ppc32.tsv", "powerpc"},
	{"powerpc-64-ppc64.tsv", "powerpc64"},
	{"riscv-32-rv32.tsv", "riscv32"},
	{"riscv-64-rv32.tsv", "riscv32"},
	{"riscv-64-rv64.tsv", "riscv64"},
	{"s390-64-s390.tsv", "s390"},
	{"s390-64-s390x.tsv", "s390x"},
};

/* Splits a TSV line in place; returns the field count. */
static int split_tab(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	while (*line && n < max) {
		if (*line == '\t') {
			*line = '\0';
			f[n++] = line + 1;
		} else if (*line == '\n') {
			*line = '\0';
		}
		line++;
	}
	if (n)
		f[n - 1][strcspn(f[n - 1], "\n")] = '\0';
	return n;
}

static int cmd_oracle(int argc, char **argv)
{
	ctx c;
	size_t i;
	size_t tot = 0, tagree = 0;

	if (argc < 4)
		return 2;
	if (open_tree(&c, argv[0], argv[1]))
		return 1;
	for (i = 0; i < sizeof(oracle_files) / sizeof(oracle_files[0]); i++) {
		char path[4096], line[8192];
		FILE *f;
		const kabi_abi_info *abi = kabi_abi_find(oracle_files[i].abi);
		size_t compared = 0, agree = 0, missing = 0;

		snprintf(path, sizeof(path), "%s/%s", argv[3], oracle_files[i].file);
		if (!(f = fopen(path, "r"))) {
			fprintf(stderr, "sigtool: cannot open '%s'\n", path);
			return 1;
		}
		while (fgets(line, sizeof(line), f)) {
			char *fl[10];
			const char *entry, *want;
			const kabi_sigdef *d;

			if (split_tab(line, fl, 10) < 9 || strcmp(fl[0], argv[2]) != 0)
				continue;
			/* ppc64 ELFv1 kernels name functions by their code symbol: .sys_exit */
			entry = kabi_entry_normalize(c.pool, fl[4] + (fl[4][0] == '.'));
			want = kabi_sig_normalize(c.pool, fl[5], 0);
			d = kabi_sig_resolve(c.set, abi, entry);
			compared++;
			if (!d) {
				missing++;
				printf("MISSING\t%s\t%s\t%s\t%s\t%s:%s\n", oracle_files[i].file, fl[2], entry,
				       want, fl[6], fl[7]);
			} else if (d->norm == want) {
				agree++;
			} else {
				printf("DIFF\t%s\t%s\t%s\tkabi=%s (%s:%d)\tsystrack=%s (%s:%s)\n",
				       oracle_files[i].file, fl[2], entry, d->norm, d->file, d->line, want,
				       fl[6], fl[7]);
			}
		}
		fclose(f);
		printf("RATE\t%s\t%s\t%zu/%zu\t%.2f%%\tmissing %zu\n", oracle_files[i].file, abi->name, agree,
		       compared, compared ? 100.0 * (double)agree / (double)compared : 0.0, missing);
		tot += compared;
		tagree += agree;
	}
	printf("TOTAL\t%zu/%zu\t%.2f%%\n", tagree, tot, tot ? 100.0 * (double)tagree / (double)tot : 0.0);
	close_tree(&c);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "dump") == 0)
		return cmd_dump(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "tree") == 0)
		return cmd_tree(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "resolve") == 0)
		return cmd_resolve(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "oracle") == 0)
		return cmd_oracle(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "ambiguous") == 0)
		return cmd_ambiguous(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "sigs") == 0)
		return cmd_sigs(argc - 2, argv + 2);
	fprintf(stderr, "usage: sigtool dump|tree|resolve|oracle|sigs ...\n");
	return 2;
}
