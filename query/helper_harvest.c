/*
 * kabi harvest [REPO] [--db FILE] [--refs PATTERN]... [--quiet] [--progress=plain|bar|none]
 * - in kabi-helper only; its table is in cmd_harvest.c.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "harvest.h"
#include "progress.h"

/* cli.h: this file is linked into kabi-helper (and the unit tests), never
 * into kabi, whose 0 is in main.c. */
const int kabi_cli_helper = 1;

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
	kabi_cli_say("note: ", msg);
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
	kabi_harvest_opts opts = KABI_HARVEST_OPTS_INIT;
	kabi_harvest_stats stats;
	harvest_ui ui;
	kabi_progress_mode mode = kabi_progress_mode_default(stderr);
	kabi_cli_opts o;
	struct sigaction sa;
	int i, err;

	i = kabi_cli_parse(&o, &kabi_cmd_harvest, argc, argv);
	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (argc - i > 1) {
		kabi_cli_opts_free(&o);
		return kabi_cli_usage(&kabi_cmd_harvest, "one repository at a time");
	}
	if (o.progress && kabi_progress_mode_parse(&mode, o.progress) < 0) {
		kabi_cli_usage(&kabi_cmd_harvest, "unknown progress '%s' (bar, plain or none)", o.progress);
		kabi_cli_opts_free(&o);
		return KABI_EXIT_ERROR;
	}
	memset(&ui, 0, sizeof(ui));
	ui.quiet = o.quiet;
	opts.repo = i < argc ? argv[i] : ".";
	opts.db = kabi_cli_db_path(o.db);
	opts.patterns = o.refs;
	opts.npatterns = o.nrefs;
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
	if (getenv("KABI_TRACE_PHASES")) {
		size_t k;

		for (k = 0; k < stats.nphases; k++)
			fprintf(stderr, "kabi: %-12s %8.3f s  cpu %8.3f s  rss %6ld MiB\n",
				stats.phases[k].name, stats.phases[k].wall, stats.phases[k].cpu,
				stats.phases[k].rss_mib);
	}
	kabi_cli_opts_free(&o);
	if (err < 0)
		return kabi_cli_error("%s", kabi_error_last());
	if (!ui.quiet) {
		if (stats.up_to_date)
			fprintf(stderr, "kabi: '%s' is up to date (%zu releases)\n", opts.db, stats.releases);
		else
			fprintf(stderr,
				"kabi: harvested %zu new release%s into '%s': %zu releases, %zu spans, "
				"%zu events (%zu table files parsed%s)\n",
				stats.new_releases, stats.new_releases == 1 ? "" : "s", opts.db,
				stats.releases, stats.spans, stats.events, stats.blobs_parsed,
				stats.warnings ? ", see the notes above" : "");
	}
	return KABI_EXIT_OK;
}
