/*
 * progress.h - shows the progress of a long command (harvest, publish) on
 * stderr, from the library's kabi_progress reports (base/report.h).
 *
 * Two ways to show it:
 *   bar    a terminal: one live line, "kabi: PHASE [####....] 12/930 releases,
 *          ETA 0:41", redrawn at most 10 times a second and erased when the
 *          phase ends, or before any other message (kabi_progress_ui_clear)
 *   plain  a file or pipe: a line when a phase starts, one when it ends, and
 *          in between one per tenth of the work (at most one a second) or
 *          every 10 seconds, whichever comes first
 * and "none".  The default is bar when the stream is a terminal.
 */
#ifndef KABI_QUERY_PROGRESS_H
#define KABI_QUERY_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

#include "report.h"

typedef enum { KABI_PROGRESS_NONE, KABI_PROGRESS_PLAIN, KABI_PROGRESS_BAR } kabi_progress_mode;

typedef struct {
	kabi_progress_mode mode;
	FILE *out;
	int width;        /* bar: the terminal's columns */
	double start;     /* the phase's start (seconds, monotonic) */
	double last;      /* the last plain line or bar drawn */
	size_t last_done; /* done at the last plain line */
	size_t shown;     /* bar: columns on screen; 0 when none is */
} kabi_progress_ui;

/* "none", "plain" or "bar" into *mode; -1 for anything else. */
/* The i-th mode's name, NULL past the last (an option's values, opts.h). */
const char *kabi_progress_mode_value(size_t i, const char **help);
int kabi_progress_mode_parse(kabi_progress_mode *mode, const char *s);

/* Bar when out is a terminal, plain otherwise. */
kabi_progress_mode kabi_progress_mode_default(FILE *out);

/* Shows progress on out (borrowed; usually stderr) in the given mode. */
void kabi_progress_ui_init(kabi_progress_ui *ui, kabi_progress_mode mode, FILE *out);

/* A kabi_progress_fn: ctx is the kabi_progress_ui. */
void kabi_progress_ui_update(void *ctx, const kabi_progress *p);

/* The same at a given time (seconds on any monotonic clock): what the
 * tests call to check the pacing. */
void kabi_progress_ui_update_at(kabi_progress_ui *ui, const kabi_progress *p, double now);

/* Erases the bar, if one is shown, so that a message can be printed; the
 * next update draws it again.  Call it before any other output to the same
 * terminal and before the final summary. */
void kabi_progress_ui_clear(kabi_progress_ui *ui);

/* The pure parts, for the unit tests. */

/* Seconds left at a constant rate: elapsed * (total - done) / done; -1 when
 * it cannot be told (nothing done yet, no time elapsed) or nothing is left. */
double kabi_progress_eta(size_t done, size_t total, double elapsed);

/* A duration rounded up to the second: "0:07", "12:34", "1:02:03"; "?" when
 * negative.  Returns buf. */
char *kabi_progress_fmt_time(char *buf, size_t n, double secs);

/* The bar line at `elapsed` seconds into the phase, at most width - 1
 * columns (never wrapping), no newline.  Returns its length. */
size_t kabi_progress_fmt_bar(char *buf, size_t n, const kabi_progress *p, double elapsed, int width);

/* The plain line for p (START: "kabi: tables: started (7 releases)", STEP:
 * "kabi: tables: 3/7 releases, 1.2 s, ETA 0:03", END: "kabi: tables: done,
 * 7/7 releases in 0.2 s"), no newline.  Returns its length. */
size_t kabi_progress_fmt_line(char *buf, size_t n, const kabi_progress *p, double elapsed);

#endif
