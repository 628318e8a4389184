/*
 * kabi harvest [REPO] [--db FILE] [--refs PATTERN]... [--quiet] [--progress=plain|bar|none]
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
#include "progress.h"

static const char usage[] = "kabi harvest [REPO] [--db FILE] [--refs PATTERN]... [--quiet] "
			    "[--progress=plain|bar|none]";

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

typedef struct {
	int quiet;
	size_t notes;
	kabi_progress_ui bar;
} harvest_ui;

static void note(void *ctx, const char *msg)
{
	harvest_ui *ui = ctx;

	ui->notes++;
	if (ui->quiet)
		return;
	kabi_progress_ui_clear(&ui->bar);
	fprintf(stderr, "kabi: note: %s\n", msg);
}

static void progress(void *ctx, const kabi_progress *p)
{
	harvest_ui *ui = ctx;
	const char *delay = getenv("KABI_TEST_HARVEST_DELAY_MS");

	/* For the tests that interrupt a harvest midway or watch its progress:
	 * a pause per step (a release; a range in the attribution). */
	if (delay && p->event == KABI_PROGRESS_STEP)
		usleep((useconds_t)atoi(delay) * 1000);
	kabi_progress_ui_update(&ui->bar, p);
}

int cmd_harvest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"refs", required_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		{"progress", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	kabi_harvest_opts opts = KABI_HARVEST_OPTS_INIT;
	kabi_harvest_stats stats;
	harvest_ui ui;
	kabi_progress_mode mode = kabi_progress_mode_default(stderr);
	const char **patterns = NULL;
	size_t npatterns = 0;
	const char *db = NULL;
	struct sigaction sa;
	int c, err;

	memset(&ui, 0, sizeof(ui));
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
		case 'p':
			if (kabi_progress_mode_parse(&mode, optarg) < 0) {
				free(patterns);
				return kabi_cli_usage(usage, "unknown progress '%s' (plain, bar or none)", optarg);
			}
			break;
		case 'h':
			printf("usage: %s\n\nReads every release tag (vX.Y, vX.Y-rcN, vX.Y.Z) of the kernel git repository\n"
			       "REPO (default: .) and records each ABI's syscall table in the catalog.  Only\n"
			       "releases the catalog does not have yet are read.  --refs takes fnmatch\n"
			       "patterns of other refs; their version comes from the name or the Makefile.\n"
			       "Progress goes to stderr: a bar on a terminal, plain lines otherwise\n"
			       "(--progress); --quiet prints only errors: no progress, notes or summary.\n",
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
	kabi_progress_ui_init(&ui.bar, ui.quiet ? KABI_PROGRESS_NONE : mode, stderr);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	err = kabi_harvest(&stats, &opts);
	kabi_progress_ui_clear(&ui.bar);
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
