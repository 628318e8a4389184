/*
 * kabi harvest [REPO] [--db FILE] [--refs PATTERN]... [--quiet]
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "harvest.h"

static const char usage[] = "kabi harvest [REPO] [--db FILE] [--refs PATTERN]... [--quiet]";

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

typedef struct {
	int tty, quiet;
	size_t notes;
} harvest_ui;

static void note(void *ctx, const char *msg)
{
	harvest_ui *ui = ctx;

	ui->notes++;
	if (ui->quiet)
		return;
	if (ui->tty)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "kabi: note: %s\n", msg);
}

static void progress(void *ctx, size_t done, size_t total, const char *what)
{
	harvest_ui *ui = ctx;
	const char *delay = getenv("KABI_TEST_HARVEST_DELAY_MS");

	/* For the tests that interrupt a harvest midway: a pause per release. */
	if (delay)
		usleep((useconds_t)atoi(delay) * 1000);

	if (!ui->tty || ui->quiet)
		return;
	fprintf(stderr, "\r\033[Kkabi: reading %s (%zu/%zu)", what, done, total);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

int cmd_harvest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"refs", required_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	kabi_harvest_opts opts = KABI_HARVEST_OPTS_INIT;
	kabi_harvest_stats stats;
	harvest_ui ui = {0, 0, 0};
	const char **patterns = NULL;
	size_t npatterns = 0;
	const char *db = NULL;
	struct sigaction sa;
	int c, err;

	optind = 1;
	while ((c = getopt_long(argc, argv, "d:r:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'r':
			patterns = realloc(patterns, (npatterns + 1) * sizeof(*patterns));
			patterns[npatterns++] = optarg;
			break;
		case 'q':
			ui.quiet = 1;
			break;
		case 'h':
			printf("usage: %s\n\nReads every release tag (vX.Y, vX.Y-rcN, vX.Y.Z) of the kernel git repository\n"
			       "REPO (default: .) and records each ABI's syscall table in the catalog.  Only\n"
			       "releases the catalog does not have yet are read.  --refs takes fnmatch\n"
			       "patterns of other refs; their version comes from the name or the Makefile.\n",
			       usage);
			free(patterns);
			return KABI_EXIT_OK;
		default:
			free(patterns);
			return kabi_cli_usage(usage, "bad option");
		}
	}
	if (argc - optind > 1) {
		free(patterns);
		return kabi_cli_usage(usage, "one repository at a time");
	}
	opts.repo = optind < argc ? argv[optind] : ".";
	opts.db = kabi_cli_db_path(db);
	opts.patterns = patterns;
	opts.npatterns = npatterns;
	opts.note = note;
	opts.progress = progress;
	opts.interrupted = &interrupted;
	opts.ctx = &ui;
	ui.tty = isatty(STDERR_FILENO);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	err = kabi_harvest(&stats, &opts);
	free(patterns);
	if (err < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (!ui.quiet) {
		if (stats.up_to_date)
			fprintf(stderr, "kabi: '%s' is up to date (%zu releases)\n", opts.db, stats.releases);
		else
			fprintf(stderr, "kabi: harvested %zu new release%s into '%s': %zu releases, %zu spans, "
					"%zu events (%zu table files parsed%s)\n",
				stats.new_releases, stats.new_releases == 1 ? "" : "s", opts.db, stats.releases,
				stats.spans, stats.events, stats.blobs_parsed,
				stats.warnings ? ", see the notes above" : "");
	}
	return KABI_EXIT_OK;
}
